"""Every use of reportlab's private internals, in one place, for tagging the PDF (see pdf_canvas).

reportlab has no tagged-PDF support and no public way to put an operator inside a text
object, to wrap a page's operators, or to add keys to a page or an annotation dictionary.
Each function here names the one internal it relies on (checked against reportlab 4.x
and 5.x), so that a reportlab upgrade breaks here, loudly, and nowhere else.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFObjectReference, PDFPage, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject


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
