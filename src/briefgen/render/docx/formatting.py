"""A paragraph's own formatting (its w:pPr) and its section's (w:sectPr), each property in the schema's place, as
python-docx's paragraph_format and Section write them.

The schema fixes the order of a w:pPr's and a w:sectPr's children, in the sequences python-docx follows
(tests/test_library_internals.py compares them). A new one goes before the first child, in document order,
that the schema puts after it. python-docx instead goes before the first such tag, in schema order, that the
parent has: the same place whenever the children are in the schema's order, as every one python-docx or we
write is. Only a reference's out-of-order w:sectPr tells them apart (w:cols before w:pgMar, no w:pgSz: python-docx
puts the w:pgSz between them, we before both), and there ours is the place the schema allows.
"""

from __future__ import annotations

from ..office.opc import insert
from .xml import Length, element, qn

# CT_PPr's and CT_SectPr's sequences in python-docx.
PARAGRAPH_SEQUENCE = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange")
SECTION_SEQUENCE = (
    "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType",
    "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
# CT_Settings' (word/settings.xml), where embedded_fonts.py and footnotes.py put their flags.
SETTINGS_SEQUENCE = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
    "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
    "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign", "w:attachedTemplate",
    "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
    "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection",
    "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
    "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength",
    "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
    "w:bookFoldPrinting", "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
    "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
    "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator")
_VAL = qn("w:val")
_SECTION_PROPERTIES = frozenset(qn(tag) for tag in SECTION_SEQUENCE)


def later(sequence: tuple[str, ...], name: str) -> frozenset[str]:
    """The tags (as lxml spells them) ``sequence`` puts after ``name``: where opc.insert puts a new ``name``."""
    return frozenset(qn(tag) for tag in sequence[sequence.index(name) + 1:])


def _child(parent, name: str, sequence: tuple[str, ...]):
    """``parent``'s child ``name``, added before the first child (in document order) the schema puts after it if
    it has none."""
    found = parent.find(qn(name))
    if found is not None:
        return found
    made = element(name)
    insert(parent, made, later(sequence, name))
    return made


def properties(p):
    """The w:pPr of the w:p ``p``, added first if it has none."""
    found = p.find(qn("w:pPr"))
    if found is None:
        found = element("w:pPr")
        p.insert(0, found)
    return found


def paragraph_property(p, name: str):
    """The paragraph's property element ``name`` (``w:spacing``), added in its place if it has none."""
    return _child(properties(p), name, PARAGRAPH_SEQUENCE)


def keep_with_next(p, keep: bool = True) -> None:
    """python-docx's ``keep_with_next``: a w:keepNext, off as ``w:val="0"``."""
    flag = paragraph_property(p, "w:keepNext")
    if keep:
        flag.attrib.pop(_VAL, None)
    else:
        flag.set(_VAL, "0")


def spacing(p, *, before: Length | None = None, after: Length | None = None) -> None:
    """Space before and after the paragraph, set in that order."""
    made = paragraph_property(p, "w:spacing")
    for side, length in (("before", before), ("after", after)):
        if length is not None:
            made.set(qn(f"w:{side}"), str(length.twips))


def indent(p, *, left: Length, first_line: Length) -> None:
    made = paragraph_property(p, "w:ind")
    made.set(qn("w:left"), str(left.twips))
    # python-docx writes a first-line indent of 0 or more as w:firstLine (a negative one as w:hanging).
    made.attrib.pop(qn("w:hanging"), None)
    made.set(qn("w:firstLine"), str(first_line.twips))


def align(p, alignment: str) -> None:
    paragraph_property(p, "w:jc").set(_VAL, alignment)


def tab_stop(p, position: Length, alignment: str) -> None:
    """A tab stop at ``position`` (left, center, right or clear), among the paragraph's in position order."""
    tabs = paragraph_property(p, "w:tabs")
    stop = element("w:tab")
    stop.set(qn("w:pos"), str(position.twips))
    stop.set(_VAL, alignment)
    later = next((tab for tab in tabs.iterfind(qn("w:tab")) if int(tab.get(qn("w:pos"))) > int(position.twips)),
                 None)
    (later.addprevious(stop) if later is not None else tabs.append(stop))


def section_property(sect_pr, name: str):
    """The section's property element ``name`` (``w:pgSz``), added in its place if it has none."""
    return _child(sect_pr, name, SECTION_SEQUENCE)


def section_reference(sect_pr, name: str, kind: str, rid: str) -> None:
    """A w:headerReference or w:footerReference of ``kind`` (default) to ``rid``, before the section's other
    properties (python-docx's successors of either are those alone)."""
    made = element(name)
    made.set(qn("w:type"), kind)
    made.set(qn("r:id"), rid)
    insert(sect_pr, made, _SECTION_PROPERTIES)
