"""The deck's figure and table slides: each figure drawn anew for the slide's body frame, each table split to fit.

A figure is laid out again at the frame's width with slide-sized labels rather than
shrunk from the page: the largest label size in FIGURE_SIZES at which it fits; a
timeline that still does not fit goes on as many slides as it needs. The slide's title says
what its caption would; an image's credit sits at the foot of the frame, inside the figure,
so the renderer only draws shapes.
A table keeps its header on every slide it continues on.
"""

from __future__ import annotations

from typing import Callable

from ..inline import Inline, Span
from . import figures as drawn
from .figures import Figure, Pen
from .measure import Metrics
# The sizes a slide's figures and tables are tried at are the style table's.
from ..typography import (SLIDE_CREDIT_SIZE as CREDIT_SIZE, SLIDE_FIGURE_SIZES as FIGURE_SIZES,
                          SLIDE_LABEL_LEAST as LABEL_LEAST, SLIDE_TABLE_SIZES as TABLE_SIZES)
from ..value import Value, replace

LINE_SPACING = 1.25  # a table cell's exact line pitch, as slide text's: above Carlito's (Calibri's) own 1.221
CREDIT_ROOM = CREDIT_SIZE * LINE_SPACING * 2 + CREDIT_SIZE * 0.5  # two lines of credit and the space above them
CELL_INSET_X = 5.0  # a table cell's text insets, in points, set by the renderer as measured here
CELL_INSET_Y = 3.0
WIDTH_RESERVE = 0.97  # a cell's text is measured a little narrower than it is (renderers' rounding)


class DeckTable(Value):
    """A table on one slide: its header and rows, column widths and row heights in points, at one size."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...]
    heights: tuple[float, ...]  # the header's first
    size: float


def figure_frames(make: Callable[[Pen, float, float], list[Figure]], pen: Pen, width: float,
                  height: float, *, credit: bool = False) -> list[Figure]:
    """The figure (or its parts, one a slide) ``make`` lays out for a frame ``width`` × ``height``.

    Room is kept below for a ``credit`` line. ``make(pen, width, height)`` is tried at each of
    FIGURE_SIZES: the fewest slides win, then the largest labels. A figure too tall is scaled
    down to fit, but never so far that a label falls below LABEL_LEAST; if none can, the
    figure that needs the fewest slides is scaled down all the same.
    """
    room = height - (CREDIT_ROOM if credit else 0.0)
    best: list[Figure] = []
    fallback: list[Figure] = []  # the fewest slides any size made, whatever its labels
    for size in FIGURE_SIZES:
        made = make(replace(pen, size=size), width, room)
        if not made:
            continue
        fitted = [f.scaled(min(1.0, room / f.height)) for f in made]
        if not fallback or len(fitted) < len(fallback):
            fallback = fitted
        if min((label.size for f in fitted for label in f.labels()), default=LABEL_LEAST) < LABEL_LEAST - 1e-9:
            continue
        if not best or len(fitted) < len(best):
            best = fitted
            if len(best) == 1:  # no smaller size can need fewer slides, and this one's labels are larger
                break
    return best or fallback


def captioned(figure: Figure, pen: Pen, width: float) -> Figure:
    """``figure`` as wide as the frame, centred, with its credit below it.

    Its caption is not set: the slide's title says it.
    """
    offset = (width - figure.width) / 2  # a figure narrower than the frame is centred in it
    shapes = tuple(_moved(s, offset) for s in figure.shapes)
    box = figure.image_box and (figure.image_box[0] + offset, *figure.image_box[1:])
    height = figure.height
    if figure.credit:
        label = pen.label(0, figure.height + CREDIT_SIZE * 0.5, width, figure.credit, size=CREDIT_SIZE,
                          colour=pen.colours.muted)
        shapes += (label,)
        height = label.y + label.height
    return replace(figure, width=width, height=height, shapes=shapes, image_box=box)


def _moved(shape, dx: float):
    if dx == 0:
        return shape
    if isinstance(shape, drawn.Line):
        return replace(shape, points=tuple((x + dx, y) for x, y in shape.points))
    if isinstance(shape, drawn.Circle):
        return replace(shape, cx=shape.cx + dx, text=shape.text and _moved(shape.text, dx))
    if isinstance(shape, drawn.Rect):
        return replace(shape, x=shape.x + dx, text=shape.text and _moved(shape.text, dx))
    return replace(shape, x=shape.x + dx)


def table_slides(columns: tuple[str, ...], rows: tuple[tuple[Inline, ...], ...], widths: tuple[float, ...],
                 metrics: Metrics, width: float, height: float) -> list[DeckTable]:
    """The table's rows on as few slides as fit at the largest size that needs the fewest, header on each."""
    best: list[DeckTable] = []
    for size in TABLE_SIZES:
        pages = _paged(columns, rows, widths, metrics, width, height, size)
        if not best or len(pages) < len(best):
            best = pages
    return best


def _paged(columns: tuple[str, ...], rows: tuple[tuple[Inline, ...], ...], relative: tuple[float, ...],
           metrics: Metrics, width: float, height: float, size: float) -> list[DeckTable]:
    total = sum(relative)
    widths = tuple(width * w / total for w in relative)
    pitch = size * LINE_SPACING

    def row_height(cells: tuple[Inline, ...], bold: bool = False) -> float:
        lines = max(metrics.count(tuple(Span(s.text, bold or s.bold, s.italic) for s in cell if s.text) or
                                  (Span(""),), (w - 2 * CELL_INSET_X) * WIDTH_RESERVE, size)
                    for cell, w in zip(cells, widths))
        return lines * pitch + 2 * CELL_INSET_Y

    header = row_height(tuple((Span(c, bold=True),) for c in columns), bold=True)
    pages: list[list[int]] = [[]]
    used = header
    heights = [row_height(row) for row in rows]
    for n, h in enumerate(heights):
        if pages[-1] and used + h > height:
            pages.append([])
            used = header
        pages[-1].append(n)
        used += h
    return [DeckTable(columns, tuple(rows[n] for n in page), widths,
                      (header, *(heights[n] for n in page)), size) for page in pages]


__all__ = ["DeckTable", "LABEL_LEAST", "captioned", "figure_frames", "table_slides"]
