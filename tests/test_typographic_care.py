"""Typographic care, decided once in the layout: each rule of issue 27 that has landed, held in every product."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from hypothesis import given, strategies as st
from lxml import etree

from briefgen.layout.line_breaks import WORD_JOINER, unbroken_ranges
from briefgen.load import load
from briefgen.theme import load_theme
from briefgen.typography import typography

from .conftest import NRF, run_briefgen

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
                # An address's link; a "go to slide" jump (an action) is the slide's own text, not a link.
                linked += [click for click in etree.fromstring(deck.read(name)).iter(f"{{{A}}}hlinkClick")
                           if click.get("action") is None]
    assert linked
    for click in linked:
        run_properties = click.getparent()
        assert run_properties.find(f"{{{A}}}solidFill/{{{A}}}srgbClr").get("val") == link
        # PowerPoint would draw its theme's hyperlink colour unless told to take the run's.
        assert click.find(f".//{HYPERLINK_COLOUR}").get("val") == "tx"


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
def products(tmp_path_factory):
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


def test_the_word_briefs_estimates_do_not_break_inside_their_range(products):
    with zipfile.ZipFile(products["docx"]) as package:
        _assert_joined(package.read("word/document.xml").decode(), least=len(load(NRF).key_judgments))


def test_the_pdfs_estimates_do_not_break_inside_their_range(products):
    # Each range whole on its line. The joiner is drawn only where the font has it (Carlito has not: the PDF
    # leaves it out, and reportlab breaks lines only at spaces).
    text = subprocess.run(["pdftotext", products["pdf"], "-"], capture_output=True, text=True, check=True).stdout
    assert len(_estimates(text)) >= len(load(NRF).key_judgments)
    assert not re.search(r"\(\d+\u2013\u2060?\n", text)


def test_the_decks_estimates_do_not_break_inside_their_range(products):
    with zipfile.ZipFile(products["pptx"]) as package:
        slides = "".join(package.read(n).decode() for n in package.namelist()
                         if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    _assert_joined(slides, least=len(load(NRF).key_judgments))
