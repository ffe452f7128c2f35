"""Inline spans → Word runs: bold and italic runs, real hyperlinks, and note marks as Word's footnote references.

A run of right-to-left script is its own run, marked right-to-left and with its language
(see scripts.py), so Word shapes it and a screen reader speaks it in that language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from lxml.etree import SubElement

from ... import scripts
from ...inline import Span
from ...layout.document import NoteMark
from . import fields, tracked, xml
from .styles import HYPERLINK, NOTE_REFERENCE, styled
from .xml import NAMESPACES, element, qn

_BREAKS = re.compile(r"([\t\n\r])")
_R, _RPR, _RSTYLE, _B, _I, _RTL, _LANG = (qn(t) for t in ("w:r", "w:rPr", "w:rStyle", "w:b", "w:i", "w:rtl", "w:lang"))
_T, _TAB, _BR, _LINK, _START, _END = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:hyperlink", "w:bookmarkStart",
                                                      "w:bookmarkEnd"))
_FOOTNOTE = qn("w:footnoteReference")
_VAL, _BIDI, _HISTORY, _ID, _NAME, _RID = (qn(a) for a in ("w:val", "w:bidi", "w:history", "w:id", "w:name", "r:id"))
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_R_NS = {"r": NAMESPACES["r"]}


def write(p, spans: Iterable[Span | NoteMark], story) -> None:
    """Append ``spans`` to the w:p ``p``: styled runs, links, and each note mark as the layout numbered it.
    ``story`` is where ``p`` is (the body.Body, or the footnotes): its ``part`` relates the links, its ``word``
    says the document's language.

    The runs are built as lxml elements straight under the w:p, each property element in its place, run
    prototypes copied (see _prototype).
    """
    for span in spans:
        if isinstance(span, NoteMark):
            _mark(p, span)
            continue
        # Where a redline's change starts; lxml counts a paragraph's children one by one, so only when one is
        # marked (counted for every span, a dense 1M-character paragraph took minutes).
        start = len(p) if span.change else 0
        pieces = [(span.text, None)]
        if scripts.RIGHT_TO_LEFT.search(span.text):
            pieces = scripts.runs(span.text, story.word.language)
        parent, style = p, None
        if span.href:
            start = 0  # the link's own runs are marked, inside it
            style = HYPERLINK
            # r is declared here if the document does not (a reference's may not), as Word names it.
            parent = SubElement(p, _LINK, nsmap=_R_NS)
            parent.set(_RID, story.part.link(span.href, xml.HYPERLINK))
            parent.set(_HISTORY, "1")
        for text, lang in pieces:
            _run(parent, text, style, span.bold, span.italic, lang)
        tracked.wrap(parent, start, span.change)


def add_paragraph(body, style_id: str, text: str = ""):
    """A new w:p at the end of ``body`` (body.Body) in the paragraph style ``style_id``, holding ``text``."""
    p = styled(body.add_paragraph(), style_id)
    if text:
        _run(p, text, None)
    return p


def add_run(p, text: str, style_id: str | None = None, *, bold: bool = False):
    """A run of ``text`` at the end of the w:p ``p``, in the character style ``style_id``; an empty ``text``
    gives a run of no text (as python-docx's add_run)."""
    if text:
        _run(p, text, style_id, bold)
    else:
        p.append(_prototype(style_id, bold, False, None, None).__copy__())


def _run(parent, text: str, style: str | None, bold: bool = False, italic: bool = False,
         language: str | None = None) -> None:
    """One w:r at the end of ``parent``: its properties in the schema's order, tabs and line breaks as Word's own
    elements."""
    if "\t" in text or "\n" in text or "\r" in text:
        r = _prototype(style, bold, italic, language, None).__copy__()
        for piece in _BREAKS.split(text):
            if piece == "\t":
                SubElement(r, _TAB)
            elif piece in ("\n", "\r"):
                SubElement(r, _BR)
            elif piece:
                t = SubElement(r, _T)
                if len(piece.strip()) < len(piece):
                    t.set(_SPACE, "preserve")
                t.text = piece
    else:
        r = _prototype(style, bold, italic, language, len(text.strip()) < len(text)).__copy__()
        r[-1].text = text
    parent.append(r)


@lru_cache(maxsize=None)
def _prototype(style: str | None, bold: bool, italic: bool, language: str | None, preserve: bool | None):
    """An empty run with these properties, to copy: a long brief writes the same few thousands of times,
    and lxml copies a run faster than it builds one element by element. With its one w:t, unless
    ``preserve`` is None; the w:t keeps its spaces if ``preserve``."""
    r = element("w:r")
    if style or bold or italic or language:
        properties = SubElement(r, _RPR)
        if style:
            SubElement(properties, _RSTYLE).set(_VAL, style)
        if bold:
            SubElement(properties, _B)
        if italic:
            SubElement(properties, _I)
        if language:
            # w:bidi is the complex-script language: Word shapes the run and a screen reader speaks it so.
            SubElement(properties, _RTL)
            SubElement(properties, _LANG).set(_BIDI, language)
    if preserve is not None:
        t = SubElement(r, _T)
        if preserve:
            t.set(_SPACE, "preserve")
    return r


def _mark(p, mark: NoteMark) -> None:
    """A note mark: the note's footnote reference where it is first cited (in a bookmark its later marks refer
    to), a NOTEREF field showing its number at a later mark, the bare number when a redline deletes the mark
    (see footnotes.py)."""
    # As for a span, the children are counted only when a redline marks the note (see write).
    if mark.separator:
        _run(p, mark.separator, NOTE_REFERENCE)
        tracked.wrap(p, len(p) - 1 if mark.change else 0, mark.change)
    start = len(p) if mark.change else 0
    if mark.change == "del":  # the last edition's note, which this one does not hold
        _run(p, str(mark.number), NOTE_REFERENCE)
    elif mark.first:
        name = reference_name(mark.number)
        SubElement(p, _START, {_ID: str(mark.number), _NAME: name})
        r = _prototype(NOTE_REFERENCE, False, False, None, None).__copy__()
        SubElement(r, _FOOTNOTE).set(_ID, str(mark.number))
        p.append(r)
        SubElement(p, _END).set(_ID, str(mark.number))
    else:
        fields.field(p, f"NOTEREF {reference_name(mark.number)} \\f \\h", str(mark.number), NOTE_REFERENCE)
    tracked.wrap(p, start, mark.change)


def reference_name(number: int) -> str:
    """The hidden bookmark around a note's footnote reference, which the note's later marks refer to."""
    return f"_RefNote{number}"
