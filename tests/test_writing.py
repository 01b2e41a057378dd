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


# all or nothing across files: the journal -------------------------------------------

DRIVER = """
import os, signal, sys
from pathlib import Path
from appraisal.writing import disk, write_all
n, folder, tag = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
calls = [0]
real = disk.switch
def switch(temp, target, **kw):
    calls[0] += 1
    if calls[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    real(temp, target, **kw)
disk.switch = switch
files = {folder / name: f"{tag} {name}".encode() for name in ("a.html", "b.md", "c.docx")}
files[folder / "sub" / "d.pdf"] = f"{tag} d.pdf".encode()
write_all(files, folder=folder)
print(calls[0])
"""


def _set(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_kill_at_every_switch_of_a_set_leaves_the_old_set_or_the_new(tmp_path: Path) -> None:
    """Four files, one in a subfolder: killed before each switch (the journal's rename
    first, the commit point, then each file), every file is whole, and once the folder
    is read again the set is entirely old (killed before the commit) or new."""
    import signal
    import subprocess
    import sys

    from appraisal.writing import reading

    folder = tmp_path / "out"

    def run(n: int, tag: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", DRIVER, str(n), str(folder), tag],
                              capture_output=True, text=True, timeout=60)

    assert run(0, "old").returncode == 0
    old = _set(folder)
    switches = int(run(0, "new").stdout)
    new = _set(folder)
    assert switches == 5 and all(old[n] != new[n] for n in old)
    seen = []
    for n in range(1, switches + 1):
        assert run(0, "old").returncode == 0
        assert run(n, "new").returncode == -signal.SIGKILL
        for name, data in _set(folder).items():
            if not name.endswith((".tmp", ".journal", ".lock")):
                assert data in (old[name], new[name])
        with reading(folder, [folder / "sub"]):
            now = _set(folder)
        assert now in (old, new), n
        seen.append(now == new)
    assert seen == [False, True, True, True, True]


def test_a_journal_is_followed_only_inside_its_folder(tmp_path: Path) -> None:
    import json

    from appraisal.writing import JOURNAL, reading

    outside = tmp_path / "outside.txt"
    outside.write_text("mine")
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / ".x.txt.1.abc.tmp").write_text("planted")
    for target in ("../outside.txt", "/etc/hostname", "sub/../../outside.txt"):
        (folder / JOURNAL).write_text(json.dumps({"moves": [
            {"temp": ".x.txt.1.abc.tmp", "target": target, "new": False}]}))
        with pytest.raises(OutputError, match="is not a journal this tool wrote"), \
                reading(folder):
            pass
    assert outside.read_text() == "mine"


def test_a_backup_is_never_overwritten(tmp_path: Path) -> None:
    from appraisal.writing import write_all

    (tmp_path / "f.yaml").write_text("now")
    (tmp_path / "f.yaml.bak").write_text("the first backup")
    with pytest.raises(OutputError, match="a backup is never overwritten"):
        write_all({tmp_path / "f.yaml.bak": b"now", tmp_path / "f.yaml": b"new"},
                  new={tmp_path / "f.yaml.bak"})
    assert (tmp_path / "f.yaml.bak").read_text() == "the first backup"
    assert (tmp_path / "f.yaml").read_text() == "now"


# one writer at a time: the lock -------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from appraisal.writing import locked
with locked(Path(sys.argv[1]), "appraisal import-xlsx w1.xlsx A --force"):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_writer_waits_then_is_refused_naming_the_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    from appraisal.writing import LOCK, Holder, LockedError, locked

    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setenv("APPRAISAL_LOCK_WAIT", "0.3")
        waited: list[Holder] = []
        with pytest.raises(LockedError) as caught, locked(tmp_path, "me", waited.append):
            raise AssertionError("never reached")
        message = str(caught.value)
        assert f"pid {holder.pid}: appraisal import-xlsx w1.xlsx A --force, since " in message
        assert "nothing was done: try again when it has finished" in message
        assert [w.pid for w in waited] == [holder.pid]  # told once, then gave up
    finally:
        holder.kill()  # killed while holding: the lock file stays, the lock does not
        holder.wait()
    assert (tmp_path / LOCK).exists()
    monkeypatch.setenv("APPRAISAL_LOCK_WAIT", "0")
    with locked(tmp_path, "me"), locked(tmp_path, "me again"):  # taken over at once;
        assert "me" in (tmp_path / LOCK).read_text()  # this process may lock it again
    assert not (tmp_path / LOCK).exists()  # removed by the writer that ends
