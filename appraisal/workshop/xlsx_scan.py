"""Every XML part of a workbook read once, streaming, before openpyxl parses any: the
bounds that keep reading a workbook small and quick, checked before a cell is read.

Each part that is XML is parsed with expat in chunks (:func:`parse_xml`), so no part is
ever held as a tree. Refused: a part that is not well-formed XML; a document type
declaration (``<!DOCTYPE``: its entities could expand without end); more than
:data:`MAX_ELEMENTS` elements in all; a chart sheet. Each worksheet is checked as
openpyxl would place its cells: its declared ``<dimension>`` and every row and cell
within :data:`MAX_ROWS` rows and :data:`MAX_AREA` cells counted from A1 (rows x
columns), rows and the cells of a row in order, each once, and the workbook holds at
most :data:`MAX_CELLS` cells. A worksheet's merged ranges are kept (:attr:`Scan.merged`,
by sheet name), since the streaming read of the cells does not report them.
"""

from __future__ import annotations

import posixpath
import re
import xml.parsers.expat as expat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import IO

from ..errors import Diagnostic, InputError
from ..input.files import printable
from .xlsx_package import Package

MAX_ROWS = 100_000
"""The last row a sheet may use."""
MAX_AREA = 4_000_000
"""The most cells a sheet may span from A1 (its last row times its last column)."""
MAX_CELLS = 1_000_000
"""The most cells a workbook may hold, all sheets together."""
MAX_ELEMENTS = 4_000_000
"""The most XML elements all the parts may hold together."""
MAX_COLUMN = 16_384
"""Column XFD, a spreadsheet's last."""
_CHUNK = 1 << 16
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,9})")
_DOCUMENT = "/officeDocument"
StartHandler = Callable[[str, dict[str, str]], None]


class Refused(Exception):
    """A part refused while it is parsed: ``problem`` says where and why."""

    def __init__(self, problem: Diagnostic) -> None:
        super().__init__(str(problem))
        self.problem = problem


def parse_xml(chunks: Iterable[bytes], start: StartHandler,
              problem: Callable[[str, str], Refused], budget: list[int],
              text: Callable[[str], None] | None = None) -> None:
    """Parse the XML arriving in ``chunks``, calling ``start(local name, attributes)``
    for each element (names without their namespace; a namespaced attribute as ``uri
    name``) and ``text`` with its character data. Raises what ``problem(expected,
    found)`` makes for a DOCTYPE, XML that is not well-formed, or more elements than
    ``budget[0]`` (which is spent). Nothing is kept but what the handlers keep."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def doctype(*_: object) -> None:
        raise problem("XML without a document type declaration", "a <!DOCTYPE")

    def element(name: str, attrs: dict[str, str]) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise problem(f"at most {MAX_ELEMENTS:,} XML elements in all the parts", "more")
        start(name.rpartition(" ")[2], attrs)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = element
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise problem("well-formed XML", f"{expat.errors.messages[exc.code]} at line "
                      f"{exc.lineno}, column {exc.offset + 1}") from None


def chunks_of(stream: IO[bytes]) -> Iterator[bytes]:
    """The bytes of ``stream`` in pieces of 64 KiB."""
    while chunk := stream.read(_CHUNK):
        yield chunk


def column_number(letters: str) -> int:
    """A column's number from its letters (A is 1, XFD 16,384)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


@dataclass
class _Worksheet:
    """Where one worksheet's scan is (the row, whether a cell of it was seen, the last
    column), and its merged ranges."""

    name: str
    row: int = 0
    row_seen: bool = True
    column: int = 0
    merged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scan:
    """What the scan keeps: each worksheet's merged ranges, by sheet name."""

    merged: dict[str, tuple[str, ...]]


class _Scanner:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.budget = [MAX_ELEMENTS]
        self.cells = MAX_CELLS
        with package.zip() as z:
            self.listing = [i.filename for i in z.infolist() if not i.is_dir()]
        self.names: dict[str, str] = {}  # worksheet part -> sheet name
        self.related: set[str] = set()  # parts openpyxl finds by a relationship
        self.current: _Worksheet | None = None

    def problem(self, where: str, expected: str, found: str) -> Refused:
        return Refused(Diagnostic(self.package.shown, 0, 0, where, expected, found))

    def part(self, name: str, start: StartHandler) -> None:
        with self.package.zip() as z, z.open(name) as stream:
            parse_xml(chunks_of(stream), start,
                      partial(self.problem, printable(name[:80])), self.budget)

    def relations(self, name: str) -> dict[str, str]:
        """The relationships of part ``name`` (``""``: the package's): id -> target part;
        the root's officeDocument (the workbook) as ``"book"``."""
        base = posixpath.dirname(name)
        rels = posixpath.join(base, "_rels", posixpath.basename(name) + ".rels")
        found: dict[str, str] = {}

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "Relationship" and "Id" in attrs:
                target = attrs.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(base, target))
                found[attrs["Id"]] = path
                if attrs.get("Type", "").endswith(_DOCUMENT):
                    found["book"] = path

        if rels in self.listing:
            self.part(rels, start)
        self.related.update(found.values())
        return found

    def sheet_names(self) -> None:
        """Which part is which sheet, as openpyxl finds them (best effort: a part not
        found is named by its path)."""
        book = self.relations("").get("book")
        if book not in self.listing:
            return
        sheets: list[tuple[str, str]] = []

        def start(tag: str, attrs: dict[str, str]) -> None:
            rid = next((v for k, v in attrs.items() if k.endswith(" id")), None)
            if tag == "sheet" and rid is not None:
                sheets.append((attrs.get("name", ""), rid))

        self.part(book, start)
        targets = self.relations(book)
        for name, rid in sheets:
            if rid in targets:
                self.names[targets[rid]] = printable(name[:40])

    def scan(self) -> Scan:
        self.sheet_names()
        merged: dict[str, tuple[str, ...]] = {}
        for name in self.listing:
            if not name.lower().endswith((".xml", ".rels")) and name not in self.related:
                continue  # an image, say: openpyxl's streaming read never parses it
            self.current = None
            self.part(name, partial(self.element, name))
            if self.current is not None:
                self.end_row(self.current)
                merged[self.current.name] = tuple(self.current.merged)
        return Scan(merged)

    def element(self, part: str, tag: str, attrs: dict[str, str]) -> None:
        sheet = self.current
        if sheet is None:
            if tag == "chartsheet":
                raise self.problem(self.names.get(part, printable(part[:80])),
                                   "only the sheets export-xlsx wrote", "a chart sheet")
            if tag == "worksheet":
                self.current = _Worksheet(self.names.get(part, printable(part[:80])))
            return
        if tag == "row":
            self.row(sheet, attrs.get("r"))
        elif tag == "c":
            self.cell(sheet, attrs.get("r"))
        elif tag == "dimension":
            self.size(sheet, attrs.get("ref", ""))
        elif tag == "mergeCell":
            sheet.merged.append(printable(attrs.get("ref", "")[:40]))

    def end_row(self, sheet: _Worksheet) -> None:
        """Check the row just ended when none of its cells was (a row's number alone
        makes a streaming reader step through every row before it)."""
        if not sheet.row_seen and sheet.row > MAX_ROWS:
            raise self.problem(f"{sheet.name}!{sheet.row}:{sheet.row}", self.limits(),
                               f"row {sheet.row:,} in use")

    def row(self, sheet: _Worksheet, r: str | None) -> None:
        """A new row: ``r`` its number (None when not given, then the next)."""
        self.end_row(sheet)
        number = sheet.row + 1
        if r is not None:
            try:
                value = float(r)
                number = int(value) if value.is_integer() and value < 2**31 else -1
            except ValueError:
                number = -1
            if number <= sheet.row:
                raise self.problem(f"{sheet.name}!{sheet.row + 1}:{sheet.row + 1}",
                                   "rows in order, each once (as a spreadsheet writes them)",
                                   f"a row numbered '{printable(r[:20])}' next")
        sheet.row, sheet.row_seen, sheet.column = number, False, 0

    def cell(self, sheet: _Worksheet, r: str | None) -> None:
        self.cells -= 1
        if self.cells < 0:
            raise self.problem("", f"a workbook of at most {MAX_CELLS:,} cells", "more")
        row, column = sheet.row, sheet.column + 1
        if r is not None:
            m = _CELL.fullmatch(r)
            if m is None:
                raise self.problem(sheet.name, "cell references such as D7",
                                   f"'{printable(r[:20])}'")
            row, column = int(m[2]), column_number(m[1])
            if row != sheet.row or column <= sheet.column:
                raise self.problem(f"{sheet.name}!{printable(r)}", "the cells of a row in "
                                   "order, each once, in their own row (as a spreadsheet "
                                   "writes them)", "a cell out of order")
        if not _within(row, column):
            at = f"{_letters(column)}{row}" if column <= MAX_COLUMN else f"column {column:,}"
            raise self.problem(f"{sheet.name}!{at}", self.limits(), f"a cell at {at}")
        sheet.column, sheet.row_seen = column, True

    def size(self, sheet: _Worksheet, ref: str) -> None:
        """The sheet's declared ``<dimension>``, checked as its cells are."""
        corners = [_CELL.fullmatch(c) for c in ref.split(":")] if len(ref) < 40 else [None]
        if not 1 <= len(corners) <= 2 or any(c is None for c in corners):
            raise self.problem(sheet.name, "a size such as A1:H20",
                               f"a declared size of '{printable(ref[:20])}'")
        row = max(int(c[2]) for c in corners if c is not None)
        column = max(column_number(c[1]) for c in corners if c is not None)
        if not _within(row, column):
            raise self.problem(sheet.name, self.limits(), f"a declared size of "
                               f"{printable(ref)} ({row * column:,} cells)")

    @staticmethod
    def limits() -> str:
        return (f"a sheet within {MAX_ROWS:,} rows and {MAX_AREA:,} cells from A1 "
                "(rows x columns)")


def _within(row: int, column: int) -> bool:
    return row <= MAX_ROWS and column <= MAX_COLUMN and row * column <= MAX_AREA


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def scan(package: Package) -> Scan:
    """Check every XML part of ``package`` (see the module); raises :class:`InputError`
    naming the file, and the sheet and cell or the part, of the first problem."""
    try:
        return _Scanner(package).scan()
    except Refused as exc:
        raise InputError([exc.problem]) from None
