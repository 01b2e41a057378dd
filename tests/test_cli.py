"""The CLI: rank output formats, the golden example ranking, schema, validate."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from conftest import REGENERATE, SMALL, single_file_data

GOLDEN = Path(__file__).parent / "golden" / "rank-example.json"


def _approx(a: Any, b: Any) -> None:
    if isinstance(a, float) or isinstance(b, float):
        assert a == pytest.approx(b, abs=1e-12)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            _approx(a[k], b[k])
    elif isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _approx(x, y)
    else:
        assert a == b


def test_rank_json_matches_the_golden_file(cli: Callable[..., Result]) -> None:
    result = cli("rank", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    if REGENERATE:
        GOLDEN.write_text(result.output)
    _approx(data, json.loads(GOLDEN.read_text()))


def test_rank_json_has_the_documented_fields(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("rank", "--format", "json", "--scenario", "finance-led").output)
    for key in ("title", "criteria_set", "scenario", "method", "weights", "ranking",
                "screened_out", "input_digest"):
        assert key in data
    assert data["scenario"] == "finance-led"
    assert sum(data["weights"].values()) == pytest.approx(1)
    first = data["ranking"][0]
    assert set(first) >= {"id", "name", "rank", "score", "contributions"}
    assert sum(first["contributions"].values()) == pytest.approx(first["score"])
    assert [r["rank"] for r in data["ranking"]] == sorted(r["rank"] for r in data["ranking"])
    screened = {s["id"]: s for s in data["screened_out"]}
    assert set(screened) == {"continuation", "la-collaboration"}
    assert screened["continuation"]["failed_gates"][0]["criterion"] == "independence"


def test_rank_table_and_csv(cli: Callable[..., Result]) -> None:
    table = cli("rank")
    assert table.exit_code == 0
    assert "Wholly owned council company" in table.output
    assert "Screened out by gates:" in table.output
    rows = list(csv.DictReader(io.StringIO(cli("rank", "--format", "csv").output)))
    assert rows[0]["id"] == "council-company" and rows[0]["rank"] == "1"
    assert len(rows) == 11


def test_weight_override_changes_the_leader(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("rank", "--format", "json", "--weight", "improvement=60").output)
    assert data["weight_overrides"] == {"improvement": 60.0}
    assert data["ranking"][0]["id"] == "strategic-partnership"


def test_ties_are_reported(cli: Callable[..., Result], write: Callable[..., Path]) -> None:
    from conftest import SMALL

    path = write(SMALL.replace("quality: 5, cost: 2", "quality: 8, cost: 6"))
    data = json.loads(cli("rank", path, "--format", "json").output)
    assert [r["rank"] for r in data["ranking"]] == [1, 1, 3]
    assert data["ties"] == [["a", "b"]]
    assert "1=" in cli("rank", path).output


def test_schema_accepts_the_example_and_rejects_nonsense(cli: Callable[..., Result],
                                                        example_path: Path,
                                                        tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads(cli("schema").output)
    data = json.loads(json.dumps(single_file_data(example_path), default=str))  # dates as text
    jsonschema.validate(data, schema)
    data["options"][0]["scores"]["focus"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    flat = yaml.safe_load(SMALL)
    flat["criteria"] = flat["criteria"][0]["criteria"]  # the one set, as a flat list
    jsonschema.validate(flat, schema)
    out = tmp_path / "schema.json"
    assert cli("schema", "--out", out).exit_code == 0
    assert json.loads(out.read_text()) == schema


def test_validate_ok(cli: Callable[..., Result], example_path: Path, tmp_path: Path) -> None:
    result = cli("validate")
    assert result.exit_code == 0
    assert result.output == ("OK: 'Alternative delivery model for children's social care: "
                             "options appraisal': 13 options, criteria sets key-principles-2017, "
                             "objectives-2018, 5 scenarios, 5 members.\n")
    f = tmp_path / "one.yaml"
    f.write_text(yaml.safe_dump(single_file_data(example_path)))
    assert cli("validate", f).exit_code == 0


def test_scenario_file_round_trip(cli: Callable[..., Result], example_path: Path) -> None:
    by_id = json.loads(cli("rank", "--scenario", "children-first", "--format", "json").output)
    by_file = json.loads(cli("rank", "--scenario", example_path / "scenarios" /
                             "children-first.yaml", "--format", "json").output)
    assert by_id["ranking"] == by_file["ranking"]


def test_every_command_takes_a_scenario_file(cli: Callable[..., Result], example_path: Path,
                                             tmp_path: Path) -> None:
    src = example_path / "scenarios" / "children-first.yaml"
    f = tmp_path / "what-if.yaml"
    text = src.read_text()
    assert "id: children-first" in text and "\nname: " in text
    text = text.replace("id: children-first", "id: what-if")
    f.write_text(re.sub(r"\nname: .*\n", "\nname: Members' what-if\n", text))
    by_id = json.loads(cli("sensitivity", "--scenario", "children-first", "--samples", "0",
                           "--format", "json").output)
    by_file = json.loads(cli("sensitivity", "--scenario", f, "--samples", "0",
                             "--format", "json").output)
    assert by_file["scenario"] == "what-if"
    assert by_file["options"] == by_id["options"]
    assert by_file["input_digest"] != by_id["input_digest"]  # the file counts as an input
    out = tmp_path / "paper"
    result = cli("report", "--scenario", f, "--format", "md", "--samples", "0",
                 "--date", "2017-12-14", "--out", out)
    assert result.exit_code == 0, result.output
    paper = (out / "paper.md").read_text()
    assert "the weights of the 'Members' what-if' scenario" in paper
    assert by_file["input_digest"] in paper
