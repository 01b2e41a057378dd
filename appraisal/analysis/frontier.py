"""The value-for-money frontier: benefit against cost, with strict and extended dominance.

An option is *strictly dominated* when another costs no more and gives no less benefit,
and is better on one of the two. It is *extendedly dominated* when a mix of two other
options (a convex combination) would give at least its benefit for less, i.e. it lies
below the chord joining two options on either side of it: its incremental cost per
extra benefit point is higher than that of the next, dearer option (Cantor (1994)
"Cost-effectiveness analysis, extended dominance, and ethics", *Medical Decision
Making* 14(3):259-265; Drummond et al. (2015) *Methods for the Economic Evaluation of
Health Care Programmes*, 4th ed., s. 4.3). The options left form the efficient
frontier; along it the incremental cost per extra point (the ICER) rises.

Conventions decided here (docs/value.md): identical points (same cost and benefit) are
both on the frontier; a point exactly on a chord (equal ICERs either side) stays on it;
"exactly" is within :data:`EPS` of the data's scale, so that rounding in a present value
cannot make an option dominated.

Switching values follow from one quantity: the least cost at which a mix of the *other*
options gives at least an option's benefit, ``C(b)``; the option stays on the frontier
while its cost is below it, so the cost overrun that takes it off is ``C(b) - c``
(infinite when no other option gives as much benefit). Likewise the benefit shortfall is
``b - B(c)``, with ``B(c)`` the most benefit a mix of the others gives for no more than
``c`` (infinite for the cheapest option).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..core.problem import BoolArray, FloatArray, IntArray

EPS = 1e-9
"""Relative tolerance for equal costs, benefits and slopes."""

Status = Literal["frontier", "dominated", "extended", "excluded"]


@dataclass(frozen=True, kw_only=True)
class Frontier:
    """The frontier of options with ``cost`` and ``benefit`` (arrays of one length).

    ``status[i]`` is "frontier", "dominated" (strictly) or "extended" (extendedly
    dominated), or "excluded" from the comparison (:func:`appraisal.analysis.value.embed`:
    an option failing a gate, shown only as the benchmark); ``by[i]`` names the option
    that strictly dominates it (the cheapest such, then the most beneficial), or the two
    frontier options whose chord passes above it;
    ``order`` lists the frontier from cheapest to dearest; ``icer[i]`` is the incremental
    cost per extra benefit point from the previous frontier option (NaN for the first
    and off the frontier) and ``previous[i]`` that option (-1 if none).
    """

    cost: FloatArray
    benefit: FloatArray
    status: tuple[Status, ...]
    by: tuple[tuple[int, ...], ...]
    order: IntArray
    icer: FloatArray
    previous: IntArray

    @property
    def on(self) -> BoolArray:
        return np.array([s == "frontier" for s in self.status], dtype=bool)

    def best_value_range(self, i: int) -> tuple[float, float] | None:
        """The willingness to pay per point over which option ``i`` gives the most net
        benefit (``wtp * benefit - cost``): from its ICER (0 for the first frontier
        option) to the next frontier option's (infinite for the last); None off the
        frontier or when an identical option shares the point."""
        if self.status[i] != "frontier":
            return None
        pos = list(self.order).index(i)
        low = 0.0 if pos == 0 else float(self.icer[i])
        nxt = [int(j) for j in self.order[pos + 1:]]
        if nxt and _same(self, i, nxt[0]):
            return None
        high = float(self.icer[nxt[0]]) if nxt else float("inf")
        if pos > 0 and _same(self, i, int(self.order[pos - 1])):
            return None
        return low, high


def _same(f: Frontier, i: int, j: int) -> bool:
    ct, bt = _tolerances(f.cost, f.benefit)
    return bool(abs(f.cost[i] - f.cost[j]) <= ct and abs(f.benefit[i] - f.benefit[j]) <= bt)


def _tolerances(cost: FloatArray, benefit: FloatArray) -> tuple[float, float]:
    finite_c, finite_b = cost[np.isfinite(cost)], benefit[np.isfinite(benefit)]
    scale_c = float(np.max(np.abs(finite_c))) if finite_c.size else 0.0
    scale_b = float(np.max(np.abs(finite_b))) if finite_b.size else 0.0
    return EPS * max(scale_c, 1.0), EPS * max(scale_b, 1.0)


def frontier(cost: FloatArray, benefit: FloatArray) -> Frontier:
    """The efficient frontier of options with these costs and benefits (see the module)."""
    c = np.asarray(cost, dtype=float)
    b = np.asarray(benefit, dtype=float)
    n = c.size
    if b.shape != c.shape or c.ndim != 1:
        raise ValueError("cost and benefit must be 1-d arrays of one length")
    ct, bt = _tolerances(c, b)
    status: list[Status] = ["frontier"] * n
    by: list[tuple[int, ...]] = [()] * n
    order = sorted(range(n), key=lambda i: (c[i], -b[i], i))
    for i in range(n):
        better = [j for j in order if j != i and c[j] <= c[i] + ct and b[j] >= b[i] - bt
                  and (c[j] < c[i] - ct or b[j] > b[i] + bt)]
        if better:
            status[i], by[i] = "dominated", (better[0],)
    hull: list[int] = []
    twins: dict[int, list[int]] = {}  # a hull point -> the identical points it stands for
    for p in (i for i in order if status[i] == "frontier"):
        if hull and _identical(c, b, hull[-1], p, ct, bt):
            twins.setdefault(hull[-1], []).append(p)
            continue
        while len(hull) >= 2 and _below(c, b, hull[-2], hull[-1], p, ct, bt):
            hull.pop()
        hull.append(p)
    hull = sorted([*hull, *(t for h in hull for t in twins.get(h, []))],
                  key=lambda i: (c[i], -b[i], i))
    on = set(hull)
    for i in order:
        if status[i] == "frontier" and i not in on:
            status[i] = "extended"
            left = max((j for j in hull if c[j] < c[i]), key=lambda j: (c[j], -j))
            right = min((j for j in hull if c[j] > c[i]), key=lambda j: (c[j], j))
            by[i] = (left, right)
    icer = np.full(n, np.nan)
    previous = np.full(n, -1, dtype=np.intp)
    for k in range(1, len(hull)):
        i, j = hull[k], hull[k - 1]
        previous[i] = j
        db = b[i] - b[j]
        icer[i] = (c[i] - c[j]) / db if db > bt else np.nan
    return Frontier(cost=c, benefit=b, status=tuple(status), by=tuple(by),
                    order=np.array(hull, dtype=np.intp), icer=icer, previous=previous)


def _identical(c: FloatArray, b: FloatArray, i: int, j: int, ct: float, bt: float) -> bool:
    return bool(abs(c[i] - c[j]) <= ct and abs(b[i] - b[j]) <= bt)


def _below(c: FloatArray, b: FloatArray, a: int, m: int, p: int, ct: float, bt: float
           ) -> bool:
    """Does ``m`` (between ``a`` and ``p`` in cost) lie strictly below the chord a-p?"""
    span = c[p] - c[a]
    if span <= ct:
        return False
    chord = b[a] + (c[m] - c[a]) * (b[p] - b[a]) / span
    return bool(b[m] < chord - bt)


def least_cost_of_others(cost: FloatArray, benefit: FloatArray, i: int) -> float:
    """``C(b_i)``: the least cost at which one other option, or a mix of two, gives at
    least option ``i``'s benefit (infinite when none gives as much)."""
    c, b = np.asarray(cost, dtype=float), np.asarray(benefit, dtype=float)
    others = np.delete(np.arange(c.size), i)
    target = b[i]
    best = float(np.min(c[others][b[others] >= target], initial=np.inf))
    lo = others[b[others] < target]
    hi = others[b[others] > target]
    if lo.size and hi.size:
        ca, ba = c[lo][:, None], b[lo][:, None]
        cb, bb = c[hi][None, :], b[hi][None, :]
        chord = ca + (target - ba) * (cb - ca) / (bb - ba)
        best = min(best, float(chord.min()))
    return best


def most_benefit_of_others(cost: FloatArray, benefit: FloatArray, i: int) -> float:
    """``B(c_i)``: the most benefit one other option, or a mix of two, gives for no more
    than option ``i``'s cost (minus infinity when every other option costs more). The
    mirror image of :func:`least_cost_of_others`: negate both and swap their roles."""
    c, b = np.asarray(cost, dtype=float), np.asarray(benefit, dtype=float)
    return -least_cost_of_others(-b, -c, i)


@dataclass(frozen=True, kw_only=True)
class Switching:
    """Switching values of option ``option`` (the preferred one).

    ``overrun``: the rise in its cost at which it leaves the frontier (``C(b) - c``; a
    negative value is the fall it needs to join it; infinite when no other option gives
    as much benefit), ``overrun_share`` that as a share of its cost; ``shortfall`` the
    fall in benefit points at which it leaves the frontier (``b - B(c)``; infinite for
    the cheapest), ``shortfall_share`` as a share of its benefit. At a willingness to pay
    ``wtp`` per point: ``rival`` is the option with the most net benefit among the
    others, ``wtp_overrun`` the rise in cost and ``wtp_shortfall`` the fall in points
    at which the rival gives as much net benefit (negative when the rival already gives
    more); None without a willingness to pay.
    """

    option: int
    overrun: float
    overrun_share: float
    shortfall: float
    shortfall_share: float
    wtp: float | None = None
    rival: int | None = None
    wtp_overrun: float | None = None
    wtp_shortfall: float | None = None


def switching_values(cost: FloatArray, benefit: FloatArray, i: int,
                     wtp: float | None = None) -> Switching:
    """The switching values of option ``i`` (see :class:`Switching`)."""
    c, b = np.asarray(cost, dtype=float), np.asarray(benefit, dtype=float)
    overrun = least_cost_of_others(c, b, i) - c[i]
    shortfall = b[i] - most_benefit_of_others(c, b, i)
    with np.errstate(divide="ignore", invalid="ignore"):
        o_share = float(overrun / abs(c[i])) if c[i] != 0 else float("nan")
        s_share = float(shortfall / abs(b[i])) if b[i] != 0 else float("nan")
    rival = wtp_over = wtp_short = None
    if wtp is not None and c.size > 1:
        net = wtp * b - c
        others = np.delete(np.arange(c.size), i)
        rival = int(others[np.argmax(net[others])])
        wtp_over = float(net[i] - net[rival])
        wtp_short = wtp_over / wtp
    return Switching(option=i, overrun=float(overrun), overrun_share=o_share,
                     shortfall=float(shortfall), shortfall_share=s_share, wtp=wtp,
                     rival=rival, wtp_overrun=wtp_over, wtp_shortfall=wtp_short)


def on_frontier_draws(cost: FloatArray, benefit: FloatArray) -> BoolArray:
    """Which options are on the frontier in each draw: ``cost`` and ``benefit`` are (d, n);
    option i is on it when every mix of the others costs more for its benefit,
    ``C(b_i) > c_i`` (vectorised over draws; ties count as on the frontier)."""
    c = np.asarray(cost, dtype=float)
    b = np.asarray(benefit, dtype=float)
    d, n = c.shape
    out = np.empty((d, n), dtype=bool)
    ct = EPS * np.maximum(np.abs(c).max(axis=1, keepdims=True), 1.0)
    bt = EPS * np.maximum(np.abs(b).max(axis=1, keepdims=True), 1.0)
    for i in range(n):
        ci, bi = c[:, i:i + 1], b[:, i:i + 1]
        others = np.delete(np.arange(n), i)
        co, bo = c[:, others], b[:, others]
        # one other option: no dearer and at least as good, better in one respect
        dom = (co <= ci + ct) & (bo >= bi - bt) & ((co < ci - ct) | (bo > bi + bt))
        hit = dom.any(axis=1)
        lo = bo < bi - bt  # (d, n-1)
        hi = bo > bi + bt
        ca, ba = co[:, :, None], bo[:, :, None]
        cb, bb = co[:, None, :], bo[:, None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            chord = ca + (bi[:, :, None] - ba) * (cb - ca) / (bb - ba)
        pair = lo[:, :, None] & hi[:, None, :] & (chord < ci[:, :, None] - ct[:, :, None])
        hit |= pair.reshape(d, -1).any(axis=1)
        out[:, i] = ~hit
    return out
