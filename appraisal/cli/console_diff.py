"""The terminal view of ``appraisal diff``."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..pipeline.compare import Comparison
from ..presentation.diff import headline, move_rows, score_rows, weight_rows
from .console import safe, terminal


def _table(console: Console, title: str, head: list[str], rows: list[list[str]],
           right: set[int] | None = None) -> None:
    if not rows:
        return
    console.print(Text(title, style="bold"))
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for j, h in enumerate(head):
        t.add_column(h, justify="right" if j in (right or set()) else "left",
                     overflow="fold")
    for r in rows:
        t.add_row(*(safe(x) for x in r))
    console.print(t)


def print_diff(c: Comparison, console: Console | None = None) -> None:
    console = console or terminal()
    for line in headline(c):
        console.print(safe(line))
    if not c.changed:
        return
    console.print()
    _table(console, "Ranking (points out of 100; each move split among its causes)",
           ["Option", "Rank", "Points", "Change", "Because of"], move_rows(c), {3})
    _table(console, "Weights", ["Criterion", "Raw weight", "Share of the total"],
           weight_rows(c))
    _table(console, "Scores, rationale and evidence",
           ["Option", "Criterion", "What", "Before", "After"], score_rows(c))
