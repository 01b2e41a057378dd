"""The exception tree. Library code raises these; only the CLI prints or exits.

Every user-facing problem is an :class:`AppraisalError`. Problems in input files are
collected as :class:`Diagnostic` records (file, line, column, dotted field path, what
was expected, what was found) and raised together as one :class:`InputError`, so a
user sees every problem in one run.
"""

from __future__ import annotations

from typing import NamedTuple


class AppraisalError(Exception):
    """Root of every error the library raises on purpose."""


class Mark(NamedTuple):
    """Where a value sits: the file as shown to the user, 1-based line and column
    (0 and 0 for the whole file)."""

    file: str
    line: int
    column: int


class Diagnostic(NamedTuple):
    """One problem in the input, located as precisely as the YAML allows.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    """

    file: str
    line: int
    column: int
    field: str
    expected: str
    found: str

    @classmethod
    def at(cls, mark: Mark | None, field: str, expected: str, found: str,
           file: str = "?") -> Diagnostic:
        """A diagnostic at ``mark``; without one, at the whole of ``file``."""
        if mark is None:
            return cls(file, 0, 0, field, expected, found)
        return cls(mark.file, mark.line, mark.column, field, expected, found)

    def __str__(self) -> str:
        where = self.file if self.line == 0 else f"{self.file}:{self.line}:{self.column}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {field}expected {self.expected}; found {self.found}"


class InputError(AppraisalError):
    """The appraisal files have one or more problems; ``diagnostics`` lists them all."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(set(diagnostics))
        n = len(self.diagnostics)
        head = f"{n} problem{'s' if n != 1 else ''} in the appraisal input"
        super().__init__("\n".join([head, *(str(d) for d in self.diagnostics)]))


class UsageError(AppraisalError):
    """A request that does not fit the appraisal: unknown criteria set, scenario, method..."""


class OutputError(AppraisalError):
    """An output file could not be written."""
