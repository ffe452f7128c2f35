"""Analyst-written speaker notes: a `notes` field used on the slide that shows its content, and nowhere else."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from .conftest import EXAMPLE, pdftotext, run_briefgen

OWN = {
    ("key_judgments", 0): "Judgment note: stress the July rainfall figures.",
    ("actors", 0): "Actor note: the minister changed in March.",
    ("signals", 0): "Signal note: the broadcast was repeated twice.",
    ("analogies", 0): "Analogy note: the treaty took eleven years.",
    ("outlook.scenarios", 0): "Scenario note: watch the reservoir level.",
    ("sections", 0): "Section note: say which sources are open.",
}


@pytest.fixture(scope="module")
def products(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("notes")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for (where, index), text in OWN.items():
        container = data
        for key in where.split("."):
            container = container[key]
        container[index]["notes"] = text
    path = folder / "noted.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_briefgen("all", path, "--out-dir", folder, "-q")
    assert result.returncode == 0, result.stderr
    return {fmt: folder / f"noted.{fmt}" for fmt in ("docx", "pdf", "pptx")}


def slides_with_notes(deck: Path) -> list[tuple[str, str]]:
    """(slide text, speaker notes) for each slide."""
    out = []
    for slide in Presentation(str(deck)).slides:
        text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        out.append((text, slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""))
    return out


@pytest.mark.parametrize("key, shown", [
    (("key_judgments", 0), "Both governments will keep talks open"),
    (("actors", 0), "Upstream government"),
    (("signals", 0), "Downstream officials describe the dam"),
    (("analogies", 0), "What happened"),
    (("outlook.scenarios", 0), "Managed tension"),
    (("sections", 0), "Based on open sources"),
])
def test_each_note_is_spoken_on_the_slide_that_shows_its_content(products, key, shown):
    slides = slides_with_notes(products["pptx"])
    [(_, notes)] = [(text, notes) for text, notes in slides if OWN[key] in notes]
    assert any(shown in text and OWN[key] in notes for text, notes in slides)
    # In addition to the notes the deck writes itself, not instead of them.
    assert notes.strip() != OWN[key]


def test_the_brief_does_not_print_them(products):
    with zipfile.ZipFile(products["docx"]) as docx:
        body = docx.read("word/document.xml").decode()
    pdf = pdftotext(products["pdf"])
    for text in OWN.values():
        assert text not in body and text not in pdf
