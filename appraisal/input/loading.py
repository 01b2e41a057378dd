"""Load an appraisal from a directory or a single YAML file, and validate it.

Directory form::

    appraisal.yaml        title, scale, default_criteria, method, seed, ...
    criteria/*.yaml       one criteria set per file
    options/*.yaml        one option per file (or a list of options)
    scenarios/*.yaml      optional: one scenario per file (or a list)

Single-file form: one YAML file with the same top-level keys (``criteria``,
``options`` and ``scenarios`` are lists). Both forms give the same
:class:`~appraisal.models.Appraisal`.

Every item is validated on its own so that one broken option does not hide the
problems of the others; cross-item rules run on whatever validated. All problems are
raised together as one :class:`~appraisal.errors.InputError`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, InputError, UsageError
from . import checks
from .diagnostics import describe_value, translate
from .models import Appraisal, CriteriaSet, Meta, Option, Scale, Scenario
from .yamlsource import PathKey, SourceMap, read_yaml

_PARTS: dict[str, type[BaseModel]] = {
    "criteria": CriteriaSet, "options": Option, "scenarios": Scenario}


def bundled_example() -> Path:
    """The example appraisal shipped with the tool (the council's 13 options)."""
    here = Path(__file__).resolve().parent.parent  # the package directory
    packaged = here / "_example"
    if (packaged / "appraisal.yaml").is_file():
        return packaged
    return here.parent  # a source checkout: the example lives at the top of the repo


def _label(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


class _Reader:
    def __init__(self, record: bool) -> None:
        self.smap = SourceMap(record=record)
        self.problems: list[Diagnostic] = []
        self.files: list[Path] = []

    def read(self, file: Path, prefix: PathKey) -> Any:
        self.files.append(file)
        return read_yaml(file, _label(file), prefix, self.smap, self.problems)

    def expect(self, prefix: PathKey, expected: str, found: Any) -> None:
        self.problems.append(self.smap.diagnostic(prefix, expected, describe_value(found)))


def _read_directory(root: Path, reader: _Reader) -> dict[str, Any]:
    meta_file = root / "appraisal.yaml"
    data: dict[str, Any] = {}
    if meta_file.is_file():
        meta = reader.read(meta_file, ())
        if isinstance(meta, dict):
            data.update(meta)
        elif meta is not None or not reader.problems:
            reader.expect((), "a mapping of settings (title, scale, ...)", meta)
    else:
        reader.problems.append(Diagnostic(_label(meta_file), 0, 0, "",
                                          "an appraisal.yaml file with at least a title",
                                          "no such file"))
    for part in _PARTS:
        if part in data:
            reader.expect((part,), f"'{part}' as files in the {part}/ folder", data[part])
            del data[part]
        folder = root / part
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        if not files and part != "scenarios":
            reader.problems.append(Diagnostic(_label(folder), 0, 0, "",
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
                    reader.smap.files[(part, start + i)] = _label(file)
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


def _validate_item(model: type[BaseModel], raw: Any, prefix: PathKey,
                   reader: _Reader) -> BaseModel | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        reader.problems.extend(translate(exc, prefix, reader.smap))
        return None


_META_FIELDS = set(Meta.model_fields)
_TOP_FIELDS = _META_FIELDS | set(_PARTS)


def load(path: str | os.PathLike[str] | None = None, *, criteria: str | None = None) -> Appraisal:
    """Load and validate an appraisal (a directory or a single YAML file).

    ``path`` defaults to the bundled example. ``criteria`` names the criteria set
    whose leaf criteria every option must score; by default every set is checked.
    Raises :class:`InputError` listing every problem found, or :class:`UsageError`
    when ``path`` does not exist.
    """
    root = Path(path) if path is not None else bundled_example()
    try:  # fast pass: no line numbers kept
        return _load(root, criteria, _Reader(record=False))
    except InputError:  # read again, keeping line numbers, to say where each problem is
        return _load(root, criteria, _Reader(record=True))


def _load(root: Path, criteria: str | None, reader: _Reader) -> Appraisal:
    if root.is_dir():
        data = _read_directory(root, reader)
    elif root.is_file():
        raw = reader.read(root, ())
        if not isinstance(raw, dict):
            if not reader.problems:  # parsed, but not a mapping
                reader.expect((), "a mapping with title, criteria and options", raw)
            raise InputError(reader.problems)  # nothing more can be checked
        data = raw
    else:
        raise UsageError(f"no appraisal at '{root}': expected a directory holding "
                         "appraisal.yaml, criteria/ and options/, or a single YAML file")

    meta_raw = {k: v for k, v in data.items() if k in _META_FIELDS}
    for key in data:
        if key not in _TOP_FIELDS:
            mark, _ = reader.smap.locate((key,))
            reader.problems.append(Diagnostic.at(
                mark, key, "one of the fields " + ", ".join(sorted(_TOP_FIELDS)),
                f"unknown field '{key}'", file=_label(root)))
    meta = _validate_item(Meta, meta_raw, (), reader) if meta_raw or root.is_file() else None
    assert meta is None or isinstance(meta, Meta)
    scale = _quiet(Scale, meta_raw.get("scale")) or Scale()
    parts: dict[str, list[tuple[int, Any]]] = {}
    for part, model in _PARTS.items():
        raw_items = data.get(part) or []
        if not isinstance(raw_items, list):
            reader.expect((part,), f"a list of {part}", raw_items)
            raw_items = []
        if not raw_items and part != "scenarios" and root.is_file():
            reader.expect((part,), f"a non-empty list of {part}", data.get(part))
        parts[part] = [(i, m) for i, item in enumerate(raw_items)
                       if (m := _validate_item(model, item, (part, i), reader)) is not None]

    reader.problems.extend(checks.run(checks.Parts(
        meta=meta, scale=scale, criteria=parts["criteria"], options=parts["options"],
        scenarios=parts["scenarios"],
        criteria_complete=len(parts["criteria"]) == len(data.get("criteria") or []),
        only_set=criteria), reader.smap))
    if reader.problems or meta is None:
        raise InputError(reader.problems)
    return Appraisal(**dict(meta),
                     criteria=tuple(m for _, m in parts["criteria"]),
                     options=tuple(m for _, m in parts["options"]),
                     scenarios=tuple(m for _, m in parts["scenarios"]),
                     sources=tuple(_label(f) for f in reader.files),
                     input_digest=digest(reader.files, root))


def _quiet(model: type[BaseModel], raw: Any) -> Any:
    """``raw`` validated as ``model``, or None (its problems are reported elsewhere)."""
    try:
        return model.model_validate(raw) if raw is not None else None
    except ValidationError:
        return None


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read one scenario from its own YAML file (e.g. one downloaded from the HTML
    paper's what-if panel). Raises :class:`InputError` with located problems."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"no scenario file at '{file}'")
    reader = _Reader(record=True)
    raw = reader.read(file, ())
    scenario = None
    if isinstance(raw, dict):
        scenario = _validate_item(Scenario, raw, (), reader)
    elif not reader.problems:
        reader.expect((), "a mapping with id, name and weights", raw)
    if reader.problems or scenario is None:
        raise InputError(reader.problems)
    return scenario  # type: ignore[return-value]


def add_scenario_file(appraisal: Appraisal, path: str | os.PathLike[str]) -> Appraisal:
    """The appraisal with the scenario of one YAML file added (replacing a scenario with
    the same id), the file counted among its sources and in its input digest, so every
    command and the paper treat it like a scenario of the appraisal."""
    scenario = load_scenario(path)
    file = Path(path)
    h = hashlib.sha256(appraisal.input_digest.encode())
    h.update(b"\0" + file.name.encode() + b"\0")
    h.update(hashlib.sha256(file.read_bytes()).digest())
    kept = tuple(sc for sc in appraisal.scenarios if sc.id != scenario.id)
    return appraisal.model_copy(update={
        "scenarios": (*kept, scenario), "sources": (*appraisal.sources, _label(file)),
        "input_digest": "sha256:" + h.hexdigest()})


def digest(files: list[Path], root: Path) -> str:
    """SHA-256 over the input files (relative name and bytes, in name order), so a
    reader can tell exactly which inputs produced a result."""
    base = root if root.is_dir() else root.parent
    h = hashlib.sha256()
    for file in sorted(files, key=lambda f: f.relative_to(base).as_posix()):
        h.update(file.relative_to(base).as_posix().encode())
        h.update(b"\0")
        h.update(hashlib.sha256(file.read_bytes()).digest())
    return "sha256:" + h.hexdigest()

