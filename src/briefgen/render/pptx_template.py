"""The deck's template, read once per process: its layouts' frames, a prototype slide per layout, its parts.

The template is the built-in templates/default/deck.pptx or the user's ``--template``: its
layouts are found by name, so a corporate master keeps its look. python-pptx reads it,
and what every render needs is kept in a Prepared template: the frames the deck is fitted
to, each layout's prototype slide (placeholders cloned and framed, the marking box and
the slide number in place, only text left to write), the notes slide all notes start
from, and every part as bytes (pptx_package). A render only copies from it, so a watch
renders many times from one reading, until the template file or the theme changes.
"""

from __future__ import annotations

import zipfile
from copy import deepcopy
from functools import lru_cache
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesMasterPart, NotesSlidePart, SlidePart
from pptx.util import Emu, Inches, Pt

from ..layout import deck as layout
from ..marking import MARKING_BACKGROUND
from ..output import OutputError
from ..template_package import Template
from ..theme import Theme, templates_root
from ..value import Value
from . import pptx_theme
from .pptx_internals import root_relationships, slide_ids, text_body
from .pptx_package import Part
from .pptx_text import frame

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
BODY_COUNT = {layout.TWO_CONTENT: 2}
MARKING_TOP = Inches(0.12)
_TXBODY = qn("p:txBody")


class TemplateError(OutputError):
    """A .pptx template cannot be opened or lacks a slide layout or placeholder the deck needs."""


BUILT_IN = templates_root() / "default" / "deck.pptx"
# What LibreOffice Impress calls the layouts when it saves a template (it renames PowerPoint's).
LAYOUT_ALIASES = {layout.CONTENT: ("Title, Content",), layout.TWO_CONTENT: ("Title, 2 Content",),
                  layout.SECTION: ("Title, Content",)}


def template_path(theme: Theme, template: Template | None) -> Template | Path:
    """The user's template, else the theme's own deck.pptx (both sanitised), else the built-in one (ours)."""
    return template or theme.slides or BUILT_IN


class Prototype(Value):
    """A slide of one layout with its placeholders cloned and framed and its marking box: only text is left to write."""

    layout: Part            # the slide layout part
    element: object         # the p:sld element, never changed: each slide starts from a copy
    title: int              # positions of the text bodies to fill, in document order
    bodies: tuple[int, ...]
    number: int
    marking: int


class Prepared:
    """A template read and made ready for the deck: what each render copies from, never changes."""

    def __init__(self, path: Template | Path, prs, roles: dict, warning: str | None) -> None:
        self.path = path
        self.warning = warning  # why the user's template could not be used, said on every render
        self.frames = {name: (_frame(title), tuple(_frame(b) for b in bodies))
                       for name, (title, bodies, _) in roles.items()}
        self.slide_size = (prs.slide_width, prs.slide_height)
        content = roles[layout.CONTENT][1][0]
        self.content_box = (content.left, content.top)  # where a figure or table goes: the body's frame
        self._prs = prs
        self._roles = roles
        self._prototypes: dict[tuple[str, int], Prototype] = {}
        _drop_slides(prs)
        self.presentation = deepcopy(prs.element)
        # A template without a notes master gets python-pptx's default one, related to the presentation
        # only when the first slide has notes, so the presentation's relationships are numbered as before.
        try:
            master = prs.part.part_related_by(RT.NOTES_MASTER)
            self.new_notes_master = False
        except KeyError:
            master = NotesMasterPart.create_default(prs.part.package)
            self.new_notes_master = True
        self.notes, self.notes_body = _notes_prototype(master)
        core = prs.core_properties  # python-pptx adds a default part if the template has none
        self.root, parts = _parts(prs.part.package, extra=(master,))
        self.presentation_part, self.notes_master = parts[prs.part], parts[master]
        self.core = parts[core]
        try:
            self.app = parts[prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)]
        except KeyError:
            self.app = None
        self._parts = parts

    def prototype(self, name: str, count: int) -> Prototype:
        """The prototype slide of layout ``name`` with ``count`` body placeholders to fill, made on first use."""
        key = (name, count)
        if key not in self._prototypes:
            self._prototypes[key] = self._prototype(*self._roles[name], count)
        return self._prototypes[key]

    def _prototype(self, title_ph, body_phs, number_ph, count: int) -> Prototype:
        # Made as python-pptx makes a slide, so shape ids and names are those it would give.
        slide_layout = title_ph.part.slide_layout
        prs = self._prs
        slide = SlidePart.new(PackURI("/ppt/slides/prototype.xml"), prs.part.package, slide_layout.part).slide
        slide.shapes.clone_layout_placeholders(slide_layout)
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        title = text_body(placeholders.pop(title_ph.placeholder_format.idx))
        frame(title)
        bodies = [text_body(placeholders.pop(ph.placeholder_format.idx)) for ph in body_phs[:count]]
        for body in bodies:
            frame(body)
        for unused in placeholders.values():  # e.g. a picture placeholder of a corporate layout
            unused.element.getparent().remove(unused.element)
        marking = _marking_box(slide)
        number = _number_box(slide, number_ph, prs)
        order = list(slide.element.iter(_TXBODY))
        return Prototype(self._parts[slide_layout.part], slide.element, order.index(title),
                         tuple(order.index(b) for b in bodies), order.index(number), order.index(marking))


def prepared(theme: Theme, template: Template | None) -> Prepared:
    """The template the deck uses, read once per template and theme colours (a watch renders many times).

    A template whose layouts are named otherwise, or cannot hold the deck's text, gives way to
    the built-in deck, as pandoc falls back to its own layouts; the Prepared says why.
    """
    path = template_path(theme, template)
    source = (path, path.stat().st_mtime_ns) if isinstance(path, Path) else (path, None)
    return _prepared(source, template is None, theme.colours, theme.deck.min_body)


@lru_cache(maxsize=4)
def _prepared(source: tuple, own: bool, colours, min_body: float) -> Prepared:
    path = source[0]
    prs = _open(path)
    warning = None
    try:
        roles = _roles(_layouts(prs), path, min_body)
    except TemplateError as exc:
        if path == BUILT_IN:
            raise
        warning = f"{exc}; the deck uses briefgen's built-in layouts instead"
        path = BUILT_IN
        prs = _open(path)
        roles = _roles(_layouts(prs), path, min_body)
    if own or path == BUILT_IN:  # the theme's own deck: theme.toml's colours; a reference keeps its own
        pptx_theme.apply(prs, colours)
    return Prepared(path, prs, roles, warning)


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


def _frame(ph) -> layout.Frame:
    return layout.Frame(Emu(ph.width).pt - 2 * layout.INSET_X, Emu(ph.height).pt - 2 * layout.INSET_Y)


def _check_frame(ph, lines: int, size: float, path: Path) -> None:
    """Too small a frame would leave no room to fit text at the sizes the deck allows."""
    made = _frame(ph)
    if made.height < lines * size * layout.LINE_SPACING + layout.HEIGHT_RESERVE or made.width < 10 * size:
        raise TemplateError(f'{path}: placeholder "{ph.name}" of slide layout "{ph.part.slide_layout.name}" '
                            f"is too small ({Emu(ph.width).inches:.1f} × {Emu(ph.height).inches:.1f} in) "
                            f"for {lines} line(s) at {size:g} pt")


def _marking_box(slide):
    """The TLP label's box, top right, black: where it stands and its text depend on the marking (pptx.py)."""
    height = Pt(layout.MARKING_SIZE * layout.LINE_SPACING + 2 * layout.INSET_Y)
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
        shape = slide.shapes.add_textbox(prs.slide_width - Inches(2.3), prs.slide_height - Inches(0.5),
                                         Inches(2.0), Inches(0.4))
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


def _roles(layouts: dict, path: Path, min_body: float) -> dict:
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
            _check_frame(body, 3, min_body, path)
        roles[name] = (titles[0], tuple(bodies[:wanted]), numbers[0] if numbers else None)
    return roles


def _drop_slides(prs) -> None:
    """A template's own example slides are not part of the deck."""
    ids = slide_ids(prs)
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)
