"""``appraisal verify``: does every number in a paper (or a JSON output) still follow from
the inputs? The run is made again with what the paper recorded and the result compared
with the paper, word for word (:mod:`appraisal.workshop.verify`); this command says
what it found."""

from __future__ import annotations

from pathlib import Path

import click

from .common import friendly, path_argument


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
    from ..input.files import label
    from ..workshop.paper_record import read_output
    from ..workshop.verify import recorded_inputs, verify

    output = read_output(paper)
    inputs = recorded_inputs(output, path)
    now = inputs.appraisal.input_digest
    click.echo(f"Inputs: {label(inputs.where) if inputs.where else 'the bundled example'} "
               + ("(unchanged since the paper)" if inputs.unchanged else
                  f"(changed since the paper: {str(inputs.recorded_digest)[:19]}... then, "
                  f"{now[:19]}... now)"))
    checked = verify(output, inputs)
    if checked.identical:
        click.echo(f"Every number in {label(paper)} follows from the inputs.")
        return
    if checked.follows:
        click.echo(f"Every number in {label(paper)} follows from the inputs"
                   + ("" if checked.inputs_unchanged else " (the files changed in ways that "
                      "change none of its figures or words)") + ".")
        return
    count = len(checked.differences)
    click.echo(f"{label(paper)} no longer follows from the inputs: "
               f"{count} difference{'s' if count != 1 else ''}:")
    for item in checked.shown:
        click.echo(f"  the paper:  {item.paper}\n  the inputs: {item.inputs}")
    if checked.more:
        click.echo(f"  ... and {checked.more} more")
    raise SystemExit(1)
