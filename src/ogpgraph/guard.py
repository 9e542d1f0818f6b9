"""The query guard: decide from a real parse whether a query stays inside the local dataset.

(Stub with the final interface; the implementation lands in a following commit.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class CheckedQuery:
    """A query the guard accepted.

    Attributes:
        text: the canonical text to evaluate — exactly what was checked; run this, not the
            original.
        form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    """

    text: str
    form: str


def check(
    query: str,
    *,
    allowed_graphs: Iterable[str] = (),
    prefixes: Mapping[str, str] | None = None,
) -> CheckedQuery:
    """Parse ``query`` and refuse SERVICE, LOAD, updates and FROM outside ``allowed_graphs``.

    Raises:
        UnsafeQueryError: a refused feature, with its position where known.
        QueryError: a syntax error (line, column) or a query over the size/nesting limits.
    """
    from .sparql import check_query, query_form

    check_query(query, allowed_graphs=allowed_graphs)
    return CheckedQuery(query, query_form(query))
