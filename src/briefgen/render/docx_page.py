"""The section of word/document.xml and its header and footer parts: paper, margins, marking and page numbers."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENTATION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, Twips

from ..layout.document import Meta
from ..theme import Theme
from .docx_fields import add_field
from .docx_styles import FOOTER, MARKING, MARKING_LABEL, add_paragraph, add_run

HEADER_DISTANCE = Mm(10)
FOOTER_DISTANCE = Mm(9)


def set_up(document: WordDocument, theme: Theme, *, reference: bool) -> Length:
    """Paper and margins from the theme (a reference document keeps its own); return the text width."""
    section = document.sections[-1]
    if not reference:
        width, height = theme.page.size_pt
        section.orientation = WD_ORIENTATION.PORTRAIT
        section.page_width, section.page_height = Pt(width), Pt(height)
        page = theme.page
        section.top_margin, section.bottom_margin = Mm(page.margin_top_mm), Mm(page.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(page.margin_left_mm), Mm(page.margin_right_mm)
        section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
        section.gutter = 0
    return Length(section.page_width - section.left_margin - section.right_margin)


def running(document: WordDocument, meta: Meta, text_width: Length, pages: int) -> None:
    """One header and one footer for every page: the marking; the short title, "Page X of Y" and the marking."""
    section = document.sections[-1]
    # A first-page or even-page header from a reference document would hide the marking on those pages.
    section.different_first_page_header_footer = False
    sect_pr = section._sectPr
    for tag in ("w:headerReference", "w:footerReference"):
        for ref in sect_pr.findall(qn(tag)):
            if ref.get(qn("w:type")) in ("first", "even"):
                sect_pr.remove(ref)
    for flag in document.settings.element.findall(qn("w:evenAndOddHeaders")):
        document.settings.element.remove(flag)

    header, footer = section.header, section.footer
    header.is_linked_to_previous = False
    footer.is_linked_to_previous = False
    for story in (header, footer):
        for child in list(story._element):
            story._element.remove(child)
    add_paragraph(header, MARKING, meta.marking.value)

    line = add_paragraph(footer, FOOTER)
    stops = line.paragraph_format.tab_stops
    # A reference's Footer style may bring centre and right stops for another page width: clear them.
    for position in document.styles.element.xpath(f'./w:style[@w:styleId="{FOOTER}"]/w:pPr/w:tabs/w:tab/@w:pos'):
        stops.add_tab_stop(Twips(int(position)), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    line.add_run(f"{meta.short_title} \u00b7 Page ")
    add_field(line, "PAGE", "1")
    line.add_run(" of ")
    add_field(line, "NUMPAGES", str(pages))
    # TLP 2.0 asks for the label in the footer as well as the header.
    line.add_run("\t")
    add_run(line, meta.marking.value, MARKING_LABEL)
