"""``appraisal sensitivity``: table and JSON output, determinism, errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from appraisal.cli import main


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["sensitivity", *args])
    return res.exit_code, res.stdout, res.stderr


def test_help_lists_every_option() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for opt in ("--criteria", "--scenario", "--weight", "--method", "--samples", "--seed",
                "--score-uncertainty", "--weight-ranges", "--ordinal", "--tolerance",
                "--format"):
        assert opt in out


def test_json_has_every_analysis_and_is_deterministic() -> None:
    code, out, _ = run("--samples", "500", "--seed", "3", "--format", "json")
    assert code == 0
    data = json.loads(out)
    for key in ("summary", "weight_switching", "score_switching", "sweeps", "distances",
                "scenarios", "dominance", "smaa", "definitions"):
        assert key in data
    assert data["leader"] == "council-company" and data["seed"] == 3
    assert data["weight_switching"]["headline"]["node_id"] == "market"
    assert run("--samples", "500", "--seed", "3", "--format", "json")[1] == out


def test_table_without_samples() -> None:
    code, out, _ = run("--samples", "0")
    assert code == 0
    assert "Weight stability intervals" in out and "Ranks by scenario" in out
    assert "Rank acceptability" not in out


def test_unknown_criterion_in_weight_override() -> None:
    code, _, err = run("--samples", "0", "--weight", "nonsense=3")
    assert code == 2
    assert "unknown criterion 'nonsense'" in err


def test_ordinal_must_rank_every_leaf() -> None:
    code, _, err = run("--samples", "10", "--ordinal", "focus>finance")
    assert code == 2
    assert "an ordinal ranking must rank every leaf criterion; missing: improvement" in err


def test_bad_weight_range_syntax() -> None:
    code, _, err = run("--samples", "10", "--weight-ranges", "finance=0.1")
    assert code == 2
    assert "expected ID=LOW:HIGH" in err


def test_a_long_run_reports_progress_in_plain_lines_when_not_on_a_terminal() -> None:
    res = CliRunner().invoke(main, ["sensitivity", "--samples", "200000", "--format", "json"])
    assert res.exit_code == 0
    lines = [ln for ln in res.stderr.splitlines() if "Monte Carlo" in ln]
    assert lines[-1] == "appraisal: Monte Carlo 100% (200,000 of 200,000 draws)"
    assert 2 <= len(lines) <= 4
