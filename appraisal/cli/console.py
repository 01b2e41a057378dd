"""Terminal tables (rich). Formatting only: every number comes from a result object and
passes through :mod:`appraisal.presentation.formatting`.

Safe and readable at any width: the console never interprets text from the input as
markup or emoji codes, every table fits the terminal (wide tables are keyed by short
codes with a legend, or split), and totals are points out of 100.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..input.greenbook import ROLE_NAMES, Costing
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.summary import gate_reason, sentences
from ..presentation.value import money
from ..presentation.whose import scenario_names, weights_label

if TYPE_CHECKING:
    from ..analysis.smaa import SmaaResult
    from ..analysis.value import ValueForMoney

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
CELL = 7
"""Width of a numeric column of points ("100.0" and padding)."""


def safe(text: str) -> str:
    """Text from the input as the terminal shows it: no control characters, line or
    paragraph separators or bidirectional overrides (the format refuses them; this is
    the second guard)."""
    return _UNPRINTABLE.sub("\ufffd", text)


def terminal(width: int | None = None) -> Console:
    """A console that prints text literally (no markup, emoji codes or highlighting)."""
    return Console(markup=False, emoji=False, highlight=False, width=width)


def _heading(console: Console, title: str, what: str) -> None:
    console.print(Text(safe(title), style="bold"))
    console.print(safe(what))


def _chunks(codes: Sequence[str], room: int) -> list[list[int]]:
    """Column indices in groups that fit ``room`` characters of numeric columns."""
    per = max(1, room // CELL)
    parts = max(1, math.ceil(len(codes) / per))
    per = math.ceil(len(codes) / parts)  # even groups: 6 and 6, not 11 and 1
    idx = list(range(len(codes)))
    return [idx[k:k + per] for k in range(0, len(idx), per)] or [[]]


def print_ranking(result: AppraisalResult, console: Console | None = None) -> None:
    """The ranking (rank, option, total in points), then the per-criterion
    contributions with options as rows and criteria keyed C1, C2, ... (split to fit the
    terminal), a legend, ties and near-ties, and the options screened out."""
    console = console or terminal()
    r = result.ranking
    what = f"criteria set {result.criteria_set}"
    if result.scenario:
        what += f", scenario {result.scenario}"
    if weights_label(result):
        what += f", {weights_label(result)}"
    if result.overrides:
        what += ", weights " + ", ".join(f"{k}={fmt.plain(v)}"
                                         for k, v in result.overrides.items())
    _heading(console, result.title, f"{what}; method {result.method.name}; "
                                    "totals in points out of 100")
    rows = r.options
    numbered = any(o.number is not None for o in rows)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Rank", justify="right", no_wrap=True)
    if numbered:
        table.add_column("No.", justify="right", no_wrap=True)
    table.add_column("Option", overflow="fold")
    table.add_column("Total", justify="right", no_wrap=True)
    v = result.value
    costing = result.appraisal.costing
    if v is not None:
        table.add_column("NPC", justify="right", no_wrap=True)
    roles = {o.id: o.role for o in result.appraisal.options if o.role}
    for o in rows:
        mark = "=" if o.tied else "≈" if o.close_to_above else ""
        number = ["" if o.number is None else str(o.number)] if numbered else []
        role = f" [{ROLE_NAMES[roles[o.id]]}]" if o.id in roles else ""
        npc = [] if v is None else [_npc(v, o.id, costing)]
        table.add_row(f"{o.rank}{mark}", *number, safe(o.name) + role, fmt.points(o.total),
                      *npc)
    b = result.benchmark
    if b is not None and b.fails_gates:
        bau = next(o for o in result.appraisal.options if o.id == b.id)
        number = ["" if bau.number is None else str(bau.number)] if numbered else []
        npc = [] if v is None else [_npc(v, b.id, costing)]
        table.add_row("-", *number, safe(bau.name) + " [business as usual: benchmark, fails "
                      "a gate]", fmt.points(b.total), *npc)
    console.print(table)
    if v is not None:
        console.print("NPC: net present cost with optimism bias (`appraisal value` compares "
                      "it with the benefit).")
    if any(o.tied for o in rows):
        console.print("= tied: totals within 1e-9 of each other share a rank.")
    if any(o.close_to_above for o in rows):
        console.print(f"≈ too close to tell apart from the option above: within "
                      f"{fmt.points(r.resolution)} points of it, less than half a scoring "
                      "step on the most-weighted criterion.")
    p = result.long_list
    if rows and rows[0].contributions:
        codes = [f"C{j + 1}" for j in range(len(p.criterion_ids))]
        label = [str(o.number) if o.number is not None else safe(o.id)[:12] for o in rows]
        first = max(len("Option"), *(len(x) for x in label)) + 2
        console.print("Contributions of each criterion to each total (points out of 100):")
        for group in _chunks(codes, console.width - first - CELL - 2):
            t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
            t.add_column("Option", justify="right", no_wrap=True)
            for j in group:
                t.add_column(codes[j], justify="right", no_wrap=True)
            if group[-1:] == [len(codes) - 1]:
                t.add_column("Total", justify="right", no_wrap=True)
            for o, name in zip(rows, label, strict=True):
                cells = [fmt.points(o.contributions[p.criterion_ids[j]]) for j in group]
                if group[-1:] == [len(codes) - 1]:
                    cells.append(fmt.points(o.total))
                t.add_row(name, *cells)
            console.print(t)
        for code, cid, name, w in zip(codes, p.criterion_ids, p.criterion_names, p.weights,
                                      strict=True):
            console.print(Padding(Text(f"{code} {safe(cid)}: {safe(name)} "
                                       f"({fmt.pct(float(w))} of the weight)"), (0, 0, 0, 2),
                                  expand=False))
    if r.screened_out:
        console.print("Screened out by gates:")
        for s in r.screened_out:
            console.print(f"  {safe(s.name)} ({safe(s.id)}): "
                          + "; ".join(safe(gate_reason(f)) for f in s.failures), soft_wrap=True)
    console.print(Text(f"Input digest {result.input_digest}", style="dim"), soft_wrap=True)


def _npc(v: ValueForMoney, option_id: str, costing: Costing | None) -> str:
    pos = v.position(option_id)
    return "-" if pos is None else money(float(v.cost[pos]), costing)


def _names(ids: Sequence[str], names: dict[str, str]) -> str:
    return ", ".join(safe(names[o]) for o in ids) or "-"


def _tau(value: float) -> str:
    """Kendall's tau-b, "-" where it is undefined (a ranking that ties every option)."""
    return "-" if math.isnan(value) else f"{value:.2f}"


def _share(r: SmaaResult, i: int) -> str:
    """"91.7% ±0.3": option i's share of draws first or jointly first, ±1.96 SE."""
    p = float((r.joint_first if r.joint_first is not None else r.acceptability[:, 0])[i])
    return fmt.share_pm(p, float(r.standard_error(p)))


def print_sensitivity(result: AppraisalResult, console: Console | None = None) -> None:
    """The table format: summary, then one compact table per analysis, each fitted to
    the terminal (the scenarios keyed S1, S2, ... with a legend)."""
    s, sc = result.sensitivity, result.scenarios
    assert s is not None and sc is not None, "a sensitivity result is required"
    con = console or terminal()
    p = s.problem
    oname = dict(zip(p.option_ids, p.option_names, strict=True))
    cname = dict(zip(p.tree.ids, p.tree.names, strict=True))
    what = (f"criteria set {result.criteria_set}"
            + (f", scenario {result.scenario}" if result.scenario else "")
            + (f", {weights_label(result)} (\"the board's weights\" below means these)"
               if weights_label(result) else ""))
    _heading(con, result.title, f"{what} ({s.method}, {'exact' if s.exact else 'numeric'})")
    for sentence in sentences(s.summary, oname, cname):
        con.print(f"- {safe(sentence)}")

    t = Table(title="Weight stability intervals (share of total weight; leader "
              f"{safe(oname[s.leader])})", title_justify="left")
    for col in ("Criterion", "Base", "Stays first from", "to", "Below: leads", "Above: leads"):
        t.add_column(col, overflow="fold")
    for iv in s.weight_switching.intervals:
        t.add_row(safe(iv.node_name), fmt.pct(iv.base_weight), fmt.pct(iv.low_weight),
                  fmt.pct(iv.high_weight), _names(iv.below, oname), _names(iv.above, oname))
    con.print(t)

    t = Table(title="Score switching values: per option, the smallest single score change "
              "that changes the leader", title_justify="left")
    for col in ("Option", "Criterion", "Score", "Switches at", "New leader"):
        t.add_column(col, overflow="fold")
    by_rank = [int(i) for i in result.ranking.order]
    for oid in (p.option_ids[i] for i in by_rank):
        rows = [x for x in s.score_switching.switches if x.option_id == oid and x.change]
        if not rows:
            t.add_row(safe(oname[oid]), "-", "-", "none within the scale", "-")
            continue
        x = min(rows, key=lambda r: r.scale_share or 0.0)
        t.add_row(safe(oname[oid]), safe(cname[x.criterion_id]), fmt.score(x.score),
                  fmt.score(x.switching_score or 0.0), _names(x.new_leader, oname))
    con.print(t)

    codes = [f"S{k + 1}" for k in range(len(sc.scenario_ids))]
    t = Table(title="Ranks by scenario", title_justify="left")
    t.add_column("Option", overflow="fold")
    for code in codes:
        t.add_column(code, justify="right", no_wrap=True)
    t.add_column("Max regret", justify="right", overflow="fold")
    for i in by_rank:
        t.add_row(safe(oname[sc.option_ids[i]]), *(str(r) for r in sc.ranks[i]),
                  fmt.points(float(sc.max_regret[i])))
    con.print(t)
    for code, sid, name in zip(codes, sc.scenario_ids, scenario_names(result), strict=True):
        con.print(f"  {code} {safe(sid)}: {safe(name)}")
    con.print("Kendall tau-b between scenarios: " + "; ".join(
        f"{codes[a]}/{codes[b]} {_tau(float(sc.tau[a, b]))}"
        for a in range(len(codes)) for b in range(a + 1, len(codes))))
    con.print(Text("Max regret: points behind the best option, at worst across the "
                   "scenarios. Kendall tau-b: agreement of two rankings, 1 the same order, "
                   "- where a ranking ties every option.", style="dim"))

    if s.distances.available:
        margin = fmt.total(s.distances.margin)
        t = Table(title="What would it take: the least change of the weights that puts each "
                  "option first (shares of the total weight)", title_justify="left")
        t.add_column("Option", overflow="fold")
        for col in ("Tie: moved", "largest", f"Lead by {margin}: moved", "largest"):
            t.add_column(col, justify="right", overflow="fold")
        moved = {d.option_id: d for d in s.distances.options}
        for i in by_rank:
            d = moved.get(p.option_ids[i])
            if d is None:
                continue
            tie = ("never", "") if d.tie is None else (fmt.pct(d.tie.total),
                                                        fmt.pct(d.tie.largest))
            lead = ((("never" if d.tie is None else "at best ties"), "") if d.strict is None
                    else (fmt.pct(d.strict.total), fmt.pct(d.strict.largest)))
            t.add_row(safe(oname[p.option_ids[i]]), *tie, *lead)
        con.print(t)
        con.print(Text("Moved: the share of the total weight moved between criteria (half "
                       "the L1 distance). Largest: the least possible largest change of any "
                       "one criterion's share, groups included.", style="dim"))

    runs = [(label, r) for label, r in (("around the board's weights", s.board),
                                        ("any weighting", s.anywhere)) if r is not None]
    if runs:
        uncertain = s.score_uncertainty
        first = runs[0][1]
        t = Table(title=f"First place in {first.samples:,} random draws of each kind, "
                  f"±95% margin ({first.score_model})", title_justify="left")
        t.add_column("Option", overflow="fold")
        for label, _ in runs:
            t.add_column(fmt.cap(label), justify="right", overflow="fold")
        shown = min(3, len(first.option_ids))
        for k in range(1, shown):
            t.add_column(f"Rank {k + 1} (any)", justify="right", overflow="fold")
        if uncertain:
            t.add_column("Confidence", justify="right", overflow="fold")
        anywhere = s.anywhere
        for i in by_rank:
            cells = [_share(r, i) for _, r in runs]
            if anywhere is not None:
                cells += [fmt.pct(float(v)) for v in anywhere.acceptability[i, 1:shown]]
            if uncertain and anywhere is not None:
                conf = float(anywhere.confidence[i])
                cells.append("-" if math.isnan(conf) else fmt.pct(conf))
            t.add_row(safe(oname[p.option_ids[i]]), *cells)
        con.print(t)
        for _, r in runs:
            con.print(Text(f"{fmt.cap(r.weight_model)}.", style="dim"))

    for a, b in s.dominance.reduced_edges:
        con.print(f"{safe(oname[a])} dominates {safe(oname[b])}")
    near = s.closeness
    for group in near.groups:
        con.print(f"Too close to tell apart: {_names(group, oname)}")
    for pair in near.loose:
        con.print(f"Also too close to tell apart: {safe(oname[pair.better])} and "
                  f"{safe(oname[pair.worse])}")
    if near.groups or near.loose:
        res = near.resolution
        con.print(Text(f"Too close: totals within the scores' resolution "
                       f"({fmt.total(res.tolerance)}, half a step of {fmt.plain(res.step)} on "
                       f"the most-weighted criterion), or places swapped in more than "
                       f"{fmt.pct(near.flip_share, 0)} of the draws around the board's "
                       "weights.", style="dim"))
    if result.members is not None:
        from ..presentation.weights import disagreement

        con.print(Text("Members' views (appraisal weights for the detail)", style="bold"))
        con.print(safe(disagreement(result.members, result)))
    con.print(Text(f"Seed {s.seed}; input digest {result.input_digest}", style="dim"),
              soft_wrap=True)
