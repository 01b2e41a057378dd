"""How the weights came about, in words and tables shared by the CLI (``appraisal
weights``), the JSON export and the paper: each derived group's method and checks, each
member's weights and first choice, and one sentence on whether the members'
disagreement changes the recommendation.
"""

from __future__ import annotations

from typing import Any

from ..analysis.members import MembersAnalysis, MemberView
from ..core.elicitation import CR_LIMIT
from ..input.derive import Derived
from ..pipeline import AppraisalResult
from . import formatting as fmt
from .whose import who

RULE_NAMES = {"rank-order-centroid": "rank-order centroid", "rank-sum": "rank sum",
              "rank-reciprocal": "rank reciprocal",
              "ordinal": "rank-order centroid, the ranking kept for the Monte Carlo"}


def method_phrase(d: Derived) -> str:
    """The method of one derived group, e.g. 'swing weighting'."""
    if d.method == "swing":
        return "swing weighting"
    if d.method == "points":
        return "direct points"
    if d.method == "ranking":
        return f"a ranking ({RULE_NAMES[d.conversion]})"
    return "pairwise comparison (Saaty's 1-9 scale)"


def group_phrase(d: Derived) -> str:
    return "the main criteria" if d.group is None else f"the parts of {d.group_name}"


def judgement_text(value: float) -> str:
    """A judgement as written: 3, 1/5, or 1.28 for a value off the scale."""
    if value >= 1:
        return fmt.plain(round(value, 2))
    inverse = 1 / value
    return f"1/{fmt.plain(round(inverse))}" if abs(inverse - round(inverse)) < 1e-9 else \
        fmt.plain(round(value, 2))


def consistency(d: Derived) -> str:
    """The consistency check of a pairwise group in a sentence starting in lower case
    ('' for other methods)."""
    pw = d.pairwise
    if pw is None:
        return ""
    done = (f"{len(d.criterion_ids) * (len(d.criterion_ids) - 1) // 2 - pw.missing} "
            "judgements" + (f", {pw.missing} left out and completed from the others "
                            "(Harker's method)" if pw.missing else ""))
    head = (f"the consistency ratio is {pw.cr:.3f} ({done}; random index "
            f"{pw.random_index:.2f})")
    if pw.acceptable or pw.worst is None:
        return head + f": within Saaty's {CR_LIMIT:.2f}."
    w = pw.worst
    a, b = d.criterion_names[w.i], d.criterion_names[w.j]
    return (head + f": above Saaty's {CR_LIMIT:.2f}, so the judgements should be revisited. "
            f"The judgement that contributes most is {a} against {b}, given as "
            f"{judgement_text(w.given)}; the other judgements imply about "
            f"{judgement_text(w.consistent)} (the nearest value on Saaty's scale: "
            f"{judgement_text(w.nearest)}).")


def judgements_text(d: Derived) -> str:
    """A pairwise group's judgements as given, in words, naming any left out."""
    pw = d.pairwise
    if pw is None:
        return ""
    n = len(d.criterion_ids)
    left_out = set(d.not_judged)
    given, missing = [], []
    for i in range(n):
        for j in range(i + 1, n):
            pair = f"{d.criterion_names[i]} against {d.criterion_names[j]}"
            if (d.criterion_ids[i], d.criterion_ids[j]) in left_out:
                missing.append(pair)
            else:
                given.append(f"{pair} {judgement_text(float(pw.completed[i, j]))}")
    text = "Judgements (how many times as important): " + "; ".join(given) + "."
    if missing:
        text += " Not judged, completed from the others: " + "; ".join(missing) + "."
    return text


def derived_rows(d: Derived) -> list[list[str]]:
    """One row per criterion of a derived group: criterion, input, share of the group."""
    rows = []
    order = list(range(len(d.criterion_ids)))
    points = d.points
    if points is not None:  # the swings ranked, largest first
        order.sort(key=lambda k: -float(points[k]))
    elif d.ranking:
        tier_of = {c: t for t, tier in enumerate(d.ranking) for c in tier}
        order.sort(key=lambda k: tier_of[d.criterion_ids[k]])
    else:  # pairwise: by the weights derived
        order.sort(key=lambda k: -float(d.weights[k]))
    for k in order:
        name = d.criterion_names[k]
        if d.points is not None and d.low is not None and d.high is not None:
            given = fmt.plain(float(d.points[k])) if d.low[k] == d.high[k] else (
                f"{fmt.plain(float(d.low[k]))} to {fmt.plain(float(d.high[k]))}")
        elif d.ranking:
            place = next(t for t, tier in enumerate(d.ranking) if d.criterion_ids[k] in tier)
            start = sum(len(t) for t in d.ranking[:place]) + 1
            given = str(start) + ("=" if len(d.ranking[place]) > 1 else "")
        else:
            given = ""
        rows.append([name, given, fmt.pct(float(d.weights[k]))])
    return rows


def first_text(view: MemberView, result: AppraisalResult) -> str:
    """The options a view ranks first, as 'option 9, Name' (joined when tied)."""
    return fmt.joined([_label(result, o) for o in view.first])


def _label(result: AppraisalResult, option_id: str) -> str:
    p = result.ranking.problem
    i = p.option_ids.index(option_id)
    return fmt.option_label(p.option_numbers[i] if p.option_numbers else None,
                            p.option_names[i])


def shift_text(view: MemberView, result: AppraisalResult) -> str:
    """The least change of a view's weights changing its first choice, in words."""
    if view.shift is None or view.shift_to is None:
        return "no change of the weights puts another option first"
    return (f"moving {fmt.pct(view.shift.total)} of the weight would bring "
            f"{_label(result, view.shift_to)} level")


def number_word(k: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten")
    return words[k] if 0 <= k < len(words) else str(k)


FIRM_SHARE = 0.75
"""Below this share of first places over blends of the members' weights, their
disagreement is said to matter even when their weights taken together agree."""


def disagreement(m: MembersAnalysis, result: AppraisalResult) -> str:
    """Whether the members' disagreement about the weights changes the recommendation,
    in a few sentences (one member: their view against the board's)."""
    board = first_text(m.board, result)
    n = len(m.members)
    changing = m.changing
    if n == 1:
        v = m.members[0]
        if not changing:
            return (f"The own weights of {who(v.name)} put {board} first, as the board's "
                    "weights do.")
        return (f"The own weights of {who(v.name)} put {first_text(v, result)} first, where "
                f"the board's put {board} first; {shift_text(v, result)}.")
    if not changing:
        everyone = "Both" if n == 2 else f"All {number_word(n)}"
        head = f"{everyone} members' own weights put {board} first, as the board's weights do."
    else:
        agree = n - len(changing)
        head = (f"The board's weights put {board} first; none of the {number_word(n)} "
                "members' own weights do." if agree == 0 else
                f"{fmt.cap(number_word(agree))} of the {number_word(n)} members' own "
                f"weights put {board} first, as the board's weights do.")
        for v in changing:
            head += (f" The weights of {who(v.name)} put {first_text(v, result)} first; "
                     f"{shift_text(v, result)}.")
    tail = (f" Taken together (each group's weights averaged over the members), their "
            f"weights put {first_text(m.group, result)} first")
    share = None
    if m.hull is not None:
        i = result.ranking.problem.option_ids.index(m.board.first[0])
        share = float(m.hull.acceptability[i, 0])
        tail += (f", and over blends of the members' weights {board} is first in "
                 f"{fmt.share_pm(share, float(m.hull.standard_error(share)))} of the draws")
    tail += "."
    same = set(m.group.first) == set(m.board.first)
    if not same:
        verdict = " Taken together, the members' weights would change the recommendation."
    elif share is not None and share < FIRM_SHARE:
        verdict = (" Their weights taken together agree with the recommendation, but blends "
                   "of their views often put another option first: their disagreement "
                   "matters to it.")
    elif changing:
        verdict = " Their disagreement does not change the recommendation."
    else:
        verdict = " The members agree with the board on the first choice."
    return head + tail + verdict


def weights_to_dict(result: AppraisalResult) -> dict[str, Any]:
    """How the weights came about, and the members' views, as plain data (JSON)."""
    origin = result.origin
    tree = result.ranking.problem.tree

    def derived(d: Derived) -> dict[str, Any]:
        out: dict[str, Any] = {
            "group": d.group, "method": d.method, "criteria": list(d.criterion_ids),
            "weights": [float(x) for x in d.weights]}
        if d.points is not None and d.low is not None and d.high is not None:
            out["points"] = [float(x) for x in d.points]
            if d.ranged:
                out["ranges"] = [[float(a), float(b)] for a, b in zip(d.low, d.high,
                                                                      strict=True)]
        if d.ranking:
            out["ranking"] = [list(t) for t in d.ranking]
            out["conversion"] = d.conversion
        if d.pairwise is not None:
            pw = d.pairwise
            out["consistency"] = {
                "lambda_max": pw.lambda_max, "ci": pw.ci, "cr": pw.cr,
                "random_index": pw.random_index, "acceptable": pw.acceptable,
                "missing": pw.missing,
                "worst": None if pw.worst is None else {
                    "criterion": d.criterion_ids[pw.worst.i],
                    "against": d.criterion_ids[pw.worst.j], "given": pw.worst.given,
                    "consistent": pw.worst.consistent, "nearest": pw.worst.nearest}}
        if d.question:
            out["question"] = d.question
        return out

    def view(v: MemberView) -> dict[str, Any]:
        return {"id": v.member_id, "name": v.name, "role": v.role,
                "weights": dict(zip(result.ranking.problem.criterion_ids,
                                    (float(x) for x in v.weights), strict=True)),
                "first": list(v.first),
                "ranks": dict(zip(result.ranking.problem.option_ids,
                                  (int(r) for r in v.ranks), strict=True)),
                "least_change": None if v.shift is None else {
                    "to": v.shift_to, "total_moved": v.shift.total,
                    "largest_change": v.shift.largest}}

    out: dict[str, Any] = {
        "criteria_set": result.criteria_set,
        "weights_from": origin.weights_from if origin else "board",
        "leaf_weights": dict(zip(result.ranking.problem.criterion_ids,
                                 (float(x) for x in result.ranking.problem.weights),
                                 strict=True)),
        "raw_weights": dict(zip(tree.ids, (float(x) for x in tree.raw_weight), strict=True)),
        "board": [derived(d) for d in origin.board] if origin else [],
        "members": [{"id": m.member.id, "name": m.member.name, "role": m.member.role,
                     "groups": [derived(d) for d in m.derived]}
                    for m in (origin.members if origin else ())],
        "group_means": {("" if k is None else k): v
                        for k, v in (origin.means.items() if origin else ())},
    }
    m = result.members
    if m is not None:
        out["views"] = {"board": view(m.board), "group": view(m.group),
                        "members": [view(v) for v in m.members]}
        out["spread"] = {c: {"low": float(lo), "high": float(hi), "mean": float(me)}
                         for c, lo, hi, me in zip(m.criterion_ids, m.spread_low,
                                                  m.spread_high, m.spread_mean, strict=True)}
        out["changing_members"] = [v.member_id for v in m.changing]
        for key, run in (("hull", m.hull), ("box", m.box)):
            if run is not None:
                first = run.acceptability[:, 0]
                out[f"first_share_{key}"] = {
                    o: {"share": float(s), "se": float(run.standard_error(s))}
                    for o, s in zip(run.option_ids, first, strict=True)}
        out["summary"] = disagreement(m, result)
    return out
