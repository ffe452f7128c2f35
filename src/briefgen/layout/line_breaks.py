"""Where a line may not break, decided once for the brief, the PDF and the deck.

A numeric range ("5–20%", "1998–2001") is read as one figure: Word, LibreOffice and
PowerPoint would break after its en dash (Unicode's line breaking allows a break after
a dash), leaving "Very unlikely (5–" at a line's end and "20%)" on the next. A word
joiner (U+2060) after the dash forbids that break in all three and in reportlab, and has
no width, so the deck's measured fit (layout/measure.py) is unchanged.

A title or subtitle never ends on a line holding one word alone: its last two words are
joined by a no-break space (U+00A0), which every reader and reportlab keep on one line and
the deck's measurement reads as part of one word, so the word before comes down with it.

An address (a URL) shown as itself breaks by one rule, in every product: a line may end after
a slash of its path, between two of its parts, and nowhere else; never inside or right after its
scheme ("https://"), never at a hyphen, where Word and LibreOffice would otherwise break it
("secessionist-" at a line's end reads as a hyphenated word, and pdftotext joins the two lines
dropping the hyphen). Only a part longer than a whole line (a path segment with no slash in a
line's length) is cut where its line ends, as each reader cuts a word longer than its line; the
first part holds the scheme and the host, which fit a line, so the scheme is never cut.
(Breaking before a '.' or a '?' instead was weighed and left: a reader cannot tell Word or
LibreOffice to take such a break only when no slash will do, and a dot ending a line reads as a
full stop.)

Word and LibreOffice are told where with characters, as they have no other way: a zero-width
space (U+200B) after each slash of the path allows the break (what Word's own "no-width optional
break" is for), a word joiner (U+2060) after each hyphen forbids the other. LibreOffice 7.4 breaks
after no slash unaided (a long address without the marks broke at a hyphen; with w:noBreakHyphen
for the joiners, at no slash either), a w:noBreakHyphen is U+2011 in the text LibreOffice copies
and saves, and the text a field or a w:hyperlink shows is the text copied. So text selected and
copied out of Word or LibreOffice keeps the two invisible marks; the link goes to the address as
written (its relationship's target), as does each reader's "copy link".

The PDF draws the address without the marks: it is laid out in its parts (``address_parts``),
which reportlab may end a line between, drawing nothing there (render/pdf/word_breaks.py), so what a
reader copies from it is the address as written.
"""

from __future__ import annotations

import re

from ..inline import Inline, Span
from ..value import replace

WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
ZERO_WIDTH_SPACE = "\u200b"
BREAK_MARKS = (WORD_JOINER, ZERO_WIDTH_SPACE)
# A dash between digits: an en dash, a figure dash or a hyphen-minus.
_RANGE_DASH = re.compile(r"(?<=\d)([\u2012\u2013-])(?=\d)")
# The spaces before a text's last word (and whatever spaces end it).
_LAST_SPACE = re.compile(r"(?<=\S)[ \t]+(?=\S+\s*$)")


# A slash of an address's path (not the two after its scheme, nor one that ends it), and a hyphen.
_PATH_SLASH = re.compile(r"(?<=[^/:])/(?=[^/])")
_HYPHEN = re.compile(r"-(?=.)")


def unbroken_ranges(text: str) -> str:
    """``text`` with no line break inside any numeric range."""
    return _RANGE_DASH.sub(lambda found: found.group(1) + WORD_JOINER, text)


def unbroken_ranges_in(spans: Inline) -> Inline:
    """``spans`` with no line break inside any numeric range, whatever text holds it: an estimate, a table's
    cell, the analyst's own prose ("1992–97")."""
    holding = [_RANGE_DASH.search(span.text) is not None for span in spans]
    if not any(holding):
        return spans  # itself: the layout's walk keeps what it leaves unchanged
    return tuple(replace(span, text=unbroken_ranges(span.text)) if held else span
                 for span, held in zip(spans, holding))


def breakable_address(url: str) -> str:
    """``url`` as shown: breakable after each slash of its path, and nowhere else."""
    return _HYPHEN.sub("-" + WORD_JOINER, _PATH_SLASH.sub("/" + ZERO_WIDTH_SPACE, url))


def address(url: str, bold: bool = False, italic: bool = False) -> Span:
    """A link whose text is its own address ``url``: shown breakable at its slashes, linked to ``url`` itself."""
    return Span(breakable_address(url), bold, italic, url)


def address_parts(shown: str) -> list[str]:
    """An address as ``breakable_address`` shows it, in the parts a line may end between, as written."""
    return [without_break_marks(part) for part in shown.split(ZERO_WIDTH_SPACE)]


def without_break_marks(text: str) -> str:
    """``text`` as a reader copies it: without the marks that only place its line breaks."""
    for mark in BREAK_MARKS:
        text = text.replace(mark, "")
    return text


def last_words_together(text: str) -> str:
    """``text`` with its last two words joined, so that its last line never holds one word alone."""
    return _LAST_SPACE.sub(NO_BREAK_SPACE, text, count=1)


def last_words_together_in(spans: Inline) -> Inline:
    """``spans`` with their last two words joined, whichever spans they are in."""
    whole = "".join(span.text for span in spans)
    found = _LAST_SPACE.search(whole)
    if found is None:
        return spans
    start, end = found.span()
    joined, at = [], 0
    for span in spans:
        text, after = span.text, at + len(span.text)
        if at < end and start < after:  # the spaces, or some of them, are in this span
            first, last = max(start, at) - at, min(end, after) - at
            text = text[:first] + (NO_BREAK_SPACE if at <= start else "") + text[last:]
        joined.append(replace(span, text=text) if text != span.text else span)
        at = after
    return tuple(joined)


__all__ = ["BREAK_MARKS", "NO_BREAK_SPACE", "WORD_JOINER", "ZERO_WIDTH_SPACE", "address", "address_parts",
           "breakable_address",
           "without_break_marks", "last_words_together", "last_words_together_in",
           "unbroken_ranges", "unbroken_ranges_in"]
