"""An analyst's own image file: where it may be, what it must be, and its size in pixels.

The loader checks every image of a brief before anything is rendered, so a missing,
unreadable or oversized picture is a content error at its line, not a failed render.
Pillow reads only the file's header and checks its data; it is imported only for briefs
that have images.
"""

from __future__ import annotations

from pathlib import Path

from .value import Value

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photograph; a larger bitmap is a decompression bomb or a mistake
FORMATS = {"PNG": "png", "JPEG": "jpeg"}


class ImageProblem(ValueError):
    """An image the brief names that cannot go into it; the message says why."""


class Image(Value):
    """A checked image: its resolved path, its format (png or jpeg) and its size in pixels."""

    path: Path
    format: str
    pixels: tuple[int, int]

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.pixels[1] / self.pixels[0]


def resolve(written: str, folder: Path) -> Path:
    """The file ``written`` (relative to the content file's ``folder``) names; it must stay inside that folder."""
    if Path(written).is_absolute():
        raise ImageProblem(f"{written!r} is an absolute path; give the image's path relative to the content file")
    base = folder.resolve()
    path = (base / written).resolve()
    if not path.is_relative_to(base):
        raise ImageProblem(f"{written!r} is outside the content file's folder ({base}); "
                           "images must sit beside the content file or below it")
    return path


def read(path: Path) -> Image:
    """Check that ``path`` is a PNG or JPEG of sensible size that decodes, and measure it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageProblem(f"{path}: no such file") from None
    except OSError as exc:
        raise ImageProblem(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise ImageProblem(f"{path}: is not a file")
    if size > MAX_BYTES:
        raise ImageProblem(f"{path}: is {size:,} bytes; an image may be at most {MAX_BYTES:,} bytes")
    if path.suffix.lower() == ".svg":
        raise ImageProblem(f"{path}: SVG images are not supported; export it as PNG or JPEG")
    from PIL import Image as PILImage, UnidentifiedImageError

    try:
        with PILImage.open(path) as opened:
            fmt, pixels = opened.format, opened.size
            if fmt not in FORMATS:
                raise ImageProblem(f"{path}: is a {fmt} image; use PNG or JPEG")
            if pixels[0] * pixels[1] > MAX_PIXELS:
                raise ImageProblem(f"{path}: is {pixels[0]} × {pixels[1]} pixels; "
                                   f"an image may have at most {MAX_PIXELS:,} pixels")
            opened.load()  # decodes it: a truncated or corrupt file fails here, not in a renderer
    except ImageProblem:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, PILImage.DecompressionBombError) as exc:
        raise ImageProblem(f"{path}: is not a PNG or JPEG image that can be read ({exc})") from None
    return Image(path, FORMATS[fmt], pixels)
