"""The private library internals fenced in render/pptx_internals.py and render/pdf_internals.py still hold.

Each test does the same work once through the library's public API and once through our
shortcut, and asks for the same result, so a release that changes the internals fails here
before it changes a product.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pytest

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepTogether
from reportlab.platypus import Paragraph as PlatypusParagraph

from briefgen.render import pdf_internals, pdf_paragraph, pptx_internals

FONTS = sorted((Path(__file__).parents[1] / "templates" / "default" / "fonts").glob("*.ttf"))


def _deck_with_slides(count: int):
    prs = Presentation()
    for _ in range(count):
        prs.slides.add_slide(prs.slide_layouts[1])
    return prs


class DescribePptxInternals:
    def it_adds_the_relationship_python_pptx_would_add(self):
        ours, theirs = _deck_with_slides(2), _deck_with_slides(2)
        slide_ours, slide_theirs = ours.slides[1].part, theirs.slides[1].part
        image_ours, image_theirs = ours.slides[0].part, theirs.slides[0].part
        r_id = pptx_internals.relate(slide_ours, image_ours, RT.SLIDE)
        assert r_id == slide_theirs.relate_to(image_theirs, RT.SLIDE)
        assert slide_ours.rels[r_id].target_part is image_ours

    def it_writes_the_entries_python_pptx_writes_in_its_order(self):
        prs = _deck_with_slides(3)
        saved = io.BytesIO()
        prs.save(saved)
        with zipfile.ZipFile(saved) as theirs, zipfile.ZipFile(io.BytesIO(pptx_internals.stored(prs.part.package))) \
                as ours:
            assert ours.namelist() == theirs.namelist()
            for name in theirs.namelist():
                assert ours.read(name) == theirs.read(name), name


class DescribeReportlabInternals:
    def it_breaks_lines_as_reportlab_does_and_keeps_them(self):
        style = getSampleStyleSheet()["BodyText"]
        text = "A paragraph long enough to break over several lines at this width, " * 4
        ours, theirs = pdf_paragraph.Paragraph(text, style), PlatypusParagraph(text, style)
        assert ours.wrap(120, 800) == theirs.wrap(120, 800)
        assert ours.wrap(300, 800) == theirs.wrap(300, 800)
        assert ours.wrap(120, 800) == theirs.wrap(120, 800)  # from what it kept
        assert ours.blPara.lines == theirs.blPara.lines
        assert [p.wrap(120, 800) for p in ours.split(120, 40)] == [p.wrap(120, 800) for p in theirs.split(120, 40)]

    def it_finds_the_private_state_it_reads(self):
        style = getSampleStyleSheet()["BodyText"]
        paragraph = PlatypusParagraph("Some words", style)
        paragraph.wrap(200, 800)
        assert {"width", "height", "blPara"} <= set(vars(paragraph))
        group = KeepTogether([PlatypusParagraph("Heading", style), paragraph])
        group.canv = Canvas(io.BytesIO())
        group.wrap(200, 800)
        assert isinstance(group._content, list) and group._H > 0
        frame = Frame(0, 0, 200, 400)
        assert frame._atTop == 1 and pdf_internals.frame_cursor(frame) == frame._y1 + 400 - frame._topPadding

    @pytest.mark.parametrize("path", FONTS, ids=lambda p: p.name)
    def it_reads_a_face_as_reportlab_does(self, path: Path):
        ours, theirs = pdf_internals.TrueTypeFont("Face", str(path)), TTFont("Face", str(path))
        assert vars(ours).keys() == vars(theirs).keys()
        assert (ours.fontName, ours._asciiReadable, ours.shapable) == (theirs.fontName, theirs._asciiReadable,
                                                                      theirs.shapable)
        read = {name: value for name, value in vars(theirs.face).items() if name not in ("_pos", "_pdfScale")}
        assert {name: getattr(ours.face, name) for name in read} == read
        assert list(ours.face.charToGlyph) == list(theirs.face.charToGlyph)  # the order subsets are made in

    def it_writes_a_dictionary_a_reader_reads_as_reportlabs(self):
        canvas = Canvas(io.BytesIO())
        target = pdf_internals.reference(canvas, PDFDictionary({"Type": PDFName("Target")}))

        def entries(dictionary, array):
            return {"S": PDFName("Link"), "K": 3, "P": target, "Alt": PDFString("Ünïcode (and parentheses)"),
                    "Kids": array([0, target, dictionary({"Type": PDFName("MCR"), "MCID": 7})])}
        theirs = entries(PDFDictionary, PDFArray)
        ours = entries(pdf_internals.Dictionary, list)
        # The catalogue writes only the keys it knows: both hang from one it does.
        canvas.setCatalogEntry("StructTreeRoot", PDFDictionary({
            "Theirs": pdf_internals.reference(canvas, PDFDictionary(theirs)),
            "Ours": pdf_internals.reference(canvas, pdf_internals.Dictionary(ours))}))
        with pikepdf.open(io.BytesIO(canvas.getpdfdata())) as pdf:
            both = pdf.Root.StructTreeRoot
            assert repr(both.Ours) == repr(both.Theirs)
