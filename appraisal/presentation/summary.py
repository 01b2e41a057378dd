"""The robustness findings and gate failures in plain English, in one wording shared by
the terminal, the JSON output and every format of the paper. Options and criteria are
named, never id'd; numbers go through :mod:`.formatting`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import formatting as fmt

if TYPE_CHECKING:
    from ..analysis.summary import RobustnessSummary, Share
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


def share_text(share: Share) -> str:
    """"91.7% (±0.3 points at 95% confidence)": a Monte Carlo share with its error."""
    return f"{fmt.pct(share.value)} (±{fmt.margin95(share.standard_error)} at 95% confidence)"


def first_words(share: Share) -> str:
    """"first", or "first or jointly first" when ties at the top occurred."""
    return "first or jointly first" if share.ties else "first"


def acceptability_clause(s: RobustnessSummary) -> str | None:
    """"around the board's weights it is first in 91.7% (±0.3 ...) of 40,000 draws"
    (None without the Monte Carlo); the headline share, the one a recommendation uses."""
    b = s.board
    if b is None:
        return None
    stated = ", or within the range stated for it" if s.stated_ranges else ""
    varied = ", and each score within its stated range" if s.score_uncertainty else ""
    return (f"with each of the board's weights drawn at random within half of itself either "
            f"way{stated}{varied}, it is {first_words(b)} in {share_text(b)} of "
            f"{b.samples:,} draws")


def anywhere_clause(s: RobustnessSummary) -> str | None:
    """"over any weighting at all it is first in 70.9% (...)" (None without samples)."""
    a = s.anywhere
    if a is None:
        return None
    return (f"over any weighting at all (each group of criteria weighted at random) it is "
            f"{first_words(a)} in {share_text(a)}")


def _score_sentence(s: RobustnessSummary, options: Mapping[str, str],
                    criteria: Mapping[str, str]) -> str:
    ss = s.score_switch
    lname = options.get(s.leader, s.leader)
    if ss is None or ss.change is None or ss.switching_score is None:
        return f"No change to a single score within its scale displaces {lname}."
    falls = math.copysign(1.0, ss.change) < 0
    verb = "fell" if falls else "rose"
    who = options.get(ss.option_id, ss.option_id)
    crit = criteria.get(ss.criterion_id, ss.criterion_id)
    new = _names(ss.new_leader, options)
    head = "The smallest single score change that changes the leader: if"
    if fmt.score(ss.switching_score) == fmt.score(ss.score):
        return (f"{head} the score of {who} on {crit} ({fmt.score(ss.score)}) {verb} at all, "
                f"{new} would lead.")
    given = ss.step_score
    if given is None:
        return (f"{head} the score of {who} on {crit} {verb} from {fmt.score(ss.score)} past "
                f"{fmt.score(ss.switching_score)}, {new} would lead.")
    return (f"{head} the score of {who} on {crit} {verb} from {fmt.score(ss.score)} to "
            f"{fmt.score(given)} (the switching value is {fmt.score(ss.switching_score)}), "
            f"{new} would lead.")


FIRMNESS = ((0.95, "firm", "almost all"), (0.75, "fairly firm", "most"),
            (0.5, "open to challenge", "more than half"), (0.0, "not firm", "fewer than half"))
"""How a share of draws around the board's weights is put in words: the leader is first
in at least 95% ("firm", under almost all of the weights the board might have chosen),
75% ("fairly firm", most), 50% ("open to challenge", more than half), else "not firm"."""


def firmness(share: float) -> tuple[str, str]:
    """("fairly firm", "most") for a share of 0.765 (see :data:`FIRMNESS`)."""
    for floor, word, how_many in FIRMNESS:
        if share >= floor:
            return word, how_many
    return FIRMNESS[-1][1], FIRMNESS[-1][2]


def sentences(s: RobustnessSummary, options: Mapping[str, str],
              criteria: Mapping[str, str]) -> tuple[str, ...]:
    """The summary as sentences in reading order (``options`` and ``criteria`` map ids
    to the names shown)."""
    name = options.get
    lname = name(s.leader, s.leader)
    out: list[str] = []
    if len(s.leaders) > 1:
        out.append(f"{_names(s.leaders, options)} share first place with a total of "
                   f"{fmt.points(s.leader_total)} points out of 100" + (
                       "." if s.runner_up is None or s.margin is None else
                       f"; {name(s.runner_up, s.runner_up)} is next, "
                       f"{fmt.points(s.margin)} points behind."))
    elif s.runner_up is not None and s.margin is not None:
        out.append(f"{lname} ranks first with a total of {fmt.points(s.leader_total)} points "
                   f"out of 100; {name(s.runner_up, s.runner_up)} is second, "
                   f"{fmt.points(s.margin)} points behind.")
    clause = weight_clause(s, options)
    ws = s.weight_switch
    out.append(_sentence(clause) if ws is None
               else f"{clause}; then {_names(ws.new_leader, options)} leads.")
    acc, anywhere = acceptability_clause(s), anywhere_clause(s)
    if acc:
        out.append(_sentence(acc + ("" if anywhere is None else f"; {anywhere}")))
    out.append(_score_sentence(s, options, criteria))
    if s.scenarios:
        leads = "leads or shares the lead" if s.scenarios_shared else "leads"
        out.append(f"{lname} {leads} under {s.scenarios_led} of {s.scenarios} weightings "
                   f"compared (the weights analysed, the base weights and any scenarios); "
                   "least maximum regret: "
                   f"{_names(s.least_regret, options)}.")
    if s.close_to_leader:
        out.append(f"Too close to tell apart from {lname}: "
                   f"{_names(s.close_to_leader, options)} (a margin below the scores' "
                   f"resolution, {fmt.points(s.resolution)} points, or places swapped in more than "
                   f"{fmt.pct(s.flip_share, 0)} of the draws around the board's weights).")
    if s.dominated:
        out.append(f"Dominated (another option is at least as good on every criterion and "
                   f"better on one): {_names(s.dominated, options)}; at best each ties "
                   f"with an option that dominates it.")
    among = ("" if s.options_checked is None
             else f"Of the {s.options_checked} best-ranked options, ")
    if s.never_first:
        out.append(f"{among}{'no' if among else 'No'} weighting at all puts "
                   f"{_names(s.never_first, options)} even jointly first.")
    at_best_tie = tuple(o for o in s.never_clearly_first
                        if o not in s.never_first and o not in s.dominated)
    if at_best_tie:
        out.append(f"{among}{'no' if among else 'No'} weighting puts "
                   f"{_names(at_best_tie, options)} first by more than the scores' "
                   f"resolution ({fmt.points(s.resolution)} points); at best "
                   f"{'it ties' if len(at_best_tie) == 1 else 'they tie'} for first place.")
    return tuple(out)
