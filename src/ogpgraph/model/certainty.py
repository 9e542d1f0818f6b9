"""Certainties: the ``skos:notation`` of the certainty scheme (``vocab/certainty`` in
vocabularies.ttl), with its words.

A statement or a recommendation link with an ``ogp:certainty`` is not a plain assertion, and says
why in a ``skos:note``: ``uncertain`` (a source reports it, unconfirmed) or ``dataset-reading``
(the source gives no grade; the grade is ogpgraph's editors' reading of its words). A links
table's ``certainty`` column takes these values.
"""

from __future__ import annotations

from ogpgraph.model.names import Labelled


class Certainty(Labelled):
    """A certainty; ``Certainty.UNCERTAIN == "uncertain"``, with its ``label``."""

    UNCERTAIN = "uncertain", "Uncertain"
    DATASET_READING = "dataset-reading", "This dataset's reading"


def certainty_words(value: str) -> str:
    """The words of a certainty value (an unknown value as it is).

    >>> certainty_words("dataset-reading")
    "This dataset's reading"
    """
    return Certainty.words(value)
