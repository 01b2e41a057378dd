"""The Green Book's economic case for one request: the benchmark (business as usual),
the short list's warnings and the value-for-money analysis.

Business as usual stays in every result even when it fails a gate, marked so, as the
benchmark every option is measured against (Green Book 2018, para 5.53: "The short-list
should include at least BAU, the preferred way forward, a do-minimum option and at least
one other viable alternative"). Shortfalls of the short list are warnings, not errors:
an appraisal may be at the long-list stage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..analysis.ranking import Ranking
from ..analysis.value import ValueForMoney, analyse_value
from ..core.problem import Problem
from ..core.screening import ScreenedOption
from ..input.costs import compile_costs
from ..input.greenbook import ROLE_NAMES
from ..input.models import Appraisal, Option
from ..methods import Method

GUIDANCE = "Green Book (2018) para 5.53"


@dataclass(frozen=True)
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


def uses_green_book(appraisal: Appraisal) -> bool:
    """Whether the appraisal states any of the Green Book's data (then its short list is
    checked against the guidance)."""
    return bool(appraisal.costing or appraisal.objectives
                or appraisal.critical_success_factors
                or any(o.role or o.framework or o.costs for o in appraisal.options))


def role_holder(appraisal: Appraisal, role: str) -> Option | None:
    return next((o for o in appraisal.options if o.role == role), None)


def benchmark_of(appraisal: Appraisal, long_list: Problem, method: Method,
                 ranking: Ranking) -> Benchmark | None:
    """Business as usual at the analysed weights (None when no option has the role)."""
    bau = role_holder(appraisal, "business_as_usual")
    if bau is None or bau.id not in long_list.option_ids:
        return None
    row = long_list.option_ids.index(bau.id)
    total = float(np.asarray(method.score(long_list, long_list.weights), dtype=float)[row])
    screened = next((s for s in ranking.screened_out if s.id == bau.id), None)
    return Benchmark(id=bau.id, label=long_list.labels()[row], total=total,
                     screened=screened)


def shortlist_warnings(appraisal: Appraisal, ranking: Ranking) -> tuple[str, ...]:
    """What the short list lacks against the guidance (empty when the appraisal uses
    none of the Green Book's data)."""
    if not uses_green_book(appraisal):
        return ()
    out: list[str] = []
    failed = {s.id for s in ranking.screened_out}
    for role in ("business_as_usual", "do_minimum"):
        holder = role_holder(appraisal, role)
        if holder is None:
            out.append(f"the short list has no {ROLE_NAMES[role]} option: mark one option "
                       f"'role: {role}' ({GUIDANCE})")
        elif role == "do_minimum" and holder.id in failed:
            out.append(f"the do-minimum option '{holder.id}' fails a gate, so the short list "
                       f"has no do-minimum option ({GUIDANCE})")
    pwf = role_holder(appraisal, "preferred_way_forward")
    if pwf is not None and pwf.id in failed:
        out.append(f"the preferred way forward '{pwf.id}' fails a gate")
    roles = {o.id for o in appraisal.options if o.role}
    if not any(o not in roles for o in ranking.problem.option_ids):
        out.append("the short list has no viable alternative besides the options with a "
                   f"role ({GUIDANCE})")
    kept = [o.id for o in appraisal.options if o.id not in failed
            and o.role != "business_as_usual"
            and any(e.status == "discounted" for e in o.framework.values())]
    if kept:
        out.append("discounted in the options framework but passing every gate, so still "
                   f"ranked: {', '.join(kept)} (the gates decide the short list)")
    return tuple(out)


def value_of(appraisal: Appraisal, long_list: Problem, method: Method, ranking: Ranking, *,
             wtp: float | None, samples: int, seed: int,
             score_uncertainty: bool) -> ValueForMoney | None:
    """The value-for-money analysis, or None when no option has costs."""
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
    return analyse_value(long_list, method, model, passes,
                         benchmark=bau.id if bau is not None else None,
                         preferred=preferred, preferred_is_role=pwf is not None,
                         wtp=chosen_wtp, samples=samples, seed=seed,
                         score_uncertainty=score_uncertainty)
