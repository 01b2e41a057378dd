"""The generated sections of the paper: the long list, screening, criteria and
weights, the scoring matrix, the results and the scenarios. Each builder adds
numbered paragraphs, tables and charts to a :class:`~.blocks.SectionBuilder`; numbers
are formatted here and nothing is computed (results come from the pipeline)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..core.limits import DETAIL_OPTIONS
from ..input.models import Criterion, iter_criteria
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.summary import gate_reason
from ..presentation.whose import weights_label
from . import charts
from .blocks import SectionBuilder, table


def detail(result: AppraisalResult) -> list[int]:
    """The short list's rows the paper details, best first: every option up to
    DETAIL_OPTIONS options, else that many best-ranked."""
    return [int(i) for i in result.ranking.order[:DETAIL_OPTIONS]]


def more_note(total: int, shown: int, what: str = "options") -> str:
    """The sentence saying what a capped table leaves out ("" when nothing is)."""
    if total <= shown:
        return ""
    return (f"The {shown} best-ranked {what} are shown; the other {total - shown:,} are in "
            "the appraisal's files.")


def labels(result: AppraisalResult) -> dict[str, str]:
    """Option id -> "9. Wholly owned council company" for tables and charts."""
    p = result.ranking.problem
    return dict(zip(p.option_ids, p.labels(), strict=True))


def weighting_name(result: AppraisalResult) -> str:
    """How the paper names the weights its results use."""
    base = weights_label(result) or "the base weights"
    if result.scenario is None and not result.overrides:
        return base
    name = (f"the weights of the '{result.appraisal.scenario(result.scenario).name}' scenario"
            + (f" applied to {base}" if weights_label(result) else "")
            if result.scenario else base)
    if result.overrides:
        changed = ", ".join(f"{k} = {fmt.plain(v)}" for k, v in result.overrides.items())
        name += f" with these changes: {changed}"
    return name


def long_list(s: SectionBuilder, result: AppraisalResult) -> None:
    a = result.appraisal
    s.para(f"The long list holds {fmt.count(len(a.options), 'option')}, set out below. "
           "Appendix 1 gives every score with its rationale and evidence.")
    children: dict[str, list[str]] = {}
    for c in a.options:
        if c.family is not None:
            children.setdefault(c.family, []).append(
                str(c.number) if c.number is not None else c.name)
    short = result.ranking.problem.option_ids
    kept = {short[i] for i in detail(result)}
    listed = [o for o in a.options if o.id in kept or o.id not in short]
    note = more_note(len(a.options), len(listed))
    if note:
        s.para(note)
    for o in listed:
        members = children.get(o.id)
        if members:
            s.para(f"{fmt.cap(fmt.option_label(o.number, o.name))} is a family of "
                   f"models: options {fmt.joined(members)} are forms of it. Each is appraised "
                   "in its own right.")
    rows = [["" if o.number is None else str(o.number), o.name, o.description]
            for o in listed]
    s.table(table("long-list", "The long list of options", ["No", "Option", "Description"],
                  rows, [True, False, False], row_header=False))


def screening(s: SectionBuilder, result: AppraisalResult) -> None:
    p, r = result.long_list, result.ranking
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
        s.bullets([f"{fmt.cap(fmt.option_label(o.number, o.name))}: "
                   + "; ".join(gate_reason(f) for f in o.failures) + "."
                   for o in r.screened_out])
    else:
        s.para("Every option passed the gates.")
    n = r.problem.shape[0]
    s.para("The remaining option forms the short list appraised below." if n == 1 else
           f"The remaining {fmt.count(n, 'option')} form the short list appraised below.")


def criteria(s: SectionBuilder, result: AppraisalResult) -> None:
    a, r = result.appraisal, result.ranking
    cs = a.criteria_set(result.criteria_set)
    nodes = iter_criteria(cs.criteria)
    tree = r.problem.tree
    n_leaf = sum(1 for c in nodes if c.is_leaf)
    source = f" ({cs.source})" if cs.source else ""
    s.para(f"The options are appraised against the {cs.name}{source}: "
           f"{fmt.count(len(cs.criteria), 'criterion', 'criteria')}"
           + (f", of which {_split(cs.criteria)} into sub-criteria, {n_leaf} scored in all."
              if n_leaf != len(cs.criteria) else ", each scored directly."))
    if cs.description:
        s.para(cs.description)
    derived = {d.group: d for d in (result.origin.board if result.origin else ())}
    s.para("Each criterion carries a raw weight"
           + (", given directly or derived from the board's judgements (next section)"
              if derived else "")
           + ". Weights are shared out among criteria of the same group and multiplied "
           "down the tree, so the shares of the total below add up to 100%. The results "
           f"use {weighting_name(result)}.")
    by_id = {c.id: c for c in nodes}
    rows = []
    for k, cid in enumerate(tree.ids):
        c = by_id[cid]
        kind = "group" if not c.is_leaf else (
            "benefit" if c.direction == "benefit" else "cost (higher is worse)")
        gate = "" if c.gate is None else (
            f"{'at least' if c.direction == 'benefit' else 'at most'} {fmt.plain(c.gate)}")
        parent = int(tree.parent[k])
        group = None if parent < 0 else tree.ids[parent]
        why = c.weight_rationale or (
            f"From the board's {_method(derived[group].method)}" if group in derived else "")
        rows.append([c.name, kind, gate, fmt.plain(round(float(tree.raw_weight[k]), 2)),
                     fmt.pct(float(r.local_weights[k])), fmt.pct(float(r.global_weights[k])),
                     why])
    s.table(table("criteria-weights", f"Criteria and weights: {cs.name}",
                  ["Criterion", "Direction", "Gate", "Raw weight", "Share of group",
                   "Share of total", "Rationale"], rows,
                  [False, False, False, True, True, True, False],
                  levels=[int(d) for d in tree.depth]))


def _split(nodes: tuple[Criterion, ...]) -> str:
    """'one is split' / 'three are split', for the top-level criteria with children."""
    k = sum(1 for c in nodes if not c.is_leaf)
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    word = words[k] if k < len(words) else str(k)
    return f"{word} is split" if k == 1 else f"{word} are split"


def _method(method: str) -> str:
    return {"swing": "swing weighting", "points": "points", "ranking": "ranking",
            "pairwise": "pairwise comparison"}[method]


def scoring_matrix(s: SectionBuilder, result: AppraisalResult) -> None:
    """The central scores of every option on every scored criterion (a wide table)."""
    p, a = result.long_list, result.appraisal
    lo, hi = a.scale.min, a.scale.max
    s.para(f"Each option was scored on each criterion on a scale of {fmt.plain(lo)} to "
           f"{fmt.plain(hi)}. For benefit criteria a higher score is better; for cost "
           "criteria (marked \u2193) a higher score is worse. The central scores are shown "
           "here; each option's table below gives each score's plausible range, rationale "
           "and evidence.")
    heads = [n + ("" if b else " \u2193") for n, b in zip(p.criterion_names, p.benefit,
                                                       strict=True)]
    short = set(result.ranking.problem.option_ids)
    kept = {result.ranking.problem.option_ids[i] for i in detail(result)}
    rows = []
    for i, (oid, label) in enumerate(zip(p.option_ids, p.labels(), strict=True)):
        if oid in short and oid not in kept:
            continue
        name = label + ("" if oid in short else " (screened out)")
        rows.append([name, *(fmt.plain(float(x)) for x in p.scores[i])])
    note = more_note(len(short), len(kept))
    if note:
        s.para(note)
    s.table(table("scoring-matrix", "Scoring matrix (central scores)", ["Option", *heads],
                  rows, [False] + [True] * len(heads)))


def contributions_table(s: SectionBuilder, result: AppraisalResult) -> None:
    """Each criterion's contribution to each total, in points (the data of the body's
    results chart)."""
    r = result.ranking
    if r.contributions is None or not r.options:
        return
    lab = labels(result)
    shown = r.options[:DETAIL_OPTIONS]
    s.para("The contribution of each criterion to each option's total is the criterion's "
           "weight times the option's value on it, in points out of 100; the contributions "
           "add up to the total. These are the data behind the chart of the results.")
    rows = [[lab[o.id], *(fmt.points(float(r.contributions[o.index, j]))
                          for j in range(len(r.problem.criterion_ids))), fmt.points(o.total)]
            for o in shown]
    s.table(table("contributions", "Contribution of each criterion to each total (points)",
                  ["Option", *r.problem.criterion_names, "Total"], rows,
                  [False] + [True] * (len(r.problem.criterion_ids) + 1)))


def results(s: SectionBuilder, result: AppraisalResult, appendix: str) -> None:
    r = result.ranking
    rows = r.options
    if not rows:
        s.para("No option passed the gates, so none could be ranked.")
        return
    lead = rows[0]
    lab = labels(result)
    text = (f"Under {weighting_name(result)}, {fmt.option_label(lead.number, lead.name)}"
            + (" ranks first with" if len(rows) > 1 else ", the only option on the short "
               "list, has")
            + f" a weighted total of {fmt.points(lead.total)} points out of 100")
    if len(rows) > 1:
        second = rows[1]
        text += (f", ahead of {fmt.option_label(second.number, second.name)} at "
                 f"{fmt.points(second.total)} (a margin of {fmt.points(second.behind)} points)")
    combined = ("the weighted sum of an option's values on the criteria" if
                result.long_values is not None else
                f"an option's values on the criteria combined by the "
                f"{result.method.label[:1].lower()}{result.method.label[1:]}")
    s.para(text + f". A total is {combined}, each value running from 0 at the bottom of "
           "the criterion's scale to 100 at the top.")
    for group in r.ties:
        s.para(f"These options are tied, their totals differing by less than one part in a "
               f"billion, so they share a rank: {fmt.joined([lab[g] for g in group])}.")
    shown = rows[:DETAIL_OPTIONS]
    if r.contributions is not None:
        s.para("The chart shows each option's total split into the contributions of the "
               f"criteria (weight times value); {appendix} gives the figures. "
               + more_note(len(rows), len(shown)))
        chart = charts.contributions("chart-totals", [lab[o.id] for o in shown],
                                     list(r.problem.criterion_names),
                                     r.contributions[r.order[:len(shown)]],
                                     [o.total for o in shown])
        s.chart(replace(chart, table=None,
                 data_note=f"The data behind the chart are in {appendix}."))
    s.table(table("ranking", "Ranking of the short list (points out of 100)",
                  ["Rank", "Option", "Total", "Behind the leader"],
                  [[str(o.rank), lab[o.id], fmt.points(o.total), fmt.points(o.behind)]
                   for o in shown],
                  [True, False, True, True], row_header=False))
