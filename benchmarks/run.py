"""Benchmark briefgen against its import floor and against pandoc, at 1×, 10× and 50× the NRF brief.

Every figure is a whole process (what a user waits for), the median of --runs runs after one
warm-up, on this machine. Peak RSS comes from wait4's rusage for each child.

    python benchmarks/run.py                 # full table (a few minutes on 2 cores)
    python benchmarks/run.py --runs 3 --scales 1 10
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scaled import write_scaled  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "content" / "nrf-secession.yaml"
PY = sys.executable
FLOOR_BASE = "import click, yaml"
FLOORS = {
    "docx": f"{FLOOR_BASE}, docx",
    "pdf": f"{FLOOR_BASE}, reportlab.platypus",
    "pptx": f"{FLOOR_BASE}, pptx",
    "all": f"{FLOOR_BASE}, docx, pptx, reportlab.platypus",
}


def measure(argv: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """(median seconds, peak RSS in MB) of ``argv`` run as a whole process."""
    times, peaks = [], []
    for i in range(runs + 1):
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"failed: {' '.join(argv)}\n{child.stderr.read().decode()}")
        if i:  # the first run warms the disk cache and is not counted
            times.append(elapsed)
            peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()
    briefgen = [PY, "-m", "briefgen"]
    pandoc = shutil.which("pandoc")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; median of {args.runs} runs")
    if not pandoc:
        print("pandoc not found: the pandoc columns are skipped (apt-get install pandoc)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floors = {name: measure([PY, "-c", code], args.runs, folder)[0] for name, code in FLOORS.items()}
        print("\nimport floors (s): " + ", ".join(f"{k} {v:.3f}" for k, v in floors.items()))
        results: dict[tuple[str, int], tuple[float, float]] = {}
        header = f"{'scale':>5} {'command':<9} {'median s':>9} {'peak MB':>8} {'/floor':>7} {'pandoc s':>9} {'/pandoc':>8}"
        print("\n" + header + "\n" + "-" * len(header))
        for factor in args.scales:
            content, markdown = write_scaled(SOURCE, factor, folder)
            pandoc_times = {}
            if pandoc:
                for fmt in ("docx", "pptx"):
                    pandoc_times[fmt] = measure([pandoc, str(markdown), "-o", str(folder / f"p.{fmt}")],
                                                args.runs, folder)[0]
                pandoc_times["all"] = pandoc_times["docx"] + pandoc_times["pptx"]
            for command in ("docx", "pdf", "pptx", "all", "validate"):
                if command == "all":
                    argv = briefgen + ["all", str(content), "--out-dir", str(folder / "out")]
                elif command == "validate":
                    argv = briefgen + ["validate", str(content)]
                else:
                    argv = briefgen + [command, str(content), "-o", str(folder / f"b.{command}")]
                (folder / "out").mkdir(exist_ok=True)
                seconds, peak = measure(argv, args.runs, folder)
                results[(command, factor)] = (seconds, peak)
                floor = f"{seconds / floors[command]:.2f}" if command in floors else ""
                theirs = pandoc_times.get(command)
                versus = (f"{theirs:>9.3f} {seconds / theirs:>8.2f}" if theirs else f"{'':>9} {'':>8}")
                print(f"{factor:>4}× {command:<9} {seconds:>9.3f} {peak:>8.1f} {floor:>7} {versus}")
        help_s, _ = measure(briefgen + ["--help"], args.runs, folder)
        print(f"\nbriefgen --help: {help_s:.3f} s")
        if 10 in args.scales and 50 in args.scales:
            print("growth 10× → 50× (linear is 5.0): " + ", ".join(
                f"{c} {results[(c, 50)][0] / results[(c, 10)][0]:.2f}" for c in ("docx", "pdf", "pptx", "all")))


if __name__ == "__main__":
    main()
