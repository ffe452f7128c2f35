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
  it splits across a page and once more to draw them;
- a long paragraph (longer than ``LaidOut`` keeps) is parsed and broken only as far as the
  page being laid out needs (``_Lines``): parsed whole, a dense paragraph of a million
  characters held ~230 MB of frags while its pages were drawn.

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
from weakref import WeakSet

from reportlab.platypus import Flowable

from . import word_breaks
from .frags import frags_of
from .internals import (FUZZ, WRAP_STATE, SplitParagraph, are_processed, break_lines, cleaned, end_of_part,
                        forces_break, frag_lines, frag_words, is_cut_frag, is_cut_word, line_counts, may_end_line_at,
                        may_start_words, parsed_pieces, rejoined_words, set_line_counts, split as split_words, strip,
                        without_unused_places_to_end)
from .tags import Element

# What wrap leaves for split and draw to read: reportlab's, and where this paragraph's words start.
_WRAP_STATE = (*WRAP_STATE, "_frag_base", "_line_words")

CHUNK = 1000
"""Words broken at a time: reportlab's cost per chunk grows as its square, the carried line's as its length."""

PIECE = 16 * CHUNK
"""Characters of a long paragraph's markup parsed at a time: about CHUNK words of densely marked-up text."""


class LaidOut:
    """The paragraphs one render lays out, kept for the next: their parsed markup, and their lines at each width.

    Kept by markup, style and bullet text, which decide both; each of several alike (a table's
    column repeating "Unlikely") is kept, for one of the next render's. A paragraph that was split is not
    kept: reportlab's split may change the lines it splits (it marks a hyphenated word that ends
    a part). A paragraph of the next render takes over what it reuses (only one may: the last
    render is over). Only the last render's paragraphs are kept, and only the first ``LIMIT``
    characters of markup of it: a paragraph kept stays in memory after it is drawn, and a brief
    fifty times the NRF brief would then need half as much memory again.
    """

    LIMIT = 60_000  # about 4 MB of lines and words; the NRF brief has 30,000 characters

    def __init__(self) -> None:
        self._last: dict[tuple, list[tuple[list, dict]]] = {}
        self._now: dict[tuple, list[Paragraph]] | None = None  # the paragraphs of the render under way
        self._room = 0  # characters of markup the render under way may still keep

    @contextmanager
    def render(self) -> Iterator[None]:
        """Paragraphs made inside are laid out with the last render's help, and kept for the next."""
        self._now, self._room = {}, self.LIMIT
        try:
            yield
            kept = ((key, [(p._parsed, p._breaks) for p in alike if not p._split]) for key, alike in self._now.items())
            self._last = {key: alike for key, alike in kept if alike}
        finally:
            self._now = None

    def earlier(self, paragraph: Paragraph, key: tuple) -> tuple[list, dict] | None:
        """What the last render kept of a paragraph like this one, which is kept in turn if there is room."""
        if self._now is None:
            return None
        text = key[0]
        if len(text) <= self._room:
            self._now.setdefault(key, []).append(paragraph)
            self._room -= len(text)
        alike = self._last.get(key)
        return alike.pop(0) if alike else None  # in order: the n-th alike of the last render may share its width


LAID_OUT = LaidOut()


def _breaks_in_chunks(style: object) -> bool:
    """Whether reportlab breaks a paragraph of this style into the lines breaking its words in chunks gives: not
    where it moves words about in a line (bidi, shaping), hyphenates them, or fills the last line with dots."""
    return not (style.wordWrap or style.shaping or getattr(style, "hyphenationLang", "") or style.endDots)


def _breaks_lazily(style: object) -> bool:
    """Whether a long paragraph of this style may be parsed and broken as it is laid out (_Lines): its words as
    reportlab parses them whole (no text transform), its lines in chunks, the first no wider than the rest
    (a wider one is broken again as narrow if a later line overflows, which only the whole tells), and each as
    high as the style's leading."""
    return (_breaks_in_chunks(style) and not style.textTransform and not getattr(style, "bulletText", None)
            and style.firstLineIndent >= 0 and getattr(style, "autoLeading", "") in ("", "off", None))


def _overflows(broken) -> bool:
    """Whether a line after the first of ``broken`` (breakLines's) holds one word, wider than the line."""
    if broken.kind == 1:
        return any(line.wordCount == 1 and line.extraSpace < -FUZZ for line in broken.lines[1:])
    return any(len(words) == 1 and extra < -FUZZ for extra, words in broken.lines[1:])


class _Unparsed:
    """What a paragraph is, besides its class, until it is parsed: the first attribute reportlab asks for that its
    __init__ would have set (frags, text, bulletText...) parses it, and it is of its own class alone again.

    Only until then: reportlab asks a paragraph for attributes it lacks (hasattr(spaceBefore), _SPACETRANSFER...)
    ~2,800 times in a render of the NRF brief, and each miss through a __getattr__ took 2 µs, 0.05 without one.
    """

    _own_class: type  # the paragraph's class, which it is alone once parsed

    def __getattr__(self, name: str) -> object:
        if self.__dict__.get("_markup") is None:  # not made by __init__ (a copy being made, before its state is set)
            raise AttributeError(name)
        self._parse()
        return getattr(self, name)


class Paragraph(SplitParagraph):
    """A reportlab Paragraph; see the module's docstring for what it does differently and why."""

    _unparsed: type  # this class with _Unparsed's __getattr__, which each paragraph is until it is parsed

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if _Unparsed not in cls.__bases__:
            cls._unparsed = _unparsed(cls)

    _frag_base = 0  # where this paragraph's frag words start in the lines it was given (a split's rest)
    _line_words = None  # (all words, where each line's start, first line here): a plain paragraph's words by line
    _drawn = False
    _split = False  # whether split was asked of it: then its lines may have changed
    _earlier_breaks: dict = {}  # the lines of the same paragraph in the last render, by width
    _given_lines = None  # for the rest of a split: the widths, lines, frag base and words split gave it
    _places_to_end = False  # whether its text has places a line may end inside a word (word_breaks)

    _markup: tuple | None = None  # (text, reportlab's keywords) until the paragraph is first laid out
    _lazy: tuple | None = None  # a long paragraph's (_Lines or None, the number of this part's first line in them)
    _room = 0.0  # the height the last wrap was given, which a long paragraph breaks lines for

    def __init__(self, text: str | None, style: object, *, tag: Element | None = None,
                 label: Element | None = None, in_frame: bool = False, **kwargs: object):
        self._breaks: dict[float, tuple] = {}  # its lines by width, and what else wrap leaves, at each
        self.tag, self.label = tag, label
        # Only a frame asks no more of a paragraph's height than whether it fits: a table sizes a row by its cells'
        # heights. So only a paragraph the page's frame lays out may be broken as it is laid out (_Lines).
        self._in_frame = in_frame
        if text is None:  # reportlab's split makes the parts without tag and label (nor text); split() passes them on
            super().__init__(text, style, **kwargs)
            self._parsed = self.frags
            return
        # The whole story is made before the first page is laid out: parsed at once, a long brief's markup
        # took hundreds of megabytes of frags, every paragraph's at the same time. Parsed when first asked
        # for, each paragraph's frags go when it has been drawn (the story lets go of what it drew).
        self.style = style
        self._markup = (text, kwargs)
        self.__class__ = self._unparsed

    def _parse(self) -> None:
        text, kwargs = self._markup
        self._markup = None
        self.__class__ = self._own_class
        if self._in_frame and len(text) > LaidOut.LIMIT and not kwargs and _breaks_lazily(self.style):
            # Parsed and broken as it is laid out (_Lines); too long to be kept for the next render anyway.
            super().__init__(None, self.style, frags=[])
            self.text, self._places_to_end = cleaned(text), word_breaks.LINE_MAY_END in text
            self._lazy, self._parsed = (None, 0), []
            return
        earlier = LAID_OUT.earlier(self, (text, self.style, *sorted(kwargs.items())))
        self._places_to_end = word_breaks.LINE_MAY_END in text  # an address, whose parts a line may end between
        if earlier is None:
            # Read as reportlab's parser would read it (frags.py), which is left to do it where that is not ours.
            text = cleaned(text)
            super().__init__(text, self.style, frags=frags_of(text, self.style), **kwargs)
            if self._places_to_end:
                may_end_line_at(self.frags)
        else:
            super().__init__(text, self.style, frags=earlier[0], **kwargs)
            self._earlier_breaks = earlier[1]
        self._parsed = self.frags  # before line breaking replaces them with frag words

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if self._markup is not None:  # parsed first: that finds the lines the last render broke (_earlier_breaks)
            self._parse()
        if self._lazy is not None:
            # A long paragraph breaks a few lines more than this height holds: if it does not end within them,
            # its height is theirs, more than it was given, and it is split (a frame asks no more of it).
            self._room = availHeight
            return super().wrap(availWidth, availHeight)
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
        if self._lazy is not None:
            broken = self._lazy_lines(widths)
            if broken is not None:
                return broken
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

    def _lazy_lines(self, widths: list[float]):
        """A long paragraph's lines, as far as the height last given asks; None where they are left to the rest of
        breakLines: a paragraph reportlab breaks as plain words, or a part asked for at another width."""
        lines, first = self._lazy
        if lines is None or widths != (lines.widths if first == 0 else lines.widths[-1:] * 2):
            if first:  # the words from this part's first line on, as reportlab would break them again
                self.frags, self._lazy = lines.rest(first), None
                return None
            lines = _Lines(self.text, self.style, self._places_to_end, widths)
            if lines.single is not None:
                self.frags = self._parsed = lines.single
                self._lazy = None
                return None
            lines.parts.add(self)
            self._lazy = (lines, 0)
        lines.upto(first + int(self._room / self.style.leading) + 2)
        known, self.frags, self._frag_base = lines.view(first)
        set_line_counts(self, lines.breaker.width_max, lines.breaker.long_words)
        return frag_lines(known)

    def _broken(self, widths: list[float]):
        words = self._words(widths[0])
        if words is None or len(words) <= CHUNK:
            return break_lines(self, widths if len(widths) > 1 else widths[0])
        return self._break_in_chunks(words, widths)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        self._split = True
        if self._markup is not None or self._lazy is not None:
            self.wrap(availWidth, availHeight)  # a long paragraph's lines for this height
        lazy = self._lazy
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
            if lazy is not None:  # the rest goes on with the lines of this one, broken as it is laid out
                rest._lazy = (lazy[0], lazy[1] + start)
                lazy[0].parts.add(rest)
                return parts
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
        if not _breaks_in_chunks(self.style):
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
        breaker = _Breaker(self, widths, simple)
        lines: list = []
        frag_words: list = []
        for position in range(0, len(words), CHUNK):
            broken, chunk_words = breaker.lines(words[position:position + CHUNK], position + CHUNK >= len(words))
            lines += broken
            frag_words += chunk_words
        self.frags = original if simple else frag_words
        set_line_counts(self, breaker.width_max, breaker.long_words)
        return breaker.broken.clone(lines=lines)


class _Breaker:
    """A paragraph's lines, broken from its words a chunk at a time (see the module's docstring).

    The line still being filled at the end of a chunk is carried into the next, with its words:
    breaking is greedy, so a line depends only on the words from its start.
    """

    def __init__(self, paragraph: SplitParagraph, widths: list[float], simple: bool):
        self._paragraph, self._widths, self._simple = paragraph, widths, simple
        self._frag = paragraph.frags[0] if simple else None
        self._carry: list = []
        self._lines = 0  # lines given so far
        self._words = 0  # frag words of the lines given so far
        self.width_max, self.long_words = 0.0, 0  # what breakLines leaves beside the lines, over all of them
        self.broken = None  # breakLines's last answer

    def lines(self, words: list, last: bool) -> tuple[list, list]:
        """The lines ``words`` complete after what was carried (all that are left if ``last``), and their frag
        words (none for plain words), their frag-word numbers counted from the paragraph's first."""
        paragraph = self._paragraph
        chunk = self._carry + words
        if self._simple:
            frag = self._frag.clone()
            if hasattr(frag, "text"):
                del frag.text
            frag.words = chunk
            paragraph.frags = [frag]
        else:
            paragraph.frags = chunk
        # Only the paragraph's first line may be indented differently.
        part = self.broken = break_lines(paragraph, self._widths if not self._lines else self._widths[-1:])
        widest, cut = line_counts(paragraph)
        self.width_max, self.long_words = max(self.width_max, widest), self.long_words + cut
        broken = part.lines
        # The last line of a chunk may take words from the next one: break it again with them,
        # from the start of a line that starts with a whole word (not the rest of one cut in two).
        keep = len(broken) if last else max(len(broken) - 1, 0)
        done: list = []
        if self._simple:
            while 0 < keep < len(broken) and is_cut_word(broken[keep][1][0]):
                keep -= 1
            # Pieces of a word cut across lines are joined again, as reportlab does for a split's rest.
            self._carry = list(rejoined_words(part, keep, len(broken)))
        else:
            chunk_words = paragraph.frags  # breakLines leaves its frag words here
            while 0 < keep < len(broken) and is_cut_frag(chunk_words[broken[keep].sFW]):
                keep -= 1
            end = len(chunk_words) if keep == len(broken) else broken[keep].sFW
            for line in broken[:keep]:
                line.sFW += self._words
            self._carry, done = chunk_words[end:], chunk_words[:end]
            self._words += end
        self._lines += keep
        return broken[:keep], done


def _unparsed(cls: type) -> type:
    return type(cls.__name__, (_Unparsed, cls), {"_own_class": cls, "__module__": cls.__module__,
                                                 "__qualname__": cls.__qualname__})


Paragraph._unparsed = _unparsed(Paragraph)


class _Lines:
    """A long paragraph's lines at one width, parsed from its markup and broken only as far as they are asked for.

    reportlab parses a paragraph whole and breaks it whole: the frags of a dense paragraph of a
    million characters (a word each, ~170,000 of them, with a copy of each in its line) were
    ~230 MB, all alive while its 76 pages were drawn. Here the markup is parsed a ``PIECE`` at a
    time (internals.parsed_pieces: the same frags), made into frag words up to a frag they may
    start at (internals.may_start_words: the same words), and broken in chunks (``_Breaker``: the
    same lines). The paragraph and the parts a page break splits it into share the lines; the
    lines before the first line of every part still alive are let go.
    """

    def __init__(self, text: str, style: object, places_to_end: bool, widths: list[float]):
        self.widths = widths
        self._pieces = parsed_pieces(text, style, PIECE)
        self._places_to_end = places_to_end
        self._frags: list = []  # parsed, not yet made into words
        self._some_text = False  # whether words were made of a text that is not space
        self.lines: list = []  # the lines broken and not let go, from line ``first``
        self.first = 0
        self.words: list = []  # their frag words, from frag word ``first_word``
        self.first_word = 0
        self.done = False  # whether every line is broken
        self.parts: WeakSet = WeakSet()  # the paragraph and its parts that may still ask for lines
        # reportlab breaks one frag alone as plain words (its "kind 0"): such a paragraph is left to it.
        while len(self._frags) < 2 and self._parse():
            pass
        self.single = self._frags if len(self._frags) < 2 else None
        self.breaker = _Breaker(SplitParagraph(None, style, frags=[]), widths, simple=False)

    def _parse(self) -> bool:
        """Parse the next piece of markup; False if there was none."""
        frags = next(self._pieces, None)
        if frags is None:
            return False
        if self._places_to_end:
            may_end_line_at(frags)
        self._frags += frags
        return True

    def _words(self) -> tuple[list, bool]:
        """The next frag words, and whether they are the last."""
        searched = 1  # the frags before this one were looked at as a place to start words
        while self._parse():
            frags = self._frags
            for start in range(len(frags) - 1, searched - 1, -1):
                if may_start_words(frags[start - 1], frags[start]):
                    # reportlab strips the space a paragraph starts with: words start after some text.
                    if not (self._some_text or any(strip(getattr(f, "text", "")) for f in frags[:start])):
                        break
                    self._frags, self._some_text = frags[start:], True
                    return frag_words(frags[:start]), False
            searched = len(frags)
        frags, self._frags = self._frags, []
        return frag_words(frags), True

    def upto(self, count: int) -> None:
        """Break lines until ``count`` are known (counted from the paragraph's first) or all are."""
        while not self.done and self.first + len(self.lines) < count:
            words, last = self._words()
            lines, words = self.breaker.lines(words, last)
            without_unused_places_to_end(frag_lines(lines))
            self.lines += lines
            self.words += words
            self.done = last
        needed = min((part._lazy[1] for part in self.parts), default=self.first)
        if self.first < needed < self.first + len(self.lines):
            drop = needed - self.first
            first_word = self.lines[drop].sFW
            del self.lines[:drop], self.words[:first_word - self.first_word]
            self.first, self.first_word = needed, first_word

    def view(self, first: int) -> tuple[list, list, int]:
        """The known lines from line ``first``, their frag words, and the number of the first of those."""
        lines = self.lines[first - self.first:]
        start = lines[0].sFW if lines else self.first_word + len(self.words)
        return lines, self.words[start - self.first_word:], start

    def rest(self, first: int) -> list:
        """Every frag word from line ``first`` on, every line broken: what reportlab breaks a part from at a width
        other than the lines'."""
        self.upto(1 << 62)
        return self.view(first)[1]
