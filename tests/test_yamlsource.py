from pathlib import Path

from appraisal.errors import Diagnostic
from appraisal.input.yamlsource import SourceMap, dotted, parse_yaml


def _read(tmp_path: Path, text: str) -> tuple[object, SourceMap, list[Diagnostic]]:
    smap: SourceMap = SourceMap()
    problems: list[Diagnostic] = []
    return parse_yaml(text, "f.yaml", (), smap, problems), smap, problems


def test_positions_are_recorded_for_every_value(tmp_path: Path) -> None:
    data, smap, problems = _read(tmp_path, "a:\n  b: 1\n  c:\n    - x\n    - {d: 2}\n")
    assert problems == []
    assert data == {"a": {"b": 1, "c": ["x", {"d": 2}]}}
    assert (smap.marks[("a", "b")].line, smap.marks[("a", "b")].column) == (2, 6)
    assert smap.marks[("a", "c", 1, "d")].line == 5
    mark, rel = smap.locate(("a", "c", 1, "missing"))
    assert mark is not None and mark.line == 5 and rel == ("a", "c", 1, "missing")


def test_duplicate_keys_are_an_error_not_last_wins(tmp_path: Path) -> None:
    _, _, problems = _read(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [str(p) for p in problems] == [
        "f.yaml:3:1: a: expected each key once in a mapping; found 'a' again "
        "(first given at line 1)"]


def test_syntax_error_is_located(tmp_path: Path) -> None:
    data, _, problems = _read(tmp_path, "a: [1, 2\nb: 3\n")
    assert data is None
    assert len(problems) == 1 and problems[0].line >= 2 and "syntax error" in problems[0].found


def test_python_tags_are_refused(tmp_path: Path) -> None:
    data, _, problems = _read(tmp_path, "a: !!python/object/apply:os.system ['echo hi']\n")
    assert data is None
    assert problems and problems[0].expected == "plain YAML values (no tags)"


def test_dotted_paths() -> None:
    assert dotted(("options", 3, "scores", "focus")) == "options[3].scores.focus"
    assert dotted(()) == ""
