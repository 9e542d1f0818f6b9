"""Certainties: the ``skos:notation`` of the certainty scheme (``vocab/certainty`` in
vocabularies.ttl), with its words.

A statement or a recommendation link with an ``ogp:certainty`` is not a plain assertion, and says
why in a ``skos:note``: ``uncertain`` (a source reports it, unconfirmed) or ``dataset-reading``
(the source gives no grade; the grade is ogpgraph's editors' reading of its words). A links
table's ``certainty`` column takes these values.
"""

from __future__ import annotations

from ogpgraph.model.names import Name


class Certainty(Name):
    """A certainty; ``Certainty.UNCERTAIN == "uncertain"``, with its ``label``."""

    label: str

    def __new__(cls, value: str, label: str) -> Certainty:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    UNCERTAIN = "uncertain", "Uncertain"
    DATASET_READING = "dataset-reading", "This dataset's reading"


def certainty_words(value: str) -> str:
    """The words of a certainty value (an unknown value as it is).

    >>> certainty_words("dataset-reading")
    "This dataset's reading"
    """
    found = _BY_VALUE.get(value)
    return found.label if found is not None else value


_BY_VALUE: dict[str, Certainty] = {member.value: member for member in Certainty}
