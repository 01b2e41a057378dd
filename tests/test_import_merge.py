"""The import decides from three ways a value stands (as exported, in the appraisal
now, in the workbook): the rules of workshop.threeway, the three-way view and its
refusal, the revision check between reading and writing, and a workbook of an older
export-xlsx (no record of its export)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT
from openpyxl import load_workbook

import appraisal
from appraisal.cli import main
from appraisal.errors import UsageError
from appraisal.workshop.edits import Edit
from appraisal.workshop.threeway import merge

A, B = ("opt", "focus"), ("opt", "scope")


def _score(target: tuple[str, str], value: float, cell: str = "S!D3") -> Edit:
    return Edit("score", target, (value,), cell)


@pytest.mark.parametrize("exported,now,workbook,made,conflict,kept", [
    (1, 1, 1, None, False, False),   # nothing edited, nothing changed
    (1, 1, 2, 2, False, False),      # edited: made
    (1, 2, 1, None, False, True),    # changed since, not edited: kept, never undone
    (1, 2, 2, None, False, False),   # edited as the appraisal now is: nothing to do
    (1, 2, 3, 3, True, False),       # changed both ways: a conflict
])
def test_the_three_ways_decide_what_is_made(exported: float, now: float, workbook: float,
                                            made: float | None, conflict: bool,
                                            kept: bool) -> None:
    m = merge([_score(A, workbook)], [_score(A, exported)], [_score(A, now)])
    assert [e.value for e in m.edits] == ([] if made is None else [(made,)])
    assert bool(m.conflicts) == conflict and bool(m.kept) == kept
    if conflict:
        seen = m.conflicts[0]
        assert (seen.exported, seen.now, seen.workbook) == ((1,), (2,), (3,))
        assert seen.where == "option opt: scores.focus" and seen.cell == "S!D3"


@pytest.mark.parametrize("kind,value,text", [
    ("score", (3.0,), "3"), ("score", (3.0, None, None), "3"),
    ("score", (3.5, 2.0, None), "3.5 (2 to 3.5)"), ("evidence", ("a", "b"), "a; b"),
    ("evidence", (), "(none)"), ("weight_range", (10.0, 30.0), "10 to 30"),
    ("weight", 20.0, "20"), ("member", (4.0, None), "4"), ("member", (4.0, 6.0), "4 to 6"),
    ("ranking", [["a"], ["b", "c"]], "a > b = c"), ("rationale", "Why", "Why"),
])
def test_values_are_shown_as_people_write_them(kind: str, value: Any, text: str) -> None:
    from appraisal.cli.console_import import value_text

    assert value_text(kind, value) == text


def test_a_value_on_two_sheets_is_one_value() -> None:
    exported = [_score(A, 1, "set1!D3"), _score(A, 1, "set2!D3")]
    one_sheet = [_score(A, 2, "set1!D3"), _score(A, 1, "set2!D3")]
    assert [e.cell for e in merge(one_sheet, exported, exported).edits] == ["set1!D3"]
    # imported again: the other sheet's exported value does not undo the edit
    assert merge(one_sheet, exported, [_score(A, 2)]).edits == []
    alike = [_score(A, 2, "set1!D3"), _score(A, 2, "set2!D3")]
    assert len(merge(alike, exported, exported).edits) == 1
    with pytest.raises(UsageError, match=r"set1!D3 and set2!D3 give option opt: "
                                         r"scores\.focus different values"):
        merge([_score(A, 2, "set1!D3"), _score(A, 3, "set2!D3")], exported, exported)


def test_without_a_record_the_appraisal_stands_for_the_export() -> None:
    m = merge([_score(A, 2), _score(B, 1)], None, [_score(A, 1), _score(B, 1)])
    assert [e.target for e in m.edits] == [A] and not m.conflicts and not m.kept


def test_ranks_are_one_value_the_ranking() -> None:
    def ranks(*order: tuple[str, float]) -> list[Edit]:
        return [Edit("member", ("m", "M", "", "ranking", c, ""), (r, None), f"Members!G{k}")
                for k, (c, r) in enumerate(order, start=3)]

    exported = ranks(("a", 1), ("b", 2), ("c", 3))
    same_order = ranks(("a", 1), ("b", 5), ("c", 9))
    assert merge(same_order, exported, exported).edits == []
    swapped = merge(ranks(("a", 2), ("b", 1), ("c", 3)), exported, exported).edits
    assert [(e.kind, e.value) for e in swapped] == [("ranking", [["b"], ["a"], ["c"]])]


# the command ---------------------------------------------------------------------------

def _cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _set_cell(book: Path, sheet: str, option: str, column: str, value: Any) -> None:
    wb = load_workbook(book)
    ws = wb[sheet]
    cols = {c.value: c.column for c in ws[2]}
    rows = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    ws.cell(row=rows[option], column=cols[column]).value = value
    wb.save(book)


@pytest.fixture()
def exported(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "a"
    root.mkdir()
    for part in ("appraisal.yaml", "criteria", "options", "scenarios", "members"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    book = tmp_path / "scores.xlsx"
    assert _cli("export-xlsx", str(root), "--out", str(book)).exit_code == 0
    return root, book


def _rescore(root: Path, old: str, new: str) -> None:
    """Change the appraisal after the export, as a colleague editing the YAML would."""
    f = root / "options" / "01-continuation.yaml"
    text = f.read_text()
    assert old in text
    f.write_text(text.replace(old, new, 1))


def test_a_value_changed_both_ways_is_refused_showing_all_three(
        exported: tuple[Path, Path]) -> None:
    root, book = exported
    _rescore(root, "  scope:\n    value: 3\n", "  scope:\n    value: 2\n")
    _set_cell(book, "objectives-2018", "continuation", "scope", 4)
    _set_cell(book, "objectives-2018", "continuation", "finance", 1)  # not changed since
    before = (root / "options" / "01-continuation.yaml").read_bytes()
    result = _cli("import-xlsx", str(book), str(root), "--force")
    assert result.exit_code == 2
    assert "The appraisal changed since scores.xlsx was exported (sha256:" in result.output
    assert ("option continuation: scores.scope (objectives-2018!P3): exported 3, now 2, "
            "workbook 4\n") in result.output
    assert "nothing written: 1 value was changed both in the workbook and in the " \
        "appraisal since the export (above); make the workbook agree, or add " \
        "--workbook-wins to write the workbook's" in result.output
    assert (root / "options" / "01-continuation.yaml").read_bytes() == before
    result = _cli("import-xlsx", str(book), str(root), "--force", "--workbook-wins")
    assert result.exit_code == 0, result.output
    o = next(o for o in appraisal.load(root).options if o.id == "continuation")
    assert (o.scores["scope"].value, o.scores["finance"].value) == (4, 1)


def test_a_value_changed_since_the_export_is_kept(exported: tuple[Path, Path]) -> None:
    root, book = exported
    _rescore(root, "  scope:\n    value: 3\n", "  scope:\n    value: 2\n")
    _set_cell(book, "objectives-2018", "continuation", "finance", 1)
    result = _cli("import-xlsx", str(book), str(root), "--force")
    assert result.exit_code == 0, result.output
    assert "1 value changed in the appraisal and not in the workbook (kept as now):\n" \
        "    option continuation: scores.scope: exported 3, now 2\n" in result.output
    o = next(o for o in appraisal.load(root).options if o.id == "continuation")
    assert (o.scores["scope"].value, o.scores["finance"].value) == (2, 1)


def test_files_changed_between_reading_and_writing_are_named_and_nothing_written(
        exported: tuple[Path, Path]) -> None:
    from appraisal.workshop.importing import ChangedError, commit, plan

    root, book = exported
    _set_cell(book, "objectives-2018", "continuation", "finance", 1)
    p = plan(book, root)
    assert p.texts
    _rescore(root, "  scope:\n    value: 3\n", "  scope:\n    value: 2\n")
    (root / "options" / "14-new.yaml").write_text("id: x\n")
    with pytest.raises(ChangedError, match=r"changed while the workbook was read "
                       r"\(options/01-continuation.yaml \(changed\); options/14-new.yaml "
                       r"\(added\)\)"):
        commit(p)
    assert not list((root / "options").glob("*.bak*"))


def test_a_workbook_of_an_older_export_is_read_as_before_with_a_note(
        exported: tuple[Path, Path]) -> None:
    root, book = exported
    wb = load_workbook(book)
    del wb["Exported"]
    wb.custom_doc_props = type(wb.custom_doc_props)()
    wb.save(book)
    _set_cell(book, "objectives-2018", "continuation", "finance", 1)
    result = _cli("import-xlsx", str(book), str(root), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Note: scores.xlsx does not record the values as "
                                    "exported (an older export-xlsx made it)")
    assert "option continuation: scores.finance.value: 0.5 -> 1\n" in result.output


def test_a_changed_record_is_a_problem_naming_its_cell(exported: tuple[Path, Path]) -> None:
    root, book = exported
    wb = load_workbook(book)
    wb["Exported"]["C5"] = "not json"
    wb.save(book)
    result = _cli("import-xlsx", str(book), str(root), "--dry-run")
    assert result.exit_code == 2
    assert "scores.xlsx: Exported!A5: expected the record export-xlsx wrote" in result.output
