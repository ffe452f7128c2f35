"""A theme's logo: checked like its fonts, and shown in every product, read back by tools we did not write."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from briefgen.theme import MAX_LOGO_PIXELS, load_theme

from .conftest import ROOT, run_briefgen
from .photos import phone_jpeg

DEFAULT = ROOT / "templates" / "default"
NRF = ROOT / "content" / "nrf-secession.yaml"


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


def logo_line(folder: Path, key: str = "logo") -> int:
    lines = (folder / "theme.toml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{key} ="))


class DescribeTheLogoField:
    def it_reads_a_png_and_a_turned_jpeg_upright(self, tmp_path):
        wide = load_theme(themed(tmp_path / "wide", '"logo.png"', files={"logo.png": logo_png()}))
        assert wide.logo.format == "png" and wide.logo.pixels == (800, 200) and not wide.logo_in_header
        assert wide.logo.path in wide.files  # no product may be written over it
        # A phone's JPEG stored landscape with orientation 6 is shown portrait; its EXIF is gone.
        phone = load_theme(themed(tmp_path / "phone", '"logo.jpg"', header=True, files={"logo.jpg": phone_jpeg(6)}))
        assert phone.logo.format == "jpeg" and phone.logo.pixels == (300, 400) and phone.logo_in_header
        assert b"Exif" not in phone.logo.data

    def it_is_optional(self):
        theme = load_theme(DEFAULT)
        assert theme.logo is None and not theme.logo_in_header

    @pytest.mark.parametrize("value, files, expected", [
        ('"../logo.png"', {}, r"'\.\./logo\.png' is outside the theme folder"),
        ('"/etc/passwd"', {}, r"'/etc/passwd' is outside the theme folder"),
        ('"missing.png"', {}, r"missing\.png: no such file"),
        ('"notes.png"', {"notes.png": b"just some text, renamed"}, r"is not a PNG or JPEG image"),
        ('"logo.png"', {"logo.png": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}, r"is not a PNG or JPEG image"),
        ('"logo.svg"', {"logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"},
         r"'logo\.svg' is an SVG drawing.*export it as PNG"),
        ('"logo.gif"', {"logo.gif": gif()}, r"is a GIF image; use PNG or JPEG"),
        ('"huge.png"', {"huge.png": logo_png((2001, 2000))},
         rf"is 2001 × 2000 pixels; a logo may have at most {MAX_LOGO_PIXELS:,} pixels"),
        ("3", {}, r"expected a PNG or JPEG file in the theme folder.*got 3"),
        ('"fonts"', {}, r"is not a file"),
    ])
    def it_refuses_what_is_no_logo_at_its_line_saying_what_was_expected(self, tmp_path, value, files, expected):
        folder = themed(tmp_path / "theme", value, files=files)
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert result.returncode == 1
        assert re.search(rf"theme\.toml:{logo_line(folder)}:8: logo: .*{expected}", result.stderr), result.stderr
        assert "expected a PNG or JPEG" in result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()

    def it_refuses_a_link_out_of_the_theme_folder(self, tmp_path):
        outside = tmp_path / "elsewhere.png"
        outside.write_bytes(logo_png())
        folder = themed(tmp_path / "theme", '"logo.png"')
        os.symlink(outside, folder / "logo.png")
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert result.returncode == 1
        assert re.search(rf"theme\.toml:{logo_line(folder)}:8: logo: 'logo\.png' is outside the theme folder",
                         result.stderr), result.stderr

    def it_refuses_a_header_logo_without_a_logo_or_as_other_than_true_or_false(self, tmp_path):
        folder = themed(tmp_path / "none", None, header=True)
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert re.search(rf"theme\.toml:{logo_line(folder, 'logo_in_header')}:18: logo_in_header: there is no logo",
                         result.stderr), result.stderr
        folder = themed(tmp_path / "yes", '"logo.png"', files={"logo.png": logo_png()})
        toml = folder / "theme.toml"
        toml.write_text(toml.read_text().replace('logo = "logo.png"\n', 'logo = "logo.png"\nlogo_in_header = "yes"\n', 1))
        result = run_briefgen("pdf", NRF, "--template", folder, "-o", tmp_path / "x.pdf")
        assert re.search(r"logo_in_header: expected true or false, got 'yes'", result.stderr), result.stderr
