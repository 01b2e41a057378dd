"""Safe YAML reading that remembers where every value came from.

PyYAML composes the document into nodes (with the C parser when available); we build
plain Python data from the nodes ourselves so that we can (1) refuse duplicate keys
instead of letting the last one silently win, and (2) record the line and column of
every value under its path, for error messages. No Python objects are ever constructed
from tags: this is the safe loader's scalar resolution only.
"""

from __future__ import annotations

from collections.abc import Hashable
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


class _Builder(yaml.constructor.SafeConstructor):
    pass


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _build(node: yaml.Node, path: PathKey, label: str, smap: SourceMap,
           problems: list[Diagnostic], ctor: _Builder) -> Any:
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
        raise yaml.constructor.ConstructorError(
            None, None, f"the tag {node.tag!r}", node.start_mark)
    if isinstance(node, yaml.MappingNode):
        out: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            key = ctor.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable) or isinstance(key, (list, dict)):
                problems.append(_diag(label, key_node, dotted(path), "a plain key", "a complex key"))
                continue
            skey = key if isinstance(key, str) else str(key)
            child = (*path, skey)
            if skey in out:
                first = smap.marks.get(child)
                where = f"line {first.line}" if first else "earlier"
                problems.append(_diag(label, key_node, dotted(child),
                                      "each key once in a mapping",
                                      f"'{skey}' again (first given at {where})"))
                continue
            anchor = value_node if isinstance(value_node, yaml.ScalarNode) else key_node
            smap.marks[child] = Mark(label, anchor.start_mark.line + 1,
                                     anchor.start_mark.column + 1)
            out[skey] = _build(value_node, child, label, smap, problems, ctor)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            child = (*path, i)
            smap.marks[child] = Mark(label, item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_build(item, child, label, smap, problems, ctor))
        return items
    return ctor.construct_object(node, deep=True)


def _diag(label: str, node: yaml.Node, field: str, expected: str, found: str) -> Diagnostic:
    return Diagnostic(label, node.start_mark.line + 1, node.start_mark.column + 1,
                      field, expected, found)


def read_yaml(file: Path, label: str, prefix: PathKey, smap: SourceMap,
              problems: list[Diagnostic]) -> Any:
    """Read one YAML file, recording its marks under ``prefix`` in ``smap``.

    Problems (unreadable file, syntax errors, duplicate keys) are appended to
    ``problems``; the return value is ``None`` when the file could not be parsed.
    """
    smap.files[prefix] = label
    try:
        text = file.read_bytes()
    except OSError as exc:
        problems.append(Diagnostic(label, 0, 0, "", "a readable file", exc.strerror or str(exc)))
        return None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problems.append(Diagnostic(label, line, col, "", "valid YAML",
                                   f"a syntax error ({exc.problem or exc.context})"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Diagnostic(label, 0, 0, "", "valid YAML", str(exc)))
        return None
    if node is None:
        return None
    smap.marks[prefix] = Mark(label, node.start_mark.line + 1, node.start_mark.column + 1)
    try:
        return _build(node, prefix, label, smap, problems, _Builder())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problems.append(Diagnostic(label, line, col, "", "plain YAML values (no tags)",
                                   str(exc.problem)))
        return None
