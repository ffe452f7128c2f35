"""Reference documents as pandoc users bring them: pandoc's defaults, LibreOffice-saved ones, theme folders."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation

from .conftest import NRF, ROOT, pdf_pages_text, run_briefgen

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"w": W, "a": A, "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


def part(package: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(package) as archive:
        return etree.fromstring(archive.read(name))


def warnings_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning:")]


class DescribePandocReferenceDocx:
    def it_takes_pandocs_heading_styles(self, products):
        styles = part(products[("pandoc", "docx")], "word/styles.xml")
        heading = styles.xpath("w:style[@w:styleId='Heading1']", namespaces=NS)[0]
        assert heading.xpath("w:rPr/w:color/@w:val", namespaces=NS) == ["4F81BD"]
        assert heading.xpath("w:rPr/w:rFonts/@w:asciiTheme", namespaces=NS) == ["majorHAnsi"]
        # Quotes take pandoc's own name for them.
        quote = styles.xpath("w:style[w:name/@w:val='Block Text']/@w:styleId", namespaces=NS)
        body = part(products[("pandoc", "docx")], "word/document.xml")
        assert body.xpath(f"//w:pStyle[@w:val='{quote[0]}']", namespaces=NS)

    def it_falls_back_to_the_theme_paper_and_says_so_once(self, foreign_references, tmp_path):
        out = tmp_path / "brief.docx"
        result = run_briefgen("docx", NRF, "--template", foreign_references[("pandoc", "docx")], "-o", out)
        assert result.returncode == 0, result.stderr
        said = warnings_of(result.stderr)
        assert sum("sets no page size" in w for w in said) == 1
        assert len([w for w in said if "styles" in w]) == 1  # every missing style in one line
        size = part(out, "word/document.xml").xpath("//w:sectPr/w:pgSz", namespaces=NS)[0]
        assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("11906", "16838")  # A4, the theme's

    def it_sets_the_theme_paper_on_a_reference_without_section_properties(self, tmp_path):
        reference = tmp_path / "reference.docx"
        with zipfile.ZipFile(ROOT / "tests" / "data" / "libreoffice-reference.docx") as source, \
                zipfile.ZipFile(reference, "w") as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == "word/document.xml":
                    document = etree.fromstring(data)
                    for section in document.iter(f"{{{W}}}sectPr"):
                        section.getparent().remove(section)
                    data = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
                target.writestr(info, data)
        out = tmp_path / "brief.docx"
        result = run_briefgen("docx", NRF, "--template", reference, "-o", out)
        assert result.returncode == 0, result.stderr
        assert sum("sets no page size or margins" in w for w in warnings_of(result.stderr)) == 1
        sections = part(out, "word/document.xml").xpath("/w:document/w:body/w:sectPr", namespaces=NS)
        assert len(sections) == 1 and sections[0].xpath("w:pgSz/@w:w", namespaces=NS) == ["11906"]
        assert sections[0].xpath("w:headerReference/@w:type", namespaces=NS) == ["default"]

    def it_lets_an_asked_paper_win(self, foreign_references, tmp_path):
        out = tmp_path / "brief.docx"
        result = run_briefgen("docx", NRF, "--template", foreign_references[("libreoffice", "docx")],
                              "--paper", "a4", "-o", out)
        assert result.returncode == 0, result.stderr
        size = part(out, "word/document.xml").xpath("//w:sectPr/w:pgSz", namespaces=NS)[0]
        assert size.get(f"{{{W}}}w") == "11906"

    def it_opens_in_libreoffice(self, converted):
        pages = pdf_pages_text(converted[("pandoc", "docx")])
        assert len(pages) >= 2 and "Key judgments" in "".join(pages)


class DescribeLibreOfficeReferenceDocx:
    def it_keeps_the_page_setup_libreoffice_saved(self, products):
        size = part(products[("libreoffice", "docx")], "word/document.xml").xpath("//w:sectPr/w:pgSz",
                                                                                  namespaces=NS)[0]
        assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("12240", "15840")  # Letter, as saved

    def it_opens_in_libreoffice(self, converted):
        assert "Key judgments" in "".join(pdf_pages_text(converted[("libreoffice", "docx")]))


class DescribePandocReferencePptx:
    def it_builds_on_pandocs_masters(self, products):
        deck = Presentation(str(products[("pandoc", "pptx")]))
        assert (deck.slide_width, deck.slide_height) == (9144000, 5143500)  # pandoc's 16:9 at 10 in
        used = {s.slide_layout.name for s in deck.slides}
        assert {"Title Slide", "Title and Content"} <= used <= {"Title Slide", "Title and Content", "Section Header",
                                                                "Two Content"}

    def it_opens_in_libreoffice(self, converted, products):
        pages = pdf_pages_text(converted[("pandoc", "pptx")])
        assert len(pages) == len(Presentation(str(products[("pandoc", "pptx")])).slides)


class DescribeLayoutFallback:
    def it_falls_back_to_the_built_in_layouts_naming_what_it_missed(self, foreign_references, tmp_path):
        out = tmp_path / "deck.pptx"
        result = run_briefgen("pptx", NRF, "--template", foreign_references[("libreoffice", "pptx")], "-o", out)
        assert result.returncode == 0, result.stderr
        # (The other warning says which of the template's parts were left out: its custom properties.)
        [said] = [w for w in warnings_of(result.stderr) if "layout" in w]
        assert "built-in layouts" in said
        assert Presentation(str(out)).slides[0].slide_layout.name == "Title Slide"

    def it_refuses_with_strict(self, tmp_path):
        corp = tmp_path / "corp.pptx"
        prs = Presentation(str(ROOT / "templates" / "default" / "deck.pptx"))
        for layout in prs.slide_layouts:
            if layout.name in ("Two Content", "Section Header"):
                layout.element.attrib.pop("type", None)  # nor found by their type: a corporate template's own
            layout.name = {"Two Content": "Comparison", "Section Header": "Divider"}.get(layout.name, layout.name)
        prs.save(str(corp))
        relaxed = run_briefgen("pptx", NRF, "-o", tmp_path / "relaxed.pptx", "--template", corp)
        assert relaxed.returncode == 0
        [said] = warnings_of(relaxed.stderr)
        assert '"Section Header", "Two Content"' in said and '"Comparison"' in said and '"Divider"' in said
        strict = run_briefgen("pptx", NRF, "-o", tmp_path / "strict.pptx", "--template", corp, "--strict")
        assert strict.returncode == 1 and '"Section Header"' in strict.stderr


class DescribeThemeColoursInTheDeck:
    def it_gives_slide_titles_the_theme_primary(self, tmp_path):
        theme = tmp_path / "red"
        shutil.copytree(ROOT / "templates" / "default", theme)
        toml = theme / "theme.toml"
        toml.write_text(toml.read_text().replace('primary = "1B3A5C"', 'primary = "C00000"'))
        result = run_briefgen("pptx", NRF, "--template", theme, "-o", tmp_path / "deck.pptx")
        assert result.returncode == 0, result.stderr
        master = part(tmp_path / "deck.pptx", "ppt/slideMasters/slideMaster1.xml")
        assert master.xpath("//p:titleStyle//a:srgbClr/@val", namespaces=NS) == ["C00000"]
        assert "1B3A5C" not in etree.tostring(master, encoding="unicode")
