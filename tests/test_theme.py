"""theme.toml is checked like content: every problem at once, each at its line and column, before anything renders."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefgen.theme import RANGES, ThemeError, load_theme

from .conftest import EXAMPLE, ROOT, run_briefgen

DEFAULT = ROOT / "templates" / "default"


@pytest.fixture
def theme(tmp_path: Path) -> Path:
    """A copy of the built-in theme folder to spoil."""
    folder = tmp_path / "theme"
    shutil.copytree(DEFAULT, folder, ignore=shutil.ignore_patterns("deck.pptx", "*.py", "example.yaml"))
    return folder


def theme_lines(folder: Path) -> dict[str, int]:
    """The line each [fonts] file is given on."""
    lines = (folder / "theme.toml").read_text().splitlines()
    return {key: n for n, line in enumerate(lines, 1) for key in ("regular", "bold", "italic", "bold_italic")
            if re.match(rf"{key}\s*=", line)}


def set_value(folder: Path, field: str, toml_value: str) -> int:
    """Write ``field`` ("sizes.body") as ``toml_value``; return the line it is on."""
    toml = folder / "theme.toml"
    table, key = field.split(".")
    lines = toml.read_text().splitlines()
    current = ""
    for number, line in enumerate(lines):
        header = re.match(r"\[(\w+)\]", line)
        current = header.group(1) if header else current
        if current == table and re.match(rf"{key}\s*=", line):
            lines[number] = f"{key} = {toml_value}"
            toml.write_text("\n".join(lines) + "\n")
            return number + 1
    raise AssertionError(field)


class DescribeNumbers:
    @pytest.mark.parametrize("field, value", [
        ("sizes.body", "200"), ("sizes.body", "-10"), ("sizes.body", "0"), ("sizes.title", "nan"),
        ("sizes.heading1", "inf"), ("page.margin_left_mm", "0"), ("page.margin_top_mm", "-inf"),
        ("deck.min_body", "1e308"), ("deck.notes", "true"), ("sizes.small", '"8"'),
    ])
    def it_refuses_a_value_out_of_range_at_its_place(self, theme, field, value, tmp_path, briefgen_in_process):
        line = set_value(theme, field, value)
        out = tmp_path / "x.pdf"
        result = briefgen_in_process("pdf", EXAMPLE, "-o", out, "--template", theme)
        assert result.code == 1
        column = len(field.split(".")[1]) + 4  # after "key = "
        assert re.match(rf"{re.escape(str(theme / 'theme.toml'))}:{line}:{column}: {field}: ", result.err), result.err
        assert "internal error" not in result.err
        assert not out.exists()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(field=st.sampled_from(sorted(RANGES)), value=st.floats(allow_nan=True, allow_infinity=True))
    def it_accepts_exactly_the_range(self, theme, field, value):
        shutil.copy(DEFAULT / "theme.toml", theme / "theme.toml")  # the folder is shared by every example
        low, high = RANGES[field]
        line = set_value(theme, field, repr(value) if math.isfinite(value) else
                         {True: "nan", False: ("inf" if value > 0 else "-inf")}[math.isnan(value)])
        if math.isfinite(value) and low <= value <= high:
            assert getattr(getattr(load_theme(theme), field.split(".")[0]), field.split(".")[1]) == value
        else:
            with pytest.raises(ThemeError, match=rf"theme\.toml:{line}:\d+: {re.escape(field)}: "):
                load_theme(theme)

    def it_reports_every_problem_at_once(self, theme):
        lines = [set_value(theme, "sizes.body", "200"), set_value(theme, "colours.text", '"red"'),
                 set_value(theme, "fonts.family", '"A & B"')]
        with pytest.raises(ThemeError) as raised:
            load_theme(theme)
        reported = [int(m) for m in re.findall(r"theme\.toml:(\d+):", str(raised.value))]
        assert sorted(reported) == sorted(lines)


class DescribeFonts:
    @pytest.mark.parametrize("family", ['A & B', "Sans<script>", 'Quote"d', "", "x" * 65])
    def it_refuses_a_family_name_that_would_break_out_of_markup(self, theme, family):
        line = set_value(theme, "fonts.family", f"'{family}'")
        with pytest.raises(ThemeError, match=rf"theme\.toml:{line}:\d+: fonts\.family: "):
            load_theme(theme)

    @pytest.mark.parametrize("family", ["Calibri", "calibri", "Carlito"])
    def it_takes_a_free_font_under_its_own_name_or_the_office_font_it_matches(self, theme, family):
        # The built-in files are Carlito's, made to Calibri's metrics: Word is told either name.
        set_value(theme, "fonts.family", f'"{family}"')
        assert load_theme(theme).fonts.family == family

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(family=st.sampled_from(["Arial", "Cambria", "DejaVu Sans", "Times New Roman", "Liberation Sans"])
           | st.text(st.characters(categories=["Lu", "Ll", "Nd"]), min_size=1, max_size=30))
    def it_refuses_files_of_another_family_at_each_of_their_lines(self, theme, family):
        assume(family.casefold() not in ("calibri", "carlito"))
        family_line = set_value(theme, "fonts.family", f'"{family}"')
        with pytest.raises(ThemeError) as raised:
            load_theme(theme)
        problems = str(raised.value).splitlines()
        assert len(problems) == 4, problems
        lines = theme_lines(theme)
        for face, problem in zip(("regular", "bold", "italic", "bold_italic"), problems):
            # Placed at the file's line, naming the family it is, the one Word is told, and a way out.
            assert re.match(rf".*theme\.toml:{lines[face]}:\d+: fonts\.{face}: .*is a face of 'Carlito', not of "
                            rf"{re.escape(repr(family))}.*set family = \"Calibri\"", problem), problem
        assert all(f"theme.toml:{family_line}:" not in problem for problem in problems)

    def it_names_the_free_fonts_that_would_do_for_an_office_font(self, theme):
        set_value(theme, "fonts.family", '"Arial"')
        with pytest.raises(ThemeError, match=r"give Arial's own files or Liberation Sans's \(the same widths\)"):
            load_theme(theme)

    def it_takes_a_fallback_font_of_any_family_from_inside_the_theme_folder_only(self, theme):
        assert load_theme(theme).fonts.fallback.name == "DejaVuSans.ttf"  # not Calibri's family: no matter
        line = set_value(theme, "fonts.fallback", "'../elsewhere.ttf'")
        with pytest.raises(ThemeError, match=rf"theme\.toml:{line}:\d+: fonts\.fallback: .*outside the theme folder"):
            load_theme(theme)

    def it_needs_no_fallback_font(self, theme):
        toml = theme / "theme.toml"
        toml.write_text("\n".join(line for line in toml.read_text().splitlines() if not line.startswith("fallback")))
        assert load_theme(theme).fonts.fallback is None

    @pytest.mark.parametrize("where", ["absolute", "parent", "symlink"])
    def it_takes_font_files_only_from_inside_the_theme_folder(self, theme, where, tmp_path):
        outside = tmp_path / "elsewhere.ttf"
        shutil.copy(DEFAULT / "fonts" / "Carlito-Regular.ttf", outside)
        value = {"absolute": str(outside), "parent": "../elsewhere.ttf", "symlink": "fonts/link.ttf"}[where]
        (theme / "fonts" / "link.ttf").symlink_to(outside)
        line = set_value(theme, "fonts.regular", f"'{value}'")
        with pytest.raises(ThemeError, match=rf"theme\.toml:{line}:\d+: fonts\.regular: .*outside the theme folder"):
            load_theme(theme)

    @pytest.mark.parametrize("content", [b"not a font at all", b"OTTO" + bytes(200), b"\x00\x01\x00\x00\x00\x09",
                                         b"\x00\x01\x00\x00" + bytes(8)])
    def it_checks_a_font_file_is_truetype_before_use(self, theme, content, tmp_path, briefgen_in_process):
        (theme / "fonts" / "fake.ttf").write_bytes(content)
        line = set_value(theme, "fonts.bold", "'fonts/fake.ttf'")
        result = briefgen_in_process("pdf", EXAMPLE, "-o", tmp_path / "x.pdf", "--template", theme)
        assert result.code == 1
        assert re.match(rf".*theme\.toml:{line}:\d+: fonts\.bold: .*not a TrueType font", result.err), result.err


class DescribeTheFile:
    def it_places_a_toml_syntax_error(self, theme):
        toml = theme / "theme.toml"
        toml.write_text(toml.read_text().replace("body = 10", "body = = 10"))
        with pytest.raises(ThemeError, match=r"theme\.toml:\d+:\d+: TOML syntax error"):
            load_theme(theme)

    def it_names_unknown_and_missing_keys(self, theme):
        toml = theme / "theme.toml"
        toml.write_text(toml.read_text().replace("body = 10", "bdy = 10"))
        with pytest.raises(ThemeError) as raised:
            load_theme(theme)
        assert re.search(r"theme\.toml:\d+:1: sizes: body is missing", str(raised.value))
        assert re.search(r"theme\.toml:\d+:7: sizes\.bdy: unknown", str(raised.value))

    def it_ends_a_huge_theme_through_the_real_command_line_quickly(self, theme, tmp_path):
        line = set_value(theme, "sizes.body", "200")
        result = run_briefgen("pdf", EXAMPLE, "-o", tmp_path / "x.pdf", "--template", theme, timeout=60)
        assert result.returncode == 1
        assert f"theme.toml:{line}:8: sizes.body: 200 is out of range; expected 6 to 24 pt" in result.stderr
