"""The layers of ../shared/ARCHITECTURE.md hold: import-linter's contracts (in
pyproject.toml) pass, would fail on a forbidden import, and the numeric layers load
no YAML, pydantic, templates or terminal libraries when imported. No module of the
package imports itself through others: the import graph (grimp's, which counts imports
inside functions and under ``if TYPE_CHECKING:``, and a submodule's import of its own
package's ``__init__``) has no circle, and a circle injected into a copy would be named."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "yaml", "click", "rich", "jinja2", "docx", "weasyprint", "scipy",
         "networkx")


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import "
                           "lint_imports; sys.exit(lint_imports(no_cache=True))"],
                          cwd=cwd, env={"PYTHONPATH": str(cwd), "PATH": ""},
                          capture_output=True, text=True, timeout=120)


def test_import_contracts_are_kept() -> None:
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.mark.parametrize("module,line,broken", [
    ("core/problem.py", "import pydantic", "The numeric core, the methods and the analyses"),
    ("core/ordering.py", "import scipy", "The core imports NumPy only"),
    ("analysis/sweeps.py", "from ..input import models", "Each layer imports only"),
    ("report/blocks.py", "from ..cli import common", "Each layer imports only"),
    ("report/blocks.py", "from ..workshop import form", "Each layer imports only"),
    ("workshop/git.py", "import click", "Only the CLI prints"),
    ("presentation/formatting.py", "import rich", "Only the CLI prints"),
])
def test_a_forbidden_import_breaks_a_contract(tmp_path: Path, module: str, line: str,
                                               broken: str) -> None:
    _inject(tmp_path, module, line)
    run = _lint(tmp_path)
    assert run.returncode == 1, run.stdout
    text = " ".join(run.stdout.split())
    section = text.split("Broken contracts", 1)[1]
    assert broken.split(":")[0] in section


def _inject(tmp_path: Path, module: str, line: str) -> None:
    """A copy of the package and pyproject.toml in ``tmp_path``, with ``line`` added to
    ``module`` after its ``from __future__`` import."""
    shutil.copytree(ROOT / "appraisal", tmp_path / "appraisal",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "appraisal" / module
    text = target.read_text()
    assert "from __future__ import annotations\n" in text
    target.write_text(text.replace("from __future__ import annotations\n",
                                   f"from __future__ import annotations\n{line}\n", 1))


CYCLES = """
import json
import grimp
import networkx as nx

graph = grimp.build_graph("appraisal", include_external_packages=False, cache_dir=None)
g = nx.DiGraph()
for module in graph.modules:
    g.add_node(module)
    g.add_edges_from((module, t) for t in graph.find_modules_directly_imported_by(module))
cycles = []
for group in nx.strongly_connected_components(g):
    if len(group) > 1 or g.has_edge(*2 * tuple(group)):
        cycles.append([a for a, _ in nx.find_cycle(g.subgraph(group))])
print(json.dumps(sorted(cycles)))
"""
"""Prints every import circle of the package found from the working directory, one
cycle of each strongly connected group of modules, as a list of module names."""


def _circles(cwd: Path) -> list[list[str]]:
    run = subprocess.run([sys.executable, "-c", CYCLES], cwd=cwd,
                         env={"PYTHONPATH": str(cwd), "PATH": ""},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    circles: list[list[str]] = json.loads(run.stdout)
    return circles


def _named(circles: list[list[str]]) -> str:
    return "; ".join(" -> ".join([*c, c[0]]) for c in circles)


def test_no_module_imports_itself_through_others() -> None:
    circles = _circles(ROOT)
    assert not circles, "import circles: " + _named(circles)


@pytest.mark.parametrize("module,line,circle", [
    ("core/problem.py", "from ..methods import METHODS",
     {"appraisal.core.problem", "appraisal.methods"}),
    ("input/models.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
     "    from .loading import load", {"appraisal.input.models", "appraisal.input.loading"}),
    ("pipeline/run.py", "def _injected() -> None:\n    from . import ANALYSED",
     {"appraisal.pipeline", "appraisal.pipeline.run"}),
])
def test_an_import_circle_is_found_and_named(tmp_path: Path, module: str, line: str,
                                             circle: set[str]) -> None:
    """At the top, under TYPE_CHECKING, and inside a function of a submodule that
    imports its package's ``__init__`` back."""
    _inject(tmp_path, module, line)
    circles = _circles(tmp_path)
    assert any(circle <= set(c) for c in circles), _named(circles)


def test_numeric_layers_load_nothing_heavy() -> None:
    code = ("import sys\n"
            "import appraisal.core.problem, appraisal.core.ordering, appraisal.methods\n"
            "import appraisal.analysis, appraisal.analysis.smaa, appraisal.analysis.sweeps\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
