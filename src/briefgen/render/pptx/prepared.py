"""A deck template read and made ready: its layouts' frames, a prototype slide per layout, its parts as bytes.

A ``Prepared`` template is what every render copies from (template.py keeps one per template and
theme). python-pptx makes one from a .pptx (reader.py); the built-in template is kept already
prepared as the package data file built_in.zip, so a deck on it never imports python-pptx
(about two thirds of a cold ``briefgen pptx``). tools/prepare_deck_template.py writes that file
after templates/default/deck.pptx changes; a test fails while it is stale.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path

from ...layout import deck as layout
from ...theme import templates_root
from ...value import Value
from ..office.template import Template
from ..office.package import Part
from .xml import parsed, serialized

BUILT_IN = templates_root() / "default" / "deck.pptx"
BUILT_IN_PREPARED = "built_in.zip"  # package data beside this module


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
                 make_prototype=None, furniture: dict | None = None) -> None:
        self.path = path
        self.problem = problem
        self.placeholders = placeholders or {}  # layout name → (title Placeholder, body Placeholders)
        self.slide_size = slide_size
        # layout name → the boxes (left, top, width, height in points) of the placeholders its slides keep:
        # title, bodies and slide number, where nothing else (a logo) may go
        self.furniture = {name: tuple(tuple(box) for box in boxes) for name, boxes in (furniture or {}).items()}
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

    def saved(self, source: str = "") -> bytes:
        """This template as a zip of its parts, prototypes and the rest (a manifest), for ``from_saved``;
        ``source`` names the file it was read from (built_in_source), for knowing when it is stale."""
        names = {part: name for name, part in self.parts.items()}

        def rels(of: dict) -> list:
            return [[rid, reltype, target if external else names[target], external]
                    for rid, (reltype, target, external) in of.items()]

        manifest = {
            "source": source,
            "placeholders": {name: [_placeholder(title), [_placeholder(b) for b in bodies]]
                             for name, (title, bodies) in self.placeholders.items()},
            "slide_size": self.slide_size, "content_box": self.content_box, "root": rels(self.root),
            "furniture": self.furniture,
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
                       notes_body=manifest["notes_body"], prototypes=prototypes, furniture=manifest["furniture"])


def _placeholder(ph: Placeholder) -> list:
    return [ph.name, ph.layout, [ph.frame.width, ph.frame.height], list(ph.inches)]


def _placeholder_of(saved: list) -> Placeholder:
    name, layout_name, (width, height), inches = saved
    return Placeholder(name, layout_name, layout.Frame(width, height), tuple(inches))


def built_in_source() -> str:
    """The built-in template known by its bytes' length and CRC-32 (zlib is loaded already; hashlib's OpenSSL
    is not): a changed deck.pptx is read anew."""
    data = BUILT_IN.read_bytes()
    return f"{len(data)}:{zlib.crc32(data):08x}"


def saved_built_in() -> tuple[str, bytes]:
    """The prepared built-in template as saved, and the deck.pptx it was prepared from (built_in_source)."""
    # Read beside this module, as the themes are: importlib.resources alone was ~4 ms of a cold start.
    data = (Path(__file__).parent / BUILT_IN_PREPARED).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as saved:
        return json.loads(saved.read("manifest.json"))["source"], data
