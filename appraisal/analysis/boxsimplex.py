"""Exact uniform sampling on a simplex cut by a box, ``{w : sum w = 1, lo <= w <= hi}``.

Bounds are quantised to integers in units of 2**-52 so that volumes are exact integers
(inclusion-exclusion, :func:`cut_volume`); :class:`BoxSimplex` samples one box by exact
rejection from the best of three proposals, and :func:`partition` splits a box whose
best acceptance is too low into pieces sampled in proportion to their exact volumes.
Used by :class:`~appraisal.analysis.sampling.WeightRanges`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..core.problem import FloatArray
from ..errors import UsageError


def uniform_simplex(rng: np.random.Generator, k: int, m: int,
                     out: FloatArray | None = None) -> FloatArray:
    """Dirichlet(1, ..., 1) rows via normalised standard exponentials (Devroye 1986)."""
    e = np.empty((m, k)) if out is None or not out.T.flags.c_contiguous else out.T
    rng.standard_exponential(out=e)  # criteria-major: the sums below are fast
    e /= e.sum(axis=0)
    if out is not None and out.T is not e:
        out[...] = e.T
        return out
    return e.T



Q = 1 << 52
"""Bounds are integers in units of 2**-52, so volumes are exact integers."""


def quantise(x: FloatArray) -> list[int]:
    return [round(float(v) * Q) for v in x]


def cut_volume(total: int, caps: Sequence[int], d: int) -> int:
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
        total = Q - sum(lo)
        self.free = [j for j in range(len(lo)) if hi[j] > lo[j]]
        caps = [min(hi[j] - lo[j], total) for j in self.free]
        self.total, self.caps = total, caps
        d = len(self.free) - 1
        if d <= 0 or total == 0 or total >= sum(caps):
            # a single point: nothing free, or the plane touches the box at a corner
            point = [float(v) for v in lo] if total == 0 or d < 0 else [float(v) for v in hi]
            if d == 0 and total < sum(caps):
                point[self.free[0]] += total
            self._point = np.array(point) / Q
            self.volume, self.acceptance, self.proposal = 1, 1.0, "point"
            return
        self.volume = cut_volume(total, caps, d)
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
        t, c = self.total / Q, np.array(self.caps) / Q
        if self.proposal == "simplex":
            return t * uniform_simplex(rng, k, c.size)
        if self.proposal == "reflected":
            y: FloatArray = c - (c.sum() - t) * uniform_simplex(rng, k, c.size)
            return y
        x = rng.random((k, c.size)) * c
        x[:, self._widest] = 0.0
        x[:, self._widest] = t - x.sum(axis=1)
        return x

    def sample(self, rng: np.random.Generator, k: int) -> FloatArray:
        if self.proposal == "point":
            return np.tile(self._point, (k, 1))
        out = np.tile(np.array(self.lo, dtype=float) / Q, (k, 1))
        c = np.array(self.caps) / Q
        got: list[FloatArray] = []
        need = k
        while need > 0:
            x = self._propose(rng, min(int(need / self.acceptance * 1.1) + 16, 1 << 20))
            x = x[np.all((x >= 0) & (x <= c), axis=1)][:need]
            got.append(x)
            need -= x.shape[0]
        out[:, self.free] += np.concatenate(got) if got else 0.0
        return out


def partition(lo: list[int], hi: list[int], floor: float,
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
                if sum(sub_lo) >= Q:
                    continue  # empty or a single point: measure zero
                sub = BoxSimplex(sub_lo, [*piece.hi[:j], b, *piece.hi[j + 1:]])
                if sub.proposal != "point" and sub.volume > 0:
                    todo.append(sub)
        if len(todo) + len(done) > max_pieces:
            raise UsageError(f"these weight ranges are too narrow to sample exactly "
                             f"within {max_pieces} pieces; widen them")
    return tuple(done)
