"""``appraisal sensitivity``: every sensitivity analysis from the command line.

Tables go to stdout (rich); a progress bar for long Monte Carlo runs goes to stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..analysis.closeness import FLIP_SHARE
from .common import (
    echo_warnings,
    format_option,
    friendly,
    load_with_scenario,
    parse_weights,
    path_argument,
    samples_option,
    seed_option,
    weighting_options,
)
from .progress import progress_bar

if TYPE_CHECKING:
    from ..pipeline import WeightsOver


def parse_ranges(items: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """``("finance=0.1:0.3",)`` -> ``{"finance": (0.1, 0.3)}``."""
    out: dict[str, tuple[float, float]] = {}
    for item in items:
        cid, _, span = item.partition("=")
        lo, sep, hi = span.partition(":")
        try:
            if not sep or not cid.strip():
                raise ValueError
            out[cid.strip()] = (float(lo), float(hi))
        except ValueError:
            raise click.BadParameter(f"expected ID=LOW:HIGH (e.g. finance=0.1:0.3); "
                                     f"found '{item}'", param_hint="--weight-ranges") from None
    return out


def parse_ordinal(texts: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """``("focus>finance=market",)`` -> ``(((("focus",), ("finance", "market")),)``."""
    return tuple(tuple(tuple(c.strip() for c in group.split("=")) for group in text.split(">"))
                 for text in texts if text.strip())


@click.command("sensitivity")
@path_argument
@weighting_options
@click.option("--method", metavar="NAME", help="Aggregation method (default: the appraisal's).")
@samples_option("Monte Carlo draws of each kind (0 skips the Monte Carlo); the default "
                "gives every share within ±0.5 percentage points at 95% confidence.")
@seed_option
@click.option("--score-uncertainty/--fixed-scores", default=None,
              help="Draw each score within its low..high range, or keep the scores fixed "
                   "(default: draw them when any score states a range).")
@click.option("--weights-over", type=click.Choice(["tree", "leaves"]), default="tree",
              show_default=True,
              help="'Any weighting at all': uniform within each group of the criteria tree, "
                   "or uniform over the leaf criteria's weights.")
@click.option("--weight-ranges", "ranges", multiple=True, metavar="ID=LO:HI",
              help="In 'any weighting', keep a criterion's share of its group within LO..HI "
                   "(fractions, e.g. finance=0.1:0.3; of the total with --weights-over "
                   "leaves); repeatable.")
@click.option("--ordinal", multiple=True, metavar="ID>ID=ID>...",
              help="In 'any weighting', keep only weights respecting this ranking of one "
                   "group's criteria ('=' for equal weights); repeatable, one per group.")
@click.option("--tolerance", type=click.FloatRange(min=0), default=None,
              help="Totals (0 to 1) closer than this are too close to tell apart (default: "
                   "the scores' resolution, half a scoring step on the most-weighted "
                   "criterion).")
@click.option("--flip-share", type=click.FloatRange(min=0, max=1), default=FLIP_SHARE,
              show_default=True,
              help="Options swapping places in more than this share of the draws around "
                   "the board's weights are too close to tell apart.")
@format_option("table", "json")
@friendly
def command(path: Path | None, criteria: str | None, scenario: str | None,
            weights: tuple[str, ...], weights_from: str, members: tuple[str, ...],
            method: str | None, samples: int, seed: int | None,
            score_uncertainty: bool | None, weights_over: WeightsOver, ranges: tuple[str, ...],
            ordinal: tuple[str, ...], tolerance: float | None, flip_share: float,
            fmt: str) -> None:
    """How robust is the ranking? Sweeps, switching values, what it would take,
    scenarios, Monte Carlo around the board's weights and over any weighting, dominance,
    near-ties and a plain-English summary."""
    from ..analysis.sensitivity import check_analysable
    from ..pipeline import Request, run, whose
    from ..presentation.export import sensitivity_to_dict, to_json

    a, scenario_id = load_with_scenario(path, criteria, scenario)
    source, member = whose(weights_from)
    request = Request(criteria=criteria, scenario=scenario_id, weights=parse_weights(weights),
                      method=method, sensitivity=True, samples=samples, seed=seed,
                      score_uncertainty=score_uncertainty, weights_over=weights_over,
                      weight_ranges=parse_ranges(ranges), rankings=parse_ordinal(ordinal),
                      tolerance=tolerance, flip_share=flip_share,
                      weights_from=source, member=member, members=members)
    with progress_bar(samples) as progress:
        result = run(a, request, progress=progress)
    if result.sensitivity is None:  # fewer than two options passed the gates
        check_analysable(result.ranking)
    echo_warnings(result)
    if fmt == "json":
        click.echo(to_json(sensitivity_to_dict(result)), nl=False)
    else:
        from .console import print_sensitivity

        print_sensitivity(result)
