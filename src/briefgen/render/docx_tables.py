"""Layout tables → Word tables in Table Grid: a repeated, marked header row, rows kept whole, text-width columns,
the caption as the table's title."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Length

from ..layout.document import Table
from ..theme import Theme
from . import docx_inline
from .docx_body import Body
from .docx_styles import CAPTION, TABLE, TABLE_HEADING, TABLE_TEXT, add_paragraph

W = nsdecls("w")


def add_table(document: Body, table: Table, theme: Theme, width: Length) -> None:
    """Caption above, then the table, its columns scaled from the layout's relative widths to ``width``."""
    add_paragraph(document, CAPTION, table.caption.text)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    total = sum(table.widths)
    widths = [Emu(round(width * w / total)) for w in table.widths]
    _properties(grid._tbl, width, table.caption.text)
    for column, column_width in zip(grid.columns, widths):
        column.width = column_width
    for index, row in enumerate(grid.rows):
        header = index == 0
        _keep_whole(row._tr, header=header)
        cells = [(c,) for c in table.columns] if header else table.rows[index - 1]
        for cell, column_width, spans in zip(row.cells, widths, cells):
            cell.width = column_width
            paragraph = cell.paragraphs[0]
            paragraph._p.style = TABLE_HEADING if header else TABLE_TEXT
            if header:
                paragraph.add_run(spans[0])
                _shade(cell._tc, theme.colours.table_header_fill)
            else:
                docx_inline.write(paragraph, spans)


def _properties(tbl, width: Length, caption: str) -> None:
    """Table Grid, spanning the text width with a fixed layout so Word and LibreOffice agree on the columns.

    The caption is also the table's title (its alternative text), which a screen reader
    announces as it enters the table.
    """
    tbl.remove(tbl.tblPr)
    properties = parse_xml(
        f'<w:tblPr {W}><w:tblStyle w:val="{TABLE}"/><w:tblW w:w="{round(width / 635)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/><w:tblCaption/></w:tblPr>')
    properties.find(qn("w:tblCaption")).set(qn("w:val"), caption)
    tbl.insert(0, properties)


def _keep_whole(tr, *, header: bool) -> None:
    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f"<w:cantSplit {W}/>"))
    if header:
        tr_pr.append(parse_xml(f"<w:tblHeader {W}/>"))


def _shade(tc, fill: str) -> None:
    tc_pr = tc.get_or_add_tcPr()
    shading = parse_xml(f'<w:shd {W} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    # w:shd comes after tcW, gridSpan, vMerge and tcBorders, and before noWrap, tcMar, vAlign...
    later = [tc_pr.find(qn(f"w:{tag}")) for tag in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign",
                                                     "hideMark")]
    later = [e for e in later if e is not None]
    (later[0].addprevious(shading) if later else tc_pr.append(shading))
