"""appraisal diff against a scripted git history of the example (a temporary repository):
changes found, moves split exactly among their causes, revisions read from git's
objects without touching the working tree."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zlib
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


def _blob_of_size(repo: Path, path: str, size: int) -> None:
    """Stage at ``path`` a blob whose object declares ``size`` bytes (its data a few
    bytes: git lists the declared size, and nothing may read further than that)."""
    raw = f"blob {size}\0".encode() + b"title: x\n"
    oid = hashlib.sha1(raw).hexdigest()
    folder = repo / ".git" / "objects" / oid[:2]
    folder.mkdir(exist_ok=True)
    (folder / oid[2:]).write_bytes(zlib.compress(raw))
    _git(repo, "update-index", "--add", "--cacheinfo", f"100644,{oid},{path}")


def test_a_huge_file_at_a_revision_is_refused_unread(repo: Path) -> None:
    """Break 9: ``diff`` held the whole ``git archive`` in memory (a 1.5 GB blob: 3.0 GB
    before "larger than the input limit"). The sizes git lists are checked first, and a
    file is never read past them; the blob here declares 1.5 GB but holds a few bytes,
    so reading it at all would fail."""
    _blob_of_size(repo, "appraisal/options/99-big.yaml", 1_500_000_000)
    _git(repo, "commit", "-qm", "a huge file")
    assert _run(repo / "appraisal", "diff", "HEAD~1", "HEAD") == (
        2, "appraisal: 1 problem in the appraisal input\n"
        "HEAD:options/99-big.yaml: expected a file of at most 16.0 MiB; found 1430.5 MiB\n")
    for k in range(5):
        _blob_of_size(repo, f"appraisal/options/{90 + k}-part.yaml", 15 * 2**20)
    _git(repo, "rm", "-q", "--cached", "appraisal/options/99-big.yaml")
    _git(repo, "commit", "-qm", "five large files")
    assert _run(repo, "diff", "HEAD~2", "HEAD", "appraisal") == (
        2, "appraisal: 1 problem in the appraisal input\n"
        "HEAD:appraisal: expected an appraisal of at most 64.0 MiB in all; found 75.2 MiB\n")


def test_a_file_linking_out_of_the_repository_is_an_input_error(repo: Path,
                                                               tmp_path: Path) -> None:
    """Break 10: ``diff HEAD~1 HEAD linked.yaml`` where the file links out of the
    repository: exit 3. A link is read as git holds it, a link, which the loader
    refuses as it does in the working tree; nothing outside is read."""
    secret = tmp_path / "outside.yaml"
    secret.write_text("title: not for the paper\n")
    os.symlink(secret, repo / "linked.yaml")
    _git(repo, "add", "linked.yaml")
    _git(repo, "commit", "-qm", "a link")
    _git(repo, "commit", "-qm", "again", "--allow-empty")
    refused = ("appraisal: 1 problem in the appraisal input\n{}:linked.yaml: expected a "
               "file inside the appraisal folder; found a link leaving it\n")
    assert _run(repo, "diff", "HEAD~1", "HEAD", "linked.yaml") == (2, refused.format("HEAD~1"))
    assert _run(repo, "diff", "HEAD", "linked.yaml") == (2, refused.format("HEAD"))


def test_a_shallow_clone_says_what_is_missing_and_how_to_fetch_it(repo: Path,
                                                                  tmp_path: Path) -> None:
    """Break 11: a shallow clone said "'HEAD~1' is neither a path nor a git revision"."""
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert _run(clone / "appraisal", "diff", "HEAD~1", "HEAD") == (
        2, "appraisal: 'HEAD~1' is not a path, nor a revision in this clone's history: the "
        "clone is shallow (made with --depth), so older commits were not fetched; fetch "
        "more history with 'git fetch --deepen=100' (or all of it with 'git fetch "
        "--unshallow') and try again\n")
    _git(clone, "fetch", "-q", "--deepen=1")
    code, out = _run(clone / "appraisal", "diff", "HEAD~1", "HEAD")
    assert code == 0 and "HEAD~1 -> HEAD" in out
