"""Every hostile or broken input of the first-contact review gives a located problem and
exit 2 (never a traceback, a hang, a wrong result or a leak): one test per case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import SMALL

import appraisal
from appraisal.input.files import MAX_FILE_BYTES

Run = Callable[..., Result]


def _validate(cli: Run, path: Path) -> list[str]:
    res = cli("validate", path)
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    return res.output.splitlines()[1:]


@pytest.mark.parametrize("text,expected", [
    (SMALL.replace("quality: 8, cost: 6", "quality: 4, \" quality\": 0, cost: 6"),
     "' quality' again (as 'quality'"),
    (SMALL.replace("quality: 8, cost: 6", "quality: 4, QUALITY: 0, cost: 6"),
     "keys that differ only in spaces or case are the same key"),
    (SMALL.replace("weight: 3}", "weight: 1e308}"), "a number <= 1e+12"),
    (SMALL.replace("{min: 0, max: 10}", "{min: -1e308, max: 1e308}"), "a number >= -1e+12"),
    (SMALL.replace("weight: 3}", "weight: .nan}"), "a finite number"),
    (SMALL.replace("quality: 8, cost: 6", "quality: " + "9" * 5000 + ", cost: 6"),
     "a number, or a mapping"),
    (SMALL.replace("title: Small", 'title: "a\\0b"'), "text without control characters"),
    (SMALL.replace("Option A", '"\\e]8;;http://x\\e\\\\A\\e]8;;\\e\\\\"'),
     "text without control characters; found the control character U+001B"),
    (SMALL.replace("title: Small", "title: !!python/object/apply:os.system [echo hi]"),
     "plain YAML values (no tags)"),
    (SMALL + "base: &b {x: 1}\nmore:\n  <<: *b\n", "no merge keys"),
    ("a: " + "[" * 100 + "]" * 100 + "\n", "nested at most 64 deep"),
    (SMALL + "---\ntitle: again\n", "a single YAML document"),
    ("", "a mapping with title, criteria and options"),
])
def test_bad_values_are_located_problems(write: Callable[[str, str], Path], cli: Run,
                                         text: str, expected: str) -> None:
    lines = _validate(cli, write(text, "a.yaml"))
    assert any(expected in line for line in lines), lines
    assert all(line.startswith("a.yaml") or "a.yaml" in line for line in lines), lines


def test_a_rationale_of_5000_digits_is_text_not_a_crash(write: Callable[[str, str], Path],
                                                       cli: Run) -> None:
    f = write(SMALL.replace("quality: 8, cost: 6",
                            "quality: {value: 8, rationale: " + "1" * 5000 + "}, cost: 6"))
    assert cli("validate", f).exit_code == 0


def test_an_alias_bomb_is_refused_fast(write: Callable[[str, str], Path], cli: Run) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(9))
    t0 = time.perf_counter()
    lines = _validate(cli, write(bomb))
    assert time.perf_counter() - t0 < 5
    assert len(lines) <= 3 and "values once aliases are expanded" in " ".join(lines)


def test_encodings(tmp_path: Path, cli: Run) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + SMALL.encode())
    assert cli("validate", tmp_path / "bom.yaml").exit_code == 0
    (tmp_path / "latin.yaml").write_bytes(SMALL.replace("Small", "Caf\u00e9").encode("latin-1"))
    assert any("UTF-8 text; found a byte that is not UTF-8 (0xe9)" in line
               for line in _validate(cli, tmp_path / "latin.yaml"))
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)) * 4)
    _validate(cli, tmp_path / "binary.yaml")


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path, cli: Run) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs nothing to make
    assert any("a file of at most 16.0 MiB; found 16.0 MiB" in line
               for line in _validate(cli, big))


def test_links_leaving_the_appraisal_are_refused_and_never_echoed(tmp_path: Path,
                                                                 cli: Run) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    inner = tmp_path / "appraisal"
    inner.mkdir()
    (inner / "a.yaml").symlink_to(secret)
    lines = _validate(cli, inner / "a.yaml")
    assert lines == ["a.yaml: expected a file inside the appraisal folder; found a link "
                     "leaving it"] or "link leaving it" in " ".join(lines)
    assert "root:x" not in " ".join(lines)


def _directory(tmp_path: Path, example_path: Path) -> Path:
    root = tmp_path / "appr"
    root.mkdir()
    shutil.copy(example_path / "appraisal.yaml", root)
    for part in ("criteria", "options", "scenarios"):
        shutil.copytree(example_path / part, root / part)
    return root


def test_directory_form_links_pipes_and_folders(tmp_path: Path, example_path: Path,
                                                cli: Run, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    root = _directory(tmp_path, example_path)
    outside = tmp_path / "outside"
    shutil.move(str(root / "scenarios"), outside)
    (root / "scenarios").symlink_to(outside)  # a folder linked out of the appraisal
    os.mkfifo(root / "options" / "14-pipe.yaml")  # reading it would hang for ever
    (root / "options" / "15-leak.yaml").symlink_to("/etc/passwd")
    monkeypatch.chdir(root)
    t0 = time.perf_counter()
    lines = _validate(cli, Path("."))
    assert time.perf_counter() - t0 < 10
    text = "\n".join(lines)
    assert "scenarios: expected a folder inside the appraisal; found a link leaving it" in text
    assert "options/14-pipe.yaml: expected a regular file; found a named pipe" in text
    assert "options/15-leak.yaml: expected a file inside the appraisal folder" in text
    assert "root:" not in text


def test_a_file_name_that_is_not_utf8(tmp_path: Path, example_path: Path, cli: Run) -> None:
    root = _directory(tmp_path, example_path)
    name = os.fsdecode(b"options/99-bad-\xff.yaml")
    (root / name).write_text("id: [broken\n")
    res = cli("validate", root)
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "99-bad-\\xff.yaml" in res.output


def test_terminal_markup_and_formulas_in_names_are_shown_as_text(
        write: Callable[[str, str], Path], cli: Run) -> None:
    f = write(SMALL.replace("Option A", "'[/bold] [red]Option A'").replace(
        "Option B", "'=HYPERLINK(\"http://x\",\"B\")'"))
    table = cli("rank", f)
    assert table.exit_code == 0 and "[/bold] [red]Option A" in table.output
    csv = cli("rank", f, "--format", "csv").output
    assert "'=HYPERLINK" in csv and ",=HYPERLINK" not in csv


def test_numeric_options_are_bounded(cli: Run) -> None:
    for args in (["--samples", str(10**20)], ["--samples", "-1"], ["--seed", str(2**64)],
                 ["--seed", "-5"]):
        res = cli("sensitivity", *args)
        assert res.exit_code == 2 and "Invalid value" in res.output, args


def test_an_internal_error_is_one_line_with_the_digest(cli: Run,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import appraisal.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("simulated bug")

    monkeypatch.setattr(appraisal.pipeline, "run", broken)
    res = cli("rank")
    assert res.exit_code == 3
    lines = res.output.splitlines()
    assert len(lines) == 1 and "internal error (ValueError: simulated bug)" in lines[0]
    assert "issue tracker" in lines[0] and "sha256:" in lines[0] and "--debug" in lines[0]
    with pytest.raises(ValueError, match="simulated bug"):
        cli("--debug", "rank")


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "appraisal", *args]


def test_a_closed_pipe_ends_quietly() -> None:
    run = subprocess.run(" ".join(_command("rank")) + " | head -1", shell=True,
                         capture_output=True, text=True, timeout=60)
    assert run.stderr == "" and run.stdout.startswith("Alternative delivery model")


@pytest.mark.slow
@pytest.mark.parametrize("after", [3.0, 6.0])
def test_ctrl_c_exits_130_and_leaves_no_paper(tmp_path: Path, after: float) -> None:
    """Early (the analysis) and later (the Word charts, where cairo runs Python as a
    callback and would swallow the interrupt)."""
    import signal

    proc = subprocess.Popen(_command("report", "--out", str(tmp_path)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    # 130, or ended by the SIGINT itself (Popen's -2), which a shell also reports as 130:
    # seen once on a loaded machine (a fresh clone compiling its bytecode, tests on two
    # workers), with the message printed and nothing written
    assert proc.returncode in (130, -signal.SIGINT), err
    assert err.strip() == "appraisal: interrupted" and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # all or nothing: nothing


def test_an_interrupt_swallowed_by_a_library_callback_still_writes_nothing(
        tmp_path: Path) -> None:
    """Ctrl-C inside a C library's Python callback (cairo's PNG writer) is only
    remembered there, never raised into the library; the next write raises it and
    writes nothing."""
    from appraisal import writing

    writing.reset_interrupt()
    code = compile("note(2, sys._getframe())", "<cairo callback>", "eval")
    try:
        eval(code, {"__name__": "cairocffi.surfaces", "note": writing.note_interrupt,
                    "sys": sys})  # returns: no exception inside the callback
        assert writing.interrupted()
        with pytest.raises(KeyboardInterrupt):
            writing.write_all({tmp_path / "paper.md": b"text"})
        assert list(tmp_path.iterdir()) == []
        with pytest.raises(KeyboardInterrupt):  # outside a callback it raises at once
            writing.note_interrupt(2, sys._getframe())
    finally:
        writing.reset_interrupt()


def test_a_killed_report_leaves_no_temporary_files_on_the_next_run(tmp_path: Path,
                                                                   cli: Run) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (tmp_path / f".paper.md.{dead}.x1y2.tmp").write_text("half a paper")
    res = cli("report", "--format", "md", "--samples", "0", "--out", tmp_path)
    assert res.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.md"]


def test_a_long_title_makes_a_word_paper(write: Callable[[str, str], Path],
                                         tmp_path: Path) -> None:
    from datetime import date

    from conftest import paper_result

    from appraisal.report.context import build_context
    from appraisal.report.docx import render_docx

    a = appraisal.load(write(SMALL.replace("title: Small", "title: " + "Long " * 80)))
    data = render_docx(build_context(paper_result(a, samples=0), date(2020, 1, 1)),
                       date(2020, 1, 1))
    assert data[:2] == b"PK"
