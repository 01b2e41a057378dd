"""``appraisal diff`` in words: the rows of its tables, its JSON and its Markdown (for a
pull request or a covering note). Totals are points out of 100; causes are the exact
split of each move (:mod:`appraisal.analysis.attribution`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..pipeline.compare import Cause, Comparison, OptionMove
from . import formatting as fmt

CAUSES = 3
"""Causes named per option in the tables (the JSON has them all)."""


def _pts(x: float | None) -> str:
    return "-" if x is None else fmt.points(x)


def _rank(r: int | None) -> str:
    return "-" if r is None else str(r)


def _arrow(a: str, b: str) -> str:
    return a if a == b else f"{a} -> {b}"


def cause_text(c: Cause) -> str:
    """'score on Focus', 'weight of Market', 'weight of Market (8 -> 20)' (the one raw
    weight changed), 'criterion Reach added'."""
    if c.kind == "score":
        return f"score on {c.name}"
    if c.kind in ("added", "removed"):
        return f"criterion {c.name} {c.kind}"
    if c.raw is not None:
        return f"weight of {c.name} ({c.raw[0]:g} -> {c.raw[1]:g})"
    return f"weight of {c.name}"


def causes_text(m: OptionMove, limit: int = CAUSES) -> str:
    """'score on Focus +2.0; weight of Market -0.6' (the largest first)."""
    parts = [f"{cause_text(c)} {'+' if c.change > 0 else '-'}{fmt.points(abs(c.change))}"
             for c in m.causes[:limit] if round(abs(c.change) * 100, 1) > 0]
    more = len([c for c in m.causes[limit:] if round(abs(c.change) * 100, 1) > 0])
    return "; ".join(parts) + (f"; {more} more" if more else "")


def moved(c: Comparison) -> list[OptionMove]:
    """The options whose rank or points (to the 0.1 shown) moved, or that came or went."""
    return [m for m in c.moves if m.rank_old != m.rank_new or m.total_old is None
            or m.total_new is None or fmt.points(m.total_old) != fmt.points(m.total_new)]


def move_rows(c: Comparison) -> list[list[str]]:
    """Option, rank old -> new, points old -> new, change, causes, for the options that
    moved."""
    rows = []
    for m in moved(c):
        change = "" if m.total_old is None or m.total_new is None else \
            f"{(m.total_new - m.total_old) * 100:+.1f}"
        rows.append([m.label, _arrow(_rank(m.rank_old), _rank(m.rank_new)),
                     _arrow(_pts(m.total_old), _pts(m.total_new)), change, causes_text(m)])
    return rows


def weight_rows(c: Comparison) -> list[list[str]]:
    return [[w.name, _arrow("-" if w.raw_old is None else fmt.plain(w.raw_old),
                            "-" if w.raw_new is None else fmt.plain(w.raw_new)),
             _arrow("-" if w.share_old is None else fmt.pct(w.share_old),
                    "-" if w.share_new is None else fmt.pct(w.share_new))]
            for w in c.weights]


def _value(x: object) -> str:
    if x is None:
        return "-"
    if isinstance(x, tuple):
        return "; ".join(str(i) for i in x) or "-"
    if isinstance(x, float):
        return fmt.plain(x)
    text = str(x)
    return text if len(text) <= 70 else text[:67] + "..."


def score_rows(c: Comparison) -> list[list[str]]:
    return [[s.option, s.criterion, s.field, _value(s.old), _value(s.new)] for s in c.scores]


def headline(c: Comparison) -> list[str]:
    """The sentences above the tables."""
    out = [f"Criteria set {c.criteria_set}: {c.old_label} -> {c.new_label}."]
    if not c.changed and c.digests[0] == c.digests[1]:
        out.append("Nothing changed.")
        return out
    if c.digests[0] != c.digests[1] and not c.changed:
        out.append("No weight, score, gate, option or criterion changed; other parts of the "
                   "files did (costs, the narrative, comments...), which this comparison "
                   "does not cover.")
        return out
    lead0 = next((m for m in c.moves if m.rank_old == 1), None)
    lead1 = next((m for m in c.moves if m.rank_new == 1), None)
    if lead0 and lead1 and lead0.option != lead1.option:
        out.append(f"The leader changed: {lead0.label} then, {lead1.label} now.")
    elif lead1:
        out.append(f"{lead1.label} leads in both.")
    for what, items in (("Options added", c.options_added),
                        ("Options removed", c.options_removed),
                        ("Criteria added", c.criteria_added),
                        ("Criteria removed", c.criteria_removed)):
        if items:
            out.append(f"{what}: {', '.join(items)}.")
    still = len(c.moves) - len(moved(c))
    if still:
        out.append(f"{fmt.count(still, 'option')} kept {'its' if still == 1 else 'their'} "
                   "rank and points.")
    for cid, g0, g1 in c.gates:
        out.append(f"The gate on {cid} changed: {'-' if g0 is None else fmt.plain(g0)} -> "
                   f"{'-' if g1 is None else fmt.plain(g1)}.")
    return out


def diff_to_dict(c: Comparison) -> dict[str, Any]:
    from .export import _version, clean

    data = asdict(c)
    data["moves"] = [{**asdict(m), "change": None if m.total_old is None or m.total_new is None
                      else m.total_new - m.total_old,
                      "causes": [{"cause": cause_text(x), "change": x.change}
                                 for x in m.causes]}
                     for m in c.moves]
    out: dict[str, Any] = clean({"tool": f"appraisal {_version()}", **data,
                                 "totals_scale": "0 to 1 (points out of 100 / 100)"})
    return out


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    def cell(x: str) -> str:
        return x.replace("|", "\\|").replace("\n", " ")

    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
            *("| " + " | ".join(cell(x) for x in r) + " |" for r in rows), ""]


def diff_markdown(c: Comparison) -> str:
    """The comparison as Markdown (GitHub-flavoured tables)."""
    lines = [f"## What changed in the appraisal ({c.criteria_set})", "",
             *(f"{s}" for s in headline(c)), ""]
    if not c.changed:
        return "\n".join(lines)
    lines += ["### Ranking", "", "Points out of 100; a move is split exactly among the "
              "changes that caused it (largest first).", ""]
    lines += _md_table(["Option", "Rank", "Points", "Change", "Because of"], move_rows(c))
    if c.weights:
        lines += ["### Weights", ""]
        lines += _md_table(["Criterion", "Raw weight", "Share of the total"], weight_rows(c))
    if c.scores:
        lines += ["### Scores, rationale and evidence", ""]
        lines += _md_table(["Option", "Criterion", "What", "Before", "After"], score_rows(c))
    return "\n".join(lines)
