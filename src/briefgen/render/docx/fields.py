"""Complex fields in a paragraph of word/footer1.xml: PAGE and NUMPAGES, marked dirty so Word recomputes them."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from .internals import paragraph_element

_R, _FLD_CHAR, _INSTR, _T = qn("w:r"), qn("w:fldChar"), qn("w:instrText"), qn("w:t")
_TYPE, _DIRTY = qn("w:fldCharType"), qn("w:dirty")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def add_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """Append the field ``instruction`` (e.g. "PAGE") showing ``cached`` until the application updates it."""
    p = paragraph_element(paragraph)

    def run(tag: str, **attributes: str):
        return SubElement(SubElement(p, _R), tag, attributes)

    run(_FLD_CHAR, **{_TYPE: "begin", _DIRTY: "true"})
    run(_INSTR, **{_SPACE: "preserve"}).text = f" {instruction} "
    run(_FLD_CHAR, **{_TYPE: "separate"})
    run(_T).text = cached
    run(_FLD_CHAR, **{_TYPE: "end"})
