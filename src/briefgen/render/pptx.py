"""Deck → .pptx bytes: each fitted slide placed on its template layout's placeholders, with marking, number and notes.

The deck arrives decided and measured (layout/deck.py); this module only maps it to
python-pptx. The template is the built-in templates/default/deck.pptx or the user's
``--template``: its layouts are found by name, so a corporate master keeps its look.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Inches, Pt

from ..inline import Span
from ..layout import deck as layout
from ..layout.measure import Metrics
from ..marking import MARKING_BACKGROUND
from ..output import OutputError, normalise_zip
from ..theme import Theme, templates_root
from .pptx_app import with_app_properties
from .pptx_notes import add_notes
from .pptx_text import Typesetter

MARKING_SIZE = 14.0
FOOTER_SIZE = 12.0
EDGE = Inches(0.3)  # the marking's distance from the slide's top and right edges
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
BODY_COUNT = {layout.TWO_CONTENT: 2}


class TemplateError(OutputError):
    """A .pptx template cannot be opened or lacks a slide layout or placeholder the deck needs."""


def template_path(theme: Theme, template: Path | None) -> Path:
    """The user's template, else the theme's deck.pptx, else the built-in one."""
    if template is not None:
        return template
    own = theme.folder / "deck.pptx"
    return own if own.is_file() else templates_root() / "default" / "deck.pptx"


def geometry(theme: Theme, template: Path | None) -> layout.Geometry:
    """The text frames, in points inside the deck's insets, of the template's title and body placeholders."""
    path = template_path(theme, template)
    roles = _roles(_layouts(_open(path), path), path)

    def frame(ph, lines: int, size: float) -> layout.Frame:
        made = layout.Frame(Emu(ph.width).pt - 2 * layout.INSET_X, Emu(ph.height).pt - 2 * layout.INSET_Y)
        # Too small a frame would leave no room to fit text at the sizes the deck allows.
        if made.height < lines * size * layout.LINE_SPACING + layout.HEIGHT_RESERVE or made.width < 10 * size:
            raise TemplateError(f'{path}: placeholder "{ph.name}" of slide layout "{ph.part.slide_layout.name}" '
                                f"is too small ({Emu(ph.width).inches:.1f} × {Emu(ph.height).inches:.1f} in) "
                                f"for {lines} line(s) at {size:g} pt")
        return made

    return layout.Geometry(
        titles={name: frame(title, 1, layout.TITLE_MIN) for name, (title, _, _) in roles.items()},
        bodies={name: tuple(frame(b, 3, theme.deck.min_body) for b in bodies) for name, (_, bodies, _) in roles.items()})


def render(deck: layout.Deck, theme: Theme, *, template: Path | None, when: datetime) -> bytes:
    path = template_path(theme, template)
    prs = _open(path)
    roles = _roles(_layouts(prs, path), path)
    _drop_slides(prs)
    meta = deck.meta
    text = Typesetter(theme.fonts.family, meta.language)
    marking_width = Pt(Metrics(theme.fonts).width(meta.marking.value, MARKING_SIZE, bold=True)
                       + 2 * layout.INSET_X + 2)
    for number, s in enumerate(deck.slides, 1):
        title_ph, body_phs, number_ph = roles[s.layout]
        slide = prs.slides.add_slide(title_ph.part.slide_layout)
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        title = placeholders.pop(title_ph.placeholder_format.idx)
        text.frame(title.text_frame)
        p = text.paragraph(title.text_frame, pitch=s.title_size * layout.TITLE_LINE_SPACING)
        text.runs(p, (Span(s.title, bold=True),), s.title_size)
        for items, ph in zip(s.bodies, body_phs):
            body = placeholders.pop(ph.placeholder_format.idx)
            _fill(text, body, items, s.size, slide.part, theme)
        for unused in placeholders.values():  # e.g. a picture placeholder of a corporate layout
            unused._element.getparent().remove(unused._element)
        _marking(slide, text, meta.marking, prs.slide_width, marking_width)
        _number(slide, text, number_ph, number, prs)
        add_notes(prs, slide, number, s.notes, theme.deck.notes)
    _properties(prs, meta, when)
    out = io.BytesIO()
    prs.save(out)
    data = with_app_properties(out.getvalue(), slides=len(deck.slides), notes=len(deck.slides),
                               size=(prs.slide_width, prs.slide_height), company=meta.organisation)
    return normalise_zip(data, when)


def _fill(text: Typesetter, body, items, size: float, part, theme: Theme) -> None:
    text.frame(body.text_frame)
    first = True
    for item in items:
        indent = layout.INDENT * size if item.indented else 0.0
        pitch = size * layout.LINE_SPACING
        if item.spans:
            p = text.paragraph(body.text_frame, pitch=pitch, before=0.0 if first else layout.SPACE_BEFORE * size,
                               indent=indent, bullet=item.bullet)
            text.runs(p, item.spans, size, part=part)
            first = False
        if item.badge:
            p = text.paragraph(body.text_frame, pitch=pitch, before=layout.BADGE_SPACE * size, indent=indent)
            text.runs(p, (Span(item.badge, bold=True),), size, colour=theme.colours.accent)
            first = False


def _marking(slide, text: Typesetter, marking, slide_width: int, width: int) -> None:
    """The TLP label top right, in its colour on black, as TLP 2.0 asks."""
    height = Pt(MARKING_SIZE * layout.LINE_SPACING + 2 * layout.INSET_Y)
    box = slide.shapes.add_textbox(slide_width - EDGE - width, Inches(0.12), width, height)
    box.name = "Marking"
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor.from_string(MARKING_BACKGROUND)
    text.frame(box.text_frame, anchor="ctr")
    p = text.paragraph(box.text_frame, pitch=MARKING_SIZE * layout.LINE_SPACING, align="ctr")
    text.runs(p, (Span(marking.value, bold=True),), MARKING_SIZE, colour=marking.colour)


def _number(slide, text: Typesetter, number_ph, number: int, prs) -> None:
    """The slide number in the layout's slide-number placeholder, or bottom right if it has none."""
    if number_ph is not None:
        slide.shapes.clone_placeholder(number_ph)
        shape = slide.placeholders[number_ph.placeholder_format.idx]
    else:
        shape = slide.shapes.add_textbox(prs.slide_width - Inches(2.3), prs.slide_height - Inches(0.5),
                                         Inches(2.0), Inches(0.4))
    text.frame(shape.text_frame)
    p = text.paragraph(shape.text_frame, pitch=FOOTER_SIZE * layout.LINE_SPACING, align="r")
    text.slide_number(p, number, FOOTER_SIZE)


def _properties(prs, meta, when: datetime) -> None:
    props = prs.core_properties
    props.title = _property(meta.title)
    props.subject = _property(meta.subtitle)
    props.author = _property(meta.authors)
    props.last_modified_by = _property(meta.organisation)
    props.keywords = _property("; ".join(meta.keywords))
    props.category = "Analytic brief"
    props.content_status = meta.marking.value
    props.language = meta.language
    props.comments = ""
    props.created = props.modified = props.last_printed = when.replace(tzinfo=None)
    props.revision = 1


def _property(text: str) -> str:
    """Core properties hold at most 255 characters (the OOXML limit python-pptx enforces)."""
    return text if len(text) <= 255 else text[:254] + "\u2026"


def _open(path: Path):
    try:
        return Presentation(str(path))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{path}: not a PowerPoint template this tool can open: {exc}") from None


def _layouts(prs, path: Path) -> dict:
    found = {}
    for master in prs.slide_masters:
        for slide_layout in master.slide_layouts:
            found.setdefault(slide_layout.name, slide_layout)
    missing = [name for name in layout.LAYOUTS if name not in found]
    if missing:
        names = ", ".join(f'"{n}"' for n in found) or "none"
        raise TemplateError(
            f"{path}: the template has no slide layout named "
            + ", ".join(f'"{m}"' for m in missing)
            + f"; its layouts are {names}. Rename a layout in its slide master to "
              f"{', '.join(repr(n) for n in layout.LAYOUTS)} (the names PowerPoint uses).")
    return found


def _roles(layouts: dict, path: Path) -> dict:
    """For each layout the deck uses: its title placeholder, body placeholders (left to right) and slide number."""
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
        roles[name] = (titles[0], tuple(bodies[:wanted]), numbers[0] if numbers else None)
    return roles


def _drop_slides(prs) -> None:
    """A template's own example slides are not part of the deck."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)
