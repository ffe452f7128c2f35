"""The tagged PDF's logical structure: elements in reading order and the content each one owns.

A tagged PDF (ISO 32000-1 §14.8, PDF/UA-1) says what each mark on a page is: a heading,
a paragraph, a table cell, a link. The renderer builds the tree here, in the order a
reader reads the brief, before anything is drawn; drawing then gives each element its
content: marked-content sequences (a page and an MCID) and link annotations. Whatever is
drawn for no element (running headers and footers, the marking, rules, fills) is an
artifact. This module knows nothing of reportlab: ``structure_objects`` writes the tree
as PDF objects and ``canvas`` marks the content.

Inline elements (a link, a citation, a run in another language) are opened and closed
inside a paragraph's text by markers that ride in the paragraph markup (``inline``).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, unquote

from ...value import Value

# The standard structure types we use (ISO 32000-1 §14.8.4); no role map is needed.
HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


class Marked:
    """A marked-content sequence: the ``mcid``-th on page ``page`` (counted from 0).

    Slotted, as are the two classes below: a dense paragraph of a million characters has one
    per line and per link, ~50,000, kept until the file is written.
    """

    __slots__ = ("page", "mcid")

    def __init__(self, page: int, mcid: int):
        self.page, self.mcid = page, mcid


class Annotated:
    """A link annotation on page ``page``, by the opaque key the canvas gave it."""

    __slots__ = ("page", "key")

    def __init__(self, page: int, key: object):
        self.page, self.key = page, key


class Element:
    """One structure element: a standard type, its attributes, and its kids in reading order.

    Its attributes: ``alt``, what a Figure shows said in words; ``actual_text``, the text as read
    where the glyphs drawn differ (right-to-left runs); ``lang``, BCP 47 where it differs from
    the document's; ``scope``, a TH's Column or Row; ``numbering``, an L's Decimal or Disc;
    ``id``, a Note's identifier; ``contents``, a Link's annotation text said aloud; ``target``,
    a Link's URL or "#destination", to find its annotations.
    """

    ATTRIBUTES = ("alt", "actual_text", "lang", "scope", "numbering", "id", "contents", "target")
    __slots__ = ("role", "parent", "kids", *ATTRIBUTES)

    def __init__(self, role: str, parent: Element | None = None, **attributes: str | None) -> None:
        unknown = set(attributes) - set(self.ATTRIBUTES)
        if unknown:
            raise TypeError(f"Element: unknown attributes {sorted(unknown)}")
        self.role, self.parent = role, parent
        for name in self.ATTRIBUTES:
            setattr(self, name, attributes.get(name))
        self.kids: list[Element | Marked | Annotated] = []

    def add(self, role: str, **attributes: str | None) -> Element:
        """A new last child of this element."""
        child = Element(role, self, **attributes)
        self.kids.append(child)
        return child

    def elements(self) -> list[Element]:
        """This element and every element under it, depth first, in reading order."""
        found = [self]
        for kid in self.kids:
            if isinstance(kid, Element):
                found += kid.elements()
        return found

    def has_content(self) -> bool:
        return any(not isinstance(k, Element) or k.has_content() for k in self.kids)

    def prune(self) -> None:
        """Drop elements that never received content (a block that drew nothing)."""
        self.kids = [k for k in self.kids if not isinstance(k, Element) or k.has_content()]
        for kid in self.kids:
            if isinstance(kid, Element):
                kid.prune()


class Structure:
    """The document's tree, rooted in one Document element, and the marked content of each page."""

    def __init__(self, language: str):
        self.language = language
        self.root = Element("Document")
        self.pages: list[list[Element]] = []  # page → the element owning each MCID, by MCID
        self.annotations: list[tuple[Element, Annotated]] = []
        self._notes = 0

    def add(self, role: str, **attributes: str | None) -> Element:
        return self.root.add(role, **attributes)

    def mark(self, element: Element, page: int) -> Marked:
        """Give ``element`` the next marked-content sequence on ``page``."""
        while len(self.pages) <= page:
            self.pages.append([])
        marked = Marked(page, len(self.pages[page]))
        self.pages[page].append(element)
        element.kids.append(marked)
        return marked

    def annotate(self, element: Element, page: int, key: object) -> None:
        """Record that the annotation ``key`` on ``page`` belongs to the Link ``element``."""
        annotated = Annotated(page, key)
        element.kids.append(annotated)
        self.annotations.append((element, annotated))


# Inline markers: a paragraph's markup carries them where an inline element opens and closes.
MARKER = "tag"  # the name of the canvas callback they call (reportlab's <onDraw name=...>)
END = "end"


class Inline(Value):
    """An inline element a marker opens: its type and attributes."""

    role: str  # Link, Reference, Span
    target: str | None = None  # a Link's URL or "#destination"
    contents: str | None = None
    lang: str | None = None
    actual_text: str | None = None

    def label(self) -> str:
        """This element as one marker label: the type, then key=value pairs, percent-encoded."""
        pairs = [(k, v) for k, v in (("target", self.target), ("contents", self.contents), ("lang", self.lang),
                                     ("actual_text", self.actual_text)) if v is not None]
        return " ".join([self.role, *(f"{k}={quote(v, safe='')}" for k, v in pairs)])

    @classmethod
    @lru_cache(maxsize=1024)  # asked at every draw of the same few hundred labels, render after render
    def parse(cls, label: str) -> Inline:
        role, *pairs = label.split(" ")
        return cls(role, **{k: unquote(v) for k, v in (p.split("=", 1) for p in pairs)})


def marker(inline: Inline | None) -> str:
    """Paragraph markup that opens ``inline`` where it stands, or closes the innermost one (None)."""
    label = END if inline is None else inline.label()
    return f'<onDraw name="{MARKER}" label="{label}"/>'
