"""What the commands share: turning errors into exit codes, and the common options."""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import AppraisalError, InputError, OutputError

if TYPE_CHECKING:
    from ..input.models import Appraisal
    from ..pipeline import AppraisalResult

F = TypeVar("F", bound=Callable[..., Any])

PATH_HELP = "Appraisal directory or single YAML file (default: the bundled example)."


def _fail(message: str, code: int) -> None:
    # a control character from anywhere (a file's name, git's words) is shown escaped
    safe = "".join(c if c.isprintable() or c in "\n\t" else f"\\x{ord(c):02x}"
                   for c in message)
    click.echo(f"appraisal: {safe}", err=True)
    sys.exit(code)


def remember_digest(digest: str) -> None:
    """Record the input digest of this run, for the message of an internal error."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta["appraisal.input_digest"] = digest


def _debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(os.environ.get("APPRAISAL_DEBUG")) or bool(
        ctx is not None and ctx.find_root().params.get("debug"))


def _bug(exc: Exception) -> None:
    from .._version import __version__

    ctx = click.get_current_context(silent=True)
    digest = ctx.meta.get("appraisal.input_digest") if ctx is not None else None
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    if len(text) > 200:
        text = text[:197] + "..."
    _fail(f"internal error ({text}). This is a bug in appraisal {__version__}: please "
          "report it on the project's issue tracker, quoting this line"
          + (f" and the input digest {digest}" if digest else "")
          + ". Run again with --debug to see the traceback.", 3)


def friendly(func: F) -> F:
    """Turn library errors into one clear message and an exit code, never a traceback:
    2 bad input or usage, 1 an output could not be written, 3 a bug (the traceback
    with ``--debug``), 130 interrupted; a closed pipe ends quietly."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..writing import interrupted, note_interrupt, reset_interrupt

        reset_interrupt()
        main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, note_interrupt) if main_thread else None
        try:
            out = func(*args, **kwargs)
            if interrupted():  # swallowed by a library callback, noticed here
                _fail("interrupted", 130)
            return out
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
        except BrokenPipeError:
            raise  # the entry point ends quietly
        except Exception as exc:  # a bug: say so plainly, traceback only on request
            if interrupted():  # e.g. cairo's "write error" where Ctrl-C hit its callback
                _fail("interrupted", 130)
            if _debugging():
                raise
            _bug(exc)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
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


weights_from_option = click.option(
    "--weights-from", "weights_from", metavar="board|group|MEMBER", default="board",
    show_default=True,
    help="Whose weights to analyse: the board's (the criteria's), the members' taken "
         "together ('group'), or one member's (their id).")
member_option = click.option(
    "--member", "members", multiple=True, metavar="MEMBER",
    help="A member whose view counts in the group and the members' comparison; "
         "repeatable (default: every member).")


def samples_option(what: str) -> Callable[[F], F]:
    """``--samples``: Monte Carlo draws, ``what`` saying of which kind."""
    from ..core.limits import DEFAULT_SAMPLES, MAX_SAMPLES

    return click.option("--samples", type=click.IntRange(min=0, max=MAX_SAMPLES),
                        default=DEFAULT_SAMPLES, show_default=True, help=what)


def seed_option(func: F) -> F:
    """``--seed``: the random seed (default: the appraisal's)."""
    from ..core.limits import MAX_SEED

    return click.option("--seed", type=click.IntRange(min=0, max=MAX_SEED), default=None,
                        help="Random seed (default: the appraisal's).")(func)


def weighting_options(func: F) -> F:
    """``--criteria``, ``--scenario``, ``--weight``, ``--weights-from`` and ``--member``:
    the weighting to use."""
    for option in (member_option, weights_from_option, weight_option, scenario_option,
                   criteria_option):
        func = option(func)
    return func


def load_with_scenario(path: Path | None, criteria: str | None,
                       scenario: str | None) -> tuple[Appraisal, str | None]:
    """Load the appraisal and resolve ``--scenario``: an id stays as it is; a path to a
    .yaml/.yml file is read and added to the appraisal as one of its scenarios."""
    from ..input.loading import add_scenario_file, load

    appraisal = load(path, criteria=criteria)
    remember_digest(appraisal.input_digest)
    if scenario is None or not scenario.endswith((".yaml", ".yml")):
        return appraisal, scenario
    with_file = add_scenario_file(appraisal, scenario)
    remember_digest(with_file.input_digest)
    return with_file, with_file.scenarios[-1].id


def echo_left_out(missing: list[str]) -> None:
    """List, on stderr, the house-format sections the paper leaves out for lack of text
    (nothing when there are none)."""
    if missing:
        click.echo("The paper leaves out these sections for lack of text (add them under "
                   "paper: in the appraisal to include them):", err=True)
        for item in missing:
            click.echo(f"  - {item}", err=True)


def echo_warnings(result: AppraisalResult) -> None:
    """Warnings (what the short list lacks against the guidance) on stderr."""
    from ..presentation.greenbook import warnings

    for w in warnings(result):
        click.echo(f"warning: {w}", err=True)


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format``: the output formats, the first the default."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)),
                        default=choices[0], show_default=True, help="Output format.")
