"""The recipients of numbered copies: a CSV file (name, organisation, optional email), read as untrusted input.

A recipients list comes from a spreadsheet or a mail merge, often someone else's. Whatever is
wrong with it is reported at its line (file:line:column: message) before any copy is made: a
missing column, a duplicate recipient, control characters, an empty file, too many rows, and
a cell a spreadsheet would run as a formula when the manifest is opened.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

from .errors import BriefgenError
from .user_files import Unreadable, decode, read_file
from .value import Value

MAX_ROWS = 10_000
MAX_BYTES = 4 * 1024 * 1024  # 10,000 rows of a few hundred characters each
COLUMNS = ("name", "organisation", "email")
REQUIRED = ("name", "organisation")
MAX_CELL = 300
# What cannot stand in a name printed on every page: C0 and C1 controls (tab and line breaks too: a
# name is one line), the bidirectional controls that reorder what a reader sees, lone surrogates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# A cell that opens with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
_FORMULA = ("=", "+", "-", "@")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class RecipientsError(BriefgenError):
    """A recipients file that cannot be used; its message lists every problem, each placed."""


class Recipient(Value):
    number: int  # the copy's number, from 1 in the file's order
    name: str
    organisation: str
    email: str = ""

    @property
    def label(self) -> str:
        """How the copy names its holder: "Jane Doe, Example Ministry"."""
        return f"{self.name}, {self.organisation}" if self.organisation else self.name

    @property
    def file_stem(self) -> str:
        """The name part of the copy's file, in ASCII: "jane-doe" (the number before it keeps it unique)."""
        ascii_name = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode("ascii")
        return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or "recipient"


def read(path: Path) -> list[Recipient]:
    """The recipients in ``path``, numbered in order; RecipientsError with every problem found."""
    name = str(path)
    try:
        text = decode(read_file(path, MAX_BYTES, too_big=f"a recipients file holds at most {MAX_ROWS:,} rows"))
    except Unreadable as exc:
        raise RecipientsError(f"{name}:{exc.line or 1}:1: {exc}") from None
    problems: list[str] = []

    def problem(line: int, column: int, message: str) -> None:
        problems.append(f"{name}:{line}:{column}: {message}")

    rows = _rows(text, name)
    if not rows or all(not any(cell.strip() for cell in cells) for _, cells in rows):
        raise RecipientsError(f"{name}:1:1: is empty; expected a header row ({', '.join(COLUMNS)}; email is "
                              "optional), then one row per recipient")
    header_line, header = rows[0]
    columns = [cell.strip().lower() for cell in header]
    for index, column in enumerate(columns):
        if column not in COLUMNS:
            problem(header_line, index + 1, f"column {header[index]!r} is not one briefgen reads; "
                                            f"{_closest(column)}")
        elif columns.index(column) != index:
            problem(header_line, index + 1, f"column {column!r} is given twice")
    for wanted in REQUIRED:
        if wanted not in columns:
            problem(header_line, 1, f"has no {wanted!r} column; the header row must name the columns "
                                    f"{', '.join(COLUMNS)} (email is optional)")
    if problems:
        raise RecipientsError("\n".join(problems))
    body = [(line, cells) for line, cells in rows[1:] if any(cell.strip() for cell in cells)]
    if not body:
        raise RecipientsError(f"{name}:{header_line}:1: has a header but no recipients; give one row per recipient")
    if len(body) > MAX_ROWS:
        raise RecipientsError(f"{name}:{body[MAX_ROWS][0]}:1: has {len(body):,} recipients; at most {MAX_ROWS:,} "
                              "copies are made at once (split the list)")
    recipients: list[Recipient] = []
    first: dict[tuple[str, str], int] = {}
    for line, cells in body:
        if len(cells) != len(columns):
            problem(line, 1, f"has {len(cells)} cells; the header has {len(columns)} ({', '.join(columns)})")
            continue
        values = {}
        for index, (column, cell) in enumerate(zip(columns, cells)):
            found = _CONTROL.search(cell)
            value = cell.strip()
            if found:
                problem(line, index + 1, f"{column}: contains the control character U+{ord(found.group()):04X}; "
                                         "a recipient's details are one line of printable text")
            elif value.startswith(_FORMULA):
                problem(line, index + 1, f"{column}: starts with {value[0]!r}, which a spreadsheet runs as a "
                                         "formula when the manifest is opened; remove it")
            elif len(value) > MAX_CELL:
                problem(line, index + 1, f"{column}: is {len(value):,} characters long; at most {MAX_CELL}")
            elif column in REQUIRED and not value:
                problem(line, index + 1, f"{column}: is empty; every copy names its recipient and organisation")
            elif column == "email" and value and not _EMAIL.match(value):
                problem(line, index + 1, f"email: {value!r} is not an e-mail address")
            values[column] = " ".join(value.split())
        if len(values) != len(columns):
            continue
        who = (values["name"].casefold(), values["organisation"].casefold())
        if who in first:
            problem(line, 1, f"{values['name']}, {values['organisation']} is listed twice (first at line "
                             f"{first[who]}); each recipient gets one numbered copy")
            continue
        first[who] = line
        recipients.append(Recipient(len(recipients) + 1, values["name"], values["organisation"],
                                    values.get("email", "")))
    if problems:
        raise RecipientsError("\n".join(problems))
    return recipients


def _rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise RecipientsError(f"{name}:{reader.line_num}:1: is not CSV a spreadsheet writes: {exc}") from None
    return rows


def _closest(column: str) -> str:
    import difflib

    close = difflib.get_close_matches(column, COLUMNS, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"the columns are {', '.join(COLUMNS)}"
