"""How a published brief names itself: the suggested citation, the licence notice, a numbered copy's line.

Every product takes these words from here — the brief's closing block, the deck's backup slide,
the document properties and `briefgen cite` — so the citation a reader copies is the one
`cite` prints.
"""

from __future__ import annotations

from ..inline import Inline, Span, parse, text_of
from ..model import Brief
from ..reference import split_name
from ..value import Value
from .outline import Labels
from .line_breaks import address


class Copy(Value):
    """One numbered copy of a brief under handling control, and who holds it."""

    number: int
    count: int
    recipient: str  # "Jane Doe, Example Ministry"


def citation(brief: Brief, words: Labels) -> Inline:
    """The brief's suggested citation: its own ``citation`` if it gives one, else made in the style of a
    report in a bibliography ("Family, Given, and Given Family. *Title*. Series no. 4. Organisation, date. URL")."""
    if brief.citation:
        return parse(brief.citation)
    title = [Span(s.text, s.bold, True, s.href) for s in parse(brief.title) if not s.cite]
    spans: list[Span] = [Span(_closed(author_list(brief, words)) + " "), *title,
                         Span(_closed(text_of(title))[len(text_of(title)):] + " ")]
    series = brief.series
    if series:
        number = words.series_number.format(number=series.number) if series.number else ""
        spans.append(Span(_closed(series.name + number) + " "))
    spans.append(Span(f"{brief.organisation}, {brief.date.display()}."))
    if brief.address:
        spans += [Span(" "), address(brief.address)]
    return tuple(spans)


def _closed(text: str) -> str:
    """``text`` ending a sentence: "A. N. Analyst" is not given a second full stop."""
    return text if text.endswith((".", "?", "!")) else text + "."


def author_list(brief: Brief, words: Labels) -> str:
    """The authors as a bibliography lists them: the first by family name ("Nsaibia, Héni"), the rest as written."""
    names = [a.name for a in brief.authors]
    given, family = split_name(names[0])
    names[0] = f"{family}, {given}" if given else family
    if len(names) == 1:
        return names[0]
    # Chicago's serial comma: "Doe, Jane, and John Smith".
    return ", ".join(names[:-1]) + words.and_last + names[-1]


def licence_notice(brief: Brief, words: Labels) -> Inline:
    """"Published under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): <link>"."""
    licence = brief.licence
    if licence is None:
        return ()
    return (Span(words.licence.format(name=licence.name, short=licence.short)), address(licence.url))


def rights(brief: Brief, words: Labels) -> str:
    """The licence notice as a document property holds it."""
    return text_of(licence_notice(brief, words))


def copy_line(copy: Copy | None, words: Labels) -> str:
    """What marks a numbered copy on every page and slide: "Copy 3 of 12 — Jane Doe, Example Ministry"."""
    return words.copy.format(number=copy.number, count=copy.count, recipient=copy.recipient) if copy else ""
