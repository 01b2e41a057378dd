"""Benchmark the exact sensitivity analyses (issue 3). Prints medians; asserts nothing.

1. All exact analyses (sweeps, weight and score switching, LP distances, scenarios,
   dominance; no Monte Carlo) on the bundled example: target < 200 ms together.
2. A one-way sweep grid on a random 100,000 x 20 matrix against a single NumPy matmul
   over the same (K x 20) weight grid: target ratio < 2.

Run: .venv/bin/python bench/bench_sensitivity.py
"""

from __future__ import annotations

import numpy as np
from timing import median_time


def main() -> None:
    import appraisal
    from appraisal.analysis.sweeps import sweep_grid, weight_path
    from appraisal.core.problem import CriteriaTree, Problem
    from appraisal.methods import get_method
    from appraisal.pipeline import Request, run

    a = appraisal.load()
    request = Request(sensitivity=True, samples=0)
    run(a, request)  # warm up (imports scipy.optimize once)
    t = median_time(lambda: run(a, request), 15)
    print(f"all exact analyses on the example (13 options, 12 leaves; compile, rank, "
          f"scenarios, sensitivity): {t * 1e3:.1f} ms median of 15 (target < 200 ms)")

    rng = np.random.default_rng(0)
    n, m, k = 100_000, 20, 101
    scores = rng.uniform(0, 5, (n, m))
    tree = CriteriaTree(ids=tuple(f"c{j}" for j in range(m)),
                        names=tuple(f"C{j}" for j in range(m)),
                        parent=np.full(m, -1, dtype=np.intp), raw_weight=rng.uniform(0.5, 2, m),
                        leaf_column=np.arange(m, dtype=np.intp))
    p = Problem(option_ids=tuple(f"o{i}" for i in range(n)),
                option_names=tuple(f"O{i}" for i in range(n)), criterion_ids=tree.ids,
                criterion_names=tree.names, scores=scores, low=scores, high=scores,
                lower=np.zeros(m), upper=np.full(m, 5.0), benefit=np.ones(m, bool),
                gate=np.full(m, np.nan), weights=tree.leaf_weights(), tree=tree)
    method = get_method("weighted-sum")
    score = method.score
    path = weight_path(tree, "c3")
    grid = np.linspace(0, 1, k)
    values = scores / 5.0
    w = path.weights(grid)
    sw = median_time(lambda: sweep_grid(p, method, path, grid), 15)
    mat = median_time(lambda: w @ values.T, 15)
    full = median_time(lambda: score(p, w), 15)
    print(f"sweep grid, {k} points on {n:,} x {m}: {sw * 1e3:.1f} ms (median of 15)")
    print(f"  vs a single matmul ({k} x {m}) @ ({m} x {n:,}) on precomputed values: "
          f"{mat * 1e3:.1f} ms; ratio {sw / mat:.2f} (target < 2)")
    print(f"  vs the method's score call on the same weight grid (values + matmul): "
          f"{full * 1e3:.1f} ms; ratio {sw / full:.2f}")


if __name__ == "__main__":
    main()
