"""Terminal tables (rich). Formatting only: every number comes from a result object."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from .ranking import RankResult
from .serialize import WEIGHTS_NOTE


def _label(r_number: int | None, r_id: str) -> str:
    return str(r_number) if r_number is not None else r_id


def print_ranking(result: RankResult, console: Console | None = None) -> None:
    """Two tables: the ranking (rank, option, total) and the per-criterion contributions
    (criteria as rows, ranked options as columns, so it fits a terminal)."""
    console = console or Console()
    what = f"criteria set {result.criteria_set}"
    if result.scenario:
        what += f", scenario {result.scenario}"
    if result.overrides:
        what += ", weights " + ", ".join(f"{k}={v:g}" for k, v in result.overrides.items())
    console.print(f"[bold]{result.title}[/bold]\n{what}; method {result.method}")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Rank", justify="right")
    table.add_column("No.", justify="right")
    table.add_column("Option")
    table.add_column("Total", justify="right")
    for r in result.ranking:
        rank = f"{r.rank}=" if r.tied_with else str(r.rank)
        table.add_row(rank, "" if r.number is None else str(r.number), r.name, f"{r.score:.3f}")
    console.print(table)
    if result.ranking and result.ranking[0].contributions:
        contrib = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                        title="Contributions (weight x value) by option", title_justify="left")
        contrib.add_column("Criterion (weight)", no_wrap=True, max_width=34)
        for r in result.ranking:
            contrib.add_column(_label(r.number, r.id), justify="right")
        for c, w in result.weights.items():
            contrib.add_row(f"{c} ({w:.1%})",
                            *(f"{r.contributions.get(c, 0.0):.3f}" for r in result.ranking))
        contrib.add_row("Total", *(f"{r.score:.3f}" for r in result.ranking), style="bold")
        console.print(contrib)
    console.print(WEIGHTS_NOTE, style="dim")
    for group in result.ties:
        console.print("Tied: " + ", ".join(group))
    if result.screened_out:
        console.print("Screened out by gates:")
        for s in result.screened_out:
            console.print(f"  {s.name} ({s.id}): " + "; ".join(f.reason for f in s.failures))
    console.print(f"Input digest {result.input_digest}", style="dim")
