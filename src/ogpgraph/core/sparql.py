"""Compatibility names for code written against the old ``core.sparql`` module.

Its jobs now live in :mod:`ogpgraph.core.engine` (running a query behind the guard),
:mod:`ogpgraph.core.values` (terms and Python values, display) and :mod:`ogpgraph.core.results`
(serialising results). New code imports from those; this module only re-exports their public names.
"""

from __future__ import annotations

from ogpgraph.core.engine import run_query
from ogpgraph.core.results import (
    GRAPH_FORMATS,
    SELECT_FORMATS,
    result_kind,
    result_table,
    safe_results,
    serialize_result,
)
from ogpgraph.core.values import display, python_value, short_iri

__all__ = [
    "GRAPH_FORMATS",
    "SELECT_FORMATS",
    "display",
    "python_value",
    "result_kind",
    "result_table",
    "run_query",
    "safe_results",
    "serialize_result",
    "short_iri",
]
