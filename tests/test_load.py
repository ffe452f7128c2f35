"""Loading content: a valid file becomes a Brief; every problem names file, line, column and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen.estimative import Likelihood
from briefgen.load import ContentError, load
from briefgen.model import PartialDate

from .conftest import EXAMPLE, NRF


def write(tmp_path: Path, text: str, name: str = "brief.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def example_with(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    return write(tmp_path, text.replace(old, new, 1))


class DescribeShippedContent:
    def it_loads_the_nrf_brief(self):
        brief = load(NRF)
        assert brief.title and len(brief.key_judgments) >= 3
        assert {s.id for s in brief.sources} == {"jami2022", "reuters2021", "whitehouse2022", "hrw2022", "archives1963"}

    def it_loads_the_scaffold_example(self):
        assert load(EXAMPLE).date == PartialDate(2024, 5, 17)

    def it_reads_likelihood_terms_in_any_case(self, tmp_path):
        brief = load(example_with(tmp_path, "likelihood: likely", "likelihood: Very Likely"))
        assert brief.key_judgments[0].likelihood is Likelihood.VERY_LIKELY


class DescribeProblems:
    def it_gives_line_column_and_field_for_a_bad_value(self, tmp_path):
        path = example_with(tmp_path, "confidence: moderate", "confidence: medium")
        line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "medium" in text)
        [problem] = problems(path)
        assert problem.startswith(f"{path}:{line}:")
        assert "key_judgments[0].confidence" in problem and "'medium'" in problem

    def it_suggests_the_field_meant(self, tmp_path):
        [problem] = problems(example_with(tmp_path, "    role: Senior analyst", "    rol: Senior analyst"))
        assert "author 1 (authors[0].rol): unknown field; did you mean 'role'?" in problem

    def it_reports_every_problem_at_once(self, tmp_path):
        path = example_with(tmp_path, "confidence: moderate", "confidence: medium")
        path.write_text(path.read_text().replace("date: 2024-05-17", "date: 17/05/2024"))
        found = problems(path)
        assert len(found) == 2
        assert any(":9:7: date: expected an ISO 8601 date" in p for p in found)

    def it_refuses_a_citation_of_an_unknown_source(self, tmp_path):
        [problem] = problems(example_with(tmp_path, "[@report2024].\n\n# Likelihood", "[@report2042].\n\n# Likelihood"))
        assert "summary: cites unknown source 'report2042'; did you mean 'report2024'?" in problem

    def it_refuses_a_quote_from_an_unknown_source(self, tmp_path):
        [problem] = problems(example_with(tmp_path, "source: report2024", "source: nowhere"))
        assert "quote 1 of actor 1 (actors[0].quotes[0].source): cites unknown source 'nowhere'" in problem

    def it_refuses_duplicate_source_ids(self, tmp_path):
        text = EXAMPLE.read_text() + "  - id: report2024\n    title: Again\n"
        assert any("source id 'report2024' is used twice" in p for p in problems(write(tmp_path, text)))

    def it_names_a_missing_required_field(self, tmp_path):
        [problem] = problems(example_with(tmp_path, "organisation: Example Policy Institute\n", ""))
        assert "organisation: is required but missing" in problem

    def it_reports_yaml_syntax_errors_with_their_place(self, tmp_path):
        [problem] = problems(write(tmp_path, "title: [unclosed\ndate: 2024\n"))
        assert problem.startswith(f"{tmp_path / 'brief.yaml'}:") and "YAML syntax error" in problem

    @pytest.mark.parametrize("text, expected", [
        ("", "is empty"),
        ("- a\n- b\n", "the top level is a list"),
        ("just text\n", "the top level is a single value"),
    ])
    def it_refuses_files_that_are_not_a_mapping(self, tmp_path, text, expected):
        [problem] = problems(write(tmp_path, text))
        assert expected in problem

    def it_refuses_a_date_that_is_not_a_date(self, tmp_path):
        [problem] = problems(example_with(tmp_path, "date: 2024-05-17", "date: 2024-02-30"))
        assert "date: '2024-02-30' is not a calendar date" in problem

    def it_refuses_control_characters_naming_line_and_field(self, tmp_path):
        [problem] = problems(example_with(tmp_path, "title: Water Rights", "title: Water\x07 Rights"))
        assert ":6:13: title: contains the unprintable character U+0007" in problem

    def it_refuses_control_characters_written_as_escapes(self, tmp_path):
        [problem] = problems(example_with(tmp_path, "title: Water Rights on the Upper River",
                                          'title: "Water\\x07 Rights"'))
        assert ":6:8: title: contains the unprintable character U+0007" in problem

    def it_stops_alias_bombs(self, tmp_path):
        bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh"))
        [problem] = problems(write(tmp_path, bomb))
        assert "too many aliases" in problem


def test_yaml_of_the_example_is_plain_data():
    # The scaffold is read by people first: it must stay plain YAML (no tags, no anchors).
    assert isinstance(yaml.safe_load(EXAMPLE.read_text()), dict)
