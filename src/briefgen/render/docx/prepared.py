"""The base Word document for the built-in styles, kept prepared as package data (built_in.zip).

Every Word brief starts from a base document: python-docx's default template, emptied, with our styles installed
(styling.styled_base, writer.made_base). Making it was a fifth of a cold ``briefgen docx``: the template's styles
part alone is 345 kB of XML to parse, restyle and write again. For a theme whose styles come out as the built-in
theme's (styles.made_of), the base is the same every time but for the marking label's look and the language, so
tools/prepare_word_base.py makes it once for each marking, with a mark where the language goes, and keeps it here;
tests/test_word_base.py fails while it is stale. Its styles part is kept as bytes and never parsed
(package.WordPart parses a part only when something reads it), and python-docx is not imported at all. A
right-to-left language (whose base keeps the template's right-to-left settings), another python-docx, or another
theme's styles: the base is made afresh, by python-docx (writer.made_base).

built_in.zip is the base's Word package (its styles part empty), read by its relationships, and beside it, which
no relationship reaches, MANIFEST and each marking's styles part.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from ... import scripts
from ...marking import Tlp
from ...theme import Theme
from . import styles
from .package import Word, entries

BUILT_IN_PREPARED = "built_in.zip"  # package data beside this module
LANGUAGE = "x-briefgen-language"  # where the brief's language goes: no brief's (model.py's pattern)
MANIFEST = "briefgen/manifest.json"
STYLES_PART = "word/styles.xml"
_VERSION = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def base(theme: Theme, marking: Tlp, language: str) -> tuple[Word, dict[str, str | None]] | None:
    """The prepared base document for ``theme``, ``marking`` and ``language``, and the list (numId) of each
    list style; None when it is to be made afresh."""
    kept = _kept()
    if (kept is None or not (language.isascii() and language.replace("-", "").isalnum())  # put in as it is
             or kept.manifest["python-docx"] != python_docx_version()
            or scripts.written_right_to_left(language)
            or kept.manifest["made_of"].get(marking.name) != styles.made_of(theme, marking)):
        return None
    before, after = kept.styles(marking)
    word = Word.read(kept.data, {STYLES_PART: b"".join((before, language.encode(), after))})
    return word, kept.manifest["lists"]  # the writer keeps a copy of its own


@lru_cache(maxsize=1)
def python_docx_version() -> str | None:
    """The installed python-docx's ``__version__``, read from its source without importing it (importing it is
    what the prepared base saves; importlib.metadata alone takes ~10 ms to import)."""
    spec = importlib.util.find_spec("docx")
    if spec is None or spec.origin is None:
        return None
    found = _VERSION.search(Path(spec.origin).read_text(encoding="utf-8"))
    return found.group(1) if found else None


def saved(made: dict, made_of: dict[Tlp, str], lists: dict[str, str | None]) -> bytes:
    """built_in.zip: the base documents python-docx ``made`` for each marking with the language LANGUAGE, alike but
    for their styles part; what each marking's styles were made of; each list style's list."""
    packages = {marking: dict((name, _bytes(data)) for name, data in entries(Word.adopt(word)))
                for marking, word in made.items()}
    first = packages[Tlp.CLEAR]
    if any({**p, STYLES_PART: b""} != {**first, STYLES_PART: b""} for p in packages.values()):
        raise ValueError("the base documents of the markings differ beyond their styles")
    manifest = {"python-docx": python_docx_version(), "made_of": {m.name: text for m, text in made_of.items()},
                "lists": lists}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in {**first, STYLES_PART: b"", MANIFEST: json.dumps(manifest).encode(),
                           **{_styles_name(m): p[STYLES_PART] for m, p in packages.items()}}.items():
            target.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)  # dated 1980: the same bytes
    return out.getvalue()


def saved_built_in() -> bytes | None:
    """built_in.zip as shipped beside this module (read as the themes are: importlib.resources is ~4 ms)."""
    try:
        return (Path(__file__).parent / BUILT_IN_PREPARED).read_bytes()
    except OSError:
        return None


class _Kept:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self.manifest = json.loads(self._zip.read(MANIFEST))

    @lru_cache(maxsize=None)
    def styles(self, marking: Tlp) -> tuple[bytes, bytes]:
        """The marking's styles part, cut where the language goes."""
        before, mark, after = self._zip.read(_styles_name(marking)).partition(f'"{LANGUAGE}"'.encode())
        if not mark or LANGUAGE.encode() in after:
            raise ValueError(f"{BUILT_IN_PREPARED}: the styles of {marking.name} do not say the language once")
        return before + b'"', b'"' + after


@lru_cache(maxsize=1)
def _kept() -> _Kept | None:
    data = saved_built_in()
    return _Kept(data) if data is not None else None


def _styles_name(marking: Tlp) -> str:
    return f"briefgen/styles/{marking.name}.xml"


def _bytes(data) -> bytes:
    if isinstance(data, bytes):
        return data
    stream = io.BytesIO()
    data(stream)
    return stream.getvalue()
