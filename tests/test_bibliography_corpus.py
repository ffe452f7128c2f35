"""Bibliographies as users have them (bibliography_corpus.py): each is read as pandoc reads it; what cannot be
used is a placed warning and skipped, an error only where the brief cites it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from . import bibliography_corpus as corpus
from .conftest import EXAMPLE, pdftotext

CASES = {case.name: case for case in corpus.CORPUS}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return corpus.write(tmp_path_factory.mktemp("bibliographies"))


def brief(folder: Path, bibliography: str, cites: str) -> Path:
    """The scaffold example citing ``cites`` from ``bibliography`` in its summary."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("sources:\n", f"bibliography: {bibliography}\nsources:\n", 1)
    text = text.replace("water-sharing deal [@report2024].", f"water-sharing deal [@report2024]{cites}.", 1)
    path = folder / f"brief-{Path(bibliography).stem}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def warnings_about(stderr: str, file: Path) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"{file}:") and ": warning: " in line]


class DescribeEachBibliography:
    @pytest.mark.parametrize("name", CASES)
    def it_is_read_and_what_it_cannot_use_is_a_placed_warning(self, files, name, briefgen_in_process):
        case = CASES[name]
        content = brief(files[name].parent, name, case.cites)
        result = briefgen_in_process("validate", content)
        assert result.code == 0, result.err
        assert len(warnings_about(result.err, files[name])) == case.skipped, result.err
        assert "Traceback" not in result.err

    @pytest.mark.parametrize("name", [name for name, case in CASES.items() if case.shows])
    def it_shows_what_the_brief_cites(self, files, name, briefgen_in_process):
        case = CASES[name]
        content = brief(files[name].parent, name, case.cites)
        out = content.with_suffix(".pdf")
        result = briefgen_in_process("pdf", content, "-o", out)
        assert result.code == 0, result.err
        text = " ".join(pdftotext(out).split()).casefold()  # the citation style sets titles in title case
        assert [words for words in case.shows if words.casefold() not in text] == []

    def it_is_varied_as_real_ones_are(self):
        makers = {case.maker for case in corpus.CORPUS}
        assert {"Zotero", "Better BibTeX", "Mendeley", "JabRef", "BibDesk", "hand-written", "pandoc", "Manubot",
                "Crossref"} <= makers


def line_of(path: Path, needle: str, encoding: str = "utf-8") -> int:
    text = path.read_bytes().decode(encoding)
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


class DescribeAnEntryThatCannotBeUsed:
    def it_is_a_warning_at_its_line_when_not_cited(self, files, briefgen_in_process):
        content = brief(files["hand-written.bib"].parent, "hand-written.bib", "")
        result = briefgen_in_process("validate", content)
        file = files["hand-written.bib"]
        assert f"{file}:{line_of(file, '@article{broken2019')}:1: broken2019: warning: malformed BibTeX entry " \
               in result.err
        assert f"{file}:{line_of(file, '@misc{notitle2020')}:1: notitle2020: warning: 'notitle2020' has no title" \
               in result.err
        assert result.code == 0
        assert briefgen_in_process("validate", content, "--strict").code == 1

    def it_places_a_crlf_files_warning_at_its_line(self, files, briefgen_in_process):
        content = brief(files["jabref.bib"].parent, "jabref.bib", "")
        result = briefgen_in_process("validate", content)
        line = line_of(files["jabref.bib"], "@Book{,", "cp1252")
        assert f"{files['jabref.bib']}:{line}:1: warning: an entry without a key cannot be cited" in result.err

    def it_is_an_error_at_the_citation_when_cited(self, files, briefgen_in_process):
        content = brief(files["hand-written.bib"].parent, "hand-written.bib", " [@broken2019]")
        result = briefgen_in_process("validate", content)
        assert result.code == 1
        line = line_of(content, "@broken2019")
        [error] = [e for e in result.err.splitlines() if "broken2019" in e and "warning" not in e]
        assert re.match(rf"{re.escape(str(content))}:{line}:\d+: summary(\[0\])?: cites 'broken2019', whose entry "
                        rf"cannot be used: {re.escape(str(files['hand-written.bib']))}:\d+: malformed BibTeX entry",
                        error), error

    @pytest.mark.parametrize("name, key", [("bibdesk.bib", "Smith:2020aa"),
                                           ("zotero.json", "{http://zotero.org/users/local/kSXEGM5j/items/EFGH5678}")])
    def it_is_an_error_to_cite_an_id_defined_twice(self, files, name, key, briefgen_in_process):
        content = brief(files[name].parent, name, f" [@{key}]")
        result = briefgen_in_process("validate", content)
        assert result.code == 1
        bare = key.strip("{}")
        assert f"cites {bare!r}, which is defined more than once ({files[name]}:" in result.err
        assert not [w for w in result.err.splitlines() if "warning" in w and bare in w]  # said once, as the error

    def it_is_an_error_to_cite_an_id_a_file_shares_with_sources(self, tmp_path, briefgen_in_process):
        (tmp_path / "refs.bib").write_text("@misc{report2024, title = {Another report}}\n", encoding="utf-8")
        result = briefgen_in_process("validate", brief(tmp_path, "refs.bib", ""))
        assert result.code == 1 and "cites 'report2024', which is defined more than once" in result.err

    def it_warns_of_an_id_a_file_shares_with_sources_when_not_cited(self, tmp_path, briefgen_in_process):
        (tmp_path / "refs.bib").write_text("@misc{other2020, title = {Other}}\n@misc{spare2020, title = {Again}}\n",
                                           encoding="utf-8")
        content = brief(tmp_path, "refs.bib", " [@other2020]")
        content.write_text(content.read_text().replace("sources:\n", "sources:\n  - {id: spare2020, title: Spare}\n",
                                                       1), encoding="utf-8")
        result = briefgen_in_process("validate", content)
        assert result.code == 0, result.err
        assert f"refs.bib:2:1: spare2020: warning: source id 'spare2020' is also defined at {content}:" \
               in result.err


class DescribeCitationKeys:
    def it_points_an_id_with_an_apostrophe_to_braces(self, files, briefgen_in_process):
        content = brief(files["hand-written.bib"].parent, "hand-written.bib", " [@Gel'fand1975]")
        result = briefgen_in_process("validate", content)
        assert result.code == 1
        assert "cites unknown source 'Gel'; did you mean @{Gel'fand1975}? An id holding \"'\" is cited in braces" \
            in result.err
