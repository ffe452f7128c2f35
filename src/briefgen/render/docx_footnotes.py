"""word/footnotes.xml: the footnotes part with its two separators, and the references that point into it.

python-docx has no footnote API, so the part is built here: the separator (id -1) and
continuation separator (id 0) that Word expects, one w:footnote per citation use, the
relationship from the document part and the content type (registered by the part itself).
"""

from __future__ import annotations

from typing import Callable

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from ..inline import Citation, Inline, Span
from . import docx_inline
from .docx_styles import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT

W = nsdecls("w")

_SEPARATOR = ('<w:footnote w:type="{kind}" w:id="{id}"><w:p><w:pPr>'
              '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>')
_PART = (f"<w:footnotes {W}>" + _SEPARATOR.format(kind="separator", id=-1)
         + _SEPARATOR.format(kind="continuationSeparator", id=0) + "</w:footnotes>")

# Where w:footnotePr goes among w:settings' children: before the first of these.
_SETTINGS_AFTER = ("endnotePr", "compat", "docVars", "rsids", "attachedSchema", "themeFontLang",
                   "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                   "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults", "doNotEmbedSmartTags",
                   "decimalSymbol", "listSeparator")


class _Story:
    """What python-docx's Paragraph needs from its parent: the part its relationships (links) live in."""

    def __init__(self, part: XmlPart) -> None:
        self.part = part


class Footnotes:
    """The brief's footnotes: one per citation use, numbered in reading order."""

    def __init__(self, document: WordDocument, note: Callable[[Citation], Inline]) -> None:
        package = document.part.package
        for r_id, rel in list(document.part.rels.items()):
            if rel.reltype == RT.FOOTNOTES:  # a reference document's own notes go with its body
                del document.part.rels[r_id]
        self._part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_PART), package)
        document.part.relate_to(self._part, RT.FOOTNOTES)
        _declare_separators(document)
        self._note_text = note
        self._previous: Citation | None = None
        self.count = 0

    def cite(self, paragraph: Paragraph, citation: Citation) -> None:
        """Add a footnote for one use of ``citation`` and its reference mark at the end of ``paragraph``."""
        self.count += 1
        note_id = self.count
        note = parse_xml(f'<w:footnote {W} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{FOOTNOTE_TEXT}"/>'
                         "</w:pPr></w:p></w:footnote>")
        self._part.element.append(note)
        text = Paragraph(note.find(qn("w:p")), _Story(self._part))
        docx_inline.reference_run(text, FOOTNOTE_REFERENCE, "<w:footnoteRef/>")
        text.add_run("\t")
        docx_inline.write(text, self._note(citation))
        docx_inline.reference_run(paragraph, FOOTNOTE_REFERENCE, f'<w:footnoteReference w:id="{note_id}"/>')

    def _note(self, citation: Citation) -> Inline:
        # A note that repeats the note before it says so instead of repeating it in full.
        repeated = citation == self._previous
        self._previous = citation
        if repeated:
            return (Span("Ibid."),)
        return self._note_text(citation)


def _declare_separators(document: WordDocument) -> None:
    """w:footnotePr in the settings names the separator notes, as Word writes it."""
    settings = document.settings.element
    for old in settings.findall(qn("w:footnotePr")):
        settings.remove(old)
    declaration = parse_xml(f'<w:footnotePr {W}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    later = {qn(f"w:{tag}") for tag in _SETTINGS_AFTER}
    for child in settings:
        if child.tag in later or not child.tag.startswith(qn("w:x")[:-1]):
            child.addprevious(declaration)
            return
    settings.append(declaration)
