"""The theme's fonts carried inside the deck, when PowerPoint's readers may not have them (office/carried_fonts.py).

PowerPoint embeds a font as ECMA-376 Part 1 has it (19.2.1.9-19.2.1.11): presentation.xml's
p:embeddedFontLst names the family (p:font) and relates each face (p:regular, p:bold, p:italic,
p:boldItalic) to a part ppt/fonts/fontN.fntdata of type application/x-fontdata, and p:presentation's
embedTrueTypeFonts says that the deck carries fonts.

What a .fntdata part holds the standard leaves open. Microsoft's notes on it (MS-OI29500) say that
PowerPoint keeps fonts there as Embedded OpenType (EOT, the W3C member submission of 2008), and a
plain TrueType file there is reported to make PowerPoint call the file damaged. LibreOffice writes
and reads EOT there too: its PPTX export wraps the whole font in an EOT header, uncompressed
(vcl's EOTConverter), and its import unpacks a .fntdata with libeot, keeping a font only if its
licence allows editing (older versions, 7.4 among them, read no fonts from a .pptx at all). So each
face takes the form LibreOffice writes: an EOT header of version 0x00020002 over the whole TrueType
file, neither compressed (MicroType Express) nor XORed nor subset, which keeps the deck editable in
its font. The header's fields are filled as the submission asks, from the font's own tables.
Whether PowerPoint itself loads it could not be tried where this was written (no PowerPoint there).
"""

from __future__ import annotations

import struct

from lxml.etree import SubElement

from ...installed_fonts import names, tables
from ..office.opc import insert
from ..office.package import Part
from .xml import FONT, FONT_DATA_TYPE, qn

_LIST, _FONT, _RID = qn("p:embeddedFontLst"), qn("p:font"), qn("r:id")
_FACES = (("regular", "p:regular"), ("bold", "p:bold"), ("italic", "p:italic"), ("bold_italic", "p:boldItalic"))
# What follows p:embeddedFontLst in a p:presentation (CT_Presentation's sequence).
_AFTER = {qn(tag) for tag in ("p:custShowLst", "p:photoAlbum", "p:custDataLst", "p:kinsoku", "p:defaultTextStyle",
                              "p:modifyVerifier", "p:extLst")}
_EOT_VERSION = 0x00020002  # the version with the fields after the root string, as LibreOffice writes it
_EOT_MAGIC = 0x504C
_DEFAULT_CHARSET = 1  # the submission requires it from version 0x00020001 on
_NO_ROOT_STRING_CHECKSUM = 0x50475342  # the checksum of no root string: its key alone
_WINDOWS_LATIN = 1252  # the code page of the end-user-defined characters, of which there are none
# The name records the header repeats, in its order: family, style, version, full name.
_NAMES = (1, 2, 5, 4)


def embed(presentation: Part, listing, families: dict[str, dict[str, bytes]]) -> None:
    """Each family's faces (TrueType bytes by face, by the family name its text is set in) as parts of
    ``presentation``, listed in ``listing`` (its p:presentation) in place of a template's list (whose fonts it
    left behind)."""
    for old in listing.findall(_LIST):
        listing.remove(old)
    fonts = listing.makeelement(_LIST, {})
    insert(listing, fonts, _AFTER)
    number = 0
    for family, faces in families.items():
        entry = SubElement(fonts, qn("p:embeddedFont"))
        SubElement(entry, _FONT, typeface=family)
        for face, tag in _FACES:
            number += 1
            part = Part(f"/ppt/fonts/font{number}.fntdata", FONT_DATA_TYPE, fntdata(faces[face]))
            SubElement(entry, qn(tag)).set(_RID, presentation.relate(part, FONT))
    listing.set("embedTrueTypeFonts", "1")


def fntdata(font: bytes) -> bytes:
    """The TrueType font as an Embedded OpenType file: a little-endian header of the facts a reader matches and
    licenses it by (its OS/2, head and name tables'), then the font as it is."""
    at = tables(font)
    os2, head = at[b"OS/2"], at[b"head"]
    weight, rights = struct.unpack_from(">H", font, os2 + 4)[0], struct.unpack_from(">H", font, os2 + 8)[0]
    italic = struct.unpack_from(">H", font, os2 + 62)[0] & 1  # fsSelection's italic bit
    unicode_ranges = struct.unpack_from(">4L", font, os2 + 42)
    # The code page ranges came with the OS/2 table's version 1.
    code_pages = struct.unpack_from(">2L", font, os2 + 78) if struct.unpack_from(">H", font, os2)[0] else (0, 0)
    found: dict[int, str] = {}
    for name_id, name in names(font[at[b"name"]:], _NAMES):
        found.setdefault(name_id, name)
    header = struct.pack("<LL", _EOT_VERSION, 0)  # no flags: not subset, compressed or XORed
    header += font[os2 + 32:os2 + 42]  # its PANOSE classification
    header += struct.pack("<BBLHH", _DEFAULT_CHARSET, italic, weight, rights, _EOT_MAGIC)
    header += struct.pack("<4L2LL16x", *unicode_ranges, *code_pages, struct.unpack_from(">L", font, head + 8)[0])
    for name_id in _NAMES:  # each after two bytes of padding, its length in bytes first, in UTF-16
        text = found.get(name_id, "").encode("utf-16-le")
        header += struct.pack("<HH", 0, len(text)) + text
    header += struct.pack("<HH", 0, 0)  # no root string: the font is tied to no web site
    header += struct.pack("<LLHHLL", _NO_ROOT_STRING_CHECKSUM, _WINDOWS_LATIN, 0, 0, 0, 0)  # no signature, no EUDC font
    return struct.pack("<LL", 8 + len(header) + len(font), len(font)) + header + font
