"""The layers of ../shared/ARCHITECTURE.md hold: import-linter's contracts (in
pyproject.toml) pass, would fail on a forbidden import, and the numeric layers load
no YAML, pydantic, templates or terminal libraries when imported."""

from __future__ import annotations

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
    ("presentation/formatting.py", "import rich", "Only the CLI prints"),
])
def test_a_forbidden_import_breaks_a_contract(tmp_path: Path, module: str, line: str,
                                               broken: str) -> None:
    shutil.copytree(ROOT / "appraisal", tmp_path / "appraisal",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "appraisal" / module
    target.write_text(target.read_text().replace("from __future__ import annotations\n",
                                                 f"from __future__ import annotations\n{line}\n",
                                                 1))
    run = _lint(tmp_path)
    assert run.returncode == 1, run.stdout
    text = " ".join(run.stdout.split())
    section = text.split("Broken contracts", 1)[1]
    assert broken.split(":")[0] in section


def test_numeric_layers_load_nothing_heavy() -> None:
    code = ("import sys\n"
            "import appraisal.core.problem, appraisal.core.ordering, appraisal.methods\n"
            "import appraisal.analysis, appraisal.analysis.smaa, appraisal.analysis.sweeps\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
