"""The what-if panel formats numbers exactly as the paper does: its ``fixed`` (in
templates/whatif.js) against Python's ``format(x, ".Nf")``, which the paper's formatter
uses, on random values and on the exact binary ties where JavaScript's own toFixed
differs (3.25 is "3.2" in Python, "3.3" with toFixed). Runs the script's function in
Node.js when it is installed (the browser tests run the whole panel)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import numpy as np
import pytest

from appraisal.presentation import formatting as fmt
from appraisal.report.environment import bundled_templates

NODE = shutil.which("node")


def _fixed_source() -> str:
    js = (bundled_templates() / "numbers.js").read_text()
    m = re.search(r"  function fixed\(x, places\) \{.*?\n  \}\n", js, re.S)
    assert m, "fixed() not found in numbers.js"
    return m.group(0)


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed: the browser tests "
                                         "check the panel's figures instead")
def test_fixed_matches_python_formatting() -> None:
    rng = np.random.default_rng(7)
    values = list(rng.uniform(0, 100, 2000)) + list(rng.uniform(0, 1, 500))
    values += [k / 4 for k in range(0, 400)] + [k / 8 for k in range(0, 80)]
    values += [0.13 * 0.25 * 100, 0.0, -0.0, 99.95, 0.05, 1e-9, 68.525, 2.675]
    script = _fixed_source() + f"""
var xs = {json.dumps(values)};
var out = [];
for (var i = 0; i < xs.length; i++) {{ out.push([fixed(xs[i], 1), fixed(xs[i], 3)]); }}
console.log(JSON.stringify(out));
"""
    done = subprocess.run([str(NODE), "-e", script], capture_output=True, text=True,
                          check=True, timeout=60)
    got = json.loads(done.stdout)
    for x, (one, three) in zip(values, got, strict=True):
        assert one == f"{x:.1f}", (x, one)
        assert three == f"{x:.3f}", (x, three)
    assert got[values.index(0.13 * 0.25 * 100)][0] == "3.2" == fmt.pct(0.0325)[:-1]
