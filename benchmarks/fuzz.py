"""Fuzz the readers for longer than the suite does: tests/test_fuzz.py with many examples, and its memory.

    python benchmarks/fuzz.py [--examples 2000]

Runs the fuzz tests (load, the inline parser, the BibTeX and CSL-JSON readers, each fed by the grammar
in tests/fuzz_grammar.py) with ``--examples`` examples each, in a child process, and reports their
outcome, the time taken and the child's peak resident memory. It fails (exit 1) if any input gave a
traceback or an internal error, took more than 10 s (each test's deadline), or the process grew
past 500 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MB = 500


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per fuzz test (default: 2000)")
    args = parser.parse_args()
    env = {**os.environ, "BRIEFGEN_FUZZ_EXAMPLES": str(args.examples)}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py"],
                            cwd=ROOT, env=env)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
    print(f"fuzz: {args.examples} examples per test, {seconds:.0f} s, peak memory {peak_mb:.0f} MB "
          f"(limit {MAX_MB} MB): {'ok' if result.returncode == 0 and peak_mb <= MAX_MB else 'FAILED'}")
    return 0 if result.returncode == 0 and peak_mb <= MAX_MB else 1


if __name__ == "__main__":
    sys.exit(main())
