"""Sanitising a reference package: only the parts briefgen uses are kept, and nothing that reaches out.

Every zip entry is read through a cap (a bomb is refused after at most cap + 1 bytes, never
inflated into memory); XML is parsed with entities, DTDs and network access off, and a DOCTYPE
is refused (OOXML parts never have one). Then only the parts briefgen uses are kept, found by
walking the relationships from the package root: styles, theme, numbering, settings, fonts
table, headers, footers and notes for Word; masters, layouts, themes and their images for
PowerPoint. External relationships, macros, OLE objects, custom XML, thumbnails, printer
settings and everything unreachable are dropped, and any element that pointed at a dropped
relationship goes with it. The result is a new, small zip in memory, and a list of what was
dropped for one warning.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from lxml import etree

from ...errors import TEMPLATE_KINDS
from .opc import CONTENT_TYPES_NS, RELATIONSHIPS_NS, RELATIONSHIPS_TYPE, serialized
from .package import rels_name

MAX_ENTRIES = 2000                 # zip entries, counted before zipfile reads its directory
MAX_XML_PART = 8 * 1024 * 1024     # one XML part, inflated
MAX_MEDIA_PART = 16 * 1024 * 1024  # one image, inflated
MAX_TOTAL = 64 * 1024 * 1024       # every kept part, inflated
MAX_RATIO = 100                    # inflated / compressed, for any entry over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024

_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ROOT = "/"

# Which relationships each kind of part may keep, by the last segment of the relationship type.
# The key is the type of the relationship that led to the part ("" for the package root).
_KEEP = {
    "docx": {
        "": {"officeDocument", "core-properties", "extended-properties"},
        "officeDocument": {"styles", "theme", "numbering", "settings", "fontTable", "webSettings",
                           "header", "footer", "footnotes", "endnotes"},
    },
    "pptx": {
        "": {"officeDocument", "core-properties", "extended-properties"},
        "officeDocument": {"slideMaster", "theme", "presProps", "viewProps", "tableStyles", "notesMaster"},
        "slideMaster": {"slideLayout", "theme", "image"},
        "slideLayout": {"slideMaster", "image"},
        "notesMaster": {"theme", "image"},
        "theme": {"image"},
    },
}
# The main part's content type as python-docx / python-pptx expect it; a template (.dotx, .potx)
# or a macro-enabled file (.docm, .pptm) becomes a plain document once its macros are gone.
_MAIN = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
             ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
              "ms-word.document.macroEnabled.main+xml", "ms-word.template.macroEnabledTemplate.main+xml")),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
             ("presentationml.presentation.main+xml", "presentationml.template.main+xml",
              "presentationml.slideshow.main+xml", "ms-powerpoint.presentation.macroEnabled.main+xml",
              "ms-powerpoint.template.macroEnabled.main+xml", "ms-powerpoint.slideshow.macroEnabled.main+xml")),
}
# Left out without a word: Word 2010's copy of styles.xml, which ours replace, and a deck template's
# example slides, which are never part of a deck.
_SILENT = {"stylesWithEffects", "slide"}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf", "image/x-wmf"}
# What a dropped relationship is called in the warning.
_NAMES = {"vbaProject": "macros", "oleObject": "OLE objects", "package": "embedded files",
          "customXml": "custom XML", "thumbnail": "thumbnail", "printerSettings": "printer settings",
          "attachedTemplate": "attached template", "glossaryDocument": "building blocks", "font": "embedded fonts",
          "image": "images", "hyperlink": "hyperlinks", "comments": "comments", "slide": "slides",
          "custom-properties": "custom properties", "handoutMaster": "handout master", "tags": "tags"}
# An element pointing at a dropped relationship is removed with the nearest of these that holds it,
# so no picture frame or object is left without its content.
_HOLDERS = {f"{{{ns}}}{tag}" for ns, tags in (
    ("http://schemas.openxmlformats.org/presentationml/2006/main", ("pic", "graphicFrame")),
    (_W_NS, ("drawing", "pict", "object")),
) for tag in tags}
_UNWRAP = {f"{{{_W_NS}}}hyperlink"}  # keep the text, lose the link
_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
# The root element each kept XML part must have, by (format, relationship kind); "" for either format.
# python-docx and python-pptx assume it, and fail with an internal error when it is anything else.
_ROOTS = {key: (f"{{{ns}}}{tag}", f"{prefix}:{tag}") for key, ns, prefix, tag in (
    (("docx", "officeDocument"), _W_NS, "w", "document"), (("docx", "styles"), _W_NS, "w", "styles"),
    (("docx", "numbering"), _W_NS, "w", "numbering"), (("docx", "settings"), _W_NS, "w", "settings"),
    (("docx", "fontTable"), _W_NS, "w", "fonts"), (("docx", "webSettings"), _W_NS, "w", "webSettings"),
    (("docx", "header"), _W_NS, "w", "hdr"), (("docx", "footer"), _W_NS, "w", "ftr"),
    (("docx", "footnotes"), _W_NS, "w", "footnotes"), (("docx", "endnotes"), _W_NS, "w", "endnotes"),
    (("pptx", "officeDocument"), _P_NS, "p", "presentation"), (("pptx", "slideMaster"), _P_NS, "p", "sldMaster"),
    (("pptx", "slideLayout"), _P_NS, "p", "sldLayout"), (("pptx", "notesMaster"), _P_NS, "p", "notesMaster"),
    (("pptx", "presProps"), _P_NS, "p", "presentationPr"), (("pptx", "viewProps"), _P_NS, "p", "viewPr"),
    (("pptx", "tableStyles"), _A_NS, "a", "tblStyleLst"), (("", "theme"), _A_NS, "a", "theme"),
    (("", "core-properties"), "http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "cp",
     "coreProperties"),
    (("", "extended-properties"), "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
     "", "Properties"),
)}
_STRICT = "http://purl.oclc.org/ooxml/"
# Settings of a Word template that hold what its author's machine knew, by what the warning calls them.
_REMEMBERED = {"mailMerge": "mail merge data source", "docVars": "document variables",
               "attachedSchema": "attached XML schemas", "saveThroughXslt": "save-through transform"}


class Unusable(Exception):
    """Why a package cannot be used as a template: the end of the sentence its TemplateError says."""


def sanitised(fmt: str, raw: bytes) -> tuple[bytes, tuple[str, ...], tuple[str, ...]]:
    """The package ``raw`` with only its safe parts that a ``fmt`` template needs, what was dropped, and the
    pictures its headers and footers showed (a Template's data, dropped and header_pictures); Unusable if none."""
    try:
        return _Sanitiser(fmt, raw).run()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError,
            struct.error, OSError) as exc:
        raise Unusable(f"its zip archive cannot be read ({exc})") from None


def _entry_count(data: bytes) -> int:
    """How many entries the zip's end record announces, read before zipfile builds its directory."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or end + 22 > len(data):
        raise zipfile.BadZipFile("no end of central directory")
    return struct.unpack("<H", data[end + 10:end + 12])[0]


class _Sanitiser:
    def __init__(self, fmt: str, raw: bytes) -> None:
        self.fmt, self.raw = fmt, raw
        self.total = 0
        self.dropped: dict[str, list[str]] = {}
        self.silent: set[str] = set()  # part names left out without a word
        self.header_pictures: list[str] = []  # said apart (Template.header_pictures)

    def fail(self, why: str) -> Unusable:
        return Unusable(why)

    def drop(self, what: str, detail: str) -> None:
        self.dropped.setdefault(what, [])
        if detail not in self.dropped[what]:
            self.dropped[what].append(detail)

    def run(self) -> tuple[bytes, tuple[str, ...], tuple[str, ...]]:
        if _entry_count(self.raw) > MAX_ENTRIES:
            raise self.fail(f"it has more than {MAX_ENTRIES} parts")
        self.zip = zipfile.ZipFile(io.BytesIO(self.raw))
        names = [info.filename for info in self.zip.infolist()]
        if len(names) > MAX_ENTRIES:
            raise self.fail(f"it has more than {MAX_ENTRIES} parts")
        lowered = [n.lower() for n in names]
        if len(set(lowered)) != len(lowered):
            raise self.fail("two of its parts have the same name")
        self.entries = dict(zip(lowered, self.zip.infolist()))
        self.defaults, self.overrides = self._content_types()
        kept, kept_rels, content_types = self._walk()
        self._unused(names, kept)
        return (self._package(kept, kept_rels, content_types),
                tuple(f"{what} ({_listed(details)})" for what, details in self.dropped.items()),
                tuple(dict.fromkeys(self.header_pictures)))

    def _walk(self) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, str]]:
        """Follow the relationships from the package root, keeping what _KEEP allows: parts, their rels, types."""
        kept: dict[str, bytes] = {}          # part name -> XML or image bytes
        kept_rels: dict[str, bytes] = {}     # part name ("/" for the package) -> its rels XML
        content_types: dict[str, str] = {}
        queue = [(_ROOT, "")]
        while queue:
            source, role = queue.pop(0)
            rels = self._rels(source)
            rel_root = etree.Element(f"{{{RELATIONSHIPS_NS}}}Relationships", nsmap={None: RELATIONSHIPS_NS})
            for rel in rels:
                found = self._keep(source, role, rel)
                if found is None:
                    continue
                name, kind, ct = found
                etree.SubElement(rel_root, f"{{{RELATIONSHIPS_NS}}}Relationship",
                                 {"Id": rel.get("Id", ""), "Type": rel.get("Type", ""), "Target": rel.get("Target")})
                if name in content_types:
                    continue
                content_types[name] = ct
                if kind == "image":
                    kept[name] = self._image(name, ct)
                else:
                    queue.append((name, kind))  # its XML is read once its own relationships are known
            if source != _ROOT:
                kept_ids = {r.get("Id") for r in rel_root}
                kept[source] = self._xml(source, role, {r.get("Id") for r in rels} - kept_ids)
            if len(rel_root):
                kept_rels[source] = serialized(rel_root)
        if not any(ct == _MAIN[self.fmt][0] for ct in content_types.values()):
            raise self.fail("it has no main document part")
        return kept, kept_rels, content_types

    def _keep(self, source: str, role: str, rel: etree._Element) -> tuple[str, str, str] | None:
        """The part a relationship leads to, its kind and content type, if it is kept; else record the drop."""
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or ":" in target.split("/", 1)[0] or "#" in target:
            self.drop("external links", _short(target))
            return None
        name = _resolve(source, target)
        what = _NAMES.get(kind, kind)
        if name is None or name.lower().lstrip("/") not in self.entries or name.lower().endswith(".rels") \
                or name.lower() == "/[content_types].xml":
            self.drop(what, _short(target))
            return None
        if kind not in _KEEP[self.fmt].get(role, set()):
            if self.fmt == "docx" and role in ("header", "footer") and kind == "image":
                self.header_pictures.append(name.lstrip("/"))
                self._silence(name)
            elif kind in _SILENT:
                self._silence(name)
            else:
                self.drop(what, name.lstrip("/"))
            return None
        ct = self._content_type(name) or ""
        if role == "" and kind == "officeDocument":
            if not ct.endswith(_MAIN[self.fmt][1]):
                raise self.fail(f"its main part is {ct or 'of no known type'}, not a {TEMPLATE_KINDS[self.fmt]}")
            ct = _MAIN[self.fmt][0]
        if ct not in IMAGE_TYPES if kind == "image" else not ct.endswith("xml"):
            self.drop(what, name.lstrip("/"))
            return None
        return name, kind, ct

    def _silence(self, name: str) -> None:
        """Leave out ``name`` and what only it uses (an example slide's notes and pictures) without a word."""
        queue = [name]
        while queue:
            name = queue.pop()
            if name.lower() in self.silent:
                continue
            self.silent.add(name.lower())
            for rel in self._rels(name):
                target = _resolve(name, rel.get("Target", ""))
                if rel.get("TargetMode") != "External" and target and target.lower().lstrip("/") in self.entries:
                    queue.append(target)

    def _unused(self, names: list[str], kept: dict[str, bytes]) -> None:
        """Parts no kept relationship leads to, and not already listed, are dropped too: say so."""
        done = {name.lower().lstrip("/") for name in kept} | {name.lstrip("/") for name in self.silent}
        for details in self.dropped.values():
            done |= {d.lower() for d in details}
        for name in names:
            if name.lower() not in done and not name.lower().endswith(".rels") \
                    and name.lower() != "[content_types].xml" and not name.endswith("/"):
                self.drop("unused parts", name)

    # -- reading ---------------------------------------------------------------------------------

    def _bytes(self, name: str, cap: int) -> bytes:
        info = self.entries[name.lower().lstrip("/")]
        if info.flag_bits & 0x1:
            raise self.fail(f"{name.lstrip('/')} is encrypted")
        if info.file_size > cap or (info.file_size > RATIO_FLOOR
                                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise self.fail(f"{name.lstrip('/')} inflates to {info.file_size:,} bytes "
                            f"from {info.compress_size:,}; a part may have at most {cap:,}")
        with self.zip.open(info) as stream:
            data = stream.read(cap + 1)
        if len(data) > cap:
            raise self.fail(f"{name.lstrip('/')} inflates to more than {cap:,} bytes")
        self.total += len(data)
        if self.total > MAX_TOTAL:
            raise self.fail(f"its parts inflate to more than {MAX_TOTAL:,} bytes in all")
        return data

    def _image(self, name: str, content_type: str) -> bytes:
        """A kept image without its metadata (EXIF, XMP, comments...), as an analyst's own images are published."""
        from ...images import ImageProblem, published

        data = self._bytes(name, MAX_MEDIA_PART)
        try:
            clean = published(data, content_type)
        except ImageProblem as exc:
            raise self.fail(f"{name.lstrip('/')} {exc}") from None
        if clean != data:
            self.drop("image metadata", name.lstrip("/"))
        return clean

    def _parse(self, name: str) -> etree._Element:
        try:
            return untrusted_xml(self._bytes(name, MAX_XML_PART))
        except ValueError as exc:
            raise self.fail(f"{name.lstrip('/')} {exc}") from None

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if "[content_types].xml" not in self.entries:
            raise self.fail("it has no [Content_Types].xml; it is not an Office document")
        root = self._parse("[Content_Types].xml")
        defaults = {e.get("Extension", "").lower(): e.get("ContentType", "")
                    for e in root.iter(f"{{{CONTENT_TYPES_NS}}}Default")}
        overrides = {e.get("PartName", "").lower(): e.get("ContentType", "")
                     for e in root.iter(f"{{{CONTENT_TYPES_NS}}}Override")}
        return defaults, overrides

    def _content_type(self, name: str) -> str | None:
        found = self.overrides.get(name.lower())
        if found is None:
            found = self.defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())
        return found

    def _rels(self, source: str) -> list[etree._Element]:
        rels = rels_name(source).lstrip("/")
        if rels.lower() not in self.entries:
            return []
        return list(self._parse(rels).iter(f"{{{RELATIONSHIPS_NS}}}Relationship"))

    def _xml(self, name: str, kind: str, dropped_ids: set[str]) -> bytes:
        root = self._parse(name)
        expected = _ROOTS.get((self.fmt, kind)) or _ROOTS.get(("", kind))
        if (etree.QName(root).namespace or "").startswith(_STRICT):
            save = "Word Document (.docx)" if self.fmt == "docx" else "PowerPoint Presentation (.pptx)"
            raise self.fail(f"it is saved as Strict Open XML (ISO/IEC 29500 Strict), which python-{self.fmt} "
                            f"cannot read; save it again as a {save}, not 'Strict Open XML'")
        if expected and root.tag != expected[0]:
            raise self.fail(f"{name.lstrip('/')} is not a {kind} part (its root element is "
                            f"<{etree.QName(root).localname}>, not <{expected[1]}>)")
        if self.fmt == "docx" and kind == "officeDocument" and root.find(f"{{{_W_NS}}}body") is None:
            raise self.fail(f"{name.lstrip('/')} has no <w:body>")
        if dropped_ids:
            _cut_references(root, dropped_ids)
        if self.fmt == "docx" and kind == "settings":
            self._forget(root)
        return serialized(root)

    def _forget(self, settings: etree._Element) -> None:
        """Word settings that remember the template's author and their machine: a mail merge's data source
        and query (a path in the user's home folder), document variables, an attached XML schema."""
        for tag, what in _REMEMBERED.items():
            for element in settings.findall(f"{{{_W_NS}}}{tag}"):
                settings.remove(element)
                self.drop(what, "word/settings.xml")

    # -- writing ---------------------------------------------------------------------------------

    def _package(self, kept: dict[str, bytes], kept_rels: dict[str, bytes], content_types: dict[str, str]) -> bytes:
        types = etree.Element(f"{{{CONTENT_TYPES_NS}}}Types", nsmap={None: CONTENT_TYPES_NS})
        etree.SubElement(types, f"{{{CONTENT_TYPES_NS}}}Default", Extension="rels", ContentType=RELATIONSHIPS_TYPE)
        etree.SubElement(types, f"{{{CONTENT_TYPES_NS}}}Default", Extension="xml", ContentType="application/xml")
        for name, ct in content_types.items():
            etree.SubElement(types, f"{{{CONTENT_TYPES_NS}}}Override", PartName=name, ContentType=ct)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
            target.writestr("[Content_Types].xml", serialized(types))
            for source, rels in kept_rels.items():
                target.writestr(rels_name(source).lstrip("/"), rels)
            for name, data in kept.items():
                target.writestr(name.lstrip("/"), data)
        return out.getvalue()


def untrusted_xml(data: bytes) -> etree._Element:
    """An Office XML part from a file someone else made, parsed with entities, DTDs and network access off;
    ValueError saying what is wrong with it ("is not well-formed XML (…)") if it cannot be used."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"is not well-formed XML ({exc})") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ValueError("has a DOCTYPE; Office XML parts never have one")
    return tree.getroot()


def theme_element(package: zipfile.ZipFile, names: list[str], element: str) -> etree._Element | None:
    """The ``element`` (a:clrScheme, a:fontScheme) of the package's first theme part: the document's, or the
    first master's; None if there is none."""
    themes = sorted(n for n in names if posixpath.basename(posixpath.dirname(n)) == "theme" and n.endswith(".xml"))
    if not themes:
        return None
    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    return untrusted_xml(package.read(themes[0])).find(f"{{{drawing}}}themeElements/{{{drawing}}}{element}")


def _cut_references(root: etree._Element, dropped_ids: set[str]) -> None:
    """Remove every element that points at a dropped relationship (with its picture or object frame)."""
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if any(k.startswith(f"{{{_R_NS}}}") and v in dropped_ids for k, v in element.attrib.items()):
            doomed.append(element)
    for element in doomed:
        if element.tag in _UNWRAP:
            for key in [k for k in element.attrib if k.startswith(f"{{{_R_NS}}}")]:
                del element.attrib[key]
            continue
        holder = next((a for a in element.iterancestors() if a.tag in _HOLDERS), element)
        parent = holder.getparent()
        if parent is not None:
            parent.remove(holder)


def _resolve(source: str, target: str) -> str | None:
    """The part name a relationship's target names, or None if it leaves the package."""
    base = _ROOT if source == _ROOT else posixpath.dirname(source)
    joined = target if target.startswith("/") else posixpath.join(base, target)
    name = posixpath.normpath(joined)
    if not name.startswith("/") or name.startswith("//") or ".." in name.split("/"):
        return None
    return name


def _listed(details: list[str]) -> str:
    shown = ", ".join(details[:3])
    return shown if len(details) <= 3 else f"{shown} and {len(details) - 3} more"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
