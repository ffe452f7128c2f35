"""Layout figures → Word drawings with alt text, followed by their numbered caption.

A drawn figure goes in as native DrawingML (drawing.py): a group of shapes and text boxes that
a reader can edit, and whose words Word finds and LibreOffice's PDF shows. An analyst's own
image goes in as a picture of its own pixels, without its metadata (images.py). The alt text is
the drawing's ``descr``, read aloud by screen readers in Word.
"""

from __future__ import annotations

import hashlib
import re

from lxml import etree
from lxml.etree import SubElement

from ...images import Image
from ...layout.document import Logo
from ...layout.figures import Figure
from ...theme import Theme
from ...typography import typography
from . import drawing, formatting, xml
from .body import Body
from .inline import add_paragraph, add_run
from .markers import Mark
from .package import Word, WordPart
from .styles import CAPTION
from .xml import IMAGE_TYPES, NAMESPACES, Length, element, pt, qn


# Office's mark for a picture a screen reader skips (Alt Text → Mark as decorative), as the deck marks its own.
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_PICTURE_NS = NAMESPACES["pic"]
_INDEX = re.compile(r"[a-zA-Z]+([1-9][0-9]*)?")


def picture_run(p, image: Image, width: Length, height: Length, shape_id: int, part: WordPart, word: Word):
    """A run at the end of the w:p ``p`` holding ``image`` inline at ``width`` by ``height``, as python-docx's
    ``add_picture`` makes it (its CT_Inline and CT_Picture templates, filled): the image's part (one per distinct
    image in the package), related from ``part``."""
    extension, _ = IMAGE_TYPES[image.format]
    rid = part.relate(_image_part(word, image), xml.IMAGE)
    size = {"cx": str(width), "cy": str(height)}
    inline = etree.Element(qn("wp:inline"), nsmap={prefix: NAMESPACES[prefix] for prefix in ("wp", "a", "pic", "r")})
    SubElement(inline, qn("wp:extent"), size)
    SubElement(inline, qn("wp:docPr"), {"id": str(shape_id), "name": f"Picture {shape_id}"})
    SubElement(SubElement(inline, qn("wp:cNvGraphicFramePr")), qn("a:graphicFrameLocks"), {"noChangeAspect": "1"})
    data = SubElement(SubElement(inline, qn("a:graphic")), qn("a:graphicData"), {"uri": _PICTURE_NS})
    picture = SubElement(data, qn("pic:pic"))
    names = SubElement(picture, qn("pic:nvPicPr"))
    SubElement(names, qn("pic:cNvPr"), {"id": "0", "name": f"image.{extension}"})  # as a picture from a stream
    SubElement(names, qn("pic:cNvPicPr"))
    fill = SubElement(picture, qn("pic:blipFill"))
    SubElement(fill, qn("a:blip"), {qn("r:embed"): rid})
    SubElement(SubElement(fill, qn("a:stretch")), qn("a:fillRect"))
    shape = SubElement(picture, qn("pic:spPr"))
    frame = SubElement(shape, qn("a:xfrm"))
    SubElement(frame, qn("a:off"), {"x": "0", "y": "0"})
    SubElement(frame, qn("a:ext"), size)
    SubElement(shape, qn("a:prstGeom"), {"prst": "rect"})
    run = SubElement(p, qn("w:r"))
    drawing_element = element("w:drawing")
    run.append(drawing_element)
    drawing_element.append(inline)  # in the part: the namespaces it declares already are declared once
    return run


def _image_part(word: Word, image: Image) -> WordPart:
    """The package's part of ``image``'s bytes, added if it has none (python-docx's ImageParts: the first free
    number)."""
    digest = hashlib.sha1(image.data).hexdigest()
    for part in word.images:
        if hashlib.sha1(part.blob).hexdigest() == digest:
            return part
    extension, content_type = IMAGE_TYPES[image.format]
    used = set()
    for part in word.images:
        found = _INDEX.match(part.partname.rsplit("/", 1)[1].rsplit(".", 1)[0])
        if found and found.group(1):
            used.add(int(found.group(1)))
    number = next((n for n in range(1, len(word.images) + 1) if n not in used), len(word.images) + 1)
    made = WordPart(f"/word/media/image{number}.{extension}", content_type, image.data)
    word.images.append(made)
    return made


def add_logo(p, logo: Logo, shape_id: int, part: WordPart, word: Word) -> None:
    """The logo as an inline picture at the size the layout gave it: its alt text said, or, where the layout
    gave none (a running header repeats it), marked decorative. ``shape_id`` is its drawing's id: the part's own count
    would repeat one of the document's (a header's) or not see them all (the body's, whose blocks are taken out
    of the tree as they are written: body.py). The picture's part is related from ``part`` (the body's or the
    header's)."""
    run = picture_run(p, logo.image, pt(logo.width), pt(logo.height), shape_id, part, word)
    for inline in run.iter(qn("wp:inline")):
        # No space around it: LibreOffice reads a missing distance as about 3 mm a side, which pushed the
        # header's short title past the tab stop set just after the logo.
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")
    for doc_pr in run.iter(qn("wp:docPr")):
        doc_pr.set("name", "Logo")
        if logo.alt:
            doc_pr.set("descr", logo.alt)
        else:
            extensions = SubElement(doc_pr, qn("a:extLst"))
            SubElement(SubElement(extensions, qn("a:ext"), uri=DECORATIVE_URI), f"{{{DECORATIVE_NS}}}decorative",
                       nsmap={"adec": DECORATIVE_NS}, val="1")


def add_figure(body: Body, figure: Figure, theme: Theme, width: Length, mark: Mark) -> None:
    """The picture, as wide as the layout made it (at most the text width), where the style table puts figures,
    then its caption and credit."""
    shown = min(pt(figure.width), width)
    flow = typography(theme).brief.figure.in_word.flow
    paragraph = body.add_paragraph()
    # Set on the paragraph, not left to Normal's: a reference document's Normal may be centred or indented.
    formatting.align(paragraph, "left")  # the figure's edge at the margin, as the text's and the tables' are
    formatting.indent(paragraph, left=pt(flow.left), first_line=pt(0))
    formatting.keep_with_next(paragraph, flow.keep)
    formatting.spacing(paragraph, before=pt(flow.before))
    if figure.image:
        shape_id = body.next_id  # counted over the whole body, written blocks too
        # Without its metadata, and named as a picture from a stream is ("image.png").
        run = picture_run(paragraph, figure.image, Length(shown), Length(round(shown * figure.height / figure.width)),
                          shape_id, body.part, body.word)
        for doc_pr in run.iter(qn("wp:docPr")):
            doc_pr.set("descr", figure.alt)
            doc_pr.set("title", figure.caption)
        # python-docx leaves out the space around the picture, and LibreOffice then puts its own 0.32 cm on
        # each side: the picture would sit that far inside the margin.
        for inline in run.iter(qn("wp:inline")):
            for side in "TBLR":
                inline.set(f"dist{side}", "0")
    else:
        drawn = figure if shown >= pt(figure.width) else figure.scaled(Length(shown).pt / figure.width)
        paragraph.append(drawing.figure_run(drawn, body.next_id))
    caption = add_paragraph(body, CAPTION, figure.title)
    if figure.credit:
        SubElement(SubElement(caption, qn("w:r")), qn("w:br"))
        add_run(caption, figure.credit)
        # python-docx's ``bold = False``: the credit not bold, whatever the caption's style says.
        properties = element("w:rPr")
        caption[-1].insert(0, properties)
        SubElement(properties, qn("w:b")).set(qn("w:val"), "0")
    mark(paragraph, figure.field)
    mark(caption, figure.field)
