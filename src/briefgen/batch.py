"""Render many products at once: each (brief, format) is a task, spread over worker processes.

Most of a render's cost is importing python-docx, python-pptx and reportlab, and each
format needs only one of them; on two cores, rendering the formats in parallel
processes hides most of that cost. Workers are forked after the briefs are loaded, so
the validated models are inherited, not parsed again.
"""

from __future__ import annotations

import os
import traceback
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import interruption
from .model import Brief
from .layout.publication import Copy
from .products import LaidOut, Written, make, prepare
from .errors import BriefgenError
from .render.office.template import Template
from .theme import Theme
from .value import Value

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Heaviest first, so the longest task starts at once (reportlab and python-pptx import slowest).
_ORDER = {"pptx": 0, "pdf": 1, "docx": 2}


class Task(Value):
    brief: Brief
    fmt: str
    out: Path
    template: Template | None = None  # a sanitised reference .docx or .pptx for this format
    content: Path | None = None  # the file the brief was loaded from, to place warnings about it
    laid: LaidOut | None = None  # the product laid out once in the parent, shared by every numbered copy
    copy: Copy | None = None     # which numbered copy this is


class Outcome(Value):
    task: Task
    written: Written | None
    error: str | None


_tasks: list[Task] = []  # set before forking; workers find their task by index


def run(tasks: list[Task], theme: Theme, *, jobs: int | None = None, debug: bool = False) -> Iterator[Outcome]:
    """Render every task, yielding each outcome as it finishes; one failure never stops the others."""
    tasks = sorted(tasks, key=lambda t: _ORDER.get(t.fmt, 9))
    # Never more workers than products, nor than the CPUs this process may run on: -j 10000 means "all".
    workers = min(jobs or cpus(), len(tasks), cpus())
    if workers > 1 and not can_fork():
        workers = 1
    if workers <= 1:
        for task in tasks:
            yield Outcome(task, *render(task, theme, debug))
        return
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool
    # A format more than one product is made in is most likely made by every worker: its libraries are imported
    # here, once, before the fork, rather than by each worker (~0.15 s of CPU each for the three formats).
    # A format with one product is left to the worker that makes it, alongside the others.
    counts = Counter(task.fmt for task in tasks)
    for fmt in sorted(counts, key=lambda f: _ORDER.get(f, 9)):
        if counts[fmt] > 1:
            prepare(fmt)
    global _tasks
    _tasks = tasks
    orphans = []  # tasks whose worker died under them or under another task: each runs again, alone
    with pool(workers) as workers_pool:
        pending = {workers_pool.submit(_render_index, i, theme, debug): i for i in range(len(tasks))}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    orphans.append(index)
                    continue
                yield Outcome(tasks[index], *result)
    for index in orphans:
        yield _alone(index, theme, debug)


@contextmanager
def pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Forked workers that the parent stops, with their temporary files removed, if it is itself stopped."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=interruption.in_worker)
    try:
        with interruption.unwinding():
            yield executor
    except BaseException:  # Interrupted, or the caller stopped reading: no worker may outlive the command
        executor.shutdown(wait=False, cancel_futures=True)
        children = multiprocessing.active_children()
        for child in children:
            child.terminate()
        for child in children:
            child.join(5)
            if child.is_alive():
                child.kill()
                child.join()
        raise
    executor.shutdown()


def _alone(index: int, theme: Theme, debug: bool) -> Outcome:
    """A task whose pool broke, in a fresh worker of its own: if that one dies too, this task killed it."""
    from concurrent.futures.process import BrokenProcessPool
    with pool(1) as alone:
        try:
            return Outcome(_tasks[index], *alone.submit(_render_index, index, theme, debug).result())
        except BrokenProcessPool:
            return Outcome(_tasks[index], None, f"{_tasks[index].out}: the process rendering it died "
                                                "(killed, or out of memory); nothing was written")


def can_fork() -> bool:
    """Whether workers can be forked here (they inherit the loaded briefs); not on Windows or macOS's default."""
    # Imported only here: a single product (the common case while writing) needs no pool.
    import multiprocessing
    return "fork" in multiprocessing.get_all_start_methods()


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what a container or taskset allows, not the host's count
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _render_index(index: int, theme: Theme, debug: bool) -> tuple[Written | None, str | None]:
    # Only the small result goes back through the pipe; the Brief stays where fork put it.
    try:
        return render(_tasks[index], theme, debug)
    except interruption.Interrupted as stop:  # its temporary file is gone: leave, the parent reports
        interruption.leave(stop)


def render(task: Task, theme: Theme, debug: bool = False) -> tuple[Written | None, str | None]:
    """Make one product: what was written, or the message that says why nothing was (never raised)."""
    try:
        return make(task.brief, task.fmt, task.out, theme, template=task.template, laid=task.laid,
                    copy=task.copy), None
    except BriefgenError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in one renderer must not stop the other products
        if debug:
            return None, f"{task.out}: internal error:\n{traceback.format_exc()}"
        return None, f"{task.out}: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"
