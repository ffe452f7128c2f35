"""Paragraph markup read into reportlab's frags without its parser: the frags its ParaParser would make.

reportlab reads a paragraph's markup with an html.parser.HTMLParser, copying a frag for each
tag and each run of text: ~11 ms of a cold PDF of the NRF brief (160 paragraphs). The markup
is ours (markup.py), of a few tags always written alike, so here it is read with one pattern and
the frags made as ParaParser makes them, with its own functions for fonts and colours: each run
of text between two tags or references is one frag (a reference, such as ``&amp;``, one of its
own), with the attributes of the tags open around it. Markup with anything else in it (another
tag, another reference, an attribute written otherwise) is left to ParaParser, whose frags and
errors these stand in for. Tests hold the frags to ParaParser's on generated markup.
"""

from __future__ import annotations

import re
from html import unescape

from .internals import (OPENS_PARA, SUPERSCRIPT_RISE, SUPERSCRIPT_SHRINK, ABag, ParaFrag, known_entities,
                        link_underline, ps2tt, toColor, transformed, tt2ps)

# A tag as markup.py writes it (attributes double-quoted, one space before each), a reference, or text.
_TOKEN = re.compile(r'<(/?)([a-zA-Z]+)((?: [a-z]+="[^"]*")*)(/?)>|&([a-z]+);|[^<&]+')
_ATTRIBUTE = re.compile(r' ([a-z]+)="([^"]*)"')
_ENTITIES = {name: known_entities[name] for name in ("amp", "lt", "gt", "quot")}


def frags_of(text: str, style: object) -> list | None:
    """The frags of ``text`` (markup as Paragraph has cleaned it) in ``style``, as ParaParser reads them; None
    where the markup is not of the kind read here."""
    if text.startswith("<") and OPENS_PARA.match(text) or link_underline(style):
        return None
    family, bold, italic = ps2tt(style.fontName)
    top = {"rise": 0, "greek": 0, "link": [], "fontName": family, "bold": bold, "italic": italic,
           "fontSize": style.fontSize, "textColor": style.textColor, "us_lines": [], "__tag__": "para"}
    stack = [top]
    frags: list = []
    links = 0
    at, end = 0, len(text)
    while at < end:
        token = _TOKEN.match(text, at)
        if token is None:
            return None
        at = token.end()
        closing, tag, attributes, empty, entity = token.groups()
        if tag is None:
            if entity is None:
                frags.append(_frag(top, token.group()))
            elif entity in _ENTITIES:
                frags.append(_frag(top, _ENTITIES[entity]))
            else:
                return None
            continue
        if closing:
            if attributes or empty or tag != top["__tag__"] or len(stack) == 1:
                return None
            stack.pop()
            top = stack[-1]
            continue
        given = {name: unescape(value) for name, value in _ATTRIBUTE.findall(attributes)}
        if empty:
            if tag == "br" and not given:
                frags.append(_frag({**top, "__tag__": "br", "lineBreak": True}, ""))
            elif tag == "onDraw" and list(given) in (["name"], ["name", "label"]):
                definition = ABag()
                definition.name, definition.label, definition.kind = given["name"], given.get("label"), "onDraw"
                frags.append(_frag({**top, "__tag__": "ondraw", "cbDefn": definition}, ""))
            elif tag == "a" and list(given) == ["name"] and given["name"].strip():  # a place a link may lead to
                definition = ABag()
                definition.label, definition.kind, definition.name = "anchor", "anchor", given["name"]
                frags.append(_frag({**top, "__tag__": "a", "cbDefn": definition}, ""))
            else:
                return None
            continue
        if tag in ("b", "i") and not given:
            top = {**top, "__tag__": tag, "bold" if tag == "b" else "italic": 1}
        elif tag == "super" and not given:
            top = {**top, "__tag__": tag}
            top["rise"] += top["fontSize"] * SUPERSCRIPT_RISE
            top["fontSize"] = top["fontSize"] - min(SUPERSCRIPT_SHRINK, 0.2 * top["fontSize"])
        elif tag == "font" and list(given) == ["name"]:
            family, bold, italic = ps2tt(given["name"])
            top = {**top, "__tag__": tag, "fontName": family, "bold": bold, "italic": italic}
        elif tag == "a" and list(given) == ["href", "color"]:
            top = {**top, "__tag__": tag, "link": [*top["link"], (links, given["href"].strip())],
                   "textColor": toColor(given["color"])}
            links += 1
        else:
            return None
        stack.append(top)
    if len(stack) != 1:
        return None
    transformed(frags, style)
    return frags


def _frag(attributes: dict, text: str) -> object:
    """A frag of ``text`` in the open tags' ``attributes``, its face named as ParaParser names it."""
    frag = ParaFrag.__new__(ParaFrag)
    frag.__dict__.update(attributes)
    frag.fontName = tt2ps(attributes["fontName"], attributes["bold"], attributes["italic"])
    frag.text = text
    return frag
