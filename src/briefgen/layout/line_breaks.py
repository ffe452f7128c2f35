"""Where a line may not break, decided once for the brief, the PDF and the deck.

A numeric range ("5–20%", "1998–2001") is read as one figure: Word, LibreOffice and
PowerPoint would break after its en dash (Unicode's line breaking allows a break after
a dash), leaving "Very unlikely (5–" at a line's end and "20%)" on the next. A word
joiner (U+2060) after the dash forbids that break in all three and in reportlab, and has
no width, so the deck's measured fit (layout/measure.py) is unchanged.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
# A dash between digits: an en dash, a figure dash or a hyphen-minus.
_RANGE_DASH = re.compile(r"(?<=\d)([\u2012\u2013-])(?=\d)")


def unbroken_ranges(text: str) -> str:
    """``text`` with no line break inside any numeric range."""
    return _RANGE_DASH.sub(lambda found: found.group(1) + WORD_JOINER, text)
