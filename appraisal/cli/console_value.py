"""The terminal views of ``appraisal value`` and ``appraisal longlist``."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.value import (
    framework_rows,
    frontier_sentence,
    money,
    switching_sentences,
    unit_words,
    uplift_note,
    value_rows,
)
from ..presentation.value_export import serves_rows
from ..presentation.whose import weights_label
from .console import safe, terminal

_CODE = {"preferred": "P", "carried forward": "C", "discounted": "D", "": "-"}


def print_value(result: AppraisalResult, console: Console | None = None) -> None:
    """Net present cost against benefit, the frontier and the switching values."""
    console = console or terminal()
    v, a = result.value, result.appraisal
    console.print(Text(safe(result.title), style="bold"))
    if v is None or a.costing is None:
        console.print("No option has costs: add a costing block to appraisal.yaml and "
                      "costs to the options (docs/value.md).")
        return
    c = a.costing
    what = (f"criteria set {result.criteria_set}; benefit in points out of 100"
            + (f" ({weights_label(result)})" if weights_label(result) else "")
            + f"; net present cost in {unit_words(c)}"
            + (f", {c.price_base}" if c.price_base else "")
            + f", discounted to {c.base_year} with optimism bias")
    console.print(safe(what))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Option", overflow="fold", min_width=12, ratio=1)
    for name in ("Points", "NPC", "NPC\nvs BAU", "Points\nvs BAU", "Frontier", "£ per\npoint"):
        table.add_column(name, justify="left" if name == "Frontier" else "right",
                         overflow="fold")
    for row in value_rows(v, c):
        mark = " (BAU)" if row["benchmark"] else ""
        mark += " *" if row["fails_gates"] else ""
        table.add_row(safe(row["label"] + mark), row["points"], row["npc"],
                      row["delta_cost"], row["delta_points"], row["status_short"],
                      row["icer"])
    console.print(table)
    if v.fails_gates.any():
        console.print("* fails a gate: kept as the benchmark only (business as usual).")
    console.print("Frontier: on the frontier, dominated (another costs no more and scores no "
                  "less), extended (extendedly dominated: a mix of two others does better). "
                  "£ per point: the extra net present cost of each extra benefit point, from the "
                  "previous option on the frontier.")
    console.print(safe(uplift_note(c)))
    console.print()
    console.print(safe(frontier_sentence(v)))
    for sentence in switching_sentences(v, c):
        console.print(safe(sentence))
    u = v.uncertainty
    if u is not None:
        console.print()
        kind = "costs and scores" if u.scores_drawn else "costs"
        console.print(f"Uncertain {kind}, {u.samples:,} draws (5th to 95th percentile of "
                      "net present cost; share of draws on the frontier):")
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for name in ("Option", "NPC 5%", "NPC 95%", "On frontier") + (
                ("Best value",) if u.best_value is not None else ()):
            t.add_column(name, justify="left" if name == "Option" else "right",
                         overflow="fold")
        for i in range(len(v.option_ids)):
            cells = [safe(v.labels[i]), money(u.cost_low[i], c), money(u.cost_high[i], c),
                     fmt.pct(u.on_frontier[i], 0)]
            if u.best_value is not None:
                cells.append(fmt.pct(u.best_value[i], 0))
            t.add_row(*cells)
        console.print(t)
    if v.left_out:
        console.print(safe("Left out, no costs given: " + ", ".join(v.left_out) + "."))


def print_longlist(result: AppraisalResult, console: Console | None = None) -> None:
    """The options framework: a summary of statuses, then each option's reasons."""
    console = console or terminal()
    a = result.appraisal
    dims = a.options_framework.dimensions
    console.print(Text(safe(result.title), style="bold"))
    console.print("The long list through the options framework filter "
                  "(P preferred, C carried forward, D discounted, - not assessed).")
    failed = {s.id for s in result.ranking.screened_out}
    rows = framework_rows(a)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Option", overflow="fold")
    table.add_column("Role", overflow="fold")
    table.add_column("Gates", no_wrap=True)
    for k in range(1, len(dims) + 1):
        table.add_column(f"D{k}", justify="center", no_wrap=True)
    for row in rows:
        table.add_row(safe(row["label"]), safe(row["role"]),
                      "fails" if row["id"] in failed else "passes",
                      *(_CODE[c["status"]] for c in row["cells"]))
    console.print(table)
    console.print(safe("; ".join(f"D{k} {d.name}" for k, d in enumerate(dims, 1)) + "."))
    for row in rows:
        if not any(c["choice"] for c in row["cells"]):
            continue
        console.print()
        console.print(Text(safe(row["label"]), style="bold"))
        for d, cell in zip(dims, row["cells"], strict=True):
            if cell["choice"]:
                against = f" (against {', '.join(cell['against'])})" if cell["against"] \
                    else ""
                _indented(console, f"{d.name} ({cell['status']}): {cell['choice']}. "
                                   f"{cell['reason']}{against}")
    refs = [*a.objectives, *a.critical_success_factors]
    if refs:
        console.print()
        console.print(Text("Spending objectives and critical success factors", style="bold"))
        for o in a.objectives:
            _indented(console, f"{o.id}: {o.name}. Measure: {o.measure}; by "
                               f"{fmt.long_date(o.by)}.")
        for f in a.critical_success_factors:
            _indented(console, f"{f.id}: {f.name}.")
    serving = serves_rows(result)
    if serving:
        console.print()
        console.print(Text("Criteria and what they serve", style="bold"))
        for r in serving:
            _indented(console, f"{r['name']}: {', '.join(r['serves'])}")


def _indented(console: Console, words: str) -> None:
    """A line of text indented by two, wrapped lines too."""
    console.print(Padding(Text(safe(words)), (0, 0, 0, 2), expand=False))
