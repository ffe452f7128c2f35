"""Bibliography files beside a content file → source entries, each with the line it was written on.

A brief's ``bibliography:`` names CSL-JSON (``.json``, as Zotero, pandoc, Manubot and Crossref
write it) or BibTeX (``.bib``/``.bibtex``, as Zotero, Better BibTeX, Mendeley, JabRef, BibDesk and
people by hand write it, read with bibtexparser). Each entry becomes a ``sources`` mapping (id,
title, author, publisher, date, url) that the loader merges with the inline ``sources``.

What pandoc reads is read: any id (Unicode letters, apostrophes, a URL or DOI as a CSL id),
``@string`` macros and ``#`` concatenation, ``crossref``, LaTeX accents and braces, ``@comment``,
CRLF line ends, and a file that declares another encoding than UTF-8 (JabRef's ``% Encoding:
windows-1252``, BibDesk's ``%% Saved with string encoding``). A file holds hundreds of entries
the brief does not cite, so an entry that cannot be used (malformed, without a key or a title,
defined twice) is not an error: it is ``skipped``, and the loader warns, placed at its line, and
refuses the brief only if it cites it. Only a file that cannot be read at all is a ``problem``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from .user_files import Unreadable, decode, read_file
from .value import Value

MAX_BYTES = 5 * 1024 * 1024
KINDS = (".json", ".bib", ".bibtex")
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
# A file's own word for its encoding: JabRef's first line, or BibDesk's header.
_DECLARED = re.compile(r"^%+\s*(?:Encoding:\s*(?P<jabref>[\w.:-]+)|Saved with string encoding .*\((?P<bibdesk>[^)]+)\))",
                       re.MULTILINE)
_BIBDESK_ENCODINGS = {"windows latin 1": "cp1252", "iso latin 1": "latin-1", "utf-8": "utf-8",
                      "mac os roman": "mac-roman"}


class BibliographyError(Exception):
    """A bibliography file cannot be read at all (missing, unreadable, not CSL-JSON or BibTeX)."""


class Entry(Value):
    """One source read from a bibliography file, and where it starts there."""

    source: dict[str, str]
    line: int
    column: int


class Skipped(Value):
    """An entry that cannot be cited, where it is, and why; ``key`` is its id if it has one ("" if not)."""

    key: str
    line: int
    column: int
    message: str


class Read:
    """A bibliography file's entries, the entries it skipped, and its problems as (line, column, field, message)."""

    def __init__(self, problems: list[tuple[int, int, str, str]] | None = None) -> None:
        self.entries: list[Entry] = []
        self.skipped: list[Skipped] = []
        self.problems = problems or []


def read(path: Path) -> Read:
    """Read one bibliography file by its extension; raise BibliographyError if it cannot be read at all."""
    kind = path.suffix.lower()
    if kind not in KINDS:
        raise BibliographyError("is not a bibliography file briefgen reads; use CSL-JSON (.json) or BibTeX (.bib)")
    try:
        raw = read_file(path, MAX_BYTES, too_big=f"a bibliography may be at most {MAX_BYTES:,} bytes")
    except Unreadable as exc:
        raise BibliographyError(str(exc)) from None
    try:
        text = decode(raw, _declared_encoding(raw) if kind != ".json" else "utf-8-sig")
    except Unreadable as exc:  # the file is read: its bad byte is a problem placed in it
        return Read(problems=[(exc.line, 1, "", str(exc))])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _csl_json(text) if kind == ".json" else _bibtex(text)


def _declared_encoding(raw: bytes) -> str:
    """The encoding a BibTeX file says it is in (its first lines), else UTF-8."""
    head = raw[:2000].decode("latin-1")
    found = _DECLARED.search(head)
    if found is None:
        return "utf-8-sig"
    name = found.group("jabref") or _BIBDESK_ENCODINGS.get(found.group("bibdesk").strip().lower(), "")
    try:
        import codecs
        return codecs.lookup(name).name if name else "utf-8-sig"
    except LookupError:
        return "utf-8-sig"


# --- CSL-JSON ----------------------------------------------------------------------------

def _csl_json(text: str) -> Read:
    """A CSL-JSON array of items (or one item, as doi.org sends it); each item is decoded on its own, so each
    keeps its place."""
    read = Read()
    decoder = json.JSONDecoder()
    at = _skip_space(text, 0)
    if text.startswith("{", at):  # a single item
        try:
            item, _ = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            read.problems.append((*_place(text, exc.pos), "", f"JSON syntax error: {exc.msg}"))
            return read
        _csl_item(read, item, "[0]", *_place(text, at))
        return read
    if not text.startswith("[", at):
        line, column = _place(text, at)
        read.problems.append((line, column, "", "expected a CSL-JSON array of items ([{...}, ...])"))
        return read
    at = _skip_space(text, at + 1)
    index = 0
    seen: dict[str, int] = {}
    while not text.startswith("]", at):
        line, column = _place(text, at)
        try:
            item, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            line, column = _place(text, exc.pos)
            read.problems.append((line, column, "", f"JSON syntax error: {exc.msg}"))
            return read
        _csl_item(read, item, f"[{index}]", line, column, seen)
        at = _skip_space(text, end)
        if text.startswith(",", at):
            at = _skip_space(text, at + 1)
        elif not text.startswith("]", at):
            line, column = _place(text, at)
            read.problems.append((line, column, "", "JSON syntax error: expected ',' or ']'"))
            return read
        index += 1
    return read


def _csl_item(read: Read, item: Any, where: str, line: int, column: int, seen: dict[str, int] | None = None) -> None:
    if not isinstance(item, dict):
        read.skipped.append(Skipped("", line, column, f"item {where} is not an item ({{...}}); it is skipped"))
        return
    key = item.get("id")
    key = str(key) if isinstance(key, (str, int)) and not isinstance(key, bool) else ""
    if not key.strip():
        hint = f' (its DOI would do: "id": "{item["DOI"]}")' if isinstance(item.get("DOI"), str) else ""
        read.skipped.append(Skipped("", line, column, f"item {where} has no id, so it cannot be cited; "
                                                      f"give it one{hint}"))
        return
    if seen is not None:
        if key in seen:
            read.skipped.append(Skipped(key, line, column, f"source id {key!r} is used again (first at line "
                                                           f"{seen[key]})"))
            return
        seen[key] = line
    source, problem = _from_csl(key, item)
    if source is None:
        read.skipped.append(Skipped(key, line, column, problem))
    else:
        read.entries.append(Entry(source, line, column))


def _from_csl(key: str, item: dict[str, Any]) -> tuple[dict[str, str] | None, str]:
    title = _csl_text(item.get("title"))
    if not title:
        return None, f"{key!r} has no title; every source needs one"
    source = {"id": key, "title": title}
    names = [_csl_name(n) for n in item.get("author") or item.get("editor") or [] if isinstance(n, dict)]
    if any(names):
        source["author"] = _joined([n for n in names if n])
    for name in ("publisher", "container-title", "collection-title"):
        found = _csl_text(item.get(name))
        if found:
            source["publisher"] = found
            break
    issued = item.get("issued")
    if issued is not None and issued != {}:
        when = _csl_date(issued)
        if when is None:
            return None, f"{key!r}: issued is not a date briefgen reads: {issued!r} (give date-parts [[YYYY, M, D]])"
        source["date"] = when
    url = _csl_text(item.get("URL"))
    if url.startswith(("http://", "https://")):
        source["url"] = url
    elif _csl_text(item.get("DOI")):
        source["url"] = f"https://doi.org/{_csl_text(item.get('DOI'))}"
    problem = _rating(source, item.get("reliability"), _csl_text(item.get("reliability_note")))
    return (None, f"{key!r}: reliability {problem}") if problem else (source, "")


def _rating(source: dict[str, str], grade: Any, note: str) -> str:
    """An entry's own reliability grade and note (briefgen's `reliability` and `reliability_note`, a CSL-JSON
    key or a BibTeX field, read as a source's are), added to ``source``; a grade off the scale is the problem."""
    if grade is not None and grade != "":
        from .estimative import Reliability
        try:
            source["reliability"] = Reliability.parse(grade).value
        except ValueError as exc:
            return str(exc)
    if note:
        source["reliability_note"] = note
    return ""


def _csl_text(value: Any) -> str:
    """A CSL string field; Crossref sends some (title, container-title) as a list of one."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _csl_name(name: dict[str, Any]) -> str:
    if isinstance(name.get("literal"), str):
        return name["literal"].strip()
    parts = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")
    return " ".join(str(name[part]).strip() for part in parts if isinstance(name.get(part), (str, int)) and
                    str(name[part]).strip())


def _csl_date(issued: Any) -> str | None:
    if isinstance(issued, dict) and isinstance(issued.get("date-parts"), list) and issued["date-parts"]:
        parts = issued["date-parts"][0]
        if isinstance(parts, list) and parts and all(isinstance(p, (int, str)) and not isinstance(p, bool)
                                                     and str(p).strip().isdigit() for p in parts):
            numbers = [int(str(p).strip()) for p in parts[:3]]
            while len(numbers) > 1 and numbers[-1] == 0:  # "[[2019, 0]]": no month
                numbers.pop()
            return _iso(*numbers)
    if isinstance(issued, dict) and isinstance(issued.get("raw"), str):
        match = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$", issued["raw"])
        if match:
            return _iso(*(int(p) for p in match.groups() if p))
    return None


# --- BibTeX ------------------------------------------------------------------------------

_FIELDS = ("title", "author", "editor", "publisher", "journal", "journaltitle", "booktitle", "institution",
           "organization", "school", "howpublished", "date", "year", "month", "url", "doi", "crossref",
           "reliability", "reliability_note")


def _bibtex(text: str) -> Read:
    """BibTeX entries by bibtexparser, values read here (macros, ``#``, braces, accents); an entry that cannot be
    used is skipped at its line."""
    import logging

    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

    read = Read()
    # bibtexparser logs each block it gives up on; they are reported below, placed, once.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text, parse_stack=[])  # values as written: resolved below
    strings: dict[str, str] = {}
    for block in library.strings:
        strings[block.key.lower()] = _value(str(block.value), strings)
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            read.skipped.append(Skipped(block.key, line, 1, f"source id {block.key!r} is used again in this file"))
        elif isinstance(block, DuplicateFieldKeyBlock):
            key = getattr(block.ignore_error_block, "key", "") or _key_of(block.raw)
            read.skipped.append(Skipped(key, line, 1, f"{key!r} gives a field twice ({block.error})"))
        else:
            first = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
            read.skipped.append(Skipped(_key_of(block.raw), line, 1, f"malformed BibTeX entry {first!r}: check its "
                                                                     "braces, quotes and commas"))
    entries = {entry.key.lower(): entry for entry in library.entries if entry.key}
    for entry in library.entries:
        line = entry.start_line + 1
        if not entry.key.strip():
            read.skipped.append(Skipped("", line, 1, "an entry without a key cannot be cited; give it one"))
            continue
        fields = _fields(entry, strings)
        parent = entries.get(fields.get("crossref", "").lower())
        if parent is not None and parent is not entry:  # inherits what it lacks, the parent's title as booktitle
            inherited = _fields(parent, strings)
            if "title" in inherited:
                inherited.setdefault("booktitle", inherited["title"])
            fields = {**{k: v for k, v in inherited.items() if k != "title" or "title" not in fields}, **fields}
        source, problem = _from_bibtex(entry.key, fields)
        if source is None:
            read.skipped.append(Skipped(entry.key, line, 1, problem))
        else:
            read.entries.append(Entry(source, line, 1))
    return read


def _key_of(raw: str) -> str:
    """The key of an entry bibtexparser could not read, found by its opening ("@book{key,")."""
    found = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s{}()]*)\s*,", raw)
    return found.group(1) if found else ""


def _fields(entry, strings: dict[str, str]) -> dict[str, str]:
    return {name.lower(): _value(str(field.value), strings) for name, field in entry.fields_dict.items()
            if name.lower() in _FIELDS}


def _value(raw: str, strings: dict[str, str]) -> str:
    """A field as written (``{...}``, ``"..."``, a number, a macro, or pieces joined by ``#``) → its text."""
    pieces, at, raw = [], 0, raw.strip()
    while at < len(raw):
        char = raw[at]
        if char in "{\"":
            end = _closing(raw, at)
            pieces.append(raw[at + 1:end])
            at = end + 1
        else:
            found = re.match(r"[^#\s{}\"]+", raw[at:])
            if found is None:  # a stray '#' or space between pieces
                at += 1
                continue
            word = found.group()
            pieces.append(strings.get(word.lower(), word) if not word.isdigit() else word)
            at += len(word)
        while at < len(raw) and (raw[at].isspace() or raw[at] == "#"):
            at += 1
    return "".join(pieces)


def _closing(raw: str, at: int) -> int:
    """Where the group opening at ``at`` ({...} nested, or "..." with braces inside) closes; the end if never."""
    depth, quote = 0, raw[at] == '"'
    index = at + 1 if quote else at
    while index < len(raw):
        char = raw[index]
        if char == "\\":  # an escaped character: \{ is no group
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and not quote:
                return index
        elif char == '"' and quote and depth == 0:
            return index
        index += 1
    return len(raw)


def _from_bibtex(key: str, fields: dict[str, str]) -> tuple[dict[str, str] | None, str]:
    title = _tex(fields.get("title", ""))
    if not title:
        return None, f"{key!r} has no title; every source needs one"
    source = {"id": key, "title": title}
    names = [_bibtex_name(_tex(n)) for n in _names(fields.get("author") or fields.get("editor") or "")]
    if any(names):
        source["author"] = _joined([n for n in names if n])
    for name in ("publisher", "journal", "journaltitle", "booktitle", "institution", "organization", "school",
                 "howpublished"):
        if _tex(fields.get(name, "")):
            source["publisher"] = _tex(fields[name])
            break
    when = _bibtex_date(fields)
    if when is False:
        return None, f"{key!r}: its year or date is not one briefgen reads: {fields.get('date') or fields.get('year')!r}"
    if when:
        source["date"] = when
    url = fields.get("url", "").strip()
    if url.startswith(("http://", "https://")):
        source["url"] = url
    elif fields.get("doi", "").strip():
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", fields["doi"].strip())
        source["url"] = f"https://doi.org/{doi}"
    problem = _rating(source, _tex(fields.get("reliability", "")), _tex(fields.get("reliability_note", "")))
    return (None, f"{key!r}: reliability {problem}") if problem else (source, "")


def _names(value: str) -> list[str]:
    """The names of an author field: split at " and " outside braces ("{Barnes and Noble}" is one)."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start:match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _tex(value: str) -> str:
    """A BibTeX value as a reader sees it: accents and commands decoded, grouping braces gone, dashes typeset."""
    if "\\" in value or "$" in value:
        value = _latex().latex_to_text(value)
    else:
        value = value.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
        value = value.replace("{", "").replace("}", "")
    return " ".join(value.split())


_LATEX = []


def _latex():
    """pylatexenc's LaTeX-to-text converter (bibtexparser's own dependency), made once, only for a file that
    holds LaTeX commands: its import takes a fifth of a second."""
    if not _LATEX:
        from pylatexenc.latex2text import LatexNodes2Text
        _LATEX.append(LatexNodes2Text(math_mode="verbatim", keep_comments=False, strict_latex_spaces=True))
    return _LATEX[0]


def _bibtex_name(name: str) -> str:
    """"Family, Given" → "Given Family" ("von Family, Jr, Given" → "Given von Family Jr"); else as written."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2:
        return f"{parts[1]} {parts[0]}".strip()
    if len(parts) >= 3:
        return f"{parts[2]} {parts[0]} {parts[1]}".strip()
    return name.strip()


def _bibtex_date(fields: dict[str, str]) -> str | None | bool:
    """ISO date from ``date`` or ``year`` and ``month``; None without one, False if it is not a date."""
    if fields.get("date", "").strip():
        match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:/.*)?$", fields["date"].strip())
        return (_iso(*(int(p) for p in match.groups() if p)) if match else None) or False
    year = _tex(fields.get("year", ""))
    if not year:
        return None
    if not re.fullmatch(r"\d{4}", year):
        return False
    month = _tex(fields.get("month", "")).lower()[:3]
    number = _MONTHS.get(month) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
    return _iso(int(year), number) or False


# --- shared ------------------------------------------------------------------------------

def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; None if it is not a calendar date."""
    try:
        date(year, month or 1, day or 1)
    except (ValueError, OverflowError):
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
