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
    ("a\x1bb", "found the character U+001B"), ("a\x7fb", "found the character U+007F"),
    ("a\u2028b", "found the character U+2028"), ("two\nlines", "found a line break"),
    ("", "expected a title; found nothing"), ("   ", "expected a title; found nothing"),
    ("caf\udce9", "found the character U+DCE9"),  # a byte of the command line not UTF-8
])
def test_a_title_the_appraisal_cannot_hold_is_refused_before_anything_is_written(
        tmp_path: Path, title: str, found: str) -> None:
    folder = tmp_path / "new"
    result = CliRunner().invoke(main, ["init", str(folder), "--title", title])
    assert result.exit_code == 2 and found in result.output
    assert not folder.exists()
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0  # re-run: fine


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
