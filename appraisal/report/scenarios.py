"""The scenarios in the paper: the body's section (what each scenario asks, who leads
under each, the least maximum regret, the bump chart) and the table of ranks under every
weighting that the sensitivity appendix carries."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.whose import scenario_names
from . import charts
from .blocks import SectionBuilder, table
from .sections import detail, labels
from .verdict import names_of, option_names


def scenarios(s: SectionBuilder, result: AppraisalResult, appendix: str) -> None:
    a, sc = result.appraisal, result.scenarios
    others = [x for x in a.scenarios
              if (x.criteria_set or a.criteria_set().id) != result.criteria_set]
    defined = [w for w in result.weightings if w.id not in ("analysed", "base")]
    if defined and sc is not None:
        s.para("Scenarios ask how the ranking changes if the board weighs some criteria "
               f"more heavily. {fmt.cap(fmt.count(len(defined), 'scenario'))} "
               f"{'is' if len(defined) == 1 else 'are'} defined for these criteria:")
        s.bullets([f"{w.name}: {w.description}" for w in defined])
        lab = labels(result)
        cols = [0, *(sc.scenario_ids.index(w.id) for w in defined)]  # this paper first
        order = detail(result)
        ranks = sc.ranks[np.ix_(order, cols)]
        first = result.ranking.options[0]
        leads = [sc.leaders[c] for c in cols[1:]]
        same = sc.first_under(first.id, [w.id for w in defined])
        by_leader: dict[str, list[str]] = {}
        for w, group in zip(defined, leads, strict=True):
            if group:
                by_leader.setdefault(group[0], []).append(w.name)
        if len(defined) == 1 and leads[0]:
            text = (f"Under the {defined[0].name} scenario, {lab[leads[0][0]]} ranks first"
                    + (", as under the weights this paper uses." if same else "."))
        else:
            text = (f"{fmt.cap(fmt.option_label(first.number, first.name))} ranks first "
                    f"under {same} of the {len(defined)} scenarios. By scenario, the leader "
                    "is " + "; ".join(f"{lab[o]} under {fmt.joined(names)}"
                                      for o, names in by_leader.items()) + ".")
        if sc.least_regret:
            text += (f" The option never far behind the best, whichever weighting is used "
                     f"(the least maximum regret), is "
                     f"{fmt.joined([lab[o] for o in sc.least_regret])}.")
        s.para(text)
        chart = charts.scenario_ranks("chart-scenarios",
                                      [lab[sc.option_ids[i]] for i in order],
                                      ["This paper", *(w.name for w in defined)], ranks)
        s.chart(replace(chart, table=None,
                 data_note=f"The data behind the chart are in {appendix}."))
    if others:
        sets = sorted({x.criteria_set or "" for x in others})
        s.para(f"{fmt.cap(fmt.count(len(others), 'further scenario'))} "
               f"({fmt.joined([x.name for x in others])}) "
               f"{'weighs' if len(others) == 1 else 'weigh'} a different criteria set "
               f"({fmt.joined(sets)}) and {'is' if len(others) == 1 else 'are'} not "
               "reported here.")


def scenario_table(s: SectionBuilder, result: AppraisalResult) -> None:
    """The ranks under every weighting compared (the data of the body's scenario chart)."""
    sc = result.scenarios
    defined = [w for w in result.weightings if w.id not in ("analysed", "base")]
    if sc is None or not defined:
        return
    lab = labels(result)
    cols = [0, *(sc.scenario_ids.index(w.id) for w in defined)]
    order = detail(result)
    ranks = sc.ranks[np.ix_(order, cols)]
    s.table(table("scenario-ranks", "Rank of each option under each scenario",
                  ["Option", "This paper", *(w.name for w in defined)],
                  [[lab[sc.option_ids[i]], *(str(int(x)) for x in ranks[k])]
                   for k, i in enumerate(order)], [False] + [True] * len(cols)))


def scenario_notes(s: SectionBuilder, result: AppraisalResult) -> None:
    """Kendall tau and least maximum regret across the weightings compared."""
    sc = result.scenarios
    if sc is None or len(sc.scenario_ids) < 2:
        return
    names = option_names(result)
    shown = scenario_names(result)
    taus = [f"{shown[k]} {_tau(float(sc.tau[0, k]))}" for k in range(1, len(sc.scenario_ids))]
    first = shown[0]
    reference = "the weights used in this paper" if sc.scenario_ids[0] == "analysed" else (
        first[:1].lower() + first[1:])
    s.para("Agreement between the ranking under each other weighting and under "
           f"{reference} (Kendall's tau: 1 the same order, -1 reversed): "
           f"{fmt.joined(taus)}.")
    s.para(f"The option with the least maximum regret across the {len(sc.scenario_ids)} "
           f"weightings, the one that is never far behind the best, is "
           f"{names_of(sc.least_regret, names)}.")


def _tau(value: float) -> str:
    return "undefined (every option tied)" if np.isnan(value) else f"{value:.2f}"
