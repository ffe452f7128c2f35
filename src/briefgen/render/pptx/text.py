"""DrawingML text for the deck (a:txBody in ppt/slides/slideN.xml): frames, paragraphs and runs set exactly as measured.

Every value written here comes from layout/deck.py, which measured the text with these
settings: exact line pitch, space before, hanging indent, insets, no autofit, word wrap.
Every run names the deck's font (a title's, the theme's heading family), so LibreOffice and PowerPoint use the
font that was measured.
Methods take the a:txBody element itself: a deck writes thousands of paragraphs, and
python-pptx's proxies cost more than the XML.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ... import scripts
from ...inline import Inline
from ...layout import deck as layout
from .xml import emu, qn

BULLET = "\u2022"
# The slide-number field's id: any fixed GUID; PowerPoint and LibreOffice only read its type.
SLIDE_NUMBER_FIELD = "{5C3A1F2E-7B1D-4E55-9A0C-2B9D7E3F6A10}"
SLIDE_JUMP = "ppaction://hlinksldjump"  # a hyperlink's action that opens the slide its relationship names

_P, _PPR, _LNSPC, _SPCBEF, _SPCPTS = qn("a:p"), qn("a:pPr"), qn("a:lnSpc"), qn("a:spcBef"), qn("a:spcPts")
_BUFONT, _BUCHAR, _BUNONE, _BUAUTONUM = qn("a:buFont"), qn("a:buChar"), qn("a:buNone"), qn("a:buAutoNum")
_R, _RPR, _T, _FLD, _LINK = qn("a:r"), qn("a:rPr"), qn("a:t"), qn("a:fld"), qn("a:hlinkClick")
_FILL, _RGB, _RID = qn("a:solidFill"), qn("a:srgbClr"), qn("r:id")
_SCRIPTS = (qn("a:latin"), qn("a:ea"), qn("a:cs"))
_NAMESPACES = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def frame(body, *, anchor: str | None = None) -> None:
    """Empty the text body and make it wrap words, never autofit, with the insets the deck measured against."""
    body_pr = body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    body_pr.set("wrap", "square")
    for side, inset in (("lIns", layout.INSET_X), ("rIns", layout.INSET_X),
                        ("tIns", layout.INSET_Y), ("bIns", layout.INSET_Y)):
        body_pr.set(side, str(emu(inset)))
    if anchor:
        body_pr.set("anchor", anchor)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    for p in body.findall(_P):
        body.remove(p)


class Typesetter:
    """Writes text bodies in one font family and language."""

    def __init__(self, family: str, language: str) -> None:
        self.family = family
        self.language = language
        # A deck repeats a few paragraph and run settings thousands of times: each is built
        # once and copied, which costs less than building it anew.
        self._paragraphs: dict[tuple, etree._Element] = {}
        self._run_properties: dict[tuple, etree._Element] = {}

    def paragraph(self, body, *, pitch: float, before: float = 0.0, indent: float = 0.0,
                  bullet: bool = False, align: str | None = None, number: int = 0):
        """A new last paragraph of the text body: exact line pitch, space before, a hanging bullet or ``number``
        ("1.", as a numbered list's own, not text) or none."""
        key = (pitch, before, indent, bullet, align, number)
        made = self._paragraphs.get(key)
        if made is None:
            made = self._paragraphs[key] = self._paragraph(*key)
        p = made.__copy__()
        body.append(p)
        return p

    def _paragraph(self, pitch: float, before: float, indent: float, bullet: bool, align: str | None, number: int):
        p = etree.Element(_P, nsmap=_NAMESPACES)
        hanging = bullet or number
        ppr = etree.SubElement(p, _PPR, marL=str(emu(indent)), indent=str(-emu(indent) if hanging else 0))
        if align:
            ppr.set("algn", align)
        etree.SubElement(etree.SubElement(ppr, _LNSPC), _SPCPTS, val=str(round(pitch * 100)))
        etree.SubElement(etree.SubElement(ppr, _SPCBEF), _SPCPTS, val=str(round(before * 100)))
        if number:
            etree.SubElement(ppr, _BUFONT, typeface=self.family)
            etree.SubElement(ppr, _BUAUTONUM, type="arabicPeriod", startAt=str(number))
        elif bullet:
            etree.SubElement(ppr, _BUFONT, typeface=self.family)
            etree.SubElement(ppr, _BUCHAR, char=BULLET)
        else:
            etree.SubElement(ppr, _BUNONE)
        return p

    def runs(self, p, spans: Inline, size: float, *, link: Callable[[str], str] | None = None,
             colour: str | None = None, jump: str | None = None, link_colour: str | None = None,
             family: str | None = None) -> None:
        """The spans as runs, in ``family`` (a title's) or the typesetter's own; ``link`` gives the relationship
        id of a span's address, set in ``link_colour``; ``jump`` that of the slide every run opens when clicked
        (PowerPoint's "go to slide"), also in ``link_colour``."""
        for span in spans:
            # A run of right-to-left script is its own run in its language (see scripts.py).
            pieces = scripts.runs(span.text, self.language) if scripts.RIGHT_TO_LEFT.search(span.text) \
                else [(span.text, None)]
            for text, language in pieces:
                r = etree.SubElement(p, _R)
                linked = bool(jump is None and span.href and link is not None)
                # A jump to another slide is a link too, and PowerPoint and LibreOffice show it as one.
                rpr = self._properties(r, size, bold=span.bold, italic=span.italic,
                                       colour=link_colour if (linked or jump) and link_colour else colour,
                                       language=language, family=family)
                click = None
                if jump is not None:
                    click = etree.SubElement(rpr, _LINK, action=SLIDE_JUMP)
                    click.set(_RID, jump)
                elif linked:
                    click = etree.SubElement(rpr, _LINK)
                    click.set(_RID, link(span.href))
                if click is not None and link_colour:
                    _in_run_colour(click)
                etree.SubElement(r, _T).text = text

    def slide_number(self, p, number: int, size: float) -> None:
        """A slide-number field, with the number written in for readers that do not compute fields."""
        fld = etree.SubElement(p, _FLD, id=SLIDE_NUMBER_FIELD, type="slidenum")
        self._properties(fld, size)
        etree.SubElement(fld, _T).text = str(number)

    def _properties(self, r, size: float, *, bold: bool = False, italic: bool = False,
                    colour: str | None = None, language: str | None = None, family: str | None = None):
        key = (size, bold, italic, colour, language or self.language, family or self.family)
        made = self._run_properties.get(key)
        if made is None:
            made = self._run_properties[key] = self._new_properties(*key)
        rpr = made.__copy__()
        r.append(rpr)
        return rpr

    def _new_properties(self, size: float, bold: bool, italic: bool, colour: str | None, language: str, family: str):
        rpr = etree.Element(_RPR, nsmap=_NAMESPACES, lang=language, sz=str(round(size * 100)),
                            b="1" if bold else "0", i="1" if italic else "0", dirty="0")
        if colour:
            etree.SubElement(etree.SubElement(rpr, _FILL), _RGB, val=colour)
        for script in _SCRIPTS:
            etree.SubElement(rpr, script, typeface=family)
        return rpr


# PowerPoint draws a link in its theme's hyperlink colour whatever the run's, unless the link says to take
# the run's (Office 2019's hyperlink colour extension). Older versions and LibreOffice ignore it and take the
# theme's, which template.py sets to the same colour.
_HYPERLINK_COLOUR_EXT = "{A12FA001-AC4F-418D-AE19-62706E023703}"
_AHYP = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"


def _in_run_colour(click) -> None:
    ext = etree.SubElement(etree.SubElement(click, qn("a:extLst")), qn("a:ext"), uri=_HYPERLINK_COLOUR_EXT)
    etree.SubElement(ext, f"{{{_AHYP}}}hlinkClr", nsmap={"ahyp": _AHYP}, val="tx")
