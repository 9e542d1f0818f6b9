"""Progress towards targets, computed from the figures alone, and the report's words about it.

This module owns the one computation of a target's progress (:class:`~ogpgraph.model.Progress`:
met, on track, off track, missed by the deadline, or cannot be told, with the reason) and of the
change of its measure (:class:`~ogpgraph.model.Change`), from the target's measure, value,
unit, deadline and baseline and the figures tied to the same measure (``ogp:measures``). It
also reads the report's progress statements (``ogp:ProgressStatement``) and says which targets
each speaks of and where the figures disagree with it; the gap rules ``words-not-supported``
and ``target-missed`` (:mod:`ogpgraph.analysis.gaps`) report from here.

The rules, in order (each result carries its arithmetic in :attr:`TargetProgress.reason`):

- A figure is used when it is dated (``ogp:asOf``, read as the end of its day, month or year)
  and has no qualifier ("around", "more than": not an exact value). A measure whose figures are
  all undated cannot be told, and the reason names the undated figures.
- A target is *level* when its unit is its measure's unit (reach 98 percent), a *change* when
  its unit is percent and the measure's is not (reduce by 5 percent from the baseline), which
  needs ``ogp:baselineValue``.
- Deadline reached by the figures (the latest is dated at or after the deadline): the first
  figure at or after the deadline decides *met* or *missed*.
- Before the deadline: *met* if the latest figure reaches the target; else the straight line
  through the baseline (or the earliest figure) and the latest figure, carried on to the
  deadline, decides *on track* or *off track*; with one point there is no trend (*cannot tell*).
- A *rate* (``ogp:requiredFor``: a rate the report says is required to reach another target)
  is set against the latest dated figures of its measure, exact or the bounds of a range
  ("between 2-4%"): below the required rate at every bound, the other target is not reached at
  that rate (*off track*); at or above it at every bound, *on track*; a range across it cannot
  be told. A rate belongs to the result of the target it is required for.

Results are memoised on the :class:`~ogpgraph.analysis.state.Analysis`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ogpgraph.core.queries import internal_query
from ogpgraph.model import BAD_PROGRESS, GOOD_PROGRESS, Change, Direction, Progress

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph

_DAYS_A_YEAR = 365.25


@dataclass(frozen=True)
class Point:
    """A figure as the computation uses it."""

    figure: str
    label: str
    value: Decimal
    when: str
    end: date | None
    qualifier: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TargetProgress:
    """A target's progress computed from the figures of its measure."""

    target: str
    target_label: str
    result: str
    result_label: str
    programme: str
    measure: str
    measure_label: str
    unit: str
    direction: str
    status: Progress
    reason: str
    change: Change | None
    change_reason: str
    figures: tuple[str, ...]
    sources: tuple[str, ...]
    required_for: str = ""
    #: what the figures are set against, for drawing: the used figures, the target's value and
    #: unit, the level that reaches it in the measure's unit (None where it cannot be said),
    #: the deadline, the baseline
    points: tuple[Point, ...] = ()
    target_value: Decimal | None = None
    target_unit: str = ""
    goal_level: Decimal | None = None
    due: date | None = None
    due_text: str = ""
    baseline: Decimal | None = None
    baseline_date: date | None = None
    #: the result's number (``ogp:resultNumber``), for listing results in order
    result_number: int | None = None


@dataclass(frozen=True)
class Said:
    """One progress statement as the views show it: what it is about (a target, a result or a
    programme), the quote, the claim in words, and the targets whose figures contradict it (its
    ``words-not-supported`` findings)."""

    statement: str
    about: str
    quote: str
    claim: str
    contradicted_by: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Disagreement:
    """A progress statement whose claim the computed progress of one target contradicts."""

    statement: str
    quote: str
    claim: str
    about: str
    general: bool
    target: TargetProgress
    computed: str
    arithmetic: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Unchecked:
    """A progress statement about a result or target that no figure can check: every target it
    speaks of has a progress (or change) that cannot be told, each with its reason."""

    statement: str
    quote: str
    claim: str
    about: str
    targets: tuple[TargetProgress, ...]
    sources: tuple[str, ...]


def period_end(text: str | None) -> date | None:
    """The last day of an ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date`` value.

    >>> period_end("2015-03"), period_end("2016"), period_end("2015-08-31")
    (datetime.date(2015, 3, 31), datetime.date(2016, 12, 31), datetime.date(2015, 8, 31))
    """
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 12, 31)
        year, month = int(parts[0]), int(parts[1])
        if len(parts) == 2:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, int(parts[2]))
    except ValueError:
        return None


def number_words(value: Decimal | float, *, grouped: bool = False) -> str:
    """A number as the report would print it: no trailing zeros, at most two decimals, and with
    ``grouped`` its thousands grouped (the pages: 13,000,000,000).

    >>> number_words(Decimal("13000000000"), grouped=True), number_words(92.9), number_words(3144)
    ('13,000,000,000', '92.9', '3144')
    """
    text = f"{float(value):{',' if grouped else ''}.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def progress(source: KnowledgeGraph | Analysis) -> list[TargetProgress]:
    """Every target's computed progress, ordered by result and target."""
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    return analysis.derived("progress", lambda: _compute_all(analysis.kg))


def _compute_all(kg: KnowledgeGraph) -> list[TargetProgress]:
    points: dict[str, list[Point]] = {}
    for row in kg.select(internal_query("progress-figures")):
        points.setdefault(row["measure"], []).append(
            Point(
                row["figure"],
                row["label"] or row["figure"],
                Decimal(row["value"]),
                row["asOf"] or row["period"] or "undated",
                period_end(row["asOf"]),
                row["qualifier"] or "",
                tuple(sorted((row["sources"] or "").split())),
            )
        )
    return [
        assess(row, points.get(row["measure"] or "", []))
        for row in kg.select(internal_query("progress-targets"))
    ]


def assess(target: dict[str, Any], figures: Iterable[Point]) -> TargetProgress:
    """The progress of one target (a row of ``progress-targets``) from its measure's figures."""
    figures = list(figures)
    if target.get("requiredFor"):
        used = _latest_rates(figures)
        status, reason = _rate_status(target, figures, used)
        change, change_reason = None, ""
    else:
        used = sorted(
            (f for f in figures if f.end and not f.qualifier), key=lambda f: f.end or date.min
        )
        status, reason = _status(target, figures, used)
        change, change_reason = _change(target.get("direction"), used)
    sources = {s for s in (target.get("sources") or "").split()}
    sources.update(s for f in used for s in f.sources)
    value = target.get("targetValue")
    baseline = target.get("baselineValue")
    return TargetProgress(
        target["target"],
        target.get("targetLabel") or target["target"],
        target["result"],
        target.get("resultLabel") or target["result"],
        target.get("programme") or "",
        target.get("measure") or "",
        target.get("measureLabel") or target.get("measure") or "",
        target.get("measureUnit") or "",
        target.get("direction") or "",
        status,
        reason,
        change,
        change_reason,
        tuple(f.figure for f in used),
        tuple(sorted(sources)),
        target.get("requiredFor") or "",
        tuple(used),
        None if value is None else Decimal(value),
        target.get("targetUnit") or "",
        _goal_level(target),
        period_end(target.get("due")),
        target.get("dueText") or target.get("due") or "",
        None if baseline is None else Decimal(baseline),
        period_end(target.get("baselineDate")),
        None if target.get("resultNumber") is None else int(target["resultNumber"]),
    )


def _goal_level(target: dict[str, Any]) -> Decimal | None:
    """The value of the measure that reaches the target: the target's value when it is a level
    (or a required rate) in the measure's unit, the baseline moved by the target's percent when
    it is a change; None where neither can be said."""
    value, unit = target.get("targetValue"), target.get("measureUnit") or ""
    if value is None:
        return None
    if (target.get("targetUnit") or "") == unit:
        return Decimal(value)
    baseline = target.get("baselineValue")
    if target.get("targetUnit") == "percent" and baseline is not None and target.get("direction"):
        sign = 1 if target["direction"] == Direction.HIGHER else -1
        return Decimal(baseline) * (1 + sign * Decimal(value) / 100)
    return None


def _cannot_tell(
    target: dict[str, Any], figures: list[Point], used: list[Point], what: str, better: str
) -> str:
    """Why progress towards ``target`` (``what``: "the target", "the required rate") cannot be
    told from its figures, or "" when it can be."""
    if not target.get("measure"):
        return f"{what} is tied to no measure"
    if target.get("targetValue") is None:
        return f"{what} states no value"
    if not figures:
        return f"no figure reports its measure ({target.get('measureLabel')})"
    if not used:
        return _unused_reason(figures, target)
    if not target.get("direction"):
        return f"its measure has no direction ({better})"
    return ""


def _status(
    target: dict[str, Any], figures: list[Point], used: list[Point]
) -> tuple[Progress, str]:
    tell = Progress.CANNOT_TELL
    why = _cannot_tell(target, figures, used, "the target", "is higher better?")
    if why:
        return tell, why
    goal = Decimal(target["targetValue"])
    unit = target.get("measureUnit") or ""
    higher = target["direction"] == Direction.HIGHER
    baseline = target.get("baselineValue")
    if (target.get("targetUnit") or "") == unit:
        kind = "level"
    elif target.get("targetUnit") == "percent":
        if baseline is None or Decimal(baseline) == 0:
            return tell, (
                f"the target is a change of {number_words(goal)} percent from a baseline the report does "
                f"not give (its figures are in {unit})"
            )
        kind = "change"
    else:
        return tell, f"the target's unit ({target.get('targetUnit')}) is not its measure's ({unit})"

    def score(value: Decimal | float) -> float:
        """How far the value has come, in the target's terms (a level or a percent change)."""
        if kind == "level":
            return float(value)
        assert baseline is not None  # a change is measured from a baseline (checked above)
        base = float(baseline)
        return (float(value) - base) / base * 100 * (1 if higher else -1)

    def reaches(value: Decimal | float) -> bool:
        s = score(value)
        if kind == "change" or higher:
            return s >= float(goal)
        return s <= float(goal)

    def words(value: Decimal | float) -> str:
        if kind == "level":
            return f"{number_words(value)} {unit}"
        assert baseline is not None
        return f"{number_words(value)} {unit} ({number_words(score(value))} percent better than the baseline {number_words(baseline)})"

    wanted = f"{'at least' if higher or kind == 'change' else 'at most'} {number_words(goal)} {'percent better than the baseline' if kind == 'change' else unit}"
    due = period_end(target.get("due"))
    due_words = target.get("dueText") or target.get("due") or ""
    latest = used[-1]
    if due and latest.end and latest.end >= due:
        at = next(f for f in used if f.end and f.end >= due)
        said = f"{words(at.value)} at {at.when} against the target of {wanted} {due_words}".rstrip()
        if reaches(at.value):
            return Progress.MET, said
        short = abs(float(goal) - score(at.value))
        return (
            Progress.MISSED,
            f"{said}: short by {number_words(short)} {'percent' if kind == 'change' else unit}",
        )
    if reaches(latest.value):
        return (
            Progress.MET,
            f"{words(latest.value)} at {latest.when} reaches the target of {wanted}",
        )
    if due is None:
        return tell, "not met yet, and the target has no deadline to project to"
    start: tuple[float, date, str] | None = None
    base_end = period_end(target.get("baselineDate"))
    if baseline is not None and base_end and base_end < (latest.end or date.max):
        start = (
            float(baseline),
            base_end,
            f"the baseline {number_words(baseline)} {unit} ({target.get('baselineDate')})",
        )
    elif len(used) >= 2:
        first = used[0]
        start = (
            float(first.value),
            first.end or date.min,
            f"{number_words(first.value)} {unit} ({first.when})",
        )
    if start is None or latest.end is None:
        return (
            tell,
            f"one dated figure ({words(latest.value)} at {latest.when}) and no baseline: no trend to carry on",
        )
    v0, d0, start_words = start
    years = (latest.end - d0).days / _DAYS_A_YEAR
    rate = (float(latest.value) - v0) / years
    ahead = (due - latest.end).days / _DAYS_A_YEAR
    projected = float(latest.value) + rate * ahead
    said = (
        f"from {start_words} to {number_words(latest.value)} {unit} ({latest.when}) is {rate:+.2f} a year; "
        f"carried on {ahead:.2f} years to the deadline {due.isoformat()} ({due_words}): "
        f"{number_words(latest.value)} {'+' if rate >= 0 else '-'} {abs(rate):.2f} x {ahead:.2f} = "
        f"{projected:.2f} {unit}, against the target of {wanted}"
    )
    return (Progress.ON_TRACK if reaches(projected) else Progress.OFF_TRACK), said


def _unused_reason(figures: list[Point], target: dict[str, Any]) -> str:
    """Why none of a measure's figures can be used: undated ones are named with their period."""
    undated = [f for f in figures if not f.end]
    due = target.get("dueText") or target.get("due") or "its deadline"
    if undated and len(undated) == len(figures):
        shown = "; ".join(
            f"{number_words(f.value)} {target.get('measureUnit') or ''}".rstrip()
            + (f", {f.when}" if f.when != "undated" else "")
            for f in undated
        )
        one = len(undated) == 1
        return (
            f"{'its one figure' if one else 'its figures'} ({shown}) {'has' if one else 'have'} no "
            f"date: with no date there is no trend to carry on to the deadline ({due})"
        )
    return "no figure of its measure is both dated and exact (without a qualifier)"


RANGE_QUALIFIERS = frozenset({"between"})
"""A figure with one of these qualifiers is a bound of a range the report prints ("between
2-4%"): exact as a bound, so a required rate can be set against both bounds."""


def _latest_rates(figures: list[Point]) -> list[Point]:
    """The latest dated figures that are exact or the bounds of a range, lowest first."""
    usable = [f for f in figures if f.end and (not f.qualifier or f.qualifier in RANGE_QUALIFIERS)]
    if not usable:
        return []
    last = max(f.end or date.min for f in usable)
    return sorted((f for f in usable if f.end == last), key=lambda f: f.value)


def _rate_status(
    target: dict[str, Any], figures: list[Point], used: list[Point]
) -> tuple[Progress, str]:
    """A rate required to reach another target, against the current rate(s) of its measure."""
    tell = Progress.CANNOT_TELL
    why = _cannot_tell(target, figures, used, "the required rate", "is a higher rate better?")
    if why:
        return tell, why
    goal = Decimal(target["targetValue"])
    unit = target.get("measureUnit") or ""
    higher = target["direction"] == Direction.HIGHER
    low, high = used[0].value, used[-1].value
    when = used[-1].when
    current = (
        f"{number_words(low)} {unit}"
        if low == high
        else f"between {number_words(low)} and {number_words(high)} {unit}"
    )
    wanted = f"{'at least' if higher else 'at most'} {number_words(goal)} {unit}"
    other = target.get("requiredForLabel") or target.get("requiredFor")
    due = period_end(target.get("due"))
    if due and used[-1].end and used[-1].end >= due:
        return tell, f"the current rate ({current}, {when}) is dated at or after the deadline"
    reached = [(f.value >= goal) if higher else (f.value <= goal) for f in used]
    said = f"the current rate, {current} ({when}), against the rate of {wanted} required to reach {other}"
    if all(reached):
        return Progress.ON_TRACK, f"{said}: the current rate is enough"
    if not any(reached):
        best = high if higher else low
        sign = "<" if higher else ">"
        return (
            Progress.OFF_TRACK,
            f"{said}: even {number_words(best)} {sign} {number_words(goal)}, so at the current rate that target "
            f"is not reached by its deadline",
        )
    return tell, f"{said}: the range reaches across the required rate"


def _change(direction: str | None, used: list[Point]) -> tuple[Change | None, str]:
    if len(used) < 2 or not direction:
        return None, ""
    before, last = used[-2], used[-1]
    diff = last.value - before.value
    said = (
        f"{number_words(before.value)} ({before.when}) to {number_words(last.value)} ({last.when})"
    )
    if diff == 0:
        return Change.UNCHANGED, said
    better = (diff > 0) == (direction == Direction.HIGHER)
    return (Change.IMPROVED if better else Change.WORSENED), said + (
        f", {'up' if diff > 0 else 'down'} {number_words(abs(diff))}, and {'higher' if direction == Direction.HIGHER else 'lower'} is better"
    )


def disagreements(source: KnowledgeGraph | Analysis) -> list[Disagreement]:
    """Every progress statement whose claim the computed progress of a target it speaks of
    contradicts (a statement about a programme speaks of every target of its results; one about
    a target, of the rates required for it)."""
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    return analysis.derived("progress-disagreements", lambda: _disagreements(analysis))


def _disagreements(analysis: Analysis) -> list[Disagreement]:
    targets = progress(analysis)
    out: list[Disagreement] = []
    for row in analysis.kg.select(internal_query("progress-statements")):
        about = row["about"]
        general = False
        spoken = [t for t in targets if about in (t.target, t.result, t.required_for)]
        if not spoken:
            spoken = [t for t in targets if t.programme == about]
            general = bool(spoken)
        sources = tuple((row["sources"] or "").split())
        for t in spoken:
            found = _contradiction(row.get("claimedProgress"), row.get("claimedChange"), t)
            if found is None:
                continue
            claim, computed, arithmetic = found
            out.append(
                Disagreement(
                    row["statement"],
                    row["quote"] or "",
                    claim,
                    about,
                    general,
                    t,
                    computed,
                    arithmetic,
                    tuple(sorted(set(sources) | set(t.sources))),
                )
            )
    return out


def said_about(source: KnowledgeGraph | Analysis) -> dict[str, tuple[Said, ...]]:
    """The report's progress statements by what they are about (a target, a result or a
    programme IRI), each with the targets whose figures contradict it."""
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    return analysis.derived("progress-said", lambda: _said_about(analysis))


def _said_about(analysis: Analysis) -> dict[str, tuple[Said, ...]]:
    against: dict[str, list[str]] = {}
    for d in disagreements(analysis):
        against.setdefault(d.statement, []).append(d.target.target)
    found: dict[str, list[Said]] = {}
    for row in analysis.kg.select(internal_query("progress-statements")):
        claim = (
            Progress.of(row["claimedProgress"]).label.lower()
            if row.get("claimedProgress")
            else Change.of(row["claimedChange"]).label.lower()
        )
        found.setdefault(row["about"], []).append(
            Said(
                row["statement"],
                row["about"],
                row["quote"] or "",
                claim,
                tuple(against.get(row["statement"], ())),
                tuple(sorted((row["sources"] or "").split())),
            )
        )
    return {about: tuple(said) for about, said in found.items()}


def unchecked(source: KnowledgeGraph | Analysis) -> list[Unchecked]:
    """Every progress statement about a result or a target (not a whole programme) whose claim
    none of the targets it speaks of can check: their progress, or for a claimed change their
    change, cannot be told from the figures (no figure, undated figures, no baseline, …)."""
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    return analysis.derived("progress-unchecked", lambda: _unchecked(analysis))


def _unchecked(analysis: Analysis) -> list[Unchecked]:
    targets = progress(analysis)
    out: list[Unchecked] = []
    for row in analysis.kg.select(internal_query("progress-statements")):
        about = row["about"]
        spoken = [t for t in targets if about in (t.target, t.result, t.required_for)]
        if not spoken:
            continue
        if row.get("claimedProgress"):
            claim = Progress.of(row["claimedProgress"]).label.lower()
            if any(t.status != Progress.CANNOT_TELL for t in spoken):
                continue
        else:
            claim = Change.of(row["claimedChange"]).label.lower()
            if any(t.change is not None for t in spoken):
                continue
        sources = set((row["sources"] or "").split())
        for t in spoken:
            sources.update(t.sources)
        out.append(
            Unchecked(
                row["statement"],
                row["quote"] or "",
                claim,
                about,
                tuple(spoken),
                tuple(sorted(sources)),
            )
        )
    return out


def _contradiction(
    claimed_progress: str | None, claimed_change: str | None, t: TargetProgress
) -> tuple[str, str, str] | None:
    if claimed_progress:
        claim = Progress.of(claimed_progress)
        status = t.status
        if status == Progress.CANNOT_TELL or status == claim:
            return None
        if (
            (claim in GOOD_PROGRESS and status in BAD_PROGRESS)
            or (claim in BAD_PROGRESS and status in GOOD_PROGRESS)
            or (claim == Progress.MET and status != Progress.MET)
        ):
            return claim.label.lower(), status.label.lower(), t.reason
        return None
    if claimed_change and t.change is not None and t.change != claimed_change:
        return Change.of(claimed_change).label.lower(), t.change.label.lower(), t.change_reason
    return None


__all__ = [
    "RANGE_QUALIFIERS",
    "Disagreement",
    "Said",
    "Point",
    "TargetProgress",
    "Unchecked",
    "assess",
    "disagreements",
    "period_end",
    "progress",
    "said_about",
    "unchecked",
]
