"""Citation Style Language styles: the ones briefgen ships, by name, and a user's .csl file, read and checked.

The styles are package data (src/briefgen/csl/, read from the installed package's folder, as the themes are:
importlib.resources alone was ~4 ms of every render's start; see the folder's README for
their origin and CC BY-SA licence). A ``.csl`` file is untrusted input: it is read through a size
cap and parsed without a DTD, entities or the network before citeproc-py sees it, and whatever
cannot be read is a StyleError that the loader or the theme places. layout/csl.py formats with them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

SHIPPED = {"chicago-note-bibliography": "chicago-note-bibliography.csl", "apa": "apa.csl",
           "harvard-cite-them-right": "harvard-cite-them-right.csl"}
ALIASES = {"chicago": "chicago-note-bibliography", "harvard": "harvard-cite-them-right"}
DEFAULT = "chicago-note-bibliography"
# The shipped styles that cite in numbered notes (their <style class="note">; a test holds this to the files):
# known without parsing the style, which imported lxml (~4 ms) for every brief laid out.
SHIPPED_NOTE_STYLES = {"chicago-note-bibliography"}
# The locales shipped (from citation-style-language/locales); a brief in another language is cited with
# US English terms, as its labels are English too.
LOCALES = ("en-GB", "en-US")
MAX_BYTES = 2 * 1024 * 1024  # the largest style in the CSL repository is under 300 kB
_NS = "{http://purl.org/net/xbiblio/csl}"
SHIPPED_FOLDER = Path(__file__).parent / "csl"


class StyleError(ValueError):
    """A style that cannot be used: unknown by name, missing, unreadable, not CSL."""


def resolve(spec: str, folder: Path) -> str:
    """A style as the layout loads it: a shipped style's name, or the resolved path of a ``.csl`` file (relative
    to ``folder``); StyleError says why not (with the closest shipped name for a mistyped one)."""
    name = ALIASES.get(spec.strip().lower(), spec.strip().lower())
    if name in SHIPPED:
        return name
    if not spec.lower().endswith(".csl"):
        import difflib
        close = difflib.get_close_matches(name, [*SHIPPED, *ALIASES], n=1)
        hint = f"did you mean {close[0]!r}?" if close else "the styles briefgen ships are " + ", ".join(SHIPPED)
        raise StyleError(f"{spec!r} is neither a style briefgen ships nor a .csl file; {hint}")
    path = (folder / spec).resolve()
    parsed(str(path))  # read and checked now, so that a bad file is reported where it is named
    return str(path)


def _style_bytes(key: str) -> bytes:
    if key in SHIPPED:
        return (SHIPPED_FOLDER / SHIPPED[key]).read_bytes()
    from .user_files import Unreadable, read_file
    try:
        return read_file(Path(key), MAX_BYTES, too_big="a CSL style is at most a few hundred kilobytes")
    except Unreadable as exc:
        raise StyleError(f"{key}: {exc}") from None


_STYLES: dict[tuple[str, str], Any] = {}  # parsed once per process (a watch renders again and again)
_CHECKED: dict[str, tuple[bytes, Any]] = {}  # each style's bytes and XML root, once read and checked


def checked(key: str) -> tuple[bytes, Any]:
    """A style's bytes and its XML root, read and checked as CSL (StyleError if not), without citeproc-py."""
    found = _CHECKED.get(key)
    if found is not None:
        return found
    from lxml import etree
    data = _style_bytes(key)
    # Untrusted XML: no DTD, no entities, no network, and no XInclude before citeproc-py parses it.
    safe = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, safe)
    except etree.XMLSyntaxError as exc:
        raise StyleError(f"{key}: is not XML: {exc}") from None
    if root.getroottree().docinfo.doctype or root.tag != f"{_NS}style":
        raise StyleError(f"{key}: is not a CSL style (expected a <style> element in the CSL namespace, "
                         "without a DOCTYPE)")
    if root.find(f"{_NS}citation") is None:
        raise StyleError(f"{key}: the style has no <citation> element, so it cannot cite anything")
    _CHECKED[key] = data, root
    return data, root


def style_bytes(key: str) -> bytes:
    """A style's bytes, as ``checked`` reads them: a shipped style's without parsing it (its file is ours)."""
    if key in SHIPPED and key not in _CHECKED:
        return _style_bytes(key)
    return checked(key)[0]


def terms_locale(locale: str) -> str:
    """The shipped locale whose terms a brief in ``locale`` is cited with."""
    return locale if locale in LOCALES else "en-US"


def locale_bytes(locale: str) -> bytes:
    """The shipped locale file a brief in ``locale`` takes its terms from."""
    return (SHIPPED_FOLDER / "locales" / f"locales-{terms_locale(locale)}.xml").read_bytes()


def parsed(key: str, locale: str = "en-US") -> Any:
    found = _STYLES.get((key, locale))
    if found is not None:
        return found
    data, _ = checked(key)
    from citeproc import CitationStylesStyle, frontend
    # The terms ("p.", "sec.", "Ibid.") from the current locales we ship, not citeproc-py's older copies: it
    # reads locale files from one folder, frontend.LOCALES_PATH, while the style is built.
    own, frontend.LOCALES_PATH = frontend.LOCALES_PATH, str(SHIPPED_FOLDER / "locales")
    try:
        style = CitationStylesStyle(io.BytesIO(data), locale=terms_locale(locale), validate=False)
    except Exception as exc:  # citeproc-py's own complaints about a style it cannot build
        raise StyleError(f"{key}: citeproc-py cannot use this style: {type(exc).__name__}: {exc}") from None
    finally:
        frontend.LOCALES_PATH = own
    _STYLES[(key, locale)] = style
    return style


def is_note_style(key: str) -> bool:
    """Whether the style cites in numbered notes (Chicago) rather than in the text (APA, Harvard)."""
    if key in SHIPPED:
        return key in SHIPPED_NOTE_STYLES
    # From the XML alone: a brief whose citations are already formatted (layout/csl.py) never needs citeproc-py.
    return checked(key)[1].get("class") == "note"
