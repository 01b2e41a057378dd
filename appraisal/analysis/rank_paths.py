"""The rank of every option along a one-way sweep, as a matrix a chart can draw: one
row per option followed, one column per stretch of the sweep between change points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.problem import FloatArray, IntArray
from .sweeps import Sweep


@dataclass(frozen=True, kw_only=True)
class RankPaths:
    """``options`` (ids) and their ``ranks`` (options x stretches) along a sweep; an
    option outside the places followed holds rank ``below`` (one past the last place).
    ``edges`` are the stretches' ends as shares of the total weight (stretches + 1)."""

    options: tuple[str, ...]
    ranks: IntArray
    edges: FloatArray
    below: int


def rank_paths(sweep: Sweep, option_ids: Sequence[str]) -> RankPaths:
    """The ranks along ``sweep`` of the options of ``option_ids`` (the short list, in
    input order): every option when the sweep follows every place, else the options
    that reach the places followed, in the order they first appear."""
    segs = sweep.segments
    below = sweep.places + 1
    order = list(dict.fromkeys(o for seg in segs for o in seg.order)) if (
        sweep.places < len(option_ids)) else list(option_ids)
    ranks = np.array([[dict(zip(seg.order, seg.ranks, strict=True)).get(o, below)
                       for seg in segs] for o in order], dtype=np.intp)
    edges = np.array([seg.start * sweep.parent_weight for seg in segs]
                     + [segs[-1].end * sweep.parent_weight])
    return RankPaths(options=tuple(order), ranks=ranks, edges=edges, below=below)
