"""The speed tricks of the Monte Carlo and the sweeps, isolated, each beside the plain
reference implementation its tests compare it with.

- :class:`Tally` counts ranks, pairwise wins and first-place weights of many draws
  from pairwise comparison counts (no sort, no inverse permutation; only draws with a
  tie are sorted); :func:`reference_tally` does the same with competition ranks and
  loops.
- :func:`count_rows` counts True per row by summing bytes in 64-bit words;
  the reference is ``np.count_nonzero(c, axis=1)``.
- :func:`single_thread_matmul` is ``a @ b`` in slices small enough for OpenBLAS to stay
  on one thread.
- :func:`affine_totals` evaluates totals along a one-way sweep as ``a + t d`` (no
  weight matrix); the reference scores the weights on the path.

Ties: totals closer than :data:`~appraisal.core.ordering.TIE_TOLERANCE` are tied,
grouped by single linkage of the sorted totals as in
:func:`~appraisal.core.ordering.competition_ranks`. A group of g options occupying ranks
r..r+g-1 gives each member 1/g of a draw at each of those ranks (and 1/g of first place
when the group is first), so every row and every column of the acceptability matrix
sums to 1. "Strictly above" (pairwise) means by more than the tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.ordering import TIE_TOLERANCE, competition_ranks
from ..core.problem import FloatArray, IntArray
from ..errors import AppraisalError


@dataclass(frozen=True, kw_only=True)
class TallyCounts:
    """What a tally of ``samples`` draws gives: rank acceptability (n, n ranks),
    pairwise win shares (n, n), per option the sum of its first-place share times the
    weights of each draw (n, m), and the share of draws in which it is first or jointly
    first (n,)."""

    acceptability: FloatArray
    pairwise: FloatArray
    central_sums: FloatArray
    joint_first: FloatArray


def tie_groups(t: FloatArray) -> tuple[IntArray, IntArray, IntArray]:
    """For totals ``t`` (k, n): options best first, and each position's tie group
    [start, end) by single linkage (as :func:`~appraisal.core.ordering.competition_ranks`)."""
    if not np.all(np.isfinite(t)):
        raise AppraisalError("the score function returned totals that are not finite")
    k, n = t.shape
    order = np.argsort(-t, axis=1, kind="stable")
    st = np.take_along_axis(t, order, axis=1)
    gap = st[:, :-1] - st[:, 1:] > TIE_TOLERANCE
    pos = np.broadcast_to(np.arange(n), (k, n))
    new = np.ones((k, n), dtype=bool)
    new[:, 1:] = gap
    start = np.maximum.accumulate(np.where(new, pos, 0), axis=1)
    last = np.ones((k, n), dtype=bool)
    last[:, :-1] = gap
    end = np.minimum.accumulate(np.where(last, pos, n - 1)[:, ::-1], axis=1)[:, ::-1] + 1
    return order, start, end


class Tally:
    """Integer counts, so sums are exact and independent of how draws are grouped."""

    def __init__(self, n: int, m: int) -> None:
        self.n = n
        self.hist = np.zeros(n * n, dtype=np.int64)  # untied draws: [rank, option]
        self.diff = np.zeros((n + 1) * (n + 1) * n, dtype=np.int64)  # tied: [g, rank, opt]
        self.pair = np.zeros((n, n), dtype=np.int64)  # [i, j]: i above j
        self.central = np.zeros((n, m))  # sum of first-rank share x weights
        self.joint = np.zeros(n, dtype=np.int64)  # draws in the top tie group
        self.samples = 0
        self._idx = np.arange(n)[:, None]
        self._small = np.uint8 if n < 256 else np.uint16
        self._buf: dict[int, dict[str, np.ndarray]] = {}

    def buffers(self, k: int) -> dict[str, np.ndarray]:
        """Work arrays for blocks of k draws, reused so that memory is not re-faulted."""
        if k not in self._buf:
            n = self.n
            self._buf[k] = {"t": np.empty((n, k)), "tt": np.empty((n, k)),
                            "c": np.empty((n, k), dtype=bool),
                            "above": np.empty((n, k), dtype=self._small),
                            "key": np.empty((n, k), dtype=np.intp),
                            "w": np.empty((self.central.shape[1], k)).T}
        return self._buf[k]

    def add(self, t: FloatArray, w: FloatArray) -> None:
        """Tally totals ``t`` (n, k) of k draws made with weights ``w`` (k, m)."""
        n, k = t.shape
        buf = self.buffers(k)
        above, c, key = buf["above"], buf["c"], buf["key"]
        above.fill(0)  # options strictly above each one
        tt = np.add(t, TIE_TOLERANCE, out=buf["tt"])
        for j in range(n):
            np.greater(t[j], tt, out=c)  # c[i, s]: option j above option i in draw s
            np.add(above, c.view(np.uint8), out=above)
            self.pair[j] += count_rows(c)
        tied = above.sum(axis=0, dtype=np.int64) != n * (n - 1) // 2
        np.multiply(above, n, out=key, casting="unsafe")
        key += self._idx  # key = rank * n + option
        wt = np.ascontiguousarray(w.T)
        if tied.any():
            key, wt = key[:, ~tied], np.ascontiguousarray(wt[:, ~tied])
            self.central += self._add_tied(t[:, tied].T) @ w[tied]
        self.hist += np.bincount(key.ravel(), minlength=n * n)
        win = key.min(axis=0)  # the first option's key is its index
        self.joint += np.bincount(win, minlength=n)
        for j in range(wt.shape[0]):
            self.central[:, j] += np.bincount(win, weights=wt[j], minlength=n)
        self.samples += k

    def _add_tied(self, t: FloatArray) -> FloatArray:
        n = self.n
        order, start, end = tie_groups(t)
        g = end - start
        plus = (g * (n + 1) + start) * n + order
        minus = (g * (n + 1) + end) * n + order
        self.diff += np.bincount(plus.ravel(), minlength=self.diff.size)
        self.diff -= np.bincount(minus.ravel(), minlength=self.diff.size)
        first = np.zeros(t.shape)
        np.put_along_axis(first, order, np.where(start == 0, 1.0 / g, 0.0), axis=1)
        self.joint += np.count_nonzero(first > 0, axis=0)
        return first.T

    def counts(self) -> TallyCounts:
        """The shares over every draw added so far."""
        n = self.n
        acc = self.hist.reshape(n, n).T.astype(float)
        diff = self.diff.reshape(n + 1, n + 1, n)
        for g in range(1, n + 1):
            acc += np.cumsum(diff[g], axis=0)[:n].T / g
        return TallyCounts(acceptability=acc / self.samples, pairwise=self.pair / self.samples,
                           central_sums=self.central.copy(), joint_first=self.joint / self.samples)


class TopTally:
    """The tally for many options: each draw is sorted (n log n, not n squared), the
    first ``places`` ranks are counted, and pairwise winning shares are kept among the
    ``watched`` options only (NaN elsewhere). Ties are shared as in :class:`Tally`, with
    integer counts per tie-group size, so sums are exact. Draws are taken in slices so
    that memory stays bounded whatever the number of options."""

    SLICE_VALUES = 1 << 22  # options x draws sorted at a time

    def __init__(self, n: int, m: int, places: int, watched: IntArray) -> None:
        self.n, self.places = n, places
        self.watched = np.asarray(watched, dtype=np.intp)
        self.diff: dict[int, np.ndarray] = {}  # g -> (places + 1, n) rank boundaries
        self.pair = np.zeros((len(self.watched),) * 2, dtype=np.int64)
        self.central = np.zeros((n, m))
        self.joint = np.zeros(n, dtype=np.int64)
        self.samples = 0
        self._buf: dict[int, dict[str, np.ndarray]] = {}

    def buffers(self, k: int) -> dict[str, np.ndarray]:
        """Work arrays for blocks of k draws, reused across blocks."""
        if k not in self._buf:
            self._buf[k] = {"t": np.empty((self.n, k)),
                            "w": np.empty((self.central.shape[1], k)).T}
        return self._buf[k]

    def add(self, t: FloatArray, w: FloatArray) -> None:
        """Tally totals ``t`` (n, k) of k draws made with weights ``w`` (k, m)."""
        n, k = t.shape
        step = max(1, self.SLICE_VALUES // max(n, 1))
        for lo in range(0, k, step):
            self._add(np.ascontiguousarray(t[:, lo:lo + step].T), w[lo:lo + step])
        self.samples += k

    def _add(self, t: FloatArray, w: FloatArray) -> None:  # t is (draws, n)
        n, r = self.n, self.places
        k = min(n, 3 * r + 1)
        if k == n:
            self._count(*tie_groups(t), w)
        else:  # sort only the k best of each draw, unless a tie group reaches the cut
            part = np.argpartition(-t, k - 1, axis=1)[:, :k]
            o, start, end = tie_groups(np.take_along_axis(t, part, axis=1))
            whole = end[:, r - 1] >= k
            keep = ~whole
            self._count(np.take_along_axis(part, o, axis=1)[keep], start[keep], end[keep],
                        w[keep])
            if whole.any():
                self._count(*tie_groups(t[whole]), w[whole])
        tw = t[:, self.watched]
        self.pair += (tw[:, :, None] > tw[:, None, :] + TIE_TOLERANCE).sum(axis=0)

    def _count(self, order: IntArray, start: IntArray, end: IntArray,
               w: FloatArray) -> None:
        """Count the first places of draws given best first (``order``) with their tie
        groups [start, end) by position."""
        n, r = self.n, self.places
        draw, pos = np.nonzero(start < r)  # positions sharing some of the first r ranks
        opt, lo, hi = order[draw, pos], start[draw, pos], np.minimum(end[draw, pos], r)
        g = (end - start)[draw, pos]
        for size in np.unique(g):
            pick = g == size
            diff = self.diff.setdefault(int(size), np.zeros((r + 1, n), dtype=np.int64))
            np.add.at(diff, (lo[pick], opt[pick]), 1)
            np.add.at(diff, (hi[pick], opt[pick]), -1)
        top = lo == 0
        self.joint += np.bincount(opt[top], minlength=n)
        share = 1.0 / g[top]
        for j in range(w.shape[1]):
            self.central[:, j] += np.bincount(opt[top], weights=share * w[draw[top], j],
                                              minlength=n)

    def counts(self) -> TallyCounts:
        acc = np.zeros((self.n, self.places))
        for size, diff in self.diff.items():
            acc += np.cumsum(diff, axis=0)[:self.places].T / size
        pair = np.full((self.n, self.n), np.nan)
        pair[np.ix_(self.watched, self.watched)] = self.pair / self.samples
        return TallyCounts(acceptability=acc / self.samples, pairwise=pair,
                           central_sums=self.central.copy(), joint_first=self.joint / self.samples)


def reference_tally(t: FloatArray, w: FloatArray) -> TallyCounts:
    """:class:`Tally` done plainly, for tests: competition ranks of each draw, a tie
    group of g sharing its g ranks equally (t is (n, k), w is (k, m))."""
    n, k = t.shape
    acc = np.zeros((n, n))
    central = np.zeros((n, w.shape[1]))
    joint = np.zeros(n)
    ranks = competition_ranks(t.T)
    for s in range(k):
        for i in range(n):
            g = int(np.sum(ranks[s] == ranks[s, i]))
            r = int(ranks[s, i]) - 1
            acc[i, r:r + g] += 1.0 / g
            if r == 0:
                central[i] += w[s] / g
                joint[i] += 1
    pair = (t[:, None, :] > t[None, :, :] + TIE_TOLERANCE).sum(axis=2)
    return TallyCounts(acceptability=acc / k, pairwise=pair / k, central_sums=central,
                       joint_first=joint / k)


def count_rows(c: np.ndarray) -> np.ndarray:
    """Number of True per row of a C-contiguous bool matrix. Viewed as uint64, each
    word holds 8 bytes of 0/1; summing 128 words per lane cannot carry between
    bytes, so the byte lanes of the sums add up to the counts."""
    n, k = c.shape
    if k % 1024 == 0 and c.flags.c_contiguous:
        lanes = c.view(np.uint64).reshape(n, -1, 128).sum(axis=2, dtype=np.uint64)
        counts: np.ndarray = lanes.view(np.uint8).reshape(n, -1).sum(axis=1, dtype=np.int64)
        return counts
    return np.asarray(np.count_nonzero(c, axis=1))


def first_share(t: FloatArray, who: IntArray) -> FloatArray:
    """Share of first place of option ``who[s]`` in each column s of totals t (n, k)."""
    k = t.shape[1]
    mine = t[who, np.arange(k)]
    near = np.abs(t - mine) <= TIE_TOLERANCE
    share: FloatArray = (~np.any(t > mine + TIE_TOLERANCE, axis=0)).astype(float)
    tied = near.sum(axis=0) > 1
    if tied.any():
        order, start, end = tie_groups(t[:, tied].T)
        g = np.where(start == 0, 1.0 / (end - start), 0.0)
        full = np.zeros(order.shape)
        np.put_along_axis(full, order, g, axis=1)
        share[tied] = full[np.arange(len(full)), who[tied]]
    return share


def single_thread_matmul(a: FloatArray, b: FloatArray,
                         out: FloatArray | None = None) -> FloatArray:
    """``a @ b`` in column slices small enough that OpenBLAS stays on one thread
    (it threads above m*n*k = 4 * 65536): waking threads for a 13 x 12 x 16384 product
    costs more than it saves, and badly so on a busy machine."""
    if out is None:
        out = np.empty((a.shape[0], b.shape[1]))
    step = max(1, (1 << 18) // max(1, a.shape[0] * a.shape[1]))
    for i in range(0, b.shape[1], step):
        np.matmul(a, b[:, i:i + step], out=out[:, i:i + step])
    return out


def affine_totals(a: FloatArray, d: FloatArray, t: FloatArray) -> FloatArray:
    """Totals (k, n) at sweep positions ``t`` (k,) when totals are ``a + t d``."""
    out: FloatArray = np.multiply.outer(np.asarray(t, dtype=float), d)
    out += a
    return out
