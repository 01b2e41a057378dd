import os
import stat
from pathlib import Path

import pytest

from appraisal.errors import OutputError
from appraisal.writing import write_text


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    f = tmp_path / "sub" / "out.md"
    write_text(f, "one")
    write_text(f, "two")
    assert f.read_text() == "two"
    assert [p.name for p in f.parent.iterdir()] == ["out.md"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(f.stat().st_mode) == 0o666 & ~umask


def test_unwritable_target_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(OutputError, match="could not write"):
        write_text(tmp_path / "dir", "x")  # a directory cannot be replaced by a file
    assert (tmp_path / "dir").is_dir()


def test_a_set_of_files_is_written_all_or_nothing(tmp_path: Path) -> None:
    from appraisal.writing import write_all

    (tmp_path / "a.txt").write_text("old")
    (tmp_path / "blocked").mkdir()  # a folder where a file should go: its rename fails
    with pytest.raises(OutputError):
        write_all({tmp_path / "a.txt": b"new", tmp_path / "blocked": b"x"})
    assert (tmp_path / "a.txt").read_text() == "old"  # nothing replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "blocked"]  # no temps


def test_stale_temporary_files_of_dead_runs_are_removed(tmp_path: Path) -> None:
    import subprocess
    import sys

    from appraisal.writing import clean_stale

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".paper.html.{dead}.abc123.tmp"
    mine = tmp_path / f".paper.md.{os.getpid()}.def456.tmp"
    other = tmp_path / "notes.tmp"
    for f in (stale, mine, other):
        f.write_text("x")
    assert clean_stale(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])
