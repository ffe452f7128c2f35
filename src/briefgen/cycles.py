"""Python's cycle collector paused around work that makes many objects which live until it ends, and around imports.

The collector runs as objects are made and walks the young ones again and again; where they all live
until the work ends (a brief's layout until its PDF is written, a watch's save until its products are
said) that walking finds nothing and costs a tenth of a long brief's time, or a full pass of 60 ms in
the middle of a warm save.
"""

from __future__ import annotations

import gc
import importlib
import sys
from contextlib import contextmanager
from types import ModuleType
from typing import Iterator


@contextmanager
def paused(*, collect_after: bool = False) -> Iterator[None]:
    """No cycle collection inside; as before after it, with one full collection first if ``collect_after``."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        if collect_after:
            gc.collect()


@contextmanager
def kept() -> Iterator[None]:
    """No cycle collection inside, and everything alive after it frozen (gc.freeze) before the collector is on
    again, whose first collection would walk all of it: for work whose making lives as long as the process. What
    is frozen is still freed when no longer used, but a cycle among it only when the process ends."""
    with paused():
        try:
            yield
        finally:
            gc.freeze()


def imported(name: str) -> ModuleType:
    """The module ``name``, imported if it is not yet with no cycle collection while it is, and what it made
    frozen after (kept): an import makes modules, classes and functions that live as long as the process, which
    the collections during it walk for nothing, and every later collection would walk again. Collections took
    ~20 ms of a cold PDF, ~14 of them in its imports (reportlab's most)."""
    module = sys.modules.get(name)
    if module is None:
        with kept():
            module = importlib.import_module(name)
    return module
