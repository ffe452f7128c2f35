"""Inline markup in text fields, parsed once into styled spans that every renderer uses.

The markup is a small, strict subset of pandoc's Markdown: ``**bold**``, ``*italic*``,
``[text](url)`` and citations ``[@id]`` or ``[@a; @b]``. A backslash makes the next
punctuation character literal. Everything else, including HTML, XML, reportlab tags and format
strings, is literal text in every format: renderers escape span text themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
# As in CommonMark, a backslash escapes ASCII punctuation only; before anything else it is a backslash.
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass(frozen=True)
class Span:
    """A run of text with one style. A citation span has ``cite`` set and no text."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    cite: str | None = None


Inline = tuple[Span, ...]


class MarkupError(ValueError):
    """A text field's inline markup is malformed or unsafe."""


_CITATION = re.compile(r"\[(@[A-Za-z0-9][A-Za-z0-9_.:-]*(?:\s*;\s*@[A-Za-z0-9][A-Za-z0-9_.:-]*)*)\]")
_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")


# Each field is parsed by the loader, the document layout and the deck layout: parse it once.
@lru_cache(maxsize=1 << 16)
def parse(text: str) -> Inline:
    """Parse one text field into spans; raises MarkupError for an unsafe link target."""
    spans: list[Span] = []
    _parse_into(text, spans, bold=False, italic=False, href=None)
    return _merge(spans)


def plain(text: str) -> str:
    """The text as a reader sees it without styles, citations dropped (for titles, notes, metadata)."""
    return text_of(parse(text))


def text_of(spans: Inline) -> str:
    """The characters of parsed spans without their styles; citations add none."""
    return "".join(s.text for s in spans)


def citations(text: str) -> list[str]:
    return [s.cite for s in parse(text) if s.cite]


def _parse_into(text: str, out: list[Span], *, bold: bool, italic: bool, href: str | None) -> None:
    buf: list[str] = []
    i, n = 0, len(text)

    def flush() -> None:
        if buf:
            out.append(Span("".join(buf), bold, italic, href))
            buf.clear()

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "[" and href is None:
            cite = _CITATION.match(text, i)
            if cite:
                flush()
                for key in cite.group(1).split(";"):
                    out.append(Span("", bold, italic, None, key.strip()[1:]))
                i = cite.end()
                continue
            link = _LINK.match(text, i)
            if link:
                target = link.group(2)
                if not target.lower().startswith(ALLOWED_SCHEMES):
                    raise MarkupError(
                        f"link target {target!r} is not allowed: use an http, https or mailto address")
                flush()
                _parse_into(link.group(1), out, bold=bold, italic=italic, href=target)
                i = link.end()
                continue
        if ch == "*":
            marker = "**" if text.startswith("**", i) else "*"
            end = _closing(text, i + len(marker), marker)
            if end is not None:
                flush()
                inner = text[i + len(marker):end]
                _parse_into(inner, out,
                            bold=bold or marker == "**", italic=italic or marker == "*", href=href)
                i = end + len(marker)
                continue
        buf.append(ch)
        i += 1
    flush()


def _closing(text: str, start: int, marker: str) -> int | None:
    """Where an emphasis run opened at ``start`` closes, Markdown-style: no space inside the markers."""
    if start >= len(text) or text[start].isspace():
        return None
    i = start
    while True:
        j = text.find(marker, i)
        if j == -1:
            return None
        if marker == "*" and text.startswith("**", j):
            # Skip a bold run nested inside italics.
            close = text.find("**", j + 2)
            if close == -1:
                return None
            i = close + 2
            continue
        if j > start and not text[j - 1].isspace() and text[j - 1] != "\\":
            return j
        i = j + 1


def _merge(spans: list[Span]) -> Inline:
    merged: list[Span] = []
    for span in spans:
        if not span.text and not span.cite:
            continue
        last = merged[-1] if merged else None
        if (last and not last.cite and not span.cite and
                (last.bold, last.italic, last.href) == (span.bold, span.italic, span.href)):
            merged[-1] = Span(last.text + span.text, last.bold, last.italic, last.href)
        else:
            merged.append(span)
    return tuple(merged)
