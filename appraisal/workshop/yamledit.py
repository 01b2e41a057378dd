"""Targeted edits of the appraisal's YAML files, keeping their comments, key order and
layout (:mod:`.roundtrip`): only the values and texts that differ from the appraisal as
loaded are changed, and only the files holding them are rewritten, so a workbook with
no edits changes no byte. :func:`.edits.apply` decides what differs; the
:class:`Editor` changes the nodes and lists each :class:`Change`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import Diagnostic, InputError, UsageError
from ..input.files import FileReader, label
from ..input.models import Score
from .roundtrip import (
    Document,
    list_like,
    mappings,
    plain_number,
    round_trip_yaml,
    styled,
)


def _listed(folder: Path, reader: FileReader) -> list[Path]:
    """The .yaml and .yml files of a part's folder, as the loader lists them (none
    when it is missing or not a folder inside the appraisal)."""
    if not folder.exists() or reader.check_folder(folder) is not None:
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


@dataclass
class Change:
    """One value changed: the file, where in it, before and after (for --dry-run)."""

    file: str
    where: str
    before: Any
    after: Any


@dataclass
class Editor:
    """The appraisal's YAML documents, with the nodes the workbook can change."""

    root: Path
    docs: list[Document] = field(default_factory=list)
    options: dict[str, tuple[Document, CommentedMap]] = field(default_factory=dict)
    sets: list[tuple[Document, CommentedMap | CommentedSeq, str | None]] = field(
        default_factory=list)
    members: dict[str, tuple[Document, CommentedMap]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    @classmethod
    def open(cls, root: Path) -> Editor:
        """The documents of the appraisal at ``root``: a directory's ``criteria/``,
        ``options/`` and ``members/`` files, or a single file (its criteria sets, or its
        flat list of criteria as the one set), read as the loader reads them (regular
        files inside the appraisal, bounded in size). Raises UsageError when a single
        file is not a mapping, InputError when a file cannot be read."""
        ed = cls(root)
        y = round_trip_yaml()
        reader = FileReader(root if root.is_dir() else root.parent)

        def read(path: Path) -> Document:
            text = reader.read_text(path)
            if isinstance(text, Diagnostic):
                raise InputError([text])
            doc = Document.parse(path, text, y)
            ed.docs.append(doc)
            return doc

        if root.is_dir():
            parts = {part: _listed(root / part, reader) for part in
                     ("criteria", "options", "members")}
            for path in parts["options"]:
                doc = read(path)
                for node in mappings(doc.data):
                    ed.options[str(node.get("id"))] = (doc, node)
            for path in parts["criteria"]:
                doc = read(path)
                for node in mappings(doc.data):
                    ed.sets.append((doc, node, str(node.get("id"))))
            for path in parts["members"]:
                doc = read(path)
                for node in mappings(doc.data):
                    ed.members[str(node.get("id"))] = (doc, node)
        else:
            doc = read(root)
            if not isinstance(doc.data, CommentedMap):
                raise UsageError(f"'{label(root)}' is not a mapping")
            for node in mappings(doc.data.get("options")):
                ed.options[str(node.get("id"))] = (doc, node)
            crit = doc.data.get("criteria")
            if isinstance(crit, CommentedSeq) and crit and all(
                    isinstance(x, CommentedMap) and "criteria" in x and "name" in x
                    and "id" in x for x in crit) and not any("weight" in x for x in crit):
                for node in crit:
                    ed.sets.append((doc, node, str(node.get("id"))))
            elif isinstance(crit, CommentedSeq):
                ed.sets.append((doc, crit, None))  # a flat list: the one set
            for node in mappings(doc.data.get("members")):
                ed.members[str(node.get("id"))] = (doc, node)
        return ed

    def _set(self, doc: Document, node: CommentedMap, key: str, value: Any,
             where: str) -> None:
        before = node.get(key)
        if value is None:
            if key in node:
                del node[key]
                self._note(doc, where, before, None)
            return
        node[key] = styled(before, value)
        self._note(doc, where, before, value)

    def _note(self, doc: Document, where: str, before: Any, after: Any) -> None:
        doc.changed = True
        self.changes.append(Change(label(doc.path), where, before, after))

    # scores, rationale, evidence ---------------------------------------------------

    def _score_node(self, option: str, criterion: str) -> tuple[Document, CommentedMap, str]:
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
        """Set a score to ``new``, ``(value,)`` or ``(value, low, high)``, unless it is
        ``old`` already; a bare number stays bare unless a range is written."""
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
            scores[criterion] = plain_number(value) if value is not None else None
            self._note(doc, where, entry, scores[criterion])
            return
        doc, entry, where = self._score_node(option, criterion)
        if value is not None and entry.get("value") != value:
            self._set(doc, entry, "value", plain_number(value), where + ".value")
        if ranged:
            for key, x in (("low", low), ("high", high)):
                current = entry.get(key)
                if (current is None and x is None) or (current is not None and x is not None
                                                       and float(current) == x):
                    continue
                self._set(doc, entry, key, None if x is None else plain_number(x),
                          f"{where}.{key}")

    def text(self, option: str, criterion: str, kind: str, old: Score | None,
             new: Any) -> None:
        """Set a score's ``kind`` (rationale: a text; evidence: a tuple of sources) to
        ``new`` unless it is already; nothing for a score the appraisal lacks. An empty
        text or list removes the key; evidence keeps its form (one text, or a list)."""
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
            value = list_like(entry.get("evidence"), new) if new else None
        else:
            value = new or None
        self._set(doc, entry, kind, value, f"{where}.{kind}")

    # weights ---------------------------------------------------------------------

    def _criterion(self, set_id: str, criterion: str) -> tuple[Document, CommentedMap]:
        for doc, node, sid in self.sets:
            nodes = node.get("criteria") if isinstance(node, CommentedMap) else node
            if sid is not None and sid != set_id:
                continue
            stack = list(mappings(nodes))
            while stack:
                c = stack.pop()
                if str(c.get("id")) == criterion:
                    return doc, c
                stack.extend(mappings(c.get("criteria")))
        raise UsageError(f"criterion '{criterion}' of set '{set_id}' not found in the files")

    def weight(self, set_id: str, criterion: str, key: str, old: Any, new: Any) -> None:
        """Set a criterion's ``key`` (weight, weight_rationale or weight_range, a flow
        list) to ``new`` unless it is ``old``; None or an empty text removes it."""
        if old == new:
            return
        doc, node = self._criterion(set_id, criterion)
        where = f"set {set_id}: criterion {criterion}.{key}"
        if key == "weight_range" and new is not None:
            seq = CommentedSeq([plain_number(new[0]), plain_number(new[1])])
            seq.fa.set_flow_style()
            self._set(doc, node, key, seq, where)
        elif key == "weight":
            self._set(doc, node, key, plain_number(new), where)
        else:
            self._set(doc, node, key, new or None, where)

    # members ---------------------------------------------------------------------

    def member(self, target: tuple[str, ...], old: tuple[float, float | None],
               new: tuple[float, float | None]) -> None:
        """Set a member's swing or direct points (a ``[low, high]`` flow list when a
        top is given) or one pairwise judgement to ``new``; ``target`` is a row of the
        Members sheet. The caller has checked that ``new`` differs from ``old``."""
        member, _, group, method, criterion, other = target
        doc, node = self.members[member]
        block = next(b for b in mappings(node.get("weighting"))
                     if str(b.get("group") or "") == group and str(b.get("method")) ==
                     method.split(" ")[0])
        where = f"member {member}: weighting[{group or 'top'}]"
        value, top = new
        if method in ("swing", "points"):
            points = block["points"]
            entry: Any = plain_number(value) if top is None else CommentedSeq(
                [plain_number(value), plain_number(top)])
            if isinstance(entry, CommentedSeq):
                entry.fa.set_flow_style()
            before = points.get(criterion)
            points[criterion] = entry
            self._note(doc, f"{where}.points.{criterion}", before, entry)
        elif method == "pairwise":
            before = block["judgements"][criterion][other]
            block["judgements"][criterion][other] = plain_number(value)
            self._note(doc, f"{where}.judgements.{criterion}.{other}", before, value)

    def ranking(self, member: str, group: str, ranks: dict[str, float]) -> None:
        """Rewrite a member's ranking of ``group`` from ``ranks`` (criterion -> rank,
        1 the most important): tiers in rank order, criteria ranked equal as one flow
        list."""
        doc, node = self.members[member]
        block = next(b for b in mappings(node.get("weighting"))
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
        y = round_trip_yaml()
        return {doc.path: doc.dump(y) for doc in self.docs if doc.changed}
