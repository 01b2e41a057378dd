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
from ..presentation.whose import origin_label
from .console import safe, terminal


def _derived(console: Console, d: Derived) -> None:
    console.print(safe(f"  {fmt.cap(group_phrase(d))} by {method_phrase(d)}:"))
    if d.rationale:
        console.print(safe(f"  Why: {d.rationale}"))
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
    console.print(safe(f"Analysed: {origin_label(origin)}."))
    console.print()
    if origin.board:
        console.print(Text("The board", style="bold"))
        for d in origin.board:
            _derived(console, d)
    else:
        console.print(safe("The board gave its weights directly, as the criteria's raw "
                           "weights."))
    questions = dict.fromkeys(d.question for ds in (origin.board,
                                                    *(m.derived for m in origin.members))
                              for d in ds if d.method == "swing" and d.question)
    for q in questions:
        console.print(safe(f"The swing question put: {q}"))
    for counted in origin.members:
        member = counted.member
        role = f" ({member.role})" if member.role else ""
        console.print()
        console.print(Text(safe(f"{member.name}{role}"), style="bold"))
        for d in counted.derived:
            _derived(console, d)
    m = result.members
    console.print()
    if m is None:
        if not a.members:
            console.print("No members' views (add members/*.yaml to compare them).")
        return
    codes = [f"M{k + 1}" for k in range(len(m.members))]

    def num(x: float) -> str:
        return fmt.pct(x).rstrip("%")

    # as many member columns as fit beside a readable criterion column; the rest below
    per = max(1, (console.width - 34 - 16 - 12) // 8)
    names = result.ranking.problem.criterion_names
    for start in range(0, len(codes), per):
        part = range(start, min(start + per, len(codes)))
        t = Table(title="Share of the total weight, per cent", box=box.SIMPLE_HEAD,
                  title_justify="left")
        t.add_column("Criterion", no_wrap=True, overflow="ellipsis", min_width=16,
                     max_width=max(16, console.width - 6 - 8 * (len(part) + 2) - 12))
        for head in ["Board", "Group", *(codes[k] for k in part), "Range"]:
            t.add_column(head, justify="right", no_wrap=True,
                         min_width=9 if head == "Range" else 5)
        for j, name in enumerate(names):
            t.add_row(safe(name), num(float(m.board.weights[j])),
                      num(float(m.group.weights[j])),
                      *(num(float(m.members[k].weights[j])) for k in part),
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
