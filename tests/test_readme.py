"""The README stays honest: every command is documented and its examples really run.

Each ```console block in README.md whose lines start with ``$ appraisal`` is run
in-process (terminal width 100) and its output compared with the README text. A line
``...`` in the README ends the comparison for that block (the rest is elided).
Run with APPRAISAL_REGENERATE=1 to rewrite the blocks from real output.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REGENERATE

from appraisal.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def _blocks() -> list[tuple[str, str]]:
    out = []
    for m in BLOCK.finditer(README.read_text()):
        body = m.group(1)
        lines = body.splitlines()
        if lines and lines[0].startswith("$ appraisal "):
            out.append((lines[0][2:], "\n".join(lines[1:])))
    return out


def _run(command: str) -> str:
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "100", "SOURCE_DATE_EPOCH": "0"})
    text = result.output
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def test_every_command_has_help_and_is_in_the_readme() -> None:
    text = README.read_text()
    ctx = main.make_context("appraisal", ["--help"], resilient_parsing=True)
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        if cmd is None:
            continue
        assert cmd.help, f"command {name} has no help text"
        assert f"appraisal {name}" in text, f"command {name} missing from the README"
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in text, f"option {opt} of {name} missing from the README"


@pytest.mark.parametrize("command,expected", _blocks(), ids=[c for c, _ in _blocks()])
def test_readme_examples_are_real_output(command: str, expected: str) -> None:
    actual = _run(command)
    if REGENERATE:
        text = README.read_text()
        old = f"```console\n$ {command}\n{expected}\n```" if expected else \
            f"```console\n$ {command}\n```"
        keep = expected.split("\n...")[0] if "\n..." in expected else None
        new_body = actual if keep is None else "\n".join(
            actual.splitlines()[: len(keep.splitlines())]) + "\n..."
        README.write_text(text.replace(old, f"```console\n$ {command}\n{new_body}\n```", 1))
        return
    exp = [line.rstrip() for line in expected.splitlines()]
    if "..." in exp:
        exp = exp[: exp.index("...")]
        assert actual.splitlines()[: len(exp)] == exp
    else:
        assert actual.splitlines() == exp
