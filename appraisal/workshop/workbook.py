"""The scoring workbook's layout, shared by ``export-xlsx`` (which writes it,
:mod:`.xlsx_export`) and ``import-xlsx`` (which reads it back,
:mod:`.xlsx_import`): sheet names, header rows and the machine row that ties each
column to a criterion.

Per criteria set three sheets with one grid (options as rows, leaf criteria as
columns): the scores (with ``low``/``high`` columns beside a criterion whose scores
state ranges), the rationale and the evidence; then ``Weights`` (every criterion's raw
weight, its rationale and range), ``Members`` (their swing points, points, rankings and
pairwise judgements) and ``Instructions``. Row 1 is for people (names, scales), row 2
for the tool (ids); data start on row 3. Columns are found by their id in row 2, so a
user may reorder or widen them, but not rename the ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..input.models import Appraisal, CriteriaSet, Criterion, leaves

FIRST_ROW = 3
"""The first row of data (row 1: headings, row 2: ids)."""
ID_ROW = 2
OPTION_COLUMNS = ("option", "number", "name")
"""The first three columns of a grid: the option's id, its number and its name."""
INSTRUCTIONS = "Instructions"
WEIGHTS = "Weights"
MEMBERS = "Members"
WEIGHT_COLUMNS = ("set", "criterion", "name", "parent", "weight", "weight_rationale",
                  "range_low", "range_high")
MEMBER_COLUMNS = ("member", "name", "group", "method", "criterion", "other", "value",
                  "value_high")
"""A member's row: swing or direct points (a range in value..value_high), a rank (1 the
most important; criteria ranked equal share a rank), or a pairwise judgement (how many
times as important ``criterion`` is as ``other``)."""
SOURCE_PROPERTY = "appraisal-path"
"""The workbook's custom document property holding the appraisal's path, relative to
the workbook's folder ("-" for the bundled example): import-xlsx's default appraisal."""
DIGEST_PROPERTY = "appraisal-digest"
"""The workbook's custom document property holding the input digest of the appraisal
it was exported from: import-xlsx tells from it whether the appraisal changed since."""
EXPORTED = "Exported"
"""The hidden sheet holding every value as exported (:mod:`.exported`), from which
import-xlsx tells the workbook's edits from changes made to the appraisal since."""
_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_TITLE = 31


@dataclass(frozen=True)
class SetSheets:
    """The three sheet names of one criteria set and its leaf columns: each leaf id with
    whether it has low/high columns."""

    set_id: str
    scores: str
    rationale: str
    evidence: str
    columns: tuple[tuple[Criterion, bool], ...]


def _title(base: str, suffix: str, taken: set[str]) -> str:
    """A sheet title: at most 31 characters, none of []:*?/\\, unique (Excel's rules)."""
    room = MAX_TITLE - len(suffix)
    stem = _BAD.sub("-", base)[:room]
    title = stem + suffix
    k = 2
    while title.lower() in taken:
        tag = f"~{k}"
        title = stem[:room - len(tag)] + tag + suffix
        k += 1
    taken.add(title.lower())
    return title


def scale_of(a: Appraisal, c: Criterion) -> tuple[float, float]:
    """A criterion's scale (its own, else the appraisal's) as (min, max)."""
    s = c.scale or a.scale
    return s.min, s.max


def ranged(a: Appraisal, criterion: str) -> bool:
    """Whether any option states a range (low or high) for ``criterion``."""
    return any((s := o.scores.get(criterion)) is not None
               and (s.low is not None or s.high is not None) for o in a.options)


def set_sheets(a: Appraisal) -> list[SetSheets]:
    """The sheets of every criteria set, in the appraisal's order."""
    taken = {INSTRUCTIONS.lower(), WEIGHTS.lower(), MEMBERS.lower(), EXPORTED.lower()}
    out = []
    for cs in a.criteria:
        scores = _title(cs.id, "", taken) if len(a.criteria) > 1 else _title("Scores", "", taken)
        base = cs.id if len(a.criteria) > 1 else ""
        rationale = _title(base, " rationale" if base else "Rationale", taken)
        evidence = _title(base, " evidence" if base else "Evidence", taken)
        out.append(SetSheets(cs.id, scores, rationale, evidence,
                             tuple((c, ranged(a, c.id)) for c in leaves(cs.criteria))))
    return out


def grid_ids(sheet: SetSheets) -> list[str]:
    """The ids of row 2 of a scores sheet: the option columns, then each leaf criterion
    (``id``, and ``id:low``, ``id:high`` where ranges are used)."""
    out = list(OPTION_COLUMNS)
    for c, has_range in sheet.columns:
        out.append(c.id)
        if has_range:
            out += [f"{c.id}:low", f"{c.id}:high"]
    return out


def text_ids(sheet: SetSheets) -> list[str]:
    """The ids of row 2 of a rationale or evidence sheet."""
    return [*OPTION_COLUMNS, *(c.id for c, _ in sheet.columns)]


def criteria_of(cs: CriteriaSet) -> list[tuple[Criterion, str]]:
    """Every criterion of a set with its parent's id ('' at the top), depth first."""
    out: list[tuple[Criterion, str]] = []

    def walk(nodes: tuple[Criterion, ...], parent: str) -> None:
        for c in nodes:
            out.append((c, parent))
            walk(c.criteria, c.id)

    walk(cs.criteria, "")
    return out


def member_rows(a: Appraisal) -> list[list[Any]]:
    """The members' judgements, one row each (see :data:`MEMBER_COLUMNS`)."""
    rows: list[list[Any]] = []
    for m in a.members:
        for w in m.weighting:
            group = w.group or ""
            if w.method in ("swing", "points"):
                for cid, p in w.points.items():
                    lo, hi = (p if isinstance(p, tuple) else (p, None))
                    rows.append([m.id, m.name, group, w.method, cid, "", lo, hi])
            elif w.method == "ranking":
                for rank, tier in enumerate(w.tiers, start=1):
                    for cid in tier:
                        rows.append([m.id, m.name, group, w.method, cid, "", rank, None])
            elif w.judgements:
                for cid, others in w.judgements.items():
                    for other, value in others.items():
                        rows.append([m.id, m.name, group, w.method, cid, other, value, None])
            else:
                for i, cid in enumerate(w.order):
                    for j in range(i + 1, len(w.order)):
                        entry = w.matrix[i][j]
                        if entry is not None:
                            rows.append([m.id, m.name, group, "pairwise (matrix)", cid,
                                         w.order[j], entry, None])
    return rows
