"""The Markdown paper's golden files: one a section, its wording and its numbers compared
apart, so that a changed number cannot hide among changed words.

Layout (``tests/golden/paper/``)::

    sections.txt      the sections' names in the order of the paper, one a line
    title.md          everything before the first "## " heading (committee, date, title)
    <name>.md         one file a "## " section, from its heading to the next
                      ("### " headings stay in their section): the recommendation,
                      each body section, each appendix, the footer (reproducibility)

A section's name is its heading's words in lower case joined by hyphens, digits left
out ("## Appendix 2 – Sensitivity analysis in full" is
``appendix-sensitivity-analysis-in-full``), so renumbering the appendices renames no
file: the new number shows as a changed number.

:func:`compare` matches the golden and the current lines with every number masked
(:data:`NUMBER`), so a line whose words are unchanged is matched even when its numbers
moved. Then:

- **numbers**: on each matched line, the numbers in order, one against the other; each
  change is reported with its file and line, its table row and column when in a table,
  and the words around it (``section results-of-the-appraisal, line 14: 68.5 -> 68.6
  in '...leads with «68.6» points...'``);
- **wording**: every other line, as a unified diff of the real text (numbers shown as
  they are), three lines of context.

The message is built here, whole: pytest never truncates it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

NUMBER = re.compile(r"(?<![\w.\\])[-+\u2212]?[£$€]?\d+(?:\\?[.,]\d+)*")
"""A number: digits with decimal points or thousands commas (68.5, 2,000, 01905), the
point escaped as Markdown writes it in tables (68\\.5), with its sign and currency when
written against it (-0.5, +£6.36). Digits run on from a letter are part of a word
(sha256); after a hyphen they are a number (the 2 of SMAA-2, the 12 of 2017-12-14)."""

MASK = "\ue000"
"""What a number becomes when lines are matched (a character the paper never uses)."""

CONTEXT = 3
"""Lines of context around each changed stretch of wording."""

WIDTH = 40
"""Characters shown either side of a changed number."""


@dataclass(frozen=True)
class Section:
    """One section of the paper: its file name (without .md), heading and text."""

    name: str
    heading: str
    text: str


def section_name(heading: str) -> str:
    """The file name of a section: its heading's words, lower case, digits left out."""
    return "-".join(re.findall(r"[a-z]+", heading.lower())) or "section"


def split_sections(text: str) -> list[Section]:
    """The paper in sections: the title page (everything before the first ``## ``
    heading), then one a ``## `` heading. Joined again, they are ``text``."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            parts.append((line[3:].strip(), []))
        parts[-1][1].append(line)
    out: list[Section] = []
    seen: dict[str, int] = {}
    for heading, lines in parts:
        if not heading and not lines:
            continue
        name = section_name(heading) if heading else "title"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name}-{seen[name]}"
        out.append(Section(name, heading or "(title page)", "".join(lines)))
    return out


def mask(line: str) -> str:
    """The line with every number replaced by :data:`MASK`."""
    return NUMBER.sub(MASK, line)


def _table_cell(lines: list[str], row: int, pos: int) -> str:
    """Where position ``pos`` of table row ``lines[row]`` is: "row 'its first cell that
    is not a number', column 'header'" ('' outside a table, or in its header or
    separator)."""
    line = lines[row]
    if not line.startswith("|"):
        return ""
    top = row
    while top > 0 and lines[top - 1].startswith("|"):
        top -= 1
    if row - top < 2:  # the header or the |---| line
        return ""
    cells = line.split("|")
    column = line[:pos].count("|")
    header = lines[top].split("|")
    label = header[column].strip() if column < len(header) else ""
    words = [c.strip() for c in cells[1:-1] if c.strip() and not NUMBER.fullmatch(c.strip())]
    where = f"row '{(words or [cells[1].strip()])[0]}'"  # the first cell that is not a number
    return f"{where}, column '{label}'" if column > 1 and label else where


def _around(line: str, match: re.Match[str]) -> str:
    """The words around a number, the number marked «so»."""
    lo, hi = max(0, match.start() - WIDTH), min(len(line), match.end() + WIDTH)
    return ("..." if lo else "") + line[lo:match.start()] + "«" + match.group() + "»" \
        + line[match.end():hi] + ("..." if hi < len(line) else "")


def _number_changes(name: str, golden: list[str], now: list[str],
                    pairs: list[tuple[int, int]]) -> list[str]:
    out = []
    for i, j in pairs:
        if golden[i] == now[j]:
            continue
        for x, y in zip(NUMBER.finditer(golden[i]), NUMBER.finditer(now[j]), strict=True):
            if x.group() != y.group():
                cell = _table_cell(now, j, y.start())
                old, new = (z.group().replace("\\", "") for z in (x, y))
                out.append(f"section {name}, line {i + 1}: {old} -> {new} in "
                           + (f"{cell}: " if cell else "") + f"'{_around(now[j], y)}'")
    return out


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it (difflib's convention)."""
    return f"{start + 1},{stop - start}" if stop > start else f"{start},0"


def _wording_diff(golden: list[str], now: list[str], masked_golden: list[str],
                  masked_now: list[str], label: str) -> list[str]:
    """A unified diff of the lines whose words changed, matched with numbers masked;
    context lines whose numbers changed show as changed."""
    matcher = difflib.SequenceMatcher(None, masked_golden, masked_now, autojunk=False)
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(CONTEXT):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        if not out:
            out += [f"--- {label}", "+++ the paper now"]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                for i, j in zip(range(a1, a2), range(b1, b2), strict=True):
                    if golden[i] == now[j]:
                        out.append(" " + now[j])
                    else:
                        out += ["-" + golden[i], "+" + now[j]]
                continue
            out += ["-" + line for line in golden[a1:a2]]
            out += ["+" + line for line in now[b1:b2]]
    return out


def compare(section: Section, golden_text: str, label: str) -> str | None:
    """None when ``section`` reads as ``golden_text``; else the whole difference, the
    changed numbers then the changed wording (see the module docstring). ``label``
    names the golden file."""
    if section.text == golden_text:
        return None
    golden, now = golden_text.splitlines(), section.text.splitlines()
    masked_golden, masked_now = [mask(x) for x in golden], [mask(x) for x in now]
    matcher = difflib.SequenceMatcher(None, masked_golden, masked_now, autojunk=False)
    pairs = [(i, j) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag == "equal"
             for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
    numbers = _number_changes(section.name, golden, now, pairs)
    wording = _wording_diff(golden, now, masked_golden, masked_now, label)
    head = [f"paper section '{section.heading}' ({section.name}) differs from {label}:"]
    if numbers:
        head.append(f"{len(numbers)} number(s) changed (golden -> now) where the words did not:")
        head += ["  " + x for x in numbers]
    if wording:
        head.append("the wording changed (lines matched with their numbers masked):")
        head += wording
    if not numbers and not wording:  # only line ends or the final newline
        head.append(f"only in line endings: {golden_text[-20:]!r} -> {section.text[-20:]!r}")
    return "\n".join(head)
