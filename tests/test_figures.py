"""Figures: drawn from the brief's own data inside their frames, with alt text and numbered captions, in every format.

The layout's figures are checked shape by shape; the products are read with tools we did
not write: pdftotext's word boxes for the PDF and for LibreOffice's PDF of the deck,
python-docx and python-pptx's XML for alt text, pdfimages for the Word brief's pictures.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from briefgen import images, products
from briefgen.layout import deck as deck_layout, document as document_layout, figures as drawn
from briefgen.layout.figures import Circle, Figure, Label, Line, Rect
from briefgen.layout.measure import Metrics
from briefgen.layout.outline import labels
from briefgen.load import load
from briefgen.model import Actor, Event, PartialDate
from briefgen.render import pptx as pptx_render
from briefgen.theme import MM, load_theme
from briefgen.value import replace

from .conftest import EXAMPLE, NRF, OWN_TABLE_ROWS, example_changed
from .test_pdf import words

THEME = load_theme()
WORDS = labels("en")
DRAWN = ("timeline", "actor_map", "likelihood_scale")
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
      "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def figures_of(blocks) -> list[Figure]:
    return [b for b in blocks if isinstance(b, Figure)]


def document_figures(content: Path) -> list[Figure]:
    return figures_of(document_layout.compose(load(content), THEME).blocks)


def deck_of(content: Path) -> deck_layout.Deck:
    return deck_layout.compose(load(content), THEME, pptx_render.geometry(THEME, None))


def line_boxes(label: Label, metrics: Metrics) -> list[tuple[float, float, float, float]]:
    """Where each line's glyphs go: its measured width placed by the label's alignment."""
    boxes = []
    for n, text in enumerate(label.lines):
        width = metrics.width(text, label.size, bold=label.bold, italic=label.italic)
        x = {"left": label.x, "centre": label.x + (label.width - width) / 2,
             "right": label.x + label.width - width}[label.align]
        boxes.append((x, label.y + n * label.pitch, x + width, label.y + (n + 1) * label.pitch))
    return boxes


def extent(shape) -> tuple[float, float, float, float]:
    if isinstance(shape, Line):
        xs, ys = [p[0] for p in shape.points], [p[1] for p in shape.points]
        return min(xs), min(ys), max(xs), max(ys)
    if isinstance(shape, Rect):
        return shape.x, shape.y, shape.x + shape.width, shape.y + shape.height
    if isinstance(shape, Circle):
        return shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r
    return shape.x, shape.y, shape.x + shape.width, shape.y + shape.height


def overlap(a, b, slack: float = 0.01, tall: float | None = None) -> bool:
    """Whether boxes (x0, y0, x1, y1) overlap by more than ``slack`` across and ``tall`` (else slack) down."""
    tall = slack if tall is None else tall
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - tall and b[1] < a[3] - tall


def assert_well_placed(figure: Figure) -> None:
    """Every shape inside the frame, every line of text inside its box, and no two labels' text overlapping."""
    metrics = Metrics(THEME.fonts)
    for shape in figure.shapes:
        x0, y0, x1, y1 = extent(shape)
        assert -0.01 <= x0 and x1 <= figure.width + 0.01 and -0.01 <= y0 and y1 <= figure.height + 0.01, shape
    texts = [(s, box) for s in figure.labels() for box in line_boxes(s, metrics)]
    for shape, box in texts:
        assert box[2] - box[0] <= shape.width + 0.01, (shape.lines, shape.width)
    for n, (first, a) in enumerate(texts):
        for second, b in texts[n + 1:]:
            if first is not second:
                assert not overlap(a, b), (first.lines, second.lines)


class DescribeTheDrawnFigures:
    @pytest.mark.parametrize("content", [NRF, EXAMPLE], ids=["nrf", "example"])
    def it_keeps_every_shape_and_label_inside_its_frame_on_the_page(self, content):
        # The NRF brief's pages show none of its figures: the likelihood scale (the deck's) is held to the page too.
        pen = drawn.Pen.for_page(THEME, WORDS)
        room = THEME.page.text_width_pt, THEME.page.size_pt[1] / 2
        found = [*document_figures(content), *drawn.draw("likelihood_scale", load(content), pen, *room)]
        assert found
        for figure in found:
            assert figure.width <= THEME.page.text_width_pt + 0.01
            assert_well_placed(figure)

    @pytest.mark.parametrize("content", [NRF, EXAMPLE], ids=["nrf", "example"])
    def it_keeps_every_shape_and_label_inside_the_slide_frame(self, content):
        frame = pptx_render.geometry(THEME, None).bodies[deck_layout.CONTENT][0]
        shown = [s.figure for s in deck_of(content).slides if s.figure]
        assert shown
        for figure in shown:
            assert figure.width <= frame.width + 0.01 and figure.height <= frame.height + 0.01
            assert_well_placed(figure)

    def it_draws_the_page_figures_numbered_in_reading_order(self, cases):
        # The likelihood scale is the deck's: the judgments and the scenarios table give its estimates in words.
        found = [f for f in document_figures(cases["own"]) if not f.image]
        assert [f.caption for f in found] == [WORDS.timeline_figure, WORDS.actor_map_figure]
        assert all(f.alt for f in found)
        everything = document_figures(cases["own"])  # the analyst's image is numbered among them
        assert [f.title for f in everything] == [f"Figure {n}. {f.caption}" for n, f in enumerate(everything, 1)]

    def it_draws_only_the_figures_the_brief_keeps(self):
        # The NRF brief switches the timeline (its table says the same) and the actor map (its lines are
        # alliances, not leadership) off; the likelihood scale is the deck's.
        assert document_figures(NRF) == []
        assert [s.figure.caption for s in deck_of(NRF).slides if s.figure] == [WORDS.likelihood_figure]

    def it_numbers_the_deck_figures_as_the_brief_does(self, cases):
        # The meeting may see a figure before the backup shows the others: each keeps the brief's number, and
        # the deck's own (the likelihood scale) comes after them.
        in_brief = [(f.number, f.caption) for f in document_figures(cases["own"])]
        in_deck = dict.fromkeys((s.figure.number, s.figure.caption) for s in deck_of(cases["own"]).slides
                                if s.figure)
        assert [n for n in in_deck if n[1] != WORDS.likelihood_figure] == in_brief
        assert [n for n, c in in_deck if c == WORDS.likelihood_figure] == [len(in_brief) + 1]

    def it_places_each_judgment_and_scenario_in_its_likelihood_band(self):
        brief = load(NRF)
        scale = next(s.figure for s in deck_of(NRF).slides if s.figure and s.figure.caption == WORDS.likelihood_figure)
        band_width = scale.width / 7
        marks: dict[str, Label] = {}
        for shape in scale.labels():  # white on a marker; the first of each is in the bands, the next in the legend
            if shape.colour == "FFFFFF":
                marks.setdefault(shape.lines[0], shape)
        wanted = {str(n): kj.likelihood for n, kj in enumerate(brief.key_judgments, 1)}
        wanted |= {f"S{n}": s.likelihood for n, s in enumerate(brief.outlook.scenarios, 1)}
        bands = list(type(brief.key_judgments[0].likelihood))
        for mark, likelihood in wanted.items():
            centre = marks[mark].x + marks[mark].width / 2
            assert int(centre // band_width) == bands.index(likelihood), mark

    def it_joins_actors_named_as_allies_and_dashes_reported_ties(self):
        brief = load(NRF)
        ties, outside = drawn.ties(brief.actors)
        names = [a.name for a in brief.actors]
        pairs = {(names[t.a], names[t.b]): t.reported for t in ties}
        assert pairs == {("National Resistance Front (NRF)", "Tajikistan"): True}
        assert "Afghan diaspora" in outside[0]

    def it_draws_a_plain_tie_for_an_ally_not_marked_reported(self, cases):
        brief = load(cases["own"])
        ties, _ = drawn.ties(brief.actors)
        names = [a.name for a in brief.actors]
        pairs = {frozenset((names[t.a], names[t.b])): t.reported for t in ties}
        assert pairs == {frozenset(("Upstream government", "Regional development bank")): False,
                         frozenset(("Downstream government", "Regional development bank")): True}


    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(["Front", "Ahmad Front", "Saleh", "Tajik Front", "Council (NRF)"]),
                              st.lists(st.sampled_from(["Front", "Ahmad", "Saleh (alleged)", "Tajik Front", "NRF",
                                                        "Elsewhere", "Council"]), max_size=4)),
                    min_size=1, max_size=6))
    def it_ties_an_ally_to_the_one_actor_whose_name_holds_its_words(self, listed):
        actors = [Actor(name=name, kind="Group", role="R", stance="S", allies=allies) for name, allies in listed]
        keys = [drawn._words(a.name) for a in actors]
        found: dict = {}
        for i, actor in enumerate(actors):  # every actor compared with every ally, as a reader would
            for ally in actor.allies:
                wanted = drawn._words(ally)
                close = [j for j, k in enumerate(keys) if k == wanted and j != i] or \
                    [j for j, k in enumerate(keys) if wanted and wanted <= k and j != i]
                if len(close) == 1:
                    pair = (min(i, close[0]), max(i, close[0]))
                    found[pair] = found.get(pair, True) and "alleged" in ally
        ties, _ = drawn.ties(actors)
        assert {(t.a, t.b): t.reported for t in ties} == found



class DescribeTooLittleDataOrSwitchedOff:
    def it_omits_the_timeline_for_a_single_event(self, tmp_path, briefgen_in_process):
        content = example_changed(tmp_path, lambda d: d["context"].update(timeline=d["context"]["timeline"][:1]))
        assert WORDS.timeline_figure not in [f.caption for f in document_figures(content)]
        assert WORDS.timeline_figure not in [s.title for s in deck_of(content).slides]
        for fmt in ("docx", "pdf", "pptx"):
            result = briefgen_in_process(fmt, content, "-o", tmp_path / f"one.{fmt}")
            assert result.code == 0, result.err

    def it_omits_the_actor_map_when_no_actor_names_another(self, tmp_path):
        content = example_changed(tmp_path, lambda d: [a.pop("allies", None) for a in d["actors"]])
        assert WORDS.actor_map_figure not in [f.caption for f in document_figures(content)]

    @pytest.mark.parametrize("name", DRAWN)
    def it_leaves_out_a_figure_switched_off(self, tmp_path, name):
        content = example_changed(tmp_path, lambda d: d.update(figures={name: False}))
        caption = getattr(WORDS, {"timeline": "timeline_figure", "actor_map": "actor_map_figure",
                                  "likelihood_scale": "likelihood_figure"}[name])
        assert caption not in [f.caption for f in document_figures(content)]
        assert caption not in [s.title for s in deck_of(content).slides]


class DescribeAFigureTallerThanAPage:
    def it_is_left_out_with_a_warning_rather_than_drawn_over_pages(self, tmp_path, briefgen_in_process):
        # Forty more actors of forty kinds, each tied to the first: an actor map cannot be cut into parts as a
        # timeline is.
        def crowd(data):
            first = data["actors"][0]["name"]
            data["actors"] += [{"name": f"Group {n}", "kind": f"Kind {n}", "role": "R.", "stance": "S.",
                                "allies": [first]} for n in range(40)]
        content = example_changed(tmp_path, crowd)
        room = THEME.page.size_pt[1] - (THEME.page.margin_top_mm + THEME.page.margin_bottom_mm) * MM
        shown = document_figures(content)
        assert WORDS.actor_map_figure not in [f.caption for f in shown]
        assert all(f.height <= room for f in shown)
        for fmt in ("docx", "pdf"):
            result = briefgen_in_process(fmt, content, "-o", tmp_path / f"crowd.{fmt}")
            assert result.code == 0, result.err
            assert f'the figure "{WORDS.actor_map_figure}" is left out' in result.err


dates = st.builds(lambda y, m, d, precision: PartialDate.parse(
    f"{y:04d}" if precision == 0 else f"{y:04d}-{m:02d}" if precision == 1 else f"{y:04d}-{m:02d}-{d:02d}"),
    st.integers(1900, 2030), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2))
events = st.lists(st.builds(lambda when, text: Event(date=when, event=text), dates,
                            st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=160).filter(str.strip)),
                  min_size=2, max_size=25)


class DescribeATimelineOfAnyShape:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(events)
    def it_keeps_crowded_labels_apart_and_inside_the_page(self, listed):
        pen = drawn.Pen.for_page(THEME, WORDS)
        for figure in drawn.timeline_parts(listed, pen, THEME.page.text_width_pt, 500):
            assert figure.height <= 500 + 0.01
            assert_well_placed(figure)

    def it_ends_the_axis_early_rather_than_push_the_last_labels_beside_earlier_years(self):
        # Two recent events after a long gap, as in the NRF brief: their labels belong by 2021, not 2010.
        listed = [Event(date=PartialDate.parse(d), event=text) for d, text in (
            ("1980", "A leader dies."), ("1991-12", "A union is dissolved."),
            ("2021-08-15", "A capital falls; a front forms in the aftermath of it all."),
            ("2021-09-06", "A valley is claimed; a resistance says it will go on; a cabinet is named at last."))]
        pen = drawn.Pen(Metrics(THEME.fonts), THEME.colours, 14.0, WORDS)
        figure = drawn.timeline(listed, pen, 600, 300)
        assert figure is not None
        assert_well_placed(figure)
        pitch = 14.0 * drawn.LEADING
        points = sorted(s.cy for s in figure.shapes if isinstance(s, Circle))[-2:]
        dates = sorted(s.y + pitch / 2 for s in figure.shapes if isinstance(s, Label) and s.lines[0].endswith("2021"))
        assert sum(abs(d - p) for d, p in zip(dates, points)) / 2 < 1.5 * pitch

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(events)
    def it_fills_a_slide_exactly_or_goes_on_to_the_next(self, listed):
        pen = drawn.Pen(Metrics(THEME.fonts), THEME.colours, 14.0, WORDS)
        parts = drawn.timeline_parts(listed, pen, 860, 300, fill=True)
        assert sum(1 for _ in parts) >= 1
        for figure in parts:
            assert figure.height == pytest.approx(300)
            assert_well_placed(figure)


    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.builds(lambda when, text: Event(date=when, event=text), dates,
                              st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=160).filter(str.strip)),
                    min_size=2, max_size=60), st.sampled_from([200.0, 300.0]))
    def it_cuts_a_long_timeline_into_the_fewest_parts_that_fit(self, listed, height):
        """As many parts as trying every count from one upwards gives, without laying out the counts that
        cannot fit (a long timeline cost the square of its events)."""
        pen = drawn.Pen(Metrics(THEME.fonts), THEME.colours, 14.0, WORDS)
        ordered = sorted(listed, key=lambda e: e.date)
        wanted: list = []
        for count in range(1, len(ordered) // 2 + 1):
            step = -(-len(ordered) // count)
            chunks = [ordered[i:i + step] for i in range(0, len(ordered), step)]
            parts = [drawn.timeline(c, pen, 860, height) for c in chunks] if all(len(c) > 1 for c in chunks) else [None]
            if all(parts):
                wanted = parts
                break
        assert drawn.timeline_parts(listed, pen, 860, height, fill=True) == \
            [replace(f, part=n, parts=len(wanted)) for n, f in enumerate(wanted)]

def picture_brief(tmp_path: Path, picture: dict, make_file=None) -> Path:
    if make_file:
        make_file(tmp_path)
    return example_changed(tmp_path, lambda d: d.update(images=[picture]))


def png(folder: Path, name: str = "map.png") -> None:
    from PIL import Image
    Image.new("RGB", (40, 20), "teal").save(folder / name)


class DescribeTheAnalystsImages:
    @pytest.mark.parametrize("picture, make_file, message", [
        ({"image": "../outside.png", "caption": "C", "alt": "A"}, None, "is outside the content file's folder"),
        ({"image": "/etc/passwd", "caption": "C", "alt": "A"}, None, "is an absolute path"),
        ({"image": "missing.png", "caption": "C", "alt": "A"}, None, "no such file"),
        ({"image": "map.png", "caption": "C"}, png, "is required but missing"),
        ({"image": "broken.png", "caption": "C", "alt": "A"},
         lambda f: (f / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really"), "is not a PNG or JPEG image"),
        ({"image": "map.svg", "caption": "C", "alt": "A"},
         lambda f: (f / "map.svg").write_text("<svg/>"), "SVG images are not supported"),
        ({"image": "map.gif", "caption": "C", "alt": "A"},
         lambda f: __import__("PIL.Image").Image.new("P", (4, 4)).save(f / "map.gif"), "is a GIF image"),
    ], ids=["outside", "absolute", "missing", "no-alt", "unreadable", "svg", "gif"])
    def it_reports_a_bad_image_at_its_line(self, tmp_path, picture, make_file, message, briefgen_in_process):
        content = picture_brief(tmp_path, picture, make_file)
        result = briefgen_in_process("pdf", content, "-o", tmp_path / "out.pdf")
        assert result.code == 1
        line = next(n for n, text in enumerate(content.read_text().splitlines(), 1) if text.startswith("images:"))
        assert re.search(rf"{re.escape(str(content))}:{line + 1}:\d+: image 1 \(images\[0\]\.\w+\): .*{re.escape(message)}",
                         result.err), result.err
        assert "Traceback" not in result.err
        assert not (tmp_path / "out.pdf").exists()

    def it_reports_an_oversized_image(self, tmp_path, monkeypatch, briefgen_in_process):
        content = picture_brief(tmp_path, {"image": "map.png", "caption": "C", "alt": "A"}, png)
        monkeypatch.setattr(images, "MAX_BYTES", 10)
        result = briefgen_in_process("validate", content)
        assert result.code == 1 and "an image may be at most 10 bytes" in result.err, result.err

    def it_reports_a_table_row_of_the_wrong_length(self, tmp_path, briefgen_in_process):
        content = example_changed(tmp_path, lambda d: d["sections"][0].update(
            table={"header": ["A", "B"], "rows": [["1", "2"], ["3"]]}))
        result = briefgen_in_process("validate", content)
        assert result.code == 1
        assert re.search(r"row 2 of section 1 \(sections\[0\]\.table\.rows\[1\]\): has 1 cells; the header has 2", result.err), result.err


# --- the products, read with tools we did not write -------------------------------------------

def pdf_figure_words(pdf: Path, figure: Figure, left: float, width: float) -> list[dict]:
    """The words pdftotext finds inside the band the figure fills above its caption (same page)."""
    found = words(pdf)
    number = f"{figure.number}."
    caption = next(w for n, w in enumerate(found) if w["text"] == "Figure" and found[n + 1]["text"] == number)
    scale = width / figure.width
    bottom = caption["y0"] - 4  # the caption's space before
    top = bottom - figure.height * scale
    # Glyphs may rise a little above their line's box and the caption's top is its glyphs', not its line's.
    return [w for w in found if w["page"] == caption["page"] and w["y0"] >= top - 3 and w["y1"] <= bottom + 3]


def label_words(figure: Figure) -> int:
    return sum(len(line.split()) for s in figure.labels() for line in s.lines)


def assert_apart(found: list[dict]) -> None:
    """No two words overlap. A word's box is its font's whole height (LibreOffice's embedded faces give
    1.3 em), taller than the 1.2 em line pitch, so boxes of lines one under the other may touch a little."""
    for n, a in enumerate(found):
        for b in found[n + 1:]:
            slack = 0.3 * min(a["y1"] - a["y0"], b["y1"] - b["y0"])
            assert not overlap((a["x0"], a["y0"], a["x1"], a["y1"]), (b["x0"], b["y0"], b["x1"], b["y1"]), 0.5,
                               slack), \
                (a["text"], b["text"])


class DescribeThePdf:
    @pytest.mark.parametrize("case, content", [("nrf", NRF), ("own", None)])
    def it_sets_every_label_inside_its_figure_and_apart(self, products, cases, case, content):
        pdf = products[(case, "pdf")]
        left = THEME.page.margin_left_mm * 72 / 25.4
        for figure in document_figures(cases[case]):
            if figure.image:
                continue
            width = min(THEME.page.text_width_pt, figure.width)
            found = pdf_figure_words(pdf, figure, left, width)
            assert len(found) == label_words(figure), figure.caption
            for word in found:
                assert left - 0.5 <= word["x0"] and word["x1"] <= left + width + 0.5, word
            assert_apart(found)

    def it_embeds_every_font_with_figures_and_images(self, products):
        listed = subprocess.run(["pdffonts", str(products[("own", "pdf")])], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        assert listed and all(line.split()[-5] == "yes" for line in listed), listed

    def it_shows_the_analysts_image_and_its_credit(self, products):
        pdf = products[("own", "pdf")]
        listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        assert len(listed) == 1
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "The river and the dam site" in text and "Map: the desk's own sketch." in text
        assert re.search(r"Table \d\. Mean flow by station", text) and "Station 23" in text


def docx_pictures(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return body.findall(".//wp:docPr", NS)


class DescribeTheWordBrief:
    @pytest.mark.parametrize("case, count", [("nrf", 0), ("example", 1), ("own", 3)])
    def it_gives_every_picture_alt_text(self, products, case, count):
        pictures = docx_pictures(products[(case, "docx")])
        assert len(pictures) == count
        for picture in pictures:
            assert picture.get("descr", "").strip(), etree.tostring(picture)

    def it_shows_the_figures_and_their_captions_through_libreoffice(self, converted, cases):
        pdf = converted[("own", "docx")]
        listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        figures = document_figures(cases["own"])
        # Only the analyst's image is a picture; the drawn figures are shapes whose labels are text.
        assert len(listed) == sum(1 for f in figures if f.image) >= 1
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        for figure in figures:
            assert figure.title in text
            for label in figure.labels():
                assert " ".join(label.lines) in text or all(line in text for line in label.lines), label

    @pytest.mark.parametrize("case", ["example", "own"])  # the NRF brief's pages show no figure
    def it_draws_the_figures_as_shapes_a_reader_can_edit_and_search(self, products, cases, case):
        """Each drawn figure is one inline DrawingML group of shapes and text boxes, with the figure's alt text;
        its labels are Word's own text (w:t in the text boxes), and no picture stands for it."""
        with zipfile.ZipFile(products[(case, "docx")]) as package:
            body = etree.fromstring(package.read("word/document.xml"))
            media = [n for n in package.namelist() if n.startswith("word/media/")]
        drawn = [f for f in document_figures(cases[case]) if not f.image]
        groups = body.findall(".//wp:inline/a:graphic/a:graphicData/wpg:wgp", NS)
        assert len(groups) == len(drawn) >= 1
        assert len(media) == len(document_figures(cases[case])) - len(drawn)
        for group, figure in zip(groups, drawn):
            doc_pr = group.getparent().getparent().getparent().find("wp:docPr", NS)
            assert doc_pr.get("descr") == figure.alt and doc_pr.get("title") == figure.caption
            boxes = ["".join(t.text for t in p.iter(f"{{{NS['w']}}}t"))
                     for p in group.iterfind(".//w:txbxContent/w:p", NS)]
            assert boxes == [line for label in figure.labels() for line in label.lines]
            assert len(group.findall("wps:wsp", NS)) == len(figure.shapes)

    def it_renders_the_analysts_table_and_image_through_libreoffice(self, converted):
        text = " ".join(subprocess.run(["pdftotext", str(converted[("own", "docx")]), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        assert re.search(r"Table \d\. Mean flow by station", text) and "Station 23" in text
        assert "The river and the dam site" in text


def deck_slides(path: Path) -> list[etree._Element]:
    return deck_slides_of(path.read_bytes())


def deck_slides_of(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = sorted((n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                       key=lambda n: int(re.search(r"\d+", n).group()))
        return [etree.fromstring(package.read(n)) for n in names]


class DescribeTheDeck:
    @pytest.mark.parametrize("case", ["nrf", "example", "own"])
    def it_gives_every_figure_and_picture_alt_text(self, products, case):
        groups = pictures = 0
        for slide in deck_slides(products[(case, "pptx")]):
            for shape in slide.findall(".//p:grpSp", NS):
                groups += 1
                assert shape.find("p:nvGrpSpPr/p:cNvPr", NS).get("descr", "").strip()
            for shape in slide.findall(".//p:pic", NS):
                pictures += 1
                assert shape.find("p:nvPicPr/p:cNvPr", NS).get("descr", "").strip()
        # The NRF brief keeps one drawn figure (the likelihood scale); the others draw two or three.
        assert groups >= (1 if case == "nrf" else 2) and (pictures == 1) == (case == "own")

    def it_draws_figures_as_native_shapes(self, products):
        slides = deck_slides(products[("own", "pptx")])
        groups = [g for s in slides for g in s.findall(".//p:grpSp", NS)]
        assert len(groups) == 4  # the three drawn figures, and the analyst's image with its caption
        for group in groups:
            assert group.findall("p:sp", NS) and group.findall(".//a:t", NS)

    def it_sets_every_label_inside_its_figure_through_libreoffice(self, products, converted):
        slides = deck_slides(products[("nrf", "pptx")])
        pdf = converted[("nrf", "pptx")]
        found = words(pdf)
        layout = [s for s in deck_of(NRF).slides]
        for number, (slide, planned) in enumerate(zip(slides, layout), 1):
            group = slide.find(".//p:grpSp", NS)
            if group is None:
                continue
            off = group.find("p:grpSpPr/a:xfrm/a:off", NS)
            ext = group.find("p:grpSpPr/a:xfrm/a:ext", NS)
            x0, y0 = int(off.get("x")) / 12700, int(off.get("y")) / 12700
            x1, y1 = x0 + int(ext.get("cx")) / 12700, y0 + int(ext.get("cy")) / 12700
            # A word's box is its font's whole height, 1.3 em, against a 1.2 em pitch: the figure's last line hangs
            # below its box by up to a tenth of an em (into the frame's inset), when no caption is set under it.
            inside = [w for w in found if w["page"] == number and w["y0"] >= y0 - 1
                      and w["y1"] <= y1 + max(2.0, 0.15 * (w["y1"] - w["y0"]))]
            assert len(inside) == label_words(planned.figure), planned.title
            for word in inside:
                assert x0 - 1 <= word["x0"] and word["x1"] <= x1 + 1, word
            assert_apart(inside)

    @pytest.mark.parametrize("case", ["nrf", "example", "own"])
    def it_gives_every_shape_of_a_slide_its_own_id(self, products, case):
        for slide in deck_slides(products[(case, "pptx")]):
            ids = [e.get("id") for e in slide.iter(f"{{{NS['p']}}}cNvPr")]
            assert len(ids) == len(set(ids))

    def it_keeps_markup_characters_in_a_pictures_name_and_alt_text(self, tmp_path):
        png(tmp_path)
        content = picture_brief(tmp_path, {"image": "map.png", "caption": 'Dams & "weirs" <2020>',
                                           "alt": 'A map: dams & "weirs" by year.'})
        [slide] = [s for s in deck_slides_of(products.render(load(content), "pptx", THEME))
                   if s.find(".//p:pic", NS) is not None]
        name = slide.find(".//p:pic/p:nvPicPr/p:cNvPr", NS)
        assert name.get("name").endswith('Dams & "weirs" <2020>')
        assert name.get("descr") == 'A map: dams & "weirs" by year.'

    def it_continues_a_long_table_with_its_header_on_each_slide(self, products):
        tables = [t for s in deck_slides(products[("own", "pptx")]) for t in s.findall(".//a:tbl", NS)]
        assert len(tables) >= 2
        rows = 0
        for table in tables:
            header, *body = table.findall("a:tr", NS)
            assert ["".join(c.itertext()) for c in header.findall("a:tc", NS)] == \
                ["Station", "Year", "Mean flow (m³/s)"]
            rows += len(body)
        assert rows == OWN_TABLE_ROWS

    def it_shows_each_table_slide_through_libreoffice(self, converted):
        pages = subprocess.run(["pdftotext", "-layout", str(converted[("own", "pptx")]), "-"], capture_output=True,
                               text=True, check=True).stdout.split("\f")
        with_rows = [p for p in pages if "Station 1" in p or "Station 2" in p]
        assert len(with_rows) >= 2
        assert all("Mean flow (m³/s)" in p for p in with_rows)


class DescribeReproducibility:
    @pytest.mark.parametrize("fmt", ["docx", "pdf", "pptx"])
    def it_gives_the_same_bytes_twice_with_figures_and_images(self, cases, fmt):
        brief = load(cases["own"])
        assert products.render(brief, fmt, THEME) == products.render(brief, fmt, THEME)
