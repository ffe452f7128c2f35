"""Content file → validated Brief. Every problem is reported as ``path:line:col: field: message``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, BinaryIO, Iterator

import yaml

from . import inline
from .errors import ContentError
from .model import FIRST_STAMP_YEAR, LAST_STAMP_YEAR, Brief, FieldPath, dotted, text_fields
from .parts import Issue, build, field_names, part_at
from .user_files import Unreadable, decode, read_capped
from .value import Value

MAX_BYTES = 5 * 1024 * 1024
STDIN = "<stdin>"  # how problems name content read from standard input
MAX_NODES = 200_000
MAX_DEPTH = 24

try:  # libyaml is much faster where it is built; the pure-Python loader gives the same nodes.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# What YAML itself refuses to read: C0 and C1 controls, lone surrogates, U+FFFE and U+FFFF.
# PyYAML's own pattern, compiled when yaml is imported: compiling a second copy of this
# class of a million code points costs more than the rest of `validate`.
_UNPRINTABLE = yaml.reader.Reader.NON_PRINTABLE


class Problem(Value):
    """One thing wrong with a content file, where it is, and what was expected."""

    file: str
    line: int
    column: int
    field: str
    message: str
    warning: bool = False  # a valid brief that a reviewer would send back (see lint.py)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        message = f"warning: {self.message}" if self.warning else self.message
        return f"{where}: {counted(self.field)}: {message}" if self.field else f"{where}: {message}"


# What one item of each list of a brief is called, for saying "key judgment 2" beside key_judgments[1]:
# the products number judgments, scenarios and notes from 1, and people count from 1.
_ITEM_NAMES = {"key_judgments": "key judgment", "scenarios": "scenario", "indicators": "indicator",
               "actors": "actor", "quotes": "quote", "sources": "source", "sections": "section", "images": "image",
               "signals": "signal", "analogies": "analogy", "timeline": "event", "authors": "author",
               "alternatives": "alternative", "key_assumptions": "key assumption", "implications": "implication",
               "editor_notes": "editor's note", "questions": "question", "summary": "summary paragraph",
               "paragraphs": "paragraph", "bullets": "bullet", "rows": "row", "bibliography": "bibliography file"}
_ITEM = re.compile(r"([a-z_]+)\[(\d+)\]")


def counted(field: str) -> str:
    """A field path with its items counted from 1 beside it, as the products number them:
    "key judgment 2 (key_judgments[1].likelihood)", "quote 1 of actor 3 (actors[2].quotes[0].text)"."""
    items = [f"{_ITEM_NAMES[name]} {int(index) + 1}" for name, index in _ITEM.findall(field) if name in _ITEM_NAMES]
    return f"{' of '.join(reversed(items))} ({field})" if items else field


def load(path: str | Path) -> Brief:
    """Read, parse and validate one content file; raise ContentError listing all problems."""
    return load_placed(path)[0]


class Places:
    """Where each field of a loaded content file was written: places warnings about a valid brief.

    Also what the loader itself found to say about a valid brief: ``warnings`` (placed problems that
    do not stop it) and ``notes`` (what was done for the user, e.g. metadata left out of images).
    """

    def __init__(self, tree: _Tree, warnings: list[Problem] | None = None, notes: list[str] | None = None):
        self._tree = tree
        self.warnings = warnings or []
        self.notes = notes or []

    def warning(self, path: FieldPath, message: str) -> Problem:
        """A warning at ``path``; a field the file leaves out is placed at the mapping that would hold it."""
        return Problem(self._tree.name, *self._tree.mark_of(path), dotted(path), message, warning=True)

    @property
    def file(self) -> str:
        return self._tree.name

    def only(self, *paths: FieldPath) -> Places:
        """These places for ``paths`` alone, each where ``warning`` would place it, without the file's text
        and every other field's place: what a command keeps to place warnings it can only say after
        rendering. A 5 MB brief's places and text are ~30 MB, which each forked worker would inherit."""
        kept = _Tree(self._tree.name)
        for path in paths:
            if path in self._tree.key_marks:
                kept.key_marks[path] = self._tree.key_marks[path]
            for prefix in (path[:n] for n in range(len(path) + 1)):
                if prefix in self._tree.value_marks:
                    kept.value_marks[prefix] = self._tree.value_marks[prefix]
        return Places(kept, self.warnings, self.notes)

    def fields(self) -> Iterator[FieldPath]:
        """Every field the file writes: each mapping, list and value, by its path."""
        return iter(self._tree.value_marks)

    def of(self, path: FieldPath, text: str = "", occurrence: int = 0, *, after: bool = False) -> tuple[int, int]:
        """Where ``path`` is written: a list or mapping at its key, a value where it starts.

        With ``text``, where its ``occurrence``-th appearance inside the value starts (or, ``after``,
        ends), as a reader's copy shows the value: its words may be broken over lines and wrapped in
        emphasis markup in the file. Text not found there (it was reworded, or is a citation's note
        number) is looked for by fewer of its words, then not at all: the value's start.
        """
        if text:
            return self._tree.mark_in_value(path, text, occurrence, after)
        return self._tree.text_start(path) if path in self._tree.value_spans else self._tree.mark_of(path, key=True)


def load_placed(path: str | Path) -> tuple[Brief, Places]:
    """Like load, with where each field was written."""
    path = Path(path)
    name = STDIN if path == Path("-") else str(path)
    text = _read_stdin() if path == Path("-") else _read(path, name)
    tree = _Tree(name)
    data = tree.build(text)
    folder = Path.cwd() if name == STDIN else path.parent
    warnings = _bidi_warnings(data, tree)  # before the bibliography's entries join: they are placed in their file
    bibliography = _merge_bibliography(data, tree, folder)
    problems, warnings = bibliography.problems, warnings + bibliography.warnings
    problems += list(_markup_problems(data, tree, bibliography)) + list(_scenario_problems(data, tree))
    notes: list[str] = []
    problems += _image_problems(data, tree, folder, notes)
    problems += _table_problems(data, tree)
    problems += _style_problems(data, tree, folder)
    brief, issues = build(Brief, data)
    problems += tree.problems_from(issues)
    if brief is not None and not issues:
        problems += _stamp_problems(brief, tree)
    if problems:
        # A misspelt "bibliography:" is the root of every "cites unknown source" after it: said first.
        root = _misspelt_bibliography(data)
        raise ContentError(sorted(problems, key=lambda p: (p.field != root, p.line, p.column)))
    return brief, Places(tree, warnings, notes)


def _misspelt_bibliography(data: Any) -> str | None:
    """The top-level key that is "bibliography" misspelt (bibliograpy, bibliografy), when there is no
    "bibliography": its files were never read, so their entries are unknown sources."""
    if not isinstance(data, dict) or "bibliography" in data:
        return None
    import difflib  # only when something is wrong

    close = [key for key in data if isinstance(key, str)
             and difflib.SequenceMatcher(None, key.lower(), "bibliography").ratio() >= 0.8]
    return close[0] if close else None


def _bidi_warnings(data: Any, tree: _Tree) -> list[Problem]:
    """Each bidirectional control in a value, placed at the character, named, with what it does.

    It makes text read otherwise than it is written ("Trojan Source"), so it is a warning (an error
    under --strict); the products still show what it does.
    """
    from .scripts import BIDI_CONTROL
    if not BIDI_CONTROL.search(tree.text) and "\\u" not in tree.text and "\\U" not in tree.text:
        return []  # neither written nor escaped (YAML's "\u202E"): nothing to look for
    found = []
    for path, value in _strings(data, ()):
        seen: dict[str, int] = {}
        for match in BIDI_CONTROL.finditer(value):
            char = match.group()
            seen[char] = seen.get(char, -1) + 1
            found.append(Problem(tree.name, *tree.mark_of_text(path, char, seen[char]), dotted(path),
                                 _bidi_message(char), warning=True))
    return found


def _bidi_message(char: str) -> str:
    from .scripts import BIDI_CONTROLS
    name, does = BIDI_CONTROLS[char]
    return (f"contains U+{ord(char):04X} {name}, an invisible character that {does}: readers would see other "
            "text than is written (\"Trojan Source\"); remove it (right-to-left script needs no control characters)")


def _entry_bidi_warnings(file: Path, entry: Any) -> list[Problem]:
    """Each field of a cited bibliography entry holding a bidirectional control, placed at the entry in its
    file: its title and publisher are printed in every product, as a content file's text is."""
    from .scripts import BIDI_CONTROL
    return [Problem(str(file), entry.line, entry.column, f"{entry.source['id']}.{field}", _bidi_message(match.group()),
                    warning=True)
            for field, value in entry.source.items() for match in BIDI_CONTROL.finditer(value)]


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every text value of the loader's plain data, identifiers and addresses included, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def _stamp_problems(brief: Brief, tree: _Tree) -> list[Problem]:
    """The brief's date is stamped into every product: it must be one each format can store."""
    if FIRST_STAMP_YEAR <= brief.date.year <= LAST_STAMP_YEAR:
        return []
    line, col = tree.mark_of(("date",))
    return [Problem(tree.name, line, col, "date", f"{brief.date} cannot be stamped into the products; a brief's "
                    f"date must lie in {FIRST_STAMP_YEAR}–{LAST_STAMP_YEAR}, the years a .docx or .pptx "
                    "(a ZIP archive) can store")]


def _read_stdin() -> str:
    """The content piped in (``-`` as CONTENT), through the same size cap as a file."""
    import sys
    return read_text(sys.stdin.buffer, STDIN)


def _read(path: Path, name: str) -> str:
    try:
        if path.is_dir():
            raise _unreadable(name, "is a directory; expected a YAML content file")
        with path.open("rb") as handle:
            return read_text(handle, name)
    except FileNotFoundError:
        raise _unreadable(name, "no such file") from None
    except OSError as exc:
        raise _unreadable(name, f"cannot be read: {exc.strerror or exc}") from None


def _unreadable(name: str, message: str) -> ContentError:
    return ContentError([Problem(name, 1, 1, "", message)])


def read_text(handle: BinaryIO, name: str) -> str:
    """The YAML text from a file, pipe, device or standard input, read through the size cap.

    Never more than MAX_BYTES + 1 bytes are read, so /dev/zero or an endless pipe ends in an error.
    """
    try:
        raw = read_capped(handle, MAX_BYTES, too_big=f"a content file may be at most {MAX_BYTES:,} bytes")
        if b"\x00" in raw:
            raise Unreadable("is a binary file; expected UTF-8 YAML text", line=1)
        return decode(raw)
    except Unreadable as exc:
        raise ContentError([Problem(name, exc.line, 1, "", str(exc))]) from None


class _Tree:
    """Turns YAML nodes into plain data while remembering where each field was written."""

    def __init__(self, name: str):
        self.name = name
        self.value_marks: dict[FieldPath, tuple[int, int]] = {}
        self.value_spans: dict[FieldPath, tuple[int, int]] = {}  # where each scalar is written (offsets)
        self.text = ""  # the file's text, as parsed
        self.key_marks: dict[FieldPath, tuple[int, int]] = {}
        self._nodes = 0

    def build(self, text: str) -> Any:
        # YAML refuses control characters with only a byte offset; find them first so the
        # message can say which line and field they are in.
        unprintable = [(m.start(), m.group()) for m in _UNPRINTABLE.finditer(text)]
        if unprintable:
            text = _UNPRINTABLE.sub("\ufffd", text)
        try:
            data = self._compose(text)
        except ContentError:
            if not unprintable:
                raise
            data = None
        if unprintable:
            raise ContentError([self._unprintable(text, offset, char) for offset, char in unprintable])
        return data

    def _unprintable(self, text: str, offset: int, char: str) -> Problem:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        # The field is the last one that starts at or before the character.
        before = [(mark, path) for path, mark in self.value_marks.items() if mark <= (line, column)]
        field = dotted(max(before)[1]) if before else ""
        return Problem(self.name, line, column, field,
                       f"contains the unprintable character U+{ord(char):04X}; remove it "
                       "(only tabs and line breaks are allowed)")

    def _compose(self, text: str) -> Any:
        self.text = text
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = " ".join(filter(None, [exc.context, exc.problem]))
            from . import yaml_hints  # only for a file YAML cannot read: its patterns are ~1 ms of every start
            advice = yaml_hints.hint(text, exc.problem or "", line, col)
            raise ContentError([Problem(self.name, line, col, "", f"YAML syntax error: {message}"
                                        + (f"; {advice}" if advice else ""))]) from None
        except yaml.YAMLError as exc:
            raise ContentError([Problem(self.name, 1, 1, "", f"YAML error: {exc}")]) from None
        except RecursionError:
            raise ContentError([Problem(self.name, 1, 1, "", "is nested too deeply")]) from None
        if root is None:
            raise ContentError([Problem(self.name, 1, 1, "", "is empty; expected a mapping of brief fields "
                                        "(start from `briefgen new NAME`)")])
        if not isinstance(root, yaml.MappingNode):
            line, col = root.start_mark.line + 1, root.start_mark.column + 1
            kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
            raise ContentError([Problem(self.name, line, col, "",
                                        f"the top level is {kind}; expected a mapping of brief fields")])
        return self._convert(root, ())

    def _convert(self, node: yaml.Node, path: FieldPath) -> Any:
        self._nodes += 1
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        if self._nodes > MAX_NODES:
            # Aliases can multiply a small file into billions of nodes; stop long before memory does.
            raise ContentError([Problem(self.name, *mark, dotted(path),
                                        f"expands to more than {MAX_NODES:,} values (too many aliases?)")])
        if len(path) > MAX_DEPTH:
            raise ContentError([Problem(self.name, *mark, dotted(path),
                                        f"is nested more than {MAX_DEPTH} levels deep")])
        self.value_marks.setdefault(path, mark)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is None or key_node.tag == "tag:yaml.org,2002:merge":
                    raise ContentError([Problem(self.name, key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1, dotted(path),
                                                "keys must be plain names")])
                if key in result:
                    raise ContentError([Problem(self.name, key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1, dotted(path + (key,)),
                                                "is given twice")])
                self.key_marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self._convert(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._convert(item, path + (i,)) for i, item in enumerate(node.value)]
        self.value_spans[path] = (node.start_mark.index, node.end_mark.index)
        return _scalar(node)

    def mark_of_text(self, path: FieldPath, needle: str, occurrence: int) -> tuple[int, int]:
        """Where the ``occurrence``-th ``needle`` is written inside the scalar at ``path`` (else the scalar)."""
        start, end = self.value_spans.get(path, (0, 0))
        at = start - 1
        for _ in range(occurrence + 1):
            at = self.text.find(needle, at + 1, end)
            if at == -1:
                return self.mark_of(path)
        line = self.text.count("\n", 0, at) + 1
        return line, at - (self.text.rfind("\n", 0, at) + 1) + 1

    def mark_in_value(self, path: FieldPath, text: str, occurrence: int, after: bool) -> tuple[int, int]:
        """See Places.of."""
        if path not in self.value_spans:
            return self.mark_of(path, key=True)
        start, end = self.value_spans[path]
        words = text.split()
        if after:
            words.reverse()
        # All the words; else the first run of up to four of them found (from the end, for ``after``):
        # the reader's copy numbers notes and judgments where the file has none.
        for first, count in ((0, len(words)), *((n, 4) for n in range(len(words)))):
            chosen = words[first:first + count]
            if after:
                chosen.reverse()
            pattern = re.compile(r"[*_]*\s+[*_]*".join(map(re.escape, chosen)))
            found = list(pattern.finditer(self.text, start, end))
            if found:
                at = found[min(occurrence, len(found) - 1)]
                return self._line_and_column(at.end() if after else at.start())
        return self.text_start(path)

    def text_start(self, path: FieldPath) -> tuple[int, int]:
        """Where a value's text begins: after a block scalar's ``>-`` or ``|`` line, on its first word."""
        if path not in self.value_spans:
            return self.mark_of(path)
        start, end = self.value_spans[path]
        if self.text[start:start + 1] in (">", "|"):
            start = self.text.find("\n", start, end) + 1 or start
            start += len(self.text[start:end]) - len(self.text[start:end].lstrip())
        return self._line_and_column(start)

    def _line_and_column(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def _dedented(self, path: FieldPath, line: int) -> str:
        """For an unknown key that a mapping above it takes: say to indent it there (a dedented key)."""
        parent, key = path[:-1], path[-1]
        above = sorted(((mark, p[-1]) for p, mark in self.key_marks.items()
                        if p[:-1] == parent and mark[0] < line), reverse=True)
        for _, sibling in above:
            part = part_at(Brief, parent + (sibling,))
            if part is not None and key in field_names(part):
                inside = [mark[1] for p, mark in self.key_marks.items()
                          if p[:len(parent) + 1] == parent + (sibling,) and len(p) > len(parent) + 1]
                where = f" at column {min(inside)}, as the keys inside it" if inside else ""
                return f"'{key}' is a field of '{sibling}' above it: indent it under '{sibling}'{where}"
        return ""

    def mark_of(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path:
            if path in self.value_marks:
                return self.value_marks[path]
            path = path[:-1]
        return self.value_marks.get((), (1, 1))

    def problems_from(self, issues: list[Issue]) -> Iterator[Problem]:
        for issue in issues:
            if issue.at == "key":
                line, col = self.mark_of(issue.path, key=True)
                dedented = self._dedented(issue.path, line)
                if dedented:  # a better hint than "did you mean" another name
                    issue = Issue(issue.path, f"unknown field here; {dedented}", issue.at)
            elif issue.at == "parent":
                line, col = self.mark_of(issue.path[:-1])
            else:
                line, col = self.mark_of(issue.path)
            yield Problem(self.name, line, col, dotted(issue.path), issue.message)


class _Written(float):
    """A number as the file wrote it, for a field that takes it as a label: version 1.10 is not 1.1."""

    def __new__(cls, text: str) -> "_Written":
        number = super().__new__(cls, text.replace("_", ""))
        number.written = text
        return number

    def __getnewargs__(self) -> tuple[str]:  # pickled as written
        return (self.written,)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return _Written(value)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:null":
        return None
    # Timestamps stay text: the model parses ISO dates itself, with its own precision.
    return value


class _Bibliography:
    """What the ``bibliography`` files gave the brief, beyond the entries it cites (merged into ``sources``):
    the ids it does not cite (offered as "did you mean"), ids defined more than once, and entries that could
    not be used, each with where and why, so that a citation of one says so rather than "unknown source"."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.uncited: set[str] = set()
        self.ambiguous: dict[str, list[str]] = {}  # id → every place it is defined (two or more)
        self.unusable: dict[str, str] = {}  # id → "refs.bib:9: why it cannot be used"


def _merge_bibliography(data: dict[str, Any], tree: _Tree, folder: Path) -> _Bibliography:
    """Add the entries of the ``bibliography`` files (relative to ``folder``) that the brief cites to ``sources``.

    As with pandoc, only the entries the brief cites are added (a Zotero export may hold thousands). A file
    that cannot be read is an error placed at its name in the content file. An entry that cannot be used
    (malformed, without a key or a title) or whose id is defined again (in a file, another file, or under
    ``sources``) is a warning at its line in the bibliography file, and is skipped; it is an error, placed
    at the citation, only if the brief cites it.
    """
    found = _Bibliography()
    files = data.get("bibliography")
    names = [files] if isinstance(files, str) else files
    sources = data.get("sources", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or not isinstance(sources, list):
        return found  # the model reports the wrong type
    from .bibliography import BibliographyError, read
    defined: dict[str, list[str]] = {}
    for index, source in enumerate(sources):
        if isinstance(source, dict) and isinstance(source.get("id"), str):
            line, _ = tree.mark_of(("sources", index, "id"))
            defined.setdefault(source["id"], []).append(f"{tree.name}:{line}")
    cited = _cited_ids(data)
    first: dict[str, dict[str, str]] = {}  # each id's first usable entry in the files
    skipped: list[tuple[str, Problem]] = []  # (id, the warning) for entries left out
    bidi: list[Problem] = []
    for index, name in enumerate(names):
        field = ("bibliography", index) if isinstance(files, list) else ("bibliography",)
        file = folder / name
        try:
            read_file = read(file)
        except BibliographyError as exc:
            found.problems.append(Problem(tree.name, *tree.mark_of(field), dotted(field), f"{file}: {exc}"))
            continue
        found.problems += [Problem(str(file), line, column, where, message)
                           for line, column, where, message in read_file.problems]
        # Usable entries first: a file's second definition of an id is the one said to be skipped.
        for entry in read_file.entries:
            key = entry.source["id"]
            places = defined.setdefault(key, [])
            places.append(f"{file}:{entry.line}")
            if len(places) == 1:
                first[key] = entry.source
                if key in cited:
                    bidi += _entry_bidi_warnings(file, entry)
            else:
                skipped.append((key, Problem(str(file), entry.line, entry.column, key, f"source id {key!r} is also "
                                             f"defined at {places[0]}; this entry is skipped", warning=True)))
        for entry in read_file.skipped:
            place = f"{file}:{entry.line}"
            if entry.key and "used again" in entry.message:  # a second definition: the id is ambiguous
                defined.setdefault(entry.key, []).append(place)
            elif entry.key:
                found.unusable.setdefault(entry.key, f"{place}: {entry.message}")
            skipped.append((entry.key, Problem(str(file), entry.line, entry.column, entry.key,
                                               f"{entry.message}; it is skipped", warning=True)))
    found.ambiguous = {key: places for key, places in defined.items() if len(places) > 1}
    # A cited entry that is ambiguous or unusable is said once, at its citation (see _markup_problems).
    found.warnings = [warning for key, warning in skipped if key not in cited] + bidi
    merged = list(sources)
    for key, source in first.items():
        if key not in cited:
            found.uncited.add(key)
        elif key not in found.ambiguous:
            merged.append(source)
    if merged:
        data["sources"] = merged
    return found


def _cited_ids(data: dict[str, Any]) -> set[str]:
    """Every source id the brief cites, in prose or as a quote's source (malformed markup is reported later)."""
    cited: set[str] = set()
    for path, text in text_fields(data, ()):
        if path[-1:] == ("source",) and "quotes" in path:
            cited.add(text)
            continue
        try:
            cited.update(c.id for c in inline.citations(text))
        except inline.MarkupError:
            pass
    return cited


def _image_problems(data: dict[str, Any], tree: _Tree, folder: Path, notes: list[str]) -> list[Problem]:
    """Each image must be a readable PNG or JPEG inside the content file's folder.

    A good one's path is replaced by the resolved file, so the layout never needs to know
    where the content file was. The metadata its products leave out is said once in ``notes``.
    """
    pictures = data.get("images")
    if not isinstance(pictures, list) or not pictures:
        return []
    from . import images

    problems = []
    cleaned: dict[str, None] = {}
    removed: dict[str, None] = {}
    for index, picture in enumerate(pictures):
        written = picture.get("image") if isinstance(picture, dict) else None
        if not isinstance(written, str) or not written:
            continue  # reported by the model as missing or not text
        path = ("images", index, "image")
        try:
            image = images.read(images.resolve(written, folder))
        except images.ImageProblem as exc:
            problems.append(Problem(tree.name, *tree.mark_of(path), dotted(path), str(exc)))
            continue
        picture["image"] = str(image.path)
        if image.removed:
            cleaned[written] = None
            removed.update(dict.fromkeys(image.removed))
    if cleaned:
        line, column = tree.mark_of(("images",))
        notes.append(f"{tree.name}:{line}:{column}: images: note: the products carry {', '.join(cleaned)} "
                     f"without {'its' if len(cleaned) == 1 else 'their'} metadata "
                     f"({images.described(tuple(removed))})")
    return problems


def _style_problems(data: dict[str, Any], tree: _Tree, folder: Path) -> list[Problem]:
    """The citation style must be one briefgen ships or a readable CSL file; a file's path is resolved here,
    so the layout never needs to know where the content file was."""
    spec = data.get("csl")
    if not isinstance(spec, str) or not spec.strip():
        return []  # reported by the model as missing or not text
    from .citation_styles import StyleError, resolve
    try:
        data["csl"] = resolve(spec, folder)
    except StyleError as exc:
        return [Problem(tree.name, *tree.mark_of(("csl",)), "csl", str(exc))]
    return []


def _table_problems(data: dict[str, Any], tree: _Tree) -> Iterator[Problem]:
    """Every row of a section's table has as many cells as its header."""
    sections = data.get("sections")
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        table = section.get("table") if isinstance(section, dict) else None
        if not isinstance(table, dict) or not isinstance(table.get("header"), list):
            continue
        columns = len(table["header"])
        for number, row in enumerate(table.get("rows") if isinstance(table.get("rows"), list) else []):
            if isinstance(row, list) and len(row) != columns:
                path = ("sections", index, "table", "rows", number)
                yield Problem(tree.name, *tree.mark_of(path), dotted(path),
                              f"has {len(row)} cells; the header has {columns}")


def _markup_problems(data: dict[str, Any], tree: _Tree, bibliography: _Bibliography | None = None
                     ) -> Iterator[Problem]:
    """Malformed links, duplicate source ids and citations of unknown, ambiguous or unusable sources.

    Checked on the raw data, so that they are reported together with the model's problems.
    """
    sources = data.get("sources")
    known: set[str] = set()
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        key = source.get("id") if isinstance(source, dict) else None
        if isinstance(key, str):
            if key in known:
                path = ("sources", index, "id")
                yield Problem(tree.name, *tree.mark_of(path), dotted(path), f"source id {key!r} is used twice")
            known.add(key)
    bibliography = bibliography or _Bibliography()
    if not known and not bibliography.ambiguous and not bibliography.unusable:
        return  # the missing or broken sources list is reported by the model; one problem, not one per citation
    for path, text in text_fields(data, ()):
        # How a key is written where it is cited: the id itself in a quote's source, "@id" in prose.
        if path[-1:] == ("source",) and "quotes" in path:
            cited, written = [text], "{}"
        else:
            written = "@{}"
            try:
                cited = [c.id for c in inline.citations(text)]
            except inline.MarkupError as exc:
                yield Problem(tree.name, *tree.mark_of(path), dotted(path), str(exc))
                continue
        seen: dict[str, int] = {}
        for key in cited:
            occurrence = seen[key] = seen.get(key, -1) + 1
            if key in known and key not in bibliography.ambiguous:
                continue
            # Placed at the citation itself, so that a long paragraph's bad key is easy to find.
            form = written if written == "{}" or written.format(key) in text else "@{{{}}}"  # @{key}, as pandoc
            mark = tree.mark_of_text(path, form.format(key), occurrence)
            if key in bibliography.ambiguous:
                message = (f"cites {key!r}, which is defined more than once ({', '.join(bibliography.ambiguous[key])}); "
                           "keep one of them, or give the others ids of their own")
            elif key in bibliography.unusable:
                message = f"cites {key!r}, whose entry cannot be used: {bibliography.unusable[key]}"
            else:
                message = _unknown_source(key, known | bibliography.uncited)
                misspelt = _misspelt_bibliography(data)
                if misspelt:
                    line, _ = tree.mark_of((misspelt,), key=True)
                    message += (f" (the field {misspelt!r} on line {line} is not 'bibliography', so no "
                                "bibliography file was read)")
            yield Problem(tree.name, *mark, dotted(path), message)


def _scenario_problems(data: dict[str, Any], tree: _Tree) -> Iterator[Problem]:
    """Names that must be the outlook's: an indicator's scenario, a judgment's scenarios, an alternative's
    indicators (by their ids), and the parts a meeting wants on main slides (checked on the raw data, as above)."""
    outlook = data.get("outlook")
    outlook = outlook if isinstance(outlook, dict) else {}
    scenarios = outlook.get("scenarios")
    indicators = _mappings(outlook.get("indicators"))
    if isinstance(scenarios, list):
        names = [s["name"] for s in scenarios if isinstance(s, dict) and isinstance(s.get("name"), str)]
        named = [(("outlook", "indicators", i, "scenario"), indicator.get("scenario"))
                 for i, indicator in indicators]
        for i, judgment in _mappings(data.get("key_judgments")):
            held = judgment.get("scenarios")
            named += [(("key_judgments", i, "scenarios", n), name)
                      for n, name in enumerate(held if isinstance(held, list) else [])]
        for path, name in named:
            if isinstance(name, str) and name not in names:
                yield Problem(tree.name, *tree.mark_of(path), dotted(path),
                              f"names no scenario of the outlook; {_closest(name, names, 'the scenarios are')}")
    ids: dict[str, int] = {}
    for i, indicator in indicators:
        key = indicator.get("id")
        if isinstance(key, str) and key in ids:
            path = ("outlook", "indicators", i, "id")
            yield Problem(tree.name, *tree.mark_of(path), dotted(path),
                          f"indicator id {key!r} is used twice: indicators[{ids[key]}] has it too")
        elif isinstance(key, str):
            ids[key] = i
    for i, alternative in _mappings(data.get("alternatives")):
        tied = alternative.get("indicators")
        for n, key in enumerate(tied if isinstance(tied, list) else []):
            if isinstance(key, str) and key not in ids:
                path = ("alternatives", i, "indicators", n)
                hint = _closest(key, list(ids), "the indicators' ids are") if ids else \
                    "no indicator has an id yet: give the one you mean `id: " + key + "`"
                yield Problem(tree.name, *tree.mark_of(path), dotted(path),
                              f"names no indicator of the outlook by its id; {hint}")
    meeting = data.get("meeting")
    wanted = meeting.get("main") if isinstance(meeting, dict) else None
    if isinstance(wanted, list):
        from .model import MAIN_PARTS
        titles = [s["title"] for _, s in _mappings(data.get("sections")) if isinstance(s.get("title"), str)]
        for n, name in enumerate(wanted):
            if isinstance(name, str) and name not in MAIN_PARTS and name not in titles:
                path = ("meeting", "main", n)
                yield Problem(tree.name, *tree.mark_of(path), dotted(path),
                              f"is neither a part nor a section's title; "
                              f"{_closest(name, [*MAIN_PARTS, *titles], 'the parts are')}")


def _mappings(items: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a raw list, with their positions (anything else is the model's to report)."""
    return [(i, item) for i, item in enumerate(items if isinstance(items, list) else []) if isinstance(item, dict)]


def _closest(name: str, names: list[str], listing: str) -> str:
    import difflib  # only when a name is wrong

    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"{listing}: {', '.join(map(repr, names))}"


def _unknown_source(key: str, known: set[str]) -> str:
    import difflib  # only when a citation is wrong

    # "@Gel'fand1975" cites "Gel": an id with other punctuation than pandoc's is cited in braces.
    longer = sorted(k for k in known if k.startswith(key) and len(k) > len(key) and not inline.citable_bare(k))
    if longer:
        return (f"cites unknown source {key!r}; did you mean @{{{longer[0]}}}? An id holding "
                f"{longer[0][len(key)]!r} is cited in braces")
    close = difflib.get_close_matches(key, sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known sources: {', '.join(sorted(known))}"
    return f"cites unknown source {key!r}{hint}"
