"""The slide deck, read by tools we did not write: LibreOffice's PDF through poppler, and the package's own XML."""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from briefgen import products
from briefgen.estimative import estimate_label
from briefgen.inline import Span, plain
from briefgen.layout import deck
from briefgen.layout.measure import Metrics, metrics_for
from briefgen.layout.deck_fit import Fitter, TooSmall
from briefgen.layout.outline import Outline
from briefgen.load import load
from briefgen.render import pptx as pptx_render
from briefgen.render.office.template import read as read_template
from briefgen.theme import load_theme
from briefgen.typography import typography

from .conftest import EXAMPLE, NRF, ROOT, packages_imported, pdf_pages_text, run_briefgen

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/",
      "dcterms": "http://purl.org/dc/terms/"}
EMU_PER_PT = 12700
TOLERANCE = 1.5  # points: glyph boxes poppler reports may overhang a frame by a hair


@dataclass(frozen=True)
class Shape:
    ph_type: str | None  # "title", "body", "sldNum" … or None for a plain text box
    box: tuple[float, float, float, float] | None  # x0, y0, x1, y1 in points
    text: str
    sizes: tuple[int, ...]  # every run's sz, hundredths of a point
    fonts: tuple[str, ...]
    body_pr: ET.Element | None
    xml: ET.Element


@dataclass(frozen=True)
class SlideXml:
    layout: str
    shapes: tuple[Shape, ...]
    notes: str

    @property
    def title(self) -> str:
        return next(s.text for s in self.shapes if s.ph_type in ("title", "ctrTitle"))


class Package:
    """A .pptx read with zipfile and ElementTree: slides in presentation order, with their layouts' geometry."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        presentation = self.xml("ppt/presentation.xml")
        size = presentation.find("p:sldSz", NS)
        self.width, self.height = int(size.get("cx")) / EMU_PER_PT, int(size.get("cy")) / EMU_PER_PT
        rels = self.rels("ppt/presentation.xml")
        self.slides = [self._slide(rels[s.get(f"{{{NS['r']}}}id")])
                       for s in presentation.find("p:sldIdLst", NS)]

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.zip.read(name))

    def rels(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        rels = self.xml(f"{folder}/_rels/{name}.rels")
        return {r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
                for r in rels if r.get("TargetMode") != "External"}

    def _slide(self, part: str) -> SlideXml:
        rels = self.rels(part)
        layout_part = next(t for t in rels.values() if "slideLayouts/" in t)
        layout = self.xml(layout_part)
        inherited = {self._key(sp): self._box(sp) for sp in layout.iter(f"{{{NS['p']}}}sp")}
        shapes = []
        for sp in self.xml(part).iter(f"{{{NS['p']}}}sp"):
            ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
            shapes.append(Shape(
                ph_type=(ph.get("type", "body") if ph is not None else None),
                box=self._box(sp) or inherited.get(self._key(sp)),
                text=" ".join("".join(t.text or "" for t in p.iter(f"{{{NS['a']}}}t"))
                              for p in sp.iter(f"{{{NS['a']}}}p")).strip(),
                sizes=tuple(int(r.get("sz")) for r in sp.iter(f"{{{NS['a']}}}rPr") if r.get("sz")),
                fonts=tuple(f.get("typeface") for f in sp.iter(f"{{{NS['a']}}}latin")),
                body_pr=sp.find("p:txBody/a:bodyPr", NS),
                xml=sp))
        notes_part = next((t for t in rels.values() if "notesSlides/" in t), None)
        notes = ""
        if notes_part:
            for sp in self.xml(notes_part).iter(f"{{{NS['p']}}}sp"):
                ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
                if ph is not None and ph.get("type") == "body":
                    notes = "".join(t.text or "" for t in sp.iter(f"{{{NS['a']}}}t"))
        return SlideXml(layout.find("p:cSld", NS).get("name"), tuple(shapes), notes)

    @staticmethod
    def _key(sp: ET.Element) -> tuple[str, str] | None:
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        return None if ph is None else (ph.get("type", "body"), ph.get("idx", "0"))

    @staticmethod
    def _box(sp: ET.Element) -> tuple[float, float, float, float] | None:
        off, ext = sp.find("p:spPr/a:xfrm/a:off", NS), sp.find("p:spPr/a:xfrm/a:ext", NS)
        if off is None or ext is None:
            return None
        x, y = int(off.get("x")) / EMU_PER_PT, int(off.get("y")) / EMU_PER_PT
        return x, y, x + int(ext.get("cx")) / EMU_PER_PT, y + int(ext.get("cy")) / EMU_PER_PT


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def words_by_page(pdf: Path) -> list[list[Word]]:
    """Every word's box on every page, by ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.split(r"<page ", html)[1:]:
        pages.append([Word(m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


@pytest.fixture(scope="module")
def nrf(products) -> Package:
    return Package(products[("nrf", "pptx")])


@pytest.fixture(scope="module")
def long(products) -> Package:
    return Package(products[("long", "pptx")])


@pytest.fixture(scope="module")
def example(products) -> Package:
    return Package(products[("example", "pptx")])


class TestPagesInLibreOffice:
    @pytest.mark.parametrize("case", ["nrf", "long", "example"])
    def it_converts_to_one_page_per_slide(self, case, products, converted):
        pages = pdf_pages_text(converted[(case, "pptx")])
        assert len(pages) == len(Package(products[(case, "pptx")]).slides)

    @pytest.mark.parametrize("case, marking", [("nrf", "TLP:CLEAR"), ("long", "TLP:CLEAR"),
                                               ("hostile", "TLP:AMBER+STRICT")])
    def it_shows_the_marking_and_the_title_on_every_page(self, case, marking, products, converted):
        package = Package(products[(case, "pptx")])
        for slide, text in zip(package.slides, pdf_pages_text(converted[(case, "pptx")])):
            flat = " ".join(text.split())
            assert marking in flat
            assert " ".join(slide.title.split()[:3]) in flat, slide.title

    @pytest.mark.parametrize("case", ["nrf", "long", "hostile", "unknown-font", "serif-headings"])
    def it_keeps_every_word_on_the_page_and_above_the_footer_band(self, case, products, converted):
        package = Package(products[(case, "pptx")])
        band = min(s.box[1] for slide in package.slides for s in slide.shapes if s.ph_type == "sldNum")
        for number, words in enumerate(words_by_page(converted[(case, "pptx")]), 1):
            for w in words:
                assert 0 <= w.x0 and w.x1 <= package.width and 0 <= w.y0 and w.y1 <= package.height, w
                if w.text != str(number):
                    assert w.y1 <= band, f"slide {number}: {w} reaches into the footer band at {band:.1f} pt"

    # serif-headings: the long titles fitted in DejaVu Serif, wider than the body's Carlito.
    @pytest.mark.parametrize("case", ["nrf", "long", "hostile", "unknown-font", "serif-headings"])
    def it_keeps_every_word_inside_its_placeholder(self, case, products, converted):
        """Each word's width lies inside a text frame of its slide, and so does its middle height.

        Poppler's word boxes are as tall as the font's whole ascent and descent, taller than
        the line pitch the deck sets, so a bottom-anchored title overhangs by design; a line
        that spilled would sit a whole pitch lower, with its middle outside the frame.
        """
        package = Package(products[(case, "pptx")])
        for number, (slide, words) in enumerate(zip(package.slides, words_by_page(converted[(case, "pptx")])), 1):
            boxes = [s.box for s in slide.shapes if s.box and s.text]
            for w in words:
                middle = (w.y0 + w.y1) / 2
                assert any(x0 - TOLERANCE <= w.x0 and w.x1 <= x1 + TOLERANCE and y0 <= middle <= y1
                           for x0, y0, x1, y1 in boxes), \
                    f"slide {number} ({slide.title}): {w} lies outside every text frame"

    # pandoc's and LibreOffice's templates set their titles at the slide's top, across it; "heading" sets pandoc's
    # in DejaVu Serif, whose long titles take two lines; hostile's marking is the widest, TLP:AMBER+STRICT.
    @pytest.mark.parametrize("case", ["nrf", "hostile", "pandoc", "libreoffice", "heading", "serif-headings"])
    def it_keeps_every_word_clear_of_the_marking(self, case, products, converted):
        package = Package(products[(case, "pptx")])
        for number, (slide, words) in enumerate(zip(package.slides, words_by_page(converted[(case, "pptx")])), 1):
            marking = next(s for s in slide.shapes if s.ph_type is None and s.text.startswith("TLP:"))
            x0, y0, x1, y1 = marking.box
            inside = [w for w in words if w.x0 < x1 and w.x1 > x0 and w.y0 < y1 and w.y1 > y0]
            assert [w.text for w in inside] == [marking.text], f"slide {number} ({slide.title}): {inside}"

    @pytest.mark.parametrize("maker", ["pandoc", "built-in"])
    def it_sets_a_copys_line_clear_of_every_other_box(self, maker, foreign_references, tmp_path):
        """A numbered copy's line sits beside the marking where the titles leave it room (the built-in template),
        and at the foot where a template's titles reach up beside the marking (pandoc's): a title fitted before
        the copy's line was known would otherwise run into it."""
        (tmp_path / "r.csv").write_text("name,organisation\nAlexandra Montgomery-Smythe,Ministry of Foreign Affairs "
                                        "and International Cooperation\n", encoding="utf-8")
        template = ["--template", foreign_references[("pandoc", "pptx")]] if maker == "pandoc" else []
        result = run_briefgen("pptx", NRF, "--recipients", "r.csv", *template, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        package = Package(next((tmp_path / "out" / "nrf-secession").glob("*.pptx")))
        for number, slide in enumerate(package.slides, 1):
            [line] = [s for s in slide.shapes if s.text.startswith("Copy 1 of 1")]
            x0, y0, x1, y1 = line.box
            assert (y0 > package.height / 2) == (maker == "pandoc"), (number, line.box)
            for other in slide.shapes:
                if other is not line and other.box and other.text:
                    a0, b0, a1, b1 = other.box
                    assert x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0, (number, other.text[:40], other.box, line.box)

    @pytest.mark.parametrize("case", ["titled", "serif-headings"])
    def it_sets_a_titles_lines_a_whole_line_of_its_font_apart(self, case, products, converted, serif_headings):
        """A title of two lines or more is set at its family's single line, as the PDF sets its title and as the
        deck measured it: a tighter pitch than the font's own puts a line's descenders into the next one's
        capitals, and makes the title taller in LibreOffice than its fit allowed for. What is below starts clear
        of its last line."""
        theme = load_theme(serif_headings) if case == "serif-headings" else load_theme()
        metrics = metrics_for(typography(theme).deck.title.font)
        package = Package(products[(case, "pptx")])
        taller = 0
        for number, (slide, words) in enumerate(zip(package.slides, words_by_page(converted[(case, "pptx")])), 1):
            title = next(s for s in slide.shapes if s.ph_type in ("title", "ctrTitle"))
            x0, y0, x1, y1 = title.box
            size = title.sizes[0] / 100
            shown = [w for w in words if x0 <= (w.x0 + w.x1) / 2 <= x1 and y0 <= (w.y0 + w.y1) / 2 <= y1]
            tops = sorted({w.y0 for w in shown})
            lines = [top for n, top in enumerate(tops) if n == 0 or top - tops[n - 1] > size / 2]
            if len(lines) < 2:
                continue
            taller += 1
            pitches = [b - a for a, b in zip(lines, lines[1:])]
            assert min(pitches) >= metrics.line(size) - 0.5, (number, slide.title, size, pitches)
            bottom = max(w.y1 for w in shown)
            assert all(w.y0 >= bottom - TOLERANCE for w in words if (w.y0 + w.y1) / 2 > y1), (number, slide.title)
        assert taller, "no title of two lines to look at"

    def it_shows_each_judgments_likelihood_and_confidence(self, converted):
        text = " ".join(" ".join(pdf_pages_text(converted[("nrf", "pptx")])).split())
        for kj in load(NRF).key_judgments:
            assert estimate_label(kj.likelihood, kj.confidence) in text

    def it_numbers_every_slide_in_the_footer(self, nrf, converted):
        band = min(s.box[1] for slide in nrf.slides for s in slide.shapes if s.ph_type == "sldNum")
        for number, words in enumerate(words_by_page(converted[("nrf", "pptx")]), 1):
            assert any(w.text == str(number) and w.y0 >= band - TOLERANCE for w in words), number

    def it_uses_the_deck_font_it_measured_with(self, converted):
        fonts = subprocess.run(["pdffonts", str(converted[("nrf", "pptx")])], capture_output=True, text=True,
                               check=True).stdout
        names = [line.split()[0] for line in fonts.splitlines()[2:]]
        # The deck names Calibri; LibreOffice sets it in Carlito, the files the deck was measured with.
        assert names and all(re.fullmatch(r"[A-Z]{6}\+Carlito(-Bold|-Italic|-BoldItalic)?", n) for n in names), names


class TestSlides:
    def it_is_16_by_9(self, nrf):
        assert round(nrf.width / nrf.height, 3) == round(16 / 9, 3)

    def it_opens_with_the_title_and_the_bottom_line_and_keeps_the_backup_in_the_briefs_order(self, nrf):
        titles = [s.title for s in nrf.slides]
        assert nrf.slides[0].layout == "Title Slide"
        assert nrf.slides[0].title.startswith("Secessionist Currents")
        assert titles[1] == "Bottom line"
        backup = titles[titles.index("Backup") + 1:]
        outline = Outline.of(load(NRF))
        headings = [outline.heading(part) for part in ("key_assumptions", "context", "actors", "signals",
                                                         "implications", "sources")]
        shown = [h for h in headings if any(t.startswith(h) or f"; {h}" in t for t in backup)]
        assert len(shown) >= 4
        assert shown == sorted(shown, key=lambda h: next(n for n, t in enumerate(backup) if h in t))

    def it_puts_organisation_date_and_subtitle_on_the_title_slide(self, nrf):
        body = next(s.text for s in nrf.slides[0].shapes if s.ph_type == "subTitle")
        for part in ("Veldmark Institute", "2 November 2022", "Pan-Khorasanism"):
            assert part in body

    def it_uses_the_named_layouts(self, nrf, example):
        # The NRF brief has no analogies, which a deck sets in two columns; the example has one. Both have a backup.
        assert {s.layout for s in nrf.slides} == {"Title Slide", "Title and Content", "Section Header"}
        assert {s.layout for s in example.slides} == {"Title Slide", "Title and Content", "Two Content",
                                                      "Section Header"}

    def it_gives_every_slide_speaker_notes(self, nrf, long):
        for slide in nrf.slides + long.slides:
            assert slide.notes.strip(), slide.title

    def it_attributes_sources_in_the_notes_as_a_presenter_says_them(self, nrf):
        notes = next(s.notes for s in nrf.slides if s.title == "Judgment 1: basis and evidence")
        assert "as reported by Jami in 2022" in notes and "Basis:" in notes
        assert not any("[@" in s.notes or "(source:" in s.notes for s in nrf.slides)

    def it_never_sets_body_text_below_the_minimum_and_never_autofits(self, nrf, long):
        for slide in nrf.slides + long.slides:
            for shape in slide.shapes:
                if shape.ph_type in ("body", "subTitle"):
                    assert shape.sizes and min(shape.sizes) >= 1800, slide.title
                if shape.ph_type in ("body", "subTitle", "title", "ctrTitle"):
                    assert shape.body_pr.get("wrap") == "square"
                    assert shape.body_pr.find("a:noAutofit", NS) is not None
                    assert set(shape.fonts) == {load_theme().fonts.family}

    def it_marks_every_slide_top_right_in_the_tlp_colour_on_black(self, nrf):
        for slide in nrf.slides:
            marking = next(s for s in slide.shapes if s.text == "TLP:CLEAR")
            x0, y0, x1, _ = marking.box
            assert x1 > 0.9 * nrf.width and y0 < 0.1 * nrf.height
            fill = marking.xml.find("p:spPr/a:solidFill/a:srgbClr", NS).get("val")
            colour = marking.xml.find(".//a:rPr/a:solidFill/a:srgbClr", NS).get("val")
            assert (fill, colour) == ("000000", "FFFFFF")
            assert min(marking.sizes) >= 1200

    def it_continues_long_parts_on_cont_slides(self, nrf, long, example):
        titles = [s.title for s in long.slides]
        assert f"Analogy: {load(EXAMPLE).analogies[0].case} (cont.)" in titles
        assert len(long.slides) > len(nrf.slides)
        # An analogy too long for two columns goes into one, which may continue.
        first = f"Analogy: {load(EXAMPLE).analogies[0].case}"
        assert {s.layout for s in example.slides if s.title.startswith(first)} == {"Two Content"}
        assert {s.layout for s in long.slides if s.title.startswith(first)} == {"Title and Content"}

    def it_writes_core_properties_from_the_brief(self, products):
        with zipfile.ZipFile(products[("nrf", "pptx")]) as z:
            core = ET.fromstring(z.read("docProps/core.xml"))
        assert core.findtext("dc:title", namespaces=NS).startswith("Secessionist Currents")
        assert core.findtext("dc:creator", namespaces=NS) == "Afghanistan Desk"
        assert "Pan-Khorasanism" in core.findtext("dc:subject", namespaces=NS)
        assert "Balkanization" in core.findtext("cp:keywords", namespaces=NS)
        assert core.findtext("dcterms:created", namespaces=NS).startswith("2022-11-02T00:00:00")
        assert core.findtext("dcterms:modified", namespaces=NS).startswith("2022-11-02T00:00:00")
        assert core.findtext("cp:revision", namespaces=NS) == "1"

    def it_describes_itself_in_the_extended_properties(self, products, nrf):
        with zipfile.ZipFile(products[("nrf", "pptx")]) as z:
            app = z.read("docProps/app.xml").decode()
        assert f"<Slides>{len(nrf.slides)}</Slides>" in app and f"<Notes>{len(nrf.slides)}</Notes>" in app
        assert "<PresentationFormat>Widescreen</PresentationFormat>" in app

    def it_names_notes_parts_after_their_slides(self, products):
        with zipfile.ZipFile(products[("long", "pptx")]) as z:
            names = z.namelist()
        slides = sorted(int(m[1]) for n in names if (m := re.fullmatch(r"ppt/slides/slide(\d+)\.xml", n)))
        notes = sorted(int(m[1]) for n in names if (m := re.fullmatch(r"ppt/notesSlides/notesSlide(\d+)\.xml", n)))
        assert notes == slides == list(range(1, len(slides) + 1))


class TestAMeetingDeck:
    """What a reviewer asked of the deck for a meeting: the argument on the main slides, all of it in the backup."""

    def it_shows_every_correction_whole_in_the_backup(self, nrf, long):
        for package in (nrf, long):
            # As a reader sees it: without the word joiners that hold a range ("1992–97") on one line.
            shown = " ".join(" ".join(" ".join(sh.text for sh in s.shapes).split())
                             for s in package.slides).replace("\u2060", "")
            for note in load(NRF).editor_notes:
                assert re.sub(r" ([.,;:])", r"\1", " ".join(plain(note).split())) in shown

    def it_has_one_divider_before_the_backup(self, nrf):
        dividers = [s for s in nrf.slides if s.layout == "Section Header"]
        assert [s.title for s in dividers] == ["Backup"]

    def it_shows_each_judgments_basis_on_a_slide(self, nrf):
        shown = " ".join(" ".join(sh.text for sh in s.shapes) for s in nrf.slides if s.title.startswith("Judgment"))
        for kj in load(NRF).key_judgments:
            assert " ".join(plain(kj.basis).split()[:6]) in shown

    def it_shows_each_actors_stance_on_a_slide(self, nrf):
        shown = " ".join(" ".join(sh.text for sh in s.shapes) for s in nrf.slides if s.title.startswith("Actors"))
        for actor in load(NRF).actors:
            assert " ".join(plain(actor.stance).split()[:5]) in shown

    def it_shows_the_implications_whole_once(self, nrf):
        """No "So what" slide repeating them: the main slide gives the ask, the backup the whole."""
        whole = " ".join(re.sub(r" ([.,;:])", r"\1", plain(load(NRF).implications[-1])).split())
        shown = [" ".join(" ".join(sh.text for sh in s.shapes).split()) for s in nrf.slides]
        assert sum(whole in text for text in shown) == 1
        assert "So what" not in [s.title for s in nrf.slides]

    def it_names_sources_shortly_in_the_notes(self, nrf):
        notes = " ".join(s.notes for s in nrf.slides if not s.title.startswith("Sources"))
        assert notes.count("as reported by Jami in 2022") > 10
        assert "Afghanistan is a Failed Marriage" not in notes


class TestTemplates:
    def it_uses_the_users_masters_when_the_names_match(self, tmp_path):
        corp = tmp_path / "corp.pptx"
        Presentation().save(str(corp))  # python-pptx's own 4:3 template: other geometry, same layout names
        out = tmp_path / "out.pptx"
        result = run_briefgen("pptx", NRF, "-o", out, "--template", corp)
        assert result.returncode == 0, result.stderr
        package = Package(out)
        assert round(package.width / package.height, 2) == round(4 / 3, 2)
        assert {s.layout for s in package.slides} >= {"Title Slide", "Title and Content"}
        assert all(slide.notes for slide in package.slides)

    def it_says_a_body_placeholder_is_too_small_for_three_lines(self, tmp_path):
        corp = tmp_path / "tiny.pptx"
        prs = Presentation(str(ROOT / "templates" / "default" / "deck.pptx"))
        body = prs.slide_layouts.get_by_name("Title and Content").placeholders[1]
        body.height = body.height // 10
        prs.save(str(corp))
        result = run_briefgen("pptx", NRF, "-o", tmp_path / "out.pptx", "--template", corp, "--strict")
        assert result.returncode == 1
        assert "too small" in result.stderr and '"Title and Content"' in result.stderr
        assert "Traceback" not in result.stderr


    def it_renders_again_after_a_change_of_theme_or_template_in_one_process(self, tmp_path):
        """A watch renders many times from one reading of a template: another theme or template is read anew."""
        red = tmp_path / "red"
        shutil.copytree(ROOT / "templates" / "default", red)
        toml = red / "theme.toml"
        toml.write_text(toml.read_text().replace('primary = "1B3A5C"', 'primary = "C00000"'))
        Presentation().save(str(tmp_path / "corp.pptx"))
        corp = read_template(tmp_path / "corp.pptx", "pptx")
        brief, theme = load(NRF), load_theme()
        first = products.render(brief, "pptx", theme)
        decks = {"red": products.render(brief, "pptx", load_theme(red)),
                 "corp": products.render(brief, "pptx", theme, template=corp),
                 "again": products.render(brief, "pptx", theme)}
        assert decks["again"] == first
        master = "ppt/slideMasters/slideMaster1.xml"
        with zipfile.ZipFile(io.BytesIO(first)) as plain_deck, zipfile.ZipFile(io.BytesIO(decks["red"])) as red_deck:
            assert b"1B3A5C" in plain_deck.read(master) and b"1B3A5C" not in red_deck.read(master)
        deck_4_3 = Presentation(io.BytesIO(decks["corp"]))
        assert round(deck_4_3.slide_width / deck_4_3.slide_height, 2) == round(4 / 3, 2)

    def it_keeps_the_built_in_template_prepared_as_python_pptx_reads_it(self):
        """built_in.zip is deck.pptx read by python-pptx; after changing deck.pptx, run
        ``python tools/prepare_deck_template.py`` to write it again."""
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
        import prepare_deck_template
        from briefgen.render.pptx import prepared

        source, data = prepared.saved_built_in()
        assert source == prepared.built_in_source()
        assert prepare_deck_template.prepared_built_in().saved(source) == data

    def it_makes_a_deck_on_the_built_in_template_without_importing_python_pptx(self, tmp_path):
        assert "pptx" not in packages_imported("pptx", NRF, "-o", tmp_path / "deck.pptx", "-q", cwd=tmp_path)
        assert (tmp_path / "deck.pptx").stat().st_size > 0

METRICS = Metrics(load_theme().fonts)


class TestMeasure:
    @settings(max_examples=60, deadline=None)
    @given(words=st.lists(st.text("aeilmnoWé—,.", min_size=1, max_size=40), min_size=1, max_size=30),
           bold=st.booleans(), width=st.floats(40, 800), size=st.sampled_from([18.0, 22.0, 32.0]))
    def it_wraps_without_losing_text_or_overrunning_the_width(self, words, bold, width, size):
        spans = (Span(" ".join(words[: len(words) // 2]) + " ", bold=bold), Span(" ".join(words[len(words) // 2:])))
        lines = METRICS.wrap(spans, width, size)
        text = "".join(spans[p.span].text[p.start:p.end] for line in lines for p in line)
        assert text == "".join(s.text for s in spans)
        for line in lines:
            pieces = [(spans[p.span].text[p.start:p.end], spans[p.span].bold) for p in line]
            pieces[-1] = (pieces[-1][0].rstrip(" "), pieces[-1][1])  # a trailing space may hang in the margin
            drawn = sum(METRICS.width(text, size, bold=b) for text, b in pieces)
            assert drawn <= width + 0.01 or len("".join(t for t, _ in pieces).strip()) == 1

    @settings(max_examples=60, deadline=None)
    @given(texts=st.lists(st.text(" \u200baeW\u2014.", min_size=1, max_size=60), min_size=2, max_size=6),
           width=st.floats(5, 400), size=st.sampled_from([11.0, 22.0]))
    def it_measures_a_text_after_others_as_afresh(self, texts, width, size):
        """The widths of words and of the spaces after them are kept from text to text, per face."""
        warm = Metrics(load_theme().fonts)
        for text in texts[:-1]:
            warm.wrap((Span(text), Span(text, bold=True)), width, size)
        last = (Span(texts[-1]), Span(texts[0], bold=True))
        fresh = Metrics(load_theme().fonts)
        assert warm.wrap(last, width, size) == fresh.wrap(last, width, size)
        assert warm.count(last, width, size, once=True) == fresh.count(last, width, size, once=True)
        assert warm.widest(last, size) == fresh.widest(last, size)

    @pytest.mark.parametrize("face", ["regular", "bold", "italic", "bold_italic"])
    def it_measures_each_face_as_reportlab_does_for_the_pdf(self, face):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        path = getattr(load_theme().fonts, face)
        name = f"test-measure-{face}"
        pdfmetrics.registerFont(TTFont(name, str(path)))
        bold, italic = face.startswith("bold"), face.endswith("italic")
        # Latin, punctuation, no-break space, Greek, Cyrillic, Arabic, CJK and a private-use character it lacks.
        for text in ["Key judgments", "— “quoted” (55–80%) ·", "a b", "αβγ",
                     "Жизнь", "كابل", "中文", "x"]:
            assert METRICS.width(text, 22, bold=bold, italic=italic) == pdfmetrics.stringWidth(text, name, 22)

    def it_measures_bold_wider_than_regular(self):
        assert METRICS.width("Key judgments", 22, bold=True) > METRICS.width("Key judgments", 22)


class TestFitting:
    def it_fits_a_brief_again_the_same_after_measuring_it_and_others(self, cases):
        theme = load_theme()
        geometry = pptx_render.geometry(theme, None)
        first = deck.compose(load(NRF), theme, geometry)
        deck.compose(load(cases["long"]), theme, geometry)  # its words measured and kept
        assert deck.compose(load(NRF), theme, geometry) == first

    def it_moves_a_badge_that_no_longer_fits_to_the_next_slide(self):
        theme = load_theme()
        frame = deck.Frame(300.0, 0.0)
        spans = (Span("word " * 40),)
        fitter = Fitter(METRICS, theme, deck.Geometry(titles={}, bodies={}))
        lines = len(METRICS.wrap(spans, fitter.width(deck.Item(spans), frame, 22.0), 22.0))
        # Room for every line of the item, but not for its badge as well.
        frame = deck.Frame(300.0, lines * 22.0 * deck.LINE_SPACING + deck.HEIGHT_RESERVE + 1)
        pages = fitter.pack([deck.Item(spans, badge="Likely (55–80%)")], frame, 22.0)
        assert [[(i.spans, i.badge) for i in page] for page in pages] == [[(spans, None)], [((), "Likely (55–80%)")]]

    @settings(max_examples=40, deadline=None)
    @given(texts=st.lists(st.text("aeilmnoW —", min_size=1, max_size=60), min_size=1, max_size=40),
           faces=st.lists(st.booleans(), min_size=1, max_size=40), lines=st.integers(2, 6),
           badge=st.booleans(), bullet=st.booleans(), number=st.integers(0, 2), width=st.floats(120, 600))
    def it_cuts_an_item_many_slides_long_as_slide_after_slide_would(self, texts, faces, lines, badge, bullet, number,
                                                                      width):
        # Spans that start or end inside a word or with spaces, words wider than the frame, numbered items:
        # cutting the rest of a long item from its own lines must give what wrapping the rest again does.
        spans = tuple(Span(t, bold=faces[i % len(faces)]) for i, t in enumerate(texts))
        item = deck.Item(spans, bullet=bullet, number=number, badge="Likely (55–80%)" if badge else None)
        frame = deck.Frame(width, lines * 22.0 * deck.LINE_SPACING + deck.HEIGHT_RESERVE)
        theme = load_theme()

        class SlideAfterSlide(Fitter):
            def _cut_rest(self, spans, lines, start, rest, per, pages):
                return rest

        def packed(fitter):
            try:
                return fitter.pack([item, item], frame, 22.0)
            except TooSmall:  # a frame too small for a badge is one for both
                return "too small"

        fitted = Fitter(METRICS, theme, deck.Geometry(titles={}, bodies={}))
        reference = SlideAfterSlide(METRICS, theme, deck.Geometry(titles={}, bodies={}))
        assert packed(fitted) == packed(reference)

    def it_keeps_a_label_with_an_item_that_moves_whole_to_the_next_slide(self):
        theme = load_theme()
        fitter = Fitter(METRICS, theme, deck.Geometry(titles={}, bodies={}))
        size, pitch = 22.0, 22.0 * deck.LINE_SPACING
        frame = deck.Frame(600.0, 8 * pitch + deck.HEIGHT_RESERVE)
        filler = deck.Item((Span("one line"),))
        label = deck.Item((Span("A judgment"),), heading=True)
        basis = deck.Item((Span("basis " * 45),), bullet=False)  # a few lines: more than fit after the label
        assert 2 < len(fitter.lines(basis, frame, size)) < 6
        pages = fitter.pack([filler, filler, label, basis], frame, size)
        assert [len(p) for p in pages] == [2, 2] and pages[1][0] is label
