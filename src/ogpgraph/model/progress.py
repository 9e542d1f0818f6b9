"""Progress towards a target, the change of a measure and a measure's direction: the
``skos:notation`` of the progress, change and direction schemes (vocabularies.ttl), in their
order, with the words tables show.

Progress is computed from the figures (:mod:`ogpgraph.analysis.progress`), never typed; a
progress statement (``ogp:ProgressStatement``) claims a :class:`Progress` or a :class:`Change`.
"""

from __future__ import annotations

from ogpgraph.model.names import Labelled


class Progress(Labelled):
    """How a target stands; ``Progress.MISSED == "missed"``."""

    MET = "met", "Met"
    ON_TRACK = "on-track", "On track"
    OFF_TRACK = "off-track", "Off track"
    MISSED = "missed", "Missed by the deadline"
    CANNOT_TELL = "cannot-tell", "Cannot be told"


class Change(Labelled):
    """How a measure moved between its two latest dated figures, read with its direction."""

    IMPROVED = "improved", "Improved"
    WORSENED = "worsened", "Worsened"
    UNCHANGED = "unchanged", "Unchanged"


class Direction(Labelled):
    """Whether a higher or a lower value of a measure is better."""

    HIGHER = "higher-is-better", "Higher is better"
    LOWER = "lower-is-better", "Lower is better"


#: the progress statuses a claim may contradict: a claim of one side against a computed status
#: of the other disagrees
GOOD_PROGRESS = frozenset({Progress.MET, Progress.ON_TRACK})
BAD_PROGRESS = frozenset({Progress.OFF_TRACK, Progress.MISSED})
