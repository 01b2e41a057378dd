"""Rules that need the whole appraisal: unique ids, references that resolve, complete
and in-range scores, weights that are not all zero, and option families without cycles.

Each rule yields located :class:`~appraisal.errors.Diagnostic` records; :func:`run`
collects them all so a user sees every problem in one run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Diagnostic
from .models import CriteriaSet, Criterion, Meta, Option, Scale, Scenario, iter_criteria
from .yamlsource import PathKey, SourceMap, dotted


@dataclass(frozen=True)
class Parts:
    """What validated, each item with its index in the input list."""

    meta: Meta | None
    scale: Scale  # the appraisal's default scale (valid even when meta is not)
    criteria: list[tuple[int, CriteriaSet]]
    options: list[tuple[int, Option]]
    scenarios: list[tuple[int, Scenario]]
    criteria_complete: bool = True  # False when a criteria set failed to validate
    only_set: str | None = None  # check completeness of scores for this set only


Found = tuple[PathKey, str, str]  # path, expected, found


def run(parts: Parts, smap: SourceMap) -> list[Diagnostic]:
    """Every cross-item problem in ``parts``; completeness of scores is checked for the
    criteria set ``parts.only_set`` or, when None, for every set."""
    found: list[Found] = []
    for rule in (_criteria_rules, _option_rules, _scenario_rules, _meta_rules):
        found.extend(rule(parts))
    out = []
    for path, expected, what in found:
        if path and path[-1] == "value" and path not in smap.marks and path[:-1] in smap.marks:
            path = path[:-1]  # a score written as a bare number
        out.append(smap.diagnostic(path, expected, what))
    return out


def _tree_paths(nodes: tuple[Criterion, ...], base: PathKey
                ) -> Iterator[tuple[Criterion, PathKey, tuple[Criterion, ...]]]:
    """Each criterion with its data path and its siblings."""
    for i, node in enumerate(nodes):
        path = (*base, i)
        yield node, path, nodes
        yield from _tree_paths(node.criteria, (*path, "criteria"))


def _duplicates(items: list[tuple[PathKey, str]], what: str) -> Iterator[Found]:
    seen: dict[str, PathKey] = {}
    for path, ident in items:
        if ident in seen:
            yield (*path, "id"), f"a unique {what} id", \
                f"'{ident}' again (also at {dotted(seen[ident])})"
        else:
            seen[ident] = path


def _criteria_rules(parts: Parts) -> Iterator[Found]:
    yield from _duplicates([(("criteria", i), cs.id) for i, cs in parts.criteria], "criteria set")
    scale0 = parts.scale
    shared: dict[str, tuple[str, Scale, str, PathKey]] = {}
    for i, cs in parts.criteria:
        nodes = list(_tree_paths(cs.criteria, ("criteria", i, "criteria")))
        yield from _duplicates([(p, c.id) for c, p, _ in nodes], f"criterion (in set '{cs.id}')")
        if sum(c.weight for c in cs.criteria) == 0:
            yield ("criteria", i, "criteria"), "at least one criterion with a weight above 0", \
                "all weights 0"
        for crit, path, _siblings in nodes:
            if not crit.is_leaf:
                if sum(c.weight for c in crit.criteria) == 0:
                    yield (*path, "criteria"), "at least one sub-criterion with a weight above 0", \
                        "all weights 0"
                for key in ("direction", "scale", "gate"):
                    if key in crit.model_fields_set:
                        yield (*path, key), f"no {key} on a criterion with sub-criteria " \
                            "(set it on its leaves)", f"{key} given"
                continue
            scale = crit.scale or scale0
            if crit.gate is not None and not scale.min <= crit.gate <= scale.max:
                yield (*path, "gate"), f"a gate within the scale {scale.min:g} to {scale.max:g}", \
                    f"{crit.gate:g}"
            if crit.id in shared:
                other_set, other_scale, other_dir, other_path = shared[crit.id]
                if (other_scale, other_dir) != (scale, crit.direction):
                    yield (*path, "id"), (
                        f"criterion '{crit.id}' to have the same scale and direction as in set "
                        f"'{other_set}' (a shared id shares its scores)"), \
                        f"a different scale or direction from {dotted(other_path)}"
            else:
                shared[crit.id] = (cs.id, scale, crit.direction, path)


def _leaf_index(parts: Parts) -> tuple[dict[str, tuple[Criterion, Scale]], set[str]]:
    scale0 = parts.scale
    leaves: dict[str, tuple[Criterion, Scale]] = {}
    parents: set[str] = set()
    for _, cs in parts.criteria:
        for crit in iter_criteria(cs.criteria):
            if crit.is_leaf:
                leaves.setdefault(crit.id, (crit, crit.scale or scale0))
            else:
                parents.add(crit.id)
    return leaves, parents


def _option_rules(parts: Parts) -> Iterator[Found]:
    opts = parts.options
    yield from _duplicates([(("options", i), o.id) for i, o in opts], "option")
    numbers: dict[int, int] = {}
    for i, o in opts:
        if o.number is not None:
            if o.number in numbers:
                yield ("options", i, "number"), "a unique option number", \
                    f"{o.number} again (also option {dotted(('options', numbers[o.number]))})"
            numbers.setdefault(o.number, i)
    yield from _family_rules(opts)
    if not parts.criteria_complete:
        return  # scores can only be checked against criteria sets that validated
    leaves, parents = _leaf_index(parts)
    required: dict[str, list[str]] = {}
    for _, cs in parts.criteria:
        if parts.only_set is None or cs.id == parts.only_set:
            required[cs.id] = [c.id for c in iter_criteria(cs.criteria) if c.is_leaf]
    for i, o in opts:
        for cid, score in o.scores.items():
            path: PathKey = ("options", i, "scores", cid)
            if cid in parents and cid not in leaves:
                yield path, "scores for leaf criteria only (this one has sub-criteria)", \
                    f"a score for '{cid}'"
                continue
            if cid not in leaves:
                yield path, "a leaf criterion id of one of the criteria sets", \
                    f"unknown criterion '{cid}'"
                continue
            _, scale = leaves[cid]
            for field, v in (("value", score.value), ("low", score.low), ("high", score.high)):
                if v is not None and not scale.min <= v <= scale.max:
                    expected = f"a score from {scale.min:g} to {scale.max:g} (the scale of '{cid}')"
                    yield (*path, field), expected, f"{v:g}"
        for set_id, ids in required.items():
            missing = [c for c in ids if c not in o.scores]
            if missing:
                yield ("options", i, "scores"), \
                    f"a score for every leaf criterion of set '{set_id}'", \
                    "no score for " + ", ".join(missing)


def _family_rules(opts: list[tuple[int, Option]]) -> Iterator[Found]:
    ids = {o.id: i for i, o in opts}
    parent = {}
    for i, o in opts:
        if o.family is None:
            continue
        if o.family not in ids:
            yield ("options", i, "family"), "the id of another option", \
                f"unknown option '{o.family}'"
        else:
            parent[o.id] = o.family
    # Each option has at most one parent, so a cycle exists iff a parent walk revisits.
    on_cycle: set[str] = set()
    for start in parent:
        seen = []
        node: str | None = start
        while node is not None and node not in seen:
            seen.append(node)
            node = parent.get(node)
        if node is not None:
            on_cycle.update(seen[seen.index(node):])
    if on_cycle:
        import networkx as nx  # only when there is a cycle to describe

        graph = nx.DiGraph(list(parent.items()))
        for cycle in sorted(sorted(c) for c in nx.simple_cycles(graph)):
            loop = " -> ".join([*cycle, cycle[0]]) if len(cycle) > 1 else f"{cycle[0]} -> itself"
            for member in cycle:
                yield ("options", ids[member], "family"), \
                    "option families without cycles", f"the cycle {loop}"


def _scenario_rules(parts: Parts) -> Iterator[Found]:
    yield from _duplicates([(("scenarios", i), s.id) for i, s in parts.scenarios], "scenario")
    sets = {cs.id: cs for _, cs in parts.criteria}
    default = (parts.meta.default_criteria if parts.meta else None) or (
        parts.criteria[0][1].id if parts.criteria else None)
    for i, sc in parts.scenarios:
        set_id = sc.criteria_set or default
        cs = sets.get(set_id or "")
        if cs is None:
            if sc.criteria_set is not None:
                yield ("scenarios", i, "criteria_set"), \
                    "one of the criteria sets: " + ", ".join(sets), f"'{sc.criteria_set}'"
            continue
        nodes = list(_tree_paths(cs.criteria, ()))
        known = {c.id for c, _, _ in nodes}
        for cid in sc.weights:
            if cid not in known:
                yield ("scenarios", i, "weights", cid), \
                    f"a criterion id of set '{cs.id}'", f"unknown criterion '{cid}'"
        groups = [cs.criteria] + [c.criteria for c, _, _ in nodes if c.criteria]
        for group in groups:
            if sum(sc.weights.get(c.id, c.weight) for c in group) == 0:
                names = ", ".join(c.id for c in group)
                yield ("scenarios", i, "weights"), \
                    f"at least one of {names} weighted above 0", "all weights 0"


def _meta_rules(parts: Parts) -> Iterator[Found]:
    from ..methods import METHODS

    if parts.meta is None:
        return
    sets = [cs.id for _, cs in parts.criteria]
    if parts.meta.default_criteria and parts.criteria and parts.meta.default_criteria not in sets:
        yield ("default_criteria",), "one of the criteria sets: " + ", ".join(sets), \
            f"'{parts.meta.default_criteria}'"
    if parts.meta.method not in METHODS:
        yield ("method",), "one of the methods: " + ", ".join(METHODS), f"'{parts.meta.method}'"
