"""Benchmark briefgen against its import floors and pandoc: start-up, scaling in every shape, batches.

Every figure is a whole process (what a user waits for), the median of --runs runs after one
warm-up, on this machine, with peak RSS from wait4's rusage. Sections (--sections):

- ``start``: 1× commands and ``--help`` next to their import floors (a process importing only
  click, PyYAML and that command's renderer library);
- ``scale``: the NRF brief scaled 1×, 10×, 40× and 50× (scaled.scale_deep: every list at every depth
  repeated, the lists inside the copies too, long paragraphs lengthened; 50× is near the 5 MB content
  cap), each command next to pandoc converting an equivalent Markdown file, and the time per byte of
  content at 40× over that at 10× (1.00 is linear; the content grows faster than the factor);
- ``text``: one paragraph of 1k, 10k, 100k and 1M characters, plain and dense with inline markup;
- ``batch``: ``all`` over 20 copies of the brief with -j 1 and -j 2.

Watch-mode latency is measured by benchmarks/watch.py.

    python benchmarks/run.py                          # everything (long on 2 shared cores)
    python benchmarks/run.py --sections start scale --runs 7
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

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scaled import dense_markup, long_paragraph, scale_deep, write_markdown  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "content" / "nrf-secession.yaml"
PY = sys.executable
FLOOR_BASE = "import click, yaml"
FLOORS = {
    "validate": FLOOR_BASE,
    "docx": f"{FLOOR_BASE}, docx",
    "pdf": f"{FLOOR_BASE}, reportlab.platypus",
    "pptx": f"{FLOOR_BASE}, pptx",
    "all": f"{FLOOR_BASE}, docx, pptx, reportlab.platypus",
}
COMMANDS = ("docx", "pdf", "pptx", "all", "validate")
# Our own modules are byte-compiled at install; a checkout run with PYTHONDONTWRITEBYTECODE would
# compile them again in every process and measure the compiler, not briefgen.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(argv: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """(median seconds, peak RSS in MB) of ``argv`` run as a whole process.

    The median CPU seconds (user + system, the process and its workers) go to ``CPU[argv]``: on
    a machine shared with other work they move far less than the wall clock does.
    """
    times, peaks, cpu = [], [], []
    for i in range(runs + 1):
        # stderr to a file, not a pipe: a brief with hundreds of warnings would fill a pipe nobody
        # reads until the process ends, and the process would never end.
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            child = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            if status != 0:
                errors.seek(0)
                raise SystemExit(f"failed: {' '.join(argv)}\n{errors.read().decode()}")
        if i:  # the first run warms the disk cache and is not counted
            times.append(elapsed)
            peaks.append(usage.ru_maxrss / 1024)
            cpu.append(usage.ru_utime + usage.ru_stime)
    CPU[tuple(argv)] = statistics.median(cpu)
    return statistics.median(times), max(peaks)


CPU: dict[tuple[str, ...], float] = {}


def command_argv(command: str, content: Path, folder: Path, *extra: str) -> list[str]:
    briefgen = [PY, "-m", "briefgen"]
    if command == "all":
        return briefgen + ["all", str(content), "--out-dir", str(folder / "out"), *extra]
    if command == "validate":
        return briefgen + ["validate", str(content)]
    return briefgen + [command, str(content), "-o", str(folder / f"b.{command}")]


def row(label: str, command: str, seconds: float, peak: float, floor: float | None = None,
        pandoc: float | None = None, cpu: float | None = None, cpu_floor: float | None = None) -> str:
    ratio = f"{seconds / floor:.2f}" if floor else ""
    cpu_ratio = f"{cpu / cpu_floor:.2f}" if cpu and cpu_floor else ""
    versus = f"{pandoc:.3f} | {seconds / pandoc:.2f}" if pandoc else " | "
    return (f"| {label} | {command} | {seconds:.3f} | {cpu or 0:.3f} | {peak:.0f} | {ratio} | {cpu_ratio} | "
            f"{versus} |")


HEADER = ("| shape | command | median s | CPU s | peak MB | / floor | CPU / floor | pandoc s | / pandoc |\n"
          "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")


def start_section(runs: int, folder: Path) -> None:
    floors = {name: measure([PY, "-c", code], runs, folder)[0] for name, code in FLOORS.items()}
    cpu_floors = {name: CPU[(PY, "-c", code)] for name, code in FLOORS.items()}
    print("\nStart-up at 1× (import floor: click + PyYAML + the command's renderer library)\n")
    print(HEADER)
    for command in COMMANDS:
        argv = command_argv(command, SOURCE, folder)
        seconds, peak = measure(argv, runs, folder)
        print(row("1×", command, seconds, peak, floors[command], cpu=CPU[tuple(argv)],
                  cpu_floor=cpu_floors[command]), flush=True)
    argv = [PY, "-m", "briefgen", "--help"]
    help_s, help_peak = measure(argv, runs, folder)
    print(row("", "--help", help_s, help_peak, floors["validate"], cpu=CPU[tuple(argv)],
              cpu_floor=cpu_floors["validate"]))
    print("\nimport floors (s): " + ", ".join(f"{k} {v:.3f}" for k, v in floors.items()))


def pandoc_times(markdown: Path, runs: int, folder: Path) -> dict[str, float]:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        return {}
    found = {fmt: measure([pandoc, str(markdown), "-o", str(folder / f"p.{fmt}")], runs, folder)[0]
             for fmt in ("docx", "pptx")}
    found["all"] = found["docx"] + found["pptx"]
    return found


def scale_section(runs: int, scales: list[int], folder: Path) -> None:
    print("\nEvery list at every depth repeated, long paragraphs lengthened (benchmarks/scaled.py scale_deep)\n")
    print(HEADER)
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    results: dict[tuple[str, int], float] = {}
    sizes: dict[int, int] = {}
    for factor in scales:
        content = folder / f"deep-{factor}x.yaml"
        content.write_text(yaml.safe_dump(scale_deep(data, factor), allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
        sizes[factor] = content.stat().st_size
        theirs = pandoc_times(write_markdown(content), runs, folder)
        for command in COMMANDS:
            argv = command_argv(command, content, folder)
            seconds, peak = measure(argv, runs, folder)
            results[(command, factor)] = seconds
            print(row(f"{factor}× ({content.stat().st_size // 1024} kB)", command, seconds, peak,
                      pandoc=theirs.get(command), cpu=CPU[tuple(argv)]), flush=True)
    if 10 in scales and 40 in scales:
        print(f"\ntime per byte at 40× over 10× (content {sizes[40] / sizes[10]:.1f}× as large; linear is 1.00): "
              + ", ".join(f"{c} {results[(c, 40)] / sizes[40] / (results[(c, 10)] / sizes[10]):.2f}"
                          for c in COMMANDS))


def text_section(runs: int, sizes: list[int], folder: Path) -> None:
    print("\nOne paragraph of N characters, plain (long) and with every word marked up (dense)\n")
    print(HEADER)
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    for name, shape in (("long", long_paragraph), ("dense", dense_markup)):
        for size in sizes:
            content = folder / f"{name}-{size}.yaml"
            content.write_text(yaml.safe_dump(shape(data, size), allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
            for command in COMMANDS:
                argv = command_argv(command, content, folder)
                seconds, peak = measure(argv, runs, folder)
                print(row(f"{name} {size:,}", command, seconds, peak, cpu=CPU[tuple(argv)]), flush=True)


def batch_section(runs: int, folder: Path) -> None:
    print("\n`all` over 20 copies of the NRF brief\n")
    content = folder / "batch" / "content"
    content.mkdir(parents=True, exist_ok=True)
    for n in range(20):
        shutil.copy(SOURCE, content / f"brief-{n:02}.yaml")
    times = {}
    for jobs in (1, 2):
        argv = [PY, "-m", "briefgen", "all", "-j", str(jobs), "--out-dir", f"out{jobs}"]
        times[jobs], peak = measure(argv, runs, content.parent)
        print(f"- `all -j {jobs}`: {times[jobs]:.2f} s median, {CPU[tuple(argv)]:.2f} CPU s, peak {peak:.0f} MB",
              flush=True)
    print(f"- speed-up of -j 2 over -j 1: {times[1] / times[2]:.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sections", nargs="+", default=["start", "scale", "text", "batch"],
                        choices=["start", "scale", "text", "batch"])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 40, 50])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; load average {load:.1f} at the start; "
          f"median of {args.runs} runs after a warm-up")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out").mkdir()
        if "start" in args.sections:
            start_section(args.runs, folder)
        if "scale" in args.sections:
            scale_section(args.runs, args.scales, folder)
        if "text" in args.sections:
            text_section(args.runs, args.sizes, folder)
        if "batch" in args.sections:
            batch_section(args.runs, folder)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
