"""Scaled copies of a brief for benchmarks, and an equivalent Markdown rendition for pandoc.

Shapes: ``scale_deep`` repeats every list at every depth, the lists inside the repeated items too
(paragraphs, judgments with their questions, actors with their allies and quotes, a table's rows...),
and makes each long paragraph ``factor`` times as long; ``long_paragraph`` and ``dense_markup`` put one
paragraph of N characters, plain or full of inline markup, into the brief.

The copies follow the model's declared types (``briefgen.model``), so that a scaled brief is valid
whatever fields the model gains: only prose (``Text``, ``Name``, ``Headline``) is marked "(copy k)";
ids get "-k"; grades, terms, dates, addresses and choices are kept; a list that names other parts
(a judgment's scenarios, an alternative's indicators) names their copies too.
"""

from __future__ import annotations

import copy
import types
import typing
from pathlib import Path
from typing import Any

from briefgen import model
from briefgen.layout import document as layout
from briefgen.load import load
from briefgen.parts import Part
from briefgen.theme import load_theme

# A paragraph at least this long is one of the brief's long paragraphs: scale_deep makes it longer too.
LONG_PARAGRAPH = 500
_PROSE = (model.Text, model.Name, model.Headline)

# Fields that name another part by its name or id, and how a copy of that part is named (see _variant).
_NAMES_SCENARIO = ((model.KeyJudgment, "scenarios"), (model.Indicator, "scenario"))
_NAMES_INDICATOR = ((model.Alternative, "indicators"),)
_NAMES_SOURCE = ((model.Quote, "source"),)
# Choices, not content: the parts a meeting wants on main slides, the bibliography's files, a table's columns.
_KEPT = ((model.Meeting, "main"), (model.Brief, "bibliography"), (model.OwnTable, "header"))


def scale_deep(data: Any, factor: int) -> Any:
    """The brief with every list at every depth ``factor`` times as long, the lists inside the copies too,
    and every paragraph of LONG_PARAGRAPH characters or more ``factor`` times as long.

    A brief of S bytes grows faster than ``factor`` × S (a list inside a list grows ``factor``² times);
    benchmarks/run.py reports time per byte of content, which stays the same when the code is linear.
    """
    return _scaled(model.Brief, data, factor, ())


def _scaled(tp: Any, value: Any, factor: int, marks: tuple[int, ...]) -> Any:
    """``value``, declared as ``tp``, scaled; ``marks`` are the copy numbers of the items it sits in."""
    tp = _optional(tp)
    if tp in _PROSE:
        return _variant_text(tp, value, factor, marks) if isinstance(value, str) else value
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return _scaled(args[0], value, factor, marks)
    if origin in (list, tuple):
        items = [value] if isinstance(value, str) else value  # one paragraph stands for a list of one
        if not isinstance(items, list):
            return value
        if typing.get_origin(_optional(args[0])) in (list, tuple):  # a table's rows: more rows, not more columns
            cell = typing.get_args(_optional(args[0]))[0]
            return [[_scaled(cell, item, factor, marks + copy) for item in row] if isinstance(row, list) else row
                    for copy in _copies(factor) for row in items]
        return [_scaled(args[0], item, factor, marks + copy) for copy in _copies(factor) for item in items]
    if isinstance(tp, type) and issubclass(tp, Part):
        if isinstance(value, str):  # a part that may be written as its one prose field (a plain indicator)
            return _variant_text(model.Text, value, factor, marks)
        if not isinstance(value, dict):
            return value
        hints = typing.get_type_hints(tp, include_extras=True)
        return {key: _field(tp, key, hints.get(key), item, factor, marks) for key, item in value.items()}
    return value  # a grade, a term, a date, an address, a choice: the same in every copy


def _field(part: type, key: str, tp: Any, value: Any, factor: int, marks: tuple[int, ...]) -> Any:
    if tp is None or (part, key) in _KEPT:
        return value
    if key == "id" and isinstance(value, str):
        return value + "".join(f"-{k}" for k in marks)
    for fields, named in ((_NAMES_SCENARIO, _scenario_name), (_NAMES_INDICATOR, _indicator_id),
                          (_NAMES_SOURCE, None)):
        if (part, key) in fields:
            # A reference in a copy still names the original; a list of them also names its copies.
            if not isinstance(value, list) or named is None:
                return value
            return [named(item, copy) for copy in _copies(factor) for item in value]
    return _scaled(tp, value, factor, marks)


def _copies(factor: int) -> list[tuple[int, ...]]:
    """The marks each copy of a list item adds: none for the original, then (2,), (3,) ... (factor,)."""
    return [()] + [(k,) for k in range(2, factor + 1)]


def _scenario_name(name: Any, copy: tuple[int, ...]) -> Any:
    return _marked(name, copy) if isinstance(name, str) else name


def _indicator_id(key: Any, copy: tuple[int, ...]) -> Any:
    return key + "".join(f"-{k}" for k in copy) if isinstance(key, str) else key


def _marked(text: str, marks: tuple[int, ...]) -> str:
    return text + "".join(f" (copy {k})" for k in marks)


def _variant_text(tp: Any, text: str, factor: int, marks: tuple[int, ...]) -> str:
    if tp == model.Headline:
        # A headline is a slide's title of at most HEADLINE_WORDS words: the copy's mark takes its last ones.
        words = text.split()
        keep = model.HEADLINE_WORDS - len(_marked("", marks).split())
        return _marked(" ".join(words[:keep]), marks)
    if tp == model.Text and not marks and len(text) >= LONG_PARAGRAPH:
        text = " ".join([text] * factor)
    return _marked(text, marks)


def _optional(tp: Any) -> Any:
    """``T`` for ``T | None``; a union of several kinds (a term or prose) stays as it is, and is kept."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        kinds = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return kinds[0] if len(kinds) == 1 else tp
    return tp


_WORDS = ("the", "front", "said", "its", "fighters", "held", "the", "valley", "while", "talks", "in",
          "Doha", "stalled", "over", "the", "question", "of", "autonomy")


def long_paragraph(data: dict[str, Any], chars: int) -> dict[str, Any]:
    """The brief with one more context paragraph of about ``chars`` characters of plain prose."""
    data = copy.deepcopy(data)
    data["context"]["paragraphs"].append(_prose(chars, lambda i, word: word))
    return data


def dense_markup(data: dict[str, Any], chars: int) -> dict[str, Any]:
    """The brief with one more context paragraph of about ``chars`` characters, every word marked up."""
    data = copy.deepcopy(data)
    source = data["sources"][0]["id"]
    marks = (lambda w: f"*{w}*", lambda w: f"**{w}**", lambda w: f"[{w}](https://example.org/{w})",
             lambda w: f"{w} [@{source}]", lambda w: f"***{w}***", lambda w: w)
    data["context"]["paragraphs"].append(_prose(chars, lambda i, word: marks[i % len(marks)](word)))
    return data


def _prose(chars: int, mark: Any) -> str:
    words: list[str] = []
    size = 0
    while size < chars:
        word = mark(len(words), _WORDS[len(words) % len(_WORDS)])
        words.append(word)
        size += len(word) + 1
    return " ".join(words) + "."


def write_markdown(content: Path) -> Path:
    """Write the Markdown twin of a content file beside it (``.md``) and return its path."""
    markdown = content.with_suffix(".md")
    markdown.write_text(to_markdown(layout.compose(load(content), load_theme())), encoding="utf-8")
    return markdown


def to_markdown(document: layout.Document) -> str:
    """The same blocks as pandoc Markdown, so pandoc does the same amount of work as we do."""

    def md(spans: Any) -> str:
        out = []
        for span in spans:
            if isinstance(span, layout.NoteMark):
                out.append(f"[^{span.number}]")
                continue
            text = span.text.replace("\n", " ")
            if span.bold:
                text = f"**{text}**"
            if span.italic:
                text = f"*{text}*"
            if span.href:
                text = f"[{text}]({span.href})"
            out.append(text)
        return "".join(out)

    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, layout.TitleBlock):
            lines += [f"# {md(block.title)}", ""] + [md(part) + "\n" for part in (block.subtitle, block.dateline,
                                                                               block.authors) if part]
        elif isinstance(block, layout.Heading):
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        elif isinstance(block, layout.Paragraph):
            lines += [md(block.spans), ""]
        elif isinstance(block, layout.BulletList):
            lines += [f"- {md(item)}" for item in block.items] + [""]
        elif isinstance(block, layout.Callout):
            lines += [f"> **{block.title}**", ">"] + [f"> {md(p)}\n>" for p in block.paragraphs] + [""]
        elif isinstance(block, layout.Judgment):
            lines += [f"{block.number}. {md(block.statement)} *{block.estimate}.*"]
            lines += [f"   **{label}** {md(reason)}" for label, reason in block.reasons] + [""]
        elif isinstance(block, layout.Table):
            lines += ["| " + " | ".join(block.columns) + " |", "|" + "---|" * len(block.columns)]
            lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in block.rows] + [""]
        elif isinstance(block, layout.Quote):
            lines += [f"> {md(block.spans)}", ">", f"> {md(block.attribution)}", ""]
        elif isinstance(block, layout.Bibliography):
            lines += [f"- {md(entry)}" for _, entry in block.entries] + [""]
    lines += [f"[^{note.number}]: {md(note.spans)}" for note in document.notes]
    return "\n".join(lines) + "\n"
