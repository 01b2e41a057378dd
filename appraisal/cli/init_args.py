"""``appraisal init``'s arguments, every one checked before anything is written: a
refused argument leaves no file and no folder behind (a title holding ESC once wrote 12
files, then failed, leaving a folder a re-run refused).

The title follows the YAML format's rules for text (no control characters, line
separators or bidirectional overrides: :func:`appraisal.input.modelbase.control_in`),
is one line and not blank, and must come back from the YAML ``init`` writes exactly
as given (:func:`quoted`). The folder must be new or a folder (that it is empty, or
holds only what a killed init left, :mod:`appraisal.workshop.create` checks), not under a file, and
its name printable (it is printed and written into the README's commands).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import UsageError
from ..input.modelbase import control_in
from .paths import out_folder, shown


def quoted(title: str) -> str:
    """The title as a double-quoted YAML scalar (as ``init`` writes it)."""
    return '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check_title(title: str) -> None:
    if "\n" in title or "\r" in title:
        raise UsageError("--title: expected a title on one line; found a line break")
    undecoded = next((c for c in title if "\ud800" <= c <= "\udfff"), None)
    if undecoded is not None:  # a byte of the command line that is not UTF-8
        raise UsageError("--title: expected text in UTF-8; found a byte that is not "
                         f"(U+{ord(undecoded):04X})")
    bad = control_in(title)
    if bad is not None:
        raise UsageError("--title: expected text without control characters (as in the "
                         f"YAML files); found the control character U+{ord(bad):04X}")
    if not title.strip():
        raise UsageError("--title: expected a title; found none")
    try:
        back = yaml.safe_load(f"title: {quoted(title)}\n")
    except (yaml.YAMLError, UnicodeEncodeError):
        back = None
    if back != {"title": title}:
        raise UsageError("--title: expected text the YAML files can hold; found "
                         f"'{shown(title[:60])}'")


def _check_folder(folder: Path) -> None:
    name = str(folder)
    if shown(name) != name:
        raise UsageError(f"FOLDER: expected a name without control characters or line "
                         f"breaks; found '{shown(name)}'")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"'{name}' exists and is not an empty folder")
    out_folder(folder, "FOLDER")
    # whether an existing folder is empty is :mod:`appraisal.workshop.create`'s to say:
    # it first completes or clears what a killed init left there


def check_arguments(folder: Path, title: str) -> None:
    """Raise :class:`UsageError` for the first argument of ``init`` that is refused
    (see the module); return quietly when every one is fine. Nothing is written."""
    _check_folder(folder)
    _check_title(title)
