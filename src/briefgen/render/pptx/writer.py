"""Deck → .pptx bytes: each fitted slide placed on its template layout's placeholders, with marking, number and notes.

The deck arrives decided and measured (layout/deck.py); this module only writes it. The
template arrives read and prepared (template.py): each slide starts from a copy of
its layout's prototype, and the package is the template's parts with the deck's added
(render/office/package.py).
"""

from __future__ import annotations

from copy import deepcopy
from datetime import datetime

from lxml import etree

from ...images import Image
from ...inline import Span
from ...layout import deck as layout
from ...output import package
from ..office.template import Template
from ...theme import Theme
from ..office import core_properties
from ..office.carried_fonts import carried_families
from ..office import package as office_package
from . import embedded_fonts, figures
from .app import app_properties
from ..office.core_properties import CoreProperties
from .notes import Notes
from ..office.package import Part
from .prepared import Prototype
from .template import prepared
from .text import Typesetter
from .xml import EMU_PER_PT, HYPERLINK, IMAGE, IMAGE_TYPES, NOTES_MASTER, SLIDE, SLIDE_LAYOUT, SLIDE_TYPE
from .xml import emu, parsed, qn, serialized
from ...typography import WATERMARK_OPACITY, typography

EDGE = emu(layout.EDGE)  # the marking's distance from the slide's right edge, and the draft line's from the foot
FIRST_SLIDE_ID = 256  # the lowest a slide id may be; the template's own slides are dropped
TXBODY, SLIDE_ID, RID = qn("p:txBody"), qn("p:sldId"), qn("r:id")
_OFF, _EXT, _SLIDE_IDS = qn("a:off"), qn("a:ext"), qn("p:sldIdLst")


def geometry(theme: Theme, template: Template | None) -> layout.Geometry:
    """The text frames, in points inside the deck's insets, of the template's title and body placeholders."""
    base = prepared(theme, template)
    frames = base.frames
    return layout.Geometry(titles={name: title for name, (title, _) in frames.items()},
                           bodies={name: bodies for name, (_, bodies) in frames.items()},
                           furniture=base.furniture,
                           slide=(base.slide_size[0] / EMU_PER_PT, base.slide_size[1] / EMU_PER_PT))


def render(deck: layout.Deck, theme: Theme, *, template: Template | None, when: datetime,
           warnings: list[str] | None = None) -> bytes:
    """The deck as .pptx bytes; why a template's layouts could not be used is appended to ``warnings``."""
    base = prepared(theme, template)
    if base.warning and warnings is not None:
        warnings.append(base.warning)
    root, parts = office_package.copied(base.root, extra=(base.notes_master,), blobs=base.blobs)
    presentation, notes_master = parts[base.presentation_part], parts[base.notes_master]
    listing = deepcopy(base.presentation)  # p:presentation, its slide list empty
    slide_ids = listing.find(_SLIDE_IDS)
    about = deck.properties
    text = Typesetter(theme.fonts.family, about.language)
    roles = typography(theme).deck
    prototypes = {key: _marked(base.prototype(*key), text, about.marking, emu(deck.marking_width), base.slide_size,
                               (deck.copy, emu(deck.copy_width), roles.copy.colour), _copy_foot(deck, theme))
                  for key in dict.fromkeys((s.layout, len(s.bodies)) for s in deck.slides)}
    prototypes = {key: _title_placed(prototype, deck.title_boxes[key[0]]) if key[0] in deck.title_boxes else prototype
                  for key, prototype in prototypes.items()}
    if deck.watermark:
        prototypes = {key: _drafted(prototype, deck, text, theme, base.slide_size)
                      for key, prototype in prototypes.items()}
    notes = Notes(base.notes, base.notes_body, roles.notes.size)
    images = _Images(parts.values())
    if deck.logo and deck.logo.layouts:
        title_layout = base.prototype(layout.TITLE_SLIDE, 1).layout
        for part in dict.fromkeys(p.layout for (name, _), p in prototypes.items() if name != layout.TITLE_SLIDE):
            if part is not title_layout:  # a template whose title slide shares a layout shows its own logo
                _logo_on_layout(parts[part], deck.logo, images.part(deck.logo.image))
    # A figure or table is drawn where the layout's body text would go, inside the insets it was fitted to.
    drawing = (base.content_box[0] + emu(layout.INSET_X), base.content_box[1] + emu(layout.INSET_Y))
    # Every slide's part made first: a slide may link to a later one.
    slide_parts = [Part(f"/ppt/slides/slide{number}.xml", SLIDE_TYPE) for number in range(1, len(deck.slides) + 1)]
    for number, (s, part) in enumerate(zip(deck.slides, slide_parts), 1):
        # Related in python-pptx's order (layout, slide, its links and images, notes), so rIds are its own.
        prototype = prototypes[(s.layout, len(s.bodies))]
        part.relate(parts[prototype.layout], SLIDE_LAYOUT)
        etree.SubElement(slide_ids, SLIDE_ID, id=str(FIRST_SLIDE_ID + number - 1)).set(
            RID, presentation.relate(part, SLIDE))
        part.blob = _slide(s, number, prototype, part, text, theme, drawing,
                           lambda image: part.relate(images.part(image), IMAGE),
                           lambda target: part.relate(slide_parts[target - 1], SLIDE), deck.logo)
        if number == 1 and base.new_notes_master:
            presentation.relate(notes_master, NOTES_MASTER)
        notes.add(part, notes_master, number, s.notes)
    families, refused = carried_families(theme, "pptx")
    if families:  # PowerPoint readers may lack a font the deck was fitted in: the deck carries it
        embedded_fonts.embed(presentation, listing, families)
    if warnings is not None:
        warnings += refused
    presentation.blob = serialized(listing)
    parts[base.core].blob = _core_properties(base.core, deck, when)
    if base.app is not None:
        parts[base.app].blob = app_properties(about, slides=len(deck.slides), notes=len(deck.slides),
                                              size=base.slide_size)
    return package(office_package.entries(root), when)


def _slide(s: layout.Slide, number: int, prototype: Prototype, part: Part, text: Typesetter, theme: Theme,
           drawing: tuple[int, int], image_rid, slide_rid, logo: layout.DeckLogo | None = None) -> bytes:
    """The slide's XML: a copy of its layout's prototype with its title, bodies (or drawing) and number written."""
    element = deepcopy(prototype.element)
    bodies = list(element.iter(TXBODY))
    p = text.paragraph(bodies[prototype.title], pitch=s.title_pitch)
    roles = typography(theme).deck
    title = roles.title_slide if s.layout == layout.TITLE_SLIDE else roles.title
    text.runs(p, (Span(s.title, bold=True),), s.title_size, family=title.font.family)
    for items, index in zip(s.bodies, prototype.bodies):
        _fill(text, bodies[index], items, s.size, part, theme, slide_rid)
    if s.layout == layout.TITLE_SLIDE and logo and logo.title:
        x, y, w, h = (emu(v) for v in logo.title)
        figures.add_picture(element.find(qn("p:cSld")).find(qn("p:spTree")), "Logo", logo.alt,
                            image_rid(logo.image), x, y, w, h)
    if s.figure or s.table:
        sp_tree = element.find(qn("p:cSld")).find(qn("p:spTree"))
        if s.figure:
            figures.add_figure(sp_tree, s.figure, *drawing, text, image_rid)
        else:
            figures.add_table(sp_tree, s.table, *drawing, text, theme, s.title)
    size = typography(theme).deck.slide_number.size
    p = text.paragraph(bodies[prototype.number], pitch=size * layout.LINE_SPACING, align="r")
    text.slide_number(p, number, size)
    return serialized(element)


def _logo_on_layout(part: Part, logo: layout.DeckLogo, image: Part) -> None:
    """The logo on a slide layout, where it shows on every slide of it; decorative, as it repeats."""
    element = parsed(part.blob)
    x, y, w, h = (emu(v) for v in logo.layouts)
    figures.add_picture(element.find(qn("p:cSld")).find(qn("p:spTree")), "Logo", "", part.relate(image, IMAGE),
                        x, y, w, h)
    part.blob = serialized(element)


def _marked(prototype: Prototype, text: Typesetter, marking, width: int, slide: tuple[int, int],
            copy: tuple[str, int, str], foot: tuple[int, int] | None) -> Prototype:
    """The prototype with the TLP label top right, as wide as its text, in its colour on black (TLP 2.0),
    and a numbered copy's line just left of it, or at ``foot`` (its left edge and its distance above the
    slide's foot)."""
    slide_width = slide[0]
    element = deepcopy(prototype.element)
    body = list(element.iter(TXBODY))[prototype.marking]
    shape = body.getparent()
    if copy[0] and foot:
        _copy_line(shape, text, *copy, left=foot[0], bottom=slide[1] - foot[1])
    elif copy[0]:
        _copy_line(shape, text, *copy, left=slide_width - EDGE - width - copy[1])
    xfrm = shape.find(qn("p:spPr")).find(qn("a:xfrm"))
    xfrm.find(_OFF).set("x", str(slide_width - EDGE - width))
    xfrm.find(_EXT).set("cx", str(width))
    p = text.paragraph(body, pitch=layout.MARKING_SIZE * layout.LINE_SPACING, align="ctr")
    text.runs(p, (Span(marking.value, bold=True),), layout.MARKING_SIZE, colour=marking.colour)
    return Prototype(prototype.layout, element, prototype.title, prototype.bodies, prototype.number,
                     prototype.marking)


def _title_placed(prototype: Prototype, box: layout.Box) -> Prototype:
    """The prototype with its title placeholder at ``box`` (points), where the layout narrowed it clear of the marking."""
    element = deepcopy(prototype.element)
    shape = list(element.iter(TXBODY))[prototype.title].getparent()
    properties = shape.find(qn("p:spPr"))
    xfrm = properties.find(qn("a:xfrm"))
    if xfrm is None:  # a placeholder that inherits its place from the layout
        xfrm = etree.Element(qn("a:xfrm"))
        properties.insert(0, xfrm)
        etree.SubElement(xfrm, _OFF)
        etree.SubElement(xfrm, _EXT)
    left, top, width, height = (emu(v) for v in box)
    xfrm.find(_OFF).attrib.update({"x": str(left), "y": str(top)})
    xfrm.find(_EXT).attrib.update({"cx": str(width), "cy": str(height)})
    return Prototype(prototype.layout, element, prototype.title, prototype.bodies, prototype.number,
                     prototype.marking)


def _drafted(prototype: Prototype, deck: layout.Deck, text: Typesetter, theme: Theme,
             slide: tuple[int, int]) -> Prototype:
    """The prototype with the draft's watermark over it and its version and date left of the slide number."""
    element = deepcopy(prototype.element)
    sp_tree = element.find(qn("p:cSld")).find(qn("p:spTree"))
    # At the foot of the slide, level with the slide number at the right.
    footer = typography(theme).deck.footer
    height = emu(footer.size * 2)
    left = emu(deck.dated_left) if deck.dated_left else EDGE
    body = figures.add_text_box(sp_tree, "Draft", left, slide[1] - EDGE - height, slide[0] // 3, height)
    p = text.paragraph(body, pitch=footer.size * layout.LINE_SPACING, align="l")
    text.runs(p, (Span(deck.dated),), footer.size, colour=footer.colour)
    figures.add_watermark(sp_tree, deck.watermark, slide, text, typography(theme).deck.watermark.colour,
                          WATERMARK_OPACITY)
    return Prototype(prototype.layout, element, prototype.title, prototype.bodies, prototype.number,
                     prototype.marking)


def _copy_foot(deck: layout.Deck, theme: Theme) -> tuple[int, int] | None:
    """Where a copy's line at the foot goes: the left edge of a draft's line there, and above it if the deck is a
    draft (see _drafted)."""
    if not deck.copy_at_foot:
        return None
    above = emu(typography(theme).deck.footer.size * 2) if deck.watermark else 0
    return (emu(deck.dated_left) if deck.dated_left else EDGE), EDGE + above


def _copy_line(marking_shape, text: Typesetter, line: str, width: int, colour: str, *, left: int,
               bottom: int | None = None) -> None:
    """A box like the marking's, without its fill, holding the copy's line in the muted colour: left of the
    marking, or with its foot at ``bottom``, aligned left."""
    shape = deepcopy(marking_shape)
    # Last in the shape tree, so that the prototype's indices of its text bodies still hold.
    marking_shape.getparent().append(shape)
    names = shape.find(qn("p:nvSpPr")).find(qn("p:cNvPr"))
    ids = [int(e.get("id")) for e in marking_shape.getparent().iter(qn("p:cNvPr")) if e.get("id", "").isdigit()]
    names.set("id", str(max(ids) + 1))
    names.set("name", "Copy")
    properties = shape.find(qn("p:spPr"))
    for fill in [c for c in properties if c.tag in (qn("a:solidFill"), qn("a:gradFill"), qn("a:pattFill"))]:
        properties.remove(fill)
    xfrm = properties.find(qn("a:xfrm"))
    xfrm.find(_OFF).set("x", str(left))
    xfrm.find(_EXT).set("cx", str(width))
    if bottom is not None:
        xfrm.find(_OFF).set("y", str(bottom - int(xfrm.find(_EXT).get("cy"))))
    body = shape.find(TXBODY)
    for old in body.findall(qn("a:p")):
        body.remove(old)
    p = text.paragraph(body, pitch=layout.COPY_SIZE * layout.LINE_SPACING, align="r" if bottom is None else "l")
    text.runs(p, (Span(line),), layout.COPY_SIZE, colour=colour)


def _fill(text: Typesetter, body, items, size: float, part: Part, theme: Theme, slide_rid) -> None:
    first = True
    for item in items:
        indent = item.indent * size
        pitch = size * layout.LINE_SPACING
        if item.spans:
            p = text.paragraph(body, pitch=pitch, before=0.0 if first else layout.SPACE_BEFORE * size,
                               indent=indent, bullet=item.bullet, number=item.number)
            text.runs(p, item.spans, size, link=lambda url: part.link(url, HYPERLINK),
                      jump=slide_rid(item.jump) if item.jump else None,
                      link_colour=typography(theme).deck.link.colour)
            first = False
        if item.badge:
            p = text.paragraph(body, pitch=pitch, before=layout.BADGE_SPACE * size, indent=indent)
            badge = typography(theme).deck.badge
            text.runs(p, (Span(item.badge, bold=badge.bold),), size, colour=badge.colour)
            first = False


def _core_properties(base: Part, deck: layout.Deck, when: datetime) -> bytes:
    """docProps/core.xml: the template's (or python-pptx's default), filled from the deck's properties."""
    core = CoreProperties(base.blob)
    core_properties.stamp(core, deck.properties, when)
    return core.blob


class _Images:
    """The package's image parts by content, a new one named /ppt/media/imageN.ext as python-pptx names it."""

    def __init__(self, parts) -> None:
        self._parts = list(parts)
        self._found: dict[bytes, Part] | None = None

    def part(self, image: Image) -> Part:
        if self._found is None:
            self._found = {p.blob: p for p in self._images()}  # python-pptx compares their SHA-1s
        blob = image.data  # without its metadata (images.py)
        if blob not in self._found:
            extension, content_type = IMAGE_TYPES[image.format]
            self._found[blob] = Part(f"/ppt/media/image{self._free()}.{extension}", content_type, blob)
        return self._found[blob]

    def _images(self) -> list[Part]:
        return list(dict.fromkeys(target for part in self._parts for reltype, target, external in part.rels.values()
                                  if reltype == IMAGE and not external))

    def _free(self) -> int:
        """The lowest number no image part has, as python-pptx finds it."""
        taken = sorted(int(n) for p in self._found.values()
                       if p.partname.startswith("/ppt/media/image")
                       and (n := p.partname[len("/ppt/media/image"):].partition(".")[0]).isdigit())
        for free, number in enumerate(taken, 1):
            if free < number:
                return free
        return len(taken) + 1
