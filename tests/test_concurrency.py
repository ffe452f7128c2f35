"""Two renders at once into the same out/ (two terminals, a watch and a Makefile): both finish, and every product
is whole — each is written to a temporary file of its own and renamed into place."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest

from .conftest import EXAMPLE, NRF

pytestmark = pytest.mark.slow  # runs briefgen in processes of its own


def test_two_renders_into_one_folder_both_finish_with_whole_products(tmp_path):
    (tmp_path / "content").mkdir()
    for source in (NRF, EXAMPLE):
        (tmp_path / "content" / source.name).write_bytes(source.read_bytes())
    command = [sys.executable, "-m", "briefgen", "all", "--out-dir", "out", "-j", "2"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outcomes = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outcomes):
        assert run.returncode == 0, err
        assert "6 written, 0 failed" in out + err
    products = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in products] == sorted(f"{stem}.{fmt}" for stem in ("example", "nrf-secession")
                                                for fmt in ("docx", "pdf", "pptx"))  # no temporary file left
    for product in products:
        if product.suffix == ".pdf":
            with pikepdf.open(product) as pdf:
                assert len(pdf.pages) >= 1
            assert subprocess.run(["qpdf", "--check", str(product)], capture_output=True).returncode == 0
        else:
            with zipfile.ZipFile(product) as package:
                assert package.testzip() is None
