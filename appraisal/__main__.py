"""The ``appraisal`` command (also ``python -m appraisal``).

Kept apart from :mod:`appraisal.cli` so that an interrupt while the command line's
libraries load still ends with exit code 130 and one line, never a traceback.
"""

from __future__ import annotations

import os
import sys


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing a closed pipe at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run(argv: list[str] | None = None) -> None:
    """Run the command line; exit with its documented code (see :mod:`appraisal.cli`)."""
    try:
        import click

        from .cli import main

        try:
            code = main.main(args=argv, prog_name="appraisal", standalone_mode=False)
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except click.exceptions.Abort:
            sys.stderr.write("appraisal: interrupted\n")
            code = 130
        sys.exit(code if isinstance(code, int) else 0)
    except KeyboardInterrupt:
        sys.stderr.write("appraisal: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # the reader went away (e.g. `appraisal rank | head -1`):
        _quiet_stdout()       # the output could not be written (exit 1), said quietly
        sys.exit(1)


if __name__ == "__main__":
    run()
