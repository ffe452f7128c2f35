"""Deck figures and tables → native, editable shapes on a slide (p:grpSp, p:sp, p:cxnSp, p:pic, a:tbl).

A figure becomes one group named after it, whose ``descr`` is its alt text: rectangles
and circles as autoshapes, straight lines as connectors, bent lines as freeforms, each
label as a text box set exactly as it was measured (no wrap, no insets, exact line
pitch). An analyst's image is a picture in that group with the same alt text. A table is
a PowerPoint table with its header row filled as in the brief. Everything arrives placed
by layout/deck_figures.py; this module only writes it.
"""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Emu, Pt

from ..inline import Span
from ..layout.deck_figures import CELL_INSET_X, CELL_INSET_Y, DeckTable
from ..layout.deck_figures import LINE_SPACING as TABLE_LINE_SPACING
from ..layout.figures import Circle, Figure, Label, Line, Rect
from ..theme import Theme
from .pptx_text import Typesetter

_ALIGN = {"left": "l", "centre": "ctr", "right": "r"}
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# PowerPoint's "No Style, Table Grid": thin grid lines, no fills of its own; ours are set per cell.
TABLE_GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"


def add_figure(sp_tree, figure: Figure, left: int, top: int, text: Typesetter, part, package) -> None:
    """The figure as one group at (``left``, ``top``) EMU on the slide whose shape tree is ``sp_tree``."""
    # Shapes are made on the slide and moved into the group once: python-pptx's group shapes
    # measure every child again each time one is added.
    shapes = SlideShapes(sp_tree, None)
    shapes.turbo_add_enabled = True  # nothing else adds shapes meanwhile: ids need not be searched for each time
    before = set(sp_tree)

    def at(x: float, y: float) -> tuple[int, int]:
        return left + Pt(x), top + Pt(y)

    if figure.image and figure.image_box:
        image_part = package.get_or_add_image_part(str(figure.image.path))
        x, y, w, h = figure.image_box
        sp_tree.add_pic(shapes._next_shape_id, figure.title, figure.alt, part.relate_to(image_part, RT.IMAGE),
                        *at(x, y), Pt(w), Pt(h))
    for shape in figure.shapes:
        if isinstance(shape, Rect):
            made = shapes.add_shape(MSO_SHAPE.RECTANGLE, *at(shape.x, shape.y), Pt(shape.width), Pt(shape.height))
            _paint(made, shape.fill, shape.stroke, shape.stroke_width, shape.text, text)
        elif isinstance(shape, Circle):
            made = shapes.add_shape(MSO_SHAPE.OVAL, *at(shape.cx - shape.r, shape.cy - shape.r), Pt(2 * shape.r),
                                    Pt(2 * shape.r))
            _paint(made, shape.fill, shape.stroke, shape.stroke_width, shape.text, text)
        elif isinstance(shape, Line) and len(shape.points) == 2:
            (x0, y0), (x1, y1) = shape.points
            made = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *at(x0, y0), *at(x1, y1))
            _stroke(made, shape.colour, shape.width, shape.dashed)
        elif isinstance(shape, Line):
            start = at(*shape.points[0])
            builder = shapes.build_freeform(*start)
            builder.add_line_segments([at(x, y) for x, y in shape.points[1:]], close=False)
            made = builder.convert_to_shape()
            made.fill.background()
            _stroke(made, shape.colour, shape.width, shape.dashed)
        elif isinstance(shape, Label):
            _label(shapes, shape, at, text)
        else:
            raise TypeError(f"no deck drawing for {type(shape).__name__}")
    drawn = [child for child in sp_tree if child not in before]
    for child in drawn:
        # The group's alt text says what the figure shows; its lines and boxes are not read one by one.
        if child.tag != qn("p:pic") and not "".join(child.itertext()).strip():
            _decorative(next(child.iter(qn("p:cNvPr"))))
    group = sp_tree.add_grpSp()
    group.extend(drawn)
    cnv_pr = group.nvGrpSpPr.cNvPr
    cnv_pr.set("name", figure.title)
    cnv_pr.set("descr", figure.alt)
    cnv_pr.set("title", figure.caption)
    group.chOff.x = group.x = left
    group.chOff.y = group.y = top
    group.chExt.cx = group.cx = Pt(figure.width)
    group.chExt.cy = group.cy = Pt(figure.height)


def _decorative(cnv_pr) -> None:
    """Office's mark for a shape a screen reader skips (Alt Text → Mark as decorative)."""
    extension = etree.SubElement(etree.SubElement(cnv_pr, qn("a:extLst")), qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(extension, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")


def _plain(made) -> None:
    """Drop the theme style python-pptx gives a new shape: its effects (shadows) are not ours."""
    style = made._element.find(qn("p:style"))
    if style is not None:
        made._element.remove(style)


def _paint(made, fill: str | None, stroke: str | None, width: float, inside: Label | None,
           text: Typesetter) -> None:
    _plain(made)
    if inside is not None:  # the text is the shape's own, read on its fill
        body = made.text_frame._txBody
        _exact(body)
        body.find(qn("a:bodyPr")).set("anchor", "ctr")
        for line in inside.lines:
            p = text.paragraph(body, pitch=inside.pitch, align=_ALIGN[inside.align])
            text.runs(p, (Span(line, bold=inside.bold, italic=inside.italic),), inside.size, colour=inside.colour)
    if fill:
        made.fill.solid()
        made.fill.fore_color.rgb = RGBColor.from_string(fill)
    else:
        made.fill.background()
    if stroke:
        made.line.color.rgb = RGBColor.from_string(stroke)
        made.line.width = Pt(width)
    else:
        made.line.fill.background()


def _stroke(made, colour: str, width: float, dashed: bool) -> None:
    _plain(made)
    made.line.color.rgb = RGBColor.from_string(colour)
    made.line.width = Pt(width)
    if dashed:
        made.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _label(shapes, label: Label, at, text: Typesetter) -> None:
    box = shapes.add_textbox(*at(label.x, label.y), Pt(label.width), Pt(label.height))
    body = box.text_frame._txBody
    _exact(body)
    for line in label.lines:
        p = text.paragraph(body, pitch=label.pitch, align=_ALIGN[label.align])
        text.runs(p, (Span(line, bold=label.bold, italic=label.italic),), label.size, colour=label.colour)


def _exact(body, *, wrap: str = "none") -> None:
    """A text body with no insets, no autofit and no paragraphs yet: its text goes exactly where measured."""
    body_pr = body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    body_pr.set("wrap", wrap)
    for side in ("lIns", "rIns", "tIns", "bIns"):
        body_pr.set(side, "0")
    body_pr.set("anchor", "t")
    etree.SubElement(body_pr, qn("a:noAutofit"))
    for p in body.findall(qn("a:p")):
        body.remove(p)


def add_table(sp_tree, table: DeckTable, left: int, top: int, text: Typesetter, theme: Theme, caption: str) -> None:
    """The table at (``left``, ``top``) EMU: header row filled in the theme's header colour, rows striped."""
    shapes = SlideShapes(sp_tree, None)
    frame = shapes.add_table(len(table.rows) + 1, len(table.columns), left, top, Pt(sum(table.widths)),
                             Pt(sum(table.heights)))
    frame._element.nvGraphicFramePr.cNvPr.set("descr", caption)
    grid = frame.table
    grid._tbl.tblPr.find(qn("a:tableStyleId")).text = TABLE_GRID_STYLE
    grid.first_row, grid.horz_banding = True, False
    for column, width in zip(grid.columns, table.widths):
        column.width = Pt(width)
    for row, height in zip(grid.rows, table.heights):
        row.height = Pt(height)
    ink = theme.colours
    cells = [tuple((Span(c, bold=True),) for c in table.columns), *table.rows]
    for r, (row, values) in enumerate(zip(grid.rows, cells)):
        fill = ink.table_header_fill if r == 0 else (ink.table_stripe if r % 2 == 0 else "FFFFFF")
        for cell, spans in zip(row.cells, values):
            cell.margin_left = cell.margin_right = Pt(CELL_INSET_X)
            cell.margin_top = cell.margin_bottom = Pt(CELL_INSET_Y)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fill)
            body = cell.text_frame._txBody
            _exact(body, wrap="square")
            p = text.paragraph(body, pitch=table.size * TABLE_LINE_SPACING)
            text.runs(p, tuple(s for s in spans if s.text), table.size,
                      colour=ink.table_header_text if r == 0 else ink.text)
