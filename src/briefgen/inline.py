"""Inline markup in text fields, parsed once into styled spans that every renderer uses.

The markup is a small, strict subset of pandoc's Markdown: ``**bold**``, ``*italic*``,
``[text](url)`` and pandoc's citations: ``[@id]``, ``[see @id, pp. 4-6, emphasis added]``,
``[@a; @b, chap. 2]``, ``[-@id]`` and the author in the text, ``@id says`` or ``@id [p. 4] says``.
A backslash makes the next punctuation character literal. Everything else, including HTML, XML,
reportlab tags and format strings, is literal text in every format: renderers escape span text themselves.

The parser is linear in the length of the text: it jumps between the characters that can start
markup, and where an emphasis run closes is looked up in tables built once per text, never by
scanning forward again from every opener.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .value import Value

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
# As in CommonMark, a backslash escapes ASCII punctuation only; before anything else it is a backslash.
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class Citation(Value):
    """One cited source and what the author said about the place cited, as pandoc reads it.

    ``[see @jami2022, pp. 4-6, emphasis added]`` is id ``jami2022``, label ``page``, locator
    ``4–6``, prefix "see" and suffix ", emphasis added". ``@jami2022 says`` is ``in_text``: the
    sentence names the author. ``[-@jami2022]`` suppresses the author (the sentence already names them).
    """

    id: str
    locator: str = ""  # "4", "4–6", "2.3"; empty when none is given
    label: str = ""  # the CSL locator term: "page", "chapter", "section", ... (set when locator is)
    prefix: Inline = ()
    suffix: Inline = ()  # as written after the key or locator, with its leading comma or space
    in_text: bool = False
    suppress_author: bool = False

    @property
    def place(self) -> str:
        """The locator as a reader expects it: "p. 4", "pp. 4–6", "chap. 2"; empty without one."""
        if not self.locator:
            return ""
        singular, plural = LOCATOR_TERMS[self.label]
        many = any(mark in self.locator for mark in "–,&")
        return f"{plural if many else singular} {self.locator}"


class Span(Value):
    """A run of text with one style. A citation span has ``cite`` set and no text."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    cite: Citation | None = None
    change: str = ""  # in a redline (layout/redline.py): "ins" inserted, "del" deleted since the last edition


Inline = tuple[Span, ...]


class MarkupError(ValueError):
    """A text field's inline markup is malformed or unsafe."""


# CSL's locator terms with their short forms (singular, plural), as pandoc's citeproc shows them.
LOCATOR_TERMS: dict[str, tuple[str, str]] = {
    "book": ("bk.", "bks."), "chapter": ("chap.", "chaps."), "column": ("col.", "cols."),
    "figure": ("fig.", "figs."), "folio": ("fol.", "fols."), "number": ("no.", "nos."),
    "line": ("l.", "ll."), "note": ("n.", "nn."), "opus": ("op.", "opp."), "page": ("p.", "pp."),
    "paragraph": ("para.", "paras."), "part": ("pt.", "pts."), "section": ("sec.", "secs."),
    "sub verbo": ("s.v.", "s.vv."), "verse": ("v.", "vv."), "volume": ("vol.", "vols."),
}
# Every way of writing a label (full, plural, short, symbol) → its term.
_LABELS: dict[str, str] = {"§": "section", "§§": "section", "¶": "paragraph", "¶¶": "paragraph"}
for _term, (_one, _many) in LOCATOR_TERMS.items():
    _LABELS.update({_term: _term, _term + "s": _term, _one: _term, _many: _term})
    # Without the full stop, as it is often typed: "pp 4-6", "chap 2".
    _LABELS.update({form.rstrip("."): _term for form in (_one, _many) if len(form.rstrip(".")) > 1})

# pandoc's citation key: starts with a letter (of any script), digit or _, and may hold internal punctuation
# ("doi:10.1/x", "https://...": a colon or slash before a slash too). Any other id is cited in braces:
# @{Gel'fand1975}, @{https://doi.org/10.1/x?y=1}.
KEY = r"\w(?:\w|[:.#$%&+?<>~/-](?=\w)|[:/](?=/))*"
_KEY = re.compile(rf"(-?)@(?:({KEY})|\{{([^{{}}\s]+)\}})")
_BARE = re.compile(KEY)
_NUMBER = r"(?:[A-Za-z]?\d+[A-Za-z]?(?:\.\d+)*|[ivxlcdm]+|[IVXLCDM]+)"
_URL = re.compile(r"\(([^()\s]+)\)")
_SPECIAL = re.compile(r"[\\\[*@]")
_BRACKET = re.compile(r"[\[\]]")


# Each field is parsed by the loader, the document layout and the deck layout: parse it once.
@lru_cache(maxsize=1 << 16)
def parse(text: str) -> Inline:
    """Parse one text field into spans; raises MarkupError for an unsafe link or a malformed citation."""
    return _merge(_Parser(text).spans(0, len(text), cites=True))


def plain(text: str) -> str:
    """The text as a reader sees it without styles, citations dropped (for titles, notes, metadata)."""
    return text_of(parse(text))


def text_of(spans: Inline) -> str:
    """The characters of parsed spans without their styles; citations add none."""
    return "".join(s.text for s in spans)


def citable_bare(key: str) -> bool:
    """Whether ``key`` can be cited as ``@key`` (else only as ``@{key}``)."""
    return _BARE.fullmatch(key) is not None


def citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in reading order."""
    return [s.cite for s in parse(text) if s.cite]


class _Frame:
    """A region being parsed: where it ends, its style, and where parsing resumes after it."""

    __slots__ = ("end", "bold", "italic", "href", "resume")

    def __init__(self, end: int, bold: bool, italic: bool, href: str | None, resume: int) -> None:
        self.end, self.bold, self.italic, self.href, self.resume = end, bold, italic, href, resume


class _Parser:
    """One text's parse. Regions nest (emphasis in a link, bold in italics) on an explicit stack."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._stars: list[int] | None = None
        self._brackets: list[int] | None = None

    def spans(self, start: int, end: int, *, cites: bool) -> list[Span]:
        text = self.text
        out: list[Span] = []
        buf: list[str] = []
        frames = [_Frame(end, False, False, None, end)]

        def flush(frame: _Frame) -> None:
            if buf:
                out.append(Span("".join(buf), frame.bold, frame.italic, frame.href))
                buf.clear()

        i = start
        while frames:
            frame = frames[-1]
            found = _SPECIAL.search(text, i, frame.end)
            if found is None:
                buf.append(text[i:frame.end])
                flush(frame)
                frames.pop()
                i = frame.resume
                continue
            j = found.start()
            if j > i:
                buf.append(text[i:j])
            i = j
            ch = text[i]
            if ch == "\\":
                if i + 1 < frame.end and text[i + 1] in _ESCAPABLE:
                    buf.append(text[i + 1])
                    i += 2
                else:
                    buf.append(ch)
                    i += 1
                continue
            if ch == "[" and frame.href is None:
                taken = self._bracket(i, frame, out, cites=cites, flush=lambda: flush(frame))
                if taken is not None:
                    if isinstance(taken, _Frame):
                        frames.append(taken)
                        i += 1
                    else:
                        i = taken
                    continue
            elif ch == "@" and cites and frame.href is None and self._may_cite_here(i, start):
                cite = self._in_text(i, frame.end)
                if cite is not None:
                    flush(frame)
                    citation, i = cite
                    out.append(Span("", frame.bold, frame.italic, None, citation))
                    continue
            elif ch == "*":
                marker = 2 if text.startswith("**", i, frame.end) else 1
                close = self._closing(i + marker, frame.end, marker)
                if close is not None:
                    flush(frame)
                    frames.append(_Frame(close, frame.bold or marker == 2, frame.italic or marker == 1,
                                         frame.href, close + marker))
                    i += marker
                    continue
            buf.append(ch)
            i += 1
        return out

    # --- brackets: citations and links ----------------------------------------------------

    def _bracket(self, i: int, frame: _Frame, out: list[Span], *, cites: bool, flush) -> int | _Frame | None:
        """Read a citation bracket or a link opened at ``i``: where to go on, a link's region, or None."""
        text = self.text
        close = self._next_bracket(i + 1)
        if close is None or close >= frame.end or text[close] != "]" or text[close - 1] == "\\":
            return None
        url = _URL.match(text, close + 1, frame.end)
        if url is not None and close > i + 1:
            target = url.group(1)
            if not target.lower().startswith(ALLOWED_SCHEMES):
                raise MarkupError(f"link target {target!r} is not allowed: use an http, https or mailto address")
            flush()
            return _Frame(close, frame.bold, frame.italic, target, url.end())
        if not cites:
            return None
        group = self._citation_group(i + 1, close)
        if group is None:
            return None
        flush()
        out += [Span("", frame.bold, frame.italic, None, citation) for citation in group]
        return close + 1

    def _citation_group(self, start: int, end: int) -> list[Citation] | None:
        """``[see @a, p. 4; @b]``'s citations, or None when the bracket is not a citation."""
        body = self.text[start:end]
        parts = _split_unescaped(body, ";")
        keys = [list(_keys_in(part)) for part in parts]
        if not all(keys):
            return None
        group = []
        for part, found in zip(parts, keys):
            if len(found) > 1:
                raise MarkupError(f"the citation [{body}] names several sources in one part; "
                                  "separate them with ';' as in [@a; @b], or write \\@ for a literal @")
            key = found[0]
            locator, label, suffix = _locator(part[key.end():])
            group.append(Citation(
                id=key.group(2) or key.group(3), locator=locator, label=label,
                prefix=_merge(_Parser(part[:key.start()].strip()).spans(0, len(part[:key.start()].strip()),
                                                                         cites=False)),
                suffix=_merge(_Parser(suffix).spans(0, len(suffix), cites=False)),
                suppress_author=key.group(1) == "-"))
        return group

    def _may_cite_here(self, i: int, start: int) -> bool:
        # As in pandoc, an @ inside a word (an e-mail address) does not cite.
        return i == start or not (self.text[i - 1].isalnum() or self.text[i - 1] in "_.+-")

    def _in_text(self, i: int, end: int) -> tuple[Citation, int] | None:
        """``@id`` or ``@id [p. 4]`` at ``i``: the citation and where the text goes on, or None."""
        key = _KEY.match(self.text, i, end)
        if key is None:
            return None
        citation = Citation(id=key.group(2) or key.group(3), in_text=True)
        after = key.end()
        # pandoc: a bracket right after the key holds its locator and suffix: @jami2022 [p. 4].
        j = after + 1 if self.text.startswith(" [", after) else after
        if self.text.startswith("[", j):
            close = self._next_bracket(j + 1)
            if (close is not None and close < end and self.text[close] == "]"
                    and not _URL.match(self.text, close + 1, end)):
                inside = self.text[j + 1:close]
                if "@" not in inside:
                    locator, label, suffix = _locator(", " + inside if not inside.startswith(",") else inside)
                    suffix = suffix.removeprefix(", ") if not locator else suffix
                    citation = Citation(id=citation.id, locator=locator, label=label, in_text=True,
                                        suffix=_merge(_Parser(suffix).spans(0, len(suffix), cites=False)))
                    after = close + 1
        return citation, after

    def _next_bracket(self, i: int) -> int | None:
        if self._brackets is None:
            self._brackets = [m.start() for m in _BRACKET.finditer(self.text)]
        k = bisect_left(self._brackets, i)
        return self._brackets[k] if k < len(self._brackets) else None

    # --- emphasis ---------------------------------------------------------------------------

    def _closing(self, start: int, end: int, marker: int) -> int | None:
        """Where an emphasis run opened just before ``start`` closes, Markdown-style, before ``end``.

        No space inside the markers; an italic run skips a bold run nested in it. The first closer at
        or after each star is computed once for the whole text (right to left), so each opener costs
        one lookup instead of a scan.
        """
        text = self.text
        if start >= end or text[start].isspace():
            return None
        if self._stars is None:
            self._tables()
        table = self._single if marker == 1 else self._double
        k = bisect_left(self._stars, start)
        if k == len(self._stars):
            return None
        j = self._stars[k]
        # The closer cannot be the first character inside the run ("***" is not an empty italic).
        if j == start and not (marker == 1 and text.startswith("**", j)):
            k += 1
            if k == len(self._stars):
                return None
        close = table[k]
        if close is None or close + marker > end:
            return None
        return close

    def _tables(self) -> None:
        text = self.text
        stars = [m.start() for m in re.finditer(r"\*", text)]
        self._stars = stars
        count = len(stars)
        is_double = [text.startswith("**", s) for s in stars]
        valid = [s > 0 and not text[s - 1].isspace() and text[s - 1] != "\\" for s in stars]
        # next_double[k]: the index (into stars) of the first "**" at or after stars[k].
        next_double: list[int | None] = [None] * (count + 1)
        for k in range(count - 1, -1, -1):
            next_double[k] = k if is_double[k] else next_double[k + 1]
        double: list[int | None] = [None] * (count + 1)
        for k in range(count - 1, -1, -1):
            double[k] = stars[k] if is_double[k] and valid[k] else double[k + 1]
        single: list[int | None] = [None] * (count + 1)
        for k in range(count - 1, -1, -1):
            if is_double[k]:
                # A bold run inside italics: skip to after its closing "**" (two stars on).
                bold_end = next_double[k + 2] if k + 2 <= count else None
                single[k] = None if bold_end is None else single[min(bold_end + 2, count)]
            elif valid[k]:
                single[k] = stars[k]
            else:
                single[k] = single[k + 1]
        self._double, self._single = double, single


def _keys_in(part: str):
    """The ``@id`` keys in one part of a citation bracket that start a word (not inside an e-mail address)."""
    for key in _KEY.finditer(part):
        at = key.start()
        if at == 0 or part[at - 1].isspace() or part[at - 1] in "([":
            if at == 0 or part[at - 1] != "\\":
                yield key


@lru_cache(maxsize=None)
def _locator_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A locator's label and its number, compiled when a citation first has a locator: the labels' alternation
    alone was ~3 ms of every command's start, and many briefs cite no page."""
    labels = re.compile("|".join(re.escape(label) for label in sorted(_LABELS, key=len, reverse=True)), re.IGNORECASE)
    return labels, re.compile(rf"\s*({_NUMBER}(?:\s*(?:[-–—]+|,|&|and)\s*{_NUMBER})*)(?!\w)")


def _locator(rest: str) -> tuple[str, str, str]:
    """Split what follows a key into (locator, label term, suffix) as pandoc does."""
    if not rest.startswith(","):
        return "", "", rest.rstrip()
    body = rest[1:].lstrip()
    labels, numbers = _locator_patterns()
    label = labels.match(body)
    term = "page"
    if label is not None and (label.end() == len(body) or not body[label.end()].isalpha()):
        term = _LABELS.get(label.group().lower(), _LABELS.get(label.group(), "page"))
        body = body[label.end():]
    elif not body[:1].isdigit():
        return "", "", rest.rstrip()
    number = numbers.match(body)
    if number is None:
        return "", "", rest.rstrip()
    # A page range is printed with an en dash, however it was typed.
    locator = re.sub(r"\s*[-–—]+\s*", "\u2013", number.group(1))
    return locator, term, body[number.end():].rstrip()


def _split_unescaped(text: str, separator: str) -> list[str]:
    parts, current, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if text[i] == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(text[i])
        i += 1
    parts.append("".join(current))
    return parts


def _merge(spans: list[Span]) -> Inline:
    """Neighbouring spans of one style joined, empty ones dropped (texts joined once: linear)."""
    merged: list[Span] = []
    run: list[Span] = []

    def close_run() -> None:
        if run:
            first = run[0]
            merged.append(first if len(run) == 1 else
                          Span("".join(s.text for s in run), first.bold, first.italic, first.href))
            run.clear()

    for span in spans:
        if span.cite:
            close_run()
            merged.append(span)
        elif span.text:
            if run and (run[0].bold, run[0].italic, run[0].href) != (span.bold, span.italic, span.href):
                close_run()
            run.append(span)
    close_run()
    return tuple(merged)
