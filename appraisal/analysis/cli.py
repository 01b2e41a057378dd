"""``appraisal sensitivity``: every sensitivity analysis from the command line.

Registered on the main group by :func:`appraisal.cli._register_optional`. Tables go to
stdout (rich); a progress bar for long Monte Carlo runs goes to stderr, only when
stderr is a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import numpy as np

from ..cli import (
    criteria_option,
    friendly,
    parse_weights,
    path_argument,
    scenario_option,
    with_scenario,
)
from ..cli import weight_option as weight_override_option
from ..errors import UsageError

if TYPE_CHECKING:
    from ..compile import Problem
    from . import Sensitivity

PROGRESS_FROM = 200_000
"""Show a progress bar (on a terminal) from this many samples."""


def _weight_model(problem: Problem, ranges: tuple[str, ...], ordinal: str | None) -> Any:
    from .sampling import OrdinalWeights, WeightRanges

    if ranges and ordinal:
        raise UsageError("use either --weight-ranges or --ordinal, not both")
    cols = {c: j for j, c in enumerate(problem.criterion_ids)}

    def column(cid: str, option: str) -> int:
        if cid not in cols:
            raise UsageError(f"{option}: '{cid}' is not a leaf criterion; expected one of: "
                             + ", ".join(problem.criterion_ids))
        return cols[cid]

    if ranges:
        m = len(cols)
        low, high = np.zeros(m), np.ones(m)
        for item in ranges:
            cid, _, span = item.partition("=")
            lo, sep, hi = span.partition(":")
            try:
                if not sep:
                    raise ValueError
                low[column(cid.strip(), "--weight-ranges")] = float(lo)
                high[cols[cid.strip()]] = float(hi)
            except ValueError:
                raise click.BadParameter(f"expected ID=LOW:HIGH (e.g. finance=0.1:0.3); "
                                         f"found '{item}'", param_hint="--weight-ranges") from None
        return WeightRanges(low, high)
    if ordinal:
        order = tuple(tuple(column(c.strip(), "--ordinal") for c in group.split("="))
                      for group in ordinal.split(">"))
        missing = [c for c in problem.criterion_ids
                   if cols[c] not in {j for g in order for j in g}]
        if missing:
            raise UsageError("--ordinal must rank every leaf criterion; missing: "
                             + ", ".join(missing))
        return OrdinalWeights(order, m=len(cols))
    return None


@contextmanager
def _progress(samples: int) -> Iterator[Callable[[int, int], None] | None]:
    if samples < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Monte Carlo", total=samples)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def register(main: click.Group) -> None:
    """Add the ``sensitivity`` command to ``main``."""

    @main.command("sensitivity")
    @path_argument
    @criteria_option
    @scenario_option
    @weight_override_option
    @click.option("--method", metavar="NAME", help="Aggregation method (default: the appraisal's).")
    @click.option("--samples", type=click.IntRange(min=0), default=10_000, show_default=True,
                  help="Monte Carlo weight samples (0 skips the Monte Carlo analysis).")
    @click.option("--seed", type=click.IntRange(min=0), default=None,
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
    def sensitivity(path: Path | None, criteria: str | None, scenario: str | None,
                    weights: tuple[str, ...], method: str | None, samples: int,
                    seed: int | None, score_uncertainty: bool, ranges: tuple[str, ...],
                    ordinal: str | None, tolerance: float | None, fmt: str) -> None:
        """How robust is the ranking? Sweeps, switching values, what it would take,
        scenarios, Monte Carlo acceptability, dominance and a plain-English summary."""
        from ..compile import compile_problem
        from ..loading import load
        from ..serialize import to_json
        from . import analyse
        from .dominance import DEFAULT_TOLERANCE
        from .serialize import sensitivity_to_dict

        overrides = parse_weights(weights)
        a, scenario = with_scenario(load(path, criteria=criteria), scenario)
        model = None
        if ranges or ordinal:
            model = _weight_model(compile_problem(a, criteria, scenario, overrides), ranges,
                                  ordinal)
        with _progress(samples) as progress:
            result = analyse(a, criteria, scenario, overrides, method, samples=samples,
                             seed=seed, score_uncertainty=score_uncertainty,
                             weight_model=model,
                             tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance,
                             progress=progress)
        if fmt == "json":
            click.echo(to_json(sensitivity_to_dict(result)), nl=False)
        else:
            print_sensitivity(result)


def print_sensitivity(s: Sensitivity) -> None:
    """The table format: summary, then one compact table per analysis."""
    from rich.console import Console
    from rich.table import Table

    from .summary import num, pct

    con = Console(width=max(Console().width, 100))
    p = s.problem
    oname = dict(zip(p.option_ids, p.option_names, strict=True))
    cname = dict(zip(p.tree.ids, p.tree.names, strict=True))
    what = f"criteria set {s.criteria_set}" + (f", scenario {s.scenario}" if s.scenario else "")
    con.print(f"[bold]{s.title}[/bold]\n{what} ({s.method}, "
              f"{'exact' if s.exact else 'numeric'})")
    for sentence in s.summary.sentences:
        con.print(f"- {sentence}")

    t = Table(title="Weight stability intervals (share of total weight; leader "
              f"{oname[s.leader]})", title_justify="left")
    for col in ("Criterion", "Base", "Stays first from", "to", "Below: leads", "Above: leads"):
        t.add_column(col)
    for iv in s.weight_switching.intervals:
        t.add_row(iv.node_name, pct(iv.base_weight), pct(iv.low_weight), pct(iv.high_weight),
                  ", ".join(oname[o] for o in iv.below) or "-",
                  ", ".join(oname[o] for o in iv.above) or "-")
    con.print(t)

    t = Table(title="Score switching values: per option, the smallest single score change "
              "that changes the leader", title_justify="left")
    for col in ("Option", "Criterion", "Score", "Switches at", "New leader"):
        t.add_column(col)
    by_rank = [int(i) for i in np.lexsort((np.arange(len(s.ranks)), s.ranks))]
    for oid in (p.option_ids[i] for i in by_rank):
        rows = [x for x in s.score_switching.switches if x.option_id == oid and x.change]
        if not rows:
            t.add_row(oname[oid], "-", "-", "none within the scale", "-")
            continue
        x = min(rows, key=lambda r: r.scale_share or 0.0)
        t.add_row(oname[oid], cname[x.criterion_id], num(x.score),
                  num(x.switching_score or 0.0), ", ".join(oname[o] for o in x.new_leader))
    con.print(t)

    sc = s.scenarios
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
        move = "-" if d is None else "never first" if d.never_first else pct(d.weight_moved or 0)
        t.add_row(oname[oid], *(str(r) for r in sc.ranks[i]), f"{sc.max_regret[i]:.3f}", move)
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
            oid = r.option_ids[i]
            conf = r.confidence[i]
            t.add_row(oname[oid], *(pct(float(v)) for v in r.acceptability[i, :shown]),
                      "-" if np.isnan(conf) else pct(float(conf)))
        con.print(t)

    dom = s.dominance
    for a, b in dom.reduced_edges:
        con.print(f"{oname[a]} dominates {oname[b]}")
    for nt in dom.near_ties:
        con.print(f"Indistinguishable: {oname[nt.better]} and {oname[nt.worse]} "
                  f"({nt.reason})")
    con.print(f"Seed {s.seed}; input digest {s.input_digest}", style="dim")


__all__ = ["print_sensitivity", "register"]
