from pathlib import Path

import pytest
import yaml
from conftest import SMALL, single_file_data

import appraisal
from appraisal.input.models import Appraisal
from appraisal.presentation.export import rank_to_dict


def _without_digest(d: dict) -> dict:
    d = dict(d)
    d.pop("input_digest")
    return d


def test_single_file_and_directory_forms_are_identical(example_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "single.yaml"
    f.write_text(yaml.safe_dump(single_file_data(example_path), sort_keys=False))
    a, b = appraisal.load(example_path), appraisal.load(f)
    assert a.model_dump() == b.model_dump()  # same content; only the file digests differ
    for kw in ({}, {"scenario": "finance-led"}, {"criteria": "objectives-2018"}):
        ra, rb = appraisal.rank(a, **kw), appraisal.rank(b, **kw)
        assert _without_digest(rank_to_dict(ra)) == _without_digest(rank_to_dict(rb))


def test_a_file_may_hold_a_list_of_options(example_path: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "a"
    for part in ("criteria", "scenarios"):
        shutil.copytree(example_path / part, root / part)
    shutil.copy(example_path / "appraisal.yaml", root)
    opts = [yaml.safe_load(f.read_text()) for f in sorted((example_path / "options").glob("*"))]
    (root / "options").mkdir()
    (root / "options" / "first.yaml").write_text(yaml.safe_dump(opts[:5]))
    (root / "options" / "rest.yaml").write_text(yaml.safe_dump(opts[5:]))
    assert appraisal.load(root).options == appraisal.load(example_path).options


def test_digest_tracks_the_inputs(write, tmp_path: Path) -> None:
    path = write(SMALL)
    d1 = appraisal.load(path).input_digest
    assert d1.startswith("sha256:") and len(d1) == 7 + 64
    assert appraisal.load(path).input_digest == d1
    path.write_text(SMALL.replace("quality: 8", "quality: 7"))
    assert appraisal.load(path).input_digest != d1


def test_example_is_complete_and_illustrative(example: Appraisal) -> None:
    assert len(example.options) == 13
    assert {cs.id for cs in example.criteria} == {"key-principles-2017", "objectives-2018"}
    assert len(example.scenarios) >= 3
    assert "not the council" in example.notice
    for opt in example.options:
        for cid, score in opt.scores.items():
            assert score.rationale, (opt.id, cid)
            assert score.evidence, (opt.id, cid)
    family = {o.id: o.family for o in example.options}
    assert all(family[o] == "independent-org" for o in
               ("joint-venture", "council-company", "staff-mutual", "independent-company",
                "cic", "charity"))


def test_completeness_only_for_the_chosen_set(write) -> None:
    text = SMALL.replace("criteria:\n  - id: main", "criteria:\n  - id: other\n    name: Other\n"
                         "    criteria:\n      - {id: speed, name: Speed}\n  - id: main")
    path = write(text)
    a = appraisal.load(path, criteria="main")
    leader = appraisal.rank(a, criteria="main").ranking.leader
    assert leader is not None and leader.id == "a"
    # the other set was not checked: ranking with it is a usage error, never a KeyError
    with pytest.raises(appraisal.UsageError, match="criteria set 'other' cannot be used: "
                       r"these options have no score for some of its criteria: a \(speed\)"):
        appraisal.rank(a, criteria="other")
    try:
        appraisal.load(path)
    except appraisal.InputError as exc:
        assert len(exc.diagnostics) == 3
        assert all("set 'other'" in d.expected for d in exc.diagnostics)
    else:
        raise AssertionError("expected missing scores for set 'other'")
