"""The checks a senior reviewer signs against: rated sources, alternatives, judgments that add up with their
scenarios, a short bottom line, confidence the sources can carry and argued, a cut-off the evidence supports.

Each fires on the defect, placed at its field and saying what to do, and is silent on the sound brief.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from briefgen import lint
from briefgen.estimative import Likelihood

from .test_lint import brief_with, findings, judgment


class DescribeUnratedSources:
    def it_warns_on_each_source_without_a_grade(self, tmp_path):
        brief = brief_with(tmp_path, lambda d: d["sources"][1].pop("reliability"))
        [found] = findings(lint.unrated_sources, brief)
        assert found.path == ("sources", 1, "reliability") and "'minutes' is not rated" in found.message
        assert "reliability_note" in found.message

    def it_is_silent_when_every_source_is_rated(self, tmp_path):
        assert findings(lint.unrated_sources, brief_with(tmp_path)) == []


class DescribeNoAlternatives:
    def it_warns_when_judgments_weigh_no_alternative(self, tmp_path):
        [found] = findings(lint.no_alternatives, brief_with(tmp_path, lambda d: d.pop("alternatives")))
        assert found.path == ("key_judgments",) and "`alternatives:`" in found.message

    def it_is_silent_with_an_alternative(self, tmp_path):
        assert findings(lint.no_alternatives, brief_with(tmp_path)) == []


def scenarios(*terms: str, exclusive: bool = True):
    def change(data: dict[str, Any]) -> None:
        data["outlook"]["mutually_exclusive"] = exclusive
        data["outlook"]["scenarios"] = [{"name": f"S{n}", "description": "By end-2023.", "likelihood": term}
                                        for n, term in enumerate(terms, 1)]
        data["outlook"]["indicators"][0]["scenario"] = "S1"
    return change


def both(*changes):
    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)
    return change


def judgments(*pairs: tuple[str, list[str]]):
    """Key judgments each with a likelihood and the scenarios it holds in."""
    def change(data: dict[str, Any]) -> None:
        first = data["key_judgments"][0]
        data["key_judgments"] = [dict(first, likelihood=term, scenarios=names) for term, names in pairs]
    return change


class DescribeJudgmentsAndTheirScenarios:
    def it_warns_on_a_very_likely_judgment_tied_to_one_unlikely_scenario(self, tmp_path):
        brief = brief_with(tmp_path, both(scenarios("likely", "unlikely"), judgments(("very likely", ["S2"]))))
        [found] = findings(lint.judgments_beyond_their_scenarios, brief)
        assert found.path == ("key_judgments", 0, "likelihood")
        assert "'very likely' (80\u201395%)" in found.message and "S2: unlikely" in found.message
        assert "20\u201345%" in found.message

    def it_accepts_a_judgment_that_is_two_scenarios_together(self, tmp_path):
        # KJ = S1 + S3: 55–80 + 5–20 and 100 less S2's 20–45 meet likely's 55–80.
        brief = brief_with(tmp_path, both(scenarios("likely", "unlikely", "very unlikely"),
                                          judgments(("likely", ["S1", "S3"]))))
        assert findings(lint.judgments_beyond_their_scenarios, brief) == []

    def it_reads_exclusive_scenarios_as_leaving_the_rest_to_the_others(self, tmp_path):
        # S1 alone may be 80%, but exclusive of S2 and S3 (at least 20 + 5) it is at most 75%.
        def brief(exclusive):
            return brief_with(tmp_path, both(scenarios("likely", "unlikely", "very unlikely", exclusive=exclusive),
                                             judgments(("very likely", ["S1"]))))
        [found] = findings(lint.judgments_beyond_their_scenarios, brief(True))
        assert "come to 55\u201375% given the other scenarios' ranges" in found.message
        assert findings(lint.judgments_beyond_their_scenarios, brief(False)) == []

    def it_warns_when_one_judgment_leaves_nothing_for_the_scenario_another_needs(self, tmp_path):
        # Each judgment alone may be 45%, but with S3 and S4's 25% both cannot be, among exclusive scenarios.
        brief = brief_with(tmp_path, both(scenarios("unlikely", "unlikely", "unlikely", "very unlikely"),
                                          judgments(("roughly even chance", ["S1"]), ("roughly even chance", ["S2"]))))
        [found] = findings(lint.judgments_beyond_their_scenarios, brief)
        assert found.path == ("key_judgments", 1, "scenarios") and "leaves too little" in found.message

    def it_warns_when_a_judgment_is_likelier_than_one_holding_in_more_scenarios(self, tmp_path):
        # KJ1 (S1 or S2) is at most 80%; KJ2, S1 alone, at least 95%.
        brief = brief_with(tmp_path, both(scenarios("very likely", "unlikely", exclusive=False),
                                          judgments(("likely", ["S1", "S2"]), ("almost certain", ["S1"]))))
        [found] = findings(lint.judgments_beyond_their_scenarios, brief)
        assert found.path == ("key_judgments", 1, "scenarios") and "cannot be likelier" in found.message

    def it_is_silent_on_judgments_that_name_no_scenario(self, tmp_path):
        assert findings(lint.judgments_beyond_their_scenarios, brief_with(tmp_path)) == []

    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.sampled_from(list(Likelihood)), min_size=1, max_size=4), st.data(), st.booleans())
    def it_warns_exactly_when_no_chances_within_the_ranges_make_the_judgment(self, tmp_path_factory, terms, data,
                                                                             exclusive):
        named = data.draw(st.sets(st.integers(0, len(terms) - 1), min_size=1))
        term = data.draw(st.sampled_from(list(Likelihood)))
        possible = _chances(terms, exclusive, [(term, named)])
        if exclusive and not _chances(terms, True, []):
            return  # the scenarios cannot add up: scenarios_cannot_sum's finding, not this one
        brief = brief_with(tmp_path_factory.mktemp("kj"),
                           both(scenarios(*(t.value for t in terms), exclusive=exclusive),
                                judgments((term.value, [f"S{n + 1}" for n in sorted(named)]))))
        assert bool(findings(lint.judgments_beyond_their_scenarios, brief)) is (not possible)

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.sampled_from(list(Likelihood)), min_size=2, max_size=4), st.data())
    def it_never_warns_on_two_judgments_that_can_both_hold(self, tmp_path_factory, terms, data):
        pairs = [(data.draw(st.sampled_from(list(Likelihood))),
                  data.draw(st.sets(st.integers(0, len(terms) - 1), min_size=1))) for _ in range(2)]
        if not _chances(terms, True, pairs):
            return
        brief = brief_with(tmp_path_factory.mktemp("kj"),
                           both(scenarios(*(t.value for t in terms)),
                                judgments(*((t.value, [f"S{n + 1}" for n in sorted(s)]) for t, s in pairs))))
        assert findings(lint.judgments_beyond_their_scenarios, brief) == []


def _chances(terms: list[Likelihood], exclusive: bool, judged: list[tuple[Likelihood, set[int]]]) -> bool:
    """Whether whole-percent chances within the scenarios' ranges (adding up to 100 when exclusive) give every
    judgment a chance within its own range: a search through every choice, the check's reference."""
    ranges = [range(t.range[0], t.range[1] + 1) for t in terms]
    for chances in itertools.product(*ranges[:-1] if exclusive else ranges):
        if exclusive:
            last = 100 - sum(chances)
            if last not in ranges[-1]:
                continue
            chances = (*chances, last)
        ok = True
        for term, named in judged:
            inside = [chances[n] for n in named]
            # Exclusive: the chance of one of them is their sum; else any value from the likeliest to the sum.
            low, high = (sum(inside), sum(inside)) if exclusive else (max(inside), min(100, sum(inside)))
            if high < term.range[0] or low > term.range[1]:
                ok = False
                break
        if ok:
            return True
    return False


class DescribeLongBottomLine:
    def it_warns_over_80_words(self, tmp_path):
        brief = brief_with(tmp_path, lambda d: d.update(summary=["word " * 60, "more " * 21]))
        [found] = findings(lint.long_bottom_line, brief)
        assert found.path == ("summary",) and "81 words" in found.message and "at most 80" in found.message

    def it_accepts_80_words_not_counting_citations(self, tmp_path):
        brief = brief_with(tmp_path, lambda d: d.update(summary=["word " * 80 + "[@report, p. 4]."]))
        assert findings(lint.long_bottom_line, brief) == []


class DescribeConfidenceOnWeakSources:
    def it_warns_on_moderate_confidence_from_sources_rated_d_to_f_or_not_at_all(self, tmp_path):
        def change(data):
            data["sources"][0]["reliability"] = "D"
            data["sources"][1].pop("reliability")
        [found] = findings(lint.confidence_on_weak_sources, brief_with(tmp_path, change))
        assert found.path == ("key_judgments", 0, "confidence")
        assert "minutes: not rated" in found.message and "report: D" in found.message

    def it_counts_the_sources_cited_in_the_confidence_basis(self, tmp_path):
        def change(data):
            data["sources"][0]["reliability"] = data["sources"][1]["reliability"] = "E"
            data["sources"].append({"id": "gauge", "title": "Gauge records", "reliability": "A"})
            data["key_judgments"][0]["confidence_basis"] = "The gauges agree [@gauge]."
        assert findings(lint.confidence_on_weak_sources, brief_with(tmp_path, change)) == []

    def it_is_silent_on_low_confidence(self, tmp_path):
        def change(data):
            data["sources"][0]["reliability"] = data["sources"][1]["reliability"] = "F"
            data["key_judgments"][0]["confidence"] = "low"
        assert findings(lint.confidence_on_weak_sources, brief_with(tmp_path, change)) == []

    def it_is_silent_when_one_cited_source_is_rated_a_to_c(self, tmp_path):
        brief = brief_with(tmp_path, lambda d: d["sources"][0].update(reliability="D"))
        assert findings(lint.confidence_on_weak_sources, brief) == []


def two_judgments(*confidences: str, basis: tuple[str | None, ...] = (None, None)):
    def change(data):
        first = data["key_judgments"][0]
        data["key_judgments"] = [dict(first, confidence=c, **({"confidence_basis": b} if b else {}))
                                 for c, b in zip(confidences, basis)]
    return change


class DescribeUnarguedConfidence:
    def it_warns_when_every_judgment_has_one_confidence_and_none_says_why(self, tmp_path):
        [found] = findings(lint.unargued_confidence, brief_with(tmp_path, two_judgments("moderate", "moderate")))
        assert found.path == ("key_judgments", 0, "confidence")
        assert "all 2 judgments are at moderate confidence and none says why" in found.message

    def it_names_the_judgments_that_do_not_say_why(self, tmp_path):
        brief = brief_with(tmp_path, two_judgments("low", "low", basis=("One D-rated source.", None)))
        [found] = findings(lint.unargued_confidence, brief)
        assert found.path == ("key_judgments", 1, "confidence") and "judgment 2 does not say" in found.message

    def it_is_silent_when_each_says_why(self, tmp_path):
        brief = brief_with(tmp_path, two_judgments("low", "low", basis=("One D-rated source.", "No source.")))
        assert findings(lint.unargued_confidence, brief) == []

    def it_is_silent_when_confidences_differ(self, tmp_path):
        assert findings(lint.unargued_confidence, brief_with(tmp_path, two_judgments("low", "moderate"))) == []


def evidence(*dates: str, cutoff: str, note: str | None = None):
    def change(data):
        data["information_cutoff"] = cutoff
        data["date"] = cutoff
        data["context"]["timeline"] = [{"date": d, "event": "Something happened."} for d in dates]
        if note:
            data["cutoff_note"] = note
    return change


class DescribeCutoffBeyondEvidence:
    def it_warns_when_the_cutoff_is_over_six_months_after_the_newest_dated_evidence(self, tmp_path):
        brief = brief_with(tmp_path, evidence("2021-08-15", "2021-09-06", cutoff="2022-11-02"))
        [found] = findings(lint.cutoff_beyond_evidence, brief)
        assert found.path == ("information_cutoff",) and "6 September 2021" in found.message
        assert "`cutoff_note`" in found.message

    def it_counts_a_signal_as_dated_evidence(self, tmp_path):
        def change(data):
            evidence("2021-09-06", cutoff="2022-11-02")(data)
            data["signals"] = [{"what": "A post.", "who": "A leader", "where": "Online", "when": "2022-10",
                                "why": "It matters."}]
        assert findings(lint.cutoff_beyond_evidence, brief_with(tmp_path, change)) == []

    def it_reads_a_month_as_lasting_to_its_end(self, tmp_path):
        # September 2021 runs to the 30th; six months later is 30 March 2022.
        assert findings(lint.cutoff_beyond_evidence,
                        brief_with(tmp_path, evidence("2021-09", cutoff="2022-03-30"))) == []
        assert findings(lint.cutoff_beyond_evidence,
                        brief_with(tmp_path, evidence("2021-09", cutoff="2022-04-02")))

    def it_is_silent_when_the_brief_says_what_the_cutoff_means(self, tmp_path):
        brief = brief_with(tmp_path, evidence("2021-09-06", cutoff="2022-11-02",
                                              note="No reporting after September 2021 was found."))
        assert findings(lint.cutoff_beyond_evidence, brief) == []

    def it_is_silent_without_dated_evidence(self, tmp_path):
        assert findings(lint.cutoff_beyond_evidence, brief_with(tmp_path)) == []
