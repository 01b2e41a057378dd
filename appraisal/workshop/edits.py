"""The values a returned workbook gives, and applying those that differ from the
appraisal to its YAML files.

An :class:`Edit` is one value read from one cell (:mod:`.xlsx_import`); :func:`apply`
compares every edit with the appraisal as loaded and makes only the changes through an
:class:`~.yamledit.Editor`, so a workbook that matches the appraisal changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..input.models import Appraisal, iter_criteria
from .workbook import member_rows
from .yamledit import Editor


@dataclass(frozen=True)
class Edit:
    """One value the workbook gives: ``kind`` is score, rationale, evidence, weight,
    weight_rationale, weight_range or member; ``target`` names the place (option and
    criterion, set and criterion, or member, group, method, criterion and other);
    ``value`` the new value; ``cell`` where it was read."""

    kind: str
    target: tuple[str, ...]
    value: Any
    cell: str


def apply(a: Appraisal, root: Path, edits: list[Edit]) -> Editor:
    """An editor of the files at ``root`` with every edit that differs from ``a``
    applied (its :attr:`Editor.changes` list them)."""
    ed = Editor.open(root)
    scores = {o.id: o.scores for o in a.options}
    crit = {(cs.id, c.id): c for cs in a.criteria for c in iter_criteria(cs.criteria)}
    rows: dict[tuple[str, ...], list[Any]] = {
        tuple("" if x is None else str(x) for x in r[:6]): r for r in member_rows(a)}
    ranks: dict[tuple[str, str], dict[str, float]] = {}
    seen_scores: dict[tuple[str, str], tuple[Any, str]] = {}
    for e in edits:
        if e.kind == "score":
            option, criterion = e.target
            earlier = seen_scores.get((option, criterion))
            if earlier is not None and earlier[0] != e.value:
                # a criterion shared by two sets: the changed sheet wins, both changed
                # differently is a problem
                held = scores[option].get(criterion)
                now = (held.value, held.low, held.high)[:len(e.value)] if held else None
                if earlier[0] != now and e.value != now:
                    raise UsageError(f"{earlier[1]} and {e.cell} give criterion "
                                     f"'{criterion}' of option '{option}' different scores")
                if e.value == now:
                    continue
            seen_scores[(option, criterion)] = (e.value, e.cell)
            ed.score(option, criterion, scores[option].get(criterion), e.value)
        elif e.kind in ("rationale", "evidence"):
            option, criterion = e.target
            ed.text(option, criterion, e.kind, scores[option].get(criterion), e.value)
        elif e.kind in ("weight", "weight_rationale", "weight_range"):
            c = crit[(e.target[0], e.target[1])]
            ed.weight(e.target[0], e.target[1], e.kind, getattr(c, e.kind), e.value)
        elif e.kind == "member":
            row = rows[e.target]
            was = (float(row[6]), None if row[7] is None else float(row[7]))
            if e.target[3] == "ranking":
                ranks.setdefault((e.target[0], e.target[2]), {})[e.target[4]] = e.value[0]
                continue
            if was != e.value:
                ed.member(e.target, was, e.value)
    for (member, group), new_ranks in ranks.items():
        old_ranks = {str(r[4]): float(r[6]) for r in member_rows(a)
                     if r[0] == member and r[2] == group and r[3] == "ranking"}
        if _order(new_ranks) != _order(old_ranks):
            ed.ranking(member, group, new_ranks)
    return ed


def _order(ranks: dict[str, float]) -> list[list[str]]:
    return [sorted(c for c, r in ranks.items() if r == rank) for rank in sorted(set(
        ranks.values()))]
