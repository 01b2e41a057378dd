"""One pipeline: an appraisal and a request in, one typed result out.

:func:`run` (:mod:`.run`) compiles the requested criteria set once, scores the long list
once, ranks the short list, compares the scenarios of the set and, when asked, runs
every sensitivity analysis. ``rank``, ``sensitivity`` and ``report`` (CLI and Python) all
consume its :class:`AppraisalResult` (:mod:`.result`); nothing downstream compiles or
scores again. The pipeline returns numbers and facts; :mod:`appraisal.presentation`
words them.
"""

from __future__ import annotations

from .economic import Benchmark, ShortlistGap
from .request import Request, WeightsFrom, WeightsOver, whose
from .result import AppraisalResult, MemberOrigin, WeightOrigin
from .run import ANALYSED, rank, run

__all__ = ["ANALYSED", "AppraisalResult", "Benchmark", "MemberOrigin", "Request",
           "ShortlistGap", "WeightOrigin", "WeightsFrom", "WeightsOver", "rank", "run",
           "whose"]
