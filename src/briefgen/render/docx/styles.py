"""word/styles.xml: the brief's named Word styles, made from the style table, and the fallback for a reference document.

Every paragraph and run in the brief points at one of these styles, so a user restyles
the whole brief by editing a style. Built-in styles keep Word's own names ("heading 1",
"caption", "endnote text") so Word and LibreOffice recognise them as such.

Each style states what its role (typography.py) sets apart from the style it is based
on, so that with a reference document a style the reference lacks still follows its Normal.
Its spacing is stated whole, as Word's line spacing may differ in a reference's Normal.
styling.py installs them in a base document python-docx made; this module names them, and
no python-docx is needed to write a brief in them.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from ...typography import Look, marking_in, typography
from ...marking import Tlp
from ...theme import Theme
from ...value import Value, fields, replace
from .xml import NAMESPACES, element, qn


class Style(Value):
    """One style: Word's name and id, its kind, its role's look in Word and the look it is based on."""

    name: str
    style_id: str
    kind: str  # paragraph | character | table
    look: Look
    base: Look | None  # the look of the style it is based on (a character style: of the text it sits in)
    based_on: str | None = "Normal"
    next_id: str | None = None
    numbering: str | None = None  # bullet: a list style points at a list definition
    outline: int | None = None  # a heading's level in the document's outline, from 0
    aliases: tuple[str, ...] = ()  # what a reference document may call it instead (pandoc's names)


# The ids the renderer writes into paragraphs and runs.
TITLE, SUBTITLE, DETAILS = "Title", "Subtitle", "BriefDetails"
HEADINGS = {1: "Heading1", 2: "Heading2", 3: "Heading3"}
QUOTE, ATTRIBUTION, CAPTION = "Quote", "QuoteAttribution", "Caption"
BULLET = "ListBullet"
TABLE, TABLE_TEXT, TABLE_HEADING = "TableGrid", "TableText", "TableHeading"
BOTTOM_LINE, EDITOR_NOTE = "BottomLine", "EditorNote"
JUDGMENT, JUDGMENT_BASIS, ESTIMATE = "KeyJudgment", "JudgmentBasis", "Estimate"
MARKING_LABEL = "MarkingLabel"
NOTE_TEXT, NOTE_REFERENCE = "FootnoteText", "FootnoteReference"
HYPERLINK, BIBLIOGRAPHY, HEADER, FOOTER = "Hyperlink", "Bibliography", "Header", "Footer"


def styles(theme: Theme, marking: Tlp) -> tuple[Style, ...]:
    """Our definition of every style the brief uses, from the theme's style table."""
    roles = typography(theme).brief
    body, quote, table_text, basis = (r.in_word for r in (roles.body, roles.quote, roles.table_text, roles.basis))
    headings = (roles.heading1, roles.heading2, roles.heading3)
    return (
        Style("Normal", "Normal", "paragraph", body, None, based_on=None),
        Style("Title", TITLE, "paragraph", roles.title.in_word, body, next_id=SUBTITLE),
        Style("Subtitle", SUBTITLE, "paragraph", roles.subtitle.in_word, body, next_id=DETAILS),
        Style("Brief Details", DETAILS, "paragraph", roles.details.in_word, body),
        *(Style(f"heading {level}", HEADINGS[level], "paragraph", role.in_word, body, next_id="Normal",
                outline=level - 1) for level, role in enumerate(headings, 1)),
        Style("Quote", QUOTE, "paragraph", quote, body, next_id=ATTRIBUTION, aliases=("Block Text",)),
        # Based on Quote but not kept with what follows: a chain of quotes would drag the next part along.
        Style("Quote Attribution", ATTRIBUTION, "paragraph", roles.attribution.in_word, quote, based_on=QUOTE,
              next_id="Normal"),
        Style("caption", CAPTION, "paragraph", roles.caption.in_word, body, next_id="Normal"),
        Style("List Bullet", BULLET, "paragraph", roles.bullet.in_word, body, numbering="bullet"),
        Style("Table Grid", TABLE, "table", roles.table.in_word, None, based_on=None, aliases=("Table",)),
        Style("Table Text", TABLE_TEXT, "paragraph", table_text, body),
        # Its fill is the header cells' (tables.py), not the paragraph's.
        Style("Table Heading", TABLE_HEADING, "paragraph", replace(roles.table_header.in_word, fill=None), table_text,
              based_on=TABLE_TEXT),
        Style("Bottom Line", BOTTOM_LINE, "paragraph", roles.bottom_line.in_word, body),
        Style("Editor Note", EDITOR_NOTE, "paragraph", roles.editor_note.in_word, body),
        Style("Key Judgment", JUDGMENT, "paragraph", roles.judgment.in_word, body, next_id=JUDGMENT_BASIS,
              numbering="decimal"),
        Style("Judgment Basis", JUDGMENT_BASIS, "paragraph", basis, body),
        Style("Estimate", ESTIMATE, "character", roles.estimate.in_word, basis, based_on=None),
        Style("Marking Label", MARKING_LABEL, "character", marking_in(roles.marking, marking).in_word,
              roles.header.in_word, based_on=None),
        # The notes and their marks: Word's own footnote styles (footnotes.py).
        Style("footnote text", NOTE_TEXT, "paragraph", roles.notes.in_word, body),
        Style("footnote reference", NOTE_REFERENCE, "character", roles.note_mark.in_word, body, based_on=None),
        Style("Hyperlink", HYPERLINK, "character", roles.link.in_word, body, based_on=None),
        Style("Bibliography", BIBLIOGRAPHY, "paragraph", roles.bibliography.in_word, body),
        Style("header", HEADER, "paragraph", roles.header.in_word, body),
        Style("footer", FOOTER, "paragraph", roles.footer.in_word, body),
    )


@lru_cache(maxsize=8)  # asked at every render of a process (a watch, a batch), as typography is
def made_of(theme: Theme, marking: Tlp) -> str:
    """What ``install`` makes Word's styles of without a reference document, as text: equal for two themes whose
    styles come out the same (prepared.py). A look's font is its family there: its faces are not in the styles."""
    def seen(value):
        return (replace(value, font=None), value.font and value.font.family) if isinstance(value, Look) else value

    return repr((theme.fonts.family, [tuple(seen(getattr(style, name)) for name in fields(Style))
                                      for style in styles(theme, marking)]))


_LIST = etree.XPath("w:style[@w:styleId=$style]/w:pPr/w:numPr/w:numId/@w:val", namespaces={"w": NAMESPACES["w"]})


def list_number(word, style_id: str) -> str | None:
    """The numId of the list definition the paragraph style ``style_id`` is bound to in the package.Word
    ``word``, if it is a list's."""
    found = _LIST(word.styles, style=style_id)
    return str(found[0]) if found else None


_P_STYLE, _VAL = qn("w:pStyle"), qn("w:val")


def styled(p, style_id: str):
    """The w:p ``p``, new and without properties, in the paragraph style ``style_id``."""
    properties = element("w:pPr")
    etree.SubElement(properties, _P_STYLE, {_VAL: style_id})
    p.insert(0, properties)
    return p
