"""Rules on weighting blocks and members that need the criteria tree: each block weighs
an existing group, names each of its criteria once and nothing else, pairwise judgements
link every criterion; a criterion of a derived group carries no ``weight`` of its own;
members have unique ids and weigh an existing criteria set.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from ..core.elicitation import connected
from .diagnostics import did_you_mean
from .elicit import RECIPROCAL_TOLERANCE, SWING_TOP, GroupWeighting, Member, in_scale
from .models import CriteriaSet, Criterion, iter_criteria
from .parts import Found, Parts
from .yamlsource import PathKey, dotted, shorten


def _groups(cs: CriteriaSet) -> dict[str | None, tuple[Criterion, ...]]:
    """Each sibling group of the set's tree by parent id (None: the top level)."""
    out: dict[str | None, tuple[Criterion, ...]] = {None: cs.criteria}
    for node in iter_criteria(cs.criteria):
        if not node.is_leaf:
            out.setdefault(node.id, node.criteria)
    return out


def _names(block: GroupWeighting) -> list[tuple[PathKey, str]]:
    """Every criterion id a block names, with its path inside the block."""
    if block.method in ("swing", "points"):
        return [(("points", c), c) for c in block.points]
    if block.method == "ranking":
        return [(("ranking", t) if isinstance(block.ranking[t], str) else ("ranking", t, k), c)
                for t, tier in enumerate(block.tiers) for k, c in enumerate(tier)]
    if block.matrix:
        return [(("order", k), c) for k, c in enumerate(block.order)]
    out: list[tuple[PathKey, str]] = []
    for a, row in block.judgements.items():
        out.append((("judgements", a), a))
        out.extend((("judgements", a, b), b) for b in row)
    return out


def _block_rules(block: GroupWeighting, path: PathKey, cs: CriteriaSet,
                 groups: dict[str | None, tuple[Criterion, ...]]) -> Iterator[Found]:
    if block.group not in groups:
        parents = [g for g in groups if g is not None]
        yield (*path, "group"), (
            f"the id of a parent criterion of set '{cs.id}' ("
            + (", ".join(parents) or "it has none") + "), or no group for the top level"), \
            f"'{shorten(block.group or '')}'{did_you_mean(block.group or '', parents)}"
        return
    yield from _value_rules(block, path)
    children = [c.id for c in groups[block.group]]
    where = f"the criteria of {'the top level' if block.group is None else repr(block.group)}"
    named = _names(block)
    for sub, cid in named:
        if cid not in children:
            yield (*path, *sub), f"one of {where}: {', '.join(children)}", \
                f"'{shorten(cid)}'{did_you_mean(cid, children)}"
    if block.method == "pairwise" and not block.matrix:
        yield from _judgement_rules(block, path, children, where)
        return
    counted = [c for _, c in named]
    twice = sorted({c for c in counted if counted.count(c) > 1})
    if twice:
        yield (*path, _field(block)), f"each of {where} once", \
            "more than once: " + ", ".join(twice)
    missing = [c for c in children if c not in counted]
    if missing:
        yield (*path, _field(block)), f"every one of {where}", \
            "nothing for " + ", ".join(missing)


def _value_rules(block: GroupWeighting, path: PathKey) -> Iterator[Found]:
    """Points and judgements in range, a matrix reciprocal, each at its own place."""
    if block.method in ("swing", "points"):
        singles = []
        for cid, p in block.points.items():
            lo, hi = (p, p) if isinstance(p, (int, float)) else p
            if lo < 0:
                yield (*path, "points", cid), "points of 0 or more", f"{lo:g}"
            elif block.method == "swing" and hi > SWING_TOP:
                yield (*path, "points", cid), (
                    "swing points from 0 to 100 (100 for the largest swing)"), f"{hi:g}"
            if isinstance(p, (int, float)):
                singles.append(p)
        if block.method == "swing" and SWING_TOP not in singles and block.points:
            yield (*path, "points"), (
                "the largest swing given exactly 100 points (a single value, not a range)"), \
                f"no swing of 100 (largest {max(singles or [0]):g})"
        if all((p if isinstance(p, (int, float)) else p[1]) <= 0 for p in block.points.values()):
            yield (*path, "points"), "at least one criterion with points above 0", "all 0"
    for a, judged in block.judgements.items():
        for b, value in judged.items():
            if not in_scale(value):
                yield (*path, "judgements", a, b), \
                    "a judgement from 1/9 to 9 on Saaty's scale", f"{value:g}"
    rows = block.matrix
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            mirror = rows[j][i] if j < len(rows) else None
            where = (*path, "matrix", i, j)
            if v is None:
                if i == j:
                    yield where, "1 on the diagonal", "nothing"
                continue
            if not in_scale(v):
                yield where, "a judgement from 1/9 to 9 on Saaty's scale", f"{v:g}"
            elif i == j and abs(v - 1) > 1e-9:
                yield where, "1 on the diagonal", f"{v:g}"
            elif j > i and mirror is None:
                yield where, (f"a judgement at row {j + 1}, column {i + 1} too, its mirror "
                              "(or null in both)"), "nothing there"
            elif (j > i and mirror is not None and in_scale(mirror)
                  and abs(v * mirror - 1) > RECIPROCAL_TOLERANCE):
                yield where, (f"the reciprocal of row {j + 1}, column {i + 1} ({mirror:g}), "
                              f"i.e. {1 / mirror:.3g} (a reciprocal matrix: "
                              "a_ji = 1/a_ij)"), f"{v:g}"


def _field(block: GroupWeighting) -> str:
    return {"swing": "points", "points": "points", "ranking": "ranking"}.get(
        block.method, "order")


def _judgement_rules(block: GroupWeighting, path: PathKey, children: Sequence[str],
                     where: str) -> Iterator[Found]:
    index = {c: k for k, c in enumerate(children)}
    given = np.zeros((len(children), len(children)), dtype=bool)
    for a, row in block.judgements.items():
        for b in row:
            if a == b:
                yield (*path, "judgements", a, b), "a comparison of two different criteria", \
                    f"'{shorten(a)}' against itself"
            elif a in index and b in index:
                if given[index[a], index[b]]:
                    yield (*path, "judgements", a, b), "each pair judged once", \
                        f"'{shorten(a)}' against '{shorten(b)}' both ways"
                given[index[a], index[b]] = given[index[b], index[a]] = True
    if len(children) > 1 and not connected(given):
        reached, frontier = {0}, [0]
        while frontier:
            for j in np.flatnonzero(given[frontier.pop()]):
                if int(j) not in reached:
                    reached.add(int(j))
                    frontier.append(int(j))
        alone = [c for c in children if not given[index[c]].any()]
        cut = next(k for k in range(len(children)) if k not in reached)
        what = ("no judgement for " + ", ".join(alone)) if alone else (
            f"judgements in separate sets (nothing links {children[0]} to {children[cut]})")
        yield (*path, "judgements"), (
            f"judgements linking every one of {where}, directly or through others "
            "(a complete set, or at least a chain)"), what


def _derived_weight_rules(cs: CriteriaSet, set_path: PathKey) -> Iterator[Found]:
    """A criterion whose group is derived gives no weight of its own."""
    derived = {b.group for b in cs.weighting}

    def walk(nodes: tuple[Criterion, ...], base: PathKey, group: str | None) -> Iterator[Found]:
        for i, node in enumerate(nodes):
            p = (*base, i)
            if group in derived and "weight" in node.model_fields_set:
                yield (*p, "weight"), (
                    "no weight here: the set's weighting derives this group's weights"), \
                    f"weight {node.weight:g} as well"
            yield from walk(node.criteria, (*p, "criteria"), node.id)

    yield from walk(cs.criteria, (*set_path, "criteria"), None)


def _weighting_rules(blocks: tuple[GroupWeighting, ...], base: PathKey,
                     cs: CriteriaSet) -> Iterator[Found]:
    groups = _groups(cs)
    seen: dict[str | None, PathKey] = {}
    for i, block in enumerate(blocks):
        path = (*base, i)
        if block.group in seen:
            yield (*path, "group"), "one block per group", (
                f"'{block.group or 'the top level'}' again (also at {dotted(seen[block.group])})")
            continue
        seen[block.group] = path
        yield from _block_rules(block, path, cs, groups)


def elicit_rules(parts: Parts) -> Iterator[Found]:
    """Every problem of the board's weighting blocks and of the members."""
    sets: dict[str, CriteriaSet] = {}
    for set_path, cs in parts.criteria:
        sets.setdefault(cs.id, cs)
        yield from _weighting_rules(cs.weighting, (*set_path, "weighting"), cs)
        yield from _derived_weight_rules(cs, set_path)
    seen: dict[str, PathKey] = {}
    default = (parts.meta.default_criteria if parts.meta else None) or (
        parts.criteria[0][1].id if parts.criteria else None)
    for path, member in parts.members:
        if member.id in seen:
            yield (*path, "id"), "a unique member id", \
                f"'{shorten(member.id)}' again (also at {dotted(seen[member.id])})"
        seen.setdefault(member.id, path)
        yield from _member_rules(member, path, sets, default)


def _member_rules(member: Member, path: PathKey, sets: dict[str, CriteriaSet],
                  default: str | None) -> Iterator[Found]:
    wanted = member.criteria_set or default
    if wanted not in sets:
        if sets:  # with no set at all, the criteria's own problems say so
            yield (*path, "criteria_set"), "the id of a criteria set: " + ", ".join(sets), \
                f"'{shorten(wanted or '')}'{did_you_mean(wanted or '', sets)}"
        return
    yield from _weighting_rules(member.weighting, (*path, "weighting"), sets[wanted])
