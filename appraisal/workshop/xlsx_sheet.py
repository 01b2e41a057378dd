"""One worksheet of a returned workbook, read as a grid keyed by the ids of its row 2,
and the problems found in it, each located by sheet and cell (``Scores!D7``) with the
same "expected ... found ..." wording as the YAML's.

Reading a sheet reports, once each: merged cells, a column id given twice or unknown, a
missing column, every formula (its cell is then skipped by the readers; an array
formula is named as one, with the cells it fills) and the first few values typed
outside the tool's columns (they would be lost). A sheet is read streaming, keeping
only the cells that hold something.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from ..errors import Diagnostic
from ..input.files import printable
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
    characters), or the value; safe to print (control characters escaped)."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{printable(value[:60])}'"
    return repr(value).lower() if isinstance(value, bool) else printable(str(value))


def check_text(problems: Problems, at: str, text: str) -> bool:
    """Whether ``text`` holds no control character; a problem at ``at`` when it does."""
    bad = control_in(text)
    if bad is not None:
        problems.add(at, "text without control characters",
                     f"the control character U+{ord(bad):04X}")
        return False
    return True


def formula_text(value: Any) -> str:
    """A formula as a problem shows it: its text (at most 40 characters), an array
    formula with the cells it fills, a data table named as one."""
    if isinstance(value, ArrayFormula):
        return f"an array formula ({str(value.text)[:40]} over {str(value.ref)[:20]})"
    if isinstance(value, DataTableFormula):
        return f"a data table formula (over {str(value.ref)[:20]})"
    return f"a formula ({str(value)[:40]})"


def read_cells(ws: Any, problems: Problems) -> dict[tuple[int, int], tuple[Any, bool]]:
    """Every cell of a streaming (read-only) worksheet holding something, as
    (row, column) -> (value, whether a formula), in one pass: the empty cells the
    reader pads rows with are never kept. The sheet is bounded already
    (:mod:`.xlsx_scan`), so the pass is too."""
    cells: dict[tuple[int, int], tuple[Any, bool]] = {}
    ws.reset_dimensions()  # the declared size is not trusted: the cells are read
    try:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[cell.row, cell.column] = (cell.value, cell.data_type == "f")
    except Exception as exc:  # openpyxl raises many kinds for a damaged sheet
        problems.add(ws.title, "a readable sheet",
                     f"one openpyxl cannot read ({type(exc).__name__})")
    return cells


class Sheet:
    """One worksheet read as a grid keyed by the ids of row 2 (``expected``: the ids the
    tool wrote); reading it records the sheet's own problems (see the module). Only the
    cells holding something are kept, so nothing here costs more than the cells the
    sheet holds. ``merged``: the sheet's merged ranges (from :mod:`.xlsx_scan`)."""

    def __init__(self, ws: Any, merged: tuple[str, ...], problems: Problems,
                 expected: list[str]) -> None:
        self.title = printable(ws.title)
        self.problems = problems
        for ref in merged:
            problems.add(f"{self.title}!{ref}", "cells that are not merged", "merged cells")
        self.cells = read_cells(ws, problems)
        self.columns: dict[str, int] = {}
        for (r, c), (value, _) in sorted(self.cells.items()):
            if r != ID_ROW:
                continue
            key = str(value).strip()
            if key in self.columns:
                problems.add(self.at(ID_ROW, c), "each column id once", f"'{key[:40]}' again")
            elif key not in expected:
                problems.add(self.at(ID_ROW, c), "one of the column ids the tool "
                             "wrote: " + ", ".join(expected[:8])
                             + (", ..." if len(expected) > 8 else ""), f"'{key[:40]}'")
            self.columns[key] = c
        for key in expected:
            if key not in self.columns:
                problems.add(f"{self.title}!{ID_ROW}:{ID_ROW}",
                             f"a column with the id '{key}' in row {ID_ROW}", "none")
        self.formulas: set[tuple[int, int]] = set()
        known = set(self.columns.values())
        outside = 0
        for (r, c), (value, formula) in sorted(self.cells.items()):
            if formula:
                self.formulas.add((r, c))
                problems.add(self.at(r, c), "a value", formula_text(value))
            elif c not in known and r >= ID_ROW and value != "" and \
                    outside < OUTSIDE_SHOWN:
                outside += 1  # it would be lost: say so (the first few)
                problems.add(self.at(r, c), "nothing outside the columns the tool wrote "
                             "(this column has no id in row 2)", shown(value))

    def at(self, row: int, col: int) -> str:
        """The cell's reference, ``Sheet!B7``."""
        return f"{self.title}!{get_column_letter(col)}{row}"

    def rows(self) -> list[int]:
        """The data rows (from :data:`FIRST_ROW`) with a value in one of the tool's
        columns, in order."""
        known = set(self.columns.values())
        return sorted({r for (r, c), (value, _) in self.cells.items()
                       if r >= FIRST_ROW and c in known and value != ""})

    def skip(self, row: int, key: str) -> bool:
        """Whether the cell is already reported: its column is missing, or it holds a
        formula."""
        col = self.columns.get(key)
        return col is None or (row, col) in self.formulas

    def get(self, row: int, key: str) -> tuple[Any, str]:
        """The value of column ``key`` in ``row`` (None for a formula or an empty cell)
        and its cell reference; (None, "") when the column is missing."""
        col = self.columns.get(key)
        if col is None:
            return None, ""
        value, formula = self.cells.get((row, col), (None, False))
        return (None if formula else value), self.at(row, col)
