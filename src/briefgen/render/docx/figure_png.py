"""Layout figures → PNG bytes with Pillow, for the Word brief, which shows a drawn figure as a picture.

Drawn at 220 dpi from a canvas twice that size and reduced, so edges are smooth in
LibreOffice and Word alike; the text is set in the theme's own TTF faces, as in the
PDF. The same figure always gives the same bytes (no time or software stamp is written).
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ...layout.figures import Circle, Figure, Label, Line, Rect, Shape
from ...theme import Fonts

DPI = 220
OVERSAMPLE = 2
DASH, GAP = 3.0, 2.0  # points, as the PDF's dash pattern


# Drawing is most of a Word render's time; while watching, a save rarely changes a figure, and
# the same figure with the same fonts gives the same bytes.
@lru_cache(maxsize=32)
def png(figure: Figure, fonts: Fonts) -> bytes:
    """The figure at DPI, white behind it."""
    scale = DPI / 72 * OVERSAMPLE
    size = (math.ceil(figure.width * scale), math.ceil(figure.height * scale))
    canvas = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(canvas)
    for shape in figure.shapes:
        _draw(draw, shape, scale, fonts)
    shown = canvas.reduce(OVERSAMPLE)  # each pixel the mean of the canvas pixels it covers
    # A few flat colours and their anti-aliased edges: a palette keeps the file a third the size and
    # is quicker to compress than full colour.
    shown = shown.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    # The octree's white comes out a shade off (254), which shows as a grey box on the white page.
    palette = shown.getpalette()
    for i in range(0, len(palette), 3):
        if min(palette[i:i + 3]) >= 250:
            palette[i:i + 3] = [255, 255, 255]
    shown.putpalette(palette)
    out = io.BytesIO()
    shown.save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()


def _draw(draw: ImageDraw.ImageDraw, shape: Shape, k: float, fonts: Fonts) -> None:
    if isinstance(shape, Line):
        width = max(1, round(shape.width * k))
        points = [(x * k, y * k) for x, y in shape.points]
        for segment in (_dashes(points, DASH * k, GAP * k) if shape.dashed else [points]):
            draw.line(segment, fill=_rgb(shape.colour), width=width, joint="curve")
    elif isinstance(shape, Rect):
        draw.rectangle((shape.x * k, shape.y * k, (shape.x + shape.width) * k, (shape.y + shape.height) * k),
                       fill=_rgb(shape.fill), outline=_rgb(shape.stroke),
                       width=max(1, round(shape.stroke_width * k)) if shape.stroke else 0)
    elif isinstance(shape, Circle):
        draw.ellipse(((shape.cx - shape.r) * k, (shape.cy - shape.r) * k, (shape.cx + shape.r) * k,
                      (shape.cy + shape.r) * k), fill=_rgb(shape.fill), outline=_rgb(shape.stroke),
                     width=max(1, round(shape.stroke_width * k)) if shape.stroke else 0)
    elif isinstance(shape, Label):
        _label(draw, shape, k, fonts)
    else:
        raise TypeError(f"no PNG drawing for {type(shape).__name__}")
    if getattr(shape, "text", None):
        _label(draw, shape.text, k, fonts)


def _label(draw: ImageDraw.ImageDraw, label: Label, k: float, fonts: Fonts) -> None:
    path = ((fonts.regular, fonts.italic), (fonts.bold, fonts.bold_italic))[label.bold][label.italic]
    font = _font(path.resolve(), round(label.size * k))
    ascent, descent = font.getmetrics()
    # The glyphs centred in each line's pitch, as in the PDF and the deck.
    baseline = (label.pitch * k - (ascent + descent)) / 2 + ascent
    x = {"left": label.x, "centre": label.x + label.width / 2, "right": label.x + label.width}[label.align] * k
    anchor = {"left": "ls", "centre": "ms", "right": "rs"}[label.align]
    for n, text in enumerate(label.lines):
        draw.text((x, label.y * k + n * label.pitch * k + baseline), text, font=font, fill=_rgb(label.colour),
                  anchor=anchor)


@lru_cache(maxsize=32)
def _font(path: Path, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), pixels)


def _rgb(colour: str | None) -> tuple[int, int, int] | None:
    return None if colour is None else tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def _dashes(points: list[tuple[float, float]], dash: float, gap: float) -> list[list[tuple[float, float]]]:
    """A polyline cut into dashes ``dash`` long with ``gap`` between them."""
    pieces: list[list[tuple[float, float]]] = []
    drawing, left = True, dash
    current = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.dist((x0, y0), (x1, y1))
        done = 0.0
        while length - done > left:
            done += left
            at = (x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length)
            if drawing:
                pieces.append(current + [at])
            current = [at]
            drawing, left = not drawing, dash if not drawing else gap
        left -= length - done
        if drawing:
            current.append((x1, y1))
    if drawing and len(current) > 1:
        pieces.append(current)
    return pieces
