"""``appraisal report``: writes every format; same inputs and date, same bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from appraisal.report.build import report_date


@pytest.mark.slow
def test_report_writes_all_formats_deterministically(cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    runs = []
    for name in ("one", "two"):
        out = tmp_path / name
        res = cli("report", "--out", out, "--samples", "2000", "--date", "2017-12-14")
        assert res.exit_code == 0, res.output
        assert [ln.split(" (")[0] for ln in res.output.splitlines()] == [
            f"Wrote {out / f'paper.{ext}'}" for ext in ("html", "md", "docx", "pdf")]
        runs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert sorted(runs[0]) == ["paper.docx", "paper.html", "paper.md", "paper.pdf"]
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], name
    assert runs[0]["paper.pdf"].startswith(b"%PDF")


def test_report_format_option_and_date(cli: Callable[..., Result], tmp_path: Path) -> None:
    res = cli("report", "--format", "md", "--format", "html", "--out", tmp_path,
              "--samples", "0", "--date", "2018-03-29")
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.html", "paper.md"]
    md = (tmp_path / "paper.md").read_text()
    assert "| Report date | 2018-03-29 |" in md
    assert "| Monte Carlo draws of each kind | not run |" in md


def test_report_bad_date_and_template(cli: Callable[..., Result], tmp_path: Path) -> None:
    res = cli("report", "--date", "14/12/2017", "--out", tmp_path)
    assert res.exit_code == 2
    assert "expected a date as YYYY-MM-DD; found '14/12/2017'" in res.output
    res = cli("report", "--format", "md", "--template", tmp_path / "nowhere",
              "--out", tmp_path, "--samples", "0")
    assert res.exit_code == 2
    assert "no template directory at" in res.output


def test_report_date_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1513209600")
    assert report_date() == date(2017, 12, 14)
    assert report_date(date(2020, 1, 1)) == date(2020, 1, 1)


def test_user_template_overrides_one_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "paper.md.j2").write_text("Council paper: {{ title | md }}\n")
    res = cli("report", "--format", "md", "--format", "html", "--template", tpl,
              "--out", tmp_path / "out", "--samples", "0", "--date", "2017-12-14")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "paper.md").read_text().startswith("Council paper: Children")
    assert "Try other weights" in (tmp_path / "out" / "paper.html").read_text()


def test_sections_left_out_are_listed_by_report_and_validate(
        write: Callable[[str, str], Path], tmp_path: Path) -> None:
    from click.testing import CliRunner
    from conftest import SMALL

    from appraisal.cli import main

    path = write(SMALL, "small.yaml")
    runner = CliRunner()
    res = runner.invoke(main, ["validate", str(path)])
    assert res.exit_code == 0
    assert "leaves out these sections for lack of text" in res.stderr
    for field in ("paper.committee", "paper.background", "paper.hr_implications",
                  "paper.information_governance", "paper.equality_and_health"):
        assert field in res.stderr, field
    res = runner.invoke(main, ["report", str(path), "--format", "md", "--samples", "0",
                               "--out", str(tmp_path / "out")])
    assert res.exit_code == 0
    assert "leaves out these sections" in res.stderr and "paper.legal_implications" in res.stderr
    md = (tmp_path / "out" / "paper.md").read_text()
    assert "It is recommended that the programme board:" in md
    # the bundled example supplies every section
    res = runner.invoke(main, ["validate"])
    assert res.exit_code == 0 and "leaves out" not in res.stderr


def test_reference_docx(cli: Callable[..., Result], tmp_path: Path) -> None:
    from docx import Document

    missing = cli("report", "--format", "docx", "--samples", "0", "--out", tmp_path / "a",
                  "--reference-docx", tmp_path / "nope.docx")
    assert missing.exit_code == 2 and "no reference document at" in missing.output
    junk = tmp_path / "junk.docx"
    junk.write_text("not a word file")
    bad = cli("report", "--format", "docx", "--samples", "0", "--out", tmp_path / "b",
              "--reference-docx", junk)
    assert bad.exit_code == 2 and "is not a Word (.docx) file" in bad.output
    assert not (tmp_path / "b" / "paper.docx").exists()  # nothing written
    ref = Document()
    ref.styles["Heading 2"].font.name = "Georgia"
    ref.save(str(tmp_path / "council.docx"))
    ok = cli("report", "--format", "docx", "--samples", "0", "--out", tmp_path / "c",
             "--reference-docx", tmp_path / "council.docx")
    assert ok.exit_code == 0, ok.output
    assert Document(str(tmp_path / "c" / "paper.docx")).styles["Heading 2"].font.name == \
        "Georgia"


ONE_THROUGH = """\
title: Library van replacement
scale: {min: 0, max: 5}
criteria:
  - {id: reach, name: Villages reached, weight: 3, gate: 2}
  - {id: cost, name: Running cost, weight: 1, direction: cost}
options:
  - {id: keep, name: Keep the old van, scores: {reach: 1, cost: 4}}
  - {id: new, name: Buy a new van, scores: {reach: 4, cost: 3}}
  - {id: none, name: Stop the service, scores: {reach: 0, cost: 0}}
"""


def test_one_option_through_the_gates_still_gets_a_paper(cli: Callable[..., Result],
                                                         tmp_path: Path) -> None:
    """With one option through the gates there is nothing to compare: the paper says so
    and renders in every format; the sensitivity command itself still refuses."""
    path = tmp_path / "one.yaml"
    path.write_text(ONE_THROUGH)
    out = tmp_path / "out"
    res = cli("report", path, "--out", out, "--samples", "200", "--date", "2026-12-04")
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["paper.docx", "paper.html", "paper.md",
                                                     "paper.pdf"]
    md = (out / "paper.md").read_text()
    assert ("Only Buy a new van passed the gates, so there is no other option to compare it "
            "with: the sensitivity analysis") in md
    assert "The remaining option forms the short list appraised below." in md
    assert "Buy a new van, the only option on the short list, has a weighted total" in md
    assert "agrees that Buy a new van be taken forward as the preferred option" in md
    assert "Sensitivity analysis in full" not in md
    res = cli("sensitivity", path, "--samples", "200")
    assert res.exit_code == 2
    assert "sensitivity analysis needs at least two options passing the gates; found 1" \
        in res.output
