"""The structure tree as PDF objects: StructTreeRoot, elements, ParentTree, IDTree, and the catalogue's marks.

Written once every page is drawn (ISO 32000-1 §14.7, §14.8; PDF/UA-1 §7): each page's
/StructParents and each link annotation's /StructParent key the ParentTree, which maps a
page's MCIDs and an annotation back to their elements; the catalogue says the file is
tagged (/MarkInfo), carries the tree, and its XMP metadata says PDF/UA-1.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObjectReference, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas

from . import internals
from .internals import Dictionary
from .tags import Annotated, Element, Marked, Structure


def write_structure(canvas: Canvas, structure: Structure, metadata: bytes) -> None:
    """Add the structure tree, the marks of a tagged file and the XMP ``metadata`` to the document."""
    structure.root.prune()
    pages = internals.pages(canvas)
    page_refs = [internals.reference(canvas, page) for page in pages]
    root = Dictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = internals.reference(canvas, root)
    elements = structure.root.elements()
    objects = {element: Dictionary({}) for element in elements}
    refs = {element: internals.reference(canvas, objects[element]) for element in elements}

    annotation_refs = {id(a.key): internals.reference(canvas, a.key) for _, a in structure.annotations}
    for element in elements:
        parent = refs[element.parent] if element.parent is not None else root_ref
        objects[element].entries.update(_element(element, parent, refs, page_refs, annotation_refs))

    numbers: list[object] = []
    for index, owners in enumerate(structure.pages):
        numbers += [index, [refs[owner] for owner in owners]]
    for index, (link, annotated) in enumerate(structure.annotations, len(pages)):
        numbers += [index, refs[link]]
        internals.set_link_entries(annotated.key, index, link.contents)
    for index, page in enumerate(pages):
        # Tabs /S: keyboard focus moves through the links in structure order (PDF/UA-1 §7.18.3).
        internals.set_page_entries(page, {"StructParents": index, "Tabs": PDFName("S")})

    root.entries["K"] = refs[structure.root]
    root.entries["ParentTree"] = Dictionary({"Nums": numbers})
    root.entries["ParentTreeNextKey"] = len(pages) + len(structure.annotations)
    identified = sorted((e.id, refs[e]) for e in elements if e.id)
    if identified:
        root.entries["IDTree"] = Dictionary({"Names": [x for i, ref in identified for x in (PDFString(i), ref)]})

    canvas.setCatalogEntry("StructTreeRoot", root_ref)
    canvas.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": "true"}))
    # Uncompressed, as XMP is meant to be found by tools that do not read PDF.
    canvas.setCatalogEntry("Metadata", internals.reference(canvas, PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), metadata)))


def _element(element: Element, parent: PDFObjectReference, refs: dict[Element, PDFObjectReference],
             page_refs: list[PDFObjectReference], annotation_refs: dict[int, PDFObjectReference]) -> dict[str, object]:
    # /Type /StructElem is optional (ISO 32000-1 Table 323) and would be 17 bytes on each of thousands.
    entries: dict[str, object] = {"S": PDFName(element.role), "P": parent}
    first_page = next((k.page for k in _content(element)), None)
    if first_page is not None:
        entries["Pg"] = page_refs[first_page]
    kids: list[object] = []
    for kid in element.kids:
        if isinstance(kid, Element):
            kids.append(refs[kid])
        elif isinstance(kid, Marked):
            kids.append(kid.mcid if kid.page == first_page else Dictionary(
                {"Type": PDFName("MCR"), "Pg": page_refs[kid.page], "MCID": kid.mcid}))
        else:
            kids.append(Dictionary({"Type": PDFName("OBJR"), "Pg": page_refs[kid.page],
                                    "Obj": annotation_refs[id(kid.key)]}))
    entries["K"] = kids[0] if len(kids) == 1 else kids
    for key, value in (("Alt", element.alt), ("ActualText", element.actual_text), ("Lang", element.lang),
                       ("ID", element.id)):
        if value is not None:
            entries[key] = PDFString(value)
    if element.scope is not None:
        entries["A"] = Dictionary({"O": PDFName("Table"), "Scope": PDFName(element.scope)})
    if element.numbering is not None:
        entries["A"] = Dictionary({"O": PDFName("List"), "ListNumbering": PDFName(element.numbering)})
    return entries


def _content(element: Element) -> list[Marked | Annotated]:
    return [k for k in element.kids if not isinstance(k, Element)]
