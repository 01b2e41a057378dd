"""The option x criterion sheets of a returned workbook, read back: per criteria set
the scores (a value, and a low and high where ranges are used) and the rationale and
evidence texts.

Every option of the appraisal has exactly one row, found by its id in column
``option``; a score lies on its criterion's scale and within its own low and high;
texts hold no control characters. A cell already reported by :class:`.xlsx_sheet.Sheet`
(a formula, a missing column) is skipped.
"""

from __future__ import annotations

from typing import Any

from ..input.models import Appraisal
from .edits import Edit
from .workbook import SetSheets, scale_of
from .xlsx_sheet import Sheet, as_float, cell_number, cell_text, check_text, shown


def option_rows(sheet: Sheet, a: Appraisal) -> dict[str, int]:
    """Option id -> row; unknown, repeated and missing options are problems."""
    known = {o.id for o in a.options}
    out: dict[str, int] = {}
    for r in sheet.rows():
        value, at = sheet.get(r, "option")
        oid = cell_text(value)
        if not oid or oid not in known:
            sheet.problems.add(at, "the id of one of the appraisal's options",
                               shown(value))
        elif oid in out:
            sheet.problems.add(at, "each option once", f"'{oid}' again")
        else:
            out[oid] = r
    for o in a.options:
        if o.id not in out:
            sheet.problems.add(f"{sheet.title}!A:A", f"a row for option '{o.id}'", "none")
    return out


def read_scores(sheet: Sheet, a: Appraisal, s: SetSheets, rows: dict[str, int],
                edits: list[Edit]) -> None:
    """Append a ``score`` edit, ``(value,)`` or ``(value, low, high)`` where the
    criterion uses ranges, for every valid score of the scores sheet of ``s``."""
    for oid, r in rows.items():
        for c, has_range in s.columns:
            lo_s, hi_s = scale_of(a, c)
            got: dict[str, float | None] = {}
            for part, key in (("value", c.id), ("low", f"{c.id}:low"),
                              ("high", f"{c.id}:high")):
                if part != "value" and not has_range:
                    continue
                if sheet.skip(r, key):
                    got[part] = None
                    continue
                raw, at = sheet.get(r, key)
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    if part == "value":
                        sheet.problems.add(at, f"a score from {lo_s:g} to {hi_s:g}, the "
                                           f"scale of criterion '{c.id}'", "nothing")
                    got[part] = None
                    continue
                number = cell_number(raw)
                if number is None or not lo_s <= number <= hi_s:
                    hint = " (a number stored as text?)" if isinstance(raw, str) and \
                        cell_number(as_float(raw)) is not None else ""
                    sheet.problems.add(at, f"a score from {lo_s:g} to {hi_s:g}, the scale "
                                       f"of criterion '{c.id}'", shown(raw) + hint)
                    got[part] = None
                    continue
                got[part] = number
            value = got.get("value")
            if value is None or sheet.skip(r, c.id):
                continue
            low, high = got.get("low"), got.get("high")
            if (low is not None and low > value) or (high is not None and high < value):
                _, at = sheet.get(r, c.id)
                sheet.problems.add(at, "lowest <= score <= highest",
                                   f"{low if low is not None else value:g} <= {value:g} <= "
                                   f"{high if high is not None else value:g}")
                continue
            _, at = sheet.get(r, c.id)
            edits.append(Edit("score", (oid, c.id), (value, low, high) if has_range
                              else (value,), at))


def read_texts(sheet: Sheet, s: SetSheets, rows: dict[str, int], edits: list[Edit],
               kind: str) -> None:
    """Append a ``kind`` edit ("rationale": the text; "evidence": a tuple of its
    non-blank lines) for every valid cell of the rationale or evidence sheet of ``s``."""
    for oid, r in rows.items():
        for c, _ in s.columns:
            if sheet.skip(r, c.id):
                continue
            raw, at = sheet.get(r, c.id)
            text = cell_text(raw)
            if text is None:
                sheet.problems.add(at, "text", shown(raw))
                continue
            if not check_text(sheet.problems, at, text):
                continue
            value: Any = text
            if kind == "evidence":
                value = tuple(x.strip() for x in text.splitlines() if x.strip())
            edits.append(Edit(kind, (oid, c.id), value, at))
