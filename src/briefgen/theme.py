"""A theme: page, fonts, sizes and colours shared by every renderer, read from templates/<name>/theme.toml."""

from __future__ import annotations

import math
import re
import struct
import sys
from pathlib import Path
from typing import Any

from . import user_cache
from .errors import ThemeError
from .images import Image, ImageProblem, read as read_image
from .installed_fonts import font_tables
from .user_files import Unreadable, decode, read_file
from .value import Value, replace, required

MM = 72 / 25.4
PAPERS = {"A4": (210 * MM, 297 * MM), "LETTER": (8.5 * 72, 11 * 72)}


class Page(Value):
    paper: str
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    asked: bool = False  # the paper was asked for on the command line (it then wins over a reference document)

    @property
    def size_pt(self) -> tuple[float, float]:
        return PAPERS[self.paper.upper()]

    @property
    def text_width_pt(self) -> float:
        return self.size_pt[0] - (self.margin_left_mm + self.margin_right_mm) * MM


class Fonts(Value):
    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    @property
    def office_has(self) -> bool:
        """Whether Word and PowerPoint readers have the family (a font Office installs, on Windows and the Mac).

        If not, the Word brief carries the theme's files and the deck is made with a warning.
        """
        return self.family.casefold() in OFFICE_FONTS

    # A font the PDF draws what the family lacks in (Arabic script, Hebrew...); Word, LibreOffice and
    # PowerPoint choose their own. None: such characters are drawn as U+FFFD, with a warning.
    fallback: Path | None = None


class Sizes(Value):
    body: float
    small: float
    title: float
    subtitle: float
    heading1: float
    heading2: float
    heading3: float
    marking: float


class Colours(Value):
    text: str
    muted: str
    primary: str
    accent: str
    rule: str
    callout_fill: str
    callout_border: str
    table_header_fill: str
    table_header_text: str
    table_stripe: str
    link: str


class DeckSizes(Value):
    title: float
    body: float
    min_body: float
    notes: float


class Theme(Value):
    name: str
    folder: Path
    page: Page
    fonts: Fonts
    sizes: Sizes
    colours: Colours
    deck: DeckSizes
    deck_template: Path | None = None  # the folder's own deck.pptx, read only when a deck is made; None: the built-in one
    csl: str | None = None  # the house citation style: a shipped style's name or a .csl file's path (a brief's own wins)
    logo: Image | None = None  # the organisation's logo, checked and without its metadata (images.py)
    logo_in_header: bool = False  # the logo in the running header of the brief and the PDF too
    # The family titles and headings are set in (theme.toml's [heading_fonts], or a reference document's heading
    # font); None: the body's. typography.py says which roles are set in it.
    heading_fonts: Fonts | None = None

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file this theme reads: no product may be written over one of them."""
        deck = self.folder / "deck.pptx"
        faces = tuple(dict.fromkeys(getattr(fonts, face) for fonts in (self.fonts, self.heading_fonts) if fonts
                                    for face in _FONT_FILES))
        return (self.folder / "theme.toml", *faces) + ((self.fonts.fallback,) if self.fonts.fallback else ()) + \
            ((deck,) if deck.exists() else ()) + ((self.logo.path,) if self.logo else ())

    def with_paper(self, paper: str | None) -> Theme:
        if paper is None:
            return self
        return replace(self, page=replace(self.page, paper=_paper(paper), asked=True))


def templates_root() -> Path:
    """Where the built-in templates are: inside the installed package, or at the top of a checkout."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def load_theme(folder: str | Path | None = None, *, paper: str | None = None) -> Theme:
    """Read and check a theme folder; every problem is reported at once as ``theme.toml:line:col: field: message``."""
    folder = Path(folder) if folder else templates_root() / "default"
    toml_path = folder / "theme.toml"
    text = _read_toml(toml_path)
    data = _parsed(text, toml_path)
    checker = _Checker(toml_path, text, folder)
    sections = {name: checker.section(cls, data, name) for name, cls in _SECTIONS.items()}
    name = data.get("name", folder.name)
    if not isinstance(name, str):
        checker.problem("name", f"expected text, got {name!r}")
    unknown = [key for key in data if key not in _SECTIONS and key not in _TOP_LEVEL and key != HEADING_FONTS]
    for key in unknown:
        checker.problem(key, f"unknown; a theme has {', '.join([*_TOP_LEVEL, *_SECTIONS, HEADING_FONTS])}")
    logo = checker.logo(data.get("logo"))
    logo_in_header = data.get("logo_in_header", False)
    if not isinstance(logo_in_header, bool):
        logo_in_header = checker.problem("logo_in_header", f"expected true or false, got {logo_in_header!r}")
    elif logo_in_header and "logo" not in data:
        checker.problem("logo_in_header", "there is no logo to put in the header; name its file in logo = \"…\"")
    csl = data.get("csl")
    if csl is not None:
        from .citation_styles import StyleError, resolve
        try:
            csl = resolve(csl, folder) if isinstance(csl, str) else checker.problem("csl", f"expected text, got {csl!r}")
        except StyleError as exc:
            csl = checker.problem("csl", str(exc))
    # The headings' family, optional: a table as [fonts] is, its faces checked alike; what it lacks is drawn in
    # the body's fallback.
    heading_fonts = checker.section(Fonts, data, HEADING_FONTS) if HEADING_FONTS in data else None
    for table, fonts in (("fonts", sections["fonts"]), (HEADING_FONTS, heading_fonts)):
        if fonts is not None:
            checker.families(fonts, table)
    if heading_fonts is not None and sections["fonts"] is not None:
        heading_fonts = replace(heading_fonts, fallback=sections["fonts"].fallback)
    if sections["colours"] is not None and sections["sizes"] is not None:
        from .contrast import problems as contrast_problems
        for field, message in contrast_problems(sections["colours"], sections["sizes"], sections["deck"]):
            checker.problem(field, message)
    if checker.problems:
        raise ThemeError("\n".join(checker.problems))
    theme = Theme(name=str(name), folder=folder, **sections, deck_template=_deck_template(folder), csl=csl,
                  logo=logo, logo_in_header=bool(logo_in_header), heading_fonts=heading_fonts)
    return theme.with_paper(paper)


# The numbers a theme may set, inclusive, in the unit each name gives (points unless _mm). Outside
# these a brief is unreadable or a renderer cannot lay it out (a 200 pt body never fits a PDF frame).
RANGES: dict[str, tuple[float, float]] = {
    "page.margin_top_mm": (5, 60), "page.margin_bottom_mm": (5, 60),
    "page.margin_left_mm": (5, 60), "page.margin_right_mm": (5, 60),
    "sizes.body": (6, 24), "sizes.small": (5, 24), "sizes.title": (10, 60), "sizes.subtitle": (6, 40),
    "sizes.heading1": (6, 40), "sizes.heading2": (6, 40), "sizes.heading3": (6, 40), "sizes.marking": (6, 36),
    "deck.title": (24, 72), "deck.body": (12, 40), "deck.min_body": (12, 40), "deck.notes": (8, 24),
}
MAX_THEME_BYTES = 256 * 1024
MAX_FONT_BYTES = 32 * 1024 * 1024
# A logo is printed a few centimetres wide: 4 million pixels (2000 × 2000) is far sharper than any printer
# shows it there, and it is carried on every slide layout and page header, so a larger one is a mistake.
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4_000_000
_TOP_LEVEL = ("name", "csl", "logo", "logo_in_header")
_SECTIONS = {"page": Page, "fonts": Fonts, "sizes": Sizes, "colours": Colours, "deck": DeckSizes}
HEADING_FONTS = "heading_fonts"  # an optional table, as [fonts] but for the fallback
_FONT_FILES = ("regular", "bold", "italic", "bold_italic")
_OPTIONAL = {"fonts": ("fallback",)}  # keys a table may leave out
# Characters that would break out of the XML attribute or font list a family name is written into.
_BAD_FAMILY = re.compile(r'[&<>"\'\\;{}\x00-\x1f\x7f]')
_TRUETYPE_TABLES = ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name")
# Free fonts drawn to the widths and heights of a font Office has, by their own family name: a theme may
# tell Word and PowerPoint the Office font's name and give the free font's files, which the PDF embeds
# and the deck is measured with (LibreOffice, too, sets the Office name in the free font).
METRIC_COMPATIBLE = {"Carlito": "Calibri", "Caladea": "Cambria", "Liberation Sans": "Arial",
                     "Liberation Serif": "Times New Roman", "Liberation Mono": "Courier New"}
# Fonts every Word and PowerPoint reader has: Office installs them with itself on Windows and on the Mac.
OFFICE_FONTS = frozenset(name.casefold() for name in (
    "Arial", "Calibri", "Calibri Light", "Cambria", "Candara", "Consolas", "Constantia", "Corbel", "Courier New",
    "Georgia", "Tahoma", "Times New Roman", "Trebuchet MS", "Verdana"))


TOML_CACHED = "themes"  # the kind of user_cache entry: a theme.toml as tomllib read it
_TOML_ENTRY = b"briefgen theme.toml 1"


def _parsed(text: str, path: Path) -> dict[str, Any]:
    """theme.toml's text as tomllib reads it (ThemeError, placed, if it cannot).

    What tomllib made is kept on disk (user_cache) by a digest of the text and of the Python that read it: importing
    tomllib and parsing was ~3 ms of every render's start, and a theme seldom changes. An entry names its digest
    and holds JSON; anything else (torn, edited, not ours) is a miss, and the text is read again. What follows
    (every check of the theme's values) is done on what was kept as on what was read.
    """
    import hashlib
    import json
    digest = hashlib.sha256(b"\0".join([_TOML_ENTRY, sys.version.encode(), text.encode()])).hexdigest()
    kept = user_cache.read(TOML_CACHED, digest)
    if kept is not None:
        try:
            entry = json.loads(kept)
        except ValueError:
            entry = None
        if isinstance(entry, dict) and entry.get("digest") == digest and isinstance(entry.get("toml"), dict):
            return entry["toml"]
    import tomllib  # here, not at the top: validate imports this module for its types and reads no theme
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{found.group(1)}:{found.group(2)}" if found else "1:1"
        raise ThemeError(f"{path}:{where}: TOML syntax error: {re.sub(r' [(]at .*[)]$', '', str(exc))}") from None
    try:
        written = json.dumps({"digest": digest, "toml": data}, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # a value JSON cannot hold as it is (a date, an infinity): not kept
        return data
    if json.loads(written)["toml"] == data:
        user_cache.write(TOML_CACHED, digest, written.encode())
    return data


def _read_toml(path: Path) -> str:
    try:
        return decode(read_file(path, MAX_THEME_BYTES, too_big="a theme.toml is a few dozen lines"), "utf-8")
    except Unreadable as exc:
        where = f"{path}:{exc.line}:1" if exc.line else str(path)
        hint = "; a theme folder needs a theme.toml" if str(exc) == "no such file" else ""
        raise ThemeError(f"{where}: {exc}{hint}") from None


class _Checker:
    """Checks theme.toml's tables against the theme's value classes, collecting placed problems."""

    def __init__(self, path: Path, text: str, folder: Path) -> None:
        self.path, self.folder = path, folder
        self.places = _places(text)
        self.problems: list[str] = []
        self.font_families: dict[str, tuple[str, ...]] = {}  # field → the families a font file names itself

    def problem(self, field: str, message: str) -> None:
        line, column = self.places.get(field) or self.places.get(field.split(".")[0]) or (1, 1)
        self.problems.append(f"{self.path}:{line}:{column}: {field}: {message}")

    def section(self, cls: type, data: dict[str, Any], name: str) -> Any:
        table = data.get(name)
        if not isinstance(table, dict):
            self.problem(name, f"the [{name}] table is missing" if table is None else f"expected a [{name}] table")
            return None
        wanted = {name: cls.__annotations__[name] for name in required(cls)}  # the rest are not theme.toml's
        optional = _OPTIONAL.get(name, ())
        for key in table:
            if key not in wanted and key not in optional:
                self.problem(f"{name}.{key}", f"unknown; [{name}] has {', '.join([*wanted, *optional])}")
        values = {}
        for key, kind in wanted.items():
            field = f"{name}.{key}"
            if key not in table:
                self.problem(name, f"{key} is missing")
                continue
            values[key] = self.value(field, kind, table[key])
        for key in optional:
            if key in table:
                values[key] = self.value(f"{name}.{key}", "Path", table[key])
        if any(key not in values for key in wanted) or any(v is None for v in values.values()):
            return None
        return cls(**values)

    def value(self, field: str, kind: str, value: Any) -> Any:
        if kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return self.problem(field, f"expected a number, got {value!r}")
            low, high = RANGES[field]
            if not math.isfinite(value) or not low <= value <= high:
                return self.problem(field, f"{value!r} is out of range; expected {low:g} to {high:g}"
                                           + (" mm" if field.endswith("_mm") else " pt"))
            return float(value)
        if not isinstance(value, str):
            return self.problem(field, f"expected text, got {value!r}")
        if field.startswith("colours."):
            if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                return self.problem(field, f"expected a colour as RRGGBB, got {value!r}")
        elif field == "page.paper":
            if value.upper() not in PAPERS:
                return self.problem(field, f"paper {value!r} is not known; expected A4 or Letter")
            return value.upper()
        elif field in ("fonts.family", f"{HEADING_FONTS}.family"):
            if not value.strip() or len(value) > 64 or _BAD_FAMILY.search(value):
                return self.problem(field, f"{value!r} is not a font family name (at most 64 characters, "
                                           "none of & < > \" ' \\ ; { } or control characters)")
        elif field.startswith(("fonts.", f"{HEADING_FONTS}.")):
            return self.font_file(field, value)
        return value

    def font_file(self, field: str, relative: str) -> Path | None:
        """A font file inside the theme folder that is a TrueType font; fonts elsewhere on disk are refused."""
        path = self.folder / relative
        if Path(relative).is_absolute() or not path.resolve().is_relative_to(self.folder.resolve()):
            return self.problem(field, f"{relative!r} is outside the theme folder; put the font file in it")
        if not path.is_file():
            return self.problem(field, f"font file {path} does not exist")
        try:  # only what the checks read: the layout and the renderers read the rest themselves
            data = font_tables(path, ("head", "name"), MAX_FONT_BYTES + 1)
        except OSError as exc:
            return self.problem(field, f"{path} cannot be read: {exc.strerror or exc}")
        why = _not_truetype(data)
        if why:
            return self.problem(field, f"{path} is not a TrueType font (.ttf): {why}")
        self.font_families[field] = _families(data)
        return path

    def families(self, fonts: Fonts, table: str) -> None:
        """Each file is a face of the family Word and PowerPoint are told, or of a free font with its metrics.

        Otherwise Office would set the text in a font other than the one the PDF shows and the deck was
        measured with, and a fitted slide would no longer fit.
        """
        named = fonts.family.casefold()
        twins = sorted(free for free, office in METRIC_COMPATIBLE.items() if office.casefold() == named)
        for field in (f"{table}.{face}" for face in _FONT_FILES):
            found = self.font_families.get(field, ())
            if not found or any(name.casefold() == named or
                                METRIC_COMPATIBLE.get(name, "").casefold() == named for name in found):
                continue
            files = f"{fonts.family}'s own files" + (f" or {' or '.join(twins)}'s (the same widths)" if twins else "")
            office = METRIC_COMPATIBLE.get(found[0])  # Office's name for it, which readers have
            named_as = f"\"{office}\" (it has {found[0]}'s widths)" if office else f"\"{found[0]}\""
            self.problem(field, f"{getattr(fonts, field.split('.')[1])} is a face of {found[0]!r}, not of "
                                f"{fonts.family!r}, the family Word and PowerPoint are told; set family = "
                                f"{named_as}, or give {files}")


    def logo(self, relative: Any) -> Image | None:
        """The logo's file inside the theme folder (not through a link out of it), a PNG or JPEG within the caps."""
        if relative is None:
            return None
        expected = "a PNG or JPEG file in the theme folder, e.g. logo = \"logo.png\""
        if not isinstance(relative, str) or not relative.strip():
            return self.problem("logo", f"expected {expected}; got {relative!r}")
        path = self.folder / relative
        if Path(relative).is_absolute() or not path.resolve().is_relative_to(self.folder.resolve()):
            return self.problem("logo", f"{relative!r} is outside the theme folder; put the logo in it: expected {expected}")
        if Path(relative).suffix.lower() == ".svg":
            return self.problem("logo", f"{relative!r} is an SVG drawing, which Word, PowerPoint and the PDF "
                                        f"cannot all show alike; export it as PNG: expected {expected}")
        try:
            return read_image(path.resolve(), max_bytes=MAX_LOGO_BYTES, max_pixels=MAX_LOGO_PIXELS, what="a logo")
        except ImageProblem as exc:
            return self.problem("logo", f"{exc}; expected {expected}")


def _places(text: str) -> dict[str, tuple[int, int]]:
    """Where theme.toml writes each table ("sizes") and each value ("sizes.body"): (line, column).

    tomllib gives no positions; a theme is a few flat tables, so a scan of its lines finds them.
    """
    found: dict[str, tuple[int, int]] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip())
        header = re.match(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\]", line)
        if header:
            table = header.group(1)
            found.setdefault(table, (number, indent + 1))
            continue
        key = re.match(r'\s*("[^"]*"|[A-Za-z0-9_-]+)\s*=\s*', line)
        if key:
            name = key.group(1).strip('"')
            found.setdefault(f"{table}.{name}" if table else name, (number, key.end() + 1))
    return found


def _not_truetype(data: bytes) -> str | None:
    """Why the file cannot be a TrueType font reportlab embeds and the deck measures, or None if it can be."""
    if len(data) > MAX_FONT_BYTES:
        return f"it is over {MAX_FONT_BYTES:,} bytes"
    if data[:4] == b"OTTO":
        return "it is an OpenType font with PostScript outlines; use a .ttf"
    if data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        return "it does not start as one"
    try:
        count = struct.unpack_from(">H", data, 4)[0]
        tables = {}
        for n in range(count):
            tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * n)
            if offset + length > len(data):
                return f"its {tag.decode('latin-1')!r} table lies past the end of the file"
            tables[tag.decode("latin-1")] = offset
        missing = [tag for tag in _TRUETYPE_TABLES if tag not in tables]
        if missing:
            return f"it has no {', '.join(missing)} table"
        if struct.unpack_from(">L", data, tables["head"] + 12)[0] != 0x5F0F3CF5:
            return "its head table is damaged"
    except struct.error:
        return "its table directory is cut short"
    return None


def _families(data: bytes) -> tuple[str, ...]:
    """The family names a TrueType font gives itself (its name table's typographic and legacy family, in
    Windows's and the Mac's records); none if the table cannot be read, so a damaged name table is not refused."""
    from .installed_fonts import name_table, names

    try:
        found = [name for name_id, name in names(name_table(data)) if name_id in (1, 16) and name]
    except (struct.error, KeyError):
        return ()
    return tuple(dict.fromkeys(found))


def _deck_template(folder: Path) -> Path | None:
    """A theme folder's own deck.pptx; the built-in one is ours, read as prepared (render/pptx/template.py)."""
    deck = folder / "deck.pptx"
    if not deck.exists() or deck.resolve() == (templates_root() / "default" / "deck.pptx").resolve():
        return None
    return deck


def _paper(value: str) -> str:
    if str(value).upper() not in PAPERS:
        raise ThemeError(f"paper {value!r} is not known; expected A4 or Letter")
    return str(value).upper()



def restyled(theme: Theme, given: dict[str, str], source: str) -> tuple[Theme, list[str]]:
    """``theme`` with the colours a reference document gives (render/office/colours.py) in place of its own,
    and a warning for each one it keeps instead: where a given colour falls short of contrast as it is set
    (text, or the fill under it), the theme's own is kept for that field, until no pair falls short."""
    from .contrast import PAGE, pairs, ratio
    ours = theme.colours
    if given.get("primary") == ours.primary:  # our own primary (our reference document): our fills, not its tints
        given = {name: colour for name, colour in given.items() if name not in ("callout_fill", "table_stripe")}
    colours = replace(ours, **given)
    said = []
    while True:
        kept: dict[str, str] = {}
        for pair in pairs(colours, theme.sizes, theme.deck):
            text = getattr(colours, pair.text)
            background = PAGE if pair.background is None else getattr(colours, pair.background)
            found = ratio(text, background)
            if found >= pair.needs():
                continue
            name = pair.text if text != getattr(ours, pair.text) else pair.background
            if name is None or name in kept or getattr(colours, name) == getattr(ours, name):
                continue  # the theme's own pair: load_theme has checked it
            kept[name] = (f"{source}: its colour for {name.replace('_', ' ')} (#{getattr(colours, name)}) leaves "
                          f"{pair.what} at {int(found * 100) / 100:.2f}:1, below the {pair.needs():g}:1 WCAG 2.2 "
                          f"AA asks; briefgen's #{getattr(ours, name)} is kept for it")
        if not kept:
            return replace(theme, colours=colours), said
        said += kept.values()
        colours = replace(colours, **{name: getattr(ours, name) for name in kept})


def refonted(theme: Theme, given: dict[str, str], source: str) -> tuple[Theme, list[str]]:
    """``theme`` with the body and heading fonts a reference document names (render/office/fonts.py) in place of
    its own, so Word, the PDF and the deck (measured with them) all set text in them; and a warning for each one
    kept instead.

    The PDF embeds and the deck measures a family's files, so a family is taken only where its four
    faces are found as TrueType files: its own, or a free font's drawn to its widths (Caladea for
    Cambria), in the theme folder or among this machine's fonts. Word and PowerPoint are told its name.
    """
    said = []
    fonts = _found(given.get("body"), theme.fonts, theme, source, "body font", said)
    # A reference names a heading font even where it gives its headings the body's (fonts.py): then they are one.
    heading = _found(given.get("heading"), theme.heading_fonts or theme.fonts, theme, source, "heading font", said)
    return replace(theme, fonts=fonts, heading_fonts=None if heading == fonts else heading), said


def _found(family: str | None, ours: Fonts, theme: Theme, source: str, what: str, said: list[str]) -> Fonts:
    """The fonts of the ``family`` a reference names, else ``ours`` (with a warning in ``said`` if it names one
    that is not found)."""
    if family is None or METRIC_COMPATIBLE.get(family, family).casefold() == ours.family.casefold():
        return ours
    faces = _faces_of(family, theme.folder)
    if faces is None:
        twins = [free for free, office in METRIC_COMPATIBLE.items() if office.casefold() == family.casefold()]
        said.append(f"{source}: its {what} {family!r} is not installed here"
                    + (f" (nor {' or '.join(twins)}, which has its widths)" if twins else "")
                    + f", so the PDF and the deck keep briefgen's {ours.family}")
        return ours
    # A free font named by the reference (LibreOffice saves Carlito for Calibri) is told to Word and PowerPoint
    # by the Office name its readers have, as the built-in theme names Calibri and carries Carlito. What the
    # family lacks the PDF draws in the theme's fallback, as it does for the theme's own.
    return Fonts(METRIC_COMPATIBLE.get(family, family), **faces, fallback=theme.fonts.fallback)


def _faces_of(family: str, folder: Path) -> dict[str, Path] | None:
    """The four faces of ``family``, or of a free font with its widths, as TrueType files reportlab embeds."""
    from .installed_fonts import FACES, faces_of, font_folders
    names = [family, *(free for free, office in METRIC_COMPATIBLE.items() if office.casefold() == family.casefold())]
    for name in names:
        faces = faces_of(name, folder, font_folders())
        if len(faces) == len(FACES) and not any(_not_truetype(_head(path)) for path in faces.values()):
            return faces
    return None


def _head(path: Path) -> bytes:
    """As much of a font file as the TrueType check reads: one byte past the largest font taken."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FONT_BYTES + 1)
    except OSError:
        return b""
