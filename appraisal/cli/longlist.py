"""``appraisal longlist``: the options framework filter, option by option."""

from __future__ import annotations

from pathlib import Path

import click

from .common import criteria_option, format_option, friendly, path_argument


@click.command("longlist")
@path_argument
@criteria_option
@format_option("table", "json")
@friendly
def command(path: Path | None, criteria: str | None, fmt: str) -> None:
    """The long list through the options framework filter: each option's choice on each
    dimension (scope, service solution, delivery, implementation, funding), whether it
    is preferred, carried forward or discounted and why, its short-list role and
    whether it passes the gates; then the spending objectives and critical success
    factors it was assessed against."""
    from ..input.loading import load
    from ..pipeline import Request, run
    from .common import echo_warnings, remember_digest

    a = load(path, criteria=criteria)
    remember_digest(a.input_digest)
    result = run(a, Request(criteria=criteria))
    echo_warnings(result)
    if fmt == "json":
        from ..presentation.export import to_json
        from ..presentation.value_export import longlist_to_dict

        click.echo(to_json(longlist_to_dict(result)), nl=False)
        return
    from .console_value import print_longlist

    print_longlist(result)
