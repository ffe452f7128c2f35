"""Fuzzing the readers with a grammar of what they read (fuzz_grammar.py): whatever a user writes, loading a brief,
parsing its markup and reading a bibliography end in a result or a placed error, never a traceback, within 10 s.

A few examples run in every suite; ``python benchmarks/fuzz.py`` runs thousands (BRIEFGEN_FUZZ_EXAMPLES) and
also checks memory.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from briefgen import bibliography, inline
from briefgen.load import ContentError, load

from . import fuzz_grammar as grammar

# Each example's time limit is the one a user would notice as a hang.
FUZZ = settings(max_examples=int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "25")), deadline=10_000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much], database=None)
FOLDER = Path(tempfile.mkdtemp(prefix="briefgen-fuzz-"))  # one per run: hypothesis calls a test many times
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)


def written(name: str, data: bytes | str) -> Path:
    path = FOLDER / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(data)
    return path


def loaded(path: Path) -> None:
    """Load a brief: a Brief, or a ContentError whose every problem is placed in a file."""
    try:
        load(path)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message, problem


class DescribeLoadingAnyBrief:
    @FUZZ
    @given(grammar.yaml_briefs())
    def it_gives_a_brief_or_placed_problems(self, text):
        loaded(written("brief.yaml", text))

    @FUZZ
    @given(grammar.bibtex_files(), grammar.csl_files(), grammar.citations())
    def it_gives_a_brief_or_placed_problems_with_any_bibliography(self, bib, csl, cited):
        written("refs.bib", bib)
        written("refs.json", csl)
        text = grammar.EXAMPLE.read_text(encoding="utf-8")
        text = text.replace("sources:\n", "bibliography: [refs.bib, refs.json]\nsources:\n", 1)
        text = text.replace("water-sharing deal [@report2024].", f"water-sharing deal {cited}.", 1)
        loaded(written("cited.yaml", text))


class DescribeParsingAnyMarkup:
    @FUZZ
    @given(grammar.markup())
    def it_gives_spans_or_a_markup_error(self, text):
        try:
            spans = inline.parse(text)
        except inline.MarkupError as exc:
            assert str(exc)
            return
        assert all(span.text or span.cite for span in spans)


class DescribeReadingAnyBibliography:
    @FUZZ
    @given(grammar.bibtex_files())
    def it_reads_bibtex_entries_or_says_why_not(self, data):
        self._read(written("any.bib", data))

    @FUZZ
    @given(grammar.csl_files())
    def it_reads_csl_json_items_or_says_why_not(self, data):
        self._read(written("any.json", data))

    @staticmethod
    def _read(path: Path) -> None:
        try:
            found = bibliography.read(path)
        except bibliography.BibliographyError as exc:
            assert str(exc)
            return
        for entry in found.entries:
            assert entry.source["id"] and entry.source["title"] and entry.line >= 1
        for skipped in found.skipped:
            assert skipped.line >= 1 and skipped.message
