"""One registry of formats: RDF syntaxes, with their names, media types and file suffixes.

Every subsystem that reads or writes RDF (the store, the dumps, the query command, the server,
remote stores, diff) looks formats up here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


def rdf_format(name: str) -> pyoxigraph.RdfFormat:
    """pyoxigraph's format for a syntax name (``turtle``, ``trig``, ``ntriples``, ``nquads``)."""
    import pyoxigraph as ox

    return {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
    }[name]


def sort_prefix_lines(data: bytes) -> bytes:
    """Oxigraph writes ``@prefix`` lines in hash order: sort them, for byte-identical output."""
    lines = data.split(b"\n")
    head = [line for line in lines if line.startswith(b"@prefix ")]
    rest = lines[len(head) :]
    return b"\n".join(sorted(head) + rest)
