"""The read-only SPARQL 1.1 endpoint behind ``ogpgraph serve``.

Modules, one job each:
    :mod:`.protocol`  content negotiation and reading a protocol request (pure functions)
    :mod:`.workers`   guard, negotiation and evaluation in killable worker processes (two lanes)
    :mod:`.sandbox`   the second layer: workers that cannot open sockets (Linux seccomp)
    :mod:`.app`       the ASGI application (Starlette): routes, refusals, status codes
    :mod:`.page`      the query page (vendored YASGUI under ``static/``)
    :mod:`.stored`    the stored queries as pages (``/queries``) with their downloads
    :mod:`.service`   the SPARQL 1.1 Service Description (``GET /sparql`` without a query)
    :mod:`.run`       build or reuse the on-disk store, start the workers, run uvicorn

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`, and
:mod:`ogpgraph.pages` (a resource's HTML page, rendered in a query worker).

Nothing is imported here, so ``import ogpgraph.server`` costs nothing.
"""
