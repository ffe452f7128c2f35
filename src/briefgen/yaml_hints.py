"""What to do about the YAML mistakes people make most, said next to the parser's own words.

PyYAML says what it found ("mapping values are not allowed here"), not what the writer meant.
The line it points at usually shows which slip it was: a value that holds ": " without quotes, a
key indented further than the keys above it, a key indented less than its siblings but more than
its parent, or a list item whose "- " is not under the dashes of its list. The loader adds the hint
to the placed syntax error; a fix to paste keeps the line's indentation.
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
    if fixed.startswith(" "):  # the fix on a line of its own, indented as the file needs, so that it can be pasted
        return f"a value that contains ': ' must be in quotes; write line {line} as (indented as shown):\n{fixed}"
    return f"a value that contains ': ' must be in quotes; write line {line} as: {fixed}"


def _indented_further(lines: list[str], line: int) -> str:
    """A key indented further than the key above it reads as more text of that key's value."""
    found = _KEY_LINE.match(lines[line - 1])
    if found is not None and found.group("dash"):
        return _misplaced_dash(lines, line)
    above = _key_above(lines, line)
    if found is None or above is None:
        return ""
    key, column = _key_and_column(found)
    return (f"'{key}' is indented further (column {column}) than '{above[0]}' above it (column {above[1]}); "
            f"line them up if '{key}' is a field of its own, or quote the text above if the colon belongs to it")


def _misaligned(lines: list[str], line: int, here: str) -> str:
    """A key between two indentation levels: say both columns it could mean."""
    if here.lstrip(" ").startswith("- ") or here.strip() == "-":
        return _misplaced_dash(lines, line)
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


def _misplaced_dash(lines: list[str], line: int) -> str:
    """An item whose "- " is not under the dashes of the list it belongs to: say where its dash should stand
    (under the nearest item's dash above), not where its key would line up (which reads as the item above)."""
    here = lines[line - 1]
    column = len(here) - len(here.lstrip(" ")) + 1
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- ") or stripped.rstrip() == "-":
            dash = len(text) - len(stripped) + 1
            if dash != column:
                return (f"the '- ' of this item stands at column {column}, but the items of its list have theirs "
                        f"at column {dash} (as on line {number}): move the '- ' to column {dash}")
            return ""
    return ""


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
