"""The dataset: loading the project's files into one store (:class:`~ogpgraph.dataset.store.KnowledgeGraph`),
resolving short identifiers, the recommendation-link tables (CSV) that load with it, and what
an IRI dereferences to (:mod:`.describe`: its bounded description).

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`.
"""
