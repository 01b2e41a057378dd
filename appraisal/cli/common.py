"""What the commands share: turning errors into exit codes, and the common options."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import AppraisalError, InputError, OutputError

if TYPE_CHECKING:
    from ..input.models import Appraisal

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


path_argument = click.argument("path", required=False, type=click.Path(path_type=Path))
criteria_option = click.option("--criteria", "criteria", metavar="SET",
                               help="Criteria set to use (default: the appraisal's).")
scenario_option = click.option(
    "--scenario", metavar="ID|FILE",
    help="Scenario whose weights override the base weights: the id of one of the "
         "appraisal's scenarios, or a scenario YAML file (e.g. downloaded from the paper).")
weight_option = click.option("--weight", "weights", multiple=True, metavar="ID=VALUE",
                             help="Override one criterion's raw weight; repeatable.")


def weighting_options(func: F) -> F:
    """``--criteria``, ``--scenario`` and ``--weight``: the weighting to use."""
    for option in (weight_option, scenario_option, criteria_option):
        func = option(func)
    return func


def load_with_scenario(path: Path | None, criteria: str | None,
                       scenario: str | None) -> tuple[Appraisal, str | None]:
    """Load the appraisal and resolve ``--scenario``: an id stays as it is; a path to a
    .yaml/.yml file is read and added to the appraisal as one of its scenarios."""
    from ..input.loading import add_scenario_file, load

    appraisal = load(path, criteria=criteria)
    if scenario is None or not scenario.endswith((".yaml", ".yml")):
        return appraisal, scenario
    with_file = add_scenario_file(appraisal, scenario)
    return with_file, with_file.scenarios[-1].id
