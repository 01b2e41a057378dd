"""``appraisal verify``: does every number in a paper (or a JSON output) still follow from
the inputs? The run is made again with what the paper recorded and the result compared
with the paper as a whole (:mod:`appraisal.workshop.verify`); this command says what
it found. Everything it prints from the paper is shown with its control characters
escaped, so no paper can move the cursor, clear the screen or fake a message."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.limits import MAX_SAMPLES, VERIFY_SAMPLES
from .common import friendly, path_argument


@click.command("verify")
@click.argument("paper", type=click.Path(path_type=Path))
@path_argument
@click.option("--samples", type=click.IntRange(min=0, max=MAX_SAMPLES),
              default=VERIFY_SAMPLES, show_default=True,
              help="The most Monte Carlo draws of each kind made again: a paper recording "
                   "more is refused.")
@click.option("--template", "template_dir", metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="The templates the paper was made with (appraisal report --template).")
@click.option("--reference-docx", "reference_docx", metavar="FILE",
              type=click.Path(dir_okay=False, path_type=Path),
              help="The reference document the Word paper was made with.")
@friendly
def command(paper: Path, path: Path | None, samples: int, template_dir: Path | None,
            reference_docx: Path | None) -> None:
    """Check that every number in PAPER still follows from the inputs: the HTML,
    Markdown or Word paper of appraisal report, or a JSON output of rank, sensitivity or
    value. The run is made again with what the paper recorded (criteria set, scenario,
    weights, draws, seed, date) on the appraisal at PATH (default: the path the paper
    recorded, if inside the paper's folder or the current folder), and the result
    compared with the whole paper: a line, tag, script, style or Word footer the tool
    did not write is a difference; only the inputs' digest is not compared. Exit 0 when
    everything follows, 1 when something differs (each difference listed), 2 when the
    paper or its record cannot be used."""
    from .._version import __version__
    from ..input.files import label
    from ..report.build import read_reference
    from ..workshop.paper_record import read_output
    from ..workshop.run_record import printable
    from ..workshop.verify import recorded_inputs, verify

    output = read_output(paper)
    reference = None if reference_docx is None else read_reference(reference_docx)
    inputs = recorded_inputs(output, path)
    now = inputs.appraisal.input_digest
    click.echo(f"Inputs: {label(inputs.where) if inputs.where else 'the bundled example'} "
               + ("(unchanged since the paper)" if inputs.unchanged else
                  f"(changed since the paper: {inputs.recorded_digest[:19]}... then, "
                  f"{now[:19]}... now)"))
    if output.run.tool not in (None, __version__):
        click.echo(f"Written by appraisal {output.run.tool}; this is appraisal "
                   f"{__version__}, so its wording or figures may differ.")
    checked = verify(output, inputs, most_samples=samples, template_dir=template_dir,
                     reference_docx=reference)
    if checked.follows:
        click.echo(f"Every number in {label(paper)} follows from the inputs"
                   + ("" if checked.inputs_unchanged else " (the files changed in ways that "
                      "change none of its figures or words)") + ".")
        return
    count = checked.count
    click.echo(f"{label(paper)} no longer follows from the inputs: "
               f"{count:,} difference{'s' if count != 1 else ''}:")
    for item in checked.shown:
        click.echo(f"  the paper:  {printable(item.paper, None)}\n"
                   f"  the inputs: {printable(item.inputs, None)}")
    if checked.more:
        click.echo(f"  ... and {checked.more:,} more")
    raise SystemExit(1)

