"""Images as analysts really have them: a phone's JPEG and an edited PNG, carrying everything a camera and an
editor write into a file, built here with Pillow rather than shipped.

Each carries the strings in ``SECRETS`` (a camera, a home-folder path, a person's name, a comment) in
its EXIF, GPS, XMP, IPTC and comment, and is stored turned: the EXIF orientation says how to show it.
"""

from __future__ import annotations

import io
import struct
from functools import cache

from PIL import Image, ImageCms, ImageDraw

CAMERA, MODEL, SOFTWARE, PERSON, COMMENT = "PhoneMakerCo", "Pixelphone 7", "/home/jsmith/bin/photo-editor", \
    "Jane Q. Smith", "taken behind the safe house"
SECRETS = (CAMERA, MODEL, SOFTWARE, "jsmith", PERSON, COMMENT)
STORED = (400, 300)  # the pixels as stored: landscape; orientation 6 shows them as a 300 × 400 portrait
RED_CORNER_SHOWN = (280, 20)  # the stored top-left red quarter, once turned upright (90° clockwise)
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>' + PERSON.encode() +
       b'</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')


@cache  # made once: a profile records when it was made
def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _pixels() -> Image.Image:
    picture = Image.new("RGB", STORED, "white")
    ImageDraw.Draw(picture).rectangle((0, 0, STORED[0] // 2 - 1, STORED[1] // 2 - 1), fill=(255, 0, 0))
    return picture


def _exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0131], exif[0x013B] = CAMERA, MODEL, SOFTWARE, PERSON
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)  # 34°31′N 69°10′E
    gps[1], gps[2], gps[3], gps[4] = "N", (34.0, 31.0, 0.0), "E", (69.0, 10.0, 0.0)
    return exif


def phone_jpeg(orientation: int = 6) -> bytes:
    """A phone's JPEG: no JFIF header, EXIF with GPS and camera data, XMP, IPTC, a comment, an ICC profile,
    and a second, smaller picture after the image (as phones add for previews)."""
    out = io.BytesIO()
    _pixels().save(out, "JPEG", exif=_exif(orientation), icc_profile=srgb_profile(), comment=COMMENT.encode(),
                   xmp=XMP, quality=90)
    data = out.getvalue()
    assert data[2:4] == b"\xff\xe0"  # Pillow's JFIF header, which a camera does not write: its EXIF comes first
    data = data[:2] + data[4 + struct.unpack(">H", data[4:6])[0]:]
    record = b"\x1c\x02\x50" + struct.pack(">H", len(PERSON)) + PERSON.encode()  # IPTC By-line
    iptc = b"Photoshop 3.0\0" + b"8BIM\x04\x04\0\0" + struct.pack(">I", len(record)) + record
    data = data[:2] + b"\xff\xed" + struct.pack(">H", len(iptc) + 2) + iptc + data[2:]
    preview = io.BytesIO()
    _pixels().resize((40, 30)).save(preview, "JPEG", comment=COMMENT.encode())
    return data + preview.getvalue()


def edited_png(orientation: int = 6) -> bytes:
    """A PNG from an editor: EXIF (eXIf chunk) with GPS, XMP and text chunks, a time, an ICC profile."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", PERSON)
    info.add_text("Comment", COMMENT, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Software", SOFTWARE)
    out = io.BytesIO()
    _pixels().save(out, "PNG", pnginfo=info, exif=_exif(orientation), icc_profile=srgb_profile())
    return out.getvalue()
