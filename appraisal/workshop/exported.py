"""What a workbook records of its export: the input digest of the appraisal it came
from (the document property ``appraisal-digest``) and every value as exported (the
hidden sheet ``Exported``), so that import-xlsx can tell a cell the workshop edited
from a value the appraisal changed since, and show the three ways a value stands
(exported, now, in the workbook: :mod:`.threeway`).

The values recorded are exactly those import-xlsx reads back from the workbook as
exported (:func:`.xlsx_export.values_of`), so an unedited cell always equals its
record. Each row of the sheet holds a value's kind, its target and its value, both as
JSON (ASCII only; a value longer than a cell holds continues in the next columns). The
sheet is very hidden (a spreadsheet shows it to macros only); a row that is no longer as
written is a problem naming its cell, never guessed at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .edits import Edit
from .workbook import DIGEST_PROPERTY, EXPORTED
from .xlsx_sheet import Problems

CHUNK = 32_000
"""The most characters of JSON a cell of the record holds (a cell holds 32,767)."""
KINDS = ("score", "rationale", "evidence", "weight", "weight_rationale", "weight_range",
         "member")


@dataclass(frozen=True)
class Record:
    """A workbook's record of its export: the appraisal's input digest then (None when
    not recorded) and every value as exported (None when the workbook has no record of
    them: one from an older export-xlsx)."""

    digest: str | None
    values: list[Edit] | None


def add_record(wb: Any, values: list[Edit], digest: str) -> None:
    """Record ``digest`` and ``values`` (what import-xlsx reads from ``wb`` as it
    stands) in the openpyxl workbook ``wb``."""
    from openpyxl.packaging.custom import StringProperty

    wb.custom_doc_props.append(StringProperty(name=DIGEST_PROPERTY, value=digest))
    ws = wb.create_sheet(EXPORTED)
    ws.sheet_state = "veryHidden"
    ws.append(["kind", "target", "value (the workbook as exported; not to be edited)"])
    for e in values:
        text = json.dumps(e.value)
        ws.append([e.kind, json.dumps(list(e.target)),
                   *(text[i:i + CHUNK] for i in range(0, max(len(text), 1), CHUNK))])


def _digest(wb: Any) -> str | None:
    for prop in wb.custom_doc_props:
        if prop.name == DIGEST_PROPERTY and isinstance(prop.value, str):
            return prop.value[:100]
    return None


def _edit(row: tuple[Any, ...], at: str) -> Edit | None:
    """The value a row of the record holds, or None when the row is not as written."""
    kind, target = (*row, None, None)[:2]
    rest = row[2:]
    if kind not in KINDS or not isinstance(target, str) or not rest or not all(
            isinstance(x, str) or x is None for x in rest):
        return None
    try:
        parts = json.loads(target)
        value = json.loads("".join(x for x in rest if x is not None))
    except ValueError:
        return None
    if not isinstance(parts, list) or not all(isinstance(x, str) for x in parts):
        return None
    return Edit(str(kind), tuple(parts), value, at)


def read_record(wb: Any, problems: Problems) -> Record | None:
    """The record of the open workbook ``wb`` (None: it records nothing); a row of the
    record that is not as written is added to ``problems``."""
    digest = _digest(wb)
    if EXPORTED not in wb.sheetnames:
        return None if digest is None else Record(digest, None)
    values: list[Edit] = []
    for r, row in enumerate(wb[EXPORTED].iter_rows(min_row=2, values_only=True), start=2):
        if not any(x is not None for x in row):
            continue
        e = _edit(tuple(row), f"{EXPORTED}!A{r}")
        if e is None:
            problems.add(f"{EXPORTED}!A{r}", "the record export-xlsx wrote (a hidden sheet "
                         "of the values as exported, never to be edited)", "a changed row")
            return Record(digest, None)
        values.append(e)
    return Record(digest, values)
