"""An analyst's own image: where it may be, what it must be, its size, and the bytes the products carry.

The loader checks every image of a brief before anything is rendered, so a missing,
unreadable or oversized picture is a content error at its line, not a failed render.
Pillow checks the file's data; it is imported only for briefs that have images.

A photograph carries more than its pixels: EXIF (the camera, the time, often a GPS position, a
program's path with a home folder in it), XMP (the editor's name), IPTC, comments, thumbnails
and a phone's extra pictures after the image. None of that is meant for the brief's readers, so
the products carry ``Image.data``: the image with its EXIF orientation applied to the pixels
and every metadata segment or chunk left out, keeping only what decides how it looks (the ICC
colour profile, gamma, transparency, density). Nothing is re-encoded unless the orientation
asks for it, so the pixels are the file's own. ``published`` does the same for the images in a
reference document's masters and layouts.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from .value import Value

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photograph; a larger bitmap is a decompression bomb or a mistake
FORMATS = {"PNG": "png", "JPEG": "jpeg"}
_ORIENTATION = 0x0112  # the EXIF tag; 1 is upright, 2-8 mirror and/or turn the stored pixels
_GPS_IFD = 0x8825


class ImageProblem(ValueError):
    """An image the brief names that cannot go into it; the message says why."""


class Image(Value):
    """A checked image: its resolved path, its format (png or jpeg), its size in pixels as shown (upright),
    the bytes the products carry, and the kinds of metadata that were left out of them."""

    path: Path
    format: str
    pixels: tuple[int, int]
    data: bytes = b""
    removed: tuple[str, ...] = ()

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


def read(path: Path, *, max_bytes: int | None = None, max_pixels: int | None = None, what: str = "an image") -> Image:
    """Check that ``path`` is a PNG or JPEG of sensible size that decodes, measure it, and clean it.

    ``what`` names it in a message about a cap ("a logo may have at most …"), whose caps are then its own
    (MAX_BYTES and MAX_PIXELS, read at the call, unless given).
    """
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    max_pixels = MAX_PIXELS if max_pixels is None else max_pixels
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageProblem(f"{path}: no such file") from None
    except OSError as exc:
        raise ImageProblem(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise ImageProblem(f"{path}: is not a file")
    if size > max_bytes:
        raise ImageProblem(f"{path}: is {size:,} bytes; {what} may be at most {max_bytes:,} bytes")
    if path.suffix.lower() == ".svg":
        raise ImageProblem(f"{path}: SVG images are not supported; export it as PNG or JPEG")
    from PIL import Image as PILImage, UnidentifiedImageError

    try:
        raw = path.read_bytes()[:max_bytes + 1]
        if len(raw) > max_bytes:  # it grew since it was measured
            raise ImageProblem(f"{path}: is over {max_bytes:,} bytes; {what} may be at most {max_bytes:,} bytes")
        with PILImage.open(io.BytesIO(raw)) as opened:
            fmt, pixels = opened.format, opened.size
            if fmt not in FORMATS:
                raise ImageProblem(f"{path}: is a {fmt} image; use PNG or JPEG")
            if pixels[0] * pixels[1] > max_pixels:
                raise ImageProblem(f"{path}: is {pixels[0]} × {pixels[1]} pixels; "
                                   f"{what} may have at most {max_pixels:,} pixels")
            exif = opened.getexif()
            orientation = exif.get(_ORIENTATION, 1)
            gps = bool(exif.get_ifd(_GPS_IFD)) if exif else False
            opened.load()  # decodes it: a truncated or corrupt file fails here, not in a renderer
            upright = _upright(opened, orientation) if orientation in _TURNS else None
        data, removed = _strip(raw, FORMATS[fmt])
        if upright is not None:  # the orientation is in the pixels now; the file's EXIF, which said it, is gone
            data = _strip(upright, FORMATS[fmt])[0]
            pixels = _size_of(data)
        if gps:
            removed = [f"{r} with a GPS position" if r == "EXIF" else r for r in removed]
    except ImageProblem:
        raise
    except UnidentifiedImageError:
        # Pillow's own message names the in-memory stream, which tells the reader nothing.
        raise ImageProblem(f"{path}: is not a PNG or JPEG image: its bytes are no picture format "
                           "(a renamed file of another kind?)") from None
    except OSError as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
            raise ImageProblem(f"{path}: cannot be read: {exc.strerror or exc}") from None
        raise ImageProblem(f"{path}: is not a PNG or JPEG image that can be read ({exc})") from None
    except (ValueError, SyntaxError, struct.error, IndexError, PILImage.DecompressionBombError) as exc:
        raise ImageProblem(f"{path}: is not a PNG or JPEG image that can be read ({exc})") from None
    return Image(path, FORMATS[fmt], pixels, data, tuple(dict.fromkeys(removed)))


# Transpositions that bring each EXIF orientation upright (Pillow's ImageOps.exif_transpose table).
_TURNS = {2: ("FLIP_LEFT_RIGHT",), 3: ("ROTATE_180",), 4: ("FLIP_TOP_BOTTOM",), 5: ("TRANSPOSE",),
          6: ("ROTATE_270",), 7: ("TRANSVERSE",), 8: ("ROTATE_90",)}


def _upright(opened, orientation: int) -> bytes:
    """The image's pixels turned upright, encoded again in its own format with its colour profile.

    A JPEG keeps its own quantisation tables and subsampling, so it loses no more than one
    re-encoding at the quality it was saved with.
    """
    from PIL import Image as PILImage, JpegImagePlugin

    turned = opened
    for name in _TURNS[orientation]:
        turned = turned.transpose(getattr(PILImage.Transpose, name))
    out = io.BytesIO()
    options = {"icc_profile": opened.info["icc_profile"]} if opened.info.get("icc_profile") else {}
    if opened.format == "JPEG":
        sampling = JpegImagePlugin.get_sampling(opened)
        turned.save(out, "JPEG", qtables=opened.quantization, subsampling=sampling if sampling >= 0 else 0,
                    **options)
    else:
        if "transparency" in opened.info:
            options["transparency"] = opened.info["transparency"]
        turned.save(out, "PNG", **options)
    return out.getvalue()


def _size_of(data: bytes) -> tuple[int, int]:
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as opened:
        return opened.size


def published(data: bytes, content_type: str) -> bytes:
    """An image of a reference document (a master's logo, a layout's picture) without its metadata.

    Kept as it is drawn: its orientation is not applied, since Office does not turn a picture by
    its EXIF and the template's frame was drawn for the pixels as stored. PNG and JPEG lose their
    metadata segments and chunks; GIF its comments and application blocks (XMP lives there); TIFF
    and BMP, whose tags and headers may hold anything, are encoded again with their pixels and
    colour profile only. Vector pictures (EMF, WMF) are kept as they are.
    """
    try:
        if content_type == "image/png":
            return _strip(data, "png")[0]
        if content_type == "image/jpeg":
            return _strip(data, "jpeg")[0]
        if content_type == "image/gif":
            return _gif(data)
        if content_type in ("image/tiff", "image/bmp"):
            return _encoded_again(data, content_type.rpartition("/")[2].upper())
    except (ValueError, IndexError, struct.error, OSError):
        raise ImageProblem("cannot be read as the image its content type says") from None
    return data


def _strip(data: bytes, fmt: str) -> tuple[bytes, list[str]]:
    return _png(data) if fmt == "png" else _jpeg(data)


# --- JPEG: a sequence of marker segments, then entropy-coded data after each start of scan -------

_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # markers without a length: TEM and the restart markers
_SOS, _EOI, _APP0, _APP1, _APP2, _APP13, _APP14, _COM = 0xDA, 0xD9, 0xE0, 0xE1, 0xE2, 0xED, 0xEE, 0xFE
_APP1_KINDS = ((b"Exif\0", "EXIF"), (b"http://ns.adobe.com/xap/1.0/\0", "XMP"),
               (b"http://ns.adobe.com/xmp/extension/\0", "XMP"))
_JFIF = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"  # 1.01, aspect 1:1, no thumbnail
_APP2_KINDS = ((b"MPF\0", "extra pictures (MPF)"), (b"FPXR\0", "FlashPix data"))


def _jpeg(data: bytes) -> tuple[bytes, list[str]]:
    """The JPEG without EXIF, XMP, IPTC, comments, thumbnails, other applications' segments or trailing data.

    Kept: the frame, tables and scans; JFIF's header (its thumbnail emptied); the ICC profile
    (APP2 "ICC_PROFILE"); Adobe's APP14, which says how a CMYK image's colours are stored.
    """
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG: no start-of-image marker")
    out, removed = [b"\xff\xd8"], []
    at = 2
    while at < len(data):
        if data[at] != 0xFF:
            raise ValueError(f"not a JPEG marker at byte {at}")
        while at + 1 < len(data) and data[at + 1] == 0xFF:  # fill bytes
            at += 1
        marker = data[at + 1]
        if marker == _EOI:
            out.append(b"\xff\xd9")
            if data[at + 2:].strip(b"\0\r\n"):
                removed.append("extra pictures after the image")
            break
        if marker in _STANDALONE:
            out.append(data[at:at + 2])
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        segment, at = data[at:at + 2 + length], at + 2 + length
        if len(segment) < 4 or len(segment) != 2 + length:
            raise ValueError("a JPEG segment runs past the end of the file")
        kept, what = _jpeg_segment(marker, segment)
        if kept:
            out.append(kept)
        if what:
            removed.append(what)
        if marker == _SOS:  # entropy-coded data up to the next marker (not a stuffed 0xFF00 or a restart)
            end = at
            while True:
                end = data.find(b"\xff", end)
                if end < 0 or end + 1 >= len(data):
                    end = len(data)
                    break
                if data[end + 1] == 0 or data[end + 1] in _STANDALONE or data[end + 1] == 0xFF:
                    end += 1 if data[end + 1] == 0xFF else 2
                    continue
                break
            out.append(data[at:end])
            at = end
    if not out[1].startswith(b"\xff\xe0"):
        # A camera's JPEG often has EXIF where JFIF would be; python-docx and some readers know a JPEG only by
        # the APP0 or APP1 segment it starts with, so the EXIF's place is taken by a plain JFIF header.
        out.insert(1, _JFIF)
    return b"".join(out), removed


def _jpeg_segment(marker: int, segment: bytes) -> tuple[bytes | None, str | None]:
    """What of one segment the products keep, and what kind of metadata was left out (None for none)."""
    body = segment[4:]
    if marker == _APP0:
        if body.startswith(b"JFIF\0") and len(body) >= 14:
            if body[12] or body[13]:  # a thumbnail of Xthumbnail × Ythumbnail pixels follows
                header = body[:12] + b"\0\0"
                return b"\xff\xe0" + struct.pack(">H", len(header) + 2) + header, "thumbnail"
            return segment[:4 + 14], None
        return None, "thumbnail" if body.startswith(b"JFXX\0") else "APP0 data"
    if marker == _APP1:
        return None, next((what for prefix, what in _APP1_KINDS if body.startswith(prefix)), "APP1 data")
    if marker == _APP2:
        if body.startswith(b"ICC_PROFILE\0"):
            return segment, None
        return None, next((what for prefix, what in _APP2_KINDS if body.startswith(prefix)), "APP2 data")
    if marker == _APP13:
        return None, "IPTC" if body.startswith(b"Photoshop 3.0\0") else "APP13 data"
    if marker == _APP14 and body.startswith(b"Adobe"):
        return segment, None
    if 0xE0 <= marker <= 0xEF:
        return None, f"APP{marker - 0xE0} data"
    if marker == _COM:
        return None, "comment"
    return segment, None


# --- PNG: a signature, then chunks (length, type, data, CRC) ------------------------------------

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What decides the pixels and how they look; everything else (text, XMP, EXIF, times, animation,
# private chunks of other programs) is left out.
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
             b"cICP", b"mDCv", b"cLLi", b"bKGD", b"pHYs"}
_PNG_NAMES = {b"tEXt": "text", b"zTXt": "text", b"iTXt": "text", b"eXIf": "EXIF", b"tIME": "time of last change",
              b"acTL": "animation", b"fcTL": "animation", b"fdAT": "animation"}


def _png(data: bytes) -> tuple[bytes, list[str]]:
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG: no signature")
    out, removed = [_SIGNATURE], []
    at = len(_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind = data[at + 4:at + 8]
        chunk, at = data[at:at + 12 + length], at + 12 + length
        if len(chunk) != 12 + length:
            raise ValueError("a PNG chunk runs past the end of the file")
        if kind in _PNG_KEEP:
            out.append(chunk)
        else:
            removed.append(_png_name(kind, chunk[8:8 + length]))
        if kind == b"IEND":
            if data[at:].strip(b"\0"):
                removed.append("data after the image")
            break
    return b"".join(out), removed


def _png_name(kind: bytes, body: bytes) -> str:
    """What a left-out chunk held, as the message names it: XMP and EXIF by the keyword of their text chunk."""
    if kind in (b"tEXt", b"zTXt", b"iTXt"):
        keyword = body.split(b"\0", 1)[0]
        if keyword == b"XML:com.adobe.xmp":
            return "XMP"
        if keyword.startswith(b"Raw profile type"):
            return {b"exif": "EXIF", b"iptc": "IPTC", b"xmp": "XMP"}.get(keyword.rsplit(b" ", 1)[-1], "text")
        if keyword == b"Comment":
            return "comment"
    return _PNG_NAMES.get(kind, f"{kind.decode('latin-1')} data")


# --- GIF: a header, then blocks; extensions (0x21) carry comments and application data ------------

def _gif(data: bytes) -> bytes:
    """The GIF without comment extensions and application extensions other than the looping one."""
    if not data.startswith((b"GIF87a", b"GIF89a")) or len(data) < 13:
        raise ValueError("not a GIF")
    at = 13
    if data[10] & 0x80:  # a global colour table
        at += 3 * (2 << (data[10] & 7))
    out = [data[:at]]
    while at < len(data):
        block = data[at]
        if block == 0x3B:  # trailer
            out.append(b";")
            break
        if block == 0x21:
            label, end = data[at + 1], _sub_blocks(data, at + 2)
            keep = label in (0xF9, 0x01) or (label == 0xFF and data[at + 3:at + 14] == b"NETSCAPE2.0")
            if keep:
                out.append(data[at:end])
            at = end
        elif block == 0x2C:  # an image: descriptor, local colour table, LZW minimum size, data
            start, flags = at, data[at + 9]
            at += 10 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0) + 1
            at = _sub_blocks(data, at)
            out.append(data[start:at])
        else:
            raise ValueError(f"unknown GIF block {block:#x}")
    return b"".join(out)


def _sub_blocks(data: bytes, at: int) -> int:
    """Where a run of GIF data sub-blocks (each a size byte, then that many bytes; 0 ends them) ends."""
    while data[at]:
        at += 1 + data[at]
    return at + 1


def _encoded_again(data: bytes, fmt: str) -> bytes:
    """TIFF or BMP from its pixels alone (and its ICC profile), the only way to be sure no tag is left."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as opened:
        if opened.size[0] * opened.size[1] > MAX_PIXELS:
            raise ValueError("too many pixels")
        profile = opened.info.get("icc_profile")
        pixels = opened.copy()  # a plain image: no TIFF tags to carry over, as a TIFF file's own would be
    pixels.info = {}
    out = io.BytesIO()
    options = {"icc_profile": profile} if profile else {}
    if fmt == "TIFF":
        options["compression"] = "tiff_deflate"
    pixels.save(out, fmt, **options)
    return out.getvalue()


def described(removed: tuple[str, ...]) -> str:
    """The kinds of metadata left out, in words: "EXIF with a GPS position, XMP and a comment"."""
    names = list(removed)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

