"""``appraisal export-xlsx`` and ``appraisal import-xlsx``: a scoring workbook for a
workshop, and its values read back into the YAML files."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from .common import criteria_option, friendly, path_argument, remember_digest
from .console_import import echo_three_ways, short
from .paths import shown


@click.command("export-xlsx")
@path_argument
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="The workbook to write (.xlsx).")
@click.option("--force", is_flag=True, help="Overwrite the workbook if it exists.")
@friendly
def export_command(path: Path | None, out: Path, force: bool) -> None:
    """Write a scoring workbook for a workshop: per criteria set a sheet of scores
    (options as rows, criteria as columns, the scale in the header and checked by the
    sheet, cost criteria marked, low/high columns where ranges are used), a sheet of
    rationale and one of evidence; the weights; the members' judgements; instructions.
    Edit it in Excel or LibreOffice, then read it back with import-xlsx. The workbook
    records the appraisal's digest and, hidden, its values as exported, so that
    import-xlsx tells the workshop's edits from changes made to the appraisal since."""
    from ..errors import UsageError
    from ..input.loading import load
    from ..workshop.xlsx_export import workbook_bytes
    from ..writing import write_bytes

    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"the workbook's name must end in .xlsx; found '{shown(out.name)}'")
    if out.exists() and not force:
        raise UsageError(f"'{shown(out)}' exists; use --force to overwrite it")
    a = load(path)
    remember_digest(a.input_digest)
    source = "" if path is None else os.path.relpath(path.resolve(), out.resolve().parent)
    if shown(source) != source:  # the workbook records it as XML, which cannot hold one
        raise UsageError(f"the appraisal's path '{shown(source)}' holds a control "
                         "character, which a workbook cannot record: rename it")
    write_bytes(out, workbook_bytes(a, source))
    click.echo(f"Wrote {shown(out)} ({out.stat().st_size:,} bytes): {len(a.options)} options, "
               f"{len(a.criteria)} criteria set{'s' if len(a.criteria) != 1 else ''}.")


@click.command("import-xlsx")
@click.argument("workbook", type=click.Path(path_type=Path))
@path_argument
@click.option("--dry-run", is_flag=True, help="Show what would change (a diff of the YAML "
              "files); write nothing.")
@click.option("--force", is_flag=True, help="Write the changes (each changed file is "
              "first copied to FILE.bak).")
@click.option("--workbook-wins", is_flag=True, help="Where a value was changed both in "
              "the workbook and in the appraisal since the export, write the workbook's "
              "(without it, nothing is written and both are shown).")
@criteria_option
@friendly
def import_command(workbook: Path, path: Path | None, dry_run: bool, force: bool,
                   workbook_wins: bool, criteria: str | None) -> None:
    """Read a scoring workbook (from export-xlsx) back into the YAML files: only the
    values and texts edited in the workbook are changed, comments and key order kept,
    and a value changed in the appraisal since the export is never undone. Every
    problem in the workbook is listed by sheet and cell; nothing is written unless
    everything validates, and never without --force (which keeps a backup of each
    changed file). One import at a time writes into an appraisal: another waits."""
    from ..input.loading import bundled_example
    from ..workshop.xlsx_source import recorded_source

    if path is None:  # the appraisal the workbook was exported from, else the example
        path = recorded_source(workbook)
        if path is not None:
            click.echo(f"Appraisal: {shown(path)} (recorded in the workbook)")
    root = path if path is not None else bundled_example()
    folder = root if root.is_dir() else root.parent
    if force and not dry_run and path is not None and folder.is_dir():
        from ..input.files import label
        from ..writing import locked

        with locked(folder, "appraisal " + shlex.join(sys.argv[1:]),
                    on_wait=lambda holder: click.echo(
                        f"Waiting for another command writing '{label(folder)}' to finish "
                        f"({holder.describe()})...", err=True)):
            _import(workbook, root, path, dry_run, force, workbook_wins, criteria)
    else:
        _import(workbook, root, path, dry_run, force, workbook_wins, criteria)


def _import(workbook: Path, root: Path, path: Path | None, dry_run: bool, force: bool,
            workbook_wins: bool, criteria: str | None) -> None:
    from ..errors import UsageError
    from ..workshop.importing import commit, plan

    p = plan(workbook, root, criteria)
    remember_digest(p.appraisal.input_digest)
    echo_three_ways(p, workbook)
    if p.merge.conflicts and not workbook_wins:
        n = len(p.merge.conflicts)
        raise UsageError(f"nothing written: {n} value{'s were' if n != 1 else ' was'} "
                         "changed both in the workbook and in the appraisal since the "
                         "export (above); make the workbook agree, or add --workbook-wins "
                         "to write the workbook's")
    if not p.texts:
        click.echo("No changes: the appraisal holds every value edited in the workbook."
                   if p.changed_since_export else
                   "No changes: the workbook matches the appraisal.")
        return
    files = sorted(p.texts, key=str)
    click.echo(f"{len(p.changes)} value{'s' if len(p.changes) != 1 else ''} "
               f"changed in {len(files)} file{'s' if len(files) != 1 else ''}:")
    for c in p.changes:
        click.echo(f"  {c.file}: {c.where}: {short(c.before)} -> {short(c.after)}")
    if dry_run:
        from ..workshop.textdiff import unified_diff

        for f in files:
            name = f.relative_to(root).as_posix() if root.is_dir() else f.name
            click.echo(unified_diff(p.before[f], p.texts[f], name), nl=False)
        return
    if path is None:
        raise UsageError("nothing written: the bundled example is not changed; name the "
                         "appraisal to change (copy the example first, or appraisal init)")
    if not force:
        raise UsageError("nothing written: use --force to write these changes (each "
                         "changed file is first copied to FILE.bak), or --dry-run to see "
                         "them as a diff")
    for f, backup in commit(p).items():
        click.echo(f"Wrote {shown(f)} (backup {shown(backup.name)})")
