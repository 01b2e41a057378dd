"""A paper (or a JSON output) and the one made again from its inputs, compared as a
reader would: every line, tag, attribute, script and style of the HTML; every line of
the Markdown; every part of the Word file (its body, headers, footers, notes, comments,
text boxes, styles and settings). Nothing is skipped: the two follow from each other
exactly when the paper's text (line ends aside) or the Word file's parts are the very
ones the tool writes.

Where they differ, each difference is shown as lines: the file's own lines for HTML
and Markdown, a paragraph for Word (named by its part, unless in the body; a part
whose text is the same but whose markup is not is named as such), ``path: value`` for
JSON. Lines are matched by :mod:`.linediff`, and at most :data:`MAX_LINES` lines of a
side are compared, so a hostile file costs time and memory in proportion to its size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .linediff import changed_blocks
from .paper_record import OutputFormat
from .word_parts import paragraphs, part_name, read_parts

WINDOW = 110
"""The characters of each side shown for a difference."""
LEAD = 40
"""How many characters before the first difference a shown side starts."""
KEPT = 1_000
"""The differences kept (the rest are counted)."""
MAX_LINES = 400_000
"""The most lines of a side compared (a paper of a thousand options has far fewer); the
rest are counted in one line."""
BODY = "word/document.xml"
"""The Word part whose paragraphs are shown without their part's name."""
NOTHING = "(nothing)"
"""A side that lacks a line the other has."""
BLANK = "(a blank line)"
"""How a blank line is shown."""


@dataclass(frozen=True)
class Difference:
    """One line that differs: as the paper has it and as the inputs give it, each cut to
    a window from a little before where they first differ (:data:`NOTHING` for a line
    one side lacks)."""

    paper: str
    inputs: str


@dataclass(frozen=True)
class Found:
    """The differences found: the first :data:`KEPT` of them, and how many in all
    (0 exactly when the two follow from each other)."""

    differences: tuple[Difference, ...]
    count: int


UNSEEN = Difference("(a difference no line shows: in its structure, or beyond the lines "
                    "compared)", NOTHING)
"""The difference of a file that is not the same but whose compared lines are."""


def paper_differences(fmt: OutputFormat, paper: bytes, parts: Mapping[str, bytes],
                      again: bytes, shown: str) -> Found:
    """The paper's bytes (``parts``: a Word paper's, as read) against the paper made
    again, in format ``fmt`` (not JSON)."""
    if fmt is OutputFormat.WORD:
        made = read_parts(again, "the paper made again")
        return _found(dict(parts) == made, *_word(parts, made, shown))
    old = paper.decode("utf-8", "surrogateescape").replace("\r\n", "\n")
    new = again.decode("utf-8").replace("\r\n", "\n")
    return _found(old == new, _lines(old), _lines(new))


def json_differences(paper: Any, again: Any) -> Found:
    """A JSON output against the one computed again, as ``path: value`` lines."""
    same = json.dumps(paper) == json.dumps(again)
    return _found(same, json_lines(paper, MAX_LINES), json_lines(again, MAX_LINES))


def json_lines(data: Any, most: int | None = None) -> list[str]:
    """A JSON document as 'path: value' lines (``a.b[2].c: 1``), in document order,
    walked without recursion and one value at a time, however deep or long the
    document; at most ``most`` of them, then one line saying there are more."""
    out: list[str] = []
    todo: list[Iterator[tuple[str, Any]]] = [iter([("", data)])]
    while todo:
        item = next(todo[-1], None)
        if item is None:
            todo.pop()
            continue
        prefix, value = item
        if isinstance(value, dict | list):
            todo.append(_children(prefix, value))
        elif most is not None and len(out) >= most:
            return [*out, "(more lines, not compared)"]
        else:
            out.append(f"{prefix}: {json.dumps(value)}")
    return out


def _children(prefix: str, value: dict[str, Any] | list[Any]) -> Iterator[tuple[str, Any]]:
    """Each member of a JSON object or array with its path, made as it is reached."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield (f"{prefix}.{k}" if prefix else str(k)), v
    else:
        for i, v in enumerate(value):
            yield f"{prefix}[{i}]", v


def differences(old: list[str], new: list[str]) -> Found:
    """Every line of ``old`` (the paper) and ``new`` (the inputs) outside the lines
    they share in order, paired in order; none when the two are the same."""
    kept: list[Difference] = []
    count = 0
    for block in changed_blocks(old, new):
        size = max(block.old_to - block.old_from, block.new_to - block.new_from)
        for k in range(min(size, KEPT - len(kept))):
            i, j = block.old_from + k, block.new_from + k
            was = (old[i] or BLANK) if i < block.old_to else NOTHING
            now = (new[j] or BLANK) if j < block.new_to else NOTHING
            kept.append(Difference(*_window(was, now)))
        count += size
    return Found(tuple(kept), count)


def _found(same: bool, old: list[str], new: list[str]) -> Found:
    """The differences of the lines; when the files differ (``same`` false) in a way
    no compared line shows, one difference saying so, so that a file follows exactly
    when it is the same."""
    found = differences(old, new) if not same else Found((), 0)
    if not same and not found.count:
        return Found((UNSEEN,), 1)
    return found


def _lines(text: str) -> list[str]:
    """A text's lines, blank ones kept, at most :data:`MAX_LINES` of them."""
    lines = text.split("\n", MAX_LINES)
    if len(lines) > MAX_LINES:
        lines[-1] = _more(lines[-1].count("\n") + 1)
    return lines


def _capped(lines: list[str]) -> list[str]:
    """At most :data:`MAX_LINES` lines, then one saying how many more."""
    if len(lines) <= MAX_LINES:
        return lines
    return [*lines[:MAX_LINES], _more(len(lines) - MAX_LINES)]


def _more(count: int) -> str:
    """The line standing for ``count`` lines not compared."""
    return f"({count:,} more line{'s' if count != 1 else ''}, not compared)"


def _word(paper: Mapping[str, bytes], again: Mapping[str, bytes],
          shown: str) -> tuple[list[str], list[str]]:
    """The Word paper's parts against the parts made again, as lines: the paragraphs of
    every XML part that differs, each part's named (but the body's); a part whose text
    is the same, a part only one side has or one that is not XML, as one line naming
    it."""
    old: list[str] = []
    new: list[str] = []
    for name in sorted(paper.keys() | again.keys(), key=lambda n: (n != BODY, n)):
        was, now = paper.get(name), again.get(name)
        if was == now:
            continue
        tag = "" if name == BODY else f"[{part_name(name)}] "
        if name.endswith((".xml", ".rels")):
            a = [] if was is None else paragraphs(was, name, shown, MAX_LINES)
            b = [] if now is None else paragraphs(now, name, "the paper made again",
                                                  MAX_LINES)
            if a != b:
                old += [tag + x for x in a]
                new += [tag + x for x in b]
                continue
        summary = _summary(was, now, name.endswith((".xml", ".rels")))
        old.append(tag + summary[0])
        new.append(tag + summary[1])
    return _capped(old), _capped(new)


def _summary(was: bytes | None, now: bytes | None, xml: bool) -> tuple[str, str]:
    """How a part that differs in no paragraph is shown: in the paper, and as made."""
    if was is None:
        return "(no such part)", "a part the tool writes"
    if now is None:
        return "a part the tool does not write", "(no such part)"
    if xml:
        return ("the same text in other markup (formatting, hidden or added content, "
                "settings)", "the markup the tool writes")
    return "other content", "the content the tool writes"


def _window(a: str, b: str, width: int = WINDOW) -> tuple[str, str]:
    """Both texts from a little before where they first differ."""
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
             min(len(a), len(b)))
    start = max(0, i - LEAD)

    def cut(t: str) -> str:
        return (("..." if start else "") + t[start:start + width]
                + ("..." if len(t) > start + width else ""))

    return cut(a), cut(b)
