"""Exact uniform samplers of weight vectors for Monte Carlo / SMAA.

Every model draws ``k`` weight vectors as a (k, m) array whose rows are on the simplex
(non-negative, summing to 1), uniformly over the region the model allows, using only
the :class:`numpy.random.Generator` it is given (so results are seeded and repeatable).

- :class:`UniformSimplex`: the whole simplex. Normalised standard exponentials are
  Dirichlet(1, ..., 1), i.e. uniform on the simplex (Devroye, *Non-Uniform Random
  Variate Generation*, 1986, ch. V.2 and XI.4; Rubinstein, *Simulation and the Monte
  Carlo Method*, 1981, s. 3.5.5). Cheaper than sorting uniforms (no per-sample sort).
- :class:`OrdinalWeights`: a ranking of criteria, ``w[a] >= w[b] >= ...``. The ordered
  region is itself a simplex with vertices ``v_g = (1/g, ..., 1/g, 0, ..., 0)``; a
  Dirichlet(1) combination of a simplex's vertices is uniform on it (affine maps keep
  uniformity), so no sorting and no rejection. This has the same distribution as the
  "sort a uniform sample" method of Tervonen & Lahdelma (2007) "Implementing stochastic
  multicriteria acceptability analysis", EJOR 178(2):500-513, s. 3.2.
- :class:`WeightRanges`: bounds ``low <= w <= high`` on each normalised weight. Exact
  rejection from the best of three proposals whose acceptance is computed *exactly* in
  advance (inclusion-exclusion volume of the box-cut simplex, integer arithmetic); if
  even the best is below ``floor``, the box is split recursively into sub-boxes, each
  sampled in proportion to its exact volume (a mixture of exact samplers is exact). See
  :class:`BoxSimplex`. Rejection therefore never stalls: expected proposals per sample is
  at most ``1 / floor``. Tervonen et al. (2013) EJOR 224(3):552-559 describe why naive
  rejection fails and use hit-and-run instead, which is only asymptotically uniform.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from ..compile import FloatArray
from ..errors import UsageError


@runtime_checkable
class WeightModel(Protocol):
    """A distribution of weight vectors on the simplex."""

    @property
    def m(self) -> int:
        """Number of (leaf) criteria."""
        ...

    def sample(self, rng: np.random.Generator, k: int,
               out: FloatArray | None = None) -> FloatArray:
        """``k`` weight vectors, shape (k, m), rows on the simplex; written into ``out``
        (a (k, m) array, ideally the transpose of a C-contiguous (m, k) one) if given."""
        ...

    def describe(self) -> str:
        """A plain-English description of the distribution."""
        ...


def _uniform_simplex(rng: np.random.Generator, k: int, m: int,
                     out: FloatArray | None = None) -> FloatArray:
    """Dirichlet(1, ..., 1) rows via normalised standard exponentials (Devroye 1986)."""
    e = np.empty((m, k)) if out is None or not out.T.flags.c_contiguous else out.T
    rng.standard_exponential(out=e)  # criteria-major: the sums below are fast
    e /= e.sum(axis=0)
    if out is not None and out.T is not e:
        out[...] = e.T
        return out
    return e.T


def _into(w: FloatArray, out: FloatArray | None) -> FloatArray:
    if out is None:
        return w
    out[...] = w
    return out


class UniformSimplex:
    """Weights uniform on the whole simplex (no information about the weights)."""

    def __init__(self, m: int) -> None:
        if m < 1:
            raise UsageError("need at least one criterion to sample weights")
        self._m = int(m)

    @property
    def m(self) -> int:
        return self._m

    def sample(self, rng: np.random.Generator, k: int,
               out: FloatArray | None = None) -> FloatArray:
        return _uniform_simplex(rng, k, self._m, out)

    def describe(self) -> str:
        return (f"weights uniform on the simplex of {self._m} criteria "
                "(every weighting equally likely; normalised exponentials)")


class OrdinalWeights:
    """Weights uniform on the region allowed by a ranking of the criteria.

    ``order`` lists criterion indices from most to least important. An item may be a
    group (a tuple of indices): criteria in a group are *equally* important and get
    equal weights (a weak ranking, as a total preorder read as ``w_a = w_b``). Each
    group's weight is >= the next group's; every criterion appears exactly once.
    Sampling: uniform on the simplex spanned by the vertices ``v_g`` (the first g
    groups share the weight equally), see the module docstring.
    """

    def __init__(self, order: Sequence[int | Sequence[int]], m: int | None = None) -> None:
        groups = [tuple(int(i) for i in g) if isinstance(g, Sequence) else (int(g),)
                  for g in order]
        flat = [i for g in groups for i in g]
        size = len(flat) if m is None else int(m)
        if any(len(g) == 0 for g in groups) or sorted(flat) != list(range(size)):
            raise UsageError(f"an ordinal ranking must list each of the {size} criteria "
                             f"(indices 0..{size - 1}) exactly once; got {list(order)}")
        self._m = size
        self.groups = tuple(groups)
        cum = np.cumsum([len(g) for g in groups])
        # column g of `share` is vertex v_g's weight per criterion of each group <= g
        self._cum = cum.astype(float)
        self._group_of = np.empty(size, dtype=np.intp)
        for h, g in enumerate(groups):
            self._group_of[list(g)] = h

    @property
    def m(self) -> int:
        return self._m

    def sample(self, rng: np.random.Generator, k: int,
               out: FloatArray | None = None) -> FloatArray:
        lam = _uniform_simplex(rng, k, len(self.groups))
        # weight per criterion of group h = sum_{g >= h} lam_g / cum_g (reverse cumsum)
        per = np.cumsum((lam / self._cum)[:, ::-1], axis=1)[:, ::-1]
        return _into(per[:, self._group_of], out)

    def describe(self) -> str:
        parts = [" = ".join(f"#{i}" for i in g) for g in self.groups]
        return ("weights uniform over all weightings that respect the ranking "
                + " >= ".join(parts) + " (criterion indices; '=' means equal weights)")


class WeightRanges:
    """Weights uniform on ``{w : sum w = 1, low <= w <= high}`` (per leaf criterion).

    ``floor`` is the smallest acceptance probability allowed for a rejection step
    before the box is split (see the module docstring); ``max_pieces`` bounds the
    split. Bounds are rounded to multiples of 2**-52 so the volumes are exact integers.
    """

    def __init__(self, low: Sequence[float] | FloatArray, high: Sequence[float] | FloatArray,
                 *, floor: float = 0.05, max_pieces: int = 4096) -> None:
        lo = np.asarray(low, dtype=float)
        hi = np.asarray(high, dtype=float)
        if lo.shape != hi.shape or lo.ndim != 1 or lo.size == 0:
            raise UsageError("weight ranges need one low and one high bound per criterion")
        if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi))
                and np.all(lo >= 0) and np.all(hi <= 1) and np.all(lo <= hi)):
            raise UsageError("weight ranges must satisfy 0 <= low <= high <= 1 for every "
                             "criterion")
        if sum(_quantise(lo)) > _Q or sum(_quantise(hi)) < _Q:
            raise UsageError(f"no weighting fits these ranges: the lows sum to "
                             f"{lo.sum():.4g} and the highs to {hi.sum():.4g}; the lows "
                             "must sum to at most 1 and the highs to at least 1")
        self.low, self.high = lo, hi
        self.pieces = _partition(_quantise(lo), _quantise(hi), floor, max_pieces)
        total = sum(b.volume for b in self.pieces)
        self._p = np.array([b.volume / total for b in self.pieces])
        self._p /= self._p.sum()

    @property
    def m(self) -> int:
        return int(self.low.size)

    @property
    def acceptance(self) -> float:
        """Volume-weighted acceptance probability of the rejection steps."""
        return float(sum(p * b.acceptance for p, b in zip(self._p, self.pieces, strict=True)))

    def sample(self, rng: np.random.Generator, k: int,
               out: FloatArray | None = None) -> FloatArray:
        if len(self.pieces) == 1:
            return _into(self.pieces[0].sample(rng, k), out)
        counts = rng.multinomial(k, self._p)
        w = np.concatenate([b.sample(rng, int(c))
                            for b, c in zip(self.pieces, counts, strict=True)])
        return _into(w[rng.permutation(k)], out)

    def describe(self) -> str:
        spans = ", ".join(f"{a:.3g}-{b:.3g}" for a, b in zip(self.low, self.high, strict=True))
        return (f"weights uniform over all weightings within the ranges [{spans}] "
                f"(exact rejection sampling, acceptance {self.acceptance:.0%}, "
                f"{len(self.pieces)} piece{'s' if len(self.pieces) != 1 else ''})")


# --- exact sampling on a box-cut simplex -------------------------------------------

_Q = 1 << 52
"""Bounds are integers in units of 2**-52, so volumes are exact integers."""


def _quantise(x: FloatArray) -> list[int]:
    return [round(float(v) * _Q) for v in x]


def _cut_volume(total: int, caps: Sequence[int], d: int) -> int:
    """d! * Q**d * (d-volume of {x >= 0, x <= caps, sum x = total}), projected.

    Inclusion-exclusion over the caps (the classical formula for bounded uniform
    spacings; Feller, *An Introduction to Probability Theory*, vol. II, 1971, I.9):
    ``sum_S (-1)^|S| (total - caps_S)_+^d``, enumerating only subsets with
    ``caps_S < total`` (the others contribute 0). Exact integer arithmetic.
    """
    ws = sorted(caps, reverse=True)
    acc = 0
    stack = [(0, 0, 1)]
    while stack:
        i, s, sign = stack.pop()
        acc += sign * (total - s) ** d
        stack.extend((j + 1, s + ws[j], -sign) for j in range(i, len(ws))
                     if s + ws[j] < total)
    return acc


class BoxSimplex:
    """Uniform sampling on ``{w : sum w = 1, lo <= w <= hi}`` (bounds in units of 2**-52)
    by exact rejection from the best of three proposals, for x = w - lo with
    ``sum x = T`` and caps ``c = hi - lo``:

    - ``simplex``: x = T * Dirichlet(1); accept if x <= c.
    - ``reflected``: y = (sum c - T) * Dirichlet(1), x = c - y; accept if y <= c.
    - ``box``: x_j ~ U(0, c_j) except the widest j*, x_j* = T - sum; accept if
      0 <= x_j* <= c_j* (projection along j* has constant Jacobian, so uniform).

    Each acceptance is ``volume / proposal volume``, computed exactly.
    """

    def __init__(self, lo: list[int], hi: list[int]) -> None:
        self.lo, self.hi = lo, hi
        total = _Q - sum(lo)
        self.free = [j for j in range(len(lo)) if hi[j] > lo[j]]
        caps = [min(hi[j] - lo[j], total) for j in self.free]
        self.total, self.caps = total, caps
        d = len(self.free) - 1
        if d <= 0 or total == 0 or total >= sum(caps):
            # a single point: nothing free, or the plane touches the box at a corner
            point = [float(v) for v in lo] if total == 0 or d < 0 else [float(v) for v in hi]
            if d == 0 and total < sum(caps):
                point[self.free[0]] += total
            self._point = np.array(point) / _Q
            self.volume, self.acceptance, self.proposal = 1, 1.0, "point"
            return
        self.volume = _cut_volume(total, caps, d)
        widest = max(range(len(caps)), key=caps.__getitem__)
        box = math.factorial(d) * math.prod(c for i, c in enumerate(caps) if i != widest)
        refl = sum(caps) - total
        choices = {"simplex": self.volume / total ** d,
                   "reflected": self.volume / refl ** d if refl > 0 else 0.0,
                   "box": self.volume / box}
        self.proposal = max(choices, key=choices.__getitem__)
        self.acceptance = choices[self.proposal]
        self._widest = widest

    def _propose(self, rng: np.random.Generator, k: int) -> FloatArray:
        t, c = self.total / _Q, np.array(self.caps) / _Q
        if self.proposal == "simplex":
            return t * _uniform_simplex(rng, k, c.size)
        if self.proposal == "reflected":
            y: FloatArray = c - (c.sum() - t) * _uniform_simplex(rng, k, c.size)
            return y
        x = rng.random((k, c.size)) * c
        x[:, self._widest] = 0.0
        x[:, self._widest] = t - x.sum(axis=1)
        return x

    def sample(self, rng: np.random.Generator, k: int) -> FloatArray:
        if self.proposal == "point":
            return np.tile(self._point, (k, 1))
        out = np.tile(np.array(self.lo, dtype=float) / _Q, (k, 1))
        c = np.array(self.caps) / _Q
        got: list[FloatArray] = []
        need = k
        while need > 0:
            x = self._propose(rng, min(int(need / self.acceptance * 1.1) + 16, 1 << 20))
            x = x[np.all((x >= 0) & (x <= c), axis=1)][:need]
            got.append(x)
            need -= x.shape[0]
        out[:, self.free] += np.concatenate(got) if got else 0.0
        return out


def _partition(lo: list[int], hi: list[int], floor: float,
               max_pieces: int) -> tuple[BoxSimplex, ...]:
    """Split the box at the midpoint of its widest free side until every piece's best
    acceptance is at least ``floor``; zero-volume pieces are dropped. The pieces tile
    the region, so choosing one in proportion to its exact volume and sampling it
    uniformly is exactly uniform on the whole."""
    todo, done = [BoxSimplex(lo, hi)], []
    while todo:
        piece = todo.pop()
        if piece.acceptance >= floor or piece.proposal == "point":
            done.append(piece)
        else:
            j = piece.free[max(range(len(piece.caps)), key=piece.caps.__getitem__)]
            mid = (piece.lo[j] + min(piece.hi[j], piece.lo[j] + piece.total)) // 2
            for a, b in ((piece.lo[j], mid), (mid, piece.hi[j])):
                sub_lo = [*piece.lo[:j], a, *piece.lo[j + 1:]]
                if sum(sub_lo) >= _Q:
                    continue  # empty or a single point: measure zero
                sub = BoxSimplex(sub_lo, [*piece.hi[:j], b, *piece.hi[j + 1:]])
                if sub.proposal != "point" and sub.volume > 0:
                    todo.append(sub)
        if len(todo) + len(done) > max_pieces:
            raise UsageError(f"these weight ranges are too narrow to sample exactly "
                             f"within {max_pieces} pieces; widen them")
    return tuple(done)
