"""A TrueType font's advance widths per character, read from its head, hhea, maxp, hmtx and cmap tables.

The deck measures text before any XML is written, as LibreOffice and PowerPoint will
lay it out: with the advances of the theme's TTF files. They are read here with the
rules of reportlab's TrueType parser (the PDF's measure), without importing reportlab or
parsing the glyphs: a `pptx` run reads four fonts, and parsing them whole took a tenth
of its time.
"""

from __future__ import annotations

import struct
from collections import defaultdict
from pathlib import Path

from ..theme import ThemeError


class FontError(ThemeError):
    """A theme's font file this reader cannot measure."""


def advances(path: Path) -> defaultdict[str, float]:
    """Each character's advance at 1000 pt; a character the font lacks has the advance of its glyph 0."""
    data = path.read_bytes()
    try:
        tables = _tables(data)
        units_per_em = _ushort(data, tables["head"] + 18)
        metrics = _ushort(data, tables["hhea"] + 34)
        glyphs = _ushort(data, tables["maxp"] + 4)
        widths = struct.unpack_from(f">{2 * metrics}H", data, tables["hmtx"])[::2]
        glyph_of = _cmap(data, tables["cmap"])
        scale = 1000 / units_per_em
    except (KeyError, IndexError, ZeroDivisionError, struct.error) as exc:
        raise FontError(f"{path}: not a TrueType font this tool can measure ({exc})") from None
    scaled = [w if units_per_em == 1000 else w * scale for w in widths]
    default = scaled[0]
    # Glyphs past the last full metric share its advance.
    table = defaultdict(lambda: default, {chr(char): scaled[min(glyph, metrics - 1)]
                                          for char, glyph in glyph_of.items() if glyph < glyphs})
    if " " in table:
        table["\u00a0"] = table[" "]
    elif "\u00a0" in table:
        table[" "] = table["\u00a0"]
    return table


def _tables(data: bytes) -> dict[str, int]:
    start = _ulong(data, 12) if data[:4] == b"ttcf" else 0  # a collection: its first font, as reportlab takes
    count = _ushort(data, start + 4)
    found = {}
    for n in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sLLL", data, start + 12 + 16 * n)
        found[tag.decode("latin-1")] = offset
    return found


def _cmap(data: bytes, cmap: int) -> dict[int, int]:
    """Character → glyph, from the subtable reportlab would choose (the last Unicode one)."""
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
    at = cmap + chosen
    fmt = _ushort(data, at)
    if fmt == 4:
        return _format4(data, at)
    if fmt == 12:
        return {char: first + (char - start)
                for group in range(_ulong(data, at + 12))
                for start, end, first in [struct.unpack_from(">LLL", data, at + 16 + 12 * group)]
                for char in range(start, end + 1)}
    if fmt == 0:
        length = _ushort(data, at + 2)
        return dict(enumerate(data[at + 6:at + min(length, 262)]))
    if fmt == 6:
        first, count = struct.unpack_from(">HH", data, at + 6)
        return dict(enumerate(struct.unpack_from(f">{count}H", data, at + 10), start=first))
    raise KeyError(f"character map format {fmt}")


def _format4(data: bytes, at: int) -> dict[int, int]:
    limit = at + _ushort(data, at + 2)
    segments = _ushort(data, at + 6) // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    found = {}
    for n in range(segments):
        start, delta, offset = starts[n], deltas[n], ranges[n]
        if offset == 0:
            for char in range(start, ends[n] + 1):
                found[char] = (char + delta) & 0xFFFF
            continue
        for char in range(start, ends[n] + 1):
            where = ranges_at + 2 * n + offset + 2 * (char - start)
            glyph = _ushort(data, where) if where < limit else 0
            found[char] = (glyph + delta) & 0xFFFF if glyph else 0
    return found


def _ushort(data: bytes, at: int) -> int:
    return struct.unpack_from(">H", data, at)[0]


def _ulong(data: bytes, at: int) -> int:
    return struct.unpack_from(">L", data, at)[0]
