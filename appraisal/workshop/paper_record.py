"""The run record a paper or a JSON output carries (``appraisal verify`` reads it):
in the HTML paper a ``<meta name="appraisal-run">``, in the Markdown paper a closing
``<!-- appraisal-run ... -->`` comment, in the Word paper the document variable
``appraisal-run``; a JSON output is its own record (tool, input digest, criteria set,
scenario, seed...).

Nothing read is trusted: the file is read up to :data:`MAX_PAPER` bytes, the record is
found by plain searches (no pattern that backtracks over the file's text), a paper
holding two records is refused, the Word paper's parts are unpacked within limits
(:mod:`.word_parts`), and every field of the record is checked
(:mod:`.run_record`); each failure is a UsageError that names what was expected.

What a file holds is decided explicitly, once: its :class:`OutputFormat` by its name,
and for a JSON output the command that wrote it (:class:`JsonOutput`) by
:func:`json_output`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..input.files import kind_of, label
from ..report.docx import RECORD_VARIABLE
from ..writing import reading
from .run_record import JsonOutput, RunRecord, json_output, json_run, paper_run
from .word_parts import SETTINGS, read_parts, record_variable

__all__ = ["MAX_PAPER", "JsonOutput", "OutputFormat", "RecordedOutput", "format_of",
           "json_output", "read_output"]

MAX_PAPER = 64 * 2**20
"""The largest file read: larger than any paper the tool writes."""
_HTML = '<meta name="appraisal-run" content="'
_MARKDOWN = "<!-- appraisal-run "
_END = " -->"


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


@dataclass(frozen=True)
class RecordedOutput:
    """A paper or a JSON output as read: where it is, its format, the run record it
    carries as found (for JSON, the whole output) and the file's bytes; ``run`` is
    the record checked, ``json_output`` the command of a JSON output (None for a
    paper) and ``parts`` a Word paper's parts by name (empty for the other formats)."""

    path: Path
    format: OutputFormat
    record: dict[str, Any]
    data: bytes
    run: RunRecord
    json_output: JsonOutput | None = None
    parts: Mapping[str, bytes] = field(default_factory=dict)


def format_of(path: Path) -> OutputFormat:
    """The file's format by its name; UsageError for any other name."""
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise UsageError(f"'{label(path)}': expected an HTML, Markdown or Word paper, or a "
                         "JSON output (.html, .md, .docx, .json)")
    return found


def read_output(path: Path) -> RecordedOutput:
    """The paper or JSON output at ``path`` with the run it records. UsageError when
    there is no such file, it is too large, its name is not one of the formats, it is
    not what its name says, it records no run, two runs, or a damaged one (a field of
    the wrong kind or out of range), or it is JSON of no command verify knows."""
    shown = label(path)
    fmt = format_of(path)
    with reading(path.parent):  # a paper whose writing was cut short is completed first
        data = _read(path, shown)
    parts: dict[str, bytes] = {}
    if fmt is OutputFormat.JSON:
        try:
            whole = json.loads(data)
        except (ValueError, RecursionError):
            raise UsageError(f"'{shown}' is not JSON") from None
        if not isinstance(whole, dict):
            raise UsageError(f"'{shown}' is not a JSON output of the tool")
        kind = json_output(whole)
        return RecordedOutput(path, fmt, whole, data, json_run(whole, kind, shown), kind)
    if fmt is OutputFormat.WORD:
        parts = read_parts(data, shown)
        settings = parts.get(SETTINGS)
        raw = None if settings is None else record_variable(settings, RECORD_VARIABLE, shown)
    else:
        text = data.decode("utf-8", "replace")
        raw = (_html_record if fmt is OutputFormat.HTML else _markdown_record)(text, shown)
    if raw is None:
        raise UsageError(f"'{shown}' records no run: it was not written by "
                         "appraisal report (or by a version before verify)")
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError):
        record = None
    if not isinstance(record, dict):
        raise UsageError(f"'{shown}': its run record is damaged (not a JSON object)")
    return RecordedOutput(path, fmt, record, data, paper_run(record, shown), None, parts)


def _read(path: Path, shown: str) -> bytes:
    """The file's bytes, at most :data:`MAX_PAPER` of them; only a regular file."""
    if not path.exists():
        raise UsageError(f"no paper at '{shown}'")
    if not path.is_file():
        raise UsageError(f"'{shown}' is {kind_of(path.stat().st_mode)}, not a paper")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_PAPER + 1)
    except OSError as exc:
        raise UsageError(f"'{shown}' could not be read: {exc.strerror}") from None
    if len(data) > MAX_PAPER:
        raise UsageError(f"'{shown}' is larger than any paper the tool writes "
                         f"({MAX_PAPER // 2**20} MiB)")
    return data


def _only(text: str, mark: str, shown: str) -> int:
    """Where the one occurrence of ``mark`` starts (-1: none); UsageError for two."""
    first = text.find(mark)
    if first >= 0 and text.find(mark, first + 1) >= 0:
        raise UsageError(f"'{shown}' records more than one run: it is not a paper as the "
                         "tool writes it")
    return first


def _html_record(text: str, shown: str) -> str | None:
    """The record in ``<meta name="appraisal-run" content="...">``, unescaped."""
    at = _only(text, _HTML, shown)
    if at < 0:
        return None
    start = at + len(_HTML)
    stop = text.find('"', start)
    if stop < 0 or text[stop:stop + 2] != '">':
        raise UsageError(f"'{shown}': its run record is damaged (the tag is not closed)")
    try:
        return html.unescape(text[start:stop])
    except ValueError:  # a character reference of thousands of digits
        raise UsageError(f"'{shown}': its run record is damaged") from None


def _markdown_record(text: str, shown: str) -> str | None:
    """The record in the line ``<!-- appraisal-run {...} -->``."""
    at = _only(text, _MARKDOWN, shown)
    if at < 0:
        return None
    stop = text.find("\n", at)
    line = text[at:stop if stop >= 0 else len(text)].rstrip("\r")
    if not line.endswith(_END) or len(line) < len(_MARKDOWN) + len(_END):
        raise UsageError(f"'{shown}': its run record is damaged (the comment is not "
                         "closed on its line)")
    return line[len(_MARKDOWN):-len(_END)]
