"""``appraisal export-xlsx`` and ``appraisal import-xlsx``: a scoring workbook for a
workshop, and its values read back into the YAML files."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

from .common import criteria_option, friendly, path_argument, remember_digest


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
    Edit it in Excel or LibreOffice, then read it back with import-xlsx."""
    from ..errors import UsageError
    from ..input.loading import load
    from ..workshop.xlsx_export import workbook_bytes
    from ..writing import write_bytes
    from .paths import shown

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


def _validate_copy(root: Path, texts: dict[Path, str]) -> None:
    """Load the appraisal with the new texts in a scratch copy; its problems are raised
    with the real file names."""
    from ..errors import Diagnostic, InputError
    from ..input.files import label
    from ..input.loading import load

    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "appraisal"
        if root.is_dir():
            shutil.copytree(root, base, ignore=shutil.ignore_patterns(".*", "*.bak"))
            copy = base
        else:
            base.mkdir()
            copy = base / root.name
            shutil.copy2(root, copy)
        for path, text in texts.items():
            target = copy if not root.is_dir() else base / path.relative_to(root)
            target.write_text(text, encoding="utf-8")
        try:
            load(copy)
        except InputError as exc:
            shown = label(root)
            fixed = [Diagnostic(d.file.replace(label(copy) if not root.is_dir()
                                               else label(base), shown), d.line, d.column,
                                d.field, d.expected, d.found) for d in exc.diagnostics]
            raise InputError(fixed) from None


@click.command("import-xlsx")
@click.argument("workbook", type=click.Path(path_type=Path))
@path_argument
@click.option("--dry-run", is_flag=True, help="Show what would change (a diff of the YAML "
              "files); write nothing.")
@click.option("--force", is_flag=True, help="Write the changes (each changed file is "
              "first copied to FILE.bak).")
@criteria_option
@friendly
def import_command(workbook: Path, path: Path | None, dry_run: bool, force: bool,
                   criteria: str | None) -> None:
    """Read a scoring workbook (from export-xlsx) back into the YAML files: only the
    values and texts that differ are changed, comments and key order kept. Every problem
    in the workbook is listed by sheet and cell; nothing is written unless everything
    validates, and never without --force (which keeps a backup of each changed file)."""
    from ..errors import UsageError
    from ..input.loading import bundled_example, load
    from ..workshop.edits import apply
    from ..workshop.xlsx_import import read_edits
    from ..workshop.xlsx_source import recorded_source
    from ..writing import write_all
    from .paths import shown

    if path is None:  # the appraisal the workbook was exported from, else the example
        path = recorded_source(workbook)
        if path is not None:
            click.echo(f"Appraisal: {shown(path)} (recorded in the workbook)")
    root = path if path is not None else bundled_example()
    a = load(root, criteria=criteria)
    remember_digest(a.input_digest)
    edits = read_edits(workbook, a)
    editor = apply(a, root, edits)
    texts = editor.texts()
    if not texts:
        click.echo("No changes: the workbook matches the appraisal.")
        return
    _validate_copy(root, texts)
    files = sorted(texts, key=str)
    click.echo(f"{len(editor.changes)} value{'s' if len(editor.changes) != 1 else ''} "
               f"changed in {len(files)} file{'s' if len(files) != 1 else ''}:")
    for c in editor.changes:
        click.echo(f"  {c.file}: {c.where}: {_short(c.before)} -> {_short(c.after)}")
    if dry_run:
        from ..workshop.textdiff import unified_diff

        for p in files:
            name = p.relative_to(root).as_posix() if root.is_dir() else p.name
            click.echo(unified_diff(p.read_text(encoding="utf-8-sig"), texts[p], name),
                       nl=False)
        return
    if path is None:
        raise UsageError("nothing written: the bundled example is not changed; name the "
                         "appraisal to change (copy the example first, or appraisal init)")
    if not force:
        raise UsageError("nothing written: use --force to write these changes (each "
                         "changed file is first copied to FILE.bak), or --dry-run to see "
                         "them as a diff")
    out: dict[Path, bytes] = {}
    backups = {p: _backup_name(p) for p in files}
    for p in files:
        out[backups[p]] = p.read_bytes()
        out[p] = texts[p].encode("utf-8")
    write_all(out)
    for p in files:
        click.echo(f"Wrote {shown(p)} (backup {shown(backups[p].name)})")


def _backup_name(path: Path) -> Path:
    """FILE.bak, or FILE.bak2, FILE.bak3... when earlier backups exist (none is ever
    overwritten)."""
    k = 1
    while True:
        candidate = path.with_name(path.name + (".bak" if k == 1 else f".bak{k}"))
        if not candidate.exists():
            return candidate
        k += 1


def _short(value: object) -> str:
    text = "(none)" if value is None else str(value if not isinstance(value, list)
                                              else list(value))
    return text if len(text) <= 60 else text[:57] + "..."
