"""The private library internals we lean on (render/docx/internals.py, render/pptx/internals.py,
render/pdf/internals.py, and the packages written as the libraries write them) still hold.

Each test does the same work once through the library's public API and once through our
shortcut, and asks for the same result, so a release that changes the internals fails here
before it changes a product.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import importlib.util
import inspect
import io
import zipfile
from typing import BinaryIO, Callable
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, strategies as st
from lxml import etree

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as DOCX_RT
from docx.shared import Mm as DocxMm, Pt as DocxPt
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
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepTogether, SimpleDocTemplate
from reportlab.platypus import Paragraph as PlatypusParagraph

import briefgen
from briefgen.layout.properties import properties_of
from briefgen.layout.outline import labels
from briefgen.load import load
from briefgen.images import Image
from briefgen.render.docx import formatting as docx_formatting, internals as docx_internals, package as docx_package
from briefgen.render.docx import page as docx_page, pictures as docx_pictures, prepared as docx_prepared
from briefgen.render.docx import xml as docx_xml
from briefgen.theme import load_theme
from briefgen.render.office import core_properties
from briefgen.render.pdf import internals as pdf_internals, paragraph as pdf_paragraph, word_breaks
from briefgen.render.pdf.word_breaks import LINE_MAY_END
from briefgen.render.pptx import internals as pptx_internals, notes as pptx_notes
from briefgen.render.office import package as office_package
from briefgen.render.pptx import reader as pptx_reader, template as pptx_template
from briefgen.render.pptx import xml as pptx_xml

from .conftest import NRF

SOURCE = Path(briefgen.__file__).parent
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
    """office_package writes a package as python-pptx saves it, from the parts pptx_template reads."""

    def it_writes_the_entries_python_pptx_writes_in_its_order(self):
        prs = _deck_with_slides(3)
        prs.slides[0].shapes.title.text_frame.text = "Links"
        prs.slides[0].part.relate_to("https://example.org/?a=1&b=2", RT.HYPERLINK, is_external=True)
        saved = io.BytesIO()
        prs.save(saved)
        root, _ = pptx_reader._parts(prs.part.package)
        with zipfile.ZipFile(saved) as theirs:
            assert list(office_package.entries(root)) == [(name, theirs.read(name)) for name in theirs.namelist()]

    def it_numbers_a_new_relationship_as_python_pptx_does(self):
        prs = _deck_with_slides(4)
        presentation = prs.part
        for slide_id in list(prs.slides._sldIdLst)[1:3]:  # a gap in the rIds, as dropping a template's slides leaves
            presentation.drop_rel(slide_id.rId)
        root, parts = pptx_reader._parts(prs.part.package)
        ours = parts[presentation]
        for n in range(3):
            theirs = PptxPart(PackURI(f"/ppt/slides/new{n}.xml"), CT.PML_SLIDE, prs.part.package)
            target = office_package.Part(f"/ppt/slides/new{n}.xml", CT.PML_SLIDE)
            assert ours.relate(target, RT.SLIDE) == presentation.relate_to(theirs, RT.SLIDE)

    def it_reuses_the_first_of_two_like_relationships_as_python_pptx_does(self):
        prs = _deck_with_slides(1)
        presentation = prs.part
        master = presentation.part_related_by(RT.SLIDE_MASTER)
        presentation.rels._rels["rId90"] = type(presentation.rels[presentation.relate_to(master, RT.SLIDE_MASTER)])(
            presentation.partname.baseURI, "rId90", RT.SLIDE_MASTER, "Internal", master)  # a template may relate twice
        root, parts = pptx_reader._parts(prs.part.package)
        copies = office_package.copied(root)[1]
        ours = copies[parts[presentation]]
        assert ours.relate(copies[parts[master]], RT.SLIDE_MASTER) == presentation.relate_to(master, RT.SLIDE_MASTER)
        assert ours.relate(copies[parts[master]], RT.SLIDE_MASTER) != "rId90"

    def it_makes_a_relationship_once_for_one_target(self):
        part, target = office_package.Part("/ppt/slides/slide1.xml", "x"), office_package.Part("/ppt/media/image1.png", "y")
        assert part.relate(target, RT.IMAGE) == part.relate(target, RT.IMAGE) == "rId1"
        assert part.link("https://example.org", RT.HYPERLINK) == part.link("https://example.org", RT.HYPERLINK) == "rId2"


class DescribeDocxInternals:
    def it_finds_the_element_of_a_paragraph(self):
        word = docx.Document()
        paragraph = word.add_paragraph("Some text")
        p = docx_internals.paragraph_element(paragraph)
        assert p.tag == qn("w:p") and p.getparent() is word.element.body and p.xpath("string(.)") == "Some text"

    def it_tells_the_parts_written_from_their_elements(self):
        word = docx.Document()
        font_table = word.part.part_related_by(DOCX_RT.FONT_TABLE)
        assert docx_internals.is_xml_part(word.part) and not docx_internals.is_xml_part(font_table)
        # python-docx's own test of a part it writes from its element, which is what lets us write it streaming.
        assert word.part.blob == docx_xml.serialized(word.part.element)


def _word_with_everything():
    """A python-docx document with a link, a picture, a header and a footer: each kind of part we make."""
    word = docx.Document()
    paragraph = word.add_paragraph("A link")
    paragraph.part.relate_to("https://example.org/?a=1&b=2", DOCX_RT.HYPERLINK, is_external=True)
    paragraph.add_run().add_picture(io.BytesIO(_png()), width=DocxPt(20), height=DocxPt(10))
    section = word.sections[-1]
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    return word


def _png() -> bytes:
    from PIL import Image as PILImage
    out = io.BytesIO()
    PILImage.new("RGB", (4, 2), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


def _saved(word) -> list[tuple[str, bytes]]:
    saved = io.BytesIO()
    word.save(saved)
    with zipfile.ZipFile(saved) as theirs:
        return [(name, theirs.read(name)) for name in theirs.namelist()]


class DescribeDocxPackage:
    """docx_package writes a package as python-docx saves it, from a document python-docx made (Word.adopt) or
    from the bytes of a saved one (Word.read), and adds parts and relationships as python-docx does."""

    def it_gives_the_entries_python_docx_saves_in_its_order(self):
        word = _word_with_everything()
        assert [(name, _bytes_of(entry)) for name, entry in docx_package.entries(docx_package.Word.adopt(word))] == (
            _saved(word))

    def it_reads_a_package_as_python_docx_opens_it(self):
        saved = dict(_saved(_word_with_everything()))
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as package:
            for name, blob in saved.items():
                package.writestr(name, blob)
        replaced = {"word/styles.xml": saved["word/styles.xml"].replace(b"Normal", b"Plain")}
        ours = docx_package.Word.read(data.getvalue(), replaced)
        theirs = docx.Document(io.BytesIO(data.getvalue()))
        theirs.part.part_related_by(DOCX_RT.STYLES)._element = docx_xml.parsed(replaced["word/styles.xml"])
        assert [(name, _bytes_of(entry)) for name, entry in docx_package.entries(ours)] == _saved(theirs)
        assert ours.images and not ours.styles.xpath("//@w:styleId[. = 'Normal']", namespaces=docx_xml.NAMESPACES)

    def it_numbers_a_new_relationship_as_python_docx_does(self):
        word = docx.Document()
        rels = word.part.rels
        for rid in ("rId2", "rId4"):  # gaps, as dropping a base's relationships leaves
            del rels[rid]
        ours = docx_package.Word.adopt(word).part
        for n in range(3):
            target = docx_package.WordPart(f"/word/new{n}.xml", "x")
            assert ours.relate(target, DOCX_RT.HEADER) == rels._next_rId
            rels.add_relationship(DOCX_RT.HEADER, word.part, rels._next_rId)
        assert ours.link("https://example.org", DOCX_RT.HYPERLINK) == ours.link("https://example.org",
                                                                                DOCX_RT.HYPERLINK)

    def it_reuses_the_first_of_two_like_relationships_as_python_docx_does(self):
        word = docx.Document()
        styles = word.part.part_related_by(DOCX_RT.STYLES)
        word.part.rels.add_relationship(DOCX_RT.STYLES, styles, "rId90")  # a base may relate a part twice
        ours = docx_package.Word.adopt(word).part
        assert ours.relate(ours.related(DOCX_RT.STYLES), DOCX_RT.STYLES) == word.part.relate_to(styles,
                                                                                                DOCX_RT.STYLES)
        assert ours.relate(ours.related(DOCX_RT.STYLES), DOCX_RT.STYLES) != "rId90"

    @pytest.mark.parametrize("library", ["docx", "pptx"])
    def it_lowercases_a_default_extension_as_both_libraries_do(self, library):
        """python-docx and python-pptx both keep their Defaults in a CaseInsensitiveDict, which stores the key
        lowercased: image1.PNG gives Extension="png"."""
        from docx.opc.packuri import PackURI as DocxPackURI
        from docx.opc.pkgwriter import _ContentTypesItem as DocxTypes
        from pptx.opc.serialized import _ContentTypesItem as PptxTypes

        class Named:
            def __init__(self, partname, content_type):
                self.partname, self.content_type = partname, content_type
        names = [("/word/media/image1.PNG", "image/png"), ("/word/media/image2.Jpeg", "image/jpeg")]
        if library == "docx":
            theirs = DocxTypes.from_parts([Named(DocxPackURI(n), t) for n, t in names]).blob
            kind = docx_package.WordPart
        else:
            theirs = serialize_part_xml(PptxTypes.xml_for([Named(PackURI(n), t) for n, t in names]))
            kind = office_package.Part
        assert office_package._content_types([kind(n, t) for n, t in names], kind.DEFAULT_TYPES) == theirs

    def it_adds_a_picture_as_python_docx_does(self):
        theirs, base = docx.Document(), docx.Document()
        run = theirs.add_paragraph().add_run()
        run.add_picture(io.BytesIO(_png()), width=DocxPt(20), height=DocxPt(10))
        word = docx_package.Word.adopt(base)
        p = docx_xml.element("w:p")
        image = Image(Path("logo.png"), "png", (4, 2), _png())
        ours = docx_pictures.picture_run(p, image, docx_xml.pt(20), docx_xml.pt(10), theirs.part.next_id - 1,
                                         word.part, word)
        docx_pictures.picture_run(p, image, docx_xml.pt(20), docx_xml.pt(10), 1, word.part, word)  # one part
        assert _shape(ours) == _shape(run.element)
        base_parts = [part.partname for part in base.part.package.iter_parts()]
        assert [part.partname for part in office_package.reached(word.package.rels)
                if part.partname not in base_parts] == [str(p.partname) for p in theirs.part.package.iter_parts()
                                                        if p.partname not in base_parts]

    def it_numbers_a_new_picture_after_a_gap_as_python_docx_does(self):
        """A base whose pictures are image1 and image3 (image2 dropped): a new picture takes the first free number,
        one already there is reused."""
        from PIL import Image as PILImage

        def png(colour: str) -> bytes:
            out = io.BytesIO()
            PILImage.new("RGB", (4, 2), colour).save(out, "PNG")
            return out.getvalue()
        made = docx.Document()
        for colour in ("red", "green", "blue"):
            made.add_paragraph().add_run().add_picture(io.BytesIO(png(colour)), width=DocxPt(20))
        dropped = next(rid for rid, rel in made.part.rels.items() if rel.target_ref.endswith("image2.png"))
        made.element.body.remove(made.element.body[1])  # the paragraph holding image2
        del made.part.rels[dropped]
        saved = io.BytesIO()
        made.save(saved)
        theirs, ours = docx.Document(io.BytesIO(saved.getvalue())), docx_package.Word.adopt(
            docx.Document(io.BytesIO(saved.getvalue())))
        assert sorted(part.partname for part in ours.images) == ["/word/media/image1.png", "/word/media/image3.png"]
        for colour in ("yellow", "blue", "black"):
            theirs.add_paragraph().add_run().add_picture(io.BytesIO(png(colour)), width=DocxPt(20))
            ours_part = docx_pictures._image_part(ours, Image(Path("x.png"), "png", (4, 2), png(colour)))
            assert ours_part.partname == str(theirs.part.package.image_parts._get_by_sha1(
                hashlib.sha1(png(colour)).hexdigest()).partname)

    def it_adds_a_header_and_a_footer_as_python_docx_does(self):
        theirs, base = docx.Document(), docx.Document()
        section = theirs.sections[-1]
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        for story in (section.header, section.footer):
            for child in list(story.part.element):
                story.part.element.remove(child)
        word = docx_package.Word.adopt(base)
        sect_pr = word.body.find(qn("w:sectPr"))
        docx_page._story(word, sect_pr, "w:headerReference", DOCX_RT.HEADER, docx_xml.HEADER_TYPE,
                         "/word/header%d.xml", "hdr")
        docx_page._story(word, sect_pr, "w:footerReference", DOCX_RT.FOOTER, docx_xml.FOOTER_TYPE,
                         "/word/footer%d.xml", "ftr")
        assert [(name, _bytes_of(entry)) for name, entry in docx_package.entries(word)] == _saved(theirs)

    @given(st.lists(st.sampled_from(["keep", "loose", "before", "after", "indent", "left", "stop", "centre",
                                     "clear"]), max_size=8))
    def it_formats_a_paragraph_as_python_docx_does(self, steps):
        from docx.enum.text import WD_TAB_ALIGNMENT
        theirs = docx.Document().add_paragraph("Text")
        ours = docx_xml.element("w:p")
        for n, step in enumerate(steps):
            format_ = theirs.paragraph_format
            length = docx_xml.pt(3 * n + 1.5)
            if step in ("keep", "loose"):
                format_.keep_with_next = step == "keep"
                docx_formatting.keep_with_next(ours, step == "keep")
            elif step in ("before", "after"):
                setattr(format_, f"space_{step}", DocxPt(3 * n + 1.5))
                docx_formatting.spacing(ours, **{step: length})
            elif step == "indent":
                format_.left_indent, format_.first_line_indent = DocxPt(3 * n + 1.5), DocxPt(0)
                docx_formatting.indent(ours, left=length, first_line=docx_xml.pt(0))
            elif step == "left":
                format_.alignment = 0
                docx_formatting.align(ours, "left")
            else:
                alignment = {"stop": "LEFT", "centre": "CENTER", "clear": "CLEAR"}[step]
                format_.tab_stops.add_tab_stop(DocxPt(3 * n + 1.5), getattr(WD_TAB_ALIGNMENT, alignment))
                docx_formatting.tab_stop(ours, length, {"stop": "left", "centre": "center", "clear": "clear"}[step])
        ours.append(etree.fromstring(etree.tostring(docx_internals.paragraph_element(theirs)[-1])))  # the run
        assert _shape(ours) == _shape(docx_internals.paragraph_element(theirs))

    @given(st.lists(st.tuples(st.integers(0, 12000), st.sampled_from(["LEFT", "CENTER", "RIGHT", "CLEAR"])),
                    max_size=8))
    def it_adds_tab_stops_in_any_order_as_python_docx_does(self, stops):
        from docx.enum.text import WD_TAB_ALIGNMENT
        theirs = docx.Document().add_paragraph()
        ours = docx_xml.element("w:p")
        for twips, alignment in stops:
            theirs.paragraph_format.tab_stops.add_tab_stop(docx.shared.Twips(twips),
                                                           getattr(WD_TAB_ALIGNMENT, alignment))
            docx_formatting.tab_stop(ours, docx_xml.Length(twips * docx_xml.EMU_PER_TWIP), alignment.lower())
        assert _shape(ours) == _shape(docx_internals.paragraph_element(theirs))

    @given(st.booleans(), st.lists(st.sampled_from(["size", "margins", "header", "footer"]), max_size=6))
    def it_adds_section_properties_in_any_order_as_python_docx_does(self, bare, steps):
        from docx.enum.section import WD_HEADER_FOOTER
        theirs = docx.Document().sections[-1]._sectPr
        if bare:
            for child in list(theirs):
                theirs.remove(child)
        ours = docx_xml.parsed(etree.tostring(theirs))
        for n, step in enumerate(steps):
            if step in ("size", "margins"):
                tag = {"size": "w:pgSz", "margins": "w:pgMar"}[step]
                getattr(theirs, {"size": "get_or_add_pgSz", "margins": "get_or_add_pgMar"}[step])()
                docx_formatting.section_property(ours, tag)
            else:
                getattr(theirs, f"add_{step}Reference")(WD_HEADER_FOOTER.PRIMARY, f"rId{n + 10}")
                docx_formatting.section_reference(ours, f"w:{step}Reference", "default", f"rId{n + 10}")
        assert _shape(ours) == _shape(theirs)

    @pytest.mark.parametrize("margins", [{}, {"top": "1417.5", "left": "1in"}, {"bottom": "900", "right": "2cm"}])
    @pytest.mark.parametrize("size", [None, ("12240", "15840"), ("11906", None)])
    @pytest.mark.parametrize("asked", [False, True])
    def it_sets_up_a_partial_reference_as_python_docx_did(self, margins, size, asked):
        """A reference with some of its page size and margins (fractional or with units), and a paper asked on
        the command line or not: set_up gives the section and the text width f0ccd47 gave through python-docx."""
        from docx.enum.section import WD_ORIENTATION
        theme = load_theme()
        if asked:
            theme = theme.with_paper("Letter")
        theirs, base = docx.Document(), docx.Document()
        for word in (theirs, base):
            section = word.sections[-1]._sectPr
            for child in list(section):
                section.remove(child)
            if size:
                element = docx_xml.element("w:pgSz")
                element.set(qn("w:w"), size[0])
                if size[1]:
                    element.set(qn("w:h"), size[1])
                section.append(element)
            if margins:
                element = docx_xml.element("w:pgMar")
                for side, value in margins.items():
                    element.set(qn(f"w:{side}"), value)
                section.append(element)
        # f0ccd47's set_up, through python-docx's Section.
        section, page = theirs.sections[-1], theme.page
        if page.asked or section.page_width is None or section.page_height is None:
            section.orientation = WD_ORIENTATION.PORTRAIT
            section.page_width, section.page_height = (DocxPt(v) for v in page.size_pt)
        sides = {"top_margin": page.margin_top_mm, "bottom_margin": page.margin_bottom_mm,
                 "left_margin": page.margin_left_mm, "right_margin": page.margin_right_mm}
        unset = [name for name in sides if getattr(section, name) is None]
        for name in unset:
            setattr(section, name, DocxMm(sides[name]))
        if unset:
            section.header_distance, section.footer_distance = DocxMm(10), DocxMm(9)
        word = docx_package.Word.adopt(base)
        width, _ = docx_page.set_up(word, theme, reference=True)
        assert etree.tostring(word.body.find(qn("w:sectPr"))) == etree.tostring(section._sectPr)
        assert width == section.page_width - section.left_margin - section.right_margin

    @pytest.mark.parametrize("reference", ["python-docx", "bare"])
    def it_sets_up_a_page_as_python_docx_does(self, reference):
        theme = load_theme()
        theirs, base = docx.Document(), docx.Document()
        for word in (theirs, base):
            if reference == "bare":  # a section without its size or margins, as pandoc's reference has
                for child in list(word.sections[-1]._sectPr):
                    word.sections[-1]._sectPr.remove(child)
        section = theirs.sections[-1]
        section.orientation = 0
        section.page_width, section.page_height = (DocxPt(v) for v in theme.page.size_pt)
        section.top_margin, section.bottom_margin = DocxMm(theme.page.margin_top_mm), DocxMm(theme.page.margin_bottom_mm)
        section.left_margin, section.right_margin = (DocxMm(theme.page.margin_left_mm),
                                                     DocxMm(theme.page.margin_right_mm))
        section.header_distance, section.footer_distance = DocxMm(10), DocxMm(9)
        word = docx_package.Word.adopt(base)
        width, notes = docx_page.set_up(word, theme, reference=reference == "bare")
        assert etree.tostring(word.body.find(qn("w:sectPr"))) == etree.tostring(section._sectPr)
        assert width == section.page_width - section.left_margin - section.right_margin


    @pytest.mark.parametrize("ours, theirs", [("PARAGRAPH_SEQUENCE", "CT_PPr"), ("SECTION_SEQUENCE", "CT_SectPr"),
                                              ("SETTINGS_SEQUENCE", "CT_Settings")])
    def it_orders_properties_in_python_docx_sequences(self, ours, theirs):
        import re
        module = {"CT_PPr": "docx.oxml.text.parfmt", "CT_SectPr": "docx.oxml.section",
                  "CT_Settings": "docx.oxml.settings"}[theirs]
        source = inspect.getsource(getattr(importlib.import_module(module), theirs))
        sequence = tuple(re.findall(r'"([^"]+)"', re.search(r"_tag_seq = \((.*?)\)", source, re.S).group(1)))
        assert getattr(docx_formatting, ours) == sequence

    @pytest.mark.parametrize("present", [["w:zoom", "w:defaultTabStop", "w:compat"], ["w:compat", "w:rsids"], [],
                                         ["w:view", "w:proofState"], ["w:listSeparator"]])
    def it_puts_a_settings_flag_where_the_schema_has_it(self, present):
        """w:embedTrueTypeFonts and w:footnotePr go in CT_Settings' order, whichever of the others a base has
        (a reference's settings may lack w:defaultTabStop and everything near it)."""
        from briefgen.render.docx import embedded_fonts, footnotes
        word = docx_package.Word.adopt(docx.Document())
        settings = word.settings
        for child in list(settings):
            settings.remove(child)
        for tag in present:
            settings.append(docx_xml.element(tag))
        embedded_fonts.embed(word, {})
        footnotes._separators_in_settings(word)
        order = [docx_xml.qn(tag) for tag in docx_formatting.SETTINGS_SEQUENCE]
        tags = [child.tag for child in settings]
        assert sorted(tags, key=order.index) == tags
        assert len(tags) == len(present) + 2

    def it_puts_a_section_property_where_the_schema_allows_in_an_out_of_order_section(self):
        """A reference's w:sectPr with w:cols before w:pgMar and no w:pgSz: the w:pgSz goes before both (the
        schema's order), where python-docx would put it between them (before the first later tag it finds, in
        the schema's order)."""
        from docx.oxml.parser import parse_xml
        xml = (f'<w:sectPr xmlns:w="{docx_xml.NAMESPACES["w"]}"><w:cols w:space="720"/>'
               '<w:pgMar w:top="1440"/><w:docGrid/></w:sectPr>')
        ours, theirs = docx_xml.parsed(xml), parse_xml(xml)
        docx_formatting.section_property(ours, "w:pgSz")
        theirs.get_or_add_pgSz()
        assert [etree.QName(child).localname for child in ours] == ["pgSz", "cols", "pgMar", "docGrid"]
        assert [etree.QName(child).localname for child in theirs] == ["cols", "pgSz", "pgMar", "docGrid"]


def _shape(element) -> tuple:
    """An element as written but for the namespaces its ancestors declare: tags, attributes in order, text (read
    again as plain lxml elements: python-docx's give ``text`` a meaning of their own)."""
    def shape(plain) -> tuple:
        return plain.tag, list(plain.attrib.items()), plain.text, plain.tail, [shape(child) for child in plain]
    return shape(etree.fromstring(etree.tostring(element)))


class DescribeOurDocxNames:
    """docx_xml, the Word writer's names, are python-docx's; and what it reads of python-docx without importing it."""

    def it_names_types_and_namespaces_as_python_docx_does(self):
        from docx.opc.constants import CONTENT_TYPE as DOCX_CT
        from docx.opc.spec import default_content_types as docx_default_types
        from docx.oxml.ns import nsmap
        named = {prefix: uri for prefix, uri in docx_xml.NAMESPACES.items() if prefix in nsmap}
        assert {prefix: nsmap[prefix] for prefix in named} == named
        assert set(docx_xml.NAMESPACES) - set(named) == {"wps", "wpg", "v", "o", "w10"}  # Word's own, not python-docx's
        for ours, theirs in ((docx_xml.FOOTNOTES_TYPE, DOCX_CT.WML_FOOTNOTES), (docx_xml.HEADER_TYPE, DOCX_CT.WML_HEADER),
                             (docx_xml.FOOTER_TYPE, DOCX_CT.WML_FOOTER),
                             (docx_xml.FONT_TABLE_TYPE, DOCX_CT.WML_FONT_TABLE),
                             (docx_xml.EXTENDED_PROPERTIES_TYPE, DOCX_CT.OFC_EXTENDED_PROPERTIES)):
            assert ours == theirs
        for name in ("SETTINGS", "STYLES", "FOOTNOTES", "HEADER", "FOOTER", "FONT_TABLE", "FONT",
                     "HYPERLINK", "IMAGE", "OFFICE_DOCUMENT", "EXTENDED_PROPERTIES", "CUSTOM_XML", "CORE_PROPERTIES",
                     "THUMBNAIL"):
            assert getattr(docx_xml, name) == getattr(DOCX_RT, name)
        assert docx_package.WordPart.DEFAULT_TYPES == frozenset(docx_default_types)
        assert {f: types for f, types in docx_pictures.IMAGE_TYPES.items()} == {"png": ("png", DOCX_CT.PNG),
                                                                                 "jpeg": ("jpg", DOCX_CT.JPEG)}

    def it_parses_and_writes_a_part_as_python_docx_does(self):
        from docx.oxml.parser import parse_xml
        word = docx.Document()
        for part in (word.part, word.part.part_related_by(DOCX_RT.STYLES)):
            assert docx_xml.serialized(docx_xml.parsed(part.blob)) == part.blob
            assert docx_xml.serialized(docx_xml.parsed(part.blob)) == docx_xml.serialized(parse_xml(part.blob))

    @given(st.floats(min_value=0, max_value=2000, allow_nan=False))
    def it_measures_as_python_docx_does(self, points):
        assert docx_xml.pt(points) == DocxPt(points) and docx_xml.pt(points).twips == DocxPt(points).twips
        assert docx_xml.pt(points).pt == DocxPt(points).pt and docx_xml.mm(points) == DocxMm(points)

    @given(st.one_of(
        st.integers(-10**7, 10**7).map(str),
        st.decimals(-10**6, 10**6, allow_nan=False, allow_infinity=False, places=4).map(str),
        st.floats(-1e6, 1e6, allow_nan=False).map(str),  # "1417.5", "1e-05", "-0.0"
        st.tuples(st.integers(-99, 99), st.integers(-5, 5)).map(lambda m: f"{m[0]}e{m[1]}"),  # "144e1"
        st.tuples(st.decimals(-1000, 1000, places=3, allow_nan=False, allow_infinity=False),
                  st.sampled_from(["mm", "cm", "in", "pt", "pc", "pi", "em", "px"])).map(lambda m: f"{m[0]}{m[1]}"),
        st.text(alphabet="0123456789.e-+impn", max_size=6)))
    def it_reads_a_length_as_python_docx_reads_a_signed_twips_measure(self, value):
        from docx.oxml.simpletypes import ST_SignedTwipsMeasure, ST_TwipsMeasure
        try:
            theirs = ST_SignedTwipsMeasure.convert_from_xml(value)
        except (ValueError, KeyError, OverflowError):
            with pytest.raises((ValueError, OverflowError)):
                docx_xml.measure(value)
            return
        assert docx_xml.measure(value) == theirs
        try:  # where python-docx reads a page's size or a side margin (unsigned, whole twips), the same
            assert docx_xml.measure(value) == ST_TwipsMeasure.convert_from_xml(value)
        except (ValueError, KeyError):
            pass

    def it_reads_the_python_docx_version_it_says(self):
        assert docx_prepared.python_docx_version() == docx.__version__

    def it_fills_the_core_properties_as_python_docx_does(self):
        theirs = docx.Document()
        part = theirs.part.package.part_related_by(DOCX_RT.CORE_PROPERTIES)  # python-docx's template's
        ours = core_properties.CoreProperties(part.blob)
        about = properties_of(load(NRF), labels("en"))
        when = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
        core_properties.stamp(theirs.core_properties, about, when)
        core_properties.stamp(ours, about, when)
        assert ours.blob == part.blob


def _bytes_of(entry: bytes | Callable[[BinaryIO], None]) -> bytes:
    """An entry's bytes, whether given whole or written into a stream."""
    if isinstance(entry, bytes):
        return entry
    stream = io.BytesIO()
    entry(stream)
    return stream.getvalue()


class DescribeOurPptxNames:
    """pptx_xml and core_properties write what python-pptx writes, without importing it."""

    def it_names_types_and_namespaces_as_python_pptx_does(self):
        assert pptx_xml.SLIDE_TYPE == CT.PML_SLIDE and pptx_xml.NOTES_SLIDE_TYPE == CT.PML_NOTES_SLIDE
        assert pptx_xml.SLIDE_MASTER_TYPE == CT.PML_SLIDE_MASTER
        assert pptx_xml.IMAGE_TYPES == {"png": ("png", CT.PNG), "jpeg": ("jpg", CT.JPEG)}
        assert pptx_xml.FONT_DATA_TYPE == CT.X_FONTDATA
        for ours, theirs in ((pptx_xml.SLIDE_LAYOUT, RT.SLIDE_LAYOUT), (pptx_xml.SLIDE, RT.SLIDE),
                             (pptx_xml.IMAGE, RT.IMAGE), (pptx_xml.HYPERLINK, RT.HYPERLINK), (pptx_xml.FONT, RT.FONT),
                             (pptx_xml.NOTES_MASTER, RT.NOTES_MASTER), (pptx_xml.NOTES_SLIDE, RT.NOTES_SLIDE),
                             (pptx_xml.CORE_PROPERTIES, RT.CORE_PROPERTIES),
                             (pptx_xml.EXTENDED_PROPERTIES, RT.EXTENDED_PROPERTIES)):
            assert ours == theirs
        for prefix in pptx_xml.NAMESPACES:
            assert pptx_xml.qn(f"{prefix}:x") == qn(f"{prefix}:x")
        assert office_package.Part.DEFAULT_TYPES == frozenset(default_content_types)

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
        ours = core_properties.CoreProperties(blob)
        core_properties.stamp(theirs, about, when)
        core_properties.stamp(ours, about, when)
        assert ours.blob == theirs.blob


class DescribeReportlabInternals:
    def it_copies_the_page_frame_as_deepcopy_does_in_a_keep_with_next_measure(self):
        # reportlab measures a keep-with-next group on a deep copy of the page's frame (flowables._listWrapOn).
        import copy

        from reportlab.pdfgen.canvas import Canvas
        from reportlab.platypus import Frame, Spacer
        from reportlab.platypus.flowables import _listWrapOn

        from briefgen.render.pdf.internals import BodyFrame

        ours, theirs = BodyFrame(50, 60, 400, 700, id="body"), Frame(50, 60, 400, 700, id="body")
        canvas = Canvas(io.BytesIO())
        for frame in (ours, theirs):
            frame.add(Spacer(10, 123.5), canvas)
            frame._frameBGs = [("a background", [1, 2])]  # a list inside a list: copied, not shared
            frame._generated_content = [Spacer(1, 1)]
        copied = copy.deepcopy(ours)
        generic = copy.deepcopy(theirs)
        assert type(copied) is BodyFrame and copied is not ours
        assert {k: v for k, v in vars(copied).items() if k != "_generated_content"} == {
            k: v for k, v in vars(generic).items() if k != "_generated_content"}
        assert copied._frameBGs[0][1] is not ours._frameBGs[0][1]
        assert copied._generated_content[0] is not ours._generated_content[0]
        assert "__deepcopy__" in vars(BodyFrame)  # what reportlab's copy meets
        document = type("Document", (), {"frame": ours})()
        canvas._doctemplate = document
        assert _listWrapOn([Spacer(10, 20), Spacer(10, 30)], 400, canvas) == (10, 50)
        assert document.frame is ours and ours._y == theirs._y

    def it_breaks_lines_as_reportlab_does_and_keeps_them(self):
        style = getSampleStyleSheet()["BodyText"]
        text = "A paragraph long enough to break over several lines at this width, " * 4
        ours, theirs = pdf_paragraph.Paragraph(text, style), PlatypusParagraph(text, style)
        assert ours.wrap(120, 800) == theirs.wrap(120, 800)
        assert ours.wrap(300, 800) == theirs.wrap(300, 800)
        assert ours.wrap(120, 800) == theirs.wrap(120, 800)  # from what it kept
        assert ours.blPara.lines == theirs.blPara.lines
        assert [p.wrap(120, 800) for p in ours.split(120, 40)] == [p.wrap(120, 800) for p in theirs.split(120, 40)]

    def it_ends_a_split_part_as_reportlab_does_and_leaves_the_paragraph_as_it_was(self):
        style = getSampleStyleSheet()["BodyText"]
        word = "extra\xadordinarily\xadlong\xadword"  # soft hyphens: a line may end in a hyphenated piece
        text = " ".join(f"<b>{word}</b> plain" if i % 3 == 0 else word for i in range(30))
        ours, theirs = pdf_paragraph.Paragraph(text, style), PlatypusParagraph(text, style)
        assert ours.wrap(60, 800) == theirs.wrap(60, 800)
        own_words = [type(f) for f in ours.frags]

        def shown(parts) -> list:
            return [[(type(f).__name__, f[0], [t for _, t in f[1:]]) for f in part.frags] for part in parts]
        our_parts, their_parts = ours.split(60, 32), theirs.split(60, 32)
        assert type(their_parts[0].frags[-1]).__name__ == "_SHYWordHS"  # the word reportlab marks as ending a part
        assert shown(our_parts) == shown(their_parts)
        assert [p.wrap(60, 800) for p in our_parts] == [p.wrap(60, 800) for p in their_parts]
        assert [type(f) for f in ours.frags] == own_words

    def it_ends_a_line_where_the_markup_allows_inside_a_word_and_draws_the_word_whole_elsewhere(self):
        style = getSampleStyleSheet()["BodyText"]
        parts = ["https://example.org/", "research/", "briefs/", "2022/", "secessionist-currents"]
        markup = "See " + LINE_MAY_END.join(parts) + " now."
        ours, theirs = pdf_paragraph.Paragraph(markup, style), PlatypusParagraph(markup, style)
        ours.wrap(130, 800)
        theirs.wrap(130, 800)
        texts = ["".join(word.text for word in line.words) for line in ours.blPara.lines]
        assert texts == ["See https://example.org/", "research/briefs/2022/", "secessionist-currents now."]
        # reportlab alone reads the <onDraw>s as part of one word, which it cuts between any two characters.
        theirs_texts = ["".join(word.text for word in line.words) for line in theirs.blPara.lines]
        assert not all(text.endswith(("/", " ")) for text in theirs_texts[:-1]), theirs_texts
        # Where no line ends, the parts are one text again, as they were drawn before they had places to end.
        ours.wrap(600, 800)
        [line] = ours.blPara.lines
        assert [word.text for word in line.words if word.text] == ["See " + "".join(parts) + " now."]

    def it_cuts_a_word_longer_than_its_line_as_reportlab_does_each_piece_ending_where_a_line_may(self):
        style = getSampleStyleSheet()["BodyText"]
        markup = "A <b>" + "long" * 30 + "</b> word"
        ours, theirs = pdf_paragraph.Paragraph(markup, style), PlatypusParagraph(markup, style)
        assert ours.wrap(100, 800) == theirs.wrap(100, 800)
        def shown(paragraph) -> list:
            return [[(w.fontName, w.text) for w in line.words if w.text] for line in paragraph.blPara.lines]
        assert shown(ours) == shown(theirs)
        # A line that ends inside the word ends at a place to end (then reportlab's forced break), drawn as no space.
        for line in ours.blPara.lines[:-1]:
            last = max(n for n, word in enumerate(line.words) if word.text)
            assert [getattr(w, "cbDefn", None) and w.cbDefn.name for w in line.words[last + 1:]][:1] == [word_breaks.NAME]

    def it_reads_what_line_breaking_leaves(self):
        style = getSampleStyleSheet()["BodyText"]
        paragraph = PlatypusParagraph("Some words and a " + "long" * 30 + " word", style)
        paragraph.wrap(100, 800)
        widest, cut = pdf_internals.line_counts(paragraph)
        assert widest == max(paragraph.getActualLineWidths0()) and cut == 1
        pdf_internals.set_line_counts(paragraph, 12.5, 3)
        assert pdf_internals.line_counts(paragraph) == (12.5, 3)

    def it_leaves_a_built_document_open(self):
        out = io.BytesIO()
        template = SimpleDocTemplate(out)
        pdf_internals.leave_open(template)
        template.build([PlatypusParagraph("Text", getSampleStyleSheet()["BodyText"])])
        assert out.getvalue() == b""
        template.canv.save()
        assert out.getvalue().startswith(b"%PDF")

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

    @pytest.mark.parametrize("path", FONTS[:1], ids=lambda p: p.name)
    def it_encodes_and_embeds_text_as_reportlab_does_its_subsets_kept(self, path: Path, monkeypatch):
        # Ours encodes a text whose characters all have their codes at once, and keeps each subset's font file
        # for the next document; reportlab's does neither. Past 256 characters, a second subset is made.
        shown = sorted(TTFont("Face", str(path)).face.charToGlyph)
        texts = ["Plain ASCII first", "caf\u00e9 \u201cquoted\u201d\u00a0\u2013 no\u2011break", "Plain ASCII again",
                 "".join(map(chr, shown[:600])), "caf\u00e9 again \u2013", "\u6f22 lacks a glyph", ""]

        def written(font: TTFont) -> bytes:
            # registerFont keeps the first font registered for a face: set in the registry, each is used
            monkeypatch.setitem(pdfmetrics._fonts, "Same", font)
            canvas = Canvas(io.BytesIO(), invariant=1)
            for n, text in enumerate(texts):
                canvas.setFont("Same", 10)
                canvas.drawString(10, 10 + n * 12, text)
                if n == 2:
                    canvas.showPage()
            return canvas.getpdfdata()
        ours = pdf_internals.TrueTypeFont("Same", str(path))
        theirs = written(TTFont("Same", str(path)))
        assert written(ours) == theirs
        assert ours.face._subsets and ours.face._widths, "no subset, or no subset's widths, was kept"
        assert written(ours) == theirs  # the kept subsets, again

    def it_saves_into_the_canvas_file_the_bytes_reportlabs_save_writes(self):
        def drawn(out: io.BytesIO) -> Canvas:
            canvas = Canvas(out, invariant=1)
            canvas.drawString(72, 720, "A page")
            canvas.linkURL("https://example.org", (72, 700, 200, 730))
            canvas.showPage()
            canvas.drawString(72, 720, "Another")
            canvas.showPage()
            return canvas

        theirs, ours = io.BytesIO(), io.BytesIO()
        drawn(theirs).save()
        pdf_internals.save(drawn(ours))
        assert ours.getvalue() == theirs.getvalue() and theirs.getvalue().startswith(b"%PDF")

    @given(st.lists(st.one_of(st.integers(-5000, 5000), st.floats(-5000, 5000, allow_nan=False)), max_size=300))
    def it_writes_a_subsets_widths_as_reportlab_formats_them_once_kept(self, widths: list[float]):
        face = pdf_internals.TrueTypeFont("Face", str(FONTS[0])).face
        document = Canvas(io.BytesIO())._doc
        theirs = PDFArray(widths).format(document)
        assert face.widths(PDFArray(widths), document).format(document) == theirs
        assert face.widths(PDFArray(list(widths)), document).format(document) == theirs  # kept

    @pytest.mark.parametrize("contents", [None, "", "Read the (full) note"])
    def it_writes_a_link_as_linkurl_and_linkrect_write_it(self, contents):
        def drawn(link: Callable[[Canvas, str, tuple, str], None]) -> bytes:
            out = io.BytesIO()
            canvas = Canvas(out, invariant=1)
            canvas.translate(10, 20)  # a rectangle given relative to the current transform
            canvas.bookmarkPage("note")
            for number, (kind, rect, target) in enumerate([("url", (72, 700, 200, 730), "https://example.org/a(b)"),
                                                           ("rect", (72, 600, 90.5, 612.25), "note")]):
                link(canvas, kind, rect, target)
                pdf_internals.set_link_entries(pdf_internals.last_annotation(canvas), 7 + number, contents)
            link(canvas, "url", (1, 2, 3, 4), "https://example.org/unentered")  # one given no entries
            canvas.showPage()
            canvas.save()
            return out.getvalue()

        def theirs(canvas, kind, rect, target):
            if kind == "url":
                canvas.linkURL(target, rect, relative=1, kind="URI")
            else:
                canvas.linkRect("", target, rect, relative=1)

        def ours(canvas, kind, rect, target):
            pdf_internals.add_link(canvas, rect, 1, **({"url": target} if kind == "url" else {"destination_name": target}))

        written = drawn(theirs)
        assert drawn(ours) == written and written.count(b"/URI (") == 2 and b"/Dest [" in written

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


class DescribeTheFences:
    """Only render/{docx,pptx,pdf}/internals.py touch python-docx's, python-pptx's or reportlab's private names.

    Read from the source: importing a private name from a library (or one a fence imported
    from it), reading or setting an attribute (or ``getattr``-ing a name) that is private and
    that the project does not define, and, in a class built on a library's class, using or
    overriding a private name that class already has. Private names of other modules
    (``os._exit``, lxml's ``etree._Element``) are not this test's business.
    """

    def it_finds_private_library_names_only_in_the_fences(self):
        assert _private_uses() == []

    def it_sees_each_kind_of_use(self, tmp_path):
        tmp_path.joinpath("sample.py").write_text(
            "import os\n"
            "from docx.document import _Body\n"
            "from .internals import _SplitWord\n"
            "from reportlab.platypus import Paragraph\n"
            "from briefgen.render.pdf.internals import SplitParagraph\n"
            "class Ours:\n"
            "    def __init__(self):\n"
            "        self._mine = 1\n"
            "class Theirs(Paragraph):\n"
            "    def _get_split_blParaFunc(self):\n"
            "        return self._width_max + self._own\n"
            "    def __init__(self):\n"
            "        self._own = 1\n"
            "class TheirsThroughOurs(SplitParagraph):\n"
            "    def split_processed(self, blPara, start, stop):\n"
            "        return self._splitLongWordCount\n"
            "def f(paragraph, ours, frame):\n"
            "    return paragraph._p, ours._mine, os._exit, getattr(frame, '_atTop'), getattr(ours, '_mine')\n",
            encoding="utf-8")
        found = _private_uses(tmp_path, fences=())
        assert [(line, name) for _, line, name in found] == [
            (2, "_Body"), (3, "_SplitWord"), (10, "_get_split_blParaFunc"), (11, "_width_max"),
            (16, "_splitLongWordCount"), (18, "_atTop"), (18, "_p")]


LIBRARIES = ("docx", "pptx", "reportlab")
FENCES = ("render/docx/internals.py", "render/pptx/internals.py", "render/pdf/internals.py")
_BY_NAME = ("getattr", "setattr", "hasattr", "delattr")


def _is_private(name: str) -> bool:
    """``_name``: not a dunder, nor an enum-style ``_sunder_`` name."""
    return name.startswith("_") and not name.endswith("_")


def _private_uses(root: Path = SOURCE, fences: tuple[str, ...] = FENCES) -> list[tuple[str, int, str]]:
    """(module, line, name) of every use of a library's private name outside ``fences``, under ``root``."""
    package = "briefgen" if root == SOURCE else None
    modules = {path.relative_to(root).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
               for path in sorted(root.rglob("*.py"))}
    owned: set[str] = set()  # private names the project defines: in its modules, and as its classes' members
    classes: dict[ast.ClassDef, set[str]] = {}  # each class: the private names the library classes it is built on have
    for name, tree in modules.items():
        imported = _imported(tree)
        module = _module_name(package, name)
        for node in tree.body:
            owned |= {n for n in _bound(node) if _is_private(n)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes[node] = theirs = _library_names(node, module, imported)
                owned |= {n for n in _members(node) if _is_private(n)} - theirs
    found = []
    for name, tree in modules.items():
        if name in fences:
            continue
        imported = _imported(tree)
        for node, cls in _walk(tree):
            if isinstance(node, ast.ImportFrom):
                library = node.level == 0 and (node.module or "").split(".")[0] in LIBRARIES
                found += [(name, node.lineno, a.name) for a in node.names
                          if _is_private(a.name) and (library or a.name not in owned)]
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and cls is not None:
                if _is_private(node.name) and node.name in classes[cls]:
                    found.append((name, node.lineno, node.name))
            elif isinstance(node, ast.Attribute) and _is_private(node.attr):
                receiver = node.value.id if isinstance(node.value, ast.Name) else None
                if receiver in ("self", "cls") and cls is not None:
                    if node.attr in classes[cls]:
                        found.append((name, node.lineno, node.attr))
                elif receiver in imported and imported[receiver][1]:
                    continue  # a module's own name, e.g. os._exit
                elif node.attr not in owned:
                    found.append((name, node.lineno, node.attr))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _BY_NAME:
                named = node.args[1] if len(node.args) > 1 else None
                if isinstance(named, ast.Constant) and isinstance(named.value, str) and \
                        _is_private(named.value) and named.value not in owned:
                    found.append((name, node.lineno, named.value))
    return sorted(set(found), key=lambda f: (f[0], f[1], f[2]))


def _module_name(package: str | None, path: str) -> str | None:
    """The dotted name of the module at ``path`` in ``package``; None outside an importable package."""
    if package is None:
        return None
    parts = path[:-len(".py")].split("/")
    return ".".join([package, *(parts[:-1] if parts[-1] == "__init__" else parts)])


def _imported(tree: ast.Module) -> dict[str, tuple[str, bool]]:
    """Each name the module imports from outside: (its dotted name, whether it is a module)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                names[a.asname or a.name.split(".")[0]] = (a.name if a.asname else a.name.split(".")[0], True)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            for a in node.names:
                qualified = f"{node.module}.{a.name}"
                names[a.asname or a.name] = (qualified, _is_module(qualified))
    return names


def _is_module(qualified: str) -> bool:
    try:
        return importlib.util.find_spec(qualified) is not None
    except (ImportError, ValueError):
        return False


def _bound(node: ast.stmt) -> set[str]:
    """The names a module- or class-level statement defines."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    targets = (node.targets if isinstance(node, ast.Assign)
               else [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else [])
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _members(cls: ast.ClassDef) -> set[str]:
    """The names a class defines: in its body, and as ``self.name`` / ``cls.name`` set in its methods."""
    names = set().union(*(_bound(node) for node in cls.body))
    for node in ast.walk(cls):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and \
                isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            names.add(node.attr)
    return names


def _library_names(cls: ast.ClassDef, module: str | None, imported: dict[str, tuple[str, bool]]) -> set[str]:
    """The private names of the library classes ``cls`` is built on, directly or through the project's own:
    their members, and the attributes their methods set or read."""
    made = getattr(importlib.import_module(module), cls.name, None) if module else None
    if isinstance(made, type) and made.__qualname__ == cls.name:
        ancestors = made.__mro__
    else:  # a class inside a function, or a module that cannot be imported: its bases as it imports them
        ancestors = []
        for base in cls.bases:
            if isinstance(base, ast.Name) and base.id in imported and not imported[base.id][1]:
                where, _, what = imported[base.id][0].rpartition(".")
                ancestors += getattr(importlib.import_module(where), what).__mro__
    names: set[str] = set()
    for klass in ancestors:
        if klass.__module__.split(".")[0] in LIBRARIES:
            names |= {n for n in vars(klass) if _is_private(n)}
            names |= _attributes_used(inspect.getsourcefile(klass), klass.__qualname__)
    return names


@lru_cache(maxsize=None)
def _attributes_used(path: str, qualname: str) -> frozenset[str]:
    """The private attribute names the class ``qualname`` of the module at ``path`` reads or sets."""
    scope: ast.AST = _parsed(path)
    for part in qualname.split("."):
        scope = next(n for n in ast.iter_child_nodes(scope) if isinstance(n, ast.ClassDef) and n.name == part)
    return frozenset(n.attr for n in ast.walk(scope) if isinstance(n, ast.Attribute) and _is_private(n.attr))


@lru_cache(maxsize=None)
def _parsed(path: str) -> ast.Module:
    return ast.parse(Path(path).read_text(encoding="utf-8"))


def _walk(tree: ast.Module):
    """Every node with the class whose body (or method) it is in, if any."""
    def visit(node, cls):
        yield node, cls
        inner = node if isinstance(node, ast.ClassDef) else cls
        for child in ast.iter_child_nodes(node):
            yield from visit(child, inner)
    yield from visit(tree, None)
