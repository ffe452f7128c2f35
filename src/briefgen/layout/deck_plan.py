"""Brief → the deck's plan: what the meeting sees, what waits in the backup, and what the presenter says.

A meeting of N minutes has room for ``main_slides(N)`` = 2 + N/3 main slides, the title slide
included: about three minutes a slide, and room to open and to take questions. Each part of
the brief gives units a main slide may show (the bottom line, one judgment, a figure, the
scenarios, the ask…), each with a main form of one message in at most MAIN_WORDS words besides
its title, and a full form. The analyst's ``meeting.main``, or else PRIORITY, decides which
units are main; everything else, and the details that main slides leave out, follows a
"Backup" divider in the brief's order. Notes are written to be spoken: talking points that do
not repeat the slide, sources named for the ear, the questions the room will ask, and where
the talk goes next.

Like pandoc's Presentation.hs, one method per part of the brief. Nothing here measures text
(deck_fit.py does), so ``validate`` runs the plan for its deck checks without fonts.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..estimative import Likelihood, estimate_label, terms_in
from .line_breaks import unbroken_ranges
from ..inline import Citation, Inline, Span, parse, plain, text_of
from ..model import Brief, Indicator, Meeting, Picture, Section, Source
from ..parts import FieldPath
from ..value import Value, replace
from . import figures as drawn
from .document import cutoff_line, in_text_name, own_table, reference
from .outline import Outline
from .publication import citation, licence_notice
from .slides import CONTENT, SECTION, TWO_CONTENT, Item, Planned

MAIN_WORDS = 45       # what a room reads while listening, besides a slide's title and a figure's labels
HEADLINE_WORDS = 15   # a title read at a glance
NOTES_WORDS = 25      # the least a presenter needs to speak to a main slide
DEFAULT_MINUTES = 20  # a deck whose brief names no meeting is planned for a common briefing slot
REPEAT_RUN = 5        # notes repeat the slide where they share runs of this many words with it …
REPEAT_SHARE = 0.4    # … and a talking point that does so for this share of its words is left to the slide
SHORT_WORDS = 25      # a slide of one item this short shares a slide with its neighbour
LINK_NUMBER = "8888"  # a link's slide number while it is measured: as wide as any number a deck reaches
SPOKEN_TITLE_WORDS = 4  # a source without author or short name is spoken as its title's opening words

# What the meeting sees first when the analyst does not say: the argument, then what to do, then the rest.
PRIORITY = ("summary", "key_judgments", "likelihood_scale", "scenarios", "implications", "indicators",
            "alternatives", "key_assumptions", "timeline", "context", "actor_map", "actors",
            "signals", "analogies", "sections", "images", "editor_notes", "authors", "sources")

_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\u201d\"]))\s+(?=[A-Z\u201c\"(])")
_BOUNDARY = re.compile(r"[.;!?](?=\s)")  # where a point may be cut to its first sentences or clauses
_WORD = re.compile(r"\w+")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_CLAUSE = re.compile(r";|,? rather than |, which |, while | \u2014 ")
_YEAR = re.compile(r"\s*\(?\d{4}[a-z]?\)?$")


def main_slides(minutes: int) -> int:
    """How many main slides a meeting of ``minutes`` has room for, the title slide included."""
    return 2 + minutes // 3


def for_minutes(brief: Brief, minutes: int | None) -> Brief:
    """``brief`` with its meeting ``minutes`` long, as ``--minutes`` asks; as it is without ``minutes``."""
    if minutes is None:
        return brief
    meeting = replace(brief.meeting, minutes=minutes) if brief.meeting else Meeting(minutes=minutes)
    return replace(brief, meeting=meeting)


# A word's first letter or digit and the rest of its word: one match for each word that holds one. \s is what
# str.split parts at and [^\W_] what str.isalnum holds; a loop over every character was half of planning a deck.
_COUNTED_WORD = re.compile(r"[^\W_]\S*")


def words(text: str) -> int:
    """Words as a reader counts them: what spaces part that holds a letter or digit ("55–80%" is one; a dash, none)."""
    return len(_COUNTED_WORD.findall(text))


class Unit(Value):
    """What one main slide may show, and the backup's slides for it."""

    key: str                     # unique in the plan: what a main slide's link names
    names: tuple[str, ...]       # what `meeting.main` and PRIORITY call it: its part, and its own name
    path: FieldPath              # its field in the content, where a warning about it points
    main: Planned | None         # its main slide, one message; None when it has none
    full: tuple[Planned, ...]    # its backup slides when it is not main
    details: tuple[Planned, ...] = ()  # its backup slides when it is: what its main slide leaves out
    too_long: str = ""           # what to shorten when its main slide is over the word limit


class Plan(Value):
    """The deck before fitting: its main slides after the title, its backup after the divider."""

    minutes: int
    main: tuple[Planned, ...]
    backup: tuple[Planned, ...]  # the divider first, when there is a backup
    figures: tuple[str, ...] = ()  # the keys of its figures and pictures in the brief's order, as it numbers them
    findings: tuple[tuple[FieldPath, str], ...] = ()  # what the analyst should fix, by field (lint places them)


# The last outline planned, and its plan: every command that makes a deck plans its brief twice, for the
# warnings it prints first (checks) and for the deck itself (deck.compose), and a plan is a tenth of a deck.
_last: list[tuple[Outline, Plan]] = []


def forget() -> None:
    """Let the last plan go: a process that makes no deck (a worker forked to draw the Word brief or the PDF)
    has no use for the plan its parent made for the warnings, 16 MB for a 5 MB brief."""
    _last.clear()


def made_for(brief: Brief) -> tuple[Outline, Plan] | None:
    """The plan kept for ``brief``, with its outline, if it was the last planned (a batch's parent plans each
    brief for its warnings as it loads it): a batch hands it with the brief's deck to the worker that draws it,
    which would otherwise plan it again (5 ms of the NRF brief's 30 ms deck; it pickles in under 1 ms)."""
    outline = Outline.of(brief)
    kept = _kept(outline)
    return None if kept is None else (outline, kept)


def keep(made: tuple[Outline, Plan]) -> None:
    """Keep a plan made by another process (``made_for``) as the last planned here."""
    _last[:] = [made]


def plan(outline: Outline) -> Plan:
    """The deck for ``outline``'s brief, planned for its meeting (DEFAULT_MINUTES when it names none)."""
    kept = _kept(outline)
    if kept is not None:
        return kept
    planned = Planner(outline).plan()
    _last[:] = [(outline, planned)]
    return planned


def _kept(outline: Outline) -> Plan | None:
    """The last plan, if it was made for ``outline`` or an equal one (the same brief planned for its warnings)."""
    return _last[0][1] if _last and _last[0][0] == outline else None


def checks(brief: Brief) -> tuple[tuple[FieldPath, str], ...]:
    """What the deck for the brief's meeting had to settle for, by field, for ``validate`` and every render of a
    deck to place as warnings: more main slides asked for than the minutes allow, a main slide over its word
    limit, a slide or point that repeats another, a judgment's statement shortened (or numbered) as its title
    for want of a headline."""
    return plan(Outline.of(brief)).findings


class Speaker:
    """Text as the presenter says it: citations spoken as their sources, for the ear."""

    def __init__(self, outline: Outline) -> None:
        self.words = outline.labels
        self.sources = {s.id: s for s in outline.brief.sources}
        self.names = {s.id: in_text_name(s) for s in outline.brief.sources}

    def say(self, text: str) -> str:
        """``text`` as plain prose: "… partition [@jami2022]." → "… partition, as reported by Jami in 2022."."""
        out: list[str] = []
        heard: list[Citation] = []  # the citations of one bracket, said together where it ends
        for span in (*parse(text), None):
            if span is not None and span.cite and not span.cite.in_text:
                heard.append(span.cite)
                continue
            if span is not None and heard and not span.text.strip() and not span.cite:
                continue
            if heard:
                attribution = self.attribution(heard)
                if out:  # in place: a copy of everything said so far, at each citation, was quadratic
                    out[-1] = out[-1].rstrip()
                out.append(attribution if out else attribution.removeprefix(", "))
                heard = []
            if span is not None and span.cite:  # "as @id says": the name the sentence needs, and the place cited
                place = span.cite.place
                out.append(text_of(self.names[span.cite.id]) + (f" ({place})" if place else ""))
            elif span is not None:
                out.append(span.text)
        return " ".join("".join(out).split())

    def attribution(self, cited: list[Citation]) -> str:
        """", as reported by Jami in 2022 (p. 4) and Reuters in 2021": who the listener hears it from."""
        said = []
        for citation in dict.fromkeys(cited):
            source = self.sources[citation.id]
            who = self.words.reported_in.format(name=spoken_name(source), year=source.date.year) if source.date \
                else spoken_name(source)
            said.append(who + (f", {citation.place}" if citation.place else ""))
        listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + self.words.and_ + said[-1]
        return ", " + self.words.reported_by.format(sources=listed)

    def shown(self, text: str) -> Inline:
        """``text`` as a slide shows it: without citation markers (the notes say them), a source cited in the
        text (``@id says``) still named, as the sentence needs it."""
        return shown(parse(text), self.names)


def spoken_name(source: Source) -> str:
    """How a listener hears a source named: its short name without the year ("Jami"), its author, or the
    opening words of its title."""
    if source.short:
        return _YEAR.sub("", source.short) or source.short
    if source.author:
        return source.author
    return " ".join(plain(source.title).split()[:SPOKEN_TITLE_WORDS])


def shown(spans: Inline, names: dict[str, Inline]) -> Inline:
    """Slide text without citation markers, and without the space before them."""
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


def headline(statement: str) -> tuple[str, bool]:
    """A judgment's statement as a slide title: itself when short enough, else shortened by its asides and
    trailing clauses; "" when even that is too long. The flag says whether it was shortened."""
    text = plain(statement).strip().rstrip(".")
    if words(text) <= HEADLINE_WORDS:
        return text, False
    for shorter in (_PARENTHESIS.sub("", text), _CLAUSE.split(_PARENTHESIS.sub("", text))[0]):
        shorter = shorter.strip().rstrip(".,;")
        if words(shorter) <= HEADLINE_WORDS:
            return shorter, True
    return "", True


def repeated_share(notes: str, slide: str | set[tuple[str, ...]]) -> float:
    """The share of ``notes``' words that sit in runs of REPEAT_RUN words the slide shows too (``slide`` its text,
    or its runs from ``runs_of``)."""
    said = [w.lower() for w in _WORD.findall(notes)]
    runs = runs_of(slide) if isinstance(slide, str) else slide
    covered = [False] * len(said)
    for i in range(len(said) - REPEAT_RUN + 1):
        if tuple(said[i:i + REPEAT_RUN]) in runs:
            covered[i:i + REPEAT_RUN] = [True] * REPEAT_RUN
    return sum(covered) / len(said) if said else 0.0


def runs_of(text: str) -> set[tuple[str, ...]]:
    """Every run of REPEAT_RUN words in ``text``, in lower case."""
    seen = [w.lower() for w in _WORD.findall(text)]
    return {tuple(seen[i:i + REPEAT_RUN]) for i in range(len(seen) - REPEAT_RUN + 1)}


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


def forms(spans: Inline) -> list[tuple[Inline, Inline]]:
    """A point's shorter forms for a main slide, longest first: whole, its first sentence, its first clause.

    Each is (what the slide shows, the rest, for the notes); a cut clause ends with a full stop. A cut
    after the second of four sentences would show a list's first options as if they were all.
    """
    text = text_of(spans)
    found = [(spans, ())]
    sentence = next((m for m in _BOUNDARY.finditer(text) if m.group() in ".!?"), None)
    clause = next(_BOUNDARY.finditer(text), None)
    for match in (sentence, clause if clause is not sentence else None):
        if match is None:
            continue
        head, rest = _cut(spans, match.start())
        if words(text_of(head)) < 3 or not rest:
            continue
        mark = match.group() if match.group() in ".!?" else "."  # a clause cut short ends a sentence
        found.append((_joined((*head, Span(mark))), _cut(rest, 1)[1]))
    return found


def sentences_of(spans: Inline) -> list[Inline]:
    """``spans`` cut into their sentences."""
    out, rest = [], spans
    while rest:
        match = _SENTENCE.search(text_of(rest))
        if match is None:
            out.append(rest)
            break
        head, rest = _cut(rest, match.start())
        out.append(head)
    return out


def _cut(spans: Inline, at: int) -> tuple[Inline, Inline]:
    """``spans`` split at character ``at`` of their text, each side trimmed of spaces."""
    head: list[Span] = []
    tail: list[Span] = []
    seen = 0
    for span in spans:
        end = seen + len(span.text)
        if end <= at:
            head.append(span)
        elif seen >= at:
            tail.append(span)
        else:
            head.append(replace(span, text=span.text[:at - seen]))
            tail.append(replace(span, text=span.text[at - seen:]))
        seen = end
    if head:
        head[-1] = replace(head[-1], text=head[-1].text.rstrip())
    if tail:
        tail[0] = replace(tail[0], text=tail[0].text.lstrip())
    return tuple(s for s in head if s.text), tuple(s for s in tail if s.text)


def _joined(spans: Inline) -> Inline:
    """A full stop added after a cut joins the run before it."""
    if len(spans) > 1 and not spans[-2].href:
        return (*spans[:-2], replace(spans[-2], text=spans[-2].text.rstrip(".,;:") + spans[-1].text))
    return spans


def _item_words(item: Item) -> int:
    return words(text_of(item.spans)) + (words(item.badge) if item.badge else 0)


def slide_words(planned: Planned) -> int:
    """The words a slide shows besides its title (a figure's labels are not counted either)."""
    return sum(_item_words(i) for i in planned.items)


def slide_text(planned: Planned) -> str:
    return " ".join([planned.title] + [text_of(i.spans) + " " + (i.badge or "") for i in planned.items])


class _Point(Value):
    """A point a main slide may shorten: its forms (shown, rest), longest first, and its item's settings."""

    forms: tuple[tuple[Inline, Inline], ...]
    bullet: bool = True
    badge: str | None = None
    lead: Inline = ()  # shown before every form, e.g. an actor's name


class Planner:
    """One method per part of the brief, each giving the part's units; ``plan`` chooses and orders them."""

    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.brief = outline.brief
        self.words = outline.labels
        self.speaker = Speaker(outline)
        self.findings: list[tuple[FieldPath, str]] = []
        meeting = self.brief.meeting
        self.minutes = meeting.minutes if meeting else DEFAULT_MINUTES
        self.wanted = tuple(meeting.main) if meeting else ()
        # The outlook's scenarios are numbered as the likelihood scale marks them: S1, S2…
        self.scenario_numbers = {s.name: n for n, s in enumerate(self.brief.outlook.scenarios, 1)}
        self.shortened: set[int] = set()  # the judgments whose shortened statement has been warned about
        # Where each free section and image is in the content, for its key and its warnings' place.
        self.section_index = {id(s): n for n, s in enumerate(self.brief.sections)}
        self.picture_index = {id(p): n for n, p in enumerate(self.brief.images)}

    # --- the plan ------------------------------------------------------------------------

    def plan(self) -> Plan:
        units = self.units()
        chosen = self.choose(units)
        main = [u.main for u in units if u.key in chosen]
        backup = [p for u in units for p in (u.details if u.key in chosen else u.full)]
        main, backup = self.distinct(units, main, backup)
        main, backup = self.merged(main, MAIN_WORDS), self.merged(backup)
        linked = {key for p in backup for key in (p.key, *p.aliases)}
        main = [self.linked(p, linked) for p in main]
        for unit in units:
            if unit.key in chosen and unit.main and slide_words(unit.main) > MAIN_WORDS:
                self.findings.append((unit.path, f"its main slide shows {slide_words(unit.main)} words, more than "
                                                 f"the {MAIN_WORDS} a room reads while listening; "
                                                 + (unit.too_long or self.words.shorter_points)))
        main, backup = self.titled(main, backup)
        main = self.spoken(main)
        if backup:
            backup.insert(0, Planned(SECTION, self.words.backup_divider,
                                     ((Item((Span(self.words.backup_intro),), bullet=False),),),
                                     notes=self.words.backup_notes))
        figures = tuple(u.key for u in units if u.main is not None and (u.main.figure or u.main.picture))
        return Plan(self.minutes, tuple(main), tuple(backup), figures, tuple(self.findings))

    def units(self) -> list[Unit]:
        parts = {"summary": self.summary, "key_judgments": self.key_judgments,
                 "key_assumptions": self.key_assumptions, "context": self.context, "actors": self.actors,
                 "signals": self.signals, "analogies": self.analogies, "alternatives": self.alternatives,
                 "outlook": self.outlook, "implications": self.implications, "editor_notes": self.editor_notes,
                 "sources": self.sources, "authors": self.authors, "publication": self.publication}
        return self.outline.arrange(parts, self.section, self.picture) + self.questions()

    def choose(self, units: list[Unit]) -> set[str]:
        """The keys of the units on main slides: those the analyst names, in their order, or else by PRIORITY."""
        room = main_slides(self.minutes) - 1
        showable = [u for u in units if u.main is not None]
        if self.wanted:
            by_name: dict[str, list[Unit]] = {}
            for unit in showable:
                for name in unit.names:
                    by_name.setdefault(name, []).append(unit)
            named = [[u.key for u in by_name.get(name, ())] for name in dict.fromkeys(self.wanted)]
            asked = list(dict.fromkeys(key for keys in named for key in keys))
            if len(asked) <= room:
                return set(asked)
            self.findings.append((("meeting", "main"),
                                  f"asks for {len(asked)} main slides, but a {self.minutes}-minute meeting has "
                                  f"room for {room} after the title (2 + minutes/3 in all); each part named gets "
                                  "its first slides in turn and the rest go to the backup: name fewer parts, or "
                                  "more minutes"))
            # In turn, so that every part named is seen: a part's first slide, then each part's second…
            kept: dict[str, None] = {}
            for turn in range(max(map(len, named))):
                for keys in named:
                    if turn < len(keys) and len(kept) < room:
                        kept.setdefault(keys[turn])
            return set(kept)
        ranks: list[list[Unit]] = [[] for _ in range(len(PRIORITY) + 1)]
        rank = {name: n for n, name in enumerate(PRIORITY)}
        for unit in showable:
            ranks[min((rank[n] for n in unit.names if n in rank), default=len(PRIORITY))].append(unit)
        return {u.key for u in [u for ranked in ranks for u in ranked][:room]}

    def distinct(self, units: list[Unit], main: list[Planned], backup: list[Planned]
                 ) -> tuple[list[Planned], list[Planned]]:
        """Main and backup without a slide whose body another already shows (said once, at its second place)."""
        paths = {u.key: u.path for u in units}
        seen: dict[str, str] = {}
        kept: list[list[Planned]] = [[], []]
        for n, slides in enumerate((main, backup)):
            for planned in slides:
                planned = self.once(planned, paths.get(planned.key, ()))
                body = " ".join(" ".join(f"{text_of(i.spans)} {i.badge or ''}".split())
                                for i in planned.items if not i.link)
                if body and body in seen:
                    self.findings.append((paths.get(planned.key, ()), f"shows what the slide "
                                                                      f"\u201c{seen[body]}\u201d shows; the deck "
                                                                      "shows it once: say it in one place"))
                    continue
                if body:
                    seen[body] = planned.title
                kept[n].append(planned)
        return kept[0], kept[1]

    def titled(self, main: list[Planned], backup: list[Planned]) -> tuple[list[Planned], list[Planned]]:
        """No two slides with one title (a screen reader lists slides by title): a title said again is numbered."""
        seen: dict[str, int] = {}
        out: list[list[Planned]] = [[], []]
        for n, slides in enumerate((main, backup)):
            for planned in slides:
                count = seen[planned.title] = seen.get(planned.title, 0) + 1
                out[n].append(replace(planned, title=self.words.again.format(title=planned.title, number=count))
                              if count > 1 and planned.title else planned)
        return out[0], out[1]

    def once(self, planned: Planned, path: FieldPath) -> Planned:
        """``planned`` without a point it has already made (a label may come again, in another column)."""
        seen: set[tuple[str, str | None]] = set()
        columns = []
        for column in planned.columns:
            kept = []
            for item in column:
                point = (" ".join(text_of(item.spans).split()), item.badge)
                if point in seen and not item.heading:
                    continue
                seen.add(point)
                kept.append(item)
            columns.append(tuple(kept))
        if sum(map(len, columns)) == len(planned.items):
            return planned
        self.findings.append((path, f"says the same point twice on the slide \u201c{planned.title}\u201d; the deck "
                                    "shows it once: say it in one place"))
        return replace(planned, columns=tuple(columns))

    def merged(self, slides: list[Planned], limit: int | None = None) -> list[Planned]:
        """Slides with the slide of one short item next to them taken in, under its title as a label: it goes on
        the slide before it, or takes the slide after it. Two parts to a slide at most, a judgment's and a
        figure's slides kept to themselves, and, on main slides, the ``limit`` of words kept."""
        out: list[Planned] = []
        for planned in slides:
            before = out[-1] if out else None
            if before is not None and self.joinable(before, planned, limit):
                label = Item((Span(planned.title, bold=True),), bullet=False, heading=True, notes=planned.notes)
                out[-1] = replace(before, title=self.words.merged.format(first=before.title, second=planned.title),
                                  columns=((*before.items, label, *planned.items),),
                                  aliases=(*before.aliases, planned.key, *planned.aliases))
                continue
            out.append(planned)
        return out

    def joinable(self, first: Planned, second: Planned, limit: int | None) -> bool:
        def text(p: Planned) -> bool:
            # A main slide titled with its message keeps it to itself.
            apart = ("key_judgments", "summary", "scenarios", "analogies") if limit else ("key_judgments",)
            return p.layout == CONTENT and not (p.figure or p.picture or p.table) and not p.aliases \
                and not p.key.startswith(apart)

        def short(p: Planned) -> bool:
            shown = [i for i in p.items if not i.link]
            return len(shown) == 1 and _item_words(shown[0]) <= SHORT_WORDS

        return text(first) and text(second) and (short(first) or short(second)) and (
            limit is None or slide_words(first) + slide_words(second) + words(second.title) <= limit)

    def linked(self, planned: Planned, backup: set[str]) -> Planned:
        """A main slide without links to details the backup does not hold."""
        items = tuple(i for i in planned.items if not i.link or i.link in backup)
        return replace(planned, columns=(items,)) if len(items) != len(planned.items) else planned

    def spoken(self, main: list[Planned]) -> list[Planned]:
        """Each main slide's notes without what the slide shows, then where the talk goes next; the brief's
        own questions after the last, for the discussion."""
        out = []
        for n, planned in enumerate(main):
            shown_runs = runs_of(slide_text(planned))  # once a slide: a bottom line of many judgments is long
            kept = [line for line in planned.notes.split("\n")
                    if line and (line.startswith(self.words.if_asked.split("{")[0])
                                 or repeated_share(line, shown_runs) < REPEAT_SHARE)]
            if n + 1 < len(main):
                kept.append(self.words.next.format(title=main[n + 1].title))
            else:
                kept += [self.asked(q) for q in self.brief.questions]
                kept.append(self.words.then_backup)
            out.append(replace(planned, notes="\n".join(kept)))
        return out

    # --- what the presenter says -----------------------------------------------------------

    def say(self, text: str) -> str:
        return self.speaker.say(text)

    def points(self, *texts: str) -> list[str]:
        """Talking points: each sentence of ``texts`` spoken, a line each."""
        return [f"\u2022 {s}" for text in texts for s in sentences(self.say(text))]

    def asked(self, question) -> str:
        return self.words.if_asked.format(question=self.say(question.question), answer=self.say(question.answer))

    def own(self, part) -> list[str]:
        """The analyst's own notes for the slide that shows ``part``, and the questions it raises."""
        return [self.asked(q) for q in part.questions] + ([self.say(part.notes)] if part.notes else [])

    def item(self, text: str, **settings) -> Item:
        """A point as a backup slide shows it, spoken whole in its notes (the backup is read, not presented)."""
        return Item(self.speaker.shown(text), notes=settings.pop("notes", None) or self.say(text), **settings)

    # --- main slides ------------------------------------------------------------------------

    def condensed(self, title: str, points: list[_Point], *, fixed: tuple[Item, ...] = (), notes: list[str],
                  key: str, link: str = "", always: bool = False) -> Planned:
        """A main slide of ``points`` within MAIN_WORDS: each cut to its first sentences or clauses, the longest
        first, as far as needed; points that still do not fit are left to the backup. What is cut is spoken, and
        the slide links to ``link``, the backup's slide of them whole, when something was cut (or ``always``)."""
        room = MAIN_WORDS - sum(_item_words(i) for i in fixed) - (words(self.details_link(link)) if link else 0)
        lead = [words(text_of(p.lead)) + (words(p.badge) if p.badge else 0) for p in points]
        # The points whose shortest forms fit at all, in order: at most MAIN_WORDS of them.
        kept, used = [], 0
        for n, point in enumerate(points):
            least = lead[n] + words(text_of(point.forms[-1][0]))
            if used + least > room:
                break
            kept.append(n)
            used += least
        choice = {n: 0 for n in kept}
        count = {n: lead[n] + words(text_of(points[n].forms[0][0])) for n in kept}
        total = sum(count.values())
        while total > room:
            shorter = [n for n in kept if choice[n] + 1 < len(points[n].forms)]
            if not shorter:  # the fixed items alone are over: nothing of the points is shown
                break
            longest = max(shorter, key=count.get)
            choice[longest] += 1
            total -= count[longest]
            count[longest] = lead[longest] + words(text_of(points[longest].forms[choice[longest]][0]))
            total += count[longest]
        items, said = list(fixed), []
        for n, point in enumerate(points):
            if n in choice:
                shown_spans, rest = point.forms[choice[n]]
                items.append(Item((*point.lead, *shown_spans), point.bullet, point.badge))
                if rest:  # the rest of a point cut short: a sentence of its own
                    spoken = self.say_spans(rest)
                    said.append(f"\u2022 {spoken[:1].upper()}{spoken[1:]}")
            else:
                said.append(f"\u2022 {self.say_spans((*point.lead, *point.forms[0][0]))}")
        if link and (always or len(choice) < len(points) or said):
            items.append(self.link_item(link))
        return Planned(CONTENT, title, (tuple(items),), notes="\n".join(notes + said), key=key, main=True)

    def say_spans(self, spans: Inline) -> str:
        return " ".join(text_of(spans).split())

    def details_link(self, key: str) -> str:
        label = self.words.basis_link if key.startswith("key_judgments") else self.words.details_link
        return label.format(number=LINK_NUMBER)

    def link_item(self, key: str) -> Item:
        return Item((Span(self.details_link(key), italic=True),), bullet=False, link=key)

    def point(self, text: str, *, bullet: bool = True, badge: str | None = None, lead: Inline = ()) -> _Point:
        return _Point(tuple(forms(self.speaker.shown(text))), bullet, badge, lead)

    # --- the parts ----------------------------------------------------------------------

    def summary(self) -> list[Unit]:
        """Main: the judgments' headlines, numbered, with their estimates; the summary's own words are spoken."""
        brief, words_ = self.brief, self.words
        judgments = brief.key_judgments
        items = []
        for n, kj in enumerate(judgments, 1):
            title = self.headline(n - 1)
            low, high = kj.likelihood.range
            # A headline that says its term ("will likely") is given its range alone.
            said = any(term is kj.likelihood for term, _ in terms_in(title))
            estimate = unbroken_ranges(f" ({low}\u2013{high}%)" if said
                                       else f" \u2014 {kj.likelihood.value} ({low}\u2013{high}%)")
            items.append(Item((Span(title), Span(estimate, bold=True)), bullet=False, number=n))
        items.append(Item((Span(self.confidences(), italic=True),), bullet=False))
        heading = self.outline.heading("summary")
        notes = self.points(*brief.summary)
        if brief.cutoff_note:  # said with the date it explains
            notes.append(f"\u2022 {cutoff_line(self.outline)}. {self.say(brief.cutoff_note)}")
        full = Planned(CONTENT, heading, (tuple(self.item(p, bullet=False) for p in brief.summary),),
                       key="summary")
        main = Planned(CONTENT, heading, (tuple(items),), notes="\n".join(notes), key="summary", main=True)
        room = (MAIN_WORDS - words(text_of(items[-1].spans))) // len(judgments) - 2
        return [Unit("summary", ("summary",), ("summary",), main, (full,),
                     too_long=words_.shorter_headlines.format(words=max(room, 1)))]

    def confidences(self) -> str:
        """The judgments' confidence in one line: "Low confidence throughout", or "Low confidence; moderate on
        judgment 4"."""
        judgments = self.brief.key_judgments
        levels: dict = {}
        for n, kj in enumerate(judgments, 1):
            levels.setdefault(kj.confidence, []).append(str(n))
        usual = max(levels, key=lambda level: len(levels[level]))
        if len(levels) == 1:
            return self.words.confidence_throughout.format(confidence=usual.label.capitalize())
        return "; ".join([usual.label.capitalize()] + [
            self.words.confidence_on.format(confidence=level.value, numbers=", ".join(numbers))
            for level, numbers in levels.items() if level is not usual])

    def headline(self, index: int) -> str:
        """Judgment ``index``'s slide title: its headline, or its statement if short, or shortened; a finding
        when the statement had to be shortened."""
        kj = self.brief.key_judgments[index]
        if kj.headline:
            return plain(kj.headline).rstrip(".")
        text, shortened = headline(kj.statement)
        if shortened and index not in self.shortened:
            self.shortened.add(index)
            self.findings.append((("key_judgments", index, "statement"),
                                  f"has no headline and {words(plain(kj.statement))} words, more than a slide title's "
                                  f"{HEADLINE_WORDS}; the deck "
                                  + (f"shortens it to \u201c{text}\u201d" if text else
                                     f"titles it \u201c{self.words.judgment.format(number=index + 1)}\u201d")
                                  + f": give it `headline:`, its message in at most {HEADLINE_WORDS} words"))
        return text or self.words.judgment.format(number=index + 1)

    def key_judgments(self) -> list[Unit]:
        """A main slide per judgment titled with its message; its basis spoken and in the backup."""
        units = []
        for index, kj in enumerate(self.brief.key_judgments):
            number = index + 1
            key = f"key_judgments.{index}"
            title = self.headline(index)
            estimate = estimate_label(kj.likelihood, kj.confidence)
            badge = f"{self.words.judgment.format(number=number)} \u00b7 {unbroken_ranges(estimate)}"
            statement = plain(kj.statement).strip().rstrip(".")
            points = [] if statement == title else [self.point(kj.statement, bullet=False)]
            held = kj.scenarios
            extra = []
            if held:
                extra.append(self.point(self.words.holds_in.format(scenarios=", ".join(
                    f"S{self.scenario_numbers[name]} {name}" for name in held)), bullet=False))
            basis_of_confidence = kj.confidence_basis
            if basis_of_confidence:
                extra.append(_Point(tuple(forms((Span(self.words.confidence_basis, italic=True),
                                                 *self.speaker.shown(basis_of_confidence)))), bullet=False))
            fixed = (Item((), bullet=False, badge=badge),) if not points else ()
            if points:
                points[0] = replace(points[0], badge=badge)
            low, high = kj.likelihood.range
            notes = [self.words.judgment_said.format(number=number, likelihood=kj.likelihood.value, low=low,
                                                     high=high, confidence=kj.confidence.label)]
            notes += self.points(kj.basis) + self.own(kj)
            main = self.condensed(title, points + extra, fixed=fixed, notes=notes, key=key,
                                  link=f"{key}.basis", always=True)
            # The statement, its estimate, basis and reasons in full: what a question on the judgment needs.
            items = [Item(self.speaker.shown(kj.statement), badge=unbroken_ranges(estimate), heading=True,
                          notes=f"{self.words.judgment.format(number=number)}: {self.say(kj.statement)} {estimate}. "
                                f"{self.words.basis}{self.say(kj.basis)}" + "".join(f"\n{line}" for line in self.own(kj))),
                     Item((Span(self.words.basis, italic=True), *self.speaker.shown(kj.basis)), bullet=False,
                          continued=True)]
            if basis_of_confidence:
                items.append(Item((Span(self.words.confidence_basis, italic=True),
                                   *self.speaker.shown(basis_of_confidence)),
                                  bullet=False, continued=True))
            if held:
                items.append(Item((Span(self.words.holds_in.format(scenarios=", ".join(
                    f"S{self.scenario_numbers[name]} {name}" for name in held)), italic=True),),
                    bullet=False, continued=True))
            full = Planned(CONTENT, self.words.judgment_in_full.format(number=number), (tuple(items),),
                           key=f"{key}.basis")
            units.append(Unit(key, ("key_judgments",), ("key_judgments", index), main, (full,),
                              (_unsaid(full, self.own(kj)),)))
        return units

    def key_assumptions(self) -> list[Unit]:
        return self.listed("key_assumptions", self.brief.key_assumptions)

    def implications(self) -> list[Unit]:
        return self.listed("implications", self.brief.implications)

    def listed(self, part: str, points: list[str]) -> list[Unit]:
        """A part that is a list of points: a main slide of their gists, the backup's slide of them whole."""
        if not points:
            return []
        heading = self.outline.heading(part)
        full = Planned(CONTENT, heading, (tuple(self.item(p) for p in points),), key=f"{part}.full")
        title, shown = heading, [self.point(p) for p in points]
        said = sentences_of(self.speaker.shown(points[0])) if len(points) == 1 else []
        if len(said) > 1 and words(text_of(said[0])) <= HEADLINE_WORDS:
            # One point of several sentences ("The decision: …. (a) …. (b) …."): its first states the message,
            # as the slide's title, and the others are the slide's points.
            title = text_of(said[0]).rstrip(".")
            shown = [_Point(tuple(forms(sentence))) for sentence in said[1:]]
        main = self.condensed(title, shown, notes=[], key=part, link=f"{part}.full")
        return [self.unit(part, (part,), (part,), main, full)]

    def unit(self, key: str, names: tuple[str, ...], path: FieldPath, main: Planned, *full: Planned,
             said: list[str] = ()) -> Unit:
        """A unit whose main slide condenses ``full``: the backup holds it under its own title when main, without
        the lines ``said`` on the main slide (the analyst's own notes are said where the part is shown first)."""
        details = tuple(_unsaid(replace(p, title=self.words.in_full.format(title=p.title))
                                if p.title == main.title else p, said) for p in full)
        condensed = slide_words(main) < sum(slide_words(p) for p in full) or len(full) > 1
        return Unit(key, names, path, main, tuple(full), details if condensed else ())

    def context(self) -> list[Unit]:
        """The context's paragraphs; its timeline, drawn (or listed, when not drawn), a unit of its own."""
        context = self.brief.context
        heading = self.outline.heading("context")
        full = Planned(CONTENT, heading, (tuple(self.item(p, bullet=False) for p in context.paragraphs),),
                       key="context.full")
        main = self.condensed(heading, [self.point(p) for p in context.paragraphs], notes=[], key="context",
                              link="context.full")
        units = [self.unit("context", ("context",), ("context",), main, full)]
        events = sorted(context.timeline, key=lambda e: e.date)
        if drawn.has_data("timeline", self.brief):
            figure = self.figure("timeline", ("context", "timeline"))
            units.append(figure)
        elif events:
            listed = Planned(CONTENT, self.words.timeline, (tuple(
                Item((Span(e.date.display(), bold=True), Span(" \u2014 "), *self.speaker.shown(e.event)),
                     notes=f"{e.date.display()}: {self.say(e.event)}") for e in events),), key="timeline.full")
            main = self.condensed(self.words.timeline, [self.point(e.event, lead=(
                Span(e.date.display(), bold=True), Span(" \u2014 "))) for e in events], notes=[], key="timeline",
                link="timeline.full")
            units.append(self.unit("timeline", ("context", "timeline"), ("context", "timeline"), main, listed))
        return units

    def figure(self, name: str, path: FieldPath) -> Unit:
        """A drawn figure's slide, main or backup alike, titled with its caption (the fitter draws it)."""
        caption = {"timeline": self.words.timeline_figure, "actor_map": self.words.actor_map_figure,
                   "likelihood_scale": self.words.likelihood_figure}[name]
        planned = Planned(CONTENT, caption, (), figure=name, key=name)
        return Unit(name, (path[0], name), path, planned, (planned,))

    def actors(self) -> list[Unit]:
        brief, words_ = self.brief, self.words
        heading = self.outline.heading("actors")
        items, points = [], []
        for actor in brief.actors:
            lead = (Span(actor.name, bold=True), Span(" \u2014 "))
            notes = (f"{actor.name} ({actor.kind}): {self.say(actor.role)} {words_.stance}: {self.say(actor.stance)}"
                     + (f" {words_.allies}{', '.join(actor.allies)}." if actor.allies else "")
                     + "".join(f" {q.speaker} {words_.said}: \u201c{self.say(q.text)}\u201d"
                               f"{self.speaker.attribution([Citation(q.source)])}." for q in actor.quotes)
                     + "".join(f"\n{line}" for line in self.own(actor)))
            items.append(Item((*lead, *self.speaker.shown(actor.stance)), notes=notes))
            points.append(self.point(actor.stance, lead=lead))
        full = Planned(CONTENT, heading, (tuple(items),), key="actors.full")
        main = self.condensed(heading, points, notes=[], key="actors", link="actors.full")
        units = [self.unit("actors", ("actors",), ("actors",), main, full)]
        if drawn.has_data("actor_map", brief):
            units.append(self.figure("actor_map", ("actors", "actor_map")))
        return units

    def signals(self) -> list[Unit]:
        brief, words_ = self.brief, self.words
        if not brief.signals:
            return []
        heading = self.outline.heading("signals")
        items = [self.item(s.what, notes=f"{self.say(s.what)} {words_.who}: {self.say(s.who)}. "
                                         f"{words_.where}: {self.say(s.where)}."
                                         + (f" {words_.when}: {s.when.display()}." if s.when else "")
                                         + f" {words_.why}: {self.say(s.why)}"
                                         + (f"\n{self.say(s.notes)}" if s.notes else ""))
                 for s in brief.signals]
        full = Planned(CONTENT, heading, (tuple(items),), key="signals.full")
        main = self.condensed(heading, [self.point(s.what) for s in brief.signals], notes=[], key="signals",
                              link="signals.full")
        return [self.unit("signals", ("signals",), ("signals",), main, full)]

    def analogies(self) -> list[Unit]:
        """Each analogy: what happened, the parallel and where it breaks down, side by side in the backup."""
        words_ = self.words
        units = []
        for n, a in enumerate(self.brief.analogies):
            title = words_.analogy.format(case=a.case)

            def label(text: str, notes: str = "") -> Item:
                return Item((Span(text, bold=True),), bullet=False, heading=True, notes=notes)

            intro = (words_.analogies_intro + "; ".join(f"{x.case} ({x.period})" for x in self.brief.analogies)
                     + ".") if n == 0 else ""
            full = Planned(TWO_CONTENT, title, (
                (label(words_.what_happened, f"{a.case}, {a.period}."
                       + (f"\n{self.say(a.notes)}" if a.notes else "")), self.item(a.what_happened, bullet=False)),
                (label(words_.parallel), self.item(a.parallel, bullet=False),
                 label(words_.limits), self.item(a.limits, bullet=False)),
            ), notes=intro, key=f"analogies.{n}.full")
            main = self.condensed(title, [
                self.point(a.parallel, lead=(Span(words_.parallel + ": ", bold=True),), bullet=False),
                self.point(a.limits, lead=(Span(words_.limits + ": ", bold=True),), bullet=False)],
                notes=[f"{a.case}, {a.period}: {self.say(a.what_happened)}"], key=f"analogies.{n}",
                link=f"analogies.{n}.full")
            units.append(self.unit(f"analogies.{n}", ("analogies",), ("analogies", n), main, full))
        return units

    def alternatives(self) -> list[Unit]:
        """Competing explanations, each with what would show it and how likely we find it."""
        found = self.brief.alternatives
        if not found:
            return []
        heading = self.outline.heading("alternatives")

        def assessed(a) -> str:
            return a.assessment.label if isinstance(a.assessment, Likelihood) else plain(a.assessment)

        items = [Item(self.speaker.shown(a.explanation), badge=unbroken_ranges(assessed(a)),
                      notes=f"{self.say(a.explanation)} ({assessed(a)}). {self.words.would_show}: "
                            f"{self.say(a.would_show)}") for a in found]
        full = Planned(CONTENT, heading, (tuple(items),), key="alternatives.full")
        main = self.condensed(heading, [self.point(a.explanation, badge=unbroken_ranges(assessed(a)))
                                        for a in found], notes=[
            f"\u2022 {self.say(a.explanation)} {self.words.would_show}: {self.say(a.would_show)}" for a in found],
            key="alternatives", link="alternatives.full")
        return [self.unit("alternatives", ("alternatives",), ("alternatives",), main, full)]

    def outlook(self) -> list[Unit]:
        """The scenarios (titled with the likeliest), the likelihood scale, and the indicators."""
        future, words_ = self.brief.outlook, self.words
        likeliest = max(future.scenarios, key=lambda s: s.likelihood.range)
        title = plain(likeliest.headline).rstrip(".") if likeliest.headline else \
            words_.likeliest.format(name=likeliest.name)
        listed = [_Point((((Span(f"S{n} ", bold=True), Span(s.name, bold=True)), ()),),
                              badge=unbroken_ranges(s.likelihood.label))
                  for n, s in enumerate(future.scenarios, 1)]
        notes = self.points(*future.paragraphs) + [
            f"\u2022 S{n}, {s.name} ({s.likelihood.label}): {self.say(s.description)}"
            for n, s in enumerate(future.scenarios, 1)] + [line for s in future.scenarios for line in self.own(s)]
        full = Planned(CONTENT, words_.outlook_scenarios, (tuple(
            Item((Span(f"S{n} {s.name}", bold=True), Span(": "), *self.speaker.shown(s.description)),
                 badge=unbroken_ranges(s.likelihood.label),
                 notes=f"{s.name} ({s.likelihood.label}): {self.say(s.description)}"
                       + "".join(f"\n{line}" for line in self.own(s)))
            for n, s in enumerate(future.scenarios, 1)),),
            notes=" ".join(self.say(p) for p in future.paragraphs), key="scenarios.full")
        main = self.condensed(title, listed, notes=notes, key="scenarios", link="scenarios.full",
                              always=True)
        own = [line for s in future.scenarios for line in self.own(s)]
        units = [Unit("scenarios", ("outlook", "scenarios"), ("outlook", "scenarios"), main, (full,),
                      (_unsaid(full, own),))]
        if drawn.has_data("likelihood_scale", self.brief):
            units.append(self.figure("likelihood_scale", ("outlook", "likelihood_scale")))
        heading = words_.indicators
        indicators = Planned(CONTENT, heading, (tuple(self.indicator(i) for i in future.indicators),),
                             key="indicators.full")
        main = self.condensed(heading, [self.point(i.what, badge=(f"\u2192 {i.scenario}" if i.scenario else None))
                                        for i in future.indicators], notes=[], key="indicators",
                              link="indicators.full")
        units.append(self.unit("indicators", ("outlook", "indicators"), ("outlook", "indicators"), main, indicators))
        return units

    def indicator(self, watch: Indicator) -> Item:
        """What to watch, then what would count as seeing it and the scenario it points to."""
        spans = self.speaker.shown(watch.what)
        notes = self.say(watch.what)
        if watch.threshold:
            # The indicator runs in as a bold label before what would count as seeing it.
            label = [Span(s.text, True, s.italic, s.href) for s in spans]
            if label:
                label[-1] = Span(label[-1].text.rstrip(" .:"), True, label[-1].italic, label[-1].href)
            spans = (*label, Span(": "), *self.speaker.shown(watch.threshold))
            notes += f" {self.words.threshold}: {self.say(watch.threshold)}"
        baseline = watch.baseline
        if baseline:
            spans += (Span(f" {self.words.baseline}: ", italic=True), *self.speaker.shown(baseline))
            notes += f" {self.words.baseline}: {self.say(baseline)}"
        if watch.scenario:
            spans += (Span(f" \u2192 {watch.scenario}", italic=True),)
            notes += f" {self.words.points_to}: {watch.scenario}."
        return Item(spans, notes=notes)

    def section(self, section: Section) -> list[Unit]:
        """A free section: its text titled with its headline on a main slide; its table a slide of its own."""
        index = self.section_index[id(section)]
        path = ("sections", index)
        key = f"sections.{index}"
        title = plain(section.title)
        own_notes = self.own(section)
        planned = []
        if section.paragraphs or section.bullets or not section.table:
            planned.append(Planned(CONTENT, title, (tuple(
                [self.item(p, bullet=False) for p in section.paragraphs] + [self.item(b) for b in section.bullets]),),
                notes="\n".join(own_notes), key=f"{key}.full"))
        if section.table:
            table = own_table(section)
            planned.append(Planned(CONTENT, table[3], (), table=table,
                                   key=f"{key}.full" if not planned else f"{key}.table"))
        given = section.headline
        main = self.condensed(plain(given).rstrip(".") if given else title,
                              [self.point(p, bullet=False) for p in section.paragraphs]
                              + [self.point(b) for b in section.bullets],
                              notes=own_notes, key=key, link=f"{key}.full")
        return [self.unit(key, (section.title, "sections"), path, main, *planned, said=own_notes)]

    def picture(self, picture: Picture) -> list[Unit]:
        index = self.picture_index[id(picture)]
        planned = Planned(CONTENT, plain(picture.caption), (), picture=picture, key=f"images.{index}")
        return [Unit(f"images.{index}", ("images",), ("images", index), planned, (planned,))]

    def editor_notes(self) -> list[Unit]:
        """Every correction whole, continued on as many backup slides as it takes."""
        notes = self.brief.editor_notes
        if not notes:
            return []
        title = self.words.corrections
        full = Planned(CONTENT, title, (tuple(self.item(n) for n in notes),), key="editor_notes.full")
        main = self.condensed(title, [self.point(n) for n in notes], notes=[], key="editor_notes",
                              link="editor_notes.full")
        return [self.unit("editor_notes", ("editor_notes",), ("editor_notes",), main, full)]

    def sources(self) -> list[Unit]:
        """The sources in full, each with its reliability grade where the analyst gave one."""
        heading = self.outline.heading("sources")
        items = []
        for source in self.brief.sources:
            grade = source.reliability
            badge = self.words.reliability.format(grade=grade.value, meaning=grade.meaning) if grade else None
            note = source.reliability_note
            items.append(Item(_linked_reference(source), badge=badge,
                              notes=text_of(reference(source)) + (f" {self.say(note)}" if note else "")))
        full = Planned(CONTENT, heading, (tuple(items),), key="sources.full")
        main = self.condensed(heading, [_Point(((_linked_reference(s), ()),)) for s in self.brief.sources],
                              notes=[], key="sources", link="sources.full")
        return [self.unit("sources", ("sources",), ("sources",), main, full)]

    def authors(self) -> list[Unit]:
        """Who wrote the brief, for a question about it: the title slide names them, this says more."""
        authors = [a for a in self.brief.authors if a.bio]
        if not authors:
            return []
        heading = self.outline.heading("authors")
        items = tuple(Item((Span(a.name, bold=True), Span(" \u2014 "), *self.speaker.shown(a.bio)),
                           notes=f"{a.name}: {self.say(a.bio)}") for a in authors)
        full = Planned(CONTENT, heading, (items,), key="authors.full")
        main = self.condensed(heading, [self.point(a.bio, lead=(Span(a.name, bold=True), Span(" \u2014 ")))
                                        for a in authors], notes=[], key="authors", link="authors.full")
        return [self.unit("authors", ("authors",), ("authors",), main, full)]

    def publication(self) -> list[Unit]:
        """How to cite a published brief and its licence: for whoever asks, or may pass the deck on."""
        if not self.brief.published:
            return []
        shown = [spans for spans in (citation(self.brief, self.words), licence_notice(self.brief, self.words))
                 if spans]
        full = Planned(CONTENT, self.outline.heading("publication"), (tuple(
            Item(spans, bullet=False, notes=text_of(spans)) for spans in shown),), key="publication")
        return [Unit("publication", ("publication",), ("publication",), None, (full,))]

    def questions(self) -> list[Unit]:
        """The questions the room will ask: on a main slide when the analyst wants one, else spoken at the end."""
        asked = self.brief.questions
        if not asked:
            return []
        main = self.condensed(self.words.questions, [self.point(q.question) for q in asked],
                              notes=[f"\u2022 {self.say(q.question)} {self.say(q.answer)}" for q in asked],
                              key="questions")
        return [Unit("questions", ("questions",), ("questions",), main, ())]


def _unsaid(planned: Planned, said: list[str]) -> Planned:
    """``planned`` without the lines ``said`` in its notes and its items' notes."""
    def cut(notes: str) -> str:
        return "\n".join(line for line in notes.split("\n") if line not in said)

    if not said:
        return planned
    return replace(planned, notes=cut(planned.notes), columns=tuple(
        tuple(replace(i, notes=cut(i.notes)) for i in column) for column in planned.columns))


def _linked_reference(source: Source) -> Inline:
    """A source as the slide shows it: the reference with its address behind the title, not spelled out."""
    spans = [s for s in reference(source) if not (s.href and s.href == source.url and not s.italic)]
    spans = [Span(s.text, s.bold, s.italic, source.url if s.italic and source.url else s.href) for s in spans]
    if spans:
        spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].bold, spans[-1].italic, spans[-1].href)
    return tuple(spans)
