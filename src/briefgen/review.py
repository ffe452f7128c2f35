"""A reviewed Word brief → each comment and tracked change, placed in the content file it was made from.

Analysts write YAML; reviewers comment and track changes in Word or LibreOffice. The Word brief
marks every paragraph and table cell with the content field it was written from (a hidden
bookmark, see render/docx/markers.py), so each remark is traced to its field and, where its
words can be found there, to the line and column inside it:

    content/nrf.yaml:52:7: key_judgments[0].basis: comment by Ann Reviewer (2024-05-02): Which article?

A remark outside every marked field (in a paragraph a reviewer added) is placed at the field of
the nearest heading above it, and says so. A .docx without the marks is an error, not a guess.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Iterator

from .errors import BriefgenError
from .load import Places
from .model import dotted
from .parts import FieldPath
from .render.docx.markers import PREFIX, field_name, name_of, names_of
from .user_files import Unreadable, read_file
from .value import Value, replace

MAX_FILE = 64 * 1024 * 1024   # the .docx
MAX_ENTRIES = 5000
MAX_PART = 32 * 1024 * 1024   # document.xml, comments.xml, styles.xml, inflated

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_STYLES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_FOOTNOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_DOCUMENT_TYPES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                   "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# A run's own tracked change; w:ins or w:del inside run or paragraph properties marks a paragraph mark or a
# formatting change, which has no words to report.
_CHANGES = {_w("ins"): "insertion", _w("del"): "deletion", _w("moveTo"): "insertion", _w("moveFrom"): "deletion"}
_TEXT_BOX = _w("txbxContent")
_PROPERTIES = {_w("rPr"), _w("pPr"), _w("tblPr"), _w("trPr"), _w("tcPr"), _w("sectPr")}


class ReviewError(BriefgenError):
    """A .docx that cannot be read as a reviewed briefgen brief."""


class Remark(Value):
    """One comment or tracked change, where it belongs in the content file."""

    file: str
    line: int
    column: int
    field: str        # the dotted field path ("key_judgments[0].basis"), "" when even the heading has none
    kind: str         # comment | insertion | deletion
    author: str
    date: str         # YYYY-MM-DD, "" when the application wrote none
    text: str         # the comment, or the words inserted or deleted
    heading: str = ""  # for a remark outside every field: the heading it is under

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " + (f"{self.field}: " if self.field else "")
        under = f" under the heading \"{self.heading}\"" if self.heading else ""
        author = self.author or "someone"
        if self.kind == "comment":
            when = f" ({self.date})" if self.date else ""
            return f"{where}comment by {author}{when}{under}: {self.text}"
        verb = "inserted" if self.kind == "insertion" else "deleted"
        return f"{where}{author} {verb} \"{self.text}\"{under}"

    def as_data(self) -> dict:
        return {name: getattr(self, name) for name in self._names}


class Review(Value):
    remarks: tuple[Remark, ...]  # in the order of the content file's lines
    title: str  # the brief's title as the reviewed copy first had it: which content file it was made from


def read(reviewed: Path, places: Places) -> Review:
    """Every comment and tracked change in ``reviewed``, placed in the content file ``places`` describes."""
    package = _Package(reviewed)
    walk = _Walk(package.comments(), _heading_styles(package.styles()))
    walk.run(package.document())
    footnotes = package.footnotes()
    if footnotes is not None:  # each note marked with the source it cites
        walk.heading = walk.heading_mark = ""
        walk.run(footnotes)
    found = walk.found()
    if not found.marks:
        raise ReviewError(f"{reviewed}: has no briefgen field marks, so its comments cannot be traced to the "
                          "content; comment on a .docx that `briefgen docx` wrote (its marks are hidden bookmarks "
                          f"named {PREFIX}…; an application that drops bookmarks drops them too)")
    names = names_of(places.fields())
    placed = [_place(event, names, places) for event in found.events]
    ordered = [remark for _, remark in sorted(placed, key=lambda item: (item[1].line, item[1].column, item[0]))]
    return Review(tuple(ordered), found.title)


def _field(mark: str, names: dict[str, FieldPath]) -> FieldPath | None:
    """The field a mark names, or the nearest field above it that the content file still has."""
    name = field_name(mark)
    while name and name != PREFIX.rstrip("_"):
        if name in names:
            return names[name]
        name = name.rpartition("_")[0]
    return None


class _Event(Value):
    order: int
    kind: str
    author: str
    date: str
    text: str            # the comment; the words inserted or deleted
    mark: str            # the bookmark name of the field it is in, "" if none
    before: str          # the field's text (as first written) before the place
    words: list          # the commented words, filled in up to the range's end (a list, to share while walking)
    heading: str = ""
    heading_mark: str = ""


def _place(event: _Event, names: dict[str, FieldPath], places: Places) -> tuple[int, Remark]:
    path = _field(event.mark, names) if event.mark else None
    heading = ""
    if path is None:
        path = _field(event.heading_mark, names) if event.heading_mark else None
        heading = event.heading
    if path is None:
        line, column = places.of(())
        return event.order, Remark(places.file, line, column, "", event.kind, event.author, event.date,
                                   event.text, heading or "(none)")
    if heading or not event.mark:
        line, column = places.of(path)
    elif event.kind == "insertion":
        # An insertion is placed after the words it follows (at the field's start if it opens it).
        context = " ".join(event.before.split()[-4:])
        line, column = places.of(path, context, max(event.before.count(context) - 1, 0), after=True) \
            if context else places.of(path)
    else:
        needle = " ".join(("".join(event.words) if event.kind == "comment" else event.text).split())
        line, column = places.of(path, needle, event.before.count(needle)) if needle else places.of(path)
    return event.order, Remark(places.file, line, column, dotted(path), event.kind, event.author, event.date,
                               event.text, heading)


class _Found(Value):
    marks: tuple[str, ...]
    events: tuple[_Event, ...]
    title: str


class _Walk:
    """Reads document.xml in reading order, keeping which field marks are open at each point."""

    def __init__(self, comments: dict[str, tuple[str, str, str]], heading_styles: set[str]) -> None:
        self.comments = comments  # id → (author, date, text)
        self.heading_styles = heading_styles
        self.open: dict[str, str] = {}         # bookmark id → name, for the marks open here
        self.texts: dict[str, list[str]] = {}  # each mark's text so far, as first written
        self.marks: list[str] = []
        self.events: list[_Event] = []
        self.collecting: dict[str, list[str]] = {}  # comment id → its commented words, while its range is open
        self.anchored: set[str] = set()
        self.heading, self.heading_mark = "", ""
        self.title = ""  # the paragraph the title's mark starts in (LibreOffice may end a mark a letter early)
        # The paragraph being read: its marks, its words, whether it is a heading, its remarks outside every mark.
        self.paragraph_marks: list[str] = []
        self.paragraph_text: list[str] = []
        self.paragraph_heading = False
        self.unplaced: list[int] = []
        self.change: tuple[object, _Event, list[str]] | None = None  # the element, its event, its words
        self.last_change: object = None  # the element of the last change event, which a sibling may continue
        # Inside a drawing's text box: its paragraphs are the drawing's words, within the paragraph holding it.
        self.boxed = 0

    def run(self, document) -> None:
        from lxml import etree
        walk = etree.iterwalk(document, events=("start", "end"))
        for action, element in walk:
            tag = element.tag
            if action == "start" and (tag == _MC_FALLBACK or tag in _PROPERTIES):
                walk.skip_subtree()  # a drawing's fallback repeats its text; properties hold no words
            elif action == "start":
                self._start(element, tag)
            elif self.change is not None and element is self.change[0]:
                self._change_end()
            elif tag == _TEXT_BOX:
                self.boxed -= 1
            elif tag == _w("p") and not self.boxed:
                self._paragraph_end()

    def found(self) -> _Found:
        return _Found(tuple(self.marks), tuple(self.events), self.title)

    def _start(self, element, tag: str) -> None:
        if tag == _TEXT_BOX:
            self.boxed += 1
        elif tag == _w("p") and not self.boxed:
            self._paragraph_start(element)
        elif tag == _w("bookmarkStart"):
            name = element.get(_w("name"), "")
            if field_name(name) is not None:
                self.open[element.get(_w("id"), "")] = name
                self.texts[name] = []
                self.marks.append(name)
                self.paragraph_marks.append(name)
        elif tag == _w("bookmarkEnd"):
            name = self.open.pop(element.get(_w("id"), ""), None)
            if name is not None:
                self.paragraph_marks.append(name)
        elif tag == _w("commentRangeStart"):
            self._comment(element.get(_w("id"), ""), collect=True)
        elif tag == _w("commentReference"):
            self._comment(element.get(_w("id"), ""), collect=False)
        elif tag == _w("commentRangeEnd"):
            self.collecting.pop(element.get(_w("id"), ""), None)
        elif tag in _CHANGES and self.change is None:
            event = self._event(_CHANGES[tag], element.get(_w("author"), ""), _day(element.get(_w("date"))), "")
            self.change = (element, event, [])
        elif tag in (_w("t"), _w("delText"), _w("tab"), _w("br"), _w("cr")):
            self._text(element, tag)

    def _paragraph_start(self, element) -> None:
        self.paragraph_marks, self.paragraph_text, self.unplaced = [], [], []
        properties = element.find(_w("pPr"))
        style = properties.find(_w("pStyle")) if properties is not None else None
        self.paragraph_heading = (style is not None and style.get(_w("val")) in self.heading_styles) or (
            properties is not None and properties.find(_w("outlineLvl")) is not None)

    def _paragraph_end(self) -> None:
        # A remark before a mark's start in its paragraph is about that field (at its start).
        if self.paragraph_marks:
            for order in self.unplaced:
                self.events[order] = replace(self.events[order], mark=self.paragraph_marks[0])
        self.unplaced = []
        text = " ".join("".join(self.paragraph_text).split())
        if name_of(("title",)) in self.paragraph_marks and not self.title:
            self.title = text
        if self.paragraph_heading:
            self.heading = text
            self.heading_mark = self.paragraph_marks[0] if self.paragraph_marks else ""

    def _change_end(self) -> None:
        element, event, words = self.change
        self.change = None
        text = "".join(words)
        if not text.strip():
            return  # a change of formatting or of an empty run: no words to report
        last = self.events[-1] if self.events else None
        # Word splits one edit into several elements where the formatting changes: they are one change.
        if last is not None and element.getprevious() is self.last_change and last.kind == event.kind \
                and last.author == event.author:
            self.events[-1] = replace(last, text=last.text + text)
        else:
            self._add(replace(event, text=text))
        self.last_change = element

    def _event(self, kind: str, author: str, date: str, text: str, words: list | None = None) -> _Event:
        mark = next(reversed(self.open.values()), "")  # the innermost
        return _Event(0, kind, author, date, text, mark, "".join(self.texts.get(mark, ())),
                      [] if words is None else words, self.heading, self.heading_mark)

    def _add(self, event: _Event) -> None:
        ended = [name for name in self.paragraph_marks if name not in self.open.values()]
        if not event.mark and ended:
            # Typed after a mark's end in its paragraph (Word leaves the end where the field's text ended).
            event = replace(event, mark=ended[-1], before="".join(self.texts[ended[-1]]))
        event = replace(event, order=len(self.events))
        self.events.append(event)
        if not event.mark:
            self.unplaced.append(event.order)

    def _comment(self, number: str, *, collect: bool) -> None:
        if number in self.anchored or number not in self.comments:
            return  # a reference after its range, or a comment comments.xml does not hold
        self.anchored.add(number)
        author, date, text = self.comments[number]
        words: list[str] = []
        if collect:
            self.collecting[number] = words
        self._add(self._event("comment", author, date, text, words))

    def _text(self, element, tag: str) -> None:
        text = (element.text or "") if tag in (_w("t"), _w("delText")) else ("\t" if tag == _w("tab") else " ")
        if self.change is not None:
            self.change[2].append(text)
            if self.change[1].kind == "insertion":
                return  # not in the text the content file holds
        self.paragraph_text.append(text)
        for name in self.open.values():
            self.texts[name].append(text)
        for words in self.collecting.values():
            words.append(text)


def _day(stamp: str | None) -> str:
    """The date of a w:date stamp ("2024-05-02T10:00:00Z" → "2024-05-02")."""
    found = re.match(r"\d{4}-\d{2}-\d{2}", stamp or "")
    return found.group() if found else ""


def _heading_styles(styles) -> set[str]:
    """The ids of the paragraph styles that are headings: Word's "heading N" and "Title", or any with an
    outline level (LibreOffice keeps the names and may change the ids)."""
    if styles is None:
        return set()
    found = set()
    for style in styles.iterfind(_w("style")):
        name = style.find(_w("name"))
        named = (name.get(_w("val"), "") if name is not None else "").lower()
        if named.startswith("heading") or named == "title" or style.find(f"{_w('pPr')}/{_w('outlineLvl')}") \
                is not None:
            found.add(style.get(_w("styleId"), ""))
    return found


class _Package:
    """The parts of a .docx that hold its text, comments and styles, read as untrusted input (see
    render/office/template.py): a regular file of bounded size, every part through a cap."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            raw = read_file(path, MAX_FILE, too_big="a reviewed brief is far smaller")
        except Unreadable as exc:
            raise ReviewError(f"{path}: {exc}") from None
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
        except zipfile.BadZipFile:
            raise ReviewError(f"{path}: is not a Word document (.docx): not a zip package") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ReviewError(f"{path}: has more than {MAX_ENTRIES} parts; not a brief")
        self.entries = {info.filename.lower(): info for info in infos}
        self.main = self._main()
        self.rels = self._rels(self.main)

    def document(self):
        return self._xml(self.main)

    def comments(self) -> dict[str, tuple[str, str, str]]:
        """Each comment by its id: author, date, and its paragraphs' text."""
        root = self._related(_COMMENTS_TYPE)
        found = {}
        for comment in root.iterfind(_w("comment")) if root is not None else ():
            paragraphs = [" ".join("".join(t.text or "" for t in p.iter(_w("t"))).split())
                          for p in comment.iter(_w("p"))]
            found[comment.get(_w("id"), "")] = (comment.get(_w("author"), ""), _day(comment.get(_w("date"))),
                                                " / ".join(p for p in paragraphs if p))
        return found

    def styles(self):
        return self._related(_STYLES_TYPE)

    def footnotes(self):
        return self._related(_FOOTNOTES_TYPE)

    def _main(self) -> str:
        for rel in self._rels("").values() if "_rels/.rels" in self.entries else ():
            if rel[0] in _DOCUMENT_TYPES:
                return rel[1]
        raise ReviewError(f"{self.path}: is not a Word document (.docx): it has no main document part")

    def _related(self, kind: str):
        targets = [target for rel_type, target in self.rels.values() if rel_type == kind]
        return self._xml(targets[0]) if targets and targets[0].lower() in self.entries else None

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships, id → (type, the target's part name)."""
        folder, _, name = part.rpartition("/")
        rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        if rels_name.lower() not in self.entries:
            return {}
        found = {}
        for rel in self._xml(rels_name):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            resolved = posixpath.normpath(posixpath.join(folder, target)).lstrip("/") if not target.startswith("/") \
                else target.lstrip("/")
            found[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
        return found

    def _xml(self, name: str):
        from .render.office.sanitise import untrusted_xml
        info = self.entries.get(name.lower())
        if info is None:
            raise ReviewError(f"{self.path}: is not a Word document (.docx): {name} is missing")
        if info.file_size > MAX_PART:
            raise ReviewError(f"{self.path}: {name} inflates to {info.file_size:,} bytes; at most {MAX_PART:,} "
                              "are read")
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
            raise ReviewError(f"{self.path}: {name} cannot be read: {exc}") from None
        if len(data) > MAX_PART:
            raise ReviewError(f"{self.path}: {name} inflates to more than {MAX_PART:,} bytes")
        try:
            return untrusted_xml(data)
        except ValueError as exc:
            raise ReviewError(f"{self.path}: {name} {exc}") from None
