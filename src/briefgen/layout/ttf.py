"""A TrueType font's advance widths per character, read from its head, hhea, maxp, hmtx and cmap tables.

The deck measures text before any XML is written, as LibreOffice and PowerPoint will
lay it out: with the advances of the theme's TTF files. They are read here with the
rules of reportlab's TrueType parser (the PDF's measure), without importing reportlab or
parsing the glyphs: a `pptx` run reads four fonts, and parsing them whole took a tenth
of its time. The PDF reads its faces' whole character maps here too (``characters``).
"""

from __future__ import annotations

import struct
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from pathlib import Path

from ..errors import FontError
from ..installed_fonts import font_tables

# The tables a face's advances, capitals' height and line are read from (with the glyphs' when its OS/2 table
# gives no capitals' height).
_MEASURED = ("head", "hhea", "maxp", "hmtx", "cmap", "OS/2")


def advances(path: Path) -> Advances:
    """Each character's advance at 1000 pt; a character the font lacks has the advance of its glyph 0."""
    data = font_tables(path, _MEASURED)
    try:
        tables = _tables(data)
        if "OS/2" not in tables or _ushort(data, tables["OS/2"]) < 2:  # the capitals' height is the "H" glyph's
            data = path.read_bytes()
            tables = _tables(data)
        units_per_em = _ushort(data, tables["head"] + 18)
        metrics = _ushort(data, tables["hhea"] + 34)
        glyphs = _ushort(data, tables["maxp"] + 4)
        widths = struct.unpack_from(f">{2 * metrics}H", data, tables["hmtx"])[::2]
        glyph_of = _cmap(data, tables["cmap"])
        scale = 1000 / units_per_em
        cap_height = _cap_height(data, tables, glyph_of) * scale
        line = _line(data, tables) * scale
    except (KeyError, IndexError, ZeroDivisionError, struct.error) as exc:
        raise FontError(f"{path}: not a TrueType font this tool can measure ({exc})") from None
    scaled = [w if units_per_em == 1000 else w * scale for w in widths]
    return Advances(glyph_of, scaled, glyphs, cap_height, line)


class Advances(dict):
    """Character → advance at 1000 pt, looked up in the character map when a character is first measured.

    A brief uses a few hundred of a font's thousands of characters: mapping them all
    would cost more than the deck's whole layout of a short brief.
    """

    def __init__(self, glyph_of, scaled: list[float], glyphs: int, cap_height: float, line: float) -> None:
        super().__init__()
        self._glyph_of = glyph_of
        self._scaled = scaled
        self._glyphs = glyphs
        self.cap_height = cap_height  # at 1000 pt: how tall its capitals stand above the baseline
        self.line = line  # at 1000 pt: its single line, from one baseline to the next

    def __missing__(self, char: str) -> float:
        code = ord(char)
        # As reportlab measures: a no-break space as wide as the space (or a lacking space as the no-break one).
        if code == 0xA0 and self._glyph_of(0x20) is not None:
            code = 0x20
        elif code == 0x20 and self._glyph_of(0x20) is None:
            code = 0xA0
        glyph = self._glyph_of(code)
        if glyph is None and unicodedata.category(char) == "Cf":
            width = 0.0  # a format character (a word joiner) the font lacks: hidden, as the PDF leaves it out
        elif glyph is None or glyph >= self._glyphs:
            width = self._scaled[0]
        else:  # glyphs past the last full metric share its advance
            width = self._scaled[min(glyph, len(self._scaled) - 1)]
        self[char] = width
        return width


def characters(data: bytes) -> tuple[list[int], list[int]]:
    """Every character the font's character map lists and the glyph of each, in the map's order.

    The map is the one reportlab chooses; KeyError for a map not in format 4 or 12 (those of
    nearly every Unicode font), struct.error for a truncated one.
    """
    at = _subtable(data, _tables(data)["cmap"])
    fmt = _ushort(data, at)
    chars: list[int] = []
    glyphs: list[int] = []
    if fmt == 4:
        limit, segments, ends, starts, deltas, ranges_at, ranges = _format4_segments(data, at)
        for n in range(segments):
            codes = range(starts[n], ends[n] + 1)
            chars += codes
            delta = deltas[n]
            if ranges[n] == 0:
                glyphs += [(code + delta) & 0xFFFF for code in codes]
                continue
            # The segment's glyph ids lie side by side; those past the subtable's end read as 0.
            first = ranges_at + 2 * n + ranges[n]
            inside = max(0, min(len(codes), (limit - first + 1) // 2))
            found = struct.unpack_from(f">{inside}H", data, first)
            glyphs += [(glyph + delta) & 0xFFFF if glyph else 0 for glyph in found]
            glyphs += [0] * (len(codes) - inside)
        return chars, glyphs
    if fmt == 12:
        for start, end, first in _format12_groups(data, at):
            chars += range(start, end + 1)
            glyphs += range(first, first + end - start + 1)
        return chars, glyphs
    raise KeyError(f"character map format {fmt}")


def _line(data: bytes, tables: dict[str, int]) -> int:
    """The single line in font units, as word processors set it: the horizontal header's ascender, descender and
    line gap (Word takes the OS/2 table's Windows ascent and descent, the same sum in fonts made for it)."""
    hhea = tables["hhea"]
    ascender, descender, gap = struct.unpack_from(">hhh", data, hhea + 4)
    return ascender - descender + max(gap, 0)


def _cap_height(data: bytes, tables: dict[str, int], glyph_of: Callable[[int], int | None]) -> int:
    """The capitals' height in font units: the OS/2 table's (version 2 on), else the top of the glyph of "H"."""
    if "OS/2" in tables and _ushort(data, tables["OS/2"]) >= 2:
        return struct.unpack_from(">h", data, tables["OS/2"] + 88)[0]
    glyph = glyph_of(ord("H"))
    long_offsets = struct.unpack_from(">h", data, tables["head"] + 50)[0]
    if glyph is None or "loca" not in tables or "glyf" not in tables:
        return round(0.7 * _ushort(data, tables["head"] + 18))  # a usual capital's height
    if long_offsets:
        start = _ulong(data, tables["loca"] + 4 * glyph)
    else:
        start = 2 * _ushort(data, tables["loca"] + 2 * glyph)
    return struct.unpack_from(">h", data, tables["glyf"] + start + 8)[0]  # the glyph's yMax


def _tables(data: bytes) -> dict[str, int]:
    start = _ulong(data, 12) if data[:4] == b"ttcf" else 0  # a collection: its first font, as reportlab takes
    count = _ushort(data, start + 4)
    found = {}
    for n in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sLLL", data, start + 12 + 16 * n)
        found[tag.decode("latin-1")] = offset
    return found


def _subtable(data: bytes, cmap: int) -> int:
    """Where the character map subtable reportlab chooses starts (the last Unicode one)."""
    chosen = None
    unicode_seen = False
    for n in range(_ushort(data, cmap + 2)):
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, unicode_seen = offset, True
        elif platform == 1 and encoding == 0 and not unicode_seen:
            chosen = offset
    if chosen is None:
        raise KeyError("no usable character map")
    return cmap + chosen


def _cmap(data: bytes, cmap: int) -> Callable[[int], int | None]:
    """Character → glyph (None if unmapped), from the subtable reportlab would choose."""
    at = _subtable(data, cmap)
    fmt = _ushort(data, at)
    if fmt == 4:
        return _format4(data, at)
    if fmt == 12:
        groups = _format12_groups(data, at)
        starts = [start for start, _, _ in groups]

        def segmented(code: int) -> int | None:
            n = bisect_right(starts, code) - 1
            if n < 0 or code > groups[n][1]:
                return None
            return groups[n][2] + code - groups[n][0]
        return segmented
    if fmt == 0:
        table = data[at + 6:at + min(_ushort(data, at + 2), 262)]
        return lambda code: table[code] if code < len(table) else None
    if fmt == 6:
        first, count = struct.unpack_from(">HH", data, at + 6)
        ids = struct.unpack_from(f">{count}H", data, at + 10)
        return lambda code: ids[code - first] if first <= code < first + count else None
    raise KeyError(f"character map format {fmt}")


def _format4(data: bytes, at: int) -> Callable[[int], int | None]:
    limit, segments, ends, starts, deltas, ranges_at, ranges = _format4_segments(data, at)

    def glyph(code: int) -> int | None:
        n = bisect_left(ends, code)
        if n == segments or starts[n] > code:
            return None
        if ranges[n] == 0:
            return (code + deltas[n]) & 0xFFFF
        where = ranges_at + 2 * n + ranges[n] + 2 * (code - starts[n])
        found = _ushort(data, where) if where < limit else 0
        return (found + deltas[n]) & 0xFFFF if found else 0
    return glyph


def _format4_segments(data: bytes, at: int) -> tuple[int, int, tuple, tuple, tuple, int, tuple]:
    """A format 4 subtable: where it ends, its segment count, ends, starts, deltas, and its range offsets and
    where they start."""
    limit = at + _ushort(data, at + 2)
    segments = _ushort(data, at + 6) // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    return limit, segments, ends, starts, deltas, ranges_at, ranges


def _format12_groups(data: bytes, at: int) -> list[tuple[int, int, int]]:
    """A format 12 subtable's groups: first character, last character, glyph of the first."""
    return [struct.unpack_from(">LLL", data, at + 16 + 12 * n) for n in range(_ulong(data, at + 12))]


def _ushort(data: bytes, at: int) -> int:
    return struct.unpack_from(">H", data, at)[0]


def _ulong(data: bytes, at: int) -> int:
    return struct.unpack_from(">L", data, at)[0]
