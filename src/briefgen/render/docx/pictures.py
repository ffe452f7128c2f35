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

from ...layout.figures import Figure
from ...theme import Theme
from . import drawing
from .body import Body
from .internals import paragraph_element
from .markers import Mark
from .styles import CAPTION, add_paragraph


def add_figure(body: Body, figure: Figure, theme: Theme, width: Length, mark: Mark) -> None:
    """The picture, as wide as the layout made it (at most the text width), then its caption and credit."""
    shown = min(Pt(figure.width), width)
    paragraph = body.add_paragraph()
    paragraph.alignment = 1  # centred
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(8)  # clear of a table's bottom rule above it
    if figure.image:
        run = paragraph.add_run()
        # Without its metadata; a stream also gives the picture no file name.
        run.add_picture(io.BytesIO(figure.image.data), width=Emu(shown),
                        height=Emu(round(shown * figure.height / figure.width)))
        for doc_pr in run.element.iter(qn("wp:docPr")):
            doc_pr.set("descr", figure.alt)
            doc_pr.set("title", figure.caption)
    else:
        drawn = figure if shown >= Pt(figure.width) else figure.scaled(Length(shown).pt / figure.width)
        paragraph_element(paragraph).append(drawing.figure_run(drawn, body.part.next_id))
    caption = add_paragraph(body, CAPTION, figure.title)
    if figure.credit:
        caption.add_run().add_break()
        caption.add_run(figure.credit).bold = False
    mark(paragraph_element(paragraph), figure.field)
    mark(paragraph_element(caption), figure.field)
