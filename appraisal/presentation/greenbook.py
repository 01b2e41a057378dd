"""What the short list lacks against the Green Book, in the words the terminal, the
JSON outputs and the paper share."""

from __future__ import annotations

from ..input.greenbook import ROLE_NAMES
from ..pipeline import AppraisalResult, ShortlistGap

GUIDANCE = "Green Book (2018) para 5.53"
"""Where the guidance asks for the short list's roles."""


def gap_text(gap: ShortlistGap) -> str:
    """One gap of the short list as a warning (no capital, no full stop)."""
    if gap.kind == "missing_role":
        return (f"the short list has no {ROLE_NAMES[gap.role]} option: mark one option "
                f"'role: {gap.role}' ({GUIDANCE})")
    if gap.kind == "fails_gate" and gap.role == "do_minimum":
        return (f"the do-minimum option '{gap.options[0]}' fails a gate, so the short list "
                f"has no do-minimum option ({GUIDANCE})")
    if gap.kind == "fails_gate":
        return f"the {ROLE_NAMES[gap.role]} '{gap.options[0]}' fails a gate"
    if gap.kind == "no_alternative":
        return ("the short list has no viable alternative besides the options with a "
                f"role ({GUIDANCE})")
    return ("discounted in the options framework but passing every gate, so still "
            f"ranked: {', '.join(gap.options)} (the gates decide the short list)")


def warnings(result: AppraisalResult) -> tuple[str, ...]:
    """Every gap of the short list of ``result`` as a warning, in order."""
    return tuple(gap_text(g) for g in result.shortlist)
