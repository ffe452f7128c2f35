"""`bibliography:` files beside the content, as Zotero exports them: CSL-JSON and BibTeX, through the real CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import EXAMPLE, pdftotext, run_briefgen

CSL = [
    {"id": "doe2023", "type": "report", "title": "Water in Numbers",
     "author": [{"family": "Doe", "given": "Jane"}, {"literal": "Basin Observatory"}],
     "publisher": "Example Press", "issued": {"date-parts": [[2023, 4]]}, "URL": "https://example.org/water"},
    {"id": "uncited2020", "type": "book", "title": "A Book Nobody Cites"},
]
BIBTEX = """@article{jami2022,
  author = {Jami, Hamid},
  title = {{Afghanistan} Is a Failed ``Marriage''},
  journal = {Middle East Institute},
  year = 2022, month = nov,
  url = {https://www.mei.edu/publications/afghanistan-failed-marriage}
}
"""


def brief(folder: Path, bibliography: str, cites: str = "[@report2024; @doe2023, p. 3; @jami2022]") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("sources:\n", f"bibliography: {bibliography}\nsources:\n", 1)
    text = text.replace("water-sharing deal [@report2024].", f"water-sharing deal {cites}.", 1)
    path = folder / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "refs.json").write_text(json.dumps(CSL, indent=2), encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIBTEX, encoding="utf-8")
    return tmp_path


class DescribeBibliographyFiles:
    def it_cites_entries_of_csl_json_and_bibtex_beside_the_content(self, folder):
        path = brief(folder, "[refs.json, refs.bib]")
        result = run_briefgen("pdf", path, "-o", folder / "brief.pdf")
        assert result.returncode == 0, result.stderr
        text = " ".join(pdftotext(folder / "brief.pdf").split())
        # A note short beside the sources list (Chicago), with both family names; a body's name as written, a
        # person's inverted in the sources list.
        assert "Doe and Basin Observatory, \u2018Water in Numbers\u2019, 3." in text
        assert "Doe, Jane, and Basin Observatory. \u2018Water in Numbers\u2019. Example Press, April 2023." in text
        assert "Jami, Hamid. \u2018Afghanistan Is a Failed" in text
        assert "The Upper River in Numbers" in text  # the inline source, merged with them
        assert "A Book Nobody Cites" not in text  # as pandoc: only what the brief cites

    def it_takes_one_file_as_a_plain_value(self, folder):
        result = run_briefgen("validate", brief(folder, "refs.bib", cites="[@jami2022, chap. 2]"))
        assert result.returncode == 0, result.stderr

    def it_still_refuses_an_id_no_file_defines(self, folder):
        path = brief(folder, "refs.json", cites="[@doe2032]")
        result = run_briefgen("validate", path)
        assert result.returncode == 1
        assert "cites unknown source 'doe2032'; did you mean 'doe2023'?" in result.stderr


class DescribeBibliographyProblems:
    def it_places_a_missing_file_at_its_name(self, folder):
        path = brief(folder, "[refs.json, missing.bib]")
        result = run_briefgen("validate", path)
        assert result.returncode == 1
        line = line_of(path, "missing.bib")
        assert re.search(rf"^{re.escape(str(path))}:{line}:\d+: bibliography file 2 \(bibliography\[1\]\): .*missing\.bib: no such file",
                         result.stderr, re.M), result.stderr

    def it_warns_of_a_csl_item_without_a_title_at_its_line_and_skips_it(self, folder):
        items = CSL + [{"id": "notitle", "type": "book"}]
        (folder / "refs.json").write_text(json.dumps(items, indent=2), encoding="utf-8")
        result = run_briefgen("validate", brief(folder, "refs.json", cites="[@doe2023]"))
        assert result.returncode == 0, result.stderr
        line = line_of(folder / "refs.json", '"notitle"') - 1  # the item's opening brace
        assert f"refs.json:{line}:3: notitle: warning: 'notitle' has no title; every source needs one; it is " \
               "skipped" in result.stderr

    def it_refuses_a_citation_of_an_item_it_skipped(self, folder):
        (folder / "refs.json").write_text(json.dumps(CSL + [{"id": "notitle"}], indent=2), encoding="utf-8")
        result = run_briefgen("validate", brief(folder, "refs.json", cites="[@notitle]"))
        assert result.returncode == 1
        assert "cites 'notitle', whose entry cannot be used: " in result.stderr and "has no title" in result.stderr
        assert "warning" not in result.stderr  # one mistake, said once

    def it_places_a_json_syntax_error(self, folder):
        (folder / "refs.json").write_text('[\n  {"id": "a", "title": "A"},\n  {"id": "b" "title": "B"}\n]\n')
        result = run_briefgen("validate", brief(folder, "refs.json"))
        assert result.returncode == 1 and "refs.json:3:14: JSON syntax error" in result.stderr

    def it_warns_of_a_malformed_bibtex_entry_at_its_line_and_reads_the_rest(self, folder):
        (folder / "refs.bib").write_text(BIBTEX + "\n@book{broken,\n  title = {Unclosed\n")
        result = run_briefgen("validate", brief(folder, "refs.bib", cites="[@jami2022]"))
        assert result.returncode == 0, result.stderr
        assert "refs.bib:9:1: broken: warning: malformed BibTeX entry '@book{broken,'" in result.stderr
        assert "Parsing of" not in result.stderr  # bibtexparser's own log stays quiet

    def it_warns_of_an_id_defined_twice_and_refuses_a_citation_of_it(self, folder):
        (folder / "refs.bib").write_text(BIBTEX + "@misc{jami2022, title = {Twice}}\n")
        uncited = run_briefgen("validate", brief(folder, "refs.bib", cites=""))
        assert uncited.returncode == 0, uncited.stderr
        assert "refs.bib:8:1: jami2022: warning: source id 'jami2022' is used again in this file; it is skipped" \
               in uncited.stderr
        cited = run_briefgen("validate", brief(folder, "refs.bib", cites="[@jami2022]"))
        assert cited.returncode == 1
        assert f"cites 'jami2022', which is defined more than once ({folder / 'refs.bib'}:1, {folder / 'refs.bib'}:8)" \
               in cited.stderr

    def it_refuses_a_citation_of_a_source_a_file_defines_again(self, folder):
        (folder / "refs.bib").write_text(BIBTEX + "@misc{report2024, title = {Again}}\n")
        path = brief(folder, "refs.bib", cites="")
        result = run_briefgen("validate", path)
        assert result.returncode == 1  # the brief cites its own report2024
        inline = line_of(path, "- id: report2024")
        assert f"cites 'report2024', which is defined more than once ({path}:{inline}, {folder / 'refs.bib'}:8)" \
               in result.stderr


class DescribeRatingsInBibliographyFiles:
    """A source from a bibliography file is rated in its entry, as an inline source is: `reliability` and
    `reliability_note` (a CSL-JSON key, a BibTeX field)."""

    def it_reads_the_grade_and_note_of_a_csl_item_and_a_bibtex_entry(self, folder):
        from briefgen.bibliography import read
        (folder / "rated.json").write_text(json.dumps([dict(CSL[0], reliability="b",
                                                            reliability_note="A named observatory.")]))
        (folder / "rated.bib").write_text(BIBTEX.replace("  year = 2022,", "  reliability = {D},\n  year = 2022,"))
        [csl] = read(folder / "rated.json").entries
        [bib] = read(folder / "rated.bib").entries
        assert (csl.source["reliability"], csl.source["reliability_note"]) == ("B", "A named observatory.")
        assert bib.source["reliability"] == "D" and "reliability_note" not in bib.source

    def it_skips_an_entry_rated_off_the_scale_saying_so_at_its_line(self, folder):
        from briefgen.bibliography import read
        (folder / "rated.bib").write_text(BIBTEX.replace("  year = 2022,", "  reliability = {Z},\n  year = 2022,"))
        found = read(folder / "rated.bib")
        assert found.entries == []
        [skipped] = found.skipped
        assert (skipped.key, skipped.line) == ("jami2022", 1) and "A completely reliable" in skipped.message

    def it_warns_on_an_entry_without_a_grade_naming_it(self, folder, briefgen_in_process):
        result = briefgen_in_process("validate", brief(folder, "refs.json", cites="[@doe2023]"))
        assert result.code == 0 and "source 'doe2023' is not rated" in result.err, result.err
