"""appraisal: options-appraisal decision support.

Load an appraisal kept as YAML, validate it, rank its options and test how robust the
ranking is::

    import appraisal
    a = appraisal.load("path/to/appraisal")      # or load() for the bundled example
    result = appraisal.rank(a, scenario="finance-led")
    print(result.leader.name)
"""

from __future__ import annotations

from .compile import Problem, compile_problem
from .errors import AppraisalError, Diagnostic, InputError, UsageError
from .loading import bundled_example, load
from .methods import METHODS
from .models import Appraisal
from .ranking import RankResult, rank

__version__ = "0.1.0"

__all__ = [
    "METHODS",
    "Appraisal",
    "AppraisalError",
    "Diagnostic",
    "InputError",
    "Problem",
    "RankResult",
    "UsageError",
    "__version__",
    "bundled_example",
    "compile_problem",
    "load",
    "rank",
]
