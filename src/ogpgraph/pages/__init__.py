"""Interactive HTML views of the graph: self-contained pages that work from disk, offline.

- :mod:`.style` — colours and shapes of node kinds, edge styles, recommendation statuses;
- :mod:`.selections` — which part of the NetworkX view each page draws (coverage,
  recommendations, agencies, the whole graph, the neighbourhood of a node, a query's result);
- :mod:`.visdata` — a NetworkX graph to vis-network node and edge lists, in linear time, with
  plain-text tooltips and a cap (aggregation) for views too large to read;
- :mod:`.html` — escaping, the page template, the inlined vis-network script;
- :mod:`.sides` — each assessor's position on a recommendation in words and looks (badges,
  a node's status line, side markers and tooltip lines);
- :mod:`.dashboard` — ``index.html``: coverage heat map, gaps, recommendations with each
  assessor's position side by side, links;
- :mod:`.timeline` — ``timeline.html``: the action plans and NIS assessments over time, a card
  per commitment with every field known (with its sources) or "not known", and the sources with
  their addresses; :mod:`.swimlanes` draws its swim-lane SVG;
- :mod:`.resource` — the page of one resource (what its IRI dereferences to in a browser),
  for ``serve`` and for the static site;
- :mod:`.site` — the static resource site under ``exports/resource/`` (a page and Turtle per
  resource, and their index);
- :mod:`.artifacts` — the files ``ogpgraph build`` writes (:func:`.artifacts.artifacts`).

Nothing here is imported by the CLI until a view is drawn.

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`,
:mod:`ogpgraph.analysis`.
"""
