"""The swing-weighting form: one self-contained HTML page in which a board member gives
swing points to every sibling group of the criteria tree, sees the weights and the
ranking they give, and downloads ``members/ID.yaml``
(:class:`~appraisal.input.elicit.Member`).

The page re-ranks exactly as the what-if panel does (see ``templates/form.js``): points
are shared out within each group and multiplied down the tree as in
:meth:`appraisal.core.problem.CriteriaTree.global_weights`, totals are ``values @ w``
with the method's per-criterion values from
:func:`appraisal.report.whatif.whatif_data`, and ranks are the competition ranks of
:func:`appraisal.core.ordering.competition_ranks`. Everything the browser reads travels
in one ``application/json`` script element written by
:func:`appraisal.report.whatif.script_json`; every text is put in the page by
autoescaped templates or by ``textContent``, never parsed as HTML.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..input.elicit import DEFAULT_SWING_QUESTION, SWING_TOP
from ..input.models import CriteriaSet, Criterion, iter_criteria
from ..presentation import formatting as fmt
from ..report.build import report_date
from ..report.templating import render
from ..report.whatif import whatif_data

if TYPE_CHECKING:
    from ..pipeline import AppraisalResult

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
"""A member id, as :data:`appraisal.input.modelbase.Id` accepts it."""
ID_MAX_LENGTH = 80


def _question(cs: CriteriaSet) -> str:
    """The swing question as the board put it (its first swing block's), else the
    standard one."""
    return next((b.question for b in cs.weighting if b.method == "swing" and b.question),
                DEFAULT_SWING_QUESTION)


def _swing(node: Criterion, low: float, high: float) -> str:
    """The criterion's swing in words: its own ``swing`` text, else one built from its
    scale and direction (a parent: from worst to best on every one of its parts)."""
    if node.swing.strip():
        return " ".join(node.swing.split())
    if not node.is_leaf:
        return "from the worst to the best on every one of its parts"
    if node.scale is not None:
        low, high = node.scale.min, node.scale.max
    worst, best = (low, high) if node.direction == "benefit" else (high, low)
    return f"from its worst score ({worst:g}) to its best ({best:g})"


def _groups(result: AppraisalResult, cs: CriteriaSet, tree: dict[str, Any]
            ) -> list[dict[str, Any]]:
    """Each sibling group of the tree in depth-first order (the top level first): its
    parent id (None at the top), heading, guidance and criteria (tree indices)."""
    nodes = {c.id: c for c in iter_criteria(cs.criteria)}
    scale = result.appraisal.scale
    ids: list[str] = tree["ids"]
    parents: list[int] = tree["parent"]
    heads = [-1] + [k for k, col in enumerate(tree["leaf_column"]) if col < 0]
    out = []
    for head in heads:
        members = [k for k, p in enumerate(parents) if p == head]
        count = fmt.count(len(members), "criterion", "criteria")
        if head < 0:
            wholes = [nodes[ids[k]].name for k in members if not nodes[ids[k]].is_leaf]
            heading = "All criteria (top level)"
            intro = (f"Compare the swings of these {count}: give the one you would most "
                     f"want to move from worst to best {SWING_TOP:g} points, and each "
                     "other criterion points from 0 to 100 relative to it.")
            if wholes:
                intro += (" A criterion with parts (" + fmt.joined(wholes) + ") is "
                          "weighed here as a whole; its parts come in their own group "
                          "below.")
        else:
            parent = nodes[ids[head]].name
            heading = f"Within “{parent}”"
            intro = (f"Share out the weight of “{parent}” among its {count}: give the "
                     f"largest of these swings {SWING_TOP:g} points, and each other one "
                     "points from 0 to 100 relative to it.")
        out.append({
            "id": None if head < 0 else ids[head],
            "key": "_top" if head < 0 else ids[head],  # "_top" is no criterion id
            "name": "the top level" if head < 0 else nodes[ids[head]].name,
            "heading": heading,
            "intro": intro,
            "nodes": members,
            "criteria": [{"id": ids[k], "name": nodes[ids[k]].name,
                          "swing": _swing(nodes[ids[k]], scale.min, scale.max)}
                         for k in members],
        })
    return out


def _short_list(short: int, long: int) -> str:
    """``"11 of the 13 options pass the gates and are ranked"``, and the like."""
    if short == long:
        return ("the one option passes the gates and is ranked" if long == 1 else
                f"all {long} options pass the gates and are ranked")
    return f"{short} of the {long} options " + (
        "passes the gates and is ranked" if short == 1 else "pass the gates and are ranked")


def form_context(result: AppraisalResult, when: date | None = None) -> dict[str, Any]:
    """The template's context: the texts shown (already formatted) and ``data``, the
    numbers and names the page's script reads. ``when`` (default: ``SOURCE_DATE_EPOCH``,
    else today) is the date the form was made.

    Raises UsageError when no option passes the gates or the method has no
    per-criterion values (the page could not rank)."""
    day = report_date(when)
    panel = whatif_data(result, day.isoformat())
    if panel is None:
        why = ("no option passes the gates" if result.ranking.problem.shape[0] == 0 else
               f"the method '{result.method.name}' has no per-criterion values")
        raise UsageError(f"the form cannot rank the options under a member's weights: {why}")
    a = result.appraisal
    cs = a.criteria_set(result.criteria_set)
    groups = _groups(result, cs, panel["tree"])
    board = {o.id: o.rank for o in result.ranking.options}
    short, long = len(panel["options"]), result.long_list.shape[0]
    data = {
        "title": result.title,
        "criteria_set": cs.id,
        "write_criteria_set": cs.id != a.criteria_set().id,
        "tree": panel["tree"],
        "options": panel["options"],
        "values": panel["values"],
        "tolerance": panel["tolerance"],
        "board_ranks": [board[o["id"]] for o in panel["options"]],
        "groups": [{"id": g["id"], "key": g["key"], "name": g["name"], "nodes": g["nodes"]}
                   for g in groups],
        "members": [{"id": m.id, "name": m.name} for m in a.members],
        "id_pattern": ID_PATTERN,
        "id_max_length": ID_MAX_LENGTH,
        "top": SWING_TOP,
    }
    return {
        "title": result.title,
        "set_name": cs.name,
        "set_id": cs.id,
        "made_on": fmt.long_date(day),
        "question": _question(cs),
        "top": f"{SWING_TOP:g}",
        "groups": groups,
        "short_list": _short_list(short, long),
        "id_max_length": ID_MAX_LENGTH,
        "data": data,
    }


def form_page(result: AppraisalResult, when: date | None = None) -> str:
    """The form as one self-contained HTML page (styles and script inline, nothing
    fetched), for the criteria set and short list of ``result`` (``run(appraisal,
    Request())``); ``when`` as in :func:`form_context`."""
    return render("html", "form.html.j2", form_context(result, when))
