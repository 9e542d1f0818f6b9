"""Analysis: the NetworkX projection and everything computed from it (coverage, gaps, agencies,
reports), counts, and validation (SHACL plus integrity checks).

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`.
"""
