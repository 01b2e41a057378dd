"""The plain-English robustness summary (and analyse() with a stand-in for SMAA)."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from conftest import paper_result

from appraisal.input.models import Appraisal
from appraisal.presentation import summary as words
from appraisal.presentation.formatting import pct, score


@dataclass(frozen=True)
class StubSmaa:
    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    samples: int
    seed: int
    acceptability: Any
    central_weights: Any
    confidence: Any
    pairwise: Any
    weight_model: str
    score_model: str


def stub_smaa(problem: Any, method: Any, *, samples: int = 10_000, seed: int = 0,
              weights: Any = None, score_uncertainty: bool = False, chunk: int = 65_536,
              progress: Any = None, **_: Any) -> StubSmaa:
    """A tiny stand-in with the contract's shape (helper B implements the real one)."""
    n, m = problem.shape
    w = np.random.default_rng(seed).dirichlet(np.ones(m), samples)
    t = method.score(problem, w)
    ranks = np.argsort(np.argsort(-t, axis=1), axis=1)
    acc = np.stack([(ranks == r).mean(axis=0) for r in range(n)], axis=1)
    pair = (t[:, :, None] > t[:, None, :]).mean(axis=0)
    if progress:
        progress(samples, samples)
    return StubSmaa(problem.option_ids, problem.criterion_ids, samples, seed, acc,
                    np.full((n, m), np.nan), np.full(n, np.nan), pair, "uniform", "fixed")


@pytest.fixture
def with_stub_smaa(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    mod = types.ModuleType("appraisal.analysis.smaa")
    mod.smaa = stub_smaa  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "appraisal.analysis.smaa", mod)
    yield


def test_number_formats() -> None:
    assert pct(0.31) == "31.0%" and pct(0.052) == "5.2%" and pct(0.31249) == "31.2%"
    assert score(3.4041666) == "3.4" and score(4.0) == "4" and score(-0.001) == "0"


def test_example_summary_sentences(example: Appraisal, with_stub_smaa: None) -> None:
    result = paper_result(example, samples=2000)
    s = result.sensitivity
    assert s is not None and s.smaa is not None
    summ = s.summary
    assert summ.leader == "council-company" and summ.runner_up == "staff-mutual"
    p = s.problem
    text = " ".join(words.sentences(summ, dict(zip(p.option_ids, p.option_names, strict=True)),
                                    dict(zip(p.tree.ids, p.tree.names, strict=True))))
    assert "Wholly owned council company stays first unless the weight on Market maturity " \
           "risk falls below 2.8% (base 8.0%); then Staff owned mutual leads." in text
    first = float(s.smaa.acceptability[list(s.problem.option_ids).index(s.leader), 0])
    assert f"It ranks first in {pct(first)} of 2,000 random weightings." in text
    assert summ.first_acceptability == first
    assert "council-company" not in text  # names, not ids
    assert summ.weight_switch is s.weight_switching.headline


def test_without_samples_there_is_no_acceptability_sentence(
        example: Appraisal) -> None:
    s = paper_result(example, samples=0).sensitivity
    assert s is not None and s.smaa is None and s.summary.first_acceptability is None
    assert words.acceptability_clause(s.summary) is None


def test_fewer_than_two_options_is_a_usage_error(example: Appraisal) -> None:
    from appraisal.errors import UsageError

    with pytest.raises(UsageError, match="at least two options"):
        paper_result(example.model_copy(update={"options": example.options[:1]}), samples=0)
