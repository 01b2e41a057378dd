"""A progress bar for long Monte Carlo runs, on stderr when it is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PROGRESS_FROM = 200_000
"""Show a progress bar (on a terminal) from this many samples."""


@contextmanager
def progress_bar(samples: int) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback drawing a bar, or None when there is no
    terminal to draw on or too few samples to need one."""
    if samples < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Monte Carlo", total=samples)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
