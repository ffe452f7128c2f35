"""The python-docx internals the Word renderer relies on, fenced here and nowhere else.

python-docx has no public name for the w:p element behind a Paragraph (a Run has
``run.element``), nor a public way to tell a part whose bytes are its element as written
(package.Word.adopt takes such a part's element, and writes it as python-docx would).
Only a base document python-docx makes comes here (writer.made_base, reference_document.py).
pyproject.toml bounds python-docx by the version these were tested with, and
tests/test_library_internals.py fails if a release changes what they rely on.
"""

from __future__ import annotations

from docx.opc.part import XmlPart
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph


def paragraph_element(paragraph: Paragraph) -> CT_P:
    """The w:p element ``paragraph`` stands for (python-docx's ``_p``)."""
    return paragraph._p


def is_xml_part(part: object) -> bool:
    """Whether ``part``'s blob is its element as python-docx's serialize_part_xml writes it
    (``etree.tostring(element, encoding="UTF-8", standalone=True)``), so it may be written from the element."""
    return type(part).blob is XmlPart.blob
