"""Does every number in a paper (or a JSON output) still follow from the inputs? The
run is made again with what the paper recorded (:mod:`.paper_record`), on the
appraisal it names or another, and the result compared with the paper: byte for byte
first, then line by line (:mod:`.paper_text`), leaving out the lines that only stamp
the inputs' digest and the tool's version.

Three steps, so a caller can say which inputs it checks against before the run:
:func:`~.paper_record.read_output`, :func:`recorded_inputs`, :func:`verify`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..input.files import label
from ..input.loading import load
from ..input.models import Appraisal
from ..pipeline import Request, run, whose
from ..presentation.export import rank_to_dict, sensitivity_to_dict
from ..presentation.value_export import value_to_dict
from ..report.context import build_context
from ..report.docx import render_docx
from ..report.html import render_html
from ..report.markdown import render_markdown
from ..report.paper import Paper
from .paper_record import JsonOutput, OutputFormat, RecordedOutput, json_output
from .paper_text import Difference, differences, json_lines, paper_lines

SHOWN = 12
"""Differences a :class:`Verification` shows at most (it counts the rest)."""
_PAPER_STAMP = ("input ", "Input digest", "appraisal ")
"""Paper lines left out of the comparison: the stamp names the inputs' digest."""
_JSON_STAMP = ("input_digest", "tool")
"""JSON lines left out of the comparison: the inputs' digest and the tool's version."""


@dataclass(frozen=True)
class Inputs:
    """The appraisal a paper is checked against: ``where`` it was loaded from (None:
    the bundled example), the ``appraisal`` itself and the input digest the paper
    recorded (None when it recorded none)."""

    where: Path | None
    appraisal: Appraisal
    recorded_digest: str | None

    @property
    def unchanged(self) -> bool:
        """Whether the inputs have the digest the paper recorded."""
        return self.recorded_digest == self.appraisal.input_digest


@dataclass(frozen=True)
class Verification:
    """What :func:`verify` found for the paper at ``paper``: ``identical`` when the
    run made again wrote the paper's very bytes (never for JSON), else the
    ``differences`` of its lines, in order (none: every figure and word follows).
    ``json_output`` names the command of a JSON output (None for a paper)."""

    paper: Path
    format: OutputFormat
    json_output: JsonOutput | None
    inputs_unchanged: bool
    identical: bool
    differences: tuple[Difference, ...]

    @property
    def follows(self) -> bool:
        """Whether every number in the paper follows from the inputs."""
        return not self.differences

    @property
    def shown(self) -> tuple[Difference, ...]:
        """The first :data:`SHOWN` differences."""
        return self.differences[:SHOWN]

    @property
    def more(self) -> int:
        """How many differences there are beyond those :attr:`shown`."""
        return max(0, len(self.differences) - SHOWN)


def recorded_inputs(output: RecordedOutput, path: Path | None) -> Inputs:
    """The appraisal at ``path``, else the one the paper recorded (its path is relative
    to the paper's folder; none recorded: the bundled example), loaded. A JSON output
    records no path: UsageError when ``path`` is None."""
    if path is None and output.format is OutputFormat.JSON:
        shown = label(output.path)
        raise UsageError(f"'{shown}' does not record which appraisal it came from: "
                         f"give it (appraisal verify {shown} PATH)")
    record = output.record
    where = path if path is not None else (output.path.parent / record["path"]
                                           if record.get("path") else None)
    digest = record.get("input_digest")
    return Inputs(where, load(where), None if digest is None else str(digest))


def verify(output: RecordedOutput, inputs: Inputs) -> Verification:
    """Make the run ``output`` records again on ``inputs`` and compare (see the
    module). UsageError for a JSON output of no command verify knows."""
    if output.format is OutputFormat.JSON:
        kind = json_output(output.record)
        again = _AGAIN[kind](output.record, inputs.appraisal)
        old = _without(json_lines(output.record), _JSON_STAMP)
        new = _without(json_lines(json.loads(json.dumps(again))), _JSON_STAMP)
        return Verification(output.path, output.format, kind, inputs.unchanged, False,
                            tuple(differences(old, new)))
    rendered = _paper_again(output, inputs.appraisal)
    if rendered == output.data:
        return Verification(output.path, output.format, None, inputs.unchanged, True, ())
    old = _without(paper_lines(output.format, output.data), _PAPER_STAMP)
    new = _without(paper_lines(output.format, rendered), _PAPER_STAMP)
    return Verification(output.path, output.format, None, inputs.unchanged, False,
                        tuple(differences(old, new)))


def _without(lines: list[str], stamp: tuple[str, ...]) -> list[str]:
    return [x for x in lines if not x.startswith(stamp)]


def _paper_again(output: RecordedOutput, a: Appraisal) -> bytes:
    """The paper rendered again, in its format, from the run and the date it records."""
    record = output.record
    source, member = whose(record.get("weights_from") or "board")
    result = run(a, Request(
        criteria=record.get("criteria"), scenario=record.get("scenario"),
        weights=record.get("weights") or {}, sensitivity=True,
        samples=int(record.get("samples") or 0), seed=record.get("seed"),
        weights_from=source, member=member,
        members=tuple(record.get("members") or ())))
    day = date.fromisoformat(record["date"])
    context = build_context(result, day, record.get("path") or "")
    return _RENDER[output.format](context, day)


_RENDER: dict[OutputFormat, Callable[[Paper, date], bytes]] = {
    OutputFormat.HTML: lambda context, _: render_html(context).encode("utf-8"),
    OutputFormat.MARKDOWN: lambda context, _: render_markdown(context).encode("utf-8"),
    OutputFormat.WORD: lambda context, day: render_docx(context, day, None),
}
"""Each paper format's renderer, as ``appraisal report`` writes it."""


def _request(record: dict[str, Any]) -> dict[str, Any]:
    """The request every JSON output records: criteria set, scenario, weights and whose."""
    source, member = whose(record.get("weights_from") or "board")
    return {"criteria": record.get("criteria_set"), "scenario": record.get("scenario"),
            "weights": record.get("weight_overrides") or {},
            "weights_from": source, "member": member}


def _value_again(record: dict[str, Any], a: Appraisal) -> dict[str, Any]:
    vfm = record["value_for_money"] or {}
    samples = int(vfm.get("samples") or 0)
    return value_to_dict(run(a, Request(**_request(record), samples=samples,
                                        seed=record.get("seed"),
                                        value_uncertainty=samples > 0)))


def _rank_again(record: dict[str, Any], a: Appraisal) -> dict[str, Any]:
    return rank_to_dict(run(a, Request(**_request(record))))


def _sensitivity_again(record: dict[str, Any], a: Appraisal) -> dict[str, Any]:
    board = (record.get("monte_carlo") or {}).get("board") or {}
    return sensitivity_to_dict(run(a, Request(
        **_request(record), sensitivity=True, samples=int(board.get("samples") or 0),
        seed=record.get("seed"))))


_AGAIN: dict[JsonOutput, Callable[[dict[str, Any], Appraisal], dict[str, Any]]] = {
    JsonOutput.VALUE: _value_again,
    JsonOutput.RANK: _rank_again,
    JsonOutput.SENSITIVITY: _sensitivity_again,
}
"""Each JSON output recomputed with the request it records, as its command writes it."""
