"""The Word body as the renderer fills it: each block appended in constant time, and written out once made.

python-docx adds a paragraph or table to the body by scanning the body's children for the
final ``w:sectPr`` and inserting before it, so a body of n blocks costs n² steps (a list of
100,000 items took minutes). Here each paragraph is made as a loose w:p, as python-docx's
``add_paragraph`` fills one, and put straight to its place before ``w:sectPr``.

A long brief's body is most of its memory as a tree: lxml's nodes take several times the bytes
they are written as (at 50× the NRF brief, ~70 MB for 9 MB of XML). Nothing reads a block again once
it is made, except a redline's changes, which are numbered across the whole body at the end
(tracked.stamp). So the writer has the blocks made so far written and taken out of the tree
(``flush``), and the document part is written (``write``) from what is left of the tree with those
bytes where the blocks were: the bytes the whole tree is written as.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO, Callable

from lxml import etree

from .package import Word
from .xml import element, qn

# Stands where the blocks go while what is around them is written: a comment is written as it is, and no text
# or attribute of the document can hold its "<".
_HOLE = "briefgen: the body's blocks"
_IDS = etree.XPath("//@id")
_DRAWING_IDS = etree.XPath(".//wp:docPr/@id", namespaces={
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"})


class Body:
    """Stands in for the document where blocks are added: ``add_paragraph``, or ``place`` for a block made whole."""

    def __init__(self, word: Word) -> None:
        self.word = word
        self._body = word.body
        self._end = self._body.find(qn("w:sectPr"))  # None in a document without section properties
        self.part = word.part  # where hyperlinks and pictures are related
        self.word_2013_tables = compatibility_mode(word) >= 15
        # The blocks taken out of the tree, as they are written, in order: one zlib stream, quickly made (a tenth
        # of their size at 50×: 9 MB of XML), inflated into the package as it is written.
        self._written: list[bytes] = []
        self._deflate: zlib._Compress | None = zlib.compressobj(1)
        self._flushed = False
        self._last_id = self._last_drawing_id = 0  # the largest id and drawing id among them
        # lxml writes an element's children as they are written in the whole document; only the element it
        # starts from is given its ancestors' namespace declarations. So the body is written whole (its held
        # blocks, then its w:sectPr, which nothing changes while blocks are made), and what stands around the
        # blocks, found here once, is cut off.
        self._around = self._around_blocks(lambda out: etree.ElementTree(self._body).write(out, encoding="UTF-8"))

    def add_paragraph(self):
        """A new empty w:p at the end of the body."""
        p = element("w:p")
        self.place(p)
        return p

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

    @property
    def next_id(self) -> int:
        """The id python-docx gives a picture (its part's ``next_id``) with every block in the tree: one after
        every id in the document part (an attribute of that name, as a drawing's wp:docPr has)."""
        held = [int(found) for found in _IDS(self._body) if found.isdigit()]
        return max(self._last_id, *held, 0) + 1

    @property
    def last_drawing_id(self) -> int:
        """The largest id of a drawing (wp:docPr) in the body, written or held; 0 if it has none."""
        held = [int(found) for found in _DRAWING_IDS(self._body) if found.isdigit()]
        return max(self._last_drawing_id, *held, 0)

    def flush(self) -> None:
        """Write the blocks the tree holds and take them out of it; between blocks only (a redline's changes are
        numbered across the whole body at the end, so a redline's body is never flushed)."""
        count = self.count()
        if not count:
            return
        self._last_id, self._last_drawing_id = self.next_id - 1, self.last_drawing_id
        pieces = _Pieces(*self._around, self._deflate, self._written)
        etree.ElementTree(self._body).write(pieces, encoding="UTF-8")
        pieces.close()
        self._flushed = True
        # Deleted, not removed: lxml frees a deleted subtree no Python object holds at once, where it gives a
        # removed one namespace declarations of its own node by node (a minute for a paragraph of 100,000 runs).
        del self._body[:count]

    def write(self, stream: BinaryIO) -> None:
        """The document part as python-docx writes it (its ``blob``), every block where it was placed."""
        tree = self._body.getroottree()
        whole = lambda out: tree.write(out, encoding="UTF-8", standalone=True)  # noqa: E731
        if not self._flushed:
            whole(stream)
            return
        if self._deflate is not None:  # no block comes after: what it holds back
            self._written.append(self._deflate.flush())
            self._deflate = None
        head, tail = self._around_blocks(whole)
        stream.write(head)
        inflate = zlib.decompressobj()
        for piece in self._written:
            stream.write(inflate.decompress(piece))
        stream.write(tail)

    def _around_blocks(self, write: Callable[[BinaryIO], None]) -> tuple[bytes, bytes]:
        """What ``write`` writes before and after the blocks written so far (they stood before the held ones)."""
        hole = etree.Comment(_HOLE)
        self._body.insert(0, hole)
        try:
            out = io.BytesIO()
            write(out)
        finally:
            self._body.remove(hole)
        parts = out.getvalue().split(f"<!--{_HOLE}-->".encode())
        if len(parts) != 2:
            raise ValueError(f"the Word document already holds the comment {_HOLE!r}")
        return parts[0], parts[1]


class _Pieces:
    """A file lxml writes the body into as it goes: the bytes of its blocks, compressed by ``deflate`` into
    ``into``, without what stands around them (the body's start tag before, its w:sectPr and end tag after),
    which must be ``start`` and ``end``."""

    def __init__(self, start: bytes, end: bytes, deflate, into: list[bytes]) -> None:
        self._start, self._end, self._deflate, self._into = start, end, deflate, into
        self._skipped = self._last = b""

    def write(self, data: bytes) -> None:
        if len(self._skipped) < len(self._start):
            cut = len(self._start) - len(self._skipped)
            self._skipped += data[:cut]
            data = data[cut:]
        data = self._last + data  # the last bytes are held back until more come: the end is not the blocks'
        split = max(len(data) - len(self._end), 0)
        self._last = data[split:]
        if split and (compressed := self._deflate.compress(data[:split])):
            self._into.append(compressed)

    def close(self) -> None:
        if self._skipped != self._start or self._last != self._end:
            raise RuntimeError("the Word body's start tag or section properties changed while its blocks were made")


def compatibility_mode(word: Word) -> int:
    """The Word version whose layout the document asks for (settings.xml): 14 is Word 2010, 15 Word 2013 and
    later; a document that does not say is laid out as Word 2007's (12)."""
    for setting in word.settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode" and (setting.get(qn("w:val")) or "").isdigit():
            return int(setting.get(qn("w:val")))
    return 12
