"""The terminal view of ``appraisal weights``."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..input.derive import Derived
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.weights import (
    consistency,
    derived_rows,
    disagreement,
    first_text,
    group_phrase,
    method_phrase,
    shift_text,
)
from .console import safe, terminal


def _derived(console: Console, d: Derived) -> None:
    console.print(safe(f"  {fmt.cap(group_phrase(d))} by {method_phrase(d)}:"))
    t = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    t.add_column("Criterion")
    t.add_column({"swing": "Swing points", "points": "Points", "ranking": "Rank"}.get(
        d.method, ""), justify="right")
    t.add_column("Share of group", justify="right")
    for row in derived_rows(d):
        t.add_row(*(safe(x) for x in row))
    console.print(t)
    check = consistency(d)
    if check:
        console.print(safe("  " + fmt.cap(check)))


def print_weights(result: AppraisalResult, console: Console | None = None) -> None:
    """Derived groups (the board's, then each member's), the leaf weights side by side,
    first choices and the spread, then the sentence on disagreement."""
    console = console or terminal()
    a = result.appraisal
    cs = a.criteria_set(result.criteria_set)
    origin = result.origin
    console.print(Text(safe(f"Weights: {cs.name}"), style="bold"))
    if origin is None:
        return
    console.print(safe(f"Analysed: {origin.label}."))
    questions = dict.fromkeys(d.question for _, ds in ((None, origin.board), *origin.members)
                              for d in ds if d.method == "swing" and d.question)
    for q in questions:
        console.print(safe(f"The swing question: {q}"))
    if origin.board:
        console.print(Text("The board", style="bold"))
        for d in origin.board:
            _derived(console, d)
    else:
        console.print(safe("The board gave its weights directly as raw weights "
                           "(criteria files)."))
    for member, groups in origin.members:
        role = f" ({member.role})" if member.role else ""
        console.print(Text(safe(f"{member.name}{role}"), style="bold"))
        for d in groups:
            _derived(console, d)
    m = result.members
    if m is None:
        if not a.members:
            console.print("No members' views (add members/*.yaml to compare them).")
        return
    codes = [f"M{k + 1}" for k in range(len(m.members))]
    t = Table(title="Share of the total weight, per cent", box=box.SIMPLE_HEAD,
              title_justify="left")
    t.add_column("Criterion", no_wrap=True, overflow="ellipsis", min_width=12)
    for head in ["Board", "Group", *codes, "Range"]:
        t.add_column(head, justify="right", no_wrap=True)

    def num(x: float) -> str:
        return f"{100 * x:.1f}"

    for j, name in enumerate(result.ranking.problem.criterion_names):
        t.add_row(safe(name), num(float(m.board.weights[j])), num(float(m.group.weights[j])),
                  *(num(float(v.weights[j])) for v in m.members),
                  f"{num(float(m.spread_low[j]))}-{num(float(m.spread_high[j]))}")
    console.print(t)
    for code, v in zip(codes, m.members, strict=True):
        console.print(safe(f"  {code} = {v.name}"))
    f = Table(title="First choice", box=box.SIMPLE_HEAD, title_justify="left")
    for head in ("Whose weights", "First", "Least change of these weights"):
        f.add_column(head)
    for v in (m.board, m.group, *m.members):
        f.add_row(safe(v.name), safe(first_text(v, result)), safe(shift_text(v, result)))
    console.print(f)
    console.print(safe(disagreement(m, result)))
