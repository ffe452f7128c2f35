"""The deck's template, read once per process: its layouts' frames, a prototype slide per layout, its parts.

The template is the built-in templates/default/deck.pptx or the user's ``--template``: its
layouts are found by name, so a corporate master keeps its look. What every render needs
is kept in a Prepared template: the frames the deck is fitted to, each layout's prototype
slide (placeholders cloned and framed, the marking box and slide number in place, only
text left to write), the notes slide all notes start from, and every part as bytes
(package). A render only copies from it, so a watch renders many times from one
reading, until the template or the theme changes.

python-pptx reads a template (pptx_reader.py), and importing it costs about two thirds of
a cold ``briefgen pptx``. The built-in template is therefore kept prepared in
built_in.py, written by reader from deck.pptx and used only while it matches
deck.pptx: a deck on it never imports python-pptx.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

from ...layout import deck as layout
from ...errors import TemplateError
from ..office.template import Template, theme_deck
from ...theme import Colours, Theme, templates_root
from ...value import Value
from . import theme as pptx_theme
from .package import Part
from .xml import SLIDE_MASTER_TYPE, parsed, serialized


BUILT_IN = templates_root() / "default" / "deck.pptx"


def template_path(theme: Theme, template: Template | None) -> Template | Path:
    """The user's template, else the theme's own deck.pptx (both sanitised), else the built-in one (ours)."""
    return template or theme_deck(theme) or BUILT_IN


class Placeholder(Value):
    """A title or body placeholder of a layout: its text frame inside the deck's insets, and what to call it."""

    name: str
    layout: str
    frame: layout.Frame
    inches: tuple[float, float]  # its width and height, for a message


class Prototype(Value):
    """A slide of one layout with its placeholders cloned and framed and its marking box: only text is left to write."""

    layout: Part            # the slide layout part
    element: object         # the p:sld element, never changed: each slide starts from a copy
    title: int              # positions of the text bodies to fill, in document order
    bodies: tuple[int, ...]
    number: int
    marking: int


class Prepared:
    """A template read and made ready for the deck: what each render copies from, never changed once made.

    ``problem`` says why its layouts cannot hold the deck (then nothing else is set);
    ``blobs`` are parts' bytes a theme changed (its colours on the slide masters).
    """

    def __init__(self, path: Template | Path, *, problem: str | None = None, placeholders: dict | None = None,
                 slide_size: tuple[int, int] = (0, 0), content_box: tuple[int, int] = (0, 0),
                 root: dict | None = None, parts: dict[str, Part] | None = None, presentation: str = "",
                 notes_master: str = "", new_notes_master: bool = False, core: str = "", app: str | None = None,
                 notes=None, notes_body: int | None = None, prototypes: dict | None = None,
                 make_prototype=None) -> None:
        self.path = path
        self.problem = problem
        self.placeholders = placeholders or {}  # layout name → (title Placeholder, body Placeholders)
        self.slide_size = slide_size
        self.content_box = content_box  # where a figure or table goes: the content layout's body, in EMU
        self.root = root or {}
        self.parts = parts or {}  # by part name
        self.presentation_part = self.parts.get(presentation)
        self.notes_master = self.parts.get(notes_master)
        # A template without a notes master gets python-pptx's default one, related to the presentation
        # only when the first slide has notes, so the presentation's relationships are numbered as before.
        self.new_notes_master = new_notes_master
        self.core = self.parts.get(core)
        self.app = self.parts.get(app) if app else None
        self.notes, self.notes_body = notes, notes_body
        self.presentation = parsed(self.presentation_part.blob) if self.presentation_part else None
        self.blobs: dict[Part, bytes] = {}
        self.warning: str | None = None  # why the user's template gave way to this one, said on every render
        self._prototypes = dict(prototypes or {})
        self._make_prototype = make_prototype  # (layout name, count) → Prototype, for a template being read

    @property
    def frames(self) -> dict[str, tuple[layout.Frame, tuple[layout.Frame, ...]]]:
        return {name: (title.frame, tuple(b.frame for b in bodies))
                for name, (title, bodies) in self.placeholders.items()}

    def prototype(self, name: str, count: int) -> Prototype:
        """The prototype slide of layout ``name`` with ``count`` body placeholders to fill."""
        key = (name, count)
        if key not in self._prototypes:
            self._prototypes[key] = self._make_prototype(*key)
        return self._prototypes[key]

    def saved(self) -> bytes:
        """This template as a zip of its parts, prototypes and the rest (a manifest), for ``from_saved``."""
        names = {part: name for name, part in self.parts.items()}

        def rels(of: dict) -> list:
            return [[rid, reltype, target if external else names[target], external]
                    for rid, (reltype, target, external) in of.items()]

        manifest = {
            "placeholders": {name: [_placeholder(title), [_placeholder(b) for b in bodies]]
                             for name, (title, bodies) in self.placeholders.items()},
            "slide_size": self.slide_size, "content_box": self.content_box, "root": rels(self.root),
            "parts": [[name, part.content_type, rels(part.rels)] for name, part in self.parts.items()],
            "presentation": names[self.presentation_part], "notes_master": names[self.notes_master],
            "new_notes_master": self.new_notes_master, "core": names[self.core],
            "app": names[self.app] if self.app else None, "notes_body": self.notes_body,
            "prototypes": [[name, count, names[p.layout], p.title, p.bodies, p.number, p.marking]
                           for (name, count), p in self._prototypes.items()],
        }
        entries = {"manifest.json": json.dumps(manifest).encode(), "notes.xml": serialized(self.notes)}
        entries.update((f"parts{name}", part.blob) for name, part in self.parts.items())
        entries.update((f"prototypes/{name}/{count}.xml", serialized(p.element))
                       for (name, count), p in self._prototypes.items())
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as saved:
            for name, data in entries.items():  # dated 1980, so the same template is saved as the same bytes
                saved.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
        return out.getvalue()

    @classmethod
    def from_saved(cls, data: bytes, path: Path) -> Prepared:
        with zipfile.ZipFile(io.BytesIO(data)) as saved:
            manifest = json.loads(saved.read("manifest.json"))
            parts = {name: Part(name, content_type, saved.read(f"parts{name}"))
                     for name, content_type, _ in manifest["parts"]}

            def rels(listed: list) -> dict:
                return {rid: (reltype, target if external else parts[target], external)
                        for rid, reltype, target, external in listed}

            for name, _, listed in manifest["parts"]:
                parts[name].rels.update(rels(listed))
            prototypes = {(name, count): Prototype(parts[layout_part], parsed(saved.read(f"prototypes/{name}/{count}.xml")),
                                                   title, tuple(bodies), number, marking)
                          for name, count, layout_part, title, bodies, number, marking in manifest["prototypes"]}
            return cls(path, placeholders={name: (_placeholder_of(title), tuple(_placeholder_of(b) for b in bodies))
                                           for name, (title, bodies) in manifest["placeholders"].items()},
                       slide_size=tuple(manifest["slide_size"]), content_box=tuple(manifest["content_box"]),
                       root=rels(manifest["root"]), parts=parts, presentation=manifest["presentation"],
                       notes_master=manifest["notes_master"], new_notes_master=manifest["new_notes_master"],
                       core=manifest["core"], app=manifest["app"], notes=parsed(saved.read("notes.xml")),
                       notes_body=manifest["notes_body"], prototypes=prototypes)


def _placeholder(ph: Placeholder) -> list:
    return [ph.name, ph.layout, [ph.frame.width, ph.frame.height], list(ph.inches)]


def _placeholder_of(saved: list) -> Placeholder:
    name, layout_name, (width, height), inches = saved
    return Placeholder(name, layout_name, layout.Frame(width, height), tuple(inches))


def prepared(theme: Theme, template: Template | None) -> Prepared:
    """The template the deck uses, read once per template and theme (a watch renders many times).

    A template whose layouts are named otherwise, or cannot hold the deck's text, gives way to
    the built-in deck, as pandoc falls back to its own layouts; its ``warning`` says why.
    """
    path = template_path(theme, template)
    read = _read(path if isinstance(path, Template) else built_in_source())
    problem = read.problem or _too_small(read, theme.deck.min_body)
    warning = None
    if problem:
        if path == BUILT_IN:
            raise TemplateError(problem)
        warning = f"{problem}; the deck uses briefgen's built-in layouts instead"
        read = _read(built_in_source())
        problem = read.problem or _too_small(read, theme.deck.min_body)
        if problem:
            raise TemplateError(problem)
    # The theme's own deck (or ours) takes theme.toml's colours; a reference document keeps its own.
    return _themed(read, theme.colours if template is None or warning else None, warning)


def built_in_source() -> str:
    """The built-in template known by its bytes' length and CRC-32 (zlib is loaded already; hashlib's OpenSSL
    is not): a changed deck.pptx is read anew."""
    data = BUILT_IN.read_bytes()
    return f"{len(data)}:{zlib.crc32(data):08x}"


@lru_cache(maxsize=4)
def _read(source: Template | str) -> Prepared:
    if isinstance(source, Template):
        from . import reader as pptx_reader
        return pptx_reader.read(source)
    from . import built_in as pptx_built_in
    if pptx_built_in.SOURCE == source:
        return Prepared.from_saved(pptx_built_in.DATA, BUILT_IN)
    from . import reader as pptx_reader
    return pptx_reader.read(BUILT_IN)


@lru_cache(maxsize=8)
def _themed(read: Prepared, colours: Colours | None, warning: str | None) -> Prepared:
    """``read`` with ``colours`` on its slide masters (theme) and ``warning`` to give."""
    themed = object.__new__(Prepared)
    themed.__dict__.update(read.__dict__)
    themed.warning = warning
    if colours is not None:
        for part in read.parts.values():
            if part.content_type == SLIDE_MASTER_TYPE:
                master = parsed(part.blob)
                pptx_theme.apply(master, colours)
                themed.blobs = {**themed.blobs, part: serialized(master)}
    return themed


def _too_small(read: Prepared, min_body: float) -> str | None:
    """Why a frame leaves no room to fit text at the sizes the deck allows, if one does."""
    for title, bodies in read.placeholders.values():
        for ph, lines, size in ((title, 1, layout.TITLE_MIN), *((b, 3, min_body) for b in bodies)):
            if ph.frame.height < lines * size * layout.LINE_SPACING + layout.HEIGHT_RESERVE or \
                    ph.frame.width < 10 * size:
                return (f'{read.path}: placeholder "{ph.name}" of slide layout "{ph.layout}" is too small '
                        f"({ph.inches[0]:.1f} × {ph.inches[1]:.1f} in) for {lines} line(s) at {size:g} pt")
    return None
