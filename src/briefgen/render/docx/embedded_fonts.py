"""The theme's fonts carried inside the Word brief, when Word's readers may not have them (office/carried_fonts.py).

Word embeds a TrueType font as an obfuscated part (ECMA-376 Part 1, 17.8.1): word/fonts/fontN.odttf,
related from the font table, its first 32 bytes XORed with the bytes of a GUID that the font table's
w:embedRegular (Bold, Italic, BoldItalic) names as the font's key; settings.xml's w:embedTrueTypeFonts
says the document carries fonts. Word and LibreOffice then set the brief in the theme's own font.
"""

from __future__ import annotations

import hashlib
import uuid

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import SubElement

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_FACES = (("regular", "w:embedRegular"), ("bold", "w:embedBold"), ("italic", "w:embedItalic"),
          ("bold_italic", "w:embedBoldItalic"))
# What follows w:embedTrueTypeFonts in a settings part (CT_Settings' sequence).
_AFTER = ("w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
          "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
          "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign", "w:attachedTemplate",
          "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
          "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection",
          "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop")


def embed(word: WordDocument, families: dict[str, dict[str, bytes]]) -> None:
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
            part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT, obfuscated(data, key),
                        word.part.package)
            SubElement(entry, qn(tag), {qn("r:id"): table.relate_to(part, RT.FONT), qn("w:fontKey"): key})
    settings = word.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        flag = OxmlElement("w:embedTrueTypeFonts")
        after = next((child for child in settings if child.tag in {qn(t) for t in _AFTER}), None)
        (after.addprevious(flag) if after is not None else settings.append(flag))


def obfuscated(data: bytes, key: str) -> bytes:
    """The font as Word stores it: its first 32 bytes XORed with the key's 16 bytes, last byte first."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ secret[n % 16] for n, byte in enumerate(data[:32]))
    return head + data[32:]


def _key(data: bytes) -> str:
    """A GUID made from the font's bytes: the same font gives the same package, as outputs must be reproducible."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def _font_table(word: WordDocument) -> XmlPart:
    """The document's font table as XML (python-docx keeps it as bytes), related anew so it may relate fonts."""
    for r_id, rel in list(word.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            old = rel.target_part
            del word.part.rels[r_id]
            part = XmlPart.load(old.partname, old.content_type, old.blob, word.part.package)
            break
    else:
        part = XmlPart(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, OxmlElement("w:fonts"), word.part.package)
    word.part.relate_to(part, RT.FONT_TABLE)
    return part
