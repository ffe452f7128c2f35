"""SIGINT, SIGTERM and SIGHUP: stop at once, except where something on disk or a worker must be cleaned up.

Python's default for SIGTERM and SIGHUP ends the process where it stands: a product's
temporary file stays behind and a batch's workers go on writing after the parent has
gone. Raising an exception from the handler everywhere is no better: the renderers'
libraries have bare ``except:`` clauses that would swallow it and carry on. So a stop
signal ends the process at once (rendering happens in memory: there is nothing to
undo) unless the code is inside an ``unwinding()`` block — a write between its
temporary file and the rename, a parent with workers to stop — where it raises
``Interrupted`` so that block's cleanup runs. Either way the exit status is 128 + the
signal's number (130, 143, 129), as shells expect.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

_unwinding = 0     # how many unwinding() blocks the process is in
_in_worker = False  # a batch worker leaves silently: the parent reports
_normal_ends: set[int] = set()  # signals that end this command as a success (Ctrl-C ends a watch)


class Interrupted(BaseException):
    """A stop signal arrived; BaseException, like KeyboardInterrupt, so no ``except Exception`` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


def _stop(signum: int, frame: object) -> None:
    # Once stopping, stop once: a second signal raised inside the cleanup would cut it short.
    for each in SIGNALS:
        signal.signal(each, signal.SIG_IGN)
    if _unwinding:
        raise Interrupted(signum)
    leave(Interrupted(signum))


def leave(stop: Interrupted) -> None:
    """End the process now with the signal's exit status, saying so unless this is a worker."""
    normal = stop.signum in _normal_ends
    if not _in_worker:
        sys.stdout.flush()
        sys.stderr.write("stopped\n" if normal else f"interrupted ({stop})\n")
        sys.stderr.flush()
    os._exit(0 if normal else stop.exit_status)


@contextmanager
def ending_normally_on(*signums: int) -> Iterator[None]:
    """While the block runs, these signals end the command with status 0: for a command they are how it ends."""
    _normal_ends.update(signums)
    try:
        yield
    finally:
        _normal_ends.difference_update(signums)


@contextmanager
def handled() -> Iterator[None]:
    """While the command runs, stop signals are handled here; the old handlers come back after."""
    previous = {}
    try:
        for signum in SIGNALS:
            previous[signum] = signal.signal(signum, _stop)
    except ValueError:  # not the main thread: signals are the main thread's to handle
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def unwinding() -> Iterator[None]:
    """Inside this block a stop signal raises Interrupted, so the block's own cleanup runs before the exit."""
    global _unwinding
    _unwinding += 1
    try:
        yield
    finally:
        _unwinding -= 1


@contextmanager
def signals_held() -> Iterator[None]:
    """Stop signals wait until the block ends (a few system calls), then arrive where they can be handled."""
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def in_worker() -> None:
    """A batch worker's signal handling: the parent stops it with SIGTERM; Ctrl-C is the parent's to handle."""
    global _in_worker, _unwinding
    _in_worker, _unwinding = True, 0  # forked inside the parent's unwinding(): that block is not the worker's
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
