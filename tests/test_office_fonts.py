"""Fonts that travel: Word and PowerPoint are told fonts their readers have, and the files the PDF embeds and
the deck is measured with set text exactly as those fonts do, so a measured fit is a fit on every machine."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from briefgen.layout import deck_figures, figures, slides
from briefgen.render.pptx import embedded_fonts
from briefgen.theme import load_theme

from .conftest import EXAMPLE, ROOT, UNKNOWN_FAMILY, run_briefgen
from .embedded_opentype import unpacked

# Fonts every Microsoft 365 install has, on Windows and on the Mac (Office for Mac installs them itself).
OFFICE_FONTS = {"Aptos", "Arial", "Calibri", "Calibri Light", "Cambria", "Candara", "Consolas", "Constantia",
                "Corbel", "Courier New", "Georgia", "Segoe UI", "Symbol", "Tahoma", "Times New Roman",
                "Trebuchet MS", "Verdana", "Wingdings"}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
# The children of p:presentation in their schema order (ECMA-376 Part 1, 19.2.1.26, CT_Presentation).
PRESENTATION_SEQUENCE = ("sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst", "sldIdLst", "sldSz", "notesSz",
                         "smartTags", "embeddedFontLst", "custShowLst", "photoAlbum", "custDataLst", "kinsoku",
                         "defaultTextStyle", "modifyVerifier", "extLst")
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


def in_schema_order(element, sequence: tuple[str, ...]) -> bool:
    """Whether the element's children are each one of ``sequence``, in its order."""
    places = [sequence.index(etree.QName(child).localname) for child in element]
    return places == sorted(places)


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


def deobfuscated(data: bytes, key: str) -> bytes:
    """An embedded font as ECMA-376 Part 1 (17.8.1) stores it: its first 32 bytes XORed with the key's GUID
    bytes, last first."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(b ^ secret[n % 16] for n, b in enumerate(data[:32])) + data[32:]


class DescribeAFontOfficeLacks:
    def it_carries_the_four_faces_in_the_word_brief_under_the_family_name(self, products, unknown_font):
        theme = load_theme(unknown_font)
        with zipfile.ZipFile(products[("unknown-font", "docx")]) as package:
            table = etree.fromstring(package.read("word/fontTable.xml"))
            rels = {rel.get("Id"): rel.get("Target") for rel in
                    etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))}
            settings = etree.fromstring(package.read("word/settings.xml"))
            types = package.read("[Content_Types].xml").decode()
            entry = next(f for f in table.iter(f"{{{W}}}font") if f.get(f"{{{W}}}name") == UNKNOWN_FAMILY)
            for face, tag in (("regular", "embedRegular"), ("bold", "embedBold"), ("italic", "embedItalic"),
                              ("bold_italic", "embedBoldItalic")):
                embedded = entry.find(f"{{{W}}}{tag}")
                stored = package.read("word/" + rels[embedded.get(f"{{{R}}}id")])
                assert deobfuscated(stored, embedded.get(f"{{{W}}}fontKey")) == getattr(theme.fonts, face).read_bytes()
                assert stored[:32] != getattr(theme.fonts, face).read_bytes()[:32]
        assert settings.find(f"{{{W}}}embedTrueTypeFonts") is not None
        assert "application/vnd.openxmlformats-officedocument.obfuscatedFont" in types

    @pytest.mark.slow
    def it_is_the_font_libreoffice_shows(self, converted):
        # This machine has no Vujade Sans: LibreOffice can take it only from inside the brief.
        rows = subprocess.run(["pdffonts", str(converted[("unknown-font", "docx")])], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows and all(re.fullmatch(r"[A-Z]{6}\+VujadeSans(-Bold|-Oblique|-BoldOblique)?", row.split()[0])
                            for row in rows), rows

    def it_carries_the_four_faces_in_the_deck_as_embedded_opentype_libreoffice_reads(self, products, unknown_font):
        theme = load_theme(unknown_font)
        with zipfile.ZipFile(products[("unknown-font", "pptx")]) as package:
            presentation = etree.fromstring(package.read("ppt/presentation.xml"))
            rels = {rel.get("Id"): rel for rel in etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))}
            types = etree.fromstring(package.read("[Content_Types].xml"))
            assert presentation.get("embedTrueTypeFonts") == "1"
            # In the places ECMA-376's schema gives them (CT_Presentation's, CT_EmbeddedFontListEntry's sequence).
            assert in_schema_order(presentation, PRESENTATION_SEQUENCE)
            [entry] = presentation.iterfind(f"{{{P}}}embeddedFontLst/{{{P}}}embeddedFont")
            assert [child.tag.split("}")[1] for child in entry] == ["font", "regular", "bold", "italic", "boldItalic"]
            assert entry[0].get("typeface") == UNKNOWN_FAMILY
            for face, element in zip(("regular", "bold", "italic", "bold_italic"), entry[1:]):
                rel = rels[element.get(f"{{{R}}}id")]
                assert rel.get("Type") == f"{R}/font" and rel.get("Target").startswith("fonts/")
                name = "ppt/" + rel.get("Target")
                assert (name.rsplit(".", 1)[1], "application/x-fontdata") in {
                    (d.get("Extension"), d.get("ContentType")) for d in types.iterfind(f"{{{CT}}}Default")}
                font = unpacked(package.read(name))
                assert font.font == getattr(theme.fonts, face).read_bytes()
                assert (font.family, font.italic, font.weight) == (UNKNOWN_FAMILY, "italic" in face,
                                                                   700 if "bold" in face else 400)
                assert font.editable

    @pytest.mark.slow
    def it_is_the_font_libreoffice_shows_in_the_deck(self, converted):
        found = re.search(r"(\d+)\.(\d+)", subprocess.run(["soffice", "--version"], capture_output=True, text=True,
                                                           check=True).stdout)
        if (int(found[1]), int(found[2])) < (25, 8):
            # Earlier versions read no fonts from a .pptx (the importer's embedded font list is from 2025).
            pytest.skip(f"LibreOffice {found[0]} reads no fonts embedded in a .pptx")
        rows = subprocess.run(["pdffonts", str(converted[("unknown-font", "pptx")])], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows and all(re.fullmatch(r"[A-Z]{6}\+VujadeSans(-Bold|-Oblique|-BoldOblique)?", row.split()[0])
                            for row in rows), rows

    def it_warns_of_nothing_as_every_product_carries_it(self, unknown_font, tmp_path):
        result = run_briefgen("all", EXAMPLE, "--template", unknown_font, "--out-dir", tmp_path)
        assert result.returncode == 0, result.stderr
        assert UNKNOWN_FAMILY not in result.stderr, result.stderr

    @pytest.mark.parametrize("fmt, reader, folder", [("docx", "Word", "word/fonts/"),
                                                     ("pptx", "PowerPoint", "ppt/fonts/")])
    def it_refuses_to_carry_a_font_whose_licence_forbids_it_and_says_so(self, unknown_font, tmp_path, fmt, reader,
                                                                         folder):
        theme = tmp_path / "theme"
        shutil.copytree(unknown_font, theme)
        bold = next((theme / "fonts").glob("DejaVuSans-Bold.ttf"))
        data = bytearray(bold.read_bytes())
        tables = {struct.unpack_from(">4s", data, 12 + 16 * n)[0]: struct.unpack_from(">L", data, 20 + 16 * n)[0]
                  for n in range(struct.unpack_from(">H", data, 4)[0])}
        struct.pack_into(">H", data, tables[b"OS/2"] + 8, 0x0002)  # fsType: restricted licence embedding
        bold.write_bytes(bytes(data))
        result = run_briefgen(fmt, EXAMPLE, "--template", theme, "-o", tmp_path / f"x.{fmt}")
        assert result.returncode == 0, result.stderr
        assert f"DejaVuSans-Bold.ttf forbids embedding it, and {reader} readers may not have" in result.stderr
        with zipfile.ZipFile(tmp_path / f"x.{fmt}") as package:
            assert not [name for name in package.namelist() if name.startswith(folder)]


@pytest.mark.parametrize("path", sorted((ROOT / "templates" / "default" / "fonts").glob("*.ttf")), ids=lambda p: p.name)
def test_a_carried_face_is_the_font_itself_as_libreoffice_unpacks_it(path):
    font = unpacked(embedded_fonts.fntdata(path.read_bytes()))
    family, _, style = path.stem.partition("-")
    assert font.font == path.read_bytes()
    assert font.family == {"Carlito": "Carlito", "DejaVuSans": "DejaVu Sans"}[family]
    assert (font.weight, font.italic) == (700 if "Bold" in style else 400, "Italic" in style)
    assert font.editable  # free fonts: LibreOffice keeps them


def test_a_brief_in_a_font_office_has_carries_none(products):
    with zipfile.ZipFile(products[("nrf", "docx")]) as package:
        assert not [name for name in package.namelist() if name.startswith("word/fonts/")]
    with zipfile.ZipFile(products[("nrf", "pptx")]) as package:
        assert not [name for name in package.namelist() if name.startswith("ppt/fonts/")]
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
        assert presentation.find(f"{{{P}}}embeddedFontLst") is None and presentation.get("embedTrueTypeFonts") is None
