"""A table's columns share the text width as its words need: the fewest lines, no word broken that fitted."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from briefgen.inline import Span
from briefgen.layout.columns import MOST_ROWS, fitted
from briefgen.layout.document import Table, compose
from briefgen.layout.measure import metrics_for
from briefgen.load import load
from briefgen.theme import load_theme
from briefgen.typography import typography

from .conftest import NRF

THEME = load_theme()
METRICS = metrics_for(THEME.fonts)
SIZE = typography(THEME).brief.table_text.in_word.size
WIDTH = THEME.page.text_width_pt
PADDING = 4.25


def cells(*texts: str) -> tuple:
    return tuple((Span(t),) for t in texts)


def lines(widths, rows) -> int:
    total = sum(widths)
    return sum(max(METRICS.count(cell, WIDTH * w / total - 2 * PADDING, SIZE) for cell, w in zip(row, widths))
               for row in rows)


def longest_word(rows, column: int) -> float:
    return max((METRICS.width(word, SIZE) for row in rows for span in row[column] for word in span.text.split()),
               default=0.0)


class DescribeFittedColumns:
    def it_widens_the_column_whose_words_need_it(self):
        # Short answers in a wide column beside long ones in a narrow one: the long ones take lines.
        rows = [cells("Who", "What they said"),
                *(cells("Yes.", "A long account of what was said at the meeting, the people present and what "
                                "each of them promised to do by the end of the year.") for _ in range(4))]
        widths = fitted((3.0, 1.0), rows, METRICS, SIZE, WIDTH, PADDING)
        assert widths[0] < widths[1]
        assert lines(widths, rows) < lines((3.0, 1.0), rows)

    def it_keeps_the_parts_widths_when_no_choice_saves_a_line(self):
        # The NRF brief's timeline: dates, then events of a line or two; its part's 1:4 is as good as any.
        timeline = next(b for b in compose(load(NRF), THEME).blocks if isinstance(b, Table)
                        and b.caption.text == "Timeline")
        assert timeline.widths == (1, 4)

    def it_keeps_the_parts_widths_for_a_table_too_long_to_try(self):
        rows = [cells("Yes.", "A long account of the meeting and of what each promised.")] * (MOST_ROWS + 1)
        assert fitted((3.0, 1.0), rows, METRICS, SIZE, WIDTH, PADDING) == (3.0, 1.0)

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.lists(st.text(alphabet="abcdefgh ijklmnop", max_size=120), min_size=3, max_size=3),
                    min_size=1, max_size=8),
           st.tuples(*(st.integers(1, 6) for _ in range(3))))
    def it_never_takes_more_lines_nor_breaks_a_word_the_parts_widths_kept_whole(self, texts, given_widths):
        rows = [cells(*row) for row in texts]
        widths = fitted(tuple(map(float, given_widths)), rows, METRICS, SIZE, WIDTH, PADDING)
        assert len(widths) == 3 and all(w > 0 for w in widths)
        assert lines(widths, rows) <= lines(given_widths, rows)
        if widths != tuple(map(float, given_widths)):
            total = sum(widths)
            for column, w in enumerate(widths):
                assert WIDTH * w / total - 2 * PADDING >= longest_word(rows, column) - 0.01

    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.lists(st.lists(st.text(alphabet="abcdefgh ijklmnop", max_size=80), min_size=2, max_size=2),
                             min_size=1, max_size=5), min_size=2, max_size=4))
    def it_fits_a_table_asked_again_as_it_fitted_it_first_whatever_came_between(self, tables):
        # A warm process (watch) keeps what it chose for a table; every other table still gets its own choice.
        from briefgen.layout import columns
        first = [fitted((1.0, 1.0), [cells(*row) for row in table], METRICS, SIZE, WIDTH, PADDING) for table in tables]
        again = [fitted((1.0, 1.0), [cells(*row) for row in table], METRICS, SIZE, WIDTH, PADDING)
                 for table in reversed(tables)]
        fresh = [columns._fitted((1.0, 1.0), [cells(*row) for row in table], METRICS, SIZE, WIDTH, PADDING)
                 for table in tables]
        assert first == fresh == list(reversed(again))


WORDS = st.text(alphabet=st.sampled_from("aiMWmw .,-—ぁ\u00a0"), min_size=0, max_size=30)


class DescribeACellsLinesAtEachWidth:
    """Counted only where two widths differ (columns._lines), each width's lines are what counting it gives."""

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(WORDS, st.booleans(), st.booleans()), min_size=1, max_size=6),
           st.integers(1, 19), st.integers(0, 19), st.floats(0, 12), st.sampled_from([6.0, 8.5, 10.5, 24.0]))
    def it_is_each_widths_count(self, spans, first, more, padding, size):
        from briefgen.layout.columns import STEPS, _lines
        cell = tuple(Span(text, bold, italic) for text, bold, italic in spans)
        last = min(STEPS, first + more)

        def room(steps: float) -> float:
            return WIDTH * steps / STEPS - 2 * padding

        assert _lines(cell, first, last, room, METRICS, size) == [METRICS.count(cell, room(s), size)
                                                                  for s in range(first, last + 1)]
