"""A drawn figure in the Word brief as native DrawingML: one group (wpg) of shapes and text boxes (wps).

As the deck draws it (render/pptx/figures.py): rectangles and circles as preset shapes, straight
lines as line shapes, bent lines as freeforms, each label as a text box set exactly as it was
measured (no wrap, no insets, its lines at the measured pitch). A label's text is Word's own
paragraphs inside the text box (w:txbxContent), so a reader can search, select and edit it, and
LibreOffice's PDF of the brief shows its words. The group is inline, a picture in the flow, and
carries the figure's alt text and title, read by screen readers as a picture's.

Everything arrives placed by layout/figures.py, in points from the figure's top left; this
module only writes it, as lxml elements in the schemas' order.
"""

from __future__ import annotations

from lxml import etree
from lxml.etree import SubElement

from ...layout.figures import Circle, Figure, Label, Line, Rect
from .xml import EMU_PER_PT, NAMESPACES, qn

_NSMAP = {prefix: NAMESPACES[prefix] for prefix in ("w", "wp", "a", "wps", "wpg")}  # a figure's run declares them
_ALIGN = {"left": "left", "centre": "center", "right": "right"}


def emu(points: float) -> str:
    return str(round(points * EMU_PER_PT))


def figure_run(figure: Figure, first_id: int) -> etree._Element:
    """A w:r holding ``figure`` as an inline group of shapes, its drawing ids from ``first_id`` on."""
    ids = iter(range(first_id, first_id + len(figure.shapes) + 1))
    size = {"cx": emu(figure.width), "cy": emu(figure.height)}
    run = etree.Element(qn("w:r"), nsmap=_NSMAP)
    inline = SubElement(SubElement(run, qn("w:drawing")), qn("wp:inline"),
                        distT="0", distB="0", distL="0", distR="0")
    SubElement(inline, qn("wp:extent"), size)
    SubElement(inline, qn("wp:effectExtent"), l="0", t="0", r="0", b="0")
    SubElement(inline, qn("wp:docPr"), id=str(next(ids)), name=figure.title or figure.caption, descr=figure.alt,
               title=figure.caption)
    SubElement(inline, qn("wp:cNvGraphicFramePr"))
    data = SubElement(SubElement(inline, qn("a:graphic")), qn("a:graphicData"), uri=NAMESPACES["wpg"])
    group = SubElement(data, qn("wpg:wgp"))
    SubElement(group, qn("wpg:cNvGrpSpPr"))
    xfrm = SubElement(SubElement(group, qn("wpg:grpSpPr")), qn("a:xfrm"))
    SubElement(xfrm, qn("a:off"), x="0", y="0")
    SubElement(xfrm, qn("a:ext"), size)
    SubElement(xfrm, qn("a:chOff"), x="0", y="0")
    SubElement(xfrm, qn("a:chExt"), size)
    for shape in figure.shapes:
        if isinstance(shape, Rect):
            _closed(group, next(ids), "rect", shape.x, shape.y, shape.width, shape.height, shape)
        elif isinstance(shape, Circle):
            _closed(group, next(ids), "ellipse", shape.cx - shape.r, shape.cy - shape.r, 2 * shape.r, 2 * shape.r,
                    shape)
        elif isinstance(shape, Line):
            _line(group, next(ids), shape)
        elif isinstance(shape, Label):
            _label(group, next(ids), shape)
        else:
            raise TypeError(f"no Word drawing for {type(shape).__name__}")
    return run


def _shape(group, shape_id: int, name: str, *, text_box: bool = False):
    """A new wps:wsp at the end of ``group``, named; its shape properties to fill."""
    shape = SubElement(group, qn("wps:wsp"))
    SubElement(shape, qn("wps:cNvPr"), id=str(shape_id), name=f"{name} {shape_id}")
    SubElement(shape, qn("wps:cNvSpPr"), **({"txBox": "1"} if text_box else {}))
    return shape, SubElement(shape, qn("wps:spPr"))


def _xfrm(properties, x: float, y: float, width: float, height: float, **flip: str) -> None:
    xfrm = SubElement(properties, qn("a:xfrm"), flip)
    SubElement(xfrm, qn("a:off"), x=emu(x), y=emu(y))
    SubElement(xfrm, qn("a:ext"), cx=emu(width), cy=emu(height))


def _preset(properties, name: str) -> None:
    SubElement(SubElement(properties, qn("a:prstGeom"), prst=name), qn("a:avLst"))


def _solid(parent, colour: str) -> None:
    SubElement(SubElement(parent, qn("a:solidFill")), qn("a:srgbClr"), val=colour)


def _stroke(properties, colour: str | None, width: float, dashed: bool = False) -> None:
    ln = SubElement(properties, qn("a:ln"), w=emu(width), cap="rnd")
    if colour is None:
        SubElement(ln, qn("a:noFill"))
        return
    _solid(ln, colour)
    if dashed:
        SubElement(ln, qn("a:prstDash"), val="dash")
    SubElement(ln, qn("a:round"))


def _closed(group, shape_id: int, preset: str, x: float, y: float, width: float, height: float,
            shape: Rect | Circle) -> None:
    made, properties = _shape(group, shape_id, "Rectangle" if preset == "rect" else "Oval")
    _xfrm(properties, x, y, width, height)
    _preset(properties, preset)
    if shape.fill:
        _solid(properties, shape.fill)
    else:
        SubElement(properties, qn("a:noFill"))
    _stroke(properties, shape.stroke, shape.stroke_width)
    if shape.text:  # set inside the shape, on its fill, centred both ways
        _text(made, shape.text, anchor="ctr")
    else:
        _body(made, anchor="ctr")


def _line(group, shape_id: int, line: Line) -> None:
    """A straight line as a line shape, flipped to run the way it goes; a bent one as a freeform path."""
    xs, ys = [x for x, _ in line.points], [y for _, y in line.points]
    left, top = min(xs), min(ys)
    width, height = max(xs) - left, max(ys) - top
    made, properties = _shape(group, shape_id, "Line" if len(line.points) == 2 else "Freeform")
    if len(line.points) == 2:
        (x0, y0), (x1, y1) = line.points
        flip = {**({"flipH": "1"} if x0 > x1 else {}), **({"flipV": "1"} if y0 > y1 else {})}
        _xfrm(properties, left, top, width, height, **flip)
        _preset(properties, "line")
    else:
        _xfrm(properties, left, top, width, height)
        geometry = SubElement(properties, qn("a:custGeom"))
        for tag in ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"):
            SubElement(geometry, qn(tag))
        SubElement(geometry, qn("a:rect"), l="0", t="0", r="r", b="b")
        path = SubElement(SubElement(geometry, qn("a:pathLst")), qn("a:path"), w=emu(width), h=emu(height),
                          fill="none")
        for n, (x, y) in enumerate(line.points):
            step = SubElement(path, qn("a:moveTo" if n == 0 else "a:lnTo"))
            SubElement(step, qn("a:pt"), x=emu(x - left), y=emu(y - top))
        SubElement(properties, qn("a:noFill"))
    _stroke(properties, line.colour, line.width, line.dashed)
    _body(made, anchor="t")


def _label(group, shape_id: int, label: Label) -> None:
    made, properties = _shape(group, shape_id, "Text Box", text_box=True)
    _xfrm(properties, label.x, label.y, label.width, label.height)
    _preset(properties, "rect")
    SubElement(properties, qn("a:noFill"))
    SubElement(SubElement(properties, qn("a:ln")), qn("a:noFill"))
    _text(made, label, anchor="t")


def _text(shape, label: Label, *, anchor: str) -> None:
    """The label's lines as paragraphs of the shape's text box, each at the label's exact pitch and look."""
    content = SubElement(SubElement(shape, qn("wps:txbx")), qn("w:txbxContent"))
    for line in label.lines:
        paragraph = SubElement(content, qn("w:p"))
        properties = SubElement(paragraph, qn("w:pPr"))
        SubElement(properties, qn("w:spacing"), {qn("w:before"): "0", qn("w:after"): "0",
                                                 qn("w:line"): str(round(label.pitch * 20)),
                                                 qn("w:lineRule"): "exact"})
        SubElement(properties, qn("w:ind"), {qn("w:left"): "0", qn("w:right"): "0", qn("w:firstLine"): "0"})
        SubElement(properties, qn("w:jc"), {qn("w:val"): _ALIGN[label.align]})
        run = SubElement(paragraph, qn("w:r"))
        look = SubElement(run, qn("w:rPr"))
        if label.bold:
            SubElement(look, qn("w:b"))
        if label.italic:
            SubElement(look, qn("w:i"))
        SubElement(look, qn("w:color"), {qn("w:val"): label.colour})
        SubElement(look, qn("w:sz"), {qn("w:val"): str(round(label.size * 2))})
        SubElement(look, qn("w:szCs"), {qn("w:val"): str(round(label.size * 2))})
        text = SubElement(run, qn("w:t"))
        text.text = line
        if line != line.strip():
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    _body(shape, anchor=anchor)


def _body(shape, *, anchor: str) -> None:
    """The shape's text body properties: no insets and no wrapping (the layout wrapped each label)."""
    body = SubElement(shape, qn("wps:bodyPr"), rot="0", vert="horz", wrap="none", lIns="0", tIns="0", rIns="0",
                      bIns="0", anchor=anchor, anchorCtr="0")
    SubElement(body, qn("a:noAutofit"))
