"""Inline spans → Word runs: bold and italic runs, real hyperlinks, and note marks linked to their notes.

A run of right-to-left script is its own run, marked right-to-left and with its language
(see scripts.py), so Word shapes it and a screen reader speaks it in that language.
"""

from __future__ import annotations

import re
from typing import Iterable

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from ... import scripts
from ...inline import Span
from ...layout.document import NoteMark
from .styles import HYPERLINK, NOTE_REFERENCE
from ..office.xml_text import attribute, escape

W = nsdecls("w")
R = nsdecls("r")
_BREAKS = re.compile(r"([\t\n\r])")


def write(paragraph: Paragraph, spans: Iterable[Span | NoteMark]) -> None:
    """Append ``spans`` to ``paragraph``: styled runs, links, and each note mark as the layout numbered it.

    The runs are written as XML and parsed once per paragraph: python-docx's run API inserts
    each property element by searching for its place, which made runs most of a long brief's time.
    """
    language = None  # the document's, looked up for the first right-to-left run
    xml = []
    for span in spans:
        if isinstance(span, NoteMark):
            xml.append(_mark(span))
            continue
        pieces = [(span.text, None)]
        if scripts.RIGHT_TO_LEFT.search(span.text):
            language = _language(paragraph) if language is None else language
            pieces = scripts.runs(span.text, language)
        style = HYPERLINK if span.href else None
        runs = "".join(_run(text, style, span.bold, span.italic, lang) for text, lang in pieces)
        if span.href:
            r_id = paragraph.part.relate_to(span.href, RT.HYPERLINK, is_external=True)
            runs = f'<w:hyperlink r:id="{r_id}" w:history="1">{runs}</w:hyperlink>'
        xml.append(runs)
    if xml:
        paragraph._p.extend(list(parse_xml(f"<w:p {W} {R}>{''.join(xml)}</w:p>")))


def _run(text: str, style: str | None, bold: bool = False, italic: bool = False, language: str | None = None) -> str:
    """One w:r: its properties in the schema's order, tabs and line breaks as Word's own elements."""
    properties = ((f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:b/>" if bold else "")
                  + ("<w:i/>" if italic else "")
                  # w:bidi is the complex-script language: Word shapes the run and a screen reader speaks it so.
                  + (f'<w:rtl/><w:lang w:bidi="{attribute(language)}"/>' if language else ""))
    content = []
    for piece in _BREAKS.split(text) if ("\t" in text or "\n" in text or "\r" in text) else (text,):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\n", "\r"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{''.join(content)}</w:r>"


def _language(paragraph: Paragraph) -> str:
    """The document's language, as the styles part states it (styles writes it first)."""
    found = paragraph.part.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    return str(found[0]) if found else ""


def _mark(mark: NoteMark) -> str:
    """A superscript note number, an internal link to the bookmark of its note (see bookmark)."""
    separator = _run(mark.separator, NOTE_REFERENCE) if mark.separator else ""
    # The tooltip is what the link says to a screen reader, as the PDF's link description does.
    tooltip = f' w:tooltip="{attribute(mark.description)}"' if mark.description else ""
    return (f'{separator}<w:hyperlink w:anchor="{attribute(mark.anchor)}"{tooltip} w:history="1">'
            f"{_run(str(mark.number), NOTE_REFERENCE)}</w:hyperlink>")


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Wrap what ``paragraph`` holds so far in a bookmark named ``name``, the destination of note marks."""
    p = paragraph._p
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(number), qn("w:name"): name})
    first = p.pPr.getnext() if p.pPr is not None else (p[0] if len(p) else None)
    (first.addprevious(start) if first is not None else p.append(start))
    p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{number}"/>'))
