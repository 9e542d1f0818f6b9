"""Errors that the CLI reports as a clear message and a non-zero exit, never a traceback."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.findings import Finding


class OgpgraphError(Exception):
    """A problem the user can fix. ``exit_code`` is what the CLI exits with (2: usage/input)."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class DataError(OgpgraphError):
    """Bad input data: names the file and, where known, the line and column (or CSV row).

    ``problems``: when a check found several problems in the file (a table's rows), each of
    them as a :class:`~ogpgraph.core.findings.Finding`; the message reports the first.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        problems: Sequence[Finding] = (),
    ) -> None:
        where = ""
        if path is not None:
            where = str(path)
            if line is not None:
                where += f":{line}"
                if column is not None:
                    where += f":{column}"
            where += ": "
        super().__init__(where + message, hint=hint)
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.problems: tuple[Finding, ...] = tuple(problems)


class QueryError(OgpgraphError):
    """A SPARQL query that cannot be run: syntax error (with position) or refused feature."""


class UnsafeQueryError(QueryError):
    """A query that would reach outside the local dataset (SERVICE, LOAD, FROM <url>)."""


class WriteError(OgpgraphError):
    """A file that cannot be written (full disk, read-only or missing folder, a file in the
    way): names the path; nothing already there was changed."""

    def __init__(self, message: str, *, path: str | Path, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path = Path(path)
