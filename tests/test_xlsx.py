"""The scoring workbook: export, edit, import back. A round trip with no edits changes no
byte; edits change only their values (comments and key order kept); hostile workbooks
are refused with cell references, every problem in one run."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import builders
import pytest
from click.testing import CliRunner
from conftest import ROOT
from openpyxl import load_workbook

import appraisal
from appraisal.cli import main
from appraisal.errors import InputError
from appraisal.workshop.xlsx_export import workbook_bytes
from appraisal.workshop.xlsx_import import read_edits

PARTS = ("appraisal.yaml", "criteria", "options", "scenarios", "members")


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "appraisal"
    root.mkdir()
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _cell(wb: Any, sheet: str, option: str, column: str) -> Any:
    ws = wb[sheet]
    cols = {c.value: c.column for c in ws[2]}
    rows = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    return ws.cell(row=rows[option], column=cols[column])


def test_round_trip_without_edits_changes_no_byte(copy: Path, tmp_path: Path) -> None:
    before = _snapshot(copy)
    book = tmp_path / "scores.xlsx"
    assert _cli("export-xlsx", str(copy), "--out", str(book)).exit_code == 0
    result = _cli("import-xlsx", str(book), str(copy), "--force")
    assert result.exit_code == 0, result.output
    assert "No changes" in result.output
    assert _snapshot(copy) == before
    # the same appraisal gives the same workbook, byte for byte
    again = tmp_path / "again.xlsx"
    assert _cli("export-xlsx", str(copy), "--out", str(again)).exit_code == 0
    assert again.read_bytes() == book.read_bytes()


def test_layout_scale_validation_and_print_setup(tmp_path: Path) -> None:
    a = appraisal.load()
    wb = load_workbook(io.BytesIO(workbook_bytes(a)))
    assert wb.sheetnames == ["Instructions", "key-principles-2017",
                             "key-principles-2017 rationale", "key-principles-2017 evidence",
                             "objectives-2018", "objectives-2018 rationale",
                             "objectives-2018 evidence", "Weights", "Members", "Exported"]
    # the record of the export: hidden from people, the digest of the appraisal beside it
    assert [w.sheet_state for w in wb.worksheets][-2:] == ["visible", "veryHidden"]
    assert {p.name: p.value for p in wb.custom_doc_props}["appraisal-digest"] == \
        a.input_digest
    ws = wb["key-principles-2017"]
    heads = [c.value for c in ws[1]]
    assert "Market maturity risk (0 to 5) (cost: a higher score is worse)" in heads
    assert "Operational independence (0 to 5; gate 1)" in heads
    assert "focus:low" in [c.value for c in ws[2]]  # ranges used: low/high columns
    assert ws.freeze_panes == "D3"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 8
    rules = {str(dv.sqref): (dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    assert any(v == ("0", "5") for v in rules.values())
    assert _cell(wb, "key-principles-2017", "council-company", "focus").value == 4
    assert _cell(wb, "key-principles-2017 evidence", "council-company", "focus").value == (
        "Cabinet 28 September 2017, ADM report Appendix 2, option 9\n"
        "Cabinet 28 September 2017, ADM report, para 17")


def test_edits_change_only_their_values_and_keep_comments(copy: Path, tmp_path: Path) -> None:
    book = tmp_path / "scores.xlsx"
    book.write_bytes(workbook_bytes(appraisal.load(copy)))
    wb = load_workbook(book)
    _cell(wb, "key-principles-2017", "council-company", "focus").value = 4.5
    _cell(wb, "key-principles-2017", "council-company", "focus:high").value = 5
    _cell(wb, "key-principles-2017 rationale", "council-company", "market").value = \
        "Agreed at the workshop of 14 November."
    _cell(wb, "key-principles-2017 evidence", "council-company", "market").value = \
        "Cabinet 28 September 2017, ADM report Appendix 2, option 9\nWorkshop notes"
    weights = wb["Weights"]
    for r in range(3, weights.max_row + 1):
        if [weights.cell(row=r, column=c).value for c in (1, 2)] == \
                ["key-principles-2017", "scope"]:
            weights.cell(row=r, column=5).value = 7
    wb.save(book)
    before = _snapshot(copy)
    dry = _cli("import-xlsx", str(book), str(copy), "--dry-run")
    assert dry.exit_code == 0 and "+    value: 4.5" in dry.output
    assert "--- a/options/09-council-company.yaml" in dry.output
    assert _snapshot(copy) == before  # a dry run writes nothing
    refused = _cli("import-xlsx", str(book), str(copy))
    assert refused.exit_code == 2 and "use --force" in refused.output
    assert _cli("import-xlsx", str(book), str(copy), "--force").exit_code == 0
    after = _snapshot(copy)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == ["criteria/key-principles-2017.yaml",
                       "criteria/key-principles-2017.yaml.bak",
                       "options/09-council-company.yaml",
                       "options/09-council-company.yaml.bak"]
    assert after["options/09-council-company.yaml.bak"] == \
        before["options/09-council-company.yaml"]
    old = before["options/09-council-company.yaml"].decode().splitlines()
    new = after["options/09-council-company.yaml"].decode().splitlines()
    assert new[:4] == old[:4] and new[0].startswith("# Option 9")  # comments kept
    from appraisal.workshop.textdiff import unified_diff

    diff = unified_diff("\n".join(old) + "\n", "\n".join(new) + "\n", "o").splitlines()[2:]
    removed = [x for x in diff if x.startswith("-")]
    added = [x for x in diff if x.startswith("+")]
    assert len(removed) == 3 and len(added) == 4  # value, high, rationale; + a source
    a = appraisal.load(copy)
    s = a.options[8].scores
    assert (s["focus"].value, s["focus"].high) == (4.5, 5)
    assert s["market"].evidence == ("Cabinet 28 September 2017, ADM report Appendix 2, "
                                    "option 9", "Workshop notes")
    assert next(c for c in a.criteria[0].criteria if c.id == "scope").weight == 7
    # the workbook of the edited appraisal holds the edits: no loss either way
    again = load_workbook(io.BytesIO(workbook_bytes(a)))
    assert _cell(again, "key-principles-2017", "council-company", "focus").value == 4.5


def _hostile(book: Path, change: Any) -> str:
    wb = load_workbook(book)
    change(wb)
    wb.save(book)
    with pytest.raises(InputError) as caught:
        read_edits(book, appraisal.load())
    return str(caught.value)


@pytest.fixture()
def book(tmp_path: Path) -> Path:
    path = tmp_path / "scores.xlsx"
    path.write_bytes(workbook_bytes(appraisal.load()))
    return path


def test_hostile_workbooks_every_problem_by_cell(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["key-principles-2017"]
        cols = {c.value: c.column for c in ws[2]}
        ws.cell(row=3, column=cols["focus"]).value = "=1+1"          # a formula
        ws.cell(row=4, column=cols["focus"]).value = "four"           # text for a number
        ws.cell(row=5, column=cols["focus"]).value = 7                # off the scale
        ws.cell(row=6, column=cols["focus"]).value = True             # a boolean
        ws.merge_cells("D8:E8")                                       # merged cells
        ws.cell(row=2, column=cols["market"]).value = "markets"      # a renamed column id
        wb.create_sheet("Notes")                                      # an extra sheet
        del wb["objectives-2018 evidence"]                           # a missing sheet
        r = wb["key-principles-2017 rationale"]
        r.cell(row=3, column=4).value = "abc\u202edcba"             # a bidi override

    text = _hostile(book, change)
    for fragment in ("key-principles-2017!D3: expected a value; found a formula (=1+1)",
                     "key-principles-2017!D4: expected a score from 0 to 5, the scale of "
                     "criterion 'focus'; found 'four'",
                     "key-principles-2017!D5: expected a score from 0 to 5",
                     "found true",
                     "key-principles-2017!D8:E8: expected cells that are not merged",
                     "expected a column with the id 'market' in row 2; found none",
                     "found 'markets'",
                     "Notes: expected only the sheets export-xlsx wrote",
                     "objectives-2018 evidence: expected the sheet 'objectives-2018 "
                     "evidence'; found none",
                     "key-principles-2017 rationale!D3: expected text without control "
                     "characters; found the control character U+202E"):
        assert fragment in text, fragment


def test_unknown_and_missing_options_and_ranges(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["key-principles-2017"]
        cols = {c.value: c.column for c in ws[2]}
        ws.cell(row=3, column=1).value = "nobody"
        ws.cell(row=4, column=cols["focus:low"]).value = 5  # low above the score

    text = _hostile(book, change)
    assert "key-principles-2017!A3: expected the id of one of the appraisal's options; " \
        "found 'nobody'" in text
    assert "key-principles-2017!A:A: expected a row for option 'continuation'" in text
    assert "expected lowest <= score <= highest" in text


def test_refused_before_opening(tmp_path: Path) -> None:
    a = appraisal.load()
    macro = tmp_path / "scores.xlsm"
    macro.write_bytes(workbook_bytes(a))
    with pytest.raises(InputError, match="without macros"):
        read_edits(macro, a)
    vba = tmp_path / "vba.xlsx"
    data = io.BytesIO(workbook_bytes(a))
    with zipfile.ZipFile(data, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\0" * 10)
    vba.write_bytes(data.getvalue())
    with pytest.raises(InputError, match="a macro-enabled workbook"):
        read_edits(vba, a)
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as fh:
        fh.truncate(100 * 2**20)  # 100 MB, sparse
    with pytest.raises(InputError, match=re.escape("at most 16 MiB; found 100.0 MiB")):
        read_edits(big, a)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (80 * 2**20))
    with pytest.raises(InputError, match="unpacks to at most 64 MiB"):
        read_edits(bomb, a)
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(InputError, match=re.escape("an .xlsx workbook")):
        read_edits(text, a)


def test_export_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    out.write_bytes(b"keep me")
    result = _cli("export-xlsx", "--out", str(out))
    assert result.exit_code == 2 and "use --force" in result.output
    assert out.read_bytes() == b"keep me"


def test_members_points_and_rankings_come_back(copy: Path, tmp_path: Path) -> None:
    book = tmp_path / "scores.xlsx"
    book.write_bytes(workbook_bytes(appraisal.load(copy)))
    wb = load_workbook(book)
    ws = wb["Members"]
    for r in range(3, ws.max_row + 1):
        member, crit = ws.cell(row=r, column=1).value, ws.cell(row=r, column=5).value
        if member == "director" and crit == "market":
            ws.cell(row=r, column=7).value = 25          # a swing point
            ws.cell(row=r, column=8).value = 35          # now a range 25-35
        if member == "chief-finance-officer" and crit in ("finance", "market"):
            ws.cell(row=r, column=7).value = 1           # finance and market ranked equal
    wb.save(book)
    result = _cli("import-xlsx", str(book), str(copy), "--force")
    assert result.exit_code == 0, result.output
    a = appraisal.load(copy)
    director = a.member("director").weighting[0]
    assert director.points["market"] == (25.0, 35.0)
    cfo = a.member("chief-finance-officer").weighting[0]
    assert cfo.tiers[0] == ("finance", "market") and cfo.tiers[1] == ("focus", "improvement")
    text = (copy / "members" / "03-chief-finance-officer.yaml").read_text()
    assert text.startswith("# Illustrative: one board member's view")  # comments kept


def test_single_file_round_trip_keeps_flow_style_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text("# A single-file appraisal\ntitle: Single file\ncriteria:\n"
                    "  - {id: q, name: Quality, weight: 2}   # the main one\n"
                    "  - {id: c, name: Cost, weight: 1, direction: cost}\n"
                    "options:\n  - id: a\n    name: A\n    scores: {q: 1, c: 2}\n"
                    "  - id: b\n    name: B\n    scores:\n      q: {value: 3, rationale: Good}\n"
                    "      c: 4\n")
    before = path.read_text()
    book = tmp_path / "one.xlsx"
    assert _cli("export-xlsx", str(path), "--out", str(book)).exit_code == 0
    assert "No changes" in _cli("import-xlsx", str(book), str(path)).output
    wb = load_workbook(book)
    wb["Scores"].cell(row=3, column=4).value = 2
    wb["Weights"].cell(row=3, column=5).value = 3
    wb.save(book)
    assert _cli("import-xlsx", str(book), str(path), "--force").exit_code == 0
    after = path.read_text()
    assert after == before.replace("weight: 2}", "weight: 3}").replace("{q: 1, c: 2}",
                                                                         "{q: 2, c: 2}")


def test_found_by_a_new_user(copy: Path, tmp_path: Path) -> None:
    """The workbook names its appraisal (import's default); another appraisal's workbook
    is said so in one line; a note beside the grid is refused, not lost; a formula is
    reported once; a second import keeps the first backup."""
    book = tmp_path / "scores.xlsx"
    assert _cli("export-xlsx", str(copy), "--out", str(book)).exit_code == 0
    wb = load_workbook(book)
    ws = wb["key-principles-2017"]
    ws.cell(row=3, column=ws.max_column + 2).value = "remember to ask finance"
    ws.cell(row=4, column=4).value = "=2+2"
    wb.save(book)
    result = _cli("import-xlsx", str(book))  # no PATH: the one the workbook names
    assert result.exit_code == 2 and "(recorded in the workbook)" in result.output
    assert "expected nothing outside the columns the tool wrote" in result.output
    assert result.output.count("!D4:") == 1  # the formula, once
    other = tmp_path / "other.yaml"
    other.write_text(builders.appraisal_yaml("Other", [builders.criterion("q")],
                                             [builders.option("a", {"q": 1})]))
    clean = tmp_path / "clean.xlsx"
    assert _cli("export-xlsx", str(copy), "--out", str(clean)).exit_code == 0
    result = _cli("import-xlsx", str(clean), str(other))
    assert result.exit_code == 2 and "was exported from the appraisal" in result.output
    for value in (4.5, 4.25):  # each workshop starts from a fresh export
        assert _cli("export-xlsx", str(copy), "--out", str(clean), "--force").exit_code == 0
        wb = load_workbook(clean)
        _cell(wb, "key-principles-2017", "council-company", "focus").value = value
        wb.save(clean)
        done = _cli("import-xlsx", str(clean), str(copy), "--force")
        assert done.exit_code == 0, done.output
    option = copy / "options" / "09-council-company.yaml"
    first = (copy / "options" / "09-council-company.yaml.bak").read_text()
    assert "value: 4\n" in first  # the original, kept
    assert "value: 4.5\n" in (copy / "options" / "09-council-company.yaml.bak2").read_text()
    assert "value: 4.25\n" in option.read_text()
