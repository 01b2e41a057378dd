"""The three ways a value of a returned workbook stands: as exported (the workbook's
record, :mod:`.exported`), in the appraisal now, and in the workbook. From them
:func:`merge` decides what an import changes, so that importing the same workbook
twice changes nothing the second time and nothing changed since the export is undone:

- a cell equal to its exported value was not edited: the appraisal's value stands,
  whatever it now is (listed as ``kept`` when it changed since the export);
- an edited value the appraisal already holds changes nothing;
- an edited value whose exported value the appraisal still holds is made;
- an edited value where the appraisal has changed since the export, otherwise, is a
  ``conflict``: made only when the caller lets the workbook win.

A value shown on two sheets (a criterion shared by two criteria sets) is one value:
the sheet that edited it gives it, and two sheets editing it differently is an error
naming both cells. A member's ranks of one group are one value, the ranking (the
order, not the numbers). Values compare as JSON, so a tuple equals the list it was
recorded as. Without a record of the export the appraisal now stands in for it (every
cell that differs from the appraisal counts as an edit).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from .edits import Edit


@dataclass(frozen=True)
class Seen:
    """One value of a ``kind`` three ways (None where there is none): ``where`` it is
    in the appraisal, the workbook's ``cell``, its value ``exported``, ``now`` and in
    the ``workbook``."""

    kind: str
    where: str
    cell: str
    exported: Any
    now: Any
    workbook: Any


@dataclass(frozen=True)
class Merge:
    """What an import does: the ``edits`` to make (every edited value the appraisal
    does not yet hold, conflicts included), the ``conflicts`` (edited in the workbook
    and changed otherwise in the appraisal since the export) and the values ``kept``
    (changed in the appraisal since the export, not in the workbook)."""

    edits: list[Edit]
    conflicts: list[Seen]
    kept: list[Seen]


def key(e: Edit) -> str:
    """What a value is of, as text: its kind and target."""
    return json.dumps([e.kind, *e.target])


def canon(value: Any) -> str:
    """A value as JSON, the form in which values compare."""
    return json.dumps(value)


def tiers(ranks: dict[str, float]) -> list[list[str]]:
    """Criterion -> rank as tiers in rank order, each sorted (criteria ranked equal
    share a tier)."""
    return [sorted(c for c, r in ranks.items() if r == rank) for rank in sorted(set(
        ranks.values()))]


def grouped(edits: list[Edit]) -> list[Edit]:
    """``edits`` with each member's ranks of one group made one ``ranking`` value
    (target: member, group; value: the tiers), at the cell of its first rank."""
    out: list[Edit] = []
    ranks: dict[tuple[str, str], list[Edit]] = {}
    for e in edits:
        if e.kind == "member" and e.target[3] == "ranking":
            ranks.setdefault((e.target[0], e.target[2]), []).append(e)
        else:
            out.append(e)
    for (member, group), rows in ranks.items():
        order = tiers({r.target[4]: float(r.value[0]) for r in rows})
        out.append(Edit("ranking", (member, group), order, rows[0].cell))
    return out


def where(e: Edit) -> str:
    """Where a value is in the appraisal, as import-xlsx lists its changes."""
    t = e.target
    if e.kind == "score":
        return f"option {t[0]}: scores.{t[1]}"
    if e.kind in ("rationale", "evidence"):
        return f"option {t[0]}: scores.{t[1]}.{e.kind}"
    if e.kind == "ranking":
        return f"member {t[0]}: weighting[{t[1] or 'top'}].ranking"
    if e.kind == "member":
        other = f" to {t[5]}" if t[5] else ""
        return f"member {t[0]}: weighting[{t[2] or 'top'}].{t[3]} {t[4]}{other}"
    return f"set {t[0]}: criterion {t[1]}.{e.kind}"


def _index(edits: list[Edit]) -> dict[str, Edit]:
    return {key(e): e for e in edits}


def merge(workbook: list[Edit], exported: list[Edit] | None, now: list[Edit]) -> Merge:
    """What importing the values ``workbook`` does to an appraisal whose values are
    ``now``, the workbook having been exported with the values ``exported`` (None: not
    recorded). Raises :class:`UsageError` when two cells edit one value differently."""
    current = _index(grouped(now))
    base = _index(grouped(exported)) if exported is not None else current
    cells: dict[str, list[Edit]] = {}
    for e in grouped(workbook):
        cells.setdefault(key(e), []).append(e)
    edits: list[Edit] = []
    conflicts: list[Seen] = []
    kept: list[Seen] = []
    for k, given in cells.items():
        held = current.get(k)
        was = base.get(k, held)  # a value the record lacks: the appraisal's stands for it
        was_v = None if was is None else canon(was.value)
        now_v = None if held is None else canon(held.value)
        edited = [e for e in given if canon(e.value) != was_v]
        seen = Seen(given[0].kind, where(given[0]), " and ".join(e.cell for e in (edited or given)),
                    None if was is None else was.value, None if held is None else held.value,
                    (edited or given)[0].value)
        if not edited:
            if was is not None and now_v != was_v:
                kept.append(seen)
            continue
        if len({canon(e.value) for e in edited}) > 1:
            raise UsageError(f"{edited[0].cell} and {edited[1].cell} give {seen.where} "
                             "different values; make them agree (or leave one as "
                             "exported)")
        if canon(edited[0].value) == now_v:
            continue
        if was is not None and now_v != was_v:
            conflicts.append(seen)
        edits.append(edited[0])
    return Merge(edits, conflicts, kept)
