"""The RDF dumps of the dataset and their DCAT/VoID description, byte-for-byte deterministic.

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`.
"""
