"""The fields a senior reviewer reads: rated sources, alternatives, judgments tied to scenarios, the meeting.

Each loads as written, and each mistake in them is an error placed at its line, saying what was expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.estimative import Likelihood, Reliability
from briefgen.load import ContentError, load

from .conftest import EXAMPLE


def example_with(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "brief.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def problem(path: Path):
    with pytest.raises(ContentError) as info:
        load(path)
    [found] = info.value.problems
    return found


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


class DescribeTheScaffold:
    def it_shows_every_new_field(self):
        brief = load(EXAMPLE)
        assert brief.sources[0].reliability is Reliability.B and brief.sources[0].reliability_note
        kj = brief.key_judgments[0]
        assert kj.confidence_basis and kj.scenarios == ["Managed tension"] and kj.headline
        assert kj.questions[0].question == "What would end the talks?"
        assert brief.outlook.scenarios[0].headline
        [alternative] = brief.alternatives
        assert alternative.assessment is Likelihood.UNLIKELY and alternative.indicators == ["releases"]
        assert [i.id for i in brief.outlook.indicators] == [None, "releases", None]
        assert all(i.baseline for i in brief.outlook.indicators if i.id)
        assert brief.meeting.minutes == 20 and brief.questions


class DescribeReliability:
    def it_reads_a_lower_case_grade(self, tmp_path):
        brief = load(example_with(tmp_path, "reliability: B", "reliability: b"))
        assert brief.sources[0].reliability is Reliability.B

    def it_refuses_a_grade_off_the_scale_and_names_the_scale(self, tmp_path):
        path = example_with(tmp_path, "reliability: B", "reliability: G")
        found = problem(path)
        assert found.field == "sources[0].reliability" and found.line == line_of(path, "reliability: G")
        assert "A completely reliable" in found.message and "F reliability cannot be judged" in found.message
        assert "'G'" in found.message

    def it_refuses_a_number(self, tmp_path):
        found = problem(example_with(tmp_path, "reliability: B", "reliability: 2"))
        assert found.field == "sources[0].reliability" and "got 2" in found.message


class DescribeScenariosOfAJudgment:
    def it_suggests_the_scenario_meant(self, tmp_path):
        path = example_with(tmp_path, "scenarios: [Managed tension]", "scenarios: [Managed tensions]")
        found = problem(path)
        assert found.field == "key_judgments[0].scenarios[0]" and found.line == line_of(path, "Managed tensions")
        assert "did you mean 'Managed tension'?" in found.message

    def it_lists_the_scenarios_when_none_is_close(self, tmp_path):
        found = problem(example_with(tmp_path, "scenarios: [Managed tension]", "scenarios: [Zzz]"))
        assert "'Managed tension', 'Crisis'" in found.message


class DescribeHeadlines:
    def it_refuses_a_headline_of_more_than_15_words(self, tmp_path):
        long = " ".join(["word"] * 16)
        path = example_with(tmp_path, "headline: Talks stay open through the dry season", f"headline: {long}")
        found = problem(path)
        assert found.field == "key_judgments[0].headline" and "16 words" in found.message
        assert "at most 15" in found.message

    def it_takes_15_words(self, tmp_path):
        brief = load(example_with(tmp_path, "headline: Talks go on, nothing is settled",
                                  "headline: " + " ".join(["word"] * 15)))
        assert len(brief.outlook.scenarios[0].headline.split()) == 15


class DescribeAlternatives:
    def it_keeps_an_assessment_in_the_analysts_own_words(self, tmp_path):
        brief = load(example_with(tmp_path, "assessment: unlikely", "assessment: Cannot be ruled out yet."))
        assert brief.alternatives[0].assessment == "Cannot be ruled out yet."

    def it_reads_an_icd_203_term_as_a_likelihood(self, tmp_path):
        brief = load(example_with(tmp_path, "assessment: unlikely", "assessment: Very Unlikely"))
        assert brief.alternatives[0].assessment is Likelihood.VERY_UNLIKELY

    def it_suggests_the_indicator_meant(self, tmp_path):
        path = example_with(tmp_path, "indicators: [releases]", "indicators: [release]")
        found = problem(path)
        assert found.field == "alternatives[0].indicators[0]" and found.line == line_of(path, "[release]")
        assert "did you mean 'releases'?" in found.message

    def it_says_to_give_an_indicator_an_id_when_none_has_one(self, tmp_path):
        path = example_with(tmp_path, "    - id: releases\n", "    - \n")
        path.write_text(path.read_text(encoding="utf-8").replace("    - \n      what: Releases",
                                                                 "    - what: Releases"), encoding="utf-8")
        found = problem(path)
        assert "no indicator has an id yet" in found.message and "`id: releases`" in found.message

    def it_refuses_an_indicator_id_used_twice(self, tmp_path):
        path = example_with(tmp_path, "    - what: Rainfall in the upper catchment.",
                            "    - id: releases\n      what: Rainfall in the upper catchment.")
        with pytest.raises(ContentError) as info:
            load(path)
        [found] = info.value.problems
        assert found.field == "outlook.indicators[1].id" and "indicators[0] has it too" in found.message

    def it_needs_what_would_show_it(self, tmp_path):
        found = problem(example_with(tmp_path, "    would_show: Releases below the agreed minimum while the "
                                               "talks go on.\n", ""))
        assert found.field == "alternatives[0].would_show" and "required" in found.message


class DescribeTheMeeting:
    @pytest.mark.parametrize("minutes", [0, 241])
    def it_refuses_minutes_out_of_range(self, tmp_path, minutes):
        found = problem(example_with(tmp_path, "minutes: 20", f"minutes: {minutes}"))
        assert found.field == "meeting.minutes" and ("at least 1" in found.message or "at most 240" in found.message)

    def it_takes_part_names_and_section_titles_on_the_main_slides(self, tmp_path):
        brief = load(example_with(tmp_path, "minutes: 20", "minutes: 20\n  main: [summary, likelihood_scale, Method]"))
        assert brief.meeting.main == ["summary", "likelihood_scale", "Method"]

    def it_suggests_the_part_meant(self, tmp_path):
        path = example_with(tmp_path, "minutes: 20", "minutes: 20\n  main: [key_judgment]")
        found = problem(path)
        assert found.field == "meeting.main[0]" and "did you mean 'key_judgments'?" in found.message


class DescribeQuestions:
    def it_needs_an_answer(self, tmp_path):
        found = problem(example_with(tmp_path, "        answer: A drought year; the July rainfall figures are "
                                               "the first test.\n", ""))
        assert found.field == "key_judgments[0].questions[0].answer" and "required" in found.message
