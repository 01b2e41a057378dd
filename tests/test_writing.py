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
