"""ogpgraph: a knowledge graph of New Zealand's OGP commitments and national integrity system.

The package is library first: :mod:`ogpgraph.store` loads the dataset, :mod:`ogpgraph.sparql`
queries it, :mod:`ogpgraph.validate` checks it, :mod:`ogpgraph.export` writes the dumps. The
click CLI in :mod:`ogpgraph.cli` only parses options and formats results. Nothing is loaded or
imported at import time.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ogpgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
