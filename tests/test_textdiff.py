"""import-xlsx --dry-run's unified diff: applying it to the old text gives the new one,
and hostile lines (three lines repeated in another order) cost no more than ordinary
ones (difflib's matcher took minutes on 4,000 such lines)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.workshop.textdiff import unified_diff


def _apply(old: list[str], diff: str) -> list[str]:
    out: list[str] = []
    i = 0
    for line in diff.splitlines(keepends=True)[2:]:
        if line.startswith("@@"):
            start = int(line.split()[1].split(",")[0][1:]) - 1
            if int(line.split()[1].split(",")[1]) == 0:
                start += 1
            out += old[i:start]
            i = start
        elif line[0] == " ":
            out.append(line[1:])
            i += 1
        elif line[0] == "-":
            i += 1
        else:
            out.append(line[1:])
    return out + old[i:]


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "evidence:\n", "- x\n"]), max_size=40)


@settings(max_examples=200, deadline=None)
@given(LINES, LINES)
def test_the_diff_turns_the_old_text_into_the_new(old: list[str], new: list[str]) -> None:
    diff = unified_diff("".join(old), "".join(new), "f.yaml")
    assert diff.startswith("--- a/f.yaml\n+++ b/f.yaml\n")
    assert _apply(old, diff) == new
    assert (diff == "--- a/f.yaml\n+++ b/f.yaml\n") == (old == new)


def test_hostile_lines_are_diffed_whole() -> None:
    old = ["x\n", "y\n", "z\n"] * 1500
    new = ["z\n", "x\n", "y\n"] * 1500
    assert _apply(old, unified_diff("".join(old), "".join(new), "f.yaml")) == new


def test_context_and_merged_hunks() -> None:
    old = [f"{k}\n" for k in range(30)]
    new = list(old)
    new[5], new[10], new[25] = "five\n", "ten\n", "twenty-five\n"
    diff = unified_diff("".join(old), "".join(new), "f.yaml")
    assert [ln for ln in diff.splitlines() if ln.startswith("@@")] == [
        "@@ -3,12 +3,12 @@", "@@ -23,7 +23,7 @@"]
