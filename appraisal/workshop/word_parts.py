"""A Word paper's parts, read without trusting the file: the zip's directory is checked
before anything is unpacked (its size, the number of parts, each part's and the total
unpacked size), every part is read with a bound however large its entry says it is, and
XML is parsed by expat with a DOCTYPE (and so any entity) refused, so nothing grows
beyond the limits below and nothing outside the file is ever read.

What verify needs of a part: the run record (the document variable in
``word/settings.xml``, :func:`record_variable`) and the text of its paragraphs, in
document order (:func:`paragraphs`), headers, footers, notes, comments and text boxes
alike.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

from ..errors import UsageError
from .run_record import printable

MAX_PARTS = 1_000
"""The most parts a Word paper may hold (the tool writes about 30)."""
MAX_DIRECTORY = 1024 * 1024
"""The largest zip directory read (bytes): about 10,000 entries."""
MAX_PART = 64 * 1024 * 1024
"""The largest part unpacked (bytes)."""
MAX_UNPACKED = 256 * 1024 * 1024
"""The most bytes all parts together may unpack to."""
SETTINGS = "word/settings.xml"
"""The part holding the document variables."""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
_TEXT = frozenset({_W + "t", "http://schemas.openxmlformats.org/drawingml/2006/main t"})
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError,
            RuntimeError, EOFError, OSError, ValueError)
"""What :mod:`zipfile` raises for a damaged, encrypted or unsupported archive."""


class _Doctype(Exception):
    """A part declares a DOCTYPE (raised from inside expat, turned into a UsageError)."""


def read_parts(data: bytes, shown: str) -> dict[str, bytes]:
    """Every part of the Word file ``data`` (shown as ``shown``) by name, unpacked.
    UsageError when it is no zip, its directory is too large, it holds more than
    :data:`MAX_PARTS` parts or a name twice, or a part would unpack beyond
    :data:`MAX_PART` (the total beyond :data:`MAX_UNPACKED`), by its directory or in
    fact."""
    _check_directory(data, shown)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise UsageError(f"'{shown}' holds {len(infos):,} parts; a Word paper has "
                                 f"at most {MAX_PARTS:,}")
            declared = sum(i.file_size for i in infos)
            big = next((i for i in infos if i.file_size > MAX_PART), None)
            if big is not None or declared > MAX_UNPACKED:
                raise _too_large(shown)
            parts: dict[str, bytes] = {}
            for info in infos:
                if info.filename in parts:
                    raise UsageError(f"'{shown}' holds two parts of one name: it is not a "
                                     "Word paper as the tool writes it")
                with z.open(info) as f:
                    body = f.read(MAX_PART + 1)
                if len(body) > MAX_PART or len(body) != info.file_size:
                    raise _too_large(shown)
                parts[info.filename] = body
    except _DAMAGED:
        raise UsageError(f"'{shown}' is not a Word paper (not a .docx, or damaged)") from None
    return parts


def part_name(name: str) -> str:
    """A part's name as a message shows it (the name comes from the file)."""
    return printable(name, 80)


def _too_large(shown: str) -> UsageError:
    return UsageError(f"'{shown}' unpacks to more than any Word paper the tool writes (at "
                      f"most {MAX_PART // 2**20} MiB a part, {MAX_UNPACKED // 2**20} MiB "
                      "in all)")


def _check_directory(data: bytes, shown: str) -> None:
    """Refuse a zip whose directory (found as :mod:`zipfile` finds it: the end record
    in the last 22 bytes, else the last one in the final 64 KiB) is larger than
    :data:`MAX_DIRECTORY`, or that uses the Zip64 extensions, before :mod:`zipfile`
    reads every entry of it into memory."""
    tail = len(data) - 22
    at = tail if tail >= 0 and data[tail:tail + 4] == b"PK\x05\x06" else data.rfind(
        b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        raise UsageError(f"'{shown}' is not a Word paper (not a .docx, or damaged)")
    size = int.from_bytes(data[at + 12:at + 16], "little")
    if size > MAX_DIRECTORY or (at >= 20 and data[at - 20:at - 16] == b"PK\x06\x07"):
        raise UsageError(f"'{shown}' has a larger zip directory than any Word paper the "
                         "tool writes")


def record_variable(settings: bytes, name: str, shown: str) -> str | None:
    """The value of the document variable ``name`` in the settings part (the first
    one, None when there is none)."""
    found: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == _W + "docVar" and attrs.get(_W + "name") == name and not found:
            found.append(attrs.get(_W + "val", ""))

    _parse(settings, SETTINGS, shown, start=start)
    return found[0] if found else None


def paragraphs(part: bytes, name: str, shown: str, most: int) -> list[str]:
    """The text of each paragraph of the XML part ``name``, in the order they end (a
    text box's paragraphs before the paragraph holding the box), at most ``most`` of
    them then one line counting the rest; empty for a part of no paragraphs."""
    out: list[str] = []
    more = [0]
    stack: list[list[str]] = []
    inside = [0]

    def start(tag: str, _: dict[str, str]) -> None:
        if tag == _W + "p":
            stack.append([])
        elif tag in _TEXT:
            inside[0] += 1

    def end(tag: str) -> None:
        if tag == _W + "p" and stack:
            line = "".join(stack.pop())
            if len(out) < most:
                out.append(line)
            else:
                more[0] += 1
        elif tag in _TEXT:
            inside[0] -= 1

    def text(data: str) -> None:
        if inside[0] and stack:
            stack[-1].append(data)

    _parse(part, name, shown, start=start, end=end, text=text)
    return out + ([f"({more[0]:,} more paragraph{'s' if more[0] != 1 else ''}, not "
                   "compared)"] if more[0] else [])


def _parse(data: bytes, name: str, shown: str, *, start: Callable[[str, Any], None],
           end: Callable[[str], None] | None = None,
           text: Callable[[str], None] | None = None) -> None:
    """Parse one XML part with expat (names as ``namespace local``), calling the
    handlers; UsageError when it is not well-formed XML or declares a DOCTYPE."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse(*_: Any) -> None:
        raise _Doctype

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except _Doctype:
        raise UsageError(f"'{shown}': its part {part_name(name)} declares a DOCTYPE, which no Word "
                         "paper has; it is not read") from None
    except expat.ExpatError as exc:
        raise UsageError(f"'{shown}': its part {part_name(name)} is not well-formed XML "
                         f"({expat.ErrorString(exc.code)})") from None
