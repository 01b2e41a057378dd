"""Number and date formatting: the one place numbers become strings, for the terminal
and every paper format alike.

British English conventions of a council paper: percentages to one decimal place
("8.0%"), totals on the 0..1 value scale to three decimals ("0.685"), scores with at
most two decimals ("3.4"), raw weights as written ("18"), dates as "14 December 2017".
"""

from __future__ import annotations

import math
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def pct(share: float, places: int = 1) -> str:
    """A share in [0, 1] as a percentage: ``0.1234 -> "12.3%"``."""
    if not math.isfinite(share):
        return "n/a"
    return f"{share * 100:.{places}f}%"


def margin95(standard_error: float) -> str:
    """The 95% margin of a share, 1.96 standard errors, in percentage points:
    ``0.0015 -> "0.3 points"`` (at least "0.1 points", so a margin never reads as none)."""
    if not math.isfinite(standard_error):
        return "n/a"
    return f"{max(1.96 * standard_error * 100, 0.1):.1f} points"


def share_pm(share: float, standard_error: float) -> str:
    """A Monte Carlo share with its 95% margin for a table: ``"91.7% ±0.3"``; a share of
    exactly none or all of the draws has no margin to show (``"0.0%"``)."""
    if share <= 0.0 or share >= 1.0 or not math.isfinite(standard_error):
        return pct(share)
    return f"{pct(share)} ±{margin95(standard_error).split()[0]}"


def total(value: float) -> str:
    """A total or contribution on the 0..1 value scale, three decimals."""
    return "n/a" if not math.isfinite(value) else f"{value:.3f}"


def points(value: float) -> str:
    """A total or contribution on the 0..1 scale as points out of 100, one decimal:
    ``0.6853 -> "68.5"``."""
    return "n/a" if not math.isfinite(value) else f"{100 * value:.1f}"


def score(value: float) -> str:
    """A score (e.g. a switching value): at most two decimals, no trailing zeros."""
    if not math.isfinite(value):
        return "n/a"
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def signed(value: float) -> str:
    """A change of score with its sign, two decimals: ``0.5 -> "+0.50"``."""
    return "n/a" if not math.isfinite(value) else f"{value:+.2f}"


def plain(value: float) -> str:
    """A raw score or weight as written: no trailing zeros (``3.0 -> "3"``)."""
    if not math.isfinite(value):
        return "n/a"
    return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


def long_date(d: date) -> str:
    """``date(2017, 12, 14) -> "14 December 2017"`` (locale-independent)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def count(n: int, one: str, many: str | None = None) -> str:
    """``count(1, "option") -> "1 option"``, ``count(3, "option") -> "3 options"``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def joined(items: list[str], last: str = "and") -> str:
    """``["a", "b", "c"] -> "a, b and c"`` (no Oxford comma, as in the house style)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def option_label(number: int | None, name: str) -> str:
    """``(9, "Wholly owned council company") -> "option 9 (Wholly owned council company)"``."""
    return name if number is None else f"option {number} ({name})"


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: the first letter lowered when the first word
    is an ordinary capitalised word ("Strategic fit" -> "strategic fit", "Records shared
    across the ICS" -> "records shared across the ICS"); acronyms and names as written
    otherwise ("VAT recovery", "NHS framework", "iPad")."""
    return name[:1].lower() + name[1:] if name[:1].isupper() and name[1:2].islower() else name


def cap(text: str) -> str:
    """Upper-case the first letter only (``str.capitalize`` would lower the rest)."""
    return text[:1].upper() + text[1:]
