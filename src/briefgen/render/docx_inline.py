"""Inline spans → Word runs: bold and italic runs, real hyperlinks, and note marks linked to their notes.

A run of right-to-left script is its own run, marked right-to-left and with its language
(see scripts.py), so Word shapes it and a screen reader speaks it in that language.
"""

from __future__ import annotations

from typing import Iterable

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from .. import scripts
from ..inline import Span
from ..layout.document import NoteMark
from .docx_styles import HYPERLINK, NOTE_REFERENCE, add_run

W = nsdecls("w")
R = nsdecls("r")


def write(paragraph: Paragraph, spans: Iterable[Span | NoteMark]) -> None:
    """Append ``spans`` to ``paragraph``: styled runs, links, and each note mark as the layout numbered it."""
    for span in spans:
        if isinstance(span, NoteMark):
            _mark(paragraph, span)
        elif span.href:
            _hyperlink(paragraph, span)
        else:
            _run(paragraph, span)


def _run(paragraph: Paragraph, span: Span, style_id: str | None = None) -> list:
    """The span as one run, or one run per piece when it holds right-to-left script: their w:r elements."""
    made = []
    pieces = [(span.text, None)]
    if scripts.RIGHT_TO_LEFT.search(span.text):
        pieces = scripts.runs(span.text, _language(paragraph))
    for text, language in pieces:
        run = add_run(paragraph, text, style_id)
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True
        if language is not None:
            properties = run._r.get_or_add_rPr()
            properties.get_or_add_rtl()
            # w:lang comes after w:rtl and w:cs in a run's properties; w:bidi is the complex-script language.
            properties.append(OxmlElement("w:lang", {qn("w:bidi"): language}))
        made.append(run._r)
    return made


def _language(paragraph: Paragraph) -> str:
    """The document's language, as the styles part states it (docx_styles writes it first)."""
    found = paragraph.part.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    return str(found[0]) if found else ""


def _hyperlink(paragraph: Paragraph, span: Span) -> None:
    r_id = paragraph.part.relate_to(span.href, RT.HYPERLINK, is_external=True)
    link = parse_xml(f'<w:hyperlink {W} {R} r:id="{r_id}" w:history="1"/>')
    runs = _run(paragraph, span, HYPERLINK)  # appended to the paragraph, then moved into the link
    paragraph._p.append(link)
    link.extend(runs)


def _mark(paragraph: Paragraph, mark: NoteMark) -> None:
    """A superscript note number, an internal link to the bookmark of its note (see bookmark)."""
    if mark.separator:
        add_run(paragraph, mark.separator, NOTE_REFERENCE)
    # The tooltip is what the link says to a screen reader, as the PDF's link description does.
    tooltip = {qn("w:tooltip"): mark.description} if mark.description else {}
    link = OxmlElement("w:hyperlink", {qn("w:anchor"): mark.anchor, **tooltip, qn("w:history"): "1"})
    paragraph._p.append(link)
    link.append(add_run(paragraph, str(mark.number), NOTE_REFERENCE)._r)


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Wrap what ``paragraph`` holds so far in a bookmark named ``name``, the destination of note marks."""
    p = paragraph._p
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(number), qn("w:name"): name})
    first = p.pPr.getnext() if p.pPr is not None else (p[0] if len(p) else None)
    (first.addprevious(start) if first is not None else p.append(start))
    p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{number}"/>'))
