"""Citation styles: CSL styles briefgen ships or a user's .csl file, formatted by citeproc-py as pandoc's citeproc does."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from briefgen.citation_styles import DEFAULT, SHIPPED, StyleError, checked, is_note_style, resolve
from briefgen.inline import Citation, parse, text_of
from briefgen.layout.csl import format_citations, item
from briefgen.layout.line_breaks import without_break_marks
from briefgen.layout.document import Bibliography, NoteMark, Notes, compose
from briefgen.load import load
from briefgen.model import Brief, text_fields
from briefgen.theme import load_theme

from .conftest import EXAMPLE, NRF, run_briefgen
from .test_citations import brief_with, place_of


def clusters(brief: Brief) -> list[tuple[Citation, ...]]:
    """Every group of citations in the brief's prose, as the text cites them (an in-text citation alone)."""
    found: list[tuple[Citation, ...]] = []
    for path, text in text_fields(brief):
        if path[-1:] == ("source",) and "quotes" in path:
            continue
        group: list[Citation] = []
        for span in (*parse(text), None):
            if span is not None and span.cite is not None and not span.cite.in_text:
                group.append(span.cite)
                continue
            if group:
                found.append(tuple(group))
                group = []
            if span is not None and span.cite is not None:
                found.append((span.cite,))
    return found


def distinct_notes(groups: list[tuple[Citation, ...]]) -> list[tuple[Citation, ...]]:
    """What the layout gives a note style: one note per distinct citation, in reading order."""
    seen: dict[tuple, Citation] = {}
    for group in groups:
        for c in group:
            seen.setdefault((c.id, c.locator, c.label, c.prefix, c.suffix), c)
    return [(c,) for c in seen.values()]


def as_pandoc(groups: list[tuple[Citation, ...]]) -> str:
    """The same citations in pandoc's Markdown: one paragraph (or footnote) per group."""
    paragraphs = []
    for group in groups:
        cited = [(text_of(c.prefix) + " " if c.prefix else "") + f"@{c.id}" + (f", {c.place}" if c.locator else "")
                 + text_of(c.suffix) for c in group]
        paragraphs.append("[" + "; ".join(cited) + "]")
    return "\n\n".join(paragraphs) + "\n"


def words(text: str) -> list[str]:
    return [w for w in re.split(r"\W+", text) if w]


@pytest.mark.parametrize("style", ["chicago-note-bibliography", "apa"])
def test_the_nrf_brief_is_cited_in_the_words_pandoc_gives(style, tmp_path):
    brief = load(NRF)
    groups = clusters(brief)
    ours = format_citations(style, brief.language, brief.sources,
                            distinct_notes(groups) if style.startswith("chicago") else groups)
    (tmp_path / "sources.json").write_text(json.dumps([item(s, s.id) for s in brief.sources]), encoding="utf-8")
    (tmp_path / "cites.md").write_text(as_pandoc(distinct_notes(groups) if ours.notes else groups), encoding="utf-8")
    (tmp_path / "style.csl").write_bytes((resources.files("briefgen") / "csl" / SHIPPED[style]).read_bytes())
    done = subprocess.run(["pandoc", "--citeproc", "-M", f"lang={brief.language}", "--csl", str(tmp_path / "style.csl"),
                           "--bibliography", str(tmp_path / "sources.json"), "-t", "plain", "--wrap=none",
                           str(tmp_path / "cites.md")], capture_output=True, text=True, check=True)
    # One paragraph a line: the cited paragraphs (a note's mark, "[1]", in a note style), the bibliography,
    # then a note style's notes ("[1] Maryam Jami, …"); the layout numbers ours, so the numbers are dropped.
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    cited, rest = lines[:len(ours.citations)], lines[len(ours.citations):]
    notes = [re.sub(r"^\[\d+\] ", "", line) for line in rest if re.match(r"\[\d+\] ", line)]
    listed = [line for line in rest if not re.match(r"\[\d+\] ", line)]
    assert len(groups) >= 15 and len(ours.bibliography) == len(brief.sources) == len(listed)
    assert [words(text_of(c)) for c in ours.citations] == [words(n) for n in (notes if ours.notes else cited)]
    assert [words(text_of(e)) for _, e in ours.bibliography] == [words(line) for line in listed]


def layout(tmp_path: Path, *replacements: tuple[str, str]):
    return compose(load(brief_with(tmp_path, *replacements)), load_theme())


class DescribeTheDefaultStyle:
    def it_gives_every_note_short_beside_the_sources_list(self, tmp_path):
        # The sources list gives each source in full, so a source's first note only names it (Chicago allows it).
        document = layout(tmp_path, ("deal [@report2024].", "deal [@report2024]. Again [@report2024, p. 9]."))
        texts = [text_of(n.spans) for n in document.notes]
        assert texts[0] == "Example Research Centre, \u2018The Upper River in Numbers\u2019."
        assert texts[1] == "Ibid., 9."  # Chicago's ibid for the note right after, capitalised
        listed = dict(next(b for b in document.blocks if isinstance(b, Bibliography)).entries)
        assert "Example Press, February 2024. https://example.org/upper-river" in \
            without_break_marks(text_of(listed["report2024"]))

    def it_gives_the_first_note_in_full_without_a_sources_list(self):
        # Called on its own (as pandoc's citeproc is compared with it), the style gives a first note in full.
        brief = load(EXAMPLE)
        cited = [s for s in brief.sources if s.id == "report2024"]
        made = format_citations(DEFAULT, "en", cited, [(Citation("report2024"),), (Citation("report2024", "9", "page"),)])
        assert without_break_marks(text_of(made.citations[0])) == (
            "Example Research Centre, \u201cThe Upper River in Numbers\u201d, Example Press, February 2024, "
            "https://example.org/upper-river.")

    def it_marks_sources_cited_together_in_number_order(self, tmp_path):
        document = layout(tmp_path, ("deal [@report2024].", "deal [@report2024]. Both [@minutes2024; @report2024]."))
        summary = next(b for b in document.blocks if type(b).__name__ == "Callout")
        marks = [(m.number, m.separator) for p in summary.paragraphs for m in p if isinstance(m, NoteMark)]
        assert marks[-2:] == [(1, ""), (2, ",")]

    def it_sorts_the_sources_and_inverts_the_first_name(self):
        document = compose(load(NRF), load_theme())
        listed = [text_of(e) for _, e in next(b for b in document.blocks if isinstance(b, Bibliography)).entries]
        first_words = [entry.split(".")[0].lstrip("\u2018\u201c") for entry in listed]
        assert first_words == sorted(first_words, key=lambda w: w.removeprefix("The ")) and len(listed) >= 3
        assert any(entry.startswith("Jami, Maryam. ") for entry in listed)  # a person, inverted
        assert any(entry.startswith("Reuters. ") for entry in listed)  # a body, as written


class DescribeTheShippedStyles:
    @pytest.mark.parametrize("name", sorted(SHIPPED))
    def it_knows_which_cite_in_notes_as_their_files_say(self, name):
        # SHIPPED_NOTE_STYLES spares the layout parsing a shipped style: it must say what the file does.
        assert is_note_style(name) == (checked(name)[1].get("class") == "note")


class DescribeAnAuthorDateStyle:
    def it_cites_in_the_text_with_no_notes(self, tmp_path):
        document = layout(tmp_path, ("language: en-GB", "language: en-GB\ncsl: harvard"),
                          ("deal [@report2024].", "deal [see @report2024, p. 4]. As @minutes2024 [p. 2] shows."))
        assert not document.notes and not any(isinstance(b, Notes) for b in document.blocks)
        summary = " ".join(text_of(p) for b in document.blocks if type(b).__name__ == "Callout" for p in b.paragraphs)
        assert "deal (see Example Research Centre, 2024, p. 4)." in summary
        assert "As Joint Technical Committee (2024, p. 2) shows." in summary

    def it_takes_the_themes_style_unless_the_brief_names_one(self, tmp_path):
        theme_folder = tmp_path / "theme"
        theme_folder.mkdir()
        default = load_theme()
        toml = (default.folder / "theme.toml").read_text(encoding="utf-8")
        (theme_folder / "theme.toml").write_text(f'csl = "apa"\n{toml}', encoding="utf-8")
        shutil.copytree(default.folder / "fonts", theme_folder / "fonts")
        theme = load_theme(theme_folder)
        assert theme.csl == "apa"
        apa = compose(load(EXAMPLE), theme)
        assert not apa.notes
        chicago = compose(load(brief_with(tmp_path, ("language: en-GB", "language: en-GB\ncsl: chicago"))), theme)
        assert chicago.notes


class DescribeRefusingStyles:
    def it_places_an_unknown_name_with_the_closest_shipped_one(self, tmp_path):
        path = brief_with(tmp_path, ("language: en-GB", "language: en-GB\ncsl: harvrad"))
        result = run_briefgen("validate", path)
        assert result.returncode == 1
        assert f"{path}:{place_of(path, 'harvrad')}: csl: 'harvrad' is neither a style briefgen ships nor a .csl " \
               "file; did you mean 'harvard'?" in result.stderr

    @pytest.mark.parametrize("content, message", [
        (None, "no such file"),
        ("not xml at all", "is not XML"),
        ('<?xml version="1.0"?><!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         '<style xmlns="http://purl.org/net/xbiblio/csl">&x;</style>', "is not a CSL style"),
        ('<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><info/></style>',
         "has no <citation> element"),
    ])
    def it_places_a_style_file_that_cannot_be_read(self, tmp_path, content, message):
        if content is not None:
            (tmp_path / "house.csl").write_text(content, encoding="utf-8")
        path = brief_with(tmp_path, ("language: en-GB", "language: en-GB\ncsl: house.csl"))
        result = run_briefgen("validate", path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert re.search(rf"^{re.escape(str(path))}:{place_of(path, 'house.csl')}: csl: .*house\.csl: .*{message}",
                         result.stderr, re.M), result.stderr
        assert "root:" not in result.stderr  # the entity was never expanded

    def it_uses_a_readable_style_file_beside_the_content(self, tmp_path):
        (tmp_path / "house.csl").write_bytes((resources.files("briefgen") / "csl" / "apa.csl").read_bytes())
        path = brief_with(tmp_path, ("language: en-GB", "language: en-GB\ncsl: house.csl"))
        assert load(path).csl == str((tmp_path / "house.csl").resolve())
        document = compose(load(path), load_theme())
        summary = next(b for b in document.blocks if type(b).__name__ == "Callout")
        assert "(Example Research Centre, 2024)" in text_of(summary.paragraphs[0])

    def it_refuses_an_unknown_style_in_a_theme(self, tmp_path):
        with pytest.raises(StyleError, match="did you mean 'apa'"):
            resolve("apaa", tmp_path)


def test_word_and_pdf_show_the_author_date_citations_alike(products, tmp_path):
    """The apa case renders: its PDF shows the citations in the text and the sorted references."""
    from .conftest import pdftotext
    text = " ".join(pdftotext(products[("apa", "pdf")]).split())
    assert "(Example Research Centre, 2024, p. 4)" in text
    assert "Notes" not in [line.strip() for line in pdftotext(products[("apa", "pdf")]).splitlines()]


def test_every_shipped_style_formats_the_example(tmp_path):
    brief = load(EXAMPLE)
    for style in SHIPPED:
        formatted = format_citations(style, brief.language, brief.sources, clusters(brief))
        assert [key for key, _ in formatted.bibliography] and all(text_of(c) for c in formatted.citations), style



class DescribeAuthors:
    @pytest.mark.parametrize("author, names", [
        ("Maryam Jami", [{"family": "Jami", "given": "Maryam"}]),
        ("Jami, Maryam", [{"family": "Jami", "given": "Maryam"}]),
        ("The White House", [{"literal": "The White House"}]),
        ("Human Rights Watch", [{"literal": "Human Rights Watch"}]),
        ("Archives of Yugoslavia", [{"literal": "Archives of Yugoslavia"}]),
    ])
    def it_tells_a_body_from_a_person(self, author, names):
        from briefgen.model import Source
        assert item(Source(id="s", title="T", author=author), "s")["author"] == names
