"""The robustness findings and gate failures in plain English, in one wording shared by
the terminal, the JSON output and every format of the paper. Options and criteria are
named, never id'd; numbers go through :mod:`.formatting`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import formatting as fmt

if TYPE_CHECKING:
    from ..analysis.summary import RobustnessSummary
    from ..core.screening import GateFailure


def _names(ids: tuple[str, ...], names: Mapping[str, str]) -> str:
    return fmt.joined([names.get(i, i) for i in ids])


def _sentence(clause: str) -> str:
    return fmt.cap(clause) + "."


def gate_reason(f: GateFailure) -> str:
    """"Operational independence: score 0 is below the minimum of 1"."""
    word = "below the minimum" if f.benefit else "above the maximum"
    return f"{f.criterion_name}: score {fmt.plain(f.score)} is {word} of {fmt.plain(f.gate)}"


def weight_clause(s: RobustnessSummary, options: Mapping[str, str]) -> str:
    """"X stays first unless the weight on Y rises above 31.0% (base 12.0%)"."""
    lname = options.get(s.leader, s.leader)
    ws = s.weight_switch
    if ws is None:
        return f"no change to a single weight makes any other option overtake {lname}"
    verb = "rises above" if ws.direction == "rises" else "falls below"
    return (f"{lname} stays first unless the weight on {ws.node_name} {verb} "
            f"{fmt.pct(ws.threshold_weight)} (base {fmt.pct(ws.base_weight)})")


def acceptability_clause(s: RobustnessSummary) -> str | None:
    """"it ranks first in 53.9% of 100,000 random weightings" (None without samples)."""
    if s.first_acceptability is None or not s.samples:
        return None
    varied = " with scores varied within their ranges" if s.score_uncertainty else ""
    return (f"it ranks first in {fmt.pct(s.first_acceptability)} of {s.samples:,} "
            f"random weightings{varied}")


def sentences(s: RobustnessSummary, options: Mapping[str, str],
              criteria: Mapping[str, str]) -> tuple[str, ...]:
    """The summary as sentences in reading order (``options`` and ``criteria`` map ids
    to the names shown)."""
    name = options.get
    lname = name(s.leader, s.leader)
    out: list[str] = []
    if s.runner_up is not None and s.margin is not None:
        out.append(f"{lname} ranks first with a total of {fmt.total(s.leader_total)}; "
                   f"{name(s.runner_up, s.runner_up)} is second, {fmt.total(s.margin)} behind.")
    clause = weight_clause(s, options)
    ws = s.weight_switch
    out.append(_sentence(clause) if ws is None
               else f"{clause}; then {_names(ws.new_leader, options)} leads.")
    acc = acceptability_clause(s)
    if acc:
        out.append(_sentence(acc))
    ss = s.score_switch
    if ss is None:
        out.append(f"No change to a single score within its scale displaces {lname}.")
    elif ss.change is not None and ss.switching_score is not None:
        verb = "fell" if ss.change < 0 else "rose"
        out.append(f"The smallest single score change that changes the leader: if "
                   f"{name(ss.option_id, ss.option_id)}'s score on "
                   f"{criteria.get(ss.criterion_id, ss.criterion_id)} {verb} from "
                   f"{fmt.score(ss.score)} past {fmt.score(ss.switching_score)}, "
                   f"{_names(ss.new_leader, options)} would lead.")
    if s.scenarios:
        out.append(f"{lname} leads under {s.scenarios_led} of {s.scenarios} weightings "
                   f"compared (base and scenarios); least maximum regret: "
                   f"{_names(s.least_regret, options)}.")
    if s.indistinguishable_from_leader:
        out.append(f"Indistinguishable from {lname}: "
                   f"{_names(s.indistinguishable_from_leader, options)}.")
    if s.dominated:
        out.append(f"Dominated (another option is at least as good on every criterion and "
                   f"better on one): {_names(s.dominated, options)}.")
    if s.never_first:
        among = ("" if s.options_checked is None
                 else f"Of the {s.options_checked} best-ranked options, ")
        out.append(f"{among}{'no' if among else 'No'} weighting at all puts "
                   f"{_names(s.never_first, options)} first.")
    return tuple(out)
