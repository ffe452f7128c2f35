"""Bibliography files beside a content file → source entries, each with the line it was written on.

A brief's ``bibliography:`` names CSL-JSON (``.json``, as Zotero and pandoc export it) or BibTeX
(``.bib``, read with bibtexparser) files. Each entry becomes a ``sources`` mapping (id, title,
author, publisher, date, url) that the loader merges with the inline ``sources`` and validates
like them; what cannot be read is a problem placed at the entry's line in the bibliography file.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from .errors import BibliographyError
from .user_files import Unreadable, decode, read_file
from .value import Value

MAX_BYTES = 5 * 1024 * 1024
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


class Entry(Value):
    """One source read from a bibliography file, and where it starts there."""

    source: dict[str, str]
    line: int
    column: int


class Read:
    """A bibliography file's entries and its problems as (line, column, field, message), filled as it is read."""

    def __init__(self, problems: list[tuple[int, int, str, str]] | None = None) -> None:
        self.entries: list[Entry] = []
        self.problems = problems or []


def read(path: Path) -> Read:
    """Read one bibliography file by its extension; raise BibliographyError if it cannot be read at all."""
    kind = path.suffix.lower()
    if kind not in (".json", ".bib"):
        raise BibliographyError("is not a bibliography file briefgen reads; use CSL-JSON (.json) or BibTeX (.bib)")
    try:
        raw = read_file(path, MAX_BYTES, too_big=f"a bibliography may be at most {MAX_BYTES:,} bytes")
    except Unreadable as exc:
        raise BibliographyError(str(exc)) from None
    try:
        text = decode(raw)
    except Unreadable as exc:  # the file is read: its bad byte is a problem placed in it
        return Read(problems=[(exc.line, 1, "", str(exc))])
    return _csl_json(text) if kind == ".json" else _bibtex(text)


# --- CSL-JSON ----------------------------------------------------------------------------

def _csl_json(text: str) -> Read:
    """A CSL-JSON array of items; each item is decoded on its own, so each keeps its place."""
    read = Read()
    decoder = json.JSONDecoder()
    at = _skip_space(text, 0)
    if not text.startswith("[", at):
        line, column = _place(text, at)
        read.problems.append((line, column, "", "expected a CSL-JSON array of items ([{...}, ...])"))
        return read
    at = _skip_space(text, at + 1)
    index = 0
    while not text.startswith("]", at):
        line, column = _place(text, at)
        try:
            item, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            line, column = _place(text, exc.pos)
            read.problems.append((line, column, "", f"JSON syntax error: {exc.msg}"))
            return read
        where = f"[{index}]"
        if not isinstance(item, dict):
            read.problems.append((line, column, where, "expected an item ({...})"))
        else:
            source, problems = _from_csl(item)
            read.problems += [(line, column, f"{where}.{name}" if name else where, message)
                              for name, message in problems]
            if source is not None:
                read.entries.append(Entry(source, line, column))
        at = _skip_space(text, end)
        if text.startswith(",", at):
            at = _skip_space(text, at + 1)
        elif not text.startswith("]", at):
            line, column = _place(text, at)
            read.problems.append((line, column, "", "JSON syntax error: expected ',' or ']'"))
            return read
        index += 1
    return read


def _from_csl(item: dict[str, Any]) -> tuple[dict[str, str] | None, list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    key = item.get("id")
    if not isinstance(key, (str, int)) or not _ID.match(str(key)):
        problems.append(("id", "needs an id of letters, digits, '_', '.', ':' or '-', starting with a letter "
                               f"or digit; got {key!r}"))
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(("title", "is required: every source needs a title"))
    if problems:
        return None, problems
    source = {"id": str(key), "title": title.strip()}
    names = [_csl_name(n) for n in item.get("author") or item.get("editor") or [] if isinstance(n, dict)]
    if any(names):
        source["author"] = _joined([n for n in names if n])
    for name in ("publisher", "container-title", "collection-title"):
        if isinstance(item.get(name), str) and item[name].strip():
            source["publisher"] = item[name].strip()
            break
    issued = item.get("issued")
    if issued is not None:
        when = _csl_date(issued)
        if when is None:
            return None, [("issued", f"is not a date briefgen reads: {issued!r} (give date-parts [[YYYY, M, D]])")]
        source["date"] = when
    if isinstance(item.get("URL"), str) and item["URL"].startswith(("http://", "https://")):
        source["url"] = item["URL"]
    return source, []


def _csl_name(name: dict[str, Any]) -> str:
    if isinstance(name.get("literal"), str):
        return name["literal"].strip()
    return " ".join(str(name[part]).strip() for part in ("given", "family") if name.get(part))


def _csl_date(issued: Any) -> str | None:
    if isinstance(issued, dict) and isinstance(issued.get("date-parts"), list) and issued["date-parts"]:
        parts = issued["date-parts"][0]
        if isinstance(parts, list) and parts and all(isinstance(p, (int, str)) and str(p).isdigit() for p in parts):
            return _iso(*(int(p) for p in parts[:3]))
    if isinstance(issued, dict) and isinstance(issued.get("raw"), str):
        match = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$", issued["raw"])
        if match:
            return _iso(*(int(p) for p in match.groups() if p))
    return None


# --- BibTeX ------------------------------------------------------------------------------

def _bibtex(text: str) -> Read:
    """BibTeX entries by bibtexparser; a block it cannot parse or a key used twice is a problem at its line."""
    import logging

    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock

    read = Read()
    # bibtexparser logs each block it gives up on; they are reported below, placed, once.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            read.problems.append((line, 1, block.key, f"source id {block.key!r} is used twice in this file"))
        else:
            first = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
            read.problems.append((line, 1, "", f"malformed BibTeX entry {first!r}: check its braces and commas"))
    for entry in library.entries:
        fields = {name.lower(): _tex(str(f.value)) for name, f in entry.fields_dict.items()}
        line = entry.start_line + 1
        problems = []
        if not _ID.match(entry.key):
            problems.append((line, 1, entry.key, "a source id is letters, digits, '_', '.', ':' or '-', starting "
                                                 "with a letter or digit"))
        if not fields.get("title"):
            problems.append((line, 1, entry.key, "is required to have a title"))
        when = _bibtex_date(fields)
        if when is False:
            problems.append((line, 1, f"{entry.key}.year", f"is not a year: {fields.get('year')!r}"))
        if problems:
            read.problems += problems
            continue
        source = {"id": entry.key, "title": fields["title"]}
        names = [_bibtex_name(n) for n in re.split(r"\s+and\s+", fields.get("author") or fields.get("editor") or "")]
        if any(names):
            source["author"] = _joined([n for n in names if n])
        for name in ("publisher", "journal", "booktitle", "institution", "organization", "school", "howpublished"):
            if fields.get(name):
                source["publisher"] = fields[name]
                break
        if when:
            source["date"] = when
        if fields.get("url", "").startswith(("http://", "https://")):
            source["url"] = fields["url"]
        elif fields.get("doi"):
            source["url"] = f"https://doi.org/{fields['doi']}"
        read.entries.append(Entry(source, line, 1))
    return read


def _tex(value: str) -> str:
    """A BibTeX value as a reader sees it: grouping braces gone, dashes typeset, spaces collapsed."""
    value = value.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    value = re.sub(r"\\([&%$#_{}])", r"\1", value)
    return " ".join(value.replace("{", "").replace("}", "").split())


def _bibtex_name(name: str) -> str:
    """"Family, Given" → "Given Family"; a name written as one group stays as it is."""
    name = name.strip()
    if "," in name:
        family, _, given = name.partition(",")
        return f"{given.strip()} {family.strip()}".strip()
    return name


def _bibtex_date(fields: dict[str, str]) -> str | None | bool:
    """ISO date from ``date`` or ``year`` and ``month``; None without one, False if it is not a date."""
    if fields.get("date"):
        match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", fields["date"])
        return (_iso(*(int(p) for p in match.groups() if p)) if match else None) or False
    year = fields.get("year")
    if not year:
        return None
    if not re.fullmatch(r"\d{4}", year):
        return False
    month = fields.get("month", "").strip().lower()[:3]
    number = _MONTHS.get(month) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
    return _iso(int(year), number) or False


# --- shared ------------------------------------------------------------------------------

def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; None if it is not a calendar date."""
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return "-".join([f"{year:04d}"] + [f"{p:02d}" for p in (month, day) if p])


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _place(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
