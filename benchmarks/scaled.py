"""Scaled copies of a brief for benchmarks: every list repeated N times with distinct text,
and an equivalent Markdown rendition for pandoc."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from briefgen.inline import Inline, text_of
from briefgen.layout import document as layout
from briefgen.load import load

SCALED_LISTS = {
    (): ("key_judgments", "actors", "signals", "analogies", "sections", "sources", "editor_notes"),
    ("context",): ("timeline", "paragraphs"),
    ("outlook",): ("scenarios", "indicators"),
}


def scale(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """The brief with each list repeated ``factor`` times; copy k's text is marked "(k)"."""
    data = copy.deepcopy(data)
    for parent_path, names in SCALED_LISTS.items():
        parent = data
        for key in parent_path:
            parent = parent[key]
        for name in names:
            items = parent.get(name) or []
            parent[name] = items + [_variant(item, k) for k in range(2, factor + 1) for item in items]
    return data


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


def write_scaled(source: Path, factor: int, folder: Path) -> tuple[Path, Path]:
    """Write ``<stem>-<factor>x.yaml`` and its Markdown twin into ``folder``."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    content = folder / f"{source.stem}-{factor}x.yaml"
    content.write_text(yaml.safe_dump(scale(data, factor), allow_unicode=True, sort_keys=False), encoding="utf-8")
    markdown = folder / f"{source.stem}-{factor}x.md"
    markdown.write_text(to_markdown(layout.compose(load(content))), encoding="utf-8")
    return content, markdown


def to_markdown(document: layout.Document) -> str:
    """The same blocks as pandoc Markdown, so pandoc does the same amount of work as we do."""
    meta = document.meta
    lines = ["---", f"title: {_quote(meta.title)}", f"subtitle: {_quote(meta.subtitle)}",
             f"author: {_quote(meta.authors)}", f"date: {_quote(meta.date_text)}", "---", ""]
    notes: list[str] = []

    def md(spans: Inline) -> str:
        out = []
        for span in spans:
            if span.cite:
                notes.append(text_of(document.references[span.cite]))
                out.append(f"[^{len(notes)}]")
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

    for block in document.blocks:
        if isinstance(block, layout.Heading):
            lines += ["#" * block.level + " " + block.text, ""]
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
    lines += [f"[^{n}]: {text}" for n, text in enumerate(notes, 1)]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
