"""Atomic, reproducible writes: a product appears whole or not at all, with the same bytes every time."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

from .errors import BriefgenError


class OutputError(BriefgenError):
    """A product could not be written where it was asked for."""


def build_time(content_date: date) -> datetime:
    """The moment stamped into every product: SOURCE_DATE_EPOCH if set, else the brief's own date.

    Never the wall clock, so the same input gives the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise OutputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
    return datetime(content_date.year, content_date.month, content_date.day, tzinfo=timezone.utc)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it into place.

    On any failure, including KeyboardInterrupt, the previous file at ``path`` is untouched
    and no temporary file is left behind.
    """
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise


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


def normalise_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite an OOXML package with fixed entry dates and attributes, keeping the entry order.

    python-docx and python-pptx stamp the wall clock into every zip entry; this makes the
    bytes depend only on the content and ``when``.
    """
    stamp = max(when.astimezone(timezone.utc).timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
