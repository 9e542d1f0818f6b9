"""The static resource site ``build`` writes under ``exports/resource/``: one page per
commitment, focus area, result, case study, recommendation, organisation, OGP value, grand
challenge (every node kind of :mod:`ogpgraph.model.kinds`), the Turtle of its description
beside it (``nz/commitment/3.html`` and ``nz/commitment/3.ttl``), the ontology's page and
Turtle (``ontology.html``, ``ontology.ttl``), and ``index.html`` listing the pages by kind. Pages link to each other relatively and only to pages that exist, so the site
works from disk (``file://``) and on any static host; the w3id redirect rules
(``w3id/ogpgraph/.htaccess``) send the IRIs here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.dataset.describe import ONTOLOGY, describe, ontology_triples
from ogpgraph.model.kinds import CLASSES, SCHEMES, Kind
from ogpgraph.pages.html import NAV, asset, csp, esc
from ogpgraph.pages.resource import SITE_FOLDER, Site, render_resource, resource_path

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.artifacts import ArtifactFolder, BuildContext

INDEX = "index.html"


def page_kinds(store: Any) -> dict[str, Kind]:
    """Every IRI under the base that gets a page, and its kind (first class or scheme found)."""
    import pyoxigraph as ox

    found: dict[str, Kind] = {}
    for cls, kind in CLASSES.items():
        for quad in store.quads_for_pattern(None, ox.NamedNode(ns.RDF + "type"), ox.NamedNode(cls)):
            found.setdefault(quad.subject.value, kind)
    for scheme, kind in SCHEMES.items():
        in_scheme = ox.NamedNode(ns.SKOS + "inScheme")
        for quad in store.quads_for_pattern(None, in_scheme, ox.NamedNode(scheme)):
            found.setdefault(quad.subject.value, kind)
    return {
        iri: kind
        for iri, kind in sorted(found.items())
        if isinstance(iri, str) and resource_path(iri) and "#" not in iri
    }


def site_files(store: Any) -> dict[str, bytes]:
    """path inside ``resource/`` -> bytes, for every page, its Turtle, and the index."""
    from ogpgraph.core.results import serialize_triples

    kinds = page_kinds(store)
    site = Site.exported([*kinds, ONTOLOGY], NAV)
    files: dict[str, bytes] = {}
    labels: dict[str, str] = {}
    ontology = describe(store, ONTOLOGY)
    if ontology is not None:
        path = resource_path(ONTOLOGY)
        files[f"{path}.html"] = render_resource(ontology, site).encode("utf-8")
        files[f"{path}.ttl"] = serialize_triples(ontology_triples(store), "ttl")
    for iri in kinds:
        desc = describe(store, iri)
        if desc is None:  # pragma: no cover - a typed IRI always has its type quad
            continue
        path = resource_path(iri)
        files[f"{path}.html"] = render_resource(desc, site).encode("utf-8")
        files[f"{path}.ttl"] = serialize_triples(desc.triples(), "ttl")
        labels[iri] = desc.label(iri) or iri
    files[INDEX] = index_page(kinds, labels).encode("utf-8")
    return files


def index_page(kinds: dict[str, Kind], labels: dict[str, str]) -> str:
    """``resource/index.html``: every resource page, by kind in legend order, by label."""
    by_kind: dict[Kind, list[str]] = defaultdict(list)
    for iri, kind in kinds.items():
        by_kind[kind].append(iri)
    sections = []
    for kind in sorted(by_kind, key=lambda k: k.order):
        items = "".join(
            f'<li><a href="{esc(resource_path(iri))}.html">{esc(labels[iri])}</a></li>'
            for iri in sorted(by_kind[kind], key=lambda i: (labels[i].lower(), i))
        )
        sections.append(f"<h2>{esc(kind.plural)} ({len(by_kind[kind]):,})</h2><ul>{items}</ul>")
    nav = "".join(f'<li><a href="../{esc(href)}">{esc(text)}</a></li>' for href, text in NAV)
    css = asset("resource.css")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp([], [css])}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Resources – ogpgraph</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n"
        f'<header><nav aria-label="Views"><ul>{nav}</ul></nav><h1>Resources</h1>'
        f"<p>One page for each of the {len(kinds):,} resources below: its facts with their "
        "sources, the links to and from it, and its neighbourhood. Each page's IRI under "
        f"<code>{esc(ns.BASE)}</code> leads here.</p></header>\n<main>{''.join(sections)}</main>\n"
        "</body>\n</html>\n"
    )


def site_artifact() -> ArtifactFolder:
    """The resource site as one artifact of the build."""
    from ogpgraph.core.artifacts import ArtifactFolder

    def make(ctx: BuildContext) -> dict[str, bytes]:
        return site_files(ctx.kg.store)

    return ArtifactFolder(SITE_FOLDER, make, "one HTML page and Turtle file per resource")
