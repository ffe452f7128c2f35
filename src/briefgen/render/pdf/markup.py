"""Inline spans → reportlab paragraph markup: content text escaped, and only our own tags around it.

reportlab's Paragraph reads XML-like markup: left unescaped, content could resize text with
<font>, pull a local file in with <img src>, or make a javascript: link. So every span's text
is escaped, the only tags are the ones written here, and a link target that is not http, https
or mailto is dropped (its text stays), whatever the loader already checked.

Links, citations and runs of right-to-left script are bracketed by structure markers
(pdf_tags.marker), so the tagged PDF gives each its Link, Reference or Span element.
"""

from __future__ import annotations

from typing import Iterable

from ... import scripts
from ...inline import Span
from ...layout.document import NoteMark
from ...layout.line_breaks import address_parts, without_break_marks
from .bidi import visual
from .fonts import Family
from .tags import Inline as InlineElement, marker
from .word_breaks import LINE_MAY_END
from ...value import Value

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def escape(text: str) -> str:
    """``text`` with &, < and > written as entities: safe as paragraph text, never as markup."""
    # xml.sax.saxutils.escape does the same, but importing it pulls in urllib, http and ssl (~30 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_target(href: str | None) -> str | None:
    """The link target if a reader may follow it from the PDF, else None."""
    if href and href.lower().startswith(SAFE_SCHEMES):
        return href
    return None


# The markup of a piece of text, by everything it is made from: a warm process (watch) writes the same few hundred
# texts at every save, and finding their scripts, directions and faces character by character was ~6% of a PDF
# save of the NRF brief. Emptied when full (a long brief's texts are each written once).
_STYLED: dict[tuple, str] = {}
_STYLED_KEPT = 4096


class Markup(Value):
    """Writes paragraph markup in one font family, note marks linked to the notes the layout numbered."""

    family: Family
    link_colour: str  # RRGGBB
    language: str  # the document's, BCP 47: runs in another language are tagged with theirs

    def spans(self, spans: Iterable[Span | NoteMark], *, bold: bool = False, italic: bool = False) -> str:
        """One paragraph's markup; ``bold``/``italic`` style the whole paragraph (headings, quotes)."""
        out: list[str] = []
        for span in spans:
            if isinstance(span, NoteMark):
                out.append(self._mark(span))
            else:
                out.append(self._styled(span.text, bold=bold or span.bold, italic=italic or span.italic,
                                        href=span.href))
        return "".join(out)

    def text(self, text: str, *, bold: bool = False, italic: bool = False) -> str:
        """Markup for plain text such as a heading or a label."""
        return self._styled(text, bold=bold, italic=italic, href=None)

    def _mark(self, mark: NoteMark) -> str:
        colour = f"#{self.link_colour}"
        target = f"#{mark.anchor}"
        separator = f"<super>{escape(mark.separator)}</super>" if mark.separator else ""
        return (separator + marker(InlineElement("Reference")) + marker(InlineElement("Link", target, mark.description))
                + f'<super><a href="{escape(target)}" color="{colour}">{mark.number}</a></super>'
                + marker(None) + marker(None))

    def _styled(self, text: str, *, bold: bool, italic: bool, href: str | None) -> str:
        # By the family's identity: families are kept for the process (fonts._family), so an id names one.
        asked = (id(self.family), self.link_colour, self.language, text, bold, italic, href)
        found = _STYLED.get(asked)
        if found is None:
            if len(_STYLED) >= _STYLED_KEPT:
                _STYLED.clear()
            found = _STYLED[asked] = self._made(text, bold=bold, italic=italic, href=href)
        return found

    def _made(self, text: str, *, bold: bool, italic: bool, href: str | None) -> str:
        if href:
            # An address shown as itself, in the parts a line may end between (layout/line_breaks.py): drawn
            # without the marks that say so in Word, it is copied as written.
            inner = LINE_MAY_END.join("".join(self._scripts(part, bold=bold, italic=italic))
                                      for part in address_parts(text))
            text = without_break_marks(text)
        else:
            inner = "".join(self._scripts(text, bold=bold, italic=italic))
        target = safe_target(href)
        if target is None:
            return inner
        attribute = escape(target).replace('"', "&quot;")
        return (marker(InlineElement("Link", target, text)) +
                f'<a href="{attribute}" color="#{self.link_colour}">{inner}</a>' + marker(None))

    def _scripts(self, text: str, *, bold: bool, italic: bool) -> list[str]:
        """Each run of right-to-left script in a Span that gives its language and its logical order."""
        out: list[str] = []
        for piece, language in scripts.runs(text, self.language):
            face_runs = self._faces(visual(piece), bold=bold, italic=italic)
            if language is None:
                out.append(face_runs)
                continue
            lang = None if scripts.same_language(language, self.language) else language
            out.append(marker(InlineElement("Span", lang=lang, actual_text=piece)) + face_runs + marker(None))
        return out

    def _faces(self, text: str, *, bold: bool, italic: bool) -> str:
        face = self.family.face(bold=bold, italic=italic)
        runs: list[str] = []
        # Only what neither the regular face nor the fallback shows is replaced: a character just the
        # styled face lacks is set in the regular face, one the family lacks in the fallback (Family.runs).
        for run, shown in self.family.runs(self.family.drawable(text), face):
            body = escape(run).replace("\n", "<br/>")
            if shown is self.family.fallback and shown is not face:
                body = f'<font name="{escape(shown.name)}">{body}</font>'
            elif shown is face:
                if italic:
                    body = f"<i>{body}</i>"
                if bold:
                    body = f"<b>{body}</b>"
            runs.append(body)
        return "".join(runs)
