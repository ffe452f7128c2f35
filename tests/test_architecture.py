"""The shape of the code: the pipeline's layers hold (pyproject.toml's import-linter contracts) and no
module imports, even lazily inside a function, a module that imports it back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

TOP = Path(__file__).resolve().parents[1]


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The import graph's strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            for other in imported:
                if other not in index:
                    index[other] = low[other] = len(index)
                    stack.append(other)
                    on_stack.add(other)
                    work.append((other, iter(sorted(graph.find_modules_directly_imported_by(other)))))
                    break
                if other in on_stack:
                    low[module] = min(low[module], index[other])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


class DescribeTheCode:
    def it_has_no_import_cycle(self):
        graph = grimp.build_graph("briefgen", exclude_type_checking_imports=True)
        assert _cycles(graph) == []

    def it_finds_a_cycle_where_there_is_one(self):
        graph = grimp.ImportGraph()
        for module in ("a", "a.b", "a.c", "a.d"):
            graph.add_module(module)
        graph.add_import(importer="a.b", imported="a.c")
        graph.add_import(importer="a.c", imported="a.b")
        graph.add_import(importer="a.c", imported="a.d")
        assert _cycles(graph) == [["a.b", "a.c"]]

    def it_keeps_the_pipeline_layers(self):
        lint = Path(sys.executable).with_name("lint-imports")
        result = subprocess.run([str(lint), "--config", str(TOP / "pyproject.toml"), "--no-cache"],
                                capture_output=True, text=True, cwd=TOP)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 broken" in result.stdout
