"""The one exception tree of Tollbook.

Every error a user can meet is a :class:`TollbookError`; the CLI (and later the HTTP API)
turn it into a one-line message and a non-zero exit, so no layer above the core needs to
know about SQLAlchemy, Splink, statsmodels or file-format libraries. Foreign errors are
translated once, where the foreign library is called.

    TollbookError
    ├── InputError              bad user input: a file, a row, an argument (names the fix)
    │   ├── SourceFileError     a file given to ``tollbook add`` cannot be taken in
    │   └── DataFormatError     a table (CSV/XLSX/JSONL) has a bad column, row or value
    ├── NotFoundError           an id that is not in the casebook
    ├── DuplicateError          the same thing again (same bytes, same list name, ...)
    ├── PermissionDenied        the actor's role does not allow the action
    ├── IntegrityFailure        ``verify`` found tampering (hashes, audit chain)
    ├── StorageError            the casebook cannot be opened, migrated or written
    └── EstimationError         a model cannot be fitted or is not identifiable
"""

from __future__ import annotations


class TollbookError(Exception):
    """Base of every error Tollbook reports to its users.

    ``hint`` says what to do next; the CLI prints it after the message.
    ``exit_code`` lets scripts tell kinds of failure apart.
    """

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(TollbookError):
    """Input the user gave us is wrong; the message names where and how to fix it."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        where = path if path is not None else ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.path = path
        self.line = line


class SourceFileError(InputError):
    """A file offered as evidence cannot be taken in (unreadable, empty, junk, too big)."""


class DataFormatError(InputError):
    """A table or JSON-lines file has a column, row or value we cannot read."""


class NotFoundError(TollbookError):
    """An id or name that the casebook does not hold."""

    exit_code = 3


class DuplicateError(TollbookError):
    """The same item offered twice where that is a mistake (a list name reused, ...)."""

    exit_code = 8


class PermissionDenied(TollbookError):
    """The acting user's role does not allow this action."""

    exit_code = 4


class IntegrityFailure(TollbookError):
    """Stored evidence or the audit chain does not match its hashes."""

    exit_code = 5


class StorageError(TollbookError):
    """The casebook could not be opened, migrated or written."""

    exit_code = 6


class EstimationError(TollbookError):
    """A population estimate cannot be made from this data (say why and what would help)."""

    exit_code = 7
