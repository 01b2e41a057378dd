"""Does every number in a paper (or a JSON output) still follow from the inputs? The
run is made again with what the paper recorded (:mod:`.paper_record`, every field
checked by :mod:`.run_record`), on the appraisal it names or another, and the result
compared with the paper as a whole (:mod:`.paper_text`): nothing is skipped, so a
script, a style, an attribute, a line or a Word footer the tool did not write is a
difference.

The inputs' digest is the one thing not compared: the paper is made again stamped
with the digest it recorded, so a paper whose inputs changed in ways that change none
of its figures or words (a comment added to a file) still follows, in every format.

Nothing the paper says is trusted: the recorded path is a hint, never followed out of
the paper's folder or the current folder (:func:`recorded_inputs`), and the recorded
Monte Carlo draws are made again only up to a limit (:func:`verify`).

Three steps, so a caller can say which inputs it checks against before the run:
:func:`~.paper_record.read_output`, :func:`recorded_inputs`, :func:`verify`.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.limits import VERIFY_SAMPLES
from ..errors import InputError, UsageError
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
from .paper_record import JsonOutput, OutputFormat, RecordedOutput
from .paper_text import Difference, json_differences, paper_differences
from .run_record import RunRecord, printable

SHOWN = 12
"""Differences a :class:`Verification` shows at most (it counts the rest)."""
_APPRAISAL_FILES = (".yaml", ".yml")


@dataclass(frozen=True)
class Inputs:
    """The appraisal a paper is checked against: ``where`` it was loaded from (None:
    the bundled example), the ``appraisal`` itself and the input digest the paper
    recorded."""

    where: Path | None
    appraisal: Appraisal
    recorded_digest: str

    @property
    def unchanged(self) -> bool:
        """Whether the inputs have the digest the paper recorded."""
        return self.recorded_digest == self.appraisal.input_digest


@dataclass(frozen=True)
class Verification:
    """What :func:`verify` found for the paper at ``paper``: ``identical`` when the
    run made again wrote the paper's very bytes (never for JSON); ``count`` the lines
    that differ (0: every figure and word follows), the first of them in
    ``differences`` (at most :data:`~.paper_text.KEPT`), in order. ``json_output``
    names the command of a JSON output (None for a paper)."""

    paper: Path
    format: OutputFormat
    json_output: JsonOutput | None
    inputs_unchanged: bool
    identical: bool
    differences: tuple[Difference, ...]
    count: int

    @property
    def follows(self) -> bool:
        """Whether every number in the paper follows from the inputs."""
        return not self.count

    @property
    def shown(self) -> tuple[Difference, ...]:
        """The first :data:`SHOWN` differences."""
        return self.differences[:SHOWN]

    @property
    def more(self) -> int:
        """How many differences there are beyond those :attr:`shown`."""
        return max(0, self.count - len(self.shown))


def recorded_inputs(output: RecordedOutput, path: Path | None) -> Inputs:
    """The appraisal at ``path`` (the user named it), else the one the paper recorded
    (none: the bundled example), loaded. A recorded path is relative to the paper's
    folder and followed only when it stays inside that folder or the current one (links
    resolved) and names a folder or a YAML file; its problems are counted, never shown
    (the file was named by the paper, not the user). UsageError otherwise, asking for
    PATH, and always for a JSON output (it records no path)."""
    shown = label(output.path)
    if path is not None:
        return Inputs(path, load(path), output.run.input_digest)
    if output.format is OutputFormat.JSON:
        raise UsageError(f"'{shown}' does not record which appraisal it came from: "
                         f"give it (appraisal verify {shown} PATH)")
    hint = output.run.path or ""
    if not hint:
        return Inputs(None, load(None), output.run.input_digest)
    where = _inside(output.path, hint)
    try:
        appraisal = load(where)
    except InputError as exc:
        count = len(exc.diagnostics)
        raise UsageError(f"the appraisal '{label(where)}' that '{shown}' records has "
                         f"{count} problem{'s' if count != 1 else ''}: appraisal validate "
                         f"{label(where)} lists them") from None
    return Inputs(where, appraisal, output.run.input_digest)


def _inside(paper: Path, hint: str) -> Path:
    """The recorded path, resolved, when it is inside the paper's folder or the current
    one and names a folder or a YAML file; UsageError otherwise."""
    shown = label(paper)
    seen = printable(hint)
    ask = f"give the appraisal's path: appraisal verify {shown} PATH"
    real = Path(os.path.realpath(paper.parent / hint))
    rooms = [Path(os.path.realpath(paper.parent))]
    with contextlib.suppress(OSError):  # the current folder may have been removed
        rooms.append(Path(os.path.realpath(Path.cwd())))
    if not any(real == room or room in real.parents for room in rooms):
        raise UsageError(f"'{shown}' records its appraisal at '{seen}', outside the "
                         f"paper's folder and the current folder; verify follows no "
                         f"recorded path out of them: {ask}")
    if not (real.is_dir() or (real.is_file() and real.suffix.lower() in _APPRAISAL_FILES)):
        raise UsageError(f"'{shown}' records its appraisal at '{seen}', where there is no "
                         f"appraisal (a folder, or a .yaml file): {ask}")
    return real


def verify(output: RecordedOutput, inputs: Inputs, *, most_samples: int = VERIFY_SAMPLES,
           template_dir: Path | None = None, reference_docx: bytes | None = None,
           ) -> Verification:
    """Make the run ``output`` records again on ``inputs`` (stamped with the recorded
    digest) and compare (see the module). ``template_dir`` and ``reference_docx`` are
    those the paper was made with, if any. UsageError when the record asks for more
    Monte Carlo draws than ``most_samples``, or for a run the inputs do not allow."""
    record = output.run
    shown = label(output.path)
    if record.samples > most_samples:
        raise UsageError(f"'{shown}' records {record.samples:,} Monte Carlo draws of each "
                         f"kind; verify makes at most {most_samples:,} again unless told "
                         f"more: appraisal verify {shown} --samples {record.samples} (it "
                         "takes as long as the run did)")
    a = inputs.appraisal.model_copy(update={"input_digest": record.input_digest})
    if output.json_output is not None:
        again = json.loads(json.dumps(_AGAIN[output.json_output](record, a)))
        found = json_differences(output.record, again)
        identical = False
    else:
        rendered = _paper_again(output.format, record, a, template_dir, reference_docx)
        found = paper_differences(output.format, output.data, output.parts, rendered, shown)
        identical = rendered == output.data
    return Verification(output.path, output.format, output.json_output, inputs.unchanged,
                        identical, found.differences, found.count)


def _paper_again(fmt: OutputFormat, record: RunRecord, a: Appraisal,
                 template_dir: Path | None, reference_docx: bytes | None) -> bytes:
    """The paper rendered again, in its format, from the run and the date it records."""
    if record.day is None:  # a paper's record always has one (run_record.paper_run)
        raise UsageError("the run record has no date")
    source, member = whose(record.weights_from)
    result = run(a, Request(
        criteria=record.criteria, scenario=record.scenario, weights=record.weights,
        sensitivity=True, samples=record.samples, seed=record.seed,
        weights_from=source, member=member, members=record.members))
    context = build_context(result, record.day, record.path or "")
    if fmt is OutputFormat.HTML:
        return render_html(context, template_dir).encode("utf-8")
    if fmt is OutputFormat.MARKDOWN:
        return render_markdown(context, template_dir).encode("utf-8")
    return render_docx(context, record.day, reference_docx)


def _request(record: RunRecord) -> dict[str, Any]:
    """The request every JSON output records: criteria set, scenario, weights and whose."""
    source, member = whose(record.weights_from)
    return {"criteria": record.criteria, "scenario": record.scenario,
            "weights": record.weights, "weights_from": source, "member": member,
            "members": record.members}


def _value_again(record: RunRecord, a: Appraisal) -> dict[str, Any]:
    return value_to_dict(run(a, Request(**_request(record), samples=record.samples,
                                        seed=record.seed,
                                        value_uncertainty=record.samples > 0)))


def _rank_again(record: RunRecord, a: Appraisal) -> dict[str, Any]:
    return rank_to_dict(run(a, Request(**_request(record))))


def _sensitivity_again(record: RunRecord, a: Appraisal) -> dict[str, Any]:
    return sensitivity_to_dict(run(a, Request(
        **_request(record), sensitivity=True, samples=record.samples, seed=record.seed)))


_AGAIN: dict[JsonOutput, Callable[[RunRecord, Appraisal], dict[str, Any]]] = {
    JsonOutput.VALUE: _value_again,
    JsonOutput.RANK: _rank_again,
    JsonOutput.SENSITIVITY: _sensitivity_again,
}
"""Each JSON output recomputed with the request it records, as its command writes it."""
