"""What one process can leave for the next in the user's cache folder: a slow result, by a digest of
everything it was made from.

Only what is safe to lose is kept here, and losing it never fails a command: an entry that is missing,
unreadable or torn is a miss (the caller checks what it reads), and a folder that cannot be made or
written is passed by. Entries are written whole under a name of their own and renamed into place, so
processes writing at once (a batch's workers) never read half an entry. The newest ``KEPT`` of a kind
are kept.

``BRIEFGEN_CACHE=off`` turns it off; ``BRIEFGEN_CACHE=<folder>`` keeps it in that folder instead of the
user's cache folder (``$XDG_CACHE_HOME/briefgen``, ``~/.cache/briefgen``; ``~/Library/Caches/briefgen``
on macOS, ``%LOCALAPPDATA%\\briefgen\\Cache`` on Windows).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

VARIABLE = "BRIEFGEN_CACHE"
OFF = ("off", "0", "no", "false")
KEPT = 256  # entries of each kind: a watch session that edits citations for a day leaves a few hundred
MAX_BYTES = 16 * 1024 * 1024  # an entry larger than this was not written by us


def folder(kind: str) -> Path | None:
    """Where entries of ``kind`` are kept, or None when the cache is off or there is no cache folder."""
    chosen = os.environ.get(VARIABLE, "").strip()
    if chosen.lower() in OFF:
        return None
    if chosen:
        return Path(chosen) / kind
    try:
        return _users_folder() / kind
    except (RuntimeError, KeyError, OSError):  # no home folder to find a cache folder in
        return None


def _users_folder() -> Path:
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else Path.home() / "AppData" / "Local") / "briefgen" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "briefgen"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "briefgen"


def read(kind: str, digest: str) -> bytes | None:
    """The entry ``digest`` of ``kind`` as written, or None if there is none that can be read."""
    where = folder(kind)
    if where is None:
        return None
    try:
        with open(where / digest, "rb") as entry:
            data = entry.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= MAX_BYTES else None


def write(kind: str, digest: str, data: bytes) -> None:
    """Keep ``data`` as the entry ``digest`` of ``kind``, if the cache folder can be written; never raises."""
    where = folder(kind)
    if where is None or len(data) > MAX_BYTES:
        return
    partial = where / f".{digest}.{os.getpid()}"
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Readable by the user alone: the entries hold a brief's words.
        made = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(made, "wb") as entry:
            entry.write(data)
        os.replace(partial, where / digest)
    except OSError:
        try:
            partial.unlink()
        except OSError:
            pass
        return
    _forget_oldest(where)


def _forget_oldest(where: Path) -> None:
    """Remove all but the newest KEPT entries (another process may be removing them too)."""
    try:
        names = [name for name in os.listdir(where) if not name.startswith(".")]
        if len(names) <= KEPT:
            return
        aged = []
        for name in names:
            try:
                aged.append((os.stat(where / name).st_mtime_ns, name))
            except OSError:
                continue
        for _, name in sorted(aged)[:-KEPT]:
            try:
                os.unlink(where / name)
            except OSError:
                pass
    except OSError:
        pass
