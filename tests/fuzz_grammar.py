"""Hypothesis strategies that write what briefgen reads, nearly right: a grammar of YAML briefs, inline markup
and BibTeX / CSL-JSON, with the slips, hostile characters and garbage real files hold.

Used by tests/test_fuzz.py (a few examples in every run) and benchmarks/fuzz.py (many, for minutes).
Inputs are built from the grammar's pieces, so most get deep into the readers before anything is
wrong with them, rather than failing at the first byte as random text would.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import strategies as st

EXAMPLE = Path(__file__).resolve().parents[1] / "templates" / "default" / "example.yaml"

# Characters that mean something to one of the readers, or to no reader and every renderer.
SPECIAL = ["*", "**", "[", "]", "(", ")", "@", "\\", "-", ";", ",", ":", "{", "}", "#", "%", "&", "<", ">", '"',
           "'", "`", "~", "$", "|", "\n", "\t", " ", "\u202e", "\u2067", "\u2069", "\u200f", "\u00a0", "\ufeff",
           "\x00", "\x1b", "\ufffd", "é", "ö", "ß", "ı", "ش", "کابل", "דוד", "中文", "🙂", "\U0001f3f4\u200d"]
KEYS = ["report2024", "jami2022", "török2012", "маурицио2008переоценка", "Gel'fand1975", "doi:10.1/x",
        "https://doi.org/10.1/x", "a", "_", "a.b", "x:y/z", "", "nosuch", "a b"]
words = st.sampled_from(["water", "rights", "the", "dam", "likely", "probably", "2023", "by end-2024", "p.", "pp.",
                         "see", "chap.", "and", "NRF", "Kabul", "§", "¶"])


@st.composite
def citations(draw) -> str:
    """A citation as written: bracketed with prefix, locator and suffix, in-text, suppressed, braced, broken."""
    key = draw(st.sampled_from(KEYS))
    written = draw(st.sampled_from([f"@{key}", f"@{{{key}}}", f"-@{key}", f"@{key} [p. 4]", f"@{{{key}"]))
    if draw(st.booleans()):
        prefix = draw(st.sampled_from(["", "see ", "cf. ", "[", "@"]))
        locator = draw(st.sampled_from(["", ", p. 4", ", pp. 4-6", ", chap. 2", ", 33", ", sec. 3, emphasis added",
                                        ", §§ 1--2", ", p.", ";", ", ]"]))
        more = draw(st.sampled_from(["", "; @jami2022", "; see @a, p. 1", ";;"]))
        written = f"[{prefix}{written}{locator}{more}]"
    return written


@st.composite
def markup(draw, depth: int = 0) -> str:
    """Prose with inline markup, nested and unbalanced: emphasis, links, citations, escapes, special characters."""
    pieces = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.integers(0, 7 if depth < 2 else 3))
        if kind <= 1:
            pieces.append(draw(words))
        elif kind == 2:
            pieces.append(draw(st.sampled_from(SPECIAL)))
        elif kind == 3:
            pieces.append(draw(citations()))
        elif kind == 4:
            mark = draw(st.sampled_from(["*", "**", "***", "_"]))
            pieces.append(f"{mark}{draw(markup(depth + 1))}{draw(st.sampled_from([mark, '', '*']))}")
        elif kind == 5:
            url = draw(st.sampled_from(["https://example.org/a", "javascript:alert(1)", "mailto:a@b.c", "", "(x)",
                                        "https://example.org/(a)", "file:///etc/passwd", "https://a b"]))
            pieces.append(f"[{draw(markup(depth + 1))}]({url}{draw(st.sampled_from([')', '']))}")
        elif kind == 6:
            pieces.append("\\" + draw(st.sampled_from(SPECIAL)))
        else:
            pieces.append(draw(st.text(max_size=12)))
    return draw(st.sampled_from([" ", "", "\u00a0"])).join(pieces)


def _example() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10 ** 12), st.floats(allow_nan=True),
                    st.sampled_from(["", "2024-02-30", "1979", "2108-01-01", "likely", "highly unlikely", "medium",
                                     "TLP:AMBER+STRICT", "tlp:red", "&anchor", "*alias", "!!python/object", "~",
                                     "yes", "0x1F", "1e400", "images/none.png", "../../etc/passwd"]))


@st.composite
def mutated(draw, value, depth: int = 0):
    """``value`` (the example brief's data) with a few fields changed in type or content, dropped, doubled or
    misspelt."""
    if isinstance(value, dict) and depth < 8:
        out = {}
        for key, item in value.items():
            action = draw(st.integers(0, 30))
            if action == 0:
                continue  # dropped
            if action == 1:
                key = key[:-1] + draw(st.sampled_from(["y", "s", "", key[-1] * 2]))  # misspelt
            out[key] = draw(mutated(item, depth + 1)) if action > 4 else draw(st.one_of(scalars, markup()))
        if draw(st.integers(0, 20)) == 0:
            out[draw(st.sampled_from(["bibliograpy", "likelyhood", "notes", "extra", "<<"]))] = draw(scalars)
        return out
    if isinstance(value, list) and depth < 8:
        items = [draw(mutated(item, depth + 1)) for item in value]
        if items and draw(st.integers(0, 10)) == 0:
            items = items * draw(st.integers(2, 5))
        return items
    if isinstance(value, str):
        action = draw(st.integers(0, 12))
        if action == 0:
            return draw(markup())
        if action == 1:
            return draw(scalars)
        if action == 2:
            return value + draw(st.sampled_from(SPECIAL))
    return value


@st.composite
def yaml_briefs(draw) -> str:
    """The text of a brief: the example with its data mutated, dumped, then sometimes broken as text (an unquoted
    colon, a shifted indent, a tab, a cut, an alias bomb, a stray document marker)."""
    data = draw(mutated(_example()))
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False,
                          default_flow_style=draw(st.sampled_from([False, None])))
    lines = text.splitlines()
    for _ in range(draw(st.integers(0, 3))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.integers(0, 7))
        if edit == 0:
            lines[at] = lines[at] + ": " + draw(words)
        elif edit == 1:
            lines[at] = " " * draw(st.integers(1, 3)) + lines[at]
        elif edit == 2:
            lines[at] = lines[at].lstrip()
        elif edit == 3:
            lines[at] = "\t" + lines[at]
        elif edit == 4:
            lines = lines[:at]
        elif edit == 5:
            lines.insert(at, draw(st.sampled_from(["---", "...", "%YAML 1.1", "a: &a [x, x, x]", "b: *a",
                                                   "? complex", "- - -", "{", "'"])))
        elif edit == 6:
            lines[at] = lines[at].replace("- ", "-", 1)
        else:
            lines[at] = draw(markup())
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n", "\n\n\x00"]))


# --- bibliographies ------------------------------------------------------------------------------

bib_text = st.one_of(markup(), st.sampled_from([r"{\"o}", r"\'{e}", r"{\ss}", r"\v{S}", r"$x^2$", r"\url{a}",
                                                r"{{Nested {deep}}}", r"\textit{x", "{", "}", '"', r"\\", "--",
                                                r"\c", r"\begin{x}", "#", "@", "%"]), st.text(max_size=20))


@st.composite
def bib_value(draw) -> str:
    form = draw(st.integers(0, 6))
    text = draw(bib_text)
    if form == 0:
        return "{" + text + "}"
    if form == 1:
        return '"' + text + '"'
    if form == 2:
        return draw(st.sampled_from(["jan", "nov", "mit", "2020", "undefinedmacro", ""]))
    if form == 3:
        return " # ".join(draw(st.lists(st.sampled_from(['"a"', "mit", "{b}", '"', "#"]), min_size=1, max_size=4)))
    if form == 4:
        return "{" + text  # unclosed
    return "{" + text + "}"


@st.composite
def bib_entry(draw) -> str:
    kind = draw(st.sampled_from(["article", "BOOK", "misc", "InProceedings", "online", "string", "comment", "preamble",
                                 "", "x y"]))
    key = draw(st.sampled_from(KEYS + ["dup", "dup", "parent"]))
    fields = [f"{draw(st.sampled_from(['title', 'author', 'year', 'month', 'date', 'journal', 'crossref', 'doi', 'url', 'editor', 'TITLE', 'title']))}"
              f" = {draw(bib_value())}" for _ in range(draw(st.integers(0, 6)))]
    opening, closing = draw(st.sampled_from([("{", "}"), ("(", ")"), ("{", ""), ("{", ")")]))
    separator = draw(st.sampled_from([",\n  ", ", ", "\r\n", ",,"]))
    return f"@{kind}{opening}{key}{separator}{separator.join(fields)}{closing}"


@st.composite
def bibtex_files(draw) -> bytes:
    entries = draw(st.lists(st.one_of(bib_entry(), st.text(max_size=30),
                                      st.sampled_from(["% Encoding: windows-1252", "%% Saved with string encoding "
                                                       "Western (Windows Latin 1)", "@string{mit = {MIT}}",
                                                       "% Encoding: nonsense"])),
                            max_size=12))
    text = "\n\n".join(entries)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]))
    return text.encode(encoding, "replace")


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.text(max_size=6), inner, max_size=4)),
                           max_leaves=20)


@st.composite
def csl_item(draw) -> dict:
    item = {}
    for name in draw(st.lists(st.sampled_from(["id", "title", "author", "editor", "issued", "URL", "DOI",
                                               "publisher", "container-title", "type"]), max_size=8)):
        if name in ("author", "editor"):
            item[name] = draw(st.one_of(json_values, st.lists(st.fixed_dictionaries(
                {}, optional={"family": st.text(max_size=8), "given": json_values, "literal": json_values,
                              "non-dropping-particle": st.text(max_size=4)}), max_size=3)))
        elif name == "issued":
            item[name] = draw(st.one_of(json_values, st.fixed_dictionaries({}, optional={
                "date-parts": st.lists(st.lists(st.one_of(st.integers(-5, 10 ** 6), st.text(max_size=4)),
                                                max_size=4), max_size=2),
                "raw": st.text(max_size=12), "literal": st.text(max_size=8)})))
        elif name == "id":
            item[name] = draw(st.one_of(st.sampled_from(KEYS), json_values))
        else:
            item[name] = draw(st.one_of(bib_text, json_values))
    return item


@st.composite
def csl_files(draw) -> bytes:
    items = draw(st.lists(st.one_of(csl_item(), json_values), max_size=8))
    shape = draw(st.integers(0, 4))
    if shape == 0:
        text = json.dumps(items, ensure_ascii=draw(st.booleans()))
    elif shape == 1:
        text = json.dumps(items[0] if items else {})
    elif shape == 2:
        text = json.dumps(items)[:draw(st.integers(0, 200))]  # cut short
    elif shape == 3:
        text = json.dumps(items, indent=2).replace(",", draw(st.sampled_from([",", "", ",,", ";"])), 1)
    else:
        text = draw(st.text(max_size=50))
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])), "replace")
