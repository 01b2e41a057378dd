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
