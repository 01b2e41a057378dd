"""Builders shared by the tests: problems as arrays, and appraisals as YAML text.

Arrays (:func:`make_tree`, :func:`make_problem`, the strategy :data:`PROBLEMS`): a
:class:`~appraisal.core.problem.Problem` straight from a scores matrix, without YAML.
Defaults, unless a keyword says otherwise:

- options ``o0, o1, ...`` named ``O0, O1, ...``, without numbers;
- tree nodes (criteria) ``c0, c1, ...`` named ``C0, C1, ...``, flat (every criterion at
  the top), raw weight 1 each; with ``parents`` the nodes are in depth-first order and
  the leaves (nodes without children) are the matrix's columns in tree order;
- a 0..5 scale on every criterion, benefit criteria (higher is better), no gates, and
  each score's range ``low``..``high`` the score itself (no uncertainty);
- ``Problem.weights`` are the leaf weights the raw weights give through the tree
  (:meth:`~appraisal.core.problem.CriteriaTree.leaf_weights`: they sum to 1).

YAML (:func:`criterion`, :func:`option`, :func:`scenario`, :func:`appraisal_yaml`): the
flow style people write by hand, one criterion or option a line (a group of criteria in
block style, its members a line each), so tests can still edit the text
(``text.replace("weight: 3}", ...)``) and error messages keep their line and column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import yaml
from hypothesis import strategies as st

from appraisal.core.problem import CriteriaTree, Problem

SCALE = (0.0, 5.0)
"""The scale of every criterion unless a test gives another."""


def make_tree(parents: Sequence[int] | None = None,
              raw: Sequence[float] | np.ndarray | None = None, *, m: int | None = None,
              ids: Sequence[str] | None = None, names: Sequence[str] | None = None,
              weight_ranges: Sequence[tuple[float, float] | None] = ()) -> CriteriaTree:
    """A criteria tree.

    ``parents``: each node's parent index, -1 at the top, in depth-first order (parents
    before children); default flat, with one node per raw weight or ``m`` nodes.
    ``raw``: one raw weight per node (default 1 each). Nodes without children are the
    leaves, numbered as matrix columns in tree order. ``ids``/``names`` default to
    ``c0, c1, ...``/``C0, C1, ...``; ``weight_ranges``: the board's stated (low, high)
    raw weight per node, None where none (default none stated).
    """
    if parents is None:
        k = len(raw) if raw is not None else m
        if k is None:
            raise ValueError("make_tree needs parents, raw weights or m")
        parents = [-1] * k
    parent = np.array(parents, dtype=np.intp)
    k = len(parent)
    has_child = np.isin(np.arange(k), parent)
    cols = np.full(k, -1, dtype=np.intp)
    cols[~has_child] = np.arange(int((~has_child).sum()))
    weights = np.ones(k) if raw is None else np.asarray(raw, dtype=float)
    if weights.shape != (k,):
        raise ValueError(f"{k} nodes but raw weights of shape {weights.shape}")
    return CriteriaTree(
        ids=tuple(ids) if ids is not None else tuple(f"c{q}" for q in range(k)),
        names=tuple(names) if names is not None else tuple(f"C{q}" for q in range(k)),
        parent=parent, raw_weight=weights, leaf_column=cols,
        weight_ranges=tuple(weight_ranges))


def make_problem(scores: Sequence[Sequence[float]] | np.ndarray,
                 raw: Sequence[float] | np.ndarray | None = None, *,
                 parents: Sequence[int] | None = None, tree: CriteriaTree | None = None,
                 benefit: Sequence[bool] | np.ndarray | None = None,
                 scale: tuple[float, float] = SCALE,
                 low: np.ndarray | None = None, high: np.ndarray | None = None,
                 gates: Sequence[float] | np.ndarray | None = None,
                 weight_ranges: Sequence[tuple[float, float] | None] = (),
                 option_ids: Sequence[str] | None = None,
                 option_names: Sequence[str] | None = None,
                 option_numbers: Sequence[int | None] = (),
                 criteria_set: str = "") -> Problem:
    """A problem of ``n`` options (rows of ``scores``) on ``m`` leaf criteria (columns).

    ``raw``: raw weights, one per tree node (per criterion when flat), normalised
    through the tree into ``Problem.weights``; default 1 each. The tree is ``tree`` when
    given, else :func:`make_tree` of ``parents`` (default flat), ``raw`` and
    ``weight_ranges``. ``benefit``: per criterion, False for a cost criterion (default
    all benefit). ``scale``: (lower, upper) of every criterion. ``low``/``high``: each
    score's range (default the score). ``gates``: the worst acceptable score per
    criterion, NaN for none (default none). ``option_ids``/``option_names`` default to
    ``o0, o1, ...``/``O0, O1, ...``.
    """
    s = np.asarray(scores, dtype=float)
    n, m = s.shape
    if tree is None:
        tree = make_tree(parents, raw, m=m, weight_ranges=weight_ranges)
    elif raw is not None or parents is not None or weight_ranges:
        raise ValueError("give either a tree or its parents, raw weights and ranges")
    leaves = np.flatnonzero(tree.leaf_column >= 0)
    if len(leaves) != m:
        raise ValueError(f"the tree has {len(leaves)} leaves; the scores {m} columns")
    return Problem(
        option_ids=tuple(option_ids) if option_ids is not None
        else tuple(f"o{i}" for i in range(n)),
        option_names=tuple(option_names) if option_names is not None
        else tuple(f"O{i}" for i in range(n)),
        criterion_ids=tuple(tree.ids[q] for q in leaves),
        criterion_names=tuple(tree.names[q] for q in leaves), scores=s,
        low=s if low is None else np.asarray(low, dtype=float),
        high=s if high is None else np.asarray(high, dtype=float),
        lower=np.full(m, float(scale[0])), upper=np.full(m, float(scale[1])),
        benefit=np.ones(m, dtype=bool) if benefit is None else np.asarray(benefit, dtype=bool),
        gate=np.full(m, np.nan) if gates is None else np.asarray(gates, dtype=float),
        weights=tree.leaf_weights(), tree=tree, option_numbers=tuple(option_numbers),
        criteria_set=criteria_set)


PROBLEMS = st.builds(
    lambda n, m, seed: make_problem(
        np.random.default_rng(seed).uniform(0, 5, (n, m)).round(3),
        np.random.default_rng(seed + 1).uniform(0.1, 3, m),
        benefit=np.random.default_rng(seed + 2).random(m) < 0.7),
    st.integers(2, 6), st.integers(2, 5), st.integers(0, 10_000))
"""Random flat problems: 2-6 options, 2-5 criteria on the 0..5 scale (scores to three
decimals), raw weights 0.1..3, about 70% benefit criteria."""


# --- appraisals as YAML text ---------------------------------------------------------


def criterion(id: str, weight: float | None = None, *, name: str | None = None,
              **fields: Any) -> dict[str, Any]:
    """One criterion of :func:`appraisal_yaml`: ``id``, ``name`` (default the id in
    capitals), ``weight`` when given, then any other field (``direction="cost"``,
    ``weight_range=[1, 4]``, ``gate=1``, ``criteria=[...]`` for a group)."""
    out: dict[str, Any] = {"id": id, "name": id.upper() if name is None else name}
    if weight is not None:
        out["weight"] = weight
    return out | fields


def option(id: str, scores: Mapping[str, Any], *, name: str | None = None,
           **fields: Any) -> dict[str, Any]:
    """One option of :func:`appraisal_yaml`: ``id``, ``name`` (default the id in
    capitals), any other field, then its ``scores`` (criterion id -> score)."""
    return {"id": id, "name": id.upper() if name is None else name, **fields,
            "scores": dict(scores)}


def scenario(id: str, weights: Mapping[str, float], *, name: str | None = None,
             **fields: Any) -> dict[str, Any]:
    """One scenario of :func:`appraisal_yaml`: ``id``, ``name`` (default the id),
    ``weights`` (criterion id -> raw weight), then any other field."""
    return {"id": id, "name": id if name is None else name, "weights": dict(weights),
            **fields}


def _flow(value: Any) -> str:
    """``value`` in YAML flow style on one line (``{id: a, scores: {q: 1}}``)."""
    text = yaml.safe_dump([value], default_flow_style=True, sort_keys=False,
                          allow_unicode=True, width=10**9).strip()
    return text[1:-1]  # without the list around it


def _items(items: Sequence[Mapping[str, Any]], indent: int) -> list[str]:
    """A list of mappings, one a line in flow style; a mapping holding a list of
    mappings (a group of criteria) in block style, its list indented under it."""
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        nested = {k for k, v in item.items() if isinstance(v, list) and v
                  and all(isinstance(x, Mapping) for x in v)}
        if not nested:
            lines.append(f"{pad}- {_flow(dict(item))}")
            continue
        for q, (key, value) in enumerate(item.items()):
            lead = f"{pad}- " if q == 0 else f"{pad}  "
            if key in nested:
                lines.append(f"{lead}{key}:")
                lines.extend(_items(value, indent + 4))
            else:
                lines.append(f"{lead}{key}: {_flow(value)}")
    return lines


def appraisal_yaml(title: str, criteria: Sequence[Mapping[str, Any]],
                   options: Sequence[Mapping[str, Any]], *,
                   scale: tuple[float, float] | None = None,
                   scenarios: Sequence[Mapping[str, Any]] = ()) -> str:
    """A single-file appraisal: ``title``, ``scale`` (when given, ``{min, max}``), the
    ``criteria`` (from :func:`criterion`), the ``scenarios`` (from :func:`scenario`) and
    the ``options`` (from :func:`option`), in that order."""
    lines = [f"title: {_flow(title)}"]
    if scale is not None:
        lines.append(f"scale: {_flow({'min': scale[0], 'max': scale[1]})}")
    lines += ["criteria:", *_items(criteria, 2)]
    if scenarios:
        lines += ["scenarios:", *_items(scenarios, 2)]
    lines += ["options:", *_items(options, 2)]
    return "\n".join(lines) + "\n"
