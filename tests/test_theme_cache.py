"""theme.toml as tomllib read it, kept on disk between processes (theme._parsed, user_cache.py): a later process
uses it only for the same text, reads the same theme from it, and reads the text again whatever the entry holds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefgen import theme, user_cache
from briefgen.theme import load_theme, templates_root


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(user_cache.VARIABLE, str(folder))
    return folder


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the built-in theme, free to edit."""
    copy = tmp_path / "theme"
    shutil.copytree(templates_root() / "default", copy)
    return copy


def entries(cache: Path) -> list[Path]:
    kept = cache / theme.TOML_CACHED
    return sorted(kept.iterdir()) if kept.is_dir() else []


class DescribeAThemeKeptOnDisk:
    def it_is_read_by_a_later_process_without_tomllib_as_the_text_reads(self, cache, folder):
        fresh = load_theme(folder)
        assert len(entries(cache)) == 1
        later = subprocess.run([sys.executable, "-c", (
            "import sys; from briefgen.theme import load_theme; "
            f"t = load_theme({str(folder)!r}); print('tomllib' in sys.modules); print(repr(t))")],
            capture_output=True, text=True, check=True, env={**__import__("os").environ,
                                                              user_cache.VARIABLE: str(cache)})
        imported, shown = later.stdout.splitlines()
        assert imported == "False" and shown == repr(fresh)

    def it_reads_a_changed_text_again(self, cache, folder):
        load_theme(folder)
        toml = folder / "theme.toml"
        toml.write_text(toml.read_text().replace('text = "1F2933"', 'text = "101010"'))
        assert load_theme(folder).colours.text == "101010"
        assert len(entries(cache)) == 2

    def it_refuses_a_changed_text_as_before(self, cache, folder):
        load_theme(folder)
        toml = folder / "theme.toml"
        toml.write_text(toml.read_text().replace("body = 10.5", "body = 200"))
        with pytest.raises(theme.ThemeError, match="sizes.body"):
            load_theme(folder)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.one_of(st.binary(max_size=200), st.builds(lambda d: json.dumps(d).encode(),
                                                        st.dictionaries(st.sampled_from(["digest", "toml"]),
                                                                        st.one_of(st.text(max_size=5), st.none())))))
    def it_reads_the_text_again_whatever_the_entry_holds(self, cache, folder, held):
        fresh = load_theme(folder)
        for entry in entries(cache):
            entry.write_bytes(held)
        assert load_theme(folder) == fresh

    def it_reads_the_text_when_the_folder_cannot_be_used(self, tmp_path, monkeypatch, folder):
        blocked = tmp_path / "file"
        blocked.write_bytes(b"not a folder")
        monkeypatch.setenv(user_cache.VARIABLE, str(blocked))
        assert load_theme(folder) == load_theme(folder)
        monkeypatch.setenv(user_cache.VARIABLE, "off")
        assert load_theme(folder).colours == load_theme(None).colours
