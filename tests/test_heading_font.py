"""The headings' family: theme.toml's [heading_fonts], or a reference document's heading font (Word's and
PowerPoint's major font), sets the title, subtitle, headings and slide titles in every product, and only them.

The style table says which roles are set in it (typography.IN_HEADING_FONTS); Word's styles, the PDF's
paragraph styles (its faces embedded) and the deck (its titles measured with its widths) follow the table.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from briefgen.inline import Span
from briefgen.layout import deck
from briefgen.layout.deck_fit import Fitter
from briefgen.layout.document import Heading, TitleBlock, compose
from briefgen.layout.measure import metrics_for
from briefgen.load import load
from briefgen.render import pptx as pptx_render
from briefgen.theme import ThemeError, load_theme, refonted
from briefgen.typography import Role, typography
from briefgen.value import fields

from .conftest import HEADING_REFERENCE_COLOURS, NRF, ROOT, SERIF, pandoc_with_fonts, run_briefgen, serif_headings_theme

HEADING_FACE, BODY_FACE = "DejaVuSerif", "Carlito"  # the faces' PostScript names start so
PLUM, GREEN, PURPLE = (HEADING_REFERENCE_COLOURS[slot] for slot in ("accent1", "accent2", "hlink"))
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def test_a_theme_sets_its_headings_in_its_body_font_unless_told_otherwise():
    theme = load_theme()
    assert theme.heading_fonts is None
    roles = typography(theme)
    for table in (roles.brief, roles.deck):
        assert {getattr(table, name).font for name in fields(table) if isinstance(getattr(table, name), Role)} \
            == {theme.fonts}


def test_a_references_heading_font_found_here_sets_the_title_subtitle_headings_and_slide_titles():
    theme, said = refonted(load_theme(), {"body": "Calibri", "heading": SERIF}, "ref.docx")
    assert said == []
    assert theme.fonts == load_theme().fonts and theme.heading_fonts.family == SERIF
    assert theme.heading_fonts.fallback == theme.fonts.fallback  # what DejaVu Serif lacks: the theme's fallback
    roles = typography(theme)
    for table, expected in ((roles.brief, {"title", "subtitle", "heading1", "heading2", "heading3"}),
                            (roles.deck, {"title", "title_slide"})):
        families = {name: role.font.family for name in fields(table) if isinstance(role := getattr(table, name), Role)}
        assert {name for name, family in families.items() if family == SERIF} == expected
        assert {family for name, family in families.items() if name not in expected} == {"Calibri"}


def test_a_heading_font_the_same_as_the_body_font_is_no_family_of_its_own():
    theme, said = refonted(load_theme(), {"body": SERIF, "heading": SERIF}, "ref.docx")
    assert said == [] and theme.fonts.family == SERIF and theme.heading_fonts is None


def test_a_heading_font_not_found_is_said_with_the_reference_that_names_it(tmp_path, briefgen_in_process):
    reference = pandoc_with_fonts(tmp_path, "docx", body="Calibri", heading="Nowhere Serif")
    run = briefgen_in_process("all", NRF, "--out-dir", tmp_path / "out", "--reference-docx", reference)
    assert run.code == 0, run.err
    assert (f"warning: {reference}: its heading font 'Nowhere Serif' is not installed here, so the PDF and the "
            f"deck keep briefgen's Calibri") in run.err
    assert "body font" not in run.err


TITLE_WORDS = st.lists(st.sampled_from(["What", "the", "secessionist", "currents", "around", "Afghanistan's",
                                         "National", "Resistance", "Front", "mean", "for", "WWW", "illicit", "2023"]),
                       min_size=1, max_size=16)


@settings(max_examples=40, deadline=None)
@given(words=TITLE_WORDS, layout=st.sampled_from([deck.CONTENT, deck.TITLE_SLIDE]))
def test_the_deck_fits_a_title_in_the_heading_fonts_widths_and_lines(words, layout):
    theme = refonted(load_theme(), {"heading": SERIF}, "reference")[0]
    geometry = pptx_render.geometry(theme, None)
    fitter = Fitter(metrics_for(theme.fonts), theme, geometry)
    role = typography(theme).deck.title_slide if layout == deck.TITLE_SLIDE else None
    title, size, pitch, _ = fitter.title(" ".join(words), layout, role=role)
    serif, frame = metrics_for(theme.heading_fonts), geometry.titles[layout]
    assert pitch == serif.line(size)  # its own single line, not the body's nor a tighter one
    lines = serif.count((Span(title, bold=True),), frame.width * deck.WIDTH_RESERVE, size)
    assert lines * pitch <= frame.height - deck.HEIGHT_RESERVE, (title, size, lines)


# theme.toml's [heading_fonts]: a table as [fonts] is, checked alike.

@pytest.fixture
def serif_theme(tmp_path: Path) -> Path:
    return serif_headings_theme(tmp_path / "theme")


def _line_of(folder: Path, key: str) -> int:
    """The line of ``key`` in theme.toml's [heading_fonts] (the last table)."""
    lines = (folder / "theme.toml").read_text().splitlines()
    start = lines.index("[heading_fonts]")
    return next(n for n, line in enumerate(lines[start:], start + 1) if line.startswith(f"{key} ="))


def test_a_themes_heading_fonts_set_its_headings_and_the_pdf_embeds_them(serif_theme, tmp_path):
    theme = load_theme(serif_theme)
    assert theme.heading_fonts.family == SERIF and theme.fonts.family == "Calibri"
    assert theme.heading_fonts.regular in theme.files  # never written over
    out = tmp_path / "brief.pdf"
    result = run_briefgen("pdf", NRF, "-o", out, "--template", serif_theme)
    assert result.returncode == 0, result.stderr
    fonts = _pdffonts(out)
    assert all(embedded for _, embedded in fonts), fonts
    assert {f"{HEADING_FACE}-Bold", BODY_FACE, f"{BODY_FACE}-Bold"} <= {name for name, _ in fonts}


def test_heading_fonts_of_another_family_are_refused_at_each_files_line(serif_theme):
    toml = serif_theme / "theme.toml"
    toml.write_text(toml.read_text().replace(f'family = "{SERIF}"', 'family = "Georgia"'))
    with pytest.raises(ThemeError) as raised:
        load_theme(serif_theme)
    problems = str(raised.value).splitlines()
    assert len(problems) == 4, problems
    for face, problem in zip(("regular", "bold", "italic", "bold_italic"), problems):
        assert re.match(rf".*theme\.toml:{_line_of(serif_theme, face)}:\d+: heading_fonts\.{face}: .*is a face of "
                        rf"'{SERIF}', not of 'Georgia'", problem), problem


@pytest.mark.parametrize("key, value, message", [
    ("fallback", '"fonts/DejaVuSans.ttf"', r"heading_fonts\.fallback: unknown; \[heading_fonts\] has family, "),
    ("bold", '"../elsewhere.ttf"', r"heading_fonts\.bold: '\.\./elsewhere\.ttf' is outside the theme folder"),
    ("family", '"A & B"', r"heading_fonts\.family: 'A & B' is not a font family name"),
])
def test_a_heading_fonts_problem_is_placed_at_its_line(serif_theme, key, value, message):
    toml = serif_theme / "theme.toml"
    lines = toml.read_text().splitlines()
    if key in ("bold", "family"):
        lines[_line_of(serif_theme, key) - 1] = f"{key} = {value}"
    else:
        lines.append(f"{key} = {value}")
    toml.write_text("\n".join(lines) + "\n")
    with pytest.raises(ThemeError, match=rf"theme\.toml:{_line_of(serif_theme, key)}:\d+: {message}"):
        load_theme(serif_theme)


# Both references at once: every product, as `briefgen all` makes them.

@pytest.fixture(scope="module")
def heading_products(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("heading")
    references = {fmt: pandoc_with_fonts(folder, fmt, body="Calibri", heading=SERIF,
                                         colours=HEADING_REFERENCE_COLOURS) for fmt in ("docx", "pptx")}
    result = run_briefgen("all", NRF, "--out-dir", folder / "out", "--reference-docx", references["docx"],
                          "--reference-pptx", references["pptx"])
    assert result.returncode == 0, result.stderr
    assert "is not installed here" not in result.stderr, result.stderr  # both families found
    return {fmt: folder / "out" / f"nrf-secession.{fmt}" for fmt in ("docx", "pdf", "pptx")}


def test_the_pdf_sets_the_title_subtitle_and_headings_alone_in_the_heading_font(heading_products):
    _assert_headings_alone_in_the_heading_font(heading_products["pdf"])


def test_the_pdf_embeds_every_font_it_uses(heading_products):
    fonts = _pdffonts(heading_products["pdf"])
    assert all(embedded for _, embedded in fonts), fonts


def test_the_pdfs_headings_and_links_are_in_the_references_colours(heading_products):
    words = _words(heading_products["pdf"])
    assert {colour for _, face, colour in words if face.startswith(HEADING_FACE)} >= {PLUM}
    assert PURPLE in {colour for _, _, colour in words}


def test_the_deck_sets_its_titles_alone_in_the_heading_font(heading_products):
    titles, text = deck_typefaces(heading_products["pptx"])
    assert (titles, text) == ({SERIF}, {"Calibri"})


def test_the_word_brief_and_the_deck_carry_the_heading_font_office_lacks_alone(heading_products):
    with zipfile.ZipFile(heading_products["docx"]) as package:
        table = package.read("word/fontTable.xml").decode()
        assert re.search(rf'<w:font w:name="{SERIF}">.*?<w:embedBold ', table, re.S)
        assert len([n for n in package.namelist() if re.fullmatch(r"word/fonts/font\d+\.odttf", n)]) == 4
    with zipfile.ZipFile(heading_products["pptx"]) as package:
        listed = re.findall(r'<p:font typeface="([^"]+)"', package.read("ppt/presentation.xml").decode())
        assert listed == [SERIF]  # Calibri, the body's, every PowerPoint reader has
        assert len([n for n in package.namelist() if re.fullmatch(r"ppt/fonts/font\d+\.fntdata", n)]) == 4


# LibreOffice's rendering of the Word brief and the deck, each made with its own reference (conftest's "heading").

def test_libreoffice_sets_the_word_briefs_title_subtitle_and_headings_alone_in_it(converted):
    # (Their colour is the reference's styles' own: LibreOffice shows a theme colour's stored value, pandoc's.)
    _assert_headings_alone_in_the_heading_font(converted[("heading", "docx")], footnotes=True)


def test_libreoffice_sets_every_slide_title_and_nothing_else_in_it(products, converted):
    titles = _slide_titles(products[("heading", "pptx")])
    pages = pdfplumber.open(converted[("heading", "pptx")]).pages
    assert len(pages) == len(titles)
    for number, (title, page) in enumerate(zip(titles, pages), 1):
        words = page.extract_words(extra_attrs=["fontname"])
        in_heading = {part for w in words if _face(w["fontname"]).startswith(HEADING_FACE) for part in _split(w["text"])}
        # (pandoc's section header sets its title in capitals)
        assert in_heading and {w.casefold() for w in in_heading} <= {w.casefold() for w in _split(title)}, \
            (number, title, in_heading)
        assert {_face(w["fontname"]) for w in words} - {f"{HEADING_FACE}-Bold"} <= \
            {BODY_FACE, f"{BODY_FACE}-Bold", f"{BODY_FACE}-Italic", f"{BODY_FACE}-BoldItalic"}, number


def test_the_deck_made_with_the_pptx_reference_follows_its_colours(products):
    with zipfile.ZipFile(products[("heading", "pptx")]) as package:
        slides = "".join(package.read(n).decode() for n in package.namelist()
                         if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    ours = load_theme().colours
    assert GREEN in slides and PURPLE in slides  # the estimates' badges, the links
    assert not {ours.accent, ours.link, ours.primary, ours.table_header_fill} & set(re.findall(r'val="(\w{6})"', slides))


def _assert_headings_alone_in_the_heading_font(pdf: Path, *, footnotes: bool = False) -> None:
    """Every word of the brief's title, subtitle and headings is set in the heading font somewhere, and no other
    word is set in it; every other word is in the body font. ``footnotes``: the Word brief's, with no Notes part."""
    document = compose(load(NRF), load_theme(), footnotes=footnotes)
    heading_words = set()
    for block in document.blocks:
        if isinstance(block, TitleBlock):
            heading_words |= {*_split("".join(s.text for s in block.title)),
                              *_split("".join(s.text for s in block.subtitle or ()))}
        elif isinstance(block, Heading):
            heading_words |= set(_split(block.text))
    words = _words(pdf)
    in_heading = {part for text, face, _ in words if face.startswith(HEADING_FACE) for part in _split(text)}
    assert in_heading == heading_words, (in_heading ^ heading_words)
    assert {face for _, face, _ in words if not face.startswith(HEADING_FACE)} <= \
        {BODY_FACE, f"{BODY_FACE}-Bold", f"{BODY_FACE}-Italic", f"{BODY_FACE}-BoldItalic", "DejaVuSans"}


def _words(pdf: Path) -> list[tuple[str, str, str]]:
    """Every word of ``pdf``: its text, its face's name (without the subset's tag) and its colour (RRGGBB)."""
    found = []
    for page in pdfplumber.open(pdf).pages:
        for word in page.extract_words(extra_attrs=["fontname", "non_stroking_color"]):
            colour = word["non_stroking_color"] or (0, 0, 0)
            rgb = "".join(f"{round(c * 255):02X}" for c in (colour * 3 if len(colour) == 1 else colour)[:3])
            found.append((word["text"], _face(word["fontname"]), rgb))
    return found


def _face(fontname: str) -> str:
    return fontname.split("+")[-1]


def _split(text: str) -> list[str]:
    """The words of ``text`` as a reader sees them: split at spaces and no-break spaces, without the joiners and
    zero-width spaces that only place line breaks."""
    return [word for word in re.split(r"[\s\u00a0]+", re.sub("[\u2060\u200b]", "", text)) if word]


def _pdffonts(pdf: Path) -> list[tuple[str, bool]]:
    """Each font of the PDF and whether it is embedded, by pdffonts."""
    listed = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    found = []
    for line in listed:
        name = line.split()[0].split("+")[-1]
        embedded = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        found.append((name, embedded is not None and embedded.group(1) == "yes"))
    return found


def _slide_titles(deck: Path) -> list[str]:
    """Each slide's title text, in the deck's order."""
    titles = []
    with zipfile.ZipFile(deck) as package:
        names = sorted((n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        for name in names:
            for shape in etree.fromstring(package.read(name)).iter(f"{{{_P}}}sp"):
                placeholder = shape.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
                if placeholder is not None and placeholder.get("type") in ("title", "ctrTitle"):
                    titles.append("".join(t.text or "" for t in shape.iter(f"{{{_A}}}t")))
    return titles


def deck_typefaces(deck: Path) -> tuple[set[str], set[str]]:
    """The typefaces the deck's runs name: in slide titles, and in everything else on its slides."""
    titles, text = set(), set()
    with zipfile.ZipFile(deck) as package:
        for name in (n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)):
            for shape in etree.fromstring(package.read(name)).iter(f"{{{_P}}}sp"):
                placeholder = shape.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
                title = placeholder is not None and placeholder.get("type") in ("title", "ctrTitle")
                (titles if title else text).update(latin.get("typeface") for latin in shape.iter(f"{{{_A}}}latin"))
    return titles, text


def test_each_command_draws_what_all_draws_from_a_theme_folders_references(tmp_path):
    """A theme folder's reference documents restyle every product, whichever command makes it; the PDF takes the
    Word brief's look from a reference .docx given to `briefgen pdf` as to `briefgen all`."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "templates" / "default", theme)
    for fmt in ("docx", "pptx"):
        pandoc_with_fonts(theme, fmt, body="Calibri", heading=SERIF, colours=HEADING_REFERENCE_COLOURS)
    assert run_briefgen("all", NRF, "--out-dir", tmp_path / "all", "--template", theme).returncode == 0
    for fmt in ("docx", "pdf", "pptx"):
        single = tmp_path / f"single.{fmt}"
        result = run_briefgen(fmt, NRF, "-o", single, "--template", theme)
        assert result.returncode == 0, result.stderr
        assert single.read_bytes() == (tmp_path / "all" / f"nrf-secession.{fmt}").read_bytes(), fmt
    given = tmp_path / "given.pdf"
    assert run_briefgen("pdf", NRF, "-o", given, "--reference-docx", theme / "reference.docx").returncode == 0
    assert any(name.endswith("DejaVuSerif-Bold") for name, _ in _pdffonts(given))
