"""Brief → Document: the flowing brief shared by the DOCX and PDF renderers, block by block.

Every decision about what the reader sees (order, headings, labels, table columns,
how a source is cited) is made here once, so the Word file and the PDF never disagree.
Renderers only map these blocks to their library's primitives.

Each block also says which content field each of its texts comes from (a ``FieldPath``, as the
loader places problems): the Word brief marks them, so that a reviewer's comments and tracked
changes can be traced back to the YAML (see review.py). A path of ``()`` is text of the layout's
own, a label or a generated line.
"""

from __future__ import annotations

import math
import operator
import re
from typing import Callable, Iterable, Union

from ..images import Image
from ..estimative import Confidence, Likelihood, Reliability, estimate_label
from .line_breaks import address, last_words_together, last_words_together_in, unbroken_ranges, unbroken_ranges_in
from ..citation_styles import DEFAULT, is_note_style
from ..inline import Citation, Inline, Span, parse, plain
from ..marking import Tlp
from ..model import Alternative, Brief, Indicator, Section, Source
from ..parts import FieldPath
from ..theme import MM, Theme
from . import figures as drawn
from .figures import Figure
from .columns import fitted
from .measure import metrics_for
from .outline import Labels, Outline
from ..typography import typography
from .properties import Properties, fit, properties_of
from .csl import Formatted, format_citations
from .publication import Copy, citation, copy_line, licence_notice
from ..value import Value, fields, replace

FIGURE_HEIGHT = 0.7  # the most of a page's text height a figure may take
# The box a logo is fitted into, keeping its proportions (points): on the title block a wide logo may run to
# 60 mm and a tall one to 16 mm, the height of the title's two lines; in the running header it stays within
# the band above the header's rule, at most 7 mm tall.
TITLE_LOGO = (60 * MM, 16 * MM)
HEADER_LOGO = (35 * MM, 7 * MM)
TITLE_LOGO_GAP = 10.0  # points between the logo and the title under it
HEADER_LOGO_GAP = 8.0  # and between the header's logo and the short title right of it


class Logo(Value):
    """The organisation's logo as a product shows it: its image, its size in points, the space between it and
    what follows it (below it on the title block, right of it in a header), and its alt text, which is empty
    where it is an artifact (a running header repeats it on every page)."""

    image: Image
    width: float
    height: float
    gap: float
    alt: str = ""


def logo_in(image: Image, box: tuple[float, float], gap: float, alt: str = "") -> Logo:
    """``image`` as large as fits ``box`` (width, height in points), in its own proportions."""
    scale = min(box[0] / image.pixels[0], box[1] / image.pixels[1])
    return Logo(image, image.pixels[0] * scale, image.pixels[1] * scale, gap, alt)


class TitleBlock(Value):
    """What opens the brief, line by line: the logo, title, subtitle, "organisation · date", authors."""

    title: Inline
    subtitle: Inline | None
    dateline: Inline
    authors: Inline
    cutoff: Inline = ()  # "Information cut-off: 2 November 2022", when the brief states one
    logo: Logo | None = None  # the theme's, above the title
    # The fields of the lines above, in their order: the dateline is the brief's date, the authors line its authors.
    fields: tuple[FieldPath, ...] = (("title",), ("subtitle",), ("date",), ("authors",), ("information_cutoff",))


class Heading(Value):
    level: int  # 1 for the brief's parts, 2 for their subdivisions
    text: str
    field: FieldPath = ()  # the part it heads ("key_judgments"), or the free section's title
    marked: Inline = ()  # in a redline: its words as spans, the changes since the last edition marked


class Paragraph(Value):
    spans: Inline
    role: str = "body"  # body | byline
    field: FieldPath = ()


class BulletList(Value):
    items: tuple[Inline, ...]
    fields: tuple[FieldPath, ...] = ()  # each item's


class Callout(Value):
    """A boxed passage: the bottom line up front, or the editor's note."""

    role: str  # bottom-line | editor-note
    title: str  # its first line, in the box; "" under a heading, which names it
    paragraphs: tuple[Inline, ...]
    field: FieldPath = ()  # the part the title stands for
    fields: tuple[FieldPath, ...] = ()  # each paragraph's


class Judgment(Value):
    """A numbered key judgment with its estimative language stated apart from its confidence,
    then its reasons: each a paragraph with its label run in ("Basis: …", "Why this confidence: …")."""

    number: int
    statement: Inline
    likelihood: Likelihood
    confidence: Confidence
    reasons: tuple[tuple[str, Inline], ...]
    field: FieldPath = ()  # the judgment's own (its estimate line); its statement and reasons are fields inside it
    reason_fields: tuple[FieldPath, ...] = ()  # each reason's

    @property
    def statement_field(self) -> FieldPath:
        return self.field + ("statement",) if self.field else ()

    @property
    def estimate(self) -> str:
        return unbroken_ranges(estimate_label(self.likelihood, self.confidence))


class Caption(Value):
    """A numbered caption as the reader sees it ("Table 1. Signals of intent"), shown above what it names.

    A caption that would only say its heading again is not shown and takes no number: ``text`` is then its
    own words, still the table's title for a screen reader (see ``_captioned``).
    """

    label: str   # "Table"; figures are numbered the same way under their own label
    number: int  # 0 when not shown
    text: str    # "Table 1. Signals of intent"
    shown: bool = True


class Captions:
    """Numbers captions in reading order, one count per label, in the words of the brief's language."""

    def __init__(self, form: str) -> None:
        self._form = form  # e.g. "{label} {number}. {text}"
        self._counts: dict[str, int] = {}

    def next(self, label: str, text: str) -> Caption:
        number = self._counts[label] = self._counts.get(label, 0) + 1
        return Caption(label, number, self._form.format(label=label, number=number, text=text))

    def again(self, label: str, text: str) -> Caption:
        """A caption with the last number given under ``label``: a later part of the same figure."""
        number = self._counts[label]
        return Caption(label, number, self._form.format(label=label, number=number, text=text))


class Table(Value):
    columns: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...]  # relative; renderers scale them to the text width
    caption: Caption
    field: FieldPath = ()  # the list the table shows (its caption and header row)
    fields: tuple[tuple[FieldPath, ...], ...] = ()  # each cell's, row by row
    caption_marked: Inline = ()  # in a redline: the caption's words, the changes since the last edition marked


class Quote(Value):
    spans: Inline
    attribution: Inline
    field: FieldPath = ()  # the quote's; its words are its text field, the attribution its speaker

    @property
    def text_field(self) -> FieldPath:
        return self.field + ("text",) if self.field else ()

    @property
    def attribution_field(self) -> FieldPath:
        return self.field + ("speaker",) if self.field else ()


class Bibliography(Value):
    entries: tuple[tuple[str, Inline], ...]  # (source id, formatted reference)
    fields: tuple[FieldPath, ...] = ()  # each entry's source


class NoteMark(Value):
    """Where a citation stood in the text: the superscript number of its note, linked to that note.

    It takes the place of the citation's span, set against the word before it ("online¹");
    a mark right after another is ``separator``-ed from it ("1,2").
    """

    number: int
    anchor: str          # the name of the note's destination, the same in Word and the PDF
    separator: str = ""
    description: str = ""  # what the link says to a screen reader: "Note 1"
    change: str = ""  # in a redline, as a span's
    first: bool = False  # the note's first mark in reading order: where a footnote stands (later marks refer to it)

    @property
    def text(self) -> str:
        return f"{self.separator}{self.number}"


class Note(Value):
    """One numbered note: what every mark with its number points at."""

    number: int
    label: str           # "1." as the list shows it
    anchor: str
    spans: Inline
    field: FieldPath = ()  # the source it cites


class Notes(Value):
    """The numbered notes, one per distinct note (same source, place, prefix and suffix: same number)."""

    entries: tuple[Note, ...]


MakeTable = Callable[..., Table]
"""Makes a table with the next caption number: columns, rows, relative widths, caption text, and the fields
of the table and of each of its cells."""

Block = Union[TitleBlock, Heading, Paragraph, BulletList, Callout, Judgment, Table, Quote, Bibliography, Notes,
              Figure]


PAGE, PAGES = "{page}", "{pages}"


class Watermark(Value):
    """A word across the middle of every page or slide, along its diagonal: "DRAFT"."""

    text: str
    size: float   # points: the role's, or less, so that it spans at most WATERMARK_SPAN of the diagonal
    width: float  # points: the word's at that size, in the theme's bold face
    cap_height: float  # points: its capitals' height at that size, in that face (it is centred on them)
    angle: float  # degrees anticlockwise from the page's foot: along its diagonal, rising to the right


WATERMARK_SPAN = 0.7


def watermark_of(outline: Outline, theme: Theme, page: tuple[float, float], size: float) -> Watermark | None:
    """The watermark of a page (or slide) of ``page`` points, at most ``size``; None but for a draft."""
    if not outline.watermark:
        return None
    diagonal = math.hypot(*page)
    metrics = metrics_for(theme.fonts)
    wide = metrics.width(outline.watermark, 1.0, bold=True)
    size = min(size, WATERMARK_SPAN * diagonal / max(wide, 1e-6))
    return Watermark(outline.watermark, size, wide * size, metrics.cap_height(size, bold=True),
                     math.degrees(math.atan2(page[1], page[0])))


class Running(Value):
    """The running header and footer, the same on every page in Word and in the PDF.

    Header: the short title at the left, the marking at the right. Footer: the date at the
    left, the page number centred, the marking at the right (TLP 2.0 wants it top and bottom).
    """

    header: str
    footer: str
    page: tuple[str, ...]  # literal text and the PAGE and PAGES fields, in order: ("Page ", PAGE, " of ", PAGES)
    marking: Tlp
    copy: str = ""  # a numbered copy's line, in the header just before the marking
    watermark: Watermark | None = None  # "DRAFT" across every page of a draft
    logo: Logo | None = None  # the theme's, at the header's left, before the short title, when the theme asks


class Tracked(Value):
    """In a redline (layout/redline.py): a whole block only one edition has, "ins" the new or "del" the old."""

    block: Block
    change: str


class Redline(Value):
    """Who marked the changes between two editions, and when: the new edition's date (ISO 8601)."""

    author: str
    date: str


class Document(Value):
    properties: Properties
    running: Running
    blocks: tuple[Block | Tracked, ...]
    notes: tuple[Note, ...]
    left_out: tuple[str, ...] = ()  # what the layout could not show, said to the reader as warnings
    redline: Redline | None = None  # the blocks mark what changed since the last edition (Tracked, span changes)
    footnotes: bool = False  # the notes stand at the foot of the pages citing them, not in a list (see compose)

    @property
    def language(self) -> str:
        return self.properties.language

    @property
    def marking(self) -> Tlp:
        return self.properties.marking


def running_of(outline: Outline, theme: Theme) -> Running:
    brief = outline.brief
    page = tuple(p for p in re.split(r"(\{page\}|\{pages\})", outline.labels.page) if p)
    logo = logo_in(theme.logo, HEADER_LOGO, HEADER_LOGO_GAP) if theme.logo and theme.logo_in_header else None
    return Running(header=brief.running_title, footer=outline.dated, page=page, marking=brief.marking,
                   watermark=watermark_of(outline, theme, theme.page.size_pt, typography(theme).brief.watermark.size),
                   logo=logo)


def compose(brief: Brief, theme: Theme, *, footnotes: bool = False) -> Document:
    """Lay the brief out as one flow of blocks, in the outline's order.

    With ``footnotes`` the notes stand at the foot of the page that first cites each (the Word
    brief's own footnotes), and no notes list is laid out: the same notes, numbers and order as
    the PDF's list.
    """
    outline = Outline.of(brief)
    words = outline.labels
    captions = Captions(words.caption)

    roles = typography(theme).brief
    cell = (metrics_for(theme.fonts), roles.table_text.in_word.size, theme.page.text_width_pt,
            max(roles.table.in_word.flow.padding, roles.table.in_pdf.flow.padding))

    def table(columns: tuple[str, ...], rows, widths: tuple[float, ...], caption: str, field: FieldPath = (),
              fields: Iterable[tuple[FieldPath, ...]] = ()) -> Table:
        rows = tuple(rows)
        widths = fitted(widths, [tuple((Span(c, bold=True),) for c in columns), *rows], *cell)
        # Numbered once the parts are in their order, when what stands above each table is known.
        return Table(columns, rows, widths, Caption(words.table, 0, caption), field, tuple(fields))

    page = theme.page
    text_height = page.size_pt[1] - (page.margin_top_mm + page.margin_bottom_mm) * MM
    # A figure never takes more than most of a page, so its caption and a heading can join it.
    room = (page.text_width_pt, text_height * FIGURE_HEIGHT)
    drawings = drawn.for_brief(brief, drawn.Pen.for_page(theme, words), *room)

    left_out: list[str] = []

    def figures(name: str, field: FieldPath) -> list[Block]:
        made = [replace(f, field=field) for f in drawings.get(name, [])]
        # A figure that cannot be cut into parts (an actor map of hundreds of actors) and is taller than a
        # page would overflow it, and drawing it would take hundreds of megabytes: its table shows the same.
        fitting = [f for f in made if f.height <= room[1]]
        if len(fitting) < len(made):
            left_out.append(f"the figure \"{made[0].caption}\" is left out: drawn on this page width it "
                            f"would be {max(f.height for f in made) / (room[1] / FIGURE_HEIGHT):.0f} pages tall; "
                            "its table shows the same")
        return [drawn.numbered(f, captions, words) for f in fitting]

    parts = {
        "summary": lambda: _summary(outline),
        "key_judgments": lambda: _key_judgments(outline),
        "key_assumptions": lambda: _listed(outline, "key_assumptions"),
        "context": lambda: _context(outline, table, figures("timeline", ("context", "timeline"))),
        "actors": lambda: _actors(outline, table, figures("actor_map", ("actors",))),
        "signals": lambda: _signals(outline, table),
        "analogies": lambda: _analogies(outline, table),
        "alternatives": lambda: _alternatives(outline, table),
        "outlook": lambda: _outlook(outline, table),
        "implications": lambda: _listed(outline, "implications"),
        # The box sits under its heading, which names it: a title of its own would be a second heading.
        "editor_notes": lambda: [Heading(1, outline.heading("editor_notes"), ("editor_notes",)),
                                 Callout("editor-note", "",
                                         tuple(parse(n) for n in brief.editor_notes), ("editor_notes",),
                                         _items(("editor_notes",), brief.editor_notes))]
        if brief.editor_notes else [],
        "notes": lambda: [] if footnotes else [Heading(1, outline.heading("notes")), _UNRESOLVED],
        "sources": lambda: [Heading(1, outline.heading("sources"), ("sources",)), _UNFORMATTED],
        "authors": lambda: _authors(outline),
        "publication": lambda: _publication(outline),
    }
    blocks: list[Block] = [TitleBlock(
        title=_text(last_words_together(brief.title)),
        subtitle=last_words_together_in(parse(brief.subtitle)) if brief.subtitle else None,
        dateline=_text(f"{brief.organisation} \u00b7 {brief.date.display()}"),
        authors=_text(brief.author_names),
        cutoff=_cutoff(outline),
        logo=logo_in(theme.logo, TITLE_LOGO, TITLE_LOGO_GAP, outline.logo_alt) if theme.logo else None,
    )]
    # A free section or image is known by its place in its list, whatever part it follows.
    blocks += outline.arrange(parts, lambda s: _section(s, _index(brief.sections, s), table), lambda picture: [
        drawn.numbered(replace(drawn.picture(picture, *room), field=("images", _index(brief.images, picture))),
                       captions, words)])
    blocks = _captioned(blocks, captions)
    resolver = _Resolver(brief, words, brief.csl or theme.csl or DEFAULT)
    resolver.collect(blocks)
    # No range breaks across lines, in any text (line_breaks.py); the notes' too.
    blocks = [resolver.walk(resolver.resolve(b), unbroken_ranges_in) for b in blocks]
    notes = tuple(replace(n, spans=unbroken_ranges_in(n.spans)) for n in resolver.notes)
    if notes and resolver.cites_one_source_whole():
        # One source cited throughout, whole: its note is the sources list. The note keeps the source's
        # rating, which the sources list would have shown.
        notes = tuple(replace(n, spans=n.spans + rating(resolver.source(c.id), words))
                      for n, c in zip(notes, resolver.distinct))
        where = next(i for i, b in enumerate(blocks) if isinstance(b, Bibliography))
        del blocks[where - 1:where + 1]  # and its heading
    if not footnotes:
        where = blocks.index(_UNRESOLVED)
        # The notes list under its heading; neither if nothing is cited.
        blocks[where - 1:where + 1] = [blocks[where - 1], Notes(notes)] if notes else []
    return Document(properties=properties_of(brief, words), running=running_of(outline, theme),
                    blocks=tuple(blocks), notes=notes, left_out=tuple(left_out), footnotes=footnotes and bool(notes))


def numbered(document: Document, copy: Copy, words: Labels) -> Document:
    """The laid-out brief as ``copy``: only its running header and properties say whose copy it is."""
    line = copy_line(copy, words)
    return replace(document, running=replace(document.running, copy=line),
                   properties=replace(document.properties, copy=fit(line)))


def _captioned(blocks: list[Block], captions: Captions) -> list[Block]:
    """The tables with their captions numbered in reading order. A table right under a heading that says what
    its caption would ("Actors" under "Actors") shows no caption and takes no number: the heading names it,
    and the line it would take is the reader's."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            own = block.caption.text
            above = out[-1] if out else None
            caption = (Caption(block.caption.label, 0, own, shown=False)
                       if isinstance(above, Heading) and says_again(own, above.text)
                       else captions.next(block.caption.label, own))
            block = replace(block, caption=caption)
        out.append(block)
    return out


def says_again(caption: str, heading: str) -> bool:
    """Whether a caption says no more than the heading above it: the same words, whatever their case and
    punctuation."""
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())
    return words(caption) == words(heading)


_UNRESOLVED = Notes(())  # where the notes list goes, until every citation has its number
_UNFORMATTED = Bibliography(())  # where the sources list goes, until the style has sorted it


class _Resolver:
    """Formats the brief's citations in its citation style, in reading order, in two passes over the blocks.

    The first pass collects them; the style formats them all at once (so that a later note of a source is
    short); the second replaces each. A note style numbers distinct notes (same source, place, prefix and
    suffix: same number) in reading order, and marks several cited together in number order; an
    author-date style puts each citation, or each group cited together, in the text.
    """

    def __init__(self, brief: Brief, words: Labels, style: str) -> None:
        self.words = words
        self.sources = brief.sources
        self.places = {s.id: ("sources", n) for n, s in enumerate(brief.sources)}
        self.names = {s.id: in_text_name(s) for s in brief.sources}
        self.notes_style = is_note_style(style)
        self.style, self.language = style, brief.language
        self.numbers: dict[tuple, int] = {}  # a distinct note's key (see _key) → its number
        self.distinct: list[Citation] = []  # each distinct note's citation, in number order
        self.clusters: list[tuple[Citation, ...]] = []  # every group cited together, in reading order
        self.notes: list[Note] = []
        self.formatted: Formatted | None = None
        self._next = 0  # the cluster the second pass has reached
        self.marked: set[int] = set()  # the notes the second pass has marked once

    def collect(self, blocks: list) -> None:
        for block in blocks:
            self._walk(block, self._collect)
        # Beside a sources list that gives each source in full, a note need only name it.
        self.formatted = format_citations(self.style, self.language, self.sources,
                                          [(c,) for c in self.distinct] if self.notes_style else self.clusters,
                                          short=not self.cites_one_source_whole())
        if self.notes_style:
            self.notes = [Note(n, f"{n}.", _anchor(n), text, self.places[citation.id])
                          for n, (text, citation) in enumerate(zip(self.formatted.citations, self.distinct), 1)]

    def resolve(self, block):
        """``block`` with each citation replaced by its note's mark, or by its words in the text."""
        if block is _UNFORMATTED:
            listed = self.formatted.bibliography
            return Bibliography(tuple((key, entry + rating(self.source(key), self.words)) for key, entry in listed),
                                tuple(self.places[key] for key, _ in listed))
        return self._walk(block, self._apply)

    def source(self, key: str) -> Source:
        return next(s for s in self.sources if s.id == key)

    def walk(self, value, spans):
        """``value`` with each tuple of spans in it replaced by ``spans`` of it."""
        return self._walk(value, spans)

    def _walk(self, value, spans):
        # What ``spans`` leaves as it was is kept, not copied: most blocks hold no citation and no range.
        if isinstance(value, tuple):
            if value and isinstance(value[0], Span):
                return spans(value)
            walked = tuple(self._walk(v, spans) for v in value)
            return value if all(map(operator.is_, walked, value)) else walked
        if isinstance(value, Value):
            changed = {}
            for name in fields(value):
                field = getattr(value, name)
                if isinstance(field, tuple):
                    walked = self._walk(field, spans)
                    if walked is not field:
                        changed[name] = walked
            return replace(value, **changed) if changed else value
        return value

    @staticmethod
    def _groups(spans: Inline) -> list[Span | tuple[Citation, ...]]:
        """The spans with the citations cited together ("[@a; @b]") gathered; "@a argues" stands alone."""
        out: list = []
        for span in spans:
            if span.cite is None:
                out.append(span)
            elif out and isinstance(out[-1], tuple) and not out[-1][-1].in_text and not span.cite.in_text:
                out[-1] = (*out[-1], span.cite)
            else:
                out.append((span.cite,))
        return out

    def _collect(self, spans: Inline) -> Inline:
        for group in self._groups(spans):
            if isinstance(group, tuple):
                self.clusters.append(group)
                for citation in group:
                    if _key(citation) not in self.numbers:
                        self.numbers[_key(citation)] = len(self.numbers) + 1
                        self.distinct.append(citation)
        return spans

    def _apply(self, spans: Inline) -> tuple:
        if all(span.cite is None for span in spans):
            return spans
        out: list = []
        for group in self._groups(spans):
            if isinstance(group, Span):
                out.append(group)
                continue
            words = self.formatted.citations[self._next] if not self.notes_style else ()
            self._next += 1
            if group[0].in_text:  # "@jami2022 argues": the sentence names the source
                out += self.names[group[0].id]
            if not self.notes_style:  # "deal (Jami, 2022)", or "Jami (2022) argues"
                if out and isinstance(out[-1], Span) and not out[-1].text[-1:].isspace():
                    out.append(Span(" "))
                out += words
                continue
            if out and isinstance(out[-1], Span):  # the mark is set against the word before it
                last = out[-1]
                out[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.href)
            for number in sorted({self.numbers[_key(c)] for c in group}):
                follows_mark = bool(out) and isinstance(out[-1], NoteMark)
                out.append(NoteMark(number, _anchor(number), "," if follows_mark else "",
                                    self.words.note_link.format(number=number), first=number not in self.marked))
                self.marked.add(number)
        return tuple(s for s in out if not isinstance(s, Span) or s.text)

    def cites_one_source_whole(self) -> bool:
        """Whether the notes are one note of the brief's one source, whole (no page, no words of the author's):
        then a sources list of that one entry would say it again. (Several sources keep their list: sorted by
        name, it is a finding aid the notes in reading order are not.)"""
        return (self.notes_style and len(self.sources) == 1 and len(self.distinct) == 1
                and not (self.distinct[0].locator or self.distinct[0].prefix or self.distinct[0].suffix))


def _key(citation: Citation) -> tuple:
    """What makes two citations one note: the same source, place, prefix and suffix."""
    return citation.id, citation.locator, citation.label, citation.prefix, citation.suffix


def _anchor(number: int) -> str:
    # Word's bookmark names allow letters, digits and underscores only.
    return f"note_{number}"


def _index(items: list, item: object) -> int:
    """Where ``item`` itself (not an equal one) is in ``items``."""
    return next(n for n, other in enumerate(items) if other is item)


def _items(path: FieldPath, items: Iterable) -> tuple[FieldPath, ...]:
    """The fields of a list's items: ``path[0]``, ``path[1]``, …"""
    return tuple(path + (n,) for n, _ in enumerate(items))


def _authors(outline: Outline) -> list[Block]:
    """Each author with their role and note; nothing when no author has either, as the title block names them."""
    if not any(author.role or author.bio for author in outline.brief.authors):
        return []
    blocks: list[Block] = [Heading(1, outline.heading("authors"), ("authors",))]
    for n, author in enumerate(outline.brief.authors):
        spans: list[Span] = [Span(author.name, bold=True)]
        if author.role:
            spans.append(Span(f", {plain(author.role)}"))
        if author.bio:
            spans.append(Span(". "))
            spans += parse(author.bio)
        blocks.append(Paragraph(tuple(spans), role="byline", field=("authors", n)))
    return blocks


def _publication(outline: Outline) -> list[Block]:
    """How to cite the brief, then its licence: only for a brief that gives publication details."""
    brief = outline.brief
    if not brief.published:
        return []
    # Made from the brief's metadata unless it gives its own citation.
    blocks: list[Block] = [Heading(1, outline.heading("publication")),
                           Paragraph(citation(brief, outline.labels), field=("citation",) if brief.citation else ())]
    if brief.licence:
        blocks.append(Paragraph(licence_notice(brief, outline.labels), field=("licence",)))
    return blocks


def in_text_name(source: Source) -> Inline:
    """How a sentence names a source cited as ``@id``: its author, or else its title in italics."""
    if source.author:
        return (Span(source.author),)
    return tuple(Span(s.text, s.bold, True, s.href) for s in parse(source.title) if not s.cite)


def cutoff_line(outline: Outline) -> str:
    """How every product states the age of the brief's information, on its title block or slide."""
    cutoff = outline.brief.information_cutoff
    return outline.labels.cutoff.format(date=cutoff.display()) if cutoff else ""


def _cutoff(outline: Outline) -> Inline:
    """The cut-off line of the title block, followed by what it means when the brief says so."""
    brief = outline.brief
    if not brief.information_cutoff:
        return ()
    if not brief.cutoff_note:
        return _text(cutoff_line(outline))
    return _text(outline.labels.cutoff_note.format(cutoff=cutoff_line(outline))) + parse(brief.cutoff_note)


def reference(source: Source, place: str = "", suffix: Inline = ()) -> Inline:
    """One source as the sources list shows it: Author. *Title*. Publisher, date. URL.

    A note adds the ``place`` cited and the author's ``suffix`` before the URL: "…, 2 November 2022, p. 4. URL".
    """
    spans: list[Span] = []
    if source.author:
        spans.append(Span(f"{source.author}. "))
    spans += [Span(s.text, s.bold, True, s.href) for s in parse(source.title) if not s.cite]
    tail = ", ".join(x for x in (source.publisher, source.date.display() if source.date else None) if x)
    if tail:
        spans.append(Span(f". {tail}"))
    if place:
        spans.append(Span(f", {place}"))
    spans += suffix
    spans.append(Span(". "))
    if source.url:
        spans.append(address(source.url))
    return tuple(_strip_end(spans))


def rating(source: Source, words: Labels) -> Inline:
    """A source's reliability as the sources list shows it, on a line under its reference: "Reliability: B
    (usually reliable). Why." — nothing when the analyst has not rated it."""
    if source.reliability is None:
        return ()
    grade: Reliability = source.reliability
    spans = [Span("\n"), Span(words.reliability.format(grade=grade.value, meaning=grade.meaning), italic=True),
             Span(".")]
    if source.reliability_note:
        spans += [Span(" "), *parse(source.reliability_note)]
    return tuple(_strip_end(spans))


def _summary(outline: Outline) -> list[Block]:
    summary = outline.brief.summary
    return [Callout("bottom-line", outline.heading("summary"), tuple(parse(p) for p in summary), ("summary",),
                    _items(("summary",), summary))]


def _key_judgments(outline: Outline) -> list[Block]:
    blocks: list[Block] = [Heading(1, outline.heading("key_judgments"), ("key_judgments",))]
    words = outline.labels
    for number, kj in enumerate(outline.brief.key_judgments, 1):
        field = ("key_judgments", number - 1)
        reasons, fields = [(words.basis, parse(kj.basis))], [field + ("basis",)]
        if kj.confidence_basis:
            reasons.append((words.confidence_basis, parse(kj.confidence_basis)))
            fields.append(field + ("confidence_basis",))
        blocks.append(Judgment(number, parse(kj.statement), kj.likelihood, kj.confidence, tuple(reasons), field,
                               tuple(fields)))
    return blocks


def _context(outline: Outline, table: MakeTable, figures: list[Block]) -> list[Block]:
    context, words = outline.brief.context, outline.labels
    blocks: list[Block] = [Heading(1, outline.heading("context"), ("context",))]
    blocks += [Paragraph(parse(p), field=("context", "paragraphs", n)) for n, p in enumerate(context.paragraphs)]
    if context.timeline:
        timeline = ("context", "timeline")
        blocks.append(Heading(2, words.timeline, timeline))
        if figures:
            # The drawn timeline says what the table would, and its text alternative lists every event with
            # its date: one of the two in the body.
            return blocks + figures
        events = sorted(enumerate(context.timeline), key=lambda e: e[1].date)
        rows = tuple((_text(e.date.display()), parse(e.event)) for _, e in events)
        blocks.append(table((words.date, words.event), rows, (1, 4), words.timeline, timeline,
                            (tuple(timeline + (n, f) for f in ("date", "event")) for n, _ in events)))
    return blocks


def _actors(outline: Outline, table: MakeTable, figures: list[Block]) -> list[Block]:
    words = outline.labels
    actors = outline.brief.actors
    # The map, right under the heading it stays with, shows who is allied with whom (its text alternative
    # says it in words); the table then gives each actor's role and stance, without the allies again.
    blocks: list[Block] = [Heading(1, outline.heading("actors"), ("actors",)), *figures]
    rows = []
    for actor in actors:
        who: list[Span] = [Span(actor.name, bold=True), Span(f"\n{actor.kind}", italic=True)]
        stance = parse(actor.stance)
        if actor.allies and not figures:
            stance += (Span(f"\n{words.allies}", italic=True), Span(", ".join(actor.allies)))
        rows.append((tuple(who), parse(actor.role), stance))
    # Allies share the stance cell: a column of their own was mostly empty and cost a page.
    blocks.append(table((words.actor, words.role, words.stance), tuple(rows), (1.2, 2.2, 2.6),
                        outline.heading("actors"), ("actors",),
                        (tuple(("actors", n, f) for f in ("name", "role", "stance")) for n, _ in enumerate(actors))))
    quotes = [(("actors", a, "quotes", q), quote) for a, actor in enumerate(actors)
              for q, quote in enumerate(actor.quotes)]
    if quotes:
        blocks.append(Heading(2, words.own_words, ("actors",)))
        for field, quote in quotes:
            attribution: list[Span] = [Span(f"\u2014 {quote.speaker}")]
            if quote.note:
                attribution.append(Span(", "))
                attribution += parse(quote.note)
            attribution.append(Span("", cite=Citation(quote.source)))
            blocks.append(Quote(parse(quote.text), tuple(attribution), field))
    return blocks


def _signals(outline: Outline, table: MakeTable) -> list[Block]:
    brief, words = outline.brief, outline.labels
    if not brief.signals:
        return []
    rows = []
    for signal in brief.signals:
        what = parse(signal.what)
        if signal.when:
            what = what + (Span(f" ({signal.when.display()})", italic=True),)
        rows.append((what, parse(signal.who) + (Span("; "),) + parse(signal.where), parse(signal.why)))
    title = outline.heading("signals")
    return [Heading(1, title, ("signals",)),
            table((words.signal, words.who_where, words.why), tuple(rows), (2.2, 1.6, 2.2), title, ("signals",),
                  (tuple(("signals", n, f) for f in ("what", "who", "why")) for n, _ in enumerate(brief.signals)))]


def _analogies(outline: Outline, table: MakeTable) -> list[Block]:
    analogies, words = outline.brief.analogies, outline.labels
    if not analogies:
        return []
    rows = tuple(((Span(a.case, bold=True), Span(f"\n{a.period}", italic=True)),
                  parse(a.what_happened), parse(a.parallel), parse(a.limits)) for a in analogies)
    title = outline.heading("analogies")
    return [Heading(1, title, ("analogies",)),
            table((words.case, words.what_happened, words.parallel, words.limits), rows, (1.1, 2, 2, 2), title,
                  ("analogies",), (tuple(("analogies", n, f) for f in ("case", "what_happened", "parallel", "limits"))
                                   for n, _ in enumerate(analogies)))]


def _alternatives(outline: Outline, table: MakeTable) -> list[Block]:
    """Competing explanations, each with what would show it (and the indicators to watch) and our assessment."""
    brief, words = outline.brief, outline.labels
    if not brief.alternatives:
        return []
    by_id = {i.id: i for i in brief.outlook.indicators if i.id}
    rows = tuple((parse(a.explanation), _would_show(a, by_id, words), assessment(a))
                 for a in brief.alternatives)
    title = outline.heading("alternatives")
    return [Heading(1, title, ("alternatives",)),
            table((words.explanation, words.would_show, words.assessment), rows, (2.2, 2.6, 1.4), title,
                  ("alternatives",), (tuple(("alternatives", n, f) for f in ("explanation", "would_show", "assessment"))
                                      for n, _ in enumerate(brief.alternatives)))]


def _would_show(alternative: Alternative, indicators: dict[str, Indicator], words: Labels) -> Inline:
    spans = parse(alternative.would_show)
    tied = [indicators[key] for key in alternative.indicators]
    if tied:
        spans += (Span(f"\n{words.watch}", italic=True),)
        for n, indicator in enumerate(tied):
            spans += ((Span("; "),) if n else ()) + _unstopped(parse(indicator.what))
    return spans


def assessment(alternative: Alternative) -> Inline:
    """How likely an alternative is: an ICD 203 term with its range, as judgments show theirs, or the analyst's
    words."""
    if isinstance(alternative.assessment, Likelihood):
        return _text(unbroken_ranges(alternative.assessment.label))
    return parse(alternative.assessment)


def _unstopped(spans: Inline) -> Inline:
    """Spans without their closing full stop: an indicator run into a list."""
    if spans and spans[-1].text.endswith(".") and not spans[-1].href:
        last = spans[-1]
        return spans[:-1] + (replace(last, text=last.text[:-1]),)
    return spans


def _outlook(outline: Outline, table: MakeTable) -> list[Block]:
    outlook, words = outline.brief.outlook, outline.labels
    blocks: list[Block] = [Heading(1, outline.heading("outlook"), ("outlook",))]
    blocks += [Paragraph(parse(p), field=("outlook", "paragraphs", n)) for n, p in enumerate(outlook.paragraphs)]
    scenarios, indicators = ("outlook", "scenarios"), ("outlook", "indicators")
    blocks.append(Heading(2, words.scenarios, scenarios))
    rows = tuple(((Span(s.name, bold=True),), _text(unbroken_ranges(s.likelihood.label)), parse(s.description))
                 for s in outlook.scenarios)
    blocks.append(table((words.scenario, words.likelihood, words.scenario_description), rows, (1.4, 1.2, 3.4),
                        words.scenarios, scenarios,
                        (tuple(scenarios + (n, f) for f in ("name", "likelihood", "description"))
                         for n, _ in enumerate(outlook.scenarios))))
    blocks.append(Heading(2, words.indicators, indicators))
    if any(i.threshold or i.scenario or i.baseline for i in outlook.indicators):
        # A baseline column only when some indicator says where it stands now.
        baselines = any(i.baseline for i in outlook.indicators)
        rows = tuple((parse(i.what), *((_or_dash(i.baseline),) if baselines else ()), _or_dash(i.threshold),
                      _text(i.scenario or "\u2014")) for i in outlook.indicators)
        columns = (words.indicator, *((words.baseline,) if baselines else ()), words.threshold, words.points_to)
        widths = (2.0, 1.9, 2.1, 1.1) if baselines else (2.2, 2.6, 1.2)
        cells = ("what", *(("baseline",) if baselines else ()), "threshold", "scenario")
        blocks.append(table(columns, rows, widths, words.indicators, indicators,
                            (tuple(indicators + (n, f) for f in cells) for n, _ in enumerate(outlook.indicators))))
    else:
        blocks.append(BulletList(tuple(parse(i.what) for i in outlook.indicators),
                                 tuple(indicators + (n, "what") for n, _ in enumerate(outlook.indicators))))
    return blocks


def _or_dash(text: str | None) -> Inline:
    return parse(text) if text else _text("\u2014")


def _listed(outline: Outline, part: str) -> list[Block]:
    """A part that is a list of points under its heading, or nothing when the brief has none."""
    points = getattr(outline.brief, part)
    return [Heading(1, outline.heading(part), (part,)),
            BulletList(tuple(parse(p) for p in points), _items((part,), points))] if points else []


def _section(section: Section, index: int, table: MakeTable) -> list[Block]:
    field = ("sections", index)
    blocks: list[Block] = [Heading(1, section.title, field + ("title",))]
    blocks += [Paragraph(parse(p), field=field + ("paragraphs", n)) for n, p in enumerate(section.paragraphs)]
    if section.bullets:
        blocks.append(BulletList(tuple(parse(b) for b in section.bullets), _items(field + ("bullets",),
                                                                                  section.bullets)))
    if section.table:
        rows = field + ("table", "rows")
        blocks.append(table(*own_table(section), field + ("table",),
                            (tuple(rows + (r, c) for c, _ in enumerate(row))
                             for r, row in enumerate(section.table.rows))))
    return blocks


def own_table(section: Section) -> tuple[tuple[str, ...], tuple[tuple[Inline, ...], ...], tuple[float, ...], str]:
    """A section's own table as columns, rows, relative widths (from its longest texts, within limits), caption."""
    table = section.table
    rows = tuple(tuple(parse(cell) for cell in row) for row in table.rows)
    longest = [max(len(plain(cell)) for cell in column) for column in zip(table.header, *table.rows)]
    widths = tuple(min(max(n, 6), 40) ** 0.5 for n in longest)
    return (tuple(plain(h) for h in table.header), rows, widths,
            plain(table.caption) if table.caption else plain(section.title))


def _text(text: str) -> Inline:
    return (Span(text),)


def _strip_end(spans: list[Span]) -> list[Span]:
    if spans and not spans[-1].href:
        last = spans[-1]
        spans[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.href, last.cite)
    return spans


__all__ = ["Logo", "logo_in", "Block", "Bibliography", "BulletList", "Callout", "Caption", "Captions", "Document", "Figure", "Heading",
           "Judgment", "Note", "NoteMark", "Notes", "PAGE", "PAGES", "Paragraph", "Quote", "Running", "Table",
           "TitleBlock", "assessment", "compose", "cutoff_line", "rating", "reference", "says_again"]
