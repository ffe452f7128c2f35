"""The benchmarks' scaled briefs stay valid briefs as the model grows: benchmarks/scaled.py copies by the model's types."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from briefgen.load import load

from .conftest import EXAMPLE, NRF, ROOT, own_brief


def _scaler():
    spec = importlib.util.spec_from_file_location("scaled", ROOT / "benchmarks" / "scaled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scaled = _scaler()


def _scaled_file(source: Path, factor: int, folder: Path) -> tuple[dict, Path]:
    data = scaled.scale_deep(yaml.safe_load(source.read_text(encoding="utf-8")), factor)
    path = folder / f"{source.stem}-{factor}x.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data, path


@pytest.fixture(scope="module")
def own(tmp_path_factory) -> Path:
    """The example with an image, a table of its own and actors that name each other."""
    return own_brief(tmp_path_factory.mktemp("own") / "own.yaml")


class DescribeTheScaledBrief:
    @pytest.mark.parametrize("name", ["nrf", "example", "own"])
    def it_is_valid_at_twice_the_size(self, name, own, tmp_path):
        source = {"nrf": NRF, "example": EXAMPLE, "own": own}[name]
        # Beside its source, so that the brief's images and bibliography files resolve as they do there.
        _, path = _scaled_file(source, 2, source.parent if name == "own" else tmp_path)
        brief = load(path)  # raises ContentError, with every problem placed, if the copies broke a rule
        original = load(source)
        assert len(brief.key_judgments) == 2 * len(original.key_judgments)
        assert len(brief.sources) == 2 * len(original.sources)

    def it_repeats_the_lists_inside_the_repeated_items(self, tmp_path):
        _, path = _scaled_file(NRF, 3, tmp_path)
        brief, original = load(path), load(NRF)
        allies = sum(len(actor.allies) for actor in original.actors)
        assert sum(len(actor.allies) for actor in brief.actors) == 9 * allies
        assert len({indicator.id for indicator in brief.outlook.indicators}) == 3 * len(original.outlook.indicators)
        # A list that names other parts names their copies, so every copy still names a part that exists.
        assert {name for judgment in brief.key_judgments for name in judgment.scenarios} <= \
            {scenario.name for scenario in brief.outlook.scenarios}
        assert "Unity line (copy 3)" in brief.key_judgments[0].scenarios

    def it_lengthens_long_paragraphs_and_keeps_short_text(self, tmp_path):
        _, path = _scaled_file(NRF, 3, tmp_path)
        brief, original = load(path), load(NRF)
        context = original.context.paragraphs[0]
        assert len(context) >= scaled.LONG_PARAGRAPH
        assert brief.context.paragraphs[0] == " ".join([context] * 3)
        assert brief.context.paragraphs[1] == f"{context} (copy 2)"  # a copy is marked, not lengthened again
        assert brief.sources[0].reliability == original.sources[0].reliability
        assert brief.sources[len(original.sources)].id == f"{original.sources[0].id}-2"

    def it_scales_a_tables_rows_not_its_columns(self, own):
        data, path = _scaled_file(own, 2, own.parent)
        source = yaml.safe_load(own.read_text(encoding="utf-8"))
        table = next(s["table"] for s in source["sections"] if "table" in s)
        tables = [s["table"] for s in data["sections"] if "table" in s]
        assert len(tables) == 2
        assert all(t["header"] == table["header"] for t in tables)
        assert all(len(t["rows"]) == 2 * len(table["rows"]) for t in tables)
        assert all(len(row) == len(table["header"]) for t in tables for row in t["rows"])
        load(path)

    @pytest.mark.parametrize("source", [NRF, EXAMPLE], ids=["nrf", "example"])
    def it_is_the_brief_itself_at_one(self, source):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        once = scaled.scale_deep(data, 1)
        summary = data["summary"]
        assert once == dict(data, summary=summary if isinstance(summary, list) else [summary])

    def it_has_a_markdown_twin_for_pandoc(self, tmp_path):
        _, path = _scaled_file(NRF, 2, tmp_path)
        markdown = scaled.write_markdown(path).read_text(encoding="utf-8")
        brief = load(path)
        # The title's words, whatever spaces the layout sets between them (a no-break space keeps the last two).
        assert markdown.splitlines()[0].split() == ["#", *brief.title.split()]
        assert sum(line[:3] in {f"{n}. " for n in range(1, 10)} for line in markdown.splitlines()) >= 9
        assert "[^1]: " in markdown
