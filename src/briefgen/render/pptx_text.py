"""DrawingML text for the deck (a:txBody in ppt/slides/slideN.xml): frames, paragraphs and runs set exactly as measured.

Every value written here comes from layout/deck.py, which measured the text with these
settings: exact line pitch, space before, hanging indent, insets, no autofit, word wrap.
Every run names the deck font, so LibreOffice and PowerPoint use the font that was measured.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..inline import Inline
from ..layout import deck as layout

BULLET = "\u2022"
# The slide-number field's id: any fixed GUID; PowerPoint and LibreOffice only read its type.
SLIDE_NUMBER_FIELD = "{5C3A1F2E-7B1D-4E55-9A0C-2B9D7E3F6A10}"


class Typesetter:
    """Writes text bodies in one font family and language."""

    def __init__(self, family: str, language: str) -> None:
        self.family = family
        self.language = language

    def frame(self, text_frame, *, anchor: str | None = None) -> None:
        """Empty ``text_frame`` and make it wrap words, never autofit, with the insets the deck measured against."""
        body = text_frame._txBody
        body_pr = body.bodyPr
        for child in list(body_pr):
            body_pr.remove(child)
        body_pr.set("wrap", "square")
        for side, inset in (("lIns", layout.INSET_X), ("rIns", layout.INSET_X),
                            ("tIns", layout.INSET_Y), ("bIns", layout.INSET_Y)):
            body_pr.set(side, str(Pt(inset)))
        if anchor:
            body_pr.set("anchor", anchor)
        etree.SubElement(body_pr, qn("a:noAutofit"))
        for p in body.findall(qn("a:p")):
            body.remove(p)

    def paragraph(self, text_frame, *, pitch: float, before: float = 0.0, indent: float = 0.0,
                  bullet: bool = False, align: str | None = None):
        """A new last paragraph of ``text_frame``: exact line pitch, space before, hanging bullet or none."""
        p = etree.SubElement(text_frame._txBody, qn("a:p"))
        ppr = etree.SubElement(p, qn("a:pPr"), marL=str(Pt(indent)),
                               indent=str(-Pt(indent) if bullet else 0))
        if align:
            ppr.set("algn", align)
        etree.SubElement(etree.SubElement(ppr, qn("a:lnSpc")), qn("a:spcPts"), val=str(round(pitch * 100)))
        etree.SubElement(etree.SubElement(ppr, qn("a:spcBef")), qn("a:spcPts"), val=str(round(before * 100)))
        if bullet:
            etree.SubElement(ppr, qn("a:buFont"), typeface=self.family)
            etree.SubElement(ppr, qn("a:buChar"), char=BULLET)
        else:
            etree.SubElement(ppr, qn("a:buNone"))
        return p

    def runs(self, p, spans: Inline, size: float, *, part=None, colour: str | None = None,
             bold: bool = False) -> None:
        """The spans as runs; a span's link becomes a hyperlink relationship of ``part``."""
        for span in spans:
            r = etree.SubElement(p, qn("a:r"))
            rpr = self._properties(r, size, bold=bold or span.bold, italic=span.italic, colour=colour)
            if span.href and part is not None:
                link = etree.SubElement(rpr, qn("a:hlinkClick"))
                link.set(qn("r:id"), part.relate_to(span.href, RT.HYPERLINK, is_external=True))
            etree.SubElement(r, qn("a:t")).text = span.text

    def slide_number(self, p, number: int, size: float) -> None:
        """A slide-number field, with the number written in for readers that do not compute fields."""
        fld = etree.SubElement(p, qn("a:fld"), id=SLIDE_NUMBER_FIELD, type="slidenum")
        self._properties(fld, size)
        etree.SubElement(fld, qn("a:t")).text = str(number)

    def _properties(self, r, size: float, *, bold: bool = False, italic: bool = False,
                    colour: str | None = None):
        rpr = etree.SubElement(r, qn("a:rPr"), lang=self.language, sz=str(round(size * 100)),
                               b="1" if bold else "0", i="1" if italic else "0", dirty="0")
        if colour:
            etree.SubElement(etree.SubElement(rpr, qn("a:solidFill")), qn("a:srgbClr"), val=colour)
        for script in ("a:latin", "a:ea", "a:cs"):
            etree.SubElement(rpr, qn(script), typeface=self.family)
        return rpr
