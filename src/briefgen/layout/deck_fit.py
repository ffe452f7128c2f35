"""Planned slides → fitted slides: text measured with the theme's fonts against the template's real frames.

Text is set at the largest size down to the theme's minimum at which a slide-to-be needs the
fewest slides; what does not fit at the minimum continues on "(cont.)" slides, evenly filled.
Nothing is cut short. A figure is drawn anew for the body frame, with labels no smaller than
deck_figures.LABEL_LEAST.
"""

from __future__ import annotations

from ..inline import Inline, Span, parse, plain
from ..model import Brief
from ..theme import Theme
from ..typography import MAIN_LARGER, TITLE_LEAST, TITLE_MIN, Role, typography
from . import deck_figures, figures as drawn
from .deck_plan import shown
from .document import cutoff_line, in_text_name
from .measure import Line, Metrics, lines_between, metrics_for, rewraps_from, split_at
from .line_breaks import last_words_together, last_words_together_in
from .outline import ENGLISH, Outline
from .slides import CONTENT, LINE_SPACING, SPACE_BEFORE, BADGE_SPACE, TITLE_SLIDE, TWO_CONTENT, Frame, Geometry, \
    Item, Planned, Slide
from ..value import replace

# What LibreOffice and PowerPoint may do differently from a greedy measure
# (hinting, rounding of positions), kept as a small reserve on every frame.
WIDTH_RESERVE = 0.99
HEIGHT_RESERVE = 4.0


class TooSmall(ValueError):
    """A text frame (or the share of one being tried) cannot hold even one item's unbreakable part."""


class Fitter:
    """Fits a deck's slides to one template's frames in one theme's font and sizes."""

    def __init__(self, metrics: Metrics, theme: Theme, geometry: Geometry,
                 continued: str = ENGLISH["continued"], continued_again: str = ENGLISH["continued_again"]) -> None:
        self.metrics = metrics
        # What a continuation slide's title ends with: " (cont.)", then " (cont. 2)", " (cont. 3)"…,
        # so that no two slides share a title (a screen reader lists slides by title).
        self.continued, self.continued_again = continued, continued_again
        self.theme = theme
        self.deck = typography(theme).deck
        self.geometry = geometry
        sizes = []
        size = self.deck.body.size
        while size > self.deck.min_body:
            sizes.append(size)
            size -= 2
        self.sizes = sizes + [self.deck.min_body]
        # A main slide's few words are read from the back of the room.
        self.main_sizes = [self.deck.body.size + MAIN_LARGER, self.deck.body.size + MAIN_LARGER / 2, *self.sizes]
        self._heights: dict[tuple[Item, float, float], float] = {}  # packing tries each item many times

    def title_slide(self, outline: Outline, notes: str) -> Slide:
        """The brief's title, subtitle, authors and organisation, date and cut-off."""
        brief, words = outline.brief, outline.labels
        frame = self.geometry.bodies[TITLE_SLIDE][0]
        names = {s.id: in_text_name(s) for s in brief.sources}
        items = [Item(last_words_together_in(shown(parse(brief.subtitle), names)), bullet=False)] \
            if brief.subtitle else []
        items += [Item((Span(words.authors_line.format(authors=brief.author_names, organisation=brief.organisation),
                             bold=True),), bullet=False),
                  Item((Span(brief.date.display()),), bullet=False)]
        if brief.information_cutoff:
            items.append(Item((Span(cutoff_line(outline)),), bullet=False))
        size = next((s for s in (self.deck.body.size + 2, *self.sizes) if len(self.pack(items, frame, s)) == 1),
                    self.deck.min_body)
        pages = self.pack(items, frame, size)
        title, title_size, pitch, rest = self.title(brief.title, TITLE_SLIDE, role=self.deck.title_slide)
        return Slide(TITLE_SLIDE, title, title_size, pitch, bodies=((*rest, *pages[0]),), size=size, notes=notes)

    def figure_slides(self, brief: Brief, planned: Planned, pen: drawn.Pen) -> list[Slide]:
        """The figure (or its parts, a slide each) fitted to the body frame and titled with its caption.

        None if the brief has too little data for it or has switched it off.
        """
        frame = self.geometry.bodies[CONTENT][0]
        if planned.picture:
            picture = planned.picture
            made = deck_figures.figure_frames(lambda pen, w, h: [drawn.picture(picture, w, h)], pen, frame.width,
                                              frame.height, credit=bool(picture.credit))
        else:
            made = deck_figures.figure_frames(lambda pen, w, h: drawn.draw(planned.figure, brief, pen, w, h, fill=True),
                                              pen, frame.width, frame.height)
        slides = []
        for n, figure in enumerate(made):
            title, title_size, pitch, _ = self.title(figure.caption + (self.continued if n else ""), CONTENT)
            notes = "\n".join(x for x in (figure.alt, planned.notes) if x)  # what it shows, then where the talk goes
            slides.append(Slide(CONTENT, title, title_size, pitch, notes=notes, figure=figure, key=planned.key))
        return slides

    def fit(self, planned: Planned) -> list[Slide]:
        """``planned`` on as few slides as its text needs, at the largest size that needs no more."""
        if planned.table:
            frame = self.geometry.bodies[CONTENT][0]
            pages = deck_figures.table_slides(*planned.table[:3], self.metrics, frame.width,
                                              frame.height - HEIGHT_RESERVE)
            return [replace(self.slide(planned, n, (), 0.0), table=page) for n, page in enumerate(pages)]
        if planned.layout == TWO_CONTENT:
            frames = self.geometry.bodies[TWO_CONTENT]
            for size in self.sizes:
                if all(len(self.pack(list(col), frame, size)) == 1 for col, frame in zip(planned.columns, frames)):
                    return [self.slide(planned, 0, planned.columns, size)]
            # Two columns too full: one column, continued on further slides as needed.
            planned = replace(planned, layout=CONTENT, columns=(planned.items,))
        frame = self.geometry.bodies[planned.layout][0]
        items = list(planned.items)
        sizes = self.main_sizes if planned.main else self.sizes
        # The fewest slides, then the largest size: sizes are tried largest first, and none needs fewer than one.
        size, pages = sizes[0], self.pack(items, frame, sizes[0])
        for smaller in sizes[1:]:
            if len(pages) == 1:
                break
            packed = self.pack(items, frame, smaller)
            if len(packed) < len(pages):
                size, pages = smaller, packed
        pages = self.balance(items, frame, size, len(pages))
        return [self.slide(planned, n, (tuple(page),), size) for n, page in enumerate(pages)]

    def slide(self, planned: Planned, n: int, columns: tuple[tuple[Item, ...], ...], size: float) -> Slide:
        suffix = "" if n == 0 else self.continued if n == 1 else self.continued_again.format(number=n)
        title, title_size, pitch, rest = self.title(planned.title, planned.layout, suffix=suffix)
        if rest and columns:
            columns = ((*rest, *columns[0]), *columns[1:])
        notes = [planned.notes] if planned.notes and n == 0 else []
        notes += [i.notes for col in columns for i in col if i.notes]
        return Slide(planned.layout, title, title_size, pitch, bodies=columns, size=size,
                     notes="\n".join(notes) or planned.title, key=planned.key, aliases=planned.aliases)

    def title(self, text: str, layout: str, role: Role | None = None,
              suffix: str = "") -> tuple[str, float, float, tuple[Item, ...]]:
        """The title (with its continuation ``suffix``), its size and line pitch: the largest size that fits, from
        its ``role``'s (a slide title's) down to TITLE_MIN, and to TITLE_LEAST for a long one, measured in the
        role's family. A title too long even then keeps the words that fit, and the whole of it opens the body
        (returned as its first item, in the body's family): nothing is cut short.

        Its lines are set at the family's own single line, as the PDF sets a title's: a tighter pitch than the
        font's height puts a second line's capitals into the first's descenders, and LibreOffice then sets the
        two lines taller than they were measured."""
        frame = self.geometry.titles[layout]
        role = role or self.deck.title
        size, metrics = role.size, metrics_for(role.font)
        whole = last_words_together(text + suffix)  # measured as it is shown: never one word alone on a line
        spans = (Span(whole, bold=True),)
        while True:
            lines = metrics.count(spans, frame.width * WIDTH_RESERVE, size)
            pitch = metrics.line(size)
            fits = int((frame.height - HEIGHT_RESERVE) // pitch)
            if lines <= fits or size <= TITLE_LEAST:
                break
            size -= 2
        if lines <= fits:
            # A title on one line has no last line to leave a word alone on: it keeps its plain spaces.
            return (whole if lines > 1 else text + suffix), size, pitch, ()
        words = text.split()
        while words and metrics.count((Span(last_words_together(" ".join(words) + suffix), bold=True),),
                                      frame.width * WIDTH_RESERVE, size) > max(fits, 1):
            words.pop()
        return last_words_together(" ".join(words) + suffix), size, pitch, (Item((Span(plain(text), bold=True),),
                                                                                 bullet=False),)

    def balance(self, items: list[Item], frame: Frame, size: float, count: int) -> list[list[Item]]:
        """The same number of slides, filled evenly: the least room per slide that still needs only ``count``."""
        full = frame.height - HEIGHT_RESERVE
        if count == 1:
            return self.pack(items, frame, size)
        low, high = size * LINE_SPACING, full
        for _ in range(12):
            middle = (low + high) / 2
            try:
                fits = len(self.pack(items, frame, size, middle)) <= count
            except TooSmall:
                fits = False
            if fits:
                high = middle
            else:
                low = middle
        return self.pack(items, frame, size, high)

    def pack(self, items: list[Item], frame: Frame, size: float, room: float | None = None) -> list[list[Item]]:
        """Items on as few frames as they need at ``size``; an item taller than a frame is split by lines."""
        room = frame.height - HEIGHT_RESERVE if room is None else room
        pitch = size * LINE_SPACING
        if room < pitch:
            raise TooSmall(f"a {frame.height:.0f} pt high text frame cannot hold one line at {size} pt")
        pages: list[list[Item]] = [[]]
        used = 0.0
        queue = list(reversed(items))  # the next item last: taking it and putting one back cost O(1)
        while queue:
            item = queue.pop()
            gap = SPACE_BEFORE * size if pages[-1] else 0.0
            height = self.height(item, frame, size)
            if item.heading and queue and pages[-1]:
                # Keep a label with what follows it: all of it when it is no taller than a frame, since such
                # an item moves to the next slide whole; else with the first two lines, where it is split.
                after = self.height(queue[-1], frame, size)
                following = (after if after <= room else 2 * pitch) + SPACE_BEFORE * size
                if used + gap + height + following > room:
                    pages.append([])
                    used = 0.0
                    queue.append(item)
                    continue
            if used + gap + height <= room:
                pages[-1].append(item)
                used += gap + height
                continue
            fit = int((room - used - gap) // pitch)
            if pages[-1] and (height <= room or fit < 2):
                pages.append([])
                used = 0.0
                queue.append(item)
                continue
            # Taller than a whole frame: the lines that fit here, the rest (and the badge) on the next slide.
            lines = self.lines(item, frame, size) if item.spans else []
            if fit >= len(lines) and pages[-1]:
                pages.append([])
                used = 0.0
                queue.append(item)
                continue
            if fit >= len(lines) and not (item.spans and item.badge):
                raise TooSmall(f"{room:.0f} pt of {frame.height:.0f} pt cannot hold one item at {size} pt")
            # All its lines fit but not its badge: the badge goes on the next slide.
            fit = min(fit, len(lines))
            head, tail = split_at(item.spans, lines, fit)
            pages[-1].append(replace(item, spans=head, badge=None))
            pages.append([])
            used = 0.0
            rest = Item(tail, False, item.badge, "", continued=item.bullet or item.continued)
            if self.width(rest, frame, size) == self.width(item, frame, size):
                rest = self._cut_rest(item.spans, lines, fit, rest, int(room // pitch), pages)
            queue.append(rest)
        return [p for p in pages if p] or [[]]

    def _cut_rest(self, spans: Inline, lines: list[Line], start: int, rest: Item, per: int,
                  pages: list[list[Item]]) -> Item:
        """The slides the rest of a split item fills whole, cut from the item's own ``lines``, and what is left.

        What the loop in pack would do slide after slide, measuring and wrapping the rest again each time (a
        paragraph of many slides took time quadratic in its length): the rest starts each slide on a frame of its
        own and is wrapped as these lines are (rewraps_from), so each slide takes ``per`` of them.
        """
        cut = start
        while len(lines) - cut > per and rewraps_from(spans, lines, cut):
            pages[-1].append(Item(lines_between(spans, lines, cut, cut + per), False, None, "",
                                  continued=rest.continued))
            pages.append([])
            cut += per
        return rest if cut == start else replace(rest, spans=lines_between(spans, lines, cut))

    def height(self, item: Item, frame: Frame, size: float) -> float:
        key = (item, frame.width, size)  # a height depends on the frame's width alone, a float quick to hash
        height = self._heights.get(key)
        if height is None:
            width = self.width(item, frame, size)
            lines = self.metrics.count(item.spans, width, size) if item.spans else 0
            extra = 0.0
            if item.badge:
                lines += self.metrics.count((Span(item.badge, bold=True),), width, size)
                extra = BADGE_SPACE * size
            height = self._heights[key] = lines * size * LINE_SPACING + extra
        return height

    def lines(self, item: Item, frame: Frame, size: float) -> list[Line]:
        return self.metrics.wrap(item.spans, self.width(item, frame, size), size)

    def width(self, item: Item, frame: Frame, size: float) -> float:
        return frame.width * WIDTH_RESERVE - item.indent * size


__all__ = ["Fitter", "HEIGHT_RESERVE", "TooSmall", "WIDTH_RESERVE"]
