"""Formatted citations kept on disk between processes (layout/csl.py, user_cache.py): a later process finds
what an earlier one formatted only when nothing that decides the words changed, makes the same bytes as a
fresh render, and renders whatever it finds in the cache folder, or when it cannot use the folder at all."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefgen import products, user_cache
from briefgen.layout import csl
from briefgen.load import load
from briefgen.theme import load_theme

from .conftest import EXAMPLE, cited_brief, run_briefgen

THEME = load_theme(None)


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, and a process that has formatted nothing yet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(user_cache.VARIABLE, str(folder))
    monkeypatch.setattr(csl, "_FORMATTED", {})
    return folder


def entries(cache: Path) -> list[Path]:
    kept = cache / csl.CACHED
    return sorted(kept.iterdir()) if kept.is_dir() else []


def fresh(content: Path, fmt: str, monkeypatch) -> bytes:
    """The product made with no cache at all, by a process that has formatted nothing."""
    with monkeypatch.context() as fresh_process:
        fresh_process.setenv(user_cache.VARIABLE, "off")
        fresh_process.setattr(csl, "_FORMATTED", {})
        return products.render(load(content), fmt, THEME)


def formatting(monkeypatch) -> list[int]:
    """Counts each time citeproc-py is asked to format, as a later process would (nothing kept in memory)."""
    asked: list[int] = []
    real = csl._format

    def counted(*args, **kwargs):
        asked.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(csl, "_format", counted)
    return asked


def later_process(monkeypatch) -> None:
    monkeypatch.setattr(csl, "_FORMATTED", {})


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_later_process_uses_the_kept_citations_and_makes_the_same_bytes(fmt, cache, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = cited_brief(tmp_path / "cited.yaml")
    asked = formatting(monkeypatch)
    first = products.render(load(content), fmt, THEME)
    assert len(asked) == 1 and len(entries(cache)) == 1
    later_process(monkeypatch)
    again = products.render(load(content), fmt, THEME)
    assert len(asked) == 1, "the later process formatted the citations again"
    assert first == again == fresh(content, fmt, monkeypatch)


def test_what_is_read_from_the_cache_is_what_the_product_shows(cache, monkeypatch, tmp_path):
    content = cited_brief(tmp_path / "cited.yaml")
    products.render(load(content), "pdf", THEME)
    (entry,) = entries(cache)
    entry.write_bytes(entry.read_bytes().replace("Treaty on the Upper River".encode(), b"Kept Words Of Old"))
    later_process(monkeypatch)
    layout = products.lay_out(load(content), "pdf", THEME).layout
    assert "Kept Words Of Old" in repr(layout)


# Each changes something that decides the words of a note or of the sources list.
CHANGES = {
    "a source's title": ("title: The Upper River in Numbers", "title: The Upper River in Figures"),
    "a citation's place": ("[@treaty1959, sec. 3;", "[@treaty1959, sec. 4;"),
    "the language": ("language: en-GB", "language: en-US"),
    "the style": ("language: en-GB", "language: en-GB\ncsl: apa"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_brief_whose_citations_changed_is_formatted_again(change, cache, monkeypatch, tmp_path):
    content = cited_brief(tmp_path / "cited.yaml")
    products.render(load(content), "docx", THEME)
    before, after = CHANGES[change]
    text = content.read_text(encoding="utf-8")
    assert text.count(before) == 1, f"the cited brief changed: {change!r} no longer applies"
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace(before, after), encoding="utf-8")
    later_process(monkeypatch)
    asked = formatting(monkeypatch)
    made = products.render(load(changed), "docx", THEME)
    assert len(asked) == 1 and len(entries(cache)) == 2
    assert made == fresh(changed, "docx", monkeypatch)


def test_a_style_file_changed_in_place_is_formatted_again(cache, monkeypatch, tmp_path):
    style = tmp_path / "house.csl"
    shutil.copy(Path(csl.__file__).parents[1] / "csl" / "apa.csl", style)
    content = cited_brief(tmp_path / "cited.yaml", csl="house.csl")
    products.render(load(content), "pdf", THEME)
    # The same file, now citing "et al." after one author, not three.
    text = style.read_text(encoding="utf-8")
    assert 'et-al-min="21"' in text
    style.write_text(text.replace('et-al-min="21"', 'et-al-min="2"'), encoding="utf-8")
    later_process(monkeypatch)
    monkeypatch.setattr("briefgen.citation_styles._CHECKED", {})  # as a new process reads the file again
    monkeypatch.setattr("briefgen.citation_styles._STYLES", {})
    asked = formatting(monkeypatch)
    products.render(load(content), "pdf", THEME)
    assert len(asked) == 1 and len(entries(cache)) == 2


def test_another_citeproc_release_formats_again(cache, monkeypatch, tmp_path):
    content = cited_brief(tmp_path / "cited.yaml")
    products.render(load(content), "pdf", THEME)
    later_process(monkeypatch)
    monkeypatch.setattr(csl, "_citeproc_release", lambda: b"version = '99.0'")
    asked = formatting(monkeypatch)
    products.render(load(content), "pdf", THEME)
    assert len(asked) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(found=st.one_of(st.binary(max_size=300),
                       st.sampled_from([b"", b"{", b"[]", b"null", b'{"notes": true}',
                                        b'{"notes": 1, "citations": [], "bibliography": []}',
                                        b'{"notes": true, "citations": [1, 2], "bibliography": []}',
                                        b'{"notes": true, "citations": [], "bibliography": [["nobody", "x"]]}'])))
def test_whatever_the_cache_holds_the_product_is_a_fresh_renders(found, cache, monkeypatch, tmp_path):
    if not entries(cache):
        products.render(load(EXAMPLE), "docx", THEME)
    (entry,) = entries(cache)
    entry.write_bytes(found)
    later_process(monkeypatch)
    made = products.render(load(EXAMPLE), "docx", THEME)
    assert made == fresh(EXAMPLE, "docx", monkeypatch)


def test_a_cache_folder_that_cannot_be_used_fails_nothing(monkeypatch, tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_bytes(b"not a folder")
    monkeypatch.setenv(user_cache.VARIABLE, str(blocked))
    later_process(monkeypatch)
    assert products.render(load(EXAMPLE), "pdf", THEME) == fresh(EXAMPLE, "pdf", monkeypatch)
    assert blocked.read_bytes() == b"not a folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write a folder without write permission")
def test_a_read_only_cache_folder_fails_nothing(cache, monkeypatch):
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert products.render(load(EXAMPLE), "pdf", THEME) == fresh(EXAMPLE, "pdf", monkeypatch)
        assert not entries(cache)
    finally:
        cache.chmod(0o700)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="XDG_CACHE_HOME is where Linux and the BSDs keep caches")
def test_the_cache_goes_to_the_users_cache_folder_and_can_be_turned_off(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop(user_cache.VARIABLE)
    done = run_briefgen("pdf", EXAMPLE, "-o", tmp_path / "a.pdf", env=env)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "xdg" / "briefgen" / csl.CACHED).iterdir())) == 1
    shutil.rmtree(tmp_path / "xdg")
    done = run_briefgen("pdf", EXAMPLE, "-o", tmp_path / "b.pdf", env={**env, user_cache.VARIABLE: "off"})
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "xdg").exists() and not home.exists()


def test_only_the_newest_entries_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv(user_cache.VARIABLE, str(tmp_path))
    monkeypatch.setattr(user_cache, "KEPT", 3)
    for n in range(5):
        user_cache.write("kind", f"entry{n}", b"x")
        os.utime(tmp_path / "kind" / f"entry{n}", ns=(n * 10**9, n * 10**9))
    assert sorted(p.name for p in (tmp_path / "kind").iterdir()) == ["entry2", "entry3", "entry4"]
    assert user_cache.read("kind", "entry4") == b"x" and user_cache.read("kind", "entry0") is None
