"""A reference .docx or .pptx, made safe before python-docx or python-pptx sees it: what one is, and reading it.

A template comes from a colleague or a download, so it is read as untrusted input: only a
regular file of bounded size is opened, and its package is sanitised (sanitise.py) into a new,
small zip in memory with only the parts briefgen uses, and a list of what was dropped for one warning.

The sanitising (lxml, zipfile) is imported only when a template is read: most products are made without one,
and importing lxml was ~4 ms of every start of `briefgen pdf`.
"""

from __future__ import annotations

import io
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import TEMPLATE_KINDS, TemplateError

if TYPE_CHECKING:
    from ...theme import Theme
from ...value import Value

MAX_FILE = 30 * 1024 * 1024        # the template file itself
# The file names a reference document may have, by format: documents and templates, with or without macros
# (the macros are left out; a template's content type becomes a document's).
EXTENSIONS = {"docx": (".docx", ".dotx", ".docm", ".dotm"), "pptx": (".pptx", ".potx", ".pptm", ".potm")}
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE file: Office 97–2003, or Office Open XML encrypted


class Template(Value):
    """A reference document, sanitised: its path for messages, a clean package, and what was dropped."""

    path: Path
    fmt: str
    data: bytes
    dropped: tuple[str, ...] = ()
    # The pictures a Word reference's headers and footers showed (its logo, as a rule): left out with them,
    # since the brief's running header and footer take their place, which the Word renderer says plainly.
    header_pictures: tuple[str, ...] = ()

    def open(self) -> io.BytesIO:
        return io.BytesIO(self.data)

    def __str__(self) -> str:
        return str(self.path)

    @property
    def warning(self) -> str | None:
        """The one line saying what was left out, or None if nothing was."""
        if not self.dropped:
            return None
        return f"{self.path}: left out of the template (not needed, or unsafe): {'; '.join(self.dropped)}"


def read(path: Path, fmt: str) -> Template:
    """Open the template at ``path`` for ``fmt`` ("docx" or "pptx") and keep only its safe, needed parts."""
    raw = _read_regular(path)
    if raw.startswith(_COMPOUND_FILE):
        raise unusable(path, fmt, _compound_file(raw, fmt))
    from .sanitise import Unusable, sanitised
    try:
        data, dropped, header_pictures = sanitised(fmt, raw)
    except Unusable as exc:
        raise unusable(path, fmt, str(exc)) from None
    return Template(path, fmt, data, dropped, header_pictures)


def theme_deck(theme: Theme) -> Template | None:
    """The theme folder's own deck.pptx, sanitised, read once while the file is unchanged (a watch
    renders many times); None for a theme on the built-in deck."""
    path = theme.deck_template
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return read(path, "pptx")  # says why, placed
    return _theme_deck(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=4)
def _theme_deck(path: Path, mtime_ns: int, size: int) -> Template:
    return read(path, "pptx")


def _compound_file(raw: bytes, fmt: str) -> str:
    """Why an OLE compound file (not a zip) is no template: a password, or Office 97–2003's binary format."""
    save = "a Word document (.docx) or Word template (.dotx)" if fmt == "docx" else \
        "a PowerPoint presentation (.pptx) or PowerPoint template (.potx)"
    if "EncryptedPackage".encode("utf-16-le") in raw:
        return f"it is encrypted with a password to open; open it in Office and save it without one, as {save}"
    old = "Word 97–2003 (.doc, .dot)" if fmt == "docx" else "PowerPoint 97–2003 (.ppt, .pot)"
    return f"it is in the binary format of {old}, not Office Open XML; open it in Office and save it as {save}"


def unusable(path: Path, fmt: str, why: str) -> TemplateError:
    return TemplateError(f"{path}: cannot use this template as a {TEMPLATE_KINDS[fmt]}: {why}")


def _read_regular(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_FILE bytes; never blocks on a FIFO or device."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise TemplateError(f"{path}: no such template file") from None
    except OSError as exc:
        raise TemplateError(f"{path}: cannot open the template: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise TemplateError(f"{path}: the template is {kind}; give a .docx or .pptx file")
        if info.st_size > MAX_FILE:
            raise TemplateError(f"{path}: the template is {info.st_size:,} bytes; at most {MAX_FILE:,} are read")
        data = handle.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:  # it grew while we read it
        raise TemplateError(f"{path}: the template is over {MAX_FILE:,} bytes")
    return data
