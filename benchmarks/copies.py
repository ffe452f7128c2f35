"""Numbered copies at scale: the NRF brief for 200 recipients in all three formats with -j 2, against single renders.

A copy reuses the layout of its format (laid out once) and the warm process that drew the
last one; a single render is a whole `briefgen all` process for one brief. Both are timed as
a user waits for them (wall clock), with the CPU seconds of the process and its workers.

    python benchmarks/copies.py                    # 200 recipients, 200 single renders
    python benchmarks/copies.py --singles 20       # time 20 single renders and scale them to --recipients
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "content" / "nrf-secession.yaml"
BRIEFGEN = [sys.executable, "-m", "briefgen"]


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipients", type=int, default=200)
    parser.add_argument("--singles", type=int, default=200, help="single renders to time (scaled to --recipients)")
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        listing = work / "recipients.csv"
        with listing.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "organisation", "email"])
            writer.writerows([f"Recipient {n}", f"Organisation {n % 17}", f"r{n}@example.org"]
                             for n in range(1, options.recipients + 1))
        timed([*BRIEFGEN, "all", str(SOURCE), "--out-dir", str(work / "warm"), "-q"], work)  # page cache, .pyc
        copies_wall, copies_cpu = timed([*BRIEFGEN, "all", str(SOURCE), "--recipients", str(listing),
                                         "-j", str(options.jobs), "--out-dir", str(work / "copies"), "-q"], work)
        products = options.recipients * 3
        with (work / "copies" / SOURCE.stem / "manifest.csv").open(encoding="utf-8") as handle:
            assert sum(1 for _ in handle) == products + 1, "not every copy was written"
        singles = [timed([*BRIEFGEN, "all", str(SOURCE), "-j", str(options.jobs), "--out-dir",
                          str(work / "single"), "-q"], work) for _ in range(options.singles)]
        single_wall = statistics.median(w for w, _ in singles)
        single_cpu = statistics.median(c for _, c in singles)
        scale = options.recipients
        print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}; python {sys.version.split()[0]}")
        print(f"{options.recipients} recipients x 3 formats, -j {options.jobs}: {copies_wall:.1f} s wall, "
              f"{copies_cpu:.1f} s CPU; {products} products, {copies_wall / products * 1000:.0f} ms wall and "
              f"{copies_cpu / products * 1000:.0f} ms CPU a product")
        print(f"one `briefgen all` of the brief (median of {options.singles}): {single_wall:.2f} s wall, "
              f"{single_cpu:.2f} s CPU, so {single_wall / 3 * 1000:.0f} ms wall a product")
        print(f"{scale} single renders: {single_wall * scale:.1f} s wall, {single_cpu * scale:.1f} s CPU"
              + ("" if options.singles == scale else f" (the median x {scale})"))
        print(f"copies against single renders: {copies_wall / (single_wall * scale):.2f} of the wall time, "
              f"{copies_cpu / (single_cpu * scale):.2f} of the CPU; a copy costs "
              f"{copies_cpu / products / (single_cpu / 3):.2f} of a render's CPU")


if __name__ == "__main__":
    main()
