"""Rules of the Green Book data that need several items (see :mod:`.greenbook`).

Each rule yields located problems (data path, expected, found) for
:func:`appraisal.input.checks.run`: a role given to two options, a framework entry on an
unknown dimension or without a reason, an unknown objective or factor, a cost in a year
before the base year or with no costing to date it.
"""

from __future__ import annotations

from collections.abc import Iterator

from .diagnostics import did_you_mean
from .greenbook import DEFAULT_DIMENSIONS, ROLE_NAMES
from .parts import Found, Parts, tree_paths
from .yamlsource import PathKey, dotted, shorten

MAX_YEARS = 400
"""The longest appraisal period, in years (the discount schedule's last band starts at
year 301)."""


def greenbook_rules(parts: Parts) -> Iterator[Found]:
    """Every cross-item problem of the Green Book data in ``parts``."""
    meta = parts.meta
    dims = meta.options_framework.dimensions if meta is not None else DEFAULT_DIMENSIONS
    refs: dict[str, PathKey] = {}
    if meta is not None:
        named = [("objectives", i, o.id) for i, o in enumerate(meta.objectives)] + [
            ("critical_success_factors", i, f.id)
            for i, f in enumerate(meta.critical_success_factors)]
        for kind, i, ident in named:
            if ident in refs:
                yield (kind, i, "id"), \
                    "an id used once among the objectives and critical success factors", \
                    f"'{shorten(ident)}' again (also at {dotted(refs[ident])})"
            refs.setdefault(ident, (kind, i))
        seen: dict[str, int] = {}
        for i, dimension in enumerate(dims):
            if dimension.id in seen:
                yield ("options_framework", "dimensions", i, "id"), "a unique dimension id", \
                    f"'{shorten(dimension.id)}' again (also dimensions[{seen[dimension.id]}])"
            seen.setdefault(dimension.id, i)
    yield from _serves(parts, refs)
    yield from _roles(parts)
    dim_ids = [d.id for d in dims]
    for path, o in parts.options:
        for dim, entry in o.framework.items():
            at = (*path, "framework", dim)
            if dim not in dim_ids:
                yield at, "one of the framework's dimensions: " + ", ".join(dim_ids), \
                    f"unknown dimension '{shorten(dim)}'" + did_you_mean(dim, dim_ids)
            if not entry.reason:
                yield (*at, "status"), \
                    "a reason for the status (the Green Book asks for the reason for every " \
                    "choice carried forward or discounted)", \
                    f"status {entry.status.replace('_', ' ')} without a reason"
            for k, ref in enumerate(entry.against):
                if ref not in refs:
                    yield (*at, "against", k), \
                        "the id of an objective or critical success factor", \
                        f"unknown id '{shorten(ref)}'" + did_you_mean(ref, refs)
    yield from _money(parts)


def _serves(parts: Parts, refs: dict[str, PathKey]) -> Iterator[Found]:
    for set_path, cs in parts.criteria:
        for crit, path in tree_paths(cs.criteria, (*set_path, "criteria")):
            for k, ref in enumerate(crit.serves):
                if ref not in refs:
                    yield (*path, "serves", k), \
                        "the id of an objective or critical success factor", \
                        f"unknown id '{shorten(ref)}'" + did_you_mean(ref, refs)


def _roles(parts: Parts) -> Iterator[Found]:
    first: dict[str, PathKey] = {}
    for path, o in parts.options:
        if o.role is None:
            continue
        if o.role in first:
            yield (*path, "role"), \
                f"{ROLE_NAMES[o.role]} given to one option only", \
                f"{o.role} again (also {dotted(first[o.role])})"
        first.setdefault(o.role, path)


def _money(parts: Parts) -> Iterator[Found]:
    costing = parts.meta.costing if parts.meta is not None else None
    told = False
    for path, o in parts.options:
        for part, lines in (("costs", o.costs), ("benefits", o.benefits)):
            if lines and costing is None:
                if parts.meta is not None and not told:
                    told = True  # once: the fix is one block, not one per option
                    yield (*path, part), \
                        "a costing block at the top of the appraisal (appraisal.yaml, or " \
                        "the top of a single file) with base_year and amounts_in, to date " \
                        "and discount the amounts", f"{part} without a costing"
                break
            if costing is None:
                continue
            base = costing.base_year
            for i, line in enumerate(lines):
                for year in line.years:
                    at = (*path, part, i, "years", year)
                    shown = str(year) if costing.years != "financial" else \
                        f"{year} (the year {year}/{(year + 1) % 100:02d})"
                    if year < base:
                        yield at, f"a year from the base year {base} on", shown
                    elif year >= base + MAX_YEARS:
                        yield at, f"a year before {base + MAX_YEARS} (at most {MAX_YEARS} " \
                            "years are appraised)", shown
