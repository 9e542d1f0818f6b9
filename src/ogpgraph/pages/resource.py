"""The HTML page of one resource (what its IRI dereferences to for a browser), served by
``serve`` and written by ``build`` as a static site under ``exports/resource/``.

A page shows the resource's label, types and description, a small drawing of its neighbourhood
(inline SVG made here: no script), every fact grouped by the named graph it is in with the
source sections and pages that graph cites for it, the incoming links with the sources of the
statements that make them, and the related resources. It is made from a
:class:`~ogpgraph.dataset.describe.Description` alone.

Links between pages are relative, so the same pages work on any host and from disk. A
:class:`Site` says how: served (``/nz/commitment/3`` links to ``../org/x``, negotiated) or static
(``resource/nz/commitment/3.html`` links to ``../org/x.html``, and only to pages that exist).

>>> resource_path("https://w3id.org/ogpgraph/nz/commitment/3")
'nz/commitment/3'
>>> resource_path("https://example.org/x") is None
True
>>> Site.served().href("https://w3id.org/ogpgraph/nz/commitment/3",
...                    "https://w3id.org/ogpgraph/nz/org/ssc")
'../org/ssc'
"""

from __future__ import annotations

import math
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ogpgraph.core import namespaces as ns
from ogpgraph.core.values import short_iri
from ogpgraph.dataset.describe import DESCRIPTIONS, SOURCE, TYPE, Description
from ogpgraph.pages.html import ATTRIBUTION, asset, csp, esc

#: the folder of ``exports/`` that holds the static resource pages
SITE_FOLDER = "resource"
#: suffix -> format name of the RDF forms of a resource (``/nz/commitment/3.ttl``)
RDF_SUFFIXES: dict[str, str] = {".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt"}
#: how many neighbours the drawing shows at most (the tables list them all)
MAX_DRAWN = 24


def resource_path(iri: str) -> str | None:
    """The path of an IRI under the base (``nz/commitment/3``), or None for another IRI."""
    if not iri.startswith(ns.BASE) or len(iri) == len(ns.BASE):
        return None
    return iri[len(ns.BASE) :]


@dataclass(frozen=True)
class Site:
    """How resource pages link to each other and to the rest of the site.

    Attributes:
        static: pages are files ``resource/<path>.html`` (else served at ``/<path>``).
        pages: static only: the IRIs that have a page (links to others are not made).
        nav: (href from the site's root, text) for the navigation bar.
        formats: (suffix, text) of the other forms offered beside each page.
    """

    static: bool
    pages: frozenset[str] = frozenset()
    nav: tuple[tuple[str, str], ...] = ()
    formats: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def served(cls) -> Site:
        """The pages ``serve`` gives: every IRI under the base is a link."""
        return cls(
            static=False,
            nav=(("", "Query page"), ("queries", "Stored queries")),
            formats=((".ttl", "Turtle"), (".jsonld", "JSON-LD"), (".nt", "N-Triples")),
        )

    @classmethod
    def exported(cls, pages: Iterable[str], nav: Iterable[tuple[str, str]]) -> Site:
        """The static pages of ``build``: links only to the pages written, Turtle beside each."""
        return cls(
            static=True,
            pages=frozenset(pages),
            nav=tuple(nav),
            formats=((".ttl", "Turtle"),),
        )

    def file_of(self, iri: str) -> str:
        """Where the page of ``iri`` is, from the site's root (``resource/nz/x.html``, ``nz/x``)."""
        path = resource_path(iri) or ""
        return f"{SITE_FOLDER}/{path}.html" if self.static else path

    def _from(self, here: str, target: str) -> str:
        start = posixpath.dirname(self.file_of(here)) or "."
        found = posixpath.relpath(target or ".", start)
        return found + "/" if not target or found.endswith("..") else found

    def href(self, here: str, iri: str) -> str | None:
        """A relative link from the page of ``here`` to the page of ``iri``, or None."""
        path = resource_path(iri)
        if path is None:
            return None
        path, hash_, fragment = path.partition("#")
        if self.static:
            if iri.partition("#")[0] not in self.pages:
                return None
            target = f"{SITE_FOLDER}/{path}.html"
        else:
            target = path
        return quote(self._from(here, target), safe="/.-_~") + (hash_ + quote(fragment) or "")

    def root_href(self, here: str, target: str) -> str:
        """A relative link from the page of ``here`` to ``target`` (from the site's root)."""
        return quote(self._from(here, target), safe="/.-_~")


def page_files(site: Site, iri: str) -> dict[str, str]:
    """suffix -> the name of that form of ``iri`` beside its page (``3.ttl``)."""
    base = posixpath.basename(resource_path(iri) or "resource")
    return {suffix: quote(base + suffix) for suffix, _text in site.formats}


# ---------------------------------------------------------------------------- text of terms
def _literal_text(term: object) -> str:
    value = str(getattr(term, "value", term))
    language = getattr(term, "language", None)
    datatype = getattr(getattr(term, "datatype", None), "value", "")
    if language and language != "en":
        return f"{value} ({language})"
    if datatype and datatype not in (ns.XSD + "string", ns.RDF + "langString"):
        if datatype in (ns.XSD + "integer", ns.XSD + "decimal", ns.XSD + "boolean"):
            return value
        return f"{value} ({short_iri(datatype)})"
    return value


class _Writer:
    """Makes the HTML of one description for one site."""

    def __init__(self, desc: Description, site: Site) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.desc = desc
        self.site = site
        self.iri = desc.iri

    def name(self, iri: str) -> str:
        return self.desc.label(iri) or short_iri(iri)

    def link(self, iri: str, text: str | None = None) -> str:
        shown = esc(text if text is not None else self.name(iri))
        href = self.site.href(self.iri, iri)
        if iri == self.iri or href is None:
            return f'<span title="{esc(iri)}">{shown}</span>'
        return f'<a href="{esc(href)}" title="{esc(iri)}">{shown}</a>'

    def term(self, term: object) -> str:
        if isinstance(term, self.ox.NamedNode):
            return self.link(term.value)
        if isinstance(term, self.ox.BlankNode):
            return "<em>(a blank node)</em>"
        return esc(_literal_text(term))

    def citation(self, source: str) -> str:
        """A source as a reader cites it: title, section, pages, part of, address."""
        d = self.desc
        parts = [self.link(source)]
        number = d.values(source, ns.OGP + "sectionNumber")
        if number:
            parts.append(esc(f"section {number[0].value}"))
        start = d.values(source, ns.OGP + "pageStart")
        end = d.values(source, ns.OGP + "pageEnd")
        if start:
            first, last = start[0].value, (end[0].value if end else start[0].value)
            parts.append(esc(f"p. {first}" if first == last else f"pp. {first}–{last}"))
        for whole in d.values(source, ns.DCTERMS + "isPartOf"):
            parts.append("in " + self.term(whole))
        for address in d.values(source, ns.OGP + "address"):
            parts.append(f"<code>{esc(address.value)}</code>")
        return ", ".join(parts)

    # -- sections
    def header(self) -> str:
        site, iri = self.site, self.iri
        nav = "".join(
            f'<li><a href="{esc(site.root_href(iri, href))}">{esc(text)}</a></li>'
            for href, text in site.nav
        )
        types = [self.term(t) for t in self.desc.values(iri, TYPE)]
        forms = page_files(site, iri)
        formats = " · ".join(
            f'<a href="{esc(forms[suffix])}" type="{_MEDIA[suffix]}">{esc(text)}</a>'
            for suffix, text in site.formats
        )
        return (
            (f'<nav aria-label="Site"><ul>{nav}</ul></nav>' if nav else "")
            + f"<h1>{esc(self.name(iri))}</h1>"
            + f'<p class="iri">IRI: <code>{esc(iri)}</code></p>'
            + (f'<p class="types">A {", ".join(types)}</p>' if types else "")
            + (f'<p class="formats">This description as {formats}</p>' if formats else "")
        )

    def description(self) -> str:
        for predicate in DESCRIPTIONS:
            texts = self.desc.values(self.iri, predicate)
            if texts:
                return "".join(f'<p class="description">{esc(t.value)}</p>' for t in texts)
        return ""

    def facts(self) -> str:
        by_graph: dict[str, list[Any]] = defaultdict(list)
        for quad in self.desc.out:
            by_graph[str(getattr(quad.graph_name, "value", "default graph"))].append(quad)
        if not by_graph:
            return ""
        parts = ["<h2>Facts, by source</h2>"]
        for graph in sorted(by_graph):
            quads = by_graph[graph]
            cited = sorted({q.object.value for q in quads if q.predicate.value == SOURCE})
            parts.append(f"<h3>In the graph <code>{esc(short_iri(graph))}</code></h3>")
            if cited:
                items = "".join(f"<li>{self.citation(s)}</li>" for s in cited)
                parts.append(f'<p>Sources cited:</p><ul class="sources">{items}</ul>')
            rows = "".join(
                f'<tr><td class="p">{esc(short_iri(q.predicate.value))}</td>'
                f"<td>{self.term(q.object)}</td></tr>"
                for q in quads
                if q.predicate.value != SOURCE
            )
            parts.append(
                "<table><thead><tr><th>Property</th><th>Value</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
        return "".join(parts)

    def incoming(self) -> str:
        quads = [q for q in self.desc.incoming if q.subject.value != self.iri]
        if not quads:
            return ""
        rows = []
        for q in quads:
            subject = q.subject.value
            sources = [
                self.citation(s.value)
                for s in self.desc.values(subject, SOURCE)
                if isinstance(s, self.ox.NamedNode)
            ]
            rows.append(
                f"<tr><td>{self.term(q.subject)}</td>"
                f'<td class="p">{esc(short_iri(q.predicate.value))}</td>'
                f"<td>{esc(short_iri(str(getattr(q.graph_name, 'value', ''))))}</td>"
                f"<td>{'; '.join(sources)}</td></tr>"
            )
        return (
            f"<h2>Incoming links ({len(quads):,})</h2>"
            "<table><thead><tr><th>From</th><th>Property</th><th>Graph</th><th>Its source"
            f"</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def neighbours(self) -> list[tuple[str, str, str]]:
        """(iri, property, direction) of every related resource (sources apart), by name."""
        found: dict[str, tuple[str, str]] = {}
        for q in self.desc.out:
            if isinstance(q.object, self.ox.NamedNode) and q.predicate.value not in (SOURCE, TYPE):
                found.setdefault(q.object.value, (q.predicate.value, "out"))
        for q in self.desc.incoming:
            if isinstance(q.subject, self.ox.NamedNode) and q.subject.value != self.iri:
                found.setdefault(q.subject.value, (q.predicate.value, "in"))
        found.pop(self.iri, None)
        ordered = sorted(found, key=lambda i: (self.name(i).lower(), i))
        return [(i, *found[i]) for i in ordered]

    def related(self, neighbours: list[tuple[str, str, str]]) -> str:
        if not neighbours:
            return ""
        by_type: dict[str, list[str]] = defaultdict(list)
        for iri, _p, _d in neighbours:
            kinds = self.desc.values(iri, TYPE)
            by_type[self.name(kinds[0].value) if kinds else "Other"].append(iri)
        parts = [f"<h2>Related resources ({len(neighbours):,})</h2>"]
        for kind in sorted(by_type):
            items = ", ".join(self.link(i) for i in by_type[kind])
            parts.append(f"<p><strong>{esc(kind)}</strong>: {items}</p>")
        return "".join(parts)

    def drawing(self, neighbours: list[tuple[str, str, str]]) -> str:
        """The resource and up to :data:`MAX_DRAWN` neighbours on a circle, as inline SVG."""
        if not neighbours:
            return ""
        # links from the resource first (its own facts), then links to it
        shown = sorted(neighbours, key=lambda n: n[2] != "out")[:MAX_DRAWN]
        shown.sort(key=lambda n: (self.name(n[0]).lower(), n[0]))
        width, height, cx, cy = 1000, 420, 500, 210
        rx, ry = 260, 165
        parts = [
            f'<svg class="drawing" role="img" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{esc(self.name(self.iri))} and {len(shown)} related resources</title>"
        ]
        points = []
        for index, (iri, predicate, direction) in enumerate(shown):
            angle = 2 * math.pi * index / len(shown) - math.pi / 2
            x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
            points.append((iri, predicate, direction, x, y))
            dash = ' stroke-dasharray="5 4"' if direction == "in" else ""
            parts.append(
                f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#8a8a8a"{dash}>'
                f"<title>{esc(short_iri(predicate))}</title></line>"
            )
        shorts = distinct_shortenings([self.name(p[0]) for p in points])
        for (iri, predicate, direction, x, y), short in zip(points, shorts):
            text = self.name(iri)
            anchor = "middle" if abs(x - cx) < 40 else ("start" if x > cx else "end")
            dx = 0 if anchor == "middle" else (9 if anchor == "start" else -9)
            dy = -9 if y < cy and anchor == "middle" else (15 if anchor == "middle" else 4)
            fill = "#e08a2c" if direction == "in" else "#2c8a7d"
            label = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{fill}"/>'
                f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
                f"{esc(short)}</text>"
            )
            href = self.site.href(self.iri, iri)
            title = f"<title>{esc(text)} ({esc(short_iri(predicate))})</title>"
            if href is None:
                parts.append(f"<g>{title}{label}</g>")
            else:
                parts.append(f'<a href="{esc(href)}">{title}{label}</a>')
        center = self.name(self.iri)
        parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="11" fill="#0b5cad"/>'
            f'<text x="{cx}" y="{cy + 26}" text-anchor="middle" font-weight="600">'
            f"{esc(center if len(center) <= 40 else center[:39] + '…')}</text></svg>"
        )
        more = len(neighbours) - len(shown)
        note = "Solid lines: links from this resource; dashed: links to it." + (
            f" {more:,} more are listed below." if more > 0 else ""
        )
        return "<h2>Neighbourhood</h2>" + "".join(parts) + f'<p class="types">{esc(note)}</p>'


_MEDIA = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
}


def render_resource(desc: Description, site: Site) -> str:
    """The HTML page of one resource (deterministic: the same description gives the same bytes)."""
    writer = _Writer(desc, site)
    neighbours = writer.neighbours()
    css = asset("resource.css")
    forms = page_files(site, desc.iri)
    alternates = "".join(
        f'<link rel="alternate" type="{_MEDIA[suffix]}" href="{esc(forms[suffix])}">'
        for suffix, _text in site.formats
    )
    body = (
        f"<header>{writer.header()}{writer.description()}</header><main>"
        + writer.drawing(neighbours)
        + writer.facts()
        + writer.incoming()
        + writer.related(neighbours)
        + f"</main><footer><p>{esc(ATTRIBUTION)}</p></footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp([], [css])}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(writer.name(desc.iri))} – ogpgraph</title>\n"
        f"{alternates}\n<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def distinct_shortenings(texts: list[str], width: int = 32) -> list[str]:
    """Each text cut to ``width`` characters with an ellipsis; where different texts would be
    cut to the same words (seven "Action Plan table: Commitment…"), the words they share are
    left out after the first, which keeps the part where they differ (one shared word more
    is kept back at a time while two labels still clash).

    >>> distinct_shortenings(["Action Plan table: Commitment 3 – Transparency (✓)",
    ...                       "Action Plan table: Commitment 3 – Accountability (✓)", "Short"])
    ['Action…Transparency (✓)', 'Action…Accountability (✓)', 'Short']
    """
    import os.path
    from collections import defaultdict

    def cut(text: str) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    group: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        group[cut(text)].add(text)
    shared = {t: sorted(g) for g in group.values() if len(g) > 1 for t in g}
    out = {t: cut(t) for t in texts}
    for back in range(0, 8):  # words of the shared prefix given back
        for text, others in shared.items():
            words = os.path.commonprefix(others).split(" ")[:-1]
            words = words[: max(0, len(words) - back)]
            first = text.split(" ", 1)[0][:10]
            if len(" ".join(words)) > len(first):
                out[text] = cut(first + "…" + text[len(" ".join(words)) + 1 :])
        labels: dict[str, set[str]] = defaultdict(set)
        for text, label in out.items():
            labels[label].add(text)
        if all(len(v) == 1 for v in labels.values()):
            break
    return [out[t] for t in texts]
