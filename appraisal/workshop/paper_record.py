"""The run record a paper or a JSON output carries (``appraisal verify`` reads it):
in the HTML paper a ``<meta name="appraisal-run">``, in the Markdown paper a closing
``<!-- appraisal-run ... -->`` comment, in the Word paper the document variable
``appraisal-run``; a JSON output is its own record (tool, input digest, criteria set,
scenario, seed...).

What a file holds is decided explicitly, once: its :class:`OutputFormat` by its name,
and for a JSON output the command that wrote it (:class:`JsonOutput`) by
:func:`json_output`.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..input.files import label

_HTML = re.compile(r'<meta name="appraisal-run" content="([^"]*)">')
_MD = re.compile(r"<!-- appraisal-run (\{.*?\}) -->")
_DOCVAR = re.compile(rb'<w:docVar w:name="appraisal-run" w:val="([^"]*)"')
MAX_PAPER = 64 * 2**20
"""The largest file read: larger than any paper the tool writes."""


class OutputFormat(Enum):
    """The formats verify reads: the HTML, Markdown and Word papers of ``appraisal
    report``, and the JSON outputs of ``--format json``."""

    HTML = "html"
    MARKDOWN = "md"
    WORD = "docx"
    JSON = "json"


_SUFFIXES = {".html": OutputFormat.HTML, ".htm": OutputFormat.HTML,
             ".md": OutputFormat.MARKDOWN, ".docx": OutputFormat.WORD,
             ".json": OutputFormat.JSON}


class JsonOutput(Enum):
    """The commands whose JSON output verify can recompute."""

    VALUE = "value"
    RANK = "rank"
    SENSITIVITY = "sensitivity"


_SIGNATURES: tuple[tuple[JsonOutput, frozenset[str]], ...] = (
    (JsonOutput.VALUE, frozenset({"value_for_money"})),
    (JsonOutput.RANK, frozenset({"ranking", "weights_note"})),
    (JsonOutput.SENSITIVITY, frozenset({"definitions", "exact"})),
)
"""Each command's JSON output by the top-level fields its exporter always writes and no
other output verify reads has (the outputs name no command), tried in this order."""


@dataclass(frozen=True)
class RecordedOutput:
    """A paper or a JSON output as read: where it is, its format, the run record it
    carries (for JSON, the whole output) and the file's bytes."""

    path: Path
    format: OutputFormat
    record: dict[str, Any]
    data: bytes


def format_of(path: Path) -> OutputFormat:
    """The file's format by its name; UsageError for any other name."""
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise UsageError(f"'{label(path)}': expected an HTML, Markdown or Word paper, or a "
                         "JSON output (.html, .md, .docx, .json)")
    return found


def json_output(record: dict[str, Any]) -> JsonOutput:
    """The command whose JSON output ``record`` is (see :data:`_SIGNATURES`);
    UsageError when it is none of them."""
    for output, fields in _SIGNATURES:
        if record.keys() >= fields:
            return output
    raise UsageError("this JSON is not an output verify knows (rank, sensitivity or value "
                     "--format json)")


def read_output(path: Path) -> RecordedOutput:
    """The paper or JSON output at ``path`` with the run it records. UsageError when
    there is no such file, it is too large, its name is not one of the formats, it is
    not what its name says, or it records no run (or a damaged one)."""
    if not path.is_file():
        raise UsageError(f"no paper at '{label(path)}'")
    if path.stat().st_size > MAX_PAPER:
        raise UsageError(f"'{label(path)}' is larger than any paper the tool writes")
    fmt = format_of(path)
    data = path.read_bytes()
    raw: str | None = None
    if fmt is OutputFormat.HTML:
        found = _HTML.search(data.decode("utf-8", "replace"))
        raw = html.unescape(found.group(1)) if found else None
    elif fmt is OutputFormat.MARKDOWN:
        found = _MD.search(data.decode("utf-8", "replace"))
        raw = found.group(1) if found else None
    elif fmt is OutputFormat.WORD:
        try:
            with zipfile.ZipFile(path) as z:
                settings = z.read("word/settings.xml")
        except (zipfile.BadZipFile, KeyError):
            raise UsageError(f"'{label(path)}' is not a Word paper") from None
        hit = _DOCVAR.search(settings)
        raw = html.unescape(hit.group(1).decode("utf-8")) if hit else None
    else:
        try:
            raw_json = json.loads(data)
        except ValueError:
            raise UsageError(f"'{label(path)}' is not JSON") from None
        if not isinstance(raw_json, dict):
            raise UsageError(f"'{label(path)}' is not a JSON output of the tool")
        return RecordedOutput(path, fmt, raw_json, data)
    if raw is None:
        raise UsageError(f"'{label(path)}' records no run: it was not written by "
                         "appraisal report (or by a version before verify)")
    try:
        record = json.loads(raw)
    except ValueError:
        record = None
    if not isinstance(record, dict):
        raise UsageError(f"'{label(path)}': its run record is damaged")
    return RecordedOutput(path, fmt, record, data)
