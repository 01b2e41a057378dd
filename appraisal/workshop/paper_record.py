"""The run record a paper or a JSON output carries (``appraisal verify`` reads it):
in the HTML paper a ``<meta name="appraisal-run">``, in the Markdown paper a closing
``<!-- appraisal-run ... -->`` comment, in the Word paper the document variable
``appraisal-run``; a JSON output is its own record (tool, input digest, criteria set,
scenario, seed...)."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..input.files import label

_HTML = re.compile(r'<meta name="appraisal-run" content="([^"]*)">')
_MD = re.compile(r"<!-- appraisal-run (\{.*?\}) -->")
_DOCVAR = re.compile(rb'<w:docVar w:name="appraisal-run" w:val="([^"]*)"')
MAX_PAPER = 64 * 2**20


def kind_of(path: Path) -> str:
    """html, md, docx or json, by the file's name."""
    kinds = {".html": "html", ".htm": "html", ".md": "md", ".docx": "docx", ".json": "json"}
    kind = kinds.get(path.suffix.lower())
    if kind is None:
        raise UsageError(f"'{label(path)}': expected an HTML, Markdown or Word paper, or a "
                         "JSON output (.html, .md, .docx, .json)")
    return kind


def read_record(path: Path) -> tuple[str, dict[str, Any], bytes]:
    """(kind, record, the file's bytes) of a paper or JSON output."""
    if not path.is_file():
        raise UsageError(f"no paper at '{label(path)}'")
    if path.stat().st_size > MAX_PAPER:
        raise UsageError(f"'{label(path)}' is larger than any paper the tool writes")
    kind = kind_of(path)
    data = path.read_bytes()
    raw: str | None = None
    if kind == "html":
        found = _HTML.search(data.decode("utf-8", "replace"))
        raw = html.unescape(found.group(1)) if found else None
    elif kind == "md":
        found = _MD.search(data.decode("utf-8", "replace"))
        raw = found.group(1) if found else None
    elif kind == "docx":
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
        return kind, raw_json, data
    if raw is None:
        raise UsageError(f"'{label(path)}' records no run: it was not written by "
                         "appraisal report (or by a version before verify)")
    try:
        record = json.loads(raw)
    except ValueError:
        record = None
    if not isinstance(record, dict):
        raise UsageError(f"'{label(path)}': its run record is damaged")
    return kind, record, data
