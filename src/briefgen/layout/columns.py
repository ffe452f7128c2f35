"""How a table's columns share the text width: as its words need, so that it takes the fewest lines.

A table's parts give each column a relative width from what it usually holds (an event wider than its
date). The words a brief puts in them vary: a column of short answers beside one of long ones wastes
lines that a few millimetres moved across would save. The layout measures every cell at each width a
column may take, in twentieths of the text width, and keeps the widths that set the table in the fewest
lines; of those, the closest to the part's own. No column is made narrower than its longest word, so
no word is broken that the part's widths kept whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..inline import Inline, Span
from .measure import Metrics

STEPS = 20  # a column's width is a whole number of twentieths of the text width
MOST_ROWS = 30  # a longer table keeps its part's widths: its lines are counted for each choice


# What fitted chose, by everything it was given (a Metrics is one per family, kept for the process): measuring
# every cell at every width is about a tenth of laying out a brief, and a save in `briefgen watch` seldom
# changes a table. A few dozen tables, as a watch renders one or two briefs.
_FITTED: dict[tuple, tuple[float, ...]] = {}
_FITTED_KEPT = 64


def fitted(widths: tuple[float, ...], rows: list[tuple[Inline, ...]], metrics: Metrics, size: float,
           text_width: float, padding: float) -> tuple[float, ...]:
    """The relative widths, at most ``STEPS`` per column, that set ``rows`` (the header first) in the fewest
    lines at ``size`` in cells of ``text_width`` shared out, each ``padding`` inside its edges on both sides;
    ``widths`` unchanged when no other choice takes fewer lines, or the table is too long to try."""
    asked = (widths, tuple(rows), metrics, size, text_width, padding)
    found = _FITTED.get(asked)
    if found is None:
        found = _fitted(widths, rows, metrics, size, text_width, padding)
        if len(_FITTED) >= _FITTED_KEPT:
            del _FITTED[next(iter(_FITTED))]
        _FITTED[asked] = found
    return found


def _fitted(widths: tuple[float, ...], rows: list[tuple[Inline, ...]], metrics: Metrics, size: float,
            text_width: float, padding: float) -> tuple[float, ...]:
    columns = len(widths)
    if columns < 2 or not rows or len(rows) > MOST_ROWS or columns * 2 > STEPS:
        return widths

    def room(steps: float) -> float:
        return text_width * steps / STEPS - 2 * padding

    longest = [max(_longest_word(row[c], metrics, size) for row in rows) for c in range(columns)]
    least = [max(1, _steps_for(w + 2 * padding, text_width)) for w in longest]
    if sum(least) > STEPS:
        return widths
    # Each cell's lines at each width its column may take.
    counts = []
    for c in range(columns):
        first, last = least[c], STEPS - sum(least) + least[c]
        cells = [_lines(row[c], first, last, room, metrics, size) if row[c] else [1] * (last - first + 1)
                 for row in rows]
        counts.append({steps: [cell[steps - first] for cell in cells] for steps in range(first, last + 1)})
    total = sum(widths)
    own = [w / total * STEPS for w in widths]

    def lines(choice: tuple[int, ...]) -> int:
        return sum(max(cells) for cells in zip(*(counts[c][s] for c, s in enumerate(choice))))

    def distance(choice: tuple[int, ...]) -> float:
        return sum(abs(s - o) for s, o in zip(choice, own))

    best = min(_shares([sorted(k) for k in counts], STEPS), key=lambda c: (lines(c), distance(c)))
    # The part's own widths stand unless the best choice saves a line (and they break no word it keeps whole).
    if all(room(o) >= w for o, w in zip(own, longest)):
        given = sum(max(metrics.count(cells[c], room(own[c]), size) if cells[c] else 1 for c in range(columns))
                    for cells in rows)
        if given <= lines(best):
            return widths
    return tuple(float(s) for s in best)


def _lines(cell: Inline, first: int, last: int, room: Callable[[int], float], metrics: Metrics,
           size: float) -> list[int]:
    """The lines of ``cell`` at each width from ``first`` to ``last`` steps, as metrics.count gives them.

    Where no word is wider than the narrowest room, a wider room never takes more lines (count wraps word by
    word), so between two widths that take as many lines every width takes that many: the widths between are
    counted only where the two ends differ. Counting every cell at every width was half of a table's layout.
    """
    found: list[int | None] = [None] * (last - first + 1)

    def at(steps: int) -> int:
        n = found[steps - first]
        if n is None:
            n = found[steps - first] = metrics.count(cell, room(steps), size)
        return n

    if metrics.widest(cell, size) > room(first):  # a word broken between characters somewhere: each counted
        return [at(steps) for steps in range(first, last + 1)]
    ends = [(first, last)]
    while ends:
        low, high = ends.pop()
        if at(low) == at(high):
            found[low - first:high - first + 1] = [at(low)] * (high - low + 1)
        elif high - low > 1:
            middle = (low + high) // 2
            ends += [(low, middle), (middle, high)]
    return [at(steps) for steps in range(first, last + 1)]


def _shares(options: list[list[int]], total: int) -> Iterator[tuple[int, ...]]:
    """Each choice of one of its ``options`` per column whose steps add up to ``total``, in the order of their
    product; made directly, as the product of five columns' widths would be thousands of choices to discard."""
    if not options:
        if total == 0:
            yield ()
        return
    rest = options[1:]
    least, most = sum(o[0] for o in rest), sum(o[-1] for o in rest)
    for steps in options[0]:
        if least <= total - steps <= most:
            yield from ((steps, *others) for others in _shares(rest, total - steps))


def _longest_word(spans: Inline, metrics: Metrics, size: float) -> float:
    widths = [metrics.width(word, size, bold=span.bold, italic=span.italic)
              for span in spans if isinstance(span, Span) for word in span.text.split()]
    return max(widths, default=0.0)


def _steps_for(width: float, text_width: float) -> int:
    return -int(-width * STEPS // text_width)  # rounded up


__all__ = ["MOST_ROWS", "STEPS", "fitted"]
