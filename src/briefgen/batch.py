"""Render many products at once: each (brief, format) is a task, spread over worker processes.

Most of a render's cost is importing python-docx, python-pptx and reportlab, and each
format needs only one of them; on two cores, rendering the formats in parallel
processes hides most of that cost. Workers are forked after the briefs are loaded, so
the validated models are inherited, not parsed again.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .model import Brief
from .products import Written, make
from .errors import BriefgenError
from .theme import Theme

# Heaviest first, so the longest task starts at once (reportlab and python-pptx import slowest).
_ORDER = {"pptx": 0, "pdf": 1, "docx": 2}


@dataclass(frozen=True)
class Task:
    brief: Brief
    fmt: str
    out: Path
    template: Path | None = None  # a reference .docx or .pptx for this format
    content: Path | None = None  # the file the brief was loaded from, to place warnings about it


@dataclass(frozen=True)
class Outcome:
    task: Task
    written: Written | None
    error: str | None


_tasks: list[Task] = []  # set before forking; workers find their task by index


def run(tasks: list[Task], theme: Theme, *, jobs: int | None = None, debug: bool = False) -> Iterator[Outcome]:
    """Render every task, yielding each outcome as it finishes; one failure never stops the others."""
    tasks = sorted(tasks, key=lambda t: _ORDER.get(t.fmt, 9))
    # Never more workers than products, nor than the CPUs this process may run on: -j 10000 means "all".
    workers = min(jobs or _cpus(), len(tasks), _cpus())
    if workers > 1:
        # Imported only here: a single product (the common case while writing) needs no pool.
        import multiprocessing
        if "fork" not in multiprocessing.get_all_start_methods():
            workers = 1
    if workers <= 1:
        for task in tasks:
            yield Outcome(task, *_render(task, theme, debug))
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    global _tasks
    _tasks = tasks
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = {pool.submit(_render_index, i, theme, debug): task for i, task in enumerate(tasks)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                try:
                    yield Outcome(task, *future.result())
                except Exception as exc:  # the worker itself died
                    yield Outcome(task, None, f"{task.out}: worker failed: {type(exc).__name__}: {exc}")


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what a container or taskset allows, not the host's count
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _render_index(index: int, theme: Theme, debug: bool) -> tuple[Written | None, str | None]:
    # Only the small result goes back through the pipe; the Brief stays where fork put it.
    return _render(_tasks[index], theme, debug)


def _render(task: Task, theme: Theme, debug: bool) -> tuple[Written | None, str | None]:
    try:
        return make(task.brief, task.fmt, task.out, theme, template=task.template), None
    except BriefgenError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in one renderer must not stop the other products
        if debug:
            return None, f"{task.out}: internal error:\n{traceback.format_exc()}"
        return None, f"{task.out}: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"
