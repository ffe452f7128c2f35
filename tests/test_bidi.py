"""Bidirectional controls ("Trojan Source", CVE-2021-42574): each is a placed warning naming it and what it does,
an error under --strict; no product draws one as U+FFFD; right-to-left text needs none of them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLE, pdftotext, run_briefgen

CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
}
TITLE = "title: Water Rights on the Upper River"

# Each test runs briefgen in processes of its own.
pytestmark = pytest.mark.slow


def brief(folder: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = folder / "brief.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def place_of(path: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


class DescribeABidiControl:
    @pytest.mark.parametrize("char, name", CONTROLS.items())
    def it_is_a_warning_at_the_character_naming_it_and_what_it_does(self, tmp_path, char, name):
        path = brief(tmp_path, TITLE, f"title: Invoice {char}FDP.exe")
        result = run_briefgen("validate", path)
        assert result.returncode == 0, result.stderr
        line, column = place_of(path, char)
        [warning] = [w for w in result.stderr.splitlines() if "U+" in w]
        assert warning.startswith(f"{path}:{line}:{column}: title: warning: contains U+{ord(char):04X} {name}, "
                                  "an invisible character that "), warning
        assert "Trojan Source" in warning and "remove it" in warning

    def it_says_what_an_override_does(self, tmp_path):
        result = run_briefgen("validate", brief(tmp_path, TITLE, "title: Invoice \u202eFDP.exe"))
        assert "shows the text after it reversed" in result.stderr

    def it_is_an_error_under_strict(self, tmp_path):
        path = brief(tmp_path, TITLE, "title: Invoice \u202eFDP.exe")
        assert run_briefgen("validate", path, "--strict").returncode == 1
        assert run_briefgen("pdf", path, "-o", tmp_path / "b.pdf", "--strict").returncode == 1
        assert run_briefgen("pdf", path, "-o", tmp_path / "b.pdf").returncode == 0

    def it_is_found_when_written_as_a_yaml_escape_and_in_an_address(self, tmp_path):
        path = brief(tmp_path, "url: https://example.org/upper-river", 'url: "https://example.org/\\u2067upper-river"')
        result = run_briefgen("validate", path)
        line, _ = place_of(path, "\\u2067")
        assert re.search(rf":{line}:\d+: source 1 \(sources\[0\]\.url\): warning: contains U\+2067 RIGHT-TO-LEFT ISOLATE",
                         result.stderr), result.stderr

    def it_is_said_once_by_a_render_and_not_with_q(self, tmp_path):
        path = brief(tmp_path, TITLE, "title: Invoice \u202eFDP.exe")
        result = run_briefgen("all", path, "--out-dir", tmp_path / "out")
        assert result.returncode == 0 and result.stderr.count("U+202E") == 1, result.stderr
        assert "U+202E" not in run_briefgen("all", path, "--out-dir", tmp_path / "out", "-q").stderr

    @pytest.mark.parametrize("kind", ["bib", "json"])
    def it_is_found_in_a_cited_bibliography_entry_placed_at_the_entry(self, tmp_path, kind):
        entry = ('@report{{filed2024,\n  title = {{Water {}FDP.exe talks}},\n  year = {{2024}}\n}}\n'
                 if kind == "bib" else '[{{"id": "filed2024", "title": "Water {}FDP.exe talks"}}]')
        (tmp_path / f"refs.{kind}").write_text("\n\n" + entry.format("\u202e"), encoding="utf-8")
        (tmp_path / f"unused.{kind}").write_text(entry.format("\u2067").replace("filed2024", "unused"), encoding="utf-8")
        path = brief(tmp_path, "\nsources:", f"\nbibliography: [refs.{kind}, unused.{kind}]\nsources:")
        text = path.read_text(encoding="utf-8").replace("[@report2024]", "[@filed2024]", 1)
        path.write_text(text, encoding="utf-8")
        result = run_briefgen("validate", path, "--strict")
        assert result.returncode == 1
        assert re.search(rf"refs\.{kind}:3:\d+: filed2024\.title: warning: contains U\+202E RIGHT-TO-LEFT OVERRIDE",
                         result.stderr), result.stderr
        assert "U+2067" not in result.stderr  # an entry the brief does not cite is never printed


class DescribeThePdf:
    def it_draws_no_control_as_a_replacement_character_and_does_what_an_override_says(self, tmp_path):
        path = brief(tmp_path, TITLE, "title: Invoice \u202eFDP.exe\u202c and \u2067the isolate\u2069 end")
        result = run_briefgen("pdf", path, "-o", tmp_path / "b.pdf")
        assert result.returncode == 0 and "no glyph" not in result.stderr, result.stderr
        text = pdftotext(tmp_path / "b.pdf")
        assert "\ufffd" not in text and not set(CONTROLS) & set(text)
        assert "Invoice exe.PDF and the isolate end" in " ".join(text.split())


DARI = "کابل"


class DescribeRightToLeftText:
    def it_needs_no_control_characters_its_runs_carry_their_direction(self, tmp_path):
        path = brief(tmp_path, TITLE, f"title: Water Rights in {DARI} and Herat")
        # Carlito has no Arabic script: the PDF draws it in the theme's fallback font, with no warning.
        result = run_briefgen("all", path, "--out-dir", tmp_path / "out")
        assert result.returncode == 0 and "U+" not in result.stderr, result.stderr
        for fmt in ("docx", "pptx"):
            with zipfile.ZipFile(tmp_path / "out" / f"brief.{fmt}") as package:
                parts = {name: package.read(name).decode("utf-8", "replace") for name in package.namelist()
                         if name.endswith(".xml")}
            assert not [name for name, xml in parts.items() if set(CONTROLS) & set(xml)]
            assert any(DARI in xml for xml in parts.values())
        assert "<w:rtl/>" in zipfile.ZipFile(tmp_path / "out" / "brief.docx").read("word/document.xml").decode()
        # (pdftotext marks the right-to-left run it finds with U+202B and U+202C itself.)
        assert "\ufffd" not in pdftotext(tmp_path / "out" / "brief.pdf")
