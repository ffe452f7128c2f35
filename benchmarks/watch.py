"""Watch-mode latency: from saving the NRF brief to every product written, in a warm `briefgen watch`.

For each --format, one watcher is started and the brief saved --runs + 1 times (the first not
counted); each time the clock runs from just before the save to the last product's line.

    python benchmarks/watch.py --runs 7
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "content" / "nrf-secession.yaml"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def latencies(fmt: str, runs: int, folder: Path) -> list[float]:
    content = folder / "brief.yaml"
    text = SOURCE.read_text(encoding="utf-8")
    content.write_text(text, encoding="utf-8")
    products = 3 if fmt == "all" else 1
    watcher = subprocess.Popen([sys.executable, "-m", "briefgen", "watch", str(content), "--format", fmt,
                                "--out-dir", str(folder / "out")], cwd=folder, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert watcher.stdout is not None
    try:
        for line in watcher.stdout:
            if line.split(" ", 1)[-1].startswith("watching"):  # after the time of day each line starts with
                break
        found = []
        for run in range(runs + 1):
            start = time.perf_counter()
            content.write_text(text.replace("title: ", f"title: Run {run} ", 1), encoding="utf-8")
            for _ in range(products):
                watcher.stdout.readline()
            if run:
                found.append(time.perf_counter() - start)
        return found
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"watch latency, save → products written, median of {args.runs} saves after one "
          f"(load average {os.getloadavg()[0]:.1f})\n")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("all", "docx", "pdf", "pptx"):
            found = latencies(fmt, args.runs, Path(tmp))
            print(f"- `watch --format {fmt}`: {statistics.median(found) * 1000:.0f} ms "
                  f"(min {min(found) * 1000:.0f} ms)", flush=True)


if __name__ == "__main__":
    main()
