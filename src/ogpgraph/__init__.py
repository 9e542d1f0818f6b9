"""ogpgraph: a knowledge graph of New Zealand's OGP commitments and national integrity system.

The package is library first: :mod:`ogpgraph.dataset.store` loads the dataset, :mod:`ogpgraph.core.engine`
queries it, :mod:`ogpgraph.analysis.validate` checks it, :mod:`ogpgraph.dumps.rdf` writes the dumps. The
click CLI in :mod:`ogpgraph.cli` only parses options and formats results; :func:`load` is the
notebook API (:mod:`ogpgraph.notebook`). Nothing is loaded or imported at import time
(``__version__`` is looked up on first use).
"""

from __future__ import annotations

from typing import Any

__all__ = ["__version__", "load"]


def load(root: Any = None, **options: Any) -> Any:
    """Load a project's graph for Python and notebooks: :func:`ogpgraph.notebook.load`.

    >>> import ogpgraph
    >>> ogpgraph.load()
    <ogpgraph.Graph: ... triples in ... named graphs>
    """
    from ogpgraph.notebook import load as load_graph

    return load_graph(root, **options)


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("ogpgraph")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0"
    raise AttributeError(name)
