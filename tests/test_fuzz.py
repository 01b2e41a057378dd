"""Hostile and broken files never crash the tool: a seeded, hypothesis-driven mutation
fuzz of the bundled example (a smaller copy of it, for speed: four options, both
criteria sets, two scenarios and the paper's narrative), in both forms.

Every case is written to disk as a single file or a directory, loaded, and, when it is
accepted, ranked, analysed, printed to a terminal, exported as JSON and CSV and laid
out as the paper (HTML and Markdown; a separate, smaller run makes the Word file too).
The only exception allowed anywhere is an ``AppraisalError`` (the CLI's exit 1 or 2):
anything else would be exit 3, a bug.

The mutations (one to three per case):

- a value anywhere replaced by: nothing, an empty text, a word, -1, 0, 1e308, -1e308,
  NaN, infinity, true, a list, a mapping, a 10,000-character text, a text holding NUL,
  ESC (terminal colours), an OSC-8 hyperlink, a right-to-left override, the terminal
  markup ``[/bold]``, a spreadsheet formula ``=HYPERLINK(...)``, an emoji code, a date,
  ``<script>``;
- a key deleted, renamed to a near miss (``wieght``), duplicated with other spaces or
  case (``" weight"``, ``WEIGHT``), or an unknown key added;
- a mapping replaced by a list or a scalar; a value wrapped 100 lists deep;
- ids duplicated; the criteria written as a flat list (one set), or flat and sets mixed;
- the text: cut short at any point, random bytes inserted, a byte-order mark added,
  encoded as Latin-1, NUL bytes, an integer of 5,000 digits, a tag that would run code
  (``!!python/object/apply``, never constructed: a marker file proves it), a custom tag,
  a merge key ``<<: *x``, an alias bomb ("billion laughs"), a second document;
- a file of the directory form replaced by a link to a file outside the appraisal
  (holding a password-file line that must never be echoed), by a named pipe (reading it
  would hang), or renamed to a name that is not UTF-8.

Cases that are not files are tested one by one in ``test_hostile_inputs.py`` (Ctrl-C, a
killed run, oversized files) and ``test_template_sandbox.py`` (hostile templates).
"""

from __future__ import annotations

import copy
import io
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

import appraisal
from appraisal.cli.console import print_ranking, print_sensitivity
from appraisal.errors import AppraisalError
from appraisal.pipeline import Request, run
from appraisal.presentation.export import rank_to_csv, rank_to_dict, sensitivity_to_dict
from appraisal.report.context import build_context

MARKER = "FUZZ-PWNED"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FUZZ_CASES = int(os.environ.get("APPRAISAL_FUZZ_CASES", "1500"))
"""Cases of the mutation fuzz (CI runs the default; more for a longer hunt)."""


def _base() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "appraisal.yaml").read_text())
    data["criteria"] = [yaml.safe_load(f.read_text())
                        for f in sorted((ROOT / "criteria").glob("*.yaml"))]
    opts = [yaml.safe_load(f.read_text()) for f in sorted((ROOT / "options").glob("*.yaml"))]
    data["options"] = [o for o in opts if o["id"] in (
        "council-company", "staff-mutual", "strategic-partnership", "outsource")]
    for o in data["options"]:
        o.pop("family", None)
    data["scenarios"] = [yaml.safe_load((ROOT / "scenarios" / f).read_text())
                         for f in ("finance-led.yaml", "children-first.yaml")]
    for section in ("background", "financial_implications", "risks", "legal_implications",
                    "equality_and_health", "next_steps", "assumptions", "background_papers"):
        data["paper"][section] = data["paper"].get(section, [])[:1]
    for o in data["options"]:  # one score in full, the rest as bare numbers: smaller, faster
        for k, (cid, sc) in enumerate(list(o["scores"].items())):
            o["scores"][cid] = sc if k == 0 else sc["value"] if isinstance(sc, dict) else sc
    for o in data["options"]:  # the Green Book data, shortened: every kind of field kept
        o["costs"] = [dict(line, years=dict(list(line["years"].items())[:3]))
                      for line in o.get("costs", [])[:2]]
        o["benefits"] = [dict(line, years=dict(list(line["years"].items())[:2]))
                         for line in o.get("benefits", [])[:1]]
        o["framework"] = dict(list(o.get("framework", {}).items())[:2])
        for part in ("costs", "benefits", "framework"):
            if not o[part]:
                del o[part]
    data["objectives"] = data.get("objectives", [])[:2]
    data["critical_success_factors"] = data.get("critical_success_factors", [])[:2]
    if "costing" in data:
        data["costing"]["notes"] = data["costing"].get("notes", [])[:1]
    for cs in data["criteria"]:
        cs["description"] = cs.get("description", "")[:80]
        for c in cs["criteria"]:
            c.pop("description", None)
            c["weight_rationale"] = c.get("weight_rationale", "")[:60]
    return data


BASE = _base()


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


PATHS = [p for p in _paths(BASE) if p]
VALUES: list[Any] = [
    None, "", "word", -1, 0, 1e308, -1e308, float("nan"), float("inf"), True, [1, 2],
    {"x": 1}, "y" * 10_000, "a\x00b", "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://example.com\x1b\\link\x1b]8;;\x1b\\", "abc\u202edcba", "[/bold] x",
    "=HYPERLINK(\"http://example.com\",\"x\")", ":smile:", date(2017, 13 % 12 + 1, 1),
    "<script>alert(1)</script>"]


def _at(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]


KINDS = ["value", "delete", "near-miss", "duplicate", "unknown", "shape", "deep", "ids",
         "flat", "mixed"]
mutation = st.tuples(st.integers(0, len(PATHS) - 1), st.sampled_from(KINDS),
                     st.integers(0, len(VALUES) - 1), st.integers(0, 4))


def mutate(data: dict[str, Any], where: int, kind: str, value: int, variant: int) -> None:
    """Apply one data mutation (see the module docstring); a path the earlier mutations
    removed is left alone."""
    try:
        parent, key = _at(data, PATHS[where])
        current = parent[key]
        if kind == "value":
            parent[key] = copy.deepcopy(VALUES[value])
        elif kind == "delete":
            del parent[key]
        elif kind == "near-miss" and isinstance(key, str) and len(key) > 2:
            parent[key[1] + key[0] + key[2:]] = parent.pop(key)
        elif kind == "duplicate" and isinstance(key, str):
            parent[[" " + key, key.upper(), key + " ", key.title(), "\t" + key][variant]] = current
        elif kind == "unknown" and isinstance(parent, dict):
            parent[["extra", "notes", "weight", "scores", "Title"][variant]] = 1
        elif kind == "shape":
            parent[key] = [current] if isinstance(current, dict) else {"value": current}
        elif kind == "deep":
            for _ in range(100):
                current = [current]
            parent[key] = current
        elif kind == "ids":
            data["options"][1]["id"] = data["options"][0]["id"]
        elif kind == "flat":
            data["criteria"] = list(data["criteria"][variant % 2]["criteria"])
        elif kind == "mixed":
            data["criteria"] = [data["criteria"][0], data["criteria"][0]["criteria"][0]]
    except (KeyError, IndexError, TypeError):
        pass


TEXT_MUTATIONS = ["cut", "bytes", "bom", "latin1", "nul", "bigint", "code-tag", "tag",
                  "merge", "bomb", "document"]
BOMB = ("\nlaughs:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"  {chr(98 + i)}: &{chr(98 + i)} [" + ", ".join(
            [f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)))


def text_mutation(text: str, kind: str, at: float, junk: bytes) -> bytes:
    cut = int(len(text) * at)
    if kind == "cut":
        return text[:cut].encode()
    if kind == "bytes":
        return text[:cut].encode() + junk + text[cut:].encode()
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if kind == "latin1":
        return (text + "\n# caf\u00e9\n").encode("latin-1", "replace")
    if kind == "nul":
        return text[:cut].encode() + b"\x00" + text[cut:].encode()
    if kind == "bigint":
        return text.replace("value: 4", "value: " + "9" * 5000, 1).replace(
            "rationale:", "rationale: " + "1" * 5000 + " #", 1).encode()
    if kind == "code-tag":
        return (text + f"\nexploit: !!python/object/apply:pathlib.Path.touch "
                f"[!!python/object/apply:pathlib.Path ['{MARKER}']]\n").encode()
    if kind == "tag":
        return text.replace("title:", "title: !custom", 1).encode()
    if kind == "merge":
        return ("base: &base {x: 1}\n" + text + "\nother:\n  <<: *base\n").encode()
    if kind == "bomb":
        return (text + BOMB).encode()
    return (text + "\n---\ntitle: second\n").encode()


FILE_MUTATIONS = ["link-out", "pipe", "bad-name"]
SECRET = "root:x:0:0:root:/root:/bin/bash"


def file_mutation(path: Path, kind: str, outside_folder: Path) -> None:
    """Replace one file of the directory form (see the module docstring)."""
    path.unlink()
    if kind == "link-out":
        outside = outside_folder / "outside.yaml"
        outside.write_text(SECRET + "\n")
        path.symlink_to(outside)
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.with_name(os.fsdecode(b"bad-\xff.yaml")).write_text("id: x\n")


def write_case(root: Path, data: dict[str, Any], directory: bool, text_kind: str | None,
               at: float, junk: bytes, target: int, file_kind: str | None = None) -> Path:
    def dump(obj: Any) -> str:
        return yaml.dump(obj, Dumper=DUMPER, sort_keys=False, allow_unicode=True)

    if not directory:
        files = {root / "appraisal.yaml": dump(data)}
    else:
        meta = {k: v for k, v in data.items() if k not in ("criteria", "options", "scenarios")}
        files = {root / "appraisal.yaml": dump(meta)}
        for part in ("criteria", "options", "scenarios"):
            items = data.get(part)
            (root / part).mkdir(parents=True, exist_ok=True)
            for i, item in enumerate(items if isinstance(items, list) else [items]):
                files[root / part / f"{i:02d}.yaml"] = dump(item)
    chosen = list(files)[target % len(files)]
    for path, text in files.items():
        raw = text_mutation(text, text_kind, at, junk) if (
            text_kind and path == chosen) else text.encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
    if directory and file_kind:
        file_mutation(list(files)[(target + 1) % len(files)], file_kind, root.parent)
    return root if directory else root / "appraisal.yaml"


def exercise(path: Path, papers: bool = False) -> None:
    """Everything a user can do with the file; only AppraisalError may escape, and no
    error ever quotes a file from outside the appraisal."""
    try:
        a = appraisal.load(path)
        result = run(a, Request(sensitivity=True, samples=200))
    except AppraisalError as exc:
        assert SECRET not in str(exc)
        return
    out = Console(file=io.StringIO(), width=80, markup=False, emoji=False, highlight=False)
    print_ranking(result, out)
    print_sensitivity(result, out)
    rank_to_csv(result)
    from appraisal.presentation.export import to_json

    to_json(rank_to_dict(result))
    to_json(sensitivity_to_dict(result))
    from appraisal.cli.console_value import print_longlist, print_value
    from appraisal.presentation.value_export import longlist_to_dict, value_to_dict

    print_value(result, out)
    print_longlist(result, out)
    to_json(value_to_dict(result))
    to_json(longlist_to_dict(result))
    ctx = build_context(result, date(2020, 1, 2))
    from appraisal.report.html import render_html
    from appraisal.report.markdown import render_markdown

    render_html(ctx)
    render_markdown(ctx)
    if papers:
        from appraisal.report.docx import render_docx

        render_docx(ctx, date(2020, 1, 2))


case = st.tuples(st.booleans(), st.lists(mutation, min_size=1, max_size=3),
                 st.one_of(st.none(), st.sampled_from(TEXT_MUTATIONS)),
                 st.floats(0, 1), st.binary(min_size=1, max_size=8), st.integers(0, 50),
                 st.one_of(st.none(), st.none(), st.sampled_from(FILE_MUTATIONS)))


@pytest.mark.slow
@settings(max_examples=FUZZ_CASES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case)
def test_mutated_files_never_crash(args: tuple[Any, ...]) -> None:
    directory, mutations, text_kind, at, junk, target, file_kind = args
    data = copy.deepcopy(BASE)
    for m in mutations:
        mutate(data, *m)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "appraisal"
        exercise(write_case(root, data, directory, text_kind, at, junk, target, file_kind))
        assert not any(root.rglob(MARKER)) and not Path(MARKER).exists()


@pytest.mark.slow
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from([p for p in PATHS if p[0] in ("title", "notice", "paper", "options")
                        and isinstance(_at(BASE, p)[0][p[-1]], str)]),
       st.sampled_from([v for v in VALUES if isinstance(v, str)]))
def test_hostile_text_reaches_every_paper_format_safely(
        tmp_path_factory: pytest.TempPathFactory, path: tuple[Any, ...], value: str) -> None:
    data = copy.deepcopy(BASE)
    parent, key = _at(data, path)
    parent[key] = value
    root = tmp_path_factory.mktemp("paper")
    exercise(write_case(root, data, False, None, 0, b"", 0), papers=True)
