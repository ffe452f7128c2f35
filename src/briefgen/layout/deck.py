"""Brief → Deck: the slides of a meeting deck, decided before any XML is written.

Like pandoc's PowerPoint writer, this is a presentation model: each slide has a kind
(which template layout it uses), a title, short bullets and speaker notes carrying the
fuller prose with its attributions. The PPTX renderer only serialises it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inline import Inline, Span, parse, plain
from ..model import Brief
from .document import Meta, meta_of, reference

MAX_BULLETS = 6


@dataclass(frozen=True)
class Bullet:
    spans: Inline
    level: int = 0
    badge: str | None = None  # a short label shown beside the bullet, e.g. a likelihood


@dataclass(frozen=True)
class Slide:
    kind: str  # title | content
    title: str
    subtitle: str = ""
    bullets: tuple[Bullet, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Deck:
    meta: Meta
    slides: tuple[Slide, ...]


def compose(brief: Brief) -> Deck:
    refs = {s.id: s for s in brief.sources}

    def say(text: str) -> str:
        """Speaker-notes prose: plain text, with each citation spoken as its source."""
        out = []
        for span in parse(text):
            if span.cite:
                source = refs[span.cite]
                out.append(f" (source: {source.author + ', ' if source.author else ''}{plain(source.title)})")
            else:
                out.append(span.text)
        return "".join(out)

    slides: list[Slide] = [Slide(
        "title", brief.title,
        subtitle="\n".join(x for x in (plain(brief.subtitle) if brief.subtitle else "",
                                       f"{brief.organisation} \u00b7 {brief.date.display()}") if x),
        notes=f"{brief.title}. Prepared by {brief.author_names}, {brief.organisation}, {brief.date.display()}.")]

    def add(title: str, bullets: list[Bullet], notes: str) -> None:
        for i in range(0, max(len(bullets), 1), MAX_BULLETS):
            slides.append(Slide("content", title if i == 0 else f"{title} (cont.)",
                                bullets=tuple(bullets[i:i + MAX_BULLETS]), notes=notes))

    add("Bottom line", [Bullet(parse(p)) for p in brief.summary], " ".join(say(p) for p in brief.summary))
    add("Key judgments",
        [Bullet(parse(kj.statement), badge=f"{kj.likelihood.label} \u00b7 {kj.confidence.label}")
         for kj in brief.key_judgments],
        " ".join(f"Judgment {n}: {say(kj.statement)} {kj.likelihood.label}, {kj.confidence.label}. "
                 f"Basis: {say(kj.basis)}" for n, kj in enumerate(brief.key_judgments, 1)))
    context = brief.context
    add("Context",
        [Bullet((Span(e.date.display(), bold=True), Span(" \u2014 "), *parse(e.event)))
         for e in sorted(context.timeline, key=lambda e: e.date)] or [Bullet(parse(p)) for p in context.paragraphs],
        " ".join(say(p) for p in context.paragraphs))
    add("Actors",
        [Bullet((Span(a.name, bold=True), Span(" \u2014 "), *parse(a.role))) for a in brief.actors],
        " ".join(f"{a.name} ({a.kind}): {say(a.role)} Stance: {say(a.stance)}"
                 + (f" Allies and backers: {', '.join(a.allies)}." if a.allies else "")
                 + "".join(f" {q.speaker} said: \u201c{say(q.text)}\u201d" for q in a.quotes)
                 for a in brief.actors))
    if brief.signals:
        add("Secessionist signals", [Bullet(parse(s.what)) for s in brief.signals],
            " ".join(f"{say(s.what)} Who: {say(s.who)} Where: {say(s.where)}"
                     + (f" When: {s.when.display()}." if s.when else "") + f" Why it matters: {say(s.why)}"
                     for s in brief.signals))
    for analogy in brief.analogies:
        add(f"Analogy: {analogy.case}",
            [Bullet((Span("What happened: ", bold=True), *parse(analogy.what_happened))),
             Bullet((Span("The parallel: ", bold=True), *parse(analogy.parallel))),
             Bullet((Span("Where it breaks down: ", bold=True), *parse(analogy.limits)))],
            f"{analogy.case}, {analogy.period}. {say(analogy.what_happened)} {say(analogy.parallel)} "
            f"{say(analogy.limits)}")
    outlook = brief.outlook
    add("Outlook: scenarios",
        [Bullet((Span(s.name, bold=True), Span(": "), *parse(s.description)), badge=s.likelihood.label)
         for s in outlook.scenarios],
        " ".join([say(p) for p in outlook.paragraphs]
                 + [f"{s.name} ({s.likelihood.label}): {say(s.description)}" for s in outlook.scenarios]))
    add("Indicators to watch", [Bullet(parse(i)) for i in outlook.indicators],
        " ".join(say(i) for i in outlook.indicators))
    for section in brief.sections:
        add(section.title, [Bullet(parse(p)) for p in section.paragraphs + section.bullets],
            " ".join(say(p) for p in section.paragraphs + section.bullets))
    if brief.editor_notes:
        add("Editor's note", [Bullet(parse(n)) for n in brief.editor_notes],
            " ".join(say(n) for n in brief.editor_notes))
    add("Sources", [Bullet(reference(s)) for s in brief.sources],
        "Sources: " + " ".join(plain_reference for plain_reference in
                               ("".join(span.text for span in reference(s)) for s in brief.sources)))
    return Deck(meta=meta_of(brief), slides=tuple(slides))
