"""Hostile workbooks (issue 21): each refused in one clear line, exit 2, bounded in time
and memory, before a cell is read. Every workbook is a real export of a small appraisal
with one part rewritten by hand (a zip written here), so no test needs more than a few
kilobytes; the ones that once took gigabytes run in one child process under a memory
limit (1 GiB of address space) and a timeout, so a regression fails instead of hanging
the machine."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SMALL
from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula

from appraisal.cli import main
from appraisal.workshop import xlsx_scan
from appraisal.workshop.xlsx_package import open_package

SCORES = "xl/worksheets/sheet2.xml"
"""The Scores sheet's part in an export of SMALL (checked by the fixture)."""
Change = bytes | Callable[[bytes], bytes]


@pytest.fixture()
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``scores.xlsx``: SMALL exported, in the current folder (``small.yaml`` beside it,
    recorded as its appraisal)."""
    monkeypatch.chdir(tmp_path)
    Path("small.yaml").write_text(SMALL)
    assert _cli("export-xlsx", "small.yaml", "--out", "scores.xlsx")[0] == 0
    scanner = xlsx_scan._Scanner(open_package("scores.xlsx", "scores.xlsx"))
    scanner.sheet_names()
    assert scanner.names[SCORES] == "Scores"
    return tmp_path / "scores.xlsx"


def _cli(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.output


def _rewrite(book: Path, name: str, changes: dict[str, Change],
             extra: tuple[tuple[str, bytes], ...] = ()) -> Path:
    """A copy of ``book`` named ``name`` with parts changed (bytes, or a function of
    the old bytes) and ``extra`` parts added."""
    out = book.with_name(name)
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            change = changes.get(info.filename)
            z.writestr(info.filename, change(data) if callable(change) else
                       data if change is None else change)
        for part, data in extra:
            z.writestr(part, data)
    return out


def _cell_at(ref: str) -> Callable[[bytes], bytes]:
    """Add one text cell at ``ref`` (its own row, after the others)."""
    row = re.sub(r"[A-Z]", "", ref)

    def change(xml: bytes) -> bytes:
        cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>")

    return change


def _declared_size(book: Path, name: str, part: str, size: int) -> Path:
    """A copy of ``book`` whose directory declares ``part`` to unpack to ``size`` bytes
    (its data unchanged: nothing that large is ever written)."""
    data = bytearray(book.read_bytes())
    at = data.index(b"PK\x01\x02")
    while True:  # the central directory entry of ``part``
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == part.encode():
            data[at + 24:at + 28] = size.to_bytes(4, "little")
            break
        at = data.index(b"PK\x01\x02", at + 4)
    out = book.with_name(name)
    out.write_bytes(bytes(data))
    return out


DRIVER = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
from click.testing import CliRunner
from appraisal.cli import main
out = {}
for name, args in json.loads(sys.argv[1]).items():
    r = CliRunner().invoke(main, args)
    out[name] = [r.exit_code, r.output]
print(json.dumps(out))
"""


def _bounded(cases: dict[str, list[str]]) -> dict[str, tuple[int, str]]:
    """Run each command line of ``cases`` in one child process limited to 1 GiB of
    address space and 60 seconds in all."""
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(cases)], timeout=60,
                          capture_output=True, text=True, cwd=os.getcwd(),
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    return {k: (v[0], v[1]) for k, v in json.loads(done.stdout).items()}


LIMITS = "a sheet within 100,000 rows and 4,000,000 cells from A1 (rows x columns)"


def test_sizes_are_checked_before_a_cell_is_read(book: Path) -> None:
    """Break 9: one cell at A1048576 took 2.34 GB and a minute; at XFD1048576, without
    end; ``import-xlsx`` without PATH skipped the zip-bomb check (a custom.xml of 4 GiB:
    2.15 GB, then MemoryError); a FIFO named .xlsx hung for ever."""
    _rewrite(book, "far-a.xlsx", {SCORES: _cell_at("A1048576")})
    _rewrite(book, "far-xfd.xlsx", {SCORES: _cell_at("XFD1048576")})
    _rewrite(book, "declared.xlsx", {SCORES: lambda x: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', x)})
    _rewrite(book, "row.xlsx", {SCORES: lambda x: x.replace(
        b"</sheetData>", b'<row r="99999999" ht="20" customHeight="1"/></sheetData>')})
    _declared_size(book, "bomb.xlsx", "docProps/custom.xml", 0xF000_0000)
    os.mkfifo("pipe.xlsx")
    cases = {name: ["import-xlsx", f"{name}.xlsx"]  # no PATH: the recorded one
             for name in ("far-a", "far-xfd", "declared", "row", "bomb", "pipe")}
    got = _bounded(cases | {"pipe-path": ["import-xlsx", "pipe.xlsx", "small.yaml"]})
    head = "appraisal: 1 problem in the appraisal input\n"
    recorded = "Appraisal: small.yaml (recorded in the workbook)\n"
    assert got["far-a"] == (2, recorded + head + f"far-a.xlsx: Scores!A1048576: expected "
                            f"{LIMITS}; found a cell at A1048576\n")
    assert got["far-xfd"] == (2, recorded + head + "far-xfd.xlsx: Scores!XFD1048576: "
                              f"expected {LIMITS}; found a cell at XFD1048576\n")
    assert got["declared"] == (2, recorded + head + f"declared.xlsx: Scores: expected "
                               f"{LIMITS}; found a declared size of A1:XFD1048576 "
                               "(17,179,869,184 cells)\n")
    assert got["row"] == (2, recorded + head + "row.xlsx: Scores!99999999:99999999: "
                          f"expected {LIMITS}; found row 99,999,999 in use\n")
    assert got["bomb"] == (2, "appraisal: 2 problems in the appraisal input\n"
                           "bomb.xlsx: expected a workbook that unpacks to at most 64 MiB; "
                           "found 3,840.0 MiB\n"
                           "bomb.xlsx: docProps/custom.xml: expected a part that unpacks "
                           "to at most 32 MiB; found 3,840.0 MiB\n")
    pipe = head + "pipe.xlsx: expected a workbook file (.xlsx); found a named pipe\n"
    assert got["pipe"] == (2, pipe) and got["pipe-path"] == (2, pipe)


def test_a_zip_bomb_and_too_many_parts_say_which(book: Path) -> None:
    """Break 11: "unpacks to at most 64 MiB; found 0 MiB in 20018 parts" meant the part
    count."""
    import zipfile

    many = _rewrite(book, "many.xlsx", {}, tuple((f"x/{i}.txt", b"") for i in range(10_000)))
    parts = len(zipfile.ZipFile(many).namelist())
    assert parts > 10_000
    assert _cli("import-xlsx", str(many)) == (
        2, "appraisal: 1 problem in the appraisal input\nmany.xlsx: expected a workbook "
        f"of at most 10,000 parts (the files packed inside an .xlsx); found {parts:,} parts\n")
    bomb = _rewrite(book, "ratio.xlsx", {"docProps/app.xml": lambda x: x.replace(
        b"</Properties>", b" " * (3 * 2**20) + b"</Properties>")})
    code, out = _cli("import-xlsx", str(bomb), "small.yaml")
    ratio = re.search(r"found ([\d,]+) to 1", out)  # zlib's own: about 1,000 to 1
    assert code == 2 and ratio and int(ratio[1].replace(",", "")) > 500
    assert out == ("appraisal: 1 problem in the appraisal input\nratio.xlsx: docProps/app.xml: "
                   "expected a part compressed at most 100 to 1 (a zip bomb is refused); "
                   f"found {ratio[1]} to 1\n")


def test_xml_that_could_expand_and_cells_out_of_place(book: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    entity = _rewrite(book, "entity.xlsx", {"xl/styles.xml": lambda x: b'<!DOCTYPE s '
                      b'[<!ENTITY a "aaaa">]>' + x})
    assert _cli("import-xlsx", str(entity), "small.yaml")[1].splitlines()[1] == (
        "entity.xlsx: xl/styles.xml: expected XML without a document type declaration; "
        "found a <!DOCTYPE")
    broken = _rewrite(book, "broken.xlsx", {SCORES: b"<worksheet>\n<sheetData>"})
    assert _cli("import-xlsx", str(broken), "small.yaml")[1].splitlines()[1] == (
        f"broken.xlsx: {SCORES}: expected well-formed XML; found no element found at "
        "line 2, column 12")
    order = _rewrite(book, "order.xlsx", {SCORES: lambda x: x.replace(
        b'<c r="A3"', b'<c r="Z3"/><c r="A3"', 1)})
    assert _cli("import-xlsx", str(order), "small.yaml")[1].splitlines()[1] == (
        "order.xlsx: Scores!A3: expected the cells of a row in order, each once, in their "
        "own row (as a spreadsheet writes them); found a cell out of order")
    monkeypatch.setattr(xlsx_scan, "MAX_CELLS", 20)
    assert _cli("import-xlsx", str(book), "small.yaml")[1].splitlines()[1] == (
        "scores.xlsx: expected a workbook of at most 20 cells; found more")


def test_an_array_formula_is_named_in_words(book: Path) -> None:
    """Break 11: "found a formula (<openpyxl.worksheet.formula.ArrayFormula ...>"."""
    wb = load_workbook(book)
    wb["Scores"]["D3"] = ArrayFormula("D3:D4", "=SUM(A1:A2)")
    wb.save(book)
    code, out = _cli("import-xlsx", str(book), "small.yaml")
    assert code == 2
    assert "scores.xlsx: Scores!D3: expected a value; found an array formula (=SUM(A1:A2) " \
        "over D3:D4)" in out.splitlines()


def test_merged_cells_and_every_value_still_read_streaming(book: Path) -> None:
    """The streaming read keeps what the whole-sheet read found: merged ranges (from
    the scan), a value outside the tool's columns, an edit."""
    wb = load_workbook(book)
    ws = wb["Scores"]
    ws.merge_cells("D4:E4")
    ws["J3"] = "a note"
    wb.save(book)
    out = _cli("import-xlsx", str(book), "small.yaml")[1].splitlines()
    assert "scores.xlsx: Scores!D4:E4: expected cells that are not merged; found merged " \
        "cells" in out
    assert "scores.xlsx: Scores!J3: expected nothing outside the columns the tool wrote " \
        "(this column has no id in row 2); found 'a note'" in out


def test_the_package_is_read_once(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is read once into memory: swapping it after the checks changes nothing
    that is read (the package, its scan and the cells all come from the bytes read)."""
    from appraisal.workshop import xlsx_package

    seen: list[bytes] = []
    real = xlsx_package._read_file

    def read_then_swap(path: Path, shown: str) -> bytes:
        data = real(path, shown)
        seen.append(data)
        path.write_bytes(b"swapped for something else")
        return data

    monkeypatch.setattr(xlsx_package, "_read_file", read_then_swap)
    before = book.read_bytes()
    assert _cli("import-xlsx", str(book), "small.yaml") == (
        0, "No changes: the workbook matches the appraisal.\n")
    assert seen == [before] and book.read_bytes() == b"swapped for something else"
