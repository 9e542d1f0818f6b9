"""Findings: the one type every check reports with, and the one way to print them.

A :class:`Finding` is what validation (SHACL and integrity checks), gap analysis, the links-table
checker and the spreadsheet importer all produce: a :class:`Severity`, the ``kind`` (the id of the
rule that found it: a gap kind, a shape IRI, ``links``, ``sheet``), the ``subject`` it is about
(an IRI or an identifier), a ``message``, the ``sources`` that show it, and a :class:`Location`
(file, line, spreadsheet row and column, each optional). The optional fields below carry what a
particular producer knows besides (a gap's related concepts, a SHACL result's path and value).

Each command keeps its own field names: it passes the fields it prints (a tuple of public names,
see :data:`FIELDS`; ``"path=file"`` prints the file under the key ``path``) to
:func:`render_findings`, which renders through :mod:`ogpgraph.core.output`
(table, csv, tsv, json, markdown) or as one line per finding (``text``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.output import Table


class Severity(str, Enum):
    """How serious a finding is: only errors make a check fail.

    ``info`` is also what the sheet importer calls a *note* (an ignored extra column).
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Location:
    """Where to fix it: a file, a line in it, a spreadsheet/CSV row and column (each optional).

    ``files`` lists further files that define the subject (validation points at every one).
    """

    file: str | None = None
    line: int | None = None
    row: int | None = None
    column: str | None = None
    column_letter: str | None = None
    files: tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(
                f"column {self.column!r}"
                + (f" ({self.column_letter})" if self.column_letter else "")
            )
        where = ", ".join(parts)
        if self.file:
            return f"{self.file}: {where}" if where else self.file
        return where


NOWHERE = Location()


@dataclass(frozen=True)
class Finding:
    """One problem or shortfall: how serious, which rule, about what, why, shown by what, where.

    Optional fields: ``subject_label`` (the subject's label), ``related`` (other resources it
    involves: a concept, a linked item, the two figures that disagree), ``path`` and ``value``
    (the property and the offending value of a validation result; ``value_is_literal`` says
    whether the value is a literal rather than an IRI), and ``details`` (further named facts a
    producer adds to its JSON, e.g. a recommendation's ``status``).
    """

    severity: Severity
    kind: str
    subject: str
    message: str
    sources: tuple[str, ...] = ()
    location: Location = NOWHERE
    subject_label: str = ""
    related: tuple[str, ...] = ()
    path: str | None = None
    value: str | None = None
    value_is_literal: bool = False
    details: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.severity.value}: {self.message}" if where else self.message

    @property
    def where_and_what(self) -> str:
        """Its place and message without the severity (for an error that already says it is
        one: ``error: file: row 2, column 'status': …``)."""
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message

    def located(self, location: Location) -> Finding:
        """The same finding at ``location``."""
        return replace(self, location=location)

    def as_dict(self, fields: Sequence[str]) -> dict[str, Any]:
        """The named fields (see :data:`FIELDS`; ``"key=field"`` writes a field under another
        key), in that order; ``details`` adds each of the details in its place."""
        out: dict[str, Any] = {}
        for entry in fields:
            key, read = _field(entry)
            if key == "details":
                out.update(self.details)
            else:
                out[key] = read(self)
        return out


def _field(entry: str) -> tuple[str, Callable[[Finding], Any]]:
    """``"key=field"`` or ``"field"``: the output key and how to read the field."""
    key, _, name = entry.partition("=")
    return key, FIELDS[name or key]


def _list(values: Iterable[str]) -> list[str]:
    return list(values)


#: public field name -> how to read it from a finding. Commands name the fields they print (their
#: JSON keys and CSV columns), so that each keeps its established names: validation calls the
#: subject ``focus`` and the rule ``shape``, gaps call the message ``reason``.
FIELDS: dict[str, Callable[[Finding], Any]] = {
    "severity": lambda f: f.severity.value,
    "kind": lambda f: f.kind,
    "shape": lambda f: f.kind,
    "subject": lambda f: f.subject,
    "focus": lambda f: f.subject,
    "subject_label": lambda f: f.subject_label,
    "message": lambda f: f.message,
    "reason": lambda f: f.message,
    "sources": lambda f: _list(f.sources),
    "related": lambda f: _list(f.related),
    "path": lambda f: f.path,
    "value": lambda f: f.value,
    "file": lambda f: f.location.file,
    "files": lambda f: _list(f.location.files),
    "line": lambda f: f.location.line,
    "row": lambda f: f.location.row,
    "column": lambda f: f.location.column or "",
    "column_letter": lambda f: f.location.column_letter or "",
    "details": lambda f: dict(f.details),
}

#: the formats :func:`render_findings` offers: the row formats, and ``text`` (one line each)
FORMATS = ("table", "csv", "tsv", "json", "markdown", "text")


def render_findings(
    findings: Sequence[Finding],
    fmt: str,
    fields: Sequence[str],
    *,
    title: str | None = None,
    cells: Mapping[str, Callable[[Finding], Any]] | None = None,
) -> str:
    """Findings as text in ``fmt`` (one of :data:`FORMATS`).

    ``json`` writes one object per finding with ``fields`` as keys (:meth:`Finding.as_dict`);
    the row formats print a table whose columns are ``fields``, each cell read by ``cells[name]``
    when given (a shorter form for reading, e.g. a label instead of an IRI) or else by
    :data:`FIELDS`; ``text`` prints ``str(finding)`` per line.
    """
    from ogpgraph.core.output import json_text, render

    if fmt == "json":
        return json_text([f.as_dict(fields) for f in findings])
    if fmt == "text":
        return "".join(f"{f}\n" for f in findings)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return render(findings_table(findings, fields, title=title, cells=cells), fmt)


def findings_table(
    findings: Sequence[Finding],
    fields: Sequence[str],
    *,
    title: str | None = None,
    cells: Mapping[str, Callable[[Finding], Any]] | None = None,
) -> Table:
    """The :class:`~ogpgraph.core.output.Table` :func:`render_findings` prints (for a terminal)."""
    from ogpgraph.core.output import Table

    read = {name: (cells or {}).get(name) or FIELDS[name] for name in fields}
    return Table(list(fields), [[read[name](f) for name in fields] for f in findings], title=title)
