"""Text escaped for the XML and XML-like markup the renderers write by hand (Office parts, reportlab paragraphs)."""


def escape(text: str) -> str:
    """``text`` with &, < and > written as entities: safe as element content, never as markup."""
    # xml.sax.saxutils.escape does the same, but importing it pulls in urllib, http and ssl (~30 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(text: str) -> str:
    """``text`` escaped for a double-quoted attribute value."""
    return escape(text).replace('"', "&quot;")
