"""appraisal diff against a scripted git history of the example (a temporary repository):
changes found, moves split exactly among their causes, revisions read from git's
objects without touching the working tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from appraisal.analysis.attribution import attribute
from appraisal.cli import main

PARTS = ("appraisal.yaml", "criteria", "options", "scenarios", "members")


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    app = root / "appraisal"
    app.mkdir(parents=True)
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, app / part)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "as tabled")
    _git(root, "tag", "v1.0")
    # meeting 2: the board weighs market maturity risk more; option 10 rescored
    _edit(app / "criteria" / "key-principles-2017.yaml",
          "A cost criterion: higher is worse.\n    weight: 8\n",
          "A cost criterion: higher is worse.\n    weight: 20\n")
    _edit(app / "options" / "10-staff-mutual.yaml",
          "  focus:\n    value: 4.5\n    low: 4\n    high: 5\n    rationale: \"Owned by staff",
          "  focus:\n    value: 5\n    low: 4.5\n    high: 5\n    rationale: \"Rescored: "
          "owned by staff")
    _git(root, "commit", "-qam", "meeting 2")
    return root


def _run(cwd: Path, *args: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return r.exit_code, r.output


def test_diff_of_two_revisions_splits_every_move_exactly(repo: Path) -> None:
    app = repo / "appraisal"
    before = {p: p.read_bytes() for p in app.rglob("*") if p.is_file()}
    code, out = _run(app, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["old_label"] == "HEAD~1" and data["new_label"] == "HEAD"
    market = [w for w in data["weights"] if w["criterion"] == "market"]
    assert market and market[0]["raw_old"] == 8 and market[0]["raw_new"] == 20
    fields = {(s["option"], s["criterion"], s["field"]) for s in data["scores"]}
    assert ("staff-mutual", "focus", "value") in fields
    assert ("staff-mutual", "focus", "rationale") in fields
    for m in data["moves"]:
        if m["change"] is not None:
            assert sum(c["change"] for c in m["causes"]) == pytest.approx(m["change"],
                                                                         abs=1e-12)
    mutual = next(m for m in data["moves"] if m["option"] == "staff-mutual")
    causes = {c["cause"] for c in mutual["causes"]}
    assert "score on Single focus on children" in causes
    assert "weight of Market maturity risk (8 -> 20)" in causes  # the one raw change
    # revisions are read from git's objects: the working tree is untouched
    assert {p: p.read_bytes() for p in app.rglob("*") if p.is_file()} == before


def test_revision_against_working_tree_and_markdown(repo: Path) -> None:
    app = repo / "appraisal"
    _edit(app / "options" / "09-council-company.yaml", "  focus:\n    value: 4\n    low: 3.5",
          "  focus:\n    value: 3\n    low: 3")
    code, out = _run(repo, "diff", "--format", "markdown", "v1.0", "--", "appraisal")
    assert code == 0, out
    assert out.startswith("## What changed in the appraisal (key-principles-2017)")
    assert "v1.0 -> working tree" in out
    assert "| 9. Wholly owned council company |" in out
    assert "### Weights" in out and "| Market maturity risk | 8 -> 20 |" in out


def test_two_paths_and_errors(repo: Path, tmp_path: Path) -> None:
    app = repo / "appraisal"
    code, out = _run(tmp_path, "diff", str(ROOT), str(app))
    assert code == 0 and "Weights" in out
    code, out = _run(app, "diff", "no-such-rev", "HEAD")
    assert code == 2 and "neither a path nor a git revision" in out
    code, out = _run(app, "diff", "HEAD", "HEAD")
    assert code == 0 and "Nothing changed." in out


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 6).flatmap(lambda m: st.tuples(
    *(arrays(np.float64, (3, m), elements=st.floats(0, 1)) for _ in range(2)),
    *(arrays(np.float64, m, elements=st.floats(0, 1)) for _ in range(2)))))
def test_attribution_adds_up_exactly(args: tuple[np.ndarray, ...]) -> None:
    v0, v1, w0, w1 = args
    a = attribute(w0, v0, w1, v1)
    np.testing.assert_allclose(a.by_weight.sum(axis=1) + a.by_score.sum(axis=1), a.total,
                               rtol=0, atol=1e-12)
    # symmetric: undoing the change negates every part
    b = attribute(w1, v1, w0, v0)
    np.testing.assert_allclose(b.by_weight, -a.by_weight, atol=1e-15)
    np.testing.assert_allclose(b.by_score, -a.by_score, atol=1e-15)
