"""The python-docx internals the Word renderer relies on, fenced here and nowhere else.

python-docx has no public name for the w:p element behind a Paragraph (a Run has
``run.element``), nor a public way to write a package's [Content_Types].xml without
zipping the whole package with the wall clock in every entry (see package.py).
pyproject.toml bounds python-docx by the version these were tested with, and
tests/test_library_internals.py fails if a release changes what they rely on.
"""

from __future__ import annotations

from docx.opc.part import XmlPart
from docx.opc.pkgwriter import _ContentTypesItem
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
