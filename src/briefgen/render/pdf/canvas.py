"""A reportlab canvas that marks what it draws: text for the structure element being drawn, the rest as artifact.

Every page opens as an artifact (``/Artifact BMC``). A paragraph being drawn for an element
(``tagged``) puts each of its text objects in a marked-content sequence of that element,
with an MCID recorded in the structure; inline markers inside the text (a link, a
citation, a run in another language) close the sequence and open one for the inline
element, all inside the text object, as ISO 32000-1 §14.6 requires of BT/ET and BDC/EMC.
A figure (``region``) owns everything drawn while it is open. Whatever else is drawn —
running headers, footers, the marking, rules, fills, a table header repeated on a later
page — stays an artifact. On save the structure is written (structure_objects).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterator

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from . import internals, word_breaks
from .structure_objects import write_structure
from .tags import END, MARKER, Element, Inline, Structure

ARTIFACT_BEGIN, END_MARKED = "/Artifact BMC", "EMC"
_SHOWS_TEXT = re.compile(r"(?:^|\s)(?:T[jJ]|'|\")(?:\s|$)")
# How nearly every operator string that shows text ends: found without searching it whole.
_ENDS_SHOWING_TEXT = (" Tj", " Tj T*", " TJ", " TJ T*")


class _Marker(str):
    """An empty operator left in a text object where an inline element opens or closes, or a link was added.

    A str, because reportlab's text object reads its last operator as one; replaced by
    ``_marked`` before the text object is written.
    """

    def __new__(cls, *args: object) -> _Marker:
        return super().__new__(cls, "")


class _Open(_Marker):
    def __init__(self, inline: Inline):
        self.inline = inline


class _Close(_Marker):
    pass


class _Annotation(_Marker):
    def __init__(self, annotation: object, target: str):
        self.annotation, self.target = annotation, target


class _Cursor:
    """Where a paragraph's drawing stands, kept across the parts a page break splits it into."""

    def __init__(self) -> None:
        self.open: list[Element] = []  # inline elements opened and not yet closed
        self.links: list[tuple[Element, bool]] = []  # Links still to get annotations, closed?


class TaggedCanvas(Canvas):
    def __init__(self, *args: object, structure: Structure, metadata: bytes, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.structure, self._metadata = structure, metadata
        self._element: Element | None = None  # the paragraph's element while it draws
        self._label: Element | None = None  # the element of its next text object, a list label
        self._region: Element | None = None
        self._text: PDFTextObject | None = None  # the text object being filled
        self._cursors: dict[Element, _Cursor] = {}
        self.setNamedCB(MARKER, self._on_marker)
        # A place a line may end inside a word draws nothing. Where the line does end there, reportlab ends it
        # with an empty text, which gets no space (_spaced_line_ends): the word is copied whole.
        self.setNamedCB(word_breaks.NAME, lambda canvas, kind, label: None)

    @contextmanager
    def tagged(self, element: Element | None, label: Element | None = None) -> Iterator[None]:
        """Text drawn inside belongs to ``element`` (None: an artifact); its first text object to ``label``."""
        self._element, self._label = element, label
        try:
            yield
        finally:
            self._element = self._label = None

    @contextmanager
    def region(self, element: Element) -> Iterator[None]:
        """Everything drawn inside is one marked-content sequence of ``element`` (a Figure)."""
        code = internals.page_operators(self)
        code += [END_MARKED, self._begin(element)]
        self._region = element
        try:
            yield
        finally:
            self._region = None
            code += [END_MARKED, ARTIFACT_BEGIN]

    def beginText(self, x: float = 0, y: float = 0, direction: str | None = None) -> PDFTextObject:  # noqa: N802
        self._text = super().beginText(x, y, direction=direction)
        return self._text

    def drawText(self, aTextObject: PDFTextObject) -> None:  # noqa: N802,N803 - reportlab's names
        code = internals.text_operators(aTextObject)
        if self._region is not None or self._element is None:
            code[:] = [op for op in code if not isinstance(op, _Marker)]  # artifact or figure: markers mean nothing
            super().drawText(aTextObject)
            return
        if self._label is not None:
            code[1:] = [self._begin(self._label), *code[1:], END_MARKED]
            self._label = None
        else:
            code[:] = self._marked(code)
        page = internals.page_operators(self)
        page.append(END_MARKED)
        super().drawText(aTextObject)
        page.append(ARTIFACT_BEGIN)

    def _marked(self, code: list) -> list[str]:
        """The text object's operators with marked-content sequences opened lazily, before text is shown."""
        assert self._element is not None
        cursor = self._cursors.setdefault(self._element, _Cursor())
        stack = [self._element, *cursor.open]
        out: list[str] = [code[0]]
        is_open = False
        for op in code[1:]:
            if isinstance(op, (_Open, _Close)):
                if is_open:
                    out.append(END_MARKED)
                    is_open = False
                if isinstance(op, _Open):
                    inline = op.inline
                    child = stack[-1].add(inline.role, contents=inline.contents, lang=inline.lang,
                                          actual_text=inline.actual_text, target=inline.target)
                    stack.append(child)
                    if inline.role == "Link":
                        cursor.links.append((child, False))
                elif len(stack) > 1:
                    closed = stack.pop()
                    cursor.links = [(link, done or link is closed) for link, done in cursor.links]
            elif isinstance(op, _Annotation):
                self._annotate(cursor, op)
            else:
                if not is_open and (op.endswith(_ENDS_SHOWING_TEXT) or _SHOWS_TEXT.search(op)):
                    out.append(self._begin(stack[-1]))
                    is_open = True
                out.append(op)
        if is_open:
            out.append(END_MARKED)
        cursor.open = stack[1:]
        return _spaced_line_ends(out)

    def _annotate(self, cursor: _Cursor, found: _Annotation) -> None:
        """Give a link annotation to the first Link of the paragraph with its target still awaiting one.

        reportlab adds a link's annotation at the end of each line the link is on, links in
        the order they open, so the first such Link is its own; once closed, it needs no more.
        """
        for index, (link, closed) in enumerate(cursor.links):
            if link.target == found.target:
                self.structure.annotate(link, self.getPageNumber() - 1, found.annotation)
                if closed:
                    del cursor.links[index]
                return

    def _begin(self, element: Element) -> str:
        marked = self.structure.mark(element, self.getPageNumber() - 1)
        return f"/{element.role} <</MCID {marked.mcid}>> BDC"

    def _on_marker(self, canvas: Canvas, kind: str, label: str) -> None:
        text = internals.paragraph_text(self)
        internals.text_operators(text).append(_Close() if label == END else _Open(Inline.parse(label)))

    # A link as a paragraph draws it (reportlab's _doLink: no border, colour or name) is added as a compact record
    # (internals.Link), any other as reportlab adds it; both signatures are reportlab's.
    def linkURL(self, url: str, rect: tuple, relative: int = 0, thickness: float = 0,  # noqa: N802
                color: object = None, dashArray: list | None = None, kind: str = "URI",  # noqa: N803
                **kw: object) -> None:
        if not thickness and color is None and dashArray is None and kind == "URI" and not kw:
            internals.add_link(self, rect, relative, url=url)
        else:
            super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        self._record_annotation(url)

    def linkRect(self, contents: str, destinationname: str, Rect: tuple | None = None,  # noqa: N802,N803
                 addtopage: int = 1, name: str | None = None, relative: int = 1, thickness: float = 0,
                 color: object = None, dashArray: list | None = None, **kw: object) -> None:  # noqa: N803
        if (contents == "" and addtopage and name is None and not thickness and color is None
                and dashArray is None and not kw):
            internals.add_link(self, Rect, relative, destination_name=destinationname)
        else:
            super().linkRect(contents, destinationname, Rect, addtopage, name, relative, thickness, color,
                             dashArray, **kw)
        self._record_annotation(f"#{destinationname}")

    def _record_annotation(self, target: str) -> None:
        # A link drawn as an artifact (a repeated table header) has no element to belong to.
        if self._element is not None and self._text is not None:
            internals.text_operators(self._text).append(_Annotation(internals.last_annotation(self), target))

    def showPage(self) -> None:  # noqa: N802
        code = internals.page_operators(self)
        code[:] = _without_empty_artifacts([ARTIFACT_BEGIN, *code, END_MARKED])
        super().showPage()
        internals.compress_last_page(self)  # a long brief's pages would wait, uncompressed, until the file is written

    def save(self) -> None:
        if internals.page_operators(self):
            self.showPage()
        write_structure(self, self.structure, self._metadata)
        internals.save(self)


_LINE_END = re.compile(r"(\)|>) Tj T\*$")


def _spaced_line_ends(code: list[str]) -> list[str]:
    """The text with a space drawn at the end of each line but the last, where the line broke at a space.

    reportlab drops the space a line breaks at, so text read from the structure ran the
    last word of a line into the first of the next ("Around" "Afghanistan's" as one word).
    The space is invisible at a line's end, and in every subset reportlab makes of a
    TrueType face code 32 is the space, so a literal or hex string takes it as is.
    """
    ends = [i for i, op in enumerate(code) if op.endswith(" Tj T*") and _LINE_END.search(op)]
    for index in ends[:-1]:
        code[index] = _LINE_END.sub(lambda end: (" )" if end.group(1) == ")" else "20>") + " Tj T*", code[index])
    return code


def _without_empty_artifacts(code: list[str]) -> list[str]:
    """Drop each ``/Artifact BMC`` that is closed at once: nothing was drawn between two tagged texts."""
    out: list[str] = []
    for op in code:
        if op == END_MARKED and out and out[-1] == ARTIFACT_BEGIN:
            out.pop()
        else:
            out.append(op)
    return out
