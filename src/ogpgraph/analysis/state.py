"""The analysis state of one dataset: the projection and everything computed from it.

An :class:`Analysis` is made from a :class:`~ogpgraph.dataset.store.KnowledgeGraph` and owns what
is derived from it — the NetworkX view (:attr:`Analysis.view`), and through
:meth:`Analysis.derived` coverage by level and member (:func:`ogpgraph.analysis.coverage.coverage`),
each gap rule's findings (:func:`ogpgraph.analysis.gaps.find_gaps`), the recommendations' status
assessments, and whatever a higher layer asks it to keep (the pages' status table). Each is
computed on first use and memoised here, never on the graph object. (This module imports none of
those: they import it.)

Invalidation: the graph counts its changes (``KnowledgeGraph.generation``, bumped by its
mutating methods). Every accessor compares that counter with the one the memo was made at and
drops the whole memo when they differ, so the same ``Analysis`` answers for the current data.

The pipelines (``ogpgraph build``, the pages, each CLI command) make one ``Analysis`` and pass it
down; a function that is given a bare graph makes a fresh one (:meth:`Analysis.of`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ogpgraph.analysis.projection import Scope
    from ogpgraph.core.artifacts import BuildContext
    from ogpgraph.dataset.store import KnowledgeGraph

T = TypeVar("T")


class Analysis:
    """The memoised analysis of ``kg`` (see the module docstring), over the view ``scope`` says
    (the first plan's, by default; :meth:`every_plan` gives the one over every plan)."""

    def __init__(self, kg: KnowledgeGraph, scope: Scope | str = "first-plan") -> None:
        from ogpgraph.analysis.projection import Scope

        self.kg = kg
        #: what the view holds (:class:`~ogpgraph.analysis.projection.Scope`)
        self.scope = Scope(scope)
        self._generation = kg.generation
        self._memo: dict[Any, Any] = {}

    @classmethod
    def of(cls, source: KnowledgeGraph | Analysis) -> Analysis:
        """``source`` itself if it is an Analysis, else a fresh one of the graph."""
        return source if isinstance(source, Analysis) else cls(source)

    def _fresh(self) -> dict[Any, Any]:
        if self.kg.generation != self._generation:
            self._memo.clear()
            self._generation = self.kg.generation
        return self._memo

    def derived(self, key: Any, compute: Callable[[], T]) -> T:
        """The value under ``key``, computed by ``compute`` once per generation of the data."""
        memo = self._fresh()
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    @property
    def view(self) -> nx.MultiDiGraph:
        """The projection (:func:`ogpgraph.analysis.projection.build_view`)."""
        from ogpgraph.analysis.projection import build_view

        return self.derived("view", lambda: build_view(self.kg, self.scope))

    def every_plan(self) -> Analysis:
        """The analysis of the same graph over every action plan (itself if it is one), kept in
        this one's memo so that it lives and is invalidated with it."""
        if self.scope == "every-plan":
            return self
        return self.derived("every-plan", lambda: Analysis(self.kg, "every-plan"))

    def label(self, node: str) -> str:
        """A node's label in the view (the IRI for a node outside it)."""
        g = self.view
        return g.nodes[node]["label"] if node in g else node


def analysis_of(ctx: BuildContext) -> Analysis:
    """The build's one :class:`Analysis` (kept in the build context's cache, so that every
    artifact shares the view, coverage and gaps)."""
    found = ctx.cache.get("analysis")
    if not isinstance(found, Analysis) or found.kg is not ctx.kg:
        found = ctx.cache["analysis"] = Analysis(ctx.kg)
    return found
