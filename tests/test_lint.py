"""Analytic checks: each warns on the defect a senior reviewer would send back, and is silent on sound work."""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from briefgen import lint
from briefgen.estimative import Likelihood, has_horizon, loose_words_in, terms_in
from briefgen.load import load

# A small brief that passes every check: the base each test spoils in one way.
GOOD: dict[str, Any] = {
    "title": "Water Rights on the Upper River",
    "date": "2023-05-01",
    "information_cutoff": "2023-04-20",
    "organisation": "Example Desk",
    "authors": [{"name": "A. N. Analyst"}],
    "summary": ["Both governments will very likely keep technical talks on the dam open through 2023 [@report]."],
    "key_judgments": [{
        "statement": "Both governments will keep technical talks on the dam open through 2023.",
        "likelihood": "very likely",
        "confidence": "moderate",
        "basis": "Talks have met monthly since 2022 [@report; @minutes].",
    }],
    "context": {"paragraphs": ["The dam's first phase filled in 2023."]},
    "actors": [{"name": "Upstream government", "kind": "State", "role": "Runs the dam.", "stance": "Build first."}],
    "outlook": {
        "mutually_exclusive": True,
        "scenarios": [
            {"name": "Managed tension", "description": "Talks continue through 2023.", "likelihood": "likely"},
            {"name": "Breakdown", "description": "Talks collapse by end-2023.", "likelihood": "unlikely"},
        ],
        "indicators": [{"what": "Releases from the dam", "threshold": "Below 50 cubic metres a second in June 2023",
                        "scenario": "Breakdown"}],
    },
    "alternatives": [{"explanation": "The talks are for show.", "would_show": "Releases below the minimum.",
                      "assessment": "unlikely"}],
    "sources": [{"id": "report", "title": "The Upper River in Numbers", "reliability": "B"},
                {"id": "minutes", "title": "Minutes", "reliability": "A"}],
}


def brief_with(tmp_path: Path, change: Callable[[dict[str, Any]], None] | None = None):
    """The good brief, changed in one way, written as YAML and loaded as a user's file would be."""
    data = copy.deepcopy(GOOD)
    if change:
        change(data)
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load(path)


def findings(rule, brief) -> list[lint.Finding]:
    return list(rule(brief))


def judgment(**fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["key_judgments"][0].update(fields)
    return change


class DescribeTheGoodBrief:
    def it_passes_every_check(self, tmp_path):
        assert lint.check(brief_with(tmp_path)) == []


class DescribeDisagreeingTerms:
    def it_warns_when_a_judgment_says_another_term(self, tmp_path):
        brief = brief_with(tmp_path, judgment(statement="Talks are likely to stay open through 2023."))
        [found] = findings(lint.disagreeing_terms, brief)
        assert found.path == ("key_judgments", 0, "statement")
        assert "'likely'" in found.message and "'very likely'" in found.message

    def it_does_not_read_very_unlikely_as_unlikely_or_likely(self, tmp_path):
        brief = brief_with(tmp_path, judgment(statement="Talks will very unlikely collapse in 2023.",
                                              likelihood="very unlikely"))
        assert findings(lint.disagreeing_terms, brief) == []

    def it_warns_when_a_scenario_says_another_term(self, tmp_path):
        def change(data):
            data["outlook"]["scenarios"][1]["description"] = "Talks very likely collapse by end-2023."
        [found] = findings(lint.disagreeing_terms, brief_with(tmp_path, change))
        assert found.path == ("outlook", "scenarios", 1, "description")

    def it_warns_when_the_summary_repeats_a_judgment_with_another_term(self, tmp_path):
        def change(data):
            data["summary"] = ["Both governments are likely to keep technical talks on the dam open through 2023."]
        [found] = findings(lint.disagreeing_terms, brief_with(tmp_path, change))
        assert found.path == ("summary", 0) and "key judgment 1" in found.message

    def it_ignores_a_summary_clause_about_something_else(self, tmp_path):
        def change(data):
            data["summary"] = ["Rainfall upstream is likely to stay below average."]
        assert findings(lint.disagreeing_terms, brief_with(tmp_path, change)) == []

    def it_ignores_terms_inside_quotations(self, tmp_path):
        brief = brief_with(tmp_path, judgment(
            statement="Talks will stay open through 2023, whatever the minister\u2019s \u201cunlikely\u201d."))
        assert findings(lint.disagreeing_terms, brief) == []


class DescribeLooseLanguage:
    @pytest.mark.parametrize("word", ["probably", "possibly", "perhaps", "may well", "could", "might", "chance of"])
    def it_warns_on_each_loose_word_and_suggests_a_term(self, tmp_path, word):
        def change(data):
            data["summary"] = [f"Upstream flows {word} fall in 2023."]
        [found] = findings(lint.loose_language, brief_with(tmp_path, change))
        assert found.path == ("summary", 0)
        assert repr(word) in found.message and "ICD 203" in found.message

    def it_warns_in_scenarios_and_outlook_paragraphs(self, tmp_path):
        def change(data):
            data["outlook"]["paragraphs"] = ["Rains could fail."]
            data["outlook"]["scenarios"][0]["description"] = "Talks probably continue through 2023."
        paths = {f.path for f in findings(lint.loose_language, brief_with(tmp_path, change))}
        assert paths == {("outlook", "paragraphs", 0), ("outlook", "scenarios", 0, "description")}

    def it_accepts_a_sentence_with_an_icd_203_term(self, tmp_path):
        def change(data):
            data["summary"] = ["There is almost no chance of a war over the dam in 2023."]
        assert findings(lint.loose_language, brief_with(tmp_path, change)) == []

    def it_accepts_loose_words_inside_a_quotation(self, tmp_path):
        def change(data):
            data["summary"] = ["The minister said the dam \u201ccould make a big difference\u201d."]
        assert findings(lint.loose_language, brief_with(tmp_path, change)) == []


class DescribeMissingTimeFrame:
    @pytest.mark.parametrize("statement", [
        "Talks will stay open in the near term.", "Talks will stay open.", "Talks will soon resume."])
    def it_warns_on_a_judgment_without_a_horizon(self, tmp_path, statement):
        [found] = findings(lint.missing_time_frame, brief_with(tmp_path, judgment(statement=statement)))
        assert found.path == ("key_judgments", 0, "statement") and "time frame" in found.message

    @pytest.mark.parametrize("statement", [
        "Talks will stay open within 12 months.", "Talks will stay open by end-2023.",
        "Talks will stay open over the next year.", "Talks will stay open until March 2024.",
        "Talks will stay open through the dry season of 2023."])
    def it_accepts_a_horizon(self, tmp_path, statement):
        assert findings(lint.missing_time_frame, brief_with(tmp_path, judgment(statement=statement))) == []

    def it_warns_on_a_scenario_without_a_horizon(self, tmp_path):
        def change(data):
            data["outlook"]["scenarios"][0]["description"] = "Talks continue for the foreseeable future."
        [found] = findings(lint.missing_time_frame, brief_with(tmp_path, change))
        assert found.path == ("outlook", "scenarios", 0, "description")


class DescribeConfidenceAboveEvidence:
    def it_warns_on_moderate_confidence_from_one_source(self, tmp_path):
        brief = brief_with(tmp_path, judgment(basis="Talks have met monthly [@report]."))
        [found] = findings(lint.confidence_above_evidence, brief)
        assert found.path == ("key_judgments", 0, "confidence") and "one source (report)" in found.message

    def it_warns_on_high_confidence_from_a_single_source(self, tmp_path):
        brief = brief_with(tmp_path, judgment(confidence="high", basis="Talks have met monthly [@report]."))
        [found] = findings(lint.confidence_above_evidence, brief)
        assert "high confidence needs several" in found.message

    def it_warns_on_confidence_without_any_source(self, tmp_path):
        brief = brief_with(tmp_path, judgment(basis="Talks have met monthly."))
        [found] = findings(lint.confidence_above_evidence, brief)
        assert "cites no source" in found.message

    def it_accepts_low_confidence_from_one_source(self, tmp_path):
        brief = brief_with(tmp_path, judgment(confidence="low", basis="Talks have met monthly [@report]."))
        assert findings(lint.confidence_above_evidence, brief) == []


class DescribeScenariosThatCannotSum:
    def it_warns_when_exclusive_scenarios_cannot_reach_100(self, tmp_path):
        def change(data):
            data["outlook"]["scenarios"][0]["likelihood"] = "unlikely"  # 20-45 + 20-45
        [found] = findings(lint.scenarios_cannot_sum, brief_with(tmp_path, change))
        assert found.path == ("outlook", "scenarios") and "40\u201390%" in found.message

    def it_warns_when_exclusive_scenarios_must_exceed_100(self, tmp_path):
        def change(data):
            data["outlook"]["scenarios"][1]["likelihood"] = "likely"  # 55-80 + 55-80
        [found] = findings(lint.scenarios_cannot_sum, brief_with(tmp_path, change))
        assert "110\u2013160%" in found.message and "lower" in found.message

    def it_says_nothing_when_scenarios_are_not_declared_exclusive(self, tmp_path):
        def change(data):
            data["outlook"]["mutually_exclusive"] = False
            data["outlook"]["scenarios"][1]["likelihood"] = "likely"
        assert findings(lint.scenarios_cannot_sum, brief_with(tmp_path, change)) == []

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.sampled_from(list(Likelihood)), min_size=1, max_size=5))
    def it_warns_exactly_when_no_choice_within_the_ranges_totals_100(self, terms):
        def change(data):
            data["outlook"]["scenarios"] = [{"name": f"S{i}", "description": "By 2024.", "likelihood": t.value}
                                            for i, t in enumerate(terms)]
            data["outlook"]["indicators"][0]["scenario"] = "S0"
        with tempfile.TemporaryDirectory() as folder:
            brief = brief_with(Path(folder), change)
        possible = sum(t.range[0] for t in terms) <= 100 <= sum(t.range[1] for t in terms)
        assert bool(findings(lint.scenarios_cannot_sum, brief)) is not possible


class DescribeLooseIndicators:
    def it_warns_on_a_plain_text_indicator_which_stays_valid(self, tmp_path):
        def change(data):
            data["outlook"]["indicators"] = ["Releases from the dam."]
        brief = brief_with(tmp_path, change)
        assert brief.outlook.indicators[0].what == "Releases from the dam."
        [found] = findings(lint.loose_indicators, brief)
        assert found.path == ("outlook", "indicators", 0) and "no threshold and no scenario" in found.message

    def it_warns_on_an_indicator_without_a_threshold(self, tmp_path):
        def change(data):
            del data["outlook"]["indicators"][0]["threshold"]
        [found] = findings(lint.loose_indicators, brief_with(tmp_path, change))
        assert "has no threshold;" in found.message

    def it_accepts_an_indicator_with_both(self, tmp_path):
        assert findings(lint.loose_indicators, brief_with(tmp_path)) == []


class DescribeStaleEvidence:
    def it_warns_when_there_is_no_cutoff(self, tmp_path):
        [found] = findings(lint.stale_evidence, brief_with(tmp_path, lambda d: d.pop("information_cutoff")))
        assert found.path == ("information_cutoff",) and "is missing" in found.message

    def it_warns_when_the_horizon_starts_long_after_the_cutoff(self, tmp_path):
        def change(data):
            data["information_cutoff"] = "2022-09"
        [found] = findings(lint.stale_evidence, brief_with(tmp_path, change))
        assert found.path == ("key_judgments", 0, "statement") and "September 2022" in found.message

    def it_reads_an_explicit_start_year(self, tmp_path):
        brief = brief_with(tmp_path, judgment(statement="Talks will stay open from 2024 to 2025."))
        [found] = findings(lint.stale_evidence, brief)
        assert "January 2024" in found.message

    def it_accepts_a_judgment_that_says_how_old_its_evidence_is(self, tmp_path):
        def change(data):
            data["information_cutoff"] = "2022-09"
            data["key_judgments"][0]["basis"] = "On evidence to September 2022, talks met monthly [@report; @minutes]."
        assert findings(lint.stale_evidence, brief_with(tmp_path, change)) == []

    def it_accepts_a_recent_cutoff(self, tmp_path):
        assert findings(lint.stale_evidence, brief_with(tmp_path)) == []


class DescribePageBudget:
    def it_warns_when_a_product_is_longer_than_the_budget(self, tmp_path):
        brief = brief_with(tmp_path, lambda d: d.update(page_budget=3))
        found = lint.page_budget(brief, 4, "out/x.pdf")
        assert found.path == ("page_budget",) and "out/x.pdf runs to 4 pages" in found.message

    def it_is_silent_within_the_budget_or_without_one(self, tmp_path):
        assert lint.page_budget(brief_with(tmp_path, lambda d: d.update(page_budget=3)), 3, "x.pdf") is None
        assert lint.page_budget(brief_with(tmp_path), 40, "x.pdf") is None


class DescribeVocabulary:
    def it_finds_terms_longest_first(self):
        assert [t for t, _ in terms_in("very unlikely, unlikely, likely, very likely, almost certainly")] == [
            Likelihood.VERY_UNLIKELY, Likelihood.UNLIKELY, Likelihood.LIKELY, Likelihood.VERY_LIKELY,
            Likelihood.ALMOST_CERTAIN]

    def it_does_not_take_part_of_a_term_for_a_loose_word(self):
        assert loose_words_in("almost no chance of rain; a roughly even chance of snow") == []
        assert loose_words_in("a good chance of rain") == ["chance of"]

    @pytest.mark.parametrize("text, expected", [
        ("in the near term", False), ("in the long run", False), ("soon", False), ("in 2023", True),
        ("within six months", True), ("by mid-2024", True), ("for now", False),
        ("by November 2023", True), ("over the next 12 months", True)])
    def it_knows_a_time_frame(self, text, expected):
        assert has_horizon(text) is expected


def write_brief(tmp_path: Path, change: Callable[[dict[str, Any]], None] | None = None) -> Path:
    data = copy.deepcopy(GOOD)
    if change:
        change(data)
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


class DescribeValidateWarnings:
    def it_prints_each_warning_at_its_field_and_still_exits_0(self, tmp_path, briefgen_in_process):
        path = write_brief(tmp_path, judgment(statement="Talks will stay open in the near term."))
        result = briefgen_in_process("validate", path)
        assert result.code == 0
        line = line_of(path, "in the near term")
        assert re.search(rf"^{re.escape(str(path))}:{line}:\d+: key judgment 1 \(key_judgments\[0\]\.statement\): warning: states no "
                         "time frame", result.err, re.M), result.err
        assert f"{path}: ok, 1 warning" in result.out

    def it_exits_1_on_any_warning_when_strict(self, tmp_path, briefgen_in_process):
        path = write_brief(tmp_path, judgment(statement="Talks will stay open in the near term."))
        assert briefgen_in_process("validate", "--strict", path).code == 1

    def it_passes_a_sound_brief_when_strict(self, tmp_path, briefgen_in_process):
        result = briefgen_in_process("validate", "--strict", write_brief(tmp_path))
        assert result.code == 0 and "warning" not in result.err

    def it_passes_the_shipped_content_when_strict(self, briefgen_in_process):
        from .conftest import ROOT
        result = briefgen_in_process("validate", "--strict", cwd=ROOT)
        assert result.code == 0, result.err

    def it_passes_the_scaffold_users_start_from_when_strict(self, briefgen_in_process):
        from .conftest import EXAMPLE
        result = briefgen_in_process("validate", "--strict", EXAMPLE)
        assert result.code == 0 and "warning" not in result.err, result.err

    def it_refuses_an_indicator_pointing_to_no_scenario(self, tmp_path):
        from briefgen.load import ContentError
        path = write_brief(tmp_path, lambda d: d["outlook"]["indicators"][0].update(scenario="Break down"))
        with pytest.raises(ContentError) as info:
            load(path)
        [problem] = info.value.problems
        assert problem.field == "outlook.indicators[0].scenario" and "did you mean 'Breakdown'?" in problem.message
        assert problem.line == line_of(path, "Break down")


class DescribeThePageBudget:
    @pytest.mark.parametrize("fmt", ["pdf", "docx"])
    def it_warns_when_the_product_runs_over_and_fails_when_strict(self, tmp_path, briefgen_in_process, fmt):
        from .conftest import NRF
        text = NRF.read_text(encoding="utf-8")
        text = re.sub(r"^page_budget: .*\n", "", text, flags=re.M).replace("\nmarking:", "\npage_budget: 1\nmarking:", 1)
        path = tmp_path / "nrf.yaml"
        path.write_text(text, encoding="utf-8")
        out = tmp_path / f"nrf.{fmt}"
        result = briefgen_in_process(fmt, path, "-o", out)
        assert result.code == 0, result.err
        assert re.search(rf"^{re.escape(str(path))}:{line_of(path, 'page_budget: 1')}:\d+: page_budget: warning: "
                         rf"{re.escape(str(out))} runs to \d+ pages, over the brief's budget of 1", result.err, re.M)
        assert briefgen_in_process(fmt, path, "-o", out, "--strict").code == 1

    def it_keeps_the_nrf_brief_within_its_own_budget(self, products):
        from pypdf import PdfReader

        from .conftest import NRF
        budget = load(NRF).page_budget
        assert budget is not None and len(PdfReader(products[("nrf", "pdf")]).pages) <= budget

    def it_counts_the_pages_of_the_pdf_it_wrote(self, products):
        from pypdf import PdfReader

        from briefgen.render.pdf import page_count
        for case in ("nrf", "long"):
            pdf = products[(case, "pdf")]
            assert page_count(pdf.read_bytes()) == len(PdfReader(pdf).pages)


class DescribeTheInformationCutoff:
    LINE = "Information cut-off: 10 May 2024"  # the scaffold example's

    def it_is_on_the_pdf_title_block(self, products):
        from .conftest import pdf_pages_text
        assert self.LINE in " ".join(pdf_pages_text(products[("example", "pdf")])[0].split())

    def it_is_on_the_word_title_block(self, converted):
        from .conftest import pdf_pages_text
        assert self.LINE in " ".join(pdf_pages_text(converted[("example", "docx")])[0].split())

    def it_is_on_the_title_slide(self, converted):
        from .conftest import pdf_pages_text
        assert self.LINE in " ".join(pdf_pages_text(converted[("example", "pptx")])[0].split())


def test_a_months_days_are_the_calendars():
    import calendar

    from briefgen.lint import _month_days
    for year in (1, 1900, 2000, 2023, 2024, 2100, 9999):
        for month in range(1, 13):
            assert _month_days(year, month) == calendar.monthrange(year, month)[1]
