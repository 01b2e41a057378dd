"""``appraisal report``: write the appraisal paper."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import click

from ..report import FORMATS
from .common import (
    echo_left_out,
    echo_warnings,
    friendly,
    load_with_scenario,
    parse_weights,
    path_argument,
    samples_option,
    seed_option,
    weighting_options,
)
from .progress import progress_bar


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD; found '{value}'") from None


@click.command("report")
@path_argument
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output format; repeatable (default: all four).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build"),
              show_default=True, help="Directory to write the paper to.")
@click.option("--template", "template_dir", type=click.Path(path_type=Path),
              metavar="DIR", help="Your own templates (rendered in a sandbox); any "
              "template missing there comes from the bundled set.")
@click.option("--reference-docx", type=click.Path(path_type=Path), metavar="FILE",
              help="A Word document whose styles, fonts and page set-up the Word paper "
                   "uses (its own text is not kept).")
@weighting_options
@samples_option("Monte Carlo draws of each kind, around the board's weights and over "
                "any weighting (0 skips them).")
@seed_option
@click.option("--date", "when", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Date printed on the paper (default: SOURCE_DATE_EPOCH, else today).")
@friendly
def command(path: Path | None, formats: tuple[str, ...], out: Path,
            template_dir: Path | None, reference_docx: Path | None, criteria: str | None,
            scenario: str | None,
            weights: tuple[str, ...], weights_from: str, members: tuple[str, ...],
            samples: int, seed: int | None, when: date | None) -> None:
    """Write the appraisal paper (HTML with a what-if panel, Markdown, Word, PDF)."""
    from ..pipeline import Request, run, whose
    from ..report.build import PdfWorker, write_paper
    from ..report.context import left_out
    from .paths import out_folder, regular_input, shown

    out_folder(out)  # a file there said "File exists" after the whole analysis
    if reference_docx is not None:
        regular_input(reference_docx, "--reference-docx")
    a, scenario_id = load_with_scenario(path, criteria, scenario)
    # start the PDF's process now: WeasyPrint is imported there while the analysis runs
    worker = PdfWorker() if "pdf" in (formats or FORMATS) else None
    source, member = whose(weights_from)
    request = Request(criteria=criteria, scenario=scenario_id, weights=parse_weights(weights),
                      sensitivity=True, samples=samples, seed=seed,
                      weights_from=source, member=member, members=members)
    try:
        with progress_bar(samples) as progress:
            result = run(a, request, progress=progress)
    except BaseException:
        if worker is not None:
            worker.close()
        raise
    written = write_paper(result, out, formats or FORMATS, when=when,
                          template_dir=template_dir, reference_docx=reference_docx,
                          worker=worker, source="" if path is None else
                          os.path.relpath(path.resolve(), out.resolve()))
    for p in written:
        click.echo(f"Wrote {shown(p)} ({p.stat().st_size:,} bytes)")
    echo_left_out(left_out(a.paper, any(o.costs for o in a.options)))
    echo_warnings(result)
