"""Render many products at once: each (brief, format) is a task, spread over worker processes.

Most of a render's cost is importing python-docx, python-pptx and reportlab, and each
format needs only one of them; on two cores, rendering the formats in parallel
processes hides most of that cost. Briefs are loaded once, in the parent (which says
their warnings); a worker is handed the validated model, never parses it again. When the
briefs come one by one, the workers are forked before the theme and the first brief are read
(``forked``: none holds a copy of what its parent had loaded) and render while the parent
loads the rest; numbered copies, laid out in the parent, are inherited by workers forked after them.
Each task goes to a worker that has drawn its format before, which has its imports and warm caches
(``_in_workers``); a product of a long brief is drawn in a fork of its worker made for it alone
(``_render_apart``). A worker is a forked process with a pipe each way (``Worker``), lighter to start and to
feed than a ``concurrent.futures`` pool. A watch has a worker of its own for each format (``per_format``), which it
hands each save's products (``hand``).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, NoReturn, Sequence

from . import interruption
from .model import Brief
from .layout import deck_plan
from .layout.publication import Copy
from .products import LaidOut, Written, make, prepare
from .errors import BriefgenError
from .render.office.template import Template
from .theme import Theme
from .value import Value

# Heaviest first, so the longest task starts at once (reportlab and python-pptx import slowest).
_ORDER = {"pptx": 0, "pdf": 1, "docx": 2}
# What a worker's first product of a format costs it over its next ones, cheapest first (CPU s for the NRF brief,
# its imports and first render): the deck ~0.02, the Word brief ~0.06-0.08 (python-docx, the base document), the
# PDF ~0.14 (reportlab, the faces). A worker that takes over another's format at the end of a batch takes the
# cheapest to start.
_STARTING = {"pptx": 0, "docx": 1, "pdf": 2}
# How many tasks a worker is given at once: the one it draws and the next, so that it never waits for the
# parent, which gives them between the briefs it loads; no more, so that each goes to the worker that suits it.
_AHEAD = 2
# A handed task that pickles to this many bytes or more (a brief of about 1 MB of content: the NRF brief's
# is 18 kB, near the 5 MB cap 4.5 MB) is drawn in a process of its own: see _render_apart.
APART_FROM = 1_000_000


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
_theme: Theme | None = None  # in a worker, the theme its tasks are drawn with (_one_theme)


def run(groups: Iterable[list[Task]], theme: Theme, *, jobs: int | None = None, debug: bool = False,
        started: Sequence[Worker] = ()) -> Iterator[Outcome]:
    """Render every task, yielding each outcome as it finishes; one failure never stops the others.

    ``groups`` are the tasks of one brief each. With workers ``started`` (``forked``), they may be made as they
    are read, the loading of each brief: each task is handed to the workers as it comes, so they draw while the
    rest are loaded. Otherwise every group is read first, and workers forked after (for ``jobs``), which inherit
    the tasks. Every group is read before the first outcome is yielded.
    """
    if started:
        yield from _in_workers((task for group in groups for task in sorted(group, key=_task_order)), theme,
                               started, debug, inherited=False)
        return
    tasks = sorted((task for group in groups for task in group), key=_task_order)
    workers = _workers(jobs, len(tasks))
    if workers <= 1:
        for task in tasks:
            yield Outcome(task, *render(task, theme, debug))
        return
    global _tasks
    _tasks = tasks
    with _started_workers(workers) as forked_now:
        yield from _in_workers(tasks, theme, forked_now, debug, inherited=True)


@contextmanager
def forked(jobs: int | None, planned: Sequence[Sequence[str]]) -> Iterator[list[Worker]]:
    """Workers for products handed to them as their briefs are loaded (``run``), forked now, before the theme or
    any brief is read; none if one process is to draw them all, or if nothing is ``planned`` (the formats of each
    brief's products, brief by brief; nothing: numbered copies and redlines, which workers forked after they
    are laid out inherit). They end with the block, and are stopped if it raises.

    A worker forked before the first brief is loaded holds the briefs it is handed and not also a copy of
    everything the parent held when it forked (a 5 MB brief loaded, ~50 MB); forked before the theme, it is
    forked ~25 ms sooner (the theme, the command's checks and imports): the start of a batch, where the other
    CPU waited. Its first call imports the renderers of the formats it will draw first (``_openers``), while the
    parent reads the theme and loads the first brief, and it has nothing else to do; it answers nothing.
    """
    workers = _workers(jobs, sum(map(len, planned)))
    if workers <= 1:
        yield []
        return
    openers = _openers([fmt for formats in planned for fmt in sorted(formats, key=_heaviest_first)], workers)
    with _started_workers(workers) as started:
        for worker in started:
            worker.send((_ready, openers[worker.number] if worker.number < len(openers) else ()), answered=False)
        yield started


def _in_workers(tasks: Iterable[Task], theme: Theme, started: Sequence[Worker], debug: bool, *,
                inherited: bool) -> Iterator[Outcome]:
    """Each task handed to a worker as it comes, its outcome yielded as it finishes.

    Each worker is a ``Worker`` of its own, so that each task goes to the worker that suits it (``_choice``): one
    that has drawn its format before. A worker's first product of a format costs it the format's imports and its
    first render (the PDF's faces read, the Word base document, the deck's template, the first of each warm
    cache: ~0.3 s of CPU for the three on the NRF brief), which a shared pool had every worker pay for every
    format; and the imports, done in the workers, are no longer done in the parent before it forks them, while
    the other CPU waited.

    An ``inherited`` task is one of ``_tasks``, set before the workers are forked, and a worker is sent only its
    index (numbered copies share one large layout); any other is pickled to its worker (a brief's model pickles
    in well under a millisecond, where loading it again would take several), a deck's with the plan the parent
    made of its brief for the warnings.
    """
    import pickle  # here, not for every command: a single product needs no workers
    handed: list[Task] = []
    plans: dict[int, tuple] = {}  # a deck's plan, kept as its task came (the parent plans the next brief after)

    def call(index: int) -> tuple:
        if inherited:
            return _render_index, index, theme, debug
        # Pickled here, so that its worker can tell a large one by its bytes (a task run again alone, its worker
        # having died, goes without the deck's plan).
        return _render_handed, [pickle.dumps((handed[index], plans.pop(index, None)))], theme, debug

    waiting: list[int] = []  # handed, not yet given to a worker
    finished: list[Outcome] = []
    orphans: list[int] = []  # tasks whose worker died under them: each runs again, alone
    drawn: list[set[str]] = [set() for _ in started]  # the formats each worker has been given
    given: list[list[int]] = [[] for _ in started]  # the tasks each worker holds, in the order it draws them

    def live() -> list[Worker]:
        return [worker for worker in started if worker.alive]

    def give() -> None:
        """Give each worker tasks until it has _AHEAD of them (or nothing suits it)."""
        while waiting and live():
            load = Counter({worker.number: len(given[worker.number]) for worker in live()})
            pick = _next_given([handed[index].fmt for index in waiting], drawn, load,
                               [worker.number for worker in live()])
            if pick is None:
                return
            number, chosen = pick
            index = waiting.pop(chosen)
            drawn[number].add(handed[index].fmt)
            given[number].append(index)
            started[number].send(call(index))
        if not live():  # every worker died: what was left runs alone
            orphans.extend(waiting)
            waiting.clear()

    def collect(block: bool) -> None:
        """What the workers answered (waiting for one answer, or a death, if ``block``)."""
        for worker, answer in _exchange(live(), block):
            finished.append(Outcome(handed[given[worker.number].pop(0)], *answer))
        for worker in started:
            if not worker.alive:  # it died under its tasks
                orphans.extend(given[worker.number])
                given[worker.number].clear()

    for task in tasks:
        handed.append(task)
        made = deck_plan.made_for(task.brief) if task.fmt == "pptx" and not inherited else None
        if made is not None:
            plans[len(handed) - 1] = made
        waiting.append(len(handed) - 1)
        collect(block=False)  # between briefs: keep the workers fed
        give()
    while any(given) or waiting:
        yield from finished
        finished.clear()
        give()
        if any(given):
            collect(block=True)
    yield from finished
    for index in orphans:
        yield _alone(handed[index], call(index))


class Worker:
    """A forked process that runs the calls it is sent, in order, and answers each with its result.

    A batch's workers and a watch's are these, not a ``concurrent.futures`` pool: importing multiprocessing and
    concurrent.futures (logging, socket, tempfile, subprocess with them) took ~13 ms of the batch's start, while
    the other CPU waited, and each pool's two threads (its manager, its queue's feeder) woke for every task and
    answer, CPU taken from the workers. A call is pickled to the worker's pipe (``send``); its answer comes back on another,
    read as it comes (``_exchange``). A worker that dies (killed, out of memory) closes its answers' pipe: its
    tasks are run again alone (``_alone``).
    """

    running: list[Worker] = []  # forked by this process and not yet ended: stopped with it (_started_workers)

    def __init__(self, number: int) -> None:
        self.number = number
        calls, self._calls = os.pipe()
        self._answers, answers = os.pipe()
        sys.stdout.flush()  # what the parent has yet to write is not the worker's to write again
        sys.stderr.flush()
        with interruption.signals_held():  # a stop signal waits until this worker is one of those to stop
            self.pid = os.fork()
            if self.pid == 0:
                interruption.in_worker()
            else:
                Worker.running.append(self)
        if self.pid == 0:
            for worker in (self, *Worker.running):  # the parent's ends: else a worker would hold another's calls
                os.close(worker._calls)             # open, and that one would never read their end
                os.close(worker._answers)
            _serve(calls, answers)
        os.close(calls)
        os.close(answers)
        _widened(self._calls)
        os.set_blocking(self._calls, False)
        os.set_blocking(self._answers, False)
        self._outgoing = bytearray()  # calls sent but not yet taken by the pipe
        self._incoming = bytearray()  # an answer's bytes, as they come
        self._unanswered: list[bool] = []  # each call sent and not yet answered: whether its answer is wanted

    @property
    def alive(self) -> bool:
        return self in Worker.running

    def send(self, call: tuple, *, answered: bool = True) -> None:
        import pickle
        said = pickle.dumps(call)
        self._outgoing += len(said).to_bytes(8, "little") + said
        self._unanswered.append(answered)
        self._write()

    def _write(self) -> None:
        try:
            del self._outgoing[:os.write(self._calls, self._outgoing)]
        except BlockingIOError:  # the pipe is full: the rest goes when it has room (_exchange)
            pass
        except BrokenPipeError:  # it died: its answers' pipe says so
            self._outgoing.clear()

    def _read(self) -> list[tuple]:
        """The answers that came whole; none if it has died (and then it is ended)."""
        import pickle
        try:
            came = os.read(self._answers, 1 << 16)
        except BlockingIOError:
            return []
        if not came:
            self.end()
            return []
        self._incoming += came
        answers = []
        while len(self._incoming) >= 8:
            size = int.from_bytes(self._incoming[:8], "little")
            if len(self._incoming) < 8 + size:
                break
            answers.append(pickle.loads(self._incoming[8:8 + size]))
            del self._incoming[:8 + size]
        return answers

    def end(self) -> None:
        """Close its pipes (a live worker reads the end of its calls and leaves) and wait for it to leave."""
        self._let_go()
        self._reap()

    def stop(self) -> None:
        """Stop it now (it removes its temporary file and leaves); ``_reap`` waits for it."""
        self._let_go()
        os.kill(self.pid, signal.SIGTERM)

    def _let_go(self) -> None:
        Worker.running.remove(self)
        os.close(self._calls)
        os.close(self._answers)

    def _reap(self) -> None:
        """Wait for it to leave; after 5 s, kill it. Looked for every millisecond: a worker leaves a few
        milliseconds after its calls end, and a batch's end waited for the next 10 ms tick after each."""
        import time
        for _ in range(5000):
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                return
            time.sleep(0.001)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def _widened(pipe: int) -> None:
    """Let ``pipe`` hold 1 MB where the system allows it (Linux), not 64 kB: a deck's call, its plan with it, pickles
    to ~85 kB, and its worker, having read what the pipe held, waited for the parent to be woken and send the rest
    (~1.3 ms of every deck, ~25 ms of a batch of 20 briefs); a call this size now lies whole in the pipe as its
    worker draws the one before."""
    try:
        import fcntl
        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):  # not Linux, or more than this system lets a pipe hold
        pass


def _exchange(workers: Sequence[Worker], block: bool) -> Iterator[tuple[Worker, tuple]]:
    """Each answer that came from ``workers`` (waiting for one, or a worker's death, if ``block``), sending what
    each has waiting for its pipe as it takes it."""
    import select
    while any(worker.alive for worker in workers):
        writing = [worker for worker in workers if worker.alive and worker._outgoing]
        readable, writable, _ = select.select([worker._answers for worker in workers if worker.alive],
                                              [worker._calls for worker in writing], [], None if block else 0)
        for worker in writing:
            if worker._calls in writable:
                worker._write()
        came = False
        for worker in workers:
            if worker.alive and worker._answers in readable:
                for answer in worker._read():
                    came = True
                    if worker._unanswered.pop(0):
                        yield worker, answer
                came = came or not worker.alive
        if came or not block:
            return


@contextmanager
def _started_workers(count: int) -> Iterator[list[Worker]]:
    """``count`` workers, which end when the block does; stopped if the parent is itself stopped (they remove
    their temporary files and leave: SIGTERM)."""
    try:
        with interruption.unwinding():
            started = [Worker(number) for number in range(count)]
            yield started
    except BaseException:  # Interrupted, or the caller stopped reading: no worker may outlive the command
        stopping = list(Worker.running)
        for worker in stopping:
            worker.stop()
        for worker in stopping:
            worker._reap()
        raise
    ending = [worker for worker in started if worker.alive]
    for worker in ending:  # every one told first, so that they leave together, not each after the last has left
        worker._let_go()
    for worker in ending:
        worker._reap()


def _serve(calls: int, answers: int) -> NoReturn:
    """A worker's life (``_started``): run each call that comes, in order, answering each; leave when the calls
    end. A call that raises ends it, as a crash would: the parent runs its task again alone."""
    import pickle
    _started()
    status = 0
    try:
        with open(calls, "rb") as incoming, open(answers, "wb") as outgoing:
            while size := incoming.read(8):
                function, *args = pickle.loads(incoming.read(int.from_bytes(size, "little")))
                said = pickle.dumps(function(*args))
                outgoing.write(len(said).to_bytes(8, "little") + said)
                outgoing.flush()
    except BaseException:
        status = 1
    os._exit(status)


def _next_given(waiting: Sequence[str], drawn: Sequence[set[str]], load: Counter, live: Sequence[int]
                ) -> tuple[int, int] | None:
    """Which worker is given which of the ``waiting`` tasks (their formats) next, if any: the least loaded of the
    ``live`` workers with room (fewer than _AHEAD tasks in hand, ``load``) that may take one (``_choice``;
    ``drawn``: the formats each worker has been given)."""
    for worker in sorted((w for w in live if load[w] < _AHEAD), key=lambda w: load[w]):
        others = set().union(*(drawn[w] for w in live if w != worker))
        chosen = _choice(waiting, drawn[worker], others, idle=load[worker] == 0)
        if chosen is not None:
            return worker, chosen
    return None


def _openers(handed: Sequence[str], workers: int) -> list[list[str]]:
    """The formats each worker will be given first, told before any brief is loaded: those it is given as the
    tasks of these formats are handed in this order (``handed``), until every worker has _AHEAD in hand, none
    having finished one yet (so it goes at the start of a batch, where the parent loads the first briefs)."""
    drawn: list[list[str]] = [[] for _ in range(workers)]
    load: Counter = Counter()
    waiting: list[str] = []
    for fmt in handed:
        if all(load[worker] >= _AHEAD for worker in range(workers)):
            break
        waiting.append(fmt)
        while (pick := _next_given(waiting, [set(formats) for formats in drawn], load, range(workers))) is not None:
            worker, chosen = pick
            fmt = waiting.pop(chosen)
            load[worker] += 1
            if fmt not in drawn[worker]:
                drawn[worker].append(fmt)
    return drawn


def _choice(waiting: Sequence[str], drawn: set[str], others: set[str], *, idle: bool) -> int | None:
    """Which of the ``waiting`` tasks (their formats, in the order they came) a worker is given, if any: the first
    of a format it has drawn (``drawn``), whose imports and caches it has, of those the one dearest to start
    (_STARTING), so that what is left at the end of a batch is what another worker takes over most cheaply; else
    the first of a format no other worker has drawn (``others``), so that the formats are shared out; else, only
    if it has nothing to draw (``idle``), the first of a format more than _AHEAD of which wait, though another
    worker is warm for it: a worker's first product of a format (its imports and first render: 0.2 s for the NRF
    brief's PDF) costs more than the few its warm worker has left would; of those formats, the cheapest to start.
    """
    warm = [fmt for fmt in dict.fromkeys(waiting) if fmt in drawn]
    if warm:
        return waiting.index(max(warm, key=_starting))
    for position, fmt in enumerate(waiting):
        if fmt not in others:
            return position
    many = [fmt for fmt in dict.fromkeys(waiting) if waiting.count(fmt) > _AHEAD]
    if idle and many:
        return waiting.index(min(many, key=_starting))
    return None


def _starting(fmt: str) -> int:
    return _STARTING.get(fmt, -1)


def _heaviest_first(fmt: str) -> int:
    return _ORDER.get(fmt, 9)


def _task_order(task: Task) -> int:
    return _heaviest_first(task.fmt)


def _workers(jobs: int | None, products: int) -> int:
    # Never more workers than products, nor than the CPUs this process may run on: -j 10000 means "all".
    workers = min(jobs or cpus(), products, cpus())
    return 1 if workers > 1 and not can_fork() else workers


@contextmanager
def per_format(formats: Sequence[str]) -> Iterator[dict[str, Worker]]:
    """A worker for each of ``formats``: a watch's, forked once, each handed its format's product of every save
    (``hand``), so that it keeps that format's imports and warm caches. They end with the block, and are stopped if
    it raises (Ctrl-C, SIGTERM): each removes its temporary file and leaves."""
    with _started_workers(len(formats)) as started:
        workers = dict(zip(formats, started))
        yield workers
        started[:] = workers.values()  # what ends with the block: those that replaced a dead one (``hand``) too


def hand(tasks: Sequence[Task], theme: Theme, workers: dict[str, Worker]) -> Iterator[Outcome]:
    """Send each task to the worker of its format (``per_format``) now, and return its outcomes as they finish.

    A worker that has died is replaced by a new one before it is sent a task (it imports its format again, once),
    so that neither a dead worker nor the watch's own process draws a product that killed a process before. A task
    whose worker dies under it is run again alone (``_alone``): if that kills its process too, the outcome says so,
    and the watch goes on."""
    calls = {}
    for task in tasks:
        worker = workers[task.fmt]
        if not worker.alive:
            worker = workers[task.fmt] = Worker(worker.number)
        call = _render_task, task, theme, False
        worker.send(call)
        calls[worker] = task, call
    return _answered(calls)


def _answered(calls: dict[Worker, tuple[Task, tuple]]) -> Iterator[Outcome]:
    """The outcome of each worker's one call (its task, and the call), as it comes; a call whose worker died, run
    again alone."""
    while any(worker.alive for worker in calls):
        for worker, answer in _exchange([worker for worker in calls if worker.alive], block=True):
            yield Outcome(calls.pop(worker)[0], *answer)
    for task, call in calls.values():
        yield _alone(task, call)


def _started() -> None:
    """A worker's start (its signal handling is its own already: Worker): what it was forked with frozen
    (``gc.freeze``): the modules and the parent's state live as long as it does, and a full collection would walk
    them all again (and copy the pages they share with the parent, each object's header being written as it is
    walked)."""
    gc.freeze()


def _ready(formats: Sequence[str]) -> None:
    """A worker's first call: import the renderers of the formats it will draw first (``_openers``), while the
    parent loads the first brief (``prepare`` freezes what they make, as a first product's import would)."""
    for fmt in formats:
        prepare(fmt)


def _alone(task: Task, call: tuple) -> Outcome:
    """A task whose worker died, in a fresh worker of its own: if that one dies too, this task killed it."""
    with _started_workers(1) as (worker,):
        worker.send(call)
        for _, answer in _exchange([worker], block=True):
            return Outcome(task, *answer)
    return Outcome(task, None, f"{task.out}: the process rendering it died (killed, or out of memory); "
                               "nothing was written")


def can_fork() -> bool:
    """Whether workers can be forked here (they inherit what the parent has loaded); not on Windows."""
    return hasattr(os, "fork")


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what a container or taskset allows, not the host's count
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _render_index(index: int, theme: Theme, debug: bool) -> tuple[Written | None, str | None]:
    # Only the small result goes back through the pipe; the Brief stays where fork put it.
    return _render_task(_tasks[index], theme, debug)


def _render_task(task: Task, theme: Theme, debug: bool) -> tuple[Written | None, str | None]:
    try:
        return render(task, _one_theme(theme), debug)
    except interruption.Interrupted as stop:  # its temporary file is gone: leave, the parent reports
        interruption.leave(stop)


def _one_theme(theme: Theme) -> Theme:
    """The theme a worker draws with: each call brings a copy of it, unpickled, and the renderers' caches keyed by
    the theme (``typography``, the styles, the faces, the base documents) would compare each copy in full with the
    one they kept, at every lookup (~30,000 a batch of 20 NRF briefs: ~0.1 s of CPU), where the object they kept is
    found at once. So a worker keeps the first copy and draws with it while the theme is equal to it."""
    global _theme
    if theme != _theme:
        _theme = theme
    return _theme  # type: ignore[return-value]


def _render_handed(box: list[bytes], theme: Theme, debug: bool) -> tuple[Written | None, str | None]:
    """A handed task, in its worker, pickled (the one item of ``box``): drawn here, or, if it is large, in a
    process of its own."""
    if len(box[0]) < APART_FROM:
        return _render_task(_unpacked(box), theme, debug)
    try:
        return _render_apart(box, theme, debug)
    except interruption.Interrupted as stop:  # the product's process is stopped and gone: leave, the parent reports
        interruption.leave(stop)


def _unpacked(box: list[bytes]) -> Task:
    """The task handed in ``box``; a deck's plan handed with it is kept as if planned here."""
    import pickle
    task, made = pickle.loads(box.pop())
    if made is not None:
        deck_plan.keep(made)
    return task


def _render_apart(box: list[bytes], theme: Theme, debug: bool) -> tuple[Written | None, str | None]:
    """Draw a large task in a fork of this worker made for it alone, which ends with it.

    The memory a product of a long brief takes (about 200 MB near the content cap) stays with the process that
    drew it: Python's arenas, lxml's and reportlab's heaps keep what they grew to, and a worker's next product, of
    another format, could not use all of it (the deck then the Word brief took one worker to 230 MB at the cap,
    each alone under 220). The worker was forked before the first brief was loaded and holds this task only as
    bytes, in a box its fork empties (so that the bytes go once unpickled, not counted in its memory to the end):
    a fork of it starts small and gives back all it took. A fork costs a millisecond, and a large product
    seconds; a small one is drawn by the worker itself, whose warm caches (the fonts' faces read, the base
    documents, the column widths and markup of the texts it drew before) save it more than a fresh start would.

    If the product's process dies (killed, out of memory), so does this worker, and the task is run again alone, as
    a task whose worker died is (_in_workers).
    """
    import pickle
    read, write = os.pipe()
    pid = 0
    with interruption.unwinding():  # a stop signal raises here, so the product's process is stopped with this one
        try:
            with interruption.signals_held():  # none between the fork and knowing the product's process
                pid = os.fork()
                if pid == 0:
                    interruption.in_worker()  # its own handling, not inside this worker's unwinding()
            if pid == 0:
                _draw_and_end(box, theme, debug, write)
            os.close(write)
            with open(read, "rb") as pipe:
                said = pipe.read()
            os.waitpid(pid, 0)
        except interruption.Interrupted:
            # Also one held during the fork, raised as the signals are let through: the product's process is known.
            if pid:
                os.kill(pid, signal.SIGTERM)  # it removes its temporary file and leaves
                os.waitpid(pid, 0)
            raise
    if not said:
        os._exit(1)
    return pickle.loads(said)


def _draw_and_end(box: list[bytes], theme: Theme, debug: bool, write: int) -> NoReturn:
    """The product's own process: draw the task, send what was written (or why not) to the worker, end."""
    import pickle
    status = 1
    try:
        result = _render_task(_unpacked(box), theme, debug)
        with open(write, "wb") as pipe:
            pickle.dump(result, pipe)
        status = 0
    except BaseException:  # never back into the worker's loop; the worker dies with it, and the task runs alone
        import traceback
        traceback.print_exc()
    finally:
        os._exit(status)


def render(task: Task, theme: Theme, debug: bool = False) -> tuple[Written | None, str | None]:
    """Make one product: what was written, or the message that says why nothing was (never raised)."""
    if task.fmt != "pptx":  # the deck's tasks come first (_ORDER): the plan made for the warnings is not needed again
        deck_plan.forget()
    try:
        return make(task.brief, task.fmt, task.out, theme, template=task.template, laid=task.laid,
                    copy=task.copy), None
    except BriefgenError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in one renderer must not stop the other products
        if debug:
            import traceback  # only for --debug: ~0.7 ms of every start otherwise
            return None, f"{task.out}: internal error:\n{traceback.format_exc()}"
        return None, f"{task.out}: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"
