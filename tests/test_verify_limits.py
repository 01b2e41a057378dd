"""appraisal verify is bounded and reads every record as an input (issue 21): recorded
draws capped unless allowed, no pattern that backtracks over a paper, a diff that stays
near linear, Word files checked before they are unpacked and no DOCTYPE; a malformed
record or JSON output is an input error naming the field (exit 2), never a bug (exit
3). And the formats agree: only the inputs' digest is not compared, in all of them."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from verify_papers import make_papers, rezipped, set_field, verify, with_record

from appraisal.cli import main
from appraisal.workshop.linediff import Block, changed_blocks


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_papers(tmp_path_factory.mktemp("verify") / "appraisal")


# 9: bounded --------------------------------------------------------------------------


def test_recorded_draws_are_capped_unless_allowed(small: Path, tmp_path: Path) -> None:
    many = tmp_path / "paper.md"
    many.write_text(with_record((small / "paper.md").read_text(), "md",
                            set_field("samples", 100_000_000)))
    code, out = verify(many, small / "appraisal.yaml")
    assert code == 2 and "records 100,000,000 Monte Carlo draws" in out
    assert f"appraisal verify {many} --samples 100000000" in out
    code, out = verify(small / "paper.md", "--samples", "199")  # the paper has 200
    assert code == 2 and "verify makes at most 199 again" in out
    assert verify(small / "paper.md", "--samples", "200")[0] == 0


def test_hostile_records_cost_time_in_proportion(small: Path, tmp_path: Path) -> None:
    comments = tmp_path / "comments.md"  # 36.5 s at 400 KB with the old pattern
    comments.write_text("<!-- appraisal-run {" * 80_000)
    code, out = verify(comments)
    assert code == 2 and "records more than one run" in out
    tags = tmp_path / "tags.html"  # 83 s at 400 KB with the old pattern
    tags.write_text((small / "paper.html").read_text().replace(
        "<body>", "<body>" + "<script " * 200_000, 1))
    code, out = verify(tags, small / "appraisal.yaml")
    assert code == 1 and "1 difference:" in out


def test_the_diff_is_bounded_for_lines_repeated_in_another_order() -> None:
    old, new = ["a", "b", "c"] * 20_000, ["c", "b", "a"] * 20_000  # minutes for difflib
    blocks = changed_blocks(old, new)
    assert blocks and _equal_outside(old, new, blocks)


@given(st.lists(st.sampled_from("abcd"), max_size=30),
       st.lists(st.sampled_from("abcd"), max_size=30))
def test_the_diff_pairs_equal_lines_only(old: list[str], new: list[str]) -> None:
    blocks = changed_blocks(old, new)
    assert (not blocks) == (old == new)
    assert _equal_outside(old, new, blocks)
    assert all(b.old_from <= b.old_to and b.new_from <= b.new_to for b in blocks)


def _equal_outside(old: list[str], new: list[str], blocks: list[Block]) -> bool:
    i = j = 0
    for b in [*blocks, Block(len(old), len(old), len(new), len(new))]:
        if old[i:b[0]] != new[j:b[2]]:
            return False
        i, j = b[1], b[3]
    return True


def _zip(entries: list[tuple[str, int]]) -> bytes:
    """A zip of parts of zeros, each ``size`` bytes unpacked (deflated to almost
    nothing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, size in entries:
            with z.open(name, "w", force_zip64=size > 2**31) as f:
                chunk = bytes(2**20)
                for _ in range(size // 2**20):
                    f.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize(("entries", "said"), [
    ([("word/settings.xml", 80 * 2**20)], "unpacks to more than any Word paper"),
    ([(f"word/media/{k}.png", 2**20) for k in range(5)], "unpacks to more than"),
    ([(f"word/media/{'x' * 150}{k:05}.png", 0) for k in range(7_000)], "larger zip directory"),
    ([(f"word/media/{k}.png", 0) for k in range(1_500)], "holds 1,500 parts"),
])
def test_word_bombs_are_refused_before_unpacking(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 entries: list[tuple[str, int]],
                                                 said: str) -> None:
    from appraisal.workshop import word_parts

    monkeypatch.setattr(word_parts, "MAX_UNPACKED", 4 * 2**20)  # in all: 5 MiB is too much
    bomb = tmp_path / "paper.docx"
    bomb.write_bytes(_zip(entries))
    code, out = verify(bomb)
    assert code == 2 and said in out, out


@pytest.mark.parametrize("part", ["word/settings.xml", "word/document.xml"])
@pytest.mark.parametrize("declared", [
    b'<!DOCTYPE w:x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b"<!DOCTYPE w:x>"])
def test_a_doctype_in_a_word_part_is_refused(small: Path, tmp_path: Path, part: str,
                                             declared: bytes) -> None:
    def doctype(parts: dict[str, bytes]) -> None:
        body = parts[part][parts[part].index(b"?>") + 2:]
        if b"ENTITY" in declared:
            body = body.replace(b"<w:t>", b"<w:t>&b;", 1)
        parts[part] = b'<?xml version="1.0"?>' + declared + body

    (tmp_path / "paper.docx").write_bytes(rezipped((small / "paper.docx").read_bytes(), doctype))
    code, out = verify(tmp_path / "paper.docx", small / "appraisal.yaml")
    assert code == 2 and f"its part {part} declares a DOCTYPE" in out, out


# 10: malformed records -----------------------------------------------------------------

_DIGITS = "9" * 5_000


@pytest.mark.parametrize(("field", "value"), [
    ("path", ["a"]), ("path", 5), ("samples", "abc"), ("samples", [1]),
    ("samples", _DIGITS), ("samples", -1), ("samples", True), ("seed", "x"), ("seed", 1.5),
    ("seed", 2**64), ("date", "9999-99-99"), ("date", 5), ("date", "20200102"),
    ("date", None), ("weights", "x"), ("weights", {"quality": "abc"}), ("weights", [1, 2]),
    ("weights", {"quality": 1e300}), ("input_digest", "sha256:xyz"), ("tool", 5),
    ("members", "x"), ("members", [1]), ("criteria", 5), ("scenario", ["x"]),
    ("weights_from", ""), ("weights_from", "\x1b[2J")])
def test_a_malformed_record_is_an_input_error(small: Path, tmp_path: Path, field: str,
                                              value: object) -> None:
    def change(record: dict[str, object]) -> None:
        if value is None:
            del record[field]
        else:
            record[field] = value

    for fmt in ("md", "html"):
        paper = tmp_path / f"paper.{fmt}"
        paper.write_text(with_record((small / f"paper.{fmt}").read_text(), fmt, change))
        code, out = verify(paper, small / "appraisal.yaml")
        assert code == 2, out
        assert (f"its run record's {field}" in out and "expected" in out) or (
            value is None and f"its run record has no {field}" in out), out
        assert "\x1b" not in out and _DIGITS not in out


def test_a_damaged_record_is_an_input_error(small: Path, tmp_path: Path) -> None:
    text = (small / "paper.md").read_text()
    start = text.index("<!-- appraisal-run ")
    for record, said in (
            ("{\"samples\":" + _DIGITS + "}", "its run record is damaged"),
            ("[" * 100_000, "its run record is damaged"),
            ("{\"tool\":", "its run record is damaged"),
            ("{}", "its run record has no tool")):
        (tmp_path / "paper.md").write_text(f"{text[:start]}<!-- appraisal-run {record} -->\n")
        code, out = verify(tmp_path / "paper.md", small / "appraisal.yaml")
        assert code == 2 and said in out, out


@pytest.mark.parametrize(("command", "path", "value", "field"), [
    ("rank", "weight_overrides", "x", "weight_overrides"),
    ("rank", "seed", "x", "seed"),
    ("rank", "input_digest", 5, "input_digest"),
    ("rank", "criteria_set", {"a": 1}, "criteria_set"),
    ("value", "value_for_money", [1], "value_for_money"),
    ("sensitivity", "monte_carlo", {"board": {"samples": "abc"}}, "monte_carlo.board.samples"),
])
def test_a_malformed_json_output_is_an_input_error(small: Path, tmp_path: Path, command: str,
                                                   path: str, value: object,
                                                   field: str) -> None:
    made = CliRunner().invoke(main, [command, str(small / "appraisal.yaml"), "--format",
                                     "json", *(["--samples", "50"] if command != "rank" else [])])
    output = json.loads(made.output)
    output[path] = value
    (tmp_path / "out.json").write_text(json.dumps(output))
    code, out = verify(tmp_path / "out.json", small / "appraisal.yaml")
    assert code == 2 and f"its run record's {field}: expected" in out, out


# the formats agree -----------------------------------------------------------------


def test_every_format_follows_when_only_a_comment_changed(small: Path, tmp_path: Path) -> None:
    """The inputs' digest is the one thing not compared, in every format alike: a
    comment added to the appraisal changes it and nothing else."""
    folder = tmp_path / "appraisal"
    shutil.copytree(small, folder)
    rank = folder / "rank.json"
    rank.write_text(CliRunner().invoke(main, ["rank", str(folder / "appraisal.yaml"),
                                              "--format", "json"]).output)
    with (folder / "appraisal.yaml").open("a") as f:
        f.write("# a comment changes the digest, and no figure\n")
    for name in ("paper.md", "paper.html", "paper.docx", "rank.json"):
        code, out = verify(folder / name, folder / "appraisal.yaml")
        assert code == 0 and "changed in ways that change none of its figures" in out, out
    md = (folder / "paper.md").read_text()
    digest = json.loads(md.split("<!-- appraisal-run ")[1].split(" -->")[0])["input_digest"]
    (folder / "paper.md").write_text(md.replace(f"| {digest} |", f"| sha256:{'0' * 64} |"))
    code, out = verify(folder / "paper.md", folder / "appraisal.yaml")
    assert code == 1 and "1 difference:" in out  # the digest row must be the record's


def test_a_paper_of_another_version_says_so(small: Path, tmp_path: Path) -> None:
    (tmp_path / "paper.md").write_text(with_record((small / "paper.md").read_text(), "md",
                                               set_field("tool", "0.0.1")))
    code, out = verify(tmp_path / "paper.md", small / "appraisal.yaml")
    assert code == 1 and "Written by appraisal 0.0.1; this is appraisal" in out


def test_a_paper_made_with_own_templates_is_verified_with_them(small: Path,
                                                               tmp_path: Path) -> None:
    from conftest import ROOT
    from docx import Document

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "paper.md.j2").write_text(
        "Council of Somewhere\n" + (ROOT / "templates" / "paper.md.j2").read_text())
    reference = tmp_path / "reference.docx"
    ref = Document()
    ref.styles["Normal"].font.name = "Verdana"
    ref.save(str(reference))
    out = tmp_path / "out"
    made = CliRunner().invoke(main, [
        "report", str(small / "appraisal.yaml"), "--out", str(out), "--format", "md",
        "--format", "docx", "--samples", "200", "--date", "2020-01-02", "--template",
        str(templates), "--reference-docx", str(reference)])
    assert made.exit_code == 0, made.output
    for name, option, value in (("paper.md", "--template", templates),
                                ("paper.docx", "--reference-docx", reference)):
        code, _ = verify(out / name, small / "appraisal.yaml")
        assert code == 1  # made again with the bundled templates and house style
        code, text = verify(out / name, small / "appraisal.yaml", option, value)
        assert code == 0, text


def test_json_is_compared_value_by_value_and_as_a_whole() -> None:
    from appraisal.workshop.paper_text import json_differences, json_lines

    doc = {"a": {"b": [1, {"c": 2}], "d": 3}, "e": [[4]]}
    assert json_lines(doc) == ["a.b[0]: 1", "a.b[1].c: 2", "a.d: 3", "e[0][0]: 4"]
    assert json_lines(doc, 2) == ["a.b[0]: 1", "a.b[1].c: 2", "(more lines, not compared)"]
    deep: list[object] = []
    for _ in range(5_000):  # deeper than Python's recursion limit
        deep = [deep, 1]
    assert len(json_lines(deep)) == 5_000
    assert json_differences(doc, doc).count == 0
    found = json_differences({**doc, "note": "option B: 99.9"}, doc)
    assert found.count == 1 and found.differences[0].paper == 'note: "option B: 99.9"'
    same_lines = {"a.b": [1, {"c": 2}], "a": {"d": 3}, "e": [[4]]}  # the lines, not the JSON
    assert json_lines(same_lines) == json_lines(doc)
    assert json_differences(same_lines, doc).count == 1
