"""Targeted edits of the appraisal's YAML files, keeping their comments, key order and
layout (ruamel.yaml's round-trip mode): only the values and texts that differ from the
appraisal as loaded are changed, and only the files holding them are rewritten, so a
workbook with no edits changes no byte.

ruamel.yaml writes an untouched round trip of every file of the bundled example byte
for byte, except the indentation indicator of a folded text that starts with a blank
line (``>-`` becomes ``>2-``, the same text); such a file is only rewritten when one of
its values changes.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from ..errors import UsageError
from ..input.files import label
from ..input.models import Appraisal, Score, iter_criteria
from .workbook import member_rows
from .xlsx_import import Edit


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


@dataclass
class _Doc:
    path: Path
    text: str
    data: Any
    changed: bool = False


@dataclass
class Change:
    """One value changed: the file, where in it, before and after (for --dry-run)."""

    file: str
    where: str
    before: Any
    after: Any


def _styled(before: Any, value: Any) -> Any:
    """``value`` written in the style of the text it replaces (quoted stays quoted, a
    folded block stays folded)."""
    if isinstance(value, str) and isinstance(before, ScalarString) and \
            type(before) is not ScalarString:
        return type(before)(value)
    return value


def _list_like(before: Any, items: tuple[str, ...]) -> CommentedSeq:
    """``items`` as a list in the style of the list it replaces: unchanged items keep
    their own nodes (and quotes), new ones take the style of the first old item."""
    old = list(before) if isinstance(before, CommentedSeq) else (
        [before] if isinstance(before, str) else [])
    pool = {str(x): x for x in old}
    model = old[0] if old else None
    seq = CommentedSeq([pool.get(x, _styled(model, x)) for x in items])
    if isinstance(before, CommentedSeq) and before.fa.flow_style():
        seq.fa.set_flow_style()
    return seq


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


def _items(node: Any) -> list[Any]:
    """The mappings of a file that holds one item or a list of them."""
    if isinstance(node, CommentedMap):
        return [node]
    if isinstance(node, CommentedSeq):
        return [x for x in node if isinstance(x, CommentedMap)]
    return []


@dataclass
class Editor:
    """The appraisal's YAML documents, with the nodes the workbook can change."""

    root: Path
    docs: list[_Doc] = field(default_factory=list)
    options: dict[str, tuple[_Doc, CommentedMap]] = field(default_factory=dict)
    sets: list[tuple[_Doc, CommentedMap | CommentedSeq, str | None]] = field(
        default_factory=list)
    members: dict[str, tuple[_Doc, CommentedMap]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    @classmethod
    def open(cls, root: Path) -> Editor:
        ed = cls(root)
        y = _yaml()

        def read(path: Path) -> _Doc:
            text = path.read_text(encoding="utf-8-sig")
            doc = _Doc(path, text, y.load(text))
            ed.docs.append(doc)
            return doc

        if root.is_dir():
            parts = {part: sorted((root / part).glob("*.y*ml")) for part in
                     ("criteria", "options", "members")}
            for path in parts["options"]:
                doc = read(path)
                for node in _items(doc.data):
                    ed.options[str(node.get("id"))] = (doc, node)
            for path in parts["criteria"]:
                doc = read(path)
                for node in _items(doc.data):
                    ed.sets.append((doc, node, str(node.get("id"))))
            for path in parts["members"]:
                doc = read(path)
                for node in _items(doc.data):
                    ed.members[str(node.get("id"))] = (doc, node)
        else:
            doc = read(root)
            if not isinstance(doc.data, CommentedMap):
                raise UsageError(f"'{label(root)}' is not a mapping")
            for node in _items(doc.data.get("options")):
                ed.options[str(node.get("id"))] = (doc, node)
            crit = doc.data.get("criteria")
            if isinstance(crit, CommentedSeq) and crit and all(
                    isinstance(x, CommentedMap) and "criteria" in x and "name" in x
                    and "id" in x for x in crit) and not any("weight" in x for x in crit):
                for node in crit:
                    ed.sets.append((doc, node, str(node.get("id"))))
            elif isinstance(crit, CommentedSeq):
                ed.sets.append((doc, crit, None))  # a flat list: the one set
            for node in _items(doc.data.get("members")):
                ed.members[str(node.get("id"))] = (doc, node)
        return ed

    def _set(self, doc: _Doc, node: CommentedMap, key: str, value: Any, where: str) -> None:
        before = node.get(key)
        if value is None:
            if key in node:
                del node[key]
                self._note(doc, where, before, None)
            return
        node[key] = _styled(before, value)
        self._note(doc, where, before, value)

    def _note(self, doc: _Doc, where: str, before: Any, after: Any) -> None:
        doc.changed = True
        self.changes.append(Change(label(doc.path), where, before, after))

    # scores, rationale, evidence ---------------------------------------------------

    def _score_node(self, option: str, criterion: str) -> tuple[_Doc, CommentedMap, str]:
        doc, node = self.options[option]
        scores = node.setdefault("scores", CommentedMap())
        entry = scores.get(criterion)
        if not isinstance(entry, CommentedMap):  # a bare number becomes {value: ...}
            long = CommentedMap()
            long["value"] = entry
            scores[criterion] = long
            entry = long
        return doc, entry, f"option {option}: scores.{criterion}"

    def score(self, option: str, criterion: str, old: Score | None,
              new: tuple[float | None, ...]) -> None:
        value, low, high = (*new, None, None)[:3]
        ranged = len(new) == 3
        if old is not None and old.value == value and (
                not ranged or (old.low == low and old.high == high)):
            return
        doc, node = self.options[option]
        scores = node.setdefault("scores", CommentedMap())
        entry = scores.get(criterion)
        where = f"option {option}: scores.{criterion}"
        if not ranged and not isinstance(entry, CommentedMap):
            scores[criterion] = _num(value) if value is not None else None
            self._note(doc, where, entry, scores[criterion])
            return
        doc, entry, where = self._score_node(option, criterion)
        if value is not None and entry.get("value") != value:
            self._set(doc, entry, "value", _num(value), where + ".value")
        if ranged:
            for key, x in (("low", low), ("high", high)):
                current = entry.get(key)
                if (current is None and x is None) or (current is not None and x is not None
                                                       and float(current) == x):
                    continue
                self._set(doc, entry, key, None if x is None else _num(x), f"{where}.{key}")

    def text(self, option: str, criterion: str, kind: str, old: Score | None,
             new: Any) -> None:
        if old is None:
            return
        current = old.rationale if kind == "rationale" else old.evidence
        if current == new:
            return
        doc, entry, where = self._score_node(option, criterion)
        if kind == "evidence" and new and len(new) == 1 and isinstance(
                entry.get("evidence"), str):
            value: Any = new[0]
        elif kind == "evidence":
            value = _list_like(entry.get("evidence"), new) if new else None
        else:
            value = new or None
        self._set(doc, entry, kind, value, f"{where}.{kind}")

    # weights ---------------------------------------------------------------------

    def _criterion(self, set_id: str, criterion: str) -> tuple[_Doc, CommentedMap]:
        for doc, node, sid in self.sets:
            nodes = node.get("criteria") if isinstance(node, CommentedMap) else node
            if sid is not None and sid != set_id:
                continue
            stack = list(_items(nodes))
            while stack:
                c = stack.pop()
                if str(c.get("id")) == criterion:
                    return doc, c
                stack.extend(_items(c.get("criteria")))
        raise UsageError(f"criterion '{criterion}' of set '{set_id}' not found in the files")

    def weight(self, set_id: str, criterion: str, key: str, old: Any, new: Any) -> None:
        if old == new:
            return
        doc, node = self._criterion(set_id, criterion)
        where = f"set {set_id}: criterion {criterion}.{key}"
        if key == "weight_range" and new is not None:
            seq = CommentedSeq([_num(new[0]), _num(new[1])])
            seq.fa.set_flow_style()
            self._set(doc, node, key, seq, where)
        elif key == "weight":
            self._set(doc, node, key, _num(new), where)
        else:
            self._set(doc, node, key, new or None, where)

    # members ---------------------------------------------------------------------

    def member(self, target: tuple[str, ...], old: tuple[float, float | None],
               new: tuple[float, float | None]) -> None:
        member, _, group, method, criterion, other = target
        doc, node = self.members[member]
        block = next(b for b in _items(node.get("weighting"))
                     if str(b.get("group") or "") == group and str(b.get("method")) ==
                     method.split(" ")[0])
        where = f"member {member}: weighting[{group or 'top'}]"
        value, top = new
        if method in ("swing", "points"):
            points = block["points"]
            entry: Any = _num(value) if top is None else CommentedSeq([_num(value), _num(top)])
            if isinstance(entry, CommentedSeq):
                entry.fa.set_flow_style()
            before = points.get(criterion)
            points[criterion] = entry
            self._note(doc, f"{where}.points.{criterion}", before, entry)
        elif method == "pairwise":
            before = block["judgements"][criterion][other]
            block["judgements"][criterion][other] = _num(value)
            self._note(doc, f"{where}.judgements.{criterion}.{other}", before, value)

    def ranking(self, member: str, group: str, ranks: dict[str, float]) -> None:
        doc, node = self.members[member]
        block = next(b for b in _items(node.get("weighting"))
                     if str(b.get("group") or "") == group and b.get("method") == "ranking")
        tiers: list[Any] = []
        for rank in sorted(set(ranks.values())):
            ids = [c for c, r in ranks.items() if r == rank]
            if len(ids) == 1:
                tiers.append(ids[0])
            else:
                seq = CommentedSeq(ids)
                seq.fa.set_flow_style()
                tiers.append(seq)
        old = block["ranking"]
        before = list(old)
        new = CommentedSeq(tiers)
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            new.fa.set_flow_style()
        block["ranking"] = new
        self._note(doc, f"member {member}: weighting[{group or 'top'}].ranking", before, tiers)

    def texts(self) -> dict[Path, str]:
        """The new text of every changed file."""
        y = _yaml()
        out = {}
        for doc in self.docs:
            if doc.changed:
                buf = io.StringIO()
                y.dump(doc.data, buf)
                out[doc.path] = buf.getvalue()
        return out


def apply(a: Appraisal, root: Path, edits: list[Edit]) -> Editor:
    """An editor of the files at ``root`` with every edit that differs from ``a``
    applied (its :attr:`Editor.changes` list them)."""
    ed = Editor.open(root)
    scores = {o.id: o.scores for o in a.options}
    crit = {(cs.id, c.id): c for cs in a.criteria for c in iter_criteria(cs.criteria)}
    rows: dict[tuple[str, ...], list[Any]] = {
        tuple("" if x is None else str(x) for x in r[:6]): r for r in member_rows(a)}
    ranks: dict[tuple[str, str], dict[str, float]] = {}
    seen_scores: dict[tuple[str, str], tuple[Any, str]] = {}
    for e in edits:
        if e.kind == "score":
            option, criterion = e.target
            earlier = seen_scores.get((option, criterion))
            if earlier is not None and earlier[0] != e.value:
                # a criterion shared by two sets: the changed sheet wins, both changed
                # differently is a problem
                held = scores[option].get(criterion)
                now = (held.value, held.low, held.high)[:len(e.value)] if held else None
                if earlier[0] != now and e.value != now:
                    raise UsageError(f"{earlier[1]} and {e.cell} give criterion "
                                     f"'{criterion}' of option '{option}' different scores")
                if e.value == now:
                    continue
            seen_scores[(option, criterion)] = (e.value, e.cell)
            ed.score(option, criterion, scores[option].get(criterion), e.value)
        elif e.kind in ("rationale", "evidence"):
            option, criterion = e.target
            ed.text(option, criterion, e.kind, scores[option].get(criterion), e.value)
        elif e.kind in ("weight", "weight_rationale", "weight_range"):
            c = crit[(e.target[0], e.target[1])]
            ed.weight(e.target[0], e.target[1], e.kind, getattr(c, e.kind), e.value)
        elif e.kind == "member":
            row = rows[e.target]
            was = (float(row[6]), None if row[7] is None else float(row[7]))
            if e.target[3] == "ranking":
                ranks.setdefault((e.target[0], e.target[2]), {})[e.target[4]] = e.value[0]
                continue
            if was != e.value:
                ed.member(e.target, was, e.value)
    for (member, group), new_ranks in ranks.items():
        old_ranks = {str(r[4]): float(r[6]) for r in member_rows(a)
                     if r[0] == member and r[2] == group and r[3] == "ranking"}
        if _order(new_ranks) != _order(old_ranks):
            ed.ranking(member, group, new_ranks)
    return ed


def _order(ranks: dict[str, float]) -> list[list[str]]:
    return [sorted(c for c, r in ranks.items() if r == rank) for rank in sorted(set(
        ranks.values()))]


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of two texts (without difflib's "popular line" heuristic, which
    shows a repeated line such as ``evidence:`` as changed when it is not)."""
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
