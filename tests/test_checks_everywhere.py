"""The analytic checks run wherever the brief is made: every rendering command says what `validate` says,
once per brief, and `--strict` fails on it as `validate --strict` does."""

from __future__ import annotations

import pytest

from .test_lint import judgment, write_brief
from .test_watch import Watcher

NEAR_TERM = judgment(statement="Talks will stay open in the near term.")  # one warning: no time frame
WARNING = "(key_judgments[0].statement): warning: states no time frame"


@pytest.mark.parametrize("fmt", ["docx", "pdf", "pptx"])
def test_each_render_says_the_analytic_warning_once_and_strict_fails_as_validate_does(tmp_path, fmt,
                                                                                     briefgen_in_process):
    path = write_brief(tmp_path, NEAR_TERM)
    out = tmp_path / f"brief.{fmt}"
    result = briefgen_in_process(fmt, path, "-o", out)
    assert result.code == 0 and result.err.count(WARNING) == 1, result.err
    assert briefgen_in_process("validate", "--strict", path).code == 1
    strict = briefgen_in_process(fmt, path, "-o", out, "--strict")
    assert strict.code == 1 and strict.err.count(WARNING) == 1
    assert briefgen_in_process(fmt, path, "-o", out, "--strict", "-q").code == 1  # quiet says less, fails alike


def test_all_says_it_once_per_brief_not_once_per_product(tmp_path, briefgen_in_process):
    path = write_brief(tmp_path, NEAR_TERM)
    result = briefgen_in_process("all", path, "--out-dir", tmp_path / "out", "-j", "1")
    assert result.code == 0 and result.err.count(WARNING) == 1, result.err
    assert briefgen_in_process("all", path, "--out-dir", tmp_path / "out", "-j", "1", "--strict").code == 1


def test_a_sound_brief_renders_under_strict_as_it_validates(tmp_path, briefgen_in_process):
    path = write_brief(tmp_path)
    assert briefgen_in_process("validate", "--strict", path).code == 0
    result = briefgen_in_process("pdf", path, "-o", tmp_path / "brief.pdf", "--strict")
    assert result.code == 0 and "warning" not in result.err, result.err


def test_watch_says_the_analytic_warnings_at_each_render(tmp_path):
    path = write_brief(tmp_path, NEAR_TERM)
    watcher = Watcher(tmp_path, "brief.yaml", "--format", "pdf", "--out-dir", "out")
    try:
        # The product's line (stdout) and the warning (stderr, said after the product is written) may reach the
        # reading threads in either order.
        assert WARNING in watcher.wait_for_each(("out", "out/brief.pdf"), ("err", "warning:"))["err"]
        watcher.wait_for("out", "watching 1 file")
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert WARNING in watcher.wait_for_each(("out", "out/brief.pdf"), ("err", "warning:"))["err"]
    finally:
        assert watcher.stop() == 0


@pytest.mark.parametrize("formats", [("pdf",), ("docx", "pdf", "pptx")])
def test_watch_says_the_warnings_after_the_products_it_writes(tmp_path, formats):
    # A save's products are what the writer waits for: the warnings (the deck's plan most of them) come after them.
    from briefgen import watch
    from briefgen.theme import load_theme

    path = write_brief(tmp_path, NEAR_TERM)
    watched = watch.Watched((path,), formats, lambda content, fmt: tmp_path / f"brief.{fmt}")
    said: list[str] = []
    voices = watch.Voices(said.append, said.append, said.append)
    for save in range(2):
        said.clear()
        path.write_text(path.read_text(encoding="utf-8") + "\n" * save, encoding="utf-8")
        watch._render(path, watched, load_theme(), {}, None, voices, set())
        products = [line for line in said if line.startswith(tuple(f"{tmp_path / f'brief.{fmt}'}  " for fmt in formats))]
        assert len(products) == len(formats), said
        assert [line for line in said if WARNING in line] == [said[-1]], said
