"""Comparing two versions of the dataset (a folder, a git revision, a dump) entity by entity.

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`, :mod:`ogpgraph.sheet`.
"""
