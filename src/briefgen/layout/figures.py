"""Figures drawn from the brief's own data — a timeline, the likelihood scale, an actor map — as simple shapes.

A figure is decided here once, in its own coordinate space (points, origin at the top
left, y growing downwards as a page is read), with its caption, alt text and credit.
Every label is measured with the theme font's real advances (measure.py) and placed so
that no two labels overlap and none leaves the frame. Renderers only draw the shapes:
the PDF as vector graphics, the deck as native shapes, Word as a picture of them.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence, Union

from ..estimative import Likelihood
from ..images import Image, read as read_image
from ..inline import Span, parse, plain
from ..model import Actor, Brief, Event, KeyJudgment, PartialDate, Picture, Scenario
from ..parts import FieldPath
from ..theme import Colours, Theme
from .measure import Metrics, metrics_for
from .outline import Labels
from ..typography import tint as _tint, typography
from ..value import Value, replace

LEADING = 1.25  # a label's line pitch, in multiples of its size; Carlito (Calibri) needs 1.221


class Line(Value):
    """A straight line or a polyline through ``points``."""

    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 0.75
    dashed: bool = False


class Rect(Value):
    x: float
    y: float
    width: float
    height: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.75
    text: Label | None = None  # set inside the shape, on its fill (a marker's number)


class Circle(Value):
    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.75
    text: Label | None = None


class Label(Value):
    """Lines of text already wrapped to ``width``, their box's top left at (x, y); one style per label."""

    x: float
    y: float
    width: float
    lines: tuple[str, ...]
    size: float
    colour: str
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left | centre | right, within the box

    @property
    def pitch(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        return len(self.lines) * self.pitch


Shape = Union[Line, Rect, Circle, Label]


class Figure(Value):
    """One figure: shapes (or an image) filling ``width`` × ``height`` points, and what a reader is told of it."""

    caption: str
    alt: str
    width: float
    height: float
    shapes: tuple[Shape, ...] = ()
    image: Image | None = None
    image_box: tuple[float, float, float, float] | None = None  # where the image goes: x, y, width, height
    credit: str = ""
    title: str = ""  # the numbered caption every format shows, given by the layout (see ``numbered``)
    number: int = 0
    part: int = 0    # a figure too large for one page or slide comes in parts, each numbered as the figure
    parts: int = 1
    field: FieldPath = ()  # the content field it is drawn from (the timeline, the scenarios) or the image's

    def labels(self) -> list[Label]:
        """Every label of the figure, those set inside a shape too, in drawing order."""
        found: list[Label] = []
        for shape in self.shapes:
            inside = getattr(shape, "text", None)
            found += [shape] if isinstance(shape, Label) else [inside] if inside else []
        return found

    def scaled(self, factor: float) -> Figure:
        """The same figure drawn ``factor`` times as large: every coordinate and size multiplied."""
        box = tuple(v * factor for v in self.image_box) if self.image_box else None
        return replace(self, width=self.width * factor, height=self.height * factor, image_box=box,
                       shapes=tuple(_scaled(s, factor) for s in self.shapes))


def _scaled(shape: Shape, k: float) -> Shape:
    if isinstance(shape, Line):
        return replace(shape, points=tuple((x * k, y * k) for x, y in shape.points), width=shape.width * k)
    if isinstance(shape, Rect):
        return replace(shape, x=shape.x * k, y=shape.y * k, width=shape.width * k, height=shape.height * k,
                       stroke_width=shape.stroke_width * k, text=shape.text and _scaled(shape.text, k))
    if isinstance(shape, Circle):
        return replace(shape, cx=shape.cx * k, cy=shape.cy * k, r=shape.r * k, stroke_width=shape.stroke_width * k,
                       text=shape.text and _scaled(shape.text, k))
    return replace(shape, x=shape.x * k, y=shape.y * k, width=shape.width * k, size=shape.size * k)


class Pen(Value):
    """What every figure is drawn with: the theme's font measured, its colours, and the label size."""

    metrics: Metrics
    colours: Colours
    size: float
    words: Labels  # the outline's, in the brief's language
    least: float = 0.0  # no label is set smaller: on a slide, what can be read across a room

    def smaller(self, ratio: float) -> float:
        """The size of a secondary label (a legend's number, a remark), ``ratio`` of the label size."""
        return max(self.size * ratio, self.least)

    @classmethod
    def for_page(cls, theme: Theme, words: Labels) -> Pen:
        """Labels at the brief's small size: a figure as wide as the text reads like a table's notes."""
        return cls(metrics_for(theme.fonts), theme.colours, typography(theme).brief.figure_label.size, words)

    def width(self, text: str, *, size: float | None = None, bold: bool = False, italic: bool = False) -> float:
        return self.metrics.width(text, size or self.size, bold=bold, italic=italic)

    def wrap(self, text: str, width: float, *, size: float | None = None, bold: bool = False,
             italic: bool = False) -> tuple[str, ...]:
        """``text`` broken into lines no wider than ``width``, as measure.py breaks slide text."""
        spans = (Span(text, bold=bold, italic=italic),)
        lines = self.metrics.wrap(spans, width, size or self.size)
        return tuple("".join(text[p.start:p.end] for p in line).strip() for line in lines if line) or ("",)

    def label(self, x: float, y: float, width: float, text: str, *, size: float | None = None,
              colour: str | None = None, bold: bool = False, italic: bool = False, align: str = "left") -> Label:
        size = size or self.size
        return Label(x, y, width, self.wrap(text, width, size=size, bold=bold, italic=italic), size,
                     colour or self.colours.text, bold, italic, align)


DRAWN = ("timeline", "actor_map", "likelihood_scale")  # the names `figures:` switches in the content
# The figures the brief's pages show. The likelihood scale is the deck's: every estimate it places is in the
# brief's words (each judgment's under it, each scenario's in the scenarios table every outlook has), so on
# the page it would say them again; a room takes them in at a glance on a slide.
ON_THE_PAGE = ("timeline", "actor_map")


def for_brief(brief: Brief, pen: Pen, width: float, height: float, *, fill: bool = False) -> dict[str, list[Figure]]:
    """The drawn figures of the brief's pages it has data for and has not switched off, by name, ``width`` points
    wide.

    A timeline taller than ``height`` comes in parts; with ``fill`` (a slide) each part is
    exactly ``height`` high.
    """
    found = {name: draw(name, brief, pen, width, height, fill=fill) for name in ON_THE_PAGE}
    return {name: figures for name, figures in found.items() if figures}


def draw(name: str, brief: Brief, pen: Pen, width: float, height: float, *, fill: bool = False) -> list[Figure]:
    """The drawn figure ``name`` of ``for_brief`` alone (a deck tries each figure at several sizes): its parts,
    or none if the brief has too little data for it or has switched it off."""
    if not getattr(brief.figures, name):
        return []
    if name == "timeline":
        made = timeline_parts(brief.context.timeline, pen, width, height, fill=fill)
    elif name == "actor_map":
        made = [actor_map(brief.actors, pen, width)]
    else:
        made = [likelihood_scale(brief.key_judgments, brief.outlook.scenarios, pen, width)]
    return [f for f in made if f]


def has_data(name: str, brief: Brief) -> bool:
    """Whether ``brief`` has what the figure ``name`` draws, and has not switched it off (as ``draw`` decides)."""
    if not getattr(brief.figures, name):
        return False
    if name == "timeline":
        return len(brief.context.timeline) >= 2
    if name == "actor_map":
        return len(brief.actors) >= 2 and bool(ties(brief.actors)[0])
    return len(brief.key_judgments) + len(brief.outlook.scenarios) >= 2


def numbered(figure: Figure, captions, words: Labels) -> Figure:
    """``figure`` with the next caption number from ``captions`` (document.Captions); its later parts share it."""
    text = figure.caption + (words.part.format(part=figure.part + 1, parts=figure.parts) if figure.parts > 1 else "")
    caption = (captions.again if figure.part else captions.next)(words.figure, text)
    return replace(figure, title=caption.text, number=caption.number)


PRINT_DPI = 150  # an image is never shown larger than this many of its pixels per inch


def picture(picture: Picture, width: float, height: float) -> Figure:
    """An analyst's own image, as large as its pixels allow at PRINT_DPI, within ``width`` × ``height`` points."""
    image = read_image(Path(picture.image))  # the loader checked and resolved it; read again for its size
    shown = min(width, image.pixels[0] * 72 / PRINT_DPI, height / image.aspect)
    return Figure(plain(picture.caption), plain(picture.alt), shown, shown * image.aspect, image=image,
                  image_box=(0.0, 0.0, shown, shown * image.aspect),
                  credit=plain(picture.credit) if picture.credit else "")


# --- the timeline -------------------------------------------------------------------------------

def timeline(events: Sequence[Event], pen: Pen, width: float, height: float | None = None) -> Figure | None:
    """Events on a vertical time axis, each label beside it, pushed apart (with a leader) where dates crowd.

    ``height`` is the frame to fill (a slide); without it the figure takes the height its
    labels need, at least half its width. None when fewer than two events, or when the
    labels cannot fit ``height``.
    """
    events = sorted(events, key=lambda e: e.date)
    if len(events) < 2:
        return None
    c, size = pen.colours, pen.size
    pitch = size * LEADING
    gap = size * 0.6
    years = [_year_of(e.date) for e in events]
    # A year-long date may end after a later, more precise one: the axis spans every period whole.
    start = min(a for a, _ in years)
    end = max(max(b for _, b in years), start + 1)
    step = _year_step(end - start)
    tick_width = pen.width(str(math.floor(end)))
    axis_x = tick_width + 8
    dates = [e.date.display() for e in events]
    date_x = axis_x + 36  # room for the leaders' bends
    date_width = max(pen.width(d, bold=True) for d in dates)
    text_x = date_x + date_width + size
    text_width = width - text_x
    if text_width < 6 * size:
        return None
    texts = [pen.label(text_x, 0, text_width, _prose(e.event)) for e in events]
    heights = [t.height for t in texts]
    needed = sum(heights) + gap * (len(events) - 1)
    top, bottom_pad = pitch * 0.5, pitch * 0.5
    if height is None:  # room for the axis to show time, but no tall empty axis for a few events
        height = max(needed, min(width * 0.35, len(events) * pitch * 3)) + top + bottom_pad
    if needed > height - top - bottom_pad:
        return None
    axis_top, axis_bottom = top, height - bottom_pad
    # Labels crowded at the end of the axis would be pushed up beside earlier years, where a reader
    # takes them for those years: the axis ends higher instead, until the last label sits by its date.
    for _ in range(6):
        scale = (axis_bottom - axis_top) / (end - start)
        centres = [axis_top + ((a + b) / 2 - start) * scale for a, b in years]
        free = _spread(centres, heights, gap, axis_top - top, math.inf)
        overflow = free[-1] + heights[-1] - height
        if overflow <= 0.5 or axis_bottom - overflow < axis_top + (height - top - bottom_pad) / 2:
            break
        axis_bottom -= overflow
    scale = (axis_bottom - axis_top) / (end - start)
    if step * scale < pitch * 1.5:  # year labels at least a line and a half apart
        step = _year_step(end - start, minimum=math.ceil(pitch * 1.5 / scale))

    def y_of(year: float) -> float:
        return axis_top + (year - start) * scale

    centres = [y_of((a + b) / 2) for a, b in years]
    tops = _spread(centres, heights, gap, axis_top - top, height)
    shapes: list[Shape] = [Line(((axis_x, axis_top), (axis_x, axis_bottom)), c.muted, 1.0)]
    # A year's label must never read as another event's year: where the date labels beside the axis
    # are level with it, a year label of another year is moved within its year, or left out.
    taken = [(label_top, label_top + pitch, e.date.year) for label_top, e in zip(tops, events)]
    for year in range(math.ceil(start / step) * step, math.floor(end) + 1, step):
        y = y_of(year)
        shapes.append(Line(((axis_x - 3, y), (axis_x, y)), c.muted, 0.75))
    for year, low, high in _year_labels(start, end, step):
        # One-year steps label each year beside its own stretch of the axis (a year begun before the
        # first event too); longer steps label the tick where the year begins.
        place = _free_place(y_of(low), y_of(high), pitch, year, taken, axis_top - top, height)
        if place is not None:
            shapes.append(Label(0, place, tick_width + 4, (str(year),), size, c.muted, align="right"))
    for (a, b), centre, label_top, text, shown in zip(years, centres, tops, texts, dates):
        span = (b - a) * scale
        if span >= 3:  # a year-long (or longer) date is a bar the length of its period
            shapes.append(Rect(axis_x - 2, y_of(a), 4, span, c.accent))
        middle = label_top + pitch / 2
        shapes.append(Line(((axis_x + 3, centre), (axis_x + 12, centre), (date_x - 14, middle),
                            (date_x - 3, middle)), c.rule, 0.6))
        shapes.append(Circle(axis_x, centre, 2.6, c.accent))
        shapes.append(Label(date_x, label_top, date_width, (shown,), size, c.primary, bold=True))
        shapes.append(replace(text, y=label_top))
    words = pen.words
    alt = (words.timeline_alt.format(count=len(events), first=dates[0], last=dates[-1])
           + " ".join(_sentence(f"{d}: {_prose(e.event)}") for d, e in zip(dates, events)))
    return Figure(words.timeline_figure, alt, width, height, tuple(shapes))


def _year_labels(start: float, end: float, step: int) -> list[tuple[int, float, float]]:
    """Each year label of an axis from ``start`` to ``end``: its year, and the stretch of axis (in years) it
    may sit beside — the part of the year on the axis for one-year steps, the year's first moment otherwise."""
    if step == 1:
        return [(year, max(year, start), min(year + 1, end)) for year in range(math.floor(start), math.ceil(end))
                if min(year + 1, end) > max(year, start)]
    return [(year, year, year) for year in range(math.ceil(start / step) * step, math.floor(end) + 1, step)]


def _free_place(low: float, high: float, pitch: float, year: int, taken: list[tuple[float, float, int]],
                first: float, last: float) -> float | None:
    """The top of a year's label, centred on the stretch ``low``–``high`` (points) if it can be, else as near
    the centre as it stays beside the stretch, never level with the date of an event of another year
    (``taken``: the date labels' tops, bottoms and years) nor outside ``first``–``last``; None if nowhere."""
    centre = (low + high) / 2 - pitch / 2
    lowest, highest = max(first, min(centre, low - pitch / 2)), min(last - pitch, max(centre, high - pitch / 2))
    blocked = sorted((top, bottom) for top, bottom, other in taken if other != year)
    # The candidates: the centre, and every edge of a blocked stretch, nearest the centre first.
    candidates = [centre] + [edge for top, bottom in blocked for edge in (top - pitch - 0.01, bottom + 0.01)]
    for place in sorted(candidates, key=lambda p: abs(p - centre)):
        if lowest - 1e-9 <= place <= highest + 1e-9 and not any(top < place + pitch and place < bottom
                                                                 for top, bottom in blocked):
            return place
    return None


def timeline_parts(events: Sequence[Event], pen: Pen, width: float, height: float, *,
                   fill: bool = False) -> list[Figure]:
    """The timeline whole if it fits ``height``, else in as few parts as fit, each of two events or more."""
    if len(events) < 2:
        return []  # one event is no timeline (and none, no figure at all)
    events = sorted(events, key=lambda e: e.date)
    if not fill:
        whole = timeline(events, pen, width)
        if whole is None or whole.height <= height:
            return [whole] if whole else []
    least = _least_heights(events, pen, width)
    pitch = pen.size * LEADING
    room = height - pitch * 0.5 - pitch * 0.5  # as timeline() leaves it for the labels
    gap = pen.size * 0.6
    for count in range(1, len(events) // 2 + 1):
        step = math.ceil(len(events) / count)
        chunks = [events[i:i + step] for i in range(0, len(events), step)]
        if any(len(chunk) < 2 for chunk in chunks):
            continue
        # Parts whose labels could not fit even at their least are not laid out: timeline() would refuse
        # them, and trying every count so would make a long timeline cost the square of its events.
        if any(sum(least[i:i + step]) + gap * (len(chunk) - 1) > room
               for i, chunk in zip(range(0, len(events), step), chunks)):
            continue
        parts = [timeline(chunk, pen, width, height) for chunk in chunks]
        if all(parts):
            return [replace(f, part=n, parts=len(parts)) for n, f in enumerate(parts)]
    return []


def _least_heights(events: Sequence[Event], pen: Pen, width: float) -> list[float]:
    """The least height each event's label takes in any part of a timeline ``width`` wide (math.inf: no room).

    In a part, the label is as wide as the part's widest date and its last year's tick leave it:
    at most what its own date and the narrowest tick leave, and wrapped wider it takes no more lines.
    """
    years = [_year_of(e.date) for e in events]
    tick = min(pen.width(str(math.floor(end))) for a, b in years for end in (b, a + 1))
    pitch = pen.size * LEADING  # computed as timeline() computes it, so equal heights sum to equal totals
    least = []
    for event in events:
        room = width - (tick + 8 + 36 + pen.width(event.date.display(), bold=True) + pen.size)
        least.append(len(pen.wrap(_prose(event.event), room)) * pitch if room >= 6 * pen.size else math.inf)
    return least


def _prose(text: str) -> str:
    """A field's words for a label: no citation markers, and no space left where one stood."""
    out = ""
    for span in parse(text):
        out = out.rstrip() if span.cite else out + span.text
    return out.strip()


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _year_of(when: PartialDate) -> tuple[float, float]:
    """The span of time a partial date stands for, in fractional years: 1980 is all of 1980."""
    if when.month is None:
        return when.year, when.year + 1
    month = when.year + (when.month - 1) / 12
    if when.day is None:
        return month, month + 1 / 12
    day = month + (when.day - 1) / 365
    return day, day + 1 / 365


def _year_step(span: float, minimum: int = 1) -> int:
    """A round number of years between axis labels: at most eight labels, at least ``minimum`` apart."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if step >= minimum and span / step <= 8:
            return step
    return max(minimum, math.ceil(span / 8))


def _spread(centres: list[float], heights: list[float], gap: float, low: float, high: float) -> list[float]:
    """Tops for boxes wanted centred at ``centres`` (in order), none overlapping, all within [low, high].

    Overlapping boxes merge into a run placed at the mean of what its members want,
    which moves each as little as the others allow (least squares).
    """
    runs: list[list[int]] = []
    starts: list[float] = []

    def extent(run: list[int]) -> float:
        return sum(heights[i] for i in run) + gap * (len(run) - 1)

    def wanted(run: list[int]) -> float:
        offsets, offset = [], 0.0
        for i in run:
            offsets.append(centres[i] - heights[i] / 2 - offset)
            offset += heights[i] + gap
        return min(max(sum(offsets) / len(offsets), low), high - extent(run))

    for i in range(len(centres)):
        runs.append([i])
        starts.append(wanted([i]))
        while len(runs) > 1 and starts[-2] + extent(runs[-2]) + gap > starts[-1]:
            merged = runs[-2] + runs[-1]
            runs[-2:] = [merged]
            starts[-2:] = [wanted(merged)]
    tops: list[float] = []
    for run, start in zip(runs, starts):
        for i in run:
            tops.append(start)
            start += heights[i] + gap
    return tops


# --- the likelihood scale -----------------------------------------------------------------------

def likelihood_scale(judgments: Sequence[KeyJudgment], scenarios: Sequence[Scenario], pen: Pen,
                     width: float) -> Figure | None:
    """The seven likelihood bands side by side; each judgment (1, 2…) and scenario (S1, S2…) marked in its band."""
    marks = [(str(n), kj.likelihood, False) for n, kj in enumerate(judgments, 1)]
    marks += [(f"S{n}", s.likelihood, True) for n, s in enumerate(scenarios, 1)]
    if len(marks) < 2:
        return None
    c, size = pen.colours, pen.size
    pitch = size * LEADING
    bands = list(Likelihood)
    band_width = width / len(bands)
    marker = max(size * 2.1, max(pen.width(m, bold=True) for m, _, _ in marks) + size * 0.8)
    space = size * 0.35
    per_row = max(1, int((band_width - space) // (marker + space)))
    rows = max(math.ceil(sum(1 for m in marks if m[1] == band) / per_row) for band in bands)
    marks_height = rows * (marker + space)
    names = [pen.wrap(band.value.capitalize(), band_width - 6, bold=True) for band in bands]
    bar_top = marks_height + space
    bar_height = max(len(n) for n in names) * pitch + pitch + size
    shapes: list[Shape] = []
    for i, (band, name) in enumerate(zip(bands, names)):
        x = i * band_width
        # Light tints only, so the band's text keeps its contrast in the darkest band too.
        shapes.append(Rect(x + 0.25, bar_top, band_width - 0.5, bar_height, _tint(c.primary, 0.05 + 0.035 * i),
                           c.rule, 0.5))
        shapes.append(Label(x + 3, bar_top + size / 2, band_width - 6, name, size, c.text, bold=True, align="centre"))
        low, high = band.range
        shapes.append(Label(x + 3, bar_top + bar_height - pitch - size / 2, band_width - 6,
                            (f"{low}\u2013{high}%",), size, c.text, align="centre"))
        inside = [m for m in marks if m[1] == band]
        for k, (text, _, scenario) in enumerate(inside):
            row, col = divmod(k, per_row)
            count = min(per_row, len(inside) - row * per_row)
            left = x + (band_width - count * marker - (count - 1) * space) / 2 + col * (marker + space)
            top = bar_top - space - (row + 1) * (marker + space) + space
            number = Label(left, top + (marker - pitch) / 2, marker, (text,), size, "FFFFFF", bold=True,
                           align="centre")
            if scenario:
                shapes.append(Rect(left, top, marker, marker, c.accent, text=number))
            else:
                shapes.append(Circle(left + marker / 2, top + marker / 2, marker / 2, c.primary, text=number))
    y = bar_top + bar_height + size
    words = pen.words
    legend = [(False, "", words.judgment_key)]
    legend += [(True, f"S{n}", words.scenario_key.format(name=plain(s.name))) for n, s in enumerate(scenarios, 1)]
    legend_shapes, legend_height = _legend(legend, pen, width, y, marker)
    shapes += legend_shapes
    alt = (words.likelihood_alt
           + "; ".join(words.judgment_alt.format(number=n, likelihood=kj.likelihood.value)
                       for n, kj in enumerate(judgments, 1)) + ". "
           + "; ".join(words.scenario_alt.format(number=n, name=plain(s.name), likelihood=s.likelihood.value)
                       for n, s in enumerate(scenarios, 1)) + ".")
    return Figure(words.likelihood_figure, alt, width, y + legend_height, tuple(shapes))


def _legend(entries: list[tuple[bool, str, str]], pen: Pen, width: float, top: float,
            marker: float) -> tuple[list[Shape], float]:
    """Entries (square?, marker text, meaning) flowed left to right in lines, each wrapped if it must be."""
    c, size = pen.colours, pen.size
    key = marker * 0.8
    shapes: list[Shape] = []
    x, y, line_height = 0.0, top, 0.0
    for square, text, meaning in entries:
        room = width - key - size * 0.5
        lines = pen.wrap(meaning, room)
        entry_width = key + size * 0.5 + max(pen.width(line) for line in lines)
        if x > 0 and x + entry_width > width:
            x, y, line_height = 0.0, y + line_height + size * 0.4, 0.0
        small = pen.smaller(0.8)
        number = Label(x, y + (key - small * LEADING) / 2, key, (text,), small, "FFFFFF", bold=True,
                       align="centre") if text else None
        if square:
            shapes.append(Rect(x, y, key, key, c.accent, text=number))
        else:
            shapes.append(Circle(x + key / 2, y + key / 2, key / 2, c.primary, text=number))
        label = Label(x + key + size * 0.5, y + (key - size * LEADING) / 2, entry_width - key - size * 0.5,
                      lines, size, c.text)
        shapes.append(label)
        line_height = max(line_height, key, label.height + (key - size * LEADING) / 2)
        x += entry_width + size * 1.5
    return shapes, y + line_height - top


# --- the actor map ------------------------------------------------------------------------------

_REMARK = re.compile(r"\s*\(([^()]*)\)\s*")


class _Tie(Value):
    a: int
    b: int
    reported: bool  # the brief marks the tie "(reported)" or "(alleged)": drawn dashed


def ties(actors: Sequence[Actor]) -> tuple[list[_Tie], list[list[str]]]:
    """Ties between actors named in each other's allies, and each actor's allies that are not actors."""
    keys = [_words(a.name) for a in actors]
    # Actors by their name's words, and by each word, so an ally is matched without comparing it to every actor.
    named: dict[frozenset[str], list[int]] = {}
    having: dict[str, set[int]] = {}
    for j, key in enumerate(keys):
        named.setdefault(key, []).append(j)
        for word in key:
            having.setdefault(word, set()).add(j)
    found: dict[tuple[int, int], bool] = {}
    others: list[list[str]] = []
    for i, actor in enumerate(actors):
        outside = []
        for ally in actor.allies:
            remark = " ".join(_REMARK.findall(ally)).lower()
            reported = any(w in remark for w in ("reported", "alleged", "rumoured", "rumored"))
            wanted = _words(ally)
            exact = [j for j in named.get(wanted, ()) if j != i]
            # Else the actors whose names hold every word of it.
            close = exact or (sorted(set.intersection(*(having.get(w, set()) for w in wanted)) - {i}) if wanted else [])
            if len(close) == 1:
                pair = (min(i, close[0]), max(i, close[0]))
                found[pair] = found.get(pair, True) and reported
            else:
                outside.append(ally)
        others.append(outside)
    return [_Tie(a, b, reported) for (a, b), reported in sorted(found.items())], others


def _words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", _REMARK.sub(" ", name).lower()))


def actor_map(actors: Sequence[Actor], pen: Pen, width: float) -> Figure | None:
    """Actors in rows by kind, boxes placed so that ties (lines) run short and pass no other actor's box."""
    links, outside = ties(actors)
    if len(actors) < 2 or not links:
        return None
    c, size = pen.colours, pen.size
    kinds = list(dict.fromkeys(plain(a.kind) for a in actors))
    rows = [[i for i, a in enumerate(actors) if plain(a.kind) == kind] for kind in kinds]
    kind_width = min(max(max(pen.width(w, bold=True) for w in k.split()) for k in kinds), width * 0.2) + size
    slots = max(max(len(r) for r in rows) + 1, 3)
    slot_width = (width - kind_width) / slots
    box_width = slot_width - size * 1.5
    pad = size * 0.5
    names = [pen.label(0, 0, box_width - 2 * pad, plain(a.name), bold=True, align="centre") for a in actors]
    extras = [pen.label(0, 0, box_width - 2 * pad, pen.words.also + ", ".join(o), size=pen.smaller(0.9), italic=True,
                        colour=c.muted, align="centre") if o else None for o in outside]
    heights = [n.height + (e.height if e else 0) + 2 * pad for n, e in zip(names, extras)]
    row_gap = size * 1.6  # room for the ties between rows to be seen
    kind_labels = [pen.label(0, 0, kind_width - size * 0.5, k, bold=True, colour=c.muted) for k in kinds]
    row_heights = [max([heights[i] for i in r] + [k.height]) for r, k in zip(rows, kind_labels)]
    row_tops = [row_gap / 4 + sum(row_heights[:n]) + row_gap * n for n in range(len(rows))]  # bands start at 0
    def box_at(i: int, slot: int, row: int) -> _Box:
        return (kind_width + slot * slot_width + (slot_width - box_width) / 2,
                row_tops[row] + (row_heights[row] - heights[i]) / 2, box_width, heights[i])

    placement = _arrange(tuple(map(tuple, rows)), slots, tuple((t.a, t.b) for t in links))
    boxes = {i: box_at(i, slot, row) for i, (row, slot) in placement.items()}
    shapes: list[Shape] = []
    for n, (top, h) in enumerate(zip(row_tops, row_heights)):
        shapes.append(Rect(0, top - row_gap / 4, width, h + row_gap / 2, c.table_stripe if n % 2 == 0 else None))
        shapes.append(replace(kind_labels[n], y=top + (h - kind_labels[n].height) / 2))
    # Where a straight tie would pass behind another actor's box, and so read as a chain through it, the
    # tie goes round: through the gaps between rows and between slots, where no box stands.
    above = [top - row_gap / 2 if n else top / 2 for n, top in enumerate(row_tops)]
    below = [top + h + row_gap / (2 if n < len(rows) - 1 else 4)
             for n, (top, h) in enumerate(zip(row_tops, row_heights))]
    between = [kind_width + k * slot_width for k in range(1, slots)]
    for tie in links:  # drawn first: each box hides the ends of its lines
        ends = (_centre(boxes[tie.a]), _centre(boxes[tie.b]))
        others = [box for i, box in boxes.items() if i not in (tie.a, tie.b)]
        if any(_hits(*ends, box, 0.5) for box in others):
            ends = _round(placement[tie.a][0], placement[tie.b][0], *ends, above, below, between)
        shapes.append(Line(ends, c.primary, 1.2, tie.reported))
    for i in range(len(actors)):
        x, y, w, h = boxes[i]
        shapes.append(Rect(x, y, w, h, c.callout_fill, c.primary, 0.9))
        shapes.append(replace(names[i], x=x + pad, y=y + pad))
        if extras[i]:
            shapes.append(replace(extras[i], x=x + pad, y=y + pad + names[i].height))
    legend_top = row_tops[-1] + row_heights[-1] + row_gap / 2
    sample = size * 3
    legend: list[Shape] = []
    x = 0.0
    for dashed, meaning in ((False, pen.words.ally_key), (True, pen.words.reported_key)):
        if dashed and not any(t.reported for t in links):
            continue
        y = legend_top + size * LEADING / 2
        legend.append(Line(((x, y), (x + sample, y)), c.primary, 1.2, dashed))
        label = Label(x + sample + size * 0.4, legend_top, pen.width(meaning) + 1, (meaning,), size, c.text)
        legend.append(label)
        x = label.x + label.width + size * 1.5
    shapes += legend
    names_plain = [plain(a.name) for a in actors]
    words = pen.words
    alt = (words.actor_map_alt
           + "; ".join(f"{k}: {', '.join(names_plain[i] for i in r)}" for k, r in zip(kinds, rows)) + ". "
           + words.ties_alt + "; ".join(f"{names_plain[t.a]} \u2013 {names_plain[t.b]}"
                                        + (words.reported_alt if t.reported else "") for t in links) + ".")
    return Figure(words.actor_map_figure, alt, width, legend_top + size * LEADING, tuple(shapes))


_Box = tuple[float, float, float, float]


def _round(row_a: int, row_b: int, a: tuple[float, float], b: tuple[float, float], above: list[float],
           below: list[float], between: list[float]) -> tuple[tuple[float, float], ...]:
    """A tie from box centre ``a`` (in row ``row_a``) to ``b`` that passes no other box: out of its box into
    the gap beside its row, along the gap, down the gap between two slots past the rows between, along the
    gap beside the other row, and into the other box. ``above``/``below``: each row's gaps (y);
    ``between``: the gaps between slots (x)."""
    if row_a > row_b:
        return tuple(reversed(_round(row_b, row_a, b, a, above, below, between)))
    (xa, ya), (xb, yb) = a, b
    if row_b - row_a <= 1:  # the same row, or the next: one gap joins them
        y = below[row_a]
        return (a, (xa, y), (xb, y), b)
    x = min(between, key=lambda g: abs(g - (xa + xb) / 2))
    return (a, (xa, below[row_a]), (x, below[row_a]), (x, above[row_b]), (xb, above[row_b]), b)


def _centre(box: _Box) -> tuple[float, float]:
    x, y, w, h = box
    return (x + w / 2, y + h / 2)


@lru_cache(maxsize=64)
def _arrange(rows: tuple[tuple[int, ...], ...], slots: int,
             links: tuple[tuple[int, int], ...]) -> dict[int, tuple[int, int]]:
    """Each actor's (row, slot), chosen so that ties run short, cross little and pass no other actor's box.

    Worked out on a unit grid (a slot two units wide, a row one unit high), so that the
    page and every slide size share one arrangement. Swaps within rows while any helps,
    from several starting orders (a fixed seed: the same brief always gets the same map).
    """
    def box(cell: tuple[int, int]) -> _Box:
        row, slot = cell
        return (slot * 2 + 0.2, row + 0.25, 1.6, 0.5)

    cells = [(r, s) for r in range(len(rows)) for s in range(slots)]

    @lru_cache(maxsize=None)
    def line(a: tuple[int, int], b: tuple[int, int]) -> tuple[float, frozenset[tuple[int, int]]]:
        """The length of a tie between two cells, and the other cells whose boxes it would pass through."""
        p, q = _centre(box(a)), _centre(box(b))
        return math.dist(p, q), frozenset(c for c in cells if c not in (a, b) and _hits(p, q, box(c), 0.05))

    @lru_cache(maxsize=None)
    def crossing(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int], d: tuple[int, int]) -> bool:
        return _cross(_centre(box(a)), _centre(box(b)), _centre(box(c)), _centre(box(d)))

    def cost(placed: dict[int, tuple[int, int]]) -> float:
        taken = set(placed.values())
        total = 0.0
        for a, b in links:
            length, through = line(placed[a], placed[b])
            total += length + 100 * len(through & taken)
        for n, (a1, b1) in enumerate(links):
            for a2, b2 in links[n + 1:]:
                if not {a1, b1} & {a2, b2} and crossing(placed[a1], placed[b1], placed[a2], placed[b2]):
                    total += 10
        return total

    def improved(placement: dict[int, tuple[int, int]]) -> tuple[float, dict[int, tuple[int, int]]]:
        best = cost(placement)
        for _ in range(20):
            better = False
            for r in range(len(rows)):
                for s1 in range(slots):
                    for s2 in range(s1 + 1, slots):
                        moved = {i: (rr, s2 if (rr, s) == (r, s1) else s1 if (rr, s) == (r, s2) else s)
                                 for i, (rr, s) in placement.items()}
                        if moved == placement:
                            continue
                        value = cost(moved)
                        if value < best - 1e-9:
                            placement, best, better = moved, value, True
            if not better:
                break
        return best, placement

    import random  # only for a layout search; most commands never run one
    chance = random.Random(203)
    found = []
    for attempt in range(8):
        start = {}
        for r, row in enumerate(rows):
            order = chance.sample(range(slots), len(row)) if attempt else range(len(row))
            start.update({i: (r, s) for i, s in zip(row, order)})
        found.append(improved(start))
    return min(found, key=lambda f: f[0])[1]


def _hits(a: tuple[float, float], b: tuple[float, float], box: _Box, margin: float = 3.0) -> bool:
    """Whether the segment a–b passes through ``box`` grown by ``margin`` (Liang–Barsky clipping)."""
    x, y, w, h = box
    x0, y0, x1, y1 = x - margin, y - margin, x + w + margin, y + h + margin
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _cross(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]) -> bool:
    def side(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0
