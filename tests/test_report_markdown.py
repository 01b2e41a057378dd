"""The Markdown paper against its golden files, one a section, numbers compared apart from
the words (tests/paper_golden.py; regenerate: APPRAISAL_REGENERATE=1)."""

from __future__ import annotations

import difflib
import functools
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import REGENERATE, ROOT, paper_result
from paper_golden import Section, compare, split_sections

import appraisal
from appraisal._version import __version__
from appraisal.report.context import build_context
from appraisal.report.markdown import render_markdown

GOLDEN = Path(__file__).parent / "golden" / "paper"
OUTLINE = GOLDEN / "sections.txt"
ACCEPT = "APPRAISAL_REGENERATE=1 pytest tests/test_report_markdown.py rewrites the golden files"


@functools.cache
def _paper() -> str:
    """The example's paper as ``appraisal report`` writes it (2,000 draws, seed 1, dated
    14 December 2017), with the input digest and the tool's version normalised: editing
    the example or bumping the version changes no golden file by itself."""
    ctx = build_context(paper_result(appraisal.load(), samples=2000, seed=1), date(2017, 12, 14))
    text = render_markdown(ctx)
    text = text.replace(appraisal.load().input_digest, "sha256:<input digest>")
    text = text.replace(f"appraisal {__version__}", "appraisal <version>")
    return text.replace(f'"tool":"{__version__}"', '"tool":"<version>"')


@functools.cache
def _sections() -> dict[str, Section]:
    return {s.name: s for s in split_sections(_paper())}


def _golden_names() -> list[str]:
    return OUTLINE.read_text().split() if OUTLINE.exists() else []


def _label(name: str) -> str:
    return (GOLDEN / f"{name}.md").relative_to(ROOT).as_posix()


def test_the_paper_has_the_golden_sections_in_order() -> None:
    """The paper's sections, by name and in order, are those of sections.txt, each with
    its file; a new section is shown whole, as is a section gone."""
    now = list(_sections())
    before = _golden_names()
    if REGENERATE:  # the files of sections already there are each their own test's
        GOLDEN.mkdir(parents=True, exist_ok=True)
        OUTLINE.write_text("".join(f"{n}\n" for n in now))
        for name in now:
            if name not in before:
                (GOLDEN / f"{name}.md").write_text(_sections()[name].text)
        for path in GOLDEN.glob("*.md"):
            if path.stem not in now:
                path.unlink()
        before = now
    files = sorted(p.stem for p in GOLDEN.glob("*.md"))
    problems = []
    for name in now:
        if name not in before:
            text = "".join(f"+{x}\n" for x in _sections()[name].text.splitlines())
            problems.append(f"a new section '{name}' (no {_label(name)}):\n{text}")
    for name in before:
        if name not in now:
            path = GOLDEN / f"{name}.md"
            gone = path.read_text() if path.exists() else ""
            text = "".join(f"-{x}\n" for x in gone.splitlines())
            problems.append(f"section '{name}' is no longer in the paper:\n{text}")
    if not problems and now != before:
        problems.append("the sections are in another order:\n" + "".join(difflib.unified_diff(
            [f"{n}\n" for n in before], [f"{n}\n" for n in now], _label("sections")[:-3]
            + ".txt", "the paper now", n=1)))
    if sorted(before) != files:
        problems.append(f"{GOLDEN.relative_to(ROOT).as_posix()} holds {files}; "
                        f"sections.txt names {sorted(before)}")
    if problems:
        pytest.fail("\n".join(problems) + f"\n({ACCEPT})", pytrace=False)


@pytest.mark.parametrize("name", _golden_names())
def test_each_section_matches_its_golden_file(name: str) -> None:
    """Each section's numbers, in order, and its words; a failure names the section,
    lists each changed number in its context and diffs the changed wording, whole."""
    section = _sections().get(name)
    if section is None:
        if REGENERATE:
            return  # the test of the sections removes its file
        pytest.fail(f"section '{name}' is no longer in the paper (see the test of the "
                    f"sections; {ACCEPT})", pytrace=False)
    path = GOLDEN / f"{name}.md"
    if REGENERATE:
        path.write_text(section.text)
    failure = compare(section, path.read_text(), _label(name))
    if failure:
        pytest.fail(f"{failure}\n({ACCEPT}: review the diff, commit it)", pytrace=False)


def test_markdown_structure() -> None:
    text = _paper()
    heads = [ln for ln in text.splitlines() if ln.startswith("## ")]
    assert heads[:4] == ["## Relevant Cabinet Member", "## Relevant Officer",
                         "## Recommendation", "## Background"]
    assert "## Supporting Information" in heads and heads[-1] == "## Reproducibility"
    assert "1. **The Cabinet Member" in text
    assert "    (a) **notes the appraisal of the 13 options" in text
    assert "scores and weights are illustrative" in text.lower()


def test_markdown_renders_as_intended_in_commonmark() -> None:
    """Rendered by a CommonMark parser (markdown-it-py, with GFM tables): the numbered
    paragraphs are ordered lists that keep their numbers, the recommendation's lettered
    items are paragraphs of its first item, bullets whose text starts with an option
    number ("13. Charity: ...") stay one flat bullet each, nothing is a code block, and
    every table is a table."""
    from markdown_it import MarkdownIt

    text = _paper()
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = [t.type for t in tokens]
    assert "code_block" not in kinds and "fence" not in kinds
    depth: list[str] = []
    starts: list[int] = []
    for t in tokens:
        if t.type in ("bullet_list_open", "ordered_list_open"):
            if t.type == "ordered_list_open":
                assert not depth, "an ordered list inside a list"
                starts.append(int(t.attrGet("start") or 1))
            else:
                assert not depth or depth[-1] == "ordered", "a list nested in a bullet"
            depth.append("ordered" if t.type == "ordered_list_open" else "bullet")
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth.pop()
    assert starts[0] == 1 and starts[1:] == sorted(starts[1:])  # 1 (recommendation), 2, 3...
    inline = [t.content for t in tokens if t.type == "inline"]
    assert any(c.startswith("(a) **notes the appraisal") for c in inline)
    assert any(c.startswith("13\\. Charity") for c in inline)  # a bullet's text, escaped
    separators = [ln for ln in text.splitlines() if re.fullmatch(r"\|(-{3}:?\|)+", ln)]
    assert kinds.count("table_open") == len(separators) >= 20  # every table is a table
    # and every row of a table is in it: no text line "| ... |" outside a table
    assert not [c for c in inline if c.startswith("|") and c.endswith("|")]
