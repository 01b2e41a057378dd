"""Wall time of the whole ``appraisal report`` process on the bundled example (all four
formats, SMAA with 100,000 samples), as ``make report`` runs it, against the same run
with the PDF laid out in the main process instead of a fork-server worker (what the
worker buys). Runs alternate so both see the same machine load. Prints figures only.

Usage: python bench/bench_report.py [REPEATS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IN_PROCESS = """
import sys
import appraisal.report.build as build
build._PdfWorker.__init__ = lambda self: setattr(self, "pool", None)
from appraisal.cli import main
main(sys.argv[1:])
"""


def _time(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    exe = Path(sys.executable).with_name("appraisal")
    worker, inline = [], []
    with tempfile.TemporaryDirectory() as out:
        args = ["report", "--out", out, "--samples", "100000", "--date", "2017-12-14"]
        _time([str(exe), *args])  # warm the file cache
        for _ in range(repeats):
            worker.append(_time([str(exe), *args]))
            inline.append(_time([sys.executable, "-c", IN_PROCESS, *args]))
        sizes = {p.name: p.stat().st_size for p in sorted(Path(out).iterdir())}
    w, i = statistics.median(worker), statistics.median(inline)
    print(f"appraisal report (html, md, docx, pdf; 100,000 samples), {repeats} runs each:")
    print(f"  PDF in a fork-server worker (as shipped): median {w:.2f} s "
          f"(min {min(worker):.2f}, max {max(worker):.2f})")
    print(f"  PDF in the main process:                  median {i:.2f} s "
          f"(min {min(inline):.2f}, max {max(inline):.2f})")
    print(f"  the worker saves {i - w:.2f} s (ratio {i / w:.2f})")
    for name, size in sizes.items():
        print(f"  {name}: {size:,} bytes")


if __name__ == "__main__":
    main()
