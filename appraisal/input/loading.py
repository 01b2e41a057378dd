"""Load an appraisal from a directory or a single YAML file, and validate it.

Directory form::

    appraisal.yaml        title, scale, default_criteria, method, seed, ...
    criteria/*.yaml       one criteria set per file
    options/*.yaml        one option per file (or a list of options)
    scenarios/*.yaml      optional: one scenario per file (or a list)
    members/*.yaml        optional: one board member's weights per file (or a list)

Single-file form: one YAML file with the same top-level keys; ``options``,
``scenarios`` and ``members`` are lists, and ``criteria`` is either a list of criteria
sets or, for the common case of one set, the list of criteria itself (the set is then
named after the appraisal). Both forms give the same :class:`~appraisal.input.models.Appraisal`.

Files are read by :class:`~appraisal.input.files.FileReader` (regular files inside
the appraisal, bounded in size, UTF-8). Every item is validated on its own and, when
it fails, repaired for the cross-item rules (:mod:`.salvage`), so that one broken field
never hides another's problems. All problems are raised together as one
:class:`~appraisal.errors.InputError`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import Diagnostic, InputError, UsageError
from ..writing import reading
from . import checks
from .diagnostics import describe_value, did_you_mean
from .files import FileReader, label
from .models import Appraisal, CriteriaSet, Criterion, Member, Meta, Option, Scenario
from .parts import Parts
from .salvage import Repairs, validate
from .yamlsource import PathKey, SourceMap, parse_yaml

_PARTS: dict[str, type[BaseModel]] = {
    "criteria": CriteriaSet, "options": Option, "scenarios": Scenario, "members": Member}
_OPTIONAL_PARTS = ("scenarios", "members")
_META_FIELDS = set(Meta.model_fields)
_TOP_FIELDS = _META_FIELDS | set(_PARTS)
_CRITERION_ONLY = set(Criterion.model_fields) - set(CriteriaSet.model_fields)
_SET_ONLY = set(CriteriaSet.model_fields) - set(Criterion.model_fields)


def bundled_example() -> Path:
    """The example appraisal shipped with the tool (the council's 13 options)."""
    here = Path(__file__).resolve().parent.parent  # the package directory
    packaged = here / "_example"
    if (packaged / "appraisal.yaml").is_file():
        return packaged
    return here.parent  # a source checkout: the example lives at the top of the repo


class _Reader:
    """One reading of an appraisal: its files, source map, problems and repairs."""

    def __init__(self, folder: Path, record: bool,
                 texts: Mapping[Path, str] | None = None) -> None:
        self.smap = SourceMap(record=record)
        self.problems: list[Diagnostic] = []
        self.files = FileReader(folder)
        self.repairs = Repairs()
        self.texts = {os.path.abspath(p): t for p, t in (texts or {}).items()}

    def read(self, file: Path, prefix: PathKey) -> Any:
        given = self.texts.get(os.path.abspath(file))
        if given is not None:  # a new text for the file: read, and counted, in its place
            self.files.read_files.append((file, hashlib.sha256(given.encode()).digest()))
        text = given if given is not None else self.files.read_text(file)
        if isinstance(text, Diagnostic):
            self.smap.files[prefix] = label(file)
            self.problems.append(text)
            return None
        return parse_yaml(text, label(file), prefix, self.smap, self.problems)

    def expect(self, prefix: PathKey, expected: str, found: Any) -> None:
        self.problems.append(self.smap.diagnostic(prefix, expected, describe_value(found)))

    def validate(self, model: type[BaseModel], raw: Any, prefix: PathKey) -> Any:
        return validate(model, raw, prefix, self.smap, self.problems, self.repairs)


def _folder_files(folder: Path, reader: _Reader) -> list[Path]:
    """The .yaml/.yml files of a part's folder (a problem if it cannot be listed)."""
    if not folder.exists() and not folder.is_symlink():
        return []
    why = reader.files.check_folder(folder)
    if why is not None:
        reader.problems.append(Diagnostic(label(folder), 0, 0, "", why.split("; found ")[0],
                                          why.partition("; found ")[2] or "something else"))
        return []
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        reader.problems.append(Diagnostic(label(folder), 0, 0, "", "a folder that can be read",
                                          exc.strerror or "cannot be listed"))
        return []
    return (sorted(p for p in entries if p.suffix == ".yaml")
            + sorted(p for p in entries if p.suffix == ".yml"))


def _read_directory(root: Path, reader: _Reader) -> dict[str, Any]:
    meta_file = root / "appraisal.yaml"
    data: dict[str, Any] = {}
    if meta_file.exists() or meta_file.is_symlink():
        meta = reader.read(meta_file, ())
        if isinstance(meta, dict):
            data.update(meta)
        elif meta is not None or not reader.problems:
            reader.expect((), "a mapping of settings (title, scale, ...)", meta)
    else:
        reader.problems.append(Diagnostic(label(meta_file), 0, 0, "",
                                          "an appraisal.yaml file with at least a title",
                                          "no such file"))
    for part in _PARTS:
        if part in data:
            reader.expect((part,), f"'{part}' as files in the {part}/ folder", data[part])
            del data[part]
        folder = root / part
        files = _folder_files(folder, reader)
        if not files and part not in _OPTIONAL_PARTS and not folder.is_symlink():
            reader.problems.append(Diagnostic(label(folder), 0, 0, "",
                                              f"a {part}/ folder with at least one .yaml file",
                                              "none"))
        items: list[Any] = []
        for file in files:
            # Read at a provisional index; a file holding a list is re-read at its own slots.
            prefix: PathKey = (part, len(items))
            content = reader.read(file, prefix)
            if isinstance(content, list):
                reader.smap.files.pop(prefix, None)
                start = len(items)
                for i in range(len(content)):
                    reader.smap.files[(part, start + i)] = label(file)
                _reindex_list(reader.smap, prefix, part, start)
                items.extend(content)
            elif content is not None:
                items.append(content)
        data[part] = items
    return data


def _reindex_list(smap: SourceMap, prefix: PathKey, part: str, start: int) -> None:
    """A file that holds a list was recorded as ``(part, start, i, ...)``: move its
    marks to ``(part, start + i, ...)``."""
    moved = {}
    for key in [k for k in smap.marks if k[: len(prefix)] == prefix and len(k) > len(prefix)]:
        index = key[len(prefix)]
        if isinstance(index, int):
            moved[(part, start + index, *key[len(prefix) + 1:])] = smap.marks.pop(key)
    smap.marks.pop(prefix, None)
    smap.marks.update(moved)


def criteria_form(items: list[Any]) -> str:
    """How a single file's ``criteria`` list is written: ``"sets"`` (criteria sets, each
    with its own ``criteria``), ``"flat"`` (the criteria of the one set) or ``"mixed"``.
    An item is a criterion when it has a field only criteria have (``weight``,
    ``direction``, ``scale``, ``gate``, ``weight_rationale``) or no sub-``criteria``; a
    criteria set when it has ``source``; otherwise either (a parent criterion)."""
    maps = [i for i in items if isinstance(i, dict)]
    criterion = any(_CRITERION_ONLY & set(i) or "criteria" not in i for i in maps)
    criteria_set = any(_SET_ONLY & set(i) for i in maps)
    if criterion and criteria_set:
        return "mixed"
    return "flat" if criterion else "sets"


def _criteria_sets(data: dict[str, Any], meta: Meta | None, single: bool,
                   reader: _Reader) -> tuple[list[tuple[PathKey, CriteriaSet]], bool]:
    """The criteria sets that validated, each with its data path, and whether every
    set given did (score checks need complete sets)."""
    raw = data.get("criteria") or []
    if not isinstance(raw, list):
        reader.expect(("criteria",), "a list of criteria (or of criteria sets)", raw)
        return [], False
    form = criteria_form(raw) if single else "sets"
    if form == "mixed":
        reader.problems.append(reader.smap.diagnostic(
            ("criteria",), "either a list of criteria (one set) or a list of criteria sets, "
            "each with its own criteria", "a mix of the two (criteria with weights and sets "
            "with a source)"))
        return [], False
    if form == "flat":
        nodes = [reader.validate(Criterion, item, ("criteria", i)) for i, item in enumerate(raw)]
        if any(n is None for n in nodes):
            return [], False
        title = meta.title if meta else "the appraisal"
        set_id = (meta.default_criteria if meta else None) or "main"
        return [((), CriteriaSet(id=set_id, name=f"{title} criteria", criteria=tuple(nodes)))], True
    sets = [(("criteria", i), reader.validate(CriteriaSet, item, ("criteria", i)))
            for i, item in enumerate(raw)]
    return [(p, cs) for p, cs in sets if cs is not None], all(cs is not None for _, cs in sets)


def load(path: str | os.PathLike[str] | None = None, *, criteria: str | None = None,
         texts: Mapping[Path, str] | None = None) -> Appraisal:
    """Load and validate an appraisal (a directory or a single YAML file); ``path``
    defaults to the bundled example. ``criteria`` names the criteria set whose leaf
    criteria every option must score (default: every set). ``texts`` gives files new
    contents, read in their place (an edit validated unwritten, nothing copied). A
    write cut short is completed first (:func:`appraisal.writing.reading`). Raises
    :class:`InputError` listing every problem, :class:`UsageError` for no ``path``."""
    root = Path(path) if path is not None else bundled_example()
    if not (root.exists() or root.is_symlink()):
        raise UsageError(f"no appraisal at '{label(root)}': expected a directory holding "
                         "appraisal.yaml, criteria/ and options/, or a single YAML file")
    folder = root if root.is_dir() else root.parent
    parts = [folder / part for part in _PARTS] if root.is_dir() else []
    with reading(folder, parts):  # never half of a set of files another run writes
        try:  # fast pass: no line numbers kept
            return _load(root, criteria, _Reader(folder, False, texts))
        except InputError:  # read again, keeping line numbers, to say where each is
            return _load(root, criteria, _Reader(folder, True, texts))


def _load(root: Path, criteria: str | None, reader: _Reader) -> Appraisal:
    single = not root.is_dir()
    if single:
        data = reader.read(root, ())
        if not isinstance(data, dict):
            if not reader.problems:  # parsed, but not a mapping
                reader.expect((), "a mapping with title, criteria and options", data)
            raise InputError(reader.problems)  # nothing more can be checked
    else:
        data = _read_directory(root, reader)
    for key in data:
        if key not in _TOP_FIELDS:
            mark, _ = reader.smap.locate((key,))
            reader.problems.append(Diagnostic.at(
                mark, key, "one of the fields " + ", ".join(sorted(_TOP_FIELDS)),
                f"unknown field '{key}'{did_you_mean(key, _TOP_FIELDS)}"
                + ("; 'weighting' belongs to a criteria set: write criteria as a list of "
                   "sets, each with id, name, criteria and weighting (docs/weights.md)"
                   if key == "weighting" else ""), file=label(root)))
    meta_raw = {k: v for k, v in data.items() if k in _META_FIELDS}
    meta = reader.validate(Meta, meta_raw, ()) if meta_raw or single else None
    sets, complete = _criteria_sets(data, meta, single, reader)
    parts: dict[str, list[tuple[PathKey, Any]]] = {}
    for part in ("options", "scenarios", "members"):
        raw_items = data.get(part) or []
        if not isinstance(raw_items, list):
            reader.expect((part,), f"a list of {part}", raw_items)
            raw_items = []
        if not raw_items and part == "options" and single:
            reader.expect((part,), f"a non-empty list of {part}", data.get(part))
        parts[part] = [((part, i), m) for i, item in enumerate(raw_items)
                       if (m := reader.validate(_PARTS[part], item, (part, i))) is not None]
    if single and not data.get("criteria"):
        reader.expect(("criteria",), "a non-empty list of criteria", data.get("criteria"))
    reader.problems.extend(checks.run(Parts(
        meta=meta, criteria=sets, options=parts["options"], scenarios=parts["scenarios"],
        members=parts["members"], criteria_complete=complete, only_set=criteria,
        repairs=reader.repairs), reader.smap))
    if reader.problems or meta is None:
        raise InputError(reader.problems)
    return Appraisal(**dict(meta),
                     criteria=tuple(cs for _, cs in sets),
                     options=tuple(m for _, m in parts["options"]),
                     scenarios=tuple(m for _, m in parts["scenarios"]),
                     members=tuple(m for _, m in parts["members"]),
                     sources=tuple(label(f) for f, _ in reader.files.read_files),
                     input_digest=reader.files.digest())


def _read_scenario(path: Path) -> tuple[Scenario, bytes]:
    if not (path.exists() or path.is_symlink()):
        raise UsageError(f"no scenario file at '{label(path)}'")
    reader = _Reader(path.parent, record=True)
    raw = reader.read(path, ())
    scenario = None
    if isinstance(raw, dict):
        scenario = reader.validate(Scenario, raw, ())
    elif not reader.problems:
        reader.expect((), "a mapping with id, name and weights", raw)
    if reader.problems or scenario is None:
        raise InputError(reader.problems)
    return scenario, reader.files.read_files[0][1]


def add_scenario_file(appraisal: Appraisal, path: str | os.PathLike[str]) -> Appraisal:
    """The appraisal with the scenario of one YAML file added (replacing a scenario with
    the same id), the file counted among its sources and in its input digest, so every
    command and the paper treat it like a scenario of the appraisal."""
    file = Path(path)
    scenario, content = _read_scenario(file)
    h = hashlib.sha256(appraisal.input_digest.encode())
    h.update(b"\0" + os.fsencode(file.name) + b"\0")
    h.update(content)
    kept = tuple(sc for sc in appraisal.scenarios if sc.id != scenario.id)
    return appraisal.model_copy(update={
        "scenarios": (*kept, scenario), "sources": (*appraisal.sources, label(file)),
        "input_digest": "sha256:" + h.hexdigest()})
