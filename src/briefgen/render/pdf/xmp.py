"""The PDF's XMP metadata packet: title, authors, language, dates, and the PDF/UA-1 identification.

PDF/UA-1 (ISO 14289-1 §5, §7.1) asks for the pdfuaid:part entry and a dc:title in the
catalogue's metadata stream. Non-ASCII text is written as character references, so the
packet is plain ASCII whatever the brief's script (but for the byte-order mark XMP opens with).

The packet is written as text, as lxml serialised the tree it was once built as (tests hold it to that): its
shape is fixed and only the properties' text varies, and importing lxml was ~4 ms of every PDF's start.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ...layout.properties import Properties

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}
# The packet's wrapper (XMP part 1, 7.3): its start names the byte-order mark of its encoding, in UTF-8.
_START = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'.encode()
_END = b'<?xpacket end="r"?>'
_DECLARED = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
_OPEN = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/">\n <rdf:RDF xmlns:rdf="{_RDF}">\n'
         f'  <rdf:Description {_DECLARED} rdf:about="">')
_CLOSE = "\n  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>"


def _text(text: str) -> str:
    """Element text as XML writes it: markup characters and carriage returns as references."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def packet(about: Properties, when: datetime) -> bytes:
    written = []
    for name, text, container in properties(about, when):
        if container:  # in an rdf:Alt (one text in the default language), rdf:Seq or rdf:Bag
            lang = ' xml:lang="x-default"' if container == "Alt" else ""
            text = f"<rdf:{container}><rdf:li{lang}>{_text(text)}</rdf:li></rdf:{container}>"
        else:
            text = _text(text)
        written.append(f"\n   <{name}>{text}</{name}>")
    # One property a line, each level indented by one space more; other characters than ASCII as references.
    meta = "".join((_OPEN, *written, _CLOSE))
    return b"\n".join((_START, meta.encode("ascii", "xmlcharrefreplace"), _END))


def properties(about: Properties, when: datetime) -> list[tuple[str, str, str | None]]:
    """Each property of the packet in order: its name, its text, and the rdf container it is in, if any."""
    stamp = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    found: list[tuple[str, str, str | None]] = [
        ("dc:title", about.title, "Alt"), ("dc:creator", about.author, "Seq"),
        ("dc:description", about.subject, "Alt"), ("dc:language", about.language, "Bag"),
        ("xmp:CreateDate", stamp, None), ("xmp:ModifyDate", stamp, None),
        ("xmp:CreatorTool", about.application, None), ("pdfuaid:part", "1", None)]
    if about.rights:
        found += [("dc:rights", about.rights, "Alt"), ("xmpRights:Marked", "True", None)]
    if about.identifier:
        found.append(("dc:identifier", about.identifier, None))
    if about.copy:
        # Whom this numbered copy was issued to, with its handling: the terms it may be used under.
        found.append(("xmpRights:UsageTerms", f"{about.status}; {about.copy}", "Alt"))
    if about.keywords:
        found.append(("pdf:Keywords", about.keywords, None))
    return found
