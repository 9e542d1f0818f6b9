"""The read-only SPARQL 1.1 endpoint behind ``ogpgraph serve``.

Modules, one job each:
    :mod:`.protocol`  content negotiation and reading a protocol request (pure functions)
    :mod:`.workers`   guard, negotiation and evaluation in killable worker processes (two lanes)
    :mod:`.sandbox`   the second layer: workers that cannot open sockets (Linux seccomp)
    :mod:`.app`       the ASGI application (Starlette): routes, refusals, status codes
    :mod:`.page`      the query page (vendored YASGUI under ``static/``)
    :mod:`.run`       build or reuse the on-disk store, start the workers, run uvicorn

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`.

Nothing is imported here, so ``import ogpgraph.server`` costs nothing.
"""
