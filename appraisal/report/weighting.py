"""How the weights were set, in the paper: the board's method and question, the members'
spread as a chart, each member's first choice, and whether their disagreement changes
the recommendation (body); every member's weights and judgements (appendix)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..analysis.members import MembersAnalysis
from ..input.derive import Derived
from ..input.models import iter_criteria
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.weights import (
    consistency,
    derived_rows,
    disagreement,
    first_text,
    group_phrase,
    judgements_text,
    method_phrase,
    number_word,
    shift_text,
)
from ..presentation.whose import who
from .blocks import Numbering, SectionBuilder, table
from .charts import LABEL_CHARS, LABEL_W, ROW_H, chart_block, x_axis
from .paper import Chart, Table
from .svg import PALETTE, circle, line, rect, text, text_lines, wrap

PLOT_W = 360.0


def spread_chart(chart_id: str, criteria: Sequence[str], board: Sequence[float],
                 members: Sequence[Sequence[float]], names: Sequence[str]) -> Chart:
    """Each criterion's share of the total weight: the members' range as a grey bar, each
    member a coloured dot, the board's weight a black mark."""
    top = 10.0
    vmax = max(0.05, max(max(r) for r in members), max(board))
    vmax = min(1.0, (int(vmax * 20) + 1) / 20)  # up to the next 5%
    body: list[str] = []
    for i, crit in enumerate(criteria):
        y = top + i * ROW_H
        values = [r[i] for r in members]
        body.append(text_lines(LABEL_W - 8, y + 15, wrap(crit, LABEL_CHARS), anchor="end",
                               size=10))
        x1 = LABEL_W + PLOT_W * min(values) / vmax
        x2 = LABEL_W + PLOT_W * max(values) / vmax
        body.append(rect(x1, y + 7, x2 - x1, ROW_H - 14, "#cccccc",
                         f"{crit}: members from {fmt.pct(min(values))} to "
                         f"{fmt.pct(max(values))}"))
        for k, v in enumerate(values):
            body.append(circle(LABEL_W + PLOT_W * v / vmax, y + ROW_H / 2, 4.0,
                               PALETTE[k % len(PALETTE)], f"{names[k]}: {fmt.pct(v)}"))
        xb = LABEL_W + PLOT_W * board[i] / vmax
        body.append(line(xb, y + 2, xb, y + ROW_H - 2, stroke="#000000", width=2.0))
    axis_y = top + len(criteria) * ROW_H + 4
    ticks = [t / 100 for t in range(0, round(vmax * 100) + 1, 5)]
    body[:0] = x_axis(LABEL_W, axis_y, PLOT_W, top, ticks, [fmt.pct(t, 0) for t in ticks],
                       vmax)
    body.append(text(LABEL_W + PLOT_W / 2, axis_y + 30,
                     "Share of the total weight (black mark: the board's weight)",
                     anchor="middle", size=10))
    legend_y = axis_y + 48
    for k, name in enumerate(names):
        y = legend_y + k * 16
        body.append(circle(LABEL_W + 6, y - 4, 4.0, PALETTE[k % len(PALETTE)]))
        body.append(text(LABEL_W + 16, y, name, size=10))
    widest = max(range(len(criteria)), key=lambda i: max(r[i] for r in members)
                 - min(r[i] for r in members))
    lo = min(r[widest] for r in members)
    hi = max(r[widest] for r in members)
    desc = (f"Range chart of {len(criteria)} criteria's shares of the total weight across "
            f"{len(names)} members, with the board's weight marked. The members differ most "
            f"on {criteria[widest]}: from {fmt.pct(lo)} to {fmt.pct(hi)} (board "
            f"{fmt.pct(board[widest])}).")
    rows = [[c, fmt.pct(board[i]), *(fmt.pct(r[i]) for r in members)]
            for i, c in enumerate(criteria)]
    data = table(f"{chart_id}-data", "Data: each member's share of the total weight",
                 ["Criterion", "Board", *names], rows, [False] + [True] * (len(names) + 1))
    return chart_block(chart_id, "Where the members' weights differ", desc, body,
                  LABEL_W + PLOT_W + 40, legend_y + 16 * len(names), data)


def _derived_table(table_id: str, caption: str, d: Derived) -> Table:
    """A derived group's inputs and shares (pairwise: the shares alone; the judgements
    are in the appraisal's files)."""
    heads = {"swing": "Swing points", "points": "Points", "ranking": "Rank"}
    if d.method == "pairwise":
        return table(table_id, caption, ["Criterion", "Share of group"],
                     [[r[0], r[2]] for r in derived_rows(d)], [False, True])
    return table(table_id, caption, ["Criterion", heads[d.method], "Share of group"],
                 derived_rows(d), [False, True, True])


def _swings_table(s: SectionBuilder, result: AppraisalResult) -> None:
    """The swings as put, worst to best in words, for the criteria that state one."""
    cs = result.appraisal.criteria_set(result.criteria_set)
    rows = [[c.name, c.swing] for c in iter_criteria(cs.criteria) if c.swing]
    if rows:
        s.table(table("swings", "The swings put: each criterion from the worst to the best "
                      "end of its scale", ["Criterion", "Swing"], rows, [False, False]))


def _inputs_table(s: SectionBuilder, result: AppraisalResult) -> None:
    """What each member gave, criterion by criterion: swing or direct points (a range
    as "50 to 70"), a place in a ranking ("3=" when shared), or "pairs" for a group
    judged in pairs (the judgements follow in words); blank where a member kept the
    board's weights for that group."""
    origin = result.origin
    if origin is None or not origin.members:
        return
    cs = result.appraisal.criteria_set(result.criteria_set)
    nodes = [c for c in iter_criteria(cs.criteria)]
    given: list[dict[str, str]] = []
    for counted in origin.members:
        cells: dict[str, str] = {}
        for d in counted.derived:
            rows = {row[0]: row[1] for row in derived_rows(d)}
            for cid, name in zip(d.criterion_ids, d.criterion_names, strict=True):
                cells[cid] = rows[name] if d.method != "pairwise" else "pairs"
        given.append(cells)
    depth = {c.id: 0 for c in cs.criteria}
    for c in nodes:
        for child in c.criteria:
            depth[child.id] = depth[c.id] + 1
    s.table(table("members-inputs", "What each member gave: points, a place in a ranking, "
                  "or judgements in pairs (below); blank where the member kept the board's "
                  "weights",
                  ["Criterion", *(m.member.name for m in origin.members)],
                  [[c.name, *(g.get(c.id, "") for g in given)] for c in nodes],
                  [False] + [True] * len(given), levels=[depth[c.id] for c in nodes]))


def _board_paragraphs(s: SectionBuilder, result: AppraisalResult) -> None:
    origin = result.origin
    if origin is None:
        return
    if not origin.board:
        s.para("The board set the weights directly, as the raw weights and rationale in the "
               "table above.")
    for d in origin.board:
        s.para(f"The board's weights for {group_phrase(d)} come from {method_phrase(d)}"
               + (f": {d.rationale.rstrip().rstrip('.')}" if d.rationale else "") + ".")
        s.table(_derived_table(f"board-{d.group or 'top'}",
                               f"The board's {method_phrase(d)}: {group_phrase(d)}", d))
        check = consistency(d)
        if check:
            s.para(fmt.cap(check))


def weights_section(s: SectionBuilder, result: AppraisalResult, appendix: str) -> None:
    """The body section "How the weights were set" (nothing when the board set the
    weights directly and there are no members)."""
    origin, m = result.origin, result.members
    if origin is None or (not origin.board and not origin.members):
        return
    _board_paragraphs(s, result)
    questions = dict.fromkeys(d.question for ds in (origin.board,
                                                    *(m.derived for m in origin.members))
                              for d in ds if d.method == "swing" and d.question)
    asked = "the board was" if any(d.method == "swing" for d in origin.board) else \
        "each member was"
    cs = result.appraisal.criteria_set(result.criteria_set)
    stated = any(c.swing for c in iter_criteria(cs.criteria))
    where = f" {appendix} gives each criterion's swing as put." if stated and appendix else ""
    for q in questions:
        s.para(f"In swing weighting {asked} asked: \u201c{q}\u201d{where}")
    if m is None or not origin.members:
        return
    how = [f"{who(m.member.name)} by " + fmt.joined(list(dict.fromkeys(method_phrase(d)
                                                                       for d in m.derived)))
           for m in origin.members]
    s.para(f"{fmt.cap(number_word(len(how)))} member{'s' if len(how) != 1 else ''} of the "
           "board gave their own weights: "
           + fmt.joined(how) + f". {appendix} gives each member's weights in full.")
    for counted in origin.members:
        for d in counted.derived:
            if d.pairwise is not None and not d.pairwise.acceptable:
                s.para(f"The pairwise judgements of {who(counted.member.name)} on "
                       f"{group_phrase(d)}: {consistency(d)}")
    names = [v.name for v in m.members]
    chart = spread_chart("members-spread", list(result.ranking.problem.criterion_names),
                         [float(x) for x in m.board.weights],
                         [[float(x) for x in v.weights] for v in m.members], names)
    s.chart(replace(chart, table=None,
                    data_note=f"The figures behind the chart are in {appendix}."))
    rows = [[v.name, first_text(v, result), shift_text(v, result)]
            for v in (m.board, m.group, *m.members)]
    s.table(table("members-first", "Each member's first choice under their own weights",
                  ["Whose weights", "First choice", "Least change of these weights that "
                   "puts another option first"], rows, [False, False, False]))
    s.para(disagreement(m, result) + _means_note(m))


def _means_note(m: MembersAnalysis) -> str:
    kinds = set(m.means.values())
    if kinds == {"arithmetic"}:
        return (" The members' weights are taken together group by group by their "
                "arithmetic mean.")
    if kinds == {"geometric"}:
        return (" The members' weights are taken together group by group by their "
                "geometric mean, as is usual for pairwise judgements.")
    return (" The members' weights are taken together group by group: by the geometric "
            "mean where every member compared the group in pairs, otherwise by the "
            "arithmetic mean.")


def members_appendix(result: AppraisalResult) -> SectionBuilder:
    """Every member's inputs and derived weights, then the leaf weights side by side."""
    origin, m = result.origin, result.members
    title = "The members' weights" if m is not None else "The swings put to the board"
    s = SectionBuilder("appendix-members", title, Numbering(enabled=False))
    _swings_table(s, result)
    if origin is None or m is None:
        return s
    _inputs_table(s, result)
    for counted in origin.members:
        member, ds = counted.member, counted.derived
        role = f" ({member.role})" if member.role else ""
        parts = [f"{member.name}{role} weighed "
                 + fmt.joined([f"{group_phrase(d)} by {method_phrase(d)}" for d in ds]) + "."]
        parts += [f"Why ({group_phrase(d)}): {d.rationale.rstrip().rstrip('.')}."
                  for d in ds if d.rationale]
        parts += [judgements_text(d) + " " + fmt.cap(consistency(d))
                  for d in ds if d.pairwise is not None]
        s.para(" ".join(parts) + (f" {member.note}" if member.note else ""))
    p = result.ranking.problem
    rows = [[name, fmt.pct(float(m.board.weights[j])), fmt.pct(float(m.group.weights[j])),
             *(fmt.pct(float(v.weights[j])) for v in m.members)]
            for j, name in enumerate(p.criterion_names)]
    s.table(table("members-weights", "Share of the total weight by member",
                  ["Criterion", "Board", "Members together", *(v.name for v in m.members)],
                  rows, [False] + [True] * (len(m.members) + 2)))
    s.table(table("members-ranks", "Each option's rank under each member's weights",
                  ["Option", "Board", "Members together", *(v.name for v in m.members)],
                  [[label, str(int(m.board.ranks[i])), str(int(m.group.ranks[i])),
                    *(str(int(v.ranks[i])) for v in m.members)]
                   for i, label in sorted(enumerate(p.labels()),
                                          key=lambda x: int(m.board.ranks[x[0]]))],
                  [False] + [True] * (len(m.members) + 2)))
    hull, box = m.hull, m.box
    if hull is not None and box is not None:
        s.para("Over the weightings the members span, each option's share of the draws in "
               "which it comes first: blends of the members' weights (mixing shares uniform), "
               "and every weight anywhere within the members' range (the weights summing to "
               f"100%), {hull.samples:,} draws each.")
        order = sorted(range(len(p.option_ids)), key=lambda i: -float(hull.acceptability[i, 0]))
        shown = [i for i in order
                 if hull.acceptability[i, 0] > 0 or box.acceptability[i, 0] > 0]
        s.table(table("members-acceptability", "First place over the members' weightings",
                      ["Option", "Blends of members' weights", "Within members' ranges"],
                      [[p.labels()[i],
                        fmt.share_pm(float(hull.acceptability[i, 0]),
                                     float(hull.standard_error(hull.acceptability[i, 0]))),
                        fmt.share_pm(float(box.acceptability[i, 0]),
                                     float(box.standard_error(box.acceptability[i, 0])))]
                       for i in shown], [False, True, True]))
    return s


def method_notes(result: AppraisalResult) -> list[str]:
    """The method statement's paragraphs on how weights were derived (those used)."""
    origin = result.origin
    if origin is None:
        return []
    used = {d.method for ds in (origin.board, *(m.derived for m in origin.members))
            for d in ds}
    out = []
    if "swing" in used:
        out.append("Swing weighting (Edwards and Barron 1994; HM Treasury, An introductory "
                   "guide to multi-criteria decision analysis, 2024): the swings from the "
                   "worst to the best end of each criterion's scale are ranked, the largest "
                   "is given 100 points and each other swing is given points relative to "
                   "it; a "
                   "group's weights are its points over their sum. A range of points is "
                   "taken at its middle.")
    if "ranking" in used:
        out.append("Rankings are turned into weights by rank-order centroid unless stated "
                   "(Barron and Barrett 1996): the weight of place k of n is the average of "
                   "1/k, ..., 1/n divided by n; criteria ranked equal share the mean weight "
                   "of the places they occupy.")
    if "pairwise" in used:
        out.append("Pairwise judgements on Saaty's 1 to 9 scale give weights as the principal "
                   "eigenvector of the judgement matrix (Saaty 1980; 1990). The consistency "
                   "ratio compares the matrix's inconsistency with that of random judgements "
                   "(Saaty's random indices); above 0.10 the judgements should be revisited, "
                   "starting with the judgement furthest from the ratio of the weights "
                   "(Saaty 2003). Missing judgements are completed by Harker's method (1987).")
    if origin.members:
        out.append("The members' weights are taken together group by group of the criteria "
                   "tree, as the mean of their shares of the group: arithmetic, or geometric "
                   "(normalised) where every member compared the group in pairs (Forman and "
                   "Peniwati 1998). A member's least change is the smallest share of the "
                   "total weight that must move, from the member's own weights, for another "
                   "option to draw level with their first choice.")
    return out
