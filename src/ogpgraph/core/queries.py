"""Stored SPARQL queries: one ``.rq`` file each in ``ogpgraph/queries/``, metadata in comments.

Each file stays valid SPARQL. Metadata lines at the top, in the grlc style::

    #+ summary: The commitments and who leads them
    #+ description: One row per commitment and focus area, with its lead agency.
    #+ param: concept  IRI of an OGP value or grand challenge (optional)

``param`` lines name variables a caller may bind (``--param concept=value:transparency``); they
are substituted, never formatted into the text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from importlib import resources

from ogpgraph.core.errors import OgpgraphError
from ogpgraph.core.guard import Trusted


@dataclass(frozen=True)
class StoredQuery:
    """A named query with its metadata."""

    name: str
    text: str
    summary: str
    description: str = ""
    params: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()


def parse_stored(name: str, text: str) -> StoredQuery:
    """Read the ``#+`` metadata of a stored query."""
    summary = ""
    description: list[str] = []
    params: dict[str, str] = {}
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
        elif key == "param":
            pname, _, pdesc = value.partition(" ")
            params[pname.strip()] = pdesc.strip()
        elif key == "tags":
            tags = tuple(t.strip() for t in value.split(",") if t.strip())
    if not summary:
        raise OgpgraphError(f"stored query {name!r} has no '#+ summary:' line")
    return StoredQuery(name, text, summary, " ".join(description), params, tags)


def stored_queries() -> dict[str, StoredQuery]:
    """Every stored query shipped with the package, by name (file name without ``.rq``)."""
    found: dict[str, StoredQuery] = {}
    folder = resources.files("ogpgraph") / "queries"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = parse_stored(name, Trusted(entry.read_text(encoding="utf-8")))
    return found


def get_stored(name: str) -> StoredQuery:
    """One stored query by name.

    Raises:
        OgpgraphError: for an unknown name, listing the closest and all known names.
    """
    queries = stored_queries()
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = (
        (f"Did you mean: {', '.join(close)}?\n" if close else "")
        + "Known queries: "
        + ", ".join(queries)
    )
    raise OgpgraphError(f"no stored query named {name!r}", hint=hint)
