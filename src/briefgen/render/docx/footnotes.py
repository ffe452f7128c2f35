"""Word's own footnotes (word/footnotes.xml): each note at the foot of the page that first cites it.

The layout numbers the notes as the PDF's notes list does: one number per distinct note, in
reading order (layout/document.py). A note's first mark is Word's footnote reference, so Word
shows the note on hover and renumbers it when a reviewer inserts another; a later mark of the
same note is a NOTEREF field to that reference (``\\f``: set as a footnote reference, ``\\h``: a link
to it), as Word's own cross-reference to a footnote writes it. A mark deleted in a redline is its
number, deleted: its note is the last edition's.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from ...layout.document import Note
from . import inline
from .markers import Mark
from .styles import NOTE_REFERENCE, NOTE_TEXT

_ID, _TYPE, _VAL = qn("w:id"), qn("w:type"), qn("w:val")


def write(word: WordDocument, notes: tuple[Note, ...], mark: Mark) -> None:
    """The notes as the document's footnotes, each marked with the field of the source it cites; a reference
    document's own footnotes go (the brief's replace them)."""
    part = _part(word)
    root = part.element
    for number, kind, tag in ((-1, "separator", "w:separator"), (0, "continuationSeparator",
                                                                   "w:continuationSeparator")):
        note = SubElement(root, qn("w:footnote"), {_TYPE: kind, _ID: str(number)})
        SubElement(SubElement(SubElement(note, qn("w:p")), qn("w:r")), qn(tag))
    holder = _Story(part)
    for note in notes:
        element = SubElement(root, qn("w:footnote"), {_ID: str(note.number)})
        p = SubElement(element, qn("w:p"))
        SubElement(SubElement(p, qn("w:pPr")), qn("w:pStyle"), {_VAL: NOTE_TEXT})
        number = SubElement(p, qn("w:r"))
        SubElement(SubElement(number, qn("w:rPr")), qn("w:rStyle"), {_VAL: NOTE_REFERENCE})
        SubElement(number, qn("w:footnoteRef"))
        SubElement(SubElement(p, qn("w:r")), qn("w:tab"))  # the text at the style's indent, the number hanging
        inline.write(Paragraph(p, holder), note.spans)
        mark(p, note.field)
    _separators_in_settings(word)


class _Story:
    """What a paragraph of the footnotes asks its parent for: the part its links are related from."""

    def __init__(self, part) -> None:
        self.part = part


def _part(word: WordDocument):
    """A new footnotes part; a reference document's own (python-docx reads it as bytes) is left out."""
    for r_id, rel in list(word.part.rels.items()):
        if rel.reltype == RT.FOOTNOTES:
            del word.part.rels[r_id]
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, OxmlElement("w:footnotes"), word.part.package)
    word.part.relate_to(part, RT.FOOTNOTES)
    return part


def _separators_in_settings(word: WordDocument) -> None:
    """settings.xml names the separator footnotes, as Word writes it (before w:endnotePr and w:compat)."""
    settings = word.settings.element
    for old in settings.findall(qn("w:footnotePr")):
        settings.remove(old)
    properties = OxmlElement("w:footnotePr")
    for number in ("-1", "0"):
        SubElement(properties, qn("w:footnote"), {_ID: number})
    after = next((child for child in settings if child.tag in {qn(t) for t in _AFTER}), None)
    (after.addprevious(properties) if after is not None else settings.append(properties))


# What follows w:footnotePr in a settings part (CT_Settings' sequence).
_AFTER = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
          "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
          "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
          "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
