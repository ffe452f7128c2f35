"""Complex fields in a paragraph of word/footer1.xml: PAGE and NUMPAGES, marked dirty so Word recomputes them."""

from __future__ import annotations


from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from ..office.xml_text import escape

W = nsdecls("w")


def add_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """Append the field ``instruction`` (e.g. "PAGE") showing ``cached`` until the application updates it."""
    runs = (
        '<w:fldChar w:fldCharType="begin" w:dirty="true"/>',
        f'<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:t>{escape(cached)}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    )
    for body in runs:
        paragraph._p.append(parse_xml(f"<w:r {W}>{body}</w:r>"))
