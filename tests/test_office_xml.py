"""Office and XMP XML is built as lxml elements, never written as text: escaping and child order come by construction.

Read from the source: a string (or the literal parts of an f-string) that holds a namespaced
tag (``<w:p``, ``</a:t>``), a namespace declaration, an XML declaration or processing
instruction, or one of the package parts' unprefixed elements. reportlab's paragraph markup
(render/pdf/markup.py) is a string by design; its tags have no namespace, so it never matches.
Docstrings and error messages may speak of tags.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import briefgen

SOURCE = Path(briefgen.__file__).parent
XML = re.compile(r"<[?/]?[A-Za-z_][\w.-]*:(?!/)|<\?xml|<\?xpacket|\bxmlns[:=]"
                 r"|</?(?:Relationships?|Types|Default|Override|Properties)\b")


class DescribeOfficeXml:
    def it_is_never_written_as_a_string(self):
        assert _written_as_strings() == {}

    def it_sees_xml_in_strings_and_f_strings_but_not_in_docstrings_messages_or_markup(self, tmp_path):
        tmp_path.joinpath("sample.py").write_text(
            '"""A module that speaks of <w:p> in its docstring."""\n'
            'RUN = "<w:r><w:t>x</w:t></w:r>"\n'
            'def f(tag, body):\n'
            '    """Makes a <a:t>."""\n'
            '    return (f"<w:{tag}>{body}</w:{tag}>", "<?xml version=\'1.0\'?>", \'<x xmlns="urn:x"/>\',\n'
            '            "<Relationship Id=", "<b>bold</b><br/><a href=\\"https://example.org\\">x</a>",\n'
            '            "<stdin>", "<https://example.org>")\n'
            'def g(name):\n'
            '    raise ValueError(f"{name} has no <w:body>")\n', encoding="utf-8")
        assert _written_as_strings(tmp_path) == {"sample.py": [2, 5, 5, 5, 6]}


def _written_as_strings(root: Path = SOURCE) -> dict[str, list[int]]:
    """Module → the lines of its strings that hold XML tags, for every module that has any."""
    found: dict[str, list[int]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        inside_f_strings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                            for part in node.values}
        messages = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.Raise) for inner in ast.walk(node)}
        lines = []
        for node in ast.walk(tree):
            if id(node) in messages:
                continue
            if isinstance(node, ast.JoinedStr):
                # A formatted value stands for a name: f"<w:{tag}" is a tag.
                text = "".join(p.value if isinstance(p, ast.Constant) else "x" for p in node.values)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    id(node) not in docstrings and id(node) not in inside_f_strings:
                text = node.value
            else:
                continue
            if XML.search(text):
                lines.append(node.lineno)
        if lines:
            found[path.relative_to(root).as_posix()] = sorted(lines)
    return found
