"""The command line: the only place that prints or exits.

Exit codes: 0 success; 2 bad input or a request that does not fit the appraisal (every
problem listed, no traceback); 1 an output could not be written; 130 interrupted.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import AppraisalError, InputError, OutputError

F = TypeVar("F", bound=Callable[..., Any])

PATH_HELP = "Appraisal directory or single YAML file (default: the bundled example)."


def _fail(message: str, code: int) -> None:
    click.echo(f"appraisal: {message}", err=True)
    sys.exit(code)


def friendly(func: F) -> F:
    """Turn library errors into one clear message and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except click.ClickException:
            raise  # click reports its own usage errors (exit 2)
        except InputError as exc:
            _fail(str(exc), 2)
        except OutputError as exc:
            _fail(str(exc), 1)
        except AppraisalError as exc:
            _fail(str(exc), 2)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except Exception as exc:  # a bug: say so plainly, traceback only on request
            if os.environ.get("APPRAISAL_DEBUG"):
                raise
            _fail(f"internal error ({type(exc).__name__}: {exc}); please report it. "
                  "Set APPRAISAL_DEBUG=1 to see the traceback.", 3)
        return None

    return wrapper  # type: ignore[return-value]


def parse_weights(pairs: tuple[str, ...]) -> dict[str, float]:
    """``("finance=30", "focus=10")`` -> ``{"finance": 30.0, "focus": 10.0}``."""
    out: dict[str, float] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        try:
            if not sep or not key:
                raise ValueError
            out[key.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(
                f"expected ID=NUMBER (e.g. finance=30); found '{pair}'",
                param_hint="--weight") from None
    return out


_LATER_LAYERS = {"sensitivity": "appraisal.analysis.cli", "report": "appraisal.report.cli"}
"""Commands from later layers, imported only when used (keeps `appraisal rank` fast).
Each module exposes ``register(group)`` that adds its command to a click group."""


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LATER_LAYERS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LATER_LAYERS and cmd_name not in self.commands:
            from importlib import import_module

            holder = click.Group()
            try:
                module = import_module(_LATER_LAYERS[cmd_name])
            except ModuleNotFoundError as exc:  # a layer not installed in this build
                if exc.name != _LATER_LAYERS[cmd_name]:
                    raise
                return None
            module.register(holder)
            self.add_command(holder.commands[cmd_name], cmd_name)
        return super().get_command(ctx, cmd_name)


path_argument = click.argument("path", required=False, type=click.Path(path_type=Path))
criteria_option = click.option("--criteria", "criteria", metavar="SET",
                               help="Criteria set to use (default: the appraisal's).")
scenario_option = click.option(
    "--scenario", metavar="ID|FILE",
    help="Scenario whose weights override the base weights: the id of one of the "
         "appraisal's scenarios, or a scenario YAML file (e.g. downloaded from the paper).")
weight_option = click.option("--weight", "weights", multiple=True, metavar="ID=VALUE",
                             help="Override one criterion's raw weight; repeatable.")


def with_scenario(appraisal: Any, value: str | None) -> tuple[Any, str | None]:
    """The appraisal and the scenario id to use: an id stays as it is; a path to a
    .yaml/.yml file is read and added to the appraisal as one of its scenarios."""
    if value is None or not value.endswith((".yaml", ".yml")):
        return appraisal, value
    from .loading import add_scenario_file

    with_file = add_scenario_file(appraisal, value)
    return with_file, with_file.scenarios[-1].id


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="appraisal")
def main() -> None:
    """Screen, score and rank the options of an appraisal kept in YAML."""


@main.command()
@path_argument
@criteria_option
@friendly
def validate(path: Path | None, criteria: str | None) -> None:
    """Check an appraisal and list every problem (exit 0 clean, 2 otherwise)."""
    from .loading import load

    a = load(path, criteria=criteria)
    if criteria:
        a.criteria_set(criteria)
    sets = ", ".join(cs.id for cs in a.criteria)
    click.echo(f"OK: '{a.title}': {len(a.options)} options, criteria sets {sets}, "
               f"{len(a.scenarios)} scenarios.")


@main.command("rank")
@path_argument
@criteria_option
@scenario_option
@weight_option
@click.option("--method", metavar="NAME", help="Aggregation method (default: the appraisal's).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
@friendly
def rank_command(path: Path | None, criteria: str | None, scenario: str | None,
                 weights: tuple[str, ...], method: str | None, fmt: str) -> None:
    """Rank the options that pass the gates, with per-criterion contributions."""
    from .loading import load
    from .ranking import rank
    from .serialize import rank_to_csv, rank_to_dict, to_json

    overrides = parse_weights(weights)
    a, scenario = with_scenario(load(path, criteria=criteria), scenario)
    result = rank(a, criteria=criteria, scenario=scenario, weights=overrides, method=method)
    if fmt == "json":
        click.echo(to_json(rank_to_dict(result)), nl=False)
    elif fmt == "csv":
        click.echo(rank_to_csv(result), nl=False)
    else:
        from .console import print_ranking

        print_ranking(result)


@main.command()
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead.")
@friendly
def schema(out: Path | None) -> None:
    """Print the JSON Schema of the YAML format (for editors)."""
    from .serialize import json_schema, to_json
    from .writing import write_text

    text = to_json(json_schema())
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text(out, text)
        click.echo(f"Wrote {out}")


