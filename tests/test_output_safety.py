"""Outputs never clobber inputs: a product never replaces a content file, a template, a theme file, a device or a FIFO.

Each refusal happens before anything is rendered; every input is byte-for-byte the same afterwards.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, run_briefgen


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry under ``folder``: its kind and, for a regular file, its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        found[str(path)] = (stat.S_IFMT(mode), path.read_bytes() if stat.S_ISREG(mode) else None)
    return found


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A brief, a theme folder copied from the built-in one, and a reference .docx, all under one folder."""
    shutil.copy(EXAMPLE, tmp_path / "brief.yaml")
    shutil.copytree(ROOT / "templates" / "default", tmp_path / "theme",
                    ignore=shutil.ignore_patterns("deck.pptx", "*.py", "example.yaml"))
    import docx
    docx.Document().save(tmp_path / "reference.docx")
    return tmp_path


class DescribeAnOutputThatIsAnInput:
    # -o must end in the format's extension, so inputs are reached under such names (or are so named).
    @pytest.mark.parametrize("fmt, content, output, extra", [
        ("pdf", "brief.pdf", "brief.pdf", ()),   # a content file that happens to be named .pdf
        ("docx", "brief.yaml", "reference.docx", ("--template", "reference.docx")),
        ("pdf", "brief.yaml", "toml.pdf", ("--template", "theme")),   # a symbolic link to theme.toml
        ("pdf", "brief.yaml", "font.pdf", ("--template", "theme")),   # a hard link to a theme font
        ("pdf", "brief.yaml", "link.pdf", ()),   # a symbolic link to the content file
        ("pptx", "brief.yaml", "hard.pptx", ()),  # a hard link to the content file
    ])
    def it_is_refused_and_the_input_is_untouched(self, workspace, fmt, content, output, extra):
        shutil.copy(workspace / "brief.yaml", workspace / "brief.pdf")
        (workspace / "link.pdf").symlink_to(workspace / "brief.yaml")
        (workspace / "toml.pdf").symlink_to(workspace / "theme" / "theme.toml")
        os.link(workspace / "theme" / "fonts" / "Carlito-Regular.ttf", workspace / "font.pdf")
        os.link(workspace / "brief.yaml", workspace / "hard.pptx")
        before = snapshot(workspace)
        result = run_briefgen(fmt, content, "-o", output, *extra, cwd=workspace)
        assert result.returncode == 1, result.stderr
        assert f"{output}: would overwrite the input" in result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(workspace) == before


class DescribeAnOutputThatIsNotARegularFile:
    @pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
    def it_is_refused_without_waiting_and_stays_what_it_was(self, workspace, kind):
        target = workspace / {"fifo": "pipe.pdf", "device": "null.pdf", "folder": "dir.pdf"}[kind]
        if kind == "fifo":
            os.mkfifo(target)
        elif kind == "device":  # named .pdf, as -o asks; as root, replacing it would replace the device node
            target.symlink_to("/dev/null")
        else:
            target.mkdir()
        mode = target.stat().st_mode
        before = snapshot(workspace)
        result = run_briefgen("pdf", "brief.yaml", "-o", target, cwd=workspace, timeout=60)
        assert result.returncode == 1, result.stderr
        assert str(target) in result.stderr and "Traceback" not in result.stderr
        assert target.stat().st_mode == mode
        assert snapshot(workspace) == before


class DescribeTheModeOfAProduct:
    def it_follows_the_umask_for_a_new_file_and_keeps_an_existing_files_mode(self, workspace):
        def run(umask: int) -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, "-m", "briefgen", "docx", "brief.yaml", "-o", "brief.docx"],
                                  cwd=workspace, capture_output=True, text=True, timeout=120,
                                  preexec_fn=lambda: os.umask(umask))
        product = workspace / "brief.docx"
        assert run(0o077).returncode == 0
        assert stat.S_IMODE(product.stat().st_mode) == 0o600
        product.unlink()
        assert run(0o022).returncode == 0
        assert stat.S_IMODE(product.stat().st_mode) == 0o644
        product.chmod(0o640)
        assert run(0o022).returncode == 0
        assert stat.S_IMODE(product.stat().st_mode) == 0o640


class DescribeTwoInputsForOneOutput:
    def it_is_a_usage_error_before_anything_is_written(self, workspace):
        for folder in ("a", "b"):
            (workspace / folder).mkdir()
            shutil.copy(workspace / "brief.yaml", workspace / folder / "brief.yaml")
        result = run_briefgen("all", "a/brief.yaml", "b/brief.yaml", "--out-dir", "products", cwd=workspace)
        assert result.returncode == 2
        assert "a/brief.yaml and b/brief.yaml would both be written to products/brief." in result.stderr
        assert not list((workspace / "products").glob("*"))

    def it_refuses_the_same_file_given_twice(self, workspace):
        result = run_briefgen("all", "brief.yaml", "./brief.yaml", "--out-dir", "products", cwd=workspace)
        assert result.returncode == 2
        assert "given twice" in result.stderr
        assert not list((workspace / "products").glob("*"))


class DescribeTheTemporaryFileBesideAProduct:
    def it_is_new_and_its_owners_alone_and_a_taken_name_is_drawn_again(self, tmp_path, monkeypatch):
        from briefgen import output
        draws = iter([b"\x01" * 6, b"\x01" * 6, b"\x02" * 6])
        monkeypatch.setattr(output.os, "urandom", lambda n: next(draws))
        first_fd, first = output._temporary(tmp_path, "b.docx")
        second_fd, second = output._temporary(tmp_path, "b.docx")  # the first name is taken: drawn again
        for fd in (first_fd, second_fd):
            os.close(fd)
        assert Path(first).name == ".b.docx.010101010101.part" and Path(second).name == ".b.docx.020202020202.part"
        assert stat.S_IMODE(Path(first).stat().st_mode) == 0o600

    def it_never_opens_a_name_that_is_taken(self, tmp_path, monkeypatch):
        from briefgen import output
        monkeypatch.setattr(output.os, "urandom", lambda n: b"\x01" * n)
        (tmp_path / ".b.docx.010101010101.part").write_bytes(b"someone's")
        with pytest.raises(FileExistsError):
            output._temporary(tmp_path, "b.docx")
        assert (tmp_path / ".b.docx.010101010101.part").read_bytes() == b"someone's"
