"""Fonts that travel: Word and PowerPoint are told fonts their readers have, and the files the PDF embeds and
the deck is measured with set text exactly as those fonts do, so a measured fit is a fit on every machine."""

from __future__ import annotations

import re
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from briefgen.layout import deck_figures, figures, slides
from briefgen.theme import load_theme

# Fonts every Microsoft 365 install has, on Windows and on the Mac (Office for Mac installs them itself).
OFFICE_FONTS = {"Aptos", "Arial", "Calibri", "Calibri Light", "Cambria", "Candara", "Consolas", "Constantia",
                "Corbel", "Courier New", "Georgia", "Segoe UI", "Symbol", "Tahoma", "Times New Roman",
                "Trebuchet MS", "Verdana", "Wingdings"}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Where a part names the font its text is set in: Word's runs and styles (Latin and complex scripts), DrawingML
# text in a drawing, a slide, a layout, a master or a theme, and a bullet's font.
NAMED_BY = [(f"{{{W}}}rFonts", f"{{{W}}}{slot}") for slot in ("ascii", "hAnsi", "cs")] + \
           [(f"{{{A}}}{tag}", "typeface") for tag in ("latin", "cs", "buFont")]


def named_fonts(package: Path) -> dict[str, set[str]]:
    """Each font a .docx or .pptx names for its text, with the parts naming it (a theme's "+mn-lt": its fonts)."""
    found: dict[str, set[str]] = {}
    with zipfile.ZipFile(package) as parts:
        for name in parts.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(parts.read(name))
            for tag, attribute in NAMED_BY:
                for element in root.iter(tag):
                    font = element.get(attribute)
                    if font and not font.startswith("+"):
                        found.setdefault(font, set()).add(name)
            for path in root.iter("{urn:schemas-microsoft-com:vml}textpath"):  # Word's watermark
                for font in re.findall(r'font-family:"([^"]+)"', path.get("style", "")):
                    found.setdefault(font, set()).add(name)
    return found


def line_height(path: Path) -> float:
    """The face's single line, in ems, as Word and LibreOffice take it: its OS/2 table's Windows ascent and descent."""
    data = path.read_bytes()
    tables = {}
    for n in range(struct.unpack_from(">H", data, 4)[0]):
        tag, _, offset, _ = struct.unpack_from(">4sLLL", data, 12 + 16 * n)
        tables[tag] = offset
    units = struct.unpack_from(">H", data, tables[b"head"] + 18)[0]
    ascent, descent = struct.unpack_from(">HH", data, tables[b"OS/2"] + 74)
    return (ascent + descent) / units


@pytest.mark.parametrize("case", ["nrf", "example"])
@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_office_is_told_only_fonts_its_readers_have(products, case, fmt):
    named = named_fonts(products[(case, fmt)])
    assert load_theme().fonts.family in named
    assert {font: parts for font, parts in named.items() if font not in OFFICE_FONTS} == {}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_libreoffice_sets_them_in_the_files_the_pdf_embeds(converted, products, fmt):
    # LibreOffice has no Calibri here: it sets it in Carlito, the theme's files, as the fitting measured.
    rows = subprocess.run(["pdffonts", str(converted[("nrf", fmt)])], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    ours = subprocess.run(["pdffonts", str(products[("nrf", "pdf")])], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows + ours)
    assert {row.split()[0].split("+")[1] for row in rows} <= {row.split()[0].split("+")[1] for row in ours}


@pytest.mark.parametrize("face", ["regular", "bold", "italic", "bold_italic"])
def test_no_exact_line_pitch_is_below_the_fonts_own_line(face):
    # An exact pitch below the font's line clips the tops of tall letters in LibreOffice and PowerPoint.
    line = line_height(getattr(load_theme().fonts, face))
    for pitch in (slides.LINE_SPACING, deck_figures.LINE_SPACING, figures.LEADING):
        assert pitch >= line
