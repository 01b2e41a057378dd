"""Rules that need the whole appraisal: unique ids, references that resolve, complete
and in-range scores, weights that are not all zero, and option families without cycles.

Each rule yields located :class:`~appraisal.errors.Diagnostic` records; :func:`run`
collects them all so a user sees every problem in one run. The rules run on the items
as validated or repaired (:mod:`.salvage`) and stay silent about what a repair already
reported: a repaired place, a reference to a refused id, a placeholder's scores.
Messages name options and criteria by id and name, and suggest a close id for an
unknown one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Diagnostic
from .diagnostics import did_you_mean
from .elicit_checks import elicit_rules
from .greenbook_checks import greenbook_rules
from .models import Criterion, Option, Scale, iter_criteria
from .parts import Found, Parts, tree_paths
from .yamlsource import PathKey, SourceMap, dotted, shorten


def run(parts: Parts, smap: SourceMap) -> list[Diagnostic]:
    """Every cross-item problem in ``parts``; completeness of scores is checked for the
    criteria set ``parts.only_set`` or, when None, for every set."""
    found: list[Found] = []
    for rule in (_criteria_rules, _option_rules, _scenario_rules, _meta_rules,
                 elicit_rules, greenbook_rules):
        found.extend(rule(parts))
    out = []
    for path, expected, what in found:
        if parts.repairs.covers(path):
            continue  # already reported by the validation that repaired it
        if path and path[-1] == "value" and path not in smap.marks and path[:-1] in smap.marks:
            path = path[:-1]  # a score written as a bare number
        out.append(smap.diagnostic(path, expected, what))
    return out


def _named(kind: str, ident: str, name: str) -> str:
    return f"{kind} '{shorten(ident)}' ({shorten(name)})"


def _duplicates(items: list[tuple[PathKey, str]], what: str) -> Iterator[Found]:
    seen: dict[str, PathKey] = {}
    for path, ident in items:
        if ident in seen:
            yield (*path, "id"), f"a unique {what} id", \
                f"'{shorten(ident)}' again (also at {dotted(seen[ident])})"
        else:
            seen[ident] = path


@dataclass(frozen=True)
class _Leaf:
    """A leaf criterion as the score rules need it."""

    criterion: Criterion
    scale: Scale
    scale_doubtful: bool  # its scale was repaired: range checks would mislead


def _leaves(parts: Parts) -> tuple[dict[str, _Leaf], dict[str, Criterion]]:
    """Leaf criteria (first definition wins) and parent criteria, by id, of every set."""
    leaves: dict[str, _Leaf] = {}
    parents: dict[str, Criterion] = {}
    covers = parts.repairs.covers
    for set_path, cs in parts.criteria:
        for crit, path in tree_paths(cs.criteria, (*set_path, "criteria")):
            if not crit.is_leaf:
                parents.setdefault(crit.id, crit)
                continue
            own = crit.scale is not None
            doubtful = covers((*path, "scale")) if own else covers(("scale",))
            leaves.setdefault(crit.id, _Leaf(crit, crit.scale or parts.scale, doubtful))
    return leaves, parents


def _criteria_rules(parts: Parts) -> Iterator[Found]:
    yield from _duplicates([(p, cs.id) for p, cs in parts.criteria if p], "criteria set")
    shared: dict[str, tuple[str, Scale, str, PathKey]] = {}
    for set_path, cs in parts.criteria:
        base = (*set_path, "criteria")
        nodes = list(tree_paths(cs.criteria, base))
        yield from _duplicates([(p, c.id) for c, p in nodes], f"criterion (in set '{cs.id}')")
        if sum(c.weight for c in cs.criteria) == 0:
            yield base, "at least one criterion with a weight above 0", "all weights 0"
        for crit, path in nodes:
            if not crit.is_leaf:
                if sum(c.weight for c in crit.criteria) == 0:
                    yield (*path, "criteria"), "at least one sub-criterion with a weight above " \
                        "0", "all weights 0"
                for key in ("direction", "scale", "gate"):
                    if key in crit.model_fields_set:
                        yield (*path, key), f"no {key} on a criterion with sub-criteria " \
                            "(set it on its leaves)", f"{key} given"
                continue
            scale = crit.scale or parts.scale
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


def _option_rules(parts: Parts) -> Iterator[Found]:
    opts = parts.options
    refused, placeholders = parts.repairs.refused_ids, parts.repairs.placeholders
    yield from _duplicates([(p, o.id) for p, o in opts], "option")
    numbers: dict[int, PathKey] = {}
    for path, o in opts:
        if o.number is not None:
            if o.number in numbers:
                yield (*path, "number"), "a unique option number", \
                    f"{o.number} again (also {dotted(numbers[o.number])})"
            numbers.setdefault(o.number, path)
    yield from _family_rules(opts, refused)
    if not parts.criteria_complete:
        return  # scores can only be checked against criteria sets that validated
    leaves, parents = _leaves(parts)
    required: dict[str, list[str]] = {}
    for _, cs in parts.criteria:
        if parts.only_set is None or cs.id == parts.only_set:
            required[cs.id] = [c.id for c in iter_criteria(cs.criteria)
                               if c.is_leaf and c.id not in placeholders]
    for path, o in opts:
        who = _named("option", o.id, o.name)
        for cid, score in o.scores.items():
            at: PathKey = (*path, "scores", cid)
            if cid in parents and cid not in leaves:
                yield at, "scores for leaf criteria only (this one has sub-criteria)", \
                    f"a score for {_named('criterion', cid, parents[cid].name)} in {who}"
                continue
            if cid not in leaves:
                if cid not in refused:
                    yield at, "a leaf criterion id of one of the criteria sets", \
                        f"unknown criterion '{shorten(cid)}' in {who}" + did_you_mean(cid, leaves)
                continue
            leaf = leaves[cid]
            if leaf.scale_doubtful:
                continue
            scale = leaf.scale
            of = _named("criterion", cid, leaf.criterion.name)
            for name, v in (("value", score.value), ("low", score.low), ("high", score.high)):
                if v is not None and not scale.min <= v <= scale.max:
                    yield (*at, name), \
                        f"a score from {scale.min:g} to {scale.max:g}, the scale of {of}", \
                        f"{v:g}"
        for set_id, ids in required.items():
            missing = [c for c in ids if c not in o.scores]
            if missing:
                named = ", ".join(_named("", c, leaves[c].criterion.name).strip() if c in leaves
                                  else c for c in missing)
                yield (*path, "scores"), \
                    f"a score for every leaf criterion of set '{set_id}'", \
                    f"no score for {named} in {who}"


def _family_rules(opts: list[tuple[PathKey, Option]], refused: set[str]) -> Iterator[Found]:
    ids = {o.id: p for p, o in opts}
    parent = {}
    for path, o in opts:
        if o.family is None:
            continue
        if o.family not in ids:
            if o.family not in refused:
                yield (*path, "family"), "the id of another option", \
                    f"unknown option '{shorten(o.family)}'" + did_you_mean(o.family, ids)
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
                yield (*ids[member], "family"), "option families without cycles", \
                    f"the cycle {loop}"


def _scenario_rules(parts: Parts) -> Iterator[Found]:
    yield from _duplicates([(p, s.id) for p, s in parts.scenarios], "scenario")
    sets = {cs.id: cs for _, cs in parts.criteria}
    default = parts.meta.default_criteria if parts.meta else None
    if default not in sets:  # none given, or an unknown one (reported by the meta rules)
        default = parts.criteria[0][1].id if parts.criteria else None
    refused = parts.repairs.refused_ids
    for path, sc in parts.scenarios:
        set_id = sc.criteria_set or default
        cs = sets.get(set_id or "")
        if cs is None:
            if sc.criteria_set is not None and sc.criteria_set not in refused \
                    and parts.criteria_complete:
                yield (*path, "criteria_set"), \
                    "one of the criteria sets: " + ", ".join(sets), \
                    f"'{shorten(sc.criteria_set)}'" + did_you_mean(sc.criteria_set, sets)
            continue
        known = {c.id: c for c in iter_criteria(cs.criteria)}
        for cid in sc.weights:
            if cid not in known and cid not in refused:
                yield (*path, "weights", cid), f"a criterion id of set '{cs.id}'", \
                    f"unknown criterion '{shorten(cid)}'" + did_you_mean(cid, known)
        groups = [cs.criteria] + [c.criteria for c in known.values() if c.criteria]
        for group in groups:
            if sum(sc.weights.get(c.id, c.weight) for c in group) == 0:
                names = ", ".join(c.id for c in group)
                yield (*path, "weights"), \
                    f"at least one of {names} weighted above 0", "all weights 0"


def _meta_rules(parts: Parts) -> Iterator[Found]:
    from ..methods import METHODS

    if parts.meta is None:
        return
    sets = [cs.id for _, cs in parts.criteria]
    default = parts.meta.default_criteria
    if default and parts.criteria and parts.criteria_complete and default not in sets \
            and default not in parts.repairs.refused_ids:
        yield ("default_criteria",), "one of the criteria sets: " + ", ".join(sets), \
            f"'{shorten(default)}'" + did_you_mean(default, sets)
    if parts.meta.method not in METHODS:
        yield ("method",), "one of the methods: " + ", ".join(METHODS), \
            f"'{shorten(parts.meta.method)}'" + did_you_mean(parts.meta.method, METHODS)
