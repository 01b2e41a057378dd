"""The appraisal a workbook records is a hint, never trusted (issue 21, breaks 4 and 5):
its path is followed only inside the current folder or the workbook's own, and a
workbook of another appraisal is refused by its title even when every sheet name
matches (two appraisals made by ``init`` share them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL

import appraisal
from appraisal.cli import main
from appraisal.workshop.xlsx_export import workbook_bytes


def _cli(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.output


@pytest.fixture()
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``small.yaml`` in a folder beside the current one (``work``), which is empty."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return folder / "small.yaml"


def _recording(outside: Path, recorded: str, name: str = "scores.xlsx") -> Path:
    """A workbook of ``outside``'s appraisal recording ``recorded`` as its path."""
    book = Path(name)
    book.write_bytes(workbook_bytes(appraisal.load(outside), recorded))
    return book


ADVICE = "name the appraisal to import into: appraisal import-xlsx scores.xlsx PATH"


def test_an_absolute_recorded_path_is_not_followed(outside: Path) -> None:
    """Break 4: ``import-xlsx WB --force`` without PATH rewrote a file outside any
    appraisal, the one the workbook named by its absolute path."""
    before = outside.read_bytes()
    _recording(outside, str(outside))
    assert _cli("import-xlsx", "scores.xlsx", "--force") == (
        2, f"appraisal: 'scores.xlsx' records its appraisal at '{outside}', an absolute "
        f"path, which is not followed; {ADVICE}\n")
    assert outside.read_bytes() == before


def test_a_recorded_path_leading_outside_reads_nothing_there(outside: Path) -> None:
    """Break 5: a recorded path of /etc/passwd printed its first lines in an error; so
    did ../../../etc/passwd. Now the path is shown, and nothing there is read."""
    _recording(outside, "/etc/passwd")
    assert _cli("import-xlsx", "scores.xlsx") == (
        2, "appraisal: 'scores.xlsx' records its appraisal at '/etc/passwd', an absolute "
        f"path, which is not followed; {ADVICE}\n")
    _recording(outside, "../../../../../../../../etc/passwd")
    assert _cli("import-xlsx", "scores.xlsx") == (
        2, "appraisal: 'scores.xlsx' records its appraisal at '../../../../../../../../etc/"
        "passwd', outside the current folder and the workbook's folder, which is not "
        f"followed; {ADVICE}\n")
    _recording(outside, "../outside/small.yaml")
    code, out = _cli("import-xlsx", "scores.xlsx", "--force")
    assert code == 2 and "'../outside/small.yaml', outside the current folder" in out
    os.symlink(outside, "link.yaml")  # a link here that leads outside
    _recording(outside, "link.yaml")
    assert _cli("import-xlsx", "scores.xlsx")[1] == (
        "appraisal: 'scores.xlsx' records its appraisal at 'link.yaml', outside the current "
        f"folder and the workbook's folder, which is not followed; {ADVICE}\n")


def test_a_recorded_path_must_name_an_appraisal(outside: Path) -> None:
    """A file here that is not YAML is not read as an appraisal (its lines would be
    echoed in the errors); a recorded path is shown escaped."""
    Path("notes.txt").write_text("private: not for the terminal\n")
    _recording(outside, "notes.txt")
    assert _cli("import-xlsx", "scores.xlsx") == (
        2, "appraisal: 'scores.xlsx' records its appraisal at 'notes.txt', which is neither "
        f"a folder nor a .yaml file; {ADVICE}\n")
    _recording(outside, "x\n\u202eWrote /etc/passwd.yaml")
    code, out = _cli("import-xlsx", "scores.xlsx")
    assert code == 2 and out.startswith(
        "Appraisal: x\\x0a\\x202eWrote /etc/passwd.yaml (recorded in the workbook)\n"
        "appraisal: no appraisal at 'x\\x0a\\x202eWrote /etc/passwd.yaml'")


def test_a_workbook_of_another_appraisal_is_refused_whatever_its_sheets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Break 4: two appraisals made by ``init`` share every sheet name, which skipped
    the title check: a transport appraisal's workbook went into a library's, exit 0."""
    monkeypatch.chdir(tmp_path)
    for folder, title in (("library", "Library"), ("transport", "Transport")):
        assert _cli("init", folder, "--title", title)[0] == 0
    assert _cli("export-xlsx", "transport", "--out", "t.xlsx")[0] == 0
    before = {p: p.read_bytes() for p in Path("library").rglob("*") if p.is_file()}
    assert _cli("import-xlsx", "t.xlsx", "library", "--force") == (
        2, "appraisal: 't.xlsx' was exported from the appraisal 'Transport', not from "
        "'Library': name the appraisal it came from\n")
    assert {p: p.read_bytes() for p in Path("library").rglob("*") if p.is_file()} == before
    assert _cli("import-xlsx", "t.xlsx") == (  # its own, as recorded
        0, "Appraisal: transport (recorded in the workbook)\n"
        "No changes: the workbook matches the appraisal.\n")
