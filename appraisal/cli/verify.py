"""``appraisal verify``: does every number in a paper (or a JSON output) still follow from
the inputs? The run is made again with what the paper recorded and the result compared
with the paper, word for word."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import click

from .common import friendly, path_argument

SHOWN = 12
"""Differences listed at most (the count says how many more)."""


def _lines(kind: str, data: bytes) -> list[str]:
    """The text of a paper as lines, for comparing and for saying what differs."""
    if kind == "docx":
        import io

        from docx import Document

        doc = Document(io.BytesIO(data))
        out = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            out += [" | ".join(c.text for c in row.cells) for row in table.rows]
        return [x.strip() for x in out if x.strip()]
    text = data.decode("utf-8", "replace")
    if kind == "html":
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", "\n", text)
        text = html.unescape(text)
    return [x.strip() for x in text.splitlines() if x.strip()]


def _json_lines(data: Any, prefix: str = "") -> list[str]:
    """A JSON document as 'path: value' lines."""
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in _json_lines(v, f"{prefix}.{k}"
                                                                 if prefix else str(k))]
    if isinstance(data, list):
        return [x for i, v in enumerate(data) for x in _json_lines(v, f"{prefix}[{i}]")]
    return [f"{prefix}: {json.dumps(data)}"]


def _differences(old: list[str], new: list[str]) -> list[str]:
    import difflib

    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            was = old[i1 + k] if i1 + k < i2 else "(nothing)"
            now = new[j1 + k] if j1 + k < j2 else "(nothing)"
            was, now = _window(was, now)
            out.append(f"  the paper:  {was}\n  the inputs: {now}")
    return out


def _window(a: str, b: str, width: int = 110) -> tuple[str, str]:
    """Both texts from a little before where they first differ."""
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
             min(len(a), len(b)))
    start = max(0, i - 40)

    def cut(t: str) -> str:
        return (("..." if start else "") + t[start:start + width]
                + ("..." if len(t) > start + width else ""))

    return cut(a), cut(b)


def _json_again(record: dict[str, Any], a: Any) -> dict[str, Any]:
    """The JSON output recomputed with the request it records."""
    from ..errors import UsageError
    from ..pipeline import Request, run
    from ..presentation.export import rank_to_dict, sensitivity_to_dict
    from ..presentation.value import value_to_dict

    base: dict[str, Any] = {
        "criteria": record.get("criteria_set"), "scenario": record.get("scenario"),
        "weights": record.get("weight_overrides") or {},
        "weights_from": record.get("weights_from") or "board"}
    if "value_for_money" in record:
        vfm = record["value_for_money"] or {}
        samples = int(vfm.get("samples") or 0)
        return value_to_dict(run(a, Request(**base, samples=samples,
                                            seed=record.get("seed"),
                                            value_uncertainty=samples > 0)))
    if "ranking" in record and "weights_note" in record:
        return rank_to_dict(run(a, Request(**base)))
    if "definitions" in record and "exact" in record:
        board = (record.get("monte_carlo") or {}).get("board") or {}
        return sensitivity_to_dict(run(a, Request(
            **base, sensitivity=True, samples=int(board.get("samples") or 0),
            seed=record.get("seed"))))
    raise UsageError("this JSON is not an output verify knows (rank, sensitivity or value "
                     "--format json)")


@click.command("verify")
@click.argument("paper", type=click.Path(path_type=Path))
@path_argument
@friendly
def command(paper: Path, path: Path | None) -> None:
    """Check that every number in PAPER still follows from the inputs: the HTML,
    Markdown or Word paper of appraisal report, or a JSON output of rank, sensitivity or
    value. The run is made again with what the paper recorded (criteria set, scenario,
    weights, draws, seed, date) on the appraisal at PATH (default: the path the paper
    recorded), and the result compared with the paper. Exit 0 when everything follows,
    1 when something differs (each difference listed)."""
    from datetime import date

    from ..errors import UsageError
    from ..input.files import label
    from ..input.loading import load
    from ..pipeline import Request, run
    from ..report.context import build_context
    from ..workshop.paper_record import read_record

    kind, record, data = read_record(paper)
    if path is None and kind == "json":
        raise UsageError(f"'{label(paper)}' does not record which appraisal it came from: "
                         f"give it (appraisal verify {label(paper)} PATH)")
    # a paper records the appraisal's path relative to the paper's folder
    where = path if path is not None else (paper.parent / record["path"]
                                           if record.get("path") else None)
    a = load(where)
    digest = record.get("input_digest")
    same_inputs = digest == a.input_digest
    click.echo(f"Inputs: {label(where) if where else 'the bundled example'} "
               + ("(unchanged since the paper)" if same_inputs else
                  f"(changed since the paper: {str(digest)[:19]}... then, "
                  f"{a.input_digest[:19]}... now)"))
    if kind == "json":
        again = _json_again(record, a)
        old, new = _json_lines(record), _json_lines(json.loads(json.dumps(again)))
        old = [x for x in old if not x.startswith(("input_digest", "tool"))]
        new = [x for x in new if not x.startswith(("input_digest", "tool"))]
    else:
        result = run(a, Request(
            criteria=record.get("criteria"), scenario=record.get("scenario"),
            weights=record.get("weights") or {}, sensitivity=True,
            samples=int(record.get("samples") or 0), seed=record.get("seed"),
            weights_from=record.get("weights_from") or "board",
            members=tuple(record.get("members") or ())))
        context = build_context(result, date.fromisoformat(record["date"]),
                                record.get("path") or "")
        if kind == "html":
            from ..report.html import render_html

            rendered = render_html(context).encode("utf-8")
        elif kind == "md":
            from ..report.markdown import render_markdown

            rendered = render_markdown(context).encode("utf-8")
        else:
            from ..report.docx import render_docx

            rendered = render_docx(context, date.fromisoformat(record["date"]), None)
        if rendered == data:
            click.echo(f"Every number in {label(paper)} follows from the inputs.")
            return
        old, new = _lines(kind, data), _lines(kind, rendered)
        drop = ("input ", "Input digest", "appraisal ")  # the stamp names the digest
        old = [x for x in old if not x.startswith(drop)]
        new = [x for x in new if not x.startswith(drop)]
    found = _differences(old, new)
    if not found:
        click.echo(f"Every number in {label(paper)} follows from the inputs"
                   + ("" if same_inputs else " (the files changed in ways that change none "
                      "of its figures or words)") + ".")
        return
    click.echo(f"{label(paper)} no longer follows from the inputs: "
               f"{len(found)} difference{'s' if len(found) != 1 else ''}:")
    for item in found[:SHOWN]:
        click.echo(item)
    if len(found) > SHOWN:
        click.echo(f"  ... and {len(found) - SHOWN} more")
    raise SystemExit(1)
