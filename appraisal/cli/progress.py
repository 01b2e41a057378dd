"""Progress of long Monte Carlo runs, on stderr: a bar on a terminal, otherwise a plain
line at every quarter (for logs), so a long run is never silent."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

PROGRESS_FROM = 200_000
"""Show progress from this many samples."""


@contextmanager
def progress_bar(samples: int) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback, or None when the run is too short to need
    one."""
    if samples < PROGRESS_FROM:
        yield None
        return
    if not sys.stderr.isatty():
        said = [0]

        def line(done: int, total: int) -> None:
            quarter = 4 * done // max(total, 1)
            if quarter > said[0]:
                said[0] = quarter
                click.echo(f"appraisal: Monte Carlo {25 * quarter}% ({done:,} of {total:,} "
                           "draws)", err=True)

        yield line
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Monte Carlo", total=samples)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
