"""A platypus paragraph: line breaking linear in its length however long and however split, and its text
drawn for its structure element.

reportlab's Paragraph breaks lines by taking words off the front of a Python list, one
``pop(0)`` per word, so breaking one paragraph costs time quadratic in its words (a
4 MB paragraph never finished). Each page a paragraph is split over makes a new paragraph
of the remaining words that breaks them all again: quadratic in pages too. So here:

- a paragraph of many words is broken ``CHUNK`` words at a time, the line still being
  filled at the end of a chunk carried into the next, which gives exactly the lines
  breaking all at once gives (breaking is greedy: a line depends only on the words from
  its start);
- the rest of a split paragraph keeps the lines already broken for that width;
- lines broken at a width are remembered, since a table measures its cells again each time
  it splits across a page and once more to draw them.

And a paragraph laid out by the last render (the same markup, style and bullet) is not
parsed again, nor broken again at a width it was broken at: watch mode renders a brief again
after each save, most of its paragraphs as they were (see ``LaidOut``).

``tag`` is the element of the paragraph's text, ``label`` that of its bullet text (a list
label). The parts a page break splits the paragraph into keep both, so a paragraph over two
pages stays one element. A paragraph drawn a second time is a table header repeated on a
later page: an artifact, as the reader has already been told it.

reportlab's private line structures come from internals, with every other internal we use.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from reportlab.platypus import Flowable

from . import word_breaks
from .internals import (FUZZ, WRAP_STATE, SplitParagraph, are_processed, break_lines, end_of_part, forces_break,
                        frag_words, is_cut_frag, is_cut_word, line_counts, may_end_line_at, rejoined_words,
                        set_line_counts, split as split_words, strip, without_unused_places_to_end)
from .tags import Element

# What wrap leaves for split and draw to read: reportlab's, and where this paragraph's words start.
_WRAP_STATE = (*WRAP_STATE, "_frag_base", "_line_words")

CHUNK = 1000
"""Words broken at a time: reportlab's cost per chunk grows as its square, the carried line's as its length."""


class LaidOut:
    """The paragraphs one render lays out, kept for the next: their parsed markup, and their lines at each width.

    Kept by markup, style and bullet text, which decide both. A paragraph that was split is not
    kept: reportlab's split may change the lines it splits (it marks a hyphenated word that ends
    a part). A paragraph of the next render takes over what it reuses (only one may: the last
    render is over). Only the last render's paragraphs are kept, and only the first ``LIMIT``
    characters of markup of it: a paragraph kept stays in memory after it is drawn, and a brief
    fifty times the NRF brief would then need half as much memory again.
    """

    LIMIT = 60_000  # about 4 MB of lines and words; the NRF brief has 30,000 characters

    def __init__(self) -> None:
        self._last: dict[tuple, tuple[list, dict]] = {}
        self._now: dict[tuple, Paragraph] | None = None  # the paragraphs of the render under way
        self._room = 0  # characters of markup the render under way may still keep

    @contextmanager
    def render(self) -> Iterator[None]:
        """Paragraphs made inside are laid out with the last render's help, and kept for the next."""
        self._now, self._room = {}, self.LIMIT
        try:
            yield
            self._last = {key: (p._parsed, p._breaks) for key, p in self._now.items() if not p._split}
        finally:
            self._now = None

    def earlier(self, paragraph: Paragraph, key: tuple) -> tuple[list, dict] | None:
        """What the last render kept of a paragraph like this one, which is kept in turn if there is room."""
        if self._now is None:
            return None
        text = key[0]
        if len(text) <= self._room and key not in self._now:
            self._now[key] = paragraph
            self._room -= len(text)
        return self._last.pop(key, None)


LAID_OUT = LaidOut()


def _overflows(broken) -> bool:
    """Whether a line after the first of ``broken`` (breakLines's) holds one word, wider than the line."""
    if broken.kind == 1:
        return any(line.wordCount == 1 and line.extraSpace < -FUZZ for line in broken.lines[1:])
    return any(len(words) == 1 and extra < -FUZZ for extra, words in broken.lines[1:])


class Paragraph(SplitParagraph):
    """A reportlab Paragraph; see the module's docstring for what it does differently and why."""

    _frag_base = 0  # where this paragraph's frag words start in the lines it was given (a split's rest)
    _line_words = None  # (all words, where each line's start, first line here): a plain paragraph's words by line
    _drawn = False
    _split = False  # whether split was asked of it: then its lines may have changed
    _earlier_breaks: dict = {}  # the lines of the same paragraph in the last render, by width
    _given_lines = None  # for the rest of a split: the widths, lines, frag base and words split gave it
    _places_to_end = False  # whether its text has places a line may end inside a word (word_breaks)

    _markup: tuple | None = None  # (text, reportlab's keywords) until the paragraph is first laid out

    def __init__(self, text: str | None, style: object, *, tag: Element | None = None,
                 label: Element | None = None, **kwargs: object):
        self._breaks: dict[float, tuple] = {}  # its lines by width, and what else wrap leaves, at each
        self.tag, self.label = tag, label
        if text is None:  # reportlab's split makes the parts without tag and label (nor text); split() passes them on
            super().__init__(text, style, **kwargs)
            self._parsed = self.frags
            return
        # The whole story is made before the first page is laid out: parsed at once, a long brief's markup
        # took hundreds of megabytes of frags, every paragraph's at the same time. Parsed when first asked
        # for, each paragraph's frags go when it has been drawn (the story lets go of what it drew).
        self.style = style
        self._markup = (text, kwargs)

    def __getattr__(self, name: str) -> object:
        # Only for what is not set yet: what reportlab's __init__ sets (frags, text, bulletText...).
        if self.__dict__.get("_markup") is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self._parse()
        return getattr(self, name)

    def _parse(self) -> None:
        text, kwargs = self._markup
        self._markup = None
        earlier = LAID_OUT.earlier(self, (text, self.style, *sorted(kwargs.items())))
        self._places_to_end = word_breaks.LINE_MAY_END in text  # an address, whose parts a line may end between
        if earlier is None:
            super().__init__(text, self.style, **kwargs)
            if self._places_to_end:
                may_end_line_at(self.frags)
        else:
            super().__init__(text, self.style, frags=earlier[0], **kwargs)
            self._earlier_breaks = earlier[1]
        self._parsed = self.frags  # before line breaking replaces them with frag words

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        breaks = self._breaks
        known = breaks.get(availWidth)
        if known is None and availWidth in self._earlier_breaks:
            known = breaks[availWidth] = self._earlier_breaks[availWidth]
        if known is not None:
            size, state = known
            self.__dict__.update(state)
            return size
        size = super().wrap(availWidth, availHeight)
        if availWidth >= FUZZ:  # a width too narrow to hold anything breaks nothing
            breaks[availWidth] = (size, {name: getattr(self, name) for name in _WRAP_STATE if hasattr(self, name)})
        return size

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        given, self._given_lines = self._given_lines, None
        if given is not None and given[0] == widths:
            self._frag_base, self._line_words = given[2], given[3]
            return given[1]
        self._frag_base, self._line_words = 0, None
        broken = self._broken(widths)
        if widths[0] > widths[-1] and _overflows(broken):
            # reportlab cuts a word that no line holds by the width of the line it meets it on: one wider than
            # the lines after a wider first line (a hanging indent's), met there, goes down whole and past the
            # margin. Broken as if every line were as narrow, the first line ends a little early instead.
            broken = self._broken(widths[-1:])
        if self._places_to_end:
            without_unused_places_to_end(broken)
        return broken

    def _broken(self, widths: list[float]):
        words = self._words(widths[0])
        if words is None or len(words) <= CHUNK:
            return break_lines(self, widths if len(widths) > 1 else widths[0])
        return self._break_in_chunks(words, widths)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        self._split = True
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if part is not self:
                part.tag, part.label, part._places_to_end = self.tag, self.label, self._places_to_end
        if len(parts) == 2 and getattr(self, "blPara", None) is not None:
            first, rest = parts
            lines = self.blPara.lines
            start = len(first.blPara.lines)
            style = rest.style
            later = availWidth - style.leftIndent - style.rightIndent
            processed = self.blPara.kind == 1
            # Each part's frag words start where its first line's do, in this paragraph's numbering.
            first._frag_base = lines[0].sFW if processed else 0
            words = self._line_words
            # The rest keeps the lines already broken, should it be laid out at the same width.
            rest._given_lines = ([later - style.firstLineIndent, later], self.blPara.clone(lines=lines[start:]),
                                 lines[start].sFW if processed else 0,
                                 words and (words[0], words[1], words[2] + start))
        return parts

    def draw(self) -> None:
        assert self.tag is not None, "every paragraph drawn belongs to a structure element"
        element = None if self._drawn else self.tag
        self._drawn = True
        with self.canv.tagged(element, self.label if element is not None and self.bulletText else None):
            super().draw()

    def split_lines_function(self):
        if self.blPara.kind == 0 and self._indexed_words() is not None:
            return self._split_plain
        return super().split_lines_function()

    def _split_plain(self, blPara, start, stop):
        """reportlab's _split_blParaSimple, slicing one list of words rather than walking every line after ``start``."""
        words, starts, first = self._line_words
        part = blPara.clone()
        for name in ("lines", "kind", "text"):
            if hasattr(part, name):
                delattr(part, name)
        part.words = words[starts[first + start]:starts[first + stop]]
        return [part]

    def _indexed_words(self):
        """This plain paragraph's words by line, made once for it and the rest of each split; None if a
        long word was cut across lines (reportlab then joins its pieces back, line by line)."""
        if self._line_words is None:
            words: list = []
            starts = [0]
            for _, line in self.blPara.lines:
                words += line
                starts.append(len(words))
            if any(is_cut_word(word) for word in words):
                return None
            self._line_words = (words, starts, 0)
        return self._line_words

    def split_processed(self, blPara, start, stop):  # noqa: N803 - reportlab's name
        # reportlab's, but lines given by a split keep their parent's frag-word offsets.
        if not stop:
            return []
        lines = blPara.lines
        base = self._frag_base
        first = lines[start].sFW - base
        last = lines[stop].sFW - base if stop != len(lines) else len(self.frags)
        return end_of_part(self.frags[first:last])

    def _words(self, width: float) -> list | None:
        """The paragraph's words in the form breakLines takes them, or None where chunks would not be exact."""
        style = self.style
        if style.wordWrap or style.shaping or getattr(style, "hyphenationLang", "") or style.endDots:
            return None
        frags = self.frags
        if self._simple():
            frag = frags[0]
            if hasattr(frag, "text"):
                return split_words(strip(frag.text))
            return None if type(frag.words) is not list else list(frag.words)
        if not are_processed(frags) and sum(len(getattr(f, "text", "")) for f in frags) <= 2 * CHUNK:
            return None  # too short to hold CHUNK words: not worth making its words twice
        words = frag_words(frags, width)
        # A forced line break (never in briefgen's text, which is one paragraph per field) is left to reportlab.
        return None if any(forces_break(word) for word in words) else words

    def _simple(self) -> bool:
        """Whether reportlab breaks these frags as one run of plain words (its "kind 0")."""
        frags = self.frags
        return (len(frags) == 1 and not (hasattr(frags[0], "cbDefn") or hasattr(frags[0], "backColor")
                                         or are_processed(frags)))

    def _break_in_chunks(self, words: list, widths: list[float]):
        simple = self._simple()
        original = self.frags
        lines: list = []
        frag_words: list = []
        carry: list = []
        width_max = long_words = 0
        position = 0
        part = None
        while position < len(words) or carry:
            chunk = carry + words[position:position + CHUNK]
            position += CHUNK
            last = position >= len(words)
            if simple:
                frag = original[0].clone()
                if hasattr(frag, "text"):
                    del frag.text
                frag.words = chunk
                self.frags = [frag]
            else:
                self.frags = chunk
            # Only the paragraph's first line may be indented differently.
            part = break_lines(self, widths if not lines else widths[-1:])
            widest, cut = line_counts(self)
            width_max, long_words = max(width_max, widest), long_words + cut
            broken = part.lines
            # The last line of a chunk may take words from the next one: break it again with them,
            # from the start of a line that starts with a whole word (not the rest of one cut in two).
            keep = len(broken) if last else max(len(broken) - 1, 0)
            if simple:
                while 0 < keep < len(broken) and is_cut_word(broken[keep][1][0]):
                    keep -= 1
                # Pieces of a word cut across lines are joined again, as reportlab does for a split's rest.
                carry = list(rejoined_words(part, keep, len(broken)))
            else:
                chunk_words = self.frags  # breakLines leaves its frag words here
                while 0 < keep < len(broken) and is_cut_frag(chunk_words[broken[keep].sFW]):
                    keep -= 1
                end = len(chunk_words) if keep == len(broken) else broken[keep].sFW
                for line in broken[:keep]:
                    line.sFW += len(frag_words)
                carry = chunk_words[end:]
                frag_words += chunk_words[:end]
            lines += broken[:keep]
            if last and not carry:
                break
        self.frags = original if simple else frag_words
        set_line_counts(self, width_max, long_words)
        return part.clone(lines=lines)
