"""Speaker notes: one notes slide part (ppt/notesSlides/notesSlideN.xml) per slide, made in constant time.

python-pptx's ``slide.notes_slide`` finds a free part name by walking every part of the
package and clones the notes master's placeholders anew for each slide, which makes a
deck of N slides cost O(N²). The deck already knows each slide's number, so the notes
part takes that number as its name; its XML is a copy of the notes slide the template
prepared from the master (template.py), related exactly as python-pptx would relate
it: to the notes master and to its slide, and back.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from ..office.package import Part
from .xml import NOTES_MASTER, NOTES_SLIDE, NOTES_SLIDE_TYPE, SLIDE, qn, serialized

_P, _R, _RPR, _T, _BR, _TXBODY = qn("a:p"), qn("a:r"), qn("a:rPr"), qn("a:t"), qn("a:br"), qn("p:txBody")
# As python-pptx writes run text: control characters other than tab and newline as _xHHHH_.
_ESCAPED = {code: f"_x{code:04X}_" for code in (*range(0x00, 0x09), *range(0x0B, 0x20))}


class Notes:
    """Adds the notes slides of one deck, from one prototype notes slide, their text at one size."""

    def __init__(self, prototype, body: int | None, size: float) -> None:
        self._prototype = prototype
        self._body = body  # which text body of the prototype holds the notes, if any
        self._size = str(round(size * 100))

    def add(self, slide_part: Part, master: Part, number: int, text: str) -> None:
        """Give ``slide_part`` (the deck's slide ``number``) speaker notes reading ``text``, one paragraph per line."""
        part = Part(f"/ppt/notesSlides/notesSlide{number}.xml", NOTES_SLIDE_TYPE)
        part.relate(master, NOTES_MASTER)
        part.relate(slide_part, SLIDE)
        slide_part.relate(part, NOTES_SLIDE)
        element = deepcopy(self._prototype)
        if self._body is not None:
            body = list(element.iter(_TXBODY))[self._body]
            for line in text.split("\n"):
                self._paragraph(body, line)
        part.blob = serialized(element)

    def _paragraph(self, body, line: str) -> None:
        p = etree.SubElement(body, _P)
        for n, piece in enumerate(line.split("\v")):  # a vertical tab breaks the line, as a newline would
            if n:
                etree.SubElement(p, _BR)
            if piece:
                r = etree.SubElement(p, _R)
                etree.SubElement(r, _RPR, sz=self._size)
                etree.SubElement(r, _T).text = piece.translate(_ESCAPED)
