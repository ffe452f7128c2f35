"""The shipped NRF brief, read in its PDF: what the source names stays, every correction stays declared."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from briefgen.load import load

from .conftest import NRF

# Every person, organisation, place, date, number and historical case the article names.
NAMED = [
    "Maryam Jami", "Ahmad Massoud", "Ahmad Shah Massoud", "Amrullah Saleh", "Abdul Latif Pedram", "Biden",
    "Qasem Soleimani", "Ali Maisam Nazary", "Josip Broz Tito", "Gorbachev",
    "National Resistance Front", "Northern Alliance", "Taliban", "Islamic Revolutionary Guard Corps",
    "Republic of Afghanistan", "University of Pittsburgh School of Law", "Institute of War and Peace Studies",
    "Human Security Lab", "International Bridges to Justice (IBJ)", "Oxford Human Rights Hub Journal",
    "Groningen Journal of International Law", "International Human Rights Law Review", "India Quarterly",
    "International Law Association (ILA)", "Facebook", "Instagram", "Clubhouse", "Twitter Spaces",
    "Kabul", "Panjshir Valley", "Greater Khorasan", "Central Asia", "Iran", "Pakistan", "Tajikistan", "Swiss",
    "Yugoslavia", "Slovenia", "Balkans", "Soviet Union", "Estonia", "Pashtun",
    "15 August 2021", "2 November 2022", "1980", "1988", "December 1991", "60 Slovenian", "World War II",
    "Balkanization", "Socialist Federal Republic of Yugoslavia", "a failed marriage",
]

# The corrections the brief declares, each by words that only its note carries.
CORRECTIONS = [
    "Punisher Valley", "Slovania", "Balkanization (succession)", "Federal People's Republic of Yugoslavia",
    "historical Khorasan", "US aid began the Soviet dissolution", "16 November 1988", "11 March 1990",
    "Qasim Suleimani", "always entailed violence", "foreign policy", "alleged ally", "cannot verify",
]


@pytest.fixture(scope="module")
def text(products) -> str:
    # pypdf reads table cells whole, in order; pdftotext -layout would interleave the columns. The running
    # header and footer between two pages are left out: a name may go on over a page break.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(products[("nrf", "pdf")]).pages).split())
    return re.sub(r" TLP:CLEAR NRF and secessionism TLP:CLEAR 2 November 2022 Page \d+ of \d+ ", " ", text)


class DescribeTheNrfBrief:
    @pytest.mark.parametrize("name", NAMED)
    def it_keeps_what_the_article_names(self, text, name):
        assert name in text

    @pytest.mark.parametrize("words", CORRECTIONS)
    def it_keeps_every_correction_declared(self, words):
        assert any(words in note for note in load(NRF).editor_notes)

    def it_credits_the_article_to_its_author_in_the_sources_not_on_the_cover(self):
        brief = load(NRF)
        assert "Maryam Jami" not in brief.author_names
        assert any(s.author == "Maryam Jami" for s in brief.sources)

    def it_states_a_cutoff_assumptions_implications_and_indicator_thresholds(self):
        brief = load(NRF)
        assert brief.information_cutoff is not None and brief.outlook.mutually_exclusive
        assert all(i.threshold and i.scenario for i in brief.outlook.indicators)
        assert brief.key_assumptions and brief.implications
