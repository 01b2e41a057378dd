"""SMAA-2 benchmarks (prints figures and ratios; never asserts on time).

On the bundled example (all 13 options x 12 leaf criteria), timed in the same run:

1. a plain chunked NumPy computation of rank acceptability for 1,000,000 uniform weight
   samples (normalised exponentials, matmul, argsort, inverse permutation, bincount);
2. ``smaa`` with 1,000,000 weight samples (weights only), which also computes central
   weights, pairwise winning probabilities and confidence factors;
3. ``smaa`` with score uncertainty switched on as well;
4. a loop over pymcdm's ranking call (WSM + rankdata), timed on a subsample and scaled
   to 1,000,000 (skipped with a message if pymcdm is not installed);
5. peak memory (ru_maxrss of a fresh subprocess) for 10,000,000 samples, next to the
   same subprocess's footprint after imports.

Usage: python bench/bench_smaa.py [--repeats N] [--samples N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from timing import median_time

import appraisal
from appraisal.analysis.smaa import smaa
from appraisal.input.compile import compile_problem
from appraisal.methods import get_method


def plain_numpy(values: np.ndarray, samples: int, chunk: int = 65_536) -> np.ndarray:
    """The reference: chunked matmul, argsort, inverse permutation, bincount."""
    n, m = values.shape
    rng = np.random.default_rng(0)
    counts = np.zeros(n * n, dtype=np.int64)
    for start in range(0, samples, chunk):
        k = min(chunk, samples - start)
        w = rng.standard_exponential((k, m))
        w /= w.sum(axis=1, keepdims=True)
        totals = w @ values.T
        order = np.argsort(-totals, axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(n), axis=1)
        counts += np.bincount((ranks * n + np.arange(n)).ravel(), minlength=n * n)
    return counts.reshape(n, n) / samples


def pymcdm_loop(matrix: np.ndarray, subsample: int) -> float | None:
    """Seconds for ``subsample`` weightings through pymcdm's WSM and rankdata."""
    try:
        from pymcdm.helpers import rrankdata
        from pymcdm.methods import WSM
    except ImportError:
        return None
    method = WSM()
    types = np.ones(matrix.shape[1])
    rng = np.random.default_rng(0)
    weights = rng.dirichlet(np.ones(matrix.shape[1]), subsample)
    t = time.perf_counter()
    for w in weights:
        rrankdata(method(matrix, w, types))
    return time.perf_counter() - t


PEAK = """
import resource, sys
from appraisal import load
from appraisal.analysis.smaa import smaa
from appraisal.input.compile import compile_problem
from appraisal.methods import get_method
p = compile_problem(load())
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
smaa(p, get_method("weighted-sum"), samples=int(sys.argv[1]),
     score_uncertainty=sys.argv[2] == "1")
print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory(samples: int, uncertain: bool) -> tuple[float, float, float]:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, str(samples), "1" if uncertain else "0"],
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]) / 1024, int(out[1]) / 1024, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--samples", type=int, default=1_000_000)
    ap.add_argument("--pymcdm-subsample", type=int, default=2_000)
    ap.add_argument("--peak-samples", type=int, default=10_000_000)
    args = ap.parse_args()
    method = get_method("weighted-sum")
    generic = replace(method, linear_in_weights=False, values=None)  # the path any method takes
    problem = compile_problem(appraisal.load())
    n, m = problem.shape
    values = np.asarray(method.score(problem, np.eye(m))).T
    k = args.samples
    print(f"problem: bundled example, {n} options x {m} leaf criteria; {k:,} samples; "
          f"median of {args.repeats}")

    smaa(problem, method, samples=20_000)  # warm-up
    plain_numpy(values, 20_000)
    runs: dict[str, Callable[[], object]] = {
        "ref": lambda: plain_numpy(values, k),
        "fast": lambda: smaa(problem, method, samples=k),
        "unc": lambda: smaa(problem, method, samples=k, score_uncertainty=True),
        "generic": lambda: smaa(problem, generic, samples=k // 10),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeats):  # interleaved, so every variant sees the same machine
        for name, fn in runs.items():
            times[name].append(median_time(fn, 1))
    ref, fast, unc = (statistics.median(times[x]) for x in ("ref", "fast", "unc"))
    generic = statistics.median(times["generic"]) * 10
    print(f"plain chunked NumPy (argsort + inverse permutation): {ref:8.3f} s")
    print(f"smaa, weights only (linear fast path):              {fast:8.3f} s"
          f"   {fast / ref:5.2f}x the plain computation")
    print(f"smaa, weights only (generic path, scaled from 1/10): {generic:8.3f} s")
    print(f"smaa, weights and score uncertainty:                {unc:8.3f} s"
          f"   {unc / fast:5.2f}x weights only")

    sub = args.pymcdm_subsample
    loop = pymcdm_loop(values + 1.0, sub)  # values shifted: pymcdm needs positive data
    if loop is None:
        print("pymcdm loop: skipped (pymcdm is not installed: pip install pymcdm)")
    else:
        scaled = loop * k / sub
        print(f"pymcdm WSM + rankdata loop ({sub:,} timed, scaled):   {scaled:8.1f} s"
              f"   smaa is {scaled / fast:,.0f}x faster")

    for uncertain in (False, True):
        base, peak, secs = peak_memory(args.peak_samples, uncertain)
        label = "with score uncertainty" if uncertain else "weights only"
        print(f"peak memory, {args.peak_samples:,} samples, {label}: {peak:6.0f} MB "
              f"(after imports {base:.0f} MB; run {secs:.1f} s)")


if __name__ == "__main__":
    main()
