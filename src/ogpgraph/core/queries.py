"""Stored and internal SPARQL queries: one ``.rq`` file each, metadata in comments.

**Stored** queries (``ogpgraph/queries/*.rq``) are the user-facing ones (``ogpgraph query
--list``, the endpoint's page, the benchmarks). **Internal** queries
(``ogpgraph/queries/internal/<subsystem>-<name>.rq``) are the ones the package's modules run;
they get them by name with :func:`internal_query`, read on first use and cached. Both kinds are
the package's own text and come back :class:`~ogpgraph.core.guard.Trusted`.

Each file stays valid SPARQL that runs as it is, with its own ``PREFIX`` lines (the same IRIs as
:data:`ogpgraph.core.namespaces.PREFIXES`). The stored queries read the named graphs: every
pattern (or the facts of one record: a claim, an assessment, a link row) sits in its own
``GRAPH ?g<N> { … }``, so that they give the same rows in any store, whether or not its default
graph is the union of the named graphs (rdflib ``Dataset()``, pyoxigraph ``Store()``, Oxigraph,
Fuseki and Virtuoso servers: tests/test_stores.py, docs/own-store.md). ``?g<N>`` stands for "any
graph"; a query that asks which graph a fact is in names it otherwise (``?graph``, an IRI).
Metadata lines at the top, in the grlc style::

    #+ summary: The commitments and who leads them
    #+ description: One row per commitment and focus area, with its lead agency.
    #+ param: concept  IRI of an OGP value or grand challenge (optional)
    #+ values: class  the classes to keep (IRIs)

``param`` lines name variables a caller may bind to one term (``--param
concept=value:transparency``, ``kg.select(text, concept=iri)``); they are substituted by the
engine (SEP-0007: the variable must be in the projection), never formatted into the text.
A parameter whose description says ``(required)`` must be given: the query answers nothing
useful without it, so ``query --name`` and the endpoint's ``/queries/NAME`` refuse to run it
(:meth:`StoredQuery.missing`).

``values`` lines name variables bound to a *list* of terms: the query holds an empty block
``VALUES ?class {}`` for each, and :meth:`StoredQuery.with_values` fills it with pyoxigraph terms
(``NamedNode``, ``Literal``) written out by pyoxigraph itself (``internal_query("diff-entities",
{"class": [NamedNode(iri), …]})``); plain strings are refused, so no
value can change the query's structure. The text carries the values, so such a query also
travels to a remote endpoint as it is.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ogpgraph.core.errors import OgpgraphError
from ogpgraph.core.guard import Trusted

#: the folder of the internal queries, inside ``ogpgraph/queries``
INTERNAL_FOLDER = "internal"

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_REQUIRED = re.compile(r"\(required\)", re.IGNORECASE)


def _empty_values(variable: str) -> re.Pattern[str]:
    """An empty ``VALUES ?variable {}`` block; group ``inside`` is where its terms go."""
    return re.compile(r"\bVALUES\s+[?$]" + re.escape(variable) + r"\s*\{(?P<inside>\s*)\}")


@dataclass(frozen=True)
class StoredQuery:
    """A named query with its metadata.

    Attributes:
        values: variables bound to a list of terms by :meth:`with_values`, with their
            descriptions (``#+ values:`` lines).
        internal: one of the package's internal queries (not listed by ``query --list``).
    """

    name: str
    text: str
    summary: str
    description: str = ""
    params: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)
    internal: bool = False

    @property
    def required(self) -> tuple[str, ...]:
        """The parameters that must be given: those whose description says ``(required)``."""
        return tuple(name for name, text in self.params.items() if _REQUIRED.search(text))

    def missing(self, given: Iterable[str]) -> list[str]:
        """The required parameters not among ``given`` (names, a leading ? or $ ignored).

        >>> q = parse_stored("q", "#+ summary: s\\n#+ param: fact  the resource (required)\\n")
        >>> q.required, q.missing(["?fact"]), q.missing([])
        (('fact',), [], ['fact'])
        """
        names = {name.lstrip("?$") for name in given}
        return [name for name in self.required if name not in names]

    def missing_message(self, missing: Iterable[str]) -> str:
        """Why the query cannot run without ``missing``, naming each parameter and its use."""
        return f"the stored query {self.name!r} needs " + "; ".join(
            f"{name} ({self.params[name]})" for name in missing
        )

    def with_values(self, lists: Mapping[str, Iterable[Any]]) -> str:
        """The text with each ``VALUES ?name {}`` block filled from a list of pyoxigraph terms.

        Every ``#+ values:`` variable must be given, and nothing else. Each term must be a
        ``pyoxigraph.NamedNode`` or ``pyoxigraph.Literal`` (validated when it was made, written out
        here by pyoxigraph); a plain string is refused. The result is :class:`Trusted` when the
        query's own text is.

        Raises:
            TypeError: a value that is not a NamedNode or Literal.
            OgpgraphError: a missing or undeclared list.
        """
        import pyoxigraph as ox

        missing = sorted(set(self.values) - set(lists))
        extra = sorted(set(lists) - set(self.values))
        if missing or extra:
            raise OgpgraphError(
                f"query {self.name!r} takes the lists "
                + (", ".join("?" + v for v in self.values) or "(none)")
                + (f"; missing: {', '.join(missing)}" if missing else "")
                + (f"; not declared: {', '.join(extra)}" if extra else "")
            )
        text = str(self.text)
        for variable, terms in lists.items():
            written = []
            for term in terms:
                if type(term) not in (ox.NamedNode, ox.Literal):
                    raise TypeError(
                        f"?{variable} of query {self.name!r} takes pyoxigraph NamedNode or "
                        f"Literal values, not {type(term).__name__}: {term!r}"
                    )
                written.append(str(term))
            match = _empty_values(variable).search(text)
            assert match is not None  # parse_stored checked there is exactly one
            start, end = match.span("inside")
            text = text[:start] + " " + " ".join(written) + " " + text[end:]
        return Trusted(text) if isinstance(self.text, Trusted) else text

    @property
    def body(self) -> str:
        """The text without its ``#+`` metadata lines (what a page shows a reader)."""
        lines = self.text.splitlines(keepends=True)
        return "".join(line for line in lines if not line.lstrip().startswith("#+"))


def parse_stored(name: str, text: str, *, internal: bool = False) -> StoredQuery:
    """Read the ``#+`` metadata of a stored or internal query.

    Raises:
        OgpgraphError: no summary, or a ``values`` variable without exactly one empty
            ``VALUES ?name {}`` block.
    """
    summary = ""
    description: list[str] = []
    params: dict[str, str] = {}
    values: dict[str, str] = {}
    tags: tuple[str, ...] = ()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#+"):
            if stripped and not stripped.startswith("#"):
                break
            continue
        key, _, value = stripped[2:].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "summary":
            summary = value
        elif key == "description":
            description.append(value)
        elif key in ("param", "values"):
            vname, _, vdesc = value.partition(" ")
            (params if key == "param" else values)[vname.strip()] = vdesc.strip()
        elif key == "tags":
            tags = tuple(t.strip() for t in value.split(",") if t.strip())
    if not summary:
        raise OgpgraphError(f"stored query {name!r} has no '#+ summary:' line")
    for variable in values:
        if not _VARIABLE.match(variable):
            raise OgpgraphError(f"query {name!r}: '#+ values: {variable}' is not a variable name")
        found = len(_empty_values(variable).findall(text))
        if found != 1:
            raise OgpgraphError(
                f"query {name!r} declares '#+ values: {variable}' and needs exactly one empty "
                f"VALUES block for ?{variable} to fill (found {found})"
            )
    return StoredQuery(
        name, text, summary, " ".join(description), params, tags, values, internal=internal
    )


def _read_folder(folder: Any, *, internal: bool) -> dict[str, StoredQuery]:
    found: dict[str, StoredQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            text = Trusted(entry.read_text(encoding="utf-8"))
            found[name] = parse_stored(name, text, internal=internal)
    return found


def stored_queries() -> dict[str, StoredQuery]:
    """Every stored (user-facing) query shipped with the package, by name (file name without
    ``.rq``); the internal ones are not among them (see :func:`internal_queries`)."""
    return _read_folder(resources.files("ogpgraph") / "queries", internal=False)


def internal_queries() -> dict[str, StoredQuery]:
    """Every internal query of the package, by name (``<subsystem>-<name>``)."""
    return _read_folder(resources.files("ogpgraph") / "queries" / INTERNAL_FOLDER, internal=True)


@functools.cache
def get_internal(name: str) -> StoredQuery:
    """One internal query with its metadata, read on first use and kept (only that file is read).

    Raises:
        OgpgraphError: an unknown name.
    """
    folder = resources.files("ogpgraph") / "queries" / INTERNAL_FOLDER
    entry = folder / (name + ".rq")
    if not _NAME.match(name) or not entry.is_file():
        raise OgpgraphError(
            f"no internal query named {name!r}",
            hint="Internal queries: " + ", ".join(internal_queries()),
        )
    return parse_stored(name, Trusted(entry.read_text(encoding="utf-8")), internal=True)


def internal_query(name: str, values: Mapping[str, Iterable[Any]] | None = None) -> Trusted:
    """The text of the internal query ``name`` (``queries/internal/NAME.rq``), as Trusted.

    ``values`` fills its ``#+ values:`` blocks, a list of pyoxigraph terms for each (see
    :meth:`StoredQuery.with_values`); single ``#+ param:`` values are bound when the query runs
    (``kg.select(text, base=iri)``).

    Raises:
        OgpgraphError: an unknown name (a bug in the caller).
    """
    query = get_internal(name)
    if values or query.values:
        return Trusted(query.with_values(values or {}))
    return Trusted(query.text)


def get_stored(name: str, *, internal: bool = True) -> StoredQuery:
    """One query by name: a stored one, else (with ``internal``) an internal one.

    Raises:
        OgpgraphError: for an unknown name, listing the closest and all known stored names.
    """
    queries = stored_queries()
    if name in queries:
        return queries[name]
    others = internal_queries() if internal else {}
    if name in others:
        return others[name]
    close = difflib.get_close_matches(name, [*queries, *others], n=3, cutoff=0.5)
    hint = (
        (f"Did you mean: {', '.join(close)}?\n" if close else "")
        + "Known queries: "
        + ", ".join(queries)
        + (" (and the internal ones: query --list --all)" if internal else "")
    )
    raise OgpgraphError(f"no stored query named {name!r}", hint=hint)
