"""Foundation benchmarks (prints figures; never asserts on time).

1. `appraisal rank` on the bundled example, whole process, vs
   `python -c "import numpy, pydantic, yaml"` timed in the same run.
2. A generated single-file appraisal of 2,000 options x 60 criteria: load + validate +
   rank, wall time and peak memory (in a fresh subprocess, ru_maxrss).

Usage: python bench/bench_rank.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

PY = sys.executable
BIN = str(Path(PY).with_name("appraisal"))


def wall(cmd: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def generate(path: Path, n: int = 2000, m: int = 60, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    groups = 6
    per = m // groups
    criteria = [{"id": f"g{g}", "name": f"Group {g}", "weight": float(rng.integers(1, 10)),
                 "criteria": [{"id": f"c{g}-{k}", "name": f"Criterion {g}.{k}",
                               "weight": float(rng.integers(1, 10)),
                               "direction": "cost" if k % 4 == 0 else "benefit"}
                              for k in range(per)]} for g in range(groups)]
    ids = [c["id"] for g in criteria for c in g["criteria"]]
    options = []
    for i in range(n):
        v = rng.integers(0, 11, m) / 2
        scores = {}
        for j, cid in enumerate(ids):
            if j % 3 == 0:
                scores[cid] = {"value": float(v[j]), "low": float(max(0, v[j] - 0.5)),
                               "high": float(min(5, v[j] + 0.5)),
                               "rationale": "generated"}
            else:
                scores[cid] = float(v[j])
        options.append({"id": f"option-{i}", "number": i + 1, "name": f"Option {i}",
                        "scores": scores})
    data = {"title": "Generated", "scale": {"min": 0, "max": 5},
            "criteria": [{"id": "generated", "name": "Generated", "criteria": criteria}],
            "options": options}
    path.write_text(yaml.safe_dump(data, sort_keys=False))


PEAK = """
import resource, sys, time
t = time.perf_counter()
import appraisal
a = appraisal.load(sys.argv[1])
r = appraisal.rank(a)
dt = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(dt, peak, r.ranking.options[0].id)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    base = wall([PY, "-c", "import numpy, pydantic, yaml"], args.repeats)
    rank = wall([BIN, "rank"], args.repeats)
    rank_json = wall([BIN, "rank", "--format", "json"], args.repeats)
    print(f"python -c 'import numpy, pydantic, yaml'  median {base * 1000:7.1f} ms")
    print(f"appraisal rank (table)                   median {rank * 1000:7.1f} ms  "
          f"ratio {rank / base:4.2f}x  adds {(rank - base) * 1000:6.1f} ms (target < 150 ms)")
    print(f"appraisal rank --format json             median {rank_json * 1000:7.1f} ms  "
          f"ratio {rank_json / base:4.2f}x  adds {(rank_json - base) * 1000:6.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "big.yaml"
        generate(f)
        size = f.stat().st_size / 1e6
        runs = []
        for _ in range(max(3, args.repeats // 2)):
            out = subprocess.run([PY, "-c", PEAK, str(f)], check=True, capture_output=True,
                                 text=True).stdout.split()
            runs.append((float(out[0]), float(out[1])))
        dt = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        print(f"2,000 options x 60 criteria ({size:.1f} MB YAML): load+validate+rank "
              f"median {dt:5.2f} s (target < 3 s), peak RSS {peak:5.0f} MB (target < 300 MB)")
    print(json.dumps({"import_baseline_s": base, "rank_s": rank, "big_s": dt,
                      "big_peak_mb": peak}))


if __name__ == "__main__":
    main()
