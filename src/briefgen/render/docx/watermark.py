"""A draft's watermark in the Word brief: the shape Word's own Design → Watermark makes (VML WordArt).

Word lists it as the document's watermark (and removes it there), and LibreOffice reads it as
its own watermark; a DrawingML text box is neither, and LibreOffice does not turn one. It is
anchored in the header, so every page shows it, behind the text and without moving it.
"""

from __future__ import annotations

from lxml import etree
from lxml.etree import SubElement

from ...layout.document import Watermark
from .xml import NAMESPACES, qn

_NSMAP = {prefix: NAMESPACES[prefix] for prefix in ("w", "v", "o", "w10")}  # the watermark's run declares them
# Word's names: by these it knows the shape is its watermark.
SHAPE_TYPE, SHAPE_NAME = "_x0000_t136", "PowerPlusWaterMarkObject"
# The WordArt text path's geometry (shape type 136, "plain text"), as Word writes it.
_FORMULAS = ("sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
             "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
             "sum @6 0 @5")


def run(watermark: Watermark, *, family: str, colour: str, opacity: float) -> etree._Element:
    """A w:r holding the watermark, centred on the page and turned as the layout decided."""
    made = etree.Element(qn("w:r"), nsmap=_NSMAP)
    SubElement(SubElement(made, qn("w:rPr")), qn("w:noProof"))
    picture = SubElement(made, qn("w:pict"))
    shape_type = SubElement(picture, qn("v:shapetype"), {
        "id": SHAPE_TYPE, "coordsize": "21600,21600", qn("o:spt"): "136", "adj": "10800",
        "path": "m@7,l@8,m@5,21600l@6,21600e"})
    formulas = SubElement(shape_type, qn("v:formulas"))
    for equation in _FORMULAS:
        SubElement(formulas, qn("v:f"), eqn=equation)
    SubElement(shape_type, qn("v:path"), {"textpathok": "t", qn("o:connecttype"): "custom",
                                         qn("o:connectlocs"): "@9,0;@10,10800;@11,21600;@12,10800",
                                         qn("o:connectangles"): "270,180,90,0"})
    SubElement(shape_type, qn("v:textpath"), on="t", fitshape="t")
    SubElement(SubElement(shape_type, qn("v:handles")), qn("v:h"), position="#0,bottomRight", xrange="6629,14971")
    SubElement(shape_type, qn("o:lock"), {qn("v:ext"): "edit", "text": "t", "shapetype": "t"})
    # VML turns clockwise; the layout's angle is anticlockwise. WordArt fits the word's letters to the
    # shape's height: its capitals'.
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{watermark.width:.2f}pt;"
             f"height:{watermark.cap_height:.2f}pt;rotation:{(360 - watermark.angle) % 360:.0f};"
             "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:page;"
             "mso-position-vertical:center;mso-position-vertical-relative:page")
    shape = SubElement(picture, qn("v:shape"), {
        "id": SHAPE_NAME, qn("o:spid"): "_x0000_s2049", "type": f"#{SHAPE_TYPE}", "style": style,
        qn("o:allowincell"): "f", "fillcolor": f"#{colour}", "stroked": "f"})
    SubElement(shape, qn("v:fill"), opacity=f"{opacity:g}")
    SubElement(shape, qn("v:textpath"), style=f'font-family:"{family}";font-size:1pt;font-weight:bold',
               string=watermark.text)
    SubElement(shape, qn("w10:wrap"), anchorx="page", anchory="page")
    return made
