"""`briefgen comments`: a reviewer's comments and tracked changes in the Word brief, traced to the YAML.

The reviewed copy is made as a reviewer's application makes it: comments through python-docx's
comments API, tracked changes as Word writes them (w:ins, w:del with author and date); then it
is saved again by LibreOffice. Where each remark belongs is worked out here from the YAML text
itself (yaml's own node marks and the words chosen), not from briefgen's loader.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from hypothesis import given, strategies as st
from lxml import etree

from briefgen.layout.document import Figure, compose
from briefgen.load import load, load_placed
from briefgen.theme import load_theme
from briefgen.render.docx.markers import MAX_NAME, field_name, name_of, names_of
from briefgen.review import read

from .conftest import EXAMPLE, NRF, run_briefgen

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REVIEW_DATE = "2024-05-03T09:00:00Z"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# -- where a field's words are written in the YAML, found without briefgen ----------------------------------

def node_at(path: tuple) -> yaml.Node:
    node = yaml.compose(NRF.read_text(encoding="utf-8"))
    for key in path:
        if isinstance(key, int):
            node = node.value[key]
        else:
            node = next(value for k, value in node.value if k.value == key)
    return node


def words_of(path: tuple) -> list[str]:
    """Three plain words of a field (letters only, so no markup or citation is among them), written nowhere else."""
    node, text = node_at(path), NRF.read_text(encoding="utf-8")
    words = node.value.split()
    for n in range(len(words) - 3):
        chosen = words[n:n + 3]
        if all(re.fullmatch(r"[A-Za-z]+", word) for word in chosen) \
                and len(re.findall(r"\s+".join(chosen), text)) == 1:
            return chosen
    raise AssertionError(f"no three plain words in {path}")


def written_at(path: tuple, words: list[str], *, end: bool = False) -> tuple[int, int]:
    """Line and column of ``words`` in the YAML text of the field at ``path`` (folded lines and all)."""
    node = node_at(path)
    text = NRF.read_text(encoding="utf-8")
    found = re.compile(r"\s+".join(words)).search(text, node.start_mark.index, node.end_mark.index)
    offset = found.end() if end else found.start()
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def key_mark(path: tuple, content: Path = NRF) -> tuple[int, int]:
    """Line and column of the key of the field at ``path`` (a list's or mapping's place is its key)."""
    node = yaml.compose(content.read_text(encoding="utf-8"))
    for n, key in enumerate(path):
        pair = next((k, v) for k, v in node.value if k.value == key)
        if n == len(path) - 1:
            return pair[0].start_mark.line + 1, pair[0].start_mark.column + 1
        node = pair[1]


def key_line(key: str) -> int:
    return next(n for n, line in enumerate(NRF.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(f"{key}:"))


# -- a reviewer at work ------------------------------------------------------------------------------------

class Reviewer:
    """Selects words in the Word brief and comments on them or changes them, tracked."""

    def __init__(self, path: Path) -> None:
        self.document = docx.Document(str(path))

    def select(self, words: list[str]) -> etree._Element:
        """Split the run holding ``words`` so that they are a run of their own; return it."""
        phrase = " ".join(words)
        # The text of the brief, not a drawn figure's labels (a figure repeats words of the table beside it).
        runs = [r for r in self.document.element.body.iter(w("r")) if not r.xpath("ancestor::w:drawing")]
        for r in runs:
            texts = r.findall(w("t"))
            if len(texts) == 1 and phrase in (texts[0].text or ""):
                before, after = texts[0].text.split(phrase, 1)
                for piece, where in ((before, "before"), (after, "after")):
                    if piece:
                        twin = copy.deepcopy(r)
                        twin.find(w("t")).text = piece
                        twin.find(w("t")).set(XML_SPACE, "preserve")
                        (r.addprevious if where == "before" else r.addnext)(twin)
                texts[0].text = phrase
                return r
        raise AssertionError(f"{phrase!r} is not in one run of the brief")

    def comment(self, words: list[str], text: str, author: str) -> None:
        r = self.select(words)
        paragraph = Paragraph(r.getparent(), self.document)
        self.document.add_comment(Run(r, paragraph), text=text, author=author, initials=author[:2])

    def insert_after(self, words: list[str], text: str, author: str) -> None:
        ins = self._change("ins", author)
        run = etree.SubElement(ins, w("r"))
        t = etree.SubElement(run, w("t"))
        t.text, _ = text, t.set(XML_SPACE, "preserve")
        self.select(words).addnext(ins)

    def delete(self, words: list[str], author: str) -> None:
        r = self.select(words)
        deleted = self._change("del", author)
        r.addprevious(deleted)
        deleted.append(r)
        t = r.find(w("t"))
        t.tag = w("delText")

    def add_paragraph_after_heading(self, heading: str, text: str, comment: str, author: str) -> None:
        """A paragraph of the reviewer's own under ``heading`` (outside every field), with a comment on it."""
        target = next(p for p in self.document.paragraphs if p.text == heading)
        new = copy.deepcopy(target._p)
        for child in list(new):
            new.remove(child)
        target._p.addnext(new)
        paragraph = Paragraph(new, self.document)
        run = paragraph.add_run(text)
        self.document.add_comment(run, text=comment, author=author, initials=author[:2])

    _ids = iter(range(900, 1000))

    def _change(self, kind: str, author: str) -> etree._Element:
        return etree.Element(w(kind), {w("id"): str(next(self._ids)), w("author"): author, w("date"): REVIEW_DATE})

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


# Five comments and three tracked changes, on different parts: field, kind, author, and what they say.
COMMENTS = (
    (("title",), "Ann Reviewer", "Too long for the cover."),
    (("key_judgments", 2, "basis"), "Ann Reviewer", "Which report says so?"),
    (("outlook", "paragraphs", 0), "Bob Editor", "Check this against Reuters."),
    (("actors", 0, "stance"), "Bob Editor", "Does the NRF say so itself?"),
    (("sections", 0, "paragraphs", 0), "Ann Reviewer", "Shorten."),
)
INSERTED = (("context", "paragraphs", 0), " (in 2021)", "Cy Checker")
DELETED = ((("outlook", "scenarios", 1, "description"), "Cy Checker"), (("implications", 0), "Ann Reviewer"))


@pytest.fixture(scope="module")
def brief(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("brief") / "nrf.docx"
    result = run_briefgen("docx", NRF, "-o", path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def reviewed(brief, tmp_path_factory) -> dict[str, Path]:
    """The reviewed copy as python-docx saved it, and as LibreOffice saved it again (docx → docx)."""
    folder = tmp_path_factory.mktemp("reviewed")
    reviewer = Reviewer(brief)
    for path, author, text in COMMENTS:
        reviewer.comment(words_of(path), text, author)
    path, text, author = INSERTED
    reviewer.insert_after(words_of(path), text, author)
    for path, author in DELETED:
        reviewer.delete(words_of(path), author)
    reviewer.add_paragraph_after_heading("Key assumptions", "A paragraph of the reviewer's own.",
                                         "Move this into the assumptions.", "Dee Lead")
    saved = reviewer.save(folder / "nrf-reviewed.docx")
    return {"python-docx": saved, "LibreOffice": libreoffice_saved(saved, folder / "libreoffice")}


def libreoffice_saved(path: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is not installed"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(path)],
                       capture_output=True, text=True, timeout=300, check=True)
    saved = folder / path.name
    assert saved.exists(), "LibreOffice did not save the reviewed copy"
    return saved


def expected() -> list[tuple[int, int, str, str, str, str]]:
    """(line, column, field, kind, author, text) of every remark, in line order."""
    def dotted(path):
        return "".join(f"[{k}]" if isinstance(k, int) else (f".{k}" if n else k) for n, k in enumerate(path))

    found = [(*written_at(path, words_of(path)), dotted(path), "comment", author, text)
             for path, author, text in COMMENTS]
    path, text, author = INSERTED
    found.append((*written_at(path, words_of(path), end=True), dotted(path), "insertion", author, text))
    found += [(*written_at(path, words_of(path)), dotted(path), "deletion", author, " ".join(words_of(path)))
              for path, author in DELETED]
    found.append((key_line("key_assumptions"), 1, "key_assumptions", "comment", "Dee Lead",
                  "Move this into the assumptions."))
    return sorted(found)


@pytest.mark.slow
@pytest.mark.parametrize("saved_by", ["python-docx", "LibreOffice"])
class DescribeComments:
    def it_places_every_comment_and_change_at_its_line_in_the_yaml(self, reviewed, saved_by):
        found = read(reviewed[saved_by], load_placed(NRF)[1]).remarks
        assert [(r.line, r.column, r.field, r.kind, r.author, r.text) for r in found] == expected()

    def it_prints_them_as_validate_prints_problems(self, reviewed, saved_by):
        result = run_briefgen("comments", reviewed[saved_by], NRF)
        assert result.returncode == 0 and result.stderr == ""  # no warning that it was made from another file
        lines = result.stdout.splitlines()
        assert len(lines) == len(COMMENTS) + 1 + len(DELETED) + 1
        for line in lines:
            assert re.match(rf"{re.escape(str(NRF))}:\d+:\d+: [a-z_\[\]0-9.]+: ", line), line
        assert sum("comment by " in line for line in lines) == len(COMMENTS) + 1
        title = next(line for line in lines if ": title: " in line)
        assert re.search(r": title: comment by Ann Reviewer \(\d{4}-\d\d-\d\d\): Too long for the cover\.$", title)
        assert any(line.endswith(f'Cy Checker inserted "{INSERTED[1]}"') for line in lines)
        assert any(re.search(r'Ann Reviewer deleted "[A-Za-z ]+"$', line) for line in lines)
        outside = next(line for line in lines if "Dee Lead" in line)
        assert ': key_assumptions: comment by Dee Lead' in outside and 'under the heading "Key assumptions"' in outside

    def it_gives_the_same_as_json(self, reviewed, saved_by):
        result = run_briefgen("comments", "--format", "json", reviewed[saved_by], NRF)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert [(d["line"], d["column"], d["field"], d["kind"], d["author"], d["text"]) for d in data] == expected()
        assert {d["file"] for d in data} == {str(NRF)}
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d["date"]) for d in data)


@pytest.mark.slow
class DescribeUnmarkedDocuments:
    def it_refuses_a_docx_briefgen_did_not_write(self, tmp_path):
        other = docx.Document()
        paragraph = other.add_paragraph("Somebody else's memo.")
        other.add_comment(paragraph.runs, text="Nice.", author="Ann")
        other.save(str(tmp_path / "memo.docx"))
        result = run_briefgen("comments", tmp_path / "memo.docx", NRF)
        assert result.returncode == 1
        assert "has no briefgen field marks" in result.stderr and "Traceback" not in result.stderr

    def it_warns_when_the_content_file_has_another_title(self, brief):
        from .conftest import EXAMPLE
        result = run_briefgen("comments", brief, EXAMPLE)
        assert result.returncode == 0 and result.stdout == ""
        assert result.stderr.startswith(f"warning: {brief} is titled \"Secessionist Currents")
        assert "no comments or tracked changes" in result.stderr

    def it_says_what_is_wrong_with_a_file_that_is_not_a_docx(self, tmp_path):
        (tmp_path / "notes.docx").write_text("plain text", encoding="utf-8")
        result = run_briefgen("comments", tmp_path / "notes.docx", NRF)
        assert result.returncode == 1 and "not a Word document" in result.stderr

    def it_finds_the_content_file_by_the_docx_name(self, reviewed, tmp_path):
        (tmp_path / "content").mkdir()
        shutil.copy(NRF, tmp_path / "content" / "nrf.yaml")
        shutil.copy(reviewed["python-docx"], tmp_path / "nrf-reviewed-by-ann.docx")
        result = run_briefgen("comments", "nrf-reviewed-by-ann.docx", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("content/nrf.yaml:")


class DescribeFigures:
    def it_places_a_comment_on_a_figures_label_at_the_field_it_is_drawn_from(self, tmp_path):
        """A drawn figure's labels are text boxes inside the paragraph of the figure, marked with its field."""
        brief = tmp_path / "example.docx"  # the NRF brief's pages show no figure; the example's its timeline
        assert run_briefgen("docx", EXAMPLE, "-o", brief).returncode == 0
        reviewer = Reviewer(brief)
        box = next(reviewer.document.element.body.iter(f"{{{W}}}txbxContent"))
        r = next(box.iter(w("r")))
        reviewer.document.add_comment(Run(r, Paragraph(r.getparent(), reviewer.document)), text="Legend unclear.",
                                      author="Ann Reviewer", initials="AR")
        found = read(reviewer.save(tmp_path / "example-figure.docx"), load_placed(EXAMPLE)[1]).remarks
        first = next(b for b in compose(load(EXAMPLE), load_theme()).blocks if isinstance(b, Figure) and not b.image)
        dotted = ".".join(map(str, first.field))
        assert [(r.field, r.kind, r.text) for r in found] == [(dotted, "comment", "Legend unclear.")]
        assert (found[0].line, found[0].column) == key_mark(first.field, EXAMPLE)


class DescribeNotes:
    def it_places_a_comment_on_a_footnote_at_the_source_it_cites(self, brief, tmp_path):
        """A note is Word's footnote, marked with the source it cites: a comment on it is about that source."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        reviewer = Reviewer(brief)
        part = next(rel.target_part for rel in reviewer.document.part.rels.values() if rel.reltype == RT.FOOTNOTES)
        footnotes = etree.fromstring(part.blob)
        note = footnotes.xpath("w:footnote[@w:id='2']", namespaces={"w": W})[0]
        r = note.xpath(".//w:r[w:t]", namespaces={"w": W})[0]
        start = etree.Element(w("commentRangeStart"), {w("id"): "0"})
        r.addprevious(start)
        r.addnext(etree.Element(w("commentRangeEnd"), {w("id"): "0"}))
        part._blob = etree.tostring(footnotes)  # the part python-docx reads as bytes, written back
        paragraph = reviewer.document.paragraphs[0]
        comment = reviewer.document.add_comment(paragraph.runs, text="Which edition?", author="Ann Reviewer",
                                                initials="AR")
        # Move the comment's anchor from the first paragraph into the footnote.
        body = reviewer.document.element.body
        for tag in ("commentRangeStart", "commentRangeEnd"):
            for e in body.iter(w(tag)):
                e.getparent().remove(e)
        for e in list(body.iter(w("commentReference"))):
            e.getparent().getparent().remove(e.getparent())
        assert comment.comment_id == 0
        found = read(reviewer.save(tmp_path / "nrf-note.docx"), load_placed(NRF)[1]).remarks
        note_source = compose(load(NRF), load_theme(), footnotes=True).notes[1].field
        assert [(r.field, r.text) for r in found] == [(f"sources[{note_source[1]}]", "Which edition?")]
        # The note's words are the citation style's, not the file's: it is placed where the source begins.
        assert found[0].line == node_at(note_source).start_mark.line + 1


class DescribeMarks:
    def it_marks_every_text_field_of_the_brief_once(self, brief):
        body = etree.fromstring(_part(brief, "word/document.xml"))
        names = body.xpath("//w:bookmarkStart/@w:name", namespaces={"w": W})
        assert len(names) == len(set(names))
        marked = {field_name(n) for n in names if field_name(n)}
        _, places = load_placed(NRF)
        # Every key judgment's statement and basis, every source.
        for n in range(len(yaml.safe_load(NRF.read_text(encoding="utf-8"))["key_judgments"])):
            assert {name_of(("key_judgments", n, "statement")), name_of(("key_judgments", n, "basis"))} <= marked
        assert marked <= set(names_of(places.fields()))

    # Keys as the model names fields (snake_case, never a double underscore), and list indices.
    @given(st.lists(st.one_of(st.from_regex(r"[a-z]{1,12}(_[a-z]{1,12}){0,3}", fullmatch=True),
                              st.integers(0, 10_000)), min_size=1, max_size=8))
    def it_names_any_field_within_words_limit_and_reads_it_back(self, path):
        name = name_of(tuple(path))
        assert len(name) <= MAX_NAME - 4 and re.fullmatch(r"_[A-Za-z0-9_]+", name)
        assert field_name(name) == name and field_name(f"{name}__12") == name
        assert names_of([tuple(path)])[name] == tuple(path)


def _part(path: Path, name: str) -> bytes:
    import zipfile
    with zipfile.ZipFile(path) as package:
        return package.read(name)
