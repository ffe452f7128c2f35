"""TrueType fonts found by family name, in a theme folder and then in the machine's font folders.

A reference document names the families its text is set in (render/office/fonts.py). The PDF
embeds and the deck is measured with a family's files, so a reference's family is followed only
where its four faces are found, as TrueType files reportlab embeds: in the theme folder, or in
the machine's font folders; or those of a free font drawn to its widths (theme.py's
METRIC_COMPATIBLE: Caladea for Cambria), which Word and PowerPoint are told by the Office name.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
from functools import lru_cache
from pathlib import Path

FACES = ("regular", "bold", "italic", "bold_italic")
# The styles a face calls itself (its name table's subfamily), by face.
_STYLES = {"regular": {"regular", "book", "roman", "normal"}, "bold": {"bold"},
           "italic": {"italic", "oblique"}, "bold_italic": {"bold italic", "bold oblique"}}


def font_folders() -> tuple[Path, ...]:
    """Where this machine keeps its fonts: the system's and the user's, as fontconfig, Windows and macOS do."""
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", "C:\\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"
    if sys.platform == "darwin":
        return Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"
    return (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts")


@lru_cache(maxsize=8)
def faces_of(family: str, own: Path, machine: tuple[Path, ...]) -> dict[str, Path]:
    """The faces of ``family`` in the folder ``own`` (a theme's: none of its files may lead out of it), then in
    the ``machine``'s font folders, the first file found of each face kept."""
    wanted = family.casefold()
    found: dict[str, Path] = {}
    for folder, contained in ((own, True), *((folder, False) for folder in machine)):
        for path in sorted(_fonts_in(folder, contained)):
            named = _name(path)
            if named is None or named[0].casefold() != wanted:
                continue
            face = next((face for face, styles in _STYLES.items() if named[1].casefold() in styles), None)
            if face is not None:
                found.setdefault(face, path)
    return found


def _fonts_in(folder: Path, contained: bool) -> list[Path]:
    """The .ttf files under ``folder``; if ``contained``, none a link that leads out of it."""
    inside = folder.resolve()
    found = []
    for root, _, names in os.walk(folder):  # never into a linked folder
        for name in names:
            path = Path(root) / name
            if name.lower().endswith(".ttf") and (not contained or path.resolve().is_relative_to(inside)):
                found.append(path)
    return found


def font_tables(path: Path, tags: tuple[str, ...], limit: int | None = None) -> bytes | mmap.mmap:
    """The font file at ``path`` (its first ``limit`` bytes) with only its table directory and the tables ``tags``
    read: every other byte reads as zero, at the offsets the file has. The theme's checks and the layout's measure
    read a few small tables of files of hundreds of kilobytes: the built-in theme's faces read whole were ~5 ms
    of every cold render, once for the checks and once for the widths. A collection (ttcf) gives its first font's."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if limit is not None:
            size = min(size, limit)
        if size == 0:
            return b""
        data = mmap.mmap(-1, size)  # anonymous: pages never written are never made

        def fill(start: int, length: int) -> bytes:
            length = max(0, min(length, size - start))
            handle.seek(start)
            found = handle.read(length)
            data[start:start + len(found)] = found
            return found

        start = 0
        header = fill(0, 16)
        if header[:4] == b"ttcf" and len(header) >= 16:
            start = struct.unpack_from(">L", header, 12)[0]
            fill(start, 12)
        try:
            count = struct.unpack_from(">H", data, start + 4)[0]
        except struct.error:
            return data
        directory = fill(start + 12, 16 * count)
        wanted = {tag.encode("latin-1") for tag in tags}
        for tag, _, offset, length in struct.iter_unpack(">4sLLL", directory[:len(directory) // 16 * 16]):
            if tag in wanted and offset < size:
                fill(offset, length)
        return data


def _name(path: Path) -> tuple[str, str] | None:
    """(family, style) as the font's name table gives them (Windows's records first), or None."""
    try:
        with path.open("rb") as handle:  # only the directory and the name table: every font on the machine is read
            head = handle.read(12)
            count = struct.unpack_from(">H", head, 4)[0]
            directory = handle.read(16 * count)
            at = next(offset for tag, _, offset, _ in struct.iter_unpack(">4sLLL", directory) if tag == b"name")
            handle.seek(at)
            table = handle.read(65536)
        found: dict[int, str] = {}
        for name_id, name in names(table):
            found.setdefault(name_id, name)
    except (OSError, struct.error, StopIteration):
        return None
    family, style = found.get(16) or found.get(1), found.get(17) or found.get(2)
    return (family, style) if family and style else None


def tables(data: bytes) -> dict[bytes, int]:
    """Where each table of a whole TrueType file starts, by tag (b"name", b"OS/2"); raises struct.error if its
    table directory is cut short."""
    count = struct.unpack_from(">H", data, 4)[0]
    directory = (struct.unpack_from(">4sLLL", data, 12 + 16 * n) for n in range(count))
    return {tag: offset for tag, _, offset, _ in directory}


def name_table(data: bytes) -> bytes:
    """The name table of a whole TrueType file; raises struct.error or KeyError if there is none."""
    return data[tables(data)[b"name"]:]


def names(table: bytes, ids: tuple[int, ...] = (1, 2, 16, 17)) -> list[tuple[int, str]]:
    """(name id, name) of each record of ``ids`` in a name table (by default its family and style names) in
    Unicode, Windows's or the Mac's Roman encoding, in the table's order; raises struct.error if it is damaged."""
    records, strings = struct.unpack_from(">HH", table, 2)
    found = []
    for n in range(records):
        platform, encoding, _, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * n)
        raw = table[strings + offset:strings + offset + length]
        if name_id not in ids:
            continue
        if platform in (0, 3):
            found.append((name_id, raw.decode("utf-16-be", "replace").strip()))
        elif platform == 1 and encoding == 0:
            found.append((name_id, raw.decode("mac-roman", "replace").strip()))
    return found
