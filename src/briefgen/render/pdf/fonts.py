"""A theme's families of four TrueType faces (its body's and its headings'), each registered with reportlab as one
family, and the characters they show."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from ...cycles import paused
from ...scripts import BIDI_CONTROLS
from ...theme import Fonts, Theme
from ...value import Value
from .internals import TrueTypeFont

REPLACEMENT = "\ufffd"
PLAIN_REPLACEMENT = "?"  # for a face without U+FFFD (Carlito has none): a mark the reader sees, not an empty box
# Line breaks become <br/> in paragraphs and never reach a font.
_NOT_DRAWN = frozenset("\n")


class Face:
    """One face: the name reportlab knows it by, and the characters it can show.

    The file is read (in bulk, see internals) and registered with reportlab when the face
    is first used: few briefs set anything in bold italic.
    """

    def __init__(self, name: str, path: Path):
        self._name, self._path = name, path
        self._shown: frozenset[str] | None = None
        self._cap_height = 0.0

    @property
    def cap_height(self) -> float:
        """How tall its capitals stand above the baseline, in ems."""
        self._load()
        return self._cap_height

    @property
    def name(self) -> str:
        self._load()
        return self._name

    @property
    def shown(self) -> frozenset[str]:
        """The characters with a glyph, and line breaks (see _NOT_DRAWN)."""
        return self._load()

    def shows(self, char: str) -> bool:
        return char in self.shown

    def shows_all(self, text: str) -> bool:
        return self.shown.issuperset(text)

    def drawable(self, text: str) -> str:
        """``text`` with every character this face cannot show replaced by U+FFFD (or "?" if it lacks that too),
        but for invisible format characters (a word joiner), which are left out as Word and LibreOffice hide
        them (reportlab breaks lines only at spaces, so a joiner has nothing to hold together here)."""
        if self.shows_all(text):
            return text
        instead = REPLACEMENT if self.shows(REPLACEMENT) else PLAIN_REPLACEMENT
        return "".join(c if self.shows(c) else "" if invisible(c) else instead for c in text)

    def _load(self) -> frozenset[str]:
        if self._shown is None:
            # Its metrics and glyph offsets are some ten thousand small objects that live as long as the face:
            # the collections their making set off (~2.5 ms a cold PDF) walked them for nothing.
            with paused():
                font = TrueTypeFont(self._name, str(self._path))
            pdfmetrics.registerFont(font)
            self._shown = frozenset(map(chr, font.face.charToGlyph)) | _NOT_DRAWN
            self._cap_height = font.face.capHeight / 1000
        return self._shown


class Family(Value):
    """Regular, bold, italic and bold-italic faces that paragraph markup (<b>, <i>) switches between, and the
    theme's fallback face for what they lack."""

    regular: Face
    bold: Face
    italic: Face
    bold_italic: Face
    fallback: Face | None = None

    def face(self, *, bold: bool = False, italic: bool = False) -> Face:
        return ((self.regular, self.italic), (self.bold, self.bold_italic))[bold][italic]

    def drawable(self, text: str) -> str:
        """``text`` as the regular face draws it (see Face.drawable), but what the fallback face shows is kept."""
        if self.fallback is None or self.regular.shows_all(text):
            return self.regular.drawable(text)
        # The fallback is asked last: a face is read whole when first asked (~4 ms for DejaVu Sans), and the
        # word joiners the layout puts in ranges ("55–80%"), which Carlito lacks, are left out, not drawn in it.
        return "".join(c if not invisible(c) and not self.regular.shows(c) and self.fallback.shows(c)
                       else self.regular.drawable(c) for c in text)

    def runs(self, text: str, face: Face) -> list[tuple[str, Face]]:
        """``text`` (drawable) in runs of the face each is drawn in: ``face`` where it shows them, else the
        regular face, else the fallback; the reader never gets an empty glyph box."""
        if face.shows_all(text):
            return [(text, face)]

        def drawn_in(char: str) -> Face:
            if face.shows(char) or self.fallback is None:
                return face if face.shows(char) else self.regular
            return self.regular if self.regular.shows(char) or not self.fallback.shows(char) else self.fallback
        return [("".join(group), shown) for shown, group in groupby(text, key=drawn_in)]


def family(theme: Theme) -> Family:
    """Register the theme's body faces with reportlab (once per font file) and return them as a family."""
    return family_of(theme.fonts)


def family_of(fonts: Fonts) -> Family:
    """Register a family's faces with reportlab (once per font file) and return them: the theme's body or
    heading fonts, as a role of the style table names them."""
    # Asked once per text field by the glyph check: resolving four paths each time added up.
    return _resolved_family(fonts, os.getcwd())


def missing_glyphs(text: str, theme: Theme) -> set[str]:
    """The characters of ``text`` the theme's regular face has no glyph for; the PDF shows each as U+FFFD.

    Bidirectional controls and other invisible format characters are not drawn (see bidi.py), so need none.
    """
    faces = family(theme)
    lacking = {c for c in set(text).difference(faces.regular.shown, BIDI_CONTROLS) if not invisible(c)}
    if lacking and faces.fallback is not None:  # not read otherwise: a face is read whole (~4 ms for DejaVu Sans)
        lacking -= faces.fallback.shown
    return lacking


def replacement(theme: Theme) -> str:
    """What the PDF shows for a character no face of the theme shows."""
    return REPLACEMENT if family(theme).regular.shows(REPLACEMENT) else PLAIN_REPLACEMENT


def invisible(char: str) -> bool:
    """A format character (a word joiner, a zero-width space): it shapes lines or text but is never drawn."""
    return unicodedata.category(char) == "Cf"


@lru_cache(maxsize=None)
def _resolved_family(fonts: Fonts, cwd: str) -> Family:
    # The working directory is part of the key: the theme's paths may be relative to it.
    return _family(fonts.family, fonts.regular.resolve(), fonts.bold.resolve(), fonts.italic.resolve(),
                   fonts.bold_italic.resolve(), fonts.fallback.resolve() if fonts.fallback else None)


@lru_cache(maxsize=None)
def _family(family_name: str, regular: Path, bold: Path, italic: Path, bold_italic: Path,
            fallback: Path | None) -> Family:
    paths = (regular, bold, italic, bold_italic)
    names = [_face_name(family_name, path) for path in paths]
    faces = Family(*(_face(name, path) for name, path in zip(names, paths)),
                   fallback=_face(_face_name(f"{family_name} fallback", fallback), fallback) if fallback else None)
    # Named after the regular face, so <b> and <i> in a paragraph set in it find the others.
    # Registering a face resets the mapping named after it: asking the regular face its name
    # registers it first. Markup asks a styled face for its characters before writing its tag.
    pdfmetrics.registerFontFamily(faces.regular.name, normal=names[0], bold=names[1], italic=names[2],
                                  boldItalic=names[3])
    return faces


def _face_name(family_name: str, path: Path) -> str:
    # Two themes may give the same family name to different files; the path keeps them apart.
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:8]
    return f"{family_name} {path.stem} {digest}"


@lru_cache(maxsize=None)
def _face(name: str, path: Path) -> Face:
    return Face(name, path)
