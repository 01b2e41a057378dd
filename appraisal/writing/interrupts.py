"""Ctrl-C while writing: remembered, and turned into :class:`KeyboardInterrupt` where
Python can raise it.

A C library's callback (cairo writing a PNG) swallows an exception raised inside it and
prints a traceback instead; there the interrupt is only remembered, and the next check
(:func:`interrupted`, made before anything is written and by the CLI at the end of a
command) ends the run.
"""

from __future__ import annotations

from types import FrameType

_INTERRUPTED: list[bool] = [False]

_CALLBACK_MODULES = ("cffi", "cairocffi", "cairosvg", "weasyprint", "tinycss2", "pydyf")
"""Libraries whose Python code may run as a C library's callback, where an exception
is swallowed (and printed) instead of raised."""


def note_interrupt(signum: int, frame: FrameType | None) -> None:
    """A SIGINT handler that remembers the interrupt and raises KeyboardInterrupt as
    Python's own does, except inside a C library's callback (cairo writing a PNG), where
    the exception would be swallowed with a traceback printed: there it only remembers,
    and the next check (:func:`~appraisal.writing.write_all`, the CLI's end of command)
    ends the run."""
    _INTERRUPTED[0] = True
    f = frame
    while f is not None:
        if str(f.f_globals.get("__name__", "")).startswith(_CALLBACK_MODULES):
            return
        f = f.f_back
    raise KeyboardInterrupt


def interrupted() -> bool:
    """Whether :func:`note_interrupt` has seen Ctrl-C since :func:`reset_interrupt`."""
    return _INTERRUPTED[0]


def reset_interrupt() -> None:
    """Forget an earlier interrupt (at the start of each command)."""
    _INTERRUPTED[0] = False
