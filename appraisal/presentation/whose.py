"""Whose weights, in words: a member named inside a sentence, the weights a result
analyses ("the weights of the Director of Children's Services"), and the names of the
weightings compared."""

from __future__ import annotations

from ..pipeline import ANALYSED, AppraisalResult, WeightOrigin
from . import formatting as fmt

ROLES = ("cabinet", "director", "chief", "head", "chair", "leader", "deputy", "member",
         "assistant", "portfolio", "monitoring", "section", "s151", "finance", "lead",
         "councillor", "executive", "corporate", "strategic", "service", "programme",
         "treasurer", "clerk", "commissioner", "superintendent", "registrar", "medical",
         "nursing", "operations", "managing", "senior", "vice", "interim", "acting")
"""First words that make a member's name a role ("Director of ..."), read with "the"."""


def who(name: str) -> str:
    """A member's name inside a sentence: 'the Director of ...' for a role, a person's
    name as it is."""
    first = name.split(" ", 1)[0].lower()
    return f"the {name}" if first in ROLES else name


def origin_label(origin: WeightOrigin) -> str:
    """Whose weights were analysed: "the board's weights", "the members' weights taken
    together" or "the weights of <member>"."""
    if origin.source == "group":
        return "the members' weights taken together"
    if origin.source == "member" and origin.member is not None:
        return f"the weights of {who(origin.member.name)}"
    return "the board's weights"


def weights_label(result: AppraisalResult) -> str:
    """Whose weights the results use, for a reader ('' for the board's own)."""
    if result.origin is None or result.origin.source == "board":
        return ""
    return origin_label(result.origin)


def weighting_name(result: AppraisalResult, weighting_id: str, name: str) -> str:
    """The name a reader sees for a weighting compared: the weights analysed (when they
    are neither the base weights nor a scenario) are "As analysed" for the board's own
    weights, else whose they are; any other keeps its own ``name``."""
    if weighting_id != ANALYSED:
        return name
    label = weights_label(result)
    return fmt.cap(label) if label else "As analysed"


def scenario_names(result: AppraisalResult) -> tuple[str, ...]:
    """The names of the weightings of ``result.scenarios`` in their order."""
    sc = result.scenarios
    if sc is None:
        return ()
    return tuple(weighting_name(result, i, n)
                 for i, n in zip(sc.scenario_ids, sc.scenario_names, strict=True))
