"""ogpgraph: a knowledge graph of New Zealand's OGP commitments and national integrity system.

The package is library first: :mod:`ogpgraph.dataset.store` loads the dataset, :mod:`ogpgraph.core.engine`
queries it, :mod:`ogpgraph.analysis.validate` checks it, :mod:`ogpgraph.dumps.rdf` writes the dumps. The
click CLI in :mod:`ogpgraph.cli` only parses options and formats results. Nothing is loaded or
imported at import time (``__version__`` is looked up on first use).
"""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("ogpgraph")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0"
    raise AttributeError(name)
