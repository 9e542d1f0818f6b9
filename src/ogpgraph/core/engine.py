"""Run SPARQL on the dataset's store, behind the guard (:mod:`ogpgraph.core.guard`).

Every query from outside the package is parsed, checked and run as the canonical text the guard
wrote; :class:`~ogpgraph.core.guard.Trusted` text (the package's own) runs as it is. This is the
path every local query takes (``KnowledgeGraph.query``), so it does only what it must per call:
no list of graphs and no parse for trusted text, and the predeclared prefixes handed to the
engine only for text that uses them undeclared (the guard's canonical text never does).
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


#: Trusted texts (the package's own: a bounded set) by whether they declare every prefix they
#: use. Those that do run without the predeclared table, which their own PREFIX lines would
#: override anyway and which costs the engine more than a small query's answer.
_DECLARES_PREFIXES: dict[str, bool] = {}


def _declares_its_prefixes(query: Trusted) -> bool:
    """Whether trusted text parses without predeclared prefixes (learned once per text)."""
    known = _DECLARES_PREFIXES.get(query)
    if known is None:
        import pyoxigraph as ox

        try:  # parsed (and run on an empty store): nothing of the dataset is touched
            ox.Store().query(query)
            known = True
        except SyntaxError:
            known = False
        except (OSError, ValueError, RuntimeError):
            known = False  # unbound substitutions and the like: keep the prefixes
        _DECLARES_PREFIXES[str(query)] = known
    return known


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
        # the guard lets trusted text through unparsed: no graph list, no check
        text: str = query
        engine_prefixes = None if _declares_its_prefixes(query) else declared
    else:
        # the guard's canonical text has every IRI in full: it needs no prefixes
        text = check(query, allowed_graphs=kg.graph_names(), prefixes=declared).text
        engine_prefixes = None
    substitutions = None
    if bindings:
        substitutions = {ox.Variable(k): to_term(v) for k, v in bindings.items() if v is not None}
    try:
        return kg.store.query(
            text,
            use_default_graph_as_union=True,
            prefixes=None if engine_prefixes is None else dict(engine_prefixes),
            substitutions=substitutions,
        )
    except SyntaxError as error:
        # the canonical text of a checked query reads as the original does: locate the error
        # in the text the user wrote
        located = engine_syntax_error(query, declared)
        raise (located or syntax_error(text, error)) from None
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {error}") from None
