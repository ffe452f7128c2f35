"""Layout tables → Word tables in Table Grid: a repeated, marked header row, rows kept whole, text-width columns,
the caption as the table's title."""

from __future__ import annotations

from lxml.etree import SubElement

from ...inline import Span
from ...layout.document import Table
from ...theme import Theme
from ...typography import Spacing, typography
from . import inline
from .body import Body
from .markers import Mark
from .styles import CAPTION, TABLE, TABLE_HEADING, TABLE_TEXT
from .xml import Length, element, qn

(_TBL_PR, _TBL_STYLE, _TBL_W, _TBL_LAYOUT, _TBL_LOOK, _TBL_CAPTION, _TBL_GRID, _GRID_COL, _TR, _TR_PR, _CANT_SPLIT,
 _TBL_HEADER, _TC, _TC_PR, _TC_W, _SHD, _P, _P_PR, _P_STYLE) = (qn(f"w:{tag}") for tag in (
    "tblPr", "tblStyle", "tblW", "tblLayout", "tblLook", "tblCaption", "tblGrid", "gridCol", "tr", "trPr", "cantSplit",
    "tblHeader", "tc", "tcPr", "tcW", "shd", "p", "pPr", "pStyle"))
_TBL_IND, _TBL_CELL_MAR = qn("w:tblInd"), qn("w:tblCellMar")
_VAL, _W, _TYPE, _COLOR, _FILL = (qn(f"w:{name}") for name in ("val", "w", "type", "color", "fill"))
# Which parts of the table style apply (Word's "0420"): the header row's look, no banded rows or columns.
_LOOK = {qn(f"w:{name}"): value for name, value in (("val", "0420"), ("firstRow", "1"), ("lastRow", "0"),
                                                    ("firstColumn", "0"), ("lastColumn", "0"), ("noHBand", "1"),
                                                    ("noVBand", "1"))}


def add_table(document: Body, table: Table, theme: Theme, width: Length, mark: Mark) -> None:
    """Caption above, then the table, its columns scaled from the layout's relative widths to ``width``;
    the caption and header row marked with the table's field, each cell with its own.

    The table's frame (grid, rows, cells and their empty paragraphs) is built as lxml elements,
    a body row once and copied for each row: python-docx's table API looks up each row's cells
    again for every cell set, the slowest part of a brief with many tables. The cells' text goes
    in through inline.
    """
    if table.caption.shown:
        caption = inline.add_paragraph(document, CAPTION, "" if table.caption_marked else table.caption.text)
        inline.write(caption, table.caption_marked, document)  # a redline's caption, its changes marked
        mark(caption, table.field)
    total = sum(table.widths)
    widths = [str(round(width * w / total / 635)) for w in table.widths]  # twentieths of a point
    tbl = element("w:tbl")
    properties = SubElement(tbl, _TBL_PR)
    SubElement(properties, _TBL_STYLE, {_VAL: TABLE})
    SubElement(properties, _TBL_W, {_W: str(round(width / 635)), _TYPE: "dxa"})
    _place(properties, typography(theme).brief.table.in_word.flow, document.word_2013_tables)
    SubElement(properties, _TBL_LOOK, _LOOK)
    # The caption is also the table's title (its alternative text), announced as a screen reader enters it.
    SubElement(properties, _TBL_CAPTION, {_VAL: table.caption.text})
    grid = SubElement(tbl, _TBL_GRID)
    for w in widths:
        SubElement(grid, _GRID_COL, {_W: w})
    # Rows are kept whole on a page; the header row repeats on each page the table runs onto.
    _row(tbl, widths, TABLE_HEADING, typography(theme).brief.table_header.in_word.fill)
    if table.rows:
        body = _row(tbl, widths, TABLE_TEXT, None)
        for _ in table.rows[1:]:
            tbl.append(body.__copy__())
    document.place(tbl)
    cells = [[(Span(c),) for c in table.columns], *table.rows]
    fields = [(table.field,) * len(table.columns), *(table.fields or ((),) * len(table.rows))]
    for tr, row, row_fields in zip(tbl.iterchildren(_TR), cells, fields):
        for tc, spans, field in zip(tr.iterchildren(_TC), row, row_fields):
            p = tc.find(_P)
            inline.write(p, spans, document)
            mark(p, field)


def _place(properties, flow: Spacing, word_2013: bool) -> None:
    """The table's edge ``flow.left`` from the margin, its cells' text ``flow.padding`` inside it.

    The cells' padding is set on the table too, over its style's (a reference document's Table Grid
    may pad otherwise). Word before 2013 measures a table's indent to its first cell's text, not to
    its edge; a document in that compatibility mode (python-docx's and many references are) would
    put the edge ``padding`` left of the margin, as LibreOffice also shows it.
    """
    indent = flow.left + (0 if word_2013 else flow.padding)
    SubElement(properties, _TBL_IND, {_W: str(round(indent * 20)), _TYPE: "dxa"})
    SubElement(properties, _TBL_LAYOUT, {_TYPE: "fixed"})
    margins = SubElement(properties, _TBL_CELL_MAR)
    for side in ("left", "right"):
        SubElement(margins, qn(f"w:{side}"), {_W: str(round(flow.padding * 20)), _TYPE: "dxa"})


def _row(tbl, widths: list[str], style: str, fill: str | None):
    """A row of empty cells at the end of ``tbl``: a repeated header row if ``fill`` (its cells' shading)."""
    tr = SubElement(tbl, _TR)
    row_properties = SubElement(tr, _TR_PR)
    SubElement(row_properties, _CANT_SPLIT)
    if fill:
        SubElement(row_properties, _TBL_HEADER)
    for w in widths:
        tc = SubElement(tr, _TC)
        cell_properties = SubElement(tc, _TC_PR)
        SubElement(cell_properties, _TC_W, {_W: w, _TYPE: "dxa"})
        if fill:
            SubElement(cell_properties, _SHD, {_VAL: "clear", _COLOR: "auto", _FILL: fill})
        SubElement(SubElement(SubElement(tc, _P), _P_PR), _P_STYLE, {_VAL: style})
    return tr
