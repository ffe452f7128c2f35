"""Deck figures and tables → native, editable shapes on a slide (p:grpSp, p:sp, p:cxnSp, p:pic, a:tbl).

A figure becomes one group named after it, whose ``descr`` is its alt text: rectangles
and circles as autoshapes, straight lines as connectors, bent lines as freeforms, each
label as a text box set exactly as it was measured (no wrap, no insets, exact line
pitch). An analyst's image is a picture in that group with the same alt text. A table is
a PowerPoint table with its header row filled as in the brief. Everything arrives placed
by layout/deck_figures.py; this module only writes it.

The shapes are the XML python-pptx's add_shape, add_connector, build_freeform, add_textbox,
add_pic and add_table write, built here as lxml elements in their schema order, the parts
every shape of a kind shares (its text body, the decorative mark) copied from one made at
import: python-pptx inserts each element by scanning for where its schema puts it, which
made the figures cost more than all the slides' text. Their text is written by text, as
all the deck's text is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from lxml import etree
from lxml.etree import SubElement

from ...images import Image
from ...inline import Span
from ...layout.deck_figures import CELL_INSET_X, CELL_INSET_Y, DeckTable
from ...layout.deck_figures import LINE_SPACING as TABLE_LINE_SPACING
from ...layout.deck import LINE_SPACING
from ...layout.document import Watermark
from ...layout.figures import Circle, Figure, Label, Line, Rect
from ...theme import Theme
from ...typography import typography
from .text import Typesetter
from .xml import NAMESPACES, emu, qn

_ALIGN = {"left": "l", "centre": "ctr", "right": "r"}
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# PowerPoint's "No Style, Table Grid": thin grid lines, no fills of its own; ours are set per cell.
TABLE_GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"
TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"

_NSMAP = {prefix: NAMESPACES[prefix] for prefix in ("a", "p", "r")}
(_GRP_SP, _NV_GRP_SP_PR, _C_NV_GRP_SP_PR, _GRP_SP_PR, _SP, _NV_SP_PR, _C_NV_SP_PR, _CXN_SP, _NV_CXN_SP_PR,
 _C_NV_CXN_SP_PR, _PIC, _NV_PIC_PR, _C_NV_PIC_PR, _BLIP_FILL, _C_NV_PR, _NV_PR, _SP_PR, _TXBODY, _GRAPHIC_FRAME,
 _NV_GRAPHIC_FRAME_PR, _C_NV_GRAPHIC_FRAME_PR, _FRAME_XFRM) = (qn(f"p:{tag}") for tag in (
    "grpSp", "nvGrpSpPr", "cNvGrpSpPr", "grpSpPr", "sp", "nvSpPr", "cNvSpPr", "cxnSp", "nvCxnSpPr",
    "cNvCxnSpPr", "pic", "nvPicPr", "cNvPicPr", "blipFill", "cNvPr", "nvPr", "spPr", "txBody", "graphicFrame",
    "nvGraphicFramePr", "cNvGraphicFramePr", "xfrm"))
(_XFRM, _OFF, _EXT, _CH_OFF, _CH_EXT, _PRST_GEOM, _AV_LST, _SOLID_FILL, _SRGB, _NO_FILL, _LN, _PRST_DASH, _CUST_GEOM,
 _GD_LST, _AH_LST, _CXN_LST, _RECT, _PATH_LST, _PATH, _MOVE_TO, _LN_TO, _PT, _PIC_LOCKS, _BLIP, _STRETCH, _FILL_RECT,
 _FRAME_LOCKS, _GRAPHIC, _GRAPHIC_DATA, _TBL, _TBL_PR, _TABLE_STYLE_ID, _TBL_GRID, _GRID_COL, _TR, _TC, _TC_PR,
 _BODY_PR, _LST_STYLE, _NO_AUTOFIT, _P, _P_PR, _EXT_LST, _EXT_ITEM) = (qn(f"a:{tag}") for tag in (
    "xfrm", "off", "ext", "chOff", "chExt", "prstGeom", "avLst", "solidFill", "srgbClr", "noFill", "ln", "prstDash",
    "custGeom", "gdLst", "ahLst", "cxnLst", "rect", "pathLst", "path", "moveTo", "lnTo", "pt", "picLocks", "blip",
    "stretch", "fillRect", "graphicFrameLocks", "graphic", "graphicData", "tbl", "tblPr", "tableStyleId", "tblGrid",
    "gridCol", "tr", "tc", "tcPr", "bodyPr", "lstStyle", "noAutofit", "p", "pPr", "extLst", "ext"))
_EMBED = qn("r:embed")
_NO_INSETS = {"lIns": "0", "rIns": "0", "tIns": "0", "bIns": "0"}


def _text_body(tag: str, body: dict[str, str], autofit: bool, paragraph: dict[str, str] | None = None):
    """A text body to copy for each shape: its properties, an empty list style, and a paragraph if ``paragraph``."""
    made = etree.Element(tag, nsmap=_NSMAP)
    body_pr = SubElement(made, _BODY_PR, body)
    if not autofit:
        SubElement(body_pr, _NO_AUTOFIT)
    SubElement(made, _LST_STYLE)
    if paragraph is not None:
        SubElement(SubElement(made, _P), _P_PR, paragraph)
    return made


# The text body python-pptx gives a new autoshape, and the one of a label or a shape's own text:
# no insets, no autofit, its paragraphs written by the Typesetter.
_SHAPE_TEXT = _text_body(_TXBODY, {"rtlCol": "0", "anchor": "ctr"}, True, {"algn": "ctr"})
_INSIDE_TEXT = _text_body(_TXBODY, {"rtlCol": "0", "anchor": "ctr", "wrap": "none", **_NO_INSETS}, False)
_LABEL_TEXT = _text_body(_TXBODY, {"wrap": "none", **_NO_INSETS, "anchor": "t"}, False)
_CELL_TEXT = _text_body(qn("a:txBody"), {"wrap": "square", **_NO_INSETS, "anchor": "t"}, False)
# Office's mark for a shape a screen reader skips (Alt Text → Mark as decorative).
_DECORATIVE = etree.Element(_EXT_LST, nsmap=_NSMAP)
SubElement(SubElement(_DECORATIVE, _EXT_ITEM, uri=DECORATIVE_URI), f"{{{DECORATIVE_NS}}}decorative",
           nsmap={"adec": DECORATIVE_NS}, val="1")


def add_figure(sp_tree, figure: Figure, left: int, top: int, text: Typesetter,
               image_rid: Callable[[Image], str]) -> None:
    """The figure as one group at (``left``, ``top``) EMU on the slide whose shape tree is ``sp_tree``.

    ``image_rid`` relates the slide to an image part and gives the relationship's id.
    """
    ids = _Ids(sp_tree)
    group = etree.Element(_GRP_SP, nsmap=_NSMAP)
    properties = SubElement(group, _NV_GRP_SP_PR)
    name = SubElement(properties, _C_NV_PR)  # its id comes after its shapes', as python-pptx numbers them
    SubElement(properties, _C_NV_GRP_SP_PR)
    SubElement(properties, _NV_PR)
    xfrm = SubElement(SubElement(group, _GRP_SP_PR), _XFRM)
    size = {"cx": str(emu(figure.width)), "cy": str(emu(figure.height))}
    SubElement(xfrm, _OFF, x=str(left), y=str(top))
    SubElement(xfrm, _EXT, size)
    SubElement(xfrm, _CH_OFF, x=str(left), y=str(top))
    SubElement(xfrm, _CH_EXT, size)
    labels: list[tuple[object, Label]] = []  # each text body to write and its text

    def at(x: float, y: float) -> tuple[int, int]:
        return left + emu(x), top + emu(y)

    if figure.image and figure.image_box:
        x, y, w, h = figure.image_box
        _picture(group, ids.next(), figure.title, figure.alt, image_rid(figure.image), *at(x, y), emu(w), emu(h))
    for shape in figure.shapes:
        if isinstance(shape, Rect):
            body = _autoshape(group, ids.next(), "Rectangle", "rect", *at(shape.x, shape.y), emu(shape.width),
                              emu(shape.height), shape.fill, shape.stroke, shape.stroke_width, shape.text)
        elif isinstance(shape, Circle):
            body = _autoshape(group, ids.next(), "Oval", "ellipse", *at(shape.cx - shape.r, shape.cy - shape.r),
                              emu(2 * shape.r), emu(2 * shape.r), shape.fill, shape.stroke,
                              shape.stroke_width, shape.text)
        elif isinstance(shape, Line) and len(shape.points) == 2:
            (x0, y0), (x1, y1) = shape.points
            body = _connector(group, ids.next(), *at(x0, y0), *at(x1, y1), shape)
        elif isinstance(shape, Line):
            body = _freeform(group, ids.next(), [at(x, y) for x, y in shape.points], shape)
        elif isinstance(shape, Label):
            body = _textbox(group, ids.next(), *at(shape.x, shape.y), emu(shape.width), emu(shape.height))
        else:
            raise TypeError(f"no deck drawing for {type(shape).__name__}")
        inside = shape if isinstance(shape, Label) else getattr(shape, "text", None)
        if inside is not None:
            labels.append((body, inside))
    name.attrib.update({"id": str(ids.next()), "name": figure.title, "descr": figure.alt, "title": figure.caption})
    for body, label in labels:
        for line in label.lines:
            p = text.paragraph(body, pitch=label.pitch, align=_ALIGN[label.align])
            text.runs(p, (Span(line, bold=label.bold, italic=label.italic),), label.size, colour=label.colour)
    sp_tree.append(group)


def add_watermark(sp_tree, watermark: Watermark, slide: tuple[int, int], text: Typesetter, colour: str,
                  opacity: float) -> None:
    """The watermark across the slide's centre, turned as the layout decided, see-through over all the slide
    shows; last in the shape tree, so that it lies on top and the prototype's placeholders keep their indices.
    Marked decorative: a screen reader does not read it on every slide."""
    width, height = emu(watermark.width), emu(watermark.size * LINE_SPACING)
    shape, non_visual = _shape(_SP, _NV_SP_PR, True)
    shape[0][0].attrib.update({"id": str(_Ids(sp_tree).next()), "name": "Watermark"})
    sp_tree.append(shape)
    SubElement(non_visual, _C_NV_SP_PR, txBox="1")
    SubElement(non_visual, _NV_PR)
    properties = SubElement(shape, _SP_PR)
    # DrawingML turns clockwise about the shape's centre, in 60,000ths of a degree.
    _xfrm(properties, (slide[0] - width) // 2, (slide[1] - height) // 2, width, height,
          rot=str(round((360 - watermark.angle) % 360 * 60000)))
    _geometry(properties, "rect")
    SubElement(properties, _NO_FILL)
    body = _INSIDE_TEXT.__copy__()
    shape.append(body)
    p = text.paragraph(body, pitch=watermark.size * LINE_SPACING, align="ctr")
    text.runs(p, (Span(watermark.text, bold=True),), watermark.size, colour=colour)
    for rgb in body.iter(_SRGB):
        SubElement(rgb, qn("a:alpha"), val=str(round(opacity * 100000)))


def add_text_box(sp_tree, name: str, x: int, y: int, cx: int, cy: int):
    """An empty text box at the end of the shape tree, its text anchored at the bottom; its text body."""
    shape, non_visual = _shape(_SP, _NV_SP_PR, False)
    shape[0][0].attrib.update({"id": str(_Ids(sp_tree).next()), "name": name})
    sp_tree.append(shape)
    SubElement(non_visual, _C_NV_SP_PR, txBox="1")
    SubElement(non_visual, _NV_PR)
    properties = SubElement(shape, _SP_PR)
    _xfrm(properties, x, y, cx, cy)
    _geometry(properties, "rect")
    SubElement(properties, _NO_FILL)
    body = _LABEL_TEXT.__copy__()
    body.find(_BODY_PR).set("anchor", "b")
    shape.append(body)
    return body


class _Ids:
    """Shape ids for new shapes: after the largest id the slide has, as python-pptx numbers them."""

    def __init__(self, sp_tree) -> None:
        ids = (e.get("id", "") for e in sp_tree.getroottree().iter(etree.Element))
        self._last = max((int(i) for i in ids if i.isdigit()), default=0)

    def next(self) -> int:
        self._last += 1
        return self._last


def _shape(tag: str, properties: str, decorative: bool):
    """A new shape (its id and name to set), its non-visual properties begun: the shape, and the element to
    give its kind's own non-visual properties."""
    shape = etree.Element(tag, nsmap=_NSMAP)
    non_visual = SubElement(shape, properties)
    c_nv_pr = SubElement(non_visual, _C_NV_PR, id="", name="")
    if decorative:
        c_nv_pr.append(_DECORATIVE.__copy__())
    return shape, non_visual


def _copy(group, prototype, shape_id: int, kind: str):
    """A copy of ``prototype`` at the end of ``group``, with its id and name (as python-pptx names it, "Oval 7"
    for id 8)."""
    shape = prototype.__copy__()
    group.append(shape)
    shape[0][0].attrib.update({"id": str(shape_id), "name": f"{kind} {shape_id - 1}"})
    return shape


def _xfrm(parent, x: int, y: int, cx: int, cy: int, tag: str = _XFRM, **flip: str) -> None:
    xfrm = SubElement(parent, tag, flip)
    SubElement(xfrm, _OFF, x=str(x), y=str(y))
    SubElement(xfrm, _EXT, cx=str(cx), cy=str(cy))


def _place(xfrm, x: int, y: int, cx: int, cy: int) -> None:
    """Set the offset and size of a copied shape's a:xfrm."""
    off, ext = xfrm
    off.attrib.update({"x": str(x), "y": str(y)})
    ext.attrib.update({"cx": str(cx), "cy": str(cy)})


def _geometry(parent, preset: str) -> None:
    SubElement(SubElement(parent, _PRST_GEOM, prst=preset), _AV_LST)


def _solid(parent, colour: str) -> None:
    SubElement(SubElement(parent, _SOLID_FILL), _SRGB, val=colour)


def _outline(parent, dashed: bool = False) -> None:
    """A line of one colour (its width and colour to set), dashed or solid."""
    ln = SubElement(parent, _LN, w="")
    _solid(ln, "")
    if dashed:
        SubElement(ln, _PRST_DASH, val="dash")


def _stroke(ln, colour: str, width: float) -> None:
    """Set the width and colour of a copied shape's a:ln."""
    ln.set("w", str(emu(width)))
    ln[0][0].set("val", colour)


# Each kind of shape is made once per variant and copied: lxml copies a shape faster than it builds one
# element by element, and a deck's figures repeat a few kinds hundreds of times.

@lru_cache(maxsize=None)
def _autoshape_prototype(geometry: str, filled: bool, stroked: bool, decorative: bool, text):
    shape, non_visual = _shape(_SP, _NV_SP_PR, decorative)
    SubElement(non_visual, _C_NV_SP_PR)
    SubElement(non_visual, _NV_PR)
    properties = SubElement(shape, _SP_PR)
    _xfrm(properties, 0, 0, 0, 0)
    _geometry(properties, geometry)
    if filled:
        _solid(properties, "")
    else:
        SubElement(properties, _NO_FILL)
    if stroked:
        _outline(properties)
    else:
        SubElement(SubElement(properties, _LN), _NO_FILL)
    shape.append(text.__copy__())
    return shape


def _autoshape(group, shape_id: int, kind: str, geometry: str, x: int, y: int, cx: int, cy: int, fill: str | None,
               stroke: str | None, stroke_width: float, inside: Label | None):
    """A rectangle or an oval, without python-pptx's theme style (its shadow is not ours); its text body."""
    decorative = inside is None or not "".join(inside.lines).strip()
    prototype = _autoshape_prototype(geometry, bool(fill), bool(stroke), decorative,
                                     _SHAPE_TEXT if inside is None else _INSIDE_TEXT)
    _, properties, body = _copy(group, prototype, shape_id, kind)
    xfrm, _, fill_element, ln = properties
    _place(xfrm, x, y, cx, cy)
    if fill:
        fill_element[0].set("val", fill)
    if stroke:
        _stroke(ln, stroke, stroke_width)
    return body


@lru_cache(maxsize=None)
def _connector_prototype(flip_h: bool, flip_v: bool, dashed: bool):
    shape, non_visual = _shape(_CXN_SP, _NV_CXN_SP_PR, True)
    SubElement(non_visual, _C_NV_CXN_SP_PR)
    SubElement(non_visual, _NV_PR)
    properties = SubElement(shape, _SP_PR)
    _xfrm(properties, 0, 0, 0, 0, **{**({"flipH": "1"} if flip_h else {}), **({"flipV": "1"} if flip_v else {})})
    _geometry(properties, "line")
    _outline(properties, dashed)
    return shape


def _connector(group, shape_id: int, x0: int, y0: int, x1: int, y1: int, line: Line) -> None:
    _, properties = _copy(group, _connector_prototype(x0 > x1, y0 > y1, line.dashed), shape_id, "Connector")
    xfrm, _, ln = properties
    _place(xfrm, min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
    _stroke(ln, line.colour, line.width)


@lru_cache(maxsize=None)
def _freeform_prototype(dashed: bool):
    shape, non_visual = _shape(_SP, _NV_SP_PR, True)
    SubElement(non_visual, _C_NV_SP_PR)
    SubElement(non_visual, _NV_PR)
    properties = SubElement(shape, _SP_PR)
    _xfrm(properties, 0, 0, 0, 0)
    geometry = SubElement(properties, _CUST_GEOM)
    for tag in (_AV_LST, _GD_LST, _AH_LST, _CXN_LST):
        SubElement(geometry, tag)
    SubElement(geometry, _RECT, l="l", t="t", r="r", b="b")
    SubElement(SubElement(geometry, _PATH_LST), _PATH, w="", h="")
    SubElement(properties, _NO_FILL)
    _outline(properties, dashed)
    shape.append(_SHAPE_TEXT.__copy__())
    return shape


def _freeform(group, shape_id: int, points: list[tuple[int, int]], line: Line) -> None:
    """A polyline, its path in its own box's coordinates as python-pptx's FreeformBuilder writes it."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, top = min(xs), min(ys)
    width, height = max(xs) - left, max(ys) - top
    _, properties, _ = _copy(group, _freeform_prototype(line.dashed), shape_id, "Freeform")
    xfrm, geometry, _, ln = properties
    _place(xfrm, left, top, width, height)
    _stroke(ln, line.colour, line.width)
    path = geometry[-1][0]
    path.attrib.update({"w": str(width), "h": str(height)})
    for n, (x, y) in enumerate(points):
        SubElement(SubElement(path, _LN_TO if n else _MOVE_TO), _PT, x=str(x - left), y=str(y - top))


@lru_cache(maxsize=None)
def _textbox_prototype():
    shape, non_visual = _shape(_SP, _NV_SP_PR, False)
    SubElement(non_visual, _C_NV_SP_PR, txBox="1")
    SubElement(non_visual, _NV_PR)
    properties = SubElement(shape, _SP_PR)
    _xfrm(properties, 0, 0, 0, 0)
    _geometry(properties, "rect")
    SubElement(properties, _NO_FILL)
    shape.append(_LABEL_TEXT.__copy__())
    return shape


def _textbox(group, shape_id: int, x: int, y: int, cx: int, cy: int):
    _, properties, body = _copy(group, _textbox_prototype(), shape_id, "TextBox")
    _place(properties[0], x, y, cx, cy)
    return body


def add_picture(sp_tree, name: str, alt: str, rid: str, x: int, y: int, cx: int, cy: int) -> None:
    """A picture (the related image ``rid``) at (``x``, ``y``) EMU, ``cx`` × ``cy``: its alt text ``alt``, or, if
    that is empty, marked decorative (a logo on a layout, repeated on every slide)."""
    _picture(sp_tree, _Ids(sp_tree).next(), name, alt, rid, x, y, cx, cy)


def _picture(group, shape_id: int, name: str, alt: str, rid: str, x: int, y: int, cx: int, cy: int) -> None:
    shape = SubElement(group, _PIC)
    non_visual = SubElement(shape, _NV_PIC_PR)
    names = SubElement(non_visual, _C_NV_PR, id=str(shape_id), name=name, descr=alt)
    if not alt:
        del names.attrib["descr"]
        names.append(_DECORATIVE.__copy__())
    SubElement(SubElement(non_visual, _C_NV_PIC_PR), _PIC_LOCKS, noChangeAspect="1")
    SubElement(non_visual, _NV_PR)
    fill = SubElement(shape, _BLIP_FILL)
    SubElement(fill, _BLIP, {_EMBED: rid})
    SubElement(SubElement(fill, _STRETCH), _FILL_RECT)
    properties = SubElement(shape, _SP_PR)
    _xfrm(properties, x, y, cx, cy)
    _geometry(properties, "rect")


def add_table(sp_tree, table: DeckTable, left: int, top: int, text: Typesetter, theme: Theme, caption: str) -> None:
    """The table at (``left``, ``top``) EMU: header row filled in the theme's header colour, rows striped."""
    shape_id = _Ids(sp_tree).next()
    widths, heights = [emu(w) for w in table.widths], [emu(h) for h in table.heights]
    roles = typography(theme).deck
    header, body_text = roles.table_header, roles.table_text
    frame = etree.Element(_GRAPHIC_FRAME, nsmap={prefix: NAMESPACES[prefix] for prefix in ("a", "p")})
    non_visual = SubElement(frame, _NV_GRAPHIC_FRAME_PR)
    SubElement(non_visual, _C_NV_PR, id=str(shape_id), name=f"Table {shape_id - 1}", descr=caption)
    SubElement(SubElement(non_visual, _C_NV_GRAPHIC_FRAME_PR), _FRAME_LOCKS, noGrp="1")
    SubElement(non_visual, _NV_PR)
    _xfrm(frame, left, top, sum(widths), sum(heights), _FRAME_XFRM)
    tbl = SubElement(SubElement(SubElement(frame, _GRAPHIC), _GRAPHIC_DATA, uri=TABLE_URI), _TBL)
    SubElement(SubElement(tbl, _TBL_PR, firstRow="1"), _TABLE_STYLE_ID).text = TABLE_GRID_STYLE
    grid = SubElement(tbl, _TBL_GRID)
    for w in widths:
        SubElement(grid, _GRID_COL, w=str(w))
    inset_x, inset_y = str(emu(CELL_INSET_X)), str(emu(CELL_INSET_Y))
    cells = [tuple((Span(c, bold=header.bold),) for c in table.columns), *table.rows]
    for r, height in enumerate(heights):
        # Every other row of the body striped, from the white first.
        fill = header.fill if r == 0 else (body_text.fill if r % 2 == 0 else "FFFFFF")
        row = SubElement(tbl, _TR, h=str(height))
        bodies = []
        for _ in widths:
            cell = SubElement(row, _TC)
            bodies.append(_CELL_TEXT.__copy__())
            cell.append(bodies[-1])
            _solid(SubElement(cell, _TC_PR, marL=inset_x, marR=inset_x, marT=inset_y, marB=inset_y), fill)
        for body, spans in zip(bodies, cells[r] if r < len(cells) else ()):
            p = text.paragraph(body, pitch=table.size * TABLE_LINE_SPACING)
            text.runs(p, tuple(s for s in spans if s.text), table.size,
                      colour=header.colour if r == 0 else body_text.colour)
    sp_tree.append(frame)
