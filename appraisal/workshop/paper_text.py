"""A paper or a JSON output as lines of text, and the lines where two of them differ:
what ``verify`` compares, and what it shows of each difference.

A paper's lines are its paragraphs and table rows (Word), or its text between tags
with scripts and styles left out (HTML), or its lines (Markdown); blank lines never
count. A JSON document's lines are ``path: value``, one for each value in it.
"""

from __future__ import annotations

import difflib
import html
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from docx import Document

from .paper_record import OutputFormat

WINDOW = 110
"""The characters of each side shown for a difference."""
LEAD = 40
"""How many characters before the first difference a shown side starts."""


@dataclass(frozen=True)
class Difference:
    """One line that differs: as the paper has it and as the inputs give it, each cut to
    a window from a little before where they first differ ("(nothing)" for a line one
    side lacks)."""

    paper: str
    inputs: str


def paper_lines(fmt: OutputFormat, data: bytes) -> list[str]:
    """The text of a paper in format ``fmt`` (not JSON) as stripped, non-blank lines."""
    if fmt is OutputFormat.WORD:
        doc = Document(io.BytesIO(data))
        out = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            out += [" | ".join(c.text for c in row.cells) for row in table.rows]
        return [x.strip() for x in out if x.strip()]
    text = data.decode("utf-8", "replace")
    if fmt is OutputFormat.HTML:
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", "\n", text)
        text = html.unescape(text)
    return [x.strip() for x in text.splitlines() if x.strip()]


def json_lines(data: Any, prefix: str = "") -> list[str]:
    """A JSON document as 'path: value' lines (``a.b[2].c: 1``), in document order."""
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in json_lines(v, f"{prefix}.{k}"
                                                                if prefix else str(k))]
    if isinstance(data, list):
        return [x for i, v in enumerate(data) for x in json_lines(v, f"{prefix}[{i}]")]
    return [f"{prefix}: {json.dumps(data)}"]


def differences(old: list[str], new: list[str]) -> list[Difference]:
    """Every line of ``old`` (the paper) and ``new`` (the inputs) outside their longest
    matching runs, paired in order; empty when the two are the same."""
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            was = old[i1 + k] if i1 + k < i2 else "(nothing)"
            now = new[j1 + k] if j1 + k < j2 else "(nothing)"
            out.append(Difference(*_window(was, now)))
    return out


def _window(a: str, b: str, width: int = WINDOW) -> tuple[str, str]:
    """Both texts from a little before where they first differ."""
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
             min(len(a), len(b)))
    start = max(0, i - LEAD)

    def cut(t: str) -> str:
        return (("..." if start else "") + t[start:start + width]
                + ("..." if len(t) > start + width else ""))

    return cut(a), cut(b)
