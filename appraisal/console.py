"""Terminal tables (rich). Formatting only: every number comes from a result object."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .ranking import RankResult
from .serialize import WEIGHTS_NOTE


def print_ranking(result: RankResult, console: Console | None = None) -> None:
    """The ranking table: rank, option, total and per-criterion contributions."""
    console = console or Console(width=max(Console().width, 100))
    what = f"criteria set {result.criteria_set}"
    if result.scenario:
        what += f", scenario {result.scenario}"
    if result.overrides:
        what += ", weights " + ", ".join(f"{k}={v:g}" for k, v in result.overrides.items())
    table = Table(title=f"{result.title}\n{what} ({result.method})", title_justify="left")
    table.add_column("Rank", justify="right")
    table.add_column("No.", justify="right")
    table.add_column("Option")
    table.add_column("Total", justify="right")
    crits = list(result.weights)
    for c in crits:
        table.add_column(f"{c}\n{result.weights[c]:.1%}", justify="right")
    for r in result.ranking:
        rank = f"{r.rank}=" if r.tied_with else str(r.rank)
        table.add_row(rank, "" if r.number is None else str(r.number), r.name, f"{r.score:.3f}",
                      *(f"{r.contributions.get(c, 0.0):.3f}" for c in crits))
    console.print(table)
    console.print(f"Contributions are weight x value (0-1); {WEIGHTS_NOTE}", style="dim")
    for group in result.ties:
        console.print("Tied: " + ", ".join(group))
    if result.screened_out:
        console.print("Screened out by gates:")
        for s in result.screened_out:
            console.print(f"  {s.name} ({s.id}): " + "; ".join(f.reason for f in s.failures))
    console.print(f"Input digest {result.input_digest}", style="dim")
