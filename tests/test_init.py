"""appraisal init: a new appraisal that validates, every file checked by the schema its
first line points to, and a README for the board."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

import appraisal
from appraisal.cli import main


def test_init_creates_an_appraisal_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "transport"
    result = CliRunner().invoke(main, ["init", str(folder), "--title", 'School "transport"'])
    assert result.exit_code == 0, result.output
    a = appraisal.load(folder)
    assert a.title == 'School "transport"'
    assert [o.id for o in a.options] == ["business-as-usual", "new-model"]
    assert [s.id for s in a.scenarios] == ["cost-first"]
    assert appraisal.rank(a).ranking.leader is not None
    yamls = sorted(folder.rglob("*.yaml"))
    assert len(yamls) == 5
    for path in yamls:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        schema_path = (path.parent / first.split("=", 1)[1]).resolve()
        schema = json.loads(schema_path.read_text())
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    readme = (folder / "README.md").read_text()
    assert "appraisal validate" in readme and "options/*.yaml" in readme
    # a schema catches a mistake an editor would underline
    option = yaml.safe_load((folder / "options" / "02-new-model.yaml").read_text())
    option["scores"]["cost"] = "three"
    schema = json.loads((folder / "schemas" / "option.json").read_text())
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(option))


def test_init_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 2 and "is not an empty folder" in result.output
    assert (tmp_path / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("title,found", [
    ("Library\x1b[2J", "expected text without control characters (as in the YAML files); "
                       "found the control character U+001B"),
    ("Library\x7f", "expected text without control characters (as in the YAML files); "
                    "found the control character U+007F"),
    ("Library\u2028Transport", "expected text without control characters (as in the YAML "
                               "files); found the control character U+2028"),
    ("Library\nTransport", "expected a title on one line; found a line break"),
    ("   ", "expected a title; found none"),
    ("Library\ufffe", "expected text the YAML files can hold; found 'Library\\xfffe'"),
    ("caf\udce9", "expected text in UTF-8; found a byte that is not (U+DCE9)"),
])
def test_init_refuses_a_title_before_writing_anything(tmp_path: Path, title: str,
                                                      found: str) -> None:
    """Break 11: a title with ESC, DEL or U+2028 wrote 12 files, then exit 2, leaving a
    folder a re-run refused."""
    result = CliRunner().invoke(main, ["init", str(tmp_path / "new"), "--title", title])
    assert (result.exit_code, result.output) == (2, f"appraisal: --title: {found}\n")
    assert not (tmp_path / "new").exists()
    if "\x1b" in title:  # nothing left behind: a re-run is not refused
        again = CliRunner().invoke(main, ["init", str(tmp_path / "new"), "--title", "Lib"])
        assert again.exit_code == 0, again.output


def test_init_checks_the_folder_before_writing_anything(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("mine")
    for folder, message in (
            (tmp_path / "file" / "new", f"FOLDER '{tmp_path / 'file' / 'new'}' cannot be a "
                                        f"folder: '{tmp_path / 'file'}' is a file, not a folder"),
            (tmp_path / "a\nb", f"FOLDER: expected a name without control characters or "
                                f"line breaks; found '{tmp_path}/a\\x0ab'")):
        result = CliRunner().invoke(main, ["init", str(folder)])
        assert (result.exit_code, result.output) == (2, f"appraisal: {message}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_init_on_a_full_disk_leaves_nothing(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from appraisal.writing import disk

    real, calls = disk.stage, [0]

    def stage(path: Path, data: bytes) -> Path:
        calls[0] += 1
        if calls[0] == 6:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(disk, "stage", stage)
    folder = tmp_path / "deep" / "new"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert list(tmp_path.iterdir()) == []  # not even the folders it made
    (tmp_path / "empty").mkdir()
    calls[0] = 0
    result = CliRunner().invoke(main, ["init", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "empty"]  # a folder it did not make stays
    assert list((tmp_path / "empty").iterdir()) == []


@pytest.mark.parametrize("kill_at,then", [(1, "init"), (4, "complete")])
def test_a_killed_init_is_cleared_or_completed_by_the_next_run(
        tmp_path: Path, kill_at: int, then: str) -> None:
    import signal
    import subprocess
    import sys

    folder = tmp_path / "new"
    kill = Path(__file__).with_name("kill_at.py")
    run = subprocess.run([sys.executable, str(kill), str(kill_at), "init", str(folder)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == -signal.SIGKILL
    again = CliRunner().invoke(main, ["init", str(folder)])
    if then == "init":  # killed before the commit: what it left does not stop a re-run
        assert again.exit_code == 0, again.output
    else:  # killed after it: the re-run completes it, then finds it made
        assert again.exit_code == 2 and "is not an empty folder" in again.output
    assert len(list(folder.rglob("*.yaml"))) == 5
    assert sorted(p.name for p in folder.iterdir()) == [
        ".gitignore", "README.md", "appraisal.yaml", "criteria", "options", "scenarios",
        "schemas"]
    assert appraisal.load(folder).title == "Options appraisal"
