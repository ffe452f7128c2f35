"""Typographic care, decided once in the layout: each rule of issue 27 that has landed, held in every product."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, strategies as st
from lxml import etree

from briefgen.layout.line_breaks import WORD_JOINER, unbroken_ranges
from briefgen.load import load
from briefgen.theme import load_theme
from briefgen.typography import typography

from .conftest import NRF, run_briefgen

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_COLOUR = "{http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor}hlinkClr"


def test_deck_links_are_in_the_themes_link_colour_not_office_blue(tmp_path):
    out = tmp_path / "nrf.pptx"
    result = run_briefgen("pptx", NRF, "-o", out)
    assert result.returncode == 0, result.stderr
    link = typography(load_theme()).deck.link.colour
    assert link == load_theme().colours.link
    linked = []
    with zipfile.ZipFile(out) as deck:
        for name in deck.namelist():
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                # An address's link, and a "go to slide" jump (an action): both are shown as links.
                linked += etree.fromstring(deck.read(name)).iter(f"{{{A}}}hlinkClick")
            if re.fullmatch(r"ppt/theme/theme\d+\.xml", name):
                # What PowerPoint before 2019 and LibreOffice draw every link in.
                scheme = etree.fromstring(deck.read(name)).find(f"{{{A}}}themeElements/{{{A}}}clrScheme")
                assert scheme.find(f"{{{A}}}hlink/{{{A}}}srgbClr").get("val") == link
    assert {click.get("action") for click in linked} == {None, "ppaction://hlinksldjump"}
    for click in linked:
        run_properties = click.getparent()
        assert run_properties.find(f"{{{A}}}solidFill/{{{A}}}srgbClr").get("val") == link
        # PowerPoint would draw its theme's hyperlink colour unless told to take the run's.
        assert click.find(f".//{HYPERLINK_COLOUR}").get("val") == "tx"


def _rgb(colour) -> str | None:
    """pdfplumber's colour as RRGGBB (None for a colour space other than RGB)."""
    return "".join(f"{round(c * 255):02X}" for c in colour) if colour and len(colour) == 3 else None


def test_libreoffice_shows_the_decks_links_in_the_themes_link_colour(converted):
    link = typography(load_theme()).deck.link.colour
    jumps = 0
    for page in pdfplumber.open(converted[("nrf", "pptx")]).pages:
        words = page.extract_words(extra_attrs=["non_stroking_color"])
        assert "0000FF" not in {_rgb(w["non_stroking_color"]) for w in words}  # Office's default blue
        for before, word in zip(words, words[1:]):
            if (before["text"], word["text"]) == ("Basis:", "slide"):  # "Basis: slide N", a jump to the basis
                assert _rgb(before["non_stroking_color"]) == _rgb(word["non_stroking_color"]) == link
                jumps += 1
    assert jumps >= len(load(NRF).key_judgments)


# --- no break inside a range: "Very unlikely (5–" never ends a line ---------------------------------------

RANGE = re.compile(r"\d[\u2012\u2013-]\d")


@given(st.lists(st.one_of(st.integers(0, 100).map(str), st.sampled_from(["–", "-", "‒", " ", "%", "(", ")", "a"])),
                max_size=12).map("".join))
def test_every_dash_between_digits_is_joined_and_nothing_else_changes(text):
    joined = unbroken_ranges(text)
    assert joined.replace(WORD_JOINER, "") == text
    assert not RANGE.search(joined)  # each such dash is followed by the joiner, not the digit
    assert joined.count(WORD_JOINER) == len(re.findall(r"(?<=\d)[\u2012\u2013-](?=\d)", text))


@pytest.fixture(scope="module")
def nrf_products(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ranges")
    result = run_briefgen("all", NRF, "--out-dir", folder, "-j", "1")
    assert result.returncode == 0, result.stderr
    return {fmt: folder / f"nrf-secession.{fmt}" for fmt in ("docx", "pdf", "pptx")}


def _estimates(text: str) -> list[str]:
    return re.findall(r"\((\d+)\u2013(\u2060?)(\d+)%\)", text)


def _assert_joined(text: str, least: int) -> None:
    found = _estimates(text)
    assert len(found) >= least
    assert all(joiner == WORD_JOINER for _, joiner, _ in found), found


def test_the_word_briefs_estimates_do_not_break_inside_their_range(nrf_products):
    with zipfile.ZipFile(nrf_products["docx"]) as package:
        _assert_joined(package.read("word/document.xml").decode(), least=len(load(NRF).key_judgments))


def test_the_pdfs_estimates_do_not_break_inside_their_range(nrf_products):
    # Each range whole on its line. The joiner is drawn only where the font has it (Carlito has not: the PDF
    # leaves it out, and reportlab breaks lines only at spaces).
    text = subprocess.run(["pdftotext", nrf_products["pdf"], "-"], capture_output=True, text=True, check=True).stdout
    assert len(_estimates(text)) >= len(load(NRF).key_judgments)
    assert not re.search(r"\(\d+\u2013\u2060?\n", text)


def test_the_decks_estimates_do_not_break_inside_their_range(nrf_products):
    with zipfile.ZipFile(nrf_products["pptx"]) as package:
        slides = "".join(package.read(n).decode() for n in package.namelist()
                         if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    _assert_joined(slides, least=len(load(NRF).key_judgments))


# --- one left edge in Word: tables, figures and text at the margin, nothing past either margin --------------

EDGE_TOLERANCE = 1.0  # points: half a rule's width, a glyph's side bearing


def _blocks(page) -> list[tuple[float, float, float]]:
    """Each filled block of ``page``'s body (a table, a figure's fills, a picture, a callout's box) as
    (top, bottom, left edge): its fills and pictures grouped where they overlap down the page. A block
    drawn with lines only (a block quote's rule, a timeline's axis) sets no edge of its own."""
    filled = sorted((o for kind in ("rects", "images") for o in getattr(page, kind)
                     if 70 < o["top"] < page.height - 70), key=lambda o: o["top"])  # not the running header
    blocks: list[list[float]] = []
    for shape in filled:
        if blocks and shape["top"] <= blocks[-1][1] + 2:
            blocks[-1][1] = max(blocks[-1][1], shape["bottom"])
            blocks[-1][2] = min(blocks[-1][2], shape["x0"])
        else:
            blocks.append([shape["top"], shape["bottom"], shape["x0"]])
    return [(top, bottom, edge) for top, bottom, edge in blocks]


def _margins(docx: Path) -> tuple[float, float]:
    """The left and right margins, in points, of the Word brief's (last) section: a reference's page setup wins."""
    with zipfile.ZipFile(docx) as package:
        margins = etree.fromstring(package.read("word/document.xml")).findall(f".//{{{W}}}sectPr/{{{W}}}pgMar")[-1]
    return int(margins.get(f"{{{W}}}left")) / 20, int(margins.get(f"{{{W}}}right")) / 20


@pytest.mark.parametrize("case", ["nrf", "own", "example", "long", "pandoc"])
def test_word_puts_tables_figures_and_text_on_one_left_edge_within_the_margins(case, products, converted):
    left, right_margin = _margins(products[(case, "docx")])
    seen = 0
    for number, page in enumerate(pdfplumber.open(converted[(case, "docx")]).pages, 1):
        right = page.width - right_margin
        shapes = [o for kind in ("rects", "lines", "curves", "images", "chars") for o in getattr(page, kind)
                  if kind != "chars" or o["text"].strip()]
        # Nothing crosses a margin: no rule, fill, picture or letter.
        assert min(o["x0"] for o in shapes) >= left - EDGE_TOLERANCE, (case, number)
        assert max(o["x1"] for o in shapes) <= right + EDGE_TOLERANCE, (case, number)
        # The text's edge, and each table's, figure's and box's: the margin.
        lines = {round(c["top"]): c["x0"] for c in sorted(page.chars, key=lambda c: -c["x0"]) if c["text"].strip()}
        assert min(lines.values()) == pytest.approx(left, abs=EDGE_TOLERANCE), (case, number)
        for top, _, edge in _blocks(page):
            assert edge == pytest.approx(left, abs=EDGE_TOLERANCE), (case, number, round(top))
            seen += 1
    assert seen  # tables and figures were found and measured
