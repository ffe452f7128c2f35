"""A font file read for its few tables (installed_fonts.font_tables) checks and measures as the whole file does."""

from pathlib import Path

from hypothesis import given, settings, strategies as st

from briefgen import theme
from briefgen.installed_fonts import font_tables
from briefgen.layout import ttf

FONTS = sorted((Path(__file__).resolve().parents[1] / "templates" / "default" / "fonts").glob("*.ttf"))
SAMPLE = "Aa Zz 0–9 ,.;:?!«»“”‘’ — é ß ø ł ş ğ Ω π ⁂ \u00a0\u2060 ب ש"


class DescribeAFontReadForItsTables:
    def it_measures_each_face_as_the_whole_file_does(self):
        for path in FONTS:
            read, whole = ttf.advances(path), _whole_advances(path)
            assert (read.cap_height, read.line) == (whole.cap_height, whole.line)
            assert [read[c] for c in SAMPLE] == [whole[c] for c in SAMPLE]

    def it_checks_each_face_as_the_whole_file_does(self):
        for path in FONTS:
            data = path.read_bytes()
            read = font_tables(path, ("head", "name"), theme.MAX_FONT_BYTES + 1)
            assert len(read) == len(data)
            assert theme._not_truetype(read) == theme._not_truetype(data) is None
            assert theme._families(read) == theme._families(data) != ()

    @settings(max_examples=60, deadline=None)
    @given(st.sampled_from(FONTS), st.floats(0, 1))
    def it_checks_a_cut_short_file_as_the_whole_file_does(self, tmp_path_factory, font, share):
        data = font.read_bytes()
        cut = data[:int(len(data) * share)]
        path = tmp_path_factory.mktemp("cut") / "cut.ttf"
        path.write_bytes(cut)
        read = font_tables(path, ("head", "name"), theme.MAX_FONT_BYTES + 1)
        assert theme._not_truetype(read) == theme._not_truetype(cut)
        if theme._not_truetype(cut) is None:
            assert theme._families(read) == theme._families(cut)


def _whole_advances(path: Path) -> dict[str, float]:
    """The advances as read from the whole file (what advances did before reading only its tables)."""
    import struct
    data = path.read_bytes()
    tables = ttf._tables(data)
    units = ttf._ushort(data, tables["head"] + 18)
    metrics = ttf._ushort(data, tables["hhea"] + 34)
    widths = struct.unpack_from(f">{2 * metrics}H", data, tables["hmtx"])[::2]
    scale = 1000 / units
    glyph_of = ttf._cmap(data, tables["cmap"])
    return ttf.Advances(glyph_of, [w if units == 1000 else w * scale for w in widths], ttf._ushort(data, tables["maxp"] + 4),
                        ttf._cap_height(data, tables, glyph_of) * scale, ttf._line(data, tables) * scale)
