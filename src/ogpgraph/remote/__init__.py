"""Other stores: querying a remote SPARQL endpoint and publishing the dataset to a triple store.

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`.
"""
