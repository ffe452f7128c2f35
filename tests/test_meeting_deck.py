"""The deck planned for its meeting: main slides sized to the minutes, one message each, notes a presenter can
speak from, and a complete backup after a divider. The plan through its public functions; the products
through the command line, read back from their XML."""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.inline import plain
from briefgen.layout import deck_plan
from briefgen.layout.deck_plan import MAIN_WORDS, main_slides
from briefgen.layout.outline import ENGLISH, Outline
from briefgen.load import load
from briefgen.model import Brief
from briefgen.parts import build

from .conftest import EXAMPLE, NRF, run_briefgen
from .test_content import CORRECTIONS
from .test_pptx import NS, Package

EXAMPLE_DATA = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
DIVIDER = ENGLISH["backup_divider"]
WORD = re.compile(r"\w+")


def brief_of(data: dict) -> Brief:
    brief, issues = build(Brief, data)
    assert not issues, issues
    return brief


def plan_of(data: dict) -> deck_plan.Plan:
    return deck_plan.plan(Outline.of(brief_of(data)))


def example(**changes) -> dict:
    data = copy.deepcopy(EXAMPLE_DATA)
    data.update(changes)
    return data


def judgment(n: int, statement: str | None = None, **more) -> dict:
    return {"statement": statement or f"Talks on river section {n} stay open through the dry season of 2024.",
            "likelihood": "likely", "confidence": "moderate",
            "basis": f"Both sides met on section {n} monthly since 2022, the minutes show.", **more}


def shown_words(text: str) -> int:
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def repeated(notes: str, slide: str, run: int = 5) -> float:
    """The share of the notes' words in runs of ``run`` words the slide shows too (measured here, not by the deck)."""
    said = [w.lower() for w in WORD.findall(notes)]
    seen = [w.lower() for w in WORD.findall(slide)]
    runs = {tuple(seen[i:i + run]) for i in range(len(seen) - run + 1)}
    covered = set()
    for i in range(len(said) - run + 1):
        if tuple(said[i:i + run]) in runs:
            covered.update(range(i, i + run))
    return len(covered) / max(len(said), 1)


def main_and_backup(package: Package) -> tuple[list, list]:
    titles = [s.title for s in package.slides]
    divider = titles.index(DIVIDER)
    return package.slides[:divider], package.slides[divider + 1:]


def body_text(slide) -> str:
    """What a slide shows besides its title, its marking and its number."""
    return " ".join(s.text for s in slide.shapes if s.ph_type in ("body", "subTitle"))


class DescribeTheMeetingsLength:
    @pytest.mark.parametrize("minutes, slides", [(20, 8), (10, 5), (30, 12), (1, 2), (3, 3)])
    def it_has_room_for_two_slides_and_one_for_every_three_minutes(self, minutes, slides):
        assert main_slides(minutes) == slides

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(minutes=st.integers(1, 240), judgments=st.integers(1, 14), sections=st.integers(0, 6))
    def it_never_plans_more_main_slides_than_the_minutes_allow(self, minutes, judgments, sections):
        data = example(key_judgments=[judgment(n) for n in range(judgments)], meeting={"minutes": minutes})
        data["sections"] = [{"title": f"Section {n}", "paragraphs": [f"What section {n} says about the dam."]}
                            for n in range(sections)]
        planned = plan_of(data)
        assert 1 + len(planned.main) <= main_slides(minutes)
        # The bottom line comes first, then the judgments, as far as there is room.
        keys = [p.key for p in planned.main]
        assert keys[0] == "summary"
        shown = [k for k in keys if k.startswith("key_judgments.")]
        assert shown == [f"key_judgments.{n}" for n in range(min(judgments, main_slides(minutes) - 2))]

    def it_puts_everything_else_after_a_backup_divider_in_the_briefs_order(self):
        planned = plan_of(example(meeting={"minutes": 3}))
        assert [p.key for p in planned.main] == ["summary", "key_judgments.0"]
        divider, *backup = planned.backup
        assert divider.title == DIVIDER and divider.layout == "Section Header"
        keys = [p.key.split(".")[0] for p in backup]
        order = ["key_judgments", "key_assumptions", "context", "timeline", "actors", "signals", "analogies",
                 "alternatives", "scenarios", "likelihood_scale", "indicators", "implications", "sections",
                 "editor_notes", "sources", "authors", "publication"]
        assert keys == sorted(keys, key=order.index)

    def it_takes_the_minutes_from_the_command_line_over_the_content(self):
        brief = deck_plan.for_minutes(brief_of(example(meeting={"minutes": 30})), 10)
        assert brief.meeting.minutes == 10
        assert 1 + len(deck_plan.plan(Outline.of(brief)).main) <= 5


class DescribeTheAnalystsChoice:
    def it_shows_the_parts_the_analyst_names_in_the_briefs_order(self):
        planned = plan_of(example(meeting={"minutes": 20, "main": ["implications", "likelihood_scale"]}))
        assert [p.key for p in planned.main] == ["likelihood_scale", "implications"]
        assert not planned.findings

    def it_warns_when_the_analyst_asks_for_more_than_fits(self):
        data = example(key_judgments=[judgment(n) for n in range(4)],
                       meeting={"minutes": 3, "main": ["summary", "key_judgments", "implications"]})
        planned = plan_of(data)
        assert [p.key for p in planned.main] == ["summary", "key_judgments.0"]
        [(path, message)] = [f for f in planned.findings if f[0] == ("meeting", "main")]
        assert "6 main slides" in message and "room for 2" in message

    def it_shows_every_part_the_analyst_names_before_a_second_slide_of_any(self):
        data = example(key_judgments=[judgment(n) for n in range(4)],
                       meeting={"minutes": 6, "main": ["summary", "key_judgments", "implications"]})
        assert [p.key for p in plan_of(data).main] == ["summary", "key_judgments.0", "implications"]


class DescribeMainSlides:
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(sentences=st.lists(st.integers(3, 30), min_size=1, max_size=6), points=st.integers(1, 8))
    def it_shows_at_most_the_word_limit_or_says_where_it_could_not(self, sentences, points):
        text = " ".join("Word " * (n - 1) + "end." for n in sentences)
        data = example(implications=[f"**Donors {n}:** {text}" for n in range(points)],
                       key_judgments=[judgment(0, f"{text} By 2025 talks stay open.")],
                       meeting={"minutes": 60})
        planned = plan_of(data)
        over = {path for path, message in planned.findings if "words, more than" in message}
        for slide in planned.main:
            if deck_plan.slide_words(slide) > MAIN_WORDS:
                assert any(path[0] == slide.key.split(".")[0] for path in over), slide.title

    def it_keeps_what_a_main_slide_cuts_in_its_notes(self):
        implication = ("**Donors:** keep funding the technical talks; they are the channel that works. "
                       "Ask both ministries for the minutes of every meeting since 2022, and share them with the "
                       "basin commission before the dry season.")
        planned = plan_of(example(implications=[implication] * 1 + ["**Banks:** " + implication[12:]],
                                  meeting={"minutes": 20, "main": ["implications"]}))
        [slide] = planned.main
        assert deck_plan.slide_words(slide) <= MAIN_WORDS
        assert "basin commission" in slide.notes
        assert not any(i.spans and i.spans[-1].text.endswith("\u2026") for i in slide.items)

    def it_titles_one_point_of_several_sentences_with_its_first(self):
        ask = ("**The decision:** whether to fund the basin commission. (a) Funding keeps the technical channel "
               "open. (b) No funding leaves the talks to the ministers. Either way, ask for the minutes.")
        [slide] = plan_of(example(implications=[ask], meeting={"minutes": 20, "main": ["implications"]})).main
        assert slide.title == "The decision: whether to fund the basin commission"
        shown = [plain_item(i) for i in slide.items if not i.link]
        assert shown[:2] == ["(a) Funding keeps the technical channel open.",
                             "(b) No funding leaves the talks to the ministers."]
        assert deck_plan.slide_words(slide) <= MAIN_WORDS

    def it_shows_the_judgments_headlines_with_their_estimates_on_the_bottom_line(self):
        data = example(key_judgments=[judgment(0, headline="Talks stay open"),
                                      judgment(1, likelihood="unlikely", headline="No deal this year")])
        [bottom, *_] = plan_of(data).main
        lines = [(i.number, plain_item(i)) for i in bottom.items]
        assert lines[:2] == [(1, "Talks stay open \u2014 likely (55\u201380%)"),
                             (2, "No deal this year \u2014 unlikely (20\u201345%)")]
        assert lines[2] == (0, "Moderate confidence throughout")

    def it_gives_a_headline_that_says_its_estimate_only_the_range(self):
        data = example(key_judgments=[judgment(0, headline="Talks will likely stay open"),
                                      judgment(1, confidence="low", headline="No deal this year")])
        [bottom, *_] = plan_of(data).main
        assert [plain_item(i) for i in bottom.items] == ["Talks will likely stay open (55\u201380%)",
                                                        "No deal this year \u2014 likely (55\u201380%)",
                                                        "Moderate confidence; low on judgment 2"]


def plain_item(item) -> str:
    return "".join(s.text for s in item.spans).replace("\u2060", "")


class DescribeHeadlines:
    def it_titles_a_judgments_slide_with_its_headline(self):
        planned = plan_of(example(key_judgments=[judgment(0, headline="Talks stay open")]))
        assert planned.main[1].title == "Talks stay open"
        assert not [f for f in planned.findings if f[0][0] == "key_judgments"]

    def it_uses_a_short_statement_as_it_is(self):
        planned = plan_of(example(key_judgments=[judgment(0, "Talks stay open through 2024.")]))
        assert planned.main[1].title == "Talks stay open through 2024"
        assert not [f for f in planned.findings if f[0][0] == "key_judgments"]

    def it_shortens_a_long_statement_and_says_so(self):
        statement = ("Both governments (the upstream ministry, the downstream cabinet and their negotiators) will "
                     "likely keep talks open through 2024 rather than walk out.")
        planned = plan_of(example(key_judgments=[judgment(0, statement)]))
        assert planned.main[1].title == "Both governments will likely keep talks open through 2024 rather than walk out"
        [(path, message)] = [f for f in planned.findings if f[0][0] == "key_judgments"]
        assert path == ("key_judgments", 0, "statement") and "headline" in message

    def it_numbers_a_judgment_it_cannot_shorten_and_shows_the_statement(self):
        statement = "Partition and irredentist messaging by supporters and affiliated accounts will very likely " \
                    "continue online through 2023."
        planned = plan_of(example(key_judgments=[judgment(0, statement)]))
        slide = planned.main[1]
        assert slide.title == "Judgment 1"
        assert plain(statement) in " ".join(plain_item(i) for i in slide.items)
        assert [f for f in planned.findings if f[0] == ("key_judgments", 0, "statement")]


class DescribeNotes:
    def it_names_sources_for_the_ear(self):
        speaker = deck_plan.Speaker(Outline.of(load(NRF)))
        assert speaker.say("Only Pedram calls for partition [@jami2022].") == \
            "Only Pedram calls for partition, as reported by Jami in 2022."
        assert speaker.say("(the desk [@reuters2021; @jami2022])") == \
            "(the desk, as reported by Reuters in 2021 and Jami in 2022)"

    def it_speaks_the_questions_on_the_slide_that_raises_them(self):
        data = example(key_judgments=[judgment(0, questions=[{"question": "Will they walk out?",
                                                                 "answer": "Not before the elections."}])],
                       questions=[{"question": "Is this one source?", "answer": "No, two agree."}])
        planned = plan_of(data)
        judgment_slide = planned.main[1]
        assert "Will they walk out?" in judgment_slide.notes and "Not before the elections." in judgment_slide.notes
        assert "Is this one source?" in planned.main[-1].notes
        for before, after in zip(planned.main, planned.main[1:]):
            assert ENGLISH["next"].format(title=after.title) in before.notes


@pytest.fixture(scope="module")
def nrf(products) -> Package:
    return Package(products[("nrf", "pptx")])


@pytest.fixture(scope="module")
def decks(products) -> dict[str, Package]:
    return {case: Package(products[(case, "pptx")]) for case in ("nrf", "long", "example", "own")}


class DescribeTheNrfDeck:
    def it_fits_its_meeting(self, nrf):
        main, backup = main_and_backup(nrf)
        minutes = load(NRF).meeting.minutes if load(NRF).meeting else deck_plan.DEFAULT_MINUTES
        assert len(main) <= main_slides(minutes) and backup

    def it_shows_at_most_the_word_limit_on_every_main_slide(self, nrf):
        main, _ = main_and_backup(nrf)
        for slide in main[1:]:
            assert shown_words(body_text(slide)) <= MAIN_WORDS, slide.title

    def it_gives_every_main_slide_notes_to_speak_from_that_do_not_read_the_slide(self, nrf):
        main, _ = main_and_backup(nrf)
        for slide in main[1:]:
            notes = slide.notes
            assert shown_words(notes) >= deck_plan.NOTES_WORDS, slide.title
            assert repeated(notes, f"{slide.title} {body_text(slide)}") < 0.4, slide.title
            assert "[@" not in notes and "(source:" not in notes

    def it_keeps_every_correction_in_its_slides_and_notes(self, nrf):
        said = " ".join(" ".join(sh.text for sh in s.shapes) + " " + s.notes for s in nrf.slides)
        for words in CORRECTIONS:
            assert words in said

    def it_names_the_authors_and_organisation_on_the_title_slide(self, nrf):
        brief = load(NRF)
        title = body_text(nrf.slides[0])
        assert brief.organisation in title and all(a.name in title for a in brief.authors)

    def it_links_each_judgments_slide_to_its_basis_in_the_backup(self, products, nrf):
        main, _ = main_and_backup(nrf)
        with zipfile.ZipFile(products[("nrf", "pptx")]) as z:
            links = {number: slide_links(z, number) for number in range(1, len(nrf.slides) + 1)}
        judgments = [n for n, slide in enumerate(main, 1)
                     if ENGLISH["basis_link"].split("{")[0] in body_text(slide)]
        assert judgments
        for number in judgments:
            [target] = links[number]
            shown = nrf.slides[target - 1]
            assert target > len(main) and shown.title.endswith(ENGLISH["judgment_in_full"].split("}")[1])
            assert f"slide {target}" in body_text(nrf.slides[number - 1])
        assert all(target > len(main) for number in links if number <= len(main) for target in links[number])


def slide_links(package: zipfile.ZipFile, number: int) -> list[int]:
    """The slide numbers that slide ``number``'s "go to slide" links open."""
    xml = ET.fromstring(package.read(f"ppt/slides/slide{number}.xml"))
    rels = ET.fromstring(package.read(f"ppt/slides/_rels/slide{number}.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    jumps = [link.get(f"{{{NS['r']}}}id") for link in xml.iter(f"{{{NS['a']}}}hlinkClick")
             if link.get("action") == "ppaction://hlinksldjump"]
    return [int(re.search(r"slide(\d+)\.xml", targets[rid]).group(1)) for rid in jumps]


class DescribeEveryDeck:
    @pytest.mark.parametrize("case", ["nrf", "long", "example", "own"])
    def it_cuts_nothing_short(self, decks, case):
        for slide in decks[case].slides:
            assert "\u2026" not in " ".join(sh.text for sh in slide.shapes), slide.title
            assert "\u2026" not in slide.notes, slide.title

    @pytest.mark.parametrize("case", ["nrf", "long", "example", "own"])
    def it_shows_no_body_twice(self, decks, case):
        bodies = [" ".join(body_text(s).split()) for s in decks[case].slides]
        shown = [b for b in bodies if b]
        assert len(shown) == len(set(shown))

    @pytest.mark.parametrize("case", ["nrf", "example", "own"])
    def it_sets_no_figure_label_below_twelve_points_and_no_caption_that_repeats_the_title(self, products, decks,
                                                                                         case):
        with zipfile.ZipFile(products[(case, "pptx")]) as z:
            for number, slide in enumerate(decks[case].slides, 1):
                xml = ET.fromstring(z.read(f"ppt/slides/slide{number}.xml"))
                for group in xml.iter(f"{{{NS['p']}}}grpSp"):
                    sizes = [int(r.get("sz")) for r in group.iter(f"{{{NS['a']}}}rPr") if r.get("sz")]
                    assert sizes and min(sizes) >= 1200, slide.title
                    text = " ".join(t.text or "" for t in group.iter(f"{{{NS['a']}}}t"))
                    assert slide.title not in text


class DescribeTheCommandLine:
    def it_plans_the_deck_for_the_minutes_it_is_given(self, tmp_path):
        out = tmp_path / "ten.pptx"
        result = run_briefgen("pptx", NRF, "-o", out, "--minutes", "10", "-q")
        assert result.returncode == 0, result.stderr
        main, backup = main_and_backup(Package(out))
        assert len(main) <= 5 and backup

    @pytest.mark.parametrize("command", [["validate"], ["pptx", "-o", "{out}"]])
    def it_fails_under_strict_when_the_analyst_asks_for_more_than_fits(self, tmp_path, command):
        data = copy.deepcopy(EXAMPLE_DATA)
        data["meeting"] = {"minutes": 3, "main": ["summary", "key_judgments", "implications", "indicators"]}
        content = tmp_path / "full.yaml"
        content.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        args = [a.format(out=tmp_path / "full.pptx") for a in command]
        lenient = run_briefgen(*args, content)
        assert lenient.returncode == 0, lenient.stderr
        strict = run_briefgen(*args, content, "--strict")
        assert strict.returncode == 1
        # Placed at the list the analyst wrote, on the line after its key.
        line = next(n for n, text in enumerate(content.read_text().splitlines(), 1) if text.startswith("  main:"))
        assert re.search(rf"full\.yaml:{line + 1}:\d+: meeting\.main: warning: asks for 4 main slides",
                         strict.stderr), strict.stderr
        assert "Traceback" not in strict.stderr


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(), max_size=60)
       | st.text(alphabet=" \t\n\u00a0\u2009\u3000\u2028\x1c\x85_-–%/a1é٣", max_size=40))
def test_a_slide_counts_as_words_what_spaces_part_that_holds_a_letter_or_digit(text):
    # The plan counts words with one pattern; this is what it must count, whatever the script and spacing.
    assert deck_plan.words(text) == sum(1 for token in text.split() if any(c.isalnum() for c in token))
