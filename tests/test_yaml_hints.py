"""YAML mistakes people make most: the placed error says what to do, through the real CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import EXAMPLE, run_briefgen


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old, new, needle, expected", [
    # An unquoted ": " inside a value.
    ("title: Water Rights on the Upper River", "title: Water Rights: the Upper River", "title:",
     r'a value that contains \': \' must be in quotes; write line \d+ as: title: "Water Rights: the Upper River"'),
    # A key indented further than the key above it.
    ("    role: Senior analyst", "      role: Senior analyst", "role:",
     r"'role' is indented further \(column 7\) than 'name' above it \(column 5\)"),
    # A key indented less than its siblings, more than its parent.
    ("    likelihood: likely\n    confidence: moderate", "    likelihood: likely\n   confidence: moderate",
     "   confidence:", r"'confidence' starts at column 4, .*move it to column 5 to line up with 'likelihood'"),
    # A tab where spaces belong.
    ("    likelihood: likely", "\tlikelihood: likely", "\tlikelihood", r"indent with spaces, not tabs"),
])
def test_a_syntax_error_says_what_to_do_at_its_place(tmp_path, old, new, needle, expected):
    path = broken(tmp_path, old, new)
    result = run_briefgen("validate", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [message] = result.stderr.splitlines()
    assert re.match(rf"{re.escape(str(path))}:{line_of(path, needle)}:\d+: YAML syntax error: ", message), message
    assert re.search(expected, message), message


def test_a_dedented_key_is_told_which_parent_it_belongs_to(tmp_path):
    path = broken(tmp_path, "  timeline:\n", "timeline:\n")
    result = run_briefgen("validate", path)
    assert result.returncode == 1
    line = line_of(path, "timeline:")
    assert f"{path}:{line}:1: timeline: unknown field here; 'timeline' is a field of 'context' above it: " \
           "indent it under 'context' at column 3" in result.stderr
