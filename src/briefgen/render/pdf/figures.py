"""Layout figures → a flowable that draws their vector shapes and text, in the theme's embedded faces, on the canvas.

Figures are laid out top-down (y grows downwards); a PDF page's y grows upwards, so the
figure is drawn under a flipping transform, and each line of text under its own upright one.
Everything a figure draws is one marked-content sequence of its Figure structure element,
which carries the alt text (tags.py): a screen reader says the alt text rather than
reading the labels one by one. The shapes are drawn straight with the canvas's operators:
reportlab's Drawing took five times as long, checking every attribute of every shape.
"""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ...layout.document import Logo
from ...layout.figures import Circle, Figure, Label, Line, Rect, Shape
from .bidi import visual
from .fonts import Family
from .styles import colour
from .tags import Element

_DASH = [3, 2]
_ROUND = 1  # line cap and line join


class _TaggedFlowable(Flowable):
    """A drawing of a fixed size, drawn inside its element of the tagged PDF."""

    tag: Element

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802,N803
        with canvas.region(self.tag):
            super().drawOn(canvas, x, y, _sW)


class FigureFlowable(_TaggedFlowable):
    """A figure scaled to a width, drawn as one Figure of the tagged PDF."""

    def __init__(self, figure: Figure, family: Family, width: float, tag: Element):
        super().__init__()
        # An image is never enlarged past its own width; drawn shapes scale to any width.
        self._scale = min(1.0, width / figure.width) if figure.image else width / figure.width
        self.width, self.height = figure.width * self._scale, figure.height * self._scale
        self._figure, self._family, self.tag = figure, family, tag

    def draw(self) -> None:
        canvas, figure, scale = self.canv, self._figure, self._scale
        if figure.image and figure.image_box:
            # Drawn upright: an image under the flipping transform would be upside down.
            x, y, w, h = figure.image_box
            canvas.drawInlineImage(_pillow(figure.image.data), x * scale, (figure.height - y - h) * scale,
                                   w * scale, h * scale)
        canvas.saveState()
        canvas.transform(scale, 0, 0, -scale, 0, self.height)  # top-down into bottom-up
        for shape in figure.shapes:
            _draw(canvas, shape, self._family)
        canvas.restoreState()


class LogoFlowable(_TaggedFlowable):
    """The logo at the left of the frame, at the layout's size, the space after it the layout's gap: a Figure
    of the tagged PDF whose alt text says whose logo it is."""

    def __init__(self, logo: Logo, tag: Element):
        super().__init__()
        self.width, self.height, self.spaceAfter = logo.width, logo.height, logo.gap
        self._logo, self.tag = logo, tag

    def draw(self) -> None:
        draw_logo(self.canv, self._logo, 0, 0)


def draw_logo(canvas: Canvas, logo: Logo, x: float, y: float) -> None:
    """The logo with its bottom-left corner at (x, y), as one image XObject however often it is drawn (reportlab
    names it by its content), its transparency kept."""
    from reportlab.lib.utils import ImageReader

    canvas.drawImage(ImageReader(_pillow(logo.image.data)), x, y, logo.width, logo.height, mask="auto")


def _pillow(data: bytes):
    """The image for reportlab, from its bytes without metadata: a JPEG's are embedded as they are, a PNG's
    pixels are compressed again (reportlab would read a file by its name, metadata and all)."""
    from PIL import Image as PILImage

    return PILImage.open(io.BytesIO(data))


def _draw(canvas: Canvas, shape: Shape, family: Family) -> None:
    if isinstance(shape, Label):
        _label(canvas, shape, family)
    elif isinstance(shape, Line):
        _line(canvas, shape)
    elif isinstance(shape, (Rect, Circle)):
        _closed(canvas, shape)
        if shape.text:  # set inside the shape, on its fill
            _label(canvas, shape.text, family)
    else:
        raise TypeError(f"no PDF drawing for {type(shape).__name__}")


def _line(canvas: Canvas, line: Line) -> None:
    canvas.saveState()
    canvas.setStrokeColor(colour(line.colour))
    canvas.setLineWidth(line.width)
    canvas.setLineCap(_ROUND)
    canvas.setLineJoin(_ROUND)
    if line.dashed:
        canvas.setDash(_DASH)
    path = canvas.beginPath()
    (x, y), *rest = line.points
    path.moveTo(x, y)
    for x, y in rest:
        path.lineTo(x, y)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _closed(canvas: Canvas, shape: Rect | Circle) -> None:
    canvas.saveState()
    if shape.fill:
        canvas.setFillColor(colour(shape.fill))
    if shape.stroke:
        canvas.setStrokeColor(colour(shape.stroke))
        canvas.setLineWidth(shape.stroke_width)
    paint = {"stroke": 1 if shape.stroke else 0, "fill": 1 if shape.fill else 0}
    if isinstance(shape, Rect):
        canvas.rect(shape.x, shape.y, shape.width, shape.height, **paint)
    else:
        canvas.circle(shape.cx, shape.cy, shape.r, **paint)
    canvas.restoreState()


def _label(canvas: Canvas, label: Label, family: Family) -> None:
    face = family.face(bold=label.bold, italic=label.italic)
    ascent, descent = getAscentDescent(face.name, label.size)
    # The glyphs centred in each line's pitch, as the deck's exact line spacing sets them.
    baseline = (label.pitch - (ascent - descent)) / 2 + ascent
    # How far left of the label's x each line starts: none, half its width or all of it.
    shift = {"left": 0, "centre": 0.5, "right": 1}[label.align]
    x = label.x + label.width * shift
    text = canvas.beginText()
    text.setFont(face.name, label.size)
    text.setFillColor(colour(label.colour))
    for n, line in enumerate(label.lines):
        pieces = family.runs(family.drawable(visual(line)), face)  # what the face lacks in another (Family.runs)
        width = sum(stringWidth(piece, shown.name, label.size) for piece, shown in pieces)
        # Text under the flipping transform would be mirrored: each line is set upright.
        text.setTextTransform(1, 0, 0, -1, x - shift * width, label.y + n * label.pitch + baseline)
        for piece, shown in pieces:
            text.setFont(shown.name, label.size)
            text.textOut(piece)
    canvas.drawText(text)
