"""What ``appraisal import-xlsx`` says about the three ways the workbook's values stand:
as exported, in the appraisal now, and in the workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..workshop.importing import Plan

KEPT_SHOWN = 10
"""Values changed only in the appraisal since the export listed at most (then a count)."""


def short(value: object) -> str:
    """A value as a change list shows it: at most 60 characters, every one printable."""
    text = "(none)" if value is None else str(value if not isinstance(value, (list, tuple))
                                              else list(value))
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(x: object) -> str:
    return f"{x:g}" if isinstance(x, (int, float)) else str(x)


def value_text(kind: str, value: object) -> str:
    """A value of the workbook as people write it: a score ``3`` or ``3 (2 to 4)``,
    evidence one source after another, a range ``10 to 30``, a ranking ``a > b = c``."""
    if value is None:
        return "(none)"
    items = list(value) if isinstance(value, (list, tuple)) else None
    if items is None:
        return _number(value)
    if kind == "score":
        low, high = (*items[1:], None, None)[:2]
        if low is None and high is None:
            return _number(items[0])
        return (f"{_number(items[0])} ({_number(items[0] if low is None else low)} to "
                f"{_number(items[0] if high is None else high)})")
    if kind in ("weight_range", "member") and len(items) == 2:
        return _number(items[0]) + ("" if items[1] is None else f" to {_number(items[1])}")
    if kind == "ranking":
        return " > ".join(" = ".join(map(str, tier)) for tier in items)
    return "; ".join(map(str, items)) or "(none)"


def _digest(d: str) -> str:
    return d[:19] + "..." if len(d) > 19 else d


def echo_three_ways(p: Plan, workbook: Path) -> None:
    """Say whether the appraisal changed since the workbook was exported and, if so,
    each value changed since: those the workbook leaves as exported (kept) and those
    it changes otherwise (conflicts), each as exported, now and in the workbook. Say
    too when the workbook records nothing of its export (an older export-xlsx)."""
    name = workbook.name
    if not p.recorded:
        click.echo(f"Note: {name} does not record the values as exported (an older "
                   "export-xlsx made it): every cell that differs from the appraisal "
                   "counts as an edit.")
    if not p.changed_since_export:
        return
    kept, conflicts = p.merge.kept, p.merge.conflicts
    click.echo(f"The appraisal changed since {name} was exported "
               f"({_digest(p.exported or '')} then, {_digest(p.revision.digest)} now).")
    if kept:
        n = len(kept)
        click.echo(f"  {n} value{'s' if n != 1 else ''} changed in the appraisal and not "
                   "in the workbook (kept as now):")
        for s in kept[:KEPT_SHOWN]:
            click.echo(f"    {s.where}: exported {short(value_text(s.kind, s.exported))}, "
                       f"now {short(value_text(s.kind, s.now))}")
        if n > KEPT_SHOWN:
            click.echo(f"    ... and {n - KEPT_SHOWN} more")
    if conflicts:
        n = len(conflicts)
        click.echo(f"  {n} value{'s' if n != 1 else ''} changed both in the appraisal and "
                   "in the workbook:")
        for s in conflicts:
            click.echo(f"    {s.where} ({s.cell}): exported "
                       f"{short(value_text(s.kind, s.exported))}, now "
                       f"{short(value_text(s.kind, s.now))}, workbook "
                       f"{short(value_text(s.kind, s.workbook))}")
