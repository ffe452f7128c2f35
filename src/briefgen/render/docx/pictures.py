"""Layout figures → Word drawings with alt text, followed by their numbered caption.

A drawn figure goes in as native DrawingML (drawing.py): a group of shapes and text boxes that
a reader can edit, and whose words Word finds and LibreOffice's PDF shows. An analyst's own
image goes in as a picture of its own pixels, without its metadata (images.py). The alt text is
the drawing's ``descr``, read aloud by screen readers in Word.
"""

from __future__ import annotations

import io

from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from ...layout.document import Logo
from ...layout.figures import Figure
from ...theme import Theme
from ...typography import typography
from . import drawing
from .body import Body
from .internals import paragraph_element
from .markers import Mark
from .styles import CAPTION, add_paragraph


# Office's mark for a picture a screen reader skips (Alt Text → Mark as decorative), as the deck marks its own.
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def add_logo(paragraph: Paragraph, logo: Logo, shape_id: int) -> None:
    """The logo as an inline picture at the size the layout gave it: its alt text said, or, where the layout
    gave none (a running header repeats it), marked decorative. ``shape_id`` is its drawing's id: the part's own count
    would repeat one of the document's (a header's) or not see them all (the body's, whose blocks are taken out
    of the tree as they are written: body.py)."""
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(logo.image.data), width=Pt(logo.width), height=Pt(logo.height))
    for inline in run.element.iter(qn("wp:inline")):
        # No space around it: LibreOffice reads a missing distance as about 3 mm a side, which pushed the
        # header's short title past the tab stop set just after the logo.
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")
    for doc_pr in run.element.iter(qn("wp:docPr")):
        doc_pr.set("name", "Logo")
        doc_pr.set("id", str(shape_id))
        if logo.alt:
            doc_pr.set("descr", logo.alt)
        else:
            extensions = SubElement(doc_pr, qn("a:extLst"))
            SubElement(SubElement(extensions, qn("a:ext"), uri=DECORATIVE_URI), f"{{{DECORATIVE_NS}}}decorative",
                       nsmap={"adec": DECORATIVE_NS}, val="1")


def add_figure(body: Body, figure: Figure, theme: Theme, width: Length, mark: Mark) -> None:
    """The picture, as wide as the layout made it (at most the text width), where the style table puts figures,
    then its caption and credit."""
    shown = min(Pt(figure.width), width)
    flow = typography(theme).brief.figure.in_word.flow
    paragraph = body.add_paragraph()
    placed = paragraph.paragraph_format
    # Set on the paragraph, not left to Normal's: a reference document's Normal may be centred or indented.
    placed.alignment = 0  # left: the figure's edge at the margin, as the text's and the tables' are
    placed.left_indent, placed.first_line_indent = Pt(flow.left), Pt(0)
    placed.keep_with_next = flow.keep
    placed.space_before = Pt(flow.before)
    if figure.image:
        shape_id = body.next_id  # python-docx's own counts only the blocks the tree still holds
        run = paragraph.add_run()
        # Without its metadata; a stream also gives the picture no file name.
        run.add_picture(io.BytesIO(figure.image.data), width=Emu(shown),
                        height=Emu(round(shown * figure.height / figure.width)))
        for doc_pr in run.element.iter(qn("wp:docPr")):
            doc_pr.set("id", str(shape_id))
            doc_pr.set("name", f"Picture {shape_id}")  # as python-docx names a picture, by its id
            doc_pr.set("descr", figure.alt)
            doc_pr.set("title", figure.caption)
        # python-docx leaves out the space around the picture, and LibreOffice then puts its own 0.32 cm on
        # each side: the picture would sit that far inside the margin.
        for inline in run.element.iter(qn("wp:inline")):
            for side in "TBLR":
                inline.set(f"dist{side}", "0")
    else:
        drawn = figure if shown >= Pt(figure.width) else figure.scaled(Length(shown).pt / figure.width)
        paragraph_element(paragraph).append(drawing.figure_run(drawn, body.next_id))
    caption = add_paragraph(body, CAPTION, figure.title)
    if figure.credit:
        caption.add_run().add_break()
        caption.add_run(figure.credit).bold = False
    mark(paragraph_element(paragraph), figure.field)
    mark(paragraph_element(caption), figure.field)
