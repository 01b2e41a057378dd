"""An appraisal as it was at a git revision, read from git's objects (``git archive``),
never by checking anything out: the working tree and the index are not touched.

The revision's files of the appraisal (a directory or a single file) are unpacked into a
scratch folder, regular files and folders only, within the size limits of
:mod:`appraisal.input.files`, and loaded from there; problems name the files as
``REV:path``.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Diagnostic, InputError, UsageError
from ..input.files import MAX_TOTAL_BYTES, label
from ..input.loading import load
from ..input.models import Appraisal


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                              timeout=120)
    except FileNotFoundError:
        raise UsageError("git is not installed: it is needed to read revisions") from None
    if done.returncode != 0:
        raise UsageError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1]
                         if done.stderr.strip() else f"git {' '.join(args)} failed")
    return done.stdout


def is_revision(text: str, where: Path) -> bool:
    """Whether ``text`` names a commit of the repository holding ``where``."""
    if text.startswith("-"):
        return False
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{text}^{{commit}}"], where)
        return True
    except UsageError:
        return False


@contextmanager
def unpacked(revision: str, path: Path) -> Iterator[Path]:
    """The appraisal at ``path`` (in the working tree's layout) as it was at
    ``revision``, unpacked into a scratch folder for the life of the context."""
    where = path if path.is_dir() else path.parent
    if not where.exists():
        where = Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], where).decode().strip())
    rel = Path(path).resolve().relative_to(top.resolve()) if Path(path).resolve() != \
        top.resolve() else Path(".")
    if not is_revision(revision, where):
        raise UsageError(f"'{revision}' is neither a path nor a git revision")
    data = _git(["archive", "--format=tar", revision, "--", str(rel)], top)
    if len(data) > MAX_TOTAL_BYTES * 2:
        raise UsageError(f"the appraisal at {revision} is larger than the input limit")
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            for member in tar.getmembers():
                name = Path(member.name)
                if name.is_absolute() or ".." in name.parts:
                    continue
                if member.isdir():
                    (base / name).mkdir(parents=True, exist_ok=True)
                elif member.isfile():
                    (base / name).parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    if source is not None:
                        (base / name).write_bytes(source.read())
        target = base / rel
        if not target.exists():
            raise UsageError(f"'{rel}' does not exist at {revision}")
        yield target


def load_revision(revision: str, path: Path, criteria: str | None = None) -> Appraisal:
    """The appraisal at ``path`` as it was at ``revision`` (see the module)."""
    with unpacked(revision, path) as target:
        try:
            return load(target, criteria=criteria)
        except InputError as exc:
            shown = label(target)
            rel = "" if label(path) == "." else f"{label(path)}/"
            raise InputError([Diagnostic(d.file.replace(shown + "/", f"{revision}:{rel}")
                                         .replace(shown, f"{revision}:{label(path)}")
                                         if d.file.startswith(shown) else d.file,
                                         d.line, d.column, d.field, d.expected, d.found)
                              for d in exc.diagnostics]) from None
