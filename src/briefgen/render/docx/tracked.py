"""A redline's changes as Word's tracked changes: w:ins and w:del around runs, paragraph marks and table rows.

The layout marks what changed (layout/redline.py): spans inserted or deleted, and whole blocks.
The writer wraps the runs of a changed span as it writes them (``wrap``), and every run of a
whole block once written (``whole``); ``stamp`` then gives every change its author, date and id,
turns deleted text into w:delText, and marks a paragraph whose every run is inserted (or
deleted) as an inserted (deleted) paragraph, and a table row likewise, so that accepting every
change in Word gives the new edition and rejecting every change the old one.
"""

from __future__ import annotations

from lxml.etree import SubElement

from ...layout.document import Redline

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


CHANGES = {"ins": _w("ins"), "del": _w("del")}
_R, _P, _TR, _T, _DEL_TEXT, _INSTR, _DEL_INSTR = (_w(t) for t in ("r", "p", "tr", "t", "delText", "instrText",
                                                                   "delInstrText"))
_PPR, _RPR, _TRPR, _TBL, _TEXT_BOX, _DRAWING = (_w(t) for t in ("pPr", "rPr", "trPr", "tbl", "txbxContent",
                                                               "drawing"))
_ID, _AUTHOR, _DATE = _w("id"), _w("author"), _w("date")


def wrap(container, start: int, change: str) -> None:
    """Put the elements ``container`` holds from ``start`` on (the runs of one span) into one w:ins or w:del."""
    if not change or start >= len(container):
        return
    moved = list(container)[start:]
    tracked = container.makeelement(CHANGES[change], {})
    moved[0].addprevious(tracked)
    tracked.extend(moved)


def whole(element, change: str) -> None:
    """Mark every run of a block written whole (its paragraphs, its table, a drawing's run) as ``change``."""
    for run in list(element.iter(_R)):
        if run.getparent().tag in CHANGES.values() or _inside(run, (_TEXT_BOX,)):
            continue  # a run already marked keeps its mark; a drawing's text goes with the drawing's run
        tracked = run.makeelement(CHANGES[change], {})
        run.addprevious(tracked)
        tracked.append(run)


def stamp(body, redline: Redline, first_id: int) -> None:
    """Give every change in ``body`` its author, date and an id from ``first_id`` on; then mark paragraph marks
    and table rows whose every run is changed."""
    number = first_id
    for change in [e for tag in CHANGES.values() for e in body.iter(tag)]:
        change.attrib.update({_ID: str(number), _AUTHOR: redline.author, _DATE: redline.date})
        number += 1
        if change.tag == CHANGES["del"]:
            for text in change.iter(_T, _INSTR):
                text.tag = _DEL_TEXT if text.tag == _T else _DEL_INSTR
    for paragraph in body.iter(_P):
        if _inside(paragraph, (_TEXT_BOX, _w("tc"))):
            continue  # a cell keeps its paragraph (its row is marked); a text box goes with its drawing
        kind = _all_changed(paragraph)
        if kind:
            properties = paragraph.find(_PPR)
            if properties is None:
                properties = paragraph.makeelement(_PPR, {})
                paragraph.insert(0, properties)
            marks = properties.find(_RPR)
            if marks is None:
                marks = SubElement(properties, _RPR)
            SubElement(marks, CHANGES[kind], {_ID: str(number), _AUTHOR: redline.author, _DATE: redline.date})
            number += 1
    for row in body.iter(_TR):
        kind = _all_changed(row)
        if kind:
            properties = row.find(_TRPR)
            if properties is None:
                properties = row.makeelement(_TRPR, {})
                row.insert(0 if row[0].tag != _w("tblPrEx") else 1, properties)
            SubElement(properties, CHANGES[kind], {_ID: str(number), _AUTHOR: redline.author, _DATE: redline.date})
            number += 1


def _all_changed(element) -> str:
    """"ins" or "del" if every run in ``element`` (outside text boxes) is inside that kind of change, else ""."""
    kinds = set()
    for run in element.iter(_R):
        if _inside(run, (_TEXT_BOX,)):
            continue
        parent = run.getparent()
        kinds.add(next((kind for kind, tag in CHANGES.items() if parent.tag == tag), ""))
        if "" in kinds or len(kinds) > 1:
            return ""
    return kinds.pop() if kinds else ""


def _inside(element, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False
