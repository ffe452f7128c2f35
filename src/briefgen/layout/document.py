"""Brief → Document: the flowing brief shared by the DOCX and PDF renderers, block by block.

Every decision about what the reader sees (order, headings, labels, table columns,
how a source is cited) is made here once, so the Word file and the PDF never disagree.
Renderers only map these blocks to their library's primitives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Union

from ..estimative import Confidence, Likelihood, estimate_label
from ..inline import Inline, Span, parse, plain
from ..marking import Tlp
from ..model import Brief, Section, Source


@dataclass(frozen=True)
class TitleBlock:
    title: str
    subtitle: Inline | None
    organisation: str
    date: str
    authors: str


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for the brief's parts, 2 for their subdivisions
    text: str


@dataclass(frozen=True)
class Paragraph:
    spans: Inline
    role: str = "body"  # body | byline


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Callout:
    """A boxed passage: the bottom line up front, or the editor's note."""

    role: str  # bottom-line | editor-note
    title: str
    paragraphs: tuple[Inline, ...]


@dataclass(frozen=True)
class Judgment:
    """A numbered key judgment with its estimative language stated apart from its confidence."""

    number: int
    statement: Inline
    likelihood: Likelihood
    confidence: Confidence
    basis: Inline

    @property
    def estimate(self) -> str:
        return estimate_label(self.likelihood, self.confidence)


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...]  # relative; renderers scale them to the text width
    caption: str


@dataclass(frozen=True)
class Quote:
    spans: Inline
    attribution: Inline


@dataclass(frozen=True)
class Bibliography:
    entries: tuple[tuple[str, Inline], ...]  # (source id, formatted reference)


Block = Union[TitleBlock, Heading, Paragraph, BulletList, Callout, Judgment, Table, Quote, Bibliography]


@dataclass(frozen=True)
class Meta:
    """What a document says about itself: core properties, running header and footer."""

    title: str
    short_title: str
    subtitle: str
    authors: str
    organisation: str
    date: date
    date_text: str
    marking: Tlp
    language: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...]
    references: dict[str, Inline]  # source id → the formatted reference a citation points to

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


def meta_of(brief: Brief) -> Meta:
    return Meta(
        title=brief.title,
        short_title=brief.running_title,
        subtitle=plain(brief.subtitle) if brief.subtitle else "",
        authors=brief.author_names,
        organisation=brief.organisation,
        date=brief.date.first_day(),
        date_text=brief.date.display(),
        marking=brief.marking,
        language=brief.language,
        keywords=tuple(brief.keywords),
    )


def compose(brief: Brief) -> Document:
    """Lay the brief out as one flow of blocks, in the order an analyst reads it."""
    parts = {
        "summary": _summary(brief),
        "key_judgments": _key_judgments(brief),
        "context": _context(brief),
        "actors": _actors(brief),
        "signals": _signals(brief),
        "analogies": _analogies(brief),
        "outlook": _outlook(brief),
    }
    for section in brief.sections:
        parts[section.after] = parts[section.after] + _section(section)
    blocks: list[Block] = [TitleBlock(
        title=brief.title,
        subtitle=parse(brief.subtitle) if brief.subtitle else None,
        organisation=brief.organisation,
        date=brief.date.display(),
        authors=brief.author_names,
    )]
    for name in parts:
        blocks += parts[name]
    if brief.editor_notes:
        blocks.append(Heading(1, "Editor's note"))
        blocks.append(Callout("editor-note", "Corrections to the source",
                              tuple(parse(n) for n in brief.editor_notes)))
    blocks.append(Heading(1, "Sources"))
    references = {s.id: reference(s) for s in brief.sources}
    blocks.append(Bibliography(tuple(references.items())))
    blocks.append(Heading(1, "About the authors" if len(brief.authors) > 1 else "About the author"))
    for author in brief.authors:
        spans: list[Span] = [Span(author.name, bold=True)]
        if author.role:
            spans.append(Span(f", {plain(author.role)}"))
        if author.bio:
            spans.append(Span(". "))
            spans += parse(author.bio)
        blocks.append(Paragraph(tuple(spans), role="byline"))
    return Document(meta=meta_of(brief), blocks=tuple(blocks), references=references)


def reference(source: Source) -> Inline:
    """One source in the bibliography's style: Author. *Title*. Publisher, date. URL."""
    spans: list[Span] = []
    if source.author:
        spans.append(Span(f"{source.author}. "))
    spans += [Span(s.text, s.bold, True, s.href) for s in parse(source.title) if not s.cite]
    spans.append(Span(". "))
    tail = ", ".join(x for x in (source.publisher, source.date.display() if source.date else None) if x)
    if tail:
        spans.append(Span(f"{tail}. "))
    if source.url:
        spans.append(Span(source.url, href=source.url))
    return tuple(_strip_end(spans))


def _summary(brief: Brief) -> list[Block]:
    return [Callout("bottom-line", "Bottom line", tuple(parse(p) for p in brief.summary))]


def _key_judgments(brief: Brief) -> list[Block]:
    blocks: list[Block] = [Heading(1, "Key judgments")]
    for number, kj in enumerate(brief.key_judgments, 1):
        blocks.append(Judgment(number, parse(kj.statement), kj.likelihood, kj.confidence, parse(kj.basis)))
    return blocks


def _context(brief: Brief) -> list[Block]:
    blocks: list[Block] = [Heading(1, "Context")]
    blocks += [Paragraph(parse(p)) for p in brief.context.paragraphs]
    if brief.context.timeline:
        blocks.append(Heading(2, "Timeline"))
        rows = tuple((_text(e.date.display()), parse(e.event)) for e in sorted(brief.context.timeline,
                                                                               key=lambda e: e.date))
        blocks.append(Table(("Date", "Event"), rows, (1, 4), "Timeline of events"))
    return blocks


def _actors(brief: Brief) -> list[Block]:
    blocks: list[Block] = [Heading(1, "Actors")]
    rows = []
    for actor in brief.actors:
        who: list[Span] = [Span(actor.name, bold=True), Span(f"\n{actor.kind}", italic=True)]
        stance = parse(actor.stance)
        if actor.allies:
            stance += (Span("\nAllies and backers: ", italic=True), Span(", ".join(actor.allies)))
        rows.append((tuple(who), parse(actor.role), stance))
    # Allies share the stance cell: a column of their own was mostly empty and cost a page.
    blocks.append(Table(("Actor", "Role", "Stance"), tuple(rows), (1.2, 2.2, 2.6), "Actors"))
    quotes = [(actor, q) for actor in brief.actors for q in actor.quotes]
    if quotes:
        blocks.append(Heading(2, "In their own words"))
        for actor, quote in quotes:
            attribution: list[Span] = [Span(f"\u2014 {quote.speaker}")]
            if quote.note:
                attribution.append(Span(", "))
                attribution += parse(quote.note)
            attribution.append(Span("", cite=quote.source))
            blocks.append(Quote(parse(quote.text), tuple(attribution)))
    return blocks


def _signals(brief: Brief) -> list[Block]:
    if not brief.signals:
        return []
    rows = []
    for signal in brief.signals:
        what = parse(signal.what)
        if signal.when:
            what = what + (Span(f" ({signal.when.display()})", italic=True),)
        rows.append((what, parse(signal.who) + (Span("; "),) + parse(signal.where), parse(signal.why)))
    return [Heading(1, brief.signals_title),
            Table(("Signal", "Who, and where", "Why it matters"), tuple(rows), (2.2, 1.6, 2.2),
                  brief.signals_title)]


def _analogies(brief: Brief) -> list[Block]:
    if not brief.analogies:
        return []
    rows = tuple(((Span(a.case, bold=True), Span(f"\n{a.period}", italic=True)),
                  parse(a.what_happened), parse(a.parallel), parse(a.limits)) for a in brief.analogies)
    return [Heading(1, "Historical analogies"),
            Table(("Case", "What happened", "The parallel", "Where it breaks down"), rows, (1.1, 2, 2, 2),
                  "Historical analogies")]


def _outlook(brief: Brief) -> list[Block]:
    outlook = brief.outlook
    blocks: list[Block] = [Heading(1, "Outlook")]
    blocks += [Paragraph(parse(p)) for p in outlook.paragraphs]
    blocks.append(Heading(2, "Scenarios"))
    rows = tuple(((Span(s.name, bold=True),), _text(s.likelihood.label), parse(s.description))
                 for s in outlook.scenarios)
    blocks.append(Table(("Scenario", "Likelihood", "What it would look like"), rows, (1.4, 1.2, 3.4),
                        "Scenarios"))
    blocks.append(Heading(2, "Indicators to watch"))
    blocks.append(BulletList(tuple(parse(i) for i in outlook.indicators)))
    return blocks


def _section(section: Section) -> list[Block]:
    blocks: list[Block] = [Heading(1, section.title)]
    blocks += [Paragraph(parse(p)) for p in section.paragraphs]
    if section.bullets:
        blocks.append(BulletList(tuple(parse(b) for b in section.bullets)))
    return blocks


def _text(text: str) -> Inline:
    return (Span(text),)


def _strip_end(spans: list[Span]) -> list[Span]:
    if spans and not spans[-1].href:
        last = spans[-1]
        spans[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.href, last.cite)
    return spans


__all__ = ["Block", "Bibliography", "BulletList", "Callout", "Document", "Heading", "Judgment", "Meta",
           "Paragraph", "Quote", "Table", "TitleBlock", "compose", "meta_of", "reference"]
