"""Checking the tables as ``ogpgraph links check`` does: the tables given (or all of a
project's ``graph/links/*.csv`` and ``graph/assessments/*.csv``) against the project's RDF, each
alone and then all together (one position per assessor and date), and the report of what was
found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ogpgraph.core.errors import OgpgraphError
from ogpgraph.core.findings import Finding
from ogpgraph.dataset.links import (
    LINK_FIELDS,
    TABLE_SUFFIXES,
    check_links,
    check_positions,
    not_tables,
)


@dataclass
class LinksCheck:
    """What ``ogpgraph links check`` found: the tables checked and every problem in them."""

    files: list[Path]
    problems: list[Finding]
    #: files in the table folders that are not read as tables, and what to do with each
    not_read: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dicts(self) -> list[dict[str, Any]]:
        """One dict per problem (path, row, column, message): the JSON report."""
        return [p.as_dict(LINK_FIELDS) for p in self.problems]

    def text(self) -> str:
        """One line per problem, and a summary line."""
        from ogpgraph.core.sanitize import reveal_controls

        # every problem in a links table is an error: no severity shown
        lines = [reveal_controls(f"{p.location}: {p.message}") for p in self.problems]
        lines += [
            reveal_controls(f"warning: {path} is not read as a table: {what}")
            for path, what in self.not_read
        ]
        lines.append(
            f"{len(self.files)} file(s) checked: "
            + (f"{len(self.problems)} problem(s)" if self.problems else "no problems")
        )
        return "\n".join(lines) + "\n"


def check_tables(root: str | Path | None = None, files: Sequence[str | Path] = ()) -> LinksCheck:
    """Check links tables against the project's RDF (the tables themselves are not loaded):
    ``files``, or every ``graph/links/*.csv`` of the project.

    Raises:
        OgpgraphError: no tables given and none in the project, or a given file is missing.
    """
    from ogpgraph.core.project import find_project
    from ogpgraph.dataset.store import KnowledgeGraph, discover

    project = find_project(Path(root) if root is not None else None)
    every = [
        p
        for folder in project.table_dirs
        for p in sorted(folder.glob("*"))
        if p.is_file() and not p.name.startswith(".") and p.suffix in TABLE_SUFFIXES
    ]
    targets = [Path(f) for f in files] or every
    if not targets:
        raise OgpgraphError(
            "no tables given and none in " + ", ".join(str(folder) for folder in project.table_dirs)
        )
    for path in targets:
        if not path.is_file():
            raise OgpgraphError(f"{path} does not exist", hint="Give links CSV files that exist.")
    # Load the RDF only: the tables are what is being checked.
    kg = KnowledgeGraph.load_files(project, [sf for sf in discover(project) if sf.format != "csv"])
    problems: list[Finding] = []
    for path in targets:
        problems.extend(check_links(path, kg))
    if not problems:
        # positions across tables: the ones given and the project's others (what build loads)
        together = sorted({*map(Path, targets), *every}, key=str)
        if len(together) > 1:
            problems.extend(check_positions(together, kg))
    return LinksCheck(targets, problems, not_tables(project.table_dirs))
