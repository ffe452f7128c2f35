"""The brief's outline: its parts in reading order, where free sections go, and every label a reader sees.

Both layouts take their structure and their words from here — document.py (the Word brief
and the PDF) and deck.py (the slides and their speaker notes) — so renaming a heading,
moving a part or translating a label is one edit, and the three products cannot disagree.

Labels come in one table per language, keyed by the primary subtag of the brief's
``language`` ("en-GB" → "en"). A new language is one more dict in ``LABELS``; a key it
leaves out falls back to English.
"""

from __future__ import annotations

from typing import Callable, TypeVar, get_args

from ..model import Brief, PartName, Picture, Section
from ..value import Value, fields

# The argument in the order an analyst reads it; a free section may follow any of these.
BODY: tuple[str, ...] = get_args(PartName)
# What closes the brief, after the argument and its free sections.
# How to cite a published brief and its licence close it, where a reader looks for them in a report.
CLOSING: tuple[str, ...] = ("editor_notes", "notes", "sources", "authors", "publication")


class Labels(Value):
    """Every fixed word a reader sees in any product. ``{…}`` fields are filled in by the layouts."""

    bottom_line: str
    key_judgments: str
    key_assumptions: str
    implications: str
    basis: str
    confidence_basis: str  # run in before a judgment's confidence_basis
    context: str
    timeline: str
    date: str
    event: str
    actors: str
    actor: str
    role: str
    stance: str
    allies: str
    own_words: str
    signal: str
    who_where: str
    why: str
    analogies: str
    case: str
    what_happened: str
    parallel: str
    limits: str
    alternatives: str
    explanation: str
    would_show: str
    assessment: str
    watch: str             # run in before the indicators that would show an alternative
    outlook: str
    scenarios: str
    scenario: str
    likelihood: str
    scenario_description: str
    indicators: str
    indicator: str
    threshold: str
    baseline: str
    points_to: str
    logo_alt: str          # a logo's alt text: "Logo of {organisation}"
    logo: str              # and that of a brief without an organisation
    cutoff: str            # on the title block: "Information cut-off: 2 November 2022"
    cutoff_note: str       # the cut-off run into what it means: "Information cut-off: 2 November 2022. No …"
    editor_notes: str
    corrections: str
    notes: str
    note_link: str         # a note mark's link as a screen reader announces it
    sources: str
    reliability: str       # after a source: "Reliability: B (usually reliable)"
    about_author: str
    about_authors: str
    table: str             # a caption's label: "Table 1. Actors"
    figure: str            # and a figure's: "Figure 1. Timeline of events, to scale"
    part: str              # after the caption of a figure in parts
    timeline_figure: str
    likelihood_figure: str
    actor_map_figure: str
    judgment_key: str      # the drawn figures' legends and words
    scenario_key: str
    ally_key: str
    reported_key: str
    also: str
    timeline_alt: str      # their alt text: what a reader who cannot see them is told
    likelihood_alt: str
    judgment_alt: str
    scenario_alt: str
    actor_map_alt: str
    ties_alt: str
    reported_alt: str
    caption: str
    page: str              # the running footer's page number
    category: str          # the products' category property
    # The deck's own titles and the presenter's words in its speaker notes.
    outlook_scenarios: str
    analogy: str
    continued: str
    continued_again: str   # the third slide of a part on: " (cont. {number})"
    backup_divider: str    # the slide between the meeting's slides and the backup
    backup_intro: str
    backup_notes: str
    judgment: str
    judgment_said: str     # how the notes open a judgment's slide
    judgment_in_full: str  # the backup slide of a judgment with its basis
    judgment_key_deck: str  # the likelihood scale's legend, as the slides number the judgments
    basis_link: str        # a main slide's link to its details in the backup
    details_link: str
    in_full: str           # a backup slide of what a main slide of the same title condenses
    merged: str            # a backup slide that takes in the short one after it
    again: str             # a slide whose title another slide already has
    likeliest: str         # the scenarios' slide, titled with the likeliest
    confidence_throughout: str
    confidence_on: str
    shorter_headlines: str  # what a bottom line's slide over the word limit asks of the analyst
    shorter_points: str
    holds_in: str
    reported_by: str       # a source named for the ear: "as reported by Jami in 2022"
    reported_in: str
    and_: str
    next: str              # the notes' transition to the next slide
    then_backup: str
    if_asked: str
    questions: str
    authors_line: str      # the title slide's byline
    who: str
    where: str
    when: str
    said: str
    cited: str
    handling: str
    prepared_by: str
    analogies_intro: str
    # How a published brief names itself (layout/publication.py), and a numbered copy's line.
    suggested_citation: str
    series_number: str     # after the series' name: "Policy Briefs no. 12"
    and_last: str          # before the last of several authors: "Doe, Jane, and John Smith"
    licence: str           # the licence notice, its address following as a link
    copy: str              # next to the marking on every page and slide of a numbered copy
    draft: str             # across every page and slide of a draft
    draft_version: str     # in a draft's footer, before its date
    draft_unversioned: str


ENGLISH = {
    "bottom_line": "Bottom line",
    "key_judgments": "Key judgments",
    "key_assumptions": "Key assumptions",
    "implications": "Implications for policy",
    "basis": "Basis: ",
    "confidence_basis": "Why this confidence: ",
    "context": "Context",
    "timeline": "Timeline",
    "date": "Date",
    "event": "Event",
    "actors": "Actors",
    "actor": "Actor",
    "role": "Role",
    "stance": "Stance",
    "allies": "Allies and backers: ",
    "own_words": "In their own words",
    "signal": "Signal",
    "who_where": "Who, and where",
    "why": "Why it matters",
    "analogies": "Historical analogies",
    "case": "Case",
    "what_happened": "What happened",
    "parallel": "The parallel",
    "limits": "Where it breaks down",
    "alternatives": "Alternative explanations",
    "explanation": "Explanation",
    "would_show": "What we would see if it were true",
    "assessment": "Our assessment",
    "watch": "Watch: ",
    "outlook": "Outlook",
    "scenarios": "Scenarios",
    "scenario": "Scenario",
    "likelihood": "Likelihood",
    "scenario_description": "What it would look like",
    "indicators": "Indicators to watch",
    "indicator": "Indicator",
    "threshold": "What would count",
    "baseline": "Baseline",
    "points_to": "Points to",
    "logo_alt": "Logo of {organisation}",
    "logo": "Logo",
    "cutoff": "Information cut-off: {date}",
    "cutoff_note": "{cutoff}. ",
    "editor_notes": "Editor's note",
    "corrections": "Corrections to the source",
    "notes": "Notes",
    "note_link": "Note {number}",
    "sources": "Sources",
    "reliability": "Reliability: {grade} ({meaning})",
    "about_author": "About the author",
    "about_authors": "About the authors",
    "table": "Table",
    "figure": "Figure",
    "part": " (part {part} of {parts})",
    "timeline_figure": "Timeline of events, to scale",
    "likelihood_figure": "Key judgments and scenarios on the ICD 203 likelihood scale",
    "actor_map_figure": "Actors by kind, with their allies and backers",
    "judgment_key": "Key judgment, numbered as in the text",
    "scenario_key": "Scenario: {name}",
    "ally_key": "ally or backer",
    "reported_key": "reported tie",
    "also": "also: ",
    "timeline_alt": "Timeline of {count} events from {first} to {last}: ",
    "likelihood_alt": "The seven ICD 203 likelihood bands from almost no chance to almost certain. ",
    "judgment_alt": "Key judgment {number}: {likelihood}",
    "scenario_alt": "Scenario S{number}, {name}: {likelihood}",
    "actor_map_alt": "Actors by kind: ",
    "ties_alt": "Ties: ",
    "reported_alt": " (reported)",
    "caption": "{label} {number}. {text}",
    "page": "Page {page} of {pages}",
    "category": "Analytic brief",
    "outlook_scenarios": "Outlook: scenarios",
    "analogy": "Analogy: {case}",
    "continued": " (cont.)",
    "continued_again": " (cont. {number})",
    "backup_divider": "Backup",
    "backup_intro": "For questions: the basis of each judgment, then the rest of the brief in its order.",
    "backup_notes": ("The backup: open it for a question. Each judgment's basis comes first, then the brief's "
                     "parts in the order the brief gives them."),
    "judgment": "Judgment {number}",
    "judgment_said": "Judgment {number}: we judge it {likelihood} ({low} to {high} per cent), with {confidence}.",
    "judgment_in_full": "Judgment {number}: basis and evidence",
    "judgment_key_deck": "Key judgment, numbered as on the slides",
    "basis_link": "Basis: slide {number}",
    "details_link": "Details: slide {number}",
    "in_full": "{title}: in full",
    "merged": "{first}; {second}",
    "again": "{title} ({number})",
    "likeliest": "Likeliest: {name}",
    "confidence_throughout": "{confidence} throughout",
    "confidence_on": "{confidence} on judgment {numbers}",
    "shorter_headlines": ("it shows the judgments' headlines: give each a headline of about {words} words, the "
                          "message without its qualifications"),
    "shorter_points": "shorten its points, or give it a headline",
    "holds_in": "Holds in {scenarios}",
    "reported_by": "as reported by {sources}",
    "reported_in": "{name} in {year}",
    "and_": " and ",
    "next": "Next: {title}.",
    "then_backup": "Then questions; the backup holds the details.",
    "if_asked": "If asked \u201c{question}\u201d: {answer}",
    "questions": "Questions we expect",
    "authors_line": "{authors}, {organisation}",
    "who": "Who",
    "where": "Where",
    "when": "When",
    "said": "said",
    "cited": "source",
    "handling": "Handling",
    "prepared_by": "Prepared by",
    "analogies_intro": ("Analogies the source draws on, each with what happened, the parallel it suggests and "
                        "where it breaks down: "),
    "suggested_citation": "Suggested citation",
    "series_number": " no. {number}",
    "and_last": ", and ",
    "licence": "Published under the {name} licence ({short}): ",
    "copy": "Copy {number} of {count} \u2014 {recipient}",
    "draft": "DRAFT",
    "draft_version": "Draft {version}",
    "draft_unversioned": "Draft",
}

LABELS: dict[str, dict[str, str]] = {"en": ENGLISH}

T = TypeVar("T")


def labels(language: str) -> Labels:
    """The labels for a BCP 47 ``language`` ("en-GB"), English where the language has no word of its own."""
    own = LABELS.get(language.split("-")[0].lower(), {})
    return Labels(**{name: own.get(name, ENGLISH[name]) for name in fields(Labels)})


class Outline(Value):
    """One brief's outline: its labels, the heading of each part, and the order parts and sections go in."""

    brief: Brief
    labels: Labels

    @classmethod
    def of(cls, brief: Brief) -> Outline:
        return cls(brief, labels(brief.language))

    def heading(self, part: str) -> str:
        """The heading a part is shown under, in every product."""
        if part == "signals":
            return self.brief.signals_title
        if part == "authors":
            many = len(self.brief.authors) > 1
            return self.labels.about_authors if many else self.labels.about_author
        if part == "publication":
            return self.labels.suggested_citation
        return getattr(self.labels, "bottom_line" if part == "summary" else part)

    @property
    def logo_alt(self) -> str:
        """What a logo says to a screen reader, wherever it is not an artifact: whose logo it is."""
        organisation = str(self.brief.organisation or "").strip()
        return self.labels.logo_alt.format(organisation=organisation) if organisation else self.labels.logo

    @property
    def watermark(self) -> str:
        """What is written across every page and slide: "DRAFT" for a draft, else nothing."""
        return self.labels.draft if self.brief.status == "draft" else ""

    @property
    def dated(self) -> str:
        """How the footer dates the brief: "2 November 2022", or for a draft "Draft 0.3 · 2 November 2022"."""
        date = self.brief.date.display()
        if self.brief.status != "draft":
            return date
        version = self.brief.version
        draft = self.labels.draft_version.format(version=version) if version else self.labels.draft_unversioned
        return f"{draft} \u00b7 {date}"

    def arrange(self, parts: dict[str, Callable[[], list[T]]], section: Callable[[Section], list[T]],
                picture: Callable[[Picture], list[T]]) -> list[T]:
        """Each part a layout builds, in reading order, with the free sections, then the analyst's images,
        placed after the part they name.

        A layout leaves out a part by not building it (the deck has no notes list, for one).
        """
        placed: dict[str, list[Section]] = {}
        for free in self.brief.sections:
            placed.setdefault(free.after, []).append(free)
        pictures: dict[str, list[Picture]] = {}
        for image in self.brief.images:
            pictures.setdefault(image.after, []).append(image)
        out: list[T] = []
        for name in BODY + CLOSING:
            if name in parts:
                out += parts[name]()
            for free in placed.get(name, ()):
                out += section(free)
            for image in pictures.get(name, ()):
                out += picture(image)
        return out
