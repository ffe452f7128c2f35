"""Stopped or broken mid-way, a run leaves nothing behind: no worker, no temporary file, no product written later.

The signal tests run the real command line in a child process whose rename of a finished product
waits for a signal: the test reads the child's "writing" line, sends the signal, and looks at what is left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE

# Each test runs briefgen in processes of its own.
pytestmark = pytest.mark.slow

# The command line, with the last step of every write (the rename into place) held until a signal comes.
HELD_AT_RENAME = """
import os, signal, sys
real = os.replace
def held(source, target):
    print("writing", os.getpid(), source, flush=True)
    signal.pause()
    real(source, target)
os.replace = held
sys.argv = ["briefgen", *sys.argv[1:]]
from briefgen import batch
batch.APART_FROM = int(os.environ.get("APART_FROM", batch.APART_FROM))
from briefgen.cli import main
main()
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class DescribeAStopSignal:
    @pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
    @pytest.mark.parametrize("command, apart", [(("all", "-j", "2"), False), (("all", "-j", "2"), True),
                                                (("pdf",), False)], ids=["all", "all-apart", "pdf"])
    def it_stops_every_worker_removes_temporary_files_and_says_so_in_the_exit_status(self, command, apart, signum,
                                                                                      tmp_path):
        out = tmp_path / "out"
        out.mkdir()
        args = [*command, EXAMPLE, *(["--out-dir", out] if command[0] == "all" else ["-o", out / "x.pdf"])]
        # apart: every product drawn in a process of its own, forked by its worker (batch._render_apart)
        env = {**os.environ, **({"APART_FROM": "0"} if apart else {})}
        child = subprocess.Popen([sys.executable, "-c", HELD_AT_RENAME, *map(str, args)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env)
        try:
            line = child.stdout.readline()
            assert line.startswith("writing"), child.stderr.read()
            writer = int(line.split()[1])
            child.send_signal(signum)
            _, err = child.communicate(timeout=60)
        finally:
            child.kill()
        assert child.returncode == 128 + signum, err
        assert f"interrupted ({signal.Signals(signum).name})" in err
        assert "Traceback" not in err
        assert not alive(writer) or writer == child.pid
        assert list(out.iterdir()) == []  # no product, no .part file


# A worker drawing a large product apart (batch._render_apart), stopped by a signal that comes while it forks the
# product's process, which stands for a long render (it waits for a signal).
STOPPED_WHILE_FORKING = """
import os, signal
from briefgen import batch, interruption
interruption.in_worker()
real_fork = os.fork
def fork():
    pid = real_fork()
    if pid:  # the worker: the stop signal comes now, and waits while signals are held
        print(pid, flush=True)
        os.kill(os.getpid(), signal.SIGTERM)
    return pid
os.fork = fork
def draw(box, theme, debug, write):
    signal.pause()
    os._exit(0)
batch._draw_and_end = draw
batch._render_handed([b"x" * batch.APART_FROM], None, False)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="products are drawn apart in forks")
def test_a_worker_stopped_while_it_forks_a_products_process_stops_that_process_too():
    child = subprocess.Popen([sys.executable, "-c", STOPPED_WHILE_FORKING], stdout=subprocess.PIPE, text=True)
    product = None
    try:
        product = int(child.stdout.readline())
        assert child.wait(timeout=60) == 128 + signal.SIGTERM
        assert not alive(product)  # stopped and reaped by the worker before it left
    finally:
        child.kill()
        child.stdout.close()
        if product is not None and alive(product):
            os.kill(product, signal.SIGKILL)


class DescribeAWorkerThatDies:
    @pytest.mark.parametrize("apart", [False, True], ids=["in-worker", "apart"])
    def it_names_the_products_that_failed_and_finishes_the_rest(self, apart, tmp_path, monkeypatch,
                                                                briefgen_in_process):
        from briefgen import batch, products

        if apart:  # each product in a process of its own, whose death takes its worker with it
            monkeypatch.setattr(batch, "APART_FROM", 0)

        real = products._render  # the seam between the pipeline and a renderer

        def deck_kills_its_process(brief, fmt, theme, *args):
            if fmt == "pptx":
                os.kill(os.getpid(), signal.SIGKILL)
            return real(brief, fmt, theme, *args)

        monkeypatch.setattr(products, "_render", deck_kills_its_process)
        content = tmp_path / "content"
        content.mkdir()
        for name in ("one", "two"):
            (content / f"{name}.yaml").write_bytes(EXAMPLE.read_bytes())
        out = tmp_path / "out"
        result = briefgen_in_process("all", content / "one.yaml", content / "two.yaml", "--out-dir", out, "-j", "2")
        assert result.code == 1
        for name in ("one", "two"):
            assert f"{out / name}.pptx: the process rendering it died" in result.err
        assert "BrokenProcessPool" not in result.err and "internal error" not in result.err
        assert "4 written, 2 failed" in result.err
        assert sorted(p.name for p in out.iterdir()) == ["one.docx", "one.pdf", "two.docx", "two.pdf"]

    def it_fails_only_its_product_of_a_watchs_save_and_a_new_one_takes_the_next(self, tmp_path, monkeypatch):
        from briefgen import batch, products
        from briefgen.load import load_placed
        from briefgen.theme import load_theme

        real = products._render

        def deck_kills_its_process(brief, fmt, theme, *args):
            if fmt == "pptx":
                os.kill(os.getpid(), signal.SIGKILL)
            return real(brief, fmt, theme, *args)

        monkeypatch.setattr(products, "_render", deck_kills_its_process)
        brief, _ = load_placed(EXAMPLE)
        theme = load_theme(None)
        tasks = [batch.Task(brief, fmt, tmp_path / f"brief.{fmt}") for fmt in ("pptx", "docx")]
        with batch.per_format(["pptx", "docx"]) as workers:
            docx_worker = workers["docx"]
            for save in range(2):
                deck_worker = workers["pptx"]
                outcomes = {outcome.task.fmt: outcome for outcome in batch.hand(tasks, theme, workers)}
                # Drawn again in a process of its own, which the deck kills too: said, not raised.
                assert outcomes["pptx"].error == (f"{tmp_path / 'brief.pptx'}: the process rendering it died "
                                                  "(killed, or out of memory); nothing was written")
                assert outcomes["docx"].error is None and outcomes["docx"].written.path.exists()
                assert (workers["pptx"] is deck_worker) == (save == 0)  # the dead one replaced at the next save
                assert workers["docx"] is docx_worker and batch.Worker.running == [docx_worker]
        assert batch.Worker.running == []
        assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx"]
