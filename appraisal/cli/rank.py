"""``appraisal rank``: the ranking with per-criterion contributions."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    echo_warnings,
    format_option,
    friendly,
    load_with_scenario,
    parse_weights,
    path_argument,
    weighting_options,
)


@click.command("rank")
@path_argument
@weighting_options
@click.option("--method", metavar="NAME", help="Aggregation method (default: the appraisal's).")
@format_option("table", "json", "csv")
@friendly
def command(path: Path | None, criteria: str | None, scenario: str | None,
            weights: tuple[str, ...], weights_from: str, members: tuple[str, ...],
            method: str | None, fmt: str) -> None:
    """Rank the options that pass the gates, with per-criterion contributions."""
    from ..pipeline import Request, run, whose
    from ..presentation.export import rank_to_csv, rank_to_dict, to_json

    overrides = parse_weights(weights)
    a, scenario = load_with_scenario(path, criteria, scenario)
    source, member = whose(weights_from)
    result = run(a, Request(criteria=criteria, scenario=scenario, weights=overrides,
                            method=method, weights_from=source, member=member,
                            members=members))
    echo_warnings(result)
    if fmt == "json":
        click.echo(to_json(rank_to_dict(result)), nl=False)
    elif fmt == "csv":
        click.echo(rank_to_csv(result), nl=False)
    else:
        from .console import print_ranking

        print_ranking(result)
