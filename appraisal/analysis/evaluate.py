"""Totals of Monte Carlo draws: weight draws alone, or with score draws.

Score draws: each score from a triangular distribution on its ``low``..``high`` range
with mode at the stated score (Kotz & van Dorp (2004) *Beyond Beta*, ch. 1), or
uniform on the range. A method linear in the weights is evaluated once per score draw
at the simplex vertices and then by matrix products; a method whose totals for an
option depend on that option's scores only (``separable``, probed when not stated) has
its score draws stacked into one call.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import numpy as np

from ..core.problem import FloatArray, Problem
from ..errors import UsageError
from ..methods import Method, ScoreFn
from .kernels import single_thread_matmul

Distribution = Literal["triangular", "uniform"]

_STACK = 1024
"""Score draws evaluated per call of a separable linear method."""


class Evaluator:
    """Totals (n, k) for weight draws, with or without score draws."""

    def __init__(self, problem: Problem, method: Method, separable: bool | None,
                 distribution: Distribution) -> None:
        self.problem, self.score, self.linear = problem, method.score, method.linear_in_weights
        self.eye = np.eye(problem.shape[1])
        self.values = (np.ascontiguousarray(self.score(problem, self.eye).T)
                       if self.linear else None)
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
        """Totals (n, k) for weight draws ``w`` (k, m) at the stated scores."""
        if self.values is not None:
            return single_thread_matmul(self.values, np.ascontiguousarray(w.T), out)
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
            self._separable = probe_separable(self.problem, self.score, self.eye)
        return self._separable

    def with_scores(self, s: FloatArray, w: FloatArray, b: int,
                    values: FloatArray | None = None) -> FloatArray:
        """Totals (n, k): score draw d pairs with weight rows d*b .. d*b + b - 1;
        ``values`` are :meth:`draw_values` of ``s`` when already made."""
        d, k = s.shape[0], w.shape[0]
        if self.linear:
            n, m = self.problem.shape
            wt = self._buffer(("wt", d), (m, d * b))
            wt[:, :k] = w.T
            wt[:, k:] = 0.0
            t = self._buffer(("tot", d), (n, d, b))  # written through a (d, n, b) view
            vals = self.draw_values(s) if values is None else values
            np.matmul(vals, wt.reshape(m, d, b).transpose(1, 0, 2), out=t.transpose(1, 0, 2))
            t = t.reshape(n, d * b)
            return t if d * b == k else np.ascontiguousarray(t[:, :k])
        return np.ascontiguousarray(np.concatenate(
            [np.asarray(self.score(self._at(s[i]), w[i * b:(i + 1) * b]), dtype=float)
             for i in range(d)]).T)

    def at_weights(self, s: FloatArray, wc: FloatArray,
                   values: FloatArray | None = None) -> FloatArray:
        """Totals (n, d * c): column (i, j) is score draw i under weight vector wc[j]
        (``values``: :meth:`draw_values` of ``s`` when already made)."""
        if self.linear:
            t = (self.draw_values(s) if values is None else values) @ wc.T  # (d, n, c)
        else:
            t = np.stack([np.asarray(self.score(self._at(x), wc), dtype=float).T for x in s])
        return np.ascontiguousarray(t.transpose(1, 0, 2).reshape(s.shape[1], -1))


def probe_separable(problem: Problem, score: ScoreFn, eye: FloatArray) -> bool:
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
