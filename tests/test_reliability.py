"""Broken or hostile input never crashes, corrupts or leaks: the catalogue of bad input, and atomic writes.

Every case asserts the exit code, a message naming file, line and field, no traceback,
and that nothing new appears in the output folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from briefgen import output

from .conftest import EXAMPLE

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
REQUIRED = ["title", "date", "organisation", "authors", "summary", "key_judgments", "context", "actors",
            "outlook", "sources"]


def without_top_level_field(name: str) -> str:
    data = yaml.safe_load(EXAMPLE_TEXT)
    del data[name]
    if name == "sources":  # citations would fail too; keep this case about the missing field
        return re.sub(r"\s*\[@\w+\]", "", yaml.safe_dump(data, sort_keys=False))
    return yaml.safe_dump(data, sort_keys=False)


def replaced(old: str, new: str) -> str:
    assert old in EXAMPLE_TEXT, old
    return EXAMPLE_TEXT.replace(old, new, 1)


CATALOGUE: dict[str, tuple[str | bytes, str | re.Pattern[str]]] = {
    # name: (file content, what the message must say after "file:line:col: ")
    "empty file": ("", "is empty"),
    "yaml syntax error": ("title: [unclosed\ndate: 2024\n", "YAML syntax error"),
    "list at the top level": ("- a\n- b\n", "the top level is a list"),
    "scalar at the top level": ("42\n", "the top level is a single value"),
    "binary file": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
    "not utf-8": (b"title: caf\xe9\n", "is not valid UTF-8"),
    "wrong type, list for text": (replaced("title: Water Rights on the Upper River", "title: [a, b]"),
                                  "title: expected text, got a list"),
    "wrong type, text for list": (replaced("keywords: [water, dams, regional cooperation]", "keywords: water"),
                                  "keywords: expected a list"),
    "wrong type, mapping for list": (replaced("authors:\n  - name: A. N. Analyst", "authors:\n    name: A. N. Analyst"),
                                     "authors: expected a list"),
    "unknown citation id": (replaced("[@report2024].\n\n# Likelihood", "[@nosuch].\n\n# Likelihood"),
                            "summary: cites unknown source 'nosuch'"),
    "duplicate source ids": (EXAMPLE_TEXT + "  - id: report2024\n    title: Again\n",
                             "source 3 (sources[2].id): source id 'report2024' is used twice"),
    "date that is not a date": (replaced("date: 2024-05-17", "date: yesterday"),
                                "date: expected an ISO 8601 date"),
    "impossible date": (replaced("date: 2024-05-17", "date: 2023-02-29"), "date: '2023-02-29' is not a calendar date"),
    "date past what a ZIP stores": (replaced("date: 2024-05-17", "date: 2108-01-01"),
                                    "date: 2108-01-01 cannot be stamped into the products"),
    "date before what a ZIP stores": (replaced("date: 2024-05-17", "date: 1979-12"), "date: 1979-12 cannot be stamped"),
    "unknown likelihood": (replaced("likelihood: likely", "likelihood: probable"),
                           "key judgment 1 (key_judgments[0].likelihood): expected one of"),
    "unknown confidence": (replaced("confidence: moderate", "confidence: medium"),
                           "key judgment 1 (key_judgments[0].confidence): expected one of"),
    "unknown marking": (replaced("marking: TLP:CLEAR", "marking: SECRET"), "marking: expected one of"),
    "empty list where items are expected": (replaced("authors:\n  - name: A. N. Analyst\n    role: Senior analyst\n"
                                                     "    bio: Writes on water security and regional politics.",
                                                     "authors: []"), "authors: must not be empty"),
    "unknown field": (replaced("subtitle:", "subtitel:"), "subtitel: unknown field; did you mean 'subtitle'?"),
    "unsafe link": (replaced("The next dry season is the test.", "See [this](javascript:alert)."),
                    "paragraph 1 (outlook.paragraphs[0]): link target 'javascript:alert' is not allowed"),
    "control character": (replaced("Writes on water", "Writes\x1b[31m on water"),
                          "author 1 (authors[0].bio): contains the unprintable character U+001B"),
    # libyaml refuses the escape itself; the pure-Python parser lets the model refuse it.
    "escaped lone surrogate": (replaced("title: Water Rights on the Upper River", 'title: "Water \\ud800"'),
                               re.compile("invalid Unicode character escape code|"
                                          "title: contains the unprintable character U\\+D800")),
    "title too long": (replaced("title: Water Rights on the Upper River", "title: " + "long " * 80),
                       "title: is 399 characters long; at most 300 are allowed"),
    "alias bomb": ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh")), "too many aliases"),
    "nesting too deep": ("title: " + "[" * 40 + "]" * 40 + "\n", "nested more than"),
}
CATALOGUE.update({f"missing {name}": (without_top_level_field(name), f"{name}: is required but missing")
                  for name in REQUIRED})


def without_nested_field(path: tuple[str | int, ...]) -> str:
    data = yaml.safe_load(EXAMPLE_TEXT)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return yaml.safe_dump(data, sort_keys=False)


NESTED_REQUIRED = [("authors", 0, "name"), ("key_judgments", 0, "statement"), ("key_judgments", 0, "likelihood"),
                   ("key_judgments", 0, "confidence"), ("key_judgments", 0, "basis"), ("context", "paragraphs"),
                   ("actors", 0, "name"), ("actors", 0, "kind"), ("actors", 0, "role"), ("actors", 0, "stance"),
                   ("actors", 0, "quotes", 0, "speaker"), ("signals", 0, "why"), ("analogies", 0, "limits"),
                   ("outlook", "scenarios"), ("outlook", "indicators"), ("outlook", "scenarios", 0, "likelihood"),
                   ("sources", 0, "id"), ("sources", 0, "title"), ("context", "timeline", 0, "date")]
# Each item is counted from 1 beside its path, as the products count: "quote 1 of actor 1 (actors[0].quotes[0]...)".
ITEM_NAMES = {"authors": "author", "key_judgments": "key judgment", "actors": "actor", "quotes": "quote",
              "signals": "signal", "analogies": "analogy", "scenarios": "scenario", "sources": "source",
              "timeline": "event"}


def counted(path: tuple[str | int, ...]) -> str:
    written = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    items = [f"{ITEM_NAMES[name]} {index + 1}" for name, index in zip(path, path[1:]) if isinstance(index, int)]
    return f"{' of '.join(reversed(items))} ({written})" if items else written


CATALOGUE.update({
    f"missing {'.'.join(map(str, path))}": (without_nested_field(path), counted(path) + ": is required but missing")
    for path in NESTED_REQUIRED})


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.pdf").write_bytes(b"previous product")
    return folder


class DescribeTheCatalogueOfBadInput:
    @pytest.mark.parametrize("case", sorted(CATALOGUE))
    def it_reports_file_line_and_field_and_writes_nothing(self, case, tmp_path, out_dir, briefgen_in_process):
        body, expected = CATALOGUE[case]
        content = tmp_path / "brief.yaml"
        content.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        result = briefgen_in_process("all", content, "--out-dir", out_dir)
        assert result.code == 1
        pattern = expected.pattern if isinstance(expected, re.Pattern) else re.escape(expected)
        assert re.search(rf"^{re.escape(str(content))}:\d+:\d+: .*(?:{pattern})", result.err, re.M), result.err
        assert "Traceback" not in result.err
        assert sorted(p.name for p in out_dir.iterdir()) == ["keep.pdf"]

    @pytest.mark.parametrize("fmt", ["docx", "pdf", "pptx"])
    def it_fails_the_same_way_for_each_format(self, fmt, tmp_path, out_dir, briefgen_in_process):
        content = tmp_path / "brief.yaml"
        content.write_text(replaced("confidence: moderate", "confidence: medium"))
        result = briefgen_in_process(fmt, content, "-o", out_dir / f"brief.{fmt}")
        assert result.code == 1
        line = next(n for n, text in enumerate(content.read_text().splitlines(), 1) if "medium" in text)
        assert f"{content}:{line}:17: key judgment 1 (key_judgments[0].confidence):" in result.err
        assert sorted(p.name for p in out_dir.iterdir()) == ["keep.pdf"]

    def it_reports_a_missing_file(self, tmp_path, briefgen_in_process):
        result = briefgen_in_process("pdf", tmp_path / "gone.yaml", "-o", tmp_path / "x.pdf")
        assert result.code == 1 and f"{tmp_path / 'gone.yaml'}:1:1: no such file" in result.err

    def it_reports_a_directory(self, tmp_path, briefgen_in_process):
        result = briefgen_in_process("validate", tmp_path)
        assert result.code == 1 and "is a directory" in result.err

    def it_refuses_a_file_over_the_size_limit(self, tmp_path, briefgen_in_process):
        big = tmp_path / "big.yaml"
        big.write_text(EXAMPLE_TEXT + "#" * (output_limit() + 1))
        result = briefgen_in_process("validate", big)
        assert result.code == 1 and "a content file may be at most" in result.err


def output_limit() -> int:
    from briefgen.load import MAX_BYTES
    return MAX_BYTES


class DescribeAtomicWrites:
    def it_replaces_the_file_whole(self, tmp_path):
        target = tmp_path / "brief.pdf"
        target.write_bytes(b"old")
        output.write_atomic(target, b"new")
        assert target.read_bytes() == b"new"
        assert os.listdir(tmp_path) == ["brief.pdf"]

    @pytest.mark.parametrize("interruption", [OSError(28, "No space left on device"), KeyboardInterrupt()])
    def it_keeps_the_old_file_when_writing_fails_midway(self, tmp_path, monkeypatch, interruption):
        target = tmp_path / "brief.pdf"
        target.write_bytes(b"old")
        real_fsync = os.fsync

        def fail(fd: int) -> None:
            real_fsync(fd)
            raise interruption

        monkeypatch.setattr(os, "fsync", fail)
        with pytest.raises((output.OutputError, KeyboardInterrupt)):
            output.write_atomic(target, b"new" * 1000)
        assert target.read_bytes() == b"old"
        assert os.listdir(tmp_path) == ["brief.pdf"]

    def it_leaves_the_old_product_when_a_renderer_fails(self, tmp_path, out_dir, monkeypatch, briefgen_in_process):
        from briefgen import products

        (out_dir / "example.pdf").write_bytes(b"previous product")

        def broken(*args, **kwargs):
            raise RuntimeError("renderer blew up")

        monkeypatch.setattr(products, "_render", broken)
        result = briefgen_in_process("pdf", EXAMPLE, "-o", out_dir / "example.pdf")
        assert result.code == 1 and "internal error: RuntimeError: renderer blew up" in result.err
        assert "Traceback" not in result.err
        assert (out_dir / "example.pdf").read_bytes() == b"previous product"
        assert sorted(p.name for p in out_dir.iterdir()) == ["example.pdf", "keep.pdf"]

    def it_refuses_to_write_over_a_folder(self, tmp_path, briefgen_in_process):
        (tmp_path / "x.pdf").mkdir()
        result = briefgen_in_process("pdf", EXAMPLE, "-o", tmp_path / "x.pdf")
        assert result.code == 1 and "is a directory; give a file name" in result.err
        assert os.listdir(tmp_path / "x.pdf") == []


class DescribeAllRendersEachProductIndependently:
    def it_writes_the_other_products_when_one_renderer_fails(self, tmp_path, monkeypatch, briefgen_in_process):
        from briefgen import products

        real = products._render  # the seam between the pipeline and a renderer

        def pptx_breaks(brief, fmt, theme, *args):
            if fmt == "pptx":
                raise RuntimeError("deck renderer blew up")
            return real(brief, fmt, theme, *args)

        monkeypatch.setattr(products, "_render", pptx_breaks)
        out = tmp_path / "out"
        # -j 2 forks workers: the patched renderer is what they inherit, as a real failure would be.
        result = briefgen_in_process("all", EXAMPLE, "--out-dir", out, "-j", "2")
        assert result.code == 1
        assert "example.pptx: internal error: RuntimeError: deck renderer blew up" in result.err
        assert "2 written, 1 failed" in result.err
        assert sorted(p.name for p in out.iterdir()) == ["example.docx", "example.pdf"]

    def it_renders_many_briefs_with_one_line_per_product(self, tmp_path, briefgen_in_process):
        content = tmp_path / "content"
        content.mkdir()
        for name in ("one", "two"):
            (content / f"{name}.yaml").write_text(EXAMPLE_TEXT)
        (content / "broken.yaml").write_text("title: [\n")
        result = briefgen_in_process("all", "-j", "2", cwd=tmp_path)
        assert result.code == 1
        assert len([line for line in result.out.splitlines() if line.startswith("out/")]) == 6
        assert "content/broken.yaml:" in result.err and "6 written, 3 failed" in result.err
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
            f"{n}.{f}" for n in ("one", "two") for f in ("docx", "pdf", "pptx"))


def test_no_more_workers_than_products_or_cpus(tmp_path, monkeypatch, briefgen_in_process):
    from briefgen import batch

    started = []
    real = batch.Worker.__init__

    def recording(worker, number):
        started.append(number)
        real(worker, number)

    monkeypatch.setattr(batch.Worker, "__init__", recording)
    monkeypatch.setattr(batch, "cpus", lambda: 2)  # forked workers even on a machine of one CPU
    result = briefgen_in_process("all", EXAMPLE, "--out-dir", tmp_path / "out", "-j", "10000")
    assert result.code == 0, result.err
    assert started == [0, 1]  # three products, -j 10000: as many workers as CPUs
