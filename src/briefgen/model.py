"""The brief's domain model: the parts of an analytic argument, validated, and nothing about formats."""

# No `from __future__ import annotations`: the loader reads these annotations as objects,
# which is cheaper at start-up than evaluating their text (see parts.py).

import re
from functools import total_ordering
from datetime import date
from typing import Annotated, Any, Iterator, Literal, get_args

from .estimative import Confidence, Likelihood, Reliability
from .licences import Licence, licence as _licence
from .marking import Tlp
from .parts import Before, FieldPath, Length, Parse, Part, Pattern, Range
from .value import Value

# Tab and newline are ordinary text; every other C0/C1 control character is
# invisible to a reader, breaks XML in .docx/.pptx, and is almost always debris
# from a paste, so it is refused where it is written rather than guessed at.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")


def _clean_text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    found = _CONTROL.search(value)
    if found:
        raise ValueError(
            f"contains the unprintable character U+{ord(found.group()):04X} at position {found.start() + 1}; "
            "remove it (only tabs and line breaks are allowed)")
    # Folded YAML and pasted text carry stray line breaks; readers see one paragraph.
    return " ".join(value.split())


Text = Annotated[str, Before(_clean_text), Length(min=1)]
"""A run of prose with inline markup (see inline.py); never empty, no control characters."""

Name = Annotated[str, Before(_clean_text), Length(min=1, max=300)]
# Any id pandoc can cite (a bibliography's: "török2012", "Gel'fand1975", a CSL id that is a URL or DOI):
# no spaces or braces, which end a citation.
SourceId = Annotated[str, Pattern(r"^[^\s{}]+$"), Length(max=500)]
Url = Annotated[str, Pattern(r"^https?://\S+$"), Length(max=2000)]


# The years a brief's own date may have: it is stamped into every product, and a ZIP archive (.docx,
# .pptx) stores dates from 1980 to 2107 (an earlier moment from SOURCE_DATE_EPOCH is stamped as 1980).
FIRST_STAMP_YEAR, LAST_STAMP_YEAR = 1980, 2107


@total_ordering
class PartialDate(Value):
    """An ISO 8601 calendar date that may stop at the year or the month (1980, 1991-12, 2021-08-15)."""

    year: int
    month: int | None = None
    day: int | None = None

    _PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

    @classmethod
    def parse(cls, value: Any) -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        match = cls._PATTERN.match(value) if isinstance(value, str) else None
        if not match:
            raise ValueError(f"expected an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            date(year, month or 1, day or 1)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a calendar date: {exc}") from None
        return cls(year, month, day)

    def __lt__(self, other: "PartialDate") -> bool:
        # A date of lower precision sorts before the more precise dates inside it.
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def display(self) -> str:
        """The reader's style: "2 November 2022", "December 1991", "1980"."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)


Date = Annotated[PartialDate, Parse(PartialDate.parse)]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Paragraphs = Annotated[list[Text], Before(_as_list), Length(min=1)]
"""One paragraph as a string, or several as a list."""


def _tlp(value: Any) -> Any:
    if isinstance(value, str):
        label = value.strip().upper()
        return label if label.startswith("TLP:") else f"TLP:{label}"
    return value


def _likelihood(value: Any) -> Any:
    return " ".join(value.lower().replace("_", " ").split()) if isinstance(value, str) else value


def _confidence(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip().lower()
        return value.removesuffix(" confidence")
    return value


LikelihoodTerm = Annotated[Likelihood, Before(_likelihood)]
ConfidenceLevel = Annotated[Confidence, Before(_confidence)]
ReliabilityGrade = Annotated[Reliability, Parse(Reliability.parse)]

HEADLINE_WORDS = 15  # a slide title a room reads at a glance


def _headline(value: Any) -> Any:
    if isinstance(value, str) and len(value.split()) > HEADLINE_WORDS:
        raise ValueError(f"has {len(value.split())} words; a headline is the slide's title, at most "
                         f"{HEADLINE_WORDS} words: say the message, and leave the detail to the statement")
    return value


Headline = Annotated[Text, Before(_headline)]
"""A short message (at most 15 words): the title of the slide that shows its part."""

# An indicator's handle, by which an alternative explanation names what would show it.
IndicatorId = Annotated[str, Pattern(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"), Length(max=100)]


class Question(Part):
    """A question the room is likely to ask, with the answer to give: for the presenter, not the page."""

    question: Text
    answer: Text



class Author(Part):
    name: Name
    role: Text | None = None
    bio: Text | None = None


class KeyJudgment(Part):
    statement: Text
    likelihood: LikelihoodTerm
    confidence: ConfidenceLevel
    basis: Text
    confidence_basis: Text | None = None  # why this confidence: the sources' quality, the reasoning's strength
    scenarios: list[Name] = []  # the outlook's scenarios in which the judgment holds (checked by the loader)
    headline: Headline | None = None
    questions: list[Question] = []
    notes: Text | None = None  # the presenter's own speaker notes for the slide that shows this


class Event(Part):
    """A dated entry on the context timeline."""

    date: Date
    event: Text


class Context(Part):
    paragraphs: Paragraphs
    timeline: list[Event] = []


class Quote(Part):
    """Somebody's own words, always with who said them and where it is recorded."""

    text: Text
    speaker: Name
    source: SourceId
    note: Text | None = None


class Actor(Part):
    name: Name
    kind: Name
    role: Text
    stance: Text
    allies: list[Name] = []
    quotes: list[Quote] = []
    questions: list[Question] = []
    notes: Text | None = None  # the presenter's own speaker notes for the slide that shows this


class Signal(Part):
    """One secessionist signal: what was said or done, by whom, where, when, and why it matters."""

    what: Text
    who: Text
    where: Text
    when: Date | None = None
    why: Text
    notes: Text | None = None  # the presenter's own speaker notes for the slide that shows this


class Analogy(Part):
    case: Name
    period: Name
    what_happened: Text
    parallel: Text
    limits: Text
    notes: Text | None = None  # the presenter's own speaker notes for the slide that shows this


class Scenario(Part):
    name: Name
    description: Text
    likelihood: LikelihoodTerm
    headline: Headline | None = None
    questions: list[Question] = []
    notes: Text | None = None  # the presenter's own speaker notes for the slide that shows this


class Indicator(Part):
    """Something to watch: what, what would count as seeing it, and the scenario it points to."""

    what: Text
    threshold: Text | None = None
    scenario: Name | None = None  # the name of one of the outlook's scenarios
    baseline: Text | None = None  # where it stands now, so a reader can tell a change
    id: IndicatorId | None = None  # how an alternative explanation names it (checked by the loader)


def _indicator(value: Any) -> Any:
    # A plain-text indicator is still valid; the analytic checks ask for its threshold and scenario.
    return {"what": value} if isinstance(value, str) else value


class Outlook(Part):
    paragraphs: list[Text] = []
    scenarios: Annotated[list[Scenario], Length(min=1)]
    # Declared when the scenarios exclude one another and cover every outcome: their ranges must admit 100%.
    mutually_exclusive: bool = False
    indicators: Annotated[list[Annotated[Indicator, Before(_indicator)]], Length(min=1)]


class Source(Part):
    id: SourceId
    title: Text
    author: Name | None = None
    publisher: Name | None = None
    date: Date | None = None
    url: Url | None = None
    short: Name | None = None  # how speaker notes name it ("Jami 2022"); by default its author and year
    reliability: ReliabilityGrade | None = None  # the Admiralty grade, A (completely reliable) to F
    reliability_note: Text | None = None  # why that grade


class Alternative(Part):
    """A competing explanation of the evidence (ICD 203 Standard 4): what would show it, and how likely it is."""

    explanation: Text
    would_show: Text  # what we would see if the explanation were true
    # An ICD 203 term when it is one ("unlikely"), else the analyst's own words.
    assessment: LikelihoodTerm | Text
    indicators: list[IndicatorId] = []  # the ids of the outlook's indicators that would show it (checked by the loader)


class Meeting(Part):
    """The meeting the deck is made for: how long it lasts, and the parts the analyst wants on main slides."""

    minutes: Annotated[int, Range(ge=1, le=240)]
    main: list[Name] = []  # part names (checked by the loader against MAIN_PARTS and the sections' titles)


PartName = Literal["summary", "key_judgments", "key_assumptions", "context", "actors", "signals", "analogies",
                   "alternatives", "outlook", "implications"]


class OwnTable(Part):
    """The analyst's own table: a header row, rows as long as it (checked by the loader), an optional caption."""

    header: Annotated[list[Text], Length(min=1)]
    rows: Annotated[list[list[Text]], Length(min=1)]
    caption: Text | None = None


class Section(Part):
    """A free-form section for anything the typed parts do not hold."""

    title: Name
    paragraphs: list[Text] = []
    bullets: list[Text] = []
    table: OwnTable | None = None
    after: PartName = "outlook"
    headline: Headline | None = None
    questions: list[Question] = []
    notes: Text | None = None  # the presenter's own speaker notes for the slide that shows this


class Picture(Part):
    """The analyst's own image: a PNG or JPEG in the content file's folder (the loader checks and resolves it)."""

    image: Annotated[str, Length(min=1, max=1000)]
    caption: Text
    alt: Text  # what the image shows, for readers who cannot see it; required
    credit: Text | None = None
    after: PartName = "outlook"


class FigureChoice(Part):
    """Which figures drawn from the brief's own data it shows: each is on unless set to false."""

    timeline: bool = True
    likelihood_scale: bool = True
    actor_map: bool = True


def _number(value: Any) -> Any:
    # A series number or a version is a label ("12", "2022/4", "1.10"), though YAML reads a bare 12 or 1.10
    # as a number: the loader keeps how the file wrote it.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return getattr(value, "written", str(value))
    return value


class Series(Part):
    """The publication series a brief appears in, and its number there."""

    name: Name
    number: Annotated[Name, Before(_number)] | None = None


# A DOI as the DOI Handbook writes it (10.prefix/suffix), without the resolver's address.
Doi = Annotated[str, Before(lambda v: v.strip().removeprefix("https://doi.org/").removeprefix("doi:")
                            if isinstance(v, str) else v),
                Pattern(r"^10\.\d{4,9}/\S+$"), Length(max=300)]


class Brief(Part):
    """One analytic brief: metadata, then the argument from bottom line to sources."""

    title: Name
    subtitle: Text | None = None
    short_title: Name | None = None
    date: Date
    organisation: Name
    authors: Annotated[list[Author], Length(min=1)]
    marking: Annotated[Tlp, Before(_tlp)] = Tlp.CLEAR
    language: Annotated[str, Pattern(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en-GB"
    keywords: list[Name] = []
    information_cutoff: Date | None = None  # the newest information the brief rests on
    # What the cut-off means when the newest dated evidence is much older ("no reporting found after …").
    cutoff_note: Text | None = None
    page_budget: Annotated[int, Range(ge=1, le=500)] | None = None  # pages the PDF may run to
    # How the brief is published: its series, licence (an SPDX id), DOI and address, and how to cite it
    # (by default made from the authors, title, series, organisation, date and address).
    series: Series | None = None
    licence: Annotated[Licence, Parse(_licence)] | None = None
    doi: Doi | None = None
    url: Url | None = None
    citation: Text | None = None
    # The citation style: one briefgen ships by name ("chicago-note-bibliography", "apa", "harvard-cite-them-right")
    # or a .csl file beside the content file (the loader resolves it); the theme's, else Chicago, by default.
    csl: Annotated[str, Length(min=1, max=1000)] | None = None
    # A draft is marked as one on every page and slide, with its version and date; a final brief goes out
    # with no open warning (it is held to --strict). Without a status, neither.
    status: Literal["draft", "final"] | None = None
    version: Annotated[Name, Before(_number)] | None = None  # "0.3", "2nd draft"

    summary: Paragraphs
    key_judgments: Annotated[list[KeyJudgment], Length(min=1)]
    key_assumptions: list[Text] = []  # what the judgments take for granted: if one fails, they must be revisited
    context: Context
    actors: Annotated[list[Actor], Length(min=1)]
    signals_title: Name = "Signals"  # the heading of `signals`, e.g. "Secessionist signals"
    signals: list[Signal] = []
    analogies: list[Analogy] = []
    alternatives: list[Alternative] = []  # competing explanations of the evidence
    outlook: Outlook
    implications: list[Text] = []  # the "so what": who should do or watch what
    sections: list[Section] = []
    images: list[Picture] = []
    figures: FigureChoice = FigureChoice()
    editor_notes: list[Text] = []
    meeting: Meeting | None = None
    questions: list[Question] = []  # the questions likely in the meeting, for the speaker notes
    # CSL-JSON or BibTeX files beside the content file; the loader merges their entries into `sources`.
    bibliography: Annotated[list[str], Before(_as_list)] = []
    sources: Annotated[list[Source], Length(min=1)]

    @property
    def running_title(self) -> str:
        return self.short_title or self.title

    @property
    def published(self) -> bool:
        """Whether the brief gives any publication detail: then it shows how to cite it and its licence."""
        return any((self.series, self.licence, self.doi, self.url, self.citation))

    @property
    def address(self) -> str | None:
        """Where a reader finds the brief: its DOI as a link, else its URL."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    @property
    def author_names(self) -> str:
        return ", ".join(a.name for a in self.authors)


# The names `meeting.main` takes besides a section's title: the parts, and the figures and tables
# a deck may show on a slide of their own.
MAIN_PARTS: tuple[str, ...] = (*get_args(PartName), "timeline", "actor_map", "likelihood_scale", "scenarios",
                               "indicators", "questions", "editor_notes", "sources", "authors")


# Fields whose values are identifiers or vocabulary, not prose a reader sees as written.
_NOT_PROSE = frozenset({"id", "url", "date", "when", "language", "marking", "likelihood", "confidence", "after",
                        "information_cutoff", "scenario", "bibliography", "image",
                        "figures", "reliability", "minutes", "licence", "doi", "csl", "status",
                        "version"})


def text_fields(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every prose string in a brief, or in the loader's plain data, with the path to its field."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_PROSE:
                yield from text_fields(item, path + (key,))
    elif isinstance(value, Part):
        for key in value._defaults:
            if key not in _NOT_PROSE:
                yield from text_fields(getattr(value, key), path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from text_fields(item, path + (i,))


def dotted(path: FieldPath) -> str:
    """A field path as users write it: ``key_judgments[0].likelihood``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
