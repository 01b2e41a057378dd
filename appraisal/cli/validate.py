"""``appraisal validate``: check an appraisal and list every problem."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    criteria_option,
    echo_left_out,
    friendly,
    path_argument,
    remember_digest,
)


@click.command("validate")
@path_argument
@criteria_option
@friendly
def command(path: Path | None, criteria: str | None) -> None:
    """Check an appraisal and list every problem (exit 0 clean, 2 otherwise)."""
    from ..input.loading import load
    from ..presentation.formatting import count

    a = load(path, criteria=criteria)
    remember_digest(a.input_digest)
    if criteria:
        a.criteria_set(criteria)
    sets = ", ".join(cs.id for cs in a.criteria)
    click.echo(f"OK: '{a.title}': {count(len(a.options), 'option')}, criteria sets {sets}, "
               f"{count(len(a.scenarios), 'scenario')}, {count(len(a.members), 'member')}.")
    from ..report.context import left_out

    echo_left_out(left_out(a.paper, any(o.costs for o in a.options)))
    from ..pipeline import Request, run
    from .common import echo_warnings

    echo_warnings(run(a, Request(criteria=criteria)))
