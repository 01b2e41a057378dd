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
                "--score-uncertainty", "--fixed-scores", "--weights-over", "--weight-ranges",
                "--ordinal", "--tolerance", "--flip-share", "--format"):
        assert opt in out


def test_json_has_every_analysis_and_is_deterministic() -> None:
    code, out, _ = run("--samples", "500", "--seed", "3", "--format", "json")
    assert code == 0
    data = json.loads(out)
    for key in ("summary", "weight_switching", "score_switching", "sweeps", "distances",
                "scenarios", "dominance", "closeness", "monte_carlo", "definitions"):
        assert key in data
    for kind in ("board", "anywhere"):
        mc = data["monte_carlo"][kind]
        assert mc["samples"] == 500
        share = mc["first_or_jointly_first"]["council-company"]
        se = mc["first_or_jointly_first_se"]["council-company"]
        assert se == (share * (1 - share) / 500) ** 0.5
    assert data["monte_carlo"]["board"]["weight_model"].startswith("weights around the board's")
    # the example states score ranges, so the scores are drawn and confidence factors
    # kept, for the analysis over any weighting (around the board's they are not shown)
    assert data["monte_carlo"]["anywhere"]["confidence"] is not None
    assert data["monte_carlo"]["board"]["confidence"] is None
    assert data["summary"]["board"]["value"] == data["monte_carlo"]["board"][
        "first_or_jointly_first"]["council-company"]
    assert data["leader"] == "council-company" and data["seed"] == 3
    assert data["weight_switching"]["headline"]["node_id"] == "market"
    assert run("--samples", "500", "--seed", "3", "--format", "json")[1] == out


def test_table_without_samples() -> None:
    code, out, _ = run("--samples", "0")
    assert code == 0
    assert "Weight stability intervals" in out and "Ranks by scenario" in out
    assert "First place in" not in out and "What would it take" in out


def test_unknown_criterion_in_weight_override() -> None:
    code, _, err = run("--samples", "0", "--weight", "nonsense=3")
    assert code == 2
    assert "unknown criterion 'nonsense'" in err


def test_ordinal_must_rank_every_criterion_of_its_group() -> None:
    code, _, err = run("--samples", "10", "--ordinal", "focus>finance")
    assert code == 2
    assert "a ranking must name every criterion of its group once; missing: improvement" in err
    code, _, err = run("--samples", "10", "--ordinal", "focus>cypp-safe")
    assert code == 2 and "must name criteria of one group" in err
    code, _, err = run("--samples", "10", "--ordinal", "focus>improvement", "--weights-over",
                       "leaves")
    assert code == 2 and "must rank every leaf criterion once; missing: social-work" in err


def test_fixed_scores_drop_the_confidence_factors() -> None:
    code, out, _ = run("--samples", "500", "--fixed-scores", "--format", "json")
    data = json.loads(out)
    assert data["monte_carlo"]["anywhere"]["confidence"] is None
    assert data["monte_carlo"]["anywhere"]["score_model"] == "scores fixed at their stated values"
    code, out, _ = run("--samples", "500", "--fixed-scores")
    assert code == 0 and "Confidence" not in out


def test_bad_weight_range_syntax() -> None:
    code, _, err = run("--samples", "10", "--weight-ranges", "finance=0.1")
    assert code == 2
    assert "expected ID=LOW:HIGH" in err


def test_a_long_run_reports_progress_in_plain_lines_when_not_on_a_terminal() -> None:
    res = CliRunner().invoke(main, ["sensitivity", "--samples", "200000", "--format", "json"])
    assert res.exit_code == 0
    lines = [ln for ln in res.stderr.splitlines() if "Monte Carlo" in ln]
    # four runs of 200,000 (around the board's weights, any weighting, and the two over
    # the members' weights) sharing their score draws, and a second pass over the first
    # 32,768 score draws for the confidence factors over any weighting
    assert lines[-1] == "appraisal: Monte Carlo 100% (832,768 of 832,768 draws)"
    assert 2 <= len(lines) <= 4
