"""Running git, bounded, and naming a revision: what ``appraisal diff`` asks of git
besides the files themselves (:mod:`.git`).

Every run has a time limit and reads at most a given number of bytes of git's output
(more is refused, git stopped), so no answer of git is held whole when it is large. A
revision is resolved to its commit; one that is not found in a shallow clone is said to
be possibly missing from the clone's history, with how to fetch more.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

from ..errors import UsageError
from ..input.files import printable

TIMEOUT = 120
"""Seconds any one git command may run."""
MAX_ANSWER = 1 << 20
"""The most output read from a git command, unless it says otherwise."""


def git(args: list[str], cwd: Path, limit: int = MAX_ANSWER,
        too_big: str = "") -> bytes:
    """The output of ``git ARGS`` run in ``cwd``: at most ``limit`` bytes (more is a
    :class:`UsageError` with the message ``too_big``, git stopped unread); a failure is
    a :class:`UsageError` with git's last line of error, made safe to print."""
    try:
        proc = subprocess.Popen(["git", *args], cwd=cwd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise UsageError("git is not installed: it is needed to read revisions") from None
    timer = threading.Timer(TIMEOUT, proc.kill)  # a git that hangs is stopped
    timer.start()
    try:
        assert proc.stdout is not None
        out = proc.stdout.read(limit + 1)
        if len(out) > limit:
            proc.kill()  # the rest is never read
        _, err = proc.communicate()
    except BaseException:
        proc.kill()
        raise
    finally:
        timer.cancel()
    if len(out) > limit:
        raise UsageError(too_big or f"git {args[0]} answered more than {limit:,} bytes")
    if proc.returncode < 0:
        raise UsageError(f"git {args[0]} took more than {TIMEOUT} seconds")
    if proc.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(printable(lines[-1][:300]) if lines else f"git {args[0]} failed")
    return out


def commit_of(revision: str, where: Path) -> str:
    """The commit that ``revision`` names in the repository holding ``where``; a
    :class:`UsageError` when it names none (in a shallow clone, saying that the commit
    may not have been fetched, and how to fetch more)."""
    if not revision.startswith("-"):
        try:
            return git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                        f"{revision}^{{commit}}"], where).decode("ascii").strip()
        except UsageError:
            pass
    shown = printable(revision[:100])
    try:
        shallow = git(["rev-parse", "--is-shallow-repository"], where).strip() == b"true"
    except UsageError:
        shallow = False
    if shallow:
        raise UsageError(f"'{shown}' is not a path, nor a revision in this clone's history: "
                         "the clone is shallow (made with --depth), so older commits were "
                         "not fetched; fetch more history with 'git fetch --deepen=100' "
                         "(or all of it with 'git fetch --unshallow') and try again")
    raise UsageError(f"'{shown}' is neither a path nor a git revision")
