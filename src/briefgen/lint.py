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
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


def _month(day: date) -> str:
    return day.strftime("%B %Y")


# --- 8. the page budget, checked against a rendered product -----------------------------------

def page_budget(brief: Brief, pages: int, product: str) -> Finding | None:
    """A product longer than the brief's `page_budget`."""
    if brief.page_budget is None or pages <= brief.page_budget:
        return None
    return Finding(("page_budget",), f"{product} runs to {pages} pages, over the brief's budget of "
                                     f"{brief.page_budget}; cut it, or raise page_budget if its readers can "
                                     "spare the time")


CHECKS: tuple[Callable[[Brief], Iterator[Finding]], ...] = (
    disagreeing_terms, loose_language, missing_time_frame, confidence_above_evidence, scenarios_cannot_sum,
    loose_indicators, stale_evidence)


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


__all__ = ["CHECKS", "Finding", "check", "page_budget"]
