"""Deck → .pptx bytes: each fitted slide placed on its template layout's placeholders, with marking, number and notes.

The deck arrives decided and measured (layout/deck.py); this module only maps it to
python-pptx. The template is the built-in templates/default/deck.pptx or the user's
``--template``: its layouts are found by name, so a corporate master keeps its look.
"""

from __future__ import annotations

import zipfile
from copy import deepcopy
from datetime import datetime
from functools import partial
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import SlidePart
from pptx.util import Emu, Inches, Pt

from ..inline import Span
from ..layout import deck as layout
from ..layout.properties import Properties
from ..marking import MARKING_BACKGROUND
from ..output import OutputError, normalise_zip
from ..template_package import Template
from ..theme import Theme, templates_root
from . import core_properties, pptx_figures, pptx_theme
from .pptx_app import app_properties
from .pptx_notes import Notes
from .pptx_internals import relate, stored
from .pptx_text import Typesetter
from ..value import Value

FOOTER_SIZE = 12.0
EDGE = Inches(0.3)  # the marking's distance from the slide's top and right edges
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
BODY_COUNT = {layout.TWO_CONTENT: 2}
TXBODY, SLIDE_ID, RID = qn("p:txBody"), qn("p:sldId"), qn("r:id")


class TemplateError(OutputError):
    """A .pptx template cannot be opened or lacks a slide layout or placeholder the deck needs."""


BUILT_IN = templates_root() / "default" / "deck.pptx"
# What LibreOffice Impress calls the layouts when it saves a template (it renames PowerPoint's).
LAYOUT_ALIASES = {layout.CONTENT: ("Title, Content",), layout.TWO_CONTENT: ("Title, 2 Content",),
                  layout.SECTION: ("Title, Content",)}


def template_path(theme: Theme, template: Template | None) -> Template | Path:
    """The user's template, else the theme's own deck.pptx (both sanitised), else the built-in one (ours)."""
    return template or theme.slides or BUILT_IN


def _template(theme: Theme, template: Template | None, *, warnings: list[str] | None = None):
    """The template's path, the presentation to build on and the roles of its layouts.

    A template whose layouts are named otherwise, or cannot hold the deck's text, falls back to
    the built-in deck, as pandoc falls back to its own layouts, and says why in ``warnings``.
    """
    path = template_path(theme, template)
    prs = _open(path)
    try:
        roles = _roles(_layouts(prs), path, theme)
    except TemplateError as exc:
        if path == BUILT_IN:
            raise
        if warnings is not None:
            warnings.append(f"{exc}; the deck uses briefgen's built-in layouts instead")
        path = BUILT_IN
        prs = _open(path)
        roles = _roles(_layouts(prs), path, theme)
    if template is None or path == BUILT_IN:  # the theme's own deck: theme.toml's colours; a reference keeps its own
        pptx_theme.apply(prs, theme)
    return path, prs, roles


def geometry(theme: Theme, template: Template | None) -> layout.Geometry:
    """The text frames, in points inside the deck's insets, of the template's title and body placeholders."""
    _, _, roles = _template(theme, template)
    return layout.Geometry(
        titles={name: _frame(title) for name, (title, _, _) in roles.items()},
        bodies={name: tuple(_frame(b) for b in bodies) for name, (_, bodies, _) in roles.items()})


def _frame(ph) -> layout.Frame:
    return layout.Frame(Emu(ph.width).pt - 2 * layout.INSET_X, Emu(ph.height).pt - 2 * layout.INSET_Y)


def _check_frame(ph, lines: int, size: float, path: Path) -> None:
    """Too small a frame would leave no room to fit text at the sizes the deck allows."""
    made = _frame(ph)
    if made.height < lines * size * layout.LINE_SPACING + layout.HEIGHT_RESERVE or made.width < 10 * size:
        raise TemplateError(f'{path}: placeholder "{ph.name}" of slide layout "{ph.part.slide_layout.name}" '
                            f"is too small ({Emu(ph.width).inches:.1f} × {Emu(ph.height).inches:.1f} in) "
                            f"for {lines} line(s) at {size:g} pt")


def render(deck: layout.Deck, theme: Theme, *, template: Template | None, when: datetime,
           warnings: list[str] | None = None) -> bytes:
    """The deck as .pptx bytes; why a template's layouts could not be used is appended to ``warnings``."""
    _, prs, roles = _template(theme, template, warnings=warnings)
    _drop_slides(prs)
    about = deck.properties
    text = Typesetter(theme.fonts.family, about.language)
    prototypes = {key: _prototype(prs, roles[key[0]], key[1], text, about.marking, Pt(deck.marking_width))
                  for key in dict.fromkeys((s.layout, len(s.bodies)) for s in deck.slides)}
    notes = Notes(prs, theme.deck.notes)
    package = prs.part.package
    slide_ids = prs.slides._sldIdLst
    first_id = max((int(i) for i in slide_ids.xpath("./p:sldId/@id")), default=255) + 1
    for number, s in enumerate(deck.slides, 1):
        prototype = prototypes[(s.layout, len(s.bodies))]
        # What python-pptx's add_slide does, in the same order, so relationship ids are the same.
        part = Part(PackURI(f"/ppt/slides/slide{number}.xml"), CT.PML_SLIDE, package)
        relate(part, prototype.layout, RT.SLIDE_LAYOUT)
        slide_id = etree.SubElement(slide_ids, SLIDE_ID, id=str(first_id + number - 1))
        slide_id.set(RID, relate(prs.part, part, RT.SLIDE))
        element = deepcopy(prototype.element)
        bodies = list(element.iter(TXBODY))
        p = text.paragraph(bodies[prototype.title], pitch=s.title_size * layout.TITLE_LINE_SPACING)
        text.runs(p, (Span(s.title, bold=True),), s.title_size)
        link = partial(part.relate_to, reltype=RT.HYPERLINK, is_external=True)
        for items, index in zip(s.bodies, prototype.bodies):
            _fill(text, bodies[index], items, s.size, link, theme)
        if s.figure or s.table:
            # Drawn where the layout's body text would go, inside the same insets it was fitted to.
            frame = roles[layout.CONTENT][1][0]
            left, top = frame.left + Pt(layout.INSET_X), frame.top + Pt(layout.INSET_Y)
            sp_tree = element.find(qn("p:cSld")).find(qn("p:spTree"))
            if s.figure:
                pptx_figures.add_figure(sp_tree, s.figure, left, top, text, lambda image: part.relate_to(
                    package.get_or_add_image_part(str(image.path)), RT.IMAGE))
            else:
                pptx_figures.add_table(sp_tree, s.table, left, top, text, theme, s.title)
        p = text.paragraph(bodies[prototype.number], pitch=FOOTER_SIZE * layout.LINE_SPACING, align="r")
        text.slide_number(p, number, FOOTER_SIZE)
        notes.add(part, number, s.notes)
        part.blob = serialize_part_xml(element)
    core_properties.stamp(prs.core_properties, about, when)
    _app_properties(prs, about, slides=len(deck.slides))
    return normalise_zip(stored(package), when)


class _Prototype(Value):
    """A slide of one layout with its placeholders cloned, framed and marked: only its text is left to write."""

    layout: object          # the slide layout part
    element: object         # the p:sld element
    title: int              # positions of the text bodies to fill, in document order
    bodies: tuple[int, ...]
    number: int


def _prototype(prs, role, count: int, text: Typesetter, marking, marking_width: int) -> _Prototype:
    """Made once per layout as python-pptx makes a slide; each slide of that layout starts from a copy."""
    title_ph, body_phs, number_ph = role
    slide_layout = title_ph.part.slide_layout
    slide = SlidePart.new(PackURI("/ppt/slides/prototype.xml"), prs.part.package, slide_layout.part).slide
    slide.shapes.clone_layout_placeholders(slide_layout)
    placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    title = placeholders.pop(title_ph.placeholder_format.idx).text_frame._txBody
    text.frame(title)
    bodies = [placeholders.pop(ph.placeholder_format.idx).text_frame._txBody for ph in body_phs[:count]]
    for body in bodies:
        text.frame(body)
    for unused in placeholders.values():  # e.g. a picture placeholder of a corporate layout
        unused._element.getparent().remove(unused._element)
    _marking(slide, text, marking, prs.slide_width, marking_width)
    number = _number(slide, text, number_ph, prs)
    order = list(slide.element.iter(TXBODY))
    return _Prototype(slide_layout.part, slide.element, order.index(title),
                      tuple(order.index(b) for b in bodies), order.index(number))


def _fill(text: Typesetter, body, items, size: float, link, theme: Theme) -> None:
    first = True
    for item in items:
        indent = layout.INDENT * size if item.indented else 0.0
        pitch = size * layout.LINE_SPACING
        if item.spans:
            p = text.paragraph(body, pitch=pitch, before=0.0 if first else layout.SPACE_BEFORE * size,
                               indent=indent, bullet=item.bullet)
            text.runs(p, item.spans, size, link=link)
            first = False
        if item.badge:
            p = text.paragraph(body, pitch=pitch, before=layout.BADGE_SPACE * size, indent=indent)
            text.runs(p, (Span(item.badge, bold=True),), size, colour=theme.colours.accent)
            first = False


def _marking(slide, text: Typesetter, marking, slide_width: int, width: int) -> None:
    """The TLP label top right, in its colour on black, as TLP 2.0 asks."""
    height = Pt(layout.MARKING_SIZE * layout.LINE_SPACING + 2 * layout.INSET_Y)
    box = slide.shapes.add_textbox(slide_width - EDGE - width, Inches(0.12), width, height)
    box.name = "Marking"
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor.from_string(MARKING_BACKGROUND)
    body = box.text_frame._txBody
    text.frame(body, anchor="ctr")
    p = text.paragraph(body, pitch=layout.MARKING_SIZE * layout.LINE_SPACING, align="ctr")
    text.runs(p, (Span(marking.value, bold=True),), layout.MARKING_SIZE, colour=marking.colour)


def _number(slide, text: Typesetter, number_ph, prs):
    """The text body for the slide number: the layout's slide-number placeholder, or a box bottom right."""
    if number_ph is not None:
        slide.shapes.clone_placeholder(number_ph)
        shape = slide.placeholders[number_ph.placeholder_format.idx]
    else:
        shape = slide.shapes.add_textbox(prs.slide_width - Inches(2.3), prs.slide_height - Inches(0.5),
                                         Inches(2.0), Inches(0.4))
    body = shape.text_frame._txBody
    text.frame(body)
    return body


def _app_properties(prs, about: Properties, *, slides: int) -> None:
    """The template's docProps/app.xml, if it has one, replaced by one describing the deck."""
    try:
        part = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    except KeyError:
        return
    part.blob = app_properties(about, slides=slides, notes=slides, size=(prs.slide_width, prs.slide_height))


def _open(path: Template | Path):
    try:
        return Presentation(path.open() if isinstance(path, Template) else str(path))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{path}: not a PowerPoint template this tool can open: {exc}") from None


def _layouts(prs) -> dict:
    """The template's slide layouts by name (the first of each name, master by master), LibreOffice's names too."""
    found = {}
    for master in prs.slide_masters:
        for slide_layout in master.slide_layouts:
            found.setdefault(slide_layout.name, slide_layout)
    for name, aliases in LAYOUT_ALIASES.items():
        alias = next((a for a in aliases if a in found), None)
        if name not in found and alias is not None:
            found[name] = found[alias]
    return found


def _roles(layouts: dict, path: Path, theme: Theme) -> dict:
    """For each layout the deck uses: its title placeholder, body placeholders (left to right) and slide number."""
    missing = [name for name in layout.LAYOUTS if name not in layouts]
    if missing:
        names = ", ".join(f'"{n}"' for n in layouts) or "none"
        raise TemplateError(f"{path}: the template has no slide layout named "
                            + ", ".join(f'"{m}"' for m in missing) + f" (its layouts are {names}; rename "
                            f"layouts in its slide master to {', '.join(repr(n) for n in layout.LAYOUTS)} to use it)")
    roles = {}
    for name in layout.LAYOUTS:
        placeholders = list(layouts[name].placeholders)
        titles = [ph for ph in placeholders if ph.placeholder_format.type in TITLES]
        bodies = sorted((ph for ph in placeholders if ph.placeholder_format.type in BODIES),
                        key=lambda ph: (ph.left, ph.top))
        numbers = [ph for ph in placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        wanted = BODY_COUNT.get(name, 1)
        if not titles or len(bodies) < wanted:
            raise TemplateError(f'{path}: slide layout "{name}" needs a title placeholder and {wanted} '
                                f"text placeholder{'s' if wanted > 1 else ''}; it has {len(titles)} and {len(bodies)}")
        _check_frame(titles[0], 1, layout.TITLE_MIN, path)
        for body in bodies[:wanted]:
            _check_frame(body, 3, theme.deck.min_body, path)
        roles[name] = (titles[0], tuple(bodies[:wanted]), numbers[0] if numbers else None)
    return roles


def _drop_slides(prs) -> None:
    """A template's own example slides are not part of the deck."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)
