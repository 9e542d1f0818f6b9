"""The query page at ``/``: vendored YASGUI, pointed at this endpoint, with the stored queries.

Everything the page loads comes from this server (``/static/``), and its Content-Security-Policy
forbids any other host, so it works offline and leaks nothing. The stored queries travel inside
the page as JSON data (never as script), escaped so that no query text can close the tag.

>>> from ogpgraph.server.app import EndpointConfig
>>> html = render_page(EndpointConfig(graphs=["https://e.org/g"], triples=3))
>>> '<script src="/static/yasgui.min.js"></script>' in html
True
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.server.app import EndpointConfig


def _json_for_html(value: object) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_data(config: EndpointConfig) -> dict[str, object]:
    """What the page script reads: the endpoint path, the predeclared prefixes, the welcome
    query, the stored queries."""
    from ogpgraph.core import namespaces as ns
    from ogpgraph.core.queries import get_internal, stored_queries

    return {
        "endpoint": "/sparql",
        # the prefixes the endpoint predeclares: the editor knows them too (no error markers)
        "prefixes": dict(ns.PREFIXES),
        # the first tab's query (what is in the dataset), shown without its metadata lines
        "welcome": get_internal("server-welcome").body,
        "queries": [
            {"name": q.name, "summary": q.summary, "description": q.description, "query": q.text}
            for q in stored_queries().values()
        ],
    }


def render_page(config: EndpointConfig) -> str:
    """The HTML of the query page."""
    items = []
    queries: list[dict[str, str]] = page_data(config)["queries"]  # type: ignore[assignment]
    for query in queries:
        items.append(
            f'<li><button type="button" data-query="{html.escape(query["name"])}" '
            f'title="{html.escape(query["description"] or query["summary"])}">'
            f"<strong>{html.escape(query['name'])}</strong>"
            f"<span>{html.escape(query['summary'])}</span></button></li>"
        )
    graphs = "".join(
        f"<li><code>{html.escape(g)}</code>"
        + (f" ({config.graph_sizes[g]:,} triples)" if g in config.graph_sizes else "")
        + "</li>"
        for g in sorted(config.graphs)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(config.title)}</title>
<link rel="stylesheet" href="/static/yasgui.min.css">
<link rel="stylesheet" href="/static/page.css">
</head>
<body>
<header>
  <h1>{html.escape(config.title)}</h1>
  <p>{config.triples:,} triples in {len(config.graphs)} named graphs; the default graph is their
  union. Endpoint: <code id="endpoint-url">/sparql</code> (SPARQL 1.1 Protocol, read-only,
  queries stop after {config.timeout:g} s).</p>
</header>
<main>
  <nav aria-label="Stored queries">
    <h2>Stored queries</h2>
    <ul id="stored-queries">{"".join(items)}</ul>
    <details><summary>Named graphs</summary><ul class="graphs">{graphs}</ul></details>
  </nav>
  <section id="yasgui" aria-label="Query editor and results"></section>
</main>
<script type="application/json" id="page-data">{_json_for_html(page_data(config))}</script>
<script src="/static/yasgui.min.js"></script>
<script src="/static/page.js"></script>
</body>
</html>
"""
