"""A unified diff of two texts, as ``import-xlsx --dry-run`` shows the changes it would
write: the changed blocks of :mod:`.linediff` (close to linear time however hostile the
lines; difflib's matcher takes time growing with the cube of the lines on some), with
three lines of context, hunks closer than six lines merged as ``diff -u`` does."""

from __future__ import annotations

from .linediff import Block, changed_blocks

CONTEXT = 3


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of two texts, headed ``a/NAME`` and ``b/NAME``, three lines of
    context, every line ending in a newline."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]
    for hunk in _hunks(changed_blocks(a, b), len(a), len(b)):
        first, last = hunk[0], hunk[-1]
        i1, j1 = max(0, first.old_from - CONTEXT), max(0, first.new_from - CONTEXT)
        i2, j2 = min(len(a), last.old_to + CONTEXT), min(len(b), last.new_to + CONTEXT)
        out.append(f"@@ -{i1 + 1},{i2 - i1} +{j1 + 1},{j2 - j1} @@\n")
        i = i1
        for blk in hunk:
            out += [" " + line for line in a[i:blk.old_from]]
            out += ["-" + line for line in a[blk.old_from:blk.old_to]]
            out += ["+" + line for line in b[blk.new_from:blk.new_to]]
            i = blk.old_to
        out += [" " + line for line in a[i:i2]]
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def _hunks(blocks: list[Block], n_old: int, n_new: int) -> list[list[Block]]:
    """The changed blocks grouped into hunks: a block starts a new hunk when the equal
    lines since the previous one are more than twice the context."""
    hunks: list[list[Block]] = []
    for blk in blocks:
        if hunks and blk.old_from - hunks[-1][-1].old_to <= 2 * CONTEXT:
            hunks[-1].append(blk)
        else:
            hunks.append([blk])
    return hunks
