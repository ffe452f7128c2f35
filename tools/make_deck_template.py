"""Build templates/default/deck.pptx, the built-in 16:9 slide template, from python-pptx's own default.

Run it once after changing the layout geometry or theme.toml:

    python tools/make_deck_template.py

It then runs tools/prepare_deck_template.py, which writes the template prepared for the renderer
(src/briefgen/render/pptx/built_in.zip).

The result is committed, so users can open it in PowerPoint or Impress, restyle its
masters and pass their copy with ``--template``; rendering never rebuilds it. It keeps
four real layouts with real placeholders, named as PowerPoint names them:
"Title Slide", "Title and Content", "Section Header" and "Two Content".
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

TOP = Path(__file__).resolve().parents[1]
HERE = TOP / "templates" / "default"
sys.path.insert(0, str(TOP / "src"))

from briefgen.theme import load_theme  # noqa: E402

KEEP = ("Title Slide", "Title and Content", "Section Header", "Two Content")
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)
MARGIN = Inches(0.6)
TITLE = (MARGIN, Inches(0.62), WIDTH - 2 * MARGIN, Inches(1.2))
BODY = (MARGIN, Inches(2.0), WIDTH - 2 * MARGIN, Inches(4.75))
GUTTER = Inches(0.4)
COLUMN = (WIDTH - 2 * MARGIN - GUTTER) // 2
FOOTER_TOP = Inches(6.95)  # the footer band: slide number, and nothing else, below this line
PLACES = {
    "Title Slide": {"ctrTitle": (Inches(0.9), Inches(1.4), WIDTH - Inches(1.8), Inches(2.5)),
                    "subTitle": (Inches(0.9), Inches(4.1), WIDTH - Inches(1.8), Inches(2.6))},
    "Title and Content": {"title": TITLE, 1: BODY},
    "Section Header": {"title": (Inches(0.9), Inches(1.6), WIDTH - Inches(1.8), Inches(2.2)),
                       1: (Inches(0.9), Inches(4.0), WIDTH - Inches(1.8), Inches(2.7))},
    "Two Content": {"title": TITLE, 1: (BODY[0], BODY[1], COLUMN, BODY[3]),
                    2: (BODY[0] + COLUMN + GUTTER, BODY[1], COLUMN, BODY[3])},
}
FOOTERS = {"dt": (MARGIN, FOOTER_TOP, Inches(2.5), Inches(0.4)),
           "ftr": (Inches(3.4), FOOTER_TOP, WIDTH - Inches(6.8), Inches(0.4)),
           "sldNum": (WIDTH - MARGIN - Inches(2.0), FOOTER_TOP, Inches(2.0), Inches(0.4))}
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Office's mark for a shape a screen reader should skip (Format Shape → Alt Text → Mark as decorative).
DECORATIVE = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
              'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def main() -> None:
    theme = load_theme(HERE)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    for layout in list(prs.slide_layouts):
        if layout.name not in KEEP:
            prs.slide_layouts.remove(layout)
    _place(master.placeholders, {"title": TITLE, "body": BODY, **FOOTERS})
    for layout in prs.slide_layouts:
        _place(layout.placeholders, {**PLACES[layout.name], **FOOTERS})
    _style_master(master, theme)
    _rule_under_titles(master, theme)
    for layout in prs.slide_layouts:
        _tidy(layout)
    for part in (master, *prs.slide_layouts):
        _readable_secondary_text(part._element, theme.colours.muted)
    prs.core_properties.title = "briefgen default deck template"
    prs.core_properties.author = "briefgen"
    prs.core_properties.last_modified_by = "briefgen"
    prs.core_properties.revision = 1
    # python-pptx's own thumbnail and printer settings describe its template, not ours; a user's
    # theme folder starts from a copy of this file, so it should hold nothing the sanitiser drops.
    for rels in (prs.part.package._rels, prs.part.rels):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype.endswith(("/thumbnail", "/printerSettings"))]:
            rels.pop(r_id)
    out = io.BytesIO()
    prs.save(out)
    (HERE / "deck.pptx").write_bytes(_with_theme_font(out.getvalue(), theme.fonts.family))
    print(HERE / "deck.pptx")
    # The renderer uses the template prepared from this file (see briefgen/render/pptx_reader.py).
    sys.path.insert(0, str(TOP / "tools"))
    import prepare_deck_template
    prepare_deck_template.main()


def _place(placeholders, places: dict) -> None:
    for ph in placeholders:
        kind = ph._element.ph_type
        key = ph.placeholder_format.idx if ph.placeholder_format.idx in places else \
            {"ctrTitle": "ctrTitle", "title": "title", "subTitle": "subTitle", "dt": "dt", "ftr": "ftr",
             "sldNum": "sldNum", "body": "body", "obj": "body"}.get(_ph_name(kind))
        if key in places:
            ph.left, ph.top, ph.width, ph.height = (Emu(v) for v in places[key])


def _ph_name(kind) -> str:
    return {1: "title", 3: "ctrTitle", 4: "subTitle", 16: "dt", 15: "ftr", 13: "sldNum", 2: "body",
            7: "obj"}.get(int(kind), "")


def _tidy(layout) -> None:
    """Left-aligned, mixed-case text, titles sitting on their body, as the content slides have it."""
    element = layout._element
    if layout.name in ("Title Slide", "Section Header"):
        element.set("showMasterSp", "0")  # no title rule on the slides without a body below the title
    for level in element.iter(*(f"{{{A}}}lvl{n}pPr" for n in range(1, 10))):
        if level.get("algn") == "ctr":
            level.set("algn", "l")
    for run in element.iter(f"{{{A}}}defRPr"):
        run.attrib.pop("cap", None)
    for ph in layout.placeholders:
        body_pr = ph._element.txBody.find(f"{{{A}}}bodyPr")
        body_pr.set("anchor", "b" if ph._element.ph_type in (1, 3) else "t")


def _readable_secondary_text(element, colour: str) -> None:
    """Subtitles, section-header text and footers in the theme's muted colour.

    python-pptx's default template sets them in black tinted to 75%, which PowerPoint shows
    as #8B8B8B: 3.4:1 on white, below the 4.5:1 WCAG 2.2 AA asks of text (see contrast.py).
    """
    for scheme in list(element.iter(f"{{{A}}}schemeClr")):
        if scheme.get("val") == "tx1" and scheme.find(f"{{{A}}}tint") is not None:
            scheme.addprevious(etree.Element(f"{{{A}}}srgbClr", val=colour))
            scheme.getparent().remove(scheme)


def _style_master(master, theme) -> None:
    """Master text styles, so text typed into the template looks like the deck briefgen writes."""
    styles = master._element.find(f"{{{P}}}txStyles")
    title = styles.find(f"{{{P}}}titleStyle/{{{A}}}lvl1pPr")
    _default_run(title, theme.deck.title, theme.colours.primary, bold=True)
    title.set("algn", "l")
    for level, size in enumerate((theme.deck.body, theme.deck.body - 2, theme.deck.min_body,
                                  theme.deck.min_body, theme.deck.min_body), 1):
        _default_run(styles.find(f"{{{P}}}bodyStyle/{{{A}}}lvl{level}pPr"), size, theme.colours.text)
    for sp in master.placeholders:
        body_pr = sp._element.txBody.find(f"{{{A}}}bodyPr")
        if sp._element.ph_type == 1:
            body_pr.set("anchor", "b")
        for child in list(body_pr):
            body_pr.remove(child)
        etree.SubElement(body_pr, f"{{{A}}}noAutofit")


def _default_run(ppr, size: float, colour: str, bold: bool = False) -> None:
    rpr = ppr.find(f"{{{A}}}defRPr")
    rpr.set("sz", str(int(size * 100)))
    if bold:
        rpr.set("b", "1")
    for fill in rpr.findall(f"{{{A}}}solidFill"):
        rpr.remove(fill)
    fill = etree.Element(f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val=colour)
    rpr.insert(0, fill)


def _rule_under_titles(master, theme) -> None:
    """A thin bar between title and body on content layouts: a master shape, so restyling it is one edit."""
    x, y, cx, cy = TITLE[0], BODY[1] - Inches(0.16), TITLE[2], Pt(2)
    rule = etree.fromstring(
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="90" name="Title rule">{DECORATIVE}</p:cNvPr>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{theme.colours.primary}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        f'</p:spPr></p:sp>')
    master.shapes._spTree.append(rule)


def _with_theme_font(data: bytes, family: str) -> bytes:
    """The theme part names the deck font as both heading and body font (python-pptx has no API for it)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            blob = source.read(item.filename)
            if item.filename.startswith("ppt/theme/"):
                text = blob.decode("utf-8")
                text = re.sub(r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{family}"', text)
                blob = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, blob)
    return out.getvalue()


if __name__ == "__main__":
    main()
