"""Watch mode, through the real command line: it renders again after a save, survives a content error,
and leaves no temporary file when Ctrl-C ends it."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLE

# Each test runs briefgen in processes of its own.
pytestmark = pytest.mark.slow

PATIENCE = 120  # seconds before a missing line fails the test instead of hanging it (not a timing)


class Watcher:
    """``briefgen watch`` in a child process, with its output lines read as they come."""

    def __init__(self, folder: Path, *args: str):
        self.process = subprocess.Popen([sys.executable, "-m", "briefgen", "watch", *args], cwd=folder,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        for name, stream in (("out", self.process.stdout), ("err", self.process.stderr)):
            threading.Thread(target=self._read, args=(name, stream), daemon=True).start()

    def _read(self, name: str, stream) -> None:
        for line in stream:
            self.lines.put((name, line.rstrip("\n")))

    def wait_for(self, stream: str, text: str) -> str:
        """The next line on ``stream`` containing ``text``; lines before it are skipped."""
        while True:
            name, line = self.lines.get(timeout=PATIENCE)
            if name == stream and text in line:
                return line

    def wait_for_each(self, *wanted: tuple[str, str]) -> dict[str, str]:
        """The next line on each (stream, text) of ``wanted``, in whatever order they come, by stream."""
        found: dict[str, str] = {}
        while len(found) < len(wanted):
            name, line = self.lines.get(timeout=PATIENCE)
            for stream, text in wanted:
                if name == stream and text in line and stream not in found:
                    found[stream] = line
                    break
        return found

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=PATIENCE)


def title_of(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("docProps/core.xml").decode()


def watching(folder: Path, fmt: str, *options: str) -> tuple[Path, str, Watcher]:
    """The example brief as brief.yaml in ``folder``, its text, and a watch of it in ``fmt`` into out/."""
    content = folder / "brief.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    content.write_text(text, encoding="utf-8")
    return content, text, Watcher(folder, "brief.yaml", "--format", fmt, "--out-dir", "out", *options)


def test_watch_renders_after_a_save_survives_a_content_error_and_stops_cleanly(tmp_path):
    content, text, watcher = watching(tmp_path, "docx")
    try:
        watcher.wait_for("out", "out/brief.docx")
        watcher.wait_for("out", "watching 1 file")

        content.write_text(text.replace("title: Water Rights", "title: Saved Rights"), encoding="utf-8")
        watcher.wait_for("out", "out/brief.docx")
        assert "Saved Rights" in title_of(tmp_path / "out" / "brief.docx")

        content.write_text(text.replace("title: Water Rights on the Upper River", "title: [unclosed"),
                           encoding="utf-8")
        error = watcher.wait_for("err", "brief.yaml:")
        assert "YAML syntax error" in error and watcher.process.poll() is None

        content.write_text(text.replace("title: Water Rights", "title: Fixed Rights"), encoding="utf-8")
        watcher.wait_for("out", "out/brief.docx")
        assert "Fixed Rights" in title_of(tmp_path / "out" / "brief.docx")
    finally:
        code = watcher.stop()
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["brief.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.yaml", "out"]


def test_a_save_collects_the_cycles_it_leaves_and_leaves_the_collector_on(tmp_path):
    # A save renders without the cycle collector, which collects once the products are written and said.
    import gc

    from briefgen import watch
    from briefgen.theme import load_theme

    content = tmp_path / "brief.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    watched = watch.Watched((content,), ("pdf",), lambda path, fmt: tmp_path / f"brief.{fmt}")
    said: list[str] = []
    voices = watch.Voices(said.append, said.append, said.append)
    for n in range(3):
        content.write_text(text.replace("title: ", f"title: Save {n} ", 1), encoding="utf-8")
        watch._render(content, watched, load_theme(), {}, None, voices, set())
        assert gc.isenabled()
        assert gc.collect() == 0, "the save left cycles for a later collection"
    assert "Save 2" in (tmp_path / "brief.pdf").read_bytes().decode("latin-1")
    assert len([line for line in said if "brief.pdf" in line]) == 3


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_a_save_lets_go_of_the_deck_plan_it_made_for_the_warnings(tmp_path, fmt):
    # The warnings are worked out after the product; the plan they need is of a brief the next save changes.
    from briefgen import watch
    from briefgen.layout import deck_plan
    from briefgen.load import load_placed
    from briefgen.theme import load_theme

    content = tmp_path / "brief.yaml"
    content.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    watched = watch.Watched((content,), (fmt,), lambda path, f: tmp_path / f"brief.{f}")
    said: list[str] = []
    watch._render(content, watched, load_theme(), {}, None, watch.Voices(said.append, said.append, said.append),
                  set())
    assert (tmp_path / f"brief.{fmt}").exists()
    assert deck_plan.made_for(load_placed(content)[0]) is None


def processes_in(folder: Path) -> list[int]:
    """The processes whose working folder is ``folder``: a watch's format workers are forked there."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "cwd").resolve() == folder.resolve():
                found.append(int(proc.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def test_watching_every_format_renders_each_save_in_all_three_and_leaves_no_worker_behind(tmp_path):
    content, text, watcher = watching(tmp_path, "all")
    try:
        watcher.wait_for("out", "watching 1 file")
        # One worker per format, forked from the watch (the machine may lack the CPUs for them: then none).
        assert len(processes_in(tmp_path)) in (1, 4)
        content.write_text(text.replace("title: Water Rights", "title: Saved Rights"), encoding="utf-8")
        written = {watcher.wait_for("out", "out/brief.").split()[1] for _ in range(3)}  # [0] is the time
        assert written == {"out/brief.docx", "out/brief.pdf", "out/brief.pptx"}
        assert "Saved Rights" in title_of(tmp_path / "out" / "brief.docx")
        with zipfile.ZipFile(tmp_path / "out" / "brief.pptx") as deck:
            assert "Saved Rights" in deck.read("docProps/core.xml").decode()
    finally:
        code = watcher.stop()
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["brief.docx", "brief.pdf", "brief.pptx"]
    assert processes_in(tmp_path) == []


def test_a_killed_worker_neither_ends_the_watch_nor_loses_a_product(tmp_path):
    content, text, watcher = watching(tmp_path, "all")
    try:
        watcher.wait_for("out", "watching 1 file")
        workers = [pid for pid in processes_in(tmp_path) if pid != watcher.process.pid]
        if not workers:
            pytest.skip("one CPU: the watch renders every format itself")
        for pid in workers:  # as the kernel's out-of-memory killer would
            os.kill(pid, signal.SIGKILL)
        for save in ("Killed Rights", "Replaced Rights"):
            # The first save's products are drawn by fresh processes of their own; the next, by new workers.
            content.write_text(text.replace("title: Water Rights", f"title: {save}"), encoding="utf-8")
            written = {watcher.wait_for("out", "out/brief.").split()[1] for _ in range(3)}  # [0] is the time
            assert written == {"out/brief.docx", "out/brief.pdf", "out/brief.pptx"}
            assert save in title_of(tmp_path / "out" / "brief.docx")
            with zipfile.ZipFile(tmp_path / "out" / "brief.pptx") as deck:
                assert save in deck.read("docProps/core.xml").decode()
        assert len(processes_in(tmp_path)) == 4 and not set(workers) & set(processes_in(tmp_path))
    finally:
        code = watcher.stop()
    assert code == 0
    assert processes_in(tmp_path) == []
    assert not [line for name, line in list(watcher.lines.queue) if name == "err" and "error" in line]


def test_sigterm_after_a_save_stops_every_worker_and_leaves_only_whole_products(tmp_path):
    content, text, watcher = watching(tmp_path, "all")
    watcher.wait_for("out", "watching 1 file")
    content.write_text(text.replace("title: Water Rights", "title: Saved Rights"), encoding="utf-8")
    watcher.process.send_signal(signal.SIGTERM)  # whether the save's products are being drawn yet or not
    # 143 if it came while a save was drawn; 0 if while watchfiles waited (it turns the stop into KeyboardInterrupt).
    assert watcher.process.wait(timeout=PATIENCE) in (0, 128 + signal.SIGTERM)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["brief.docx", "brief.pdf", "brief.pptx"]
    for name in ("brief.docx", "brief.pptx"):
        with zipfile.ZipFile(tmp_path / "out" / name) as package:
            assert package.testzip() is None
    assert (tmp_path / "out" / "brief.pdf").read_bytes().rstrip().endswith(b"%%EOF")
    assert processes_in(tmp_path) == []


STAMP = re.compile(r"^\d\d:\d\d:\d\d ")


def test_watch_stamps_each_line_with_the_time_and_says_when_an_error_is_fixed(tmp_path):
    content, text, watcher = watching(tmp_path, "docx")
    try:
        assert STAMP.match(watcher.wait_for("out", "out/brief.docx"))
        assert STAMP.match(watcher.wait_for("out", "watching 1 file"))
        content.write_text(text.replace("    likelihood: likely\n", "    likelihood: probable\n"), encoding="utf-8")
        error = watcher.wait_for("err", "brief.yaml:")
        assert STAMP.match(error) and "did you mean 'likely'?" in error
        content.write_text(text, encoding="utf-8")
        watcher.wait_for("out", "out/brief.docx")
        assert STAMP.match(watcher.wait_for("out", "brief.yaml: fixed"))
    finally:
        assert watcher.stop() == 0


# How editors save: in place (nano, most), a temporary file renamed over it (vim, VS Code, Emacs), or the
# file deleted and written anew (some sync tools and scripts).
def in_place(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def renamed_over(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def deleted_and_recreated(path: Path, text: str) -> None:
    path.unlink()
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("save", [in_place, renamed_over, deleted_and_recreated])
def test_watch_renders_again_however_an_editor_saves(tmp_path, save):
    content, text, watcher = watching(tmp_path, "docx")
    try:
        watcher.wait_for("out", "watching 1 file")
        for title in ("First Save", "Second Save"):  # twice: the watch still follows the file after the first
            save(content, text.replace("title: Water Rights on the Upper River", f"title: {title}"))
            while title not in title_of(tmp_path / "out" / "brief.docx"):
                watcher.wait_for("out", "out/brief.docx")
    finally:
        assert watcher.stop() == 0


def test_watch_takes_the_render_commands_reference_documents(tmp_path):
    from .conftest import REFERENCE_HEADING_COLOUR, reference_docx

    reference = reference_docx(tmp_path / "ref.docx")
    content, text, watcher = watching(tmp_path, "docx", "--reference-docx", "ref.docx")
    try:
        watcher.wait_for("out", "out/brief.docx")
        with zipfile.ZipFile(tmp_path / "out" / "brief.docx") as package:
            assert REFERENCE_HEADING_COLOUR in package.read("word/styles.xml").decode()
        assert reference.exists()
    finally:
        assert watcher.stop() == 0


def said_by(watcher: Watcher) -> list[tuple[str, str]]:
    found = []
    while not watcher.lines.empty():
        found.append(watcher.lines.get())
    return found


def test_watch_q_prints_only_errors(tmp_path):
    content = tmp_path / "brief.yaml"
    content.write_text(EXAMPLE.read_text(encoding="utf-8").replace("title: Water Rights", "title: [unclosed"),
                       encoding="utf-8")
    watcher = Watcher(tmp_path, "brief.yaml", "--format", "pdf", "-q")
    try:
        assert STAMP.match(watcher.wait_for("err", "YAML syntax error"))
    finally:
        assert watcher.stop() == 0
    assert [line for stream, line in said_by(watcher) if stream == "out"] == []


def test_watch_q_says_nothing_of_a_product_written(tmp_path):
    (tmp_path / "brief.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    watcher = Watcher(tmp_path, "brief.yaml", "--format", "pdf", "-q")
    try:
        deadline = time.monotonic() + PATIENCE
        while not (tmp_path / "out" / "brief.pdf").exists():  # nothing is said: look for the product itself
            assert time.monotonic() < deadline and watcher.process.poll() is None
            time.sleep(0.05)
    finally:
        assert watcher.stop() == 0
    assert said_by(watcher) in ([], [("err", "stopped")])
