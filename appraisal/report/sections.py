"""The generated sections of the paper: the long list, screening, criteria and
weights, the scoring matrix, the results and the scenarios. Each builder adds
numbered paragraphs, tables and charts to a :class:`~.blocks.SectionBuilder`; numbers
are formatted here and nothing is recomputed (results come from :mod:`.inputs`)."""

from __future__ import annotations

import numpy as np

from ..models import Appraisal, iter_criteria
from ..ranking import RankResult
from . import charts, robustness
from . import formatting as fmt
from .blocks import SectionBuilder, table
from .inputs import PaperInputs


def labels(result: RankResult) -> dict[str, str]:
    """Option id -> "9. Wholly owned council company" for tables and charts."""
    p = result.problem
    return {oid: (name if num is None else f"{num}. {name}")
            for oid, name, num in zip(p.option_ids, p.option_names,
                                      p.option_numbers or [None] * len(p.option_ids),
                                      strict=True)}


def weighting_name(inputs: PaperInputs) -> str:
    """How the paper names the weights its results use."""
    r = inputs.result
    if r.scenario is None and not r.overrides:
        return "the base weights"
    name = (f"the weights of the '{inputs.appraisal.scenario(r.scenario).name}' scenario"
            if r.scenario else "the base weights")
    if r.overrides:
        changed = ", ".join(f"{k} = {fmt.plain(v)}" for k, v in r.overrides.items())
        name += f" with these changes: {changed}"
    return name


def long_list(s: SectionBuilder, a: Appraisal) -> None:
    s.para(f"The long list holds {fmt.count(len(a.options), 'option')}, set out below. "
           "Appendix 1 gives every score with its rationale and evidence.")
    for o in a.options:
        kids = [c for c in a.options if c.family == o.id]
        if kids:
            members = fmt.joined([str(c.number) if c.number is not None else c.name
                                  for c in kids])
            s.para(f"{fmt.cap(fmt.option_label(o.number, o.name))} is a family of "
                   f"models: options {members} are forms of it. Each is appraised in its "
                   "own right.")
    rows = [["" if o.number is None else str(o.number), o.name, o.description]
            for o in a.options]
    s.table(table("long-list", "The long list of options", ["No", "Option", "Description"],
                  rows, [True, False, False], row_header=False))


def screening(s: SectionBuilder, inputs: PaperInputs) -> None:
    p, r = inputs.long_list, inputs.result
    gated = [j for j in range(p.shape[1]) if not np.isnan(p.gate[j])]
    if not gated:
        s.para("No must-have gates were set, so every option on the long list was scored.")
        return
    rules = [f"{p.criterion_names[j]} {'at least' if p.benefit[j] else 'at most'} "
             f"{fmt.plain(float(p.gate[j]))}" for j in gated]
    s.para(f"Before scoring, every option was screened against "
           f"{fmt.count(len(gated), 'must-have gate')}: {fmt.joined(rules)}. An option "
           "that fails a gate cannot meet the purpose of the change and is not weighed "
           "further.")
    if r.screened_out:
        s.para(f"{fmt.cap(fmt.count(len(r.screened_out), 'option'))} failed and "
               f"{'was' if len(r.screened_out) == 1 else 'were'} screened out:")
        numbers = dict(zip(p.option_ids, p.option_numbers or [None] * p.shape[0],
                           strict=True))
        s.bullets([f"{fmt.cap(fmt.option_label(numbers[o.id], o.name))}: "
                   + "; ".join(f.reason for f in o.failures) + "."
                   for o in r.screened_out])
    else:
        s.para("Every option passed the gates.")
    s.para(f"The remaining {fmt.count(len(r.ranking), 'option')} form the short list "
           "appraised below.")


def criteria(s: SectionBuilder, inputs: PaperInputs) -> None:
    a, r = inputs.appraisal, inputs.result
    cs = a.criteria_set(r.criteria_set)
    nodes = iter_criteria(cs.criteria)
    tree = r.problem.tree
    n_leaf = sum(1 for c in nodes if c.is_leaf)
    source = f" ({cs.source})" if cs.source else ""
    s.para(f"The options are appraised against the {cs.name}{source}: "
           f"{fmt.count(len(cs.criteria), 'criterion', 'criteria')}"
           + (f", of which some are split into sub-criteria, {n_leaf} scored in all."
              if n_leaf != len(cs.criteria) else ", each scored directly."))
    if cs.description:
        s.para(cs.description)
    s.para("Each criterion carries a raw weight. Weights are shared out among criteria "
           "of the same group and multiplied down the tree, so the shares of the total "
           f"below add up to 100%. The results use {weighting_name(inputs)}.")
    local = tree.local_weights()
    glob = tree.global_weights()
    depth = tree.depth
    by_id = {c.id: c for c in nodes}
    rows = []
    for k, cid in enumerate(tree.ids):
        c = by_id[cid]
        kind = "group" if not c.is_leaf else (
            "benefit" if c.direction == "benefit" else "cost (higher is worse)")
        gate = "" if c.gate is None else (
            f"{'at least' if c.direction == 'benefit' else 'at most'} {fmt.plain(c.gate)}")
        rows.append([c.name, kind, gate, fmt.plain(float(tree.raw_weight[k])),
                     fmt.pct(float(local[k])), fmt.pct(float(glob[k])), c.weight_rationale])
    s.table(table("criteria", f"Criteria and weights: {cs.name}",
                  ["Criterion", "Direction", "Gate", "Raw weight", "Share of group",
                   "Share of total", "Rationale"], rows,
                  [False, False, False, True, True, True, False],
                  levels=[int(d) for d in depth]))


def scores(s: SectionBuilder, inputs: PaperInputs) -> None:
    p, a = inputs.long_list, inputs.appraisal
    lo, hi = a.scale.min, a.scale.max
    s.para(f"Each option was scored on each criterion on a scale of {fmt.plain(lo)} to "
           f"{fmt.plain(hi)}. For benefit criteria a higher score is better; for cost "
           "criteria (marked \u2193) a higher score is worse. The central scores are shown; "
           "Appendix 1 gives each score's plausible range, rationale and evidence.")
    heads = [n + ("" if b else " \u2193") for n, b in zip(p.criterion_names, p.benefit,
                                                       strict=True)]
    short = set(inputs.result.problem.option_ids)
    rows = []
    for i, oid in enumerate(p.option_ids):
        num = p.option_numbers[i] if p.option_numbers else None
        name = (p.option_names[i] if num is None else f"{num}. {p.option_names[i]}")
        name += "" if oid in short else " (screened out)"
        rows.append([name, *(fmt.plain(float(x)) for x in p.scores[i])])
    s.table(table("scores", "Scoring matrix (central scores)", ["Option", *heads], rows,
                  [False] + [True] * len(heads)))


def results(s: SectionBuilder, inputs: PaperInputs) -> None:
    r = inputs.result
    if not r.ranking:
        s.para("No option passed the gates, so none could be ranked.")
        return
    lead = r.leader
    lab = labels(r)
    text = (f"Under {weighting_name(inputs)}, {fmt.option_label(lead.number, lead.name)} "
            f"ranks first with a weighted total of {fmt.total(lead.score)} out of 1")
    if len(r.ranking) > 1:
        second = r.ranking[1]
        text += (f", ahead of {fmt.option_label(second.number, second.name)} at "
                 f"{fmt.total(second.score)} (a margin of "
                 f"{fmt.total(lead.score - second.score)})")
    s.para(text + ".")
    for group in r.ties:
        names = [lab[g] for g in group]
        s.para(f"Options {fmt.joined(names)} are tied: their totals differ by less than "
               "one part in a billion, so they share a rank.")
    s.para("The chart shows each option's total split into the contributions of the "
           "criteria (weight times value); the data are in the table beside it.")
    crits = list(r.problem.criterion_names)
    contrib = np.array([[ro.contributions[c] for c in r.problem.criterion_ids]
                        for ro in r.ranking])
    s.chart(charts.contributions("chart-totals", [lab[ro.id] for ro in r.ranking], crits,
                                 contrib, [ro.score for ro in r.ranking]))
    rows = [[str(ro.rank), lab[ro.id], fmt.total(ro.score), fmt.total(lead.score - ro.score)]
            for ro in r.ranking]
    s.table(table("ranking", "Ranking of the short list",
                  ["Rank", "Option", "Total", "Behind the leader"], rows,
                  [True, False, True, True], row_header=False))


def scenarios(s: SectionBuilder, inputs: PaperInputs) -> None:
    a, r = inputs.appraisal, inputs.result
    others = [sc for sc in a.scenarios
              if (sc.criteria_set or a.criteria_set().id) != r.criteria_set]
    if inputs.scenarios:
        s.para("Scenarios ask how the ranking changes if the board weighs some criteria "
               f"more heavily. {fmt.cap(fmt.count(len(inputs.scenarios), 'scenario'))} "
               f"{'is' if len(inputs.scenarios) == 1 else 'are'} defined for these criteria:")
        s.bullets([f"{a.scenario(x.scenario or '').name}: "
                   f"{a.scenario(x.scenario or '').description}" for x in inputs.scenarios])
        lab = labels(r)
        order = [ro.id for ro in r.ranking]
        cols = [r, *inputs.scenarios]
        ranks = np.array([[{ro.id: ro.rank for ro in res.ranking}[oid] for res in cols]
                          for oid in order], dtype=np.intp)
        names = ["This paper", *(a.scenario(x.scenario or "").name for x in inputs.scenarios)]
        first = [lab[res.leader.id] for res in inputs.scenarios if res.ranking]
        same = sum(1 for res in inputs.scenarios
                   if res.ranking and res.leader.id == r.leader.id)
        s.para(f"{fmt.cap(fmt.option_label(r.leader.number, r.leader.name))} ranks first "
               f"under {same} of the {len(inputs.scenarios)} scenarios. The leaders are: "
               f"{fmt.joined(first)}.")
        s.chart(charts.scenario_ranks("chart-scenarios", [lab[o] for o in order], names,
                                      ranks))
    robustness.scenario_notes(s, inputs)
    if others:
        sets = sorted({sc.criteria_set or "" for sc in others})
        s.para(f"{fmt.cap(fmt.count(len(others), 'further scenario'))} "
               f"({fmt.joined([sc.name for sc in others])}) "
               f"{'weighs' if len(others) == 1 else 'weigh'} a different criteria set "
               f"({fmt.joined(sets)}) and {'is' if len(others) == 1 else 'are'} not "
               "reported here.")
