"""Safe YAML reading that remembers where every value came from.

PyYAML's parser (the C one when available) produces events; we build plain Python data
from them ourselves so that we can (1) refuse duplicate keys instead of letting the last
one silently win (keys that differ only in surrounding spaces or case are the same key),
(2) record the line and column of every value under its path, for error messages, (3)
bound what a file can cost (values once aliases are expanded, nesting depth), and (4)
skip PyYAML's node and constructor layers, which dominate load time on large appraisals.
Tags and merge keys are refused; scalars resolve exactly as under ``yaml.SafeLoader``
(YAML 1.1 core schema), so no Python object is ever constructed, and a scalar PyYAML
could not turn into a number or date (e.g. an integer of 5,000 digits) stays text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import Diagnostic, Mark
from .yamlscalars import plain_scalar

try:  # the C loader is several times faster on large appraisals
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

PathKey = tuple[str | int, ...]

MAX_VALUES = 5_000_000
"""The most values (scalars and collections) one appraisal may hold once every alias
is expanded: a guard against "billion laughs" alias bombs."""
MAX_DEPTH = 64
"""The deepest nesting of collections in a file."""


@dataclass
class SourceMap:
    """Maps a data path (keys and list indices) to the place it was written."""

    record: bool = True  # False: a fast first pass that keeps no line numbers
    marks: dict[PathKey, Mark] = field(default_factory=dict)
    files: dict[PathKey, str] = field(default_factory=dict)  # prefix -> file label
    values: int = 0  # values built so far, aliases expanded (bounded by MAX_VALUES)

    def locate(self, path: PathKey) -> tuple[Mark | None, PathKey]:
        """The mark of ``path`` or of its nearest recorded ancestor, and the path
        relative to the file that holds it."""
        p = tuple(path)
        while p and p not in self.marks:
            p = p[:-1]
        mark = self.marks.get(p)
        prefix: PathKey = ()
        for n in range(len(path), -1, -1):
            if tuple(path[:n]) in self.files:
                prefix = tuple(path[:n])
                break
        if mark is None and prefix in self.files:
            mark = Mark(self.files[prefix], 0, 0)
        return mark, tuple(path[len(prefix):])

    def diagnostic(self, path: PathKey, expected: str, found: str) -> Diagnostic:
        """A problem at data path ``path``, located in the file that holds it and
        named by its dotted path within that file."""
        mark, rel = self.locate(path)
        return Diagnostic.at(mark, dotted(rel), expected, found)


def dotted(path: PathKey) -> str:
    """``('scores', 'focus', 'value')`` -> ``scores.focus.value``; indices as ``[2]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def shorten(text: str, limit: int = 60) -> str:
    """Text from the input as a message quotes it: at most ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _mark(label: str, m: yaml.Mark) -> Mark:
    return Mark(label, m.line + 1, m.column + 1)


class _TooBig(Exception):
    """The input holds too many values or is nested too deeply."""

    def __init__(self, at: yaml.Mark, expected: str, found: str) -> None:
        super().__init__(expected)
        self.at, self.expected, self.found = at, expected, found


@dataclass(slots=True)
class _Frame:
    """A mapping or list whose events are still arriving.

    For a mapping, ``key`` is the key waiting for its value (None while the next
    event is a key), ``skip`` says the pending value belongs to a refused key, and
    ``seen`` maps each key given so far, compared without surrounding spaces and case,
    to its line and spelling. ``size`` counts the values inside, aliases expanded.
    """

    container: dict[str, Any] | list[Any]
    path: PathKey
    start: yaml.Mark
    anchor: str | None = None
    key: str | None = None
    key_mark: yaml.Mark | None = None
    skip: bool = False
    seen: dict[str, tuple[int, str]] = field(default_factory=dict)
    size: int = 1

    @property
    def wants_key(self) -> bool:
        return isinstance(self.container, dict) and self.key is None and not self.skip

    def child_path(self) -> PathKey:
        if isinstance(self.container, list):
            return (*self.path, len(self.container))
        return (*self.path, self.key if self.key is not None else "?")


class _Builder:
    """Builds plain data from parser events, recording marks and refusing duplicate
    keys, tags, merge keys and complex keys (problems are appended to ``problems``)."""

    def __init__(self, label: str, prefix: PathKey, smap: SourceMap,
                 problems: list[Diagnostic]) -> None:
        self.label, self.prefix, self.smap, self.problems = label, prefix, smap, problems
        self.anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, size)
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.done = False

    def build(self, events: Any) -> Any:
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self.scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.start(event, {} if kind is yaml.MappingStartEvent else [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = self.stack.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.container, frame.size)
                self.attach(frame.container, frame.start, is_scalar=False, size=frame.size)
            elif kind is yaml.AliasEvent:
                self.alias(event)
            elif kind is yaml.DocumentStartEvent and self.done:
                self.problem(event.start_mark, "", "a single YAML document",
                             "a second document", column=1)
                return None
        return self.root

    def problem(self, at: yaml.Mark, field: str, expected: str, found: str,
                column: int | None = None) -> None:
        self.problems.append(Diagnostic(self.label, at.line + 1,
                                        at.column + 1 if column is None else column,
                                        field, expected, found))

    def count(self, size: int, at: yaml.Mark) -> None:
        self.smap.values += size
        if self.smap.values > MAX_VALUES:
            raise _TooBig(at, f"at most {MAX_VALUES:,} values once aliases are expanded",
                          "more (aliases that repeat aliases?)")

    def scalar(self, event: yaml.ScalarEvent) -> None:
        if event.tag not in (None, "!"):
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {shorten(event.tag, 40)!r}", event.start_mark)
        plain = event.implicit[0] and event.tag != "!"
        value = plain_scalar(event.value) if plain else event.value
        top = self.stack[-1] if self.stack else None
        if value == "<<" and plain and top is not None and top.wants_key:
            self.problem(event.start_mark, dotted(top.path),
                         "the fields written out in full (no merge keys)", "'<<'")
            top.skip = True
            return
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.attach(value, event.start_mark, is_scalar=True, size=1)

    def start(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {shorten(event.tag, 40)!r}", event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise _TooBig(event.start_mark, f"collections nested at most {MAX_DEPTH} deep",
                          "deeper nesting")
        self.count(1, event.start_mark)
        top = self.stack[-1] if self.stack else None
        path = top.child_path() if top is not None else self.prefix
        self.stack.append(_Frame(container, path, event.start_mark, anchor=event.anchor))

    def alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias "
                                              f"{shorten(event.anchor, 40)!r}",
                                              event.start_mark)
        value, size = self.anchors[event.anchor]
        self.attach(value, event.start_mark, is_scalar=True, size=size)

    def attach(self, value: Any, start: yaml.Mark, is_scalar: bool, size: int) -> None:
        """Attach a value to the open collection (as a key when one is expected). The
        hot path of reading: kept to plain attribute access."""
        if is_scalar:  # a collection counted itself and its contents as they came
            total = self.smap.values + size
            self.smap.values = total
            if total > MAX_VALUES:
                raise _TooBig(start, f"at most {MAX_VALUES:,} values once aliases are "
                              "expanded", "more (aliases that repeat aliases?)")
        stack = self.stack
        if not stack:
            self.root, self.done = value, True
            self.record(self.prefix, start)
            return
        top = stack[-1]
        top.size += size
        container = top.container
        if type(container) is list:
            if self.smap.record:
                self.smap.marks[(*top.path, len(container))] = _mark(self.label, start)
            container.append(value)
        elif top.key is None and not top.skip:
            self.take_key(top, value, start)
        else:
            self.take_value(top, value, start if is_scalar else top.key_mark or start)

    def take_key(self, top: _Frame, value: Any, start: yaml.Mark) -> None:
        if isinstance(value, (str, int, float, bool)) or value is None:
            top.key = value if isinstance(value, str) else str(value)
            top.key_mark = start
        else:  # a collection (or an alias to one) used as a key: refuse it, drop its value
            self.problem(start, dotted(top.path), "a plain key", "a complex key")
            top.skip = True

    def take_value(self, top: _Frame, value: Any, at: yaml.Mark) -> None:
        key, key_mark = top.key, top.key_mark
        top.key, top.key_mark = None, None
        if top.skip or key is None or key_mark is None:
            top.skip = False
            return
        child = (*top.path, key)
        same = key.strip().casefold()
        if same in top.seen:
            line, first = top.seen[same]
            again = f"'{shorten(key)}' again" + (
                "" if first == key else f" (as '{shorten(first)}'; keys that differ only in "
                                        "spaces or case are the same key)")
            self.problem(key_mark, dotted(child), "each key once in a mapping",
                         f"{again} (first given at line {line})")
            return
        top.seen[same] = (key_mark.line + 1, key)
        assert isinstance(top.container, dict)
        top.container[key] = value
        if self.smap.record:
            self.smap.marks[child] = _mark(self.label, at)

    def record(self, path: PathKey, at: yaml.Mark) -> None:
        if self.smap.record:
            self.smap.marks[path] = _mark(self.label, at)


def parse_yaml(text: str, label: str, prefix: PathKey, smap: SourceMap,
               problems: list[Diagnostic]) -> Any:
    """Build the data of one YAML document, recording its marks under ``prefix`` in
    ``smap`` (when ``smap.record``).

    Problems (syntax errors, duplicate keys, tags, too many values) are appended to
    ``problems``; the return value is ``None`` when the text could not be read.
    """
    smap.files[prefix] = label
    try:
        return _Builder(label, prefix, smap, problems).build(yaml.parse(text, Loader=_Loader))
    except _TooBig as exc:
        problems.append(Diagnostic(label, exc.at.line + 1, exc.at.column + 1, "",
                                   exc.expected, exc.found))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if isinstance(exc, yaml.constructor.ConstructorError):
            problems.append(Diagnostic(label, line, col, "", "plain YAML values (no tags)",
                                       shorten(str(exc.problem), 80)))
        else:
            why = shorten(str(exc.problem or exc.context), 80)
            problems.append(Diagnostic(label, line, col, "", "valid YAML",
                                       f"a syntax error ({why})"))
    except yaml.YAMLError as exc:
        problems.append(Diagnostic(label, 0, 0, "", "valid YAML", shorten(str(exc), 120)))
    return None
