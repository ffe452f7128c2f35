"""The PDF's XMP metadata packet: title, authors, language, dates, and the PDF/UA-1 identification.

PDF/UA-1 (ISO 14289-1 §5, §7.1) asks for the pdfuaid:part entry and a dc:title in the
catalogue's metadata stream. Non-ASCII text is written as character references, so the
packet is plain ASCII whatever the brief's script (but for the byte-order mark XMP opens with).
"""

from __future__ import annotations

from datetime import datetime, timezone

from ...layout.properties import Properties

_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}


def packet(about: Properties, when: datetime) -> bytes:
    stamp = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    properties = [
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_text(about.title)}</rdf:li></rdf:Alt></dc:title>',
        f"<dc:creator><rdf:Seq><rdf:li>{_text(about.author)}</rdf:li></rdf:Seq></dc:creator>",
        '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
        f"{_text(about.subject)}</rdf:li></rdf:Alt></dc:description>",
        f"<dc:language><rdf:Bag><rdf:li>{_text(about.language)}</rdf:li></rdf:Bag></dc:language>",
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{stamp}</xmp:ModifyDate>",
        f"<xmp:CreatorTool>{_text(about.application)}</xmp:CreatorTool>",
        "<pdfuaid:part>1</pdfuaid:part>",
    ]
    if about.rights:
        properties += [f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{_text(about.rights)}</rdf:li></rdf:Alt>'
                       "</dc:rights>", "<xmpRights:Marked>True</xmpRights:Marked>"]
    if about.identifier:
        properties.append(f"<dc:identifier>{_text(about.identifier)}</dc:identifier>")
    if about.copy:
        # Whom this numbered copy was issued to, with its handling: the terms it may be used under.
        properties.append('<xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">'
                          f"{_text(about.status)}; {_text(about.copy)}</rdf:li></rdf:Alt></xmpRights:UsageTerms>")
    if about.keywords:
        properties.append(f"<pdf:Keywords>{_text(about.keywords)}</pdf:Keywords>")
    body = "\n".join(f"   {p}" for p in properties)
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f'  <rdf:Description rdf:about="" {declarations}>\n{body}\n  </rdf:Description>\n'
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    )
    return xml.encode("utf-8")


def _text(value: str) -> str:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.encode("ascii", "xmlcharrefreplace").decode("ascii")
