"""`briefgen reference docx|pptx`: briefgen's own reference documents, which a render takes back without a warning."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile

import pytest
from lxml import etree

from briefgen.layout import deck as deck_layout
from briefgen.marking import Tlp
from briefgen.render.docx.styles import styles
from briefgen.render.office.colours import colours_of
from briefgen.render.office.template import read
from briefgen.theme import load_theme, restyled

from .conftest import NRF, run_briefgen

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def _written(tmp_path, fmt: str, *extra: str):
    out = tmp_path / f"reference.{fmt}"
    result = run_briefgen("reference", fmt, "-o", out, *extra)
    assert result.returncode == 0, result.stderr
    return out


def _style_names(docx) -> set[tuple[str, str]]:
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/styles.xml"))
    return {(s.get(f"{{{W}}}type"), s.find(f"{{{W}}}name").get(f"{{{W}}}val").lower())
            for s in root.iter(f"{{{W}}}style")}


def _layout_names(pptx) -> set[str]:
    with zipfile.ZipFile(pptx) as package:
        return {etree.fromstring(package.read(n)).find(f"{{{P}}}cSld").get("name")
                for n in package.namelist() if n.startswith("ppt/slideLayouts/") and n.endswith(".xml")}


def _render_with(tmp_path, fmt: str, reference) -> str:
    result = run_briefgen(fmt, NRF, "-o", tmp_path / f"nrf.{fmt}", f"--reference-{fmt}", reference)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_the_reference_docx_holds_every_style_of_the_brief(tmp_path):
    names = _style_names(_written(tmp_path, "docx"))
    for style in styles(load_theme(), Tlp.CLEAR):
        assert (style.kind, style.name.lower()) in names


def test_the_reference_pptx_holds_every_layout_of_the_deck(tmp_path):
    assert set(deck_layout.LAYOUTS) <= _layout_names(_written(tmp_path, "pptx"))


@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_a_render_takes_the_reference_back_without_a_warning(tmp_path, fmt):
    assert "warning" not in _render_with(tmp_path, fmt, _written(tmp_path, fmt))


@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_the_reference_is_reproducible(tmp_path, fmt):
    first = _written(tmp_path, fmt).read_bytes()
    assert _written(tmp_path, fmt).read_bytes() == first


def test_the_reference_has_the_theme_folders_colours(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(load_theme().folder, theme, ignore=shutil.ignore_patterns("deck.pptx", "example.yaml"))
    toml = theme / "theme.toml"
    primary = load_theme().colours.primary
    toml.write_text(toml.read_text().replace(f'primary = "{primary}"', 'primary = "7A1F1F"'))
    with zipfile.ZipFile(_written(tmp_path, "docx", "--template", theme)) as package:
        assert b'w:val="7A1F1F"' in package.read("word/styles.xml")
    with zipfile.ZipFile(_written(tmp_path, "pptx", "--template", theme)) as package:
        assert b'val="7A1F1F"' in package.read("ppt/slideMasters/slideMaster1.xml")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_a_reference_saved_by_libreoffice_loses_no_style(tmp_path, fmt):
    reference = _written(tmp_path, fmt)
    saved = tmp_path / "saved"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", fmt, "--outdir", str(saved), str(reference)],
                       capture_output=True, text=True, timeout=300, check=True)
    said = _render_with(tmp_path, fmt, saved / reference.name)
    assert "lacks" not in said and "layouts" not in said
    # LibreOffice adds an empty docProps/custom.xml, which the reader leaves out and says so. LibreOffice 7.4
    # saves a .pptx with its own (Office 2007) colour scheme, whose accent1 falls short on contrast, and with Arial
    # as its theme's fonts, body and heading (the master's text styles left out), which PowerPoint would show:
    # each said, ours kept.
    assert [line for line in said.splitlines() if "warning" in line and "custom properties" not in line
            and not (fmt == "pptx" and ("WCAG" in line or re.search(r"(body|heading) font 'Arial'", line)))] == []


@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_the_reference_passed_back_gives_the_themes_own_colours(tmp_path, fmt):
    theme = load_theme()
    given = colours_of(read(_written(tmp_path, fmt), fmt))
    assert given and restyled(theme, given, "reference") == (theme, [])


@pytest.mark.parametrize("top, bottom, stops", [("1417.5", "1.44e3", ("4513.5", "1in")),
                                                ("2000.0", "1114.400634765625", ("2.5cm", "9026.49"))])
def test_a_reference_with_fractional_or_unit_lengths_is_used(tmp_path, top, bottom, stops):
    """LibreOffice and others write margins and tab stops in fractional twips or with a unit: they are read as
    python-docx reads them (the margins kept, the Header style's stops cleared where python-docx places them)."""
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    reference = tmp_path / "fractional.docx"
    header = b'<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>'
    with zipfile.ZipFile(_written(tmp_path, "docx")) as made, zipfile.ZipFile(reference, "w") as edited:
        for info in made.infolist():
            data = made.read(info.filename)
            if info.filename == "word/document.xml":
                data = re.sub(rb'w:top="\d+"', f'w:top="{top}"'.encode(), data)
                data = re.sub(rb'w:bottom="\d+"', f'w:bottom="{bottom}"'.encode(), data, count=1)
            elif info.filename == "word/styles.xml":
                assert header in data
                tabs = "".join(f'<w:tab w:val="center" w:pos="{pos}"/>' for pos in stops)
                at = data.index(b"<w:pPr>", data.index(header)) + len(b"<w:pPr>")  # the style's own
                data = data[:at] + f"<w:tabs>{tabs}</w:tabs>".encode() + data[at:]
            edited.writestr(info, data)
    out = tmp_path / "nrf.docx"
    result = run_briefgen("docx", NRF, "-o", out, "--reference-docx", reference)
    assert result.returncode == 0, result.stderr
    given, made = docx.Document(reference), docx.Document(out)
    assert made.sections[-1].top_margin == given.sections[-1].top_margin
    assert made.sections[-1].bottom_margin == given.sections[-1].bottom_margin
    cleared = [stop.position.twips for stop in made.sections[-1].header.paragraphs[0].paragraph_format.tab_stops
               if stop.alignment == WD_TAB_ALIGNMENT.CLEAR]
    assert cleared == sorted(stop.position.twips for stop in given.styles["Header"].paragraph_format.tab_stops)
