"""Whether each text colour of a theme can be read on the background it is set on (WCAG 2.x, level AA).

The contrast ratio of two colours is (L1 + 0.05) / (L2 + 0.05), L being relative luminance
(WCAG 2.2, 1.4.3). Text needs 4.5:1; large text — 18 pt, or 14 pt bold — needs 3:1.
``PAIRS`` lists every text colour on every background the Word brief, the PDF and the deck
set it on, with the smallest size it is set at there, so that one rule checks them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .value import Value

if TYPE_CHECKING:  # theme.py calls problems() as it loads a theme
    from .theme import Colours, Sizes

NORMAL, LARGE = 4.5, 3.0
PAGE = "FFFFFF"  # the page and slide background


class Pair(Value):
    """A theme colour as text (``text``) on a background (a colour key, or None for the white page)."""

    text: str
    background: str | None
    what: str  # the text that is set so, for the message
    size: Callable[[Sizes], float]  # the smallest size it is set at, in points
    bold: bool = False  # whether that smallest text is bold

    def needs(self, sizes: Sizes) -> float:
        size = self.size(sizes)
        return LARGE if size >= 18 or (self.bold and size >= 14) else NORMAL


def _small(sizes: Sizes) -> float:
    return sizes.small


def _cell(sizes: Sizes) -> float:
    return sizes.small + 0.5  # tables, notes, datelines and estimates in the PDF


PAIRS = (
    Pair("text", None, "body text", _small),
    Pair("muted", None, "subtitles, datelines, captions, attributions, running headers and footers", _small),
    Pair("primary", None, "the title, headings and list numbers", lambda s: min(s.body, s.heading2)),
    Pair("accent", None, "likelihood and confidence estimates", _cell, bold=True),
    Pair("link", None, "links and note numbers", _small),
    Pair("text", "callout_fill", "the bottom line", _cell),
    Pair("primary", "callout_fill", "callout titles", lambda s: s.heading2, bold=True),
    Pair("link", "callout_fill", "note numbers in the bottom line", _small),
    Pair("text", "table_stripe", "table cells on striped rows", _cell),
    Pair("link", "table_stripe", "note numbers in striped table rows", _small),
    Pair("table_header_text", "table_header_fill", "table header cells", _cell, bold=True),
)


def ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two RRGGBB colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def problems(colours: Colours, sizes: Sizes) -> list[tuple[str, str]]:
    """(field, message) for every text colour that falls short on its background, e.g. ("colours.muted", "…")."""
    found: list[tuple[str, str]] = []
    for pair in PAIRS:
        text = getattr(colours, pair.text)
        background = PAGE if pair.background is None else getattr(colours, pair.background)
        needed = pair.needs(sizes)
        found_ratio = ratio(text, background)
        if found_ratio < needed:
            on = "the white page" if pair.background is None else f"colours.{pair.background}"
            found.append((f"colours.{pair.text}", (
                f"{text} on {on} ({background}) is {_floor(found_ratio)}:1, below the {needed:g}:1 WCAG 2.2 AA "
                f"asks of {pair.what} (set at {pair.size(sizes):g} pt); choose a darker or lighter colour")))
    return found


def _floor(value: float) -> str:
    # Rounded down, so that a ratio just short of the bar never reads as meeting it (4.49 is not 4.5).
    return f"{int(value * 100) / 100:.2f}"


def _luminance(rrggbb: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(rrggbb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
