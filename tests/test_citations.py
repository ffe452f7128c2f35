"""pandoc's citation syntax through the real command line: checked where it is written, shown in every format."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from briefgen.layout.line_breaks import without_break_marks

from .conftest import EXAMPLE, pdftotext, run_briefgen


def brief_with(tmp_path: Path, *replacements: tuple[str, str], name: str = "cited.yaml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def place_of(path: Path, needle: str) -> str:
    """``line:col`` of the first ``needle`` in ``path``, counted as an editor does (from 1)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(needle)


class DescribeCheckingCitedIds:
    def it_places_every_unknown_id_where_it_is_cited(self, tmp_path):
        path = brief_with(
            tmp_path,
            ("season would test the informal water-sharing deal [@report2024].",
             "season would test the informal water-sharing deal [see @report2024, p. 4; @nosuch, pp. 4-6]."),
            ("why: Security language makes compromise costlier at home.",
             "why: As @ghost [p. 2] argues, security language makes compromise costlier."),
            ("  - title: Method", "  - title: Method after @titlecite"),
            ("      - text: The river belongs to all who live along it.",
             "      - text: The river belongs to all who live along it [@quoted, chap. 2]."))
        result = run_briefgen("validate", path)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        for key, field in (("nosuch", r"summary( paragraph 1 \(summary\[0\]\))?"),
                           ("ghost", r"signal 1 \(signals\[0\]\.why\)"),
                           ("titlecite", r"section 1 \(sections\[0\]\.title\)"),
                           ("quoted", r"quote 1 of actor 1 \(actors\[0\]\.quotes\[0\]\.text\)")):
            where = place_of(path, f"@{key}")
            assert re.search(rf"^{re.escape(str(path))}:{where}: {field}: cites unknown source '{key}'",
                             result.stderr, re.M), (key, result.stderr)

    def it_accepts_every_form_of_a_known_citation(self, tmp_path):
        path = brief_with(tmp_path, ("deal [@report2024].", "deal [see @report2024, pp. 4-6; -@report2024, "
                                                          "chap. 2, emphasis added]. @report2024 [sec. 3] agrees."))
        result = run_briefgen("validate", path)
        assert result.returncode == 0, result.stderr

    def it_explains_two_sources_in_one_part(self, tmp_path):
        path = brief_with(tmp_path, ("deal [@report2024].", "deal [@report2024 and @report2024]."))
        result = run_briefgen("validate", path)
        assert result.returncode == 1
        assert "separate them with ';'" in result.stderr


@pytest.fixture(scope="module")
def cited_products(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cited")
    path = brief_with(
        folder,
        ("deal [@report2024].", "deal [see @report2024, pp. 4-6, emphasis added]."),
        ("- The dam's first phase filled in 2023, cutting flow downstream by a tenth [@report2024].",
         "- As @report2024 [p. 2] reports, the dam's first phase filled in 2023."))
    result = run_briefgen("all", path, "--out-dir", folder / "out")
    assert result.returncode == 0, result.stderr
    return {fmt: folder / "out" / f"cited.{fmt}" for fmt in ("docx", "pdf", "pptx")}


def xml_text(package: Path, prefix: str) -> str:
    with zipfile.ZipFile(package) as archive:
        # As a reader sees it: without the marks that only place line breaks (layout/line_breaks.py).
        return without_break_marks(" ".join(re.sub(r"<[^>]+>", "", archive.read(n).decode())
                                            for n in sorted(archive.namelist()) if n.startswith(prefix)))


class DescribeShowingCitations:
    def it_puts_prefix_locator_and_suffix_in_the_word_note(self, cited_products):
        notes = " ".join(xml_text(cited_products["docx"], "word/footnotes.xml").split())
        # Chicago notes and bibliography, a note short beside the sources list, with the prefix, page range and
        # suffix; in Word, its footnotes.
        assert ("See Example Research Centre, \u2018The Upper River in Numbers\u2019, 4\u20136, "
                "emphasis added.") in notes
        assert "Example Research Centre, \u2018The Upper River in Numbers\u2019, 2." in notes

    def it_names_the_author_cited_in_the_text(self, cited_products):
        body = xml_text(cited_products["docx"], "word/document.xml")
        # The mark after the name: a footnote reference (no text of its own) or a NOTEREF field showing its number.
        assert re.search(r"As Example Research Centre( NOTEREF _RefNote\d+ \\f \\h \d+)? reports, the dam", body)
        assert "@report2024" not in body
        pdf = " ".join(pdftotext(cited_products["pdf"]).split())
        assert re.search(r"As Example Research Centre\s*\d+ reports, the dam", pdf)
        assert "@report2024" not in pdf

    def it_speaks_the_place_cited_in_the_speaker_notes(self, cited_products):
        notes = xml_text(cited_products["pptx"], "ppt/notesSlides/")
        assert "pp. 4\u20136" in notes and "p. 2" in notes
        assert "As Example Research Centre (p. 2) reports" in notes
        assert "as reported by Example Research Centre in 2024, pp. 4\u20136" in notes
        assert "@report2024" not in notes + xml_text(cited_products["pptx"], "ppt/slides/slide")
