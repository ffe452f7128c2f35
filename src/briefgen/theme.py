"""A theme: page, fonts, sizes and colours shared by every renderer, read from templates/<name>/theme.toml."""

from __future__ import annotations

import tomllib
from dataclasses import MISSING, dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import BriefgenError

MM = 72 / 25.4
PAPERS = {"A4": (210 * MM, 297 * MM), "LETTER": (8.5 * 72, 11 * 72)}


class ThemeError(BriefgenError):
    """A theme folder is missing or its theme.toml is wrong."""


@dataclass(frozen=True)
class Page:
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


@dataclass(frozen=True)
class Fonts:
    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


@dataclass(frozen=True)
class Sizes:
    body: float
    small: float
    title: float
    subtitle: float
    heading1: float
    heading2: float
    heading3: float
    marking: float


@dataclass(frozen=True)
class Colours:
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


@dataclass(frozen=True)
class DeckSizes:
    title: float
    body: float
    min_body: float
    notes: float


@dataclass(frozen=True)
class Theme:
    name: str
    folder: Path
    page: Page
    fonts: Fonts
    sizes: Sizes
    colours: Colours
    deck: DeckSizes

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
    folder = Path(folder) if folder else templates_root() / "default"
    toml_path = folder / "theme.toml"
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ThemeError(f"{toml_path}: no such file; a theme folder needs a theme.toml") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{toml_path}: {exc}") from None
    try:
        page = _section(Page, data, "page", toml_path)
        page = replace(page, paper=_paper(page.paper))
        font_files = _section(Fonts, data, "fonts", toml_path)
        fonts = replace(font_files, **{f: _font_file(folder, getattr(font_files, f), toml_path)
                                       for f in ("regular", "bold", "italic", "bold_italic")})
        theme = Theme(
            name=str(data.get("name", folder.name)),
            folder=folder,
            page=page,
            fonts=fonts,
            sizes=_section(Sizes, data, "sizes", toml_path),
            colours=_section(Colours, data, "colours", toml_path),
            deck=_section(DeckSizes, data, "deck", toml_path),
        )
    except ValueError as exc:
        raise ThemeError(f"{toml_path}: {exc}") from None
    from .contrast import problems as contrast_problems
    shortfalls = contrast_problems(theme.colours, theme.sizes)
    if shortfalls:
        text = toml_path.read_text(encoding="utf-8")
        raise ThemeError("\n".join(f"{toml_path}:{_line_of(text, field)}: {field}: {message}"
                                    for field, message in shortfalls))
    return theme.with_paper(paper)


def _line_of(text: str, field: str) -> int:
    """The line theme.toml sets ``field`` ("colours.muted") on, or 1 if a scan cannot find it."""
    table, key = field.split(".")
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.strip("[] ").split("]")[0].strip()
        elif current == table and stripped.split("=")[0].strip().strip('"') == key:
            return number
    return 1


def _paper(value: str) -> str:
    if str(value).upper() not in PAPERS:
        raise ThemeError(f"paper {value!r} is not known; expected A4 or Letter")
    return str(value).upper()


def _section(cls: type, data: dict[str, Any], name: str, toml_path: Path) -> Any:
    table = data.get(name)
    if not isinstance(table, dict):
        raise ThemeError(f"{toml_path}: [{name}] is missing")
    wanted = {f.name: f.type for f in fields(cls) if f.default is MISSING}  # the rest are not theme.toml's
    missing = [key for key in wanted if key not in table]
    unknown = [key for key in table if key not in wanted]
    if missing or unknown:
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + \
                ([f"unknown {', '.join(unknown)}"] if unknown else [])
        raise ThemeError(f"{toml_path}: [{name}]: {'; '.join(parts)}")
    values = {}
    for key, kind in wanted.items():
        value = table[key]
        if kind == "float" and not isinstance(value, (int, float)):
            raise ThemeError(f"{toml_path}: [{name}] {key}: expected a number, got {value!r}")
        if kind == "str" and not isinstance(value, str):
            raise ThemeError(f"{toml_path}: [{name}] {key}: expected text, got {value!r}")
        if name == "colours" and not (len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value)):
            raise ThemeError(f"{toml_path}: [colours] {key}: expected RRGGBB, got {value!r}")
        values[key] = float(value) if kind == "float" else value
    return cls(**values)


def _font_file(folder: Path, relative: str, toml_path: Path) -> Path:
    path = folder / relative
    if not path.is_file():
        raise ThemeError(f"{toml_path}: [fonts]: font file {path} does not exist")
    return path
