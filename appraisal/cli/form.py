"""``appraisal form``: write the swing-weighting form a board member fills in."""

from __future__ import annotations

from pathlib import Path

import click

from .common import criteria_option, friendly, load_with_scenario, path_argument


@click.command("form")
@path_argument
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("form.html"), show_default=True,
              help="The HTML file to write.")
@criteria_option
@friendly
def command(path: Path | None, output: Path, criteria: str | None) -> None:
    """Write a swing-weighting form: one self-contained HTML page in which a board
    member gives swing points to every group of criteria, sees the weights and the
    ranking they give, and downloads members/ID.yaml for the appraisal."""
    from ..pipeline import Request, run
    from ..workshop.form import form_page
    from ..writing import write_text
    from .paths import shown

    a, _ = load_with_scenario(path, criteria, None)
    result = run(a, Request(criteria=criteria))
    write_text(output, form_page(result))
    click.echo(f"Wrote {shown(output)} ({output.stat().st_size:,} bytes)")
