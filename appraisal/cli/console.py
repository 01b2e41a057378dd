"""Terminal tables (rich). Formatting only: every number comes from a result object and
passes through :mod:`appraisal.presentation.formatting`."""

from __future__ import annotations

import math

from rich import box
from rich.console import Console
from rich.table import Table

from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.export import WEIGHTS_NOTE
from ..presentation.summary import gate_reason, sentences


def _label(number: int | None, option_id: str) -> str:
    return str(number) if number is not None else option_id


def print_ranking(result: AppraisalResult, console: Console | None = None) -> None:
    """Two tables: the ranking (rank, option, total) and the per-criterion contributions
    (criteria as rows, ranked options as columns, so it fits a terminal)."""
    console = console or Console()
    r = result.ranking
    what = f"criteria set {result.criteria_set}"
    if result.scenario:
        what += f", scenario {result.scenario}"
    if result.overrides:
        what += ", weights " + ", ".join(f"{k}={fmt.plain(v)}"
                                         for k, v in result.overrides.items())
    console.print(f"[bold]{result.title}[/bold]\n{what}; method {result.method.name}")
    rows = r.options
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Rank", justify="right")
    table.add_column("No.", justify="right")
    table.add_column("Option")
    table.add_column("Total", justify="right")
    for o in rows:
        rank = f"{o.rank}=" if o.tied_with else str(o.rank)
        table.add_row(rank, "" if o.number is None else str(o.number), o.name, fmt.total(o.total))
    console.print(table)
    p = result.long_list
    if rows and rows[0].contributions:
        contrib = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                        title="Contributions (weight x value) by option", title_justify="left")
        contrib.add_column("Criterion (weight)", no_wrap=True, max_width=34)
        for o in rows:
            contrib.add_column(_label(o.number, o.id), justify="right")
        for c, w in zip(p.criterion_ids, p.weights, strict=True):
            contrib.add_row(f"{c} ({fmt.pct(float(w))})",
                            *(fmt.total(o.contributions.get(c, 0.0)) for o in rows))
        contrib.add_row("Total", *(fmt.total(o.total) for o in rows), style="bold")
        console.print(contrib)
    console.print(WEIGHTS_NOTE, style="dim")
    for group in r.ties:
        console.print("Tied: " + ", ".join(group))
    if r.screened_out:
        console.print("Screened out by gates:")
        for s in r.screened_out:
            console.print(f"  {s.name} ({s.id}): " + "; ".join(gate_reason(f)
                                                              for f in s.failures))
    console.print(f"Input digest {result.input_digest}", style="dim")


def print_sensitivity(result: AppraisalResult, console: Console | None = None) -> None:
    """The table format: summary, then one compact table per analysis."""
    s, sc = result.sensitivity, result.scenarios
    assert s is not None and sc is not None, "a sensitivity result is required"
    con = console or Console(width=max(Console().width, 100))
    p = s.problem
    oname = dict(zip(p.option_ids, p.option_names, strict=True))
    cname = dict(zip(p.tree.ids, p.tree.names, strict=True))
    what = (f"criteria set {result.criteria_set}"
            + (f", scenario {result.scenario}" if result.scenario else ""))
    con.print(f"[bold]{result.title}[/bold]\n{what} ({s.method}, "
              f"{'exact' if s.exact else 'numeric'})")
    for sentence in sentences(s.summary, oname, cname):
        con.print(f"- {sentence}")

    t = Table(title="Weight stability intervals (share of total weight; leader "
              f"{oname[s.leader]})", title_justify="left")
    for col in ("Criterion", "Base", "Stays first from", "to", "Below: leads", "Above: leads"):
        t.add_column(col)
    for iv in s.weight_switching.intervals:
        t.add_row(iv.node_name, fmt.pct(iv.base_weight), fmt.pct(iv.low_weight),
                  fmt.pct(iv.high_weight), ", ".join(oname[o] for o in iv.below) or "-",
                  ", ".join(oname[o] for o in iv.above) or "-")
    con.print(t)

    t = Table(title="Score switching values: per option, the smallest single score change "
              "that changes the leader", title_justify="left")
    for col in ("Option", "Criterion", "Score", "Switches at", "New leader"):
        t.add_column(col)
    by_rank = [int(i) for i in result.ranking.order]
    for oid in (p.option_ids[i] for i in by_rank):
        rows = [x for x in s.score_switching.switches if x.option_id == oid and x.change]
        if not rows:
            t.add_row(oname[oid], "-", "-", "none within the scale", "-")
            continue
        x = min(rows, key=lambda r: r.scale_share or 0.0)
        t.add_row(oname[oid], cname[x.criterion_id], fmt.score(x.score),
                  fmt.score(x.switching_score or 0.0), ", ".join(oname[o] for o in x.new_leader))
    con.print(t)

    t = Table(title="Ranks by scenario", title_justify="left")
    t.add_column("Option")
    for sid in sc.scenario_ids:
        t.add_column(sid, justify="right")
    t.add_column("Max regret", justify="right")
    t.add_column("Weight to move", justify="right")
    moved = {d.option_id: d for d in s.distances.options}
    for i in by_rank:
        oid = sc.option_ids[i]
        d = moved.get(oid)
        move = ("-" if d is None else "never first" if d.never_first
                else fmt.pct(d.weight_moved or 0))
        t.add_row(oname[oid], *(str(r) for r in sc.ranks[i]), fmt.total(float(sc.max_regret[i])),
                  move)
    con.print(t)
    con.print("Kendall tau-b between scenarios: " + "; ".join(
        f"{sc.scenario_ids[a]}/{sc.scenario_ids[b]} {sc.tau[a, b]:.2f}"
        for a in range(len(sc.scenario_ids)) for b in range(a + 1, len(sc.scenario_ids))))
    con.print("Weight to move: least share of the total weight to move between criteria "
              "to put the option first (half the L1 distance).", style="dim")

    if s.smaa is not None:
        r = s.smaa
        t = Table(title=f"Rank acceptability ({r.samples:,} samples; {r.weight_model}; "
                  f"{r.score_model})", title_justify="left")
        t.add_column("Option")
        shown = min(3, len(r.option_ids))
        for k in range(shown):
            t.add_column(f"Rank {k + 1}", justify="right")
        t.add_column("Confidence", justify="right")
        for i in by_rank:
            conf = float(r.confidence[i])
            t.add_row(oname[r.option_ids[i]],
                      *(fmt.pct(float(v)) for v in r.acceptability[i, :shown]),
                      "-" if math.isnan(conf) else fmt.pct(conf))
        con.print(t)

    dom = s.dominance
    for a, b in dom.reduced_edges:
        con.print(f"{oname[a]} dominates {oname[b]}")
    for nt in dom.near_ties:
        con.print(f"Indistinguishable: {oname[nt.better]} and {oname[nt.worse]} "
                  f"({nt.reason})")
    con.print(f"Seed {s.seed}; input digest {result.input_digest}", style="dim")
