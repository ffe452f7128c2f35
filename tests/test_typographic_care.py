"""Typographic care, decided once in the layout: each rule of issue 27 that has landed, held in every product."""

from __future__ import annotations

import zipfile

from lxml import etree

from briefgen.theme import load_theme
from briefgen.typography import typography

from .conftest import NRF, run_briefgen

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_COLOUR = "{http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor}hlinkClr"


def test_deck_links_are_in_the_themes_link_colour_not_office_blue(tmp_path):
    out = tmp_path / "nrf.pptx"
    result = run_briefgen("pptx", NRF, "-o", out)
    assert result.returncode == 0, result.stderr
    link = typography(load_theme()).deck.link.colour
    assert link == load_theme().colours.link
    linked = []
    with zipfile.ZipFile(out) as deck:
        for name in deck.namelist():
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                # An address's link; a "go to slide" jump (an action) is the slide's own text, not a link.
                linked += [click for click in etree.fromstring(deck.read(name)).iter(f"{{{A}}}hlinkClick")
                           if click.get("action") is None]
    assert linked
    for click in linked:
        run_properties = click.getparent()
        assert run_properties.find(f"{{{A}}}solidFill/{{{A}}}srgbClr").get("val") == link
        # PowerPoint would draw its theme's hyperlink colour unless told to take the run's.
        assert click.find(f".//{HYPERLINK_COLOUR}").get("val") == "tx"
