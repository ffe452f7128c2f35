"""Speaker notes: one notes slide part (ppt/notesSlides/notesSlideN.xml) per slide, made in constant time.

python-pptx's ``slide.notes_slide`` finds a free part name by walking every part of the
package and clones the notes master's placeholders anew for each slide, which makes a
deck of N slides cost O(N²). The deck already knows each slide's number, so the notes
part takes that number as its name; its XML is a copy of one notes slide prepared from
the master, related exactly as python-pptx would relate it: to the notes master and to
its slide, and back.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.opc.oxml import serialize_part_xml
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart

from .pptx_internals import relate

_P, _R, _RPR, _T, _BR, _TXBODY = qn("a:p"), qn("a:r"), qn("a:rPr"), qn("a:t"), qn("a:br"), qn("p:txBody")
_LINE_BREAK = re.compile("\n|\v")
# As python-pptx writes run text: control characters other than tab and newline as _xHHHH_.
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")


class Notes:
    """Adds the notes slides of one presentation, their text at one size."""

    def __init__(self, presentation, size: float) -> None:
        self._presentation = presentation
        self._size = str(round(size * 100))
        self._master = None
        self._prototype = None
        self._body: int | None = None  # which text body of the prototype holds the notes

    def add(self, slide_part, number: int, text: str) -> None:
        """Give ``slide_part`` (the deck's slide ``number``) speaker notes reading ``text``, one paragraph per line."""
        if self._master is None:
            self._prepare()
        package = self._presentation.part.package
        part = Part(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE, package)
        relate(part, self._master, RT.NOTES_MASTER)
        relate(part, slide_part, RT.SLIDE)
        relate(slide_part, part, RT.NOTES_SLIDE)
        element = deepcopy(self._prototype)
        if self._body is not None:
            body = list(element.iter(_TXBODY))[self._body]
            for line in text.split("\n"):
                self._paragraph(body, line)
        part.blob = serialize_part_xml(element)

    def _prepare(self) -> None:
        # The first call, not the constructor, creates a missing notes master, so the
        # presentation's relationships are numbered as python-pptx numbers them.
        self._master = self._presentation.part.notes_master_part
        scratch = NotesSlidePart(PackURI("/ppt/notesSlides/prototype.xml"), CT.PML_NOTES_SLIDE,
                                 self._master.package, CT_NotesSlide.new())
        notes = scratch.notes_slide
        notes.clone_master_placeholders(self._master.notes_master)
        placeholder = notes.notes_placeholder
        if placeholder is not None:
            body = placeholder.element.find(_TXBODY)
            self._body = list(notes.element.iter(_TXBODY)).index(body)
            for p in body.findall(_P):
                body.remove(p)
        self._prototype = notes.element

    def _paragraph(self, body, line: str) -> None:
        p = etree.SubElement(body, _P)
        for n, piece in enumerate(_LINE_BREAK.split(line)):
            if n:
                etree.SubElement(p, _BR)
            if piece:
                r = etree.SubElement(p, _R)
                etree.SubElement(r, _RPR, sz=self._size)
                etree.SubElement(r, _T).text = _CONTROL.sub(lambda m: "_x%04X_" % ord(m.group(1)), piece)
