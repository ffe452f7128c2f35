"""The section of word/document.xml and its header and footer parts: paper, margins, marking and page numbers."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENTATION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph

from ...layout.document import PAGE, PAGES, Running
from ...typography import WATERMARK_OPACITY, Role
from ...theme import Theme
from . import pictures, watermark as watermarks
from .fields import add_field
from .internals import paragraph_element
from .styles import FOOTER, HEADER, MARKING_LABEL, add_paragraph, add_run

HEADER_DISTANCE = Mm(10)
FOOTER_DISTANCE = Mm(9)


def set_up(document: WordDocument, theme: Theme, *, reference: bool) -> tuple[Length, list[str]]:
    """Paper and margins; return the text width and what the user should know about them.

    Without a reference document, the theme's paper and margins. A reference keeps its own,
    except that a paper asked for on the command line wins, and what the reference lacks
    (pandoc's default reference.docx has no page size at all) comes from the theme.
    """
    section = document.sections[-1]
    notes: list[str] = []
    page = theme.page
    if not reference:
        _paper(section, theme)
        section.top_margin, section.bottom_margin = Mm(page.margin_top_mm), Mm(page.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(page.margin_left_mm), Mm(page.margin_right_mm)
        section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
        section.gutter = 0
        return _text_width(section), notes
    lacking = []
    if page.asked:
        _paper(section, theme)
    elif section.page_width is None or section.page_height is None:
        _paper(section, theme)
        lacking.append(("page size", f"{page.paper} paper"))
    margins = {"top_margin": page.margin_top_mm, "bottom_margin": page.margin_bottom_mm,
               "left_margin": page.margin_left_mm, "right_margin": page.margin_right_mm}
    unset = [name for name in margins if getattr(section, name) is None]
    for name in unset:
        setattr(section, name, Mm(margins[name]))
    if unset:
        section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
        lacking.append(("margins", "margins"))
    if lacking:
        notes.append(f"the reference document sets no {' or '.join(what for what, _ in lacking)}; "
                     f"using the theme's {' and '.join(used for _, used in lacking)}")
    return _text_width(section), notes


def _paper(section, theme: Theme) -> None:
    width, height = theme.page.size_pt
    section.orientation = WD_ORIENTATION.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)


def _text_width(section) -> Length:
    return Length(section.page_width - section.left_margin - section.right_margin)


def running(document: WordDocument, running: Running, text_width: Length, pages: int, watermark: Role,
            family: str, last_drawing_id: int, *, reference: bool) -> None:
    """One header and one footer for every page, as the layout decided them: text left, page centred, marking right;
    a draft's watermark behind every page, in the ``watermark`` role and the font ``family``. ``last_drawing_id``
    is the largest of the body's drawings' ids (body.Body.last_drawing_id); ``reference``: the styles are a
    reference document's."""
    section = document.sections[-1]
    # A first-page or even-page header from a reference document would hide the marking on those pages.
    section.different_first_page_header_footer = False
    sect_pr = document.element.body.sectPr  # the last section's
    for tag in ("w:headerReference", "w:footerReference"):
        for ref in sect_pr.findall(qn(tag)):
            if ref.get(qn("w:type")) in ("first", "even"):
                sect_pr.remove(ref)
    for flag in document.settings.element.findall(qn("w:evenAndOddHeaders")):
        document.settings.element.remove(flag)

    header, footer = section.header, section.footer
    for story in (header, footer):
        story.is_linked_to_previous = False
        root = story.part.element  # w:hdr or w:ftr
        for child in list(root):
            root.remove(child)

    line = _line(document, header, HEADER, text_width, centre=False, reference=reference)
    if running.logo:  # at the left, the short title at a stop just after it
        pictures.add_logo(line, running.logo, shape_id=last_drawing_id + 1)
        line.paragraph_format.tab_stops.add_tab_stop(Pt(running.logo.width + running.logo.gap))
        line.add_run("\t")
    line.add_run(running.header)
    line.add_run("\t")
    if running.copy:  # a numbered copy: whose it is, just before the marking
        line.add_run(f"{running.copy}  ")
    add_run(line, running.marking.value, MARKING_LABEL)
    if running.watermark:  # anchored in the header, so on every page
        paragraph_element(line).append(watermarks.run(running.watermark, family=family, colour=watermark.colour,
                                                      opacity=WATERMARK_OPACITY))

    line = _line(document, footer, FOOTER, text_width, centre=True, reference=reference)
    line.add_run(running.footer)
    line.add_run("\t")
    for piece in running.page:
        if piece == PAGE:
            add_field(line, "PAGE", "1")
        elif piece == PAGES:
            add_field(line, "NUMPAGES", str(pages))
        else:
            line.add_run(piece)
    line.add_run("\t")
    add_run(line, running.marking.value, MARKING_LABEL)


def _line(document: WordDocument, story, style_id: str, text_width: Length, *, centre: bool,
          reference: bool) -> Paragraph:
    """A header or footer paragraph with a right stop at the text's right edge (and a ``centre`` stop mid-page)."""
    line = add_paragraph(story, style_id)
    stops = line.paragraph_format.tab_stops
    # A reference's Header/Footer style may bring stops for another page width: clear them. Ours set none (their
    # properties are all ours: styles.install), and the styles part is not read (prepared.py).
    style = document.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH) if reference else None
    for stop in style.paragraph_format.tab_stops if style is not None and style.style_id == style_id else ():
        stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
    if centre:
        stops.add_tab_stop(Length(text_width // 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    return line
