"""Competition ranking with a tie tolerance.

Ties follow standard competition ranking ("1224"): totals closer than
:data:`TIE_TOLERANCE` to their sorted neighbour share a rank (single linkage, so the
result is always a valid competition ranking), and the next rank skips accordingly.
"""

from __future__ import annotations

import numpy as np

from .problem import FloatArray, IntArray

TIE_TOLERANCE = 1e-9
"""Totals (on the 0..1 value scale) closer than this are reported as ties."""


def competition_ranks(totals: FloatArray, tol: float = TIE_TOLERANCE) -> IntArray:
    """Standard competition ranks (1, 2, 2, 4) of ``totals`` (higher is better) along the
    last axis. Sorted totals closer than ``tol`` to their neighbour form one tie group
    (single linkage), so the result is always a valid competition ranking."""
    t = np.asarray(totals, dtype=float)
    order = np.argsort(-t, axis=-1, kind="stable")
    st = np.take_along_axis(t, order, axis=-1)
    n = t.shape[-1]
    pos = np.broadcast_to(np.arange(n), t.shape)
    new_group = np.ones(t.shape, dtype=bool)
    new_group[..., 1:] = (st[..., :-1] - st[..., 1:]) > tol
    start = np.maximum.accumulate(np.where(new_group, pos, 0), axis=-1)
    ranks = np.empty(t.shape, dtype=np.intp)
    np.put_along_axis(ranks, order, start + 1, axis=-1)
    return ranks


def best_first(ranks: IntArray) -> IntArray:
    """Option indices ordered by rank, input order breaking ties (a stable order)."""
    r = np.asarray(ranks)
    return np.asarray(np.lexsort((np.arange(r.shape[-1]), r)), dtype=np.intp)
