"""Text that can be read: every theme colour on its background at WCAG 2.2 AA, the deck template's too."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from hypothesis import given, strategies as st
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefgen import contrast
from briefgen.theme import ThemeError, load_theme, templates_root
from briefgen.typography import brief_roles, deck_roles, typography
from briefgen.value import fields

from .conftest import NRF, run_briefgen

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
COLOUR = st.text(alphabet="0123456789ABCDEF", min_size=6, max_size=6)


def grey_theme(tmp_path, sizes: dict[str, float] | None = None, **colours: str):
    """A copy of the built-in theme with some colours (and ``sizes``) changed."""
    folder = tmp_path / "grey"
    shutil.copytree(templates_root() / "default", folder)
    toml = folder / "theme.toml"
    text = toml.read_text(encoding="utf-8")
    for key, value in colours.items():
        old = getattr(load_theme().colours, key)
        text = text.replace(f'{key} = "{old}"', f'{key} = "{value}"')
    for key, value in (sizes or {}).items():
        old = getattr(load_theme().sizes, key)
        text = text.replace(f"{key} = {old:g}\n", f"{key} = {value:g}\n")
    toml.write_text(text, encoding="utf-8")
    return folder


class DescribeRatio:
    @pytest.mark.parametrize("foreground, background, expected", [
        ("000000", "FFFFFF", 21.0), ("FFFFFF", "FFFFFF", 1.0), ("777777", "FFFFFF", 4.48), ("8B8B8B", "FFFFFF", 3.41)])
    def it_is_wcags_ratio_of_relative_luminances(self, foreground, background, expected):
        assert contrast.ratio(foreground, background) == pytest.approx(expected, abs=0.01)

    @given(COLOUR, COLOUR)
    def it_is_symmetric_and_between_1_and_21(self, one, other):
        assert 1 <= contrast.ratio(one, other) == contrast.ratio(other, one) <= 21

    @pytest.mark.parametrize("size, bold, needed", [(18, False, 3.0), (14, True, 3.0), (14, False, 4.5),
                                                    (17.5, False, 4.5), (12, True, 4.5)])
    def it_asks_3_to_1_only_of_large_text(self, size, bold, needed):
        assert contrast.Pair("text", None, "text", size, bold).needs() == needed


class DescribeThemeContrast:
    def it_passes_every_pair_of_the_built_in_theme(self):
        theme = load_theme()
        assert contrast.problems(theme.colours, theme.sizes) == []

    def it_refuses_grey_text_naming_the_place_the_pair_and_the_ratio(self, tmp_path):
        folder = grey_theme(tmp_path, muted="8B8B8B")
        with pytest.raises(ThemeError) as refused:
            load_theme(folder)
        line = next(n for n, text in enumerate((folder / "theme.toml").read_text().splitlines(), 1)
                    if text.startswith("muted ="))
        # Placed like every theme problem: theme.toml:line:column (the column of the value).
        assert f"theme.toml:{line}:9: colours.muted: 8B8B8B on the white page (FFFFFF) is 3.40:1, below the 4.5:1" \
            in str(refused.value)

    def it_checks_text_on_the_fills_it_is_set_on(self, tmp_path):
        with pytest.raises(ThemeError) as refused:
            load_theme(grey_theme(tmp_path, table_header_fill="5A7FA8"))
        assert "colours.table_header_text: FFFFFF on colours.table_header_fill (5A7FA8)" in str(refused.value)

    def it_checks_every_role_of_the_style_table_at_its_size(self, tmp_path):
        # Every colour its own, so that a role's colour tells which of the theme's it is.
        theme = load_theme(grey_theme(tmp_path, callout_border="1B3A5D", table_header_fill="1B3A5E"))
        assert len(set(map(theme.colours.__dict__.get, fields(theme.colours)))) == len(fields(theme.colours))
        checked = {(p.text, p.background): p for p in contrast.pairs(theme.colours, theme.sizes, theme.deck)}
        keys = {getattr(theme.colours, name): name for name in fields(theme.colours)}
        roles = [*(getattr(r, n) for r in (brief_roles(theme.sizes, theme.colours),) for n in fields(r)),
                 *(getattr(r, n) for r in (deck_roles(theme.deck, theme.colours),) for n in fields(r)
                   if n != "min_body")]
        # A decorative role (a draft's watermark) is no text to read: WCAG 1.4.3 exempts it.
        looks = [look for role in roles if not role.decorative for look in (role.in_word, role.in_pdf) if look.colour]
        for look in looks:
            if look.colour not in keys or (look.fill and look.fill not in keys):
                continue  # the marking's colours are TLP 2.0's, not the theme's
            pair = checked[(keys[look.colour], keys.get(look.fill))]
            assert pair.size <= look.size and pair.needs() >= contrast.Pair("", None, "", look.size,
                                                                             look.bold).needs(), look

    def it_asks_of_table_header_cells_what_their_size_in_the_tables_asks(self, tmp_path):
        # White on 5A7FA8 is 4.17:1: too little for the built-in theme's 9 pt bold cells, enough for 14 pt bold ones.
        cells = typography(load_theme()).brief.table_header.size
        assert cells < 14
        with pytest.raises(ThemeError, match=rf"colours.table_header_text: .* asks of table header cells.* {cells:g} pt"):
            load_theme(grey_theme(tmp_path / "small", table_header_fill="5A7FA8"))
        large = load_theme(grey_theme(tmp_path / "large", {"small": 13.5}, table_header_fill="5A7FA8"))
        assert large.sizes.small == 13.5

    def it_stops_the_command_before_anything_is_written(self, tmp_path):
        out = tmp_path / "brief.pdf"
        result = run_briefgen("pdf", NRF, "-o", out, "--template", grey_theme(tmp_path, link="6A9FDB"))
        assert result.returncode == 1 and "colours.link: 6A9FDB" in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()


def text_colours(xml: bytes) -> list[str]:
    """Every RRGGBB a text run or a text style in this part is set in, and any tinted theme colour."""
    root = etree.fromstring(xml)
    found = []
    for properties in root.iter(f"{A}rPr", f"{A}defRPr", f"{A}endParaRPr"):
        fill = properties.find(f"{A}solidFill")
        if fill is None:
            continue
        rgb, scheme = fill.find(f"{A}srgbClr"), fill.find(f"{A}schemeClr")
        if rgb is not None:
            found.append(rgb.get("val"))
        elif scheme is not None and len(scheme):
            found.append(f"{scheme.get('val')} with {etree.QName(scheme[0]).localname}")
    return found


class DescribeDeckContrast:
    def it_sets_no_template_text_in_a_tinted_grey(self):
        with zipfile.ZipFile(templates_root() / "default" / "deck.pptx") as deck:
            parts = [n for n in deck.namelist() if n.startswith(("ppt/slideMasters/", "ppt/slideLayouts/"))
                     and n.endswith(".xml")]
            colours = [c for name in parts for c in text_colours(deck.read(name))]
        assert colours
        for colour in colours:
            assert " with " not in colour, colour
            assert contrast.ratio(colour, contrast.PAGE) >= contrast.NORMAL, colour

    def it_sets_every_run_of_the_nrf_deck_readably_on_its_shape(self, products):
        deck = Presentation(products[("nrf", "pptx")])
        def shapes(collection):  # a figure's group: each of its shapes on its own fill
            for shape in collection:
                yield from shapes(shape.shapes) if shape.shape_type == MSO_SHAPE_TYPE.GROUP else (shape,)

        for number, slide in enumerate(deck.slides, 1):
            for shape in shapes(slide.shapes):
                background = contrast.PAGE
                if getattr(shape, "fill", None) is not None and shape.fill.type == 1:  # a solid fill
                    background = str(shape.fill.fore_color.rgb)
                for colour in text_colours(etree.tostring(shape._element)):
                    assert contrast.ratio(colour, background) >= contrast.NORMAL, (number, shape.name, colour)
