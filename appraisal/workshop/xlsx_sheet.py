"""One worksheet of a returned workbook, read as a grid keyed by the ids of its row 2,
and the problems found in it, each located by sheet and cell (``Scores!D7``) with the
same "expected ... found ..." wording as the YAML's.

Reading a sheet reports, once each: merged cells, a column id given twice or unknown, a
missing column, every formula (its cell is then skipped by the readers) and the first
few values typed outside the tool's columns (they would be lost).
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from ..errors import Diagnostic
from ..input.modelbase import control_in
from .workbook import FIRST_ROW, ID_ROW

OUTSIDE_SHOWN = 5
"""Values typed outside the tool's columns reported at most, per sheet."""


class Problems:
    """The problems of one workbook (named ``file``), in the order found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, where: str, expected: str, found: str) -> None:
        """Record a problem at ``where`` (a sheet, a cell or a range)."""
        self.items.append(Diagnostic(self.file, 0, 0, where, expected, found))


def cell_text(value: Any) -> str | None:
    """A text cell's text, stripped ('' for an empty cell, a number as ``%g``); None
    when the cell holds something else (a date, a boolean)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    return None


def cell_number(value: Any) -> float | None:
    """A number cell's number; None for anything else (text, a boolean, nothing)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def as_float(text: str) -> float | None:
    """``text`` read as a number, or None (to point out a number stored as text)."""
    try:
        return float(text.strip())
    except ValueError:
        return None


def shown(value: Any) -> str:
    """A cell's value as a problem shows it: 'nothing', a quoted text (at most 60
    characters), or the value."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{value[:60]}'"
    return repr(value).lower() if isinstance(value, bool) else str(value)


def check_text(problems: Problems, at: str, text: str) -> bool:
    """Whether ``text`` holds no control character; a problem at ``at`` when it does."""
    bad = control_in(text)
    if bad is not None:
        problems.add(at, "text without control characters",
                     f"the control character U+{ord(bad):04X}")
        return False
    return True


class Sheet:
    """One worksheet read as a grid keyed by the ids of row 2 (``expected``: the ids the
    tool wrote); reading it records the sheet's own problems (see the module)."""

    def __init__(self, ws: Any, problems: Problems, expected: list[str]) -> None:
        self.title = ws.title
        self.ws = ws
        self.problems = problems
        for rng in ws.merged_cells.ranges:
            problems.add(f"{self.title}!{rng.coord}", "cells that are not merged",
                         "merged cells")
        self.columns: dict[str, int] = {}
        for cell in ws[ID_ROW]:
            if cell.value is None:
                continue
            key = str(cell.value).strip()
            if key in self.columns:
                problems.add(self.at(ID_ROW, cell.column), "each column id once",
                             f"'{key}' again")
            elif key not in expected:
                problems.add(self.at(ID_ROW, cell.column), "one of the column ids the tool "
                             "wrote: " + ", ".join(expected[:8])
                             + (", ..." if len(expected) > 8 else ""), f"'{key[:40]}'")
            self.columns[key] = cell.column
        for key in expected:
            if key not in self.columns:
                problems.add(f"{self.title}!{ID_ROW}:{ID_ROW}",
                             f"a column with the id '{key}' in row {ID_ROW}", "none")
        self.formulas: set[tuple[int, int]] = set()
        known = set(self.columns.values())
        outside = 0
        for row in ws.iter_rows(min_row=1):
            for cell in row:
                if cell.data_type == "f":
                    self.formulas.add((cell.row, cell.column))
                    problems.add(self.at(cell.row, cell.column), "a value",
                                 f"a formula ({str(cell.value)[:40]})")
                elif cell.column not in known and cell.row >= ID_ROW and \
                        cell.value not in (None, "") and outside < OUTSIDE_SHOWN:
                    outside += 1  # it would be lost: say so (the first few)
                    problems.add(self.at(cell.row, cell.column), "nothing outside the "
                                 "columns the tool wrote (this column has no id in row 2)",
                                 shown(cell.value))

    def at(self, row: int, col: int) -> str:
        """The cell's reference, ``Sheet!B7``."""
        return f"{self.title}!{get_column_letter(col)}{row}"

    def rows(self) -> list[int]:
        """The data rows (from :data:`FIRST_ROW`) with a value in one of the tool's
        columns."""
        return [r for r in range(FIRST_ROW, self.ws.max_row + 1)
                if any(self.ws.cell(row=r, column=c).value not in (None, "")
                       for c in self.columns.values())]

    def skip(self, row: int, key: str) -> bool:
        """Whether the cell is already reported: its column is missing, or it holds a
        formula."""
        col = self.columns.get(key)
        return col is None or (row, col) in self.formulas

    def get(self, row: int, key: str) -> tuple[Any, str]:
        """The value of column ``key`` in ``row`` (None for a formula) and its cell
        reference; (None, "") when the column is missing."""
        col = self.columns.get(key)
        if col is None:
            return None, ""
        cell = self.ws.cell(row=row, column=col)
        value = None if cell.data_type == "f" else cell.value
        return value, self.at(row, col)
