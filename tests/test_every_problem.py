"""Every problem in one run, each exactly once, in both forms: a file with fourteen
independent problems of different kinds (types, ranges, references, duplicates, ids,
unknown fields, scenarios, gates, families, settings) reports all fourteen, and no
problem hides another."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

import appraisal

BROKEN = """\
title: Broken on purpose
scale: {min: 0, max: 10}
default_criteria: mian
method: weighted-summ
criteria:
  - id: main
    name: Main set
    criteria:
      - {id: quality, name: Quality, weight: -3, gate: 12}
      - {id: cost, name: Cost, weight: 1, direction: costs}
      - {id: Speed, name: Speed, wieght: 2}
options:
  - {id: a, name: Option A, scores: {quality: 11, cost: 6}}
  - {id: b, name: Option B, scores: {quality: 5, cots: 2}, family: z}
  - {id: c, name: Option C, scores: {quality: x, cost: {value: 3, low: 4}}}
  - {id: a, name: Option D, scores: {quality: 1, cost: 1}}
scenarios:
  - {id: s1, name: S, weights: {qualty: 3}}
  - {id: s2, name: T, criteria_set: other}
"""

EXPECTED = [  # (field, what is found), one per problem
    ("default_criteria", "'mian'; did you mean 'main'?"),
    ("method", "'weighted-summ'; did you mean 'weighted-sum'?"),
    ("criteria[0].criteria[0].weight", "-3"),
    ("criteria[0].criteria[0].gate", "12"),
    ("criteria[0].criteria[1].direction", "'costs'; did you mean 'cost'?"),
    ("criteria[0].criteria[2].id", "'Speed'"),
    ("criteria[0].criteria[2].wieght", "unknown field 'wieght'; did you mean 'weight'?"),
    ("options[0].scores.quality", "11"),
    ("options[1].scores", "no score for 'cost' (Cost) in option 'b' (Option B)"),
    ("options[1].scores.cots", "unknown criterion 'cots' in option 'b' (Option B); did you "
                               "mean 'cost'?"),
    ("options[1].family", "unknown option 'z'"),
    ("options[2].scores.quality", "'x'"),
    ("options[2].scores.cost", "low 4, value 3, high 3"),
    ("options[3].id", "'a' again (also at options[0])"),
    ("scenarios[0].weights.qualty", "unknown criterion 'qualty'; did you mean 'quality'?"),
    ("scenarios[1].criteria_set", "'other'"),
]


def _directory(root: Path) -> Path:
    data = yaml.safe_load(BROKEN)
    root.mkdir()
    meta = {k: v for k, v in data.items() if k not in ("criteria", "options", "scenarios")}
    (root / "appraisal.yaml").write_text(yaml.safe_dump(meta, sort_keys=False))
    for part in ("criteria", "options", "scenarios"):
        (root / part).mkdir()
        for i, item in enumerate(data[part]):
            (root / part / f"{i}.yaml").write_text(yaml.safe_dump(item, sort_keys=False))
    return root


def _fields(diagnostics: Any, directory: bool) -> list[tuple[str, str]]:
    out = []
    for d in diagnostics:
        field = d.field
        if directory and d.file.split("/")[-2] in ("criteria", "options", "scenarios"):
            field = f"{d.file.split('/')[-2]}[{d.file.split('/')[-1][0]}]" + (
                "." + field if field and not field.startswith("[") else field)
        out.append((field, d.found))
    return out


@pytest.mark.parametrize("form", ["single file", "directory"])
def test_sixteen_problems_each_reported_once(tmp_path: Path, form: str) -> None:
    path = _directory(tmp_path / "appr") if form == "directory" else tmp_path / "a.yaml"
    if form == "single file":
        path.write_text(BROKEN)
    with pytest.raises(appraisal.InputError) as caught:
        appraisal.load(path)
    found = _fields(caught.value.diagnostics, form == "directory")
    assert sorted(found) == sorted(EXPECTED)
    assert all(d.line > 0 for d in caught.value.diagnostics)


def test_the_command_lists_them_all_with_exit_2(write: Callable[[str, str], Path],
                                                cli: Callable[..., Result]) -> None:
    res = cli("validate", write(BROKEN))
    assert res.exit_code == 2
    assert res.output.splitlines()[0] == f"appraisal: {len(EXPECTED)} problems in the " \
                                         "appraisal input"
