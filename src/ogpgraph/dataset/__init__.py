"""The dataset: loading the project's files into one store (:class:`~ogpgraph.dataset.store.KnowledgeGraph`),
resolving short identifiers, and the recommendation-link tables (CSV) that load with it.

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`.
"""
