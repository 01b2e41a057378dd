"""User templates are bounded: a template that recurses, allocates without end, loops
for ever, writes too much or reads through a link ends with a clear UsageError, and the
paper is not written."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from appraisal.errors import UsageError
from appraisal.report.sandbox import Limits, render_untrusted

CTX = {"title": "T", "sections": []}
SMALL = Limits(memory_bytes=512 * 1024 ** 2, cpu_seconds=3, wall_seconds=20,
               output_chars=100_000)


def _render(tmp_path: Path, body: str, limits: Limits = SMALL) -> str:
    (tmp_path / "paper.md.j2").write_text(body)
    return render_untrusted("md", "paper.md.j2", CTX, tmp_path, limits)


def test_a_user_template_renders_in_the_sandbox(tmp_path: Path) -> None:
    assert _render(tmp_path, "Paper: {{ title | md }}") == "Paper: T"


@pytest.mark.parametrize("body,message", [
    ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "recursed too deeply"),
    ("{{ 'a' * 3000000000 }}", "MiB of memory"),
    ("{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}", "more than 100,000 characters"),
    ("{{ title.__class__.__mro__ }}", "unsafe"),
    ("{% include 'secret.j2' %}", "is a link"),
])
def test_hostile_templates_are_stopped(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "secret.j2").symlink_to("/etc/passwd")
    with pytest.raises(UsageError, match=message):
        _render(tmp_path, body)


@pytest.mark.slow
def test_a_template_that_loops_for_ever_is_stopped(tmp_path: Path) -> None:
    t0 = time.monotonic()
    with pytest.raises(UsageError, match="processor time"):
        _render(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}"
                          "{% endfor %}{% endfor %}")
    assert time.monotonic() - t0 < SMALL.wall_seconds


def test_a_linked_template_is_refused_by_report(tmp_path: Path,
                                                cli: Callable[..., Result]) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    os.symlink("/etc/passwd", tpl / "paper.md.j2")
    res = cli("report", "--format", "md", "--template", tpl, "--out", tmp_path / "out",
              "--samples", "0")
    assert res.exit_code == 2
    assert "is a link" in res.output and "root:" not in res.output
    assert not (tmp_path / "out" / "paper.md").exists()
