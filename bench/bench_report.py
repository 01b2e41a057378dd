"""Wall time of the whole ``appraisal report`` process on the bundled example (all four
formats, the default Monte Carlo), as ``make report`` runs it, against two references
run alternately in the same session, so that all see the same machine load:

1. the same run with the PDF laid out in the main process instead of the fork-server
   worker started before the analysis (what the worker buys);
2. optionally, an older version of the tool (``--reference DIR``: a checkout, e.g.
   ``git worktree add /tmp/ref 88effc1``), run the same way with its own defaults: the
   ratio says how much faster or slower this version is on this machine, which is how
   a target measured on another machine ("under 5 s where it took 5.2 to 5.5 s") is
   checked here.

Prints medians, spreads and ratios; never asserts on time.

Usage: python bench/bench_report.py [--repeats N] [--reference DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IN_PROCESS = """
import sys
import appraisal.report.build as build
build.PdfWorker._start = lambda self: None
from appraisal.cli import main
main(sys.argv[1:])
"""

OLD = """
import sys
from appraisal.cli import main
main(sys.argv[1:])
"""


def _time(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, env=env)
    return time.perf_counter() - t0


def _line(label: str, xs: list[float]) -> float:
    m = statistics.median(xs)
    print(f"  {label:<44} median {m:6.2f} s (min {min(xs):.2f}, max {max(xs):.2f})")
    return m


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--reference", type=Path, help="a checkout of an older version")
    ns = parser.parse_args()
    exe = Path(sys.executable).with_name("appraisal")
    runs: dict[str, list[float]] = {"worker": [], "inline": [], "reference": []}
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as ref_out:
        args = ["report", "--out", out, "--date", "2017-12-14"]
        ref_args = ["report", "--out", ref_out, "--date", "2017-12-14"]
        _time([str(exe), *args])  # warm the file cache
        env = None
        if ns.reference is not None:
            env = {**os.environ, "PYTHONPATH": str(ns.reference.resolve())}
        for _ in range(ns.repeats):
            runs["worker"].append(_time([str(exe), *args]))
            runs["inline"].append(_time([sys.executable, "-c", IN_PROCESS, *args]))
            if env is not None:
                runs["reference"].append(_time([sys.executable, "-c", OLD, *ref_args],
                                               cwd=ns.reference, env=env))
        sizes = {p.name: p.stat().st_size for p in sorted(Path(out).iterdir())}
    print(f"appraisal report (html, md, docx, pdf; default samples), {ns.repeats} runs each, "
          f"{os.cpu_count()} cores:")
    w = _line("this version (PDF worker started early)", runs["worker"])
    i = _line("this version, PDF in the main process", runs["inline"])
    print(f"  the worker saves {i - w:.2f} s (ratio {i / w:.2f})")
    if runs["reference"]:
        r = _line(f"reference {ns.reference}", runs["reference"])
        print(f"  this version / reference: {w / r:.2f} (a target of 5.0 s where the "
              f"reference took 5.35 s is a ratio of {5.0 / 5.35:.2f})")
    for name, size in sizes.items():
        print(f"  {name}: {size:,} bytes")


if __name__ == "__main__":
    main()
