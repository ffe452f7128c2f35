"""Long text renders as it would if time were free: the linear paths give exactly the library's own output."""

from __future__ import annotations

import io
import os
import zipfile
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph as PlatypusParagraph
from reportlab.platypus import SimpleDocTemplate

from briefgen.inline import Span
from briefgen.layout.document import NoteMark
from briefgen.layout.line_breaks import address
from briefgen.load import load
from briefgen.products import render
from briefgen.render.pdf import paragraph as pdf_paragraph
from briefgen.render.pdf.fonts import family
from briefgen.render.pdf.markup import Markup
from briefgen.render.pdf.styles import styles
from briefgen.theme import load_theme

from .conftest import NRF

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARKUP = Markup(family(load_theme()), "1F4E79", "en-GB")


@pytest.fixture(scope="module")
def body_style():
    theme = load_theme()
    return styles(theme, family(theme)).body


def lines(paragraph) -> list[str]:
    """What each line shows; reportlab may leave an empty piece on a line where it cut a URL."""
    broken = paragraph.blPara
    if broken.kind == 0:
        return [" ".join(map(str, line[1])) for line in broken.lines]
    return ["|".join(t for t in (getattr(word, "text", "") for word in line.words) if t) for line in broken.lines]


words = st.one_of(st.sampled_from(["a", "valley", "Panjshir", "<a href=\"https://e.org\">linked words</a>", "https://example.org/"
                                   + "x" * 80, "<super>1</super>", "K" * 120, "<br/>", "&amp;"]),
                  st.text(alphabet="abcdefgh", min_size=1, max_size=12))


@settings(max_examples=int(os.environ.get('LONG_TEXT_EXAMPLES', 40)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(words, min_size=1, max_size=120).map(" ".join), width=st.sampled_from([120, 300, 451]))
def test_breaking_in_chunks_gives_the_lines_breaking_at_once_gives(body_style, monkeypatch, text, width):
    monkeypatch.setattr(pdf_paragraph, "CHUNK", 3)
    chunked = pdf_paragraph.Paragraph(text, body_style)
    chunked.wrap(width, 10_000)
    whole = PlatypusParagraph(text, body_style)
    whole.wrap(width, 10_000)
    assert lines(chunked) == lines(whole)


@pytest.mark.parametrize("markup", [False, True])
def test_a_paragraph_over_many_pages_gives_reportlabs_own_bytes(body_style, monkeypatch, markup):
    monkeypatch.setattr(pdf_paragraph, "CHUNK", 50)
    word = '<a href="https://e.org">valley</a> of <super>2</super> the' if markup else "valley of the"
    text = " ".join(f"{word} {n}" for n in range(1200))

    def pdf(paragraph_class) -> bytes:
        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=A4, invariant=1).build([paragraph_class(text, body_style)])
        return out.getvalue()

    class Untagged(pdf_paragraph.Paragraph):
        def draw(self):  # tagging needs briefgen's canvas; this compares line breaking and splitting only
            PlatypusParagraph.draw(self)

    ours = pdf(Untagged)
    assert ours.count(b"/Type /Page\n") > 3
    assert ours == pdf(PlatypusParagraph)


def test_the_word_body_keeps_reading_order_and_ends_with_its_section(products):
    with zipfile.ZipFile(products[("nrf", "docx")]) as package:
        body = ElementTree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    children = list(body)
    assert children[-1].tag == f"{W}sectPr" and all(c.tag != f"{W}sectPr" for c in children[:-1])
    text = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in children]
    assert text.index("Key judgments") < text.index("Context") < text.index("Sources")


# A long paragraph parsed and broken as it is laid out (pdf_paragraph._Lines) against the same paragraph parsed
# and broken whole, on the brief's own markup: styled words, links, citations' marks and addresses that may
# break between their parts.
marked_words = st.lists(st.one_of(
    st.builds(lambda word, bold, italic: Span(word + " ", bold, italic),
              st.text(alphabet="abcdefgh", min_size=1, max_size=14), st.booleans(), st.booleans()),
    st.builds(lambda word: Span(word + " ", href="https://example.org/" + word), st.text(alphabet="abc", min_size=1, max_size=8)),
    st.builds(lambda path: address("https://example.org/" + "/".join(path)),
              st.lists(st.text(alphabet="abcdefghij-", min_size=1, max_size=60), min_size=1, max_size=4)),
    st.sampled_from([Span(" "), Span("K" * 90 + " "), Span("&amp; <i> "), Span("Panjshir, "), Span("x", True)]),
    st.builds(lambda n: NoteMark(n, f"note-{n}", "," if n % 2 else "", f"Note {n}"), st.integers(1, 99)),
), min_size=1, max_size=160)


def laid_out(paragraph, width: float, height: float) -> list[list[str]]:
    """What each line shows on each page a frame of ``height`` would lay ``paragraph`` out on, alone."""
    pages = []
    while True:
        if paragraph.wrap(width, height)[1] <= height:
            return [*pages, lines(paragraph)]
        parts = paragraph.split(width, height)
        assert len(parts) == 2, "a frame as high as a few lines holds a part of any paragraph"
        first, paragraph = parts
        first.wrap(width, height)
        pages.append(lines(first))


@settings(max_examples=int(os.environ.get('LONG_TEXT_EXAMPLES', 40)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spans=marked_words, width=st.sampled_from([90, 200, 451]), height=st.sampled_from([40, 90, 700]),
       piece=st.integers(1, 300), chunk=st.integers(1, 30))
def test_a_long_paragraph_broken_as_it_is_laid_out_gives_the_lines_breaking_it_whole_gives(
        body_style, monkeypatch, spans, width, height, piece, chunk):
    text = MARKUP.spans(spans)
    monkeypatch.setattr(pdf_paragraph, "CHUNK", chunk)
    whole = laid_out(pdf_paragraph.Paragraph(text, body_style), width, height)
    monkeypatch.setattr(pdf_paragraph.LaidOut, "LIMIT", 0)
    monkeypatch.setattr(pdf_paragraph, "PIECE", piece)
    lazy = pdf_paragraph.Paragraph(text, body_style, in_frame=True)
    assert laid_out(lazy, width, height) == whole
    assert lazy._lazy is not None or len(lazy._parsed) < 2  # reportlab breaks one frag as plain words


def test_a_long_paragraph_keeps_only_the_lines_of_the_page_being_laid_out(body_style, monkeypatch):
    monkeypatch.setattr(pdf_paragraph, "PIECE", 2000)
    source = Span("a source ", href="https://example.org/source")
    text = MARKUP.spans([Span("valley ", bold=n % 3 == 0, italic=n % 2 == 0) if n % 5 else source
                         for n in range(20_000)])
    paragraph = pdf_paragraph.Paragraph(text, body_style, in_frame=True)
    pages = 0
    while paragraph.wrap(451, 700)[1] > 700:
        first, paragraph = paragraph.split(451, 700)
        store = paragraph._lazy[0]
        # The lines of this page and the next few, not all of them: about 40 lines hold 2,000 characters.
        assert len(store.lines) <= 150 and len(store.words) <= 150 * 12
        pages += 1
    assert pages > 20 and store.done


def test_long_paragraphs_in_the_body_and_in_a_box_give_the_bytes_of_parsing_every_paragraph_whole(
        tmp_path, monkeypatch):
    data = yaml.safe_load(NRF.read_text(encoding="utf-8"))
    source = data["sources"][0]["id"]
    marks = (lambda w: f"*{w}*", lambda w: f"**{w}**", lambda w: f"[{w}](https://example.org/{w})",
             lambda w: f"{w} [@{source}]", lambda w: w)
    dense = " ".join(marks[n % len(marks)](word) for n, word in
                     enumerate(["valley", "front", "talks", "autonomy", "Doha"] * 1200)) + "."
    data["context"]["paragraphs"].append(dense)
    data["summary"] = [dense[:30_000] + "."]  # in a box: a table's cell, which sizes its row by the paragraph
    content = tmp_path / "long.yaml"
    content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    brief = load(content)
    broken_as_laid_out = render(brief, "pdf", load_theme())
    monkeypatch.setattr(pdf_paragraph.LaidOut, "LIMIT", 10**9)
    assert render(brief, "pdf", load_theme()) == broken_as_laid_out
