"""What changed between two versions of an appraisal (``appraisal diff``): weights (raw
and as shares of the total), scores, rationale and evidence, gates, options and criteria
added or removed, and how every option's total and rank moved, each move split exactly
among the changes that caused it (:mod:`appraisal.analysis.attribution`).

Both versions are ranked with their own base weights on the same criteria set (the
appraisal's default, or the one asked for); options are matched by id, criteria by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from ..analysis.attribution import attribute
from ..errors import UsageError
from ..input.models import Appraisal, iter_criteria
from .request import Request
from .result import AppraisalResult
from .run import run


@dataclass(frozen=True, kw_only=True)
class WeightChange:
    criterion: str
    name: str
    raw_old: float | None
    raw_new: float | None
    share_old: float | None
    share_new: float | None


@dataclass(frozen=True, kw_only=True)
class ScoreChange:
    option: str
    criterion: str
    field: str  # value, low, high, rationale, evidence
    old: object
    new: object


CauseKind = Literal["weight", "score", "added", "removed"]


@dataclass(frozen=True, kw_only=True)
class Cause:
    """One cause of an option's move: the change of the ``weight`` or the ``score`` on a
    criterion, or a criterion ``added`` or ``removed`` (``criterion`` its id, ``name``
    its name), and its part of the change of the total (``change``, 0..1). When exactly
    one raw weight changed, the weight terms are that one change's: ``raw`` holds its
    raw weight (old, new)."""

    kind: CauseKind
    criterion: str
    name: str
    change: float
    raw: tuple[float, float] | None = None


@dataclass(frozen=True, kw_only=True)
class OptionMove:
    """An option's total (0..1) and rank (None: not ranked, it fails a gate or is absent)
    in each version, and the causes of the change of its total, the largest first,
    adding up to the change."""

    option: str
    label: str
    total_old: float | None
    total_new: float | None
    rank_old: int | None
    rank_new: int | None
    causes: tuple[Cause, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Comparison:
    """Everything ``appraisal diff`` reports (see the module)."""

    old_label: str
    new_label: str
    criteria_set: str
    options_added: tuple[str, ...]
    options_removed: tuple[str, ...]
    criteria_added: tuple[str, ...]
    criteria_removed: tuple[str, ...]
    weights: tuple[WeightChange, ...]
    gates: tuple[tuple[str, float | None, float | None], ...]
    scores: tuple[ScoreChange, ...]
    moves: tuple[OptionMove, ...]
    digests: tuple[str, str] = ("", "")
    titles: tuple[str, str] = ("", "")
    notes: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return bool(self.options_added or self.options_removed or self.criteria_added
                    or self.criteria_removed or self.weights or self.gates or self.scores
                    or any(m.total_old != m.total_new or m.rank_old != m.rank_new
                           for m in self.moves))


def _set_id(a: Appraisal, criteria: str | None) -> str:
    return a.criteria_set(criteria).id


def compare(old: Appraisal, new: Appraisal, *, criteria: str | None = None,
            old_label: str = "old", new_label: str = "new") -> Comparison:
    """The comparison of ``old`` and ``new`` (see :class:`Comparison`)."""
    set_id = _set_id(new, criteria)
    if set_id not in {cs.id for cs in old.criteria}:
        raise UsageError(f"the criteria set '{set_id}' is not in the old version; choose "
                         "one both have with --criteria")
    r0, r1 = run(old, Request(criteria=set_id)), run(new, Request(criteria=set_id))
    if r0.long_values is None or r1.long_values is None:
        raise UsageError("appraisal diff splits changes of totals for methods with "
                         "per-criterion values (the weighted sum)")
    cs0, cs1 = old.criteria_set(set_id), new.criteria_set(set_id)
    nodes0 = {c.id: c for c in iter_criteria(cs0.criteria)}
    nodes1 = {c.id: c for c in iter_criteria(cs1.criteria)}
    share0 = dict(zip(r0.long_list.tree.ids, r0.ranking.global_weights, strict=True))
    share1 = dict(zip(r1.long_list.tree.ids, r1.ranking.global_weights, strict=True))
    weights = []
    for cid in [*nodes0, *(c for c in nodes1 if c not in nodes0)]:
        a, b = nodes0.get(cid), nodes1.get(cid)
        s0, s1 = share0.get(cid), share1.get(cid)
        raw0 = r0.long_list.tree.raw_weight[r0.long_list.tree.index(cid)] if a else None
        raw1 = r1.long_list.tree.raw_weight[r1.long_list.tree.index(cid)] if b else None
        if raw0 != raw1 or not np.isclose(s0 or 0, s1 or 0, rtol=0, atol=1e-12):
            node = b if b is not None else a
            weights.append(WeightChange(criterion=cid,
                                        name=node.name if node is not None else cid,
                                        raw_old=_f(raw0), raw_new=_f(raw1), share_old=_f(s0),
                                        share_new=_f(s1)))
    gates = tuple((cid, _f(nodes0[cid].gate), _f(nodes1[cid].gate)) for cid in nodes0
                  if cid in nodes1 and nodes0[cid].gate != nodes1[cid].gate)
    leaves = [c.id for c in iter_criteria(cs1.criteria) if c.is_leaf]
    opts0 = {o.id: o for o in old.options}
    opts1 = {o.id: o for o in new.options}
    scores = []
    for oid, o1 in opts1.items():
        o0 = opts0.get(oid)
        if o0 is None:
            continue
        for cid in leaves:
            s0, s1 = o0.scores.get(cid), o1.scores.get(cid)
            if s0 is None or s1 is None:
                continue
            for name in ("value", "low", "high", "rationale", "evidence"):
                x0, x1 = getattr(s0, name), getattr(s1, name)
                if x0 != x1:
                    scores.append(ScoreChange(option=oid, criterion=cid, field=name,
                                              old=x0, new=x1))
    return Comparison(
        old_label=old_label, new_label=new_label, criteria_set=set_id,
        options_added=tuple(o for o in opts1 if o not in opts0),
        options_removed=tuple(o for o in opts0 if o not in opts1),
        criteria_added=tuple(c for c in nodes1 if c not in nodes0),
        criteria_removed=tuple(c for c in nodes0 if c not in nodes1),
        weights=tuple(weights), gates=gates, scores=tuple(scores),
        moves=_moves(r0, r1, _one_raw_change(weights)),
        digests=(old.input_digest, new.input_digest),
        titles=(old.title, new.title))


def _f(x: object) -> float | None:
    return None if x is None else float(x)  # type: ignore[arg-type]


def _one_raw_change(weights: list[WeightChange]) -> WeightChange | None:
    """The change, when exactly one raw weight changed (every other share moved only
    because the shares of its group are renormalised); else None."""
    raw = [w for w in weights if w.raw_old != w.raw_new]
    if len(raw) != 1 or raw[0].raw_old is None or raw[0].raw_new is None:
        return None
    return raw[0]


def _moves(r0: AppraisalResult, r1: AppraisalResult,
           one_weight: WeightChange | None = None) -> tuple[OptionMove, ...]:
    """Every option's total and rank in both versions, with the causes of its move; with
    ``one_weight`` (one raw weight changed) the weight terms are that one change's."""
    p0, p1 = r0.long_list, r1.long_list
    v0, v1 = r0.long_values, r1.long_values
    assert v0 is not None and v1 is not None
    crit = list(dict.fromkeys([*p0.criterion_ids, *p1.criterion_ids]))
    names = dict(zip(p0.criterion_ids, p0.criterion_names, strict=True))
    names.update(zip(p1.criterion_ids, p1.criterion_names, strict=True))
    rank0 = {o.id: o.rank for o in r0.ranking.options}
    rank1 = {o.id: o.rank for o in r1.ranking.options}
    tot0 = dict(zip(p0.option_ids, r0.long_totals, strict=True))
    tot1 = dict(zip(p1.option_ids, r1.long_totals, strict=True))
    labels = dict(zip(p0.option_ids, p0.labels(), strict=True))
    labels.update(zip(p1.option_ids, p1.labels(), strict=True))
    out = []
    for oid in [*p1.option_ids, *(o for o in p0.option_ids if o not in p1.option_ids)]:
        causes: list[Cause] = []
        if oid in p0.option_ids and oid in p1.option_ids:
            i0, i1 = p0.option_ids.index(oid), p1.option_ids.index(oid)
            w0 = np.nan_to_num([_at(p0.weights, p0.criterion_ids, c) for c in crit])
            w1 = np.nan_to_num([_at(p1.weights, p1.criterion_ids, c) for c in crit])
            a = np.array([_at(v0[i0], p0.criterion_ids, c) for c in crit])
            b = np.array([_at(v1[i1], p1.criterion_ids, c) for c in crit])
            a = np.where(np.isnan(a), b, a)  # a criterion in one version only: its
            b = np.where(np.isnan(b), a, b)  # value does not move, its weight does
            split = attribute(w0, a[None, :], w1, b[None, :])
            if one_weight is not None and split.by_weight[0].any():
                assert one_weight.raw_old is not None and one_weight.raw_new is not None
                causes.append(Cause(kind="weight", criterion=one_weight.criterion,
                                    name=one_weight.name,
                                    change=float(split.by_weight[0].sum()),
                                    raw=(one_weight.raw_old, one_weight.raw_new)))
            for j, cid in enumerate(crit):
                kind: CauseKind = ("added" if cid not in p0.criterion_ids else
                                   "removed" if cid not in p1.criterion_ids else "weight")
                if split.by_weight[0, j] != 0 and one_weight is None:
                    causes.append(Cause(kind=kind, criterion=cid, name=names[cid],
                                        change=float(split.by_weight[0, j])))
                if split.by_score[0, j] != 0:
                    causes.append(Cause(kind="score", criterion=cid, name=names[cid],
                                        change=float(split.by_score[0, j])))
            causes.sort(key=lambda c: -abs(c.change))
        out.append(OptionMove(option=oid, label=labels[oid], total_old=_f(tot0.get(oid)),
                              total_new=_f(tot1.get(oid)), rank_old=rank0.get(oid),
                              rank_new=rank1.get(oid), causes=tuple(causes)))
    return tuple(out)


def _at(values: np.ndarray, ids: tuple[str, ...], cid: str) -> float:
    return float(values[ids.index(cid)]) if cid in ids else float("nan")
