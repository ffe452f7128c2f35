"""Citations and the sources list in a Citation Style Language style, formatted by citeproc-py.

A brief names its style with ``csl:`` (or its theme does): one briefgen ships by name, or a ``.csl``
file (citation_styles.py reads and checks them). The default is Chicago notes and bibliography, the
style a policy reader knows: the first note of a source in full, later ones short, the bibliography
sorted with the first author's name inverted. The layout asks this module for the words; the
renderers never see a style.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from .. import user_cache
from ..citation_styles import locale_bytes, parsed, style_bytes
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
# brief of a dozen sources (and 17 ms more to import), and a save in `briefgen watch` seldom changes a citation.
# A few entries, as a watch renders one or two briefs (each style is parsed once per process, in
# citation_styles.parsed); and the same on disk for the next process (user_cache), where a command started
# again on a brief whose citations did not change finds them.
_FORMATTED: dict[tuple, Formatted] = {}
_FORMATTED_KEPT = 8
CACHED = "citations"  # the kind of user_cache entry
_ENTRY_FORMAT = b"briefgen formatted citations 1"


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
        digest = _digest(asked)
        marked = _kept(digest, sources, len(clusters))
        if marked is None:
            marked = _format(key, language, sources, clusters, short)
            user_cache.write(CACHED, digest, _entry(marked))
        found = _formatted(*marked)
        if len(_FORMATTED) >= _FORMATTED_KEPT:
            del _FORMATTED[next(iter(_FORMATTED))]
        _FORMATTED[asked] = found
    return found


# What citeproc-py made, before it is read as spans: whether the style cites in notes, each cluster's text and
# each (source id, entry) of the sources list, in the style's order, with the markers of _Formatter.
_Made = tuple[bool, tuple[str, ...], tuple[tuple[str, str], ...]]


def _formatted(notes: bool, texts: tuple[str, ...], entries: tuple[tuple[str, str], ...]) -> Formatted:
    return Formatted(notes, tuple(spans(t) for t in texts), tuple((source, spans(e)) for source, e in entries))


def _digest(asked: tuple) -> str:
    """The name of what ``asked`` formats to on disk: a digest of everything that decides the words, the code
    that makes them included (this module, citeproc-py's release), so that nothing else can find it."""
    import hashlib

    from .. import __version__
    key, language = asked[:2]
    made = hashlib.sha256()
    for part in (_ENTRY_FORMAT, __version__.encode(), _own_code(), _citeproc_release(), style_bytes(key),
                 locale_bytes(language), repr(asked).encode()):
        made.update(len(part).to_bytes(8, "big"))
        made.update(part)
    return made.hexdigest()


def _own_code() -> bytes:
    """This module's source: a briefgen under development changes how citations are made without a new version."""
    try:
        with open(__file__, "rb") as own:
            return own.read()
    except OSError:  # run from a zip or a frozen build: the version alone
        return b""


def _citeproc_release() -> bytes:
    """citeproc-py's version file, found without importing citeproc-py (which is what a cache hit spares)."""
    from importlib.util import find_spec
    try:
        spec = find_spec("citeproc")
        folder = Path(spec.origin).parent if spec and spec.origin else None
    except (ImportError, ValueError):
        folder = None
    if folder is None:
        return b""
    for name in ("_version.py", "__init__.py"):
        try:
            return (folder / name).read_bytes()
        except OSError:
            continue
    return b""


def _entry(marked: _Made) -> bytes:
    import json
    notes, texts, entries = marked
    return json.dumps({"notes": notes, "citations": list(texts), "bibliography": [list(e) for e in entries]},
                      ensure_ascii=False).encode()


def _kept(digest: str, sources: tuple[Source, ...], clusters: int) -> _Made | None:
    """What was formatted for ``digest`` by an earlier process, or None: an entry that is not what _entry
    writes for these sources and clusters counts as none, and citeproc-py formats them again."""
    data = user_cache.read(CACHED, digest)
    if data is None:
        return None
    import json
    try:
        entry = json.loads(data)
        notes, texts, entries = entry["notes"], entry["citations"], entry["bibliography"]
    except (ValueError, TypeError, KeyError):
        return None
    ids = {s.id for s in sources}
    if not (isinstance(notes, bool) and isinstance(texts, list) and len(texts) == clusters
            and all(isinstance(t, str) for t in texts) and isinstance(entries, list)
            and all(isinstance(e, list) and len(e) == 2 and e[0] in ids and isinstance(e[1], str) for e in entries)):
        return None
    return notes, tuple(texts), tuple((source, text) for source, text in entries)


def _format(key: str, language: str, sources: tuple[Source, ...],
            clusters: tuple[tuple[Citation, ...], ...], short: bool) -> _Made:
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
    entries = tuple((ids[k], str(e)) for k, e in zip(bibliography.keys, bibliography.bibliography()) if k != _APART)
    return notes, tuple(texts), entries


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
