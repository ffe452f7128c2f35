"""The Word brief's package: its parts (bytes, or an lxml element once something reads or changes them), their
relationships as dicts, and its entries written as python-docx saves them.

A brief starts from a base document: on the built-in styles the prepared one (prepared.py), read from
its zip by ``Word.read`` without python-docx; otherwise one python-docx made (a reference document's,
another theme's styles, a right-to-left language: writer.made_base), taken over by ``Word.adopt`` with
python-docx's own elements. Either way the same writer fills it and ``entries`` writes it: python-docx's
order (render/office/package.py walks the relationships as python-docx's ``iter_parts`` does), its
rIds (the first free one), its .rels (as the relationships were added) and its [Content_Types].xml, with the
bytes it would write; output.package zips them once.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterator

from lxml import etree

from ...output import Entry
from ..office import package as office
from ..office.opc import CONTENT_TYPES_NS, RELATIONSHIPS_NS
from . import xml
from .xml import qn

if TYPE_CHECKING:
    from .body import Body

_DEFAULT, _OVERRIDE = f"{{{CONTENT_TYPES_NS}}}Default", f"{{{CONTENT_TYPES_NS}}}Override"
_RELATIONSHIP = f"{{{RELATIONSHIPS_NS}}}Relationship"
_LANGUAGE = etree.XPath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces={"w": xml.NAMESPACES["w"]})


class WordPart(office.Part):
    """A part of the Word brief: its bytes until something asks for its ``element``, which is then the part
    (written as python-docx writes an XML part)."""

    __slots__ = ("_element",)
    DEFAULT_TYPES = office.DOCX_DEFAULT_TYPES

    def __init__(self, partname: str, content_type: str, blob: bytes = b"", element=None) -> None:
        super().__init__(partname, content_type, blob)
        self._element = element

    @property
    def element(self):
        if self._element is None:
            self._element = xml.parsed(self.blob)
        return self._element

    def entry(self) -> Entry:
        return self.blob if self._element is None else _written(self._element)

    def written(self) -> bytes:
        """The part's bytes as the package holds them."""
        return self.blob if self._element is None else xml.serialized(self._element)

    def replace(self, blob: bytes) -> None:
        """The part is now ``blob`` (its element, if parsed, is let go)."""
        self.blob, self._element = blob, None

    def related_from(self, rels: dict) -> None:
        """Take ``rels`` as the part's relationships (of two alike, the first is the one reused, as python-docx
        finds it)."""
        self.rels = rels
        self._index = {}
        for rid, (kind, target, _) in rels.items():
            self._index.setdefault((kind, target), rid)

    @staticmethod
    def next_rid(rels: dict) -> str:
        """The rId python-docx gives a new relationship: the first free one from rId1."""
        n = 1
        while f"rId{n}" in rels:
            n += 1
        return f"rId{n}"

    @staticmethod
    def relationships_xml(rels: dict, base: str) -> bytes:
        return office.relationships_xml(rels, base, in_order=False)


class Word:
    """A Word package: its root (``package``, a part named "/" whose relationships are the package's) and its main
    document part (``part``, word/document.xml)."""

    def __init__(self, package: WordPart) -> None:
        self.package = package
        self.part: WordPart = package.related(xml.OFFICE_DOCUMENT)
        self._language: str | None = None
        # The pictures' parts, as python-docx gathers them when it opens a package (pictures.py adds to them).
        self.images: list[WordPart] = []
        for part in office.reached(package.rels):
            for kind, target, external in part.rels.values():
                if kind == xml.IMAGE and not external and target not in self.images:
                    self.images.append(target)

    @classmethod
    def read(cls, data: bytes, replaced: dict[str, bytes]) -> Word:
        """The package in the zip ``data``, each part's bytes as they are there or as ``replaced`` gives them by
        entry name; nothing is parsed until it is read.

        For our own package data only (prepared.py's built_in.zip): it sets no bound on entries, sizes or
        relationships. A user's file (a reference document) is checked by render/office/sanitise.py and opened
        by python-docx (styling.open_base), never read here."""
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = xml.parsed(package.read("[Content_Types].xml"))
            defaults = {e.get("Extension").lower(): e.get("ContentType") for e in types.iter(_DEFAULT)}
            overrides = {e.get("PartName"): e.get("ContentType") for e in types.iter(_OVERRIDE)}
            names = set(package.namelist())
            parts: dict[str, WordPart] = {}

            def relationships(source: str) -> dict:
                folder, entry = posixpath.dirname(source), office.rels_name(source)[1:]
                rels: dict = {}
                if entry not in names:
                    return rels
                for rel in xml.parsed(package.read(entry)).iter(_RELATIONSHIP):
                    rid, reltype, target = rel.get("Id"), rel.get("Type"), rel.get("Target")
                    if rel.get("TargetMode") == "External":
                        rels[rid] = (reltype, target, True)
                    else:
                        rels[rid] = (reltype, part(posixpath.normpath(posixpath.join(folder, target))), False)
                return rels

            def part(partname: str) -> WordPart:
                if partname not in parts:
                    entry = partname[1:]
                    content_type = overrides.get(partname) or defaults[posixpath.splitext(partname)[1][1:].lower()]
                    made = parts[partname] = WordPart(partname, content_type,
                                                      replaced[entry] if entry in replaced else package.read(entry))
                    made.related_from(relationships(partname))
                return parts[partname]

            root = WordPart("/", "")
            root.related_from(relationships("/"))
            return cls(root)

    @classmethod
    def adopt(cls, document) -> Word:
        """The package of python-docx's ``document``, its XML parts' elements taken over as they are."""
        from .internals import is_xml_part
        made: dict[int, WordPart] = {}

        def part(theirs) -> WordPart:
            if id(theirs) not in made:
                ours = made[id(theirs)] = (
                    WordPart(str(theirs.partname), theirs.content_type, element=theirs.element)
                    if is_xml_part(theirs) else WordPart(str(theirs.partname), theirs.content_type, theirs.blob))
                ours.related_from(relationships(theirs.rels))
            return made[id(theirs)]

        def relationships(rels) -> dict:
            return {rid: (rel.reltype, rel.target_ref if rel.is_external else part(rel.target_part), rel.is_external)
                    for rid, rel in rels.items()}

        # What python-docx makes when it is first asked for, for a base that lacks it (a reference document may).
        document.settings, document.core_properties  # noqa: B018
        root = WordPart("/", "")
        root.related_from(relationships(document.part.package.rels))
        return cls(root)

    @property
    def body(self):
        """The w:body of word/document.xml."""
        return self.part.element.find(qn("w:body"))

    @property
    def settings(self):
        """The settings part's w:settings (python-docx makes the part when a base lacks it: adopt)."""
        return self.part.related(xml.SETTINGS).element

    @property
    def styles(self):
        """The styles part's w:styles, parsed when first asked for (the prepared base's is bytes till then)."""
        return self.part.related(xml.STYLES).element

    @property
    def language(self) -> str:
        """The document's language, as the styles part states it (styling.install writes it first)."""
        if self._language is None:
            found = _LANGUAGE(self.styles)
            self._language = str(found[0]) if found else ""
        return self._language

    def free_partname(self, template: str) -> str:
        """The first partname ``template`` % n that no part of the package has, n from 1."""
        taken = {part.partname for part in office.reached(self.package.rels)}
        n = 1
        while template % n in taken:
            n += 1
        return template % n


def entries(word: Word, body: Body | None = None) -> Iterator[tuple[str, Entry]]:
    """The package of ``word`` as (entry name, bytes or what writes them), in python-docx's order; its document
    part written by ``body``, which may have written its blocks as they were made (body.py).

    An XML part is given as what writes it into its entry, with the bytes python-docx's ``blob`` would have
    (its serialize_part_xml): a long brief's body, whole, is as large again as its tree.
    """
    for name, entry in office.entries(word.package.rels, WordPart):
        yield name, (body.write if body is not None and name == word.part.partname[1:] else entry)


def _written(element: etree._Element) -> Callable[[BinaryIO], None]:
    def write(stream: BinaryIO) -> None:
        element.getroottree().write(stream, encoding="UTF-8", standalone=True)
    return write
