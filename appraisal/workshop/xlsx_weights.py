"""The ``Weights`` and ``Members`` sheets of a returned workbook, read back.

Weights: one row per criterion of every set (found by set and criterion id), a raw
weight of 0 or more (or ``derived`` where the board's weighting gives the group's
weights), a rationale, and a range holding the weight (or both ends blank). Members:
the rows the tool wrote, found by member, group, method, criterion and other, with
points of 0 or more, a rank from 1 or a judgement from 1/9 to 9; a matrix of pairwise
judgements is edited in the member's YAML file, not here.
"""

from __future__ import annotations

from ..input.models import Appraisal
from .edits import Edit
from .workbook import MEMBER_COLUMNS, criteria_of, member_rows
from .xlsx_sheet import Sheet, cell_number, cell_text, check_text, shown


def read_weights(sheet: Sheet, a: Appraisal, edits: list[Edit]) -> None:
    """Append the ``weight``, ``weight_rationale`` and ``weight_range`` edits of every
    valid row of the Weights sheet (target: set id, criterion id)."""
    known = {(cs.id, c.id): (cs, c) for cs in a.criteria for c, _ in criteria_of(cs)}
    seen: set[tuple[str, str]] = set()
    for r in sheet.rows():
        set_raw, _ = sheet.get(r, "set")
        crit_raw, at_crit = sheet.get(r, "criterion")
        key = (cell_text(set_raw) or "", cell_text(crit_raw) or "")
        if key not in known:
            sheet.problems.add(at_crit, "a criteria set and one of its criteria",
                               f"{shown(set_raw)} and {shown(crit_raw)}")
            continue
        seen.add(key)
        cs, c = known[key]
        weight, at_w = sheet.get(r, "weight")
        derived = any(w.group == (p or None) for w in cs.weighting
                      for cc, p in criteria_of(cs) if cc.id == c.id)
        if derived:
            if weight != "derived":
                sheet.problems.add(at_w, "'derived' (this group's weights come from the "
                                   "board's weighting in the criteria file)", shown(weight))
        else:
            number = cell_number(weight)
            if number is None or number < 0:
                sheet.problems.add(at_w, "a raw weight: a number of 0 or more",
                                   shown(weight))
            else:
                edits.append(Edit("weight", key, number, at_w))
        why, at_why = sheet.get(r, "weight_rationale")
        text = cell_text(why)
        if text is None:
            sheet.problems.add(at_why, "text", shown(why))
        elif check_text(sheet.problems, at_why, text):
            edits.append(Edit("weight_rationale", key, text, at_why))
        lo_raw, at_lo = sheet.get(r, "range_low")
        hi_raw, _ = sheet.get(r, "range_high")
        if lo_raw in (None, "") and hi_raw in (None, ""):
            edits.append(Edit("weight_range", key, None, at_lo))
            continue
        lo, hi = cell_number(lo_raw), cell_number(hi_raw)
        w = cell_number(weight) if not derived else None
        if lo is None or hi is None or lo < 0 or lo > hi or (w is not None and not
                                                               lo <= w <= hi):
            sheet.problems.add(at_lo, "the lowest and highest acceptable raw weight, with "
                               "lowest <= weight <= highest (or both blank)",
                               f"{shown(lo_raw)} and {shown(hi_raw)}")
            continue
        edits.append(Edit("weight_range", key, (lo, hi), at_lo))
    for key in known:
        if key not in seen:
            sheet.problems.add(f"{sheet.title}!B:B", f"a row for criterion '{key[1]}' of "
                               f"set '{key[0]}'", "none")


def read_members(sheet: Sheet, a: Appraisal, edits: list[Edit]) -> None:
    """Append a ``member`` edit, (value, top of a points range or None), for every
    valid row of the Members sheet (target: its first six columns)."""
    expected = {tuple("" if x is None else str(x) for x in row[:6]): row
                for row in member_rows(a)}
    seen: set[tuple[str, ...]] = set()
    for r in sheet.rows():
        key = tuple(cell_text(sheet.get(r, k)[0]) or "" for k in MEMBER_COLUMNS[:6])
        value, at = sheet.get(r, "value")
        high, at_high = sheet.get(r, "value_high")
        if key not in expected:
            sheet.problems.add(sheet.at(r, 1), "a row the tool wrote (member, group, method, "
                               "criterion and other unchanged)", ", ".join(key[:5]))
            continue
        seen.add(key)
        number, top = cell_number(value), cell_number(high)
        method = key[3]
        if number is None or number < 0 or (method.startswith("pairwise") and not
                                            1 / 9 - 1e-9 <= number <= 9 + 1e-9):
            sheet.problems.add(at, "a number: points of 0 or more, a rank from 1, or a "
                               "judgement from 1/9 to 9", shown(value))
            continue
        if high not in (None, "") and (top is None or top < number):
            sheet.problems.add(at_high, "the top of the points range, at least the value",
                               shown(high))
            continue
        if method == "pairwise (matrix)":
            if number != expected[key][6]:
                sheet.problems.add(at, "the judgement unchanged (a matrix of judgements is "
                                   "edited in the member's YAML file)", shown(value))
            continue
        edits.append(Edit("member", key, (number, top), at))
    for key in expected:
        if key not in seen:
            sheet.problems.add(f"{sheet.title}!A:A", "a row for " + ", ".join(k for k in key
                                                                              if k), "none")
