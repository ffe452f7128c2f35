"""Word's own footnotes (word/footnotes.xml): each note at the foot of the page that first cites it.

The layout numbers the notes as the PDF's notes list does: one number per distinct note, in
reading order (layout/document.py). A note's first mark is Word's footnote reference, so Word
shows the note on hover and renumbers it when a reviewer inserts another; a later mark of the
same note is a NOTEREF field to that reference (``\\f``: set as a footnote reference, ``\\h``: a link
to it), as Word's own cross-reference to a footnote writes it. A mark deleted in a redline is its
number, deleted: its note is the last edition's.
"""

from __future__ import annotations

from lxml.etree import SubElement

from ...layout.document import Note
from ..office.opc import insert
from . import inline, xml
from .formatting import SETTINGS_SEQUENCE, later
from .markers import Mark
from .package import Word, WordPart
from .styles import NOTE_REFERENCE, NOTE_TEXT
from .xml import element, qn

_ID, _TYPE, _VAL = qn("w:id"), qn("w:type"), qn("w:val")


def write(word: Word, notes: tuple[Note, ...], mark: Mark) -> None:
    """The notes as the document's footnotes, each marked with the field of the source it cites; a reference
    document's own footnotes go (the brief's replace them)."""
    part = _part(word)
    root = part.element
    for number, kind, tag in ((-1, "separator", "w:separator"), (0, "continuationSeparator",
                                                                   "w:continuationSeparator")):
        note = SubElement(root, qn("w:footnote"), {_TYPE: kind, _ID: str(number)})
        SubElement(SubElement(SubElement(note, qn("w:p")), qn("w:r")), qn(tag))
    story = _Story(part, word)
    for note in notes:
        element = SubElement(root, qn("w:footnote"), {_ID: str(note.number)})
        p = SubElement(element, qn("w:p"))
        SubElement(SubElement(p, qn("w:pPr")), qn("w:pStyle"), {_VAL: NOTE_TEXT})
        number = SubElement(p, qn("w:r"))
        SubElement(SubElement(number, qn("w:rPr")), qn("w:rStyle"), {_VAL: NOTE_REFERENCE})
        SubElement(number, qn("w:footnoteRef"))
        SubElement(SubElement(p, qn("w:r")), qn("w:tab"))  # the text at the style's indent, the number hanging
        inline.write(p, note.spans, story)
        mark(p, note.field)
    _separators_in_settings(word)


class _Story:
    """Where a note's paragraph is, for inline.write: the part its links are related from, and the document."""

    def __init__(self, part: WordPart, word: Word) -> None:
        self.part, self.word = part, word


def _part(word: Word) -> WordPart:
    """A new footnotes part; a reference document's own is left out."""
    word.part.drop(xml.FOOTNOTES)
    part = WordPart("/word/footnotes.xml", xml.FOOTNOTES_TYPE, element=element("w:footnotes"))
    word.part.relate(part, xml.FOOTNOTES)
    return part


def _separators_in_settings(word: Word) -> None:
    """settings.xml names the separator footnotes, as Word writes it (before w:endnotePr and w:compat)."""
    settings = word.settings
    for old in settings.findall(qn("w:footnotePr")):
        settings.remove(old)
    properties = element("w:footnotePr")
    for number in ("-1", "0"):
        SubElement(properties, qn("w:footnote"), {_ID: number})
    insert(settings, properties, later(SETTINGS_SEQUENCE, "w:footnotePr"))
