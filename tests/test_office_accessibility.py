"""The Word brief and the deck as a screen reader meets them: Office's accessibility checks, read from the XML.

Word and PowerPoint's Accessibility Checker flags headings out of order, tables without a
header row, pictures and shapes without alternative text (unless marked decorative), slides
without a unique title, and a reading order that does not start with the title; a reader is
spoken to in the language the file states. The files are opened with python-docx,
python-pptx and lxml, as anyone's tools would.
"""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from lxml import etree
from pptx import Presentation

from briefgen.load import load

from .conftest import NRF

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
LANGUAGE = load(NRF).language


def described_or_decorative(properties: etree._Element) -> bool:
    """Whether a cNvPr/docPr gives alternative text or is marked decorative."""
    mark = next(properties.iter(DECORATIVE), None)
    return bool((properties.get("descr") or "").strip()) or (mark is not None and mark.get("val") in ("1", "true"))


@pytest.fixture
def word(products):
    return docx.Document(products[("nrf", "docx")])


class DescribeTheWordBrief:
    def it_outlines_its_headings_from_level_1_without_skipping_a_level(self, word):
        levels = []
        for paragraph in word.paragraphs:
            found = re.fullmatch(r"Heading (\d)", paragraph.style.name)
            if found:
                levels.append(int(found.group(1)))
        assert levels and levels[0] == 1
        assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:])), levels

    def it_marks_each_tables_first_row_as_its_header_and_titles_the_table(self, word):
        assert word.tables
        for table in word.tables:
            first = table.rows[0]._tr
            assert first.find(f"{W}trPr/{W}tblHeader") is not None
            assert all(row._tr.find(f"{W}trPr/{W}tblHeader") is None for row in table.rows[1:])
            # Its caption, or the words of the heading it sits under when no caption is printed ("Actors").
            caption = table._tbl.find(f"{W}tblPr/{W}tblCaption")
            assert caption is not None and caption.get(f"{W}val", "").strip()

    def it_describes_every_picture_or_marks_it_decorative(self, products):
        with zipfile.ZipFile(products[("nrf", "docx")]) as package:
            for name in package.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    for drawing in etree.fromstring(package.read(name)).iter(f"{WP}docPr"):
                        assert described_or_decorative(drawing), (name, drawing.get("name"))

    def it_states_the_briefs_language(self, products, word):
        assert word.core_properties.language == LANGUAGE
        with zipfile.ZipFile(products[("nrf", "docx")]) as package:
            styles = etree.fromstring(package.read("word/styles.xml"))
        lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert lang is not None and lang.get(f"{W}val") == LANGUAGE


class DescribeTheDeck:
    @pytest.mark.parametrize("case", ["nrf", "long"])
    def it_gives_every_slide_a_title_no_other_slide_has(self, products, case):
        titles = [slide.shapes.title.text_frame.text for slide in Presentation(products[(case, "pptx")]).slides]
        assert all(title.strip() for title in titles)
        assert len(set(titles)) == len(titles), [t for t in titles if titles.count(t) > 1]

    def it_numbers_the_third_slide_of_a_part_on(self):
        from briefgen.inline import Span
        from briefgen.layout.deck_fit import Fitter
        from briefgen.layout.measure import metrics_for
        from briefgen.layout.slides import CONTENT, Item, Planned
        from briefgen.render.pptx.writer import geometry
        from briefgen.theme import load_theme

        theme = load_theme()
        points = tuple(Item((Span(f"Correction {n}: " + "a long explanation " * 12),)) for n in range(30))
        slides = Fitter(metrics_for(theme.fonts), theme, geometry(theme, None)).fit(
            Planned(CONTENT, "Corrections", (points,)))
        titles = [s.title for s in slides]
        assert titles[:3] == ["Corrections", "Corrections (cont.)", "Corrections (cont. 2)"], titles
        assert len(set(titles)) == len(titles)

    @pytest.mark.parametrize("case", ["nrf", "long"])
    def it_reads_the_title_first_on_every_slide(self, products, case):
        for number, slide in enumerate(Presentation(products[(case, "pptx")]).slides, 1):
            first = next(s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip())
            assert first.is_placeholder and first.placeholder_format.type in (1, 3), (number, first.name)

    def it_describes_every_picture_and_drawn_shape_or_marks_it_decorative(self, products):
        with zipfile.ZipFile(products[("nrf", "pptx")]) as package:
            parts = [n for n in package.namelist() if re.fullmatch(r"ppt/(slides|slideLayouts|slideMasters)/\w+\.xml", n)]
            for name in parts:
                tree = etree.fromstring(package.read(name))
                for shape in tree.iter(f"{P}pic", f"{P}sp", f"{P}graphicFrame", f"{P}cxnSp"):
                    properties = next(shape.iter(f"{P}cNvPr"))
                    if shape.tag == f"{P}sp" and (shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is not None or
                                                 "".join(shape.itertext()).strip()):
                        continue  # a placeholder or a text box: its text is what a reader hears
                    if shape.tag == f"{P}graphicFrame" and shape.find(f".//{A}tbl") is not None:
                        continue  # a table is read cell by cell
                    assert described_or_decorative(properties), (name, properties.get("name"))

    def it_states_the_briefs_language_on_every_run(self, products):
        deck = Presentation(products[("nrf", "pptx")])
        assert deck.core_properties.language == LANGUAGE
        languages = {r.get("lang") for slide in deck.slides for r in slide._element.iter(f"{A}rPr")}
        assert languages == {LANGUAGE}


class DescribeRightToLeftRuns:
    PHRASE = "ما خواهان افغانستان فدرال هستیم"

    @pytest.fixture
    def rendered(self, tmp_path):
        import yaml

        from briefgen.products import render
        from briefgen.theme import load_theme

        from .conftest import EXAMPLE

        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        data["summary"] = f"The front said: {self.PHRASE}."
        data["key_judgments"][0]["statement"] = f"The front will keep saying {self.PHRASE} through 2024."
        content = tmp_path / "dari.yaml"
        content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        brief = load(content)
        return {fmt: render(brief, fmt, load_theme()) for fmt in ("docx", "pptx")}

    def it_marks_a_dari_phrase_right_to_left_and_persian_in_word(self, rendered, tmp_path):
        (tmp_path / "b.docx").write_bytes(rendered["docx"])
        body = etree.fromstring(zipfile.ZipFile(tmp_path / "b.docx").read("word/document.xml"))
        runs = [r for r in body.iter(f"{W}r") if "".join(r.itertext()) == self.PHRASE]
        assert runs and all(r.find(f"{W}rPr/{W}rtl") is not None and
                            r.find(f"{W}rPr/{W}lang").get(f"{W}bidi") == "fa" for r in runs)

    def it_gives_a_dari_phrase_its_language_in_the_deck(self, rendered, tmp_path):
        (tmp_path / "b.pptx").write_bytes(rendered["pptx"])
        deck = Presentation(tmp_path / "b.pptx")
        runs = [r for slide in deck.slides for r in slide._element.iter(f"{A}r") if r.find(f"{A}t").text == self.PHRASE]
        assert runs and all(r.find(f"{A}rPr").get("lang") == "fa" for r in runs)
