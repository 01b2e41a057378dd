"""The economic case in words, tables and JSON: money as a council writes it, the
options framework, the value-for-money rows and the switching-value sentences.

No computation beyond subtraction from the benchmark: every figure comes from
:class:`~appraisal.analysis.value.ValueForMoney`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..analysis.value import ValueForMoney
from ..input.greenbook import ROLE_NAMES, STATUS_NAMES, Costing
from ..input.models import Appraisal
from . import formatting as fmt

_UNIT = {"millions": "m", "thousands": "k", "pounds": ""}
_UNIT_WORDS = {"millions": "£ million", "thousands": "£ thousand", "pounds": "£"}
STATUS_LABEL = {"frontier": "on the frontier", "dominated": "dominated",
                "extended": "extendedly dominated", "excluded": "benchmark only"}
STATUS_SHORT = {"frontier": "frontier", "dominated": "dominated", "extended": "extended",
                "excluded": "benchmark"}


def pts(points: float) -> str:
    """Benefit points (already out of 100) as the paper prints them: '68.5'."""
    return fmt.points(points / 100)


def shown_difference(shown: str, base: str) -> str:
    """The difference of two figures as they are shown ('+12.0' from '68.5' and '56.5'),
    so the reader's own subtraction of the shown figures gives the same: at the figures'
    own number of decimals, with its sign."""
    places = len(shown.split(".")[1]) if "." in shown else 0
    d = round(float(shown) - float(base), places)
    return f"{d:+.{places}f}" if d else f"{0:.{places}f}"


def money(amount: float, costing: Costing | None, places: int | None = None,
          precise: bool = False) -> str:
    """An amount as a paper prints it: '£12.3m', '£1.25m', '-£0.40m', '£450k', '£1,250'.
    Three significant figures, with at most two decimals and whole numbers from 100 of
    the unit (pounds always whole); ``precise`` keeps three significant figures below
    one unit too (a cost per point: '£0.0452m')."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return "-"
    if math.isinf(amount):
        return "no limit"
    unit = _UNIT[costing.amounts_in if costing else "pounds"]
    size = abs(amount)
    if precise and 0 < size < 1 and unit:  # £0.455m reads better as £455k
        smaller = {"m": "k", "k": ""}[unit]
        amount, size, unit = amount * 1000, size * 1000, smaller
        places = None if smaller else 0
    if places is None and precise and 0 < size < 1:
        places = 2 - math.floor(math.log10(size))
    if places is None:
        places = 0 if (size >= 100 or not unit) else (1 if size >= 10 else 2)
    digits = f"{size:,.{places}f}"
    if precise and places > 2:  # '0.500' -> '0.50': no zeros past two decimals
        digits = digits.rstrip("0")
        digits += "0" * max(0, 2 - len(digits.split(".")[1]))
    text = f"£{digits}{unit}"
    if float(f"{size:.{places}f}") == 0:
        return text
    return f"-{text}" if amount < 0 else text


def unit_words(costing: Costing | None) -> str:
    """'£ million' for a table heading."""
    return _UNIT_WORDS[costing.amounts_in if costing else "pounds"]


def year_label(year: int, costing: Costing | None) -> str:
    """2018 -> '2018/19' for financial years."""
    if costing is not None and costing.years == "financial":
        return f"{year}/{(year + 1) % 100:02d}"
    return str(year)


def objective_names(a: Appraisal) -> dict[str, str]:
    """Objective and critical success factor id -> name."""
    return {**{o.id: o.name for o in a.objectives},
            **{f.id: f.name for f in a.critical_success_factors}}


def role_label(appraisal: Appraisal, option_id: str) -> str:
    option = next((o for o in appraisal.options if o.id == option_id), None)
    return ROLE_NAMES[option.role] if option is not None and option.role else ""


def framework_rows(appraisal: Appraisal) -> list[dict[str, Any]]:
    """The options framework: per option its label, role and per dimension the choice,
    status and reason ('' where the option states nothing for a dimension)."""
    dims = appraisal.options_framework.dimensions
    rows = []
    for o in appraisal.options:
        cells = []
        for d in dims:
            e = o.framework.get(d.id)
            cells.append({"dimension": d.id, "choice": e.choice if e else "",
                          "status": STATUS_NAMES[e.status] if e else "",
                          "status_id": e.status if e else "",
                          "reason": e.reason if e else "",
                          "against": list(e.against) if e else []})
        rows.append({"id": o.id, "label": o.name if o.number is None else f"{o.number}. {o.name}",
                     "role": ROLE_NAMES[o.role] if o.role else "", "cells": cells})
    return rows


def _short(v: ValueForMoney, i: int | None) -> str:
    return "" if i is None else v.labels[i]


def switching_sentences(v: ValueForMoney, costing: Costing | None) -> list[str]:
    """The preferred option's place on the frontier and its switching values, in words."""
    if v.preferred is None or v.switching is None:
        return []
    s, p = v.switching, v.labels[v.preferred]
    who = "The preferred way forward, " + p + "," if v.preferred_is_role else \
        "The leading option, " + p + ","
    out = []
    if v.frontier.status[v.preferred] != "frontier":
        need_cost = -s.overrun
        need_points = -s.shortfall
        out.append(f"{who} is not on the value-for-money frontier: it would join it if its "
                   f"net present cost fell by {money(need_cost, costing, precise=True)} or "
                   "its benefit "
                   f"rose by {pts(need_points)} points.")
    else:
        over = ("whatever its cost, since no other option gives as much benefit"
                if math.isinf(s.overrun) else
                "unless its net present cost rises by more than "
                f"{money(s.overrun, costing, precise=True)}"
                f" ({fmt.pct(s.overrun_share, 0)} of it)")
        short = ("" if math.isinf(s.shortfall) else
                 f"; it would also leave it if its benefit fell by more than "
                 f"{pts(s.shortfall)} points ({fmt.pct(s.shortfall_share, 0)})")
        out.append(f"{who} is on the value-for-money frontier and stays on it {over}"
                   f"{short}.")
    if v.best_range is not None:
        lo, hi = v.best_range
        span = (f"above {money(lo, costing, precise=True)} a point" if math.isinf(hi) else
                f"from {money(lo, costing, precise=True)} to "
                f"{money(hi, costing, precise=True)} a point")
        out.append(f"It gives the most net benefit (benefit valued at a price per point, "
                   f"less cost) for a willingness to pay {span}.")
    if s.wtp is not None and s.rival is not None and s.wtp_overrun is not None \
            and s.wtp_shortfall is not None:
        rival, at = v.labels[s.rival], money(s.wtp, costing, precise=True)
        if s.wtp_overrun >= 0:
            out.append(f"At the stated willingness to pay of {at} a point, {rival} would "
                       f"become better value if the preferred option's cost rose by more "
                       f"than {money(s.wtp_overrun, costing, precise=True)} or its benefit "
                       "fell by more "
                       f"than {pts(s.wtp_shortfall)} points.")
        else:
            out.append(f"At the stated willingness to pay of {at} a point, {rival} gives "
                       f"more net benefit, by {money(-s.wtp_overrun, costing, precise=True)}.")
    return out


def _number(label: str) -> str:
    head = label.split(".", 1)[0]
    return head if head.isdigit() else label


def frontier_sentence(v: ValueForMoney) -> str:
    """Which options are on the frontier and why the others are not (dominated options
    grouped by the option that dominates them)."""
    f = v.frontier
    on = [v.labels[i] for i in f.order]
    parts = [f"On the value-for-money frontier, from the cheapest: {fmt.joined(on)}."]
    groups: dict[int, list[int]] = {}
    for i, status in enumerate(f.status):
        if status == "dominated":
            groups.setdefault(f.by[i][0], []).append(i)
    for by, members in groups.items():
        names = [_number(v.labels[i]) for i in members]
        what = (f"Option {names[0]} is" if len(names) == 1 else
                f"Options {fmt.joined(names)} are")
        parts.append(f"{what} dominated by option {_number(v.labels[by])}, which costs no "
                     "more and gives at least as much benefit.")
    for i, status in enumerate(f.status):
        if status == "extended":
            a, b = f.by[i]
            parts.append(f"Option {_number(v.labels[i])} is extendedly dominated: a mix of "
                         f"options {_number(v.labels[a])} and {_number(v.labels[b])} would "
                         "give as much benefit for less.")
    if v.benchmark is not None and f.status[v.benchmark] == "excluded":
        parts.append(f"Business as usual ({v.labels[v.benchmark]}) fails a gate, so it is "
                     "shown as the benchmark but is not a choice on the frontier.")
    return " ".join(parts)


def value_rows(v: ValueForMoney, costing: Costing | None) -> list[dict[str, Any]]:
    """One formatted row per option compared (cost order), with its change from
    business as usual."""
    order = v.by_cost
    b = v.benchmark
    rows = []
    for i in order:
        i = int(i)
        f = v.frontier
        icer = f.icer[i]
        rows.append({
            "id": v.option_ids[i], "label": v.labels[i],
            "benchmark": i == b, "fails_gates": bool(v.fails_gates[i]),
            "preferred": i == v.preferred,
            "points": pts(v.benefit[i]), "npc": money(v.cost[i], costing),
            "npc_before_bias": money(v.cost_before_bias[i], costing),
            "capital": money(v.capital[i], costing), "revenue": money(v.revenue[i], costing),
            "npsv": money(v.npsv[i], costing),
            "npsv_vs_bau": "" if b is None or i == b or np.isnan(v.npsv[i]) else
            ("+" if v.npsv[i] - v.npsv[b] > 0 else "") + money(v.npsv[i] - v.npsv[b], costing),
            "delta_cost": "" if b is None or i == b else
            ("+" if v.cost[i] - v.cost[b] > 0 else "") + money(v.cost[i] - v.cost[b], costing),
            "delta_points": "" if b is None or i == b else
            shown_difference(pts(v.benefit[i]), pts(v.benefit[b])),
            "status": STATUS_LABEL[f.status[i]], "status_short": STATUS_SHORT[f.status[i]],
            "icer": "" if np.isnan(icer) else money(float(icer), costing, precise=True),
        })
    return rows


def uplift_note(costing: Costing) -> str:
    """Which optimism bias applies by default, and where it comes from."""
    parts = []
    for kind in ("capital", "revenue"):
        pct, source = costing.uplift(kind)
        where = {"stated": "as stated in the costing", "none": "none stated"}.get(
            source, f"the guidance's upper bound for {source.removeprefix('guidance, ')}")
        parts.append(f"{kind} {fmt.plain(pct)}% ({where})")
    return ("Optimism bias: " + "; ".join(parts) + ", unless a line states its own.")
