"""Templates as users have them, made here (nothing is downloaded): varied the way real ones vary.

Word reference documents and PowerPoint templates as Word, PowerPoint, LibreOffice, WPS Office and
pandoc save them: template and macro-enabled content types (.dotx, .dotm, .potx, .potm), Chinese,
Japanese, Russian and Hebrew style and layout names, no numbering part, 200 styles, building blocks
(a glossary part), embedded fonts, custom XML, mail-merge settings holding a user's paths, masters
without slides, example slides, and the files that cannot be used at all (Strict Open XML, an
encrypted or binary Office file). ``CORPUS`` lists each with its maker and what briefgen must do.

Each maker edits the package of a document python-docx or python-pptx writes (their default
templates are Word's and PowerPoint's own) part by part, as the program it imitates would save it.
The LibreOffice ones are saved by LibreOffice itself (``libreoffice_saved``: one soffice call per format).
"""

from __future__ import annotations

import io
import posixpath
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_REL = "http://schemas.microsoft.com/office/2006/relationships"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
DECK_MAIN = "application/vnd.openxmlformats-officedocument.presentationml"
# A user's paths, as Word keeps them in a mail merge's data source and an attached template.
USER_PATH = r"C:\Users\jsmith-corpus\Documents\Contacts.xlsx"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Package:
    """An Office package's parts by name, edited as a program would save it."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.parts = {name: z.read(name) for name in z.namelist()}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    def put_xml(self, name: str, root: etree._Element) -> None:
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def edit(self, name: str, change: Callable[[etree._Element], None]) -> None:
        root = self.xml(name)
        change(root)
        self.put_xml(name, root)

    def content_type(self, part: str, content_type: str) -> None:
        def change(types: etree._Element) -> None:
            for override in types.findall(f"{{{CT}}}Override"):
                if override.get("PartName") == f"/{part}":
                    types.remove(override)
            etree.SubElement(types, f"{{{CT}}}Override", PartName=f"/{part}", ContentType=content_type)
        self.edit("[Content_Types].xml", change)

    def default_type(self, extension: str, content_type: str) -> None:
        def change(types: etree._Element) -> None:
            if not any(d.get("Extension") == extension for d in types.findall(f"{{{CT}}}Default")):
                types.insert(0, etree.Element(f"{{{CT}}}Default", Extension=extension, ContentType=content_type))
        self.edit("[Content_Types].xml", change)

    def relate(self, source: str, rel_type: str, target: str, *, external: bool = False) -> str:
        """A relationship from ``source`` ("" for the package) to ``target``; its id."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        root = self.xml(rels) if rels in self.parts else etree.Element(f"{{{PKG_REL}}}Relationships",
                                                                          nsmap={None: PKG_REL})
        rid = f"rIdCorpus{len(root) + 1}"
        attributes = {"Id": rid, "Type": rel_type, "Target": target}
        if external:
            attributes["TargetMode"] = "External"
        etree.SubElement(root, f"{{{PKG_REL}}}Relationship", attributes)
        self.put_xml(rels, root)
        return rid

    def add(self, name: str, data: bytes, content_type: str | None, source: str | None = None,
            rel_type: str | None = None) -> str | None:
        self.parts[name] = data
        if content_type:
            self.content_type(name, content_type)
        if source is not None and rel_type is not None:
            base = posixpath.dirname(source)
            return self.relate(source, rel_type, posixpath.relpath(name, base or "."))
        return None

    def remove(self, name: str) -> None:
        """Drop a part, its relationships and every relationship and override that names it."""
        self.parts.pop(name, None)
        folder, base = posixpath.split(name)
        self.parts.pop(posixpath.join(folder, "_rels", f"{base}.rels"), None)
        for rels in [n for n in self.parts if n.endswith(".rels")]:
            source_folder = posixpath.dirname(posixpath.dirname(rels))
            root = self.xml(rels)
            for rel in list(root):
                target = posixpath.normpath(posixpath.join(source_folder, rel.get("Target", "")))
                if target.lstrip("/") == name:
                    root.remove(rel)
            self.put_xml(rels, root)
        self.edit("[Content_Types].xml", lambda types: [types.remove(o) for o in types.findall(f"{{{CT}}}Override")
                                                          if o.get("PartName") == f"/{name}"])

    def bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", self.parts["[Content_Types].xml"])
            for name, data in self.parts.items():
                if name != "[Content_Types].xml":
                    z.writestr(name, data)
        return out.getvalue()


# --- Word ------------------------------------------------------------------------------------

def word_default() -> Package:
    """Word's own default document, as python-docx ships it (customXml, a thumbnail, stylesWithEffects)."""
    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("The template's own sample text, which the brief replaces.")
    document.save(out)
    return Package(out.getvalue())


def as_word_template(package: Package, macros: bool = False) -> Package:
    """Saved by Word as a template: the main part's content type says so (.dotx, or .dotm with macros)."""
    kind = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml" if macros else \
        f"{WORD_MAIN}.template.main+xml"
    package.content_type("word/document.xml", kind)
    if macros:
        add_macros(package, "word/document.xml", "word/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    return package


def add_macros(package: Package, main: str, name: str, content_type: str) -> None:
    """A VBA project, as Office stores it (an OLE compound file: only its signature matters here)."""
    project = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"Sub AutoOpen()\r\nShell \"calc\"\r\nEnd Sub"
    package.add(name, project, content_type, main, f"{MS_REL}/vbaProject")


def word_macro_document() -> Package:
    package = word_default()
    package.content_type("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")
    add_macros(package, "word/document.xml", "word/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    return package


def word_glossary() -> Package:
    """Building blocks (Quick Parts) a template carries: a glossary document with its own styles."""
    package = as_word_template(word_default())
    glossary = (f'<w:glossaryDocument xmlns:w="{W}"><w:docParts><w:docPart><w:docPartPr><w:name w:val="Signature"/>'
                f'<w:category><w:name w:val="General"/><w:gallery w:val="autoTxt"/></w:category></w:docPartPr>'
                f'<w:docPartBody><w:p><w:r><w:t>J. Smith, Desk Officer</w:t></w:r></w:p></w:docPartBody></w:docPart>'
                f'</w:docParts></w:glossaryDocument>').encode()
    package.add("word/glossary/document.xml", glossary, f"{WORD_MAIN}.document.glossary+xml", "word/document.xml",
                f"{REL}/glossaryDocument")
    package.add("word/glossary/styles.xml", package.parts["word/styles.xml"], f"{WORD_MAIN}.styles+xml",
                "word/glossary/document.xml", f"{REL}/styles")
    return package


def word_embedded_fonts() -> Package:
    """Fonts embedded as Word does it: obfuscated .odttf parts named from the font table, keyed by a GUID."""
    package = word_default()
    key = "{5DBCB8F3-5D5A-4C3A-9E63-3F0C4C3E9A11}"
    rid = package.add("word/fonts/font1.odttf", bytes(range(256)) * 64,
                      "application/vnd.openxmlformats-officedocument.obfuscatedFont", "word/fontTable.xml",
                      f"{REL}/font")

    def embed(fonts: etree._Element) -> None:
        font = etree.SubElement(fonts, w("font"), {w("name"): "Corpus Sans"})
        etree.SubElement(font, w("embedRegular"), {f"{{{R}}}id": rid, w("fontKey"): key})
    package.edit("word/fontTable.xml", embed)
    package.edit("word/settings.xml", lambda s: s.insert(0, etree.Element(w("embedTrueTypeFonts"))))
    return package


def word_custom_xml() -> Package:
    """Custom XML as SharePoint and document-management systems leave it, bound from the document."""
    package = word_default()
    item = b'<?xml version="1.0"?><Metadata xmlns="urn:corpus"><Owner>jsmith-corpus</Owner></Metadata>'
    package.add("customXml/item7.xml", item, None, "word/document.xml", f"{REL}/customXml")
    return package


def word_mail_merge() -> Package:
    """A template that remembers its user: a mail merge's data source, an attached template and document
    variables, each holding a path under the user's home folder."""
    package = as_word_template(word_default())
    rid = package.relate("word/settings.xml", f"{REL}/attachedTemplate",
                         "file:///C:/Users/jsmith-corpus/AppData/Roaming/Microsoft/Templates/Normal.dotm",
                         external=True)

    def remember(settings: etree._Element) -> None:
        settings.insert(0, etree.Element(w("attachedTemplate"), {f"{{{R}}}id": rid}))
        merge = etree.SubElement(settings, w("mailMerge"))
        etree.SubElement(merge, w("mainDocumentType"), {w("val"): "formLetters"})
        etree.SubElement(merge, w("connectString"),
                         {w("val"): f"Provider=Microsoft.ACE.OLEDB.12.0;Data Source={USER_PATH}"})
        etree.SubElement(merge, w("query"), {w("val"): f"SELECT * FROM `{USER_PATH}`.`Sheet1$`"})
        variables = etree.SubElement(settings, w("docVars"))
        etree.SubElement(variables, w("docVar"), {w("name"): "LastSavedFrom", w("val"): USER_PATH})
    package.edit("word/settings.xml", remember)
    return package


def word_without_numbering() -> Package:
    package = word_default()
    package.remove("word/numbering.xml")
    return package


def word_many_styles(count: int = 200) -> Package:
    package = word_default()

    def more(styles: etree._Element) -> None:
        for n in range(count):
            style = etree.SubElement(styles, w("style"), {w("type"): "paragraph" if n % 3 else "character",
                                                          w("customStyle"): "1", w("styleId"): f"Corpus{n}"})
            etree.SubElement(style, w("name"), {w("val"): f"Corpus style {n}"})
            etree.SubElement(style, w("basedOn"), {w("val"): "Normal" if n % 3 else "DefaultParagraphFont"})
    package.edit("word/styles.xml", more)
    return package


# Heading names by language: Word localises a built-in style's id and keeps its English name; LibreOffice
# and WPS write the localised name itself.
LOCALISED = {
    "chinese": {"Heading1": "标题 1", "Heading2": "标题 2", "Title": "标题", "Normal": "正文", "font": "宋体"},
    "japanese": {"Heading1": "見出し 1", "Heading2": "見出し 2", "Title": "表題", "Normal": "標準",
                 "font": "ＭＳ 明朝"},
    "russian": {"Heading1": "Заголовок 1", "Heading2": "Заголовок 2", "Title": "Название", "Normal": "Обычный",
                "font": "Times New Roman"},
    "hebrew": {"Heading1": "כותרת 1", "Heading2": "כותרת 2", "Title": "כותרת", "Normal": "רגיל", "font": "David"},
}


def word_localised(language: str, *, ids: bool) -> Package:
    """Style names as a localised Office writes them: ``ids`` renames the styles' ids (Word: "1" for
    Heading 1 in Chinese Word), otherwise their names (LibreOffice, WPS). East Asian or complex-script
    fonts in the defaults; Hebrew documents right to left."""
    package = word_default()
    names = LOCALISED[language]

    def localise(styles: etree._Element) -> None:
        renamed = {}
        for number, style in enumerate(styles.findall(w("style")), 1):
            style_id = style.get(w("styleId"))
            if style_id not in names:
                continue
            if ids:
                renamed[style_id] = str(number)
                style.set(w("styleId"), str(number))
            else:
                style.find(w("name")).set(w("val"), names[style_id])
        for ref in styles.iter(w("basedOn"), w("next"), w("link")):
            ref.set(w("val"), renamed.get(ref.get(w("val")), ref.get(w("val"))))
        defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        fonts = defaults.find(w("rFonts"))
        fonts.set(w("eastAsia") if language in ("chinese", "japanese") else w("cs"), names["font"])
        if language == "hebrew":
            paragraph = styles.find(f"{w('docDefaults')}/{w('pPrDefault')}")
            holder = paragraph.find(w("pPr")) if paragraph is not None and paragraph.find(w("pPr")) is not None \
                else etree.SubElement(paragraph if paragraph is not None else
                                      etree.SubElement(styles.find(w("docDefaults")), w("pPrDefault")), w("pPr"))
            holder.insert(0, etree.Element(w("bidi")))
            etree.SubElement(defaults, w("rtl"))
            etree.SubElement(defaults, w("lang"), {w("bidi"): "he-IL"})
    package.edit("word/styles.xml", localise)
    return package


def wps_like(package: Package, fmt: str) -> Package:
    """As WPS Office saves: its own namespaces marked ignorable, its build in custom properties, its fonts."""
    main = "word/document.xml" if fmt == "docx" else "ppt/presentation.xml"
    wps = "http://www.wps.cn/officeDocument/2013/wpsCustomData"
    root = package.xml(main)
    nsmap = {**root.nsmap, "wpsCustomData": wps,
             "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
    rebuilt = etree.Element(root.tag, root.attrib, nsmap=nsmap)
    rebuilt.set(f"{{{nsmap['mc']}}}Ignorable", "wpsCustomData")
    rebuilt.extend(list(root))
    package.put_xml(main, rebuilt)
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.'
              'openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
              'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
              'name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0.11744</vt:lpwstr></property></Properties>').encode()
    package.add("docProps/custom.xml", custom, "application/vnd.openxmlformats-officedocument.custom-properties+xml",
                "", f"{REL}/custom-properties")
    if fmt == "docx":
        def chinese(styles: etree._Element) -> None:
            fonts = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
            fonts.set(w("eastAsia"), "宋体")
            fonts.set(w("hint"), "eastAsia")
        package.edit("word/styles.xml", chinese)
    return package


def strict_open_xml(package: Package, fmt: str) -> Package:
    """Saved as "Strict Open XML": the same parts in ISO 29500 Strict namespaces, which python-docx cannot read."""
    for name, data in list(package.parts.items()):
        if name.endswith((".xml", ".rels")):
            package.parts[name] = data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                               b"http://purl.oclc.org/ooxml/wordprocessingml/main").replace(
                b"http://schemas.openxmlformats.org/presentationml/2006/main",
                b"http://purl.oclc.org/ooxml/presentationml/main").replace(
                b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                b"http://purl.oclc.org/ooxml/officeDocument/relationships/")
    return package


def encrypted() -> bytes:
    """An Office file with a password to open: an OLE compound file holding EncryptedPackage, not a zip."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 4000


# --- PowerPoint ------------------------------------------------------------------------------

def deck_default(*, slides: int = 0, wide: bool = False) -> Package:
    """PowerPoint's default template, as python-pptx ships it (4:3, eleven layouts, no slides)."""
    import pptx
    from pptx.util import Inches

    deck = pptx.Presentation()
    if wide:
        deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    for n in range(slides):
        slide = deck.slides.add_slide(deck.slide_layouts[n % 2])
        slide.shapes.title.text = f"Example slide {n + 1} of the template"
    out = io.BytesIO()
    deck.save(out)
    return Package(out.getvalue())


def as_deck_template(package: Package, macros: bool = False) -> Package:
    kind = "application/vnd.ms-powerpoint.template.macroEnabled.main+xml" if macros else \
        f"{DECK_MAIN}.template.main+xml"
    package.content_type("ppt/presentation.xml", kind)
    if macros:
        add_macros(package, "ppt/presentation.xml", "ppt/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    return package


LAYOUT_NAMES = {
    "chinese": ["标题幻灯片", "标题和内容", "节标题", "两栏内容"],
    "japanese": ["タイトル スライド", "タイトルとコンテンツ", "セクション見出し", "2 つのコンテンツ"],
    "russian": ["Титульный слайд", "Заголовок и объект", "Заголовок раздела", "Два объекта"],
    "hebrew": ["שקופית כותרת", "כותרת ותוכן", "כותרת מקטע", "שני תכנים"],
}


def deck_localised(language: str) -> Package:
    """Layouts named in the user's language, as a localised PowerPoint saves them (their types stay)."""
    package = deck_default()
    for number, name in enumerate(LAYOUT_NAMES[language], 1):
        package.edit(f"ppt/slideLayouts/slideLayout{number}.xml",
                     lambda layout, name=name: layout.find(f"{{{P}}}cSld").set("name", name))
    return package


def deck_embedded_fonts() -> Package:
    package = deck_default()
    rid = package.add("ppt/fonts/font1.fntdata", bytes(range(256)) * 64, "application/x-fontdata",
                      "ppt/presentation.xml", f"{REL}/font")

    def embed(presentation: etree._Element) -> None:
        fonts = etree.Element(f"{{{P}}}embeddedFontLst")
        font = etree.SubElement(fonts, f"{{{P}}}embeddedFont")
        etree.SubElement(font, f"{{{P}}}font", typeface="Corpus Sans")
        etree.SubElement(font, f"{{{P}}}regular", {f"{{{R}}}id": rid})
        presentation.insert(list(presentation).index(presentation.find(f"{{{P}}}notesSz")) + 1, fonts)
    package.edit("ppt/presentation.xml", embed)
    return package


def deck_custom_xml() -> Package:
    package = deck_default()
    item = b'<?xml version="1.0"?><Metadata xmlns="urn:corpus"><Owner>jsmith-corpus</Owner></Metadata>'
    package.add("customXml/item3.xml", item, None, "ppt/presentation.xml", f"{REL}/customXml")
    return package


def deck_two_masters() -> Package:
    """Two slide masters (a template family): layouts are looked for in the first, then the second."""
    package = deck_default()
    master = package.parts["ppt/slideMasters/slideMaster1.xml"]
    package.add("ppt/slideMasters/slideMaster2.xml", master, f"{DECK_MAIN}.slideMaster+xml")
    rels = package.parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"]
    package.parts["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = rels
    rid = package.relate("ppt/presentation.xml", f"{REL}/slideMaster", "slideMasters/slideMaster2.xml")

    def listed(presentation: etree._Element) -> None:
        masters = presentation.find(f"{{{P}}}sldMasterIdLst")
        etree.SubElement(masters, f"{{{P}}}sldMasterId", {"id": "2147483700", f"{{{R}}}id": rid})
    package.edit("ppt/presentation.xml", listed)

    def ids(master: etree._Element) -> None:  # its layouts' ids must not repeat the first master's
        for number, entry in enumerate(master.iter(f"{{{P}}}sldLayoutId")):
            entry.set("id", str(2147483800 + number))
    package.edit("ppt/slideMasters/slideMaster2.xml", ids)
    return package


def deck_without_layouts_it_needs() -> Package:
    """A template whose layouts have no title or body placeholder for the deck's slides: falls back, with a word."""
    package = deck_default()
    for number in (1, 2, 3, 4):
        def strip(layout: etree._Element) -> None:
            tree = layout.find(f"{{{P}}}cSld/{{{P}}}spTree")
            for shape in tree.findall(f"{{{P}}}sp"):
                tree.remove(shape)
            layout.attrib.pop("type", None)
        package.edit(f"ppt/slideLayouts/slideLayout{number}.xml", strip)
    return package


# --- the corpus --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One template of the corpus: its file name, who saves files like it, and whether it must render."""

    name: str
    fmt: str
    maker: str  # Word, PowerPoint, LibreOffice, WPS, pandoc
    make: Callable[[], bytes] | None = None  # None: made by a session fixture (LibreOffice, pandoc)
    renders: bool = True
    refusal: str = ""  # words the refusal must say
    leaks: tuple[str, ...] = field(default=())  # strings of the template's author no product may carry

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix


def _made(make: Callable[[], Package]) -> Callable[[], bytes]:
    return lambda: make().bytes()


CORPUS = [
    Case("word-default.docx", "docx", "Word", _made(word_default)),
    Case("word-template.dotx", "docx", "Word", _made(lambda: as_word_template(word_default()))),
    Case("word-macros.dotm", "docx", "Word", _made(lambda: as_word_template(word_default(), macros=True))),
    Case("word-macros.docm", "docx", "Word", _made(word_macro_document)),
    Case("word-building-blocks.dotx", "docx", "Word", _made(word_glossary), leaks=("J. Smith, Desk Officer",)),
    Case("word-embedded-fonts.docx", "docx", "Word", _made(word_embedded_fonts)),
    Case("word-custom-xml.docx", "docx", "Word", _made(word_custom_xml), leaks=("jsmith-corpus",)),
    Case("word-mail-merge.dotx", "docx", "Word", _made(word_mail_merge), leaks=("jsmith-corpus",)),
    Case("word-no-numbering.docx", "docx", "Word", _made(word_without_numbering)),
    Case("word-200-styles.docx", "docx", "Word", _made(word_many_styles)),
    *(Case(f"word-{language}.docx", "docx", "Word", _made(lambda language=language: word_localised(language,
                                                                                                  ids=True)))
      for language in LOCALISED),
    *(Case(f"libreoffice-{language}.docx", "docx", "LibreOffice") for language in LOCALISED),
    Case("libreoffice-reference.docx", "docx", "LibreOffice"),
    Case("wps-chinese.docx", "docx", "WPS", _made(lambda: wps_like(word_localised("chinese", ids=False), "docx"))),
    Case("wps-template.dotx", "docx", "WPS", _made(lambda: wps_like(as_word_template(word_default()), "docx"))),
    Case("pandoc-reference.docx", "docx", "pandoc"),
    Case("word-strict.docx", "docx", "Word", _made(lambda: strict_open_xml(word_default(), "docx")), renders=False,
         refusal="Strict Open XML"),
    Case("word-encrypted.docx", "docx", "Word", encrypted, renders=False, refusal="password"),

    Case("powerpoint-default.pptx", "pptx", "PowerPoint", _made(deck_default)),
    Case("powerpoint-widescreen.pptx", "pptx", "PowerPoint", _made(lambda: deck_default(wide=True))),
    Case("powerpoint-template.potx", "pptx", "PowerPoint", _made(lambda: as_deck_template(deck_default()))),
    Case("powerpoint-macros.potm", "pptx", "PowerPoint",
         _made(lambda: as_deck_template(deck_default(), macros=True))),
    Case("powerpoint-with-slides.pptx", "pptx", "PowerPoint", _made(lambda: deck_default(slides=3)),
         leaks=("Example slide",)),
    Case("powerpoint-embedded-fonts.pptx", "pptx", "PowerPoint", _made(deck_embedded_fonts)),
    Case("powerpoint-custom-xml.pptx", "pptx", "PowerPoint", _made(deck_custom_xml), leaks=("jsmith-corpus",)),
    Case("powerpoint-two-masters.potx", "pptx", "PowerPoint", _made(lambda: as_deck_template(deck_two_masters()))),
    Case("powerpoint-no-usable-layouts.pptx", "pptx", "PowerPoint", _made(deck_without_layouts_it_needs)),
    *(Case(f"powerpoint-{language}.pptx", "pptx", "PowerPoint", _made(lambda language=language:
                                                                     deck_localised(language)))
      for language in LAYOUT_NAMES),
    *(Case(f"libreoffice-{language}.pptx", "pptx", "LibreOffice") for language in LAYOUT_NAMES),
    Case("libreoffice-reference.pptx", "pptx", "LibreOffice"),
    Case("wps-template.potx", "pptx", "WPS", _made(lambda: wps_like(as_deck_template(deck_default()), "pptx"))),
    Case("pandoc-reference.pptx", "pptx", "pandoc"),
    Case("powerpoint-strict.pptx", "pptx", "PowerPoint", _made(lambda: strict_open_xml(deck_default(), "pptx")),
         renders=False, refusal="Strict Open XML"),
    Case("powerpoint-encrypted.pptx", "pptx", "PowerPoint", encrypted, renders=False, refusal="password"),
]


def write(folder: Path, data_folder: Path) -> dict[str, Path]:
    """Every case of the corpus as a file in ``folder``, by name: made here, by LibreOffice, or by pandoc."""
    made = {}
    for case in CORPUS:
        if case.make is not None:
            made[case.name] = folder / case.name
            made[case.name].write_bytes(case.make())
    for fmt in ("docx", "pptx"):
        shutil.copy(data_folder / f"libreoffice-reference.{fmt}", folder / f"libreoffice-reference.{fmt}")
        made[f"libreoffice-reference.{fmt}"] = folder / f"libreoffice-reference.{fmt}"
        subprocess.run(["pandoc", "-o", str(folder / f"pandoc-reference.{fmt}"), "--print-default-data-file",
                        f"reference.{fmt}"], check=True)
        made[f"pandoc-reference.{fmt}"] = folder / f"pandoc-reference.{fmt}"
    made.update(libreoffice_saved(folder, made))
    return made


def libreoffice_saved(folder: Path, made: dict[str, Path]) -> dict[str, Path]:
    """The localised Word documents and decks opened and saved again by LibreOffice: one soffice call per format."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    saved = {}
    for fmt, sources in (("docx", {f"libreoffice-{lang}.docx": f"word-{lang}.docx" for lang in LOCALISED}),
                         ("pptx", {f"libreoffice-{lang}.pptx": f"powerpoint-{lang}.pptx" for lang in LAYOUT_NAMES})):
        staging, out = folder / f"to-libreoffice-{fmt}", folder / f"from-libreoffice-{fmt}"
        staging.mkdir()
        for target, source in sources.items():
            shutil.copy(made[source], staging / target)
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", fmt, "--outdir", str(out), *sorted(map(str, staging.iterdir()))],
                           capture_output=True, timeout=600)
        for target in sources:
            if (out / target).exists():
                saved[target] = folder / target
                shutil.move(out / target, saved[target])
    return saved


@dataclass(frozen=True)
class Outcome:
    """What became of the NRF brief rendered with one template: the product, or the refusal; the warnings."""

    case: Case
    template: Path
    product: Path | None
    refusal: str = ""
    warnings: tuple[str, ...] = ()


def render_each(made: dict[str, Path], content: Path, out: Path) -> dict[str, Outcome]:
    """The brief at ``content`` rendered once with each template of the corpus, as the command line does it
    (the template read as untrusted input, then the product made), into ``out``."""
    from briefgen import products
    from briefgen.errors import BriefgenError
    from briefgen.load import load
    from briefgen.render.office.template import read
    from briefgen.theme import load_theme

    brief, theme = load(content), load_theme(None)
    outcomes = {}
    for case in CORPUS:
        template = made[case.name]
        product = out / f"corpus-{case.name.replace('.', '-')}.{case.fmt}"  # distinct stems: one soffice call
        try:
            sanitised = read(template, case.fmt)
            written = products.make(brief, case.fmt, product, theme, template=sanitised)
        except BriefgenError as exc:
            outcomes[case.name] = Outcome(case, template, None, refusal=str(exc))
            continue
        outcomes[case.name] = Outcome(case, template, product,
                                      warnings=tuple(filter(None, (sanitised.warning, *written.warnings))))
    return outcomes
