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

from .errors import Diagnostic

try:  # the C loader is several times faster on large appraisals
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """Where a value sits: file as shown to the user, 1-based line and column."""

    file: str
    line: int
    column: int


@dataclass
class SourceMap:
    """Maps a data path (keys and list indices) to the place it was written."""

    record: bool = True  # False: a fast first pass that keeps no line numbers
    marks: dict[PathKey, Mark] = field(default_factory=dict)
    files: dict[PathKey, str] = field(default_factory=dict)  # prefix -> file label
    prefixes: dict[PathKey, PathKey] = field(default_factory=dict)

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


def _build(events: Any, label: str, prefix: PathKey, smap: SourceMap,
           problems: list[Diagnostic]) -> Any:
    """Build plain data from parser events, recording marks and refusing duplicate keys.

    A stack of open collections: for a mapping, the pending key (or None while the
    next scalar is a key) and the keys seen with their lines.
    """
    record = smap.record
    anchors: dict[str, Any] = {}
    stack: list[list[Any]] = []  # [container, path, pending_key, key_event_mark, seen]
    root: Any = None
    done = False

    def attach(value: Any, start: yaml.Mark, is_scalar: bool) -> bool:
        """Attach a value to the open collection; False when it was a key."""
        nonlocal root, done
        if not stack:
            root, done = value, True
            if record:
                smap.marks[prefix] = _mark(label, start)
            return True
        top = stack[-1]
        container, path = top[0], top[1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            if record:
                smap.marks[child] = _mark(label, start)
            return True
        if top[2] is _NO_KEY:
            if not isinstance(value, (str, int, float, bool)) and value is not None:
                problems.append(Diagnostic(label, start.line + 1, start.column + 1,
                                           dotted(path), "a plain key", "a complex key"))
                top[2] = _SKIP
            else:
                top[2], top[3] = (value if isinstance(value, str) else str(value)), start
            return False
        key, key_mark, seen = top[2], top[3], top[4]
        top[2] = _NO_KEY
        if key is _SKIP:
            return True
        child = (*path, key)
        if key in seen:
            problems.append(Diagnostic(label, key_mark.line + 1, key_mark.column + 1,
                                       dotted(child), "each key once in a mapping",
                                       f"'{key}' again (first given at line {seen[key]})"))
            return True
        seen[key] = key_mark.line + 1
        container[key] = value
        if record:
            smap.marks[child] = _mark(label, start if is_scalar else key_mark)
        return True

    def child_path() -> PathKey:
        if not stack:
            return prefix
        top = stack[-1]
        if isinstance(top[0], list):
            return (*top[1], len(top[0]))
        return (*top[1], top[2]) if isinstance(top[2], str) else (*top[1], "?")

    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            value = _scalar(event)
            if event.anchor:
                anchors[event.anchor] = value
            attach(value, event.start_mark, True)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                raise yaml.constructor.ConstructorError(None, None, f"the tag {event.tag!r}",
                                                        event.start_mark)
            container: Any = {} if kind is yaml.MappingStartEvent else []
            if event.anchor:
                anchors[event.anchor] = container
            path = child_path()
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                problems.append(Diagnostic(label, event.start_mark.line + 1,
                                           event.start_mark.column + 1, dotted(stack[-1][1]),
                                           "a plain key", "a complex key"))
            stack.append([container, path, _NO_KEY, None, {}, event.start_mark])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            top = stack.pop()
            attach(top[0], top[5], False)
        elif kind is yaml.AliasEvent:
            if event.anchor not in anchors:
                raise yaml.composer.ComposerError(None, None, f"found undefined alias "
                                                  f"{event.anchor!r}", event.start_mark)
            attach(anchors[event.anchor], event.start_mark, True)
        elif kind is yaml.DocumentStartEvent and done:
            problems.append(Diagnostic(label, event.start_mark.line + 1, 1, "",
                                       "a single YAML document", "a second document"))
            return None
    return root


_NO_KEY = object()
_SKIP = object()


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
        return _build(yaml.parse(text, Loader=_Loader), label, prefix, smap, problems)
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
