"""Monte Carlo / SMAA-2: how often does each option take each rank?

Stochastic multicriteria acceptability analysis (Lahdelma & Salminen (2001) "SMAA-2:
Stochastic multicriteria acceptability analysis for group decision making", Operations
Research 49(3):444-454; computation as in Tervonen & Lahdelma (2007) EJOR 178:500-513).
For ``samples`` draws of weights (and, optionally, scores) it reports

- rank acceptability b_i^r: the share of draws in which option i takes rank r (every
  rank up to :data:`~appraisal.core.limits.DETAIL_OPTIONS` options; beyond, the first
  :data:`~appraisal.core.limits.TOP_PLACES` ranks, counted by sorting each draw);
- central weight vector w_i^c: the mean weight vector of the draws that make i first;
- confidence factor p_i^c: the share of score draws in which i is first when the
  weights are its central weights (without score uncertainty this is 1 or 0, or 1/g
  when i ties with g - 1 others for first there);
- pairwise winning probability: the share of draws in which i scores strictly above j
  (beyond :data:`~appraisal.core.limits.DETAIL_OPTIONS` options, among that many
  options best at the base weights; NaN for the other pairs).

**Ties** are shared as described in :mod:`.kernels` (which also holds the fast
counting and its plain reference implementation).

**Scores.** With ``score_uncertainty`` each score is drawn as in :mod:`.evaluate`
(triangular on ``low``..``high`` with mode at the stated score, or uniform). Each
weight draw has its own score draw, so the draws are independent (the effective sample
size is the number of draws) and every share is binomial, with standard error
sqrt(p (1 - p) / N) (:meth:`SmaaResult.standard_error`). (Sharing one score draw among
several weight draws would be faster but correlates the draws: an earlier version
did so and overstated its precision up to elevenfold in variance.) Confidence factors
reuse the first score draws (``confidence_draws``, at least 20,000 or all of them) in a
second pass.

**Speed and determinism.** Draws come in fixed blocks of :data:`BLOCK`; block b uses the
generators ``SeedSequence(seed, spawn_key=(b, 0))`` (weights) and ``(b, 1)`` (scores),
so results are the same bytes whatever the ``chunk`` size. A method linear in the
weights is evaluated once at the simplex vertices and then by matrix products;
``separable`` says an option's total depends on its own scores only, so score draws can
be stacked into one call (``None``: probe the score function once to find out).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from ..core.limits import DETAIL_OPTIONS, TOP_PLACES
from ..core.problem import FloatArray, Problem
from ..errors import UsageError
from ..methods import Method
from .evaluate import Distribution, Evaluator
from .kernels import Tally, TopTally, first_share
from .sampling import UniformSimplex, WeightModel

BLOCK = 16_384
"""Samples per random-number block (the unit of the seeded stream)."""

__all__ = ["BLOCK", "Run", "SmaaResult", "smaa", "smaa_runs"]


@dataclass(frozen=True)
class Run:
    """One run of :func:`smaa_runs`: the weight ``model`` to draw from, and whether the
    run computes confidence factors (``confidence``; without, they are NaN)."""

    model: WeightModel
    confidence: bool = True


@dataclass(frozen=True, kw_only=True)
class SmaaResult:
    """SMAA-2 results; arrays are indexed like the problem's options and criteria."""

    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    samples: int
    seed: int
    acceptability: FloatArray  # (n, places): share of draws with option i at rank r
    central_weights: FloatArray  # (n, m); NaN rows where first-rank acceptability is 0
    confidence: FloatArray  # (n,); NaN where there is no central weight vector
    pairwise: FloatArray  # (n, n): P(option i scores strictly above option j); NaN = not kept
    weight_model: str
    score_model: str
    places: int = 0  # the ranks followed: all n up to DETAIL_OPTIONS options, else TOP_PLACES
    joint_first: FloatArray | None = None  # (n,): share of draws first or jointly first
    confidence_draws: int = 0  # score draws behind each confidence factor

    def within(self, places: int) -> FloatArray:
        """Each option's share of the draws in which it takes one of the first
        ``places`` ranks (the sum of its first ``places`` rank acceptabilities)."""
        return np.asarray(self.acceptability[:, :places].sum(axis=1), dtype=float)

    @property
    def first_shares(self) -> FloatArray:
        """Each option's share of the draws in which it is first or jointly first (the
        first-rank acceptability where ties at the top were not counted apart)."""
        return self.joint_first if self.joint_first is not None else self.acceptability[:, 0]

    @property
    def tied_first(self) -> bool:
        """Whether any draw had a tie for first place."""
        return self.joint_first is not None and bool(
            np.any(self.joint_first > self.acceptability[:, 0] + 1e-12))

    def standard_error(self, share: float | FloatArray) -> FloatArray:
        """The standard error of a share of the draws: sqrt(p (1 - p) / N). Each weight
        draw has its own score draw, so the draws are independent and the share is
        binomial."""
        p = np.asarray(share, dtype=float)
        return np.asarray(np.sqrt(p * (1 - p) / (self.samples * 1.0)), dtype=float)


def block_rng(seed: int, block: int, stream: int) -> np.random.Generator:
    """The generator of one block's weights (stream 0) or scores (stream 1)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block, stream)))


def smaa(problem: Problem, method: Method, *, samples: int = 10_000, seed: int = 0,
         weights: WeightModel | None = None, score_uncertainty: bool = False,
         chunk: int = 65_536, progress: Callable[[int, int], None] | None = None,
         separable: bool | None = None,
         score_distribution: Distribution = "triangular",
         confidence_draws: int = 20_000) -> SmaaResult:
    """SMAA-2 of ``problem`` under ``method`` (see the module docstring).

    ``weights``: a :class:`~appraisal.analysis.sampling.WeightModel` over the leaf
    criteria (default uniform on the simplex). ``chunk``: samples between
    ``progress(done, total)`` calls (whole blocks); ``total`` counts the confidence pass
    too when scores are uncertain. Memory is bounded by the block size, not by
    ``samples``.
    """
    model = weights if weights is not None else UniformSimplex(problem.shape[1])
    return smaa_runs(problem, method, {"run": Run(model)}, samples=samples, seed=seed,
                     score_uncertainty=score_uncertainty, chunk=chunk, progress=progress,
                     separable=separable, score_distribution=score_distribution,
                     confidence_draws=confidence_draws)["run"]


def smaa_runs(problem: Problem, method: Method, runs: Mapping[str, Run], *,
              samples: int = 10_000, seed: int = 0, score_uncertainty: bool = False,
              chunk: int = 65_536, progress: Callable[[int, int], None] | None = None,
              separable: bool | None = None,
              score_distribution: Distribution = "triangular",
              confidence_draws: int = 20_000) -> dict[str, SmaaResult]:
    """:func:`smaa` under several named runs at once (``runs``: name -> :class:`Run`),
    returning each run's result under its name, in the order given. Each run's results
    are exactly those of :func:`smaa` with the same seed, but each block's score draws
    (and a linear method's values for them) are made once and shared by all the runs."""
    names = list(runs)
    models = [runs[k].model for k in names]
    wanted = [runs[k].confidence for k in names]
    n, m = problem.shape
    if n == 0:
        raise UsageError("SMAA needs at least one option")
    if min(samples, chunk, confidence_draws) < 1 or seed < 0:
        raise UsageError("samples, chunk and confidence_draws must be "
                         "positive and the seed non-negative")
    for model in models:
        if model.m != m:
            raise UsageError(f"the weight model has {model.m} criteria; the problem has {m}")
    ev = Evaluator(problem, method, separable, score_distribution)
    tallies: list[Tally | TopTally]
    if n <= DETAIL_OPTIONS:
        tallies, places = [Tally(n, m) for _ in models], n
    else:  # many options: the first places, and pairwise shares among the best at base
        base = np.asarray(method.score(problem, problem.weights), dtype=float)
        watched = np.sort(np.argsort(-base, kind="stable")[:DETAIL_OPTIONS])
        tallies, places = [TopTally(n, m, TOP_PLACES, watched) for _ in models], TOP_PLACES
    blocks = -(-samples // BLOCK)
    every = max(1, -(-chunk // BLOCK))
    second = min(samples, -(-confidence_draws // BLOCK) * BLOCK)
    n_runs = len(models)
    total = n_runs * samples + (second * sum(wanted) if score_uncertainty else 0)

    def report(i: int, done: int) -> None:
        if progress is not None and ((i + 1) % every == 0 or i == blocks - 1):
            progress(min(done, total), total)

    for i in range(blocks):
        k = min(BLOCK, samples - i * BLOCK)
        drawn = ev.draw(block_rng(seed, i, 1), k) if score_uncertainty else None
        values = ev.draw_values(drawn) if drawn is not None and ev.linear else None
        for model, tally in zip(models, tallies, strict=True):
            buf = tally.buffers(k)
            w = model.sample(block_rng(seed, i, 0), k, out=buf["w"])
            if drawn is None:
                t = ev.weights_only(w, out=buf["t"])
            else:
                t = ev.with_scores(drawn, w, 1, values=values)
            tally.add(t, w)
        report(i, n_runs * (i * BLOCK + k))

    counts = [tally.counts() for tally in tallies]
    central, who = [], []
    for c in counts:
        firsts = c.acceptability[:, 0] * samples
        has = firsts > 0
        cw = np.full((n, m), np.nan)
        cw[has] = c.central_sums[has] / firsts[has, None]
        central.append(cw)
        who.append(np.flatnonzero(has))
    conf = [np.full(n, np.nan) for _ in models]
    draws = 0
    if not score_uncertainty:
        for r in range(n_runs):
            if wanted[r]:
                conf[r][who[r]] = first_share(ev.weights_only(central[r][who[r]]), who[r])
    elif any(wanted):
        hits = [np.zeros(x.size) for x in who]
        for i in range(blocks):
            if draws >= confidence_draws:
                break
            k = min(BLOCK, samples - i * BLOCK)
            drawn = ev.draw(block_rng(seed, i, 1), k)
            values = ev.draw_values(drawn) if ev.linear else None
            for r in range(n_runs):
                if wanted[r]:
                    share = first_share(ev.at_weights(drawn, central[r][who[r]], values=values),
                                        np.tile(who[r], drawn.shape[0]))
                    hits[r] += share.reshape(drawn.shape[0], who[r].size).sum(axis=0)
            draws += drawn.shape[0]
            report(i, n_runs * samples + sum(wanted) * (i * BLOCK + k))
        for r in range(n_runs):
            if wanted[r]:
                conf[r][who[r]] = hits[r] / draws
        if progress is not None:
            progress(total, total)
    dist = ("triangular on low..high with mode at the score" if score_distribution ==
            "triangular" else "uniform on low..high")
    return {names[r]: SmaaResult(
        option_ids=problem.option_ids, criterion_ids=problem.criterion_ids,
        samples=samples, seed=seed, acceptability=c.acceptability, central_weights=central[r],
        confidence=conf[r], pairwise=c.pairwise, weight_model=models[r].describe(),
        score_model=(f"scores drawn {dist}, one draw per weight draw" if score_uncertainty
                     else "scores fixed at their stated values"),
        places=places, joint_first=c.joint_first,
        confidence_draws=draws if score_uncertainty and wanted[r] else 0)
        for r, c in enumerate(counts)}
