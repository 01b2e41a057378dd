"""The command line: the only place that prints or exits.

One module per command; each defines ``command`` (a click command) and is imported only
when that command runs (so ``appraisal rank`` never loads the paper's libraries).
Exit codes: 0 success (a closed output pipe ends quietly); 1 an output could not be
written; 2 bad input or a request that does not fit the appraisal (every problem listed,
no traceback); 3 a bug (one line; the traceback with ``--debug``); 130 interrupted. The
installed command runs through :func:`appraisal.__main__.run`.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from .._version import __version__


def _validate() -> click.Command:
    from .validate import command

    return command


def _rank() -> click.Command:
    from .rank import command

    return command


def _sensitivity() -> click.Command:
    from .sensitivity import command

    return command


def _report() -> click.Command:
    from .report import command

    return command


def _weights() -> click.Command:
    from .weights import command

    return command


def _form() -> click.Command:
    from .form import command

    return command


def _value() -> click.Command:
    from .value import command

    return command


def _longlist() -> click.Command:
    from .longlist import command

    return command


def _export_xlsx() -> click.Command:
    from .xlsx import export_command

    return export_command


def _import_xlsx() -> click.Command:
    from .xlsx import import_command

    return import_command


def _diff() -> click.Command:
    from .diff import command

    return command


def _init() -> click.Command:
    from .init import command

    return command


def _verify() -> click.Command:
    from .verify import command

    return command


def _schema() -> click.Command:
    from .schema import command

    return command


COMMANDS: dict[str, Callable[[], click.Command]] = {
    "validate": _validate, "rank": _rank, "sensitivity": _sensitivity, "report": _report,
    "schema": _schema, "weights": _weights, "form": _form, "value": _value,
    "longlist": _longlist, "export-xlsx": _export_xlsx, "import-xlsx": _import_xlsx,
    "diff": _diff, "init": _init, "verify": _verify}
"""Every command, by name, with the function that imports it."""


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        load = COMMANDS.get(cmd_name)
        return None if load is None else load()


@click.group(name="appraisal", cls=_LazyGroup,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="appraisal")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (exit 3).")
def main(debug: bool) -> None:
    """Screen, score and rank the options of an appraisal kept in YAML.

    Exit codes: 0 success, 1 an output could not be written, 2 bad input or usage,
    3 a bug in the tool, 130 interrupted."""
