"""A unified diff of two texts, as ``import-xlsx --dry-run`` shows the changes it would
write."""

from __future__ import annotations

import difflib


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of two texts, headed ``a/NAME`` and ``b/NAME``, three lines of
    context, every line ending in a newline (without difflib's "popular line"
    heuristic, which shows a repeated line such as ``evidence:`` as changed when it is
    not)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(3):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{i1 + 1},{i2 - i1} +{j1 + 1},{j2 - j1} @@\n")
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                out += [" " + line for line in a[x1:x2]]
                continue
            out += ["-" + line for line in a[x1:x2]]
            out += ["+" + line for line in b[y1:y2]]
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)
