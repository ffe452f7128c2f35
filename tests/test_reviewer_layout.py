"""The Word brief and the PDF show what a reviewer reads: each source's rating, why each judgment's confidence,
the alternative explanations with what would show them, and where each indicator stands now."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from briefgen.inline import text_of
from briefgen.layout import deck as deck_layout
from briefgen.layout.document import Bibliography, Figure, Heading, Judgment, Table, compose, says_again
from briefgen.layout.outline import labels
from briefgen.render import pptx as pptx_render
from briefgen.layout.outline import BODY
from briefgen.load import load
from briefgen.theme import MM, load_theme
from briefgen.typography import typography

from .conftest import EXAMPLE, example_changed, pdf_pages_text


WORDS = labels("en")


def blocks(brief):
    return compose(brief, load_theme()).blocks


def example(tmp_path: Path, change=None):
    return load(example_changed(tmp_path, change))


def table(brief, caption_text: str) -> Table:
    return next(b for b in blocks(brief) if isinstance(b, Table) and b.caption.text.endswith(caption_text))


class DescribeSourceRatings:
    def it_shows_each_rating_and_why_under_its_source(self):
        [sources] = [b for b in blocks(load(EXAMPLE)) if isinstance(b, Bibliography)]
        first = text_of(dict(sources.entries)["report2024"])
        assert first.endswith("\nReliability: B (usually reliable). An established research centre; its earlier "
                              "flow figures matched the gauges.")
        assert "Reliability: A (completely reliable)" in text_of(dict(sources.entries)["minutes2024"])

    def it_shows_nothing_for_a_source_not_rated(self, tmp_path):
        def unrated(data):
            for source in data["sources"]:
                source.pop("reliability"), source.pop("reliability_note")
        [sources] = [b for b in blocks(example(tmp_path, unrated)) if isinstance(b, Bibliography)]
        assert all("Reliability" not in text_of(entry) for _, entry in sources.entries)


class DescribeJudgmentReasons:
    def it_gives_the_confidence_basis_after_the_basis(self):
        [judgment] = [b for b in blocks(load(EXAMPLE)) if isinstance(b, Judgment)]
        assert [label for label, _ in judgment.reasons] == ["Basis: ", "Why this confidence: "]
        assert text_of(judgment.reasons[1][1]).startswith("Two sources rated A and B agree")

    def it_gives_only_the_basis_when_there_is_no_confidence_basis(self, tmp_path):
        brief = example(tmp_path, lambda d: d["key_judgments"][0].pop("confidence_basis"))
        [judgment] = [b for b in blocks(brief) if isinstance(b, Judgment)]
        assert [label for label, _ in judgment.reasons] == ["Basis: "]


class DescribeAlternatives:
    def it_is_a_part_of_its_own_before_the_outlook(self):
        assert BODY.index("analogies") < BODY.index("alternatives") < BODY.index("outlook")
        titles = [b.text for b in blocks(load(EXAMPLE)) if isinstance(b, Heading) and b.level == 1]
        assert titles.index("Historical analogies") < titles.index("Alternative explanations") < titles.index("Outlook")

    def it_shows_what_would_show_each_with_its_indicators_and_the_assessment(self):
        shown = table(load(EXAMPLE), "Alternative explanations")
        assert shown.columns == ("Explanation", "What we would see if it were true", "Our assessment")
        [(explanation, would_show, assessment)] = shown.rows
        assert text_of(explanation).startswith("The talks are for show")
        assert text_of(would_show) == ("Releases below the agreed minimum while the talks go on.\n"
                                       "Watch: Releases from the dam")
        assert text_of(assessment) == "Unlikely (20\u2013\u206045%)"  # no break inside the range

    def it_keeps_an_assessment_in_the_analysts_words(self, tmp_path):
        brief = example(tmp_path, lambda d: d["alternatives"][0].update(assessment="Cannot be ruled out yet."))
        [(_, _, assessment)] = table(brief, "Alternative explanations").rows
        assert text_of(assessment) == "Cannot be ruled out yet."

    def it_is_left_out_when_the_brief_has_none(self, tmp_path):
        brief = example(tmp_path, lambda d: d.pop("alternatives"))
        assert not any(isinstance(b, Heading) and b.text == "Alternative explanations" for b in blocks(brief))


class DescribeIndicatorBaselines:
    def it_shows_where_each_indicator_stands_now(self):
        shown = table(load(EXAMPLE), "Indicators to watch")
        assert shown.columns == ("Indicator", "Baseline", "What would count", "Points to")
        assert [text_of(row[1]) for row in shown.rows] == ["Near the seasonal average so far in 2024.",
                                                           "Above the agreed minimum every week since the filling.",
                                                           "\u2014"]

    def it_has_no_baseline_column_when_no_indicator_has_one(self, tmp_path):
        def without(data):
            for indicator in data["outlook"]["indicators"]:
                indicator.pop("baseline", None)
        assert table(example(tmp_path, without), "Indicators to watch").columns == (
            "Indicator", "What would count", "Points to")


class DescribeTheCutoffNote:
    def it_follows_the_cutoff_on_the_title_block(self, tmp_path):
        brief = example(tmp_path, lambda d: d.update(cutoff_note="No reporting after April 2024 was found."))
        title = blocks(brief)[0]
        assert text_of(title.cutoff) == "Information cut-off: 10 May 2024. No reporting after April 2024 was found."

    def it_is_not_there_when_the_brief_gives_none(self):
        assert text_of(blocks(load(EXAMPLE))[0].cutoff) == "Information cut-off: 10 May 2024"


def one_source(cites: str):
    """The example with one source, cited as ``cites`` wherever it was cited."""
    def change(data):
        data["sources"] = data["sources"][:1]
        data["key_judgments"][0]["basis"] = f"Talks have met monthly since 2022 {cites}."
        data["context"]["paragraphs"] = [f"The dam's first phase filled in 2023 {cites}."]
        data["key_judgments"][0]["confidence"] = "low"
    return change


class DescribeOneSourceCitedThroughout:
    def it_prints_the_notes_alone_with_the_rating_when_they_are_the_sources_list(self, tmp_path):
        document = compose(example(tmp_path, one_source("[@report2024]")), load_theme())
        titles = [b.text for b in document.blocks if isinstance(b, Heading)]
        assert "Notes" in titles and "Sources" not in titles
        assert not any(isinstance(b, Bibliography) for b in document.blocks)
        [note] = document.notes
        assert text_of(note.spans).startswith("Example Research Centre") and "The Upper River in Numbers" in \
            text_of(note.spans)
        assert "\nReliability: B (usually reliable)." in text_of(note.spans)

    def it_keeps_both_when_a_note_cites_a_page(self, tmp_path):
        document = compose(example(tmp_path, one_source("[@report2024, p. 4]")), load_theme())
        titles = [b.text for b in document.blocks if isinstance(b, Heading)]
        assert "Notes" in titles and "Sources" in titles
        assert all("Reliability" not in text_of(n.spans) for n in document.notes)

    def it_keeps_both_for_several_sources_each_cited_whole(self, tmp_path):
        # Sorted by name, the sources list is a finding aid that notes in reading order are not.
        def whole(data):
            data["context"]["paragraphs"] = ["The dam's first phase filled in 2023 [@report2024]."]
        brief = example(tmp_path, whole)
        assert len(brief.sources) == 2
        titles = [b.text for b in blocks(brief) if isinstance(b, Heading)]
        assert "Notes" in titles and "Sources" in titles


class DescribeNoPartSaidTwice:
    def it_shows_the_timeline_as_a_figure_whose_text_alternative_lists_every_event(self):
        brief = load(EXAMPLE)
        document = blocks(brief)
        assert not any(isinstance(b, Table) and b.caption.text.endswith("Timeline") for b in document)
        [timeline] = [b for b in document if isinstance(b, Figure) and b.caption == "Timeline of events, to scale"]
        for event in brief.context.timeline:
            assert f"{event.date.display()}: {event.event}" in timeline.alt

    def it_keeps_the_timeline_table_when_the_figure_is_switched_off(self, tmp_path):
        brief = example(tmp_path, lambda d: d.update(figures={"timeline": False}))
        assert table(brief, "Timeline").rows

    def it_leaves_the_allies_to_the_actor_map_and_its_text_alternative(self, tmp_path):
        def tied(data):
            data["actors"].append({"name": "Regional development bank", "kind": "lender", "role": "Lends.",
                                   "stance": "Neutral."})
        brief = example(tmp_path, tied)
        document = blocks(brief)
        [actor_map] = [b for b in document if isinstance(b, Figure) and b.caption.startswith("Actors by kind")]
        assert "Upstream government \u2013 Regional development bank" in actor_map.alt
        assert all("Allies and backers" not in text_of(cell) for row in table(brief, "Actors").rows for cell in row)

    def it_leaves_the_likelihood_scale_to_the_deck_as_the_brief_gives_each_likelihood_in_words(self):
        brief = load(EXAMPLE)
        assert brief.figures.likelihood_scale
        document = blocks(brief)
        assert not [b for b in document if isinstance(b, Figure) and b.caption == WORDS.likelihood_figure]
        # Every estimate the scale would place: each scenario's in the scenarios table, each judgment's under it.
        rows = [tuple(text_of(c).replace("\u2060", "") for c in row[:2]) for row in table(brief, "Scenarios").rows]
        assert rows == [(s.name, s.likelihood.label) for s in brief.outlook.scenarios]
        assert [b.likelihood for b in document if isinstance(b, Judgment)] == [
            kj.likelihood for kj in brief.key_judgments]
        deck = deck_layout.compose(brief, load_theme(), pptx_render.geometry(load_theme(), None))
        assert [s for s in deck.slides if s.figure and s.figure.caption == WORDS.likelihood_figure]


class DescribeCaptions:
    def it_prints_no_caption_that_says_its_heading_again(self):
        document = blocks(load(EXAMPLE))
        for n, block in enumerate(document):
            if isinstance(block, Table) and isinstance(document[n - 1], Heading) and \
                    says_again(block.caption.text, document[n - 1].text):
                # Unnumbered and unprinted; still the table's title for a screen reader.
                assert not block.caption.shown and block.caption.number == 0 and block.caption.text
        assert [b.caption.text for b in document if isinstance(b, Table) and not b.caption.shown] == [
            "Actors", "Warning signals", "Historical analogies", "Alternative explanations", "Scenarios",
            "Indicators to watch"]

    def it_numbers_the_captions_it_prints_from_one(self, tmp_path):
        def own_caption(data):
            data["sections"][0]["table"] = {"header": ["Source", "Kind"], "rows": [["Example Research Centre",
                                                                                    "Research"]],
                                            "caption": "Sources by kind"}
        document = blocks(example(tmp_path, own_caption))
        shown = [b.caption for b in document if isinstance(b, Table) and b.caption.shown]
        assert [(c.text, c.number) for c in shown] == [("Table 1. Sources by kind", 1)]

    @given(st.text(alphabet="abcXYZ ,.:-", min_size=1, max_size=30).filter(lambda t: any(c.isalpha() for c in t)))
    def it_compares_words_whatever_their_case_and_punctuation(self, heading):
        assert says_again(heading.upper() + ".", heading)
        assert not says_again(heading + " by year", heading)

    def it_keeps_the_allies_in_the_table_without_a_map(self):
        rows = table(load(EXAMPLE), "Actors").rows  # the example's one actor names an ally who is not an actor
        assert "Allies and backers: Regional development bank" in text_of(rows[0][2])


class DescribeFiguresStayWithTheirHeadings:
    def it_puts_each_drawn_figure_right_under_a_heading(self, tmp_path):
        def tied(data):
            data["actors"].append({"name": "Regional development bank", "kind": "lender", "role": "Lends.",
                                   "stance": "Neutral."})
        document = blocks(example(tmp_path, tied))
        drawn = [n for n, b in enumerate(document) if isinstance(b, Figure)]
        assert len(drawn) == 2  # the timeline and the actor map; the likelihood scale is the deck's
        for n in drawn:
            assert isinstance(document[n - 1], Heading), document[n - 1]

    @pytest.mark.parametrize("filler", range(22, 30, 2))  # the heading at 64% of the page down to the next page
    def it_starts_a_page_with_the_heading_rather_than_leave_the_figure_without_it(self, tmp_path, filler,
                                                                                  briefgen_in_process):
        # Filler before the actors moves their heading down the page, through the point where the map would
        # no longer fit under it.
        def tied(data):
            data["context"]["paragraphs"] += [f"Filler paragraph {n} about the dam and the river basin, long "
                                              "enough to take two lines of the page at the body size." for n in
                                              range(filler)]
            data["actors"].append({"name": "Regional development bank", "kind": "lender", "role": "Lends.",
                                   "stance": "Neutral."})
        example(tmp_path, tied)
        result = briefgen_in_process("pdf", tmp_path / "brief.yaml", "-o", tmp_path / "brief.pdf")
        assert result.code == 0, result.err
        pages = [[line.strip() for line in page.splitlines()] for page in pdf_pages_text(tmp_path / "brief.pdf")]
        [heading] = [n for n, lines in enumerate(pages) if "Actors" in lines]
        [caption] = [n for n, lines in enumerate(pages) for line in lines if line.startswith("Figure 2. Actors")]
        assert heading == caption


class DescribeOneSourceInAnAuthorDateStyle:
    def it_keeps_the_sources_list_which_is_then_the_only_list(self, tmp_path):
        def apa(data):
            one_source("[@report2024]")(data)
            data["csl"] = "apa"
        document = compose(example(tmp_path, apa), load_theme())
        titles = [b.text for b in document.blocks if isinstance(b, Heading)]
        assert "Sources" in titles and "Notes" not in titles and document.notes == ()


def lowest_text(pdf: Path, page: int) -> tuple[float, float]:
    """How far down ``page`` its lowest line of body text reaches, and the page's height, in points (pdftotext's
    boxes; the running header and footer, in the margins, are left out)."""
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', boxes).group(1))
    theme = load_theme()
    top, bottom = theme.page.margin_top_mm * MM, height - theme.page.margin_bottom_mm * MM
    lows = [float(y) for y_min, y in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)
            if top <= float(y_min) and float(y) <= bottom]
    return max(lows), bottom


class DescribeTheFirstPage:
    @pytest.mark.parametrize("case, fmt", [("nrf", "docx"), ("nrf", "pdf"), ("example", "docx"),
                                           ("example", "pdf")])
    def it_runs_to_the_foot_of_the_page_when_the_brief_goes_on(self, products, converted, case, fmt):
        """No avoidable blank space on page 1: no part kept whole leaves the page's foot empty (a heading keeps
        only with the start of what follows), in our PDF and in the Word brief as LibreOffice sets it."""
        pdf = converted[(case, fmt)] if fmt == "docx" else products[(case, fmt)]
        low, bottom = lowest_text(pdf, 1)
        size = typography(load_theme()).brief.body.size
        assert bottom - low < 6 * size, f"page 1 ends {bottom - low:.0f} pt above its foot"
