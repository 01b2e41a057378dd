"""``appraisal schema``: the JSON Schema of the YAML format."""

from __future__ import annotations

from pathlib import Path

import click

from .common import friendly


@click.command("schema")
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead.")
@friendly
def command(out: Path | None) -> None:
    """Print the JSON Schema of the YAML format (for editors)."""
    from ..input.schema import json_schema
    from ..presentation.export import to_json
    from ..writing import write_text
    from .paths import shown

    text = to_json(json_schema())
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text(out, text)
        click.echo(f"Wrote {shown(out)}")
