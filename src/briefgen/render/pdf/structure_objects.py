"""The structure tree as PDF objects: StructTreeRoot, elements, ParentTree, IDTree, and the catalogue's marks.

Written once every page is drawn (ISO 32000-1 §14.7, §14.8; PDF/UA-1 §7): each page's
/StructParents and each link annotation's /StructParent key the ParentTree, which maps a
page's MCIDs and an annotation back to their elements; the catalogue says the file is
tagged (/MarkInfo), carries the tree, and its XMP metadata says PDF/UA-1.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import (PDFDictionary, PDFDocument, PDFName, PDFObject, PDFObjectReference, PDFStream,
                                      PDFString)
from reportlab.pdfgen.canvas import Canvas

from . import internals
from .internals import Dictionary
from .tags import Annotated, Element, Marked, Structure


def write_structure(canvas: Canvas, structure: Structure, metadata: bytes) -> None:
    """Add the structure tree, the marks of a tagged file and the XMP ``metadata`` to the document.

    Each element is numbered now, in reading order, and formatted from the tree only as the file
    is written (``_Formatted``): its dictionary made then is let go once written, where a dictionary
    of PDF objects for each of a dense paragraph's 23,000 links and 50,000 marked sequences, kept
    until the file was written, was 55 MB of the file's peak.
    """
    structure.root.prune()
    pages = internals.pages(canvas)
    root = Dictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = internals.reference(canvas, root)
    tree = _Tree([internals.reference(canvas, page) for page in pages], root_ref)
    elements = structure.root.elements()
    for element in elements:
        tree.names[element] = internals.reference(canvas, _Formatted(tree, element)).name
    for index, (link, annotated) in enumerate(structure.annotations, len(pages)):
        internals.set_link_entries(annotated.key, index, link.contents)
    for index, page in enumerate(pages):
        # Tabs /S: keyboard focus moves through the links in structure order (PDF/UA-1 §7.18.3).
        internals.set_page_entries(page, {"StructParents": index, "Tabs": PDFName("S")})

    root.entries["K"] = tree.reference(structure.root)
    root.entries["ParentTree"] = _ParentTree(tree, structure)
    root.entries["ParentTreeNextKey"] = len(pages) + len(structure.annotations)
    identified = sorted((e.id, tree.reference(e)) for e in elements if e.id)
    if identified:
        root.entries["IDTree"] = Dictionary({"Names": [x for i, ref in identified for x in (PDFString(i), ref)]})

    canvas.setCatalogEntry("StructTreeRoot", root_ref)
    canvas.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": "true"}))
    # Uncompressed, as XMP is meant to be found by tools that do not read PDF.
    canvas.setCatalogEntry("Metadata", internals.reference(canvas, PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), metadata)))


class _Tree:
    """What formatting an element needs besides the element: the pages' references, the root's, and each
    element's name in the document (which numbers it)."""

    def __init__(self, page_refs: list[PDFObjectReference], root_ref: PDFObjectReference):
        self.page_refs, self.root_ref = page_refs, root_ref
        self.names: dict[Element, str] = {}

    def reference(self, element: Element) -> PDFObjectReference:
        return PDFObjectReference(self.names[element])


class _Formatted(PDFObject):
    """A structure element's dictionary, made from the element when the document formats it."""

    __slots__ = ("tree", "element", "__InternalName__")  # no __dict__: one of these for each element

    def __init__(self, tree: _Tree, element: Element):
        self.tree, self.element = tree, element

    def format(self, document: PDFDocument) -> bytes:
        return Dictionary(_element(self.element, self.tree, document)).format(document)


class _ParentTree(PDFObject):
    """The ParentTree's number tree (ISO 32000-1 §14.7.4.4), formatted when the document formats the root: each
    page's MCIDs to the elements that own them, then each link annotation's /StructParent to its Link."""

    def __init__(self, tree: _Tree, structure: Structure):
        self.tree, self.structure = tree, structure

    def format(self, document: PDFDocument) -> bytes:
        # Written as Dictionary writes {"Nums": [...]}, without a reference object for each of its ~100,000 entries.
        numbers, names = document.idToObjectNumberAndVersion, self.tree.names
        pages = self.structure.pages
        entries = [b"%d [%s]" % (index, b" ".join([b"%d %d R" % numbers[names[owner]] for owner in owners]))
                   for index, owners in enumerate(pages)]
        entries += [b"%d %d %d R" % (index, *numbers[names[link]])
                    for index, (link, _) in enumerate(self.structure.annotations, len(pages))]
        return b"<</Nums [" + b" ".join(entries) + b"]>>"


def _element(element: Element, tree: _Tree, document: PDFDocument) -> dict[str, object]:
    # /Type /StructElem is optional (ISO 32000-1 Table 323) and would be 17 bytes on each of thousands.
    page_refs = tree.page_refs
    parent = tree.reference(element.parent) if element.parent is not None else tree.root_ref
    entries: dict[str, object] = {"S": PDFName(element.role), "P": parent}
    first_page = next((k.page for k in _content(element)), None)
    if first_page is not None:
        entries["Pg"] = page_refs[first_page]
    kids: list[object] = []
    for kid in element.kids:
        if isinstance(kid, Element):
            kids.append(tree.reference(kid))
        elif isinstance(kid, Marked):
            kids.append(kid.mcid if kid.page == first_page else Dictionary(
                {"Type": PDFName("MCR"), "Pg": page_refs[kid.page], "MCID": kid.mcid}))
        else:
            kids.append(Dictionary({"Type": PDFName("OBJR"), "Pg": page_refs[kid.page],
                                    "Obj": document.Reference(kid.key)}))
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
