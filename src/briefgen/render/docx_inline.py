"""Inline spans → Word runs: bold and italic runs, real hyperlinks, and footnote references for citations."""

from __future__ import annotations

from typing import Callable

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from ..inline import Citation, Inline, Span
from .docx_styles import HYPERLINK, add_run

W = nsdecls("w")
R = nsdecls("r")

Cite = Callable[[Paragraph, Citation], None]
"""Puts a reference to the given citation at the end of the paragraph."""


def write(paragraph: Paragraph, spans: Inline, cite: Cite | None = None) -> None:
    """Append ``spans`` to ``paragraph``; a citation span calls ``cite``, or is dropped where notes cannot go."""
    for span in spans:
        if span.cite:
            if cite is not None:
                _close_up(paragraph)
                cite(paragraph, span.cite)
            continue
        if span.href:
            _hyperlink(paragraph, span)
        else:
            _run(paragraph, span)


def _close_up(paragraph: Paragraph) -> None:
    """A note mark sits against the word before it: "online¹", not "online ¹"."""
    last = paragraph._p[-1] if len(paragraph._p) else None
    texts = last.findall(qn("w:t")) if last is not None and last.tag == qn("w:r") else []
    if texts and texts[-1].text:
        texts[-1].text = texts[-1].text.rstrip(" ")


def _run(paragraph: Paragraph, span: Span, style_id: str | None = None):
    run = add_run(paragraph, span.text, style_id) if style_id else paragraph.add_run(span.text)
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


def reference_run(paragraph: Paragraph, style_id: str, body: str) -> None:
    """Append a run in ``style_id`` whose content is the raw OOXML ``body`` (a footnote mark or reference)."""
    paragraph._p.append(parse_xml(f'<w:r {W}><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>{body}</w:r>'))

