"""Python's cycle collector paused around work that makes many objects which live until it ends.

The collector runs as objects are made and walks the young ones again and again; where they all live
until the work ends (a brief's layout until its PDF is written, a watch's save until its products are
said) that walking finds nothing and costs a tenth of a long brief's time, or a full pass of 60 ms in
the middle of a warm save.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
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
