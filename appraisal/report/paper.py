"""The paper as typed data, shared by the HTML, Markdown and Word renderers: blocks
(:class:`Paragraph`, :class:`BulletList`, :class:`TableBlock`, :class:`Figure`) inside
:class:`Section` s, the :class:`Recommendation`, and the whole :class:`Paper`.

Every text is already worded and every number already formatted: renderers only lay
them out. Each block names its ``kind`` ("para", "bullets", "table", "chart"), the name
templates switch on. :func:`plain` turns any of them into the plain data (dicts, lists,
strings) a user template receives in the sandbox, in the shape the bundled templates
read by attribute (``b.kind``, ``t.rows``, ``row.indent``...).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

WIDE = 8
"""A table of more columns than this is wide: it goes on a landscape page in the PDF and
in a landscape section in Word (portrait A4 holds about eight columns legibly)."""


@dataclass(frozen=True, kw_only=True)
class Span:
    """The numbered paragraphs of a section: "15" to "18" ("and" between two)."""

    first: str
    last: str
    joiner: str


@dataclass(frozen=True, kw_only=True)
class Row:
    """A table row: its cells and its depth in the criteria tree (``level``)."""

    PLAIN: ClassVar[tuple[str, ...]] = ("indent",)

    cells: tuple[str, ...]
    level: int = 0

    @property
    def indent(self) -> str:
        """The row header's indent: an em space per level."""
        return "\u2003" * self.level


@dataclass(frozen=True, kw_only=True)
class Table:
    """A table: ``numeric[j]`` right-aligns column j; ``row_header`` marks the first
    column as row headers; ``wide`` puts it on a landscape page (more than :data:`WIDE`
    columns, or a part of such a table); ``widths`` are each column's share of the width
    ("12.50%")."""

    id: str
    caption: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    row_header: bool = True
    wide: bool = False
    widths: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Chart:
    """A chart: ``svg`` drawn by :mod:`.charts`, ``desc`` its alternative text, and its
    data either as ``table`` (shown beside it) or, when that is None, where ``data_note``
    says they are."""

    id: str
    title: str
    desc: str
    svg: str
    width: str
    height: str
    table: Table | None = None
    data_note: str = ""


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    """A paragraph; ``number`` is "" for an unnumbered one (appendices)."""

    kind: ClassVar[str] = "para"

    number: str
    text: str


@dataclass(frozen=True, kw_only=True)
class BulletList:
    """A list of items."""

    kind: ClassVar[str] = "bullets"

    items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class TableBlock:
    """A table standing on its own."""

    kind: ClassVar[str] = "table"

    table: Table


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A chart with its data."""

    kind: ClassVar[str] = "chart"

    chart: Chart


Block = Paragraph | BulletList | TableBlock | Figure


@dataclass(frozen=True, kw_only=True)
class Section:
    """A section of the body, or an appendix (``label``: "Appendix 2"); ``span`` its
    numbered paragraphs (None when it has none)."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    span: Span | None = None
    label: str = ""

    def texts(self) -> list[str]:
        """Every text of the section's blocks (paragraphs, list items, table cells and
        captions, chart titles, descriptions and notes), for the glossary."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                out.append(b.text)
            elif isinstance(b, BulletList):
                out.extend(b.items)
            elif isinstance(b, TableBlock):
                t = b.table
                out += [t.caption, *t.headers, *(c for r in t.rows for c in r.cells)]
            else:
                c = b.chart
                out += [c.title, c.desc, c.data_note]
        return out


@dataclass(frozen=True, kw_only=True)
class Item:
    """One lettered item of the recommendation: ``text`` rests on the paragraphs
    ``refs`` (None: on none); ``end`` is its closing punctuation ("; and", "."), and
    ``full`` the whole item as one line of text."""

    letter: str
    text: str
    refs: Span | None
    end: str
    full: str


@dataclass(frozen=True, kw_only=True)
class Recommendation:
    """The recommendation: paragraph ``number``, its ``intro`` and its items."""

    number: str
    intro: str
    items: tuple[Item, ...]


@dataclass(frozen=True, kw_only=True)
class Contact:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class Contacts:
    """The council's contact points (``general``) and this report's (``specific``)."""

    general: tuple[Contact, ...] = ()
    specific: tuple[Contact, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Paper:
    """The whole paper in the house format of a cabinet report (see
    :func:`appraisal.report.context.build_context`). ``whatif`` is the what-if panel's
    data (plain JSON for its script; None without a panel, then ``whatif_note`` says
    why), placed after the section ``whatif_after``; ``footer`` the reproducibility
    table; ``running_footer`` what every page's footer carries beside its number;
    ``run_record`` what ``appraisal verify`` reads back."""

    title: str
    committee: str
    date: str
    relevant_cabinet_member: str
    relevant_officer: str
    notice: str
    recommendation: Recommendation
    sections: tuple[Section, ...]
    whatif_after: str
    whatif: dict[str, Any] | None
    whatif_note: str
    supporting: tuple[str, ...]
    contacts: Contacts
    background_papers: tuple[str, ...]
    background_papers_intro: str
    appendices: tuple[Section, ...]
    footer: tuple[tuple[str, str], ...]
    running_footer: str
    left_out: tuple[str, ...] = ()
    generated: str = ""
    run_record: str = ""
    version: str = ""

    def template_fields(self) -> dict[str, Any]:
        """The paper's fields by name, as a template receives them (values unchanged)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def plain(value: Any) -> Any:
    """``value`` (any of this module's types, nested in tuples, lists and dicts) as plain
    data: a dataclass as a dict of its fields, with ``kind`` for a block and the derived
    names a template reads (``Table.wide``, ``Row.indent``); tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        kind = getattr(type(value), "kind", None)
        if isinstance(kind, str):
            out["kind"] = kind
        for f in dataclasses.fields(value):
            out[f.name] = plain(getattr(value, f.name))
        for name in getattr(type(value), "PLAIN", ()):
            out[name] = plain(getattr(value, name))
        return out
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
