"""Deck figures and tables → native, editable shapes on a slide (p:grpSp, p:sp, p:cxnSp, p:pic, a:tbl).

A figure becomes one group named after it, whose ``descr`` is its alt text: rectangles
and circles as autoshapes, straight lines as connectors, bent lines as freeforms, each
label as a text box set exactly as it was measured (no wrap, no insets, exact line
pitch). An analyst's image is a picture in that group with the same alt text. A table is
a PowerPoint table with its header row filled as in the brief. Everything arrives placed
by layout/deck_figures.py; this module only writes it.

The shapes are the XML python-pptx's add_shape, add_connector, build_freeform, add_textbox,
add_pic and add_table write, written here as one string per figure or table and parsed once:
python-pptx inserts each element by scanning for where its schema puts it, which made the
figures cost more than all the slides' text. Their text is written by text, as all the
deck's text is.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ...images import Image
from ...inline import Span
from ...layout.deck_figures import CELL_INSET_X, CELL_INSET_Y, DeckTable
from ...layout.deck_figures import LINE_SPACING as TABLE_LINE_SPACING
from ...layout.figures import Circle, Figure, Label, Line, Rect
from ...theme import Theme
from .package import attribute
from .text import Typesetter
from .xml import emu, nsdecls, qn

_ALIGN = {"left": "l", "centre": "ctr", "right": "r"}
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# PowerPoint's "No Style, Table Grid": thin grid lines, no fills of its own; ours are set per cell.
TABLE_GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"
TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"

_TXBODY, _P, _TR, _CELL_BODY = qn("p:txBody"), qn("a:p"), qn("a:tr"), qn("a:txBody")
# Office's mark for a shape a screen reader skips (Alt Text → Mark as decorative).
_DECORATIVE = (f'<a:extLst><a:ext uri="{DECORATIVE_URI}"><adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/>'
               "</a:ext></a:extLst>")
# The text body python-pptx gives a new autoshape, and the one of a label or a shape's own text:
# no insets, no autofit, its paragraphs written by the Typesetter.
_SHAPE_TEXT = '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody>'
_INSIDE_TEXT = ('<p:txBody><a:bodyPr rtlCol="0" anchor="ctr" wrap="none" lIns="0" rIns="0" tIns="0" bIns="0">'
                "<a:noAutofit/></a:bodyPr><a:lstStyle/></p:txBody>")
_LABEL_TEXT = ('<p:txBody><a:bodyPr wrap="none" lIns="0" rIns="0" tIns="0" bIns="0" anchor="t"><a:noAutofit/>'
               "</a:bodyPr><a:lstStyle/></p:txBody>")
_CELL_TEXT = ('<a:txBody><a:bodyPr wrap="square" lIns="0" rIns="0" tIns="0" bIns="0" anchor="t"><a:noAutofit/>'
              "</a:bodyPr><a:lstStyle/></a:txBody>")


def add_figure(sp_tree, figure: Figure, left: int, top: int, text: Typesetter,
               image_rid: Callable[[Image], str]) -> None:
    """The figure as one group at (``left``, ``top``) EMU on the slide whose shape tree is ``sp_tree``.

    ``image_rid`` relates the slide to an image part and gives the relationship's id.
    """
    ids = _Ids(sp_tree)
    shapes: list[str] = []
    labels: list[Label] = []  # the text of each text body written, in document order

    def at(x: float, y: float) -> tuple[int, int]:
        return left + emu(x), top + emu(y)

    if figure.image and figure.image_box:
        x, y, w, h = figure.image_box
        shapes.append(_picture(ids.next(), figure.title, figure.alt, image_rid(figure.image), *at(x, y), emu(w), emu(h)))
    for shape in figure.shapes:
        if isinstance(shape, Rect):
            shapes.append(_autoshape(ids.next(), "Rectangle", "rect", *at(shape.x, shape.y), emu(shape.width),
                                     emu(shape.height), shape.fill, shape.stroke, shape.stroke_width, shape.text))
        elif isinstance(shape, Circle):
            shapes.append(_autoshape(ids.next(), "Oval", "ellipse", *at(shape.cx - shape.r, shape.cy - shape.r),
                                     emu(2 * shape.r), emu(2 * shape.r), shape.fill, shape.stroke,
                                     shape.stroke_width, shape.text))
        elif isinstance(shape, Line) and len(shape.points) == 2:
            (x0, y0), (x1, y1) = shape.points
            shapes.append(_connector(ids.next(), *at(x0, y0), *at(x1, y1), shape))
        elif isinstance(shape, Line):
            shapes.append(_freeform(ids.next(), [at(x, y) for x, y in shape.points], shape))
        elif isinstance(shape, Label):
            shapes.append(_textbox(ids.next(), *at(shape.x, shape.y), emu(shape.width), emu(shape.height)))
        else:
            raise TypeError(f"no deck drawing for {type(shape).__name__}")
        inside = shape if isinstance(shape, Label) else getattr(shape, "text", None)
        if inside is not None:
            labels.append(inside)
    group = (f"<p:grpSp {nsdecls('a', 'p', 'r')}><p:nvGrpSpPr><p:cNvPr id=\"{ids.next()}\" "
             f"name={attribute(figure.title)} descr={attribute(figure.alt)} title={attribute(figure.caption)}/>"
             "<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>"
             f'<a:off x="{left}" y="{top}"/><a:ext cx="{emu(figure.width)}" cy="{emu(figure.height)}"/>'
             f'<a:chOff x="{left}" y="{top}"/><a:chExt cx="{emu(figure.width)}" cy="{emu(figure.height)}"/>'
             f"</a:xfrm></p:grpSpPr>{''.join(shapes)}</p:grpSp>")
    element = etree.fromstring(group)
    # The text bodies still without a paragraph are those of labels and of shapes' own text, in order.
    for body, label in zip((b for b in element.iter(_TXBODY) if b.find(_P) is None), labels):
        for line in label.lines:
            p = text.paragraph(body, pitch=label.pitch, align=_ALIGN[label.align])
            text.runs(p, (Span(line, bold=label.bold, italic=label.italic),), label.size, colour=label.colour)
    sp_tree.append(element)


class _Ids:
    """Shape ids for new shapes: after the largest id the slide has, as python-pptx numbers them."""

    def __init__(self, sp_tree) -> None:
        ids = (e.get("id", "") for e in sp_tree.getroottree().iter(etree.Element))
        self._last = max((int(i) for i in ids if i.isdigit()), default=0)

    def next(self) -> int:
        self._last += 1
        return self._last


def _name(shape_id: int, kind: str, decorative: bool) -> str:
    """A shape's p:cNvPr, named as python-pptx names it ("Oval 7" for id 8)."""
    if decorative:
        return f'<p:cNvPr id="{shape_id}" name="{kind} {shape_id - 1}">{_DECORATIVE}</p:cNvPr>'
    return f'<p:cNvPr id="{shape_id}" name="{kind} {shape_id - 1}"/>'


def _xfrm(x: int, y: int, cx: int, cy: int, flip: str = "") -> str:
    return f'<a:xfrm{flip}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _outline(colour: str, width: float, dashed: bool = False) -> str:
    dash = '<a:prstDash val="dash"/>' if dashed else ""
    return f'<a:ln w="{emu(width)}">{_solid(colour)}{dash}</a:ln>'


def _autoshape(shape_id: int, kind: str, geometry: str, x: int, y: int, cx: int, cy: int, fill: str | None,
               stroke: str | None, stroke_width: float, inside: Label | None) -> str:
    """A rectangle or an oval, without python-pptx's theme style (its shadow is not ours), its text if any."""
    decorative = inside is None or not "".join(inside.lines).strip()
    return (f"<p:sp><p:nvSpPr>{_name(shape_id, kind, decorative)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>"
            f'{_xfrm(x, y, cx, cy)}<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
            f"{_solid(fill) if fill else '<a:noFill/>'}"
            f"{_outline(stroke, stroke_width) if stroke else '<a:ln><a:noFill/></a:ln>'}</p:spPr>"
            f"{_SHAPE_TEXT if inside is None else _INSIDE_TEXT}</p:sp>")


def _connector(shape_id: int, x0: int, y0: int, x1: int, y1: int, line: Line) -> str:
    flip = (' flipH="1"' if x0 > x1 else "") + (' flipV="1"' if y0 > y1 else "")
    return (f"<p:cxnSp><p:nvCxnSpPr>{_name(shape_id, 'Connector', True)}<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>"
            f"<p:spPr>{_xfrm(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), flip)}"
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>{_outline(line.colour, line.width, line.dashed)}'
            "</p:spPr></p:cxnSp>")


def _freeform(shape_id: int, points: list[tuple[int, int]], line: Line) -> str:
    """A polyline, its path in its own box's coordinates as python-pptx's FreeformBuilder writes it."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, top = min(xs), min(ys)
    width, height = max(xs) - left, max(ys) - top
    (x0, y0), *rest = points
    path = (f'<a:moveTo><a:pt x="{x0 - left}" y="{y0 - top}"/></a:moveTo>'
            + "".join(f'<a:lnTo><a:pt x="{x - left}" y="{y - top}"/></a:lnTo>' for x, y in rest))
    return (f"<p:sp><p:nvSpPr>{_name(shape_id, 'Freeform', True)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
            f"<p:spPr>{_xfrm(left, top, width, height)}<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
            f'<a:rect l="l" t="t" r="r" b="b"/><a:pathLst><a:path w="{width}" h="{height}">{path}</a:path>'
            f"</a:pathLst></a:custGeom><a:noFill/>{_outline(line.colour, line.width, line.dashed)}</p:spPr>"
            f"{_SHAPE_TEXT}</p:sp>")


def _textbox(shape_id: int, x: int, y: int, cx: int, cy: int) -> str:
    return (f'<p:sp><p:nvSpPr>{_name(shape_id, "TextBox", False)}<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(x, y, cx, cy)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f"{_LABEL_TEXT}</p:sp>")


def _picture(shape_id: int, name: str, alt: str, rid: str, x: int, y: int, cx: int, cy: int) -> str:
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name={attribute(name)} descr={attribute(alt)}/>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{_xfrm(x, y, cx, cy)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def add_table(sp_tree, table: DeckTable, left: int, top: int, text: Typesetter, theme: Theme, caption: str) -> None:
    """The table at (``left``, ``top``) EMU: header row filled in the theme's header colour, rows striped."""
    shape_id = _Ids(sp_tree).next()
    widths, heights = [emu(w) for w in table.widths], [emu(h) for h in table.heights]
    ink = theme.colours
    margins = f'marL="{emu(CELL_INSET_X)}" marR="{emu(CELL_INSET_X)}" marT="{emu(CELL_INSET_Y)}" marB="{emu(CELL_INSET_Y)}"'
    rows = []
    for r, height in enumerate(heights):
        fill = ink.table_header_fill if r == 0 else (ink.table_stripe if r % 2 == 0 else "FFFFFF")
        cell = f"<a:tc>{_CELL_TEXT}<a:tcPr {margins}>{_solid(fill)}</a:tcPr></a:tc>"
        rows.append(f'<a:tr h="{height}">{cell * len(widths)}</a:tr>')
    frame = (f"<p:graphicFrame {nsdecls('a', 'p')}><p:nvGraphicFramePr>"
             f'<p:cNvPr id="{shape_id}" name="Table {shape_id - 1}" descr={attribute(caption)}/>'
             '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
             f'</p:nvGraphicFramePr><p:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{sum(widths)}" '
             f'cy="{sum(heights)}"/></p:xfrm><a:graphic><a:graphicData uri="{TABLE_URI}"><a:tbl>'
             f'<a:tblPr firstRow="1"><a:tableStyleId>{TABLE_GRID_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>'
             + "".join(f'<a:gridCol w="{w}"/>' for w in widths)
             + f"</a:tblGrid>{''.join(rows)}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")
    element = etree.fromstring(frame)
    cells = [tuple((Span(c, bold=True),) for c in table.columns), *table.rows]
    for r, (row, values) in enumerate(zip(element.iter(_TR), cells)):
        for body, spans in zip(row.iter(_CELL_BODY), values):
            p = text.paragraph(body, pitch=table.size * TABLE_LINE_SPACING)
            text.runs(p, tuple(s for s in spans if s.text), table.size,
                      colour=ink.table_header_text if r == 0 else ink.text)
    sp_tree.append(element)
