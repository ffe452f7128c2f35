"""What to do about the YAML mistakes people make most, said next to the parser's own words.

PyYAML says what it found ("mapping values are not allowed here"), not what the writer meant.
The line it points at usually shows which of three slips it was: a value that holds ": " without
quotes, a key indented further than the keys above it, or a key indented less than its siblings
but more than its parent. The loader adds the hint to the placed syntax error.
"""

from __future__ import annotations

import re

_KEY_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<dash>- +)?(?P<key>[^\s:#][^:#]*?):(?:\s|$)")


def hint(text: str, problem: str, line: int, column: int) -> str:
    """A sentence saying how to fix the syntax error ``problem`` at ``line``:``column`` (1-based), or ""."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    here = lines[line - 1]
    # A tab in the indentation: PyYAML says so, or (after a line ending in a comment) only that the
    # character "cannot start any token".
    if "tab character" in problem or here[:column].lstrip(" ").startswith("\t"):
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return _colon_in_value(lines, line, column) or _indented_further(lines, line)
    if "did not find expected" in problem or "expected <block end>" in problem:
        return _misaligned(lines, line, here)
    return ""


def _colon_in_value(lines: list[str], line: int, column: int) -> str:
    """``title: Water: the next war`` → quote the value (or the whole item of a list)."""
    here = lines[line - 1]
    found = _KEY_LINE.match(here)
    if found is None or found.end() > column - 1:
        return ""  # the colon the parser stopped at is this line's first: a key, not text
    value = here[found.end():].strip()
    if found.group("dash") and not found.group("key").strip().isidentifier():
        item = here[len(found.group("indent")) + len(found.group("dash")):].strip()
        fixed = f'{found.group("indent")}{found.group("dash")}"{_escaped(item)}"'
    else:
        fixed = f'{here[:found.end()].rstrip()} "{_escaped(value)}"'
    return f"a value that contains ': ' must be in quotes; write line {line} as: {fixed.strip()}"


def _indented_further(lines: list[str], line: int) -> str:
    """A key indented further than the key above it reads as more text of that key's value."""
    found = _KEY_LINE.match(lines[line - 1])
    above = _key_above(lines, line)
    if found is None or above is None:
        return ""
    key, column = _key_and_column(found)
    return (f"'{key}' is indented further (column {column}) than '{above[0]}' above it (column {above[1]}); "
            f"line them up if '{key}' is a field of its own, or quote the text above if the colon belongs to it")


def _misaligned(lines: list[str], line: int, here: str) -> str:
    """A key between two indentation levels: say both columns it could mean."""
    found = _KEY_LINE.match(here)
    if found is None:
        return ""
    key, column = _key_and_column(found)
    above = _key_above(lines, line)
    if above is None:
        return ""
    parent = _key_above(lines, line, before_column=column)
    options = [f"column {above[1]} to line up with '{above[0]}'"]
    if parent is not None and parent[1] < column and parent[0] != above[0]:
        options.append(f"column {parent[1]} if it belongs beside '{parent[0]}'")
    return f"'{key}' starts at column {column}, which lines up with no key around it; move it to " \
           + " or ".join(options)


def _key_above(lines: list[str], line: int, before_column: int | None = None) -> tuple[str, int] | None:
    """The nearest key on an earlier line (starting left of ``before_column``, if given), and its column."""
    for text in reversed(lines[:line - 1]):
        found = _KEY_LINE.match(text)
        if found is None:
            continue
        key, column = _key_and_column(found)
        if before_column is None or column < before_column:
            return key, column
    return None


def _key_and_column(found: re.Match[str]) -> tuple[str, int]:
    column = len(found.group("indent")) + len(found.group("dash") or "") + 1
    return found.group("key").strip(), column


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
