"""The appraisal a workbook records: a hint shown to the user, never trusted.

``export-xlsx`` records the appraisal's path (relative to the workbook's folder, "-"
for the bundled example) and its title. The path is followed only to a folder, or a
``.yaml``/``.yml`` file, whose real location lies inside the current folder or the
workbook's own folder; a path that is absolute or leads elsewhere is refused with the
path shown (escaped) and nothing there read. The workbook is checked as a package
(:mod:`.xlsx_package`) before its recorded path is read, and that part is parsed
streaming (:func:`.xlsx_scan.parse_xml`).

The title is the appraisal's identity: a workbook whose recorded title is not the
appraisal's is refused, whatever its sheets are called (two appraisals made by
``appraisal init`` share every sheet name).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Diagnostic, UsageError
from ..input.files import label, printable
from ..input.models import Appraisal
from .workbook import SOURCE_PROPERTY
from .xlsx_package import open_package
from .xlsx_scan import MAX_ELEMENTS, Refused, chunks_of, parse_xml

CUSTOM_PART = "docProps/custom.xml"
MAX_RECORDED = 4096
"""The longest recorded path read (characters)."""
TITLE_SHOWN = 60
_APPRAISAL_SUFFIXES = (".yaml", ".yml")


def _recorded_text(path: Path, shown: str) -> str:
    """The workbook's ``appraisal-path`` property ('' when none is recorded)."""
    package = open_package(path, shown)  # every check of the package first
    inside: list[bool] = [False, False]  # in our property; in its text
    found: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "property":
            inside[0] = attrs.get("name") == SOURCE_PROPERTY
        inside[1] = inside[0] and tag == "lpwstr"

    def text(data: str) -> None:
        if inside[1] and sum(map(len, found)) < MAX_RECORDED:
            found.append(data)

    def problem(expected: str, what: str) -> Refused:
        return Refused(Diagnostic(shown, 0, 0, CUSTOM_PART, expected, what))

    with package.zip() as z:
        if CUSTOM_PART not in z.namelist():
            return ""
        with z.open(CUSTOM_PART) as stream:
            parse_xml(chunks_of(stream), start, problem, [MAX_ELEMENTS], text)
    return "".join(found)[:MAX_RECORDED].strip()


def recorded_source(path: str | Path) -> Path | None:
    """The appraisal the workbook at ``path`` was exported from, as a path to load, or
    None (none recorded, or the bundled example). Raises :class:`InputError` for a
    workbook refused as a package, :class:`UsageError` for a recorded path that is not
    followed (see the module)."""
    from ..errors import InputError

    file = Path(path)
    shown = label(file)
    try:
        recorded = _recorded_text(file, shown)
    except Refused as exc:
        raise InputError([exc.problem]) from None
    if recorded in ("", "-"):
        return None
    hint = printable(recorded[:200])
    hint = hint if len(recorded) <= 200 else hint + "..."
    advice = f"name the appraisal to import into: appraisal import-xlsx {shown} PATH"
    target = Path(recorded)
    if target.is_absolute() or target.drive:
        raise UsageError(f"'{shown}' records its appraisal at '{hint}', an absolute path, "
                         f"which is not followed; {advice}")
    folder = os.path.realpath(file.parent)
    real = os.path.realpath(os.path.join(folder, recorded))
    bases = {os.path.realpath(os.curdir), folder}
    if not any(real == b or real.startswith(b.rstrip(os.sep) + os.sep) for b in bases):
        raise UsageError(f"'{shown}' records its appraisal at '{hint}', outside the current "
                         f"folder and the workbook's folder, which is not followed; {advice}")
    if os.path.exists(real) and not os.path.isdir(real) and \
            not real.lower().endswith(_APPRAISAL_SUFFIXES):
        raise UsageError(f"'{shown}' records its appraisal at '{hint}', which is neither a "
                         f"folder nor a .yaml file; {advice}")
    return file.parent / recorded


def check_identity(recorded_title: str, a: Appraisal, shown: str) -> None:
    """Refuse (:class:`UsageError`, one line) a workbook whose recorded title is not the
    title of ``a`` (export-xlsx records at most 255 characters of it); a workbook that
    records no title is left to its sheets' checks."""
    if recorded_title and recorded_title != a.title[:255]:
        raise UsageError(f"'{shown}' was exported from the appraisal "
                         f"'{printable(recorded_title[:TITLE_SHOWN])}', not from "
                         f"'{a.title[:TITLE_SHOWN]}': name the appraisal it came from")
