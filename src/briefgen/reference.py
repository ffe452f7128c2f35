"""The brief's own reference as reference managers read it: CSL-JSON (pandoc, Zotero) and BibTeX.

The same facts as the suggested citation (layout/publication.py): authors, title, series and
number, organisation, date, DOI and URL. A brief is a report in both vocabularies.
"""

from __future__ import annotations

import re

from .inline import plain
from .model import Brief


def split_name(name: str) -> tuple[str, str]:
    """(given, family) of a personal name written given-first: the family name is its last word."""
    given, _, family = name.rpartition(" ")
    return given, family


def key(brief: Brief) -> str:
    """The reference's key: the first author's family name and the year, in ASCII ("nsaibia2022")."""
    import unicodedata
    family = split_name(brief.authors[0].name)[1]
    ascii_name = unicodedata.normalize("NFKD", family).encode("ascii", "ignore").decode("ascii")
    return (re.sub(r"[^a-z0-9]", "", ascii_name.lower()) or "brief") + str(brief.date.year)


def csl_item(brief: Brief) -> dict:
    """One CSL-JSON item (CSL 1.0.2 variables) for the brief."""
    item: dict = {"id": key(brief), "type": "report", "title": plain(brief.title),
                  "author": [_csl_name(a.name) for a in brief.authors],
                  "publisher": brief.organisation,
                  "issued": {"date-parts": [[p for p in (brief.date.year, brief.date.month, brief.date.day) if p]]},
                  "language": brief.language}
    if brief.series:
        item["genre"] = brief.series.name  # as pandoc reads a @techreport's type: "Policy Briefs 12"
        if brief.series.number:
            item["number"] = brief.series.number
    if brief.doi:
        item["DOI"] = brief.doi
    if brief.url or brief.doi:
        item["URL"] = brief.url or brief.address
    if brief.licence:
        item["license"] = brief.licence.id
    return item


def csl_json(brief: Brief) -> str:
    import json  # only for `briefgen cite`
    return json.dumps([csl_item(brief)], ensure_ascii=False, indent=2) + "\n"


def _csl_name(name: str) -> dict:
    given, family = split_name(name)
    return {"family": family, "given": given} if given else {"literal": family}


def bibtex(brief: Brief) -> str:
    """A @techreport entry, its text escaped for LaTeX; a one-word author (an organisation) in braces."""
    fields = [("author", " and ".join(_bib_name(a.name) for a in brief.authors)),
              ("title", "{" + _escape(plain(brief.title)) + "}"),
              ("institution", _escape(brief.organisation)),
              ("year", str(brief.date.year))]
    if brief.date.month:
        fields.append(("month", str(brief.date.month)))
    if brief.series:
        fields.append(("type", _escape(brief.series.name)))
        if brief.series.number:
            fields.append(("number", _escape(brief.series.number)))
    if brief.doi:
        fields.append(("doi", brief.doi))
    if brief.address:
        fields.append(("url", brief.url or brief.address))
    if brief.licence:
        fields.append(("copyright", brief.licence.id))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{key(brief)},\n{body}\n}}\n"


def _bib_name(name: str) -> str:
    given, family = split_name(name)
    return f"{_escape(family)}, {_escape(given)}" if given else "{" + _escape(family) + "}"


_LATEX = {c: "\\" + c for c in "&%$#_{}"} | {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                                            "\\": r"\textbackslash{}"}


def _escape(text: str) -> str:
    return "".join(_LATEX.get(c, c) for c in text)
