"""Shared fixtures: the bundled example, small appraisals written to tmp, a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from builders import appraisal_yaml, criterion, option
from click.testing import CliRunner, Result

import appraisal
from appraisal.cli import main
from appraisal.input.models import Appraisal
from appraisal.methods import Method, get_method
from appraisal.pipeline import AppraisalResult, Request, run

WEIGHTED_SUM: Method = get_method("weighted-sum")
NUMERIC: Method = replace(WEIGHTED_SUM, name="weighted-sum (numeric)", linear_in_weights=False,
                          values=None)
"""The weighted sum, presented as a method not linear in the weights: the analyses take
their numeric paths (grids and bisection), which the tests compare with the exact ones.
A method that really is not linear, the weighted product, is tests/weighted_product.py
(its tests: tests/test_weighted_product.py)."""


def paper_result(a: Appraisal, **request: Any) -> AppraisalResult:
    """What ``appraisal report`` computes: the ranking and every sensitivity analysis."""
    return run(a, Request(sensitivity=True, **request))

ROOT = Path(__file__).resolve().parent.parent

REGENERATE = bool(os.environ.get("APPRAISAL_REGENERATE"))
"""APPRAISAL_REGENERATE=1 rewrites every golden file and every example in the README
and docs/ from real output (then review the diff and commit it)."""


@pytest.fixture(scope="session")
def example_path() -> Path:
    return appraisal.bundled_example()


@pytest.fixture(scope="session")
def example() -> Appraisal:
    return appraisal.load()


def single_file_data(root: Path) -> dict[str, Any]:
    """The directory-form appraisal at ``root`` as one single-file mapping."""
    data = yaml.safe_load((root / "appraisal.yaml").read_text())
    for part in ("criteria", "options", "scenarios", "members"):
        items: list[Any] = []
        for f in sorted((root / part).glob("*.yaml")):
            content = yaml.safe_load(f.read_text())
            items.extend(content if isinstance(content, list) else [content])
        data[part] = items
    return data


SMALL = appraisal_yaml(
    "Small",
    [criterion("main", name="Main set", criteria=[
        criterion("quality", 3, name="Quality"),
        criterion("cost", 1, name="Cost", direction="cost")])],
    [option("a", {"quality": 8, "cost": 6}, name="Option A"),
     option("b", {"quality": 5, "cost": 2}, name="Option B"),
     option("c", {"quality": 2, "cost": 9}, name="Option C")],
    scale=(0, 10))
"""A small appraisal: one group of two criteria (one a cost), three options, a 0..10
scale; tests edit its text (it is written one criterion or option a line)."""


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``text`` to ``tmp_path/name`` and return the path."""

    def _write(text: str, name: str = "appraisal.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    return _write


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI in-process with a fixed terminal width."""
    monkeypatch.setenv("COLUMNS", "120")

    def _run(*args: str) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return _run


CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def need_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium package")
    pytest.skip(f"{CHROMIUM} is missing: install it with 'apt-get install chromium' "
                "(the browser tests never download a browser)")


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()




def serious_axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    """axe-core's WCAG 2.1 A/AA violations of impact serious or critical on ``page``."""
    from importlib.resources import files

    page.add_script_tag(content=(files("axe_playwright_python") / "axe.min.js").read_text())
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target)}));
    }""")
    return [v for v in found if v["impact"] in ("serious", "critical")]
