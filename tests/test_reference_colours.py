"""A reference document restyles everything: its theme colours and heading colour reach every product."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from briefgen.contrast import problems
from briefgen.render.office.colours import colours_of
from briefgen.render.office.template import read
from briefgen.theme import load_theme, restyled

from .conftest import NRF, run_briefgen

RED, GREEN, PURPLE = "C00000", "2E7D32", "6A1B9A"
OURS = load_theme().colours


def pandoc_reference(folder: Path, *, heading: str | None = None, accent2: str | None = None,
                     hlink: str | None = None, theme: bool = True) -> Path:
    """pandoc's own reference.docx, its heading 1 colour and theme colours changed as a user would in Word."""
    default = subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"], capture_output=True,
                             check=True).stdout
    out = folder / "reference.docx"
    with zipfile.ZipFile(io.BytesIO(default)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml" and heading is not None:  # "": no colour of its own
                data = data.replace(b'<w:color w:val="4F81BD" w:themeColor="accent1" />',
                                    f'<w:color w:val="{heading}" />'.encode() if heading else b"", 1)
            if info.filename == "word/theme/theme1.xml":
                if not theme:
                    continue
                for slot, colour in (("accent2", accent2), ("hlink", hlink)):
                    if colour:
                        data = re.sub(rf'<a:{slot}><a:srgbClr val="[0-9A-F]+" />'.encode(),
                                      f'<a:{slot}><a:srgbClr val="{colour}" />'.encode(), data)
            target.writestr(info, data)
    return out


def test_pandocs_reference_gives_its_heading_and_scheme_colours(tmp_path):
    given = colours_of(read(pandoc_reference(tmp_path), "docx"))
    # Heading 1 is accent1 by theme colour; accent2, dk1, lt1 and hlink are the scheme's.
    assert given["primary"] == given["table_header_fill"] == given["callout_border"] == "4F81BD"
    assert (given["accent"], given["text"], given["table_header_text"], given["link"]) == \
        ("C0504D", "000000", "FFFFFF", "0000FF")


def test_a_reference_without_a_theme_or_heading_colour_keeps_briefgens(tmp_path):
    reference = read(pandoc_reference(tmp_path, heading="", theme=False), "docx")
    assert colours_of(reference) == {}
    assert restyled(load_theme(), colours_of(reference), "ref.docx")[0].colours == OURS


def test_a_colour_that_fails_contrast_is_kept_as_ours_and_said(tmp_path):
    reference = read(pandoc_reference(tmp_path, heading=RED, accent2="FFE600"), "docx")
    theme, said = restyled(load_theme(), colours_of(reference), "ref.docx")
    assert theme.colours.primary == RED and theme.colours.accent == OURS.accent
    assert len(said) == 1 and "ref.docx: its colour for accent (#FFE600)" in said[0] and f"#{OURS.accent}" in said[0]


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["text", "primary", "accent", "link", "table_header_text",
                                        "table_header_fill", "callout_fill", "table_stripe"]),
                       st.from_regex(r"[0-9A-F]{6}", fullmatch=True)))
def test_whatever_a_reference_gives_the_restyled_theme_keeps_its_contrast(given_colours):
    theme = load_theme()
    restyled_theme, said = restyled(theme, given_colours, "ref.docx")
    assert problems(restyled_theme.colours, theme.sizes, theme.deck) == []
    kept = [name for name, colour in given_colours.items() if getattr(restyled_theme.colours, name) != colour]
    assert len(said) == len(kept)


@pytest.fixture(scope="module")
def restyled_products(tmp_path_factory):
    folder = tmp_path_factory.mktemp("restyled")
    reference = pandoc_reference(folder, heading=RED, accent2=GREEN, hlink=PURPLE)
    result = run_briefgen("all", NRF, "--out-dir", folder / "out", "--reference-docx", reference)
    assert result.returncode == 0, result.stderr
    return {fmt: folder / "out" / f"nrf-secession.{fmt}" for fmt in ("docx", "pdf", "pptx")}


def _xml(path: Path, pattern: str) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(package.read(n).decode() for n in package.namelist() if re.fullmatch(pattern, n))


def test_the_word_briefs_tables_estimates_and_links_follow_the_reference(restyled_products):
    document = _xml(restyled_products["docx"], r"word/document\.xml")
    styles = _xml(restyled_products["docx"], r"word/styles\.xml")
    assert f'w:fill="{RED}"' in document and f'w:fill="{OURS.table_header_fill}"' not in document
    estimate = re.search(r'<w:style [^>]*w:styleId="Estimate".*?</w:style>', styles, re.S).group(0)
    assert f'w:val="{GREEN}"' in estimate
    for ours in (OURS.primary, OURS.accent, OURS.link):
        assert ours not in document + styles


def test_the_deck_follows_the_reference(restyled_products):
    slides = _xml(restyled_products["pptx"], r"ppt/(slides|slideMasters)/[^/]+\.xml")
    assert RED in slides and GREEN in slides
    for ours in (OURS.primary, OURS.accent, OURS.table_header_fill, OURS.callout_fill):
        assert ours not in slides


def test_the_pdf_follows_the_reference(restyled_products, tmp_path):
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", restyled_products["pdf"], plain], check=True)
    fills = set(re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)", plain.read_bytes()))
    shown = {"".join(f"{round(float(c) * 255):02X}" for c in fill) for fill in fills}
    assert {RED, GREEN, PURPLE} <= shown
    assert not shown & {OURS.primary, OURS.accent, OURS.link, OURS.table_header_fill}
