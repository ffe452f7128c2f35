"""`all` over many briefs with workers: they draw the first brief's products while the parent is still loading the
rest (and saying their warnings), and make the bytes one process makes."""

from __future__ import annotations

import os
import select
import shutil
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from .conftest import EXAMPLE, NRF


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_the_workers_draw_while_the_parent_loads_the_next_brief(tmp_path, monkeypatch, briefgen_in_process):
    from briefgen import load, products

    began_read, began_write = os.pipe()
    real_render, real_load = products._render, load.load_placed

    def render_and_say_so(*args):  # in a worker
        os.write(began_write, b".")
        return real_render(*args)

    drawing_while_loading = []

    def load_once_a_worker_draws(path):  # in the parent
        if path.stem != "a":
            # A bound, not a pause: the old batch, which forked after loading every brief, waited it out.
            ready, _, _ = select.select([began_read], [], [], 60)
            drawing_while_loading.append(bool(ready))
        return real_load(path)

    monkeypatch.setattr(products, "_render", render_and_say_so)
    monkeypatch.setattr(load, "load_placed", load_once_a_worker_draws)
    for name in "abc":
        shutil.copy(EXAMPLE, tmp_path / f"{name}.yaml")
    result = briefgen_in_process("all", *(tmp_path / f"{name}.yaml" for name in "abc"), "--out-dir",
                                 tmp_path / "out", "-j", "2")
    assert result.code == 0, result.err
    assert "9 written, 0 failed" in result.out
    assert drawing_while_loading == [True, True]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_the_workers_are_forked_before_the_theme_is_read_and_stopped_if_it_is_refused(tmp_path, monkeypatch,
                                                                                     briefgen_in_process):
    from briefgen import batch, theme

    monkeypatch.setattr(batch, "cpus", lambda: 2)  # forked workers even on a machine of one CPU
    real = theme.load_theme
    running = []

    def load_theme(*args, **kwargs):  # what the parent has forked when it reads the theme
        running.append([worker.pid for worker in batch.Worker.running])
        return real(*args, **kwargs)

    monkeypatch.setattr(theme, "load_theme", load_theme)
    shutil.copy(EXAMPLE, tmp_path / "one.yaml")
    result = briefgen_in_process("all", tmp_path / "one.yaml", "--out-dir", tmp_path / "out", "-j", "2")
    assert result.code == 0, result.err
    assert len(running[0]) == 2 and not batch.Worker.running
    # A theme refused after they were forked: the message and the exit status a refused theme has, and no worker
    # left behind (each stopped and waited for).
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "theme.toml").write_text("this is not toml [\n", encoding="utf-8")
    result = briefgen_in_process("all", tmp_path / "one.yaml", "--out-dir", tmp_path / "refused", "-j", "2",
                                 "--template", tmp_path / "theme")
    assert result.code == 1
    assert "theme.toml:1:" in result.err and "TOML" in result.err and "Traceback" not in result.err
    assert len(running[1]) == 2 and not batch.Worker.running and not (tmp_path / "refused").exists()
    for pid in running[1]:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped already


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_worker_draws_every_product_with_one_theme_object(tmp_path, monkeypatch, briefgen_in_process):
    from briefgen import batch

    monkeypatch.setattr(batch, "cpus", lambda: 2)
    seen = tmp_path / "seen"
    real_make, drawn_with = batch.make, []  # each theme drawn with, kept alive so that no two share an id

    def observed(brief, fmt, out, theme, **kwargs):  # in a worker
        drawn_with.append(theme)
        with seen.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {id(theme)}\n")
        return real_make(brief, fmt, out, theme, **kwargs)

    monkeypatch.setattr(batch, "make", observed)
    for name in ("one", "two", "three"):
        shutil.copy(EXAMPLE, tmp_path / f"{name}.yaml")
    result = briefgen_in_process("all", *(tmp_path / f"{name}.yaml" for name in ("one", "two", "three")),
                                 "--out-dir", tmp_path / "out", "-j", "2")
    assert result.code == 0, result.err
    # Each call brings its own copy of the theme: the caches keyed by it (typography, styles, faces) find the one
    # object a worker keeps at once, where each copy was compared with it in full at every lookup.
    rows = [line.split() for line in seen.read_text(encoding="utf-8").splitlines()]
    themes = {pid: {theme for worker, theme in rows if worker == pid} for pid, _ in rows}
    assert len(rows) == 9 and len(themes) == 2 and all(len(ids) == 1 for ids in themes.values())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_calls_larger_than_a_pipe_holds_reach_their_worker_whole_and_are_answered_in_order():
    from briefgen import batch

    # A deck's task with its plan pickles to ~85 kB, a long brief's to megabytes; a pipe holds 64 kB: the parent
    # sends the rest as the worker takes it, and waits for neither.
    sizes = [3_000_000, 10, 200_000, 0]
    with batch._started_workers(1) as (worker,):
        for size in sizes:
            worker.send((len, b"x" * size))
        answers = []
        while len(answers) < len(sizes):
            answers += [answer for _, answer in batch._exchange([worker], block=True)]
        assert answers == sizes and worker.alive
    assert not worker.alive and not batch.Worker.running


@pytest.mark.slow
def test_two_workers_make_the_bytes_one_process_makes(tmp_path, monkeypatch, briefgen_in_process):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "content").mkdir()
    for source in (NRF, EXAMPLE):
        shutil.copy(source, tmp_path / "content" / source.name)
    for jobs in ("1", "2"):
        result = briefgen_in_process("all", "--out-dir", tmp_path / f"out{jobs}", "-j", jobs, cwd=tmp_path)
        assert result.code == 0, result.err
    made = sorted(p.name for p in (tmp_path / "out1").iterdir())
    assert len(made) == 6 and made == sorted(p.name for p in (tmp_path / "out2").iterdir())
    for name in made:
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes(), name


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_worker_that_dies_while_briefs_are_loaded_leaves_its_products_to_run_alone(tmp_path, monkeypatch,
                                                                                    briefgen_in_process):
    import signal

    from briefgen import batch

    real_send = batch.Worker.send
    sent, killed = [], []

    def the_first_dying_at_its_third_product(worker, call, **kwargs):
        # What a worker does when it is killed (or out of memory) with products in hand: its pipe closes.
        if worker.number == 0:
            sent.append(call)
            if len(sent) == 4:  # the call that prepares it, two products, and now a third
                os.kill(worker.pid, signal.SIGKILL)
                killed.append(worker.pid)
        real_send(worker, call, **kwargs)

    monkeypatch.setattr(batch.Worker, "send", the_first_dying_at_its_third_product)
    for name in ("one", "two"):
        shutil.copy(EXAMPLE, tmp_path / f"{name}.yaml")
    result = briefgen_in_process("all", tmp_path / "one.yaml", tmp_path / "two.yaml", "--out-dir", tmp_path / "out",
                                 "-j", "2")
    assert result.code == 0, result.err
    assert killed and "6 written, 0 failed" in result.out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{name}.{fmt}" for name in ("one", "two") for fmt in ("docx", "pdf", "pptx"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
@pytest.mark.parametrize("apart_from, apart", [(0, True), (10**9, False)], ids=["large", "small"])
def test_a_large_product_is_drawn_in_a_process_of_its_own_with_the_bytes_one_process_makes(
        apart_from, apart, tmp_path, monkeypatch, briefgen_in_process):
    from briefgen import batch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(batch, "APART_FROM", apart_from)  # which tasks count as large, by their pickled bytes
    monkeypatch.setattr(batch, "cpus", lambda: 2)  # forked workers even on a machine of one CPU
    seen = tmp_path / "seen"
    seen.mkdir()
    make = batch.make

    def observed(brief, fmt, out, theme, **kwargs):  # where each product is drawn
        (seen / fmt).write_text(f"{os.getpid()} {os.getppid()}", encoding="utf-8")
        return make(brief, fmt, out, theme, **kwargs)

    monkeypatch.setattr(batch, "make", observed)
    for jobs in ("1", "2"):
        result = briefgen_in_process("all", EXAMPLE, "--out-dir", tmp_path / f"out{jobs}", "-j", jobs)
        assert result.code == 0, result.err
    drawn = {path.name: tuple(map(int, path.read_text(encoding="utf-8").split())) for path in seen.iterdir()}
    processes, parents = {pid for pid, _ in drawn.values()}, {parent for _, parent in drawn.values()}
    assert len(drawn) == 3 and os.getpid() not in processes
    if apart:  # three processes, each a fork of one of the two workers, which were forked by this one
        assert len(processes) == 3 and os.getpid() not in parents and len(parents) <= 2
    else:  # three products, two workers: one draws two
        assert len(processes) == 2 and parents == {os.getpid()}
    for fmt in ("docx", "pdf", "pptx"):
        name = f"{EXAMPLE.stem}.{fmt}"
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes(), name


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
@pytest.mark.parametrize("apart_from", [10**9, 0], ids=["in-worker", "apart"])
def test_the_deck_is_planned_once_for_the_warnings_and_the_deck(apart_from, tmp_path, monkeypatch,
                                                                briefgen_in_process):
    from briefgen import batch
    from briefgen.layout import deck_plan

    monkeypatch.setattr(batch, "APART_FROM", apart_from)
    monkeypatch.setattr(batch, "cpus", lambda: 2)
    planned = tmp_path / "planned"
    real = deck_plan.Planner.plan

    def counted(self):  # in whichever process plans
        with planned.open("a", encoding="utf-8") as said:
            said.write(f"{os.getpid()}\n")
        return real(self)

    monkeypatch.setattr(deck_plan.Planner, "plan", counted)
    deck_plan.forget()
    for name, source in (("one", NRF), ("two", EXAMPLE), ("three", EXAMPLE)):
        shutil.copy(source, tmp_path / f"{name}.yaml")
    result = briefgen_in_process("all", *(tmp_path / f"{name}.yaml" for name in ("one", "two", "three")),
                                 "--out-dir", tmp_path / "out", "-j", "2")
    assert result.code == 0, result.err
    # Each brief planned by the parent for its warnings (a copy of the last one planned is not planned again);
    # the deck's worker draws with that plan.
    assert planned.read_text(encoding="utf-8").split() == [str(os.getpid())] * 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_worker_imports_the_renderers_of_what_it_draws_first_before_it_is_given_it_and_freezes_them(
        tmp_path, monkeypatch, briefgen_in_process):
    import gc

    from briefgen import batch

    monkeypatch.setattr(batch, "cpus", lambda: 2)
    seen = tmp_path / "seen"
    real_prepare, real_make = batch.prepare, batch.make

    def said(*words):
        with seen.open("a", encoding="utf-8") as log:
            log.write(" ".join(map(str, (os.getpid(), *words))) + "\n")

    def prepared(fmt):  # in a worker
        said("prepare", fmt)
        real_prepare(fmt)

    def observed(brief, fmt, out, theme, **kwargs):  # in a worker
        said("draw", fmt, gc.get_freeze_count())
        return real_make(brief, fmt, out, theme, **kwargs)

    monkeypatch.setattr(batch, "prepare", prepared)
    monkeypatch.setattr(batch, "make", observed)
    gc.unfreeze()  # whatever an earlier test froze in this process, the workers froze it themselves or not at all
    for name in ("one", "two"):
        shutil.copy(EXAMPLE, tmp_path / f"{name}.yaml")
    result = briefgen_in_process("all", tmp_path / "one.yaml", tmp_path / "two.yaml", "--out-dir", tmp_path / "out",
                                 "-j", "2")
    assert result.code == 0, result.err
    rows = [line.split() for line in seen.read_text(encoding="utf-8").splitlines()]
    workers = {pid for pid, what, *_ in rows if what == "draw"}
    assert len(workers) == 2 and str(os.getpid()) not in workers
    for worker in workers:
        mine = [(what, rest) for pid, what, *rest in rows if pid == worker]
        prepared_formats = [fmt for what, (fmt, *_) in mine if what == "prepare"]
        drawn = [fmt for what, (fmt, *_) in mine if what == "draw"]
        # What it prepared is what it was given first (the two tasks it holds at the start), and it prepared it
        # before it drew anything ...
        assert prepared_formats == list(dict.fromkeys(drawn[:batch._AHEAD]))
        assert [what for what, _ in mine[:len(prepared_formats)]] == ["prepare"] * len(prepared_formats)
        # ... its collector walks neither that nor what it was forked with.
        assert all(int(rest[1]) > 0 for what, rest in mine if what == "draw")


@settings(deadline=None)  # the first example imports briefgen.batch
@example(waiting=["docx", "pptx"] * 3, drawn={"pdf"}, others={"docx", "pptx"}, idle=True)  # the end of a batch
@example(waiting=["pdf", "docx"] * 3, drawn={"pptx"}, others={"docx", "pdf"}, idle=True)
@example(waiting=["pptx", "pdf", "docx"], drawn={"pptx", "docx"}, others={"pdf"}, idle=False)  # the deck left over
@given(waiting=st.lists(st.sampled_from(("docx", "pdf", "pptx")), max_size=8),
       drawn=st.sets(st.sampled_from(("docx", "pdf", "pptx"))), others=st.sets(st.sampled_from(("docx", "pdf", "pptx"))),
       idle=st.booleans())
def test_a_worker_is_given_what_it_has_drawn_before_else_a_format_nobody_has_and_waits_rather_than_take_a_few_of_anothers(
        waiting, drawn, others, idle):
    from briefgen import batch

    chosen = batch._choice(waiting, drawn, others, idle=idle)
    starting = ("pptx", "docx", "pdf")  # cheapest to start first
    warm = [at for at, fmt in enumerate(waiting) if fmt in drawn]
    nobodys = [at for at, fmt in enumerate(waiting) if fmt not in others]
    if warm:  # the first that came of a format it has drawn, the one dearest for another to start
        assert chosen == min(warm, key=lambda at: (-starting.index(waiting[at]), at))
    elif nobodys:  # else the first of a format no other worker has drawn
        assert chosen == nobodys[0]
    else:  # else another's format, but only rather than stand idle, and only if more wait than its owner has in hand:
        # the first of the one cheapest to start, the deck before the Word brief before the PDF
        many = [at for at, fmt in enumerate(waiting) if waiting.count(fmt) > batch._AHEAD]
        cheapest = sorted(many, key=lambda at: (starting.index(waiting[at]), at))
        assert chosen == (cheapest[0] if idle and many else None)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_at_the_end_of_a_batch_every_worker_is_told_to_leave_before_any_is_waited_for(monkeypatch):
    from briefgen import batch

    said: list[tuple[str, int]] = []
    let_go, reap = batch.Worker._let_go, batch.Worker._reap
    monkeypatch.setattr(batch.Worker, "_let_go", lambda worker: (said.append(("let go", worker.number)),
                                                                 let_go(worker)))
    monkeypatch.setattr(batch.Worker, "_reap", lambda worker: (said.append(("reaped", worker.number)),
                                                               reap(worker)))
    with batch._started_workers(2) as started:
        for worker in started:
            worker.send((len, b"xy"))
        answers = []
        while len(answers) < 2:
            answers += [answer for _, answer in batch._exchange(started, block=True)]
    # They leave together: the batch ends when the slower has left, not after one then the other.
    assert said == [("let go", 0), ("let go", 1), ("reaped", 0), ("reaped", 1)]
    assert answers == [2, 2] and not batch.Worker.running
    for worker in started:
        with pytest.raises(ChildProcessError):  # each reaped: none is left a zombie
            os.waitpid(worker.pid, os.WNOHANG)


@pytest.mark.skipif(sys.platform != "linux", reason="a pipe is widened where Linux lets it be")
def test_a_call_as_large_as_a_deck_with_its_plan_lies_whole_in_the_pipe_while_its_worker_draws_the_one_before():
    from briefgen import batch

    held, release = os.pipe()
    try:
        with batch._started_workers(1) as (worker,):
            worker.send((os.read, held, 1))  # it draws this one until the test lets it go
            worker.send((len, b"x" * 500_000))  # a deck's call with its plan pickles to ~85 kB, more than 64 kB
            # Taken by the pipe at once, so that the worker need not wait for the parent to send the rest.
            assert len(worker._outgoing) == 0
            os.write(release, b".")
            answers = []
            while len(answers) < 2:
                answers += [answer for _, answer in batch._exchange([worker], block=True)]
            assert answers == [b".", 500_000]
    finally:
        os.close(held)
        os.close(release)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_the_workers_are_forked_before_yaml_is_imported_and_the_products_are_written(tmp_path):
    import subprocess

    # In a fresh process (this one has imported PyYAML already): what the parent had imported at each fork.
    script = (
        "import os, sys\n"
        "from briefgen import batch, cli\n"
        "batch.cpus = lambda: 2\n"
        "real, seen = os.fork, []\n"
        "def fork():\n"
        "    seen.append('yaml' in sys.modules)\n"
        "    return real()\n"
        "os.fork = fork\n"
        f"sys.argv = ['briefgen', 'all', '-j', '2', '--out-dir', {str(tmp_path / 'out')!r}, {str(EXAMPLE)!r}]\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(seen)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # Both workers forked before the parent imports the loader: neither holds PyYAML, which only the parent needs.
    assert done.stdout.split()[-2:] == ["[False,", "False]"]
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".docx", ".pdf", ".pptx"]
