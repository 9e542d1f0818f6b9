"""Imports: the OGP commitments sheet (CSV) read, matched against the graph and written as RDF.

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`.
"""
