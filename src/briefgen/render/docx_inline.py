"""Inline spans → Word runs: bold and italic runs, real hyperlinks, and note marks linked to their notes."""

from __future__ import annotations

from typing import Iterable

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph
from xml.sax.saxutils import quoteattr

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


def _run(paragraph: Paragraph, span: Span, style_id: str | None = None):
    run = add_run(paragraph, span.text, style_id)
    if span.bold:
        run.bold = True
    if span.italic:
        run.italic = True
    return run


def _hyperlink(paragraph: Paragraph, span: Span) -> None:
    r_id = paragraph.part.relate_to(span.href, RT.HYPERLINK, is_external=True)
    link = parse_xml(f'<w:hyperlink {W} {R} r:id="{r_id}" w:history="1"/>')
    paragraph._p.append(link)
    run = _run(paragraph, span, HYPERLINK)
    link.append(run._r)


def _mark(paragraph: Paragraph, mark: NoteMark) -> None:
    """A superscript note number, an internal link to the bookmark of its note (see bookmark)."""
    if mark.separator:
        add_run(paragraph, mark.separator, NOTE_REFERENCE)
    link = parse_xml(f'<w:hyperlink {W} w:anchor={quoteattr(mark.anchor)} w:history="1"/>')
    paragraph._p.append(link)
    link.append(add_run(paragraph, str(mark.number), NOTE_REFERENCE)._r)


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Wrap what ``paragraph`` holds so far in a bookmark named ``name``, the destination of note marks."""
    p = paragraph._p
    start = parse_xml(f'<w:bookmarkStart {W} w:id="{number}" w:name={quoteattr(name)}/>')
    first = p.pPr.getnext() if p.pPr is not None else (p[0] if len(p) else None)
    (first.addprevious(start) if first is not None else p.append(start))
    p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{number}"/>'))
