"""A .pptx template read with python-pptx into a Prepared template (template.py), as python-pptx makes slides.

Layouts are found by name (LibreOffice's names too) or by type, their title, body and slide-number
placeholders by type; a prototype slide of a layout is made as python-pptx's add_slide
makes one, so shape ids and names are its own. Every part is kept as python-pptx would
save it. tools/prepare_deck_template.py prepares the built-in template with it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesMasterPart, NotesSlidePart, SlidePart
from pptx.util import Emu, Inches, Pt

from ...layout import deck as layout
from ...marking import MARKING_BACKGROUND
from ..office.template import Template
from .internals import root_relationships, slide_ids, text_body
from ..office.package import Part
from ...errors import TemplateError
from .prepared import Placeholder, Prepared, Prototype
from .text import frame
from .xml import emu, qn

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
BODY_COUNT = {layout.TWO_CONTENT: 2}
MARKING_TOP = Emu(emu(layout.MARKING_TOP))
# The slide number's box where a layout has no placeholder for it: its left and top edges' distances from
# the slide's right and bottom edges, its width and height.
NUMBER_BOX = (Inches(2.3), Inches(0.5), Inches(2.0), Inches(0.4))
# What LibreOffice Impress calls the layouts when it saves a template (it renames PowerPoint's).
LAYOUT_ALIASES = {layout.CONTENT: ("Title, Content",), layout.TWO_CONTENT: ("Title, 2 Content",),
                  layout.SECTION: ("Title, Content",)}
# The type (ST_SlideLayoutType) of each layout the deck uses, which PowerPoint keeps in every language.
LAYOUT_TYPES = {layout.TITLE_SLIDE: "title", layout.CONTENT: "obj", layout.SECTION: "secHead",
                layout.TWO_CONTENT: "twoObj"}
_TXBODY = qn("p:txBody")


def read(path: Template | Path) -> Prepared:
    """The template at ``path`` prepared; TemplateError if python-pptx cannot open it.

    A template whose layouts cannot hold the deck is prepared with only its ``problem``.
    """
    prs = _open(path)
    try:
        roles = _roles(_layouts(prs), path)
    except TemplateError as exc:
        return Prepared(path, problem=str(exc))
    _drop_slides(prs)
    package = prs.part.package
    try:
        master = prs.part.part_related_by(RT.NOTES_MASTER)
        new_notes_master = False
    except KeyError:
        master = NotesMasterPart.create_default(package)
        new_notes_master = True
    notes, notes_body = _notes_prototype(master)
    core = prs.core_properties  # python-pptx adds a default part if the template has none
    try:
        app = package.part_related_by(RT.EXTENDED_PROPERTIES)
    except KeyError:
        app = None
    root, parts = _parts(package, extra=(master,))
    content = roles[layout.CONTENT][1][0]

    def prototype(name: str, count: int) -> Prototype:
        made = _prototype(prs, *roles[name], count)
        return Prototype(parts[made[0]], *made[1:])

    return Prepared(path, placeholders={name: (_placeholder(title), tuple(_placeholder(b) for b in bodies))
                                        for name, (title, bodies, _) in roles.items()},
                    furniture={name: tuple(_box(shape) for shape in (title, *bodies))
                               + (_box(number) if number is not None else _number_fallback(prs),)
                               for name, (title, bodies, number) in roles.items()},
                    slide_size=(prs.slide_width, prs.slide_height), content_box=(content.left, content.top),
                    root=root, parts={part.partname: part for part in parts.values()},
                    presentation=str(prs.part.partname), notes_master=str(master.partname),
                    new_notes_master=new_notes_master, core=str(core.partname),
                    app=str(app.partname) if app is not None else None, notes=notes, notes_body=notes_body,
                    make_prototype=prototype)


def _parts(package, extra: tuple = ()) -> tuple[dict, dict]:
    """The package's root relationships and every part (and ``extra``'s) as bytes, relationships kept."""
    made: dict = {}

    def part(of) -> Part:
        if of not in made:
            made[of] = Part(str(of.partname), of.content_type, of.blob)
            for rid, rel in of.rels.items():
                made[of].rels[rid] = (rel.reltype, rel.target_ref if rel.is_external else part(rel.target_part),
                                      rel.is_external)
        return made[of]

    root = {rid: (rel.reltype, rel.target_ref if rel.is_external else part(rel.target_part), rel.is_external)
            for rid, rel in root_relationships(package).items()}
    for of in extra:
        part(of)
    return root, made


def _placeholder(ph) -> Placeholder:
    return Placeholder(ph.name, ph.part.slide_layout.name, _frame(ph), (Emu(ph.width).inches, Emu(ph.height).inches))


def _box(shape) -> tuple[float, float, float, float]:
    """Where a placeholder is on the slide: left, top, width, height in points."""
    return (Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.width).pt, Emu(shape.height).pt)


def _number_fallback(prs) -> tuple[float, float, float, float]:
    """The box _number_box adds for the slide number to a layout without a slide-number placeholder, in points."""
    return (Emu(prs.slide_width - NUMBER_BOX[0]).pt, Emu(prs.slide_height - NUMBER_BOX[1]).pt,
            Emu(NUMBER_BOX[2]).pt, Emu(NUMBER_BOX[3]).pt)


def _frame(ph) -> layout.Frame:
    return layout.Frame(Emu(ph.width).pt - 2 * layout.INSET_X, Emu(ph.height).pt - 2 * layout.INSET_Y)


def _prototype(prs, title_ph, body_phs, number_ph, count: int) -> tuple:
    """A slide of the title's layout made as python-pptx makes one (so shape ids and names are those it
    would give), its title and first ``count`` bodies framed, the marking box and the slide number in
    place: the layout part, the slide element and the positions of those text bodies."""
    slide_layout = title_ph.part.slide_layout
    slide = SlidePart.new(PackURI("/ppt/slides/prototype.xml"), prs.part.package, slide_layout.part).slide
    slide.shapes.clone_layout_placeholders(slide_layout)
    # Each clone by the layout placeholder it was made from (both in the layout's order), not by idx:
    # LibreOffice writes a title and a subtitle without one, so both have idx 0.
    cloned = [shape for shape in slide.shapes if shape.is_placeholder]
    placeholders = {ph.element: clone for ph, clone in zip(slide_layout.iter_cloneable_placeholders(), cloned)}
    title = text_body(placeholders.pop(title_ph.element))
    frame(title)
    bodies = [text_body(placeholders.pop(ph.element)) for ph in body_phs[:count]]
    for body in bodies:
        frame(body)
    for unused in placeholders.values():  # e.g. a picture placeholder of a corporate layout
        unused.element.getparent().remove(unused.element)
    marking = _marking_box(slide)
    number = _number_box(slide, number_ph, prs)
    order = list(slide.element.iter(_TXBODY))
    return (slide_layout.part, slide.element, order.index(title), tuple(order.index(b) for b in bodies),
            order.index(number), order.index(marking))


def _marking_box(slide):
    """The TLP label's box, top right, black: where it stands and its text depend on the marking (pptx.py)."""
    height = Pt(layout.MARKING_HEIGHT)
    box = slide.shapes.add_textbox(0, MARKING_TOP, 0, height)
    box.name = "Marking"
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor.from_string(MARKING_BACKGROUND)
    body = text_body(box)
    frame(body, anchor="ctr")
    return body


def _number_box(slide, number_ph, prs):
    """The text body for the slide number: the layout's slide-number placeholder, or a box bottom right."""
    if number_ph is not None:
        slide.shapes.clone_placeholder(number_ph)
        shape = slide.placeholders[number_ph.placeholder_format.idx]
    else:
        shape = slide.shapes.add_textbox(prs.slide_width - NUMBER_BOX[0], prs.slide_height - NUMBER_BOX[1],
                                         NUMBER_BOX[2], NUMBER_BOX[3])
    body = text_body(shape)
    frame(body)
    return body


def _notes_prototype(master) -> tuple[object, int | None]:
    """A notes slide with the notes master's placeholders cloned and its notes emptied, and which
    text body of it holds the notes (None if the master has no notes placeholder)."""
    scratch = NotesSlidePart(PackURI("/ppt/notesSlides/prototype.xml"), CT.PML_NOTES_SLIDE, master.package,
                             CT_NotesSlide.new())
    notes = scratch.notes_slide
    notes.clone_master_placeholders(master.notes_master)
    placeholder = notes.notes_placeholder
    if placeholder is None:
        return notes.element, None
    body = placeholder.element.find(_TXBODY)
    for p in body.findall(qn("a:p")):
        body.remove(p)
    return notes.element, list(notes.element.iter(_TXBODY)).index(body)


def _open(path: Template | Path):
    try:
        return Presentation(path.open() if isinstance(path, Template) else str(path))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{path}: not a PowerPoint template this tool can open: {exc}") from None


def _layouts(prs) -> dict:
    """The template's slide layouts by name (the first of each name, master by master), LibreOffice's names too,
    else by the type PowerPoint records whatever the name (a Russian template's "Титульный слайд" is a "title")."""
    found, typed = {}, {}
    for master in prs.slide_masters:
        for slide_layout in master.slide_layouts:
            found.setdefault(slide_layout.name, slide_layout)
            typed.setdefault(slide_layout.element.get("type"), slide_layout)
    for name, aliases in LAYOUT_ALIASES.items():
        alias = next((a for a in aliases if a in found), None)
        if name not in found and alias is not None:
            found[name] = found[alias]
    for name, kind in LAYOUT_TYPES.items():
        if name not in found and kind in typed:
            found[name] = typed[kind]
    return found


def _roles(layouts: dict, path: Template | Path) -> dict:
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
        roles[name] = (titles[0], tuple(bodies[:wanted]), numbers[0] if numbers else None)
    return roles


def _drop_slides(prs) -> None:
    """A template's own example slides are not part of the deck."""
    ids = slide_ids(prs)
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


if __name__ == "__main__":
    write_built_in()
