"""The private library internals we lean on (render/docx/internals.py, render/pptx/internals.py,
render/pdf/internals.py, and the packages written as the libraries write them) still hold.

Each test does the same work once through the library's public API and once through our
shortcut, and asks for the same result, so a release that changes the internals fails here
before it changes a product.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as DOCX_RT
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part as PptxPart
from pptx.opc.packuri import PackURI
from pptx.opc.spec import default_content_types
from pptx.parts.coreprops import CorePropertiesPart
from pptx.oxml.ns import qn
from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepTogether
from reportlab.platypus import Paragraph as PlatypusParagraph

from briefgen.layout.properties import properties_of
from briefgen.layout.outline import labels
from briefgen.load import load
from briefgen.render.docx import internals as docx_internals, package as docx_package
from briefgen.render.office import core_properties
from briefgen.render.pdf import internals as pdf_internals, paragraph as pdf_paragraph
from briefgen.render.pptx import core as pptx_core, internals as pptx_internals, notes as pptx_notes
from briefgen.render.pptx import package as pptx_package, reader as pptx_reader, template as pptx_template
from briefgen.render.pptx import xml as pptx_xml

from .conftest import NRF

FONTS = sorted((Path(__file__).parents[1] / "templates" / "default" / "fonts").glob("*.ttf"))


def _deck_with_slides(count: int):
    prs = Presentation()
    for _ in range(count):
        prs.slides.add_slide(prs.slide_layouts[1])
    return prs


class DescribePptxInternals:
    def it_finds_the_packages_own_relationships(self):
        prs = _deck_with_slides(1)
        saved = io.BytesIO()
        prs.save(saved)
        rels = pptx_internals.root_relationships(prs.part.package)
        with zipfile.ZipFile(saved) as package:
            written = package.read("_rels/.rels").decode()
        assert rels and all(f'Id="{rid}" Type="{rel.reltype}"' in written for rid, rel in rels.items())

    def it_finds_the_slide_id_list(self):
        prs = _deck_with_slides(2)
        assert [i.rId for i in pptx_internals.slide_ids(prs)] == [i.rId for i in prs.slides._sldIdLst]
        assert len(pptx_internals.slide_ids(prs)) == 2

    def it_finds_the_text_body_of_a_shape(self):
        prs = _deck_with_slides(1)
        shape = prs.slides[0].shapes.title
        shape.text_frame.text = "A title"
        body = pptx_internals.text_body(shape)
        assert body.tag == qn("p:txBody") and [t.text for t in body.iter(qn("a:t"))] == ["A title"]


class DescribePptxPackage:
    """pptx_package writes a package as python-pptx saves it, from the parts pptx_template reads."""

    def it_writes_the_entries_python_pptx_writes_in_its_order(self):
        prs = _deck_with_slides(3)
        prs.slides[0].shapes.title.text_frame.text = "Links"
        prs.slides[0].part.relate_to("https://example.org/?a=1&b=2", RT.HYPERLINK, is_external=True)
        saved = io.BytesIO()
        prs.save(saved)
        root, _ = pptx_reader._parts(prs.part.package)
        with zipfile.ZipFile(saved) as theirs:
            assert list(pptx_package.entries(root)) == [(name, theirs.read(name)) for name in theirs.namelist()]

    def it_numbers_a_new_relationship_as_python_pptx_does(self):
        prs = _deck_with_slides(4)
        presentation = prs.part
        for slide_id in list(prs.slides._sldIdLst)[1:3]:  # a gap in the rIds, as dropping a template's slides leaves
            presentation.drop_rel(slide_id.rId)
        root, parts = pptx_reader._parts(prs.part.package)
        ours = parts[presentation]
        for n in range(3):
            theirs = PptxPart(PackURI(f"/ppt/slides/new{n}.xml"), CT.PML_SLIDE, prs.part.package)
            target = pptx_package.Part(f"/ppt/slides/new{n}.xml", CT.PML_SLIDE)
            assert ours.relate(target, RT.SLIDE) == presentation.relate_to(theirs, RT.SLIDE)

    def it_makes_a_relationship_once_for_one_target(self):
        part, target = pptx_package.Part("/ppt/slides/slide1.xml", "x"), pptx_package.Part("/ppt/media/image1.png", "y")
        assert part.relate(target, RT.IMAGE) == part.relate(target, RT.IMAGE) == "rId1"
        assert part.link("https://example.org", RT.HYPERLINK) == part.link("https://example.org", RT.HYPERLINK) == "rId2"


class DescribeDocxInternals:
    def it_finds_the_element_of_a_paragraph(self):
        word = docx.Document()
        paragraph = word.add_paragraph("Some text")
        p = docx_internals.paragraph_element(paragraph)
        assert p.tag == qn("w:p") and p.getparent() is word.element.body and p.xpath("string(.)") == "Some text"

    def it_writes_the_content_types_python_docx_writes(self):
        word = docx.Document()
        saved = io.BytesIO()
        word.save(saved)
        with zipfile.ZipFile(saved) as theirs:
            assert docx_internals.content_types(list(word.part.package.iter_parts())) == theirs.read(
                "[Content_Types].xml")


class DescribeDocxPackage:
    def it_gives_the_entries_python_docx_saves_in_its_order(self):
        word = docx.Document()
        word.add_paragraph("A link").part.relate_to("https://example.org/?a=1&b=2", DOCX_RT.HYPERLINK,
                                                      is_external=True)
        saved = io.BytesIO()
        word.save(saved)
        with zipfile.ZipFile(saved) as theirs:
            assert list(docx_package.entries(word)) == [(name, theirs.read(name)) for name in theirs.namelist()]


class DescribeOurPptxNames:
    """pptx_xml and pptx_core write what python-pptx writes, without importing it."""

    def it_names_types_and_namespaces_as_python_pptx_does(self):
        assert pptx_xml.SLIDE_TYPE == CT.PML_SLIDE and pptx_xml.NOTES_SLIDE_TYPE == CT.PML_NOTES_SLIDE
        assert pptx_xml.SLIDE_MASTER_TYPE == CT.PML_SLIDE_MASTER
        assert pptx_xml.IMAGE_TYPES == {"png": ("png", CT.PNG), "jpeg": ("jpg", CT.JPEG)}
        for ours, theirs in ((pptx_xml.SLIDE_LAYOUT, RT.SLIDE_LAYOUT), (pptx_xml.SLIDE, RT.SLIDE),
                             (pptx_xml.IMAGE, RT.IMAGE), (pptx_xml.HYPERLINK, RT.HYPERLINK),
                             (pptx_xml.NOTES_MASTER, RT.NOTES_MASTER), (pptx_xml.NOTES_SLIDE, RT.NOTES_SLIDE),
                             (pptx_xml.CORE_PROPERTIES, RT.CORE_PROPERTIES),
                             (pptx_xml.EXTENDED_PROPERTIES, RT.EXTENDED_PROPERTIES)):
            assert ours == theirs
        for prefix in pptx_xml.NAMESPACES:
            assert pptx_xml.qn(f"{prefix}:x") == qn(f"{prefix}:x")
        assert pptx_package._DEFAULTS == frozenset(default_content_types)

    def it_parses_and_writes_a_part_as_python_pptx_does(self):
        prs = _deck_with_slides(2)
        for part in (prs.part, prs.slides[1].part, prs.slide_master.part):
            assert pptx_xml.serialized(pptx_xml.parsed(part.blob)) == serialize_part_xml(part._element) == part.blob

    def it_writes_note_text_as_python_pptx_writes_text(self):
        text = "one\vtwo\x07 three\x1b"
        prs = _deck_with_slides(1)
        frame = prs.slides[0].notes_slide.notes_text_frame
        frame.text = text
        body = pptx_internals.text_body(prs.slides[0].notes_slide.notes_placeholder)
        notes = pptx_notes.Notes(None, None, 12.0)
        ours = etree.Element(qn("p:txBody"))
        notes._paragraph(ours, text)

        def runs(of) -> list:
            return [(child.tag, child.findtext(qn("a:t"))) for p in of.findall(qn("a:p")) for child in p
                    if child.tag != qn("a:endParaRPr")]

        assert runs(ours) == runs(body)

    @pytest.mark.parametrize("template", ["built-in", "default", "sparse"])
    def it_fills_the_core_properties_as_python_pptx_does(self, template):
        if template == "built-in":
            with zipfile.ZipFile(pptx_template.BUILT_IN) as package:
                blob = package.read("docProps/core.xml")
        elif template == "default":
            blob = CorePropertiesPart.default(None).blob
        else:  # only a title: every other property is added
            blob = (b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title>'
                    b"</cp:coreProperties>")
        about = properties_of(load(NRF), labels("en"))
        when = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
        theirs = CorePropertiesPart.load(PackURI("/docProps/core.xml"), CT.OPC_CORE_PROPERTIES, None, blob)
        ours = pptx_core.CoreProperties(blob)
        core_properties.stamp(theirs, about, when)
        core_properties.stamp(ours, about, when)
        assert ours.blob == theirs.blob


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

    def it_compares_frags_as_reportlabs_accelerator_does(self):
        style = getSampleStyleSheet()["BodyText"]
        markup = ('Plain <b>bold <i>both</i></b> <i>italic</i><br/>after a break <super>1</super> '
                  '<a href="https://example.org" color="#1F5FA8">link</a> <a href="#note" color="blue">note</a>'
                  '<onDraw name="tag" label="Span"/><font color="red">red</font> <a name="here"/>end')
        frags = PlatypusParagraph(markup, style).frags
        frags += [frag.clone() for frag in frags]
        assert len(frags) > 20
        assert [[pdf_internals.same_frag(f, g) for g in frags] for f in frags] == [
            [bool(sameFrag(f, g)) for g in frags] for f in frags]

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
