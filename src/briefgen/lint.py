"""Analytic checks: what a senior reviewer would send back, as warnings on a brief that is valid.

Each check is one small function from a Brief to its findings; none changes the brief or decides
anything a reader sees. The words they look for (ICD 203 terms, loose estimative words, time
frames) live in estimative.py. The CLI places each finding at its field in the content file.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, Iterator

from .estimative import (LOOSE_WORDS, Confidence, Likelihood, has_horizon, loose_words_in, says_evidence_age,
                         terms_in)
from .inline import citations, plain
from .model import Brief, FieldPath
from .value import Value

# Months a horizon may start after the information cut-off before the brief must say so.
STALE_AFTER_MONTHS = 6
# A summary clause repeats a judgment when this share of its content words (and at least
# _REPEAT_MIN of them) are the judgment's.
_REPEAT_SHARE = 0.6
_REPEAT_MIN = 3


class Finding(Value):
    """One thing to fix: the field it is about and what to do."""

    path: FieldPath
    message: str


def check(brief: Brief) -> list[Finding]:
    """Every analytic check on ``brief``, in the order of the checks."""
    return [finding for rule in CHECKS for finding in rule(brief)]


# --- 1. estimative words that disagree with the declared likelihood ---------------------------

def disagreeing_terms(brief: Brief) -> Iterator[Finding]:
    """A judgment or scenario whose words use another ICD 203 term than its `likelihood`;
    a summary clause that repeats a judgment with another term."""
    for i, kj in enumerate(brief.key_judgments):
        yield from _own_terms(("key_judgments", i, "statement"), kj.statement, kj.likelihood)
    for i, scenario in enumerate(brief.outlook.scenarios):
        yield from _own_terms(("outlook", "scenarios", i, "description"), scenario.description, scenario.likelihood)
    judgments = [(n, _content_words(plain(kj.statement)), kj.likelihood)
                 for n, kj in enumerate(brief.key_judgments, 1)]
    for p, paragraph in enumerate(brief.summary):
        for clause in _clauses(_unquoted(plain(paragraph))):
            words = _content_words(clause)
            for term, written in terms_in(clause):
                best = max(judgments, key=lambda j: len(words & j[1]), default=None)
                if best is None:
                    continue
                number, theirs, likelihood = best
                shared = len(words & theirs)
                if term != likelihood and shared >= _REPEAT_MIN and shared >= _REPEAT_SHARE * len(words):
                    yield Finding(("summary", p),
                                  f"says {written!r} for what key judgment {number} rates {likelihood.value!r}; "
                                  "use the judgment's term, or change the judgment")


def _own_terms(path: FieldPath, text: str, declared: Likelihood) -> Iterator[Finding]:
    for term, written in terms_in(_unquoted(plain(text))):
        if term != declared:
            yield Finding(path, f"says {written!r} but its likelihood is {declared.value!r}; "
                                "reword it, or change `likelihood` so the two agree")


# --- 2. loose estimative language -------------------------------------------------------------

def loose_language(brief: Brief) -> Iterator[Finding]:
    """"probably", "could", "chance of"… in a sentence of the argument that has no ICD 203 term."""
    fields: list[tuple[FieldPath, str]] = [(("summary", i), p) for i, p in enumerate(brief.summary)]
    fields += [(("key_judgments", i, "statement"), kj.statement) for i, kj in enumerate(brief.key_judgments)]
    fields += [(("outlook", "paragraphs", i), p) for i, p in enumerate(brief.outlook.paragraphs)]
    fields += [(("outlook", "scenarios", i, "description"), s.description)
               for i, s in enumerate(brief.outlook.scenarios)]
    for path, text in fields:
        seen: set[str] = set()
        for sentence in _sentences(_unquoted(plain(text))):
            if terms_in(sentence):
                continue
            for word in loose_words_in(sentence):
                key = word.lower()
                if key not in seen:
                    seen.add(key)
                    yield Finding(path, f"{word!r} is loose estimative language; say how likely with an "
                                        f"ICD 203 term ({LOOSE_WORDS[key]}), or say what is reported")


# --- 3. no time frame -----------------------------------------------------------------------

def missing_time_frame(brief: Brief) -> Iterator[Finding]:
    """A judgment or scenario a reader cannot hold to a date."""
    advice = ("states no time frame; say by when, e.g. 'within 12 months', 'by end-2023' or "
              "'over the next year' ('in the near term' is not a time frame)")
    for i, kj in enumerate(brief.key_judgments):
        if not has_horizon(plain(kj.statement)):
            yield Finding(("key_judgments", i, "statement"), advice)
    for i, scenario in enumerate(brief.outlook.scenarios):
        if not has_horizon(f"{scenario.name}. {plain(scenario.description)}"):
            yield Finding(("outlook", "scenarios", i, "description"), advice)


# --- 4. confidence above the evidence -------------------------------------------------------

def confidence_above_evidence(brief: Brief) -> Iterator[Finding]:
    """Moderate or high confidence on a basis that cites one source (or none)."""
    for i, kj in enumerate(brief.key_judgments):
        if kj.confidence is Confidence.LOW:
            continue
        cited = sorted({c.id for c in citations(kj.basis)})
        if len(cited) > 1:
            continue
        rests = f"rests on one source ({cited[0]})" if cited else "cites no source"
        if kj.confidence is Confidence.HIGH:
            advice = "high confidence needs several independent sources that agree: cite them, or lower it"
        else:
            advice = "cite a corroborating source, or lower it to low"
        yield Finding(("key_judgments", i, "confidence"), f"{kj.confidence.value} confidence, but its basis "
                                                         f"{rests}; {advice}")


# --- 5. mutually exclusive scenarios that cannot add up ---------------------------------------

def scenarios_cannot_sum(brief: Brief) -> Iterator[Finding]:
    """Scenarios declared mutually exclusive whose likelihood ranges cannot total 100%."""
    outlook = brief.outlook
    if not outlook.mutually_exclusive:
        return
    low = sum(s.likelihood.range[0] for s in outlook.scenarios)
    high = sum(s.likelihood.range[1] for s in outlook.scenarios)
    if low <= 100 <= high:
        return
    fix = "lower some of their likelihoods" if low > 100 else "raise some of their likelihoods, or add the " \
                                                              "outcome they leave out"
    yield Finding(("outlook", "scenarios"), f"are declared mutually exclusive, but their ranges add up to "
                                            f"{low}\u2013{high}%, which cannot be 100%; {fix}")


# --- 6. indicators without a threshold or a scenario ------------------------------------------

def loose_indicators(brief: Brief) -> Iterator[Finding]:
    """An indicator that does not say what would count as seeing it, or which scenario it points to."""
    for i, indicator in enumerate(brief.outlook.indicators):
        missing = [name for name, value in (("threshold", indicator.threshold), ("scenario", indicator.scenario))
                   if value is None]
        if missing:
            yield Finding(("outlook", "indicators", i),
                          f"has no {' and no '.join(missing)}; write it as {{what: …, threshold: what would "
                          "count as seeing it, scenario: the scenario it points to}")


# --- 7. stale evidence ----------------------------------------------------------------------

def stale_evidence(brief: Brief) -> Iterator[Finding]:
    """No information cut-off; or a judgment whose horizon starts long after it, without saying so."""
    if brief.information_cutoff is None:
        yield Finding(("information_cutoff",), "is missing; add `information_cutoff: YYYY-MM-DD`, the date of the "
                                               "newest information the brief rests on")
        return
    cutoff = brief.information_cutoff.first_day()
    if cutoff > brief.date.first_day():
        yield Finding(("information_cutoff",), f"is after the brief's date ({brief.date.display()})")
    limit = _months_after(cutoff, STALE_AFTER_MONTHS)
    for i, kj in enumerate(brief.key_judgments):
        start = _horizon_start(plain(kj.statement), brief.date.first_day())
        if start > limit and not says_evidence_age(f"{kj.statement} {kj.basis}"):
            yield Finding(("key_judgments", i, "statement"),
                          f"its horizon starts {_month(start)}, more than {STALE_AFTER_MONTHS} months after the "
                          f"information cut-off ({brief.information_cutoff.display()}); say so in the judgment or "
                          "its basis ('on evidence to …', 'as of …'), or bring the horizon closer")


_STARTS = re.compile(r"\b(?:from|after|in|during|between|throughout)\s+(?:early\s+|mid-?|late\s+)?"
                     r"(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
                     r"(\d{4})\b", re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _horizon_start(text: str, written: date) -> date:
    """When a judgment's time frame begins: a year or month it starts from, else the day it was written."""
    starts = [date(int(m.group(2)), _MONTHS.index(m.group(1).lower()) + 1 if m.group(1) else 1, 1)
              for m in _STARTS.finditer(text)]
    later = [s for s in starts if s > written]
    return min(later) if later else written


def _months_after(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter (31 August + 6 → 28 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, _month_days(year, month)))


def _month(day: date) -> str:
    return day.strftime("%B %Y")


# --- 8. sources nobody rated --------------------------------------------------------------------

def unrated_sources(brief: Brief) -> Iterator[Finding]:
    """A source without its Admiralty grade: a reader cannot weigh what rests on it (ICD 203 Standard 1)."""
    for i, source in enumerate(brief.sources):
        if source.reliability is None:
            yield Finding(("sources", i, "reliability"),
                          f"source {source.id!r} is not rated; add `reliability:` A\u2013F (A completely reliable, "
                          "B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot "
                          "be judged) and say why in `reliability_note`")


# --- 9. no alternative explanations -----------------------------------------------------------

def no_alternatives(brief: Brief) -> Iterator[Finding]:
    """Key judgments with no competing explanation weighed against them (ICD 203 Standard 4)."""
    if brief.key_judgments and not brief.alternatives:
        # Placed at the judgments: the missing part has no line of its own.
        yield Finding(("key_judgments",), "weighs no alternative explanation; add `alternatives:`, each "
                                          "{explanation, would_show, assessment}, and tie what would show it to "
                                          "an indicator (`indicators:` naming an indicator's `id`)")


# --- 10. judgments and the scenarios they hold in --------------------------------------------

def judgments_beyond_their_scenarios(brief: Brief) -> Iterator[Finding]:
    """A judgment whose likelihood cannot be the chance of the scenarios it names; and two judgments that
    cannot both be right: one holding in fewer scenarios yet likelier, or, where the scenarios exclude one
    another, two that need more than 100% between them or name every scenario and cannot reach it."""
    held: list[_Held] = []
    for i, kj in enumerate(brief.key_judgments):
        if not kj.scenarios:
            continue
        names = frozenset(kj.scenarios)
        low, high = _held_range(brief, names)
        if low > high:
            continue  # the scenarios themselves cannot add up: scenarios_cannot_sum says so
        own_low, own_high = kj.likelihood.range
        if own_low > high or own_high < low:
            given = " given the other scenarios' ranges" if brief.outlook.mutually_exclusive else ""
            yield Finding(("key_judgments", i, "likelihood"),
                          f"is {kj.likelihood.value!r} ({own_low}\u2013{own_high}%), but the scenarios it holds in "
                          f"({_scenario_list(brief, names)}) come to {low}\u2013{high}%{given}; change its "
                          "likelihood, the scenarios it names, or their likelihoods")
            continue
        held.append(_Held(i + 1, names, max(own_low, low), min(own_high, high)))
    for n, later in enumerate(held):
        for earlier in held[:n]:
            finding = _disagreeing_pair(brief, later, earlier)
            if finding:
                yield finding


class _Held(Value):
    """A judgment tied to scenarios: its number, their names, and the least and most chance it can have."""

    number: int
    names: frozenset[str]
    need: int
    most: int


def _disagreeing_pair(brief: Brief, one: _Held, other: _Held) -> Finding | None:
    path = ("key_judgments", one.number - 1, "scenarios")
    for small, large in ((one, other), (other, one)):
        # The chance of fewer scenarios is never more than that of more of them.
        if small.names <= large.names and small.need > large.most:
            return Finding(path, f"key judgment {small.number} holds in scenarios that key judgment {large.number} "
                                 f"also holds in, so it cannot be likelier: it needs at least {small.need}%, key "
                                 f"judgment {large.number} allows at most {large.most}%; change one of them")
    outlook = brief.outlook
    if not outlook.mutually_exclusive or one.names & other.names:
        return None
    rest = sum(s.likelihood.range[0] for s in outlook.scenarios if s.name not in one.names | other.names)
    if one.need + other.need + rest > 100:
        others = f", and the other scenarios at least {rest}%" if rest else ""
        return Finding(path, f"needs at least {one.need}% for its scenarios and key judgment {other.number} at "
                             f"least {other.need}% for others{others}: more than 100% for scenarios that exclude "
                             "one another, so each judgment leaves too little for the other's scenarios; lower one "
                             "of them, or tie them to the scenarios they share")
    if len(one.names | other.names) == len(outlook.scenarios) and one.most + other.most < 100:
        return Finding(path, f"holds in at most {one.most}% and key judgment {other.number} in at most "
                             f"{other.most}%, but between them they name every scenario, so they must add up to "
                             "100%; raise one of them")
    return None


def _held_range(brief: Brief, names: frozenset[str]) -> tuple[int, int]:
    """The chance, in per cent, that one of the named scenarios comes about, from the scenarios' ranges:
    their sum when they exclude one another (and then also 100 less the others), else at least the likeliest."""
    scenarios = brief.outlook.scenarios
    inside = [s.likelihood.range for s in scenarios if s.name in names]
    high = min(100, sum(r[1] for r in inside))
    if not brief.outlook.mutually_exclusive:
        return max(r[0] for r in inside), high
    outside = [s.likelihood.range for s in scenarios if s.name not in names]
    return (max(sum(r[0] for r in inside), 100 - sum(r[1] for r in outside)),
            min(high, 100 - sum(r[0] for r in outside)))


def _scenario_list(brief: Brief, names: frozenset[str]) -> str:
    return ", ".join(f"{s.name}: {s.likelihood.value}" for s in brief.outlook.scenarios if s.name in names)


# --- 11. a long bottom line -------------------------------------------------------------------

BOTTOM_LINE_WORDS = 80
_WORD_OR_NUMBER = re.compile(r"\S*\w\S*")  # a run without spaces holding a letter or digit ("U.S.", "55%")


def long_bottom_line(brief: Brief) -> Iterator[Finding]:
    """A bottom line a reader cannot take in at a glance."""
    words = sum(len(_WORD_OR_NUMBER.findall(plain(p))) for p in brief.summary)
    if words > BOTTOM_LINE_WORDS:
        yield Finding(("summary",), f"is {words} words; a bottom line is at most {BOTTOM_LINE_WORDS}: lead with "
                                    "the judgments and leave the background to the body")


# --- 12. confidence resting on weak sources ---------------------------------------------------

def confidence_on_weak_sources(brief: Brief) -> Iterator[Finding]:
    """Moderate or high confidence whose cited sources (in its statement, basis and confidence basis) are all
    rated D–F or not rated."""
    sources = {s.id: s for s in brief.sources}
    for i, kj in enumerate(brief.key_judgments):
        if kj.confidence is Confidence.LOW:
            continue
        cited = sorted({c.id for text in (kj.statement, kj.basis, kj.confidence_basis or "")
                        for c in citations(text)})
        if not cited:
            continue  # confidence_above_evidence says it cites none
        grades = {key: sources[key].reliability for key in cited}
        if all(grade is None or grade.weak for grade in grades.values()):
            shown = ", ".join(f"{key}: {grade.value if grade else 'not rated'}" for key, grade in grades.items())
            yield Finding(("key_judgments", i, "confidence"),
                          f"{kj.confidence.value} confidence rests only on sources rated D\u2013F or not rated "
                          f"({shown}); cite a source rated A\u2013C, rate the sources, or lower it to low")


# --- 13. confidence stated but never argued -----------------------------------------------------

def unargued_confidence(brief: Brief) -> Iterator[Finding]:
    """Every judgment at one confidence level, and some say nothing of why: it reads as a default."""
    judgments = brief.key_judgments
    levels = {kj.confidence for kj in judgments}
    silent = [n for n, kj in enumerate(judgments, 1) if not kj.confidence_basis]
    if len(judgments) > 1 and len(levels) == 1 and silent:
        [level] = levels
        which = "none says" if len(silent) == len(judgments) else \
            f"judgment{'s' * (len(silent) > 1)} {', '.join(map(str, silent))} do{'es' * (len(silent) == 1)} not say"
        yield Finding(("key_judgments", silent[0] - 1, "confidence"),
                      f"all {len(judgments)} judgments are at {level.value} confidence and {which} why; argue "
                      "each judgment's confidence in `confidence_basis` (the sources' quality, the reasoning), "
                      "or set the confidence each deserves")


# --- 14. a cut-off long after the evidence ------------------------------------------------------

def cutoff_beyond_evidence(brief: Brief) -> Iterator[Finding]:
    """An information cut-off more than six months after the newest dated evidence (timeline events, signals),
    with no `cutoff_note` saying what the cut-off means."""
    if brief.information_cutoff is None or brief.cutoff_note:
        return
    dated = [(e.date, "timeline") for e in brief.context.timeline]
    dated += [(s.when, "signals") for s in brief.signals if s.when]
    if not dated:
        return
    newest, where = max(dated, key=lambda d: d[0])
    if brief.information_cutoff.first_day() > _months_after(_last_day(newest), STALE_AFTER_MONTHS):
        yield Finding(("information_cutoff",),
                      f"is {brief.information_cutoff.display()}, but the newest dated evidence in the brief "
                      f"({where}) is of {newest.display()}, more than {STALE_AFTER_MONTHS} months earlier; say "
                      "what the cut-off means in `cutoff_note` (e.g. 'no reporting after … was found; searched "
                      "to …'), or date the evidence you have")


def _month_days(year: int, month: int) -> int:
    """The days in a month of the Gregorian calendar, as calendar.monthrange gives them: importing calendar
    (and the locale module with it) was ~2.5 ms of every command's start."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _last_day(day) -> date:
    """The last day a partial date covers: 2021 → 31 December 2021, 2021-09 → 30 September 2021."""
    if day.day is not None:
        return day.first_day()
    if day.month is None:
        return date(day.year, 12, 31)
    return date(day.year, day.month, _month_days(day.year, day.month))


# --- 15. the page budget, checked against a rendered product ----------------------------------

# Where a product over its page budget is said to be: the one warning said after rendering.
PAGE_BUDGET: FieldPath = ("page_budget",)


def page_budget(brief: Brief, pages: int, product: str) -> Finding | None:
    """A product longer than the brief's `page_budget`."""
    if brief.page_budget is None or pages <= brief.page_budget:
        return None
    return Finding(PAGE_BUDGET, f"{product} runs to {pages} pages, over the brief's budget of "
                                     f"{brief.page_budget}; cut it, or raise page_budget if its readers can "
                                     "spare the time")


CHECKS: tuple[Callable[[Brief], Iterator[Finding]], ...] = (
    disagreeing_terms, loose_language, missing_time_frame, confidence_above_evidence, scenarios_cannot_sum,
    loose_indicators, stale_evidence, unrated_sources, no_alternatives, judgments_beyond_their_scenarios,
    long_bottom_line, confidence_on_weak_sources, unargued_confidence, cutoff_beyond_evidence)


# --- reading the prose ----------------------------------------------------------------------

_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(])")
_CLAUSE = re.compile(r";|,?\s+(?:but|while|whereas|although|though)\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset("""about after against also among because been before being between both could does during each
from have having here into itself more most much must other over same should some such than that their them
then there these they this those through under until very were what when where which while will with within
would year years month months next judge judges""".split())


def _unquoted(text: str) -> str:
    """The analyst's own words: what others said, in quotation marks, is not the brief's estimate."""
    return _QUOTED.sub("\u2026", text)


def _sentences(text: str) -> list[str]:
    return _SENTENCE.split(text)


def _clauses(text: str) -> list[str]:
    return [c for sentence in _sentences(text) for c in _CLAUSE.split(sentence) if c.strip()]


def _content_words(text: str) -> set[str]:
    """The words that carry a clause's meaning, cut to a crude stem ("partition", "partitioned")."""
    words = (w.lower() for w in _WORD.findall(text))
    return {w[:6] for w in words if len(w) > 3 and w not in _STOP and not terms_in(w)}


__all__ = ["CHECKS", "PAGE_BUDGET", "Finding", "check", "page_budget"]
