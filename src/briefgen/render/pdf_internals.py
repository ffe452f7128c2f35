"""Every use of reportlab's private internals, in one place.

For tagging the PDF (see pdf_canvas): reportlab has no tagged-PDF support and no public way
to put an operator inside a text object, to wrap a page's operators, or to add keys to a
page or an annotation dictionary. For speed and page breaking: the state a paragraph's
``wrap`` leaves (pdf_paragraph keeps it per width), a keep-with-next group that stays on the
page when its start fits, the frame's cursor for bookmarks, and the word and line structures
pdf_paragraph breaks long paragraphs with. Each names the internal it
relies on; pyproject.toml bounds reportlab by the version they were tested with, and
tests/test_library_internals.py fails if a release changes them, here and nowhere else.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFObjectReference, PDFPage, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Frame, KeepTogether
# Line breaking in chunks and cheap splits (pdf_paragraph): how reportlab splits text into words
# and frags into frag words, the classes of a word cut across lines, how it joins the pieces
# of a split's rest again, and the kind of frag a forced line break is.
from reportlab.platypus.paragraph import (_FK_BREAK, _InjectedFrag, _SHYWord, _SHYWordHS,  # noqa: F401
                                          _SplitFrag, _SplitFragHY, _SplitFragLL, _SplitWord, _SplitWordLL,
                                          _getFragWords, _processed_frags, _yieldBLParaWords, split, strip)
from reportlab.rl_config import _FUZZ

# Narrower than this, a paragraph breaks nothing (reportlab's own tolerance).
FUZZ = _FUZZ
# What Paragraph.wrap and its breakLines leave on the paragraph for split and draw to read.
WRAP_STATE = ("width", "height", "blPara", "frags", "_wrapWidths", "_width_max", "_splitLongWordCount",
              "_hyphenations")


def text_operators(text: PDFTextObject) -> list:
    """The operators of a text object not yet drawn, from its opening ``BT``: a live list."""
    return text._code


def page_operators(canvas: Canvas) -> list[str]:
    """The operators of the page (or form) being drawn: a live list, written when the page ends."""
    return canvas._code


def paragraph_text(canvas: Canvas) -> PDFTextObject:
    """The text object a paragraph is filling, while its <onDraw> callback runs."""
    return canvas._curr_tx_info["tx"]


def last_annotation(canvas: Canvas) -> object:
    """The annotation that linkURL or linkRect has just added to the page."""
    document = canvas._doc
    return document.idToObject[document.annotationName(f"NUMBER{canvas._annotationCount}")]


def set_link_entries(annotation: object, struct_parent: int, contents: str | None) -> None:
    """Give a link annotation its /StructParent and /Contents.

    linkURL makes a plain dictionary; linkRect a LinkAnnotation, which writes its own
    /Contents and only the other keys it permits, from its otherkw.
    """
    if isinstance(annotation, PDFDictionary):
        annotation["StructParent"] = struct_parent
        if contents:
            annotation["Contents"] = PDFString(contents)
        return
    annotation.permitted = (*annotation.permitted, "StructParent")
    annotation.otherkw["StructParent"] = struct_parent
    if contents:
        annotation.Contents = contents


def pages(canvas: Canvas) -> list[PDFPage]:
    """The document's finished pages, in order."""
    return canvas._doc.Pages.pages


def set_page_entries(page: PDFPage, entries: dict[str, object]) -> None:
    """Add keys to a page dictionary: a page writes only the keys named in its __NoDefault__."""
    page.__NoDefault__ = [*page.__NoDefault__, *(k for k in entries if k not in page.__NoDefault__)]
    for key, value in entries.items():
        setattr(page, key, value)


def reference(canvas: Canvas, pdf_object: object) -> PDFObjectReference:
    """An indirect reference to ``pdf_object``, adding it to the document if it is new."""
    return canvas._doc.Reference(pdf_object)


class KeptWithNext(KeepTogether):
    """A heading (or a chain of keep-with-next paragraphs) and the block after it.

    reportlab's KeepTogether moves the whole group to the next page when it does not fit,
    which leaves half a page empty before every long table. Here the group stays if the
    heading and the first piece of the next block fit (a table's header and first row,
    a paragraph's first lines); otherwise it starts on the next page, so a heading is
    never left alone at a page foot.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        content = self._content[:]
        frame = getattr(self, "_frame", None)
        if self._H <= available_height or frame is None or getattr(frame, "_atTop", False):
            return content
        *leading, last = content
        used = 0.0
        for index, flowable in enumerate(leading):
            used += flowable.wrap(available_width, available_height)[1] + flowable.getSpaceAfter()
            if index:
                used += flowable.getSpaceBefore()
        room = available_height - used - last.getSpaceBefore()
        if room > 0 and last.split(available_width, room):
            return content
        return [self.FrameBreak(), *content]


def frame_cursor(frame: Frame) -> float:
    """The height at which the frame will place its next flowable."""
    return frame._y
