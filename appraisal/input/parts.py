"""What the rules that need the whole appraisal are given, and what they give back.

:class:`Parts` holds every item that validated (or was repaired), each with its data
path; a rule yields :data:`Found` records (data path, expected, found) that
:func:`appraisal.input.checks.run` turns into located diagnostics. The rules of
:mod:`.checks`, :mod:`.elicit_checks` and :mod:`.greenbook_checks` all depend on this
module and on none of each other, so none of them imports another.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .models import CriteriaSet, Criterion, Member, Meta, Option, Scale, Scenario
from .salvage import Repairs
from .yamlsource import PathKey


@dataclass(frozen=True, kw_only=True)
class Parts:
    """What validated (or was repaired), each item with its data path. A criteria set
    given as a flat list of criteria has the path ``()``: its criteria are at
    ``("criteria", i)``."""

    meta: Meta | None
    criteria: list[tuple[PathKey, CriteriaSet]]
    options: list[tuple[PathKey, Option]]
    scenarios: list[tuple[PathKey, Scenario]]
    members: list[tuple[PathKey, Member]] = field(default_factory=list)
    criteria_complete: bool = True  # False when a criteria set could not be repaired
    only_set: str | None = None  # check completeness of scores for this set only
    repairs: Repairs = field(default_factory=Repairs)

    @property
    def scale(self) -> Scale:
        """The appraisal's default scale."""
        return self.meta.scale if self.meta is not None else Scale()


Found = tuple[PathKey, str, str]
"""One problem a rule found: the data path, what was expected, what was found."""


def tree_paths(nodes: tuple[Criterion, ...], base: PathKey
               ) -> Iterator[tuple[Criterion, PathKey]]:
    """Each criterion of ``nodes`` and of their sub-criteria, depth first, with its data
    path under ``base`` (``(*base, i)``, a child at ``(*base, i, "criteria", j)``)."""
    for i, node in enumerate(nodes):
        path = (*base, i)
        yield node, path
        yield from tree_paths(node.criteria, (*path, "criteria"))
