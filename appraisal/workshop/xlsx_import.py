"""Read a scoring workbook back (``appraisal import-xlsx``): every cell checked and each
problem located by sheet and cell (``Scores!D7``) with the same "expected ... found ..."
wording as the YAML's, all in one run; the result is a list of :class:`Edit` for
:mod:`.yamledit`.

Refused before any cell is read: a file over :data:`MAX_BYTES`, a file that is not an
xlsx (zip) package, a macro-enabled workbook, a package that would unpack to more than
:data:`MAX_UNPACKED`. Refused cell by cell: formulas, merged cells, text where a number
belongs, numbers off the scale, a range that does not hold its score, control
characters; sheet by sheet: sheets the tool did not write, missing sheets, a missing or
unknown column id in row 2, unknown or missing options.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, InputError, UsageError
from ..input.files import label
from ..input.modelbase import control_in
from ..input.models import Appraisal
from .workbook import (
    FIRST_ROW,
    ID_ROW,
    INSTRUCTIONS,
    MEMBER_COLUMNS,
    MEMBERS,
    WEIGHT_COLUMNS,
    WEIGHTS,
    SetSheets,
    criteria_of,
    grid_ids,
    member_rows,
    scale_of,
    set_sheets,
    text_ids,
)

MAX_BYTES = 16 * 2**20
"""The largest workbook read (the YAML files' own limit)."""
MAX_UNPACKED = 64 * 2**20
"""The most a workbook may unpack to (a zip bomb is refused before it is opened)."""


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


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, where: str, expected: str, found: str) -> None:
        self.items.append(Diagnostic(self.file, 0, 0, where, expected, found))


def _refuse(path: Path, shown: str) -> None:
    """The checks made before the workbook is opened."""
    if not path.is_file():
        raise UsageError(f"no workbook at '{shown}'")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError([Diagnostic(shown, 0, 0, "", f"a workbook of at most "
                                     f"{MAX_BYTES // 2**20} MiB",
                                     f"{size / 2**20:.1f} MiB")])
    if path.suffix.lower() in (".xlsm", ".xltm", ".xlsb", ".xls"):
        raise InputError([Diagnostic(shown, 0, 0, "", "an .xlsx workbook without macros "
                                     "(as export-xlsx writes it)",
                                     f"a {path.suffix} file")])
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename.lower() for i in infos}
            types = z.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        raise InputError([Diagnostic(shown, 0, 0, "", "an .xlsx workbook (as export-xlsx "
                                     "writes it)", "a file that is not one")]) from None
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise InputError([Diagnostic(shown, 0, 0, "", "a workbook without macros",
                                     "a macro-enabled workbook")])
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED or len(infos) > 10_000:
        raise InputError([Diagnostic(shown, 0, 0, "", f"a workbook that unpacks to at most "
                                     f"{MAX_UNPACKED // 2**20} MiB",
                                     f"{unpacked / 2**20:.0f} MiB in {len(infos)} parts")])


def _text(value: Any) -> str | None:
    """A text cell's text ('' for an empty cell); None when the cell is not text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _as_float(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return None


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{value[:60]}'"
    return repr(value).lower() if isinstance(value, bool) else str(value)


class _Sheet:
    """One worksheet read as a grid keyed by the ids of row 2."""

    def __init__(self, ws: Any, problems: _Problems, expected: list[str]) -> None:
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
                        cell.value not in (None, "") and outside < 5:
                    outside += 1  # it would be lost: say so (the first few)
                    problems.add(self.at(cell.row, cell.column), "nothing outside the "
                                 "columns the tool wrote (this column has no id in row 2)",
                                 _shown(cell.value))

    def at(self, row: int, col: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.title}!{get_column_letter(col)}{row}"

    def rows(self) -> list[int]:
        return [r for r in range(FIRST_ROW, self.ws.max_row + 1)
                if any(self.ws.cell(row=r, column=c).value not in (None, "")
                       for c in self.columns.values())]

    def skip(self, row: int, key: str) -> bool:
        """Whether the cell is already reported: its column is missing, or it holds a
        formula."""
        col = self.columns.get(key)
        return col is None or (row, col) in self.formulas

    def get(self, row: int, key: str) -> tuple[Any, str]:
        col = self.columns.get(key)
        if col is None:
            return None, ""
        cell = self.ws.cell(row=row, column=col)
        value = None if cell.data_type == "f" else cell.value
        return value, self.at(row, col)


def _options(sheet: _Sheet, a: Appraisal) -> dict[str, int]:
    """Option id -> row; unknown, repeated and missing options are problems."""
    known = {o.id for o in a.options}
    out: dict[str, int] = {}
    for r in sheet.rows():
        value, at = sheet.get(r, "option")
        oid = _text(value)
        if not oid or oid not in known:
            sheet.problems.add(at, "the id of one of the appraisal's options",
                               _shown(value))
        elif oid in out:
            sheet.problems.add(at, "each option once", f"'{oid}' again")
        else:
            out[oid] = r
    for o in a.options:
        if o.id not in out:
            sheet.problems.add(f"{sheet.title}!A:A", f"a row for option '{o.id}'", "none")
    return out



def _check_text(problems: _Problems, at: str, text: str) -> bool:
    bad = control_in(text)
    if bad is not None:
        problems.add(at, "text without control characters",
                     f"the control character U+{ord(bad):04X}")
        return False
    return True


def _scores(sheet: _Sheet, a: Appraisal, s: SetSheets, rows: dict[str, int],
            edits: list[Edit]) -> None:
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
                number = _number(raw)
                if number is None or not lo_s <= number <= hi_s:
                    hint = " (a number stored as text?)" if isinstance(raw, str) and \
                        _number(_as_float(raw)) is not None else ""
                    sheet.problems.add(at, f"a score from {lo_s:g} to {hi_s:g}, the scale "
                                       f"of criterion '{c.id}'", _shown(raw) + hint)
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


def _texts(sheet: _Sheet, s: SetSheets, rows: dict[str, int], edits: list[Edit],
           kind: str) -> None:
    for oid, r in rows.items():
        for c, _ in s.columns:
            if sheet.skip(r, c.id):
                continue
            raw, at = sheet.get(r, c.id)
            text = _text(raw)
            if text is None:
                sheet.problems.add(at, "text", _shown(raw))
                continue
            if not _check_text(sheet.problems, at, text):
                continue
            value: Any = text
            if kind == "evidence":
                value = tuple(x.strip() for x in text.splitlines() if x.strip())
            edits.append(Edit(kind, (oid, c.id), value, at))


def _weights(sheet: _Sheet, a: Appraisal, edits: list[Edit]) -> None:
    known = {(cs.id, c.id): (cs, c) for cs in a.criteria for c, _ in criteria_of(cs)}
    seen: set[tuple[str, str]] = set()
    for r in sheet.rows():
        set_raw, _ = sheet.get(r, "set")
        crit_raw, at_crit = sheet.get(r, "criterion")
        key = (_text(set_raw) or "", _text(crit_raw) or "")
        if key not in known:
            sheet.problems.add(at_crit, "a criteria set and one of its criteria",
                               f"{_shown(set_raw)} and {_shown(crit_raw)}")
            continue
        seen.add(key)
        cs, c = known[key]
        weight, at_w = sheet.get(r, "weight")
        derived = any(w.group == (p or None) for w in cs.weighting
                      for cc, p in criteria_of(cs) if cc.id == c.id)
        if derived:
            if weight != "derived":
                sheet.problems.add(at_w, "'derived' (this group's weights come from the "
                                   "board's weighting in the criteria file)", _shown(weight))
        else:
            number = _number(weight)
            if number is None or number < 0:
                sheet.problems.add(at_w, "a raw weight: a number of 0 or more",
                                   _shown(weight))
            else:
                edits.append(Edit("weight", key, number, at_w))
        why, at_why = sheet.get(r, "weight_rationale")
        text = _text(why)
        if text is None:
            sheet.problems.add(at_why, "text", _shown(why))
        elif _check_text(sheet.problems, at_why, text):
            edits.append(Edit("weight_rationale", key, text, at_why))
        lo_raw, at_lo = sheet.get(r, "range_low")
        hi_raw, _ = sheet.get(r, "range_high")
        if lo_raw in (None, "") and hi_raw in (None, ""):
            edits.append(Edit("weight_range", key, None, at_lo))
            continue
        lo, hi = _number(lo_raw), _number(hi_raw)
        w = _number(weight) if not derived else None
        if lo is None or hi is None or lo < 0 or lo > hi or (w is not None and not
                                                               lo <= w <= hi):
            sheet.problems.add(at_lo, "the lowest and highest acceptable raw weight, with "
                               "lowest <= weight <= highest (or both blank)",
                               f"{_shown(lo_raw)} and {_shown(hi_raw)}")
            continue
        edits.append(Edit("weight_range", key, (lo, hi), at_lo))
    for key in known:
        if key not in seen:
            sheet.problems.add(f"{sheet.title}!B:B", f"a row for criterion '{key[1]}' of "
                               f"set '{key[0]}'", "none")


def _members(sheet: _Sheet, a: Appraisal, edits: list[Edit]) -> None:
    expected = {tuple("" if x is None else str(x) for x in row[:6]): row
                for row in member_rows(a)}
    seen: set[tuple[str, ...]] = set()
    for r in sheet.rows():
        key = tuple(_text(sheet.get(r, k)[0]) or "" for k in MEMBER_COLUMNS[:6])
        value, at = sheet.get(r, "value")
        high, at_high = sheet.get(r, "value_high")
        if key not in expected:
            sheet.problems.add(sheet.at(r, 1), "a row the tool wrote (member, group, method, "
                               "criterion and other unchanged)", ", ".join(key[:5]))
            continue
        seen.add(key)
        number, top = _number(value), _number(high)
        method = key[3]
        if number is None or number < 0 or (method.startswith("pairwise") and not
                                            1 / 9 - 1e-9 <= number <= 9 + 1e-9):
            sheet.problems.add(at, "a number: points of 0 or more, a rank from 1, or a "
                               "judgement from 1/9 to 9", _shown(value))
            continue
        if high not in (None, "") and (top is None or top < number):
            sheet.problems.add(at_high, "the top of the points range, at least the value",
                               _shown(high))
            continue
        if method == "pairwise (matrix)":
            if number != expected[key][6]:
                sheet.problems.add(at, "the judgement unchanged (a matrix of judgements is "
                                   "edited in the member's YAML file)", _shown(value))
            continue
        edits.append(Edit("member", key, (number, top), at))
    for key in expected:
        if key not in seen:
            sheet.problems.add(f"{sheet.title}!A:A", "a row for " + ", ".join(k for k in key
                                                                              if k), "none")


def read_edits(path: str | Path, a: Appraisal) -> list[Edit]:
    """Every value of the workbook at ``path`` for appraisal ``a``; raises
    :class:`InputError` listing every problem by sheet and cell."""
    from openpyxl import load_workbook

    file = Path(path)
    shown = label(file)
    _refuse(file, shown)
    problems = _Problems(shown)
    try:
        wb = load_workbook(file, data_only=False, keep_vba=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise InputError([Diagnostic(shown, 0, 0, "", "a readable .xlsx workbook",
                                     f"one openpyxl cannot read ({type(exc).__name__})")]
                         ) from None
    sheets = set_sheets(a)
    wanted = [INSTRUCTIONS, *(n for s in sheets for n in (s.scores, s.rationale,
                                                          s.evidence)), WEIGHTS]
    if a.members:
        wanted.append(MEMBERS)
    recorded = wb.properties.title or ""
    grids = {n for s in sheets for n in (s.scores, s.rationale, s.evidence)}
    if recorded and recorded != a.title and not grids & set(wb.sheetnames):
        raise UsageError(f"'{shown}' was exported from the appraisal '{recorded[:60]}', not "
                         f"from '{a.title[:60]}': name the appraisal it came from")
    for title in wb.sheetnames:
        if title not in wanted:
            problems.add(title, "only the sheets export-xlsx wrote: " + ", ".join(wanted),
                         f"a sheet '{title[:40]}'")
    edits: list[Edit] = []
    for s in sheets:
        for title, ids, kind in ((s.scores, grid_ids(s), "score"),
                                 (s.rationale, text_ids(s), "rationale"),
                                 (s.evidence, text_ids(s), "evidence")):
            if title not in wb.sheetnames:
                problems.add(title, f"the sheet '{title}'", "none")
                continue
            sheet = _Sheet(wb[title], problems, ids)
            rows = _options(sheet, a)
            if kind == "score":
                _scores(sheet, a, s, rows, edits)
            else:
                _texts(sheet, s, rows, edits, kind)
    for title, columns, reader in ((WEIGHTS, WEIGHT_COLUMNS, _weights),
                                   (MEMBERS, MEMBER_COLUMNS, _members)):
        if title == MEMBERS and not a.members:
            continue
        if title not in wb.sheetnames:
            problems.add(title, f"the sheet '{title}'", "none")
            continue
        reader(_Sheet(wb[title], problems, list(columns)), a, edits)
    if problems.items:
        raise InputError(problems.items)
    return edits


def recorded_source(path: str | Path) -> Path | None:
    """The appraisal a workbook was exported from (its ``appraisal-path`` property,
    relative to the workbook's folder), or None: none recorded, or the bundled
    example."""
    import re

    file = Path(path)
    try:
        with zipfile.ZipFile(file) as z:
            custom = z.read("docProps/custom.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    found = re.search(r'name="appraisal-path"[^>]*>\s*<vt:lpwstr[^>]*>([^<]*)</vt:lpwstr>',
                      custom)
    if found is None or found.group(1) in ("", "-"):
        return None
    import html

    return file.parent / html.unescape(found.group(1))
