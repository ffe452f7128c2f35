"""The outline: one place for the parts' order, where free sections go, and every label, for all three products."""

from __future__ import annotations

import yaml

from briefgen.layout import deck, outline
from briefgen.layout.document import Heading, compose
from briefgen.load import load
from briefgen.render.pptx import geometry
from briefgen.theme import load_theme

from .conftest import EXAMPLE, NRF


def headings(brief) -> list[str]:
    return [b.text for b in compose(brief, load_theme()).blocks if isinstance(b, Heading) and b.level == 1]


def slide_titles(brief) -> list[str]:
    theme = load_theme()
    return [s.title for s in deck.compose(brief, theme, geometry(theme, None)).slides]


class DescribeLabels:
    def it_reads_the_primary_language_and_falls_back_to_english_word_by_word(self, monkeypatch):
        monkeypatch.setitem(outline.LABELS, "xx", {"key_judgments": "Kernaussagen"})
        words = outline.labels("xx-YY")
        assert words.key_judgments == "Kernaussagen"
        assert words.context == outline.ENGLISH["context"]
        assert outline.labels("fr").sources == "Sources"

    def it_renames_a_heading_in_the_document_and_the_deck_with_one_edit(self, monkeypatch, tmp_path):
        monkeypatch.setitem(outline.LABELS, "xx", {"key_judgments": "Kernaussagen", "outlook_scenarios": "Szenarien",
                                                   "backup_divider": "Reserve"})
        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        (tmp_path / "xx.yaml").write_text(yaml.safe_dump(dict(data, language="xx")), encoding="utf-8")
        brief = load(tmp_path / "xx.yaml")
        assert "Kernaussagen" in headings(brief) and "Key judgments" not in headings(brief)
        titles = slide_titles(brief)
        assert "Reserve" in titles and "Szenarien" in titles and "Backup" not in titles


class DescribeOrder:
    def it_places_each_free_section_after_the_part_it_names_in_both_layouts(self):
        brief = load(NRF)
        free = [s for s in brief.sections if s.after != "outlook"]
        assert free, "the NRF brief places a free section inside the argument"
        for section in free:
            after = outline.Outline.of(brief).heading(section.after)
            for order in (headings(brief), slide_titles(brief)):
                shown = [t for t in order if not t.endswith(")")]
                assert after in shown and section.title in shown
                assert shown.index(section.title) > shown.index(after)

    def it_closes_with_the_notes_sources_and_authors(self):
        # The NRF brief's desk has no role or note: the title block names it, and no "About the author" repeats it.
        assert headings(load(NRF))[-2:] == ["Notes", "Sources"]
        assert headings(load(EXAMPLE))[-4:-1] == ["Notes", "Sources", "About the author"]
