"""Complex fields: PAGE and NUMPAGES in the footer, NOTEREF at a note's later marks; marked dirty so that Word
computes them again."""

from __future__ import annotations

from lxml.etree import SubElement

from .xml import qn

_R, _FLD_CHAR, _INSTR, _T, _RPR, _RSTYLE = (qn(t) for t in ("w:r", "w:fldChar", "w:instrText", "w:t", "w:rPr",
                                                           "w:rStyle"))
_TYPE, _DIRTY = qn("w:fldCharType"), qn("w:dirty")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def field(p, instruction: str, cached: str, style: str | None = None) -> None:
    """The field ``instruction`` (e.g. "PAGE") at the end of the w:p ``p``, showing ``cached`` in the character
    style ``style`` until the application updates it."""

    def run(tag: str, look: str | None = None, **attributes: str):
        r = SubElement(p, _R)
        if look:
            SubElement(SubElement(r, _RPR), _RSTYLE).set(qn("w:val"), look)
        return SubElement(r, tag, attributes)

    run(_FLD_CHAR, **{_TYPE: "begin", _DIRTY: "true"})
    run(_INSTR, **{_SPACE: "preserve"}).text = f" {instruction} "
    run(_FLD_CHAR, **{_TYPE: "separate"})
    run(_T, style).text = cached
    run(_FLD_CHAR, **{_TYPE: "end"})
