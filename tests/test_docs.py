"""The README and docs/ stay honest: every example in them really runs and prints what
they show.

In README.md and every docs/*.md:

- a ```console block whose first line is ``$ appraisal ...`` is run in-process (terminal
  width 100, ``SOURCE_DATE_EPOCH`` of 14 December 2017) in a scratch folder, and its
  output compared with the block; a line ``...`` ends the comparison (the rest is
  elided);
- a ```pycon block is run statement by statement (``>>>``, continued by ``...``), in one
  namespace per document, and each printed output compared;
- a ```yaml block whose info string says ``file=NAME`` is written to the scratch folder
  first, so the commands can use it.

Input digests, file sizes and the tool version are normalised before comparing. docs/format.md's
field reference is generated from the JSON Schema. ``APPRAISAL_REGENERATE=1`` rewrites
every block (and the generated reference) from real output: review the diff, commit it.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import traceback
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import REGENERATE, ROOT

from appraisal._version import __version__
from appraisal.cli import COMMANDS, main

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(?P<lang>\w*)(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.S | re.M)
EPOCH = "1513209600"  # 14 December 2017


def normalise(text: str) -> str:
    text = re.sub(r"sha256:[0-9a-f]{64}", "sha256:<digest>", text)
    text = re.sub(r"\(\d[\d,]* bytes\)", "(<size> bytes)", text)
    text = text.replace(f"appraisal {__version__}", "appraisal <version>")
    text = text.replace(f'"tool_version": "{__version__}"', '"tool_version": "<version>"')
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def run_console(command: str) -> str:
    args = shlex.split(command)[2:]  # after "$ appraisal"
    result = CliRunner().invoke(main, args, env={"COLUMNS": "100", "SOURCE_DATE_EPOCH": EPOCH},
                                prog_name="appraisal")
    return result.output


def _examples(body: str) -> list[tuple[str, str]]:
    """(source, expected output) pairs of a pycon block."""
    out: list[tuple[str, str]] = []
    src: list[str] = []
    want: list[str] = []
    for line in body.splitlines():
        if line.startswith(">>> "):
            if src:
                out.append(("\n".join(src), "\n".join(want)))
            src, want = [line[4:]], []
        elif (line.startswith("... ") or line == "...") and src and not want:
            src.append(line[4:])
        else:
            want.append(line)
    if src:
        out.append(("\n".join(src), "\n".join(want)))
    return out


def run_pycon(source: str, namespace: dict[str, Any]) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(source + "\n", "<docs>", "single"), namespace)
        except Exception as exc:  # shown as the interpreter would, last line compared
            name = type(exc).__module__ + "." + type(exc).__qualname__
            buf.write("Traceback (most recent call last):\n  ...\n"
                      f"{name}: {exc}\n")
            traceback.clear_frames(exc.__traceback__)
    return buf.getvalue()


def _same(expected: str, actual: str) -> bool:
    exp, act = normalise(expected).splitlines(), normalise(actual).splitlines()
    if "..." in exp:
        cut = exp.index("...")
        return act[:cut] == exp[:cut]
    if exp and exp[0].startswith("Traceback"):
        return bool(act) and act[0].startswith("Traceback") and act[-1:] == exp[-1:]
    return act == exp


def _regenerated(expected: str, actual: str) -> str:
    exp = expected.splitlines()
    act = [line.rstrip() for line in actual.rstrip("\n").splitlines()]
    if "..." in exp:
        return "\n".join([*act[:exp.index("...")], "..."])
    return "\n".join(act)


def check_document(path: Path, scratch: Path) -> tuple[str, list[str]]:
    """Run every example of ``path``; return the regenerated text and the mismatches."""
    text = path.read_text()
    for m in FENCE.finditer(text):
        name = re.search(r"file=(\S+)", m["info"])
        if m["lang"] == "yaml" and name:
            (scratch / name.group(1)).write_text(m["body"])
    problems: list[str] = []
    pieces: list[str] = []
    last = 0
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    with contextlib.chdir(scratch):
        for m in FENCE.finditer(text):
            body = m["body"]
            new_body = body
            if m["lang"] == "console" and body.startswith("$ appraisal"):
                command, _, expected = body.partition("\n")
                actual = run_console(command)
                if not _same(expected, actual):
                    problems.append(f"{path.name}: `{command}` printed:\n{actual}")
                new_body = f"{command}\n{_regenerated(expected, actual)}\n"
            elif m["lang"] == "pycon":
                lines = []
                for source, expected in _examples(body):
                    actual = run_pycon(source, namespace)
                    if not _same(expected, actual):
                        problems.append(f"{path.name}: >>> {source}\nprinted:\n{actual}")
                    lines.append("\n".join([">>> " + source.replace("\n", "\n... "),
                                            _regenerated(expected, actual)]).rstrip())
                new_body = "\n".join(lines) + "\n"
            pieces.append(text[last:m.start("body")] + new_body)
            last = m.end("body")
    pieces.append(text[last:])
    return "".join(pieces), problems


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_examples_print_what_the_docs_show(path: Path, tmp_path: Path) -> None:
    regenerated, problems = check_document(path, tmp_path)
    if REGENERATE:
        path.write_text(regenerated)
        return
    assert not problems, "\n\n".join(problems) + "\n(APPRAISAL_REGENERATE=1 rewrites them)"


def field_reference() -> str:
    """The generated field reference of docs/format.md."""
    from appraisal.input.schema import field_reference as reference

    return reference()


def test_format_reference_is_generated_from_the_schema() -> None:
    path = ROOT / "docs" / "format.md"
    text = path.read_text()
    begin, end = "<!-- BEGIN generated from the JSON Schema -->\n", "<!-- END generated -->"
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    assert rest, f"{path} lacks the markers of the generated reference"
    current = head + begin + field_reference() + end + tail
    if REGENERATE:
        path.write_text(current)
        return
    assert text == current, "docs/format.md's field reference is stale (APPRAISAL_REGENERATE=1)"


def test_every_command_has_help_and_is_documented() -> None:
    readme = (ROOT / "README.md").read_text()
    cli = (ROOT / "docs" / "cli.md").read_text()
    for name, load in COMMANDS.items():
        cmd = load()
        assert cmd.help, f"command {name} has no help text"
        assert f"appraisal {name}" in readme, f"command {name} missing from the README"
        assert f"$ appraisal {name} --help" in cli, f"no help of {name} in docs/cli.md"
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in cli, f"option {opt} of {name} missing from docs/cli.md"


def test_readme_is_a_front_door() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    assert len(lines) <= 220, f"README has {len(lines)} lines; reference belongs in docs/"
    for page in ("cli", "format", "methods", "api", "paper", "development"):
        assert f"docs/{page}.md" in "\n".join(lines)


def test_regeneration_is_off_in_ci() -> None:
    assert not (REGENERATE and os.environ.get("CI")), "APPRAISAL_REGENERATE is set in CI"
