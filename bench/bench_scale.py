"""Scale: how the commands fare on large appraisals, as whole processes, with wall time
and peak memory (resident set) of each. Prints figures only.

- ``rank`` on 10,000 options x 5 criteria, all distinct and all tied (target < 3 s);
- ``sensitivity`` and ``report`` (all four formats, the default samples) on 1,000
  options x 20 criteria (target < 30 s and < 1 GB each).

Usage: python bench/bench_scale.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

BIN = Path(sys.executable).with_name("appraisal")


def generate(path: Path, n: int, m: int, tied: bool, seed: int = 0) -> None:
    """A single-file appraisal of ``n`` options scored 0-5 in halves on ``m`` criteria."""
    rng = np.random.default_rng(seed)
    scores = np.full((n, m), 3.0) if tied else rng.integers(0, 11, (n, m)) / 2
    data = {
        "title": f"Scale test: {n:,} options x {m} criteria" + (" (all tied)" if tied else ""),
        "scale": {"min": 0, "max": 5},
        "criteria": [{"id": f"c{j}", "name": f"Criterion {j}",
                      "weight": float(rng.integers(1, 10))} for j in range(m)],
        "options": [{"id": f"o{i}", "number": i + 1, "name": f"Option {i + 1}",
                     "scores": {f"c{j}": float(scores[i, j]) for j in range(m)}}
                    for i in range(n)],
    }
    path.write_text(yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                              sort_keys=False))


def measure(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB (the process and its children) and exit code."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(BIN), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code:
        print(f"    exit {code}: {err.strip()[:300]}")
    return wall, usage.ru_maxrss / 1024, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller appraisals")
    opts = ap.parse_args()
    big, large = (2_000, 200) if opts.quick else (10_000, 1_000)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for tied in (False, True):
            f = root / f"rank-{tied}.yaml"
            generate(f, big, 5, tied)
            wall, peak, _ = measure(["rank", str(f), "--format", "json"])
            print(f"rank, {big:,} options x 5 criteria{' (all tied)' if tied else ''}: "
                  f"{wall:.2f} s, peak {peak:.0f} MB (target < 3 s)")
        f = root / "large.yaml"
        generate(f, large, 20, False)
        wall, peak, _ = measure(["sensitivity", str(f), "--format", "json"])
        print(f"sensitivity, {large:,} options x 20 criteria (10,000 samples): {wall:.2f} s, "
              f"peak {peak:.0f} MB (target < 30 s, < 1,024 MB)")
        wall, peak, _ = measure(["report", str(f), "--out", str(root / "out")])
        print(f"report, {large:,} options x 20 criteria (all formats, 100,000 samples): "
              f"{wall:.2f} s, peak {peak:.0f} MB (target < 30 s, < 1,024 MB)")
        for p in sorted((root / "out").glob("*")):
            print(f"  {p.name}: {p.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
