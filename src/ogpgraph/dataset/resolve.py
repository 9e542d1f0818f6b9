"""Short identifiers (``commitment-3``, ``nis-rec-5``) to IRIs, and back, with suggestions.

Identifiers are data: every resource a person may name carries ``dcterms:identifier``; some
also carry a shorter ``ogp:identifierAlias`` (``org-tinz``, ``org-ssc``, ``org-linz``: acronyms
their source uses), which resolves the same way and is offered in suggestions.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import OgpgraphError
from ogpgraph.core.queries import internal_query

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph


def identifiers(kg: KnowledgeGraph) -> dict[str, str]:
    """Every short identifier and identifier alias, and its IRI (the graph's ``identifiers``
    index, kept until the data changes). An identifier wins over an alias of the same text."""

    def make() -> dict[str, str]:
        import pyoxigraph as ox

        from ogpgraph.core import namespaces as ns

        found: dict[str, str] = {}
        base = {"base": [ox.NamedNode(ns.BASE)]}
        for row in kg.select(internal_query("dataset-identifiers", base)):
            found.setdefault(str(row["id"]), row["s"])
        return found

    return kg.index("identifiers", make)


def assessors(kg: KnowledgeGraph) -> dict[str, str]:
    """Every organisation's IRI and the assessor its statements belong to (the graph's
    ``assessors`` index): ``government`` for a government agency, else its shortest identifier
    alias, or its identifier, without ``org-`` (:func:`ogpgraph.model.positions.assessor_of`)."""

    def make() -> dict[str, str]:
        import pyoxigraph as ox

        from ogpgraph.model import Kind
        from ogpgraph.model.positions import GOVERNMENT_CLASS, assessor_of

        ids: dict[str, list[str]] = {}
        government: dict[str, bool] = {}
        lists = {
            "class": [ox.NamedNode(c) for c in Kind.ORGANISATION.classes],
            "government_class": [ox.NamedNode(GOVERNMENT_CLASS)],
        }
        for row in kg.select(internal_query("dataset-assessors", lists)):
            ids.setdefault(row["org"], []).append(str(row["id"]))
            government[row["org"]] = bool(row["government"])
        return {org: assessor_of(names, government=government[org]) for org, names in ids.items()}

    return kg.index("assessors", make)


def suggest(kg: KnowledgeGraph, wrong: str, n: int = 3) -> list[str]:
    """The closest known identifiers to a mistyped one."""
    return difflib.get_close_matches(wrong, list(identifiers(kg)), n=n, cutoff=0.5)


def resolve_id(kg: KnowledgeGraph, value: str) -> str:
    """An IRI for a short identifier or a full IRI (``<…>`` or ``https://…``).

    Raises:
        OgpgraphError: unknown identifier, with the closest known ones.
    """
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if re.match(r"^https?://", value):
        return value
    ids = identifiers(kg)
    if value in ids:
        return ids[value]
    close = suggest(kg, value)
    raise OgpgraphError(
        f"unknown identifier {value!r}",
        hint=("Did you mean: " + ", ".join(close) + "?\n" if close else "")
        + "List them with: ogpgraph query --name identifiers",
    )


def resolve_term(kg: KnowledgeGraph, value: str, prefixes: Mapping[str, str]) -> Any:
    """A pyoxigraph term for a ``--param`` value: IRI, prefix:name, identifier, number or text."""
    return term_for(value, lambda: identifiers(kg), prefixes)


def term_for(value: str, ids: Callable[[], Mapping[str, str]], prefixes: Mapping[str, str]) -> Any:
    """A pyoxigraph term for a parameter value, with the identifiers ``ids()`` (identifier ->
    IRI, :func:`identifiers`; asked only when the value may be one): ``<IRI>`` or ``https://…``, ``prefix:name``, ``"quoted text"``, a
    short identifier, an integer, or else plain text. Never SPARQL text: a term.

    Raises:
        OgpgraphError: a value shaped like an identifier that is not one, with suggestions.
    """
    import pyoxigraph as ox

    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if re.match(r"^https?://\S+$", text):
        return ox.NamedNode(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in prefixes and " " not in text:
        return ox.NamedNode(prefixes[prefix] + local)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return ox.Literal(text[1:-1])  # quoted: always a plain literal
    if text in ids():
        return ox.NamedNode(ids()[text])
    if re.fullmatch(r"-?\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    close = difflib.get_close_matches(text, list(ids()), n=3, cutoff=0.8)
    if close and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", text):
        raise OgpgraphError(
            f"unknown identifier {text!r}",
            hint=f"Did you mean: {', '.join(close)}? (Quote a value to pass it as text: "
            f"NAME='\"{text}\"'.)",
        )
    return ox.Literal(text)


def resolve_bindings(
    kg: Any, params: Mapping[str, str], prefixes: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``--param NAME=VALUE`` pairs as terms to bind, by variable name (a leading ``?`` or ``$``
    dropped), each value resolved by :func:`resolve_term` on ``kg`` (a local KnowledgeGraph, or
    anything with its ``select``, such as a remote endpoint)."""
    from ogpgraph.core import namespaces as ns

    declared = ns.PREFIXES if prefixes is None else prefixes
    return {k.lstrip("?$"): resolve_term(kg, v, declared) for k, v in params.items()}


def unknown_vocabulary(kg: KnowledgeGraph, iris: Iterable[str]) -> list[tuple[str, str | None]]:
    """The IRIs in ogpgraph's ontology namespace (``ogp:``) that the ontology does not declare
    (a misspelt ``ogp:Comitment`` matches nothing, silently), each with the closest term it
    declares, or None.

    >>> from ogpgraph import load
    >>> unknown_vocabulary(load().kg, [ns.OGP + "Comitment", ns.OGP + "Commitment"])
    [('https://w3id.org/ogpgraph/ontology#Comitment', 'https://w3id.org/ogpgraph/ontology#Commitment')]
    """
    import pyoxigraph as ox

    asked = sorted(i for i in set(iris) if i.startswith(ns.OGP) and len(i) > len(ns.OGP))
    if not asked:
        return []
    graph = ox.NamedNode(ns.ONTOLOGY_GRAPH)
    declared = {
        q.subject.value
        for q in kg.store.quads_for_pattern(None, ox.NamedNode(ns.RDF + "type"), None, graph)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ns.OGP)
    }
    names = {d[len(ns.OGP) :]: d for d in declared}
    out = []
    for iri in asked:
        if iri not in declared:
            close = difflib.get_close_matches(iri[len(ns.OGP) :], list(names), n=1, cutoff=0.75)
            out.append((iri, names[close[0]] if close else None))
    return out
