"""appraisal verify: a fresh paper passes in every format; after one score is edited it
fails, naming what differs; JSON outputs too."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, paper_result

import appraisal
from appraisal.cli import main
from appraisal.input.files import label
from appraisal.report.build import write_paper

PARTS = ("appraisal.yaml", "criteria", "options", "scenarios", "members")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("verify")
    root = base / "appraisal"
    root.mkdir()
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    out = base / "paper"
    write_paper(paper_result(appraisal.load(root), samples=1500), out, ["html", "md", "docx"],
                when=date(2017, 12, 14), source=os.path.relpath(root, out))  # as report does
    return root, out


def _verify(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["verify", *args], catch_exceptions=False)
    return r.exit_code, r.output


@pytest.mark.parametrize("name", ["paper.html", "paper.md", "paper.docx"])
def test_a_fresh_paper_follows_and_an_edited_score_does_not(made: tuple[Path, Path],
                                                            name: str, tmp_path: Path) -> None:
    root, out = made
    code, text = _verify(str(out / name), str(root))
    assert code == 0, text
    assert "(unchanged since the paper)" in text and "follows from the inputs" in text
    edited = tmp_path / "edited"
    shutil.copytree(root, edited)
    option = edited / "options" / "09-council-company.yaml"
    option.write_text(option.read_text().replace("  market:\n    value: 1\n",
                                                 "  market:\n    value: 1.5\n", 1))
    code, text = _verify(str(out / name), str(edited))
    assert code == 1
    assert "changed since the paper" in text and "no longer follows from the inputs" in text
    assert "68.5" in text and "67.7" in text  # the leader's total, before and after


def test_the_recorded_path_is_used_when_none_is_given(made: tuple[Path, Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root, out = made
    monkeypatch.chdir(root.parent)  # the appraisal is inside the current folder
    code, text = _verify(str(out / "paper.md"))
    assert code == 0 and f"Inputs: {label(root)}" in text


def test_json_outputs(made: tuple[Path, Path], tmp_path: Path) -> None:
    root, _ = made
    for args in (["rank"], ["value", "--samples", "300"]):
        result = CliRunner().invoke(main, [*args, str(root), "--format", "json"])
        path = tmp_path / f"{args[0]}.json"
        path.write_text(result.output)
        assert _verify(str(path), str(root))[0] == 0
        code, _ = _verify(str(path), str(ROOT))
        assert code == 0  # the bundled example: same inputs, same figures


@pytest.mark.parametrize("args", [
    ["value", "--weight", "finance=30", "--samples", "300"],
    ["rank", "--weights-from", "group", "--member", "director", "--member", "head-of-legal"],
    ["sensitivity", "--weights-from", "director", "--member", "director", "--member",
     "scrutiny-chair", "--samples", "300"],
    ["value", "--weights-from", "group", "--member", "director", "--member",
     "cabinet-member", "--samples", "200"],
])
def test_json_outputs_record_their_whole_request(made: tuple[Path, Path], tmp_path: Path,
                                                 args: list[str]) -> None:
    """A JSON output made with weight changes or some members only records them, so it
    follows from its inputs (the first new user's trial found it did not)."""
    root, _ = made
    result = CliRunner().invoke(main, [args[0], str(root), *args[1:], "--format", "json"])
    path = tmp_path / "out.json"
    path.write_text(result.output)
    code, text = _verify(str(path), str(root))
    assert code == 0, text


def test_a_file_without_a_record(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body>not a paper</body></html>")
    code, text = _verify(str(page))
    assert code == 2 and "records no run" in text
    code, text = _verify(str(tmp_path / "paper.pdf"))
    assert code == 2


def test_a_recorded_path_is_followed_only_inside_this_folder(made: tuple[Path, Path],
                                                             tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             ) -> None:
    root, out = made
    monkeypatch.chdir(tmp_path)  # elsewhere: the recorded ../appraisal is outside
    code, text = _verify(str(out / "paper.html"))
    assert code == 2 and "outside the paper's folder and the current folder" in text
    assert f"appraisal verify {label(out / 'paper.html')} PATH" in text
    code, text = _verify(str(out / "paper.html"), str(root))  # named: followed
    assert code == 0, text
    rank = tmp_path / "rank.json"
    rank.write_text(CliRunner().invoke(main, ["rank", str(root), "--format", "json"]).output)
    code, text = _verify(str(rank))
    assert code == 2 and "does not record which appraisal" in text


def test_the_library_decides_the_kind_and_returns_what_it_found(made: tuple[Path, Path],
                                                                 tmp_path: Path) -> None:
    from appraisal.errors import UsageError
    from appraisal.workshop.paper_record import (
        JsonOutput,
        OutputFormat,
        json_output,
        read_output,
    )
    from appraisal.workshop.verify import recorded_inputs, verify

    root, out = made
    paper = read_output(out / "paper.md")
    assert paper.format is OutputFormat.MARKDOWN
    assert paper.run.path == paper.record["path"] == "../appraisal"
    inputs = recorded_inputs(paper, root)
    assert inputs.unchanged and inputs.where == root
    checked = verify(paper, inputs)
    assert checked.identical and checked.follows and checked.json_output is None
    assert (checked.shown, checked.more, checked.count) == ((), 0, 0)
    rank = tmp_path / "rank.json"
    rank.write_text(CliRunner().invoke(main, ["rank", str(root), "--format", "json"]).output)
    output = read_output(rank)
    assert (output.format, json_output(output.record)) == (OutputFormat.JSON, JsonOutput.RANK)
    checked = verify(output, recorded_inputs(output, root))
    assert checked.json_output is JsonOutput.RANK and checked.follows
    assert not checked.identical  # a JSON output is compared line by line, never as bytes
    other = tmp_path / "other.json"
    other.write_text('{"ranking": []}')
    with pytest.raises(UsageError, match="not an output verify knows"):
        read_output(other)  # what a file is, and its record, are decided when it is read
