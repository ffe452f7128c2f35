"""The Word brief's base document kept prepared for the built-in styles (render/docx/prepared.py): a brief made
from it has the bytes of one made from python-docx's template afresh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import products
from briefgen.load import load
from briefgen.marking import Tlp
from briefgen.render.docx import prepared
from briefgen.theme import load_theme
from briefgen.value import replace

from .conftest import EXAMPLE, NRF, cited_brief, own_brief, packages_imported
from .test_redline import edited

THEME = load_theme()
BRIEFS = {"nrf": load(NRF), "example": load(EXAMPLE)}


def afresh(brief, theme) -> bytes:
    """The Word brief made without the prepared base."""
    with mock.patch.object(prepared, "base", lambda *_: None):
        return products.render(brief, "docx", theme)


def test_the_prepared_base_is_what_the_code_makes():
    """built_in.zip is python-docx's template with our styles; after changing them, run
    ``python tools/prepare_word_base.py`` to write it again."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import prepare_word_base

    assert prepare_word_base.prepared_built_in() == prepared.saved_built_in()


def test_the_built_in_theme_has_its_base_prepared_for_every_marking_and_a_left_to_right_language():
    for marking in Tlp:
        assert prepared.base(THEME, marking, "de-CH") is not None
    assert prepared.base(THEME, Tlp.CLEAR, "ar") is None  # its base keeps the template's right-to-left settings
    restyled = replace(THEME, colours=replace(THEME.colours, primary="C00000"))
    assert prepared.base(restyled, Tlp.CLEAR, "en-GB") is None
    # The faces are not in the styles: a theme whose family is the same, from other files, shares the base.
    moved = replace(THEME, fonts=replace(THEME.fonts, regular=THEME.fonts.bold))
    assert prepared.base(moved, Tlp.CLEAR, "en-GB") is not None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(BRIEFS)), marking=st.sampled_from(list(Tlp)),
       language=st.sampled_from(["en-GB", "en-US", "de", "fr-CA", "ar", "he-IL", "zh-Hant-TW"]),
       paper=st.sampled_from([None, "Letter", "A4"]),
       right_to_left=st.booleans(), colour=st.sampled_from([None, "C00000"]))
def test_a_brief_from_the_prepared_base_has_the_bytes_of_one_made_afresh(name, marking, language, paper,
                                                                         right_to_left, colour):
    brief = replace(BRIEFS[name], marking=marking, language=language)
    if right_to_left:  # a right-to-left run looks the language up in the styles part, which is then parsed
        brief = replace(brief, title=f"{brief.title} \u05e9\u05dc\u05d5\u05dd")
    theme = THEME.with_paper(paper)
    if colour:  # not the built-in styles: made afresh either way
        theme = replace(theme, colours=replace(theme.colours, primary=colour))
    made = products.render(brief, "docx", theme)
    assert made == afresh(brief, theme)
    assert products.render(brief, "docx", theme) == made  # and again, as watch renders


@pytest.mark.parametrize("language, imported", [("en-GB", False), ("ar", True)])
def test_a_brief_on_the_prepared_base_is_written_without_python_docx(tmp_path, language, imported):
    """python-docx is imported only where a base is made (a right-to-left language's, here), never for the prepared
    one: importing it was a fifth of a cold ``briefgen docx``."""
    code = ("import sys\n"
            "from briefgen import products\n"
            "from briefgen.load import load\n"
            "from briefgen.theme import load_theme\n"
            "from briefgen.value import replace\n"
            f"brief = replace(load({str(NRF)!r}), language={language!r})\n"
            "assert products.render(brief, 'docx', load_theme())[:2] == b'PK'\n"
            "print(sorted(name for name in sys.modules if name.split('.')[0] == 'docx'))\n")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert (found.stdout.strip() != "[]") == imported, found.stdout


@pytest.mark.parametrize("case", ["own image", "logo in the header", "cited", "redline"])
def test_every_part_of_a_brief_on_the_prepared_base_is_written_without_python_docx(tmp_path, logo_theme, case):
    """Pictures (the analyst's own, a logo in the running header), notes and links, a redline: each written on the
    prepared base without importing python-docx, by the command line as a user runs it."""
    args = {"own image": lambda: [own_brief(tmp_path / "own.yaml")],
            "logo in the header": lambda: [NRF, "--template", logo_theme],
            "cited": lambda: [cited_brief(tmp_path / "cited.yaml")],
            "redline": lambda: [edited(tmp_path / "new.yaml"), "--compare", NRF]}[case]()
    out = tmp_path / "brief.docx"
    assert "docx" not in packages_imported("docx", *args, "-o", out, cwd=tmp_path)
    assert out.read_bytes()[:2] == b"PK"
