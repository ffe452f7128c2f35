"""Layout figures → reportlab Drawings: vector shapes and text in the theme's embedded faces.

Figures are laid out top-down (y grows downwards); a Drawing's y grows upwards, so every
y is flipped here. Everything a figure draws is one marked-content sequence of its Figure
structure element, which carries the alt text (pdf_tags.py): a screen reader says the alt
text rather than reading the labels one by one.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle as RLCircle, Drawing, Group, Image as RLImage, PolyLine
from reportlab.graphics.shapes import Rect as RLRect, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.validators import isNumber
from reportlab.pdfbase.pdfmetrics import getAscentDescent

from ..layout.figures import Circle, Figure, Label, Line, Rect, Shape
from .pdf_fonts import Family
from .pdf_tags import Element
from .pdf_styles import colour

_ANCHOR = {"left": "start", "centre": "middle", "right": "end"}


class FigureDrawing(Drawing):
    """A Drawing that is one Figure of the tagged PDF (reportlab checks every attribute a shape is given)."""

    _attrMap = AttrMap(BASE=Drawing, tag=AttrMapValue(None, desc="its structure element"),
                       keepWithNext=AttrMapValue(isNumber, desc="kept on a page with what follows"))

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - reportlab's name
        with canvas.region(self.tag):
            super().drawOn(canvas, x, y, _sW)


def drawing(figure: Figure, family: Family, width: float, tag: Element) -> FigureDrawing:
    """The figure scaled to ``width`` points (an image never enlarged past its own width), drawn for ``tag``."""
    scale = min(1.0, width / figure.width) if figure.image else width / figure.width
    out = FigureDrawing(figure.width * scale, figure.height * scale)
    # A drawing starts in Helvetica unless told otherwise, which would put an unembedded font in the PDF.
    out.initialFontName = family.regular.name
    group = Group()
    group.transform = (scale, 0, 0, -scale, 0, figure.height * scale)  # top-down into bottom-up
    if figure.image and figure.image_box:
        # Drawn upright: an image in a flipped group would be upside down.
        x, y, w, h = figure.image_box
        out.add(RLImage(x * scale, (figure.height - y - h) * scale, w * scale, h * scale, str(figure.image.path)))
    for shape in figure.shapes:
        for part in _parts(shape, family):
            group.add(part)
    out.add(group)
    out.tag = tag
    return out


def _parts(shape: Shape, family: Family) -> list:
    if isinstance(shape, Line):
        return [PolyLine([c for point in shape.points for c in point], strokeColor=colour(shape.colour),
                         strokeWidth=shape.width, strokeDashArray=[3, 2] if shape.dashed else None,
                         strokeLineCap=1, strokeLineJoin=1)]
    inside = _label(shape.text, family) if getattr(shape, "text", None) else []
    if isinstance(shape, Rect):
        return [RLRect(shape.x, shape.y, shape.width, shape.height, **_paint(shape.fill, shape.stroke,
                                                                             shape.stroke_width)), *inside]
    if isinstance(shape, Circle):
        return [RLCircle(shape.cx, shape.cy, shape.r, **_paint(shape.fill, shape.stroke, shape.stroke_width)),
                *inside]
    if isinstance(shape, Label):
        return _label(shape, family)
    raise TypeError(f"no PDF drawing for {type(shape).__name__}")


def _paint(fill: str | None, stroke: str | None, width: float) -> dict:
    return {"fillColor": colour(fill) if fill else None, "strokeColor": colour(stroke) if stroke else None,
            "strokeWidth": width if stroke else 0}


def _label(label: Label, family: Family) -> list:
    face = family.face(bold=label.bold, italic=label.italic)
    ascent, descent = getAscentDescent(face.name, label.size)
    # The glyphs centred in each line's pitch, as the deck's exact line spacing sets them.
    baseline = (label.pitch - (ascent - descent)) / 2 + ascent
    x = {"left": label.x, "centre": label.x + label.width / 2, "right": label.x + label.width}[label.align]
    parts = []
    for n, text in enumerate(label.lines):
        y = label.y + n * label.pitch + baseline
        # Text in a flipped group would be mirrored: each string gets its own upright frame.
        upright = Group(String(0, 0, face.drawable(text), fontName=face.name, fontSize=label.size,
                               fillColor=colour(label.colour), textAnchor=_ANCHOR[label.align]))
        upright.transform = (1, 0, 0, -1, x, y)
        parts.append(upright)
    return parts
