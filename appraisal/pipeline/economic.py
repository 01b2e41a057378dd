"""The Green Book's economic case for one request: the benchmark (business as usual),
what the short list lacks against the guidance (facts: :mod:`appraisal.presentation`
words them) and the value-for-money analysis.

Business as usual stays in every result even when it fails a gate, marked so, as the
benchmark every option is measured against (Green Book 2018, para 5.53: "The short-list
should include at least BAU, the preferred way forward, a do-minimum option and at least
one other viable alternative"). Shortfalls of the short list are warnings, not errors:
an appraisal may be at the long-list stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..analysis.ranking import Ranking
from ..analysis.value import ValueForMoney, analyse_value
from ..core.problem import FloatArray, Problem
from ..core.screening import ScreenedOption
from ..input.costs import compile_costs
from ..input.models import Appraisal, Option
from ..methods import Method


@dataclass(frozen=True, kw_only=True)
class Benchmark:
    """Business as usual: its id and label, its total at the analysed weights (0 to 1,
    like the ranking's) and, when it fails a gate, the gates it fails."""

    id: str
    label: str
    total: float
    screened: ScreenedOption | None

    @property
    def fails_gates(self) -> bool:
        return self.screened is not None


Gap = Literal["missing_role", "fails_gate", "no_alternative", "discounted_kept"]


@dataclass(frozen=True)
class ShortlistGap:
    """One thing the short list lacks against the guidance: ``kind`` "missing_role" (no
    option holds ``role``), "fails_gate" (the holder of ``role``, ``options[0]``, fails
    a gate), "no_alternative" (no viable option without a role) or "discounted_kept"
    (``options`` were discounted in the options framework but pass every gate)."""

    kind: Gap
    role: str = ""
    options: tuple[str, ...] = ()


def uses_green_book(appraisal: Appraisal) -> bool:
    """Whether the appraisal states any of the Green Book's data (then its short list is
    checked against the guidance)."""
    return bool(appraisal.costing or appraisal.objectives
                or appraisal.critical_success_factors
                or any(o.role or o.framework or o.costs for o in appraisal.options))


def role_holder(appraisal: Appraisal, role: str) -> Option | None:
    return next((o for o in appraisal.options if o.role == role), None)


def benchmark_of(appraisal: Appraisal, long_list: Problem, totals: FloatArray,
                 ranking: Ranking) -> Benchmark | None:
    """Business as usual at the analysed weights (None when no option has the role);
    ``totals`` are the long list's."""
    bau = role_holder(appraisal, "business_as_usual")
    if bau is None or bau.id not in long_list.option_ids:
        return None
    row = long_list.option_ids.index(bau.id)
    screened = next((s for s in ranking.screened_out if s.id == bau.id), None)
    return Benchmark(id=bau.id, label=long_list.labels()[row], total=float(totals[row]),
                     screened=screened)


def shortlist_gaps(appraisal: Appraisal, ranking: Ranking) -> tuple[ShortlistGap, ...]:
    """What the short list lacks against the guidance (empty when the appraisal uses
    none of the Green Book's data)."""
    if not uses_green_book(appraisal):
        return ()
    out: list[ShortlistGap] = []
    failed = {s.id for s in ranking.screened_out}
    for role in ("business_as_usual", "do_minimum"):
        holder = role_holder(appraisal, role)
        if holder is None:
            out.append(ShortlistGap("missing_role", role))
        elif role == "do_minimum" and holder.id in failed:
            out.append(ShortlistGap("fails_gate", role, (holder.id,)))
    pwf = role_holder(appraisal, "preferred_way_forward")
    if pwf is not None and pwf.id in failed:
        out.append(ShortlistGap("fails_gate", "preferred_way_forward", (pwf.id,)))
    roles = {o.id for o in appraisal.options if o.role}
    if not any(o not in roles for o in ranking.problem.option_ids):
        out.append(ShortlistGap("no_alternative"))
    kept = [o.id for o in appraisal.options if o.id not in failed
            and o.role != "business_as_usual"
            and any(e.status == "discounted" for e in o.framework.values())]
    if kept:
        out.append(ShortlistGap("discounted_kept", options=tuple(kept)))
    return tuple(out)


def value_of(appraisal: Appraisal, long_list: Problem, totals: FloatArray, method: Method,
             ranking: Ranking, *, wtp: float | None, samples: int, seed: int,
             score_uncertainty: bool) -> ValueForMoney | None:
    """The value-for-money analysis, or None when no option has costs; ``totals`` are
    the long list's at the analysed weights."""
    model = compile_costs(appraisal, long_list.option_ids)
    if model is None or not model.costed.any():
        return None
    failed = {s.id for s in ranking.screened_out}
    passes = np.array([i not in failed for i in long_list.option_ids])
    bau = role_holder(appraisal, "business_as_usual")
    pwf = role_holder(appraisal, "preferred_way_forward")
    leader = ranking.leader
    preferred = pwf.id if pwf is not None else (leader.id if leader is not None else None)
    costing = appraisal.costing
    chosen_wtp = wtp if wtp is not None else (costing.willingness_to_pay if costing else None)
    return analyse_value(long_list, method, model, passes, totals,
                         benchmark=bau.id if bau is not None else None,
                         preferred=preferred, preferred_is_role=pwf is not None,
                         wtp=chosen_wtp, samples=samples, seed=seed,
                         score_uncertainty=score_uncertainty)
