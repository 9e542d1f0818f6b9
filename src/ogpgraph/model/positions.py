"""Who is an assessor, and how dated rows become an assessor's position: the rule, declared once.

**Assessors.** A status assessment or a recommendation link is attributed to an organisation
(``prov:wasAttributedTo``; ``asserted_by`` in a table). What the views and reports compare is
each *assessor*: every government agency speaks for the government (:data:`GOVERNMENT`); any other
organisation speaks for itself, named by its identifier alias (the acronym its source uses) or else its identifier,
without ``org-`` (``tinz`` for ``org-tinz``). So a second file of TINZ's rows is still TINZ, never a third party.

**Positions** (:func:`position`). The rows one assessor made about one thing (a recommendation's
status; a recommendation and an item it links) form a timeline:

1. the newest date is the assessor's current position; older rows are its history (kept and
   queryable, never a duplicate). A date given to the year counts as earlier than any month of
   that year, and a month as earlier than any day of it (``2016`` < ``2016-03`` <
   ``2016-03-15``);
2. on one date, several rows may come from several reviewers (a person or team under the
   organisation). The rows marked *signed off* are the organisation's position; when none is
   signed off, every row of that date is;
3. those rows must agree (one status, or one relation). When they do not, the table is refused
   with every row named (:func:`disagreeing`) and the reviewers are asked to sign one off. Data
   loaded from elsewhere that still disagrees shows every value it holds, not a chosen one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ogpgraph.core import namespaces as ns
from ogpgraph.model.names import Name

#: the assessor every government agency's statements belong to
GOVERNMENT = "government"
#: the class whose members speak for the government
GOVERNMENT_CLASS = ns.OGP + "GovernmentAgency"
#: the assessors the views and reports always show side by side, in this order (an assessor
#: with no position says so); others follow in name order when present
SIDES: tuple[str, ...] = (GOVERNMENT, "tinz")

T = TypeVar("T")

#: what a ``signed_off`` cell may say for yes (anything else but blank or :data:`UNSIGNED` is an
#: error in a table)
SIGNED = ("yes", "y", "true", "1", "x")
UNSIGNED = ("no", "n", "false", "0")


def assessor_of(identifiers: Iterable[str], *, government: bool) -> str:
    """The assessor an organisation's statements belong to: :data:`GOVERNMENT` for a government
    agency, else its first identifier (give the alias first: the acronym its source uses)
    without the ``org-`` prefix.

    >>> assessor_of(["org-tinz", "org-transparency-international-new-zealand"], government=False)
    'tinz'
    >>> assessor_of(["org-state-services-commission"], government=True)
    'government'
    """
    if government:
        return GOVERNMENT
    names = list(identifiers)
    if not names:
        raise ValueError("an organisation without an identifier cannot be an assessor")
    return names[0].removeprefix("org-")


def date_key(date: str) -> tuple[int, ...]:
    """A date of any precision as a sortable key (year, month, day; a missing part is 0).

    >>> sorted(["2016-03-15", "2016", "2016-03"], key=date_key)
    ['2016', '2016-03', '2016-03-15']
    """
    parts = [int(p) for p in str(date)[:10].split("-") if p.isdigit()]
    return tuple(parts + [0] * (3 - len(parts)))


@dataclass(frozen=True)
class Row(Generic[T]):
    """One dated statement of an assessor: its ``value`` (a status, a relation), date, reviewer,
    whether it is signed off, and whatever the caller keeps with it (``item``)."""

    value: str
    date: str
    reviewer: str = ""
    signed_off: bool = False
    item: T | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Position(Generic[T]):
    """An assessor's current position on one thing, and its history.

    ``rows``: the rows that make the position (on the newest date, signed off when any is);
    ``history``: every row, oldest first; ``value``: the one value the rows agree on, or None
    when they disagree (``values`` then holds each)."""

    rows: tuple[Row[T], ...]
    history: tuple[Row[T], ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(sorted({row.value for row in self.rows}))

    @property
    def value(self) -> str | None:
        values = self.values
        return values[0] if len(values) == 1 else None

    @property
    def date(self) -> str:
        return self.rows[0].date

    @property
    def superseded(self) -> tuple[Row[T], ...]:
        """The rows of earlier dates (and unsigned rows of the newest date when one is signed)."""
        current = {id(row) for row in self.rows}
        return tuple(row for row in self.history if id(row) not in current)

    @property
    def earlier(self) -> tuple[Row[T], ...]:
        """The rows of earlier dates: the history."""
        newest = date_key(self.date)
        return tuple(row for row in self.history if date_key(row.date) < newest)

    @property
    def not_adopted(self) -> tuple[Row[T], ...]:
        """Rows of the newest date that are not the position: a reviewer's differing view when
        another row of that date is signed off."""
        newest = date_key(self.date)
        current = {id(row) for row in self.rows}
        return tuple(
            row for row in self.history if date_key(row.date) == newest and id(row) not in current
        )


def _deciding(rows: Sequence[Row[T]]) -> list[Row[T]]:
    signed = [row for row in rows if row.signed_off]
    return signed or list(rows)


def position(rows: Sequence[Row[T]]) -> Position[T]:
    """The current position of one assessor on one thing, from all of its rows (rule 1–2)."""
    if not rows:
        raise ValueError("a position needs at least one row")
    history = tuple(sorted(rows, key=lambda r: (date_key(r.date), r.reviewer, r.value)))
    newest = date_key(history[-1].date)
    return Position(tuple(_deciding([r for r in history if date_key(r.date) == newest])), history)


def disagreeing(rows: Sequence[Row[T]]) -> list[list[Row[T]]]:
    """Rule 3: for each date whose deciding rows disagree, those rows (oldest date first)."""
    by_date: dict[tuple[int, ...], list[Row[T]]] = {}
    for row in rows:
        by_date.setdefault(date_key(row.date), []).append(row)
    out = []
    for date in sorted(by_date):
        deciding = _deciding(by_date[date])
        if len({row.value for row in deciding}) > 1:
            out.append(deciding)
    return out


class Agreement(Name):
    """How the assessors' current positions on one thing compare (a status, a link)."""

    AGREE = "agree"  #: two or more assessors, one value
    DISAGREE = "disagree"  #: two or more assessors, different values
    ONE_SIDED = "one-sided"  #: one assessor only
    #: one assessor here, and another links the same item to the whole recommendation or to one
    #: of its parts: both link it, at different levels (no one-sided finding)
    OTHER_LEVEL = "other-level"
    UNASSESSED = "unassessed"  #: no assessor


def side_order(assessors: Iterable[str]) -> list[str]:
    """The assessors to show, :data:`SIDES` first (always), then any other in name order."""
    others = sorted(set(assessors) - set(SIDES))
    return [*SIDES, *others]


def truthy(cell: Any) -> bool:
    """A ``signed_off`` cell: ``yes``, ``y``, ``true``, ``1``, ``x`` (any case) mean signed off.

    >>> [truthy(v) for v in ("yes", "X", "", "no", "0")]
    [True, True, False, False, False]
    """
    return str(cell).strip().lower() in SIGNED
