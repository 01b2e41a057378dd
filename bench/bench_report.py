"""Wall time of the whole ``appraisal report`` process on the bundled example (all four
formats, SMAA with 100,000 samples), as ``make report`` runs it. Prints figures only.

Usage: python bench/bench_report.py [REPEATS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    exe = Path(sys.executable).with_name("appraisal")
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeats + 1):  # the first run warms the file cache
            t0 = time.perf_counter()
            subprocess.run([str(exe), "report", "--out", out, "--samples", "100000",
                            "--date", "2017-12-14"], check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
        sizes = {p.name: p.stat().st_size for p in sorted(Path(out).iterdir())}
    runs = times[1:]
    print(f"appraisal report (html, md, docx, pdf; 100,000 samples), {repeats} runs:")
    print(f"  median {statistics.median(runs):.2f} s, min {min(runs):.2f} s, "
          f"max {max(runs):.2f} s (first, cold: {times[0]:.2f} s)")
    for name, size in sizes.items():
        print(f"  {name}: {size:,} bytes")


if __name__ == "__main__":
    main()
