"""Limits hold whatever the input is: a pipe or a device as CONTENT, and dates past what a ZIP archive stores."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from briefgen.load import MAX_BYTES

from .conftest import EXAMPLE, run_briefgen


class DescribeTheContentSizeCap:
    def it_holds_for_a_pipe(self, tmp_path):
        endless = EXAMPLE.read_bytes() + b"#" * (MAX_BYTES + 1024 * 1024)
        result = subprocess.run([sys.executable, "-m", "briefgen", "validate", "/dev/stdin"], input=endless,
                                capture_output=True, timeout=60)
        assert result.returncode == 1
        assert b"/dev/stdin:1:1: is over 5,242,880 bytes" in result.stderr

    def it_holds_for_a_device(self, tmp_path):
        zero = tmp_path / "zero.yaml"
        zero.symlink_to("/dev/zero")
        result = run_briefgen("pdf", zero, "-o", tmp_path / "x.pdf", timeout=60)
        assert result.returncode == 1
        assert f"{zero}:1:1: is over" in result.stderr
        assert not (tmp_path / "x.pdf").exists()


class DescribeTheBuildDate:
    @pytest.mark.parametrize("fmt", ["docx", "pptx"])
    def it_refuses_a_source_date_epoch_past_2107(self, fmt, tmp_path):
        env = {**os.environ, "SOURCE_DATE_EPOCH": "4354819200"}  # 2108-01-01
        result = run_briefgen(fmt, EXAMPLE, "-o", tmp_path / f"x.{fmt}", env=env)
        assert result.returncode == 1
        assert "SOURCE_DATE_EPOCH='4354819200' is 2108-01-01" in result.stderr
        assert "internal error" not in result.stderr
        assert not (tmp_path / f"x.{fmt}").exists()

    def it_stamps_a_moment_before_1980_as_1980_in_the_archive(self, tmp_path):
        env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
        out = tmp_path / "x.docx"
        assert run_briefgen("docx", EXAMPLE, "-o", out, env=env).returncode == 0
        import zipfile
        with zipfile.ZipFile(out) as archive:
            assert {info.date_time[0] for info in archive.infolist()} == {1980}
