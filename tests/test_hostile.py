"""Hostile text renders faithfully in every format: valid packages, well-formed XML, literal characters.

Control characters and lone surrogates are refused at load (see test_reliability.py);
everything else — markup look-alikes, format strings, right-to-left text, emoji,
a 3,000-character word, very long titles — is rendered as written.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefgen import products
from briefgen.load import ContentError, load
from briefgen.theme import load_theme

from .conftest import EXAMPLE, FORMATS, HOSTILE, NRF, pdf_pages_text, run_briefgen

LITERALS = ['<font size=80>', '<img src="/etc/hostname"/>', '<a href="javascript:alert(1)">x</a>', "&amp;",
            "%s", "{0}", "]]>"]


def office_xml_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        return {name: package.read(name) for name in package.namelist() if name.endswith((".xml", ".rels"))}


OFFICE_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def assert_valid_office_package(data: bytes, written: str = "") -> str:
    """Every XML part parses; no _xHHHH_ escape reaches the reader unless the brief wrote it literally.

    Returns all text nodes joined. `written` is the brief's own text: an escape look-alike typed by a
    user is text to show as written, one made up by a writer would be an escaped control character.
    """
    literal = set(OFFICE_ESCAPE.findall(written))
    texts = []
    for name, xml in office_xml_parts(data).items():
        root = ElementTree.fromstring(xml)  # raises on malformed XML
        for node in root.iter():
            if node.text:
                made_up = set(OFFICE_ESCAPE.findall(node.text)) - literal
                assert not made_up, f"{name}: escape code in {node.text!r}"
                texts.append(node.text)
    return "".join(texts)


class DescribeTheHostileBrief:
    @pytest.mark.parametrize("fmt", ["docx", "pptx"])
    def it_writes_well_formed_office_xml_with_the_literal_text(self, fmt, products):
        text = assert_valid_office_package(products[("hostile", fmt)].read_bytes(), HOSTILE.read_text())
        for literal in ("<font size=80>", "%s", "]]>", "_x0041_", "جبهه مقاومت ملی افغانستان", "🙂", "backslash \\ stay"):
            assert literal in text, literal

    @pytest.mark.parametrize("fmt", ["docx", "pptx"])
    def it_opens_in_libreoffice(self, fmt, converted):
        pdf = converted.get(("hostile", fmt))
        assert pdf is not None, "LibreOffice could not open the hostile product"
        assert len(PdfReader(pdf).pages) >= 1
        # An Office escape look-alike typed in the brief is shown as typed, not decoded to "A".
        assert "_x0041_" in "".join(pdf_pages_text(pdf))

    def it_shows_markup_lookalikes_literally_in_the_pdf(self, products):
        pdf = products[("hostile", "pdf")]
        text = " ".join(" ".join(page.split()) for page in pdf_pages_text(pdf))
        # pdftotext may break a line anywhere; compare with whitespace removed.
        squeezed = re.sub(r"\s+", "", text)
        for literal in LITERALS:
            assert re.sub(r"\s+", "", literal) in squeezed, literal
        assert PdfReader(pdf).metadata is not None


class DescribeReproducibleBytes:
    @pytest.mark.parametrize("fmt", FORMATS)
    def it_gives_the_same_bytes_on_a_second_run(self, fmt, products, tmp_path):
        again = tmp_path / f"again.{fmt}"
        result = run_briefgen(fmt, NRF, "-o", again)
        assert result.returncode == 0, result.stderr
        assert again.read_bytes() == products[("nrf", fmt)].read_bytes()

    @pytest.mark.parametrize("fmt", FORMATS)
    def it_honours_source_date_epoch(self, fmt, tmp_path):
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
        first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
        for target in (first, second):
            assert run_briefgen(fmt, EXAMPLE, "-o", target, env=env).returncode == 0
        assert first.read_bytes() == second.read_bytes()
        if fmt == "pdf":
            assert str(PdfReader(first).metadata["/CreationDate"]).startswith("D:20231114221320")
        else:
            core = office_xml_parts(first.read_bytes())["docProps/core.xml"].decode()
            assert "2023-11-14T22:13:20Z" in core


# Property: any brief the model accepts renders in all three formats into files that open.
hostile_fragments = st.sampled_from(["<", ">", "&", "]]>", "<![CDATA[", "%s", "{0}", "\\", "'", '"', "\t",
                                     "جبهه", "🙂", "\u200f", "\u00a0", "&amp;", "<font size=80>", "*", "**",
                                     "[x](https://e.org)", "x" * 300, "_x0041_"])
words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co")), min_size=1, max_size=20)
prose = st.lists(st.one_of(hostile_fragments, words), min_size=1, max_size=8).map(" ".join) \
    .filter(lambda s: s.strip())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(title=prose, summary=prose, statement=prose, actor=prose, indicator=prose)
# Found by this test: a judgment whose lines filled a slide left no room for its badge.
@example(title="<", summary="<", statement="< " + "x" * 300 + " < < 00000000000 " + "x" * 300, actor="<",
         indicator="<")
def test_any_accepted_brief_renders_to_files_that_open(tmp_path_factory, title, summary, statement, actor,
                                                       indicator):
    data = yaml.safe_load(EXAMPLE.read_text())
    data["title"] = title[:300]
    data["summary"] = summary
    data["key_judgments"][0]["statement"] = statement
    data["actors"][0]["name"] = actor[:300]
    data["outlook"]["indicators"].append(indicator)
    folder = tmp_path_factory.mktemp("prop")
    content = folder / "brief.yaml"
    content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        brief = load(content)
    except ContentError as exc:
        assert all(p.field for p in exc.problems)  # refused with a field named, never a crash
        return
    theme = load_theme()
    for fmt in FORMATS:
        data_out = products.render(brief, fmt, theme)
        if fmt == "pdf":
            reader = PdfReader(io.BytesIO(data_out))
            assert len(reader.pages) >= 1
            shown = "".join("".join(page.extract_text() for page in reader.pages).split())
            # Every word of plain letters and digits in the title and the judgment is on the page, whatever
            # hostile markup stands around it (runs of text may wrap anywhere, so spaces are not compared).
            for field in (title[:300], statement):
                shown_part = re.sub(r"\]\([^)]*\)", "]", field)  # a link shows its text, not its address
                for word in re.findall(r"\b[A-Za-z0-9]{3,}\b", shown_part):
                    assert word in shown, word
        else:
            assert_valid_office_package(data_out, " ".join((title, summary, statement, actor, indicator)))


def test_the_pdf_joins_right_to_left_letters(products):
    # Word and LibreOffice shape Dari themselves; a PDF must carry the joined letter forms (in the theme's
    # fallback font: Carlito has no Arabic script).
    text = "".join(pdf_pages_text(products[("hostile", "pdf")]))
    assert re.search("[\ufe70-\ufefc]", text), "Arabic-script letters were drawn unjoined"
    fonts = subprocess.run(["pdffonts", str(products[("hostile", "pdf")])], capture_output=True, text=True,
                           check=True).stdout
    assert "DejaVuSans" in fonts and "Carlito" in fonts
