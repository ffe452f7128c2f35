"""Logos as a team has them, made here with Pillow rather than shipped, and theme folders that name them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image, ImageDraw

DEFAULT = Path(__file__).resolve().parents[1] / "templates" / "default"


def logo_png(size: tuple[int, int] = (800, 200), colour: tuple[int, int, int] = (27, 58, 92)) -> bytes:
    """A wide logo with a transparent background, as a designer exports one: a bar and a disc."""
    picture = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    w, h = size
    disc = min(w, h)
    draw.ellipse((0, 0, disc - 1, disc - 1), fill=colour + (255,))
    if w > disc * 1.5:
        draw.rectangle((disc + disc // 4, h // 3, w - 1, 2 * h // 3), fill=colour + (255,))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (40, 10)).save(out, "GIF")
    return out.getvalue()


def themed(folder: Path, logo: str | None, *, header: bool = False, files: dict[str, bytes] | None = None) -> Path:
    """A copy of the built-in theme with ``logo = …`` (raw TOML) at its top and ``files`` beside theme.toml."""
    shutil.copytree(DEFAULT, folder, ignore=shutil.ignore_patterns("*.py", "example.yaml"))
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)
    toml = folder / "theme.toml"
    keys = (f"logo = {logo}\n" if logo is not None else "") + ("logo_in_header = true\n" if header else "")
    toml.write_text(toml.read_text().replace('name = "default"\n', f'name = "default"\n{keys}', 1))
    return folder
