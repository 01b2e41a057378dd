"""An appraisal as it was at a git revision, read from git's objects, never by checking
anything out: the working tree and the index are not touched.

Only what the loader reads is taken from the revision: the single file, or
``appraisal.yaml`` and the ``.yaml``/``.yml`` files directly inside the part folders
(``criteria/``, ``options/``, ``scenarios/``, ``members/``). They are listed with ``git
ls-tree`` (names, modes and sizes: no content), each listing bounded by
:data:`MAX_ENTRIES`; a file over the loader's limit, or files over its total, are refused
from their listed sizes before a byte of them is read, as an input error naming
``REV:path``. The rest is read one object at a time (``git cat-file --batch``) straight
into a scratch folder, never more than one chunk in memory. A link is recreated as a
link, so the loader refuses one that leaves the appraisal as it does in the working
tree. Problems name the files as ``REV:path``.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple

from ..errors import Diagnostic, InputError, UsageError
from ..input.files import MAX_FILE_BYTES, MAX_TOTAL_BYTES, label, printable
from ..input.loading import load
from ..input.models import Appraisal
from .git_revision import commit_of, git

PARTS = ("criteria", "options", "scenarios", "members")
"""The part folders the loader reads (see :mod:`appraisal.input.loading`)."""
MAX_ENTRIES = 20_000
"""The most entries a listed folder may hold."""
MAX_LINK = 4096
"""The longest link target recreated (a system's longest path)."""
TIMEOUT = 120
_SUFFIXES = (".yaml", ".yml")
_LINK = "120000"


class Entry(NamedTuple):
    """One file of the revision to unpack: its object, size, whether it is a link, and
    its path relative to the appraisal."""

    oid: str
    size: int
    link: bool
    path: PurePosixPath


def _listing(top: Path, tree: str, shown: str) -> list[tuple[str, str, str, int, str]]:
    """(mode, type, object, size, name) of each entry of the tree ``tree`` (shown to
    the user as ``shown``), at most :data:`MAX_ENTRIES` of them."""
    many = f"'{shown}' holds more than {MAX_ENTRIES:,} entries, more than an appraisal reads"
    data = git(["ls-tree", "-z", "--long", tree], top, limit=MAX_ENTRIES * 400, too_big=many)
    out = []
    for record in data.split(b"\0"):
        if not record:
            continue
        head, _, name = record.partition(b"\t")
        mode, kind, oid, size = head.decode("ascii").split()
        out.append((mode, kind, oid, int(size) if size.isdigit() else 0,
                    os.fsdecode(name)))
    if len(out) > MAX_ENTRIES:
        raise UsageError(many)
    return out


def _wanted(top: Path, commit: str, rel: PurePosixPath,
            shown: str) -> tuple[list[Entry], bool] | None:
    """The files to unpack for the appraisal at ``rel`` (shown as ``shown``, which
    names the revision) and whether it is a folder; None when nothing is there."""
    parent = "" if rel.parent == PurePosixPath(".") else rel.parent.as_posix()
    if rel != PurePosixPath("."):
        found = [e for e in _listing(top, f"{commit}:{parent}", shown) if e[4] == rel.name]
        if not found:
            return None
        mode, kind, oid, size, _ = found[0]
        if kind == "blob":
            return [Entry(oid, size, mode == _LINK, PurePosixPath(rel.name))], False
        if kind != "tree":
            return None
    here = f"{commit}:{'' if rel == PurePosixPath('.') else rel.as_posix()}"
    out: list[Entry] = []
    for mode, kind, oid, size, name in _listing(top, here, shown):
        if kind == "blob" and name == "appraisal.yaml":
            out.append(Entry(oid, size, mode == _LINK, PurePosixPath(name)))
        elif kind == "blob" and mode == _LINK and name in PARTS:
            out.append(Entry(oid, size, True, PurePosixPath(name)))
        elif kind == "tree" and name in PARTS:
            out += [Entry(o, s, m == _LINK, PurePosixPath(name, n))
                    for m, k, o, s, n in _listing(top, oid, f"{shown}/{name}")
                    if k == "blob" and n.endswith(_SUFFIXES)]
    return out, True


def _check_sizes(entries: list[Entry], shown: Callable[[Entry], str], whole: str) -> None:
    """Refuse, from the listed sizes, a file over the loader's limit or files over its
    total (nothing of them read); ``shown`` names an entry, ``whole`` the appraisal."""
    def mib(n: int) -> str:
        return f"{n / 2**20:.1f} MiB"

    problems = [Diagnostic(shown(e), 0, 0, "", f"a file of at most {mib(MAX_FILE_BYTES)}",
                           mib(e.size)) for e in entries if e.size > MAX_FILE_BYTES]
    problems += [Diagnostic(shown(e), 0, 0, "", f"a link of at most {MAX_LINK:,} bytes",
                            f"{e.size:,} bytes") for e in entries
                 if e.link and MAX_FILE_BYTES >= e.size > MAX_LINK]
    total = sum(e.size for e in entries)
    if not problems and total > MAX_TOTAL_BYTES:
        problems.append(Diagnostic(whole, 0, 0, "", "an appraisal of at most "
                                   f"{mib(MAX_TOTAL_BYTES)} in all", mib(total)))
    if problems:
        raise InputError(problems)


def _copy(stream: IO[bytes], size: int, out: IO[bytes]) -> None:
    left = size
    while left:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            raise UsageError("git stopped while reading the revision")
        out.write(chunk)
        left -= len(chunk)


def _unpack(top: Path, entries: list[Entry], base: Path,
            shown: Callable[[Entry], str]) -> None:
    """Write each entry under ``base`` (files first, then links, so no file is ever
    written through a link), read one object at a time; ``shown`` names an entry in a
    problem."""
    proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=top, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    timer = threading.Timer(TIMEOUT, proc.kill)
    timer.start()
    links: list[tuple[Entry, str]] = []
    try:
        assert proc.stdin is not None and proc.stdout is not None
        for e in entries:
            proc.stdin.write(e.oid.encode("ascii") + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline(200).split()
            if len(header) != 3 or header[1] != b"blob" or header[2] != str(e.size).encode():
                raise UsageError(f"git gave something unexpected for '{e.path}'")
            target = base / e.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if e.link:  # at most MAX_LINK bytes (checked)
                links.append((e, os.fsdecode(proc.stdout.read(e.size))))
            else:
                with open(target, "xb") as out:
                    _copy(proc.stdout, e.size, out)
            proc.stdout.read(1)  # the newline after each object
    finally:
        timer.cancel()
        proc.kill()
        proc.communicate()
    for e, points_to in links:
        try:
            os.symlink(points_to, base / e.path)
        except (OSError, ValueError):  # a NUL byte, a name too long for this system
            raise InputError([Diagnostic(shown(e), 0, 0, "",
                                         "a link that can be made here",
                                         f"one to '{printable(points_to[:80])}'")]) from None


def _relative(path: Path, top: Path) -> PurePosixPath:
    """``path`` relative to the repository's top. Its folders are resolved, but not a
    file's own name: a file that is a link is read as git holds it (a link)."""
    full = Path(os.path.abspath(path))
    if not full.is_dir():
        full = Path(os.path.realpath(full.parent)) / full.name
    else:
        full = Path(os.path.realpath(full))
    try:
        return PurePosixPath(full.relative_to(top).as_posix())
    except ValueError:
        raise UsageError(f"'{label(path)}' is outside the git repository at "
                         f"'{label(top)}'") from None


@contextmanager
def unpacked(revision: str, path: Path) -> Iterator[Path]:
    """The appraisal at ``path`` (in the working tree's layout) as it was at
    ``revision``, unpacked into a scratch folder for the life of the context (see the
    module)."""
    where = path if path.is_dir() else path.parent
    if not where.exists():
        where = Path.cwd()
    top = Path(os.path.realpath(git(["rev-parse", "--show-toplevel"], where)
                                .decode("utf-8", "surrogateescape").strip()))
    rel = _relative(path, top)
    commit = commit_of(revision, where)
    name = printable(revision[:100])
    whole = f"{name}:{label(path)}" if label(path) != "." else name
    found = _wanted(top, commit, rel, whole)
    if found is None:
        raise UsageError(f"'{printable(str(rel))}' does not exist at {name}")
    entries, folder = found
    def shown(e: Entry) -> str:
        return f"{name}:{_name(path, e.path)}" if folder else whole

    _check_sizes(entries, shown, whole)
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "appraisal"
        base.mkdir()
        _unpack(top, entries, base, shown)
        yield base if folder else base / rel.name


def _name(path: Path, inside: PurePosixPath) -> str:
    """How a file inside the appraisal folder ``path`` is shown."""
    return str(inside) if label(path) == "." else f"{label(path)}/{inside}"


def load_revision(revision: str, path: Path, criteria: str | None = None) -> Appraisal:
    """The appraisal at ``path`` as it was at ``revision`` (see the module)."""
    with unpacked(revision, path) as target:
        try:
            return load(target, criteria=criteria)
        except InputError as exc:
            shown = label(target)
            rel = "" if label(path) == "." else f"{label(path)}/"
            name = f"{printable(revision)}:"
            raise InputError([Diagnostic(d.file.replace(shown + "/", name + rel)
                                         .replace(shown, name + label(path))
                                         if d.file.startswith(shown) else d.file,
                                         d.line, d.column, d.field, d.expected, d.found)
                              for d in exc.diagnostics]) from None
