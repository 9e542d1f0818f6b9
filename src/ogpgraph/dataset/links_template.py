"""A new, empty table to start from (``ogpgraph links new NAME [--statuses]``): the header row
of its kind's columns (:data:`~ogpgraph.dataset.links.LINKS` or
:data:`~ogpgraph.dataset.links.ASSESSMENTS`) and one commented example row (a comment row starts
with :data:`~ogpgraph.dataset.links.COMMENT` and is skipped by ``links check`` and by loading)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ogpgraph.core.errors import OgpgraphError
from ogpgraph.dataset.links import ASSESSMENTS, COMMENT, LINKS, TableKind

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

#: what a new table's name may be: its file is ``graph/links/<name>.csv``, and the name is
#: part of the IRIs of its links, so it is kept to letters, digits, ``-`` and ``_``
NAME = re.compile(r"^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$")

#: the example row, by column (its first cell gets the comment mark); ``asserted_by`` is filled
#: in by :func:`template_text`. Un-commented, it is a valid row of the bundled graph.
EXAMPLE = {
    "recommendation": "nis-rec-3",
    "target": "commitment-3",
    "relation": "partly-addresses",
    "status": "progressing",
    "rationale": "Why the recommendation and the target are linked so, in a sentence or two "
    "(required). Delete this example row, or remove the # to keep it.",
    "evidence_source": "https://w3id.org/ogpgraph/source/nz-sar-2016/s3-nis",
    "asserted_by": "org-…",
    "asserted_on": "2016-03-15",
    "reviewer": "",
    "signed_off": "",
}
#: the example row of a status assessment table
STATUS_EXAMPLE = {
    **EXAMPLE,
    "rationale": "Why the recommendation has this status on this date, in a sentence or two "
    "(required). Delete this example row, or remove the # to keep it.",
}


def asserter_for(name: str, kg: KnowledgeGraph | None) -> str:
    """The ``asserted_by`` of a new table's example row: ``org-<name>`` when that identifier (or
    alias) is known in ``kg``, else ``org-…`` (for the user to fill in)."""
    from ogpgraph.dataset.resolve import identifiers

    candidate = f"org-{name.lower()}"
    if kg is not None and candidate in identifiers(kg):
        return candidate
    return "org-…"


def template_text(asserted_by: str = "org-…", kind: TableKind = LINKS) -> str:
    """The text of a new table: the header row and one commented example row.

    >>> print(template_text("org-tinz").splitlines()[0])
    recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on,reviewer,signed_off,certainty,note
    >>> print(template_text("org-tinz", ASSESSMENTS).splitlines()[0])
    recommendation,status,rationale,evidence_source,asserted_by,asserted_on,reviewer,signed_off
    """
    example = {**(EXAMPLE if kind.links else STATUS_EXAMPLE), "asserted_by": asserted_by}
    cells = [example.get(column, "") for column in kind.columns]  # optional ones blank
    cells[0] = f"{COMMENT} {cells[0]}"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(kind.columns)
    writer.writerow(cells)
    return out.getvalue()


def new_table(
    links_dir: str | Path,
    name: str,
    kg: KnowledgeGraph | None = None,
    kind: TableKind = LINKS,
) -> Path:
    """Write ``<links_dir>/<name>.csv`` (:func:`template_text`, atomically) and return its path;
    the example's asserter is ``org-<name>`` when ``kg`` knows it (:func:`asserter_for`).

    Raises:
        OgpgraphError: a name that is not letters, digits, ``-`` and ``_``, or the file exists
            (it is never overwritten).
    """
    from ogpgraph.core.files import write_atomic

    name = name.strip()
    if name.lower().endswith(".csv"):
        name = name[:-4]
    if not NAME.match(name):
        raise OgpgraphError(
            f"{name!r} is not a table name: use letters, digits, '-' and '_' (e.g. tinz)",
            hint=f"The table is written to graph/{kind.folder}/<name>.csv.",
        )
    links_dir = Path(links_dir)
    path = links_dir / f"{name}.csv"
    if path.exists():
        raise OgpgraphError(
            f"{path} already exists; it is not overwritten",
            hint=f"Edit it, choose another name, or check it with: ogpgraph links check {path}",
        )
    links_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(path, template_text(asserter_for(name, kg), kind))
    return path


def new_project_table(root: str | Path | None, name: str, *, statuses: bool = False) -> Path:
    """``ogpgraph links new NAME [--statuses]``: :func:`new_table` in the project's
    ``graph/links/`` (or ``graph/assessments/``), the example's asserter looked up in the
    project's RDF (the tables are not loaded)."""
    from ogpgraph.core.project import find_project
    from ogpgraph.dataset.store import KnowledgeGraph, discover

    project = find_project(Path(root) if root is not None else None)
    kg = KnowledgeGraph.load_files(project, [sf for sf in discover(project) if sf.format != "csv"])
    if statuses:
        return new_table(project.assessments_dir, name, kg, ASSESSMENTS)
    return new_table(project.links_dir, name, kg)
