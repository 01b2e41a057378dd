"""Run the appraisal command line, killed (SIGKILL, as a power cut or the OOM killer
would) just before the Nth switch of a file into place: ``python tests/kill_at.py N
ARGS...``. Every write's switches go through ``appraisal.writing.disk.switch``; with N
of 0 nothing is killed and the number of switches made is printed to stderr at the end
(``switches: K``)."""

from __future__ import annotations

import atexit
import os
import signal
import sys
from pathlib import Path
from typing import Any

from appraisal.writing import disk

LIMIT = int(sys.argv[1])
CALLS = [0]
REAL = disk.switch


def _switch(temp: Path, target: Path, **kwargs: Any) -> None:
    CALLS[0] += 1
    if CALLS[0] == LIMIT:
        os.kill(os.getpid(), signal.SIGKILL)
    REAL(temp, target, **kwargs)


if __name__ == "__main__":
    disk.switch = _switch  # type: ignore[assignment]
    atexit.register(lambda: sys.stderr.write(f"switches: {CALLS[0]}\n"))
    from appraisal.__main__ import run

    run(sys.argv[2:])
