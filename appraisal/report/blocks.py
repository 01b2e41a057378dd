"""The paper as data: sections made of blocks (numbered paragraphs, lists, tables,
charts), shared by every renderer so HTML, Markdown and Word say the same thing.

Blocks are plain dicts of strings so templates only format. Paragraph numbers are
assigned here, in reading order, as in the house format (one sequence through the
body of the paper; appendix paragraphs are not numbered).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Block = dict[str, Any]


@dataclass
class Numbering:
    """Hands out paragraph numbers in reading order."""

    next: int = 1
    enabled: bool = True

    def take(self) -> str:
        if not self.enabled:
            return ""
        n = self.next
        self.next += 1
        return str(n)


@dataclass
class SectionBuilder:
    """Collects the blocks of one section; ``numbering`` is shared across sections."""

    id: str
    title: str
    numbering: Numbering
    blocks: list[Block] = field(default_factory=list)

    def para(self, text: str) -> str:
        """Add a numbered paragraph; return its number (for cross-references)."""
        number = self.numbering.take()
        self.blocks.append({"kind": "para", "number": number, "text": text})
        return number

    def bullets(self, items: Sequence[str]) -> None:
        if items:
            self.blocks.append({"kind": "bullets", "items": list(items)})

    def table(self, table: Block) -> None:
        """Add a table, split into parts when it is too wide for a landscape page."""
        for part in split_columns(table):
            self.blocks.append({"kind": "table", "table": part})

    def chart(self, chart: Block) -> None:
        """Add a chart; its data table goes with it unless the chart's ``table`` is None,
        when its ``data_note`` says where the data are."""
        self.blocks.append({"kind": "chart", "chart": {"data_note": "", **chart}})

    @property
    def numbers(self) -> list[str]:
        return [b["number"] for b in self.blocks if b["kind"] == "para" and b["number"]]

    def build(self) -> Block | None:
        """The section as a dict, or None when it has no content (left out)."""
        if not self.blocks:
            return None
        nums = self.numbers
        ref = None if not nums else {"first": nums[0], "last": nums[-1],
                                     "joiner": "and" if len(nums) == 2 else "to"}
        return {"id": self.id, "title": self.title, "blocks": self.blocks, "span": ref}


WIDE = 8
"""A table of more columns than this is wide: it goes on a landscape page in the PDF and
in a landscape section in Word (portrait A4 holds about eight columns legibly)."""
MAX_COLUMNS = 13
"""A landscape A4 page holds the first column and this many more legibly; a wider table
is split into parts of at most this many columns, each repeating the first column."""


def table(table_id: str, caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
          numeric: Sequence[bool] | None = None, levels: Sequence[int] | None = None,
          row_header: bool = True) -> Block:
    """A table block. ``numeric[j]`` right-aligns column j; ``levels[i]`` indents row i
    (criteria tree depth); ``row_header`` marks the first column as row headers.
    ``wide`` marks a table of more than :data:`WIDE` columns."""
    n_cols = len(headers)
    if any(len(r) != n_cols for r in rows):
        raise ValueError(f"table {table_id}: every row needs {n_cols} cells")
    num = list(numeric) if numeric is not None else [False] * n_cols
    lev = list(levels) if levels is not None else [0] * len(rows)
    return {"id": table_id, "caption": caption, "headers": list(headers),
            "numeric": num, "row_header": row_header, "wide": n_cols > WIDE,
            "widths": column_shares(headers, rows, num),
            "rows": [{"cells": list(r), "level": lev[i], "indent": "\u2003" * lev[i]}
                     for i, r in enumerate(rows)]}


def column_shares(headers: Sequence[str], rows: Sequence[Sequence[str]],
                  numeric: Sequence[bool]) -> list[str]:
    """Each column's share of the table's width, as percentages ("12.5%"), so that every
    renderer lays the table out the same way without measuring its text (a fixed table
    layout, much faster to typeset): a numeric column gets room for its longest entry
    (at least a short word), a text column room in proportion to its longest word and
    its typical length, and the first column at least a fifth."""
    n = len(headers)
    need = []
    for j in range(n):
        cells = [str(r[j]) for r in rows]
        longest_word = max((len(w) for c in [*cells, headers[j]] for w in c.split()),
                           default=4)
        if numeric[j]:
            need.append(max(longest_word + 1, max((len(c) for c in cells), default=1), 5)
                        + 1.5)
        else:
            typical = sorted(len(c) for c in cells)[len(cells) // 2] if cells else 4
            # a word needs a character more than its letters: Word's cell margins are wider
            # than the browser's, and a bold heading is wider than its text
            need.append(max(longest_word + 1, min(typical, 90) / 2.5) + 2)
    total = sum(need) or 1.0
    share = [x / total for x in need]
    if n > 1 and not numeric[0] and share[0] < 0.2:
        rest = sum(share[1:])
        share = [0.2] + [x * 0.8 / rest for x in share[1:]]
    return [f"{100 * x:.2f}%" for x in share]


def split_columns(t: Block, limit: int = MAX_COLUMNS) -> list[Block]:
    """``t`` as parts of at most ``limit`` columns after the first, which every part
    repeats (so each part reads on its own); one part when it fits. Captions say which
    part is which and ids stay unique."""
    n = len(t["headers"]) - 1
    if n <= limit:
        return [t]
    parts = -(-n // limit)
    size = -(-n // parts)  # balanced parts
    out = []
    for k in range(parts):
        cols = [0, *range(1 + k * size, min(1 + (k + 1) * size, n + 1))]
        out.append({**t, "id": f"{t['id']}-{k + 1}",
                    "caption": f"{t['caption']} (part {k + 1} of {parts})",
                    "headers": [t["headers"][j] for j in cols],
                    "numeric": [t["numeric"][j] for j in cols],
                    "widths": column_shares([t["headers"][j] for j in cols],
                                            [[r["cells"][j] for j in cols] for r in t["rows"]],
                                            [t["numeric"][j] for j in cols]),
                    "rows": [{**r, "cells": [r["cells"][j] for j in cols]} for r in t["rows"]]})
    return out
