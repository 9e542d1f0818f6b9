"""What ``ogpgraph build`` makes: :class:`Artifact` (one file of ``exports/``),
:class:`ArtifactFolder` (a folder of files whose names come from the data, such as the resource
pages) and the :class:`BuildContext` each is made from. Subsystems declare their artifacts with these types;
:mod:`ogpgraph.build` collects them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph


@dataclass
class BuildContext:
    """What artifacts are made from: the dataset, and what earlier artifacts produced."""

    kg: KnowledgeGraph
    version: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Artifact:
    """One file of ``exports/``."""

    name: str
    make: Callable[[BuildContext], bytes]
    description: str


@dataclass(frozen=True)
class ArtifactFolder:
    """A folder of ``exports/`` whose files depend on the data: ``make`` gives each file's path
    inside the folder (``nz/commitment/3.html``) and bytes."""

    name: str
    make: Callable[[BuildContext], dict[str, bytes]]
    description: str
