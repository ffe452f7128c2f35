"""Drafts look like drafts, and a final brief goes out with no open warning.

`status: draft` puts "DRAFT" across every page of the Word brief and the PDF and every slide, and
the version and date at the foot of each; `status: final` carries neither, and is held to
--strict. The products are read back by independent readers: pdftotext for our PDF and for
LibreOffice's PDF of the .docx, python-pptx for the deck.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st
from pptx import Presentation

from briefgen.errors import ContentError
from briefgen.layout.document import WATERMARK_SPAN, compose
from briefgen.typography import typography
from briefgen.load import load
from briefgen.theme import load_theme
from briefgen.value import replace

from .conftest import NRF, pdf_pages_text, run_briefgen
from .pdf_ua import problems

DRAFT_FOOTER = "Draft 0.3 \u00b7 2 November 2022"


def with_fields(path: Path, **fields) -> Path:
    """The NRF brief with ``fields`` set at its top level, written as YAML would be typed (``version: 0.3``)."""
    text = NRF.read_text(encoding="utf-8")
    lines = "".join(f"{key}: {value}\n" for key, value in fields.items())
    path.write_text(text.replace("\nsummary:", f"\n{lines}\nsummary:", 1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> dict[str, Path]:
    """The NRF brief as draft 0.3 and without a status, in the three formats, and LibreOffice's PDF of each
    .docx: (status, format) → file."""
    folder = tmp_path_factory.mktemp("draft")
    made = {}
    for status, fields in (("draft", {"status": "draft", "version": "0.3"}), ("plain", {})):
        (folder / status).mkdir()
        content = with_fields(folder / status / "nrf.yaml", **fields)
        result = run_briefgen("all", content, "--out-dir", folder / status)
        assert result.returncode == 0, result.stderr
        made.update({(status, fmt): folder / status / f"nrf.{fmt}" for fmt in ("docx", "pdf", "pptx")})
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as profile:
        for status in ("draft", "plain"):
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", "pdf", "--outdir", str(folder / status / "word"),
                            str(made[(status, "docx")])], capture_output=True, text=True, timeout=300, check=True)
            made[(status, "word")] = folder / status / "word" / "nrf.pdf"
    return made


def diagonal_change(marked: Path, plain: Path) -> list[float]:
    """For each page, the share of the band along its rising diagonal whose pixels differ between the two
    PDFs as poppler draws them (the running footer, which differs too, lies outside the band)."""
    from PIL import Image, ImageChops

    def pages(pdf: Path, folder: Path) -> list[Image.Image]:
        subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(folder / "p")], check=True)
        return [Image.open(path) for path in sorted(folder.glob("p-*.pgm"))]

    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        shares = []
        for a, b in zip(pages(marked, Path(one)), pages(plain, Path(two)), strict=True):
            changed = ImageChops.difference(a, b).point(lambda v: 255 if v > 8 else 0)
            width, height = a.size
            band = [(x, y) for x in range(width) for y in range(height)
                    if abs(y - (height - x * height / width)) < height * 0.06 and 0.2 < x / width < 0.8]
            shares.append(sum(changed.getpixel(p) > 0 for p in band) / len(band))
        return shares


class DescribeTheContent:
    def it_keeps_a_version_as_written(self, tmp_path):
        for written, kept in (("0.3", "0.3"), ("1.10", "1.10"), ("2", "2"), ('"2nd draft"', "2nd draft")):
            assert load(with_fields(tmp_path / "v.yaml", status="draft", version=written)).version == kept

    def it_places_an_unknown_status(self, tmp_path):
        with pytest.raises(ContentError) as raised:
            load(with_fields(tmp_path / "s.yaml", status="reviewed"))
        problem = str(raised.value)
        line = next(n for n, text in enumerate((tmp_path / "s.yaml").read_text().splitlines(), 1)
                    if text.startswith("status:"))
        assert re.search(rf":{line}:\d+: status: .*'draft'.*'final'", problem), problem


class DescribeTheLayout:
    def it_marks_a_draft_and_dates_its_version(self, tmp_path):
        document = compose(load(with_fields(tmp_path / "d.yaml", status="draft", version="0.3")), load_theme())
        assert document.running.footer == DRAFT_FOOTER
        assert document.running.watermark.text == "DRAFT"

    def it_leaves_a_final_brief_and_one_without_status_unmarked(self, tmp_path):
        for fields in ({"status": "final", "version": "1"}, {}):
            document = compose(load(with_fields(tmp_path / "f.yaml", **fields)), load_theme())
            assert document.running.watermark is None and document.running.footer == "2 November 2022"

    @settings(max_examples=20, deadline=None)
    @given(st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=40))
    def it_fits_any_word_across_the_page(self, word):
        from briefgen.layout.document import watermark_of
        from briefgen.layout.measure import metrics_for
        from briefgen.layout.outline import Outline

        theme = load_theme()
        outline = Outline.of(replace(load(NRF), status="draft"))
        outline = replace(outline, labels=replace(outline.labels, draft=word))
        page = theme.page.size_pt
        role = typography(theme).brief.watermark.size
        mark = watermark_of(outline, theme, page, role)
        assert mark.size <= role
        assert metrics_for(theme.fonts).width(word, mark.size, bold=True) <= WATERMARK_SPAN * math.hypot(*page) + 0.01
        assert mark.angle == pytest.approx(math.degrees(math.atan2(page[1], page[0])))


@pytest.mark.slow
class DescribeADraft:
    def it_writes_draft_across_every_page_of_the_pdf_with_its_version_below(self, drafted):
        pages = pdf_pages_text(drafted[("draft", "pdf")])
        assert len(pages) > 3 and all(DRAFT_FOOTER in " ".join(page.split()) for page in pages)
        # Drawn along the diagonal of every page: a good part of that band changes, and only with the watermark.
        assert min(diagonal_change(drafted[("draft", "pdf")], drafted[("plain", "pdf")])) > 0.1
        assert max(diagonal_change(drafted[("plain", "pdf")], drafted[("plain", "pdf")])) == 0

    def it_keeps_the_pdf_tagged_with_the_watermark_an_artifact(self, drafted):
        assert problems(drafted[("draft", "pdf")]) == []

    def it_shows_word_its_own_watermark_on_every_page(self, drafted):
        with zipfile.ZipFile(drafted[("draft", "docx")]) as package:
            headers = [package.read(n).decode() for n in package.namelist() if re.match(r"word/header\d*\.xml", n)]
        assert len(headers) == 1
        assert 'id="PowerPlusWaterMarkObject"' in headers[0] and 'string="DRAFT"' in headers[0]
        pages = pdf_pages_text(drafted[("draft", "word")])  # as LibreOffice lays the .docx out
        assert len(pages) > 3 and all(DRAFT_FOOTER in " ".join(page.split()) for page in pages)
        assert min(diagonal_change(drafted[("draft", "word")], drafted[("plain", "word")])) > 0.1

    def it_writes_draft_across_every_slide(self, drafted):
        deck = Presentation(str(drafted[("draft", "pptx")]))
        for slide in deck.slides:
            texts = {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
            assert texts.get("Watermark") == "DRAFT" and texts.get("Draft") == DRAFT_FOOTER
            watermark = next(shape for shape in slide.shapes if shape.name == "Watermark")
            assert watermark.rotation not in (0, 0.0)  # along the slide's diagonal
            assert watermark.element.xpath(".//a:alpha/@val")  # see-through


@pytest.mark.slow
class DescribeAFinalBrief:
    def it_carries_no_draft_marks(self, tmp_path):
        content = with_fields(tmp_path / "nrf.yaml", status="final", version="1")
        result = run_briefgen("all", content, "--out-dir", tmp_path / "out")
        assert result.returncode == 0, result.stderr
        assert not any("DRAFT" in page for page in pdf_pages_text(tmp_path / "out" / "nrf.pdf"))
        deck = Presentation(str(tmp_path / "out" / "nrf.pptx"))
        assert not any(shape.name in ("Watermark", "Draft") for slide in deck.slides for shape in slide.shapes)
        with zipfile.ZipFile(tmp_path / "out" / "nrf.docx") as package:
            assert not any(b"PowerPlusWaterMarkObject" in package.read(n) for n in package.namelist())

    def it_is_not_rendered_with_an_open_warning(self, tmp_path):
        data = yaml.safe_load(NRF.read_text(encoding="utf-8"))
        data["outlook"]["indicators"].append("Something else to watch")  # no threshold, no scenario: a warning
        data.update(status="final", version="1")
        content = tmp_path / "nrf.yaml"
        content.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        validated = run_briefgen("validate", content)
        assert validated.returncode == 1
        assert "warning: has no threshold and no scenario" in validated.stderr
        assert "status: final, with 1 open warning; a final brief goes out with none" in validated.stderr
        rendered = run_briefgen("all", content, "--out-dir", tmp_path / "out")
        assert rendered.returncode == 1 and "nothing rendered" in rendered.stderr
        assert not list((tmp_path / "out").glob("nrf.*"))

    def it_is_not_written_when_rendering_it_warns(self, tmp_path):
        content = with_fields(tmp_path / "nrf.yaml", status="final", version="1")
        content.write_text(re.sub(r"(?m)^page_budget: \d+", "page_budget: 2", content.read_text()), encoding="utf-8")
        result = run_briefgen("pdf", content, "-o", tmp_path / "nrf.pdf")
        assert result.returncode == 1
        assert "not written: status: final" in result.stderr and "over the brief's budget of 2" in result.stderr
        assert not (tmp_path / "nrf.pdf").exists()
