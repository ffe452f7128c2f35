"""Figures that do not mislead: a timeline's year labels never suggest a wrong date, an actor map's tie never
passes behind a box it does not join (checked on random timelines and actor sets)."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings, strategies as st

from briefgen.layout import figures as drawn
from briefgen.layout.figures import Circle, Label, Line, Rect
from briefgen.layout.measure import Metrics
from briefgen.model import Actor, Event, PartialDate

from .test_figures import THEME, WORDS, events

PAGE = drawn.Pen.for_page(THEME, WORDS)
SLIDE = drawn.Pen(Metrics(THEME.fonts), THEME.colours, 14.0, WORDS)


def year_labels(figure) -> list[tuple[int, float, float]]:
    """The axis's year labels (left of the axis): year, top, bottom."""
    return [(int(s.lines[0]), s.y, s.y + s.height) for s in figure.shapes
            if isinstance(s, Label) and s.x == 0 and s.lines[0].isdigit()]


def date_labels(figure, listed) -> list[tuple[int, float, float]]:
    """Each event's date label: the event's year, top, bottom (drawn in date order)."""
    ordered = sorted(listed, key=lambda e: e.date)
    shown = [s for s in figure.shapes if isinstance(s, Label) and s.bold and s.colour == THEME.colours.primary]
    assert [s.lines[0] for s in shown] == [e.date.display() for e in ordered]
    return [(e.date.year, s.y, s.y + s.height) for e, s in zip(ordered, shown)]


def axis(figure, listed):
    """The axis's scale from its event points: y of a moment in (fractional) years."""
    ordered = sorted(listed, key=lambda e: e.date)
    points = [s.cy for s in figure.shapes if isinstance(s, Circle)]  # drawn in date order
    moments = [sum(drawn._year_of(e.date)) / 2 for e in ordered]
    (t0, y0), (t1, y1) = min(zip(moments, points)), max(zip(moments, points))
    if t1 == t0:
        return None
    return lambda t: y0 + (t - t0) * (y1 - y0) / (t1 - t0)


def check_timeline(figure, listed) -> None:
    years, dates = year_labels(figure), date_labels(figure, listed)
    # A year label is never level with the date of an event of another year.
    for year, top, bottom in years:
        for other, date_top, date_bottom in dates:
            assert other == year or bottom <= date_top + 0.01 or date_bottom <= top + 0.01, (year, other)
    # And it sits beside its own year: its middle is not before the year begins nor after it ends.
    y_of = axis(figure, listed)
    if y_of is None:
        return
    pitch = figure.labels()[0].pitch
    for year, top, bottom in years:
        middle = (top + bottom) / 2
        assert y_of(year) - pitch / 2 - 0.01 <= middle <= y_of(year + 1) + 0.01, year


class DescribeTimelineYears:
    def it_labels_the_year_an_axis_starts_in_and_keeps_later_years_off_its_last_dates(self):
        # The new user's timeline: mid-2023 to 2024, with an event on 22 December 2023. The axis had no 2023
        # label, and "2024" sat beside "22 December 2023".
        listed = [Event(date=PartialDate.parse(d), event=t) for d, t in (
            ("2023-07-26", "The president is detained by his guard."),
            ("2023-08-10", "The regional bloc orders a standby force."),
            ("2023-12-22", "The junta sets out a transition."),
            ("2024-01-28", "Three states announce they leave the bloc."))]
        figure = drawn.timeline(listed, PAGE, THEME.page.text_width_pt)
        assert {year for year, _, _ in year_labels(figure)} == {2023, 2024}
        check_timeline(figure, listed)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(events)
    def it_never_puts_a_year_beside_another_years_date_on_a_page(self, listed):
        check_parts(drawn.timeline_parts(listed, PAGE, THEME.page.text_width_pt, 500), listed)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(events)
    def it_never_puts_a_year_beside_another_years_date_on_a_slide(self, listed):
        check_parts(drawn.timeline_parts(listed, SLIDE, 860, 300, fill=True), listed)


def check_parts(parts, listed) -> None:
    """Each part of a timeline checked with its own events: the next ones in date order, one per date label."""
    ordered, start = sorted(listed, key=lambda e: e.date), 0
    for figure in parts:
        count = sum(1 for s in figure.shapes if isinstance(s, Circle))
        check_timeline(figure, ordered[start:start + count])
        start += count


def boxes_of(figure) -> list[tuple[float, float, float, float]]:
    return [(s.x, s.y, s.width, s.height) for s in figure.shapes
            if isinstance(s, Rect) and s.stroke == THEME.colours.primary]


def inside(point, box, margin=0.0) -> bool:
    x, y, w, h = box
    return x - margin < point[0] < x + w + margin and y - margin < point[1] < y + h + margin


def check_actor_map(figure) -> None:
    boxes = boxes_of(figure)
    ties = [s for s in figure.shapes if isinstance(s, Line) and any(inside(s.points[0], b) for b in boxes)]
    for tie in ties:
        joined = [b for b in boxes if inside(tie.points[0], b) or inside(tie.points[-1], b)]
        assert len(joined) == 2, tie
        for (x0, y0), (x1, y1) in zip(tie.points, tie.points[1:]):
            steps = max(2, math.ceil(math.dist((x0, y0), (x1, y1))))  # a point every unit along it
            for n in range(steps + 1):
                point = (x0 + (x1 - x0) * n / steps, y0 + (y1 - y0) * n / steps)
                for box in boxes:
                    assert box in joined or not inside(point, box), (tie.points, box)


names = ["Front", "Council", "Saleh", "Massoud", "Taliban", "Tajikistan", "Iran", "Pakistan", "Russia", "Mali"]
actor_sets = st.lists(st.tuples(st.sampled_from(["State", "Armed group", "Person", "Network"]),
                                st.lists(st.sampled_from(names), max_size=4)),
                      min_size=2, max_size=len(names)).map(
    lambda listed: [Actor(name=names[n], kind=kind, role="R", stance="S", allies=[a for a in allies if a != names[n]])
                    for n, (kind, allies) in enumerate(listed)])


class DescribeActorMapTies:
    def it_takes_a_tie_round_a_box_it_would_pass_behind(self):
        # Three in a row, the outer two tied: a straight line would run behind the middle one.
        actors = [Actor(name=n, kind="State", role="R", stance="S", allies=a) for n, a in (
            ("Niger", ["Russia"]), ("Mali", ["Niger", "Russia"]), ("Russia", []), ("Burkina Faso", ["Mali"]))]
        figure = drawn.actor_map(actors, PAGE, THEME.page.text_width_pt)
        check_actor_map(figure)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(actor_sets)
    def it_never_passes_a_tie_behind_a_box_it_does_not_join(self, actors):
        for pen, width in ((PAGE, THEME.page.text_width_pt), (SLIDE, 860)):
            figure = drawn.actor_map(actors, pen, width)
            if figure is not None:
                check_actor_map(figure)


class DescribeTooFewEvents:
    def it_draws_no_timeline_for_none_or_one_even_to_fill_a_slide(self):
        one = [Event(date=PartialDate.parse("2021"), event="Alone.")]
        assert drawn.timeline_parts([], SLIDE, 860, 300, fill=True) == []
        assert drawn.timeline_parts(one, SLIDE, 860, 300, fill=True) == []
