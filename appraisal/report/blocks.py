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
        self.blocks.append({"kind": "table", "table": table})

    def chart(self, chart: Block) -> None:
        self.blocks.append({"kind": "chart", "chart": chart})

    @property
    def numbers(self) -> list[str]:
        return [b["number"] for b in self.blocks if b["kind"] == "para" and b["number"]]

    def build(self) -> Block | None:
        """The section as a dict, or None when it has no content (left out)."""
        if not self.blocks:
            return None
        nums = self.numbers
        if not nums:
            span = ""
        elif len(nums) == 1:
            span = nums[0]
        else:
            span = f"{nums[0]} {'and' if len(nums) == 2 else 'to'} {nums[-1]}"
        return {"id": self.id, "title": self.title, "blocks": self.blocks, "paras": span}


def table(table_id: str, caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
          numeric: Sequence[bool] | None = None, levels: Sequence[int] | None = None,
          row_header: bool = True) -> Block:
    """A table block. ``numeric[j]`` right-aligns column j; ``levels[i]`` indents row i
    (criteria tree depth); ``row_header`` marks the first column as row headers."""
    n_cols = len(headers)
    if any(len(r) != n_cols for r in rows):
        raise ValueError(f"table {table_id}: every row needs {n_cols} cells")
    num = list(numeric) if numeric is not None else [False] * n_cols
    lev = list(levels) if levels is not None else [0] * len(rows)
    return {"id": table_id, "caption": caption, "headers": list(headers),
            "numeric": num, "row_header": row_header,
            "rows": [{"cells": list(r), "level": lev[i], "indent": "\u2003" * lev[i]}
                     for i, r in enumerate(rows)]}
