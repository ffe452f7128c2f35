"""Scaled copies of a brief for benchmarks, and an equivalent Markdown rendition for pandoc.

Shapes: ``scale_deep`` repeats every list at every depth (paragraphs in sections, quotes, allies, keywords, summary
paragraphs, editor's notes...) so that each list alone grows N-fold and the whole brief
grows linearly; ``long_paragraph`` and ``dense_markup`` put one paragraph of N characters,
plain or full of inline markup, into the brief.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from briefgen.layout import document as layout
from briefgen.load import load
from briefgen.theme import load_theme

def scale_deep(data: Any, factor: int) -> Any:
    """Every list at every depth ``factor`` times as long; only the original items' own lists grow,
    so a brief of size S becomes about ``factor`` × S, not S × factor^depth."""
    if isinstance(data, list):
        return [scale_deep(item, factor) for item in data] + [
            _variant(item, k) for k in range(2, factor + 1) for item in data]
    if isinstance(data, dict):
        return {key: scale_deep(value, factor) if key != "summary" or isinstance(value, list)
                else scale_deep([value], factor) for key, value in data.items()}
    return data


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


def _variant(item: Any, k: int) -> Any:
    if isinstance(item, str):
        return f"{item} (copy {k})"
    if isinstance(item, dict):
        out = {}
        for key, value in item.items():
            if key == "id":
                out[key] = f"{value}-{k}"
            elif key in ("date", "when", "likelihood", "confidence", "source", "url", "after"):
                out[key] = value
            else:
                out[key] = _variant(value, k)
        return out
    if isinstance(item, list):
        return [_variant(x, k) for x in item]
    return item


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
            lines += [f"{block.number}. {md(block.statement)} *{block.estimate}.* {md(block.basis)}", ""]
        elif isinstance(block, layout.Table):
            lines += ["| " + " | ".join(block.columns) + " |", "|" + "---|" * len(block.columns)]
            lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in block.rows] + [""]
        elif isinstance(block, layout.Quote):
            lines += [f"> {md(block.spans)}", ">", f"> {md(block.attribution)}", ""]
        elif isinstance(block, layout.Bibliography):
            lines += [f"- {md(entry)}" for _, entry in block.entries] + [""]
    lines += [f"[^{note.number}]: {md(note.spans)}" for note in document.notes]
    return "\n".join(lines) + "\n"
