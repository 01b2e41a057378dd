"""Building the paper's sections: a :class:`SectionBuilder` collects typed blocks
(:mod:`.paper`) in reading order and hands out paragraph numbers, as in the house format
(one sequence through the body of the paper; appendix paragraphs are not numbered);
:func:`table` lays a table out once for every renderer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .paper import (
    WIDE,
    Block,
    BulletList,
    Chart,
    Figure,
    Paragraph,
    Row,
    Section,
    Span,
    Table,
    TableBlock,
)

__all__ = ["MAX_COLUMNS", "WIDE", "Numbering", "SectionBuilder", "column_shares",
           "split_columns", "table"]


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
        self.blocks.append(Paragraph(number=number, text=text))
        return number

    def bullets(self, items: Sequence[str]) -> None:
        if items:
            self.blocks.append(BulletList(items=tuple(items)))

    def table(self, table: Table) -> None:
        """Add a table, split into parts when it is too wide for a landscape page."""
        for part in split_columns(table):
            self.blocks.append(TableBlock(table=part))

    def chart(self, chart: Chart) -> None:
        """Add a chart; its data table goes with it unless the chart's ``table`` is None,
        when its ``data_note`` says where the data are."""
        self.blocks.append(Figure(chart=chart))

    @property
    def numbers(self) -> list[str]:
        return [b.number for b in self.blocks if isinstance(b, Paragraph) and b.number]

    def build(self) -> Section | None:
        """The section, or None when it has no content (left out)."""
        if not self.blocks:
            return None
        nums = self.numbers
        span = None if not nums else Span(first=nums[0], last=nums[-1],
                                          joiner="and" if len(nums) == 2 else "to")
        return Section(id=self.id, title=self.title, blocks=tuple(self.blocks), span=span)


MAX_COLUMNS = 13
"""A landscape A4 page holds the first column and this many more legibly; a wider table
is split into parts of at most this many columns, each repeating the first column."""


def table(table_id: str, caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
          numeric: Sequence[bool] | None = None, levels: Sequence[int] | None = None,
          row_header: bool = True) -> Table:
    """A table. ``numeric[j]`` right-aligns column j; ``levels[i]`` indents row i
    (criteria tree depth); ``row_header`` marks the first column as row headers. A
    table of more than :data:`~.paper.WIDE` columns is wide."""
    n_cols = len(headers)
    if any(len(r) != n_cols for r in rows):
        raise ValueError(f"table {table_id}: every row needs {n_cols} cells")
    num = tuple(numeric) if numeric is not None else (False,) * n_cols
    lev = list(levels) if levels is not None else [0] * len(rows)
    return Table(id=table_id, caption=caption, headers=tuple(headers), numeric=num,
                 row_header=row_header, wide=n_cols > WIDE,
                 widths=column_shares(headers, rows, num),
                 rows=tuple(Row(cells=tuple(r), level=lev[i]) for i, r in enumerate(rows)))


def column_shares(headers: Sequence[str], rows: Sequence[Sequence[str]],
                  numeric: Sequence[bool]) -> tuple[str, ...]:
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
    return tuple(f"{100 * x:.2f}%" for x in share)


def split_columns(t: Table, limit: int = MAX_COLUMNS) -> list[Table]:
    """``t`` as parts of at most ``limit`` columns after the first, which every part
    repeats (so each part reads on its own); one part when it fits. Captions say which
    part is which and ids stay unique."""
    n = len(t.headers) - 1
    if n <= limit:
        return [t]
    parts = -(-n // limit)
    size = -(-n // parts)  # balanced parts
    out = []
    for k in range(parts):
        cols = [0, *range(1 + k * size, min(1 + (k + 1) * size, n + 1))]
        headers = tuple(t.headers[j] for j in cols)
        numeric = tuple(t.numeric[j] for j in cols)
        rows = tuple(replace(r, cells=tuple(r.cells[j] for j in cols)) for r in t.rows)
        out.append(replace(t, id=f"{t.id}-{k + 1}",
                           caption=f"{t.caption} (part {k + 1} of {parts})",
                           headers=headers, numeric=numeric,
                           widths=column_shares(headers, [r.cells for r in rows], numeric),
                           rows=rows))
    return out
