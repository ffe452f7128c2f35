"""Layout tables → Word tables in Table Grid: a repeated, marked header row, rows kept whole, text-width columns,
the caption as the table's title."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

from ...inline import Span
from ...layout.document import Table
from ...theme import Theme
from . import inline
from .body import Body
from .styles import CAPTION, TABLE, TABLE_HEADING, TABLE_TEXT, add_paragraph

W = nsdecls("w")


def add_table(document: Body, table: Table, theme: Theme, width: Length) -> None:
    """Caption above, then the table, its columns scaled from the layout's relative widths to ``width``.

    The table's frame (grid, rows, cells and their empty paragraphs) is written as one piece of XML
    and parsed once: python-docx's table API looks up each row's cells again for every cell set,
    the slowest part of a brief with many tables. The cells' text goes in through inline.
    """
    add_paragraph(document, CAPTION, table.caption.text)
    total = sum(table.widths)
    widths = [round(width * w / total / 635) for w in table.widths]  # twentieths of a point
    fill = theme.colours.table_header_fill
    header = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>'
                     f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>'
                     f'<w:p><w:pPr><w:pStyle w:val="{TABLE_HEADING}"/></w:pPr></w:p></w:tc>' for w in widths)
    body = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
                   f'<w:p><w:pPr><w:pStyle w:val="{TABLE_TEXT}"/></w:pPr></w:p></w:tc>' for w in widths)
    tbl = parse_xml(
        f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="{TABLE}"/><w:tblW w:w="{round(width / 635)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/><w:tblCaption/></w:tblPr>'
        f'<w:tblGrid>{"".join(f"<w:gridCol w:w={chr(34)}{w}{chr(34)}/>" for w in widths)}</w:tblGrid>'
        # Rows are kept whole on a page; the header row repeats on each page the table runs onto.
        f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>'
        + f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{body}</w:tr>' * len(table.rows) + '</w:tbl>')
    # The caption is also the table's title (its alternative text), announced as a screen reader enters it.
    tbl.find(qn("w:tblPr")).find(qn("w:tblCaption")).set(qn("w:val"), table.caption.text)
    document.place(tbl)
    cells = [[(Span(c),) for c in table.columns], *table.rows]
    for tr, row in zip(tbl.iterchildren(qn("w:tr")), cells):
        for tc, spans in zip(tr.iterchildren(qn("w:tc")), row):
            inline.write(Paragraph(tc.find(qn("w:p")), document.part), spans)
