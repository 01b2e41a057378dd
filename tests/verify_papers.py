"""The papers the verify tests attack: those of a three-option appraisal (so each verify
that runs takes a fraction of a second), and the ways the tests change them: the run
record rewritten as the tool writes it, the Word file's parts rewritten."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from conftest import SMALL, paper_result

import appraisal
from appraisal.cli import main
from appraisal.report.build import write_paper
from appraisal.workshop.word_parts import read_parts


def make_papers(root: Path) -> Path:
    """``root`` made to hold a single-file appraisal and its paper in three formats (the
    recorded path: appraisal.yaml, in the paper's own folder)."""
    root.mkdir()
    (root / "appraisal.yaml").write_text(SMALL)
    write_paper(paper_result(appraisal.load(root / "appraisal.yaml"), samples=200), root,
                ["html", "md", "docx"], when=date(2020, 1, 2), source="appraisal.yaml")
    return root


def verify(*args: str | Path) -> tuple[int, str]:
    """``appraisal verify ARGS``: the exit code and everything printed."""
    r = CliRunner().invoke(main, ["verify", *map(str, args)], catch_exceptions=False)
    return r.exit_code, r.output


def with_record(text: str, fmt: str, change: Callable[[dict[str, object]], None]) -> str:
    """The paper's text with its run record changed by ``change`` (written as the tool
    writes it: compact JSON, in a comment or, escaped, in a meta tag)."""
    if fmt == "md":
        head, _, tail = text.partition("<!-- appraisal-run ")
        raw, _, rest = tail.partition(" -->")
        record = json.loads(raw)
        change(record)
        return f"{head}<!-- appraisal-run {json.dumps(record, separators=(',', ':'))} -->{rest}"
    head, _, tail = text.partition('<meta name="appraisal-run" content="')
    raw, _, rest = tail.partition('">')
    record = json.loads(raw.replace("&#34;", '"'))
    change(record)
    escaped = json.dumps(record, separators=(",", ":")).replace('"', "&#34;")
    return f'{head}<meta name="appraisal-run" content="{escaped}">{rest}'


def set_field(field: str, value: object) -> Callable[[dict[str, object]], None]:
    """A change of the record: ``field`` set to ``value``."""
    return lambda record: record.update({field: value})


def rezipped(docx: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    """The Word file with its parts changed by ``change``."""
    parts = read_parts(docx, "paper.docx")
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()
