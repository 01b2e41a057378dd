"""The paths the CLI is given and the paths it prints (issue 21, breaks 9 and 11): a
path that is a file where a folder belongs, or a pipe where a file belongs, is refused
before any work, in words; a printed path can never fake a line of output or drive the
terminal."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import SMALL

Run = Callable[..., Result]


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    return path


def test_report_out_that_is_a_file_says_so(cli: Run, small: Path, tmp_path: Path) -> None:
    """Break 11: ``report --out FILE`` said "File exists" (after the whole analysis)."""
    (tmp_path / "paper.pdf").write_bytes(b"keep")
    res = cli("report", small, "--out", tmp_path / "paper.pdf")
    assert (res.exit_code, res.output) == (
        2, f"appraisal: --out '{tmp_path / 'paper.pdf'}' is a file, not a folder: name a "
        "folder for the paper (it is made if missing)\n")
    res = cli("report", small, "--out", tmp_path / "paper.pdf" / "build")
    assert (res.exit_code, res.output) == (
        2, f"appraisal: --out '{tmp_path / 'paper.pdf' / 'build'}' cannot be a folder: "
        f"'{tmp_path / 'paper.pdf'}' is a file, not a folder\n")
    assert (tmp_path / "paper.pdf").read_bytes() == b"keep"


def test_a_printed_path_cannot_fake_a_line(cli: Run, small: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Break 11: an ``--out`` holding a newline printed a fake "Wrote /etc/passwd"
    line; every path the CLI prints is escaped."""
    monkeypatch.chdir(tmp_path)
    res = cli("report", small, "--format", "md", "--samples", "0",
              "--out", "build\nWrote /etc/passwd")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].startswith(
        "Wrote build\\x0aWrote /etc/passwd/paper.md (")
    res = cli("schema", "--out", "schema\x1b[2J.json")
    assert (res.exit_code, res.output) == (0, "Wrote schema\\x1b[2J.json\n")
    res = cli("export-xlsx", small, "--out", "a\u202egnp.xlsx")
    assert res.exit_code == 0 and res.output.startswith("Wrote a\\x202egnp.xlsx (")
    res = cli("export-xlsx", small, "--out", "a\u202egnp.xlsx")
    assert (res.exit_code, res.output) == (
        2, "appraisal: 'a\\x202egnp.xlsx' exists; use --force to overwrite it\n")
    (tmp_path / "e\x1bx").mkdir()  # a path a workbook's XML cannot record: exit 3 once
    (tmp_path / "e\x1bx" / "small.yaml").write_text(SMALL)
    res = cli("export-xlsx", tmp_path / "e\x1bx" / "small.yaml", "--out", "e.xlsx")
    assert (res.exit_code, res.output) == (
        2, "appraisal: the appraisal's path 'e\\x1bx/small.yaml' holds a control character, "
        "which a workbook cannot record: rename it\n")
    res = cli("rank", small, "--criteria", "x\x1b[2J")  # any message: escaped when printed
    assert (res.exit_code, res.output) == (
        2, "appraisal: unknown criteria set 'x\\x1b[2J'; expected one of: main\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_pipes_given_as_input_files_are_refused_unopened(cli: Run, small: Path,
                                                          tmp_path: Path) -> None:
    """A named pipe where the CLI expects a file is refused before it is opened (a
    reader would wait for ever): a reference document, a template."""
    os.mkfifo(tmp_path / "style.docx")
    res = cli("report", small, "--format", "docx", "--samples", "0", "--out",
              tmp_path / "out", "--reference-docx", tmp_path / "style.docx")
    assert (res.exit_code, res.output) == (
        2, f"appraisal: --reference-docx '{tmp_path / 'style.docx'}' is a named pipe, not "
        "a file\n")
    (tmp_path / "templates").mkdir()
    os.mkfifo(tmp_path / "templates" / "paper.md.j2")
    res = cli("report", small, "--format", "md", "--samples", "0", "--out",
              tmp_path / "out", "--template", tmp_path / "templates")
    assert (res.exit_code, res.output) == (
        2, "appraisal: template 'paper.md.j2' failed: template 'paper.md.j2' is not a "
        "regular file (a named pipe or a device); templates are read only as regular "
        "files\n")
    assert not (tmp_path / "out").exists()
