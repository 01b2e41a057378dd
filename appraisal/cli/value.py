"""``appraisal value``: benefit against net present cost, the value-for-money frontier
and the preferred option's switching values (the Green Book's economic case)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    format_option,
    friendly,
    load_with_scenario,
    parse_weights,
    path_argument,
    samples_option,
    seed_option,
    weighting_options,
)


@click.command("value")
@path_argument
@weighting_options
@click.option("--wtp", type=click.FloatRange(min=0, min_open=True), default=None,
              metavar="AMOUNT",
              help="Willingness to pay for one benefit point, in the costing's units "
                   "(default: the costing's willingness_to_pay).")
@samples_option("Monte Carlo draws of uncertain costs and scores (0 skips them).")
@seed_option
@format_option("table", "json")
@friendly
def command(path: Path | None, criteria: str | None, scenario: str | None,
            weights: tuple[str, ...], weights_from: str, members: tuple[str, ...],
            wtp: float | None, samples: int, seed: int | None, fmt: str) -> None:
    """Value for money: each option's net present cost (optimism bias, Green Book
    discounting) against its benefit points, the efficient frontier with strict and
    extended dominance, the cost per extra point along it, business as usual as the
    benchmark, and the switching values of the preferred option."""
    from ..pipeline import Request, run, whose
    from .common import echo_warnings

    a, scenario_id = load_with_scenario(path, criteria, scenario)
    source, member = whose(weights_from)
    result = run(a, Request(criteria=criteria, scenario=scenario_id,
                            weights=parse_weights(weights), weights_from=source,
                            member=member,
                            members=members, wtp=wtp, samples=samples, seed=seed,
                            value_uncertainty=samples > 0))
    echo_warnings(result)
    if fmt == "json":
        from ..presentation.export import to_json
        from ..presentation.value_export import value_to_dict

        click.echo(to_json(value_to_dict(result)), nl=False)
        return
    from .console_value import print_value

    print_value(result)
