"""Citations and the sources list in a Citation Style Language style, formatted by citeproc-py.

A brief names its style with ``csl:`` (or its theme does): one briefgen ships by name, or a ``.csl``
file (citation_styles.py reads and checks them). The default is Chicago notes and bibliography, the
style a policy reader knows: the first note of a source in full, later ones short, the bibliography
sorted with the first author's name inverted. The layout asks this module for the words; the
renderers never see a style.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..citation_styles import parsed
from ..inline import Citation, Inline, Span, text_of
from ..model import Source
from ..value import Value
from .line_breaks import address

# Words that make an author a body rather than a person: "Example Research Centre" is not "Centre, Example
# Research". An author written "Family, Given" is always a person.
_BODIES = frozenset("""academy agency archive archives association authority bank board bureau center centre
college commission committee company corporation council court department desk directorate division embassy
forum foundation fund government group initiative institute institution international league library ministry
monitor network news observatory office organisation organization parliament party police press program programme
project reuters secretariat service society staff times tribunal union university watch""".split())


# --- the formatter: citeproc-py joins strings; these markers carry italics and bold through it ---

_ITALIC, _END_ITALIC, _BOLD, _END_BOLD = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKERS = re.compile("[\ue000-\ue003]")


class _Marked(str):
    start = end = ""

    def __new__(cls, text: str) -> "_Marked":
        return super().__new__(cls, f"{cls.start}{text}{cls.end}")


class _Formatter:
    """A citeproc-py output format (a module-like object): text with private-use markers for styles."""

    @staticmethod
    def preformat(text: Any) -> str:
        return _MARKERS.sub("", str(text))

    class Italic(_Marked):
        start, end = _ITALIC, _END_ITALIC

    class Bold(_Marked):
        start, end = _BOLD, _END_BOLD

    Oblique = Italic

    class _Plain(str):
        pass

    Light = Underline = Superscript = Subscript = SmallCaps = _Plain


_URL = re.compile(r"https?://[^\s\ue000-\ue003]+?(?=[.,;:)]?(?:\s|$|[\ue000-\ue003]))")


def spans(marked: str) -> Inline:
    """citeproc-py's output as spans: italic and bold from the markers, every web address a link."""
    out: list[Span] = []
    italic = bold = False
    for piece in re.split(f"({_MARKERS.pattern})", marked):
        if piece in (_ITALIC, _END_ITALIC):
            italic = piece == _ITALIC
        elif piece in (_BOLD, _END_BOLD):
            bold = piece == _BOLD
        elif piece:
            at = 0
            for url in _URL.finditer(piece):
                if url.start() > at:
                    out.append(Span(piece[at:url.start()], bold, italic))
                out.append(address(url.group(), bold, italic))
                at = url.end()
            if at < len(piece):
                out.append(Span(piece[at:], bold, italic))
    return tuple(out)


# --- the sources as CSL items -------------------------------------------------------------------

def _names(author: str) -> list[dict[str, str]]:
    """An author field as CSL names: "A and B", "A, B and C" split; a person's family name is the last
    word (or what comes before the comma of "Family, Given"); a body's name is one literal."""
    if re.fullmatch(r"[^,]+,[^,]+", author) and " and " not in author:
        family, given = (part.strip() for part in author.split(","))
        return [{"family": family, "given": given}]
    names = []
    for name in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", author):
        words = name.split()
        if not words:
            continue
        body = len(words) == 1 or len(words) > 4 or words[0] == "The" \
            or any(w.lower().strip(".") in _BODIES for w in words) \
            or any(w.islower() for w in words[1:-1])  # "The White House", "Archives of Yugoslavia"
        names.append({"literal": name} if body else {"family": words[-1], "given": " ".join(words[:-1])})
    return names


def item(source: Source, key: str) -> dict[str, Any]:
    """A source as one CSL-JSON item: a web page of its publisher when it has an address, else a report."""
    data: dict[str, Any] = {"id": key, "title": _plain_title(source.title)}
    main, colon, _ = data["title"].partition(": ")
    if colon and len(main.split()) >= 3:  # a short note names a title without its subtitle (Chicago 14.30)
        data["title-short"] = main
    if source.url and source.publisher:
        data.update(type="webpage", **{"container-title": source.publisher})
    elif source.publisher:
        data.update(type="report", publisher=source.publisher)
    else:
        data["type"] = "webpage" if source.url else "document"
    if source.author:
        data["author"] = _names(source.author)
    if source.date:
        data["issued"] = {"date-parts": [[p for p in (source.date.year, source.date.month, source.date.day) if p]]}
    if source.url:
        data["URL"] = source.url
    return data


def _plain_title(title: str) -> str:
    from ..inline import plain
    return plain(title)


class Formatted(Value):
    """What a style made of a brief's citations: one text per cluster given, and the sorted sources list."""

    notes: bool                                   # cited in numbered notes, not in the text
    citations: tuple[Inline, ...]                 # for each cluster, in the order given
    bibliography: tuple[tuple[str, Inline], ...]  # (source id, entry), in the style's order


# What a style made of a brief's citations, by everything that went into it: citeproc-py takes some 50 ms for a
# brief of a dozen sources, and a save in `briefgen watch` seldom changes a citation. A few entries, as a
# watch renders one or two briefs (each style is parsed once per process, in citation_styles.parsed).
_FORMATTED: dict[tuple, Formatted] = {}
_FORMATTED_KEPT = 8


def format_citations(key: str, language: str, sources: Iterable[Source],
                     clusters: Iterable[tuple[Citation, ...]], *, short: bool = False) -> Formatted:
    """Every cluster (the citations of one note, or of one place in the text) formatted in order, as a
    reader meets them, so that later notes of a source are short; and every source in the sources list.

    With ``short`` every note is short, its source's first too: the sources list beside them gives each in
    full (as Chicago allows a work with a full bibliography).
    """
    sources, clusters = tuple(sources), tuple(clusters)
    asked = (key, language, sources, clusters, short)
    found = _FORMATTED.get(asked)
    if found is None:
        found = _format(key, language, sources, clusters, short)
        if len(_FORMATTED) >= _FORMATTED_KEPT:
            del _FORMATTED[next(iter(_FORMATTED))]
        _FORMATTED[asked] = found
    return found


def prepare() -> None:
    """Import citeproc-py, which formatting imports when it is first asked (see products.prepare)."""
    import citeproc  # noqa: F401
    import citeproc.source.json  # noqa: F401


def _format(key: str, language: str, sources: tuple[Source, ...],
            clusters: tuple[tuple[Citation, ...], ...], short: bool) -> Formatted:
    from citeproc import Citation as Cluster, CitationItem, CitationStylesBibliography, Locator
    from citeproc.source.json import CiteProcJSON
    keys = {s.id: f"s{n}" for n, s in enumerate(sources)}  # citeproc-py folds ids to lower case
    style = parsed(key, language)
    notes = style.root.get("class") == "note"
    primed = short and notes
    # A source cited once before the brief's own notes is short in all of them; a citation of no source after
    # those keeps the first note from being "Ibid." to the last of them.
    apart = [{"id": _APART, "type": "document", "title": _APART}] if primed else []
    bibliography = CitationStylesBibliography(
        style, CiteProcJSON([item(s, keys[s.id]) for s in sources] + apart), _Formatter)
    if primed:
        for cited in [*keys.values(), _APART]:
            before = Cluster([CitationItem(cited)])
            bibliography.register(before)
            bibliography.cite(before, lambda missing: None)
    made = []
    for cluster in clusters:
        items = []
        for citation in cluster:
            extra: dict[str, Any] = {}
            if citation.locator:
                extra["locator"] = Locator(citation.label or "page", citation.locator)
            if citation.prefix:
                extra["prefix"] = text_of(citation.prefix).strip() + " "
            if citation.suffix:
                extra["suffix"] = text_of(citation.suffix)
            items.append(CitationItem(keys[citation.id], **extra))
        made.append((cluster, Cluster(items)))
    for _, cluster in made:
        bibliography.register(cluster)
    for source in sources:  # every source is listed, cited or not
        bibliography.register(Cluster([CitationItem(keys[source.id])]))
    texts = []
    for cluster, citation in made:
        text = str(bibliography.cite(citation, lambda missing: None))
        if not notes and any(c.suppress_author or c.in_text for c in cluster):
            text = _without_author(text)
        texts.append(text)
    if notes:  # a note is a sentence: "Ibid., 4." (citeproc-py leaves the term as the locale writes it)
        texts = [_capitalised(t) for t in texts]
    bibliography.sort()
    ids = {value: source_id for source_id, value in keys.items()}
    entries = tuple((ids[k], spans(str(e))) for k, e in zip(bibliography.keys, bibliography.bibliography())
                    if k != _APART)
    return Formatted(notes, tuple(spans(t) for t in texts), entries)


_APART = "primed-apart"  # no source's key: those are s0, s1, …


def _without_author(text: str) -> str:
    """"(Jami, 2022, p. 4)" as "(2022, p. 4)": the sentence names the author (pandoc's in-text form)."""
    found = re.fullmatch(r"\((.+?),? ((?:\d{4}|n\.d\.).*)\)", text)
    return f"({found.group(2)})" if found else text


def _capitalised(text: str) -> str:
    for at, char in enumerate(text):
        if char.isalpha():
            return text[:at] + char.upper() + text[at + 1:]
        if not _MARKERS.match(char):
            break
    return text
