"""The PDF's XMP metadata packet: title, authors, language, dates, and the PDF/UA-1 identification.

PDF/UA-1 (ISO 14289-1 §5, §7.1) asks for the pdfuaid:part entry and a dc:title in the
catalogue's metadata stream. Non-ASCII text is written as character references, so the
packet is plain ASCII whatever the brief's script (but for the byte-order mark XMP opens with).
"""

from __future__ import annotations

from datetime import datetime, timezone

from lxml import etree

from ...layout.properties import Properties

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_META = "adobe:ns:meta/"
_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The packet's wrapper (XMP part 1, 7.3): its start names the byte-order mark of its encoding.
_START = etree.PI("xpacket", 'begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"')
_END = etree.PI("xpacket", 'end="r"')


def packet(about: Properties, when: datetime) -> bytes:
    stamp = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    meta = etree.Element(f"{{{_META}}}xmpmeta", nsmap={"x": _META})
    rdf = etree.SubElement(meta, f"{{{_RDF}}}RDF", nsmap={"rdf": _RDF})
    description = etree.SubElement(rdf, f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""}, nsmap=_NAMESPACES)

    def add(name: str, text: str, container: str | None = None) -> None:
        """A property; in an rdf:Alt (one text in the default language), rdf:Seq or rdf:Bag if ``container``."""
        prefix, local = name.split(":")
        element = etree.SubElement(description, f"{{{_NAMESPACES[prefix]}}}{local}")
        if container:
            element = etree.SubElement(etree.SubElement(element, f"{{{_RDF}}}{container}"), f"{{{_RDF}}}li")
            if container == "Alt":
                element.set(_LANG, "x-default")
        element.text = text

    add("dc:title", about.title, "Alt")
    add("dc:creator", about.author, "Seq")
    add("dc:description", about.subject, "Alt")
    add("dc:language", about.language, "Bag")
    add("xmp:CreateDate", stamp)
    add("xmp:ModifyDate", stamp)
    add("xmp:CreatorTool", about.application)
    add("pdfuaid:part", "1")
    if about.rights:
        add("dc:rights", about.rights, "Alt")
        add("xmpRights:Marked", "True")
    if about.identifier:
        add("dc:identifier", about.identifier)
    if about.copy:
        # Whom this numbered copy was issued to, with its handling: the terms it may be used under.
        add("xmpRights:UsageTerms", f"{about.status}; {about.copy}", "Alt")
    if about.keywords:
        add("pdf:Keywords", about.keywords)
    # One property a line, each level indented by one space more.
    meta.text, rdf.text, description.text = "\n ", "\n  ", "\n   "
    for element in description:
        element.tail = "\n   "
    description[-1].tail, description.tail, rdf.tail = "\n  ", "\n ", "\n"
    # Plain ASCII, other characters as references, whatever the brief's script; the start's mark in UTF-8.
    return b"\n".join((etree.tostring(_START, encoding="UTF-8"), etree.tostring(meta, encoding="ascii"),
                       etree.tostring(_END, encoding="UTF-8")))
