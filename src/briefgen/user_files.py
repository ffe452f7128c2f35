"""Reading a file a user names (content, theme.toml, bibliography): through a size cap, as UTF-8, every failure in words.

Each caller says the failure in its own terms (a content error, a theme error, a bibliography
problem); what can go wrong, and the cap that keeps /dev/zero or an endless pipe from being
read for ever, are the same for all of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO


class Unreadable(Exception):
    """Why a file cannot be read; ``line`` is where its first bad byte is, None when it was not read at all."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def read_file(path: Path, limit: int, *, too_big: str) -> bytes:
    """The bytes of the regular file ``path``; Unreadable if it is missing, not a file, unreadable or too big.

    ``too_big`` says why the cap is what it is, after "is over N bytes; ".
    """
    try:
        if not path.is_file():
            raise Unreadable("no such file" if not path.exists() else "is not a regular file")
        with path.open("rb") as handle:
            return read_capped(handle, limit, too_big=too_big)
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None


def read_capped(handle: BinaryIO, limit: int, *, too_big: str) -> bytes:
    """At most ``limit`` bytes from ``handle`` (a file, pipe or device); Unreadable, at line 1, if there are more."""
    raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise Unreadable(f"is over {limit:,} bytes; {too_big}", line=1)
    return raw


def decode(raw: bytes, encoding: str = "utf-8-sig") -> str:
    """``raw`` as text; Unreadable at the line of the first byte that is not UTF-8."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Unreadable("is not valid UTF-8 text", line=raw[:exc.start].count(b"\n") + 1) from None
