"""The numeric paths of the sensitivity analyses, under a method genuinely not linear in
the weights: the weighted product (tests/weighted_product.py).

Each analysis is compared with an independent brute force written here, which computes
the totals as plain products of powers and moves the weights as the sweeps document
(the swept node's local share t, its siblings sharing 1 - t in their proportions):

- one-way sweeps and their change points: a dense grid of the swept share;
- stability intervals and the headline weight switch: a dense grid from the base
  weight outwards;
- score switching values: each score scanned over a fine grid of its scale;
- weight distances: not offered for a non-linear method (``available`` is False);
- SMAA: the same weight draws (the model and ``smaa.block_rng``) ranked by a plain
  loop, exactly; with score uncertainty, independent draws within a stated tolerance;
- the members' views and ``sensitivity.analyse`` end to end.

Because log P_i = sum_j w_j log v_ij is affine along a sweep, two options swap at most
once there, at a point known in closed form; the sweep and switching tests check the
analyses against that too, far more tightly than a grid can.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from builders import make_problem
from hypothesis import given, settings
from hypothesis import strategies as st
from weighted_product import FLOOR, WEIGHTED_PRODUCT

from appraisal.analysis.distance import weight_distances
from appraisal.analysis.members import MembersHull, Person, analyse_members, members_box
from appraisal.analysis.ranking import rank_problem
from appraisal.analysis.sampling import UniformSimplex, WeightModel
from appraisal.analysis.score_switching import score_switching
from appraisal.analysis.sensitivity import analyse
from appraisal.analysis.smaa import BLOCK, block_rng, smaa
from appraisal.analysis.sweeps import END, sweep, sweepable_nodes
from appraisal.analysis.treeweights import TreeWeights
from appraisal.analysis.weight_switching import weight_switching
from appraisal.core.problem import CriteriaTree, Problem
from appraisal.core.screening import passes
from appraisal.input.compile import compile_problem
from appraisal.input.models import Appraisal

WP = WEIGHTED_PRODUCT
TIE = 1e-9  # the library's tie tolerance on totals (core.ordering.TIE_TOLERANCE)
BAND = 1e-12  # the band of its numeric paths ("first" means >= the others, to this)
GRID = 20_001  # brute-force grid points on a share 0..1

TREES = {  # two-level trees (parents in depth-first order), and flat ones
    3: [[-1, -1, -1], [-1, -1, 1, 1]],
    4: [[-1, -1, -1, -1], [-1, -1, 1, 1, -1], [-1, 0, 0, -1, 3, 3]],
    5: [[-1, -1, -1, -1, -1], [-1, -1, 1, 1, 1, -1], [-1, 0, 0, -1, 3, 3, 3]],
}


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """3-5 options on 3-5 criteria (0..5 scale, three decimals, some costs), flat or in
    two levels, with random raw weights."""
    n, m = draw(st.integers(3, 5)), draw(st.integers(3, 5))
    parents = draw(st.sampled_from(TREES[m]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return make_problem(rng.uniform(0, 5, (n, m)).round(3),
                        rng.uniform(0.2, 3, len(parents)).round(2), parents=parents,
                        benefit=rng.random(m) < 0.7)


# --- the brute force ---------------------------------------------------------------


def product_totals(p: Problem, w: np.ndarray, scores: np.ndarray | None = None) -> np.ndarray:
    """prod_j v_ij ** w_j by hand: w (m,) -> (n,), (k, m) -> (k, n); ``scores`` may be
    (..., n, m) score matrices, giving (..., n) totals for weights (m,)."""
    s = p.scores if scores is None else scores
    linear = (s - p.lower) / (p.upper - p.lower)
    v = FLOOR + (1 - FLOOR) * np.where(p.benefit, linear, 1 - linear)
    w = np.asarray(w, dtype=float)
    if scores is not None:
        return np.prod(v ** w, axis=-1)
    return np.prod(v[None] ** w[:, None, :], axis=2) if w.ndim == 2 else np.prod(v ** w, axis=1)


def path_weights(tree: CriteriaTree, node: str, t: np.ndarray) -> np.ndarray:
    """Leaf weights (len(t), m) with ``node``'s local share at each t, its siblings
    keeping their proportions (module docstring of analysis.sweeps), each leaf's weight
    the product of the local shares from the top down to it."""
    parent = list(tree.parent)
    raw = tree.raw_weight
    nodes = range(len(parent))
    local = np.array([raw[q] / sum(raw[s] for s in nodes if parent[s] == parent[q])
                      for q in nodes])
    k = tree.ids.index(node)
    sibs = [s for s in nodes if parent[s] == parent[k] and s != k]
    rest = sum(local[s] for s in sibs)
    t = np.atleast_1d(np.asarray(t, dtype=float))
    loc = np.tile(local, (len(t), 1))
    loc[:, k] = t
    for s in sibs:
        loc[:, s] = (1 - t) * (local[s] / rest if rest > 0 else 1 / len(sibs))
    leaves = [q for q in nodes if tree.leaf_column[q] >= 0]
    out = np.ones((len(t), len(leaves)))
    for q in leaves:
        a = q
        while a >= 0:
            out[:, tree.leaf_column[q]] *= loc[:, a]
            a = parent[a]
    return out


def node_weight(tree: CriteriaTree, node: str, t: float) -> float:
    """The node's share of the total weight (its leaves' sum) at local share t."""
    k = tree.ids.index(node)
    under = [q for q in range(len(tree.ids)) if tree.leaf_column[q] >= 0
             and (q == k or k in _ancestors(tree, q))]
    w = path_weights(tree, node, np.array([t]))[0]
    return float(sum(w[tree.leaf_column[q]] for q in under))


def _ancestors(tree: CriteriaTree, q: int) -> list[int]:
    out = []
    while tree.parent[q] >= 0:
        q = int(tree.parent[q])
        out.append(q)
    return out


def ranks(t: np.ndarray) -> np.ndarray:
    """Competition ranks by counting: 1 + the options more than TIE above."""
    return 1 + (t[..., None, :] > t[..., :, None] + TIE).sum(axis=-1)


def log_line(p: Problem, node: str, lead: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(a, d) with log totals a + t d along the sweep of ``node`` (closed form)."""
    ends = path_weights(p.tree, node, np.array([0.0, 1.0]))
    logs = np.log(product_totals(p, ends))
    return logs[0], logs[1] - logs[0]


def leader(p: Problem) -> int:
    return int(np.argmax(product_totals(p, p.weights)))


def clear_leader(p: Problem) -> bool:
    t = np.sort(product_totals(p, p.weights))
    return bool(t[-1] - t[-2] > 1e-6)


# --- the method itself --------------------------------------------------------------


def test_the_method_is_a_product_of_powers_and_not_linear() -> None:
    p = make_problem([[5, 0, 2.5], [1, 4, 3], [2, 2, 2]], benefit=[True, True, False])
    w = np.array([0.5, 0.3, 0.2])
    np.testing.assert_allclose(WP.score(p, w), product_totals(p, w), rtol=1e-13)
    # option 0: values 1, 0.1 and 0.55 (a cost of 2.5 on 0..5): 1 * 0.1**0.3 * 0.55**0.2
    assert WP.score(p, w)[0] == pytest.approx(0.1 ** 0.3 * 0.55 ** 0.2, rel=1e-14)
    many = np.random.default_rng(1).dirichlet(np.ones(3), 7)
    assert WP.score(p, many).shape == (7, 3)
    np.testing.assert_allclose(WP.score(p, many), product_totals(p, many), rtol=1e-13)
    a, b = np.eye(3)[0], np.eye(3)[1]
    assert abs(WP.score(p, (a + b) / 2)[0] - (WP.score(p, a)[0] + WP.score(p, b)[0]) / 2) > 0.1
    assert not WP.linear_in_weights and WP.values is None and WP.contributions is None


# --- sweeps --------------------------------------------------------------------------


def check_sweeps(p: Problem) -> None:
    t = np.linspace(0, 1, GRID)
    for node in sweepable_nodes(p.tree):
        s = sweep(p, WP, node)
        assert not s.exact
        tot = product_totals(p, path_weights(p.tree, node, t))
        a, d = log_line(p, node)
        expected = []
        for i in range(p.shape[0]):
            for j in range(i + 1, p.shape[0]):
                diff = tot[:, i] - tot[:, j]
                sign = np.sign(np.where(np.abs(diff) > 1e-10, diff, 0.0))
                nz = np.flatnonzero(sign)
                flips = nz[1:][sign[nz[1:]] != sign[nz[:-1]]]  # grid points just after
                if d[i] == d[j]:
                    assert not len(flips)
                    continue
                cross = (a[j] - a[i]) / (d[i] - d[j])  # the closed form, log-linear
                if not END < cross < 1 - END:
                    continue
                assert len(flips) == 1 and t[flips[0] - 1] - 1e-9 <= cross <= t[flips[0]] + 1e-9
                rises, falls = (i, j) if d[i] > d[j] else (j, i)
                expected.append((cross, p.option_ids[rises], p.option_ids[falls]))
        got = sorted((c.share, c.rises, c.falls) for c in s.change_points)
        expected.sort()
        assert [(r, f) for _, r, f in got] == [(r, f) for _, r, f in expected], node
        for (share, *_), (cross, *_) in zip(got, expected, strict=True):
            assert share == pytest.approx(cross, abs=1e-9)
        for c in s.change_points:
            assert c.weight == pytest.approx(s.parent_weight * c.share, abs=1e-15)
        for seg in s.segments:  # the ranking on each stretch, at its middle
            mid = product_totals(p, path_weights(p.tree, node, (seg.start + seg.end) / 2))[0]
            r = ranks(mid)
            order = sorted(range(p.shape[0]), key=lambda i: (r[i], i))
            assert seg.order == tuple(p.option_ids[i] for i in order)
            assert seg.ranks == tuple(int(r[i]) for i in order)
        assert s.segments[0].start == 0.0 and s.segments[-1].end == 1.0


@settings(max_examples=12, deadline=None)
@given(problems())
def test_sweeps_match_a_dense_grid_and_the_closed_form(p: Problem) -> None:
    check_sweeps(p)


def test_sweeps_on_a_two_level_tree() -> None:
    """c0 (top), c1 (group) -> c2, c3; c4 (top): four leaves, four options, a cost."""
    p = make_problem([[4.5, 1.0, 2.0, 3.0], [2.0, 4.0, 3.5, 1.0], [3.0, 3.0, 3.0, 3.0],
                      [1.0, 4.5, 0.5, 4.0]], [2, 3, 1, 2, 1], parents=[-1, -1, 1, 1, -1],
                     benefit=[True, True, True, False])
    check_sweeps(p)
    assert sum(len(sweep(p, WP, n).change_points) for n in sweepable_nodes(p.tree)) >= 4


def test_sweeps_on_the_example(example: Appraisal) -> None:
    p = compile_problem(example)
    check_sweeps(p.subset(passes(p)))


# --- weight switching ----------------------------------------------------------------


def brute_end(p: Problem, node: str, lead: int, t0: float, end: float,
              ) -> tuple[float, tuple[str, ...], float]:
    """From the base share t0 towards ``end``: the first grid point where the leader is
    no longer first, who leads there, and the grid step (end and () if never)."""
    t = np.linspace(t0, end, GRID)
    tot = product_totals(p, path_weights(p.tree, node, t))
    others = np.delete(tot, lead, axis=1).max(axis=1)
    lost = np.flatnonzero(tot[:, lead] < others - BAND)
    step = abs(end - t0) / (GRID - 1)
    if not len(lost):
        return end, (), step
    row = tot[lost[0]].copy()
    row[lead] = -np.inf
    who = tuple(p.option_ids[c] for c in np.flatnonzero(row >= row.max() - BAND))
    return float(t[lost[0]]), who, step


def check_weight_switching(p: Problem) -> None:
    lead = leader(p)
    ws = weight_switching(p, WP, lead)
    assert not ws.exact and ws.leader == p.option_ids[lead]
    rooms = []
    for iv in ws.intervals:
        a, d = log_line(p, iv.node_id)
        roots = {j: (a[lead] - a[j]) / (d[j] - d[lead]) for j in range(p.shape[0])
                 if j != lead and d[j] != d[lead]}
        up = [r for j, r in roots.items() if d[j] > d[lead] and iv.base_share <= r < 1 - END]
        down = [r for j, r in roots.items() if d[j] < d[lead] and END < r <= iv.base_share]
        assert iv.high_share == pytest.approx(min(up, default=1.0), abs=1e-8)
        assert iv.low_share == pytest.approx(max(down, default=0.0), abs=1e-8)
        base = node_weight(p.tree, iv.node_id, iv.base_share)
        assert iv.base_weight == pytest.approx(base, abs=1e-12)
        for end, share, weight, who in ((1.0, iv.high_share, iv.high_weight, iv.above),
                                        (0.0, iv.low_share, iv.low_weight, iv.below)):
            found, brute_who, step = brute_end(p, iv.node_id, lead, iv.base_share, end)
            assert abs(share - found) <= step + 1e-9, (iv.node_id, end)
            assert who == brute_who
            assert weight == pytest.approx(node_weight(p.tree, iv.node_id, share), abs=1e-12)
            if who:
                rooms.append((abs(weight - base), iv.node_id))
    if not rooms:
        assert ws.headline is None
        return
    least = min(r for r, _ in rooms)
    assert ws.headline is not None
    assert ws.headline.change_points == pytest.approx(least, abs=1e-12)
    assert ws.headline.node_id in {node for r, node in rooms if r <= least + 1e-12}


@settings(max_examples=12, deadline=None)
@given(problems())
def test_stability_intervals_match_a_dense_grid_and_the_closed_form(p: Problem) -> None:
    if clear_leader(p):
        check_weight_switching(p)


def test_weight_switching_on_the_example(example: Appraisal) -> None:
    p = compile_problem(example)
    check_weight_switching(p.subset(passes(p)))


# --- score switching -----------------------------------------------------------------


def check_score_switching(p: Problem) -> None:
    lead = leader(p)
    totals = product_totals(p, p.weights)
    sw = score_switching(p, WP, WP.score(p, p.weights), lead)
    assert not sw.exact and sw.leader == p.option_ids[lead]
    n, m = p.shape
    grid = np.linspace(p.lower[0], p.upper[0], 2001)  # every scale is 0..5 here
    step = grid[1] - grid[0]
    second = np.delete(totals, lead).max()
    runner = tuple(p.option_ids[c] for c in range(n)
                   if c != lead and totals[c] >= second - BAND)
    for q, s in enumerate(sw.switches):
        i, j = divmod(q, m)
        assert (s.option_id, s.criterion_id) == (p.option_ids[i], p.criterion_ids[j])
        # the closed form: option i's total is T_i (v / v0) ** w_j as its value moves
        target = second if i == lead else totals[lead]
        v0 = FLOOR + (1 - FLOOR) * ((p.scores[i, j] - p.lower[j]) / (p.upper[j] - p.lower[j])
                                    if p.benefit[j] else
                                    (p.upper[j] - p.scores[i, j]) / (p.upper[j] - p.lower[j]))
        w = p.weights[j]
        v = v0 * (target / totals[i]) ** (1 / w) if w > 0 else np.nan
        lin = (v - FLOOR) / (1 - FLOOR)
        x = p.lower[j] + (lin if p.benefit[j] else 1 - lin) * (p.upper[j] - p.lower[j])
        # the brute force: the score over a fine grid of its scale, every total by hand
        scores = np.repeat(p.scores[None], len(grid), axis=0)
        scores[:, i, j] = grid
        tot = product_totals(p, p.weights, scores)
        lost = grid[tot[:, lead] < np.delete(tot, lead, axis=1).max(axis=1) - BAND]
        if s.change is None:
            assert not len(lost) and not (0 < lin < 1 and w > 0), (i, j)
            continue
        assert s.switching_score == pytest.approx(x, abs=1e-9), (i, j)
        nearest = lost[np.argmin(np.abs(lost - p.scores[i, j]))]
        assert np.sign(nearest - p.scores[i, j]) == np.sign(s.change)
        assert abs(nearest - s.switching_score) <= step + 1e-9
        assert s.new_leader == (runner if i == lead else (p.option_ids[i],))
        assert s.scale_share == pytest.approx(abs(s.change) / 5.0)


@settings(max_examples=12, deadline=None)
@given(problems())
def test_score_switching_matches_a_scan_of_each_score(p: Problem) -> None:
    if clear_leader(p):
        check_score_switching(p)


def test_score_switching_on_a_fixed_problem() -> None:
    p = make_problem([[4.0, 2.0, 3.0], [3.0, 4.0, 1.5], [2.5, 2.5, 4.5], [1.0, 1.0, 1.0]],
                     [3, 2, 1], benefit=[True, True, False])
    check_score_switching(p)
    sw = score_switching(p, WP, WP.score(p, p.weights), leader(p))
    assert sum(s.change is not None for s in sw.switches) >= 4
    assert any(s.change is None for s in sw.switches)  # option 3 is far behind


# --- weight distances ----------------------------------------------------------------


def test_weight_distances_are_not_offered_for_a_non_linear_method() -> None:
    """The linear programmes need totals linear in the weights: for the weighted product
    the analysis says it is not available rather than answer for a weighted sum."""
    p = make_problem([[4.0, 0.0], [0.0, 4.0]], [3, 2])
    d = weight_distances(p, WP, 0.02)
    assert not d.available and d.options == () and d.margin == 0.02
    assert d.never_first == () and d.never_clearly_first == ()


# --- SMAA ----------------------------------------------------------------------------


def same_draws(model: WeightModel, samples: int, seed: int) -> Iterator[np.ndarray]:
    """The weight draws of a run: block b from ``block_rng(seed, b, 0)``."""
    for b in range(-(-samples // BLOCK)):
        yield model.sample(block_rng(seed, b, 0), min(BLOCK, samples - b * BLOCK))


def plain_smaa(p: Problem, model: WeightModel, samples: int, seed: int,
               ) -> dict[str, np.ndarray]:
    """Rank acceptabilities, pairwise winning shares, central weights and confidence
    factors by a plain loop over the same draws (no ties occur in these problems)."""
    n, m = p.shape
    acc, pair, central = np.zeros((n, n)), np.zeros((n, n)), np.zeros((n, m))
    for w in same_draws(model, samples, seed):
        tot = product_totals(p, w)
        for s in range(len(w)):
            r = ranks(tot[s])
            assert sorted(r) == list(range(1, n + 1))  # no ties
            acc[np.arange(n), r - 1] += 1
            central[int(np.argmin(r))] += w[s]
            pair += tot[s][:, None] > tot[s][None, :] + TIE
    firsts = acc[:, 0]
    cw = np.full((n, m), np.nan)
    cw[firsts > 0] = central[firsts > 0] / firsts[firsts > 0, None]
    conf = np.full(n, np.nan)
    for i in np.flatnonzero(firsts > 0):
        conf[i] = float(np.argmax(product_totals(p, cw[i])) == i)
    return {"acceptability": acc / samples, "pairwise": pair / samples,
            "central_weights": cw, "confidence": conf, "joint_first": firsts / samples}


SMAA_FLAT = make_problem([[4.5, 1.0, 2.0], [2.0, 4.0, 3.5], [3.0, 3.2, 2.9], [1.0, 4.6, 0.5]],
                         benefit=[True, True, False])
SMAA_TREE = make_problem([[4.5, 1.0, 2.0, 3.0], [2.0, 4.0, 3.5, 1.0], [3.0, 3.1, 2.9, 3.3],
                          [1.0, 4.5, 0.5, 4.0], [2.2, 2.4, 4.1, 2.6]], [2, 3, 1, 2, 1],
                         parents=[-1, -1, 1, 1, -1])


@pytest.mark.parametrize(("p", "model", "samples"), [
    (SMAA_FLAT, UniformSimplex(3), 3000),
    (SMAA_TREE, TreeWeights(SMAA_TREE.tree), BLOCK + 1500),  # two blocks
], ids=["flat-uniform", "tree-two-blocks"])
def test_smaa_equals_a_plain_loop_over_the_same_draws(p: Problem, model: WeightModel,
                                                      samples: int) -> None:
    r = smaa(p, WP, samples=samples, seed=7, weights=model)
    want = plain_smaa(p, model, samples, 7)
    for field, expected in want.items():
        np.testing.assert_allclose(getattr(r, field), expected, rtol=0, atol=1e-12,
                                   err_msg=field)
    assert len({round(float(x), 3) for x in r.acceptability[:, 0]}) > 2  # not degenerate


def test_smaa_with_uncertain_scores_agrees_with_independent_draws() -> None:
    """Each weight draw with its own score draw (triangular on low..high, mode at the
    score): the library's shares and a plain simulation with other random numbers agree
    within 5 standard errors of their difference, sqrt(2 p (1 - p) / N)."""
    p = replace(SMAA_FLAT, low=np.clip(SMAA_FLAT.scores - 1.0, 0, 5),
                high=np.clip(SMAA_FLAT.scores + 0.8, 0, 5))
    n, samples = p.shape[0], 8000
    r = smaa(p, WP, samples=samples, seed=3, score_uncertainty=True)
    rng = np.random.default_rng(12345)
    w = rng.dirichlet(np.ones(3), samples)
    s = rng.triangular(p.low, p.scores, p.high, (samples, *p.shape))
    tot = np.prod((FLOOR + (1 - FLOOR) * np.where(p.benefit, s / 5, 1 - s / 5))
                  ** w[:, None, :], axis=2)
    acc = np.zeros((n, n))
    for row in ranks(tot):
        acc[np.arange(n), row - 1] += 1 / samples
    tolerance = 5 * np.sqrt(2 * acc * (1 - acc) / samples) + 1e-9
    assert np.all(np.abs(r.acceptability - acc) <= tolerance)
    fixed = smaa(SMAA_FLAT, WP, samples=samples, seed=3)
    assert np.abs(r.acceptability - fixed.acceptability).max() > 0.02  # the scores matter
    assert np.all((r.confidence[~np.isnan(r.confidence)] >= 0)
                  & (r.confidence[~np.isnan(r.confidence)] <= 1))


# --- the members' views --------------------------------------------------------------


def test_members_views_and_their_span() -> None:
    p = make_problem([[5, 1, 2], [1, 5, 2], [3, 3, 3], [0, 0, 5]])
    members = np.array([[0.7, 0.2, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4]])
    board = np.ones(3) / 3
    who = [Person("a", "A"), Person("b", "B"), Person("c", "C")]
    result = analyse_members(p, WP, who, members, members.mean(axis=0), board,
                             {None: "arithmetic"}, samples=3000, seed=3)
    for view, w in zip((result.board, result.group, *result.members),
                       (board, members.mean(axis=0), *members), strict=True):
        totals = product_totals(p, w)
        np.testing.assert_allclose(view.totals, totals, rtol=1e-13)
        assert view.first == (p.option_ids[int(np.argmax(totals))],)
        np.testing.assert_array_equal(view.ranks, ranks(totals))
        assert view.shift is None and view.shift_to is None  # no linear programme
    assert [v.first for v in result.members] == [("o0",), ("o1",), ("o2",)]
    assert result.board.first == ("o2",)
    assert [v.member_id for v in result.changing] == ["a", "b"]
    assert result.hull is not None and result.box is not None
    for run, model in ((result.hull, MembersHull(members)), (result.box, members_box(members))):
        want = plain_smaa(p, model, 3000, 3)
        np.testing.assert_allclose(run.acceptability, want["acceptability"], atol=1e-12)
        np.testing.assert_allclose(run.pairwise, want["pairwise"], atol=1e-12)


# --- the whole sensitivity analysis --------------------------------------------------


@pytest.mark.parametrize("uncertain", [False, True], ids=["fixed-scores", "uncertain-scores"])
def test_analyse_end_to_end(uncertain: bool) -> None:
    p = replace(SMAA_TREE, low=np.clip(SMAA_TREE.scores - 0.5, 0, 5),
                high=np.clip(SMAA_TREE.scores + 0.5, 0, 5))
    ranking = rank_problem(p, WP)
    np.testing.assert_allclose(ranking.totals, product_totals(p, p.weights), rtol=1e-13)
    assert ranking.contributions is None
    s = analyse(ranking, WP, samples=2000, seed=1, score_uncertainty=uncertain)
    assert not s.exact and s.method == "weighted-product"
    assert s.leader == p.option_ids[leader(p)]
    assert all(not x.exact for x in s.sweeps) and len(s.sweeps) == 5
    assert not s.weight_switching.exact and not s.score_switching.exact
    assert not s.distances.available
    assert s.board is not None and s.anywhere is not None
    assert s.anywhere.acceptability.sum(axis=0) == pytest.approx(np.ones(5))
    assert s.summary is not None
    again = analyse(ranking, WP, samples=2000, seed=1, score_uncertainty=uncertain)
    assert again.anywhere is not None
    assert again.anywhere.acceptability.tobytes() == s.anywhere.acceptability.tobytes()


def test_analyse_the_example(example: Appraisal) -> None:
    ranking = rank_problem(compile_problem(example), WP)
    s = analyse(ranking, WP, samples=1000, seed=1, score_uncertainty=True)
    assert not s.exact and not s.distances.available
    assert s.leader == ranking.problem.option_ids[leader(ranking.problem)]
    assert s.weight_switching.headline is not None


# --- the paper of a non-linear method -------------------------------------------------


@pytest.fixture(scope="module")
def wp_paper(example: Appraisal) -> Iterator[str]:
    """The example's Markdown paper ranked by the weighted product (registered for the
    time of the fixture only)."""
    from appraisal.methods import METHODS
    from appraisal.pipeline import Request, run
    from appraisal.report.context import build_context
    from appraisal.report.markdown import render_markdown

    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(METHODS, WP.name, WP)
        result = run(example, Request(sensitivity=True, samples=500, seed=1,
                                      method=WP.name))
        yield render_markdown(build_context(result, date(2017, 12, 14)))


def test_the_paper_of_a_non_linear_method_is_written(wp_paper: str) -> None:
    assert "weighted product of linear values (tests only)" in wp_paper
    assert "found numerically (fine grid and bisection)" in wp_paper


def test_the_paper_does_not_call_a_product_a_weighted_sum(wp_paper: str) -> None:
    assert "A total is the weighted sum" not in wp_paper


def test_the_paper_does_not_call_numeric_score_switching_exact(wp_paper: str) -> None:
    assert "The switching value is exact" not in wp_paper


def test_the_method_statement_describes_only_analyses_made(wp_paper: str) -> None:
    assert "What would it take: the least change of the weights, by linear" not in wp_paper
