"""A reference document restyles everything: the families its body text and its headings are set in become the
brief's in every product.

The PDF embeds and the deck is measured with a family's files, so a reference's family is
followed where its faces are found (in the theme folder or the machine's fonts, or a free font's
with its widths); otherwise the products keep briefgen's font, and say so.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from briefgen.render.office.fonts import fonts_of
from briefgen.render.office.template import read
from briefgen.theme import load_theme, refonted

from .conftest import NRF, SERIF, pandoc_with_fonts, run_briefgen
from .test_heading_font import deck_typefaces

@pytest.mark.parametrize("fmt, body, heading", [("docx", "Cambria", "Calibri"), ("pptx", "Calibri", "Calibri")])
def test_pandocs_references_give_their_theme_fonts(tmp_path, fmt, body, heading):
    assert fonts_of(read(pandoc_with_fonts(tmp_path, fmt), fmt)) == {"body": body, "heading": heading}


@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_a_font_changed_in_the_reference_is_the_one_it_gives(tmp_path, fmt):
    reference = pandoc_with_fonts(tmp_path, fmt, body=SERIF, heading="DejaVu Sans Mono")
    assert fonts_of(read(reference, fmt)) == {"body": SERIF, "heading": "DejaVu Sans Mono"}


def test_briefgens_own_reference_gives_the_themes_font(tmp_path):
    for fmt in ("docx", "pptx"):
        assert run_briefgen("reference", fmt, "-o", tmp_path / f"ours.{fmt}").returncode == 0
        assert fonts_of(read(tmp_path / f"ours.{fmt}", fmt))["body"] == load_theme().fonts.family


def test_a_body_font_found_on_this_machine_becomes_the_themes():
    theme, said = refonted(load_theme(), {"body": SERIF, "heading": "DejaVu Sans Mono"}, "ref.docx")
    assert said == []
    assert theme.fonts.family == SERIF
    assert [p.name for p in (theme.fonts.regular, theme.fonts.bold, theme.fonts.italic, theme.fonts.bold_italic)] \
        == ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"]


def test_a_free_font_with_an_office_fonts_widths_is_named_as_the_office_font():
    # LibreOffice saves Carlito where the reference had Calibri: the theme's own font, by the name Office knows.
    assert refonted(load_theme(), {"body": "Carlito"}, "ref.pptx") == (load_theme(), [])
    assert load_theme().fonts.family == "Calibri"


def test_a_body_font_not_found_keeps_briefgens_and_says_so():
    theme, said = refonted(load_theme(), {"body": "Nowhere Sans"}, "ref.docx")
    assert theme == load_theme()
    assert len(said) == 1 and "ref.docx: its body font 'Nowhere Sans'" in said[0]
    assert load_theme().fonts.family in said[0]


@pytest.fixture(scope="module")
def serif_products(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serif")
    reference = pandoc_with_fonts(folder, "docx", body=SERIF)
    result = run_briefgen("all", NRF, "--out-dir", folder / "out", "--reference-docx", reference)
    assert result.returncode == 0, result.stderr
    assert "body font" not in result.stderr
    return {fmt: folder / "out" / f"nrf-secession.{fmt}" for fmt in ("docx", "pdf", "pptx")}


def _fonts(pdf: Path) -> set[str]:
    listed = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in listed}


def test_the_pdf_sets_the_references_body_font(serif_products):
    fonts = _fonts(serif_products["pdf"])
    # pandoc's .docx sets its title, subtitle and headings in its theme's heading font, Calibri: Carlito's files.
    assert {"DejaVuSerif", "DejaVuSerif-Bold", "Carlito", "Carlito-Bold"} <= fonts


def test_the_deck_names_and_is_measured_in_the_references_body_font(serif_products):
    titles, text = deck_typefaces(serif_products["pptx"])
    assert (titles, text) == ({"Calibri"}, {SERIF})


def test_libreoffice_shows_the_word_brief_in_it(converted):
    # The body text, tables, estimates, callouts and the figure's labels; the headings keep the reference's.
    assert "DejaVuSerif" in _fonts(converted[("serif", "docx")])
