"""The command line as a user meets it: commands, exit codes, messages, and no tracebacks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .conftest import EXAMPLE, NRF, ROOT, run_briefgen


class DescribeHelp:
    def it_lists_every_command(self):
        result = run_briefgen("--help")
        assert result.returncode == 0
        for command in ("docx", "pdf", "pptx", "all", "validate", "new"):
            assert re.search(rf"^\s+{command}\s", result.stdout, re.M), command


class DescribeValidate:
    def it_passes_the_shipped_content(self):
        result = run_briefgen("validate", cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert f"{Path('content') / NRF.name}: ok" in result.stdout

    def it_reports_a_broken_file_with_place_and_field(self, tmp_path):
        broken = tmp_path / "broken.yaml"
        broken.write_text(EXAMPLE.read_text().replace("confidence: moderate", "confidence: medium"))
        result = run_briefgen("validate", broken)
        assert result.returncode == 1
        assert re.search(rf"^{re.escape(str(broken))}:\d+:\d+: key judgment 1 \(key_judgments\[0\]\.confidence\): ", result.stderr,
                         re.M)
        assert "Traceback" not in result.stderr

    def it_reports_a_missing_file(self, tmp_path):
        result = run_briefgen("validate", tmp_path / "nope.yaml")
        assert result.returncode == 1
        assert "nope.yaml:1:1: no such file" in result.stderr


class DescribeNew:
    def it_scaffolds_a_brief_that_validates_and_renders(self, tmp_path):
        result = run_briefgen("new", "water", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "content" / "water.yaml").is_file()
        assert run_briefgen("validate", cwd=tmp_path).returncode == 0

    def it_never_overwrites(self, tmp_path):
        assert run_briefgen("new", "water", cwd=tmp_path).returncode == 0
        again = run_briefgen("new", "water", cwd=tmp_path)
        assert again.returncode == 1 and "already exists" in again.stderr

    def it_refuses_a_name_that_is_not_a_file_name(self, tmp_path):
        result = run_briefgen("new", "../escape", cwd=tmp_path)
        assert result.returncode == 2
        assert not (tmp_path.parent / "escape.yaml").exists()


class DescribeRendering:
    def it_renders_all_formats_from_the_content_folder_into_out(self, tmp_path):
        (tmp_path / "content").mkdir()
        shutil.copy(EXAMPLE, tmp_path / "content" / "water.yaml")
        result = run_briefgen("all", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        for fmt in ("docx", "pdf", "pptx"):
            product = tmp_path / "out" / f"water.{fmt}"
            assert product.stat().st_size > 1000
            # One line per product: path, size, time.
            assert re.search(rf"^out/water\.{fmt}\s+[\d.]+ kB\s+[\d.]+ s$", result.stdout, re.M)

    def it_exits_1_without_writing_anything_for_bad_content(self, tmp_path):
        broken = tmp_path / "broken.yaml"
        broken.write_text("title: [unclosed\n")
        out = tmp_path / "out"
        result = run_briefgen("all", broken, "--out-dir", out)
        assert result.returncode == 1
        assert "broken.yaml:" in result.stderr and "Traceback" not in result.stderr
        assert not any(out.iterdir()) if out.exists() else True

    def it_treats_unknown_options_as_usage_errors(self):
        result = run_briefgen("docx", "--colour", "red")
        assert result.returncode == 2
        assert "Traceback" not in result.stderr

    def it_offers_paper_sizes_for_the_brief_but_not_for_the_deck(self):
        assert "--paper" in run_briefgen("pdf", "--help").stdout
        assert "--paper" in run_briefgen("docx", "--help").stdout
        assert run_briefgen("pptx", "--paper", "letter").returncode == 2

    def it_refuses_a_template_of_the_wrong_kind(self, tmp_path):
        wrong = tmp_path / "corp.pptx"
        wrong.write_bytes(b"x")
        result = run_briefgen("docx", EXAMPLE, "-o", tmp_path / "x.docx", "--template", wrong)
        assert result.returncode == 2 and "--template" in result.stderr

    def it_reports_an_output_folder_that_does_not_exist(self, tmp_path):
        result = run_briefgen("pdf", EXAMPLE, "-o", tmp_path / "missing" / "x.pdf")
        assert result.returncode == 1
        assert "output folder does not exist" in result.stderr and "Traceback" not in result.stderr
