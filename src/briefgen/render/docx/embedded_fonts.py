"""The theme's fonts carried inside the Word brief, when Word's readers may not have them (office/carried_fonts.py).

Word embeds a TrueType font as an obfuscated part (ECMA-376 Part 1, 17.8.1): word/fonts/fontN.odttf,
related from the font table, its first 32 bytes XORed with the bytes of a GUID that the font table's
w:embedRegular (Bold, Italic, BoldItalic) names as the font's key; settings.xml's w:embedTrueTypeFonts
says the document carries fonts. Word and LibreOffice then set the brief in the theme's own font.
"""

from __future__ import annotations

import hashlib
import uuid

from lxml.etree import SubElement

from ..office.opc import insert
from . import xml
from .package import Word, WordPart
from .formatting import SETTINGS_SEQUENCE, later
from .xml import OBFUSCATED_FONT_TYPE, element, qn

_AFTER_FLAG = later(SETTINGS_SEQUENCE, "w:embedTrueTypeFonts")
_FACES = (("regular", "w:embedRegular"), ("bold", "w:embedBold"), ("italic", "w:embedItalic"),
          ("bold_italic", "w:embedBoldItalic"))


def embed(word: Word, families: dict[str, dict[str, bytes]]) -> None:
    """Each family's four faces (TrueType bytes by face, by the family name its text is set in) in the package."""
    table = _font_table(word)
    number = 0
    for family, faces in families.items():
        entry = next((font for font in table.element.findall(qn("w:font")) if font.get(qn("w:name")) == family),
                     None)
        if entry is None:
            entry = SubElement(table.element, qn("w:font"), {qn("w:name"): family})
        for old in [child for child in entry if child.tag.startswith(f"{{{entry.nsmap['w']}}}embed")]:
            entry.remove(old)
        for face, tag in _FACES:
            number += 1
            data = faces[face]
            key = _key(data)
            part = WordPart(f"/word/fonts/font{number}.odttf", OBFUSCATED_FONT_TYPE, obfuscated(data, key))
            SubElement(entry, qn(tag), {qn("r:id"): table.relate(part, xml.FONT), qn("w:fontKey"): key})
    settings = word.settings
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        insert(settings, element("w:embedTrueTypeFonts"), _AFTER_FLAG)


def obfuscated(data: bytes, key: str) -> bytes:
    """The font as Word stores it: its first 32 bytes XORed with the key's 16 bytes, last byte first."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ secret[n % 16] for n, byte in enumerate(data[:32]))
    return head + data[32:]


def _key(data: bytes) -> str:
    """A GUID made from the font's bytes: the same font gives the same package, as outputs must be reproducible."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def _font_table(word: Word) -> WordPart:
    """The document's font table, as a part of its own without the relationships the base's had, related anew
    (last) so it may relate fonts: as python-docx, which keeps the font table as bytes, would load it as XML."""
    old = word.part.drop(xml.FONT_TABLE)
    if old:
        part = WordPart(old[0].partname, old[0].content_type, element=old[0].element)
    else:
        part = WordPart("/word/fontTable.xml", xml.FONT_TABLE_TYPE, element=element("w:fonts"))
    word.part.relate(part, xml.FONT_TABLE)
    return part
