"""Terms and values: Python values to pyoxigraph terms (for bindings) and back (for rows), and
how a term shows in a table (``ogp:Commitment`` for a known namespace)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ogpgraph.core import namespaces as ns

_IRI_LIKE = re.compile(r"^[a-z][a-z0-9+.\-]*:[^\s<>\"]+$")


def to_term(value: Any) -> Any:
    """A pyoxigraph term for a binding: terms as they are, booleans and integers as typed
    literals, an IRI-looking string (with ``://``) as a NamedNode, anything else a plain literal.
    """
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode(ns.XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(ns.XSD + "integer"))
    text = str(value)
    if "://" in text and _IRI_LIKE.match(text):
        return ox.NamedNode(text)
    return ox.Literal(text)


_XSD_INT = {
    ns.XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
    )
}
_XSD_FLOAT = {ns.XSD + "double", ns.XSD + "float"}
_XSD_STRING = ns.XSD + "string"
_XSD_DECIMAL = ns.XSD + "decimal"
_XSD_BOOLEAN = ns.XSD + "boolean"


def python_value(term: Any) -> Any:
    """A Python value for a pyoxigraph term: IRIs and strings as str, numbers, booleans, None.

    >>> import pyoxigraph as ox
    >>> python_value(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    3
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if type(term) is not ox.Literal or term.language:
        return term.value
    dt = term.datatype.value
    if dt == _XSD_STRING:
        return term.value
    if dt in _XSD_INT:
        return int(term.value)
    if dt == _XSD_DECIMAL:
        return Decimal(term.value)
    if dt in _XSD_FLOAT:
        return float(term.value)
    if dt == _XSD_BOOLEAN:
        return term.value in ("true", "1")
    return term.value


def short_iri(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """How an IRI prints for a reader to paste back into a query: ``ogp:Commitment`` where the
    rest after a known namespace is a SPARQL local name as it stands (:func:`is_local_name`;
    the longest such namespace wins), the full ``<IRI>`` otherwise.

    >>> short_iri("https://w3id.org/ogpgraph/ontology#Commitment")
    'ogp:Commitment'
    >>> short_iri("https://w3id.org/ogpgraph/nz/commitment/3")
    'nz-commitment:3'
    >>> short_iri("https://w3id.org/ogpgraph/nz/claim/s3-bps/commitment-1/accountability")
    '<https://w3id.org/ogpgraph/nz/claim/s3-bps/commitment-1/accountability>'
    >>> short_iri("https://example.org/a", {"ex": "https://example.org/"})
    'ex:a'
    """
    if prefixes is None:
        return _short_default(iri)
    return _pick(iri, _candidates(iri, prefixes))


# SPARQL 1.1 (and Turtle) grammar, productions 164-172: PN_LOCAL without its backslash escapes
# (PN_LOCAL_ESC), so that a printed name needs no unescaping to be read or pasted, and without
# the "." it allows inside a name (Oxigraph 0.5 reads ``ex:a.b.c`` as a syntax error)
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PERCENT = "%[0-9A-Fa-f]{2}"
_LOCAL = re.compile(f"(?:(?:[{_PN_CHARS_U}:0-9]|{_PERCENT})(?:(?:[{_PN_CHARS}:]|{_PERCENT})*)?)?")


def is_local_name(text: str) -> bool:
    """Whether ``text`` is a SPARQL 1.1 local name (PN_LOCAL, the part after ``prefix:``) with no
    backslash escape and no dot: ``3``, ``anti-corruption-training``; not ``commitment/3``,
    ``a.b`` (valid SPARQL, but not read so by every engine) or ``a\\/b``.

    >>> is_local_name("commitment-3"), is_local_name("commitment/3"), is_local_name("")
    (True, False, True)
    """
    return _LOCAL.fullmatch(text) is not None


@functools.lru_cache(maxsize=65536)
def _short_default(iri: str) -> str:
    # the namespaces that can match depend only on the IRI up to its last / or #: look them up
    # once per such folder (tables of many IRIs share a few folders)
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    return _pick(iri, _default_candidates(iri[:cut]))


@functools.lru_cache(maxsize=4096)
def _default_candidates(folder: str) -> tuple[tuple[str, str], ...]:
    return _candidates(folder, ns.PREFIXES)


def _candidates(text: str, prefixes: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The (prefix, namespace) pairs whose namespace starts ``text``, longest namespace first."""
    return tuple(
        sorted(
            ((p, b) for p, b in prefixes.items() if text.startswith(b)), key=lambda pb: -len(pb[1])
        )
    )


def _pick(iri: str, candidates: tuple[tuple[str, str], ...]) -> str:
    """``prefix:local`` with the first candidate whose rest is a local name, else ``<iri>``."""
    for prefix, base in candidates:
        if _LOCAL.fullmatch(iri, len(base)):
            return f"{prefix}:{iri[len(base) :]}"
    return f"<{iri}>"


def display(term: Any) -> str:
    """How a term shows in a terminal table."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)
