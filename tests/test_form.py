"""The swing-weighting form (``appraisal form``).

Without a browser: the page holds every criterion's name and swing text, the swing
question and one points input per criterion, fetches nothing, and escapes hostile text
(in the markup and in the embedded data); the command writes the file and says so.

In Debian's Chromium through Playwright (marked ``browser``, skipped with a message when
Chromium is missing, as in test_browser.py): a member fills in the form; the weights and
the ranking shown equal the Python engine's for the same points; the downloaded
``members/ID.yaml``, dropped into a copy of the example, loads, gives the expected raw
weights and the same ranking; strings of any text survive the YAML; an invalid form
(no swing at 100, points out of range, a bad id) keeps the download disabled and says
why; axe-core finds no serious violation and nothing overflows at 390 px.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from conftest import serious_axe_violations
from markupsafe import escape

import appraisal
from appraisal.errors import UsageError
from appraisal.input.elicit import DEFAULT_SWING_QUESTION, GroupWeighting, Member
from appraisal.input.models import Appraisal, iter_criteria
from appraisal.pipeline import Request, run
from appraisal.presentation import formatting as fmt
from appraisal.workshop.form import form_page

DAY = date(2017, 12, 14)

# A member's swing points for the bundled example: the director's view, one swing
# given with a decimal, so that the ranking differs from the board's.
TOP = {"focus": 90, "improvement": 62.5, "social-work": 70, "scope": 60, "independence": 100,
       "system": 30, "market": 20, "finance": 30, "cypp": 50}
CYPP = {"cypp-safe": 100, "cypp-potential": 80, "cypp-contribution": 40, "cypp-healthy": 50}
NAME = 'Jane "JJ" O\'Brien \\ £7.5m: ü # not a comment 😀 end'
ROLE = "Finance lead - {board} [acting]\u2028\u202e&"
WHY = "Independence first.\nThen: the plan's outcomes, as 'agreed'.\t#1"
NOTE = "---\n... not the end: \x85 nor \ufeff\x07 this"
# what the tool reads: the characters it refuses in text (C0/C1 controls, the line
# separators, bidirectional overrides) are left out, a line separator kept as a break
ROLE_READ = "Finance lead - {board} [acting] &"
NOTE_READ = "---\n... not the end: \n nor \ufeff this"


def data_of(page: str) -> dict[str, Any]:
    """The page's embedded data."""
    m = re.search(r'<script type="application/json" id="form-data">(.*?)</script>', page, re.S)
    assert m, "no embedded data"
    return dict(json.loads(m.group(1)))


@pytest.fixture(scope="module")
def page_text() -> str:
    return form_page(run(appraisal.load(), Request()), when=DAY)


def test_the_page_shows_every_criterion_its_swing_and_the_question(page_text: str) -> None:
    a = appraisal.load()
    cs = a.criteria_set()
    for c in iter_criteria(cs.criteria):
        assert str(escape(c.name)) in page_text, c.name
        assert c.swing and str(escape(" ".join(c.swing.split()))) in page_text, c.id
        assert f'<input type="number" id="pts-{c.id}"' in page_text
        assert f'<label class="name" for="pts-{c.id}">' in page_text
    assert str(escape(DEFAULT_SWING_QUESTION)) in page_text
    assert "exactly 100 points" in page_text
    assert "14 December 2017" in page_text
    data = data_of(page_text)
    assert [(g["id"], len(g["nodes"])) for g in data["groups"]] == [(None, 9), ("cypp", 4)]
    assert data["criteria_set"] == "key-principles-2017" and not data["write_criteria_set"]
    assert {m["id"] for m in data["members"]} == {m.id for m in a.members}


def test_the_page_is_self_contained(page_text: str) -> None:
    assert "<link" not in page_text and "src=" not in page_text
    assert "http://" not in page_text and "https://" not in page_text
    assert "<style>" in page_text and "window.appraisalForm" in page_text


def test_a_set_without_swing_texts_gets_them_from_its_scale() -> None:
    page = form_page(run(appraisal.load(), Request(criteria="objectives-2018")), when=DAY)
    assert "from its worst score (0) to its best (5)" in page  # a benefit criterion
    assert "from its worst score (5) to its best (0)" in page  # a cost criterion
    assert "from the worst to the best on every one of its parts" in page  # a parent
    data = data_of(page)
    assert data["criteria_set"] == "objectives-2018" and data["write_criteria_set"]


HOSTILE = """\
title: "</script><script>alert(1)</script>"
scale: {min: 0, max: 10}
criteria:
  - id: main
    name: Main set
    criteria:
      - id: quality
        name: "</script><b>x</b>"
        swing: "from <img src=x onerror=alert(1)> to & beyond"
        weight: 3
      - {id: cost, name: "Cost ' \\" &amp;", weight: 1, direction: cost}
options:
  - {id: a, name: "<!-- Option A", scores: {quality: 8, cost: 6}}
  - {id: b, name: Option B, scores: {quality: 5, cost: 2}}
"""


def test_hostile_text_is_escaped(write: Callable[..., Path]) -> None:
    a = appraisal.load(write(HOSTILE))
    page = form_page(run(a, Request()), when=DAY)
    for raw in ("</script><b>x</b>", "<img src=x", "<!-- Option A", "<script>alert"):
        assert raw not in page
    assert "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in page
    assert "from &lt;img src=x onerror=alert(1)&gt; to &amp; beyond" in page
    assert "Cost &#39; &#34; &amp;amp;" in page
    # only the page's own two script elements, and the data keeps the text exactly
    assert page.count("</script>") == 2 and page.count("<script") == 2
    data = data_of(page)
    assert data["tree"]["names"][0] == "</script><b>x</b>"
    assert data["options"][0]["name"] == "<!-- Option A"


def test_no_short_list_is_a_usage_error(write: Callable[..., Path],
                                        cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write(HOSTILE.replace("weight: 3", "weight: 3\n        gate: 9"), "gated.yaml")
    with pytest.raises(UsageError, match="no option passes the gates"):
        form_page(run(appraisal.load(path), Request()), when=DAY)
    res = cli("form", path, "-o", tmp_path / "x.html")
    assert res.exit_code == 2
    assert res.output == ("appraisal: the form cannot rank the options under a member's "
                          "weights: no option passes the gates\n")
    assert not (tmp_path / "x.html").exists()


def test_the_command_writes_the_form(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "sub" / "board-form.html"
    res = cli("form", "--output", out)
    assert res.exit_code == 0, res.output
    assert res.output == f"Wrote {out} ({out.stat().st_size:,} bytes)\n"
    text = out.read_text()
    assert text.startswith("<!DOCTYPE html>") and "Single focus on children" in text
    assert [p.name for p in out.parent.iterdir()] == ["board-form.html"]  # no temp left
    res = cli("form", appraisal.bundled_example(), "--criteria", "objectives-2018",
              "-o", tmp_path / "o.html")
    assert res.exit_code == 0, res.output
    assert data_of((tmp_path / "o.html").read_text())["criteria_set"] == "objectives-2018"


def test_the_command_has_help(cli: Callable[..., Result]) -> None:
    res = cli("form", "--help")
    assert res.exit_code == 0
    for text in ("swing-weighting form", "members/ID.yaml", "-o, --output", "--criteria",
                 "form.html"):
        assert text in " ".join(res.output.split()), text


def test_an_unknown_criteria_set_is_a_usage_error(cli: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    res = cli("form", "--criteria", "nope", "-o", tmp_path / "x.html")
    assert res.exit_code == 2 and "unknown criteria set 'nope'" in res.output


# ---- in the browser -------------------------------------------------------------------

@pytest.fixture(scope="module")
def form_file(tmp_path_factory: pytest.TempPathFactory, page_text: str) -> Path:
    path = tmp_path_factory.mktemp("form") / "form.html"
    path.write_text(page_text)
    return path


def _fill(page: Any, points: Mapping[str, float], member: bool = True) -> None:
    if member:
        page.fill("#member-id", "jane")
        page.fill("#member-name", NAME)
        page.fill("#member-role", ROLE)
    for cid, value in points.items():
        page.fill(f"#pts-{cid}", str(value))


def _ranking(page: Any) -> list[tuple[str, int, float, str]]:
    rows = page.locator("#ranking tr")
    return [(rows.nth(i).get_attribute("data-option-id"),
             int(rows.nth(i).get_attribute("data-rank")),
             float(rows.nth(i).get_attribute("data-score")),
             rows.nth(i).locator("td.score").inner_text()) for i in range(rows.count())]


def _example_copy(root: Path) -> Path:
    source = appraisal.bundled_example()
    root.mkdir()
    shutil.copy(source / "appraisal.yaml", root / "appraisal.yaml")
    for part in ("criteria", "options", "scenarios", "members"):
        shutil.copytree(source / part, root / part)
    return root


def _expected_raw(a: Appraisal) -> dict[str, float]:
    """The engine's raw weights for TOP and CYPP, from a Member built in Python."""
    from appraisal.input.derive import member_raw

    member = Member(id="jane", name="Jane", weighting=(
        GroupWeighting(method="swing", points=TOP),
        GroupWeighting(group="cypp", method="swing", points=CYPP)))
    return member_raw(a, member)


@pytest.mark.browser
def test_a_member_fills_in_the_form_and_the_tool_reads_the_file(
        form_file: Path, tmp_path: Path, browser: Any) -> None:
    a = appraisal.load()
    raw = _expected_raw(a)
    assert raw == {**TOP, **CYPP}
    engine = run(a, Request(weights=raw))
    ids = list(engine.ranking.problem.tree.ids)
    page = browser.new_page(accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(form_file.as_uri())
        assert page.locator("#download").is_disabled()
        assert page.locator("#ranking tr").count() == 0
        _fill(page, {**TOP, **CYPP})
        page.fill("#why-_top", WHY)
        page.fill("#member-note", NOTE)
        assert page.locator("#download").is_enabled()
        assert page.locator("#download").inner_text() == "Download members/jane.yaml"

        # the weights shown: each criterion's share of the total, as the engine has it
        for k, cid in enumerate(ids):
            out = page.locator(f"#w-{cid}")
            want = float(engine.ranking.global_weights[k])
            assert abs(float(out.get_attribute("data-weight")) - want) <= 1e-12, cid
            assert out.locator(".share").inner_text() == f"{fmt.pct(want)} of total"
        # the ranking shown: the engine's, totals printed as the paper prints them
        shown = _ranking(page)
        rows = engine.ranking.options
        assert [r[0] for r in shown] == [o.id for o in rows]
        assert [r[1] for r in shown] == [o.rank for o in rows]
        for (_, _, score, text), o in zip(shown, rows, strict=True):
            assert abs(score - o.total) <= 1e-9 and text == fmt.points(o.total)
        first = rows[0]
        assert first.id == "staff-mutual" != appraisal.rank(a).ranking.options[0].id
        assert page.locator("#rank-status").inner_text() == (
            f"First: {first.number}. {first.name}.")

        with page.expect_download() as info:
            page.click("#download")
        assert info.value.suggested_filename == "jane.yaml"
        copy = _example_copy(tmp_path / "example")
        target = copy / "members" / "jane.yaml"
        info.value.save_as(target)
        assert errors == []
    finally:
        page.close()

    text = target.read_text(encoding="utf-8")
    assert text.startswith('id: "jane"\nname: "Jane \\"JJ\\" O\'Brien')
    assert "  - method: swing\n" in text and '  - group: "cypp"\n    method: swing\n' in text
    assert "      improvement: 62.5\n" in text and "      cypp-safe: 100\n" in text
    from appraisal.input.derive import member_raw
    from appraisal.input.loading import load

    loaded = load(copy)
    member = loaded.member("jane")
    assert (member.name, member.role, member.note) == (NAME, ROLE_READ, NOTE_READ)
    assert member.weighting[0].rationale == WHY and member.criteria_set is None
    assert [(b.group, b.method) for b in member.weighting] == [(None, "swing"),
                                                               ("cypp", "swing")]
    assert member_raw(loaded, member) == raw
    theirs = run(loaded, Request(weights_from="member", member="jane")).ranking.options
    assert [(o.id, o.rank) for o in theirs] == [(r[0], r[1]) for r in shown]
    for o, r in zip(theirs, shown, strict=True):
        assert abs(o.total - r[2]) <= 1e-9


@pytest.mark.browser
def test_ties_share_a_rank_as_in_the_engine(form_file: Path, browser: Any) -> None:
    # all the weight on one criterion: options with the same score tie
    points = {**dict.fromkeys(TOP, 0), "focus": 100, **dict.fromkeys(CYPP, 100)}
    engine = run(appraisal.load(), Request(weights=points)).ranking.options
    page = browser.new_page()
    try:
        page.goto(form_file.as_uri())
        _fill(page, points)
        shown = _ranking(page)
        cells = page.locator("#ranking tr td:first-child").all_inner_texts()
    finally:
        page.close()
    assert [(r[0], r[1]) for r in shown] == [(o.id, o.rank) for o in engine]
    assert len({o.rank for o in engine}) < len(engine)  # the example has ties here
    for cell, o in zip(cells, engine, strict=True):
        shared = sum(p.rank == o.rank for p in engine) > 1
        assert cell == f"{o.rank}{'=' if shared else ''}"


@pytest.mark.browser
def test_an_invalid_form_keeps_the_download_disabled(form_file: Path, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(form_file.as_uri())
        _fill(page, {**TOP, **CYPP})
        button, why = page.locator("#download"), page.locator("#download-why")
        assert button.is_enabled()

        page.fill("#pts-independence", "95")  # now no swing of the top level is 100
        assert button.is_disabled()
        assert page.locator("#msg-_top").inner_text() == (
            "None of these swings has 100 points: give the largest swing exactly 100 and "
            "the others points relative to it.")
        assert "the largest swing of the top level at exactly 100" in why.inner_text()
        assert page.locator("#yaml-preview").text_content() == (
            "The file appears here once the form is complete.")
        # the weights still show (only ratios matter); the file waits for the 100
        assert page.locator("#w-independence .share").inner_text() != "–"

        page.fill("#pts-independence", "100")
        page.fill("#pts-cypp-safe", "120")  # out of range
        assert button.is_disabled()
        assert page.locator("#err-cypp-safe").inner_text() == "Points run from 0 to 100; found 120."
        assert page.locator("#pts-cypp-safe").get_attribute("aria-invalid") == "true"
        assert "check Safe from harm" in page.locator("#msg-cypp").inner_text()
        assert page.locator("#w-cypp-safe .share").inner_text() == "–"
        assert page.locator("#ranking tr").count() == 0

        page.fill("#pts-cypp-safe", "")  # missing
        assert "Still to give points: Safe from harm." in page.locator("#msg-cypp").inner_text()
        assert "points for every criterion of Children and Young People's Plan" in (
            why.inner_text())

        page.fill("#pts-cypp-safe", "100")
        assert button.is_enabled()
        page.fill("#member-id", "Jane Smith")  # not an id
        assert button.is_disabled()
        assert "lowercase letters" in page.locator("#member-id-msg").inner_text()
        assert page.locator("#download-name").inner_text() == "ID"
        page.fill("#member-id", "director")  # someone else's: a warning, not a block
        assert button.is_enabled()
        assert "already exists" in page.locator("#member-id-msg").inner_text()
        page.fill("#member-name", "   ")
        assert button.is_disabled() and "your name" in why.inner_text()
    finally:
        page.close()


@pytest.mark.browser
def test_any_text_and_number_survive_the_yaml(form_file: Path, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(form_file.as_uri())
        texts = [NAME, ROLE, WHY, NOTE, "", "'", '"', "\\", "\\n", "a: b", "- x", "{[&*!|>%@`",
                 "\x00\x07\x1b\x7f\x9f\u00a0\u2029\ufffe\uffff", "\r\n", "yes", "null", "1e3",
                 "😀\U0001f9d1\u200d\U0001f4bb", "\ud7ff\ue000"]
        for s in texts:
            quoted = page.evaluate("s => window.appraisalForm.quoted(s)", s)
            assert not any(ch in quoted for ch in "\n\r\x85\u2028\u2029\ufeff"), quoted
            assert yaml.safe_load(f"x: {quoted}\n") == {"x": s}, (s, quoted)
        cleaned = [page.evaluate("([s, m]) => window.appraisalForm.clean(s, m)", [s, m])
                   for s, m in ((ROLE, False), (NOTE, True), (" \x00\u2066x\u2069 ", False))]
        assert cleaned == [ROLE_READ, NOTE_READ, "x"]
        # a lone surrogate is no text: it becomes the replacement character
        assert yaml.safe_load("x: " + page.evaluate(
            "() => window.appraisalForm.quoted('a\\ud800b')")) == {"x": "a\ufffdb"}
        for x in (0, 100, 62.5, 1 / 3, 0.1 + 0.2, 1e-7, 2.5e-300, 5e-324):
            written = page.evaluate("x => window.appraisalForm.number(x)", x)
            assert yaml.safe_load(f"x: {written}") == {"x": x}, written
        for cid in ("focus", "social-work", "yes", "on", "null", "n", "1a", "0x1f", "1_0"):
            key = page.evaluate("s => window.appraisalForm.key(s)", cid)
            assert yaml.safe_load(f"{key}: 1") == {cid: 1}, key
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_form_is_accessible_and_fits(form_file: Path, browser: Any, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(form_file.as_uri())
        _fill(page, {**TOP, **CYPP})
        page.fill("#pts-focus", "120")  # an error message and an invalid input on show
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for cid in ("focus", "cypp-healthy"):  # input, name and weight inside the viewport
            for sel in (f"#pts-{cid}", f"label[for=pts-{cid}]", f"#w-{cid}"):
                box = page.locator(sel).bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, sel
        bad = serious_axe_violations(page)
        assert bad == [], bad
        page.screenshot(path=str(form_file.parent / f"form-{width}.png"), full_page=True)
    finally:
        page.close()
