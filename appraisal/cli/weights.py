"""``appraisal weights``: how the weights were obtained, per method and member, the
consistency checks, the members' spread and first choices."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    format_option,
    friendly,
    load_with_scenario,
    path_argument,
    samples_option,
    seed_option,
    weighting_options,
)


@click.command("weights")
@path_argument
@weighting_options
@samples_option("Monte Carlo draws over the members' weights (0 skips them).")
@seed_option
@format_option("table", "json")
@friendly
def command(path: Path | None, criteria: str | None, scenario: str | None,
            weights: tuple[str, ...], weights_from: str, members: tuple[str, ...],
            samples: int, seed: int | None, fmt: str) -> None:
    """How the weights were obtained: each derived group's method and inputs (swing
    points, rankings, pairwise judgements with their consistency check), each member's
    weights and first choice, the spread of every weight across members, and whether
    the members' disagreement changes the leader."""
    from ..pipeline import Request, run, whose
    from ..presentation.weights import weights_to_dict
    from .common import parse_weights

    a, scenario_id = load_with_scenario(path, criteria, scenario)
    source, member = whose(weights_from)
    result = run(a, Request(criteria=criteria, scenario=scenario_id,
                            weights=parse_weights(weights), weights_from=source,
                            member=member,
                            members=members, member_views=True, samples=samples, seed=seed))
    if fmt == "json":
        from ..presentation.export import to_json

        click.echo(to_json(weights_to_dict(result)), nl=False)
        return
    from .console_weights import print_weights

    print_weights(result)
