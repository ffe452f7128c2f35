"""word/numbering.xml: the list definitions behind List Bullet (bullets) and Key Judgment (1., 2., …).

Word numbers the key judgments itself: a reviewer who inserts one sees the rest renumbered, and
a screen reader announces a list, as the PDF's L and LI tags do.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.parts.numbering import NumberingPart
from lxml.etree import SubElement

from ...typography import Spacing

_VAL = qn("w:val")
_MARKS = {"bullet": ("bullet", "\u2022"), "decimal": ("decimal", "%1.")}  # a kind: its format and its mark's text


def definition(document: WordDocument, kind: str, flow: Spacing) -> int:
    """Add a one-level list definition of ``kind`` (bullet, decimal) indented as ``flow`` says; return the numId
    using it."""
    numbering = numbering_of(document)
    abstract_ids = [int(v) for v in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(abstract_ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum", {qn("w:abstractNumId"): str(abstract_id)})
    SubElement(abstract, qn("w:multiLevelType"), {_VAL: "singleLevel"})
    level = SubElement(abstract, qn("w:lvl"), {qn("w:ilvl"): "0"})
    number_format, text = _MARKS[kind]
    for tag, value in (("start", "1"), ("numFmt", number_format), ("lvlText", text), ("lvlJc", "left")):
        SubElement(level, qn(f"w:{tag}"), {_VAL: value})
    # The text's indent and the mark hanging before it: the list's own, as Word keeps them with the level.
    SubElement(SubElement(level, qn("w:pPr")), qn("w:ind"), {qn("w:left"): str(round(flow.left * 20)),
                                                            qn("w:hanging"): str(round(flow.hanging * 20))})
    # Every w:abstractNum must precede the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return int(numbering.add_num(abstract_id).get(qn("w:numId")))


def numbering_of(document: WordDocument):
    """The document's w:numbering element, adding an empty numbering part if it has none (python-docx cannot)."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, OxmlElement("w:numbering"),
                             document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
        return part.element

