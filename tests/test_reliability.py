"""Writes that lose nothing (issue 21): each break a tester found in the workbook import
and the paper's writing, as a test that failed before and passes now.

1. Two imports at once: one waits for the other, then applies its own edits onto the
   appraisal as the first left it (or, where both edited one value differently, is
   refused showing the three ways); no edit and no backup is lost, in every trial.
2. Importing the same workbook again changes nothing, and a criterion shared by two
   criteria sets is one value (tests/test_import_merge.py has the three-way rules).
3. A kill at every switch of a file into place, for an import and for the paper, leaves
   the old set of files or the new one, never a mix; the next command completes or
   clears what the killed run left.
6. Import copies nothing: links to / and /dev/zero and a named pipe in the appraisal's
   folder are never followed or opened, with --dry-run or --force.

The kills go through the one place where files switch (``tests/kill_at.py``), so no
tracer is needed. Trials: ``APPRAISAL_RELIABILITY_TRIALS`` (default 4) for each
concurrency test.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from openpyxl import load_workbook

import appraisal

TRIALS = int(os.environ.get("APPRAISAL_RELIABILITY_TRIALS", "4"))
KILL = Path(__file__).with_name("kill_at.py")
PARTS = ("appraisal.yaml", "criteria", "options", "scenarios", "members")
FOCUS = "key-principles-2017 rationale"


def _copy_example(root: Path) -> Path:
    root.mkdir(parents=True)
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    return root


def _appraisal(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "appraisal", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **env})


def _killed_at(n: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(KILL), str(n), *args], capture_output=True,
                          text=True, timeout=120)


def _files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones too), by relative name."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _edit(book: Path, out: Path, values: dict[tuple[str, str, str], Any]) -> Path:
    """A copy of ``book`` with cells set: (sheet, option id, column id) -> value."""
    wb = load_workbook(book)
    for (sheet, option, column), value in values.items():
        ws = wb[sheet]
        cols = {c.value: c.column for c in ws[2]}
        rows = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
        ws.cell(row=rows[option], column=cols[column]).value = value
    wb.save(out)
    return out


def _rationales(root: Path) -> dict[str, str]:
    return {o.id: o.scores["focus"].rationale for o in appraisal.load(root).options}


# 1. concurrent imports ---------------------------------------------------------------

@pytest.fixture(scope="module")
def two_workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example, its workbook, and three workbooks of 13 edits each: w1 and w2 edit
    different cells, w3 the cells of w1 otherwise."""
    base = tmp_path_factory.mktemp("concurrent")
    root = _copy_example(base / "original")
    book = base / "scores.xlsx"
    assert _appraisal("export-xlsx", str(root), "--out", str(book)).returncode == 0
    ids = [o.id for o in appraisal.load(root).options]
    books = {"root": root}
    for name, column, text in (("w1", "focus", "w1 says"), ("w2", "improvement", "w2 says"),
                               ("w3", "focus", "w3 says")):
        books[name] = _edit(book, base / f"{name}.xlsx",
                            {(FOCUS, o, column): f"{text} {k}" for k, o in enumerate(ids)})
    return books


def _race(books: dict[str, Path], first: str, second: str, root: Path
          ) -> list[subprocess.CompletedProcess[str]]:
    shutil.copytree(books["root"], root)
    procs = [subprocess.Popen([sys.executable, "-m", "appraisal", "import-xlsx",
                               str(books[name]), str(root), "--force"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in (first, second)]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def test_two_imports_at_once_both_apply_and_no_backup_is_lost(
        two_workbooks: dict[str, Path], tmp_path: Path) -> None:
    original = _files(two_workbooks["root"] / "options")
    waited = 0
    for trial in range(TRIALS):
        root = tmp_path / f"trial{trial}"
        runs = _race(two_workbooks, "w1", "w2", root)
        assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
        waited += any("Waiting for another command writing" in r.stderr for r in runs)
        a = appraisal.load(root)
        for k, o in enumerate(a.options):  # all 26 edits are there
            assert o.scores["focus"].rationale == f"w1 says {k}"
            assert o.scores["improvement"].rationale == f"w2 says {k}"
        files = _files(root / "options")
        for name, data in original.items():  # the first backup holds the original,
            assert files[name + ".bak"] == data  # the second the first import's result
            assert files[name + ".bak2"].count(b"w1 says ") + files[name + ".bak2"].count(
                b"w2 says ") == 1
        assert sorted(files) == sorted([*original, *(n + ".bak" for n in original),
                                        *(n + ".bak2" for n in original)])
        assert sorted(p.name for p in root.iterdir()) == sorted(PARTS)  # no lock left
    assert waited  # the two really ran at once: one waited for the other


def test_two_imports_editing_the_same_cells_one_wins_the_other_is_refused(
        two_workbooks: dict[str, Path], tmp_path: Path) -> None:
    for trial in range(TRIALS):
        root = tmp_path / f"trial{trial}"
        runs = _race(two_workbooks, "w1", "w3", root)
        assert sorted(r.returncode for r in runs) == [0, 2], [r.stderr for r in runs]
        winner, loser = sorted(runs, key=lambda r: r.returncode)
        said = "w1" if "w1.xlsx" in " ".join(winner.args) else "w3"
        assert set(_rationales(root).values()) == {f"{said} says {k}" for k in range(13)}
        assert "13 values were changed both in the workbook and in the appraisal" in \
            loser.stderr
        assert "13 values changed both in the appraisal and in the workbook:" in \
            loser.stdout


# 2. importing again ------------------------------------------------------------------

def test_importing_one_workbook_again_and_again_changes_nothing_more(
        tmp_path: Path) -> None:
    from click.testing import CliRunner

    from appraisal.cli import main

    root = _copy_example(tmp_path / "a")
    book = tmp_path / "scores.xlsx"

    def cli(*args: str) -> Any:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    assert cli("export-xlsx", str(root), "--out", str(book)).exit_code == 0
    # focus is in both criteria sets: edited on one sheet, as exported on the other
    _edit(book, book, {(FOCUS, "continuation", "focus"): "Morning text"})
    for attempt in range(4):
        result = cli("import-xlsx", str(book), str(root), "--force")
        assert result.exit_code == 0, result.output
        assert _rationales(root)["continuation"] == "Morning text", attempt
        assert ("Wrote" in result.output) == (attempt == 0)
    before = _files(root)
    _edit(book, book, {("objectives-2018", "continuation", "scope"): 4})  # the afternoon
    result = cli("import-xlsx", str(book), str(root), "--force")
    assert result.exit_code == 0, result.output
    assert "1 value changed in 1 file" in result.output
    a = appraisal.load(root)
    continuation = next(o for o in a.options if o.id == "continuation")
    assert continuation.scores["scope"].value == 4
    assert continuation.scores["focus"].rationale == "Morning text"  # not written back
    changed = {n for n, d in _files(root).items() if before.get(n) != d}
    assert changed == {"options/01-continuation.yaml", "options/01-continuation.yaml.bak2"}


# 3. a kill at every switch -----------------------------------------------------------

def _every_kill(args: list[str], old: dict[str, bytes], new: dict[str, bytes],
                prepare: Any, folder: Path, settle: list[str], made: str = "") -> int:
    """Run ``args`` killed at each switch in turn (after ``prepare()`` restores the
    old files in ``folder``); after each, every file is old or new, and once ``settle``
    (a later command, which may write the file ``made``) has run, the set is the old
    one or the new one, with nothing left over. Return the number of switches."""
    prepare()
    full = _killed_at(0, *args)
    assert full.returncode == 0, full.stderr
    switches = int(full.stderr.rsplit("switches: ", 1)[1])
    assert _files(folder) == new
    outcomes = []
    for n in range(1, switches + 1):
        prepare()
        run = _killed_at(n, *args)
        assert run.returncode == -signal.SIGKILL, (n, run.stderr)
        for name, data in _files(folder).items():  # each file whole: old, new or staged
            if name in old or name in new:
                assert data in (old.get(name), new.get(name)), (n, name)
        assert _appraisal(*settle).returncode == 0
        now = {name: data for name, data in _files(folder).items() if name != made}
        assert now in (old, new), (n, sorted(set(now) ^ set(old)), sorted(set(now) ^ set(new)))
        outcomes.append("new" if now == new else "old")
    assert outcomes == ["old"] + ["new"] * (switches - 1)  # the journal's rename commits
    return switches


def test_a_kill_at_any_switch_of_an_import_leaves_the_old_files_or_the_new(
        tmp_path: Path) -> None:
    pristine = tmp_path / "pristine"
    assert _appraisal("init", str(pristine)).returncode == 0
    book = tmp_path / "scores.xlsx"
    assert _appraisal("export-xlsx", str(pristine), "--out", str(book)).returncode == 0
    _edit(book, book, {("Scores", "business-as-usual", "cost"): 2,
                       ("Scores", "new-model", "deliverability"): 4})
    root = tmp_path / "appraisal"

    def prepare() -> None:
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(pristine, root)

    old = _files(pristine)
    prepare()
    assert _appraisal("import-xlsx", str(book), str(root), "--force").returncode == 0
    new = _files(root)
    assert sorted(set(new) - set(old)) == ["options/01-business-as-usual.yaml.bak",
                                           "options/02-new-model.yaml.bak"]
    switches = _every_kill(["import-xlsx", str(book), str(root), "--force"], old, new,
                           prepare, root, ["validate", str(root)])
    assert switches == 5  # the journal, two files, two backups


def test_a_kill_at_any_switch_of_a_paper_leaves_one_run_s_paper(tmp_path: Path) -> None:
    source = tmp_path / "appraisal"
    assert _appraisal("init", str(source)).returncode == 0
    out = tmp_path / "paper"
    run = ["report", str(source), "--samples", "0", "--format", "html", "--format", "md",
           "--format", "docx", "--out", str(out)]
    assert _appraisal(*run, "--date", "2020-01-01").returncode == 0
    old = _files(out)
    assert _appraisal(*run, "--date", "2021-01-01").returncode == 0
    new = _files(out)
    assert all(old[n] != new[n] for n in old)

    def prepare() -> None:
        shutil.rmtree(out)
        out.mkdir()
        for name, data in old.items():
            (out / name).write_bytes(data)

    # any later write into the folder completes or clears what a killed run left
    switches = _every_kill([*run, "--date", "2021-01-01"], old, new, prepare, out,
                           ["export-xlsx", str(source), "--out", str(out / "scores.xlsx")],
                           made="scores.xlsx")
    assert switches == 4


@pytest.mark.slow
def test_a_kill_among_the_four_formats_keeps_them_from_one_run(tmp_path: Path) -> None:
    """The tester's kill at the third rename of ``report``: then paper.html and .md
    came from one run, .docx and .pdf from another."""
    source = tmp_path / "appraisal"
    assert _appraisal("init", str(source)).returncode == 0
    out = tmp_path / "paper"
    run = ["report", str(source), "--samples", "0", "--out", str(out)]
    assert _appraisal(*run, "--date", "2020-01-01").returncode == 0
    old = _files(out)
    killed = _killed_at(3, *run, "--date", "2021-01-01")
    assert killed.returncode == -signal.SIGKILL
    assert (out / ".appraisal.journal").exists()  # committed: the next run completes it
    new_md = next(p for p in out.iterdir() if p.name.startswith(".paper.md."))
    new_md_bytes = new_md.read_bytes()
    assert _appraisal("validate", str(source)).returncode == 0  # another folder: untouched
    assert (out / ".appraisal.journal").exists()
    assert _appraisal(*run, "--format", "md", "--date", "2021-01-01").returncode == 0
    now = _files(out)
    assert sorted(now) == sorted(old)
    assert now["paper.md"] == new_md_bytes
    assert all(now[n] != old[n] for n in old)  # html, docx and pdf completed too


def test_what_a_killed_import_leaves_is_cleared_by_the_next_command(tmp_path: Path) -> None:
    root = tmp_path / "appraisal"
    assert _appraisal("init", str(root)).returncode == 0
    book = tmp_path / "scores.xlsx"
    assert _appraisal("export-xlsx", str(root), "--out", str(book)).returncode == 0
    _edit(book, book, {("Scores", "business-as-usual", "cost"): 2,
                       ("Scores", "new-model", "cost"): 4})
    old = _files(root)
    run = _killed_at(1, "import-xlsx", str(book), str(root), "--force")  # before the commit
    assert run.returncode == -signal.SIGKILL
    left = sorted(set(_files(root)) - set(old))  # its lock, 4 staged files, its journal
    assert ".appraisal.lock" in left and len(left) == 6
    assert all(n.endswith(".tmp") for n in left if n != ".appraisal.lock")
    assert _appraisal("rank", str(root)).returncode == 0  # any command clears them
    assert _files(root) == old


# 6. nothing copied, no link followed -------------------------------------------------

@pytest.mark.parametrize("mode", ["--dry-run", "--force"])
def test_import_opens_no_link_pipe_or_device_in_the_appraisal(tmp_path: Path,
                                                              mode: str) -> None:
    root = _copy_example(tmp_path / "a")
    (root / "everything").symlink_to("/")
    (root / "zeros").symlink_to("/dev/zero")
    (root / "options" / "zeros.txt").symlink_to("/dev/zero")
    os.mkfifo(root / "pipe")
    book = tmp_path / "scores.xlsx"
    assert _appraisal("export-xlsx", str(root), "--out", str(book)).returncode == 0
    _edit(book, book, {(FOCUS, "continuation", "focus"): "Edited"})
    started = time.monotonic()
    run = _appraisal("import-xlsx", str(book), str(root), mode, timeout=60)
    assert run.returncode == 0, run.stderr
    assert time.monotonic() - started < 30
    assert ("Edited" in (root / "options" / "01-continuation.yaml").read_text()) == (
        mode == "--force")
    assert (root / "pipe").exists() and (root / "everything").is_symlink()


def test_verify_completes_a_paper_whose_writing_was_cut_short(tmp_path: Path) -> None:
    """A report killed after its commit point leaves the journal: verify, reading the
    paper, completes the set first, so it checks the new paper whole, never a mix."""
    source = tmp_path / "appraisal"
    assert _appraisal("init", str(source)).returncode == 0
    out = tmp_path / "paper"
    run = ["report", str(source), "--samples", "0", "--format", "html", "--format", "md",
           "--out", str(out)]
    assert _appraisal(*run, "--date", "2020-01-01").returncode == 0
    killed = _killed_at(2, *run, "--date", "2021-01-01")
    assert killed.returncode == -signal.SIGKILL
    assert (out / ".appraisal.journal").exists()
    checked = _appraisal("verify", str(out / "paper.html"), str(source))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not (out / ".appraisal.journal").exists()
    assert "2021-01-01" in (out / "paper.md").read_text()  # the new run's, completed
