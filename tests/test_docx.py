"""The Word brief, read by tools we did not write: LibreOffice's PDF of it, pdftotext, pdffonts and its own XML."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pypdf import PdfReader

from briefgen import products
from briefgen.estimative import estimate_label
from briefgen.inline import text_of
from briefgen.layout.document import Heading, NoteMark, compose
from briefgen.layout.line_breaks import without_break_marks
from briefgen.load import load
from briefgen.render.office.template import read as read_template
from briefgen.theme import load_theme
from briefgen.value import Value, fields

from .conftest import (EXAMPLE, NRF, REFERENCE_HEADING_COLOUR, REFERENCE_HEADING_FONT, pdf_pages_text,
                       run_briefgen)
from .test_reviewer_layout import one_source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R, "pr": PR,
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types"}
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as package:
        return etree.fromstring(package.read(name))


def val(element: etree._Element | None, attribute: str = "val") -> str | None:
    return None if element is None else element.get(f"{{{W}}}{attribute}")


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.xpath(f'w:style[@w:styleId="{style_id}"]', namespaces=NS)
    assert found, f"no style {style_id}"
    return found[0]


def citation_uses(content: Path) -> int:
    """How many citations the brief makes, counted in the layout the renderers share."""
    def walk(value) -> int:
        if isinstance(value, NoteMark):
            return 1
        if isinstance(value, Value):
            return sum(walk(getattr(value, name)) for name in fields(value))
        if isinstance(value, (tuple, list)):
            return sum(walk(v) for v in value)
        return 0
    return walk(compose(load(content), load_theme()).blocks)


def bare_reference(path: Path) -> Path:
    """The smallest .docx a user might give: US Letter, one style, no numbering part, headers or footnotes."""
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", f"""<Types xmlns="{NS['ct']}">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/></Types>""")
        package.writestr("_rels/.rels", f"""<Relationships xmlns="{PR}">
<Relationship Id="rId1" Type="{office}/officeDocument" Target="word/document.xml"/></Relationships>""")
        package.writestr("word/_rels/document.xml.rels", f"""<Relationships xmlns="{PR}">
<Relationship Id="rId1" Type="{office}/styles" Target="styles.xml"/></Relationships>""")
        package.writestr("word/document.xml", f"""<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Corp</w:t>
</w:r></w:p><w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440"
w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>""")
        package.writestr("word/styles.xml", f"""<w:styles xmlns:w="{W}"><w:style w:type="paragraph"
w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="21"/></w:rPr></w:style></w:styles>""")
    return path


@pytest.fixture(scope="module")
def nrf(products) -> Path:
    return products[("nrf", "docx")]


@pytest.fixture(scope="module")
def nrf_pdf(converted) -> Path:
    pdf = converted.get(("nrf", "docx"))
    assert pdf is not None, "LibreOffice could not convert the NRF .docx"
    return pdf


def headings(document) -> list[Heading]:
    return [b for b in document.blocks if isinstance(b, Heading)]


class DescribeTheNrfBriefInLibreOffice:
    def it_stays_within_the_briefs_page_budget(self, nrf_pdf):
        assert 2 <= len(PdfReader(nrf_pdf).pages) <= load(NRF).page_budget

    def it_shows_the_marking_on_every_page(self, nrf_pdf):
        pages = pdf_pages_text(nrf_pdf)
        assert len(pages) >= 2
        for number, text in enumerate(pages, 1):
            assert "TLP:CLEAR" in text, f"page {number} has no marking"

    def it_numbers_every_page_of_all(self, nrf_pdf):
        pages = pdf_pages_text(nrf_pdf)
        for number, text in enumerate(pages, 1):
            assert f"Page {number} of {len(pages)}" in text

    def it_shows_every_heading_of_the_brief(self, nrf_pdf):
        text = " ".join(" ".join(page.split()) for page in pdf_pages_text(nrf_pdf))
        for heading in headings(compose(load(NRF), load_theme(), footnotes=True)):
            assert heading.text in text, heading.text

    def it_shows_the_title_block_and_estimates(self, nrf_pdf):
        first = " ".join(pdf_pages_text(nrf_pdf)[0].split())
        assert "Secessionist Currents Around" in first
        assert "2 November 2022" in first
        assert "Information cut-off: 2 November 2022" in first
        first_judgment = load(NRF).key_judgments[0]
        assert estimate_label(first_judgment.likelihood, first_judgment.confidence) in first

    def it_is_set_in_the_files_the_theme_measures_with(self, nrf_pdf):
        # Word's brief names Calibri; LibreOffice sets Calibri in Carlito, the theme's files (same widths).
        fonts = subprocess.run(["pdffonts", str(nrf_pdf)], capture_output=True, text=True, check=True).stdout
        names = [line.split()[0] for line in fonts.splitlines()[2:]]
        assert names and all(re.fullmatch(r"[A-Z]{6}\+Carlito(-Bold|-Italic|-BoldItalic)?", n) for n in names), names


class DescribeNotes:
    """The notes are Word's own footnotes, numbered as the PDF's notes list numbers them."""

    def it_makes_each_notes_first_mark_a_footnote_reference_and_its_later_ones_refer_to_it(self, nrf):
        document = part(nrf, "word/document.xml")
        references = document.xpath("//w:footnoteReference/@w:id", namespaces=NS)
        later = document.xpath("//w:instrText/text()", namespaces=NS)
        notes = compose(load(NRF), load_theme(), footnotes=True).notes
        assert references == [str(n.number) for n in notes]  # in reading order, each once
        assert len(references) + len(later) == citation_uses(NRF) > 20
        for instruction in later:
            number = re.fullmatch(r" NOTEREF _RefNote(\d+) \\f \\h ", instruction).group(1)
            # The bookmark it refers to holds that note's footnote reference.
            start = document.xpath(f"//w:bookmarkStart[@w:name='_RefNote{number}']", namespaces=NS)
            assert len(start) == 1 and start[0].getnext().find(f".//{{{W}}}footnoteReference").get(
                f"{{{W}}}id") == number

    def it_writes_each_note_once_naming_its_source(self, nrf):
        footnotes = part(nrf, "word/footnotes.xml").xpath("w:footnote[not(@w:type)]", namespaces=NS)
        notes = compose(load(NRF), load_theme(), footnotes=True).notes
        assert [f.get(f"{{{W}}}id") for f in footnotes] == [str(n.number) for n in notes]
        first = "".join(footnotes[0].xpath(".//w:t/text()", namespaces=NS))
        # Chicago's short note beside the sources list: the author's family name, the title in quotation marks
        # and title case; the sources list gives the rest.
        assert first.startswith("Jami, \u2018") and "Afghanistan Is a Failed Marriage" in first
        assert "Ibid" not in etree.tostring(part(nrf, "word/document.xml"), encoding="unicode")
        settings = part(nrf, "word/settings.xml")
        assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]

    def it_marks_in_superscript_in_the_footnote_reference_style(self, nrf):
        document = part(nrf, "word/document.xml")
        runs = document.xpath("//w:r[w:footnoteReference]", namespaces=NS)
        runs += document.xpath("//w:r[preceding-sibling::w:r[1]/w:fldChar/@w:fldCharType='separate'][w:t]",
                               namespaces=NS)
        assert runs and all(val(r.find(f"{{{W}}}rPr/{{{W}}}rStyle")) == "FootnoteReference" for r in runs)
        styles = part(nrf, "word/styles.xml")
        assert val(style(styles, "FootnoteReference").find(f"{{{W}}}name")) == "footnote reference"
        assert val(style(styles, "FootnoteReference").find(f".//{{{W}}}vertAlign")) == "superscript"
        assert val(style(styles, "FootnoteText").find(f"{{{W}}}name")) == "footnote text"

    def it_sets_the_mark_against_the_word_before_it(self, nrf):
        document = part(nrf, "word/document.xml")
        for mark in document.xpath("//w:bookmarkStart[starts-with(@w:name, '_RefNote')]", namespaces=NS):
            before = mark.getprevious()
            if before is not None and before.tag == f"{{{W}}}r" and before.findtext(f"{{{W}}}t"):
                assert not before.findtext(f"{{{W}}}t").endswith(" ")

    def it_reads_as_notes_to_pandoc(self, nrf):
        found = json.loads(subprocess.run(["pandoc", "-t", "json", str(nrf)], capture_output=True, text=True,
                                          check=True).stdout)
        notes = []

        def walk(node) -> None:
            if isinstance(node, dict):
                if node.get("t") == "Note":
                    notes.append(node)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(found)
        assert len(notes) == len(compose(load(NRF), load_theme(), footnotes=True).notes)

    def it_shows_the_notes_through_libreoffice(self, nrf_pdf):
        # An address broken after its hyphen at a line end, joined up again.
        text = re.sub(r"(?<=\S[-/]) (?=\S)", "", " ".join(" ".join(pdf_pages_text(nrf_pdf)).split()))
        for note in compose(load(NRF), load_theme(), footnotes=True).notes:
            assert " ".join(without_break_marks(text_of(note.spans)).split()) in text


class DescribeTables:
    def it_repeats_a_marked_header_row_and_keeps_rows_whole(self, nrf):
        tables = part(nrf, "word/document.xml").xpath("//w:tbl", namespaces=NS)
        assert len(tables) == 6  # timeline, actors, signals, alternatives, scenarios, indicators
        for table in tables:
            rows = table.findall(f"{{{W}}}tr")
            assert rows[0].find(f"{{{W}}}trPr/{{{W}}}tblHeader") is not None
            assert all(r.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is None for r in rows[1:])
            assert all(r.find(f"{{{W}}}trPr/{{{W}}}cantSplit") is not None for r in rows)
            assert val(table.find(f"{{{W}}}tblPr/{{{W}}}tblStyle")) == "TableGrid"

    def it_sets_the_columns_to_the_text_width(self, nrf):
        document = part(nrf, "word/document.xml")
        section = document.find(f".//{{{W}}}body/{{{W}}}sectPr")
        page = int(val(section.find(f"{{{W}}}pgSz"), "w"))
        margins = section.find(f"{{{W}}}pgMar")
        text_width = page - int(val(margins, "left")) - int(val(margins, "right"))
        for table in document.xpath("//w:tbl", namespaces=NS):
            assert abs(int(val(table.find(f"{{{W}}}tblPr/{{{W}}}tblW"), "w")) - text_width) <= 2
            columns = [int(val(c, "w")) for c in table.findall(f"{{{W}}}tblGrid/{{{W}}}gridCol")]
            assert abs(sum(columns) - text_width) <= len(columns)


class DescribeStructure:
    def it_styles_every_paragraph_with_a_defined_style(self, nrf):
        styles = part(nrf, "word/styles.xml")
        defined = set(styles.xpath("w:style/@w:styleId", namespaces=NS))
        used = part(nrf, "word/document.xml").xpath("//w:pPr/w:pStyle/@w:val", namespaces=NS)
        assert set(used) <= defined
        for wanted in ("Title", "Subtitle", "Heading1", "Heading2", "ListBullet",
                       "BottomLine", "KeyJudgment", "EditorNote", "Bibliography"):
            assert wanted in used, wanted

    def it_styles_a_quote_as_a_quote(self, products):
        # The NRF brief quotes inline; the example sets its quote apart.
        used = part(products[("example", "docx")], "word/document.xml").xpath("//w:pPr/w:pStyle/@w:val",
                                                                            namespaces=NS)
        assert "Quote" in used

    def it_puts_headings_in_the_outline(self, nrf):
        styles = part(nrf, "word/styles.xml")
        for level in (1, 2, 3):
            heading = style(styles, f"Heading{level}")
            assert val(heading.find(f"{{{W}}}name")) == f"heading {level}"
            assert val(heading.find(f"{{{W}}}pPr/{{{W}}}outlineLvl")) == str(level - 1)

    def it_puts_the_bottom_line_box_directly_under_the_title_block(self, nrf):
        paragraphs = part(nrf, "word/document.xml").xpath("//w:body/w:p", namespaces=NS)
        kinds = [val(p.find(f"{{{W}}}pPr/{{{W}}}pStyle")) for p in paragraphs]
        first_box = kinds.index("BottomLine")
        assert set(kinds[:first_box]) == {"Title", "Subtitle", "BriefDetails"}
        box = style(part(nrf, "word/styles.xml"), "BottomLine")
        assert box.find(f"{{{W}}}pPr/{{{W}}}shd") is not None
        assert {b.tag.split("}")[1] for b in box.find(f"{{{W}}}pPr/{{{W}}}pBdr")} == {"top", "left", "bottom",
                                                                                    "right"}

    def it_sets_the_language_and_core_properties_from_the_brief(self, nrf):
        lang = part(nrf, "word/styles.xml").find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}lang")
        assert val(lang) == "en-GB"
        core = part(nrf, "docProps/core.xml")
        assert core.findtext("dc:title", namespaces=NS).startswith("Secessionist Currents")
        assert core.findtext("dc:language", namespaces=NS) == "en-GB"
        # The brief's authors are the desk's; the source's author is in the sources, not here.
        assert core.findtext("dc:creator", namespaces=NS) == "Afghanistan Desk"
        assert "Tajikistan" in core.findtext("cp:keywords", namespaces=NS)
        assert core.findtext("dcterms:created", namespaces=NS) == "2022-11-02T00:00:00Z"
        assert core.findtext("dcterms:modified", namespaces=NS) == "2022-11-02T00:00:00Z"
        assert core.findtext("cp:revision", namespaces=NS) == "1"


class DescribeHeaderAndFooter:
    def it_puts_the_marking_right_aligned_at_12_pt_in_its_colour_on_black(self, nrf):
        for name in ("word/header1.xml", "word/footer1.xml"):
            story = part(nrf, name)
            assert story.xpath("string(.)", namespaces=NS).endswith("TLP:CLEAR")
            last = story.xpath("//w:r", namespaces=NS)[-1]
            assert last.xpath("w:rPr/w:rStyle/@w:val", namespaces=NS) == ["MarkingLabel"]
            assert last.getprevious().xpath("w:tab", namespaces=NS), "the marking follows a tab"
            assert story.xpath("//w:tabs/w:tab[@w:val='right']", namespaces=NS)
        marking = style(part(nrf, "word/styles.xml"), "MarkingLabel")
        assert int(val(marking.find(f"{{{W}}}rPr/{{{W}}}sz"))) >= 24
        assert val(marking.find(f"{{{W}}}rPr/{{{W}}}color")) == "FFFFFF"
        assert val(marking.find(f"{{{W}}}rPr/{{{W}}}shd"), "fill") == "000000"

    def it_uses_the_same_header_and_footer_on_every_page(self, nrf):
        section = part(nrf, "word/document.xml").find(f".//{{{W}}}body/{{{W}}}sectPr")
        kinds = section.xpath("w:headerReference/@w:type | w:footerReference/@w:type", namespaces=NS)
        assert sorted(kinds) == ["default", "default"]
        assert section.find(f"{{{W}}}titlePg") is None

    def it_numbers_pages_with_dirty_page_and_numpages_fields(self, nrf):
        footer = part(nrf, "word/footer1.xml")
        instructions = [t.strip() for t in footer.xpath("//w:instrText/text()", namespaces=NS)]
        assert instructions == ["PAGE", "NUMPAGES"]
        begins = footer.xpath("//w:fldChar[@w:fldCharType='begin']", namespaces=NS)
        assert [val(b, "dirty") for b in begins] == ["true", "true"]
        assert footer.xpath("string(.)").startswith("2 November 2022")
        assert part(nrf, "word/header1.xml").xpath("string(.)").startswith("NRF and secessionism")

    def it_caches_a_page_count_close_to_libreoffices(self, nrf, nrf_pdf):
        assert abs(cached_page_count(nrf) - len(PdfReader(nrf_pdf).pages)) <= 1


def cached_page_count(docx: Path) -> int:
    """The pages the NUMPAGES field shows until Word updates it: the text run between its separate and end."""
    runs = part(docx, "word/footer1.xml").xpath("//w:r", namespaces=NS)
    start = next(i for i, r in enumerate(runs) if "NUMPAGES" in "".join(r.xpath("w:instrText/text()",
                                                                                  namespaces=NS)))
    return int(runs[start + 2].findtext(f"{{{W}}}t"))


class DescribePageEstimate:
    def it_holds_the_page_budget_to_the_count_the_brief_carries(self, tmp_path):
        # A reference whose margins leave half of A4's text width: the lines, and so the pages, are the
        # reference's, not the theme's.
        bare = bare_reference(tmp_path / "bare.docx")
        narrow = tmp_path / "narrow.docx"
        with zipfile.ZipFile(bare) as source, zipfile.ZipFile(narrow, "w") as target:
            for name in source.namelist():
                data = source.read(name)
                if name == "word/document.xml":
                    data = data.replace(b'w:right="1440"', b'w:right="3600"').replace(b'w:left="1440"',
                                                                                       b'w:left="3600"')
                target.writestr(name, data)
        brief, theme = load(NRF), load_theme()
        assert brief.page_budget
        for template in (None, read_template(narrow, "docx")):
            out = tmp_path / "out.docx"
            written = products.make(brief, "docx", out, theme, template=template)
            assert written.pages == cached_page_count(out)
        assert written.pages > brief.page_budget  # the narrow page's count, which the theme's width did not give


class DescribePaper:
    def it_is_a4_by_default(self, nrf):
        size = part(nrf, "word/document.xml").find(f".//{{{W}}}sectPr/{{{W}}}pgSz")
        assert (val(size, "w"), val(size, "h")) == ("11906", "16838")

    def it_is_letter_when_asked(self, tmp_path):
        out = tmp_path / "letter.docx"
        result = run_briefgen("docx", EXAMPLE, "--paper", "letter", "-o", out)
        assert result.returncode == 0, result.stderr
        size = part(out, "word/document.xml").find(f".//{{{W}}}sectPr/{{{W}}}pgSz")
        assert (val(size, "w"), val(size, "h")) == ("12240", "15840")


class DescribeLinks:
    def it_makes_real_hyperlinks_to_the_source(self, products):
        example = products[("example", "docx")]
        linked = []
        rels = part(example, "word/_rels/document.xml.rels")
        for r_id in part(example, "word/document.xml").xpath("//w:hyperlink/@r:id", namespaces=NS):
            rel = rels.xpath(f"pr:Relationship[@Id='{r_id}']", namespaces=NS)[0]
            assert rel.get("Type") == HYPERLINK_REL and rel.get("TargetMode") == "External"
            linked.append(rel.get("Target"))
        assert "https://example.org/upper-river" in linked


class DescribeReferenceTemplate:
    def it_restyles_every_heading_1_in_the_xml(self, products):
        out = products[("reference", "docx")]
        heading = style(part(out, "word/styles.xml"), "Heading1")
        assert val(heading.find(f"{{{W}}}rPr/{{{W}}}rFonts"), "ascii") == REFERENCE_HEADING_FONT
        assert val(heading.find(f"{{{W}}}rPr/{{{W}}}color")) == REFERENCE_HEADING_COLOUR
        document = part(out, "word/document.xml")
        shown = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1']", namespaces=NS)
        assert len(shown) == sum(1 for h in headings(compose(load(NRF), load_theme(), footnotes=True))
                                 if h.level == 1)
        # No run overrides the style's font or colour.
        assert not document.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1']//w:r/w:rPr/*", namespaces=NS)
        assert "Boilerplate" not in etree.tostring(document, encoding="unicode")

    def it_restyles_the_headings_libreoffice_draws(self, converted, nrf_pdf):
        fonts = subprocess.run(["pdffonts", str(converted[("reference", "docx")])], capture_output=True,
                               text=True, check=True).stdout
        ours = subprocess.run(["pdffonts", str(nrf_pdf)], capture_output=True, text=True, check=True).stdout
        assert "DejaVuSerif-Bold" in fonts and "DejaVuSerif" not in ours

    def it_warns_once_for_each_style_the_reference_lacks(self, references, tmp_path):
        result = run_briefgen("docx", EXAMPLE, "--template", references["docx"], "-o", tmp_path / "x.docx")
        assert result.returncode == 0, result.stderr
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        assert any("'Bottom Line'" in w for w in warnings)
        assert not any("heading 1" in w for w in warnings)
        assert len(warnings) == len(set(warnings))

    def it_completes_a_bare_reference_and_keeps_its_page_setup(self, tmp_path):
        bare = bare_reference(tmp_path / "bare.docx")
        out = tmp_path / "out.docx"
        result = run_briefgen("docx", EXAMPLE, "--template", bare, "-o", out)
        assert result.returncode == 0, result.stderr
        assert any(line.startswith("warning:") and "'heading 1'" in line for line in result.stderr.splitlines())
        size = part(out, "word/document.xml").find(f".//{{{W}}}sectPr/{{{W}}}pgSz")
        assert (val(size, "w"), val(size, "h")) == ("12240", "15840")
        styles = part(out, "word/styles.xml")
        assert val(style(styles, "Normal").find(f"{{{W}}}rPr/{{{W}}}sz")) == "21"  # the reference's
        bullet = val(style(styles, "ListBullet").find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId"))
        numbering = part(out, "word/numbering.xml")
        assert numbering.xpath(f"w:num[@w:numId='{bullet}']", namespaces=NS)

    def it_names_a_links_relationship_r_in_a_reference_that_declares_no_r(self, tmp_path):
        out = tmp_path / "out.docx"
        # The example cites one source throughout, whole: its note, the sources list, gives the address as a
        # link, in Word's footnotes.
        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        one_source("[@report2024]")(data)
        content = tmp_path / "one.yaml"
        content.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert run_briefgen("docx", content, "--template", bare_reference(tmp_path / "bare.docx"),
                            "-o", out).returncode == 0
        with zipfile.ZipFile(out) as package:
            xml = package.read("word/footnotes.xml")
        links = part(out, "word/footnotes.xml").findall(f".//{{{W}}}hyperlink[@{{{R}}}id]")
        assert links and b"<w:hyperlink xmlns:r=" in xml and b"ns0:" not in xml

    def it_refuses_a_file_that_is_not_a_word_document(self, tmp_path):
        fake = tmp_path / "corp.docx"
        fake.write_text("not a zip")
        result = run_briefgen("docx", EXAMPLE, "--template", fake, "-o", tmp_path / "x.docx")
        assert result.returncode == 1
        assert "corp.docx" in result.stderr and "Traceback" not in result.stderr
