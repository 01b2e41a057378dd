"""appraisal: options-appraisal decision support.

Load an appraisal kept as YAML, validate it, rank its options, test how robust the
ranking is and write the paper::

    import appraisal
    a = appraisal.load()                    # the bundled example, or load("path/to/it")
    result = appraisal.rank(a, scenario="finance-led")
    print(result.ranking.leader.name)

The functions here import their layers only when called, so ``import appraisal`` (and
``import appraisal.core``) stays light. The layers: :mod:`appraisal.core` (arrays),
:mod:`appraisal.methods`, :mod:`appraisal.analysis`, :mod:`appraisal.input` (YAML and
validation), :mod:`appraisal.pipeline`, :mod:`appraisal.presentation`,
:mod:`appraisal.report` (the paper), :mod:`appraisal.workshop` (what people edit with)
and :mod:`appraisal.cli`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__
from .errors import AppraisalError, Diagnostic, InputError, OutputError, UsageError

if TYPE_CHECKING:  # the package imports only what a call needs, when it is made
    import os
    from collections.abc import Mapping
    from datetime import date
    from pathlib import Path

    from .input.models import Appraisal, Scenario
    from .pipeline import AppraisalResult, Request


__all__ = [
    "AppraisalError",
    "Diagnostic",
    "InputError",
    "OutputError",
    "UsageError",
    "__version__",
    "bundled_example",
    "load",
    "rank",
    "run",
    "write_paper",
]


def bundled_example() -> Path:
    """The directory of the example appraisal shipped with the tool."""
    from .input.loading import bundled_example as where

    return where()


def load(path: str | os.PathLike[str] | None = None, *,
         criteria: str | None = None) -> Appraisal:
    """Load and validate an appraisal (see :func:`appraisal.input.loading.load`)."""
    from .input.loading import load as load_

    return load_(path, criteria=criteria)


def rank(appraisal: Appraisal, criteria: str | None = None,
         scenario: str | Scenario | None = None, weights: Mapping[str, float] | None = None,
         method: str | None = None) -> AppraisalResult:
    """Rank the options (see :func:`appraisal.pipeline.rank`)."""
    from .pipeline import rank as rank_

    return rank_(appraisal, criteria, scenario, weights, method)


def run(appraisal: Appraisal, request: Request | None = None) -> AppraisalResult:
    """Rank and, as requested, analyse (see :func:`appraisal.pipeline.run`)."""
    from .pipeline import Request
    from .pipeline import run as run_

    return run_(appraisal, request or Request())


def write_paper(result: AppraisalResult, out: str | os.PathLike[str],
                formats: tuple[str, ...] = ("html", "md", "docx", "pdf"), *,
                when: date | None = None) -> list[Path]:
    """Write the paper of ``result`` (see :func:`appraisal.report.build.write_paper`)."""
    from pathlib import Path

    from .report.build import write_paper as write

    return write(result, Path(out), formats, when=when)
