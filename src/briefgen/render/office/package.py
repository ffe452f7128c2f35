"""An office package ([Content_Types].xml, _rels/*.rels and every part), written as python-pptx or python-docx
writes it.

A deck is its template's parts, kept as they are, and the parts made for it: slides, notes
slides, images, the presentation part and the document properties; a Word brief is its base
document's parts and the ones made for it (render/docx/package.py). python-pptx and python-docx
would open the template anew for every render and write each relationship through an XML
element of their own; this module keeps each part as its bytes and its relationships as a dict,
so a template read once serves every render of the process. The entries, their order and their
bytes are those the library writes: parts in the depth-first order of the relationships from
the package root, each followed by its relationships if it has any. output.package zips them.

The two libraries differ in three small ways, each a class attribute or method of ``Part``
(python-pptx's) that the Word brief's part overrides: how a new relationship's rId is
numbered, whether a .rels part lists them in rId order or as they were added, and which
extensions [Content_Types].xml gives a Default.
"""

from __future__ import annotations

import posixpath
from typing import Iterator

from lxml import etree

from ...output import Entry
from .opc import CONTENT_TYPES_NS, RELATIONSHIPS_NS, RELATIONSHIPS_TYPE, serialized

_RELATIONSHIP = f"{{{RELATIONSHIPS_NS}}}Relationship"
_XML_TYPE = "application/xml"
# (extension, content type) written once as a Default, as python-docx's opc.spec lists them; python-pptx's adds
# the video formats.
DOCX_DEFAULT_TYPES = frozenset({
    ("bin", "application/vnd.openxmlformats-officedocument.presentationml.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
    ("bmp", "image/bmp"), ("emf", "image/x-emf"), ("fntdata", "application/x-fontdata"), ("gif", "image/gif"),
    ("jpe", "image/jpeg"), ("jpeg", "image/jpeg"), ("jpg", "image/jpeg"), ("png", "image/png"),
    ("rels", RELATIONSHIPS_TYPE), ("tif", "image/tiff"), ("tiff", "image/tiff"), ("wdp", "image/vnd.ms-photo"),
    ("wmf", "image/x-wmf"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("xml", _XML_TYPE),
})
_PPTX_DEFAULT_TYPES = DOCX_DEFAULT_TYPES | {
    ("mov", "video/quicktime"), ("mp4", "video/mp4"), ("mpg", "video/mpeg"), ("vid", "video/unknown"),
    ("wmv", "video/x-ms-wmv")}


class Part:
    """One part: its name (/ppt/slides/slide1.xml), content type, bytes, and relationships by rId."""

    __slots__ = ("partname", "content_type", "blob", "rels", "_index")
    DEFAULT_TYPES = _PPTX_DEFAULT_TYPES

    def __init__(self, partname: str, content_type: str, blob: bytes = b"") -> None:
        self.partname = partname
        self.content_type = content_type
        self.blob = blob
        self.rels: dict[str, tuple[str, Part | str, bool]] = {}  # rId → (type, target part or URL, external)
        self._index: dict[tuple[str, object], str] = {}  # (type, target) → rId, to reuse one as python-pptx does

    def relate(self, target: Part, reltype: str) -> str:
        """The rId of the relationship of ``reltype`` to ``target``, added if there is none yet."""
        return self._add(reltype, target, False)

    def link(self, url: str, reltype: str) -> str:
        """The rId of the external relationship of ``reltype`` to ``url`` (a hyperlink), added if there is none yet."""
        return self._add(reltype, url, True)

    def _add(self, reltype: str, target: Part | str, external: bool) -> str:
        key = (reltype, target)
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = self.next_rid(self.rels)
            self.rels[found] = (reltype, target, external)
        return found

    def drop(self, reltype: str) -> list[Part | str]:
        """Take out every relationship of ``reltype``; return their targets."""
        dropped = [rid for rid, (kind, _, _) in self.rels.items() if kind == reltype]
        targets = [self.rels.pop(rid)[1] for rid in dropped]
        self._index = {key: rid for key, rid in self._index.items() if rid in self.rels}
        return targets

    def related(self, reltype: str) -> Part | None:
        """The first part related as ``reltype``; None if there is none."""
        return next((target for kind, target, external in self.rels.values() if kind == reltype and not external),
                    None)

    def entry(self):
        """What the package holds for this part: its bytes."""
        return self.blob

    def rels_xml(self) -> bytes:
        return self.relationships_xml(self.rels, posixpath.dirname(self.partname))

    @staticmethod
    def next_rid(rels: dict) -> str:
        return next_rid(rels)

    @staticmethod
    def relationships_xml(rels: dict[str, tuple[str, Part | str, bool]], base: str) -> bytes:
        return relationships_xml(rels, base)


def copied(root: dict[str, tuple[str, Part | str, bool]], extra: tuple[Part, ...] = (),
           blobs: dict[Part, bytes] | None = None) -> tuple[dict, dict]:
    """Fresh parts for one package, with the same relationships as those ``root`` (and ``extra``) reach and
    the same bytes, or those ``blobs`` gives: the root relationships to them, and each part's copy by the part."""
    made: dict[Part, Part] = {}
    blobs = blobs or {}

    def copy(part: Part) -> Part:
        if part not in made:
            new = made[part] = Part(part.partname, part.content_type, blobs.get(part, part.blob))
            for rid, (reltype, target, external) in part.rels.items():
                new.rels[rid] = (reltype, target if external else copy(target), external)
                new._index.setdefault((reltype, new.rels[rid][1]), rid)  # the first of two alike, as python-pptx
        return made[part]

    rels = {rid: (reltype, target if external else copy(target), external)
            for rid, (reltype, target, external) in root.items()}
    for part in extra:
        copy(part)
    return rels, made


def next_rid(rels: dict) -> str:
    """The rId python-pptx gives a new relationship: rId(n + 1) for n relationships, else the highest free one below."""
    for n in range(len(rels) + 1, 0, -1):
        if f"rId{n}" not in rels:
            return f"rId{n}"
    raise AssertionError("more relationships than rIds")


def relationships_xml(rels: dict[str, tuple[str, Part | str, bool]], base: str, *, in_order: bool = True) -> bytes:
    """A .rels part: the relationships in rId order (else as they were added), internal targets relative to
    ``base``."""
    def number(rid: str) -> tuple[int, str]:
        return (int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)

    root = etree.Element(f"{{{RELATIONSHIPS_NS}}}Relationships", nsmap={None: RELATIONSHIPS_NS})
    for rid in (sorted(rels, key=number) if in_order else rels):
        reltype, target, external = rels[rid]
        if external:
            etree.SubElement(root, _RELATIONSHIP, Id=rid, Type=reltype, Target=target, TargetMode="External")
        else:
            ref = target.partname[1:] if base == "/" else posixpath.relpath(target.partname, base)
            etree.SubElement(root, _RELATIONSHIP, Id=rid, Type=reltype, Target=ref)
    return serialized(root)


def entries(root: dict[str, tuple[str, Part | str, bool]], kind: type[Part] = Part) -> Iterator[tuple[str, Entry]]:
    """The entries of the package whose root relationships are ``root``: every part they reach, as (name, bytes
    or what writes them: ``Part.entry``), in the ways of the library whose parts are of ``kind``."""
    parts = reached(root)
    yield "[Content_Types].xml", _content_types(parts, kind.DEFAULT_TYPES)
    yield "_rels/.rels", kind.relationships_xml(root, "/")
    for part in parts:
        yield part.partname[1:], part.entry()
        if part.rels:
            yield rels_name(part.partname)[1:], part.rels_xml()


def rels_name(partname: str) -> str:
    """The name of the part holding ``partname``'s relationships: /word/document.xml's is
    /word/_rels/document.xml.rels, the package's (/) /_rels/.rels."""
    folder, name = posixpath.split(partname)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def reached(root: dict[str, tuple[str, Part | str, bool]]) -> list[Part]:
    """Each part once, in the order a depth-first walk of the relationships first reaches it."""
    found: list[Part] = []
    seen: set[int] = set()
    stack = [iter(root.values())]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            continue
        _, target, external = step
        if external or id(target) in seen:
            continue
        seen.add(id(target))
        found.append(target)
        stack.append(iter(target.rels.values()))
    return found


def _content_types(parts: list[Part], known: frozenset[tuple[str, str]]) -> bytes:
    """[Content_Types].xml: a Default per extension the library ``known``s, an Override for every other part."""
    defaults = {"rels": RELATIONSHIPS_TYPE, "xml": _XML_TYPE}
    overrides = {}
    for part in parts:
        extension = posixpath.splitext(part.partname)[1][1:]
        if (extension.lower(), part.content_type) in known:
            defaults[extension.lower()] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    root = etree.Element(f"{{{CONTENT_TYPES_NS}}}Types", nsmap={None: CONTENT_TYPES_NS})
    for extension, content_type in sorted(defaults.items()):
        etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Default", Extension=extension, ContentType=content_type)
    for partname, content_type in sorted(overrides.items()):
        etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Override", PartName=partname, ContentType=content_type)
    return serialized(root)
