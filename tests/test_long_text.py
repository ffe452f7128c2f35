"""Long text renders as it would if time were free: the linear paths give exactly the library's own output."""

from __future__ import annotations

import io
import os
import zipfile
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph as PlatypusParagraph
from reportlab.platypus import SimpleDocTemplate

from briefgen.render.pdf import paragraph as pdf_paragraph
from briefgen.render.pdf.fonts import family
from briefgen.render.pdf.styles import styles
from briefgen.theme import load_theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
