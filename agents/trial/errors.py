"""Trial errors, under :class:`agents.errors.TrialError`: each names what went wrong and where (file, line,
column), so the edge can show it as is.
"""

from __future__ import annotations

from agents.errors import TrialError


class TrialInputError(TrialError):
    """Bad input: the message names the file and, where known, the line and column."""

    def __init__(self, message: str, source: str = "", line: int | None = None, column: int | None = None):
        self.source = source
        self.line = line
        self.column = column
        self.reason = message
        where = source
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {message}" if where else message)


class TrialCancelled(TrialError):
    """Raised between batches when the caller asked to stop; the runner turns it into a partial result."""
