"""A published brief: its series, licence, DOI and suggested citation, in every product and from `briefgen cite`."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefgen.layout.line_breaks import without_break_marks
from briefgen.licences import LICENCES

from .conftest import EXAMPLE, pdftotext, run_briefgen
from .test_citations import place_of


def published(folder: Path, *replacements: tuple[str, str], name: str = "published.yaml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


WITH_DOI = ("url: https://example.org/briefs/upper-river", "doi: 10.5555/epi.2024.12")
CITATION = ("Analyst, A. N. Water Rights on the Upper River. Policy Briefs no. 12. Example Policy Institute, "
            "17 May 2024. https://doi.org/10.5555/epi.2024.12")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("published")
    path = published(folder, WITH_DOI)
    result = run_briefgen("all", path, "--out-dir", folder / "out")
    assert result.returncode == 0, result.stderr
    return {"content": path, **{fmt: folder / "out" / f"published.{fmt}" for fmt in ("docx", "pdf", "pptx")}}


def words(text: str) -> str:
    """As a reader sees it: whitespace collapsed, without the marks that only place line breaks."""
    return " ".join(without_break_marks(text).split())


def part(archive: Path, name: str) -> str:
    with zipfile.ZipFile(archive) as package:
        return package.read(name).decode("utf-8")


class DescribeTheCitationBlock:
    def it_prints_the_citation_the_pdf_and_word_show(self, made):
        result = run_briefgen("cite", made["content"])
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == CITATION
        pdf = words(pdftotext(made["pdf"]))
        assert f"Suggested citation {CITATION}" in pdf
        body = without_break_marks(re.sub(r"<[^>]+>", "", part(made["docx"], "word/document.xml")))
        assert CITATION in body

    def it_shows_the_licence_by_name_with_its_link(self, made):
        licence = LICENCES["CC-BY-4.0"]
        notice = f"Published under the {licence.name} licence ({licence.short}): {licence.url}"
        assert notice in words(pdftotext(made["pdf"]))
        document = part(made["docx"], "word/document.xml")
        assert f"Target=\"{licence.url}\"" in part(made["docx"], "word/_rels/document.xml.rels")
        assert "Published under the Creative Commons Attribution 4.0 International licence" in document

    def it_puts_citation_and_licence_on_a_backup_slide(self, made):
        deck = Presentation(str(made["pptx"]))
        slide = next(s for s in deck.slides if s.shapes.title.text_frame.text.endswith("Suggested citation"))
        shown = words(" ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame))
        assert CITATION in shown and "(CC BY 4.0)" in shown
        assert slide is deck.slides[-1]

    def it_keeps_rights_and_identifier_in_the_properties(self, made):
        for fmt in ("docx", "pptx"):
            core = part(made[fmt], "docProps/core.xml")
            assert "<dc:identifier>https://doi.org/10.5555/epi.2024.12</dc:identifier>" in core, fmt
            assert "<dc:description>Published under the Creative Commons Attribution 4.0" in core, fmt
        import pikepdf
        with pikepdf.open(made["pdf"]) as pdf:
            xmp = pdf.open_metadata()
            assert xmp["dc:identifier"] == "https://doi.org/10.5555/epi.2024.12"
            assert xmp["dc:rights"].startswith("Published under the Creative Commons Attribution 4.0")
            assert xmp["xmpRights:Marked"] == "True"

    def it_shows_nothing_for_a_brief_without_publication_details(self, tmp_path):
        path = published(tmp_path, ("series: {name: Policy Briefs, number: 12}\n", ""),
                         ("licence: CC-BY-4.0 ", "#"), ("url: https://example.org/briefs/upper-river", ""))
        result = run_briefgen("pdf", path, "-o", tmp_path / "plain.pdf")
        assert result.returncode == 0, result.stderr
        assert "Suggested citation" not in pdftotext(tmp_path / "plain.pdf")
        # `cite` still gives the reference made from the authors, title, organisation and date.
        cited = run_briefgen("cite", path)
        assert cited.stdout.strip() == ("Analyst, A. N. Water Rights on the Upper River. "
                                        "Example Policy Institute, 17 May 2024.")

    def it_takes_the_authors_own_citation(self, tmp_path):
        own = "Example Policy Institute (2024), *Upper River*, Policy Brief 12."
        path = published(tmp_path, ("# citation: How", f"citation: {own}\n# How"))
        assert run_briefgen("cite", path).stdout.strip() == "Example Policy Institute (2024), Upper River, Policy Brief 12."


class DescribeRefusingPublicationDetails:
    def it_places_an_unknown_licence_with_the_closest_known_one(self, tmp_path):
        path = published(tmp_path, ("licence: CC-BY-4.0", "licence: CC BY-NC 4.0"))
        result = run_briefgen("validate", path)
        assert result.returncode == 1
        where = place_of(path, "CC BY-NC 4.0")
        assert f"{path}:{where}: licence: 'CC BY-NC 4.0' is not an SPDX licence identifier briefgen knows; " \
               "did you mean 'CC-BY-NC-4.0'?" in result.stderr

    def it_lists_the_known_licences_when_none_is_close(self, tmp_path):
        path = published(tmp_path, ("licence: CC-BY-4.0", "licence: GPL-3.0-only"))
        result = run_briefgen("validate", path)
        assert "the identifiers briefgen knows are CC-BY-4.0, CC-BY-SA-4.0" in result.stderr
        assert "Traceback" not in result.stderr

    def it_accepts_an_identifier_in_any_case(self, tmp_path):
        path = published(tmp_path, ("licence: CC-BY-4.0", "licence: cc-by-nc-nd-4.0"))
        assert run_briefgen("validate", path).returncode == 0

    def it_places_a_malformed_doi(self, tmp_path):
        path = published(tmp_path, ("url: https://example.org/briefs/upper-river", "doi: 5555/epi"))
        result = run_briefgen("validate", path)
        assert result.returncode == 1
        assert re.search(rf"^{re.escape(str(path))}:{place_of(path, '5555/epi')}: doi: ", result.stderr, re.M)


def pandoc_reads(bibliography: Path, folder: Path) -> str:
    """What pandoc's citeproc makes of the brief's reference, cited in a one-line Markdown file."""
    markdown = folder / "cites.md"
    markdown.write_text("As the brief shows [@analyst2024, p. 3].\n", encoding="utf-8")
    done = subprocess.run(["pandoc", "--citeproc", "--bibliography", str(bibliography), "-t", "plain",
                           str(markdown)], capture_output=True, text=True, check=True)
    assert "[WARNING]" not in done.stderr, done.stderr
    return words(done.stdout)


class DescribeCiteForReferenceManagers:
    def it_writes_csl_json_that_pandoc_cites(self, made, tmp_path):
        result = run_briefgen("cite", made["content"], "--format", "csl-json")
        assert result.returncode == 0, result.stderr
        item, = json.loads(result.stdout)
        assert item["type"] == "report" and item["DOI"] == "10.5555/epi.2024.12"
        assert item["author"] == [{"family": "Analyst", "given": "A. N."}]
        (tmp_path / "brief.json").write_text(result.stdout, encoding="utf-8")
        shown = pandoc_reads(tmp_path / "brief.json", tmp_path)
        assert "As the brief shows (Analyst 2024, 3)." in shown
        assert ("Analyst, A. N. 2024. “Water Rights on the Upper River.” Policy Briefs 12. Example Policy Institute. "
                "https://doi.org/10.5555/epi.2024.12.") in shown

    def it_writes_bibtex_that_pandoc_reads_as_the_same_reference(self, made, tmp_path):
        result = run_briefgen("cite", made["content"], "--format", "bibtex")
        assert result.stdout.startswith("@techreport{analyst2024,")
        (tmp_path / "brief.bib").write_text(result.stdout, encoding="utf-8")
        (tmp_path / "brief.json").write_text(run_briefgen("cite", made["content"], "--format", "csl-json").stdout,
                                             encoding="utf-8")
        assert pandoc_reads(tmp_path / "brief.bib", tmp_path) == pandoc_reads(tmp_path / "brief.json", tmp_path)

    def it_escapes_latex_in_bibtex(self, tmp_path):
        path = published(tmp_path, ("organisation: Example Policy Institute", "organisation: R&D 100% Institute"))
        result = run_briefgen("cite", path, "--format", "bibtex")
        assert "institution = {R\\&D 100\\% Institute}" in result.stdout
