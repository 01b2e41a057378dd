"""Pareto dominance (value scale); near-ties are tests/test_closeness.py."""

from __future__ import annotations

import numpy as np
from builders import PROBLEMS, make_problem
from conftest import WEIGHTED_SUM
from hypothesis import given, settings

from appraisal.analysis.dominance import dominance
from appraisal.core.problem import Problem

SCORE = WEIGHTED_SUM.score


def test_cost_criteria_are_inverted_and_graph_is_reduced() -> None:
    # c1 is a cost: lower is better. o0 > o1 > o2 on both; o3 incomparable.
    scores = np.array([[5.0, 1.0], [4.0, 2.0], [3.0, 3.0], [0.0, 0.0]])
    p = make_problem(scores, benefit=[True, False])
    d = dominance(p, SCORE(p, p.weights))
    assert set(d.edges) == {("o0", "o1"), ("o0", "o2"), ("o1", "o2")}
    assert set(d.reduced_edges) == {("o0", "o1"), ("o1", "o2")}
    assert d.dominated == {"o1": ("o0",), "o2": ("o0", "o1")}
    g = d.graph()
    import networkx as nx

    assert set(nx.transitive_reduction(nx.DiGraph(list(d.edges))).edges) == set(g.edges)
    assert set(g.nodes) == set(p.option_ids)


@settings(max_examples=30, deadline=None)
@given(PROBLEMS)
def test_reduction_agrees_with_networkx(problem: Problem) -> None:
    import networkx as nx

    d = dominance(problem, SCORE(problem, problem.weights))
    full = nx.DiGraph()
    full.add_nodes_from(problem.option_ids)
    full.add_edges_from(d.edges)
    assert set(nx.transitive_reduction(full).edges) == set(d.reduced_edges)
