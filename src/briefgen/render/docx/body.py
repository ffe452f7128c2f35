"""The Word body as the renderer fills it: each paragraph or table appended in constant time.

python-docx adds a paragraph or table to the body by scanning the body's children for the
final ``w:sectPr`` and inserting before it, so a body of n blocks costs n² steps (a list of
100,000 items took minutes). Here each paragraph is made as a loose w:p, as python-docx's
``add_paragraph`` fills one, and put straight to its place before ``w:sectPr``.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


class Body:
    """Stands in for the document where blocks are added: ``add_paragraph``, or ``place`` for a block made whole."""

    def __init__(self, word: WordDocument) -> None:
        self._body = word.element.body
        self._end = self._body.sectPr  # None in a document without section properties
        self.part = word.part  # where hyperlinks and pictures are related, and styles are looked up
        self.word_2013_tables = compatibility_mode(word) >= 15


    def add_paragraph(self, text: str = "") -> Paragraph:
        p = OxmlElement("w:p")
        self.place(p)
        paragraph = Paragraph(p, self)  # self is its parent: python-docx asks it for the part
        if text:
            paragraph.add_run(text)
        return paragraph

    def count(self) -> int:
        """How many blocks (paragraphs and tables) the body holds."""
        return len(self._body) - (self._end is not None)

    def since(self, count: int) -> list:
        """The blocks placed since the body held ``count``."""
        return list(self._body)[count:self.count()]

    def place(self, element) -> None:
        """Put a finished block (a w:p or w:tbl made elsewhere) at the end of the body."""
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self._body.append(element)


def compatibility_mode(word: WordDocument) -> int:
    """The Word version whose layout the document asks for (settings.xml): 14 is Word 2010, 15 Word 2013 and
    later; a document that does not say is laid out as Word 2007's (12)."""
    for setting in word.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode" and (setting.get(qn("w:val")) or "").isdigit():
            return int(setting.get(qn("w:val")))
    return 12
