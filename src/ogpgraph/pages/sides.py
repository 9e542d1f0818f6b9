"""Each assessor's current position on a recommendation, in the words and looks the pages show
side by side: the dashboard's columns and badges, a graph node's written status line, its side
markers (the badge drawn beside the node for TINZ and any other non-government assessor) and its
tooltip.

The positions themselves come from :func:`ogpgraph.analysis.positions.sides` (the rule:
:mod:`ogpgraph.model.positions`); the colours from :data:`.style.STATUS_COLORS`
(:func:`.style.side_look`). This module only words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ogpgraph.analysis.overview import plain_date
from ogpgraph.analysis.positions import NOT_ASSESSED, Side, agreement
from ogpgraph.core.output import capitalised
from ogpgraph.model import Status, asserter_words
from ogpgraph.model.positions import GOVERNMENT
from ogpgraph.pages.style import side_look

#: the short name a badge gives an assessor where room is short (others: :func:`asserter_words`)
SHORT_NAMES: dict[str, str] = {GOVERNMENT: "Gov"}


def short_name(assessor: str) -> str:
    """``Gov`` for the government, ``TINZ``…: the name on a small badge."""
    return SHORT_NAMES.get(assessor, asserter_words(assessor))


def heading(assessor: str) -> str:
    """An assessor as a column heading: ``Government``, ``TINZ``."""
    return capitalised(asserter_words(assessor))


def position_words(side: Side) -> str:
    """A side's status in words: ``Met``, ``Met or Not started`` (its newest rows disagree),
    or ``not assessed``."""
    return side.status_words


def shown_status(side: Side) -> str | None:
    """The status a side's badge is coloured by: its status, ``unknown`` when its newest rows
    disagree, ``None`` when it has not assessed."""
    if not side.assessed:
        return None
    return side.status if side.status is not None else Status.UNKNOWN.value


def side_summary(side: Side) -> str:
    """``TINZ: Met (January 2016)``, ``TINZ: not assessed``."""
    text = f"{heading(side.assessor)}: {position_words(side)}"
    return f"{text} ({plain_date(side.date)})" if side.assessed and side.date else text


def agreement_words(found: Sequence[Side], has_parts: bool = False) -> str:
    """Whether the assessors agree, in a sentence: ``Government and TINZ agree``, ``…differ``,
    ``Only the government has assessed it``, ``No one has assessed it`` (``…as a whole: see
    its parts`` for a recommendation in parts)."""
    state = agreement(list(found))
    assessed = [side for side in found if side.assessed]
    names = [asserter_words(side.assessor) for side in assessed]
    listed = (
        ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""
    )
    listed = capitalised(listed)
    if state == "agree":
        return f"{listed} agree"
    if state == "disagree":
        return f"{listed} differ"
    if state == "one-sided":
        the = "the " if assessed[0].assessor == GOVERNMENT else ""
        return f"Only {the}{names[0]} has assessed it"
    return "Not assessed as a whole: see its parts" if has_parts else "No one has assessed it"


def status_line(found: Sequence[Side]) -> str:
    """The line written under a recommendation node's label: the government's status, then
    each other side's that has one (``Met; TINZ: Not started``); a side with none is left to
    its dashed badge (``Met``), and ``Unknown / not assessed`` is written when no one has one."""
    if not any(side.assessed for side in found):
        return Status.UNKNOWN.label
    parts = []
    for side in found:
        if side.assessor == GOVERNMENT:
            parts.append(
                position_words(side)
                if side.assessed
                else f"{short_name(GOVERNMENT)}: {NOT_ASSESSED}"
            )
        elif side.assessed:
            parts.append(f"{short_name(side.assessor)}: {position_words(side)}")
    return "; ".join(parts)


def tooltip_lines(found: Sequence[Side], limit: int = 160) -> list[str]:
    """One line per side for a node's tooltip: its position, date, organisation or reviewer,
    and rationale (cut at ``limit`` characters)."""
    lines = []
    for side in found:
        line = side_summary(side)
        for a in side.current:
            who = ", ".join(x for x in (a.organisation, a.reviewer) if x)
            words = " ".join(a.words.split())
            if len(words) > limit:
                words = words[: limit - 1].rstrip() + "…"
            if who or words:
                line += " — " + ": ".join(x for x in (who, words) if x)
        earlier = len(side.earlier)
        if earlier:
            line += f" ({earlier} earlier assessment{'' if earlier == 1 else 's'})"
        for a in side.not_adopted:
            line += f" (not adopted, same date: {a.reviewer or 'a reviewer'}, {a.status_label})"
        lines.append(line)
    return lines


def markers(found: Sequence[Side]) -> list[dict[str, Any]]:
    """The side markers a recommendation node carries (every side but the government's, whose
    position the fill shows): ``who`` (the badge's text), ``assessor``, ``status`` (``""`` when
    not assessed), ``words``, and the look (:func:`.style.side_look`)."""
    return [
        {
            "who": short_name(side.assessor),
            "assessor": side.assessor,
            "status": shown_status(side) or "",
            "words": position_words(side),
            **side_look(shown_status(side)),
        }
        for side in found
        if side.assessor != GOVERNMENT
    ]
