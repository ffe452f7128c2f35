"""Runs of right-to-left script and the language a screen reader should speak them in."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from briefgen.scripts import runs


class DescribeRuns:
    def it_cuts_a_phrase_out_with_its_spaces_but_not_the_punctuation_after_it(self):
        assert runs("He said ما خواهان فدرال هستیم (2021).", "en-GB") == [
            ("He said ", None), ("ما خواهان فدرال هستیم", "fa"), (" (2021).", None)]

    @pytest.mark.parametrize("run, expected", [
        ("پښتونخوا", "ps"), ("پاکستان میں", "ur"), ("گفتگو", "fa"), ("السلام", "ar"), ("שלום", "he")])
    def it_tells_languages_apart_by_their_own_letters(self, run, expected):
        assert runs(run, "en") == [(run, expected)]

    @pytest.mark.parametrize("document", ["fa-AF", "ps", "ur"])
    def it_takes_letters_every_arabic_script_shares_for_the_briefs_own_language(self, document):
        assert runs("محمد", document) == [("محمد", document)]

    @given(st.text(alphabet=list("ab (),.1 \u0645\u0627\u05e9\u200c\u06a9"), max_size=40))
    def it_keeps_every_character_in_order(self, text):
        assert "".join(piece for piece, _ in runs(text, "en")) == text
