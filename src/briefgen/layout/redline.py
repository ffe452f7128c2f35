"""Two editions of a brief → the new edition's document with what changed marked, word by word: a redline.

The blocks of both editions are lined up by their kind and words (difflib). A block only the new
edition has is inserted, one only the old has is deleted (``Tracked``). A block both have but
changed is the new block with its changes marked in its spans: inside a paragraph word by word,
inside a list or a table item by item (an item only one edition has is inserted or deleted whole),
so that accepting every change gives the new edition's words and rejecting every change the
old's. A block whose change cannot be marked in its spans (a heading, a figure, a table with
other columns or another number, a judgment with another estimate) is deleted and inserted whole.

Only the Word brief shows a redline (render/docx writes the marks as tracked changes); the
layout decides what changed, the renderer writes it.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from ..inline import Span
from ..value import Value, fields, replace
from .document import Block, Document, Judgment, NoteMark, Notes, Redline, Tracked

INSERTED, DELETED = "ins", "del"
AUTHOR = "briefgen"
SIMILAR = 0.5  # the least share of words two blocks (or items) have in common to be marked as one changed
# Which field says where each item of a list field came from (the content field marks of the Word brief).
_PLACES = {"items": "fields", "paragraphs": "fields", "entries": "fields", "rows": "fields",
           "reasons": "reason_fields"}
_MARKS = ("field", "fields", "reason_fields")  # the content field marks: the new edition's are kept
# A list item's number, which Word gives the item itself: it follows the new edition, untracked.
_NUMBERED = ("number",)
# Words a block shows as a plain string, and the field that carries them as spans when they changed.
_AS_SPANS = {"text": "marked", "caption": "caption_marked"}
_WORDS = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")  # each word (or sign) with the space after it


def compare(old: Document, new: Document, *, date: str) -> Document:
    """The new edition ``new`` with every change from ``old`` marked, by ``AUTHOR`` on ``date`` (ISO 8601)."""
    return replace(new, blocks=tuple(_lined_up(old.blocks, new.blocks)), redline=Redline(AUTHOR, date))


def _lined_up(old: tuple[Block, ...], new: tuple[Block, ...]) -> list[Block]:
    keys = [_key(b) for b in old], [_key(b) for b in new]
    out: list[Block] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, *keys, autojunk=False).get_opcodes():
        if op == "equal":
            out += new[j1:j2]
            continue
        out += _paired(old[i1:i2], new[j1:j2], keys[0][i1:i2], keys[1][j1:j2], _merge_block,
                       lambda b: Tracked(_unmarked(b), DELETED), lambda b: Tracked(b, INSERTED))
    return out


def _paired(old: tuple, new: tuple, old_keys: list, new_keys: list, merge, deleted, inserted) -> list:
    """The items of a changed stretch, in order: each new item merged with the first old one left of its kind that
    is similar enough (and mergeable), the old ones passed over deleted before it, the rest inserted."""
    out: list = []
    at = 0  # the first old item not yet placed
    for item, key in zip(new, new_keys):
        for n in range(at, len(old)):
            if old_keys[n][0] == key[0] and _similar(old_keys[n][1], key[1]):
                merged = merge(old[n], item)
                if merged is not None:
                    out += [deleted(o) for o in old[at:n]]
                    out.append(merged)
                    at = n + 1
                    break
        else:
            out.append(inserted(item))
    return out + [deleted(o) for o in old[at:]]


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() >= SIMILAR


def _key(value: Any) -> tuple[str, str, Any]:
    """What lines a block or item up: its kind, its words, and where its items end, so that two items are
    never taken for one item of the same words."""
    return type(value).__name__, " ".join(_text(value).split()), _edges(value)


def _edges(value: Any) -> Any:
    """The shape of a block's items, as the number of words each holds, nested as they are."""
    if isinstance(value, (str, Span, NoteMark)) or _inline(value):
        return len(_text(value).split())
    if isinstance(value, tuple):
        return tuple(_edges(v) for v in value)
    if isinstance(value, Value) and not hasattr(value, "shapes"):
        return tuple(_edges(getattr(value, name)) for name in fields(value)
                     if name not in _MARKS and name not in ("anchor", "description"))
    return len(_text(value).split())


def _text(value: Any) -> str:
    """Every word a reader sees of a block or item, in order (what lines blocks up)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (Span, NoteMark)):
        return value.text
    if isinstance(value, tuple):
        return " ".join(_text(v) for v in value)
    if isinstance(value, Value):
        if hasattr(value, "shapes"):  # a figure: what its alt text says of it
            return f"{value.caption} {value.alt}"
        return " ".join(_text(getattr(value, name)) for name in fields(value)
                        if name not in _MARKS and name not in ("anchor", "description"))
    return ""


def _merge_block(old: Block, new: Block) -> Block | None:
    """``new`` with its changes from ``old`` marked in its spans; None if they cannot all be marked there."""
    if isinstance(new, Notes) or hasattr(new, "shapes"):
        return None  # a figure is drawn; the notes list is renumbered as a whole (Word's footnotes: not compared)
    return _merge_value(old, new)


def _merge_value(old: Value, new: Value) -> Value | None:
    changed: dict[str, Any] = {}
    for name in fields(new):
        before, after = getattr(old, name), getattr(new, name)
        if name in _MARKS or name in _AS_SPANS.values() or before == after or (name in _NUMBERED and
                                                                                 isinstance(new, Judgment)):
            continue
        if name in _AS_SPANS and _AS_SPANS[name] in fields(new):
            shown = (getattr(before, "text", before), getattr(after, "text", after))  # a caption's, or the heading
            if not all(isinstance(s, str) for s in shown):
                return None
            changed[_AS_SPANS[name]] = _words((Span(shown[0]),), (Span(shown[1]),))
        elif _inline(before) and _inline(after):
            changed[name] = _words(before or (), after or ())
        elif name in _PLACES and isinstance(before, tuple) and isinstance(after, tuple):
            merged = _items(name, before, after, getattr(new, _PLACES[name]))
            if merged is None:
                return None
            changed[name], changed[_PLACES[name]] = merged
        else:
            return None
    return replace(new, **changed) if changed else new


def _inline(value: Any) -> bool:
    """Whether ``value`` is spans (an Inline), or an Inline field left empty (a subtitle the brief has not)."""
    return value is None or (isinstance(value, tuple) and all(isinstance(v, (Span, NoteMark)) for v in value))


def _items(name: str, old: tuple, new: tuple, places: tuple) -> tuple[tuple, tuple] | None:
    """A list's items (paragraphs, table rows, sources) lined up and merged, with the places of the new ones
    (a deleted item has none); None if a changed item cannot be marked."""
    places = places or ((),) * len(new)
    keys = [_key(i) for i in old], [_key(i) for i in new]
    items: list = []
    where: list = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, *keys, autojunk=False).get_opcodes():
        if op == "equal":
            items += new[j1:j2]
            where += places[j1:j2]
            continue
        marked = _paired(old[i1:i2], tuple(zip(new[j1:j2], places[j1:j2])), keys[0][i1:i2], keys[1][j1:j2],
                         lambda o, n: _placed(_merge_item(name, o, n[0]), n[1]),
                         lambda o: (_whole(name, o, DELETED), ()), lambda n: (_whole(name, n[0], INSERTED), n[1]))
        if any(item is None for item, _ in marked):
            return None
        items += [item for item, _ in marked]
        where += [place for _, place in marked]
    return tuple(items), tuple(where)


def _placed(item: Any, place: Any) -> tuple | None:
    return None if item is None else (item, place)


def _merge_item(name: str, old: Any, new: Any) -> Any:
    """Two editions of one item merged; None if its change cannot be marked in its spans."""
    if name == "rows":  # cell by cell, when the table has the same columns
        return tuple(_words(a, b) if a != b else b for a, b in zip(old, new)) if len(old) == len(new) else None
    if name in ("entries", "reasons"):  # (a source's id, its reference) or (a reason's label, its text)
        return (new[0], _words(old[1], new[1])) if old[0] == new[0] else None
    return _words(old, new)


def _whole(name: str, item: Any, change: str) -> Any:
    """An item only one edition has, every span of it marked; None if some of its words are not spans."""
    if name == "rows":
        return tuple(tuple(replace(s, change=change) for s in cell) for cell in item)
    if name == "entries":  # the id is never shown
        return item[0], tuple(replace(s, change=change) for s in item[1])
    if name == "reasons":
        return None  # the reason's label is shown, and is not a span
    return tuple(replace(s, change=change) for s in item)


def _words(old: tuple, new: tuple) -> tuple:
    """The new spans with the words deleted from the old ones put back, marked, and the inserted ones marked."""
    a, b = _tokens(old), _tokens(new)
    out: list = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, [k for k, _ in a], [k for k, _ in b],
                                              autojunk=False).get_opcodes():
        if op == "equal":
            out += [t for _, t in b[j1:j2]]
            continue
        out += [replace(t, change=DELETED) for _, t in a[i1:i2]]
        out += [replace(t, change=INSERTED) for _, t in b[j1:j2]]
    return tuple(_joined(out))


def _tokens(spans: tuple) -> list[tuple[tuple, Any]]:
    """Each word, space and mark of the spans, with what compares it: its text and its look."""
    found: list[tuple[tuple, Any]] = []
    for span in spans:
        if isinstance(span, NoteMark):
            found.append((("mark", span.text), span))
            continue
        for word in _WORDS.findall(span.text):
            found.append(((word, span.bold, span.italic, span.href), replace(span, text=word)))
    return found


def _joined(tokens: list) -> list:
    """Neighbouring words of the same look and change as one span again."""
    out: list = []
    for token in tokens:
        last = out[-1] if out else None
        if isinstance(token, Span) and isinstance(last, Span) and (last.bold, last.italic, last.href, last.change) \
                == (token.bold, token.italic, token.href, token.change):
            out[-1] = replace(last, text=last.text + token.text)
        else:
            out.append(token)
    return out


def _unmarked(value: Any) -> Any:
    """A deleted block without its content field marks: the fields are the old edition's, not in the file."""
    if isinstance(value, tuple):
        return tuple(_unmarked(v) for v in value)
    if isinstance(value, Value) and not isinstance(value, (Span, NoteMark)):
        changed = {name: (() if name in _MARKS else _unmarked(getattr(value, name))) for name in fields(value)
                   if name in _MARKS or isinstance(getattr(value, name), (tuple, Value))}
        return replace(value, **changed) if changed else value
    return value


__all__ = ["AUTHOR", "DELETED", "INSERTED", "compare"]
