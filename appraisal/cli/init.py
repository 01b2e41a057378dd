"""``appraisal init``: a new appraisal in directory form, ready to edit."""

from __future__ import annotations

from pathlib import Path

import click

from .common import friendly

MODELINE = "# yaml-language-server: $schema={schema}\n"

APPRAISAL = """\
{modeline}# The appraisal's settings. The criteria are in criteria/, the options in options/,
# alternative weightings in scenarios/. Every field is described in docs/format.md of
# the appraisal tool, and `appraisal schema` prints the schema editors use.
format: 1
title: {title}
notice: "Draft: scores and weights are placeholders to replace."
scale: {{min: 0, max: 5}}
default_criteria: main
method: weighted-sum
seed: 1
"""

CRITERIA = """\
{modeline}# One criteria set: the criteria the options are scored against, with their weights.
# A weight is any non-negative number, shared out among its siblings. A gate is the
# worst acceptable score (an option failing it is screened out before weighting).
id: main
name: Main criteria
description: The criteria the board agreed for this appraisal.
source: "Say where the criteria come from (the report and paragraph)."
criteria:
  - id: outcomes
    name: Better outcomes
    description: How far the option improves outcomes for the people served.
    weight: 50
    weight_rationale: The main purpose of the change.
    swing: from no improvement (0) to the best improvement we can imagine (5)
  - id: deliverability
    name: Deliverability
    description: How easily and quickly the option can be put in place.
    weight: 30
    weight_rationale: The change must be in place within the programme's timetable.
    gate: 1
  - id: cost
    name: Cost
    description: The cost to the council over the appraisal period (higher is worse).
    weight: 20
    weight_rationale: Value for money matters, but it does not decide on its own.
    direction: cost
"""

OPTIONS = (("01-business-as-usual.yaml", """\
{modeline}# Business as usual: carrying on as now, kept as the benchmark.
id: business-as-usual
number: 1
name: Business as usual
description: The service carries on as it is now.
scores:
  outcomes:
    value: 1
    rationale: "Say why, and cite the evidence."
    evidence: "The report and paragraph the score rests on"
  deliverability: 5
  cost: 1
"""), ("02-new-model.yaml", """\
{modeline}# A new delivery model.
id: new-model
number: 2
name: New delivery model
description: Describe the option in a sentence or two.
scores:
  outcomes:
    value: 4
    low: 3
    high: 5
    rationale: "Say why, and cite the evidence."
    evidence: "The report and paragraph the score rests on"
  deliverability: 3
  cost: 3
"""))

SCENARIO = """\
{modeline}# A scenario: what if the board weighed the criteria differently? Only the weights
# given here change; the others keep the base weights.
id: cost-first
name: Cost first
description: What if cost mattered as much as outcomes?
weights:
  cost: 50
"""

README = """\
# {title}

This folder is an options appraisal kept as plain text, so that every score, weight and
change is recorded (and can be kept in git). It was created by `appraisal init`.

## The files

- `appraisal.yaml`: the appraisal's title, scoring scale and settings; later the
  narrative of the paper (`paper:`).
- `criteria/main.yaml`: the criteria, their weights and why, and any gate (a must-have).
- `options/*.yaml`: one file per option, with its score on each criterion, the reason
  for each score and the evidence.
- `scenarios/*.yaml`: other weightings the board wants to try.
- `schemas/`: descriptions of the files that editors such as VS Code use to check
  them as you type (the first line of each file points to its schema).

## Working with it

    appraisal validate {folder}          # check every file; lists every problem at once
    appraisal rank {folder}              # the ranking
    appraisal sensitivity {folder}       # how firm the ranking is
    appraisal export-xlsx {folder} --out scores.xlsx   # a workbook for a scoring workshop
    appraisal import-xlsx scores.xlsx {folder} --dry-run
    appraisal report {folder} --out paper   # the appraisal paper (HTML, Markdown, Word, PDF)

Replace the placeholder scores, rationale and evidence with the board's own before any
result is used. For a Green Book business case, add the spending objectives, the
options framework, the short-list roles and the costs (the appraisal tool's
docs/value.md).
"""


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default="Options appraisal", show_default=True,
              help="The appraisal's title.")
@friendly
def command(folder: Path, title: str) -> None:
    """Create a new appraisal in FOLDER (directory form): one criteria set, two options,
    a scenario, the schemas editors use to check the files (each file points at its
    own) and a README for the board. The result validates; FOLDER must be new or
    empty. Every argument is checked and the files validated before anything is
    written, and they are written all or nothing."""
    from ..input.loading import load
    from ..input.schema import PART_MODELS, part_schema
    from ..presentation.export import to_json
    from ..workshop.create import create
    from .init_args import check_arguments
    from .init_args import quoted as yaml_quoted

    check_arguments(folder, title)  # every argument, before anything is written
    quoted = yaml_quoted(title)

    def line(schema: str, depth: int) -> str:
        return MODELINE.format(schema=("../" * depth) + f"schemas/{schema}.json")

    files: dict[Path, str] = {
        folder / "appraisal.yaml": APPRAISAL.format(modeline=line("appraisal", 0),
                                                    title=quoted),
        folder / "criteria" / "main.yaml": CRITERIA.format(modeline=line("criteria-set", 1)),
        folder / "scenarios" / "cost-first.yaml": SCENARIO.format(
            modeline=line("scenario", 1)),
        folder / "README.md": README.format(title=title, folder=folder),
        folder / ".gitignore": "# backups import-xlsx keeps of the files it changes\n*.bak*\n"
                               "# a writer's lock, and the record of a write cut short that "
                               "the next run completes\n.appraisal.lock\n.appraisal.journal\n",
    }
    for name, text in OPTIONS:
        files[folder / "options" / name] = text.format(modeline=line("option", 1))
    for part in PART_MODELS:
        files[folder / "schemas" / f"{part}.json"] = to_json(part_schema(part))
    create(folder, {p: t.encode("utf-8") for p, t in files.items()})
    a = load(folder)
    click.echo(f"Created {folder}: '{a.title}', {len(a.options)} options, "
               f"{len(a.criteria[0].criteria)} criteria, {len(a.scenarios)} scenario. It "
               "validates; next: edit the files, then run appraisal validate " + str(folder))
