"""Bad input gives one clear, located message per problem and exit code 2, no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import SMALL

CASES: dict[str, tuple[str, str, list[str]]] = {
    # name: (text to replace in SMALL, replacement, expected problem lines)
    "score above scale": (
        "quality: 8, cost: 6", "quality: 11, cost: 6",
        ["appraisal.yaml:10:47: options[0].scores.quality: expected a score from 0 to 10, "
         "the scale of criterion 'quality' (Quality); found 11"]),
    "negative weight": (
        "weight: 3}", "weight: -3}",
        ["appraisal.yaml:7:46: criteria[0].criteria[0].weight: expected a number >= 0; "
         "found -3"]),
    "unknown direction": (
        "direction: cost", "direction: lower",
        ["appraisal.yaml:8:54: criteria[0].criteria[1].direction: expected one of benefit or "
         "cost; found 'lower'"]),
    "missing score": (
        "scores: {quality: 2, cost: 9}", "scores: {quality: 2}",
        ["appraisal.yaml:12:29: options[2].scores: expected a score for every leaf criterion of "
         "set 'main'; found no score for 'cost' (Cost) in option 'c' (Option C)"]),
    "low above value": (
        "quality: 5, cost: 2", "quality: {value: 5, low: 6, high: 7}, cost: 2",
        ["appraisal.yaml:11:38: options[1].scores.quality: expected low <= value <= high; found "
         "low 6, value 5, high 7"]),
    "duplicate option id": (
        "id: c, name: Option C", "id: a, name: Option C",
        ["appraisal.yaml:12:10: options[2].id: expected a unique option id; found 'a' again "
         "(also at options[0])"]),
    "duplicate yaml key": (
        "quality: 8, cost: 6", "quality: 8, cost: 6, quality: 7",
        ["appraisal.yaml:10:59: options[0].scores.quality: expected each key once in a mapping; "
         "found 'quality' again (first given at line 10)"]),
    "unknown field": (
        "name: Option B,", "name: Option B, colour: red,",
        ["appraisal.yaml:11:37: options[1].colour: expected only the fields of the format (see "
         "`appraisal schema`); found unknown field 'colour'"]),
    "score is text": (
        "cost: 2}", "cost: low}",
        ["appraisal.yaml:11:56: options[1].scores.cost: expected a number, or a mapping with "
         "value (and optionally low, high, rationale, evidence); found 'low'"]),
    "unknown criterion in scores": (
        "cost: 9}", "cost: 9, speed: 3}",
        ["appraisal.yaml:12:66: options[2].scores.speed: expected a leaf criterion id of one of "
         "the criteria sets; found unknown criterion 'speed' in option 'c' (Option C)"]),
    "family cycle": (
        "{id: a, name: Option A,", "{id: a, name: Option A, family: a,",
        ["appraisal.yaml:10:37: options[0].family: expected option families without cycles; "
         "found the cycle a -> itself"]),
    "unknown family": (
        "{id: b, name: Option B,", "{id: b, name: Option B, family: zz,",
        ["appraisal.yaml:11:37: options[1].family: expected the id of another option; found "
         "unknown option 'zz'"]),
    "bad id": (
        "{id: b,", "{id: Option-B,",
        ["appraisal.yaml:11:10: options[1].id: expected an id of lowercase letters, digits, '-' "
         "or '_' (e.g. 'option-9'); found 'Option-B'"]),
    "missing title": (
        "title: Small\n", "",
        ["appraisal.yaml:1:1: title: expected a value for this required field; found nothing"]),
    "yaml syntax": (
        "options:\n", "options:\n  - [\n",
        ["appraisal.yaml:11:3: expected valid YAML; found a syntax error (did not find expected "
         "node content)"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_exactly(name: str, write: Callable[..., Path],
                                       cli: Callable[..., Result],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    old, new, expected = CASES[name]
    assert old in SMALL
    path = write(SMALL.replace(old, new, 1))
    monkeypatch.chdir(path.parent)
    result = cli("validate", "appraisal.yaml")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    n = len(expected)
    assert lines[0] == f"appraisal: {n} problem{'s' if n != 1 else ''} in the appraisal input"
    assert lines[1:] == expected
    assert "Traceback" not in result.output


def test_every_problem_is_reported_in_one_run(write: Callable[..., Path],
                                              cli: Callable[..., Result]) -> None:
    text = SMALL
    for old, new, _ in CASES.values():
        if old in text and "title" not in old and "options:\n" not in old:
            text = text.replace(old, new, 1)
    result = cli("validate", write(text))
    assert result.exit_code == 2
    assert int(result.output.split()[1]) >= 8


def test_all_zero_sibling_weights(write: Callable[..., Path], cli: Callable[..., Result],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(SMALL.replace("weight: 3}", "weight: 0}").replace("weight: 1,", "weight: 0,"))
    monkeypatch.chdir(path.parent)
    result = cli("validate", "appraisal.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[1] == (
        "appraisal.yaml:6:5: criteria[0].criteria: expected at least one criterion with a "
        "weight above 0; found all weights 0")


def test_missing_path_is_a_usage_error(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("validate", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.output.startswith(f"appraisal: no appraisal at '{tmp_path / 'nowhere'}'")


def test_unknown_scenario_and_set_list_the_choices(cli: Callable[..., Result]) -> None:
    result = cli("rank", "--scenario", "nope")
    assert result.exit_code == 2
    assert result.output == (
        "appraisal: unknown scenario 'nope'; expected one of: children-first, deliverability, "
        "finance-led, improvement-first, statutory-first\n")
    result = cli("rank", "--criteria", "nope")
    assert result.output == ("appraisal: unknown criteria set 'nope'; expected one of: "
                             "key-principles-2017, objectives-2018\n")


def test_bad_weight_option(cli: Callable[..., Result]) -> None:
    result = cli("rank", "--weight", "finance")
    assert result.exit_code == 2
    assert "expected ID=NUMBER (e.g. finance=30); found 'finance'" in result.output
    result = cli("rank", "--weight", "nothing=3")
    assert result.exit_code == 2
    assert result.output.startswith("appraisal: unknown criterion 'nothing'; expected one of:")


def test_directory_errors_name_the_file(tmp_path: Path, example_path: Path,
                                        cli: Callable[..., Result],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    root = tmp_path / "appr"
    shutil.copytree(example_path, root, ignore=shutil.ignore_patterns("*.py", "appraisal",
                                                                      "tests", ".*"))
    f = root / "options" / "09-council-company.yaml"
    text = f.read_text()
    assert "  focus:\n    value: 4\n    low: 3.5\n    high: 4.5\n" in text
    f.write_text(text.replace("value: 4\n    low: 3.5\n    high: 4.5", "value: 9\n    low: 3.5\n"
                                                                          "    high: 9.5", 1))
    monkeypatch.chdir(root)
    result = cli("validate", ".")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[1:] == [
        "options/09-council-company.yaml:17:12: scores.focus.value: expected a score from 0 to 5, "
        "the scale of criterion 'focus' (Single focus on children); found 9",
        "options/09-council-company.yaml:19:11: scores.focus.high: expected a score from 0 to 5, "
        "the scale of criterion 'focus' (Single focus on children); found 9.5"]
