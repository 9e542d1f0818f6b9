"""Run SPARQL on the dataset's store, behind the guard (:mod:`ogpgraph.core.guard`).

Every query from outside the package is parsed, checked and run as the canonical text the guard
wrote; :class:`~ogpgraph.core.guard.Trusted` text (the package's own) runs as it is. This is the
path every local query takes (``KnowledgeGraph.query``), so it does only what it must per call:
no copies of the prefix table, no list of graphs for trusted text, no parse of trusted text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import QueryError
from ogpgraph.core.guard import Trusted, check, engine_syntax_error, syntax_error
from ogpgraph.core.values import to_term

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph


def run_query(
    kg: KnowledgeGraph,
    query: str,
    *,
    bindings: Mapping[str, Any] | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> Any:
    """Check and run a query on the union of the dataset's named graphs.

    Text from outside the package goes through :func:`ogpgraph.core.guard.check` and the engine runs
    the canonical text it returns; :class:`~ogpgraph.core.guard.Trusted` text runs as it is.
    ``bindings`` are substituted as terms (:func:`ogpgraph.core.values.to_term`), never formatted
    into the text; ``None`` values are left unbound.

    Returns pyoxigraph's ``QuerySolutions`` (SELECT), ``QueryBoolean`` (ASK) or ``QueryTriples``
    (CONSTRUCT/DESCRIBE).

    Raises:
        QueryError: a syntax error (located in the text as written) or an evaluation error.
        UnsafeQueryError: SERVICE, an update, or FROM a graph outside the dataset.
    """
    import pyoxigraph as ox

    declared = ns.PREFIXES if prefixes is None else prefixes
    if isinstance(query, Trusted):
        text: str = query  # the guard lets trusted text through unparsed: skip its graph list
    else:
        text = check(query, allowed_graphs=kg.graph_names(), prefixes=declared).text
    substitutions = None
    if bindings:
        substitutions = {ox.Variable(k): to_term(v) for k, v in bindings.items() if v is not None}
    try:
        return kg.store.query(
            text,
            use_default_graph_as_union=True,
            prefixes=declared if type(declared) is dict else dict(declared),
            substitutions=substitutions,
        )
    except SyntaxError as error:
        # the canonical text of a checked query reads as the original does: locate the error
        # in the text the user wrote
        located = engine_syntax_error(query, declared)
        raise (located or syntax_error(text, error)) from None
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {error}") from None
