"""Brief → Deck: the slides of a meeting deck, decided and fitted before any XML is written.

Like pandoc's PowerPoint writer, this is a presentation model: each slide names the
template layout it uses, a title, short items and speaker notes carrying the fuller prose
with its attributions. Text is measured with the theme font's real widths against the
template's real placeholder frames; what does not fit at the minimum body size goes on
"(cont.)" slides. The PPTX renderer only serialises the result, with the spacing below.
"""

from __future__ import annotations

from functools import cached_property

from ..estimative import estimate_label
from ..inline import Citation, Inline, Span, parse, plain, text_of
from ..model import Brief, Indicator, Picture, Section, Source
from ..theme import Theme
from . import deck_figures, figures as drawn
from .deck_figures import DeckTable
from .document import Captions, Watermark, cutoff_line, in_text_name, own_table, reference, watermark_of
from .figures import Figure
from .measure import Line, Metrics, metrics_for, split_at
from .outline import ENGLISH, Labels, Outline
from .properties import Properties, fit, properties_of
from .publication import Copy, citation, copy_line, licence_notice
from ..typography import typography
from ..value import Value, replace

TITLE_SLIDE = "Title Slide"
CONTENT = "Title and Content"
SECTION = "Section Header"
TWO_CONTENT = "Two Content"
LAYOUTS = (TITLE_SLIDE, CONTENT, SECTION, TWO_CONTENT)

# Typesetting the renderer applies exactly as measured here (multiples of the font size).
LINE_SPACING = 1.2      # exact line pitch; above DejaVu Sans' own 1.164, so nothing is clipped
TITLE_LINE_SPACING = 1.1
SPACE_BEFORE = 0.5      # between items
BADGE_SPACE = 0.15      # between an item and its badge
INDENT = 1.0            # hanging indent of a bulleted item
INSET_X = 7.2           # text frame insets in points, set on every placeholder the deck fills
INSET_Y = 3.6
# What LibreOffice and PowerPoint may do differently from a greedy measure
# (hinting, rounding of positions), kept as a small reserve on every frame.
WIDTH_RESERVE = 0.99
HEIGHT_RESERVE = 4.0

TITLE_MIN = 24.0
SHORT_TITLE_WORDS = 4   # a source without author or short name is spoken as its title's opening words
MARKING_SIZE = 14.0     # the TLP label at the top right of every slide
COPY_SIZE = 10.0        # a numbered copy's line beside it


class Frame(Value):
    """The text area of a placeholder, inside its insets, in points."""

    width: float
    height: float


class Geometry(Value):
    """The template's frames per layout name: where titles and bodies must fit."""

    titles: dict[str, Frame]
    bodies: dict[str, tuple[Frame, ...]]
    slide: tuple[float, float] = (960.0, 540.0)  # the slide's width and height in points (16:9 by default)


class Item(Value):
    """One paragraph of a slide body: a bulleted point, or plain text, with an optional badge line."""

    spans: Inline
    bullet: bool = True
    badge: str | None = None  # e.g. a judgment's likelihood and confidence, shown as a label below it
    notes: str = ""           # what the presenter says about this item
    continued: bool = False   # the rest of a bulleted item split across slides: indented, no bullet
    heading: bool = False     # a run-in label that must not end a slide without what it introduces

    @property
    def indented(self) -> bool:
        return self.bullet or self.continued

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        # Fitting looks an item up by value tens of times per size, and its fields never change.
        return hash((self.spans, self.bullet, self.badge, self.notes, self.continued, self.heading))


class Slide(Value):
    layout: str               # the template layout's name
    title: str
    title_size: float
    bodies: tuple[tuple[Item, ...], ...] = ()  # one per body placeholder of the layout
    size: float = 0.0         # the body text size all bodies use
    notes: str = ""
    figure: Figure | None = None    # drawn in the body's frame instead of text
    table: DeckTable | None = None  # likewise


class Deck(Value):
    properties: Properties
    slides: tuple[Slide, ...]
    marking_width: float  # of the TLP label's box, in points: its text at MARKING_SIZE within the insets
    copy: str = ""          # a numbered copy's line, just left of the marking on every slide
    copy_width: float = 0.0  # its box's width in points: its text at COPY_SIZE within the insets
    watermark: Watermark | None = None  # "DRAFT" across every slide of a draft
    dated: str = ""         # a draft's version and date, at the foot of every slide


class _Planned(Value):
    """A slide before fitting: it may become several slides."""

    layout: str
    title: str
    columns: tuple[tuple[Item, ...], ...]
    notes: str = ""
    single: bool = False  # a backup slide: never continued; points cut to one line if need be (notes keep all)
    figure: str = ""                # a drawn figure of the brief's own data, by name (see figures.draw)
    picture: Picture | None = None  # the analyst's own image
    table: tuple | None = None      # the analyst's own table: document.own_table's columns, rows, widths, caption


def compose(brief: Brief, theme: Theme, geometry: Geometry) -> Deck:
    """The deck for ``brief``, fitted to ``geometry`` with ``theme``'s font and sizes."""
    metrics = metrics_for(theme.fonts)
    outline = Outline.of(brief)
    words = outline.labels
    fitter = _Fitter(metrics, theme, geometry, words.continued, words.continued_again, words.more)
    slides = [fitter.title_slide(outline)]
    captions = Captions(words.caption)  # figures numbered as in the brief: both take them in the outline's order
    frame = geometry.bodies[CONTENT][0]
    for planned in _plan(outline):
        if planned.figure or planned.picture:
            pen = drawn.Pen(metrics, theme.colours, 0.0, words)
            slides += [replace(s, figure=deck_figures.captioned(drawn.numbered(s.figure, captions, words), pen,
                                                                frame.width))
                       for s in fitter.figure_slides(brief, planned, pen)]
        else:
            slides += fitter.fit(planned)
    marking_width = metrics.width(brief.marking.value, MARKING_SIZE, bold=True) + 2 * INSET_X + 2
    watermark = watermark_of(outline, theme, geometry.slide, typography(theme).deck.watermark.size)
    return Deck(properties=properties_of(brief, outline.labels), slides=tuple(slides), marking_width=marking_width,
                watermark=watermark, dated=outline.dated if watermark else "")


def numbered(deck: Deck, copy: Copy, theme: Theme, words: Labels) -> Deck:
    """The fitted deck as ``copy``: only the line beside each slide's marking, and its properties, differ."""
    line = copy_line(copy, words)
    width = metrics_for(theme.fonts).width(line, COPY_SIZE) + 2 * INSET_X + 2
    return replace(deck, copy=line, copy_width=width, properties=replace(deck.properties, copy=fit(line)))


# --- what goes on the slides -------------------------------------------------------------

def _plan(outline: Outline) -> list[_Planned]:
    brief = outline.brief
    words = outline.labels
    refs = {s.id: s for s in brief.sources}
    names = {s.id: in_text_name(s) for s in brief.sources}

    def _on_slide(spans: Inline) -> Inline:
        return _shown(spans, names)

    def cited(citation: Citation) -> str:
        place = f", {citation.place}" if citation.place else ""
        return f" ({words.cited}: {_source_name(refs[citation.id])}{place})"

    def say(text: str) -> str:
        """Speaker-notes prose: plain text, with each citation spoken as its source."""
        out = []
        for span in parse(text):
            if span.cite:
                if span.cite.in_text:
                    out.append(text_of(names[span.cite.id]))
                elif out:
                    out[-1] = out[-1].rstrip()  # "partition (source: …)", one space before the bracket
                out.append(cited(span.cite))
            else:
                out.append(span.text)
        return "".join(out).strip()

    def own(part) -> str:
        """The presenter's own notes for a part, after the generated ones, on a line of their own."""
        return f"\n{say(part.notes)}" if part.notes else ""

    def item(text: str, **kw) -> Item:
        return Item(_on_slide(parse(text)), notes=kw.pop("notes", None) or say(text), **kw)

    def summary() -> list[_Planned]:
        return [_Planned(CONTENT, outline.heading("summary"), (tuple(item(p, bullet=False) for p in brief.summary),))]

    def key_judgments() -> list[_Planned]:
        points: list[Item] = []
        for n, kj in enumerate(brief.key_judgments, 1):
            # The statement keeps its estimate and the first lines of its basis on the same slide.
            points.append(Item(_on_slide(parse(kj.statement)), badge=estimate_label(kj.likelihood, kj.confidence),
                               heading=True,
                               notes=f"{words.judgment.format(number=n)}: {say(kj.statement)} "
                                     f"{estimate_label(kj.likelihood, kj.confidence)}. {words.basis}{say(kj.basis)}" + own(kj)))
            points.append(Item((Span(words.basis, italic=True), *_on_slide(parse(kj.basis))), bullet=False,
                               continued=True))
        planned = [_Planned(CONTENT, outline.heading("key_judgments"), (tuple(points),))]
        # In a meeting the "so what" follows the judgments it draws on; the brief keeps it after the outlook.
        if brief.implications:
            planned.append(_Planned(CONTENT, words.so_what, (tuple(item(i) for i in brief.implications),)))
        return planned

    def listed(part: str) -> list[_Planned]:
        """A part that is a list of points: one slide of them (continued as needed), none without points."""
        points = getattr(brief, part)
        return [_Planned(CONTENT, outline.heading(part), (tuple(item(p) for p in points),))] if points else []

    def context() -> list[_Planned]:
        events = sorted(brief.context.timeline, key=lambda e: e.date)
        paragraphs = brief.context.paragraphs
        return [_Planned(
            CONTENT, outline.heading("context"),
            (tuple(Item((Span(e.date.display(), bold=True), Span(" \u2014 "), *_on_slide(parse(e.event))),
                        notes=f"{e.date.display()}: {say(e.event)}") for e in events)
             or tuple(item(p) for p in paragraphs),),
            notes=" ".join(say(p) for p in paragraphs) if events else ""), _figure("timeline")]

    def actors() -> list[_Planned]:
        return [_Planned(CONTENT, outline.heading("actors"), (tuple(
            Item((Span(a.name, bold=True), Span(" \u2014 "), *_on_slide(parse(a.stance))),
                 notes=f"{a.name} ({a.kind}): {say(a.role)} {words.stance}: {say(a.stance)}"
                       + (f" {words.allies}{', '.join(a.allies)}." if a.allies else "")
                       + "".join(f" {q.speaker} {words.said}: \u201c{say(q.text)}\u201d{cited(Citation(q.source))}"
                                 for q in a.quotes) + own(a))
            for a in brief.actors),)), _figure("actor_map")]

    def signals() -> list[_Planned]:
        return [_Planned(CONTENT, outline.heading("signals"), (tuple(
            item(s.what, notes=f"{say(s.what)} {words.who}: {say(s.who)}. {words.where}: {say(s.where)}."
                               + (f" {words.when}: {s.when.display()}." if s.when else "")
                               + f" {words.why}: {say(s.why)}" + own(s))
            for s in brief.signals),))] if brief.signals else []

    def analogies() -> list[_Planned]:
        if not brief.analogies:
            return []
        # No divider slide before them: the introduction is spoken over the first analogy.
        intro = words.analogies_intro + "; ".join(f"{a.case} ({a.period})" for a in brief.analogies) + "."

        def label(text: str, notes: str = "") -> Item:
            return Item((Span(text, bold=True),), bullet=False, heading=True, notes=notes)

        return [_Planned(TWO_CONTENT, words.analogy.format(case=a.case), (
            (label(words.what_happened, f"{a.case}, {a.period}." + own(a)), item(a.what_happened, bullet=False)),
            (label(words.parallel), item(a.parallel, bullet=False),
             label(words.limits), item(a.limits, bullet=False)),
        ), notes=intro if n == 0 else "") for n, a in enumerate(brief.analogies)]

    def outlook() -> list[_Planned]:
        future = brief.outlook
        return [
            _Planned(CONTENT, words.outlook_scenarios, (tuple(
                Item((Span(s.name, bold=True), Span(": "), *_on_slide(parse(s.description))),
                     badge=s.likelihood.label,
                     notes=f"{s.name} ({s.likelihood.label}): {say(s.description)}" + own(s))
                for s in future.scenarios),), notes=" ".join(say(p) for p in future.paragraphs)),
            _figure("likelihood_scale"),
            _Planned(CONTENT, words.indicators, (tuple(indicator(i) for i in future.indicators),)),
        ]

    def indicator(watch: Indicator) -> Item:
        """What to watch, then what would count as seeing it and the scenario it points to."""
        spans = _on_slide(parse(watch.what))
        notes = say(watch.what)
        if watch.threshold:
            # The indicator runs in as a bold label before what would count as seeing it.
            label = [Span(s.text, True, s.italic, s.href) for s in spans]
            if label:
                label[-1] = Span(label[-1].text.rstrip(" .:"), True, label[-1].italic, label[-1].href)
            spans = (*label, Span(": "), *_on_slide(parse(watch.threshold)))
            notes += f" {words.threshold}: {say(watch.threshold)}"
        if watch.scenario:
            spans += (Span(f" \u2192 {watch.scenario}", italic=True),)
            notes += f" {words.points_to}: {watch.scenario}."
        return Item(spans, notes=notes)

    def editor_notes() -> list[_Planned]:
        # One backup slide, for questions: each correction's opening words; the notes carry them whole.
        return [_Planned(CONTENT, words.backup.format(title=words.corrections),
                         (tuple(item(n) for n in brief.editor_notes),), single=True)] if brief.editor_notes else []

    def sources() -> list[_Planned]:
        return [_Planned(CONTENT, outline.heading("sources"), (tuple(
            Item(_linked_reference(s), notes=text_of(reference(s))) for s in brief.sources),))]

    def publication() -> list[_Planned]:
        # A backup slide, for whoever asks how to cite the brief or may pass it on.
        if not brief.published:
            return []
        shown = [citation(brief, words), licence_notice(brief, words)]
        return [_Planned(CONTENT, words.backup.format(title=outline.heading("publication")), (tuple(
            Item(spans, bullet=False, notes=text_of(spans)) for spans in shown if spans),), single=True)]

    # The deck has no notes list (its speaker notes name each source) and names the authors on its title slide.
    return outline.arrange({"summary": summary, "key_judgments": key_judgments,
                            "key_assumptions": lambda: listed("key_assumptions"), "context": context,
                            "actors": actors, "signals": signals, "analogies": analogies, "outlook": outlook,
                            "implications": lambda: listed("implications"),
                            "editor_notes": editor_notes, "sources": sources,
                            "publication": publication},
                           lambda section: _section(section, item, own(section).strip()),
                           lambda picture: [_Planned(CONTENT, plain(picture.caption), (), picture=picture)])


def _section(section: Section, item, notes: str) -> list[_Planned]:
    planned = []
    if section.paragraphs or section.bullets or not section.table:
        planned.append(_Planned(CONTENT, plain(section.title), (tuple(
            [item(p, bullet=False) for p in section.paragraphs] + [item(b) for b in section.bullets]),),
            notes=notes))
    if section.table:
        table = own_table(section)
        planned.append(_Planned(CONTENT, table[3], (), table=table))
    return planned


def _figure(name: str) -> _Planned:
    """A slide for the drawn figure ``name``, if the brief has it (titled with the figure's caption)."""
    return _Planned(CONTENT, "", (), figure=name)


def _source_name(source: Source) -> str:
    """How the speaker notes name a source: its short name ("Jami 2022"), or its author and year, or the
    opening words of its title. The Sources slide gives it in full; forty full titles are not spoken."""
    if source.short:
        return source.short
    year = f" {source.date.year}" if source.date else ""
    if source.author:
        return source.author + year
    words = plain(source.title).split()
    return " ".join(words[:SHORT_TITLE_WORDS]) + ("\u2026" if len(words) > SHORT_TITLE_WORDS else "") + year


def _linked_reference(source: Source) -> Inline:
    """A source as the slide shows it: the reference with its address behind the title, not spelled out."""
    spans = [s for s in reference(source) if not (s.href and s.href == source.url and not s.italic)]
    spans = [Span(s.text, s.bold, s.italic, source.url if s.italic and source.url else s.href) for s in spans]
    if spans:
        spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].bold, spans[-1].italic, spans[-1].href)
    return tuple(spans)


def _shown(spans: Inline, names: dict[str, Inline]) -> Inline:
    """Slide text without citation markers (the notes attribute them), and without the space before them.

    A source cited in the text (``@id says``) is still named, as the sentence needs it.
    """
    out: list[Span] = []
    for span in spans:
        if span.cite and span.cite.in_text:
            out += names[span.cite.id]
        elif span.cite:
            if out:
                out[-1] = Span(out[-1].text.rstrip(), out[-1].bold, out[-1].italic, out[-1].href)
            continue
        out.append(span)
    return tuple(s for s in out if s.text)


# --- fitting -----------------------------------------------------------------------------

class _TooSmall(ValueError):
    """A text frame (or the share of one being tried) cannot hold even one item's unbreakable part."""


class _Fitter:
    def __init__(self, metrics: Metrics, theme: Theme, geometry: Geometry,
                 continued: str = ENGLISH["continued"], continued_again: str = ENGLISH["continued_again"],
                 more: str = ENGLISH["more"]) -> None:
        self.metrics = metrics
        # What a continuation slide's title ends with: " (cont.)", then " (cont. 2)", " (cont. 3)"…,
        # so that no two slides share a title (a screen reader lists slides by title).
        self.continued, self.continued_again = continued, continued_again
        self.more = more  # the last line of a backup slide with points left off
        self.theme = theme
        self.deck = theme.deck
        self.geometry = geometry
        sizes = []
        size = theme.deck.body
        while size > theme.deck.min_body:
            sizes.append(size)
            size -= 2
        self.sizes = sizes + [theme.deck.min_body]
        self._heights: dict[tuple[Item, float, float], float] = {}  # packing tries each item many times

    def title_slide(self, outline: Outline) -> Slide:
        brief, words = outline.brief, outline.labels
        frame = self.geometry.bodies[TITLE_SLIDE][0]
        names = {s.id: in_text_name(s) for s in brief.sources}
        items = [Item(_shown(parse(brief.subtitle), names), bullet=False)] if brief.subtitle else []
        items += [Item((Span(brief.organisation, bold=True),), bullet=False),
                  Item((Span(brief.date.display()),), bullet=False)]
        if brief.information_cutoff:
            items.append(Item((Span(cutoff_line(outline)),), bullet=False))
        size = next((s for s in (self.deck.body + 2, *self.sizes) if len(self.pack(items, frame, s)) == 1),
                    self.deck.min_body)
        kept = self.pack(items, frame, size)[0]
        return Slide(TITLE_SLIDE, *self.title(brief.title, TITLE_SLIDE, largest=self.deck.title + 8),
                     bodies=(tuple(kept),), size=size,
                     notes=f"{brief.title}. {brief.organisation}, {brief.date.display()}. "
                           f"{words.handling}: {brief.marking.value}.\n\n{words.prepared_by}: "
                           + "; ".join(a.name + (f" ({plain(a.role)})" if a.role else "") for a in brief.authors)
                           + ".")

    def figure_slides(self, brief: Brief, planned: _Planned, pen: drawn.Pen) -> list[Slide]:
        """The figure (or its parts, a slide each) fitted to the body frame and titled with its caption.

        None if the brief has too little data for it or has switched it off.
        """
        frame = self.geometry.bodies[CONTENT][0]
        if planned.picture:
            picture = planned.picture
            made = deck_figures.figure_frames(lambda pen, w, h: [drawn.picture(picture, w, h)], pen, frame.width,
                                              frame.height)
        else:
            made = deck_figures.figure_frames(lambda pen, w, h: drawn.draw(planned.figure, brief, pen, w, h, fill=True),
                                              pen, frame.width, frame.height)
        slides = []
        for n, figure in enumerate(made):
            title, title_size = self.title(figure.caption + (self.continued if n else ""), CONTENT)
            slides.append(Slide(CONTENT, title, title_size, notes=figure.alt, figure=figure))
        return slides

    def fit(self, planned: _Planned) -> list[Slide]:
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
            planned = replace(planned, layout=CONTENT,
                              columns=(tuple(i for col in planned.columns for i in col),))
        frame = self.geometry.bodies[planned.layout][0]
        items = list(planned.columns[0])
        if planned.single:
            return [self.single(planned, items, frame)]
        # The fewest slides, then the largest size: sizes are tried largest first, and none needs fewer than one.
        size, pages = self.sizes[0], self.pack(items, frame, self.sizes[0])
        for smaller in self.sizes[1:]:
            if len(pages) == 1:
                break
            packed = self.pack(items, frame, smaller)
            if len(packed) < len(pages):
                size, pages = smaller, packed
        pages = self.balance(items, frame, size, len(pages))
        return [self.slide(planned, n, (tuple(page),), size) for n, page in enumerate(pages)]

    def single(self, planned: _Planned, items: list[Item], frame: Frame) -> Slide:
        """All items on one slide: the largest size at which they fit, else each cut to one line at the
        smallest size, and if even that is too many, the first ones and a last line saying how many are left."""
        for size in self.sizes:
            pages = self.pack(items, frame, size)
            if len(pages) == 1:
                return self.slide(planned, 0, (tuple(pages[0]),), size)
        size = self.sizes[-1]
        cut = [self.one_line(i, frame, size) for i in items]
        # The points that fit on the first slide without the last line: with it, no more can fit (packing
        # decides each point by itself and the next), so the search starts one above, not at all of them.
        first = len(self.pack(cut, frame, size)[0])
        for keep in range(min(len(cut), first + 1), 0, -1):
            rest = len(cut) - keep
            shown = cut[:keep] + ([Item((Span(self.more.format(count=rest), italic=True),), bullet=False)]
                                  if rest else [])
            if len(self.pack(shown, frame, size)) == 1:
                break
        # Cut points lose words on the slide, never in the notes: those are the items' own, whole.
        notes = "\n\n".join([planned.notes] * bool(planned.notes) + [i.notes for i in items if i.notes])
        return replace(self.slide(planned, 0, (tuple(shown),), size), notes=notes or planned.title)

    def one_line(self, item: Item, frame: Frame, size: float) -> Item:
        """``item`` cut to what fits on its first line, with an ellipsis."""
        lines = self.lines(item, frame, size)
        if len(lines) <= 1:
            return item
        spans = list(split_at(item.spans, lines, 1)[0])
        width = self.width(item, frame, size)
        while spans:
            last = spans[-1]
            text = last.text.rstrip(" ,;:.\u2014") + "\u2026"
            cut = (*spans[:-1], Span(text, last.bold, last.italic, last.href))
            if self.metrics.count(cut, width, size) <= 1:
                return replace(item, spans=cut, badge=None)
            shorter = last.text.rstrip().rsplit(" ", 1)
            spans[-1:] = [Span(shorter[0], last.bold, last.italic, last.href)] if len(shorter) > 1 else []
        return replace(item, spans=(Span("\u2026"),), badge=None)

    def slide(self, planned: _Planned, n: int, columns: tuple[tuple[Item, ...], ...], size: float) -> Slide:
        suffix = "" if n == 0 else self.continued if n == 1 else self.continued_again.format(number=n)
        title, title_size = self.title(planned.title, planned.layout, suffix=suffix)
        notes = [planned.notes] if planned.notes and n == 0 else []
        notes += [i.notes for col in columns for i in col if i.notes]
        return Slide(planned.layout, title, title_size, bodies=columns, size=size,
                     notes="\n\n".join(notes) or planned.title)

    def title(self, text: str, layout: str, largest: float | None = None, suffix: str = "") -> tuple[str, float]:
        """The title (and its continuation ``suffix``) at the largest size down to TITLE_MIN that fits; else cut short."""
        frame = self.geometry.titles[layout]
        size = largest or self.deck.title
        spans = (Span(text + suffix, bold=True),)
        while True:
            lines = self.metrics.count(spans, frame.width * WIDTH_RESERVE, size)
            fits = int((frame.height - HEIGHT_RESERVE) // (size * TITLE_LINE_SPACING))
            if lines <= fits or size <= TITLE_MIN:
                break
            size -= 2
        if lines <= fits:
            return text + suffix, size
        words = text.split()
        while words and self.metrics.count((Span(" ".join(words) + "\u2026" + suffix, bold=True),),
                                           frame.width * WIDTH_RESERVE, size) > max(fits, 1):
            words.pop()
        return " ".join(words) + "\u2026" + suffix, size

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
            except _TooSmall:
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
            raise _TooSmall(f"a {frame.height:.0f} pt high text frame cannot hold one line at {size} pt")
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
                raise _TooSmall(f"{room:.0f} pt of {frame.height:.0f} pt cannot hold one item at {size} pt")
            # All its lines fit but not its badge: the badge goes on the next slide.
            fit = min(fit, len(lines))
            head, tail = split_at(item.spans, lines, fit)
            pages[-1].append(Item(head, item.bullet, None, item.notes, item.continued))
            pages.append([])
            used = 0.0
            queue.append(Item(tail, False, item.badge, "", continued=item.bullet or item.continued))
        return [p for p in pages if p] or [[]]

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
        return frame.width * WIDTH_RESERVE - (INDENT * size if item.indented else 0.0)
