"""``appraisal sensitivity``: every sensitivity analysis from the command line.

Tables go to stdout (rich); a progress bar for long Monte Carlo runs goes to stderr.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..core.limits import MAX_SAMPLES, MAX_SEED
from .common import friendly, load_with_scenario, parse_weights, path_argument, weighting_options
from .progress import progress_bar


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


def parse_ordinal(text: str | None) -> tuple[tuple[str, ...], ...]:
    """``"focus>finance=market"`` -> ``(("focus",), ("finance", "market"))``."""
    if not text:
        return ()
    return tuple(tuple(c.strip() for c in group.split("=")) for group in text.split(">"))


@click.command("sensitivity")
@path_argument
@weighting_options
@click.option("--method", metavar="NAME", help="Aggregation method (default: the appraisal's).")
@click.option("--samples", type=click.IntRange(min=0, max=MAX_SAMPLES), default=10_000,
              show_default=True,
              help="Monte Carlo weight samples (0 skips the Monte Carlo analysis).")
@click.option("--seed", type=click.IntRange(min=0, max=MAX_SEED), default=None,
              help="Random seed (default: the appraisal's seed).")
@click.option("--score-uncertainty", is_flag=True,
              help="Also sample each score within its low..high range.")
@click.option("--weight-ranges", "ranges", multiple=True, metavar="ID=LO:HI",
              help="Sample a leaf criterion's share of the total weight within LO..HI "
                   "(fractions, e.g. finance=0.1:0.3); repeatable.")
@click.option("--ordinal", metavar="ID>ID=ID>...",
              help="Sample only weights respecting this ranking of every leaf criterion "
                   "('=' for equal weights).")
@click.option("--tolerance", type=click.FloatRange(min=0), default=None,
              help="Totals closer than this are near-ties (default 0.005).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@friendly
def command(path: Path | None, criteria: str | None, scenario: str | None,
            weights: tuple[str, ...], method: str | None, samples: int, seed: int | None,
            score_uncertainty: bool, ranges: tuple[str, ...], ordinal: str | None,
            tolerance: float | None, fmt: str) -> None:
    """How robust is the ranking? Sweeps, switching values, what it would take,
    scenarios, Monte Carlo acceptability, dominance and a plain-English summary."""
    from ..analysis.dominance import DEFAULT_TOLERANCE
    from ..pipeline import Request, run
    from ..presentation.export import sensitivity_to_dict, to_json

    a, scenario_id = load_with_scenario(path, criteria, scenario)
    request = Request(criteria=criteria, scenario=scenario_id, weights=parse_weights(weights),
                      method=method, sensitivity=True, samples=samples, seed=seed,
                      score_uncertainty=score_uncertainty, weight_ranges=parse_ranges(ranges),
                      ordinal=parse_ordinal(ordinal),
                      tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance)
    with progress_bar(samples) as progress:
        result = run(a, request, progress=progress)
    if fmt == "json":
        click.echo(to_json(sensitivity_to_dict(result)), nl=False)
    else:
        from .console import print_sensitivity

        print_sensitivity(result)
