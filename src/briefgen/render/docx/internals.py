"""The python-docx internals the Word renderer relies on, fenced here and nowhere else.

python-docx has no public name for the w:p element behind a Paragraph (a Run has
``run.element``), nor a public way to write a package's [Content_Types].xml without
zipping the whole package with the wall clock in every entry (see package.py), nor to
open a package without parsing every XML part in it (see prepared.py).
pyproject.toml bounds python-docx by the version these were tested with, and
tests/test_library_internals.py fails if a release changes what they rely on.
"""

from __future__ import annotations

from typing import IO

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import _ContentTypesItem
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.styles import StylesPart
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph


def paragraph_element(paragraph: Paragraph) -> CT_P:
    """The w:p element ``paragraph`` stands for (python-docx's ``_p``)."""
    return paragraph._p


def is_xml_part(part: object) -> bool:
    """Whether ``part``'s blob is its element as python-docx's serialize_part_xml writes it
    (``etree.tostring(element, encoding="UTF-8", standalone=True)``), so it may be written from the element."""
    return type(part).blob is XmlPart.blob


def content_types(parts) -> bytes:
    """[Content_Types].xml for ``parts``, as python-docx's PackageWriter writes it."""
    return _ContentTypesItem.from_parts(parts).blob


def open_package(data: IO[bytes], styles: bytes) -> WordDocument:
    """The Word document in the package ``data`` (as ``docx.Document`` opens it), its styles part ``styles``,
    kept as bytes (KeptStyles): python-docx's part factory parses every XML part as it reads the package."""
    def part(partname, content_type, reltype, blob, package):
        if content_type == CT.WML_STYLES:
            return KeptStyles(partname, content_type, styles, package)
        return PartFactory(partname, content_type, reltype, blob, package)

    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(data), package, part)
    return package.main_document_part.document


class KeptStyles(StylesPart):
    """A styles part kept as the bytes it was prepared as, parsed only if something reads it (a right-to-left
    run looks up the document's language): its ``blob`` is those bytes until then, as ``serialize_part_xml``
    would write the element they parse to. XmlPart keeps the element parsed in ``_element``."""

    def __init__(self, partname, content_type, blob: bytes, package) -> None:
        Part.__init__(self, partname, content_type, package=package)
        self._kept = blob
        self._parsed = None

    @property
    def _element(self):
        if self._parsed is None:
            self._parsed = parse_xml(self._kept)
        return self._parsed

    @property
    def blob(self) -> bytes:
        return self._kept if self._parsed is None else serialize_part_xml(self._parsed)
