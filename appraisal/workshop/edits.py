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
    applied (its :attr:`Editor.changes` list them). A member's ranking comes as one
    ``ranking`` edit (target: member and group; value: the tiers, as
    :func:`.threeway.grouped` makes it)."""
    ed = Editor.open(root)
    scores = {o.id: o.scores for o in a.options}
    crit = {(cs.id, c.id): c for cs in a.criteria for c in iter_criteria(cs.criteria)}
    rows: dict[tuple[str, ...], list[Any]] = {
        tuple("" if x is None else str(x) for x in r[:6]): r for r in member_rows(a)}
    for e in edits:
        if e.kind == "score":
            option, criterion = e.target
            ed.score(option, criterion, scores[option].get(criterion), e.value)
        elif e.kind in ("rationale", "evidence"):
            option, criterion = e.target
            ed.text(option, criterion, e.kind, scores[option].get(criterion), e.value)
        elif e.kind in ("weight", "weight_rationale", "weight_range"):
            c = crit[(e.target[0], e.target[1])]
            ed.weight(e.target[0], e.target[1], e.kind, getattr(c, e.kind), e.value)
        elif e.kind == "ranking":
            member, group = e.target
            old = {str(r[4]): float(r[6]) for r in member_rows(a)
                   if r[0] == member and r[2] == group and r[3] == "ranking"}
            rank = {c: float(k) for k, tier in enumerate(e.value, start=1) for c in tier}
            if [sorted(t) for t in e.value] != _order(old):  # criteria in the file's order
                ed.ranking(member, group, {c: rank[c] for c in [*old, *rank] if c in rank})
        elif e.kind == "member":
            row = rows[e.target]
            was = (float(row[6]), None if row[7] is None else float(row[7]))
            if was != tuple(e.value):
                ed.member(e.target, was, e.value)
    return ed


def _order(ranks: dict[str, float]) -> list[list[str]]:
    return [sorted(c for c, r in ranks.items() if r == rank) for rank in sorted(set(
        ranks.values()))]
