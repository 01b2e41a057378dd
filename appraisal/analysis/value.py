"""Value for money: each option's benefit (its weighted total, in points out of 100)
against its net present cost, the efficient frontier, and the preferred option's
switching values (:mod:`.frontier`), with uncertain costs and scores in a Monte Carlo.

The options compared are those passing the gates, plus business as usual even when it
fails one (the Green Book keeps it as the benchmark every option is measured against);
options without costs are left out and named. An option that fails a gate is not a
choice the board can make, so it is shown (costs, benefit, the change from it) but takes
no part in the frontier, the switching values or the Monte Carlo's shares: otherwise a
rejected benchmark could "dominate" the viable options (decided in docs/value.md).

Net present cost is the sum over an option's cost lines of
``amount_t * (1 + uplift / 100) * D_t``; net present social value is the present value
of its monetised benefits (none counting as 0) less its net present cost, given when any
option states monetised benefits.

Monte Carlo: each draw takes one quantile per cost line (per uncertain line: a line
whose low and high equal its amounts adds the same to every draw), the same for every
year of the line (a line's years move together: an overrun in one year of a set-up budget is not
offset by an underrun in the next), from a triangular distribution on the line's low to
high with its mode at the stated amount, as scores are drawn
(:mod:`.evaluate`); with score uncertainty the scores are drawn too and the benefit
recomputed at the analysed weights. Draws come from the seed's own stream (block
``VALUE_BLOCK``), so the sensitivity analysis's figures do not change with costs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..core.money import CostModel, MoneyLines, owner_matrix, present_values, uplifted
from ..core.problem import BoolArray, FloatArray, IntArray, Problem
from ..methods import Method
from .evaluate import Evaluator
from .frontier import (
    Frontier,
    Status,
    Switching,
    frontier,
    on_frontier_draws,
    switching_values,
)
from .smaa import block_rng

VALUE_BLOCK = 2**20
"""The block number of the value-for-money draws in the seed's streams."""
CHUNK = 4096
PERCENTILES = (5.0, 95.0)


@dataclass(frozen=True, kw_only=True)
class ValueUncertainty:
    """Monte Carlo of costs (and scores): ``samples`` draws; per option the 5th and 95th
    percentiles of net present cost and of benefit points, the share of draws in which
    it is on the frontier, and (with a willingness to pay) the share in which it gives
    the most net benefit."""

    samples: int
    scores_drawn: bool
    cost_low: FloatArray
    cost_high: FloatArray
    benefit_low: FloatArray
    benefit_high: FloatArray
    on_frontier: FloatArray
    best_value: FloatArray | None


@dataclass(frozen=True, kw_only=True)
class ValueForMoney:
    """Benefit against cost of the options compared (see the module).

    Arrays are indexed like ``option_ids`` (``rows``: their rows in the long list).
    ``benefit``: points out of 100 at the analysed weights; ``cost``: net present cost
    with optimism bias, ``cost_before_bias`` without; ``capital``/``revenue`` its parts;
    ``benefits_pv`` the present value of monetised benefits and ``npsv`` net present
    social value (NaN when no option states monetised benefits); ``yearly`` the
    undiscounted costs with optimism bias by year of the period (n, years) and
    ``factors`` the discount factors. ``benchmark``: business as usual's position (None
    without one); ``fails_gates``: options kept only as the benchmark. ``preferred``:
    the option whose switching values are given (the preferred way forward, else the
    leader), ``switching`` those values, ``best_range`` the willingness to pay over
    which it gives the most net benefit. ``left_out``: options passing the gates without
    costs. ``undiscounted``: each option's costs with optimism bias over the period, not
    discounted; ``by_cost``: the positions cheapest first (more benefit first among equal
    costs), the one order in which options are listed by cost; ``costs`` and
    ``benefits``: the lines as compiled (their ``owner`` a row of the long list; each
    cost line's ``uplift`` the optimism bias applied to it).
    """

    option_ids: tuple[str, ...]
    labels: tuple[str, ...]
    rows: IntArray
    base_year: int
    benefit: FloatArray
    cost: FloatArray
    cost_before_bias: FloatArray
    capital: FloatArray
    revenue: FloatArray
    benefits_pv: FloatArray
    npsv: FloatArray
    yearly: FloatArray
    factors: FloatArray
    fails_gates: BoolArray
    benchmark: int | None
    frontier: Frontier
    preferred: int | None
    preferred_is_role: bool
    switching: Switching | None
    wtp: float | None
    best_range: tuple[float, float] | None
    left_out: tuple[str, ...]
    undiscounted: FloatArray
    by_cost: IntArray
    costs: MoneyLines
    benefits: MoneyLines
    uncertainty: ValueUncertainty | None = None

    @property
    def valued(self) -> bool:
        """Whether any option states monetised benefits (then ``npsv`` is given)."""
        return not bool(np.all(np.isnan(self.npsv)))

    def position(self, option_id: str) -> int | None:
        return self.option_ids.index(option_id) if option_id in self.option_ids else None


def _npc(lines: MoneyLines, amounts: FloatArray, factors: FloatArray, n: int,
         mask: BoolArray | None = None) -> FloatArray:
    """Present value per option of ``amounts`` (..., lines, years) after uplift; only
    the lines in ``mask`` when given."""
    a = uplifted(amounts, lines.uplift)
    if mask is not None:
        a = a * mask[:, None]
    return present_values(a, factors, lines.owner, n)


def analyse_value(long_list: Problem, method: Method, model: CostModel, passes: BoolArray,
                  totals: FloatArray, *, benchmark: str | None, preferred: str | None,
                  preferred_is_role: bool, wtp: float | None, samples: int = 0,
                  seed: int = 0, score_uncertainty: bool = False) -> ValueForMoney:
    """Value for money of the options of ``long_list`` (rows like ``model.option_ids``)
    at its weights, whose ``totals`` (0 to 1) the ranking scored: those passing the
    gates (``passes``) and the ``benchmark`` option, those with costs only.
    ``preferred`` (an option id) gets switching values; with ``samples`` the Monte Carlo
    runs (see the module), the ``method`` scoring the drawn scores."""
    ids = long_list.option_ids
    costed = model.costed
    keep = (passes | np.array([i == benchmark for i in ids])) & costed
    rows = np.flatnonzero(keep)
    left_out = tuple(ids[i] for i in np.flatnonzero(passes & ~costed))
    n_all = len(ids)
    points = np.asarray(totals, dtype=float) * 100
    c = model.costs
    cost_all = _npc(c, c.amount, model.factors, n_all)
    before = present_values(c.amount, model.factors, c.owner, n_all)
    capital = _npc(c, c.amount, model.factors, n_all, c.capital)
    yearly_lines = uplifted(c.amount, c.uplift)
    yearly = owner_matrix(c.owner, n_all).T @ yearly_lines
    bl = model.benefits
    ben_pv = present_values(bl.amount, model.factors, bl.owner, n_all)
    if not model.valued.any():  # no monetised benefits at all: no social value to state
        ben_pv = np.full(n_all, np.nan)
    labels = long_list.labels()
    cost, benefit = cost_all[rows], points[rows]
    viable = passes[rows]
    front = embed(frontier(cost[viable], benefit[viable]), np.flatnonzero(viable), rows.size)
    pick = [ids[i] for i in rows]
    pos = pick.index(preferred) if preferred in pick and viable[pick.index(preferred)] \
        else None
    switching = None
    if pos is not None:
        sub = int(np.flatnonzero(np.flatnonzero(viable) == pos)[0])
        local = switching_values(cost[viable], benefit[viable], sub, wtp)
        back = np.flatnonzero(viable)
        switching = replace(local, option=pos, rival=None if local.rival is None
                            else int(back[local.rival]))
    result = ValueForMoney(
        option_ids=tuple(pick), labels=tuple(labels[i] for i in rows), rows=rows,
        base_year=model.base_year, benefit=benefit, cost=cost,
        cost_before_bias=before[rows], capital=capital[rows],
        revenue=cost - capital[rows], benefits_pv=ben_pv[rows],
        npsv=ben_pv[rows] - cost, yearly=yearly[rows], factors=model.factors,
        fails_gates=~passes[rows],
        benchmark=pick.index(benchmark) if benchmark in pick else None,
        frontier=front, preferred=pos, preferred_is_role=preferred_is_role,
        switching=switching, wtp=wtp,
        best_range=front.best_value_range(pos) if pos is not None else None,
        left_out=left_out, undiscounted=yearly[rows].sum(axis=1),
        by_cost=np.lexsort((-benefit, cost)), costs=c, benefits=bl)
    if samples > 0 and viable.any():
        result = replace(result, uncertainty=_monte_carlo(
            long_list, method, model, rows, viable, benefit, wtp, samples, seed,
            score_uncertainty))
    return result


def _monte_carlo(long_list: Problem, method: Method, model: CostModel, rows: IntArray,
                 viable: BoolArray, base_benefit: FloatArray, wtp: float | None,
                 samples: int, seed: int, score_uncertainty: bool) -> ValueUncertainty:
    c = model.costs
    n = rows.size
    sub = long_list.subset(rows)
    line_rows = np.searchsorted(rows, c.owner)
    keep = np.isin(c.owner, rows)
    # A line's drawn amounts are lo + (hi - mode) min(U, V) + (mode - lo) max(U, V), one
    # (U, V) for all its years, so its present value is A + B min(U, V) + C max(U, V)
    # with A, B, C the present values (uplift included) of lo, hi - mode and mode - lo.
    pv = [present_values(uplifted(x[keep], c.uplift[keep]), model.factors,
                         np.arange(int(keep.sum())), int(keep.sum()))
          for x in (c.low, c.high - c.amount, c.amount - c.low)]
    const, down, up = pv
    uncertain = (down != 0) | (up != 0)
    onehot = owner_matrix(line_rows[keep], n)
    fixed = const @ onehot  # every line's low end, per option
    down, up, spread = down[uncertain], up[uncertain], onehot[uncertain]
    ev = Evaluator(sub, method, None, "triangular") if score_uncertainty else None
    costs = np.empty((samples, n))
    benefits = np.empty((samples, n))
    rng_c = block_rng(seed, VALUE_BLOCK, 0)
    rng_s = block_rng(seed, VALUE_BLOCK, 1)
    for start in range(0, samples, CHUNK):
        d = min(CHUNK, samples - start)
        u = rng_c.random((2, d, down.size))
        small, large = np.minimum(u[0], u[1]), np.maximum(u[0], u[1])
        costs[start:start + d] = fixed + (small * down + large * up) @ spread
        if ev is not None:
            s = ev.draw(rng_s, d)
            benefits[start:start + d] = ev.at_weights(s, sub.weights[None, :]).T * 100
        else:
            benefits[start:start + d] = base_benefit
    on = np.full(n, np.nan)
    on[viable] = 0.0
    for start in range(0, samples, CHUNK):
        part = slice(start, min(samples, start + CHUNK))
        on[viable] += on_frontier_draws(costs[part][:, viable],
                                        benefits[part][:, viable]).sum(axis=0)
    best = None
    if wtp is not None:
        net = wtp * benefits[:, viable] - costs[:, viable]
        best = np.full(n, np.nan)
        best[viable] = np.bincount(np.argmax(net, axis=1),
                                   minlength=int(viable.sum())) / samples
    lo_c, hi_c = np.percentile(costs, PERCENTILES, axis=0)
    lo_b, hi_b = np.percentile(benefits, PERCENTILES, axis=0)
    return ValueUncertainty(samples=samples, scores_drawn=ev is not None, cost_low=lo_c,
                            cost_high=hi_c, benefit_low=lo_b, benefit_high=hi_b,
                            on_frontier=on / samples, best_value=best)


def embed(f: Frontier, where: IntArray, n: int) -> Frontier:
    """The frontier ``f`` of some options (``where``: their positions among ``n``) as a
    frontier of all ``n``: the others "excluded" (they fail a gate)."""
    status: list[Status] = ["excluded"] * n
    by: list[tuple[int, ...]] = [()] * n
    icer = np.full(n, np.nan)
    previous = np.full(n, -1, dtype=np.intp)
    cost = np.full(n, np.nan)
    benefit = np.full(n, np.nan)
    for k, i in enumerate(where):
        status[i] = f.status[k]
        by[i] = tuple(int(where[j]) for j in f.by[k])
        icer[i] = f.icer[k]
        previous[i] = -1 if f.previous[k] < 0 else int(where[f.previous[k]])
        cost[i], benefit[i] = f.cost[k], f.benefit[k]
    return Frontier(cost=cost, benefit=benefit, status=tuple(status), by=tuple(by),
                    order=np.array([int(where[j]) for j in f.order], dtype=np.intp),
                    icer=icer, previous=previous)
