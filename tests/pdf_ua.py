"""A checker for the machine-checkable rules of PDF/UA-1 (ISO 14289-1) and the Matterhorn Protocol, on pikepdf.

It reads a PDF as any reader would — pikepdf parses the file and its content streams —
and returns every problem it finds, each a sentence naming the rule (Matterhorn Protocol
1.1 checkpoints in brackets, else the clause of ISO 14289-1 or ISO 32000-1) and the place.
It checks what a program can decide:

- the document: /MarkInfo /Marked true, /Lang, DisplayDocTitle, a title, XMP metadata
  with pdfuaid:part 1 and dc:title (06-001..003, 07-001, 11-001);
- the content: every painted thing (text, paths, images, forms) inside exactly one of an
  Artifact or a marked-content sequence with an MCID, never one inside the other, and
  BDC/EMC nested with BT/ET (01-003..005, ISO 32000-1 §14.6);
- the tree: every MCID in the content owned by one element through the ParentTree and
  back, standard structure types only or role-mapped to one (02-001), headings that
  start at H1 and never skip a level going down (14-002, 14-003), tables made of a caption
  and rows of TH and TD with at least one TH and a Scope on each (15-003), lists of LI made
  of Lbl and LBody (16-001..003), a Figure with /Alt (13-004), a Note with a unique /ID
  (19-003, 19-004);
- links: every Link annotation with /Contents, a /StructParent that leads to a Link
  element holding it as an OBJR (28-011, 28-012), and /Tabs /S on its page;
- fonts: every font embedded and with a ToUnicode map (ISO 14289-1 §7.21.4.1, §7.21.7);
- reading order: on every page, the marked content in the order the tree reads it is
  the order it is drawn in, which for a single-column brief is the order it is seen.

What it cannot decide (whether Alt text is meaningful, whether an artifact should have
been content, colour contrast) it does not claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

STANDARD_TYPES = frozenset("""
Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
Figure Formula Form
""".split())
_PAINTING = frozenset("Tj TJ ' \" S s f F f* B B* b b* sh Do BI".split())
_TEXT = frozenset("Tj TJ ' \"".split())


@dataclass
class _Tree:
    """What walking the structure tree found."""

    owners: dict[tuple[int, int], pikepdf.Object] = field(default_factory=dict)  # (page objgen, mcid) → element
    order: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # page objgen → MCIDs in tree order
    annotations: dict[tuple[int, int], pikepdf.Object] = field(default_factory=dict)  # annot objgen → Link element
    headings: list[tuple[int, pikepdf.Object]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def problems(path: Path) -> list[str]:
    """Every PDF/UA-1 rule this checker can decide that the file at ``path`` breaks; empty if none."""
    with pikepdf.open(path) as pdf:
        found = _document(pdf)
        tree_root = pdf.Root.get("/StructTreeRoot")
        if tree_root is None:
            found.append("no structure tree: the file is not tagged (ISO 14289-1 §7.1)")
            tree_root = pikepdf.Dictionary()
        role_map = {str(k): str(v) for k, v in tree_root.get("/RoleMap", {}).items()}
        tree = _Tree()
        _walk(tree_root.get("/K"), None, tree, role_map, found, pdf)
        found += _headings(tree)
        if len(tree.ids) != len(set(tree.ids)):
            found.append("two Note elements share an ID [19-004]")
        parent_tree = _number_tree(tree_root.get("/ParentTree"))
        for number, page in enumerate(pdf.pages, 1):
            found += _page(number, page, tree, parent_tree)
        found += _fonts(pdf)
    return found


def _document(pdf: pikepdf.Pdf) -> list[str]:
    found: list[str] = []
    root = pdf.Root
    if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        found.append("the catalogue's /MarkInfo does not say /Marked true (ISO 14289-1 §7.1)")
    if not str(root.get("/Lang", "")).strip():
        found.append("the catalogue has no /Lang: the natural language is not set [11-001]")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        found.append("DisplayDocTitle is not true: viewers show the file name, not the title [07-001]")
    if not str(pdf.docinfo.get("/Title", "")).strip():
        found.append("the document information has no /Title [06-003]")
    if "/Metadata" not in root:
        found.append("no XMP metadata stream [06-001]")
    else:
        xmp = root.Metadata.read_bytes().decode("utf-8", "replace")
        if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=[\"']1[\"']", xmp):
            found.append("the XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part) [06-002]")
        if "<dc:title>" not in xmp:
            found.append("the XMP metadata has no dc:title [06-003]")
    return found


def _walk(kids: object, element: pikepdf.Object | None, tree: _Tree, role_map: dict[str, str],
          found: list[str], pdf: pikepdf.Pdf) -> None:
    """Visit the kids of ``element`` (None: the tree root) depth first, in reading order."""
    if kids is None:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
            _own(tree, element, element.get("/Pg"), int(kid), found)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            _own(tree, element, kid.get("/Pg", element.get("/Pg")), int(kid.MCID), found)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            tree.annotations[kid.Obj.objgen] = element
        elif isinstance(kid, pikepdf.Dictionary):
            _element(kid, element, tree, role_map, found, pdf)


def _element(element: pikepdf.Object, parent: pikepdf.Object | None, tree: _Tree, role_map: dict[str, str],
             found: list[str], pdf: pikepdf.Pdf) -> None:
    role = _role(element, role_map)
    where = f"{role} element {element.objgen[0]}"
    if role not in STANDARD_TYPES:
        found.append(f"{where}: its type is not a standard structure type nor role-mapped to one [02-001]")
    if role == "Figure" and not str(element.get("/Alt", "")).strip():
        found.append(f"{where}: a Figure without alternate text (/Alt) [13-004]")
    if re.fullmatch(r"H[1-6]", role):
        tree.headings.append((int(role[1]), element))
    if role == "Note":
        if "/ID" not in element:
            found.append(f"{where}: a Note without an /ID [19-003]")
        else:
            tree.ids.append(str(element.ID))
    kinds = [_role(k, role_map) for k in _element_kids(element)]
    if role == "Table":
        rows = [k for k in _element_kids(element) if _role(k, role_map) in ("TR", "THead", "TBody", "TFoot")]
        if len(rows) + kinds.count("Caption") != len(kinds):
            found.append(f"{where}: a Table holds something other than rows and a caption (ISO 32000-1 §14.8.4.3.4)")
        cells = [c for r in rows for c in _cells(r, role_map)]
        if not any(_role(c, role_map) == "TH" for c in cells):
            found.append(f"{where}: a Table without a header cell (TH) (ISO 14289-1 §7.5)")
        for cell in cells:
            if _role(cell, role_map) == "TH" and "/Scope" not in cell.get("/A", {}):
                found.append(f"{where}: a TH without a /Scope [15-003]")
    if role == "TR" and any(k not in ("TH", "TD") for k in kinds):
        found.append(f"{where}: a table row holds something other than TH and TD (ISO 32000-1 §14.8.4.3.4)")
    if role == "L" and any(k not in ("LI", "Caption", "L") for k in kinds):
        found.append(f"{where}: a list holds something other than list items [16-001]")
    if role == "LI" and any(k not in ("Lbl", "LBody") for k in kinds):
        found.append(f"{where}: a list item holds something other than Lbl and LBody [16-002, 16-003]")
    _walk(element.get("/K"), element, tree, role_map, found, pdf)


def _role(element: pikepdf.Object, role_map: dict[str, str]) -> str:
    role = str(element.get("/S", ""))
    seen = set()
    while role in role_map and role not in seen:  # a role map may chain; a cycle stops here
        seen.add(role)
        role = role_map[role]
    return role.lstrip("/")


def _element_kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    listed = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in listed if isinstance(k, pikepdf.Dictionary) and k.get("/Type") not in ("/MCR", "/OBJR")]


def _cells(row: pikepdf.Object, role_map: dict[str, str]) -> list[pikepdf.Object]:
    if _role(row, role_map) == "TR":
        return _element_kids(row)
    return [c for r in _element_kids(row) for c in _element_kids(r)]


def _own(tree: _Tree, element: pikepdf.Object, page: pikepdf.Object | None, mcid: int, found: list[str]) -> None:
    if page is None:
        found.append(f"element {element.objgen[0]} owns MCID {mcid} on no page (/Pg)")
        return
    key = (page.objgen, mcid)
    if key in tree.owners:
        found.append(f"MCID {mcid} of page object {page.objgen[0]} is owned by two elements")
    tree.owners[key] = element
    tree.order.setdefault(page.objgen, []).append(mcid)


def _headings(tree: _Tree) -> list[str]:
    found: list[str] = []
    if tree.headings and tree.headings[0][0] != 1:
        found.append(f"the first heading is H{tree.headings[0][0]}, not H1 [14-002]")
    for (previous, _), (level, element) in zip(tree.headings, tree.headings[1:]):
        if level > previous + 1:
            found.append(f"H{level} (element {element.objgen[0]}) follows H{previous}: a level is skipped [14-003]")
    return found


def _number_tree(node: pikepdf.Object | None) -> dict[int, pikepdf.Object]:
    if node is None:
        return {}
    entries: dict[int, pikepdf.Object] = {}
    nums = node.get("/Nums")
    if nums is not None:
        for index in range(0, len(nums), 2):
            entries[int(nums[index])] = nums[index + 1]
    for kid in node.get("/Kids", []):
        entries.update(_number_tree(kid))
    return entries


def _page(number: int, page: pikepdf.Page, tree: _Tree, parent_tree: dict[int, pikepdf.Object]) -> list[str]:
    found: list[str] = []
    where = f"page {number}"
    drawn = _content(page, where, found)
    key = page.obj.get("/StructParents")
    if drawn and key is None:
        found.append(f"{where}: tagged content but no /StructParents")
    owners = parent_tree.get(int(key), []) if key is not None else []
    for mcid in drawn:
        owner = owners[mcid] if mcid < len(owners) else None
        if owner is None or not isinstance(owner, pikepdf.Dictionary):
            found.append(f"{where}: MCID {mcid} has no element in the ParentTree")
        elif tree.owners.get((page.obj.objgen, mcid)) is None or \
                tree.owners[(page.obj.objgen, mcid)].objgen != owner.objgen:
            found.append(f"{where}: MCID {mcid}'s element in the ParentTree does not hold it")
    in_tree = tree.order.get(page.obj.objgen, [])
    if sorted(in_tree) != sorted(drawn):
        found.append(f"{where}: the tree holds MCIDs {sorted(set(in_tree) ^ set(drawn))} that the page does not draw,"
                     " or the reverse")
    elif in_tree != drawn:
        first = next(i for i, (a, b) in enumerate(zip(in_tree, drawn)) if a != b)
        found.append(f"{where}: the tree reads MCID {in_tree[first]} where the page draws MCID {drawn[first]}:"
                     " reading order is not drawing order")
    annotations = list(page.obj.get("/Annots", []))
    if annotations and page.obj.get("/Tabs") != "/S":
        found.append(f"{where}: annotations but /Tabs is not /S (ISO 14289-1 §7.18.3)")
    for annotation in annotations:
        if annotation.get("/Subtype") != "/Link":
            continue
        label = f"{where}: link annotation {annotation.objgen[0]}"
        if not str(annotation.get("/Contents", "")).strip():
            found.append(f"{label} has no /Contents (alternate description) [28-012]")
        parent = parent_tree.get(int(annotation.get("/StructParent", -1)))
        if parent is None or str(parent.get("/S")) != "/Link":
            found.append(f"{label} has no /StructParent leading to a Link element [28-011]")
        elif tree.annotations.get(annotation.objgen) is None or \
                tree.annotations[annotation.objgen].objgen != parent.objgen:
            found.append(f"{label}: its Link element does not hold it as an OBJR [28-011]")
    return found


def _content(page: pikepdf.Page, where: str, found: list[str]) -> list[int]:
    """The MCIDs the page draws, in order; problems with its marked content go to ``found``."""
    stack: list[tuple[str, int | None]] = []  # open marked content: (tag, mcid)
    text_depth: int | None = None  # len(stack) when BT opened
    drawn: list[int] = []
    unmarked = 0
    for instruction in pikepdf.parse_content_stream(page):
        operator = str(instruction.operator)
        operands = list(instruction.operands) if not isinstance(instruction, pikepdf.ContentStreamInlineImage) else []
        if operator in ("BMC", "BDC"):
            tag = str(operands[0]).lstrip("/")
            mcid = None
            if operator == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
            artifact_open = any(t == "Artifact" for t, _ in stack)
            tagged_open = any(m is not None for _, m in stack)
            if mcid is not None:
                if artifact_open:
                    found.append(f"{where}: tagged content (MCID {mcid}) inside an artifact [01-004]")
                if tagged_open:
                    found.append(f"{where}: MCID {mcid} nested inside another MCID")
                drawn.append(mcid)
            elif tag == "Artifact" and tagged_open:
                found.append(f"{where}: an artifact inside tagged content [01-003]")
            stack.append((tag, mcid))
        elif operator == "EMC":
            if not stack:
                found.append(f"{where}: EMC without an open marked-content sequence")
                continue
            if text_depth is not None and len(stack) <= text_depth:
                found.append(f"{where}: a marked-content sequence opened outside BT ends inside it (§14.6)")
            stack.pop()
        elif operator == "BT":
            text_depth = len(stack)
        elif operator == "ET":
            if text_depth is not None and len(stack) != text_depth:
                found.append(f"{where}: a marked-content sequence opened inside BT is still open at ET (§14.6)")
            text_depth = None
        elif operator in _PAINTING or isinstance(instruction, pikepdf.ContentStreamInlineImage):
            if not any(t == "Artifact" or m is not None for t, m in stack):
                unmarked += 1
    if stack:
        found.append(f"{where}: {len(stack)} marked-content sequence(s) never closed")
    if unmarked:
        found.append(f"{where}: {unmarked} painting operator(s) neither artifact nor tagged content [01-005]")
    return drawn


def _fonts(pdf: pikepdf.Pdf) -> list[str]:
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, 1):
        for font in _page_fonts(page.obj.get("/Resources", {}), set()):
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            name = str(font.get("/BaseFont", "?"))
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                descriptor = font.DescendantFonts[0].get("/FontDescriptor")
            if font.get("/Subtype") != "/Type3" and (descriptor is None or not any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))):
                found.append(f"font {name} (first on page {number}) is not embedded (ISO 14289-1 §7.21.4.1)")
            if "/ToUnicode" not in font:
                found.append(f"font {name} (first on page {number}) has no ToUnicode map (ISO 14289-1 §7.21.7)")
    return found


def _page_fonts(resources: pikepdf.Object, visited: set[tuple[int, int]]) -> list[pikepdf.Object]:
    fonts = list(resources.get("/Font", {}).values())
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in visited:
            visited.add(xobject.objgen)
            fonts += _page_fonts(xobject.get("/Resources", {}), visited)
    return fonts
