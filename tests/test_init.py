"""appraisal init: a new appraisal that validates, every file checked by the schema its
first line points to, and a README for the board."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
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
