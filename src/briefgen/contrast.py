"""Whether each text colour of a theme can be read on the background it is set on (WCAG 2.x, level AA).

The contrast ratio of two colours is (L1 + 0.05) / (L2 + 0.05), L being relative luminance
(WCAG 2.2, 1.4.3). Text needs 4.5:1; large text — 18 pt, or 14 pt bold — needs 3:1.
The pairs to check are read off the style table (typography.py): every role's text colour on
its fill, as Word, the PDF and the deck set it, and the links and note numbers inside a role's
text on the same fill, each at the smallest size it is set at, so that one rule checks them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .typography import Look, Role, brief_roles, deck_roles
from .value import Value, fields

if TYPE_CHECKING:  # theme.py calls problems() as it loads a theme
    from .theme import Colours, DeckSizes, Sizes

NORMAL, LARGE = 4.5, 3.0
PAGE = "FFFFFF"  # the page and slide background


class Pair(Value):
    """A theme colour as text (``text``) on a background (a colour key, or None for the white page)."""

    text: str
    background: str | None
    what: str  # the text that is set so, for the message
    size: float  # the smallest size it is set at, in points
    bold: bool = False  # whether that smallest text is bold

    def needs(self) -> float:
        return LARGE if self.size >= 18 or (self.bold and self.size >= 14) else NORMAL


def pairs(colours: Colours, sizes: Sizes, deck: DeckSizes | None = None) -> tuple[Pair, ...]:
    """Every theme colour the products set text in, on each background they set it on, from the style table.

    The table is made with each colour's name in place of its value, so each role tells which
    theme colour it is set in; a colour that is not the theme's (the marking's) is not the theme's to check.
    """
    keys = set(fields(colours))
    names = type(colours)(**{name: name for name in keys})
    brief = brief_roles(sizes, names)
    roles: list[Role] = [getattr(brief, name) for name in fields(brief)]
    if deck is not None:
        made = deck_roles(deck, names)
        roles += [role for name in fields(made) if isinstance(role := getattr(made, name), Role)]
    inline = (brief.link, brief.note_mark)
    found: dict[tuple[str, str | None], list[tuple[str, float, bool]]] = {}

    def add(text: str, look: Look, what: str, bold: bool) -> None:
        if text in keys and (look.fill is None or look.fill in keys):
            found.setdefault((text, look.fill), []).append((what, look.size, bold))

    for role in (role for role in roles if not role.decorative):
        for look in (role.in_word, role.in_pdf):
            add(look.colour, look, role.name, look.bold)
            if role.links:  # set in the role's own size, and never bold there at the least
                for mark in inline:
                    add(mark.colour, look, mark.name, False)
    made_pairs = []
    for (text, background), uses in found.items():
        # The hardest use: the one that needs the most contrast, and the smallest of those.
        needs = {use: Pair(text, background, "", use[1], use[2]).needs() for use in uses}
        _, size, bold = max(uses, key=lambda use: (needs[use], -use[1]))
        what = ", ".join(dict.fromkeys(name for name, _, _ in uses))
        made_pairs.append(Pair(text, background, what, size, bold))
    return tuple(made_pairs)


def ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two RRGGBB colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def problems(colours: Colours, sizes: Sizes, deck: DeckSizes | None = None) -> list[tuple[str, str]]:
    """(field, message) for every text colour that falls short on its background, e.g. ("colours.muted", "…")."""
    found: list[tuple[str, str]] = []
    for pair in pairs(colours, sizes, deck):
        text = getattr(colours, pair.text)
        background = PAGE if pair.background is None else getattr(colours, pair.background)
        needed = pair.needs()
        found_ratio = ratio(text, background)
        if found_ratio < needed:
            on = "the white page" if pair.background is None else f"colours.{pair.background}"
            found.append((f"colours.{pair.text}", (
                f"{text} on {on} ({background}) is {_floor(found_ratio)}:1, below the {needed:g}:1 WCAG 2.2 AA "
                f"asks of {pair.what} (set at {pair.size:g} pt); choose a darker or lighter colour")))
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
