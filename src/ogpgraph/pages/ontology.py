"""``ontology.html``: the documentation of the ogpgraph vocabulary, generated from the ontology.

Made from the ontology graph of the loaded dataset (so it is always the ontology that was
exported): the ontology's title, version and licence, then each class with its definition,
comment, superclasses and the properties whose domain it is, then the properties used on
several classes. Every term has its label, definition, comment, domain and range, how often the
data uses it, and an example SPARQL query (generated; each runs as it is against the dataset).
Every term has an anchor named by its local name (``#Commitment``, ``#leadAgency``), and
each class one by its lower-case name too (``#commitment``) unless a property has that name
(``#member`` is the property ``ogp:member``). Static HTML with inline CSS and the navigation bar,
no script, and a Content-Security-Policy that forbids any request: it reads offline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ogpgraph.core import namespaces as ns
from ogpgraph.core.queries import internal_query
from ogpgraph.pages.html import ATTRIBUTION, csp, esc, nav_html

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

#: the file the build writes
FILE = "ontology.html"
ONTOLOGY = ns.BASE + "ontology"
_KINDS = {
    ns.OWL + "Class": "class",
    ns.OWL + "ObjectProperty": "object property",
    ns.OWL + "DatatypeProperty": "datatype property",
    ns.OWL + "AnnotationProperty": "annotation property",
}
CSS = """
/* ogpgraph: the vocabulary page */
body { font: 16px/1.5 system-ui, sans-serif; color: #222; margin: 0; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; }
header nav a[aria-current] { font-weight: bold; }
a { color: #1a4f8b; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #ccc; }
h3 { margin-top: 1.8rem; } h3 code { font-size: 1rem; color: #555; font-weight: normal; }
.term { border-left: 4px solid #d0d7e2; padding-left: 1rem; margin: 1.2rem 0; }
.term.class { border-color: #1a4f8b; }
.term:not(.class) { margin-left: 1.5rem; }
.deprecated { color: #8b1a1a; font-weight: bold; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dt { font-weight: bold; color: #444; } dd { margin: 0; }
pre { background: #f4f6f9; padding: .6rem; overflow-x: auto; font-size: .85rem; }
.contents { columns: 3 14rem; padding-left: 1.2rem; }
.meta { color: #444; } footer { margin-top: 3rem; font-size: .85rem; color: #555; }
@media print { header nav { display: none; } .term { break-inside: avoid; } }
""".strip()


@dataclass
class Term:
    """One class or property, as the ontology states it."""

    iri: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    deprecated: bool = False

    @property
    def local(self) -> str:
        return self.iri[len(ns.OGP) :]

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else self.local

    @property
    def kind(self) -> str:
        return next((_KINDS[k] for k in self.kinds if k in _KINDS), "term")

    @property
    def is_class(self) -> bool:
        return ns.OWL + "Class" in self.kinds


_FIELDS = {
    ns.RDF + "type": "kinds",
    ns.RDFS + "label": "labels",
    ns.SKOS + "definition": "definitions",
    ns.RDFS + "comment": "comments",
    ns.RDFS + "domain": "domains",
    ns.RDFS + "range": "ranges",
    ns.RDFS + "subClassOf": "parents",
    ns.RDFS + "subPropertyOf": "parents",
}


def terms(kg: KnowledgeGraph) -> tuple[dict[str, list[str]], dict[str, Term]]:
    """The ontology's own statements (predicate -> values) and its terms, by IRI."""
    about: dict[str, list[str]] = defaultdict(list)
    found: dict[str, Term] = {}
    for row in kg.select(internal_query("pages-ontology-terms")):
        iri, p, o = str(row["term"]), str(row["p"]), row["o"]
        if iri == ONTOLOGY:
            about[p].append(str(o))
            continue
        term = found.setdefault(iri, Term(iri))
        if p == ns.OWL + "deprecated":
            term.deprecated = str(o).lower() in ("true", "1")
        elif p in _FIELDS:
            getattr(term, _FIELDS[p]).append(str(o))
    return dict(about), {iri: t for iri, t in found.items() if t.kind != "term"}


def short(iri: str) -> str:
    """``ogp:Commitment`` for an IRI under a known prefix, else the IRI."""
    for prefix, namespace in sorted(ns.PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def example_query(term: Term) -> str:
    """A SPARQL query showing the term in use (it runs as it is against the dataset): the
    internal query ``pages-example-class``, ``-property`` or ``-decimal`` with the term filled
    in."""
    import pyoxigraph as ox

    if term.is_class:
        name = "pages-example-class"
    elif term.ranges == [ns.XSD + "decimal"]:
        name = "pages-example-decimal"
    else:
        name = "pages-example-property"
    return str(internal_query(name, {"term": [ox.NamedNode(term.iri)]}))


def _link(iri: str, known: dict[str, Term]) -> str:
    if iri in known:
        return f'<a href="#{esc(known[iri].local)}"><code>{esc(short(iri))}</code></a>'
    return f"<code>{esc(short(iri))}</code>"


def _term_html(term: Term, known: dict[str, Term], uses: dict[str, int], alias: str | None) -> str:
    anchor = f'<a id="{esc(alias)}"></a>' if alias else ""
    rows = [("Definition", esc(" ".join(term.definitions)) or "—")]
    rows.append(("Comment", esc(" ".join(term.comments)) or "—"))
    if term.parents:
        word = "Subclass of" if term.is_class else "Subproperty of"
        rows.append((word, ", ".join(_link(p, known) for p in term.parents)))
    if not term.is_class:
        rows.append(
            ("Domain", ", ".join(_link(d, known) for d in term.domains) or "any (see comment)")
        )
        rows.append(
            ("Range", ", ".join(_link(r, known) for r in term.ranges) or "any (see comment)")
        )
    n = uses.get(term.iri, 0)
    what = "resources" if term.is_class else "statements"
    rows.append(("In the data", f"{n:,} {what}" if n else "not used in the bundled data"))
    details = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    flag = ' <span class="deprecated">deprecated</span>' if term.deprecated else ""
    css = "term class" if term.is_class else "term"
    return (
        f'<section class="{css}" id="{esc(term.local)}">{anchor}'
        f"<h3>{esc(term.label)} <code>{esc(short(term.iri))}</code> "
        f"<small>({esc(term.kind)})</small>{flag}</h3>"
        f"<dl>{details}</dl>"
        f"<details><summary>Example query</summary><pre><code>{esc(example_query(term))}"
        "</code></pre></details></section>"
    )


def ontology_page(kg: KnowledgeGraph, *, current: str = FILE) -> str:
    """The page."""
    about, known = terms(kg)
    uses = {str(r["term"]): int(r["n"]) for r in kg.select(internal_query("pages-ontology-usage"))}
    classes = sorted((t for t in known.values() if t.is_class), key=lambda t: t.label.lower())
    properties = sorted((t for t in known.values() if not t.is_class), key=lambda t: t.local)
    property_names = {t.local for t in properties}
    by_domain: dict[str, list[Term]] = defaultdict(list)
    free: list[Term] = []
    for prop in properties:
        domain = next((d for d in prop.domains if d in known), None)
        if domain is None:
            free.append(prop)
        else:
            by_domain[domain].append(prop)

    def alias(term: Term) -> str | None:
        lower = term.local.lower()
        if term.is_class and lower != term.local and lower not in property_names:
            return lower
        return None

    body = []
    for cls in classes:
        body.append(_term_html(cls, known, uses, alias(cls)))
        for prop in by_domain.get(cls.iri, []):
            body.append(_term_html(prop, known, uses, None))
    body.append(
        '<h2 id="shared-properties">Properties used on several classes</h2>'
        "<p>These properties have no single domain: each comment says where the data uses them.</p>"
    )
    body.extend(_term_html(p, known, uses, None) for p in free)
    contents = "".join(f'<li><a href="#{esc(c.local)}">{esc(c.label)}</a></li>' for c in classes)
    title = (about.get(ns.DCTERMS + "title") or ["ogpgraph ontology"])[0]
    version = ", ".join(about.get(ns.OWL + "versionInfo", [])) or "unversioned"
    version_iri = ", ".join(about.get(ns.OWL + "versionIRI", []))
    licence = ", ".join(about.get(ns.DCTERMS + "license", []))
    description = " ".join(about.get(ns.DCTERMS + "description", []))
    meta = (
        f'<p class="meta">Ontology <code>{esc(ONTOLOGY)}</code>, version {esc(version)}'
        + (f" (<code>{esc(version_iri)}</code>)" if version_iri else "")
        + (f"; licence <code>{esc(licence)}</code>" if licence else "")
        + f". Namespace <code>{esc(ns.OGP)}</code> (prefix <code>ogp:</code>). "
        f"{len(classes)} classes and {len(properties)} properties.</p>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp([], [CSS])}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<header>{nav_html(None, current)}</header><main>"
        f"<h1>{esc(title)}</h1>{meta}<p>{esc(description)}</p>"
        '<h2 id="contents">Classes</h2><ul class="contents">'
        f'{contents}<li><a href="#shared-properties">Properties used on several classes</a></li>'
        "</ul>"
        '<h2 id="classes">Classes and their properties</h2>'
        + "".join(body)
        + f"</main><footer><p>{esc(ATTRIBUTION)}</p></footer></body></html>\n"
    )
