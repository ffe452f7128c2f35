"""A warm process (`briefgen watch`, a batch's worker) keeps what it made for one render to reuse in the next:
the citations formatted, the deck's plan, the Word brief's styles. Whatever it keeps must never change a product:
each product rendered after other editions of its brief, in one process, is byte for byte the product a fresh
process makes of it, and every edit, whatever part it touches, shows in the product."""

from __future__ import annotations

import os
import sys
import subprocess
from pathlib import Path

import pytest

from briefgen import products
from briefgen.load import load
from briefgen.theme import load_theme

from .conftest import EXAMPLE, NRF

pytestmark = pytest.mark.slow  # each cold render is a process of its own

# Edits a writer makes between saves, each to a part a warm process may have kept something of.
EDITS = {
    "title": ("title: Water Rights", "title: Saved Rights"),
    "a source's title": ("title: The Upper River in Numbers", "title: The Upper River in Figures"),
    "a citation's place": ("[@report2024]; the talks'", "[@report2024, p. 7]; the talks'"),
    "a timeline event's date": ("  - date: 2023-08-01", "  - date: 2023-09-14"),
    "a paragraph's words": ("cutting flow downstream by a tenth", "cutting flow downstream by a fifth"),
    "a table cell's words": ("role: Owns and operates the dam.", "role: Owns and runs the dam, and the sluices."),
    # Each character first used changes what the PDF embeds of its face (the subsets kept between renders).
    "characters new to the brief": ("Writes on water security", "Writes on Zürich’s “água” security"),
    "the marking": ("marking: TLP:CLEAR ", "marking: TLP:GREEN "),
    "the language": ("language: en-GB", "language: en-US"),
}


def editions(folder: Path) -> dict[str, Path]:
    """The example brief, and one copy of it per edit."""
    text = EXAMPLE.read_text(encoding="utf-8")
    found = {"as shipped": EXAMPLE}
    for n, (name, (before, after)) in enumerate(EDITS.items()):
        assert text.count(before) == 1, f"the example brief changed: edit {name!r} no longer applies"
        found[name] = folder / f"edit-{n}.yaml"
        found[name].write_text(text.replace(before, after), encoding="utf-8")
    return found


def cold(content: Path, fmt: str, out: Path) -> bytes:
    """The product as a fresh process makes it: nothing kept from any earlier render, on disk neither."""
    subprocess.run([sys.executable, "-m", "briefgen", fmt, str(content), "-o", str(out), "-q"], check=True,
                   capture_output=True, timeout=120, env={**os.environ, "BRIEFGEN_CACHE": "off"})
    return out.read_bytes()


@pytest.mark.parametrize("fmt", products.FORMATS)
def test_a_warm_render_of_each_edit_is_the_cold_render_and_shows_the_edit(fmt, tmp_path):
    theme = load_theme(None)
    found = editions(tmp_path)
    warm = {}
    for _ in range(2):  # the second round renders each edition after every other one
        for name, content in found.items():
            warm[name] = products.render(load(content), fmt, theme)
    for name, content in found.items():
        assert warm[name] == cold(content, fmt, tmp_path / f"cold-{len(name)}-{name[:5]}.{fmt}"), name
    shipped = warm.pop("as shipped")
    for name, data in warm.items():
        assert data != shipped, f"{fmt}: the edit to {name} does not show"


def test_the_nrf_brief_rendered_warm_after_the_example_is_its_cold_render(tmp_path):
    theme = load_theme(None)
    for fmt in products.FORMATS:
        products.render(load(EXAMPLE), fmt, theme)
        assert products.render(load(NRF), fmt, theme) == cold(NRF, fmt, tmp_path / f"nrf.{fmt}"), fmt
