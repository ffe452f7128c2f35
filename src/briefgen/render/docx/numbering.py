"""word/numbering.xml: the bullet list definition behind List Bullet."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

W = nsdecls("w")

_LEVEL = {
    "bullet": '<w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>',
}


def definition(document: WordDocument, kind: str) -> int:
    """Add a one-level list definition of ``kind`` (bullet); return the numId that uses it."""
    numbering = numbering_of(document)
    abstract_ids = [int(v) for v in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(abstract_ids, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/>{_LEVEL[kind]}<w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="340" w:hanging="227"/></w:pPr></w:lvl></w:abstractNum>')
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
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(f"<w:numbering {W}/>"),
                             document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
        return part.element
