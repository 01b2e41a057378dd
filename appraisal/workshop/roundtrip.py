"""Round-trip YAML (ruamel.yaml): reading a file and writing it back keeps its
comments, key order, quotes and layout, and a value written in place of another takes
the old one's style.

ruamel.yaml writes an untouched round trip of every file of the bundled example byte
for byte, except the indentation indicator of a folded text that starts with a blank
line (``>-`` becomes ``>2-``, the same text); so a file is only written back when one of
its values changed (:attr:`Document.changed`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString


def round_trip_yaml() -> YAML:
    """A round-trip reader and writer with the layout of the tool's files: lines never
    folded, mappings indented by 2, sequences by 4 with the dash at 2."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


@dataclass
class Document:
    """One YAML file as read (``text``) and as a round-trip tree (``data``, edited in
    place); ``changed`` once a value in it is changed."""

    path: Path
    text: str
    data: Any
    changed: bool = False

    @classmethod
    def parse(cls, path: Path, text: str, y: YAML) -> Document:
        """The text of the file at ``path`` (as read by the loader's reader) parsed
        with ``y``."""
        return cls(path, text, y.load(text))

    def dump(self, y: YAML) -> str:
        """The document's text as it now stands, written with ``y``."""
        buf = io.StringIO()
        y.dump(self.data, buf)
        return buf.getvalue()


def styled(before: Any, value: Any) -> Any:
    """``value`` written in the style of the text it replaces (quoted stays quoted, a
    folded block stays folded)."""
    if isinstance(value, str) and isinstance(before, ScalarString) and \
            type(before) is not ScalarString:
        return type(before)(value)
    return value


def list_like(before: Any, items: tuple[str, ...]) -> CommentedSeq:
    """``items`` as a list in the style of the list it replaces: unchanged items keep
    their own nodes (and quotes), new ones take the style of the first old item."""
    old = list(before) if isinstance(before, CommentedSeq) else (
        [before] if isinstance(before, str) else [])
    pool = {str(x): x for x in old}
    model = old[0] if old else None
    seq = CommentedSeq([pool.get(x, styled(model, x)) for x in items])
    if isinstance(before, CommentedSeq) and before.fa.flow_style():
        seq.fa.set_flow_style()
    return seq


def plain_number(x: float) -> int | float:
    """``x`` as YAML should show it: a whole number without ``.0``."""
    return int(x) if float(x).is_integer() else float(x)


def mappings(node: Any) -> list[Any]:
    """The mappings of a node that holds one item or a list of them (anything else:
    none)."""
    if isinstance(node, CommentedMap):
        return [node]
    if isinstance(node, CommentedSeq):
        return [x for x in node if isinstance(x, CommentedMap)]
    return []
