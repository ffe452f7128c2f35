"""The command line in pipelines and scripts: - for CONTENT and output, -q, --strict, extensions, references for all."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from .conftest import EXAMPLE, NRF, ROOT, run_briefgen

# Each test runs briefgen in processes of its own.
pytestmark = pytest.mark.slow

BRIEFGEN = [sys.executable, "-m", "briefgen"]


def piped(*args: str | os.PathLike, stdin: bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*BRIEFGEN, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, timeout=120)


class DescribePipes:
    @pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF-"), ("docx", b"PK"), ("pptx", b"PK")])
    def it_reads_yaml_from_stdin_and_writes_the_product_to_stdout(self, fmt, magic, tmp_path):
        result = piped(fmt, "-", "-o", "-", stdin=NRF.read_bytes())
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(magic)
        assert b"<stdout>" in result.stderr  # the status line goes to stderr, out of the product's way
        (tmp_path / f"brief.{fmt}").write_bytes(result.stdout)
        if fmt == "pdf":
            assert "Key judgments" in "".join(p.extract_text() for p in PdfReader(tmp_path / "brief.pdf").pages)
        else:
            assert zipfile.ZipFile(tmp_path / f"brief.{fmt}").testzip() is None

    def it_writes_stdout_by_default_when_reading_stdin(self):
        result = piped("pdf", "-", stdin=NRF.read_bytes())
        assert result.returncode == 0 and result.stdout.startswith(b"%PDF-")

    def it_gives_the_same_bytes_as_a_file(self, tmp_path):
        result = piped("docx", "-", "-o", "-", stdin=NRF.read_bytes())
        assert run_briefgen("docx", NRF, "-o", tmp_path / "file.docx").returncode == 0
        assert result.stdout == (tmp_path / "file.docx").read_bytes()

    def it_validates_stdin_with_placed_errors(self):
        result = piped("validate", "-", stdin=b"title: [unclosed\ndate: 2024\n")
        assert result.returncode == 1
        assert result.stderr.decode().startswith("<stdin>:2:")

    def it_renders_stdin_with_all_as_stdin_products(self, tmp_path):
        result = piped("all", "-", "--out-dir", tmp_path, stdin=EXAMPLE.read_bytes())
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["stdin.docx", "stdin.pdf", "stdin.pptx"]

    def it_refuses_to_write_binary_to_a_terminal(self, tmp_path):
        leader, follower = pty.openpty()
        try:
            result = subprocess.run([*BRIEFGEN, "pdf", str(NRF), "-o", "-"], stdout=follower,
                                    stderr=subprocess.PIPE, timeout=120)
        finally:
            os.close(follower)
            os.close(leader)
        assert result.returncode == 2
        assert b"terminal" in result.stderr


class DescribeOutputNames:
    @pytest.mark.parametrize("fmt, name", [("docx", "brief.pdf"), ("pdf", "brief.docx"), ("pptx", "brief"),
                                           ("pdf", "brief.PDF.txt")])
    def it_refuses_a_product_under_another_extension(self, fmt, name, tmp_path):
        result = run_briefgen(fmt, NRF, "-o", tmp_path / name)
        assert result.returncode == 2
        assert f".{fmt}" in result.stderr
        assert not (tmp_path / name).exists()

    def it_accepts_an_upper_case_extension(self, tmp_path):
        assert run_briefgen("pdf", EXAMPLE, "-o", tmp_path / "BRIEF.PDF").returncode == 0


class DescribeQuiet:
    def it_prints_nothing_on_success(self, foreign_references, tmp_path):
        result = run_briefgen("docx", NRF, "-q", "--template", foreign_references[("pandoc", "docx")],
                              "-o", tmp_path / "x.docx")
        assert result.returncode == 0
        assert result.stdout == "" and result.stderr == ""

    def it_still_prints_errors(self, tmp_path):
        broken = tmp_path / "broken.yaml"
        broken.write_text(EXAMPLE.read_text().replace("confidence: moderate", "confidence: medium"))
        result = run_briefgen("all", broken, "-q", "--out-dir", tmp_path / "out")
        assert result.returncode == 1 and "confidence" in result.stderr

    def it_quiets_validate(self):
        result = run_briefgen("validate", "-q", EXAMPLE)
        assert result.returncode == 0 and result.stdout == ""


class DescribeReferencesForAll:
    @pytest.mark.parametrize("docx_option, pptx_option", [("--reference-docx", "--reference-pptx"),
                                                         ("--template", "--template")])
    def it_takes_a_reference_docx_and_pptx_together(self, foreign_references, tmp_path, docx_option, pptx_option):
        result = run_briefgen("all", EXAMPLE, "--out-dir", tmp_path, "-q",
                              docx_option, foreign_references[("pandoc", "docx")],
                              pptx_option, foreign_references[("pandoc", "pptx")])
        assert result.returncode == 0, result.stderr
        self.assert_pandoc_look(tmp_path)

    def it_takes_them_from_a_theme_folder(self, foreign_references, tmp_path):
        theme = tmp_path / "theme"
        shutil.copytree(ROOT / "templates" / "default", theme)
        for fmt in ("docx", "pptx"):
            shutil.copy(foreign_references[("pandoc", fmt)], theme / f"reference.{fmt}")
        out = tmp_path / "out"
        result = run_briefgen("all", EXAMPLE, "--out-dir", out, "-q", "--template", theme)
        assert result.returncode == 0, result.stderr
        self.assert_pandoc_look(out)

    @staticmethod
    def assert_pandoc_look(folder: Path) -> None:
        with zipfile.ZipFile(folder / "example.docx") as docx:
            assert b'w:val="4F81BD"' in docx.read("word/styles.xml")  # pandoc's heading colour
        assert Presentation(str(folder / "example.pptx")).slide_width == 9144000  # pandoc's slide size

    def it_refuses_a_reference_of_the_wrong_kind(self, foreign_references, tmp_path):
        result = run_briefgen("all", EXAMPLE, "--out-dir", tmp_path,
                              "--reference-docx", foreign_references[("pandoc", "pptx")])
        assert result.returncode == 2 and "--reference-docx" in result.stderr
