"""The seams issue asks for no behaviour change and no slower engine: the whole
sensitivity analysis of the bundled example (every analysis, 40,000 draws of each kind,
scores drawn within their ranges) timed in this checkout against an older checkout
(``--reference DIR``, e.g. ``git worktree add /tmp/ref <commit>``), run alternately in
fresh processes so both see the same machine load. Prints medians and the ratio; asserts
nothing.

Usage: python bench/bench_seams.py --reference DIR [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

CODE = """
import time
import appraisal
from appraisal.pipeline import Request, run
a = appraisal.load()
t = time.perf_counter()
run(a, Request(sensitivity=True, samples=40_000))
print(time.perf_counter() - t)
"""


def once(root: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True,
                         text=True, check=True, timeout=600)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    mine: list[float] = []
    ref: list[float] = []
    for _ in range(args.repeats):
        mine.append(once(here))
        ref.append(once(args.reference.resolve()))
    m, r = statistics.median(mine), statistics.median(ref)
    print(f"sensitivity analysis of the example, 40,000 draws, {args.repeats} runs each:")
    print(f"  this version  median {m:6.2f} s (min {min(mine):.2f}, max {max(mine):.2f})")
    print(f"  reference     median {r:6.2f} s (min {min(ref):.2f}, max {max(ref):.2f})")
    print(f"  ratio {m / r:.2f}")


if __name__ == "__main__":
    main()
