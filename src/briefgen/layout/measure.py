"""Text measurement with the theme font's real advance widths, and greedy word wrapping of styled spans.

The deck decides what fits on a slide before any XML is written, so it needs the widths
LibreOffice and PowerPoint will use: the hmtx advances of the TTF files the theme names
(read by ttf.py as reportlab reads them for the PDF), summed per character.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..inline import Inline, Span
from ..theme import Fonts
from .ttf import advances
from ..value import Value


class Piece(Value):
    """Part of one span on one wrapped line: ``spans[span][start:end]``."""

    span: int
    start: int
    end: int


Line = tuple[Piece, ...]
WORDS_KEPT = 2048  # texts whose measured words are kept: more than a slide's items, bounded memory
WIDTHS_KEPT = 65536  # words whose widths are kept, per face
ONCE_KEPT = 20_000  # characters of a text counted once (count's ``once``) up to which its measured words are kept
# A word and the spaces after it; a span may end inside a word that the next span goes on. A zero-width
# space (after an address's slash, line_breaks.py) is a place to break that takes no room.
_WORD = re.compile(r"[^ \u200b]*([ \u200b]+)|[^ \u200b]+")


class Metrics:
    """The advance widths of one font family's four faces, in points at a given size."""

    def __init__(self, fonts: Fonts) -> None:
        self._faces = {
            (False, False): _advances(fonts.regular),
            (True, False): _advances(fonts.bold),
            (False, True): _advances(fonts.italic),
            (True, True): _advances(fonts.bold_italic),
        }
        # The deck wraps each text at several sizes and widths in a row: its words are measured once,
        # and a word that comes back in another text is not summed again.
        self._texts: dict[Inline, _Text] = {}
        # The text last asked for, by identity: fitting asks for one text tens of times in a row, and hashing a
        # tuple of spans (which Python does not keep) costs as much as its length; a long paragraph's is long.
        self._last: tuple[Inline, _Text] | None = None
        self._known: dict[tuple[bool, bool], dict[str, float]] = {face: {} for face in self._faces}

    def width(self, text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
        return _width(self._faces[(bold, italic)], text) * size / 1000

    def line(self, size: float) -> float:
        """The regular face's single line at ``size``, in points: the distance from one baseline to the next that
        Word and LibreOffice set at a line spacing of 1."""
        return self._faces[(False, False)].line * size / 1000

    def cap_height(self, size: float, *, bold: bool = False, italic: bool = False) -> float:
        """How tall the face's capitals stand above the baseline at ``size``, in points."""
        return self._faces[(bold, italic)].cap_height * size / 1000

    def wrap(self, spans: Inline, width: float, size: float) -> list[Line]:
        """Break ``spans`` into lines no wider than ``width`` points, breaking at spaces as a word processor does.

        A word wider than a whole line is broken between characters, as LibreOffice and PowerPoint do.
        """
        return [tuple(Piece(*p) for p in _joined(line)) for line in self._broken(spans, width, size) if line] or [()]

    def count(self, spans: Inline, width: float, size: float, *, once: bool = False) -> int:
        """How many lines ``wrap`` breaks ``spans`` into.

        ``once``: the caller asks this of the text once (the Word brief's page estimate), so a long text's
        measured words are not kept for a next time: a paragraph of a million characters measured is ~30 MB.
        """
        # What _broken does, counting only: fitting asks this of every item at every size and room.
        text = _Text(self._measured(spans)) if once and _length(spans) > ONCE_KEPT else self._text(spans)
        lines, used, empty = 1, 0.0, True
        for word_width, glyphs_width in text.at(size):
            if not empty and used + glyphs_width > width:
                lines, used, empty = lines + 1, 0.0, True
            if empty and glyphs_width > width:
                return len(self._broken(spans, width, size, text))  # a word broken between characters
            used += word_width
            empty = False
        return lines

    def widest(self, spans: Inline, size: float) -> float:
        """The glyphs of the widest word of ``spans`` at ``size``, in points: at any width at least this, ``count``
        wraps word by word, breaking none, so that a wider width never takes more lines."""
        return max((glyphs_width for _, glyphs_width in self._text(spans).at(size)), default=0.0)

    def _text(self, spans: Inline) -> _Text:
        last = self._last
        if last is not None and last[0] is spans:
            return last[1]
        text = self._texts.get(spans)
        if text is None:
            if len(self._texts) >= WORDS_KEPT:
                self._texts.clear()
            text = self._texts[spans] = _Text(self._measured(spans))
        self._last = (spans, text)
        return text

    def _broken(self, spans: Inline, width: float, size: float,
                text: _Text | None = None) -> list[list[tuple[int, int, int]]]:
        text = text or self._text(spans)
        lines: list[list[tuple[int, int, int]]] = [[]]
        used = 0.0
        for word, (word_width, glyphs_width) in zip(text.words, text.at(size)):
            if lines[-1] and used + glyphs_width > width:
                lines.append([])
                used = 0.0
            if not lines[-1] and glyphs_width > width:
                for part in word.characters():
                    i, a, b = part
                    w = self.width(spans[i].text[a:b], size, bold=spans[i].bold, italic=spans[i].italic)
                    if lines[-1] and used + w > width:
                        lines.append([])
                        used = 0.0
                    lines[-1].append(part)
                    used += w
                continue
            lines[-1].extend(word.parts)
            used += word_width
        return lines

    def _measured(self, spans: Inline) -> list[_Word]:
        """Each word of ``spans`` with the spaces after it: its (span, start, end) parts, their widths at 1000 pt."""
        words: list[_Word] = []
        parts: list[tuple[int, int, int]] = []
        units: list[float] = []
        for i, span in enumerate(spans):
            face, known, text = self._faces[(span.bold, span.italic)], self._known[(span.bold, span.italic)], span.text
            for match in _WORD.finditer(text):
                start, end = match.span()
                parts.append((i, start, end))
                word = match.group()
                width = known.get(word)
                if width is None:
                    width = _kept_width(known, face, word)
                units.append(width)
                spaces = match.group(1)
                if spaces:
                    # Trailing spaces may hang past the margin, as in every layout engine. Their widths are kept
                    # with the words': a string's width is its width, whether a word or the spaces after one.
                    trailing = known.get(spaces)
                    if trailing is None:
                        trailing = _kept_width(known, face, spaces)
                    words.append(_Word(tuple(parts), tuple(units), trailing))
                    parts, units = [], []
        if parts:
            words.append(_Word(tuple(parts), tuple(units), 0.0))
        return words


@lru_cache(maxsize=4)
def metrics_for(fonts: Fonts) -> Metrics:
    """The Metrics of ``fonts``, kept for the process: a deck rendered again (watch) measures only new text."""
    return Metrics(fonts)


def split_at(spans: Inline, lines: list[Line], count: int) -> tuple[Inline, Inline]:
    """``spans`` cut after its first ``count`` wrapped lines: (the lines that fit, the rest)."""
    first = lines[count][0] if count < len(lines) and lines[count] else None
    if first is None:
        return spans, ()
    head = list(spans[:first.span]) + ([_slice(spans[first.span], 0, first.start)] if first.start else [])
    tail = [_slice(spans[first.span], first.start, len(spans[first.span].text))] + list(spans[first.span + 1:])
    return _trimmed(head), _trimmed(tail, leading=True)


def lines_between(spans: Inline, lines: list[Line], first: int, last: int | None = None) -> Inline:
    """The spans of ``lines[first:last]``: what split_at leaves of ``spans`` after cutting at ``first`` and then
    cutting that rest after ``last - first`` lines (with its lines), with no rest made in between.

    Valid where the rest is wrapped as these lines are (see rewraps_from); a paragraph cut into many slides
    is then cut in time linear in its length, not once per slide over all that follows.
    """
    start = lines[first][0]
    stop = lines[last][0] if last is not None and last < len(lines) and lines[last] else None
    if stop is None:
        taken = [_slice(spans[start.span], start.start, len(spans[start.span].text)), *spans[start.span + 1:]]
        return _trimmed(taken, leading=True)
    if stop.span == start.span:
        return _trimmed([_slice(spans[start.span], start.start, stop.start)])
    taken = [_slice(spans[start.span], start.start, len(spans[start.span].text)), *spans[start.span + 1:stop.span]]
    return _trimmed(taken + ([_slice(spans[stop.span], 0, stop.start)] if stop.start else []))


def rewraps_from(spans: Inline, lines: list[Line], count: int) -> bool:
    """Whether the rest of ``spans`` from line ``count`` on, wrapped again at the same width, breaks exactly as
    ``lines`` do: when the line starts a word (not a word broken between characters, nor spaces split_at
    would trim), wrapping starts afresh there, and greedy wrapping reads nothing before its first word."""
    if count >= len(lines) or not lines[count]:
        return False
    first = lines[count][0]
    text = spans[first.span].text
    if text[first.start] == " ":
        return False
    if first.start:
        return text[first.start - 1] == " "
    before = next((spans[i].text for i in range(first.span - 1, -1, -1) if spans[i].text), "")  # no slice: O(1)
    return not before or before.endswith(" ")


class _Text:
    """A text's measured words, and their widths at each size it was wrapped at."""

    __slots__ = ("words", "_sizes")

    def __init__(self, words: list[_Word]) -> None:
        self.words = words
        self._sizes: dict[float, list[tuple[float, float]]] = {}

    def at(self, size: float) -> list[tuple[float, float]]:
        """Each word's width and the width of its glyphs alone (without the spaces after it), in points."""
        widths = self._sizes.get(size)
        if widths is None:
            widths = self._sizes[size] = []
            for word in self.words:
                units = word.units
                # One part is the common case; its sum is that part's width exactly.
                word_width = units[0] * size / 1000 if len(units) == 1 else sum(unit * size / 1000 for unit in units)
                widths.append((word_width, word_width - word.trailing * size / 1000))
        return widths


class _Word:
    """A word and the space after it, possibly spread over several styled spans, measured at 1000 pt."""

    __slots__ = ("parts", "units", "trailing")

    def __init__(self, parts: tuple[tuple[int, int, int], ...], units: tuple[float, ...], trailing: float) -> None:
        self.parts = parts
        self.units = units  # the width of each part
        self.trailing = trailing  # the width of the spaces that end it

    def characters(self) -> list[tuple[int, int, int]]:
        return [(i, k, k + 1) for i, a, b in self.parts for k in range(a, b)]


def _length(spans: Inline) -> int:
    return sum(len(span.text) for span in spans)


def _joined(line: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for i, a, b in line:
        if out and out[-1][0] == i and out[-1][2] == a:
            out[-1] = (i, out[-1][1], b)
        else:
            out.append((i, a, b))
    return out


def _slice(span: Span, start: int, end: int) -> Span:
    return Span(span.text[start:end], span.bold, span.italic, span.href, span.cite)


def _trimmed(spans: list[Span], *, leading: bool = False) -> Inline:
    kept = [s for s in spans if s.text]
    if kept and leading:
        kept[0] = _slice(kept[0], len(kept[0].text) - len(kept[0].text.lstrip()), len(kept[0].text))
    elif kept:
        kept[-1] = _slice(kept[-1], 0, len(kept[-1].text.rstrip()))
    return tuple(s for s in kept if s.text)


@lru_cache(maxsize=None)
def _advances(path: Path):
    return advances(path.resolve())


def _kept_width(known: dict[str, float], face, text: str) -> float:
    """The width of ``text`` (_width), kept in ``known`` (at most WIDTHS_KEPT of them) for the next time."""
    if len(known) >= WIDTHS_KEPT:
        known.clear()
    width = known[text] = _width(face, text)
    return width


def _width(face, text: str) -> float:
    """The advance of ``text`` at 1000 pt in ``face`` (character → advance)."""
    # Scaled as reportlab's stringWidth scales it, so the deck and the PDF agree to the last bit.
    return sum(map(face.__getitem__, text)) * 0.001 * 1000
