"""Safe YAML reading that remembers where every value came from.

PyYAML's parser (the C one when available) produces events; we build plain Python data
from them ourselves so that we can (1) refuse duplicate keys instead of letting the last
one silently win, (2) record the line and column of every value under its path, for
error messages, and (3) skip PyYAML's node and constructor layers, which dominate load
time on large appraisals. Tags are refused; scalars resolve exactly as under
``yaml.SafeLoader`` (YAML 1.1 core schema), so no Python object is ever constructed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Diagnostic, Mark

try:  # the C loader is several times faster on large appraisals
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

PathKey = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Maps a data path (keys and list indices) to the place it was written."""

    record: bool = True  # False: a fast first pass that keeps no line numbers
    marks: dict[PathKey, Mark] = field(default_factory=dict)
    files: dict[PathKey, str] = field(default_factory=dict)  # prefix -> file label

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


_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_CTOR = yaml.constructor.SafeConstructor()
_SIMPLE_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)$")
_SIMPLE_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")


def _scalar(event: yaml.ScalarEvent) -> Any:
    """The value of a scalar under the YAML 1.1 safe schema, as PyYAML's SafeLoader
    resolves it (fast paths for plain decimals; PyYAML's own constructors otherwise)."""
    value = event.value
    if event.tag not in (None, "!"):
        raise yaml.constructor.ConstructorError(None, None, f"the tag {event.tag!r}",
                                                event.start_mark)
    if not event.implicit[0] or event.tag == "!":  # quoted, or explicitly non-specific
        return value
    return _plain(value)


@functools.lru_cache(maxsize=8192)
def _plain(value: str) -> Any:
    """Resolve a plain scalar (cached: appraisals repeat keys and scores endlessly).
    Only immutable values are returned, so sharing them is safe."""
    for tag, regexp in _RESOLVERS.get(value[:1], []) if value else _RESOLVERS.get("", []):
        if not regexp.match(value):
            continue
        if tag.endswith(":int"):
            return int(value) if _SIMPLE_INT.match(value) else \
                _CTOR.construct_yaml_int(yaml.ScalarNode(tag, value))
        if tag.endswith(":float"):
            return float(value) if _SIMPLE_FLOAT.match(value) else \
                _CTOR.construct_yaml_float(yaml.ScalarNode(tag, value))
        if tag.endswith(":bool"):
            return _CTOR.bool_values[value.lower()]
        if tag.endswith(":null"):
            return None
        if tag.endswith(":timestamp"):
            return _CTOR.construct_yaml_timestamp(yaml.ScalarNode(tag, value))
        return value  # merge '<<' and value '=' keys stay plain text
    return value


def _mark(label: str, m: yaml.Mark) -> Mark:
    return Mark(label, m.line + 1, m.column + 1)


@dataclass(slots=True)
class _Frame:
    """A mapping or list whose events are still arriving.

    For a mapping, ``key`` is the key waiting for its value (None while the next
    event is a key), ``skip`` says the pending value belongs to a refused key, and
    ``seen`` maps each key given so far to its line.
    """

    container: dict[str, Any] | list[Any]
    path: PathKey
    start: yaml.Mark
    key: str | None = None
    key_mark: yaml.Mark | None = None
    skip: bool = False
    seen: dict[str, int] = field(default_factory=dict)

    @property
    def wants_key(self) -> bool:
        return isinstance(self.container, dict) and self.key is None and not self.skip

    def child_path(self) -> PathKey:
        if isinstance(self.container, list):
            return (*self.path, len(self.container))
        return (*self.path, self.key if self.key is not None else "?")


class _Builder:
    """Builds plain data from parser events, recording marks and refusing duplicate
    keys, tags and complex keys (problems are appended to ``problems``)."""

    def __init__(self, label: str, prefix: PathKey, smap: SourceMap,
                 problems: list[Diagnostic]) -> None:
        self.label, self.prefix, self.smap, self.problems = label, prefix, smap, problems
        self.anchors: dict[str, Any] = {}
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
                self.attach(frame.container, frame.start, is_scalar=False)
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

    def scalar(self, event: yaml.ScalarEvent) -> None:
        value = _scalar(event)
        if event.anchor:
            self.anchors[event.anchor] = value
        self.attach(value, event.start_mark, is_scalar=True)

    def start(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            raise yaml.constructor.ConstructorError(None, None, f"the tag {event.tag!r}",
                                                    event.start_mark)
        if event.anchor:
            self.anchors[event.anchor] = container
        top = self.stack[-1] if self.stack else None
        path = top.child_path() if top is not None else self.prefix
        self.stack.append(_Frame(container, path, event.start_mark))

    def alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias "
                                              f"{event.anchor!r}", event.start_mark)
        self.attach(self.anchors[event.anchor], event.start_mark, is_scalar=True)

    def attach(self, value: Any, start: yaml.Mark, is_scalar: bool) -> None:
        """Attach a value to the open collection (as a key when one is expected)."""
        if not self.stack:
            self.root, self.done = value, True
            self.record(self.prefix, start)
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            child = (*top.path, len(top.container))
            top.container.append(value)
            self.record(child, start)
        elif top.wants_key:
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
        if key in top.seen:
            self.problem(key_mark, dotted(child), "each key once in a mapping",
                         f"'{key}' again (first given at line {top.seen[key]})")
            return
        top.seen[key] = key_mark.line + 1
        assert isinstance(top.container, dict)
        top.container[key] = value
        self.record(child, at)

    def record(self, path: PathKey, at: yaml.Mark) -> None:
        if self.smap.record:
            self.smap.marks[path] = _mark(self.label, at)


def read_yaml(file: Path, label: str, prefix: PathKey, smap: SourceMap,
              problems: list[Diagnostic]) -> Any:
    """Read one YAML file, recording its marks under ``prefix`` in ``smap`` (when
    ``smap.record``).

    Problems (unreadable file, syntax errors, duplicate keys, tags) are appended to
    ``problems``; the return value is ``None`` when the file could not be parsed.
    """
    smap.files[prefix] = label
    try:
        text = file.read_bytes()
    except OSError as exc:
        problems.append(Diagnostic(label, 0, 0, "", "a readable file", exc.strerror or str(exc)))
        return None
    try:
        return _Builder(label, prefix, smap, problems).build(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if isinstance(exc, yaml.constructor.ConstructorError):
            problems.append(Diagnostic(label, line, col, "", "plain YAML values (no tags)",
                                       str(exc.problem)))
        else:
            problems.append(Diagnostic(label, line, col, "", "valid YAML",
                                       f"a syntax error ({exc.problem or exc.context})"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Diagnostic(label, 0, 0, "", "valid YAML", str(exc)))
        return None
