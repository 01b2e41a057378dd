"""``appraisal diff``: what changed between two versions of an appraisal, and why the
ranking moved."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .common import criteria_option, format_option, friendly


def _sides(args: tuple[str, ...]) -> tuple[tuple[str | None, Path], tuple[str | None, Path]]:
    """(revision or None, path) of the old and the new version: two paths; a revision
    and a path (the path's revision against the working tree); two revisions and an
    optional path (default: the current folder)."""
    from ..errors import UsageError

    if not 1 <= len(args) <= 3:
        raise UsageError("expected OLD NEW: two paths, two git revisions (then optionally "
                         "a path), or a revision and a path")
    paths = [a for a in args if os.path.lexists(a)]  # a link is a path, wherever it leads
    revs = [a for a in args if not os.path.lexists(a)]
    if len(args) == 2 and len(paths) == 2:
        return (None, Path(args[0])), (None, Path(args[1]))
    if len(paths) > 1 or (paths and args[-1] != paths[0]):
        raise UsageError("expected the appraisal's path last, after the revisions")
    path = Path(paths[0]) if paths else Path(".")
    if len(revs) == 1:
        return (revs[0], path), (None, path)
    if len(revs) == 2:
        return (revs[0], path), (revs[1], path)
    raise UsageError("expected one or two git revisions before the path")


@click.command("diff")
@click.argument("versions", nargs=-1, required=True)
@criteria_option
@format_option("table", "json", "markdown")
@friendly
def command(versions: tuple[str, ...], criteria: str | None, fmt: str) -> None:
    """What changed between two versions of an appraisal: two paths (OLD NEW), two git
    revisions of the appraisal in the current folder (HEAD~3 HEAD) or of a path (v1.0
    HEAD -- path/), or a revision against the working tree (v1.0 -- path/). Revisions
    are read from git's objects; nothing is checked out. Shows changed weights (raw and
    as shares of the total), scores, rationale, evidence and gates, options and criteria
    added or removed, and every option's move in rank and points, split exactly among
    the changes that caused it."""
    from ..input.files import label
    from ..input.loading import load
    from ..pipeline.compare import compare
    from ..workshop.git import load_revision

    old, new = _sides(versions)
    loaded = [load(path) if rev is None else load_revision(rev, path)
              for rev, path in (old, new)]
    names = [f"{rev}" if rev else label(path) for rev, path in (old, new)]
    if old[1] == new[1] and new[0] is None:
        names[1] = "working tree"
    result = compare(loaded[0], loaded[1], criteria=criteria, old_label=names[0],
                     new_label=names[1])
    if fmt == "json":
        from ..presentation.diff import diff_to_dict
        from ..presentation.export import to_json

        click.echo(to_json(diff_to_dict(result)), nl=False)
    elif fmt == "markdown":
        from ..presentation.diff import diff_markdown

        click.echo(diff_markdown(result))
    else:
        from .console_diff import print_diff

        print_diff(result)
