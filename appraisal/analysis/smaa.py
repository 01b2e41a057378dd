"""Monte Carlo / SMAA-2: how often does each option take each rank?

Stochastic multicriteria acceptability analysis (Lahdelma & Salminen (2001) "SMAA-2:
Stochastic multicriteria acceptability analysis for group decision making", Operations
Research 49(3):444-454; computation as in Tervonen & Lahdelma (2007) EJOR 178:500-513).
For ``samples`` draws of weights (and, optionally, scores) it reports

- rank acceptability b_i^r: the share of draws in which option i takes rank r;
- central weight vector w_i^c: the mean weight vector of the draws that make i first;
- confidence factor p_i^c: the share of score draws in which i is first when the
  weights are its central weights (without score uncertainty this is 1 or 0, or 1/g
  when i ties with g - 1 others for first there);
- pairwise winning probability: the share of draws in which i scores strictly above j.

**Ties.** Totals closer than :data:`~appraisal.ranking.TIE_TOLERANCE` are tied, grouped
by single linkage of the sorted totals as in :func:`~appraisal.ranking.competition_ranks`.
A group of g options occupying ranks r..r+g-1 gives each member 1/g of a draw at each
of those ranks, so every row and every column of the acceptability matrix sums to 1.
"Strictly above" (pairwise) means by more than the tolerance.

**Scores.** With ``score_uncertainty`` each score is drawn from a triangular
distribution on its ``low``..``high`` range with mode at the stated score (Kotz & van
Dorp (2004) *Beyond Beta*, ch. 1), or uniformly with ``score_distribution="uniform"``.
One score draw serves ``score_batch`` consecutive weight draws (default 32): every
(weights, scores) pair still has the right joint distribution, so all shares are
unbiased; batching only makes neighbouring samples share scores. ``score_batch=1``
gives fully independent pairs. Confidence factors reuse the first score draws
(``confidence_draws``, default 20,000) in a second pass.

**Speed and determinism.** Draws come in fixed blocks of :data:`BLOCK`; block b uses the
generators ``SeedSequence(seed, spawn_key=(b, 0))`` (weights) and ``(b, 1)`` (scores),
so results are the same bytes whatever the ``chunk`` size. Ranks come from pairwise
comparison counts (no sort, no inverse permutation); only draws with a tie are sorted.
``linear=True`` (for a method that is linear in the weights) evaluates the method once
at the simplex vertices and uses a matrix product; ``separable`` says an option's total
depends on its own scores only, so score draws can be stacked into one call (``None``:
probe the score function once to find out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from ..compile import FloatArray, IntArray, Problem
from ..errors import AppraisalError, UsageError
from ..methods import ScoreFn
from ..ranking import TIE_TOLERANCE
from .sampling import UniformSimplex, WeightModel

BLOCK = 16_384
"""Samples per random-number block (the unit of the seeded stream)."""

__all__ = ["BLOCK", "SmaaResult", "smaa"]

Distribution = Literal["triangular", "uniform"]


@dataclass(frozen=True)
class SmaaResult:
    """SMAA-2 results; arrays are indexed like the problem's options and criteria."""

    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    samples: int
    seed: int
    acceptability: FloatArray  # (n, n ranks): share of draws with option i at rank r
    central_weights: FloatArray  # (n, m); NaN rows where first-rank acceptability is 0
    confidence: FloatArray  # (n,); NaN where there is no central weight vector
    pairwise: FloatArray  # (n, n): P(option i scores strictly above option j)
    weight_model: str
    score_model: str
    score_batch: int = 1


# --- ranking draws ------------------------------------------------------------------

def _groups(t: FloatArray) -> tuple[IntArray, IntArray, IntArray]:
    """For totals ``t`` (k, n): options best first, and each position's tie group
    [start, end) by single linkage (as :func:`~appraisal.ranking.competition_ranks`)."""
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


class _Tally:
    """Integer counts, so sums are exact and independent of how draws are grouped."""

    def __init__(self, n: int, m: int) -> None:
        self.n = n
        self.hist = np.zeros(n * n, dtype=np.int64)  # untied draws: [rank, option]
        self.diff = np.zeros((n + 1) * (n + 1) * n, dtype=np.int64)  # tied: [g, rank, opt]
        self.pair = np.zeros((n, n), dtype=np.int64)  # [i, j]: i above j
        self.central = np.zeros((n, m))  # sum of first-rank share x weights
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
            self.pair[j] += _count_rows(c)
        tied = above.sum(axis=0, dtype=np.int64) != n * (n - 1) // 2
        np.multiply(above, n, out=key, casting="unsafe")
        key += self._idx  # key = rank * n + option
        wt = np.ascontiguousarray(w.T)
        if tied.any():
            key, wt = key[:, ~tied], np.ascontiguousarray(wt[:, ~tied])
            self.central += self._add_tied(t[:, tied].T) @ w[tied]
        self.hist += np.bincount(key.ravel(), minlength=n * n)
        win = key.min(axis=0)  # the first option's key is its index
        for j in range(wt.shape[0]):
            self.central[:, j] += np.bincount(win, weights=wt[j], minlength=n)

    def _add_tied(self, t: FloatArray) -> FloatArray:
        n = self.n
        order, start, end = _groups(t)
        g = end - start
        plus = (g * (n + 1) + start) * n + order
        minus = (g * (n + 1) + end) * n + order
        self.diff += np.bincount(plus.ravel(), minlength=self.diff.size)
        self.diff -= np.bincount(minus.ravel(), minlength=self.diff.size)
        first = np.zeros(t.shape)
        np.put_along_axis(first, order, np.where(start == 0, 1.0 / g, 0.0), axis=1)
        return first.T

    def acceptability(self, samples: int) -> FloatArray:
        n = self.n
        acc = self.hist.reshape(n, n).T.astype(float)
        diff = self.diff.reshape(n + 1, n + 1, n)
        for g in range(1, n + 1):
            acc += np.cumsum(diff[g], axis=0)[:n].T / g
        return acc / samples


def _count_rows(c: np.ndarray) -> np.ndarray:
    """Number of True per row of a C-contiguous bool matrix. Viewed as uint64, each
    word holds 8 bytes of 0/1; summing 128 words per lane cannot carry between
    bytes, so the byte lanes of the sums add up to the counts."""
    n, k = c.shape
    if k % 1024 == 0:
        lanes = c.view(np.uint64).reshape(n, -1, 128).sum(axis=2, dtype=np.uint64)
        counts: np.ndarray = lanes.view(np.uint8).reshape(n, -1).sum(axis=1, dtype=np.int64)
        return counts
    return np.asarray(np.count_nonzero(c, axis=1))

def _first_share(t: FloatArray, who: np.ndarray) -> FloatArray:
    """Share of first place of option ``who[s]`` in each column s of totals t (n, k)."""
    k = t.shape[1]
    mine = t[who, np.arange(k)]
    near = np.abs(t - mine) <= TIE_TOLERANCE
    share: FloatArray = (~np.any(t > mine + TIE_TOLERANCE, axis=0)).astype(float)
    tied = near.sum(axis=0) > 1
    if tied.any():
        order, start, end = _groups(t[:, tied].T)
        g = np.where(start == 0, 1.0 / (end - start), 0.0)
        full = np.zeros(order.shape)
        np.put_along_axis(full, order, g, axis=1)
        share[tied] = full[np.arange(len(full)), who[tied]]
    return share


_STACK = 64
"""Score draws evaluated per call of a separable linear method."""


# --- evaluating draws ---------------------------------------------------------------

class _Evaluator:
    """Totals (n, k) for weight draws, with or without score draws."""

    def __init__(self, problem: Problem, score: ScoreFn, linear: bool,
                 separable: bool | None, distribution: Distribution) -> None:
        self.problem, self.score, self.linear = problem, score, linear
        self.eye = np.eye(problem.shape[1])
        self.values = np.ascontiguousarray(score(problem, self.eye).T) if linear else None
        self._separable = separable
        self._stacks: dict[int, Problem] = {}
        self._bufs: dict[tuple[str, int], FloatArray] = {}
        lo, hi = problem.low.ravel(), problem.high.ravel()
        mode = np.clip(problem.scores.ravel(), lo, hi)
        self._lo, self._width = lo, hi - lo
        self._down, self._up = hi - mode, mode - lo
        if distribution not in ("triangular", "uniform"):
            raise UsageError(f"unknown score distribution '{distribution}'; expected "
                             "triangular or uniform")
        self._uniform = distribution == "uniform"

    def draw(self, rng: np.random.Generator, d: int) -> FloatArray:
        """``d`` score matrices (d, n, m). Triangular(lo, mode, hi) as
        ``lo + (hi - mode) min(U, V) + (mode - lo) max(U, V)`` (Stein & Keblis (2009)
        "A new method to simulate the triangular distribution", Mathematical and
        Computer Modelling 49:1143-1147): no square roots, no branches."""
        buf = self._buffer(("draw", d), (3, d, self._lo.size))
        u, x = buf[:2], buf[2]
        rng.random(out=u[:1] if self._uniform else u)
        if self._uniform:
            np.multiply(u[0], self._width, out=x)
        else:
            np.minimum(u[0], u[1], out=x)
            np.maximum(u[0], u[1], out=u[0])
            np.multiply(x, self._down, out=x)
            np.multiply(u[0], self._up, out=u[0])
            np.add(x, u[0], out=x)
        np.add(x, self._lo, out=x)
        out: FloatArray = x.reshape(d, *self.problem.shape)
        return out

    def _buffer(self, key: tuple[str, int], shape: tuple[int, ...]) -> FloatArray:
        """Reused work arrays: fresh large arrays would be page-faulted on every block."""
        if key not in self._bufs:
            self._bufs[key] = np.empty(shape)
        return self._bufs[key]

    def weights_only(self, w: FloatArray, out: FloatArray | None = None) -> FloatArray:
        if self.values is not None:
            return _single_thread_matmul(self.values, np.ascontiguousarray(w.T), out)
        return np.ascontiguousarray(np.asarray(self.score(self.problem, w), dtype=float).T)

    def _at(self, s: FloatArray) -> Problem:
        return replace(self.problem, scores=s)

    def draw_values(self, s: FloatArray) -> FloatArray:
        """Values (d, n, m) of a linear method for score draws s (d, n, m)."""
        d, n, m = s.shape
        out = self._buffer(("values", d), (d, n, m))
        if not self.separable:
            for i in range(d):
                out[i] = np.asarray(self.score(self._at(s[i]), self.eye), dtype=float).T
            return out
        for i in range(0, d, _STACK):  # small stacks keep the method's temporaries small
            x = s[i:i + _STACK]
            stack = self._stacks.get(x.shape[0])
            if stack is None:
                stack = self.problem.subset(np.tile(np.arange(n), x.shape[0]))
                self._stacks[x.shape[0]] = stack
            v = self.score(replace(stack, scores=x.reshape(-1, m)), self.eye)
            out[i:i + x.shape[0]] = np.asarray(v, dtype=float).T.reshape(-1, n, m)
        return out

    @property
    def separable(self) -> bool:
        if self._separable is None:
            self._separable = _probe_separable(self.problem, self.score, self.eye)
        return self._separable

    def with_scores(self, s: FloatArray, w: FloatArray, b: int) -> FloatArray:
        """Totals (n, k): score draw d pairs with weight rows d*b .. d*b + b - 1."""
        d, k = s.shape[0], w.shape[0]
        if self.linear:
            n, m = self.problem.shape
            wt = self._buffer(("wt", d), (m, d * b))
            wt[:, :k] = w.T
            wt[:, k:] = 0.0
            t = self._buffer(("tot", d), (n, d, b))  # written through a (d, n, b) view
            np.matmul(self.draw_values(s), wt.reshape(m, d, b).transpose(1, 0, 2),
                      out=t.transpose(1, 0, 2))
            t = t.reshape(n, d * b)
            return t if d * b == k else np.ascontiguousarray(t[:, :k])
        return np.ascontiguousarray(np.concatenate(
            [np.asarray(self.score(self._at(s[i]), w[i * b:(i + 1) * b]), dtype=float)
             for i in range(d)]).T)

    def at_weights(self, s: FloatArray, wc: FloatArray) -> FloatArray:
        """Totals (n, d * c): column (i, j) is score draw i under weight vector wc[j]."""
        if self.linear:
            t = self.draw_values(s) @ wc.T  # (d, n, c)
        else:
            t = np.stack([np.asarray(self.score(self._at(x), wc), dtype=float).T for x in s])
        return np.ascontiguousarray(t.transpose(1, 0, 2).reshape(s.shape[1], -1))


def _single_thread_matmul(a: FloatArray, b: FloatArray, out: FloatArray | None) -> FloatArray:
    """``a @ b`` in column slices small enough that OpenBLAS stays on one thread
    (it threads above m*n*k = 4 * 65536): waking threads for a 13 x 12 x 16384 product
    costs more than it saves, and badly so on a busy machine."""
    if out is None:
        out = np.empty((a.shape[0], b.shape[1]))
    step = max(1, (1 << 18) // max(1, a.shape[0] * a.shape[1]))
    for i in range(0, b.shape[1], step):
        np.matmul(a, b[:, i:i + step], out=out[:, i:i + step])
    return out


def _probe_separable(problem: Problem, score: ScoreFn, eye: FloatArray) -> bool:
    """Does each option's value depend on its own scores only? Stack the problem with
    other rows (scale minima, maxima, pseudo-random scores) and compare."""
    n, m = problem.shape
    base = np.asarray(score(problem, eye), dtype=float)
    stack = problem.subset(np.tile(np.arange(n), 2))
    others = (np.broadcast_to(problem.lower, (n, m)), np.broadcast_to(problem.upper, (n, m)),
              np.random.default_rng(0).uniform(problem.lower, problem.upper, (n, m)))
    for other in others:
        got = score(replace(stack, scores=np.concatenate([problem.scores, other])), eye)
        if not np.allclose(np.asarray(got, dtype=float)[:, :n], base, rtol=0, atol=1e-12):
            return False
    return True


def _rng(seed: int, block: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block, stream)))


# --- the analysis -------------------------------------------------------------------

def smaa(problem: Problem, score: ScoreFn, *, samples: int = 10_000, seed: int = 0,
         weights: WeightModel | None = None, score_uncertainty: bool = False,
         chunk: int = 65_536, progress: Callable[[int, int], None] | None = None,
         linear: bool = False, separable: bool | None = None, score_batch: int = 32,
         score_distribution: Distribution = "triangular",
         confidence_draws: int = 20_000) -> SmaaResult:
    """SMAA-2 of ``problem`` under the method ``score`` (see the module docstring).

    ``weights``: a :class:`~appraisal.analysis.sampling.WeightModel` over the leaf
    criteria (default uniform on the simplex). ``linear``: the method is linear in the
    weights (pass ``Method.linear_in_weights``) for the fast path; any method works
    without it. ``chunk``: samples between ``progress(done, total)`` calls (whole
    blocks); ``total`` counts the confidence pass too when scores are uncertain. Memory
    is bounded by the block size, not by ``samples``.
    """
    n, m = problem.shape
    if n == 0:
        raise UsageError("SMAA needs at least one option")
    if min(samples, chunk, score_batch, confidence_draws) < 1 or seed < 0:
        raise UsageError("samples, chunk, score_batch and confidence_draws must be "
                         "positive and the seed non-negative")
    model = weights if weights is not None else UniformSimplex(m)
    if model.m != m:
        raise UsageError(f"the weight model has {model.m} criteria; the problem has {m}")
    ev = _Evaluator(problem, score, linear, separable, score_distribution)
    b = score_batch if score_uncertainty else 1
    tally = _Tally(n, m)
    blocks = -(-samples // BLOCK)
    every = max(1, -(-chunk // BLOCK))
    second = min(samples, -(-confidence_draws // (BLOCK // b)) * BLOCK)
    total = samples + (second if score_uncertainty else 0)

    def report(i: int, done: int) -> None:
        if progress is not None and ((i + 1) % every == 0 or i == blocks - 1):
            progress(min(done, total), total)

    for i in range(blocks):
        k = min(BLOCK, samples - i * BLOCK)
        buf = tally.buffers(k)
        w = model.sample(_rng(seed, i, 0), k, out=buf["w"])
        if score_uncertainty:
            t = ev.with_scores(ev.draw(_rng(seed, i, 1), -(-k // b)), w, b)
        else:
            t = ev.weights_only(w, out=buf["t"])
        tally.add(t, w)
        report(i, i * BLOCK + k)

    acc = tally.acceptability(samples)
    firsts = acc[:, 0] * samples
    has = firsts > 0
    central = np.full((n, m), np.nan)
    central[has] = tally.central[has] / firsts[has, None]
    who = np.flatnonzero(has)
    confidence = np.full(n, np.nan)
    if not score_uncertainty:
        confidence[who] = _first_share(ev.weights_only(central[who]), who)
    else:
        hits, draws = np.zeros(who.size), 0
        for i in range(blocks):
            if draws >= confidence_draws:
                break
            k = min(BLOCK, samples - i * BLOCK)
            s = ev.draw(_rng(seed, i, 1), -(-k // b))
            share = _first_share(ev.at_weights(s, central[who]), np.tile(who, s.shape[0]))
            hits += share.reshape(s.shape[0], who.size).sum(axis=0)
            draws += s.shape[0]
            report(i, samples + i * BLOCK + k)
        confidence[who] = hits / draws
        if progress is not None:
            progress(total, total)
    dist = ("triangular on low..high with mode at the score" if score_distribution ==
            "triangular" else "uniform on low..high")
    return SmaaResult(
        option_ids=problem.option_ids, criterion_ids=problem.criterion_ids,
        samples=samples, seed=seed, acceptability=acc, central_weights=central,
        confidence=confidence, pairwise=tally.pair / samples,
        weight_model=model.describe(),
        score_model=(f"scores drawn {dist}, one draw per {b} weight draw"
                     f"{'s' if b != 1 else ''}" if score_uncertainty
                     else "scores fixed at their stated values"),
        score_batch=b)
