"""Where the project's folders are: ontology/, graph/, exports/.

The bundled graph is the repository's own ``graph/`` and ``ontology/``. Commands look for them
in ``--root`` (or ``$OGPGRAPH_ROOT``), else in the current directory and its parents, else in
the source checkout this package was installed from (an editable install).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ogpgraph.core.errors import OgpgraphError


@dataclass(frozen=True)
class Project:
    """The folders of one ogpgraph project."""

    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def graph_dir(self) -> Path:
        return self.root / "graph"

    @property
    def links_dir(self) -> Path:
        return self.graph_dir / "links"

    @property
    def assessments_dir(self) -> Path:
        return self.graph_dir / "assessments"

    @property
    def pillars_dir(self) -> Path:
        return self.graph_dir / "pillars"

    @property
    def table_dirs(self) -> tuple[Path, ...]:
        """The folders of the tables TINZ and government edit (links, status assessments, the
        pillars a recommendation touches)."""
        return (self.links_dir, self.assessments_dir, self.pillars_dir)

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"


def _looks_like_project(path: Path) -> bool:
    return (path / "ontology").is_dir() and (path / "graph").is_dir()


def find_project(root: str | Path | None = None) -> Project:
    """Locate the project folders.

    Args:
        root: an explicit project root; ``None`` searches as described in the module docstring.

    Raises:
        OgpgraphError: when no folder with ``ontology/`` and ``graph/`` is found, or the given
            root lacks them.
    """
    if root is None:
        root = os.environ.get("OGPGRAPH_ROOT") or None
    if root is not None:
        path = Path(root).resolve()
        if not path.is_dir():
            raise OgpgraphError(f"project root {path} does not exist")
        if not (path / "graph").is_dir():
            raise OgpgraphError(
                f"no graph folder: {path / 'graph'} does not exist",
                hint="A project root holds ontology/ and graph/ (see README.md).",
            )
        if not (path / "ontology").is_dir():
            raise OgpgraphError(f"no ontology folder: {path / 'ontology'} does not exist")
        return Project(path)
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _looks_like_project(candidate):
            return Project(candidate)
    checkout = Path(__file__).resolve().parents[3]
    if _looks_like_project(checkout):
        return Project(checkout)
    raise OgpgraphError(
        "cannot find the graph: no ontology/ and graph/ folders here or above",
        hint="Run inside the ogpgraph checkout, or pass --root DIR (or set OGPGRAPH_ROOT).",
    )
