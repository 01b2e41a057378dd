"""The comparison behind the paper's golden files (tests/paper_golden.py): sections split
and joined back, numbers told apart from words, and the whole difference reported."""

from __future__ import annotations

from paper_golden import NUMBER, Section, compare, split_sections

PAPER = """\
**CABINET**

# A TITLE

## Recommendation

1. **The Cabinet approves option 9.**

## Results of the appraisal

19. Option 9 ranks first with 68.5 points out of 100, ahead of option 10 at 66.4.

20. The chart shows each option's total.

| Rank | Option | Total | Behind the leader |
|---:|---|---:|---:|
| 1 | 9\\. Wholly owned council company | 68\\.5 | 0\\.0 |
| 2 | 10\\. Staff owned mutual | 66\\.4 | 2\\.1 |

### A subheading stays in its section

## Appendix 2 – Sensitivity analysis in full

Text.

## Results of the appraisal

A second section of the same name.
"""


def _results(text: str) -> Section:
    return next(s for s in split_sections(text) if s.name == "results-of-the-appraisal")


def test_sections_are_named_by_their_words_and_join_back_into_the_paper() -> None:
    sections = split_sections(PAPER)
    assert [s.name for s in sections] == [
        "title", "recommendation", "results-of-the-appraisal",
        "appendix-sensitivity-analysis-in-full", "results-of-the-appraisal-2"]
    assert "".join(s.text for s in sections) == PAPER
    assert sections[0].heading == "(title page)"
    assert sections[3].heading == "Appendix 2 – Sensitivity analysis in full"
    assert "### A subheading" in sections[2].text


def test_numbers_as_the_paper_writes_them() -> None:
    found = [m.group() for m in NUMBER.finditer(
        "| 68\\.5 | -£6.36m | +9.1 | 2,000 draws | SMAA-2 | sha256 | 2017-12-14 | D\\_0 |")]
    assert found == ["68\\.5", "-£6.36", "+9.1", "2,000", "2", "2017", "12", "14"]


def test_the_same_text_is_no_failure() -> None:
    section = _results(PAPER)
    assert compare(section, section.text, "golden.md") is None


def test_a_changed_number_is_reported_as_a_number_with_its_place() -> None:
    golden = _results(PAPER).text
    now = _results(PAPER.replace("| 68\\.5 | 0\\.0 |", "| 68\\.6 | 0\\.0 |"))
    message = compare(now, golden, "golden.md")
    assert message is not None
    assert message.splitlines() == [
        "paper section 'Results of the appraisal' (results-of-the-appraisal) differs from "
        "golden.md:",
        "1 number(s) changed (golden -> now) where the words did not:",
        "  section results-of-the-appraisal, line 9: 68.5 -> 68.6 in row '9\\. Wholly owned "
        "council company', column 'Total': '... 1 | 9\\. Wholly owned council company | "
        "«68\\.6» | 0\\.0 |'"]


def test_a_changed_word_is_a_diff_of_the_words() -> None:
    golden = _results(PAPER).text
    now = _results(PAPER.replace("The chart shows", "The figure shows"))
    message = compare(now, golden, "golden.md")
    assert message is not None
    assert "number(s) changed" not in message
    assert message.splitlines()[1:] == [
        "the wording changed (lines matched with their numbers masked):",
        "--- golden.md", "+++ the paper now", "@@ -2,7 +2,7 @@", " ",
        " 19. Option 9 ranks first with 68.5 points out of 100, ahead of option 10 at 66.4.",
        " ",
        "-20. The chart shows each option's total.",
        "+20. The figure shows each option's total.",
        " ",
        " | Rank | Option | Total | Behind the leader |",
        " |---:|---|---:|---:|"]


def test_numbers_stay_matched_when_a_sentence_is_added() -> None:
    """A paragraph added with numbers of its own does not shift the numbers after it:
    the lines are matched on their words first."""
    golden = _results(PAPER).text
    now = _results(PAPER.replace("20. The chart", "20. A new paragraph of 3 points.\n\n"
                                 "21. The chart").replace("66\\.4 | 2\\.1", "66\\.4 | 2\\.2"))
    message = compare(now, golden, "golden.md")
    assert message is not None
    numbers = [x for x in message.splitlines() if x.startswith("  section")]
    # the renumbered paragraph (20 -> 21) and the changed margin, nothing else
    assert numbers == [
        "  section results-of-the-appraisal, line 5: 20 -> 21 in '«21». The chart shows "
        "each option's total.'",
        "  section results-of-the-appraisal, line 10: 2.1 -> 2.2 in row '10\\. Staff owned "
        "mutual', column 'Behind the leader': '| 2 | 10\\. Staff owned mutual | 66\\.4 | "
        "«2\\.2» |'"]
    assert "+20. A new paragraph of 3 points." in message.splitlines()


def test_the_whole_difference_is_reported_however_long() -> None:
    rows = "".join(f"| {i} | Option {i} | {i}\\.5 |\n" for i in range(400))
    golden = Section("t", "T", "| Rank | Option | Total |\n|---|---|---|\n" + rows)
    now = Section("t", "T", golden.text.replace("\\.5 |", "\\.6 |"))
    message = compare(now, golden.text, "golden.md")
    assert message is not None and len(message) > 40_000
    assert "line 402: 399.5 -> 399.6 in row 'Option 399', column 'Total'" in message
