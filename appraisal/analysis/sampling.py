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

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from ..core.problem import FloatArray
from ..errors import UsageError
from .boxsimplex import Q, partition, quantise, uniform_simplex


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


def into(w: FloatArray, out: FloatArray | None) -> FloatArray:
    """``w`` written into ``out`` when one is given (the samplers' output buffer)."""
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
        return uniform_simplex(rng, k, self._m, out)

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
        lam = uniform_simplex(rng, k, len(self.groups))
        # weight per criterion of group h = sum_{g >= h} lam_g / cum_g (reverse cumsum)
        per = np.cumsum((lam / self._cum)[:, ::-1], axis=1)[:, ::-1]
        return into(per[:, self._group_of], out)

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
        if sum(quantise(lo)) > Q or sum(quantise(hi)) < Q:
            raise UsageError(f"no weighting fits these ranges: the lows sum to "
                             f"{lo.sum():.4g} and the highs to {hi.sum():.4g}; the lows "
                             "must sum to at most 1 and the highs to at least 1")
        self.low, self.high = lo, hi
        self.pieces = partition(quantise(lo), quantise(hi), floor, max_pieces)
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
            return into(self.pieces[0].sample(rng, k), out)
        counts = rng.multinomial(k, self._p)
        w = np.concatenate([b.sample(rng, int(c))
                            for b, c in zip(self.pieces, counts, strict=True)])
        return into(w[rng.permutation(k)], out)

    def describe(self) -> str:
        spans = ", ".join(f"{a:.3g}-{b:.3g}" for a, b in zip(self.low, self.high, strict=True))
        return (f"weights uniform over all weightings within the ranges [{spans}] "
                f"(exact rejection sampling, acceptance {self.acceptance:.0%}, "
                f"{len(self.pieces)} piece{'s' if len(self.pieces) != 1 else ''})")
