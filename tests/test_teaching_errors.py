"""Errors that teach, for the mistakes a new user really makes: one error for one mistake, items counted as the
products count them, the usual synonyms in "did you mean", the root cause before its knock-on effects, and
fixes that can be pasted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import EXAMPLE


def broken(folder: Path, old: str, new: str, name: str = "brief.yaml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    path = folder / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and needle in line)


class DescribeAMisspeltRequiredField:
    def it_is_one_error_at_the_misspelling_saying_the_field_is_required(self, tmp_path, briefgen_in_process):
        path = broken(tmp_path, "    likelihood: likely\n", "    likelyhood: likely\n")
        result = briefgen_in_process("validate", path)
        assert result.code == 1
        [error] = result.err.splitlines()
        assert error == (f"{path}:{line_of(path, 'likelyhood')}:5: key judgment 1 (key_judgments[0].likelyhood): "
                         "unknown field; did you mean 'likelihood', which is required?")


class DescribeAMisspeltBibliography:
    def it_is_named_first_as_the_root_of_the_unknown_sources(self, tmp_path, briefgen_in_process):
        (tmp_path / "refs.bib").write_text("@report{gti2024, title = {Talks in Numbers}, year = 2024}\n")
        path = broken(tmp_path, "sources:\n", "bibliograpy: refs.bib\nsources:\n")
        text = path.read_text(encoding="utf-8").replace("deal [@report2024]", "deal [@report2024; @gti2024]", 1)
        path.write_text(text, encoding="utf-8")
        result = briefgen_in_process("validate", path)
        assert result.code == 1
        first, *rest = result.err.splitlines()
        line = line_of(path, "bibliograpy:")
        assert first == f"{path}:{line}:1: bibliograpy: unknown field; did you mean 'bibliography'?"
        [cites] = [e for e in rest if "gti2024" in e]
        assert cites.endswith(f"(the field 'bibliograpy' on line {line} is not 'bibliography', so no bibliography "
                              "file was read)")


class DescribeItemsCountedFromOne:
    def it_says_key_judgment_2_beside_key_judgments_1(self, tmp_path, briefgen_in_process):
        text = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        text["key_judgments"].append(dict(text["key_judgments"][0], confidence="sure"))
        path = tmp_path / "brief.yaml"
        path.write_text(yaml.safe_dump(text, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = briefgen_in_process("validate", path)
        assert re.search(r":\d+:\d+: key judgment 2 \(key_judgments\[1\]\.confidence\): expected one of ",
                         result.err), result.err

    def it_counts_an_item_inside_an_item(self, tmp_path, briefgen_in_process):
        path = broken(tmp_path, "source: report2024", "source: nowhere2024")
        result = briefgen_in_process("validate", path)
        assert re.search(r": quote 1 of actor \d+ \(actors\[\d+\]\.quotes\[0\]\.source\): cites unknown source",
                         result.err), result.err


class DescribeAChoiceMisspeltOrInOtherWords:
    @pytest.mark.parametrize("field, written, meant", [
        ("likelihood", "highly unlikely", "very unlikely"), ("likelihood", "Highly Probable", "very likely"),
        ("likelihood", "likley", "likely"), ("likelihood", "even chance", "roughly even chance"),
        ("confidence", "medium", "moderate"), ("confidence", "very high", "high"),
    ])
    def it_says_what_was_meant(self, tmp_path, field, written, meant, briefgen_in_process):
        old = "    likelihood: likely\n" if field == "likelihood" else "    confidence: moderate\n"
        path = broken(tmp_path, old, f"    {field}: {written}\n")
        result = briefgen_in_process("validate", path)
        assert result.code == 1
        assert f"got {written.lower()!r}; did you mean {meant!r}?" in result.err, result.err  # read in lower case

    def it_says_nothing_when_nothing_is_close(self, tmp_path, briefgen_in_process):
        path = broken(tmp_path, "    confidence: moderate\n", "    confidence: purple\n")
        result = briefgen_in_process("validate", path)
        assert "got 'purple'" in result.err and "did you mean" not in result.err


class DescribeYamlFixesThatCanBePasted:
    def it_says_where_a_misplaced_dash_should_stand(self, tmp_path, briefgen_in_process):
        # The timeline's second event, its dash one column too far right (under the first event's key).
        path = broken(tmp_path, "    - date: 2023-08-01", "     - date: 2023-08-01")
        result = briefgen_in_process("validate", path)
        assert result.code == 1
        line = line_of(path, "     - date: 2023-08-01")
        [error] = result.err.splitlines()
        assert f"{path}:{line}:" in error
        assert error.endswith(f"the '- ' of this item stands at column 6, but the items of its list have theirs at "
                              f"column 5 (as on line {line_of(path, '    - date: 2022-03')}): move the '- ' to "
                              "column 5")
        assert "line up with" not in error

    def it_keeps_the_indentation_of_an_unquoted_colon_fix(self, tmp_path, briefgen_in_process):
        path = broken(tmp_path, "    role: Senior analyst", "    role: Senior analyst: water")
        result = briefgen_in_process("validate", path)
        assert result.code == 1
        message, fix = result.err.splitlines()
        assert message.endswith(f"write line {line_of(path, 'Senior analyst: water')} as (indented as shown):")
        assert fix == '    role: "Senior analyst: water"'
        path.write_text(path.read_text(encoding="utf-8").replace("    role: Senior analyst: water", fix),
                        encoding="utf-8")
        assert briefgen_in_process("validate", path).code == 0  # pasted as it is, the file is whole again
