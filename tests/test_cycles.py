"""The cycle collector around imports (cycles.imported): paused while a module is imported, what it made frozen,
and the collector left as it was, whether the import succeeds or fails; and around a command's products: none
while the one product of a process is made. Each case runs in a process of its own, where the module is not
imported yet."""

from __future__ import annotations

import subprocess
import sys

from .conftest import NRF

PROBE = """
import gc, sys
from briefgen import cycles
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))
{before}
mark = len(collections)
try:
    module = cycles.imported({name!r})
except ImportError:
    module = None
during = len(collections) - mark
print(module is not None and module is sys.modules[{name!r}], gc.isenabled(), gc.get_freeze_count() > 0, during)
"""


def probe(name: str, before: str = "") -> list[str]:
    code = PROBE.format(name=name, before=before)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


class DescribeImported:
    def it_imports_without_collecting_and_freezes_what_it_made(self):
        assert probe("briefgen.render.pdf") == ["True", "True", "True", "0"]

    def it_leaves_a_paused_collector_paused(self):
        _, enabled, frozen, _ = probe("briefgen.render.pdf", before="gc.disable()")
        assert (enabled, frozen) == ("False", "True")

    def it_turns_the_collector_on_again_when_the_import_fails(self):
        imported, enabled, _, _ = probe("briefgen.render.no_such_format")
        assert (imported, enabled) == ("False", "True")

    def it_gives_a_module_already_imported_as_it_is(self):
        from briefgen import cycles, products
        assert cycles.imported("briefgen.products") is products


ONE_PRODUCT = """
import gc, sys
from briefgen import cli
collections, during = [], []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))
rendered = cli._render_all
def counted(*args, **kwargs):
    mark, frozen = len(collections), gc.get_freeze_count()
    try:
        return rendered(*args, **kwargs)
    finally:
        during.extend([len(collections) - mark, gc.isenabled(), gc.get_freeze_count() > frozen])
cli._render_all = counted
sys.argv = ["briefgen", *{argv!r}, "-q"]
try:
    cli.main()
except SystemExit as end:
    assert not end.code, end.code
print(*during)
"""


def rendered(argv: list[str]) -> list[str]:
    """The collections while the command renders (cli._render_all), whether the collector is on after, and whether
    anything was frozen."""
    code = ONE_PRODUCT.format(argv=argv)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


class DescribeRendering:
    def it_makes_one_product_without_a_collection_and_freezes_what_is_left_for_the_exit(self, tmp_path):
        assert rendered(["pdf", str(NRF), "-o", str(tmp_path / "brief.pdf")]) == ["0", "True", "True"]
        assert (tmp_path / "brief.pdf").stat().st_size > 0

    def it_collects_while_it_makes_several(self, tmp_path):
        collections, enabled, _ = rendered(["all", str(NRF), "--out-dir", str(tmp_path), "-j", "1"])
        assert int(collections) > 0 and enabled == "True"
