"""Atomic, reproducible writes: a product appears whole or not at all, with the same bytes every time."""

from __future__ import annotations

import io
import os
import stat
from datetime import date, datetime, timezone
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from .errors import OutputError
from .interruption import signals_held, unwinding
from .model import LAST_STAMP_YEAR




def build_time(content_date: date) -> datetime:
    """The moment stamped into every product: SOURCE_DATE_EPOCH if set, else the brief's own date.

    Never the wall clock, so the same input gives the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            when = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise OutputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
        if when.year > LAST_STAMP_YEAR:
            raise OutputError(f"SOURCE_DATE_EPOCH={epoch!r} is {when:%Y-%m-%d}; a .docx or .pptx (a ZIP archive) "
                              f"stores dates up to {LAST_STAMP_YEAR}-12-31")
        return when
    return datetime(content_date.year, content_date.month, content_date.day, tzinfo=timezone.utc)


def refuse_clobbering(targets: list[Path], inputs: list[Path]) -> None:
    """Before anything is written: each target must be absent, or a regular file that is none of the inputs.

    Inputs are compared by the file they resolve to (symbolic links followed, hard links by inode),
    so ``-o`` can never name the content file, the template or a theme file under another spelling.
    """
    protected = {}
    for path in inputs:
        try:
            info = path.stat()
        except OSError:
            continue
        protected[(info.st_dev, info.st_ino)] = path
    for target in targets:
        check_target(target)
        try:
            info = target.stat()
        except OSError:
            continue
        clobbered = protected.get((info.st_dev, info.st_ino))
        if clobbered is not None:
            raise OutputError(f"{target}: would overwrite the input {clobbered}; choose another output path")


def check_target(path: Path) -> None:
    """A product replaces only a regular file (or nothing): never a device, a FIFO, a socket or a folder."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a directory; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: is not a regular file (a device, FIFO or socket); give a file name")


def _mode(path: Path) -> int:
    """As cp does: an existing product keeps its mode; a new one gets 0666 less the process umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it into place.

    On any failure, including KeyboardInterrupt, the previous file at ``path`` is untouched
    and no temporary file is left behind.
    """
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")
    check_target(path)
    mode = _mode(path)
    # A stop signal between creating the temporary file and the rename raises here, so it is removed.
    with unwinding():
        try:
            with signals_held():  # until tmp is known, a signal waits: it could not be cleaned up before
                fd, tmp = _temporary(folder, path.name)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot write here: {exc.strerror or exc}") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException as exc:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            if isinstance(exc, OSError):
                raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
            raise


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file ``.<name>.<random>.part`` in ``folder``, open for writing and readable by its owner alone, as
    tempfile.mkstemp makes one: importing tempfile (random, shutil and their imports) was ~2 ms of every render."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    for _ in range(100):  # a name already taken is drawn again, as mkstemp does
        tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.part")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: no free name for a temporary file beside {name}")


def write_stdout(data: bytes) -> None:
    """Write a product to standard output (a pipe or a file the shell opened)."""
    import sys
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise OutputError("<stdout>: the reader closed the pipe before the product was written") from None
    except OSError as exc:
        raise OutputError(f"<stdout>: cannot write: {exc.strerror or exc}") from None


# An entry's bytes, or what writes them into the entry's stream: a large part (a long brief's body) is then
# compressed as it is written, never whole in memory beside the tree it is written from.
Entry = bytes | Callable[[BinaryIO], None]


def package(entries: Iterable[tuple[str, Entry]], when: datetime) -> bytes:
    """An OOXML package (.docx, .pptx) of ``entries`` in their order, each stamped with ``when``.

    python-docx and python-pptx stamp the wall clock into every zip entry as they save; writing
    the entries here, once, makes the bytes depend only on the content and ``when``. An entry
    written into its stream is deflated as the same bytes given whole would be (zlib's output does
    not depend on how its input is cut), so the package's bytes are the same either way.
    """
    import zipfile  # here: the PDF, which every product's start shares this module with, makes no zip (~2 ms)
    stamp = max(when.astimezone(timezone.utc).timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            if isinstance(data, bytes):
                target.writestr(info, data)
                continue
            with target.open(info, "w") as stream:
                data(stream)
    return out.getvalue()
