"""The dashboard's progress section: each Better Public Services result's targets, a small line
of the figures against the target (inline SVG, no script), the progress computed from the
figures with its reason, and the report's own words beside it, marked where the figures do not
support them.

What it shows is computed in :mod:`ogpgraph.analysis.progress`; this module only renders. The
drawing has no text of its own (its words are the cell's text and its ``aria-label``), so it
adds nothing to measure for legibility; its coordinates are rounded, so the page is the same
from build to build.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ogpgraph.analysis.progress import Said, TargetProgress, number_words, progress, said_about
from ogpgraph.model import Progress
from ogpgraph.pages.html import esc

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis

#: the drawing's size in CSS pixels, and its inner margin
WIDTH, HEIGHT, PAD = 132, 40, 5


def _num(value: Decimal | float) -> str:
    """A number as the report prints it, thousands grouped (:func:`number_words`).

    >>> _num(Decimal("13000000000")), _num(92.9), _num(Decimal("3144"))
    ('13,000,000,000', '92.9', '3,144')
    """
    return number_words(value, grouped=True)


def progress_svg(t: TargetProgress) -> str:
    """A line through the target's dated figures (a bar for the bounds of a range), a dashed
    line at the level that reaches the target, and a tick at the deadline; empty when there is
    no dated figure to draw."""
    points = [p for p in t.points if p.end]
    if not points:
        return ""
    days = [p.end.toordinal() for p in points if p.end]
    if t.baseline is not None and t.baseline_date:
        days.append(t.baseline_date.toordinal())
    if t.due:
        days.append(t.due.toordinal())
    values = [float(p.value) for p in points]
    if t.baseline is not None and t.baseline_date:
        values.append(float(t.baseline))
    if t.goal_level is not None:
        values.append(float(t.goal_level))
    x0, x1 = min(days), max(days)
    y0, y1 = min(values), max(values)
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    if y1 == y0:
        y0, y1 = y0 - 1, y1 + 1
    margin = (y1 - y0) * 0.12
    y0, y1 = y0 - margin, y1 + margin

    def x(day: int) -> str:
        return f"{PAD + (day - x0) / (x1 - x0) * (WIDTH - 2 * PAD):.1f}"

    def y(value: float) -> str:
        return f"{HEIGHT - PAD - (value - y0) / (y1 - y0) * (HEIGHT - 2 * PAD):.1f}"

    parts = []
    if t.goal_level is not None:
        gy = y(float(t.goal_level))
        parts.append(f'<line class="goal" x1="{PAD}" y1="{gy}" x2="{WIDTH - PAD}" y2="{gy}"/>')
    if t.due:
        dx = x(t.due.toordinal())
        parts.append(f'<line class="due" x1="{dx}" y1="{PAD}" x2="{dx}" y2="{HEIGHT - PAD}"/>')
    line = []
    if t.baseline is not None and t.baseline_date:
        bx, by = x(t.baseline_date.toordinal()), y(float(t.baseline))
        line.append(f"{bx},{by}")
        parts.append(f'<circle class="baseline" cx="{bx}" cy="{by}" r="2.5"/>')
    by_day: dict[date, list[float]] = {}
    for p in points:
        if p.end:
            by_day.setdefault(p.end, []).append(float(p.value))
    for day, found in sorted(by_day.items()):
        px = x(day.toordinal())
        if len(found) > 1:  # the bounds of a range ("between 2-4%")
            parts.append(
                f'<line class="range" x1="{px}" y1="{y(max(found))}" x2="{px}" y2="{y(min(found))}"/>'
            )
        mid = sum(found) / len(found)
        line.append(f"{px},{y(mid)}")
        parts.extend(f'<circle class="figure" cx="{px}" cy="{y(v)}" r="2.5"/>' for v in found)
    if len(line) > 1:
        parts.insert(0, f'<polyline class="trend" points="{" ".join(line)}"/>')
    return (
        f'<svg class="progress-line" role="img" aria-label="{esc(_figure_words(t))}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">'
        + "".join(parts)
        + "</svg>"
    )


def _figure_words(t: TargetProgress) -> str:
    """The figures and the target in words (the drawing's label and the cell's text)."""
    unit = f" {t.unit}" if t.unit else ""
    by_when: dict[str, list[Decimal]] = {}
    for p in t.points:
        by_when.setdefault(p.when, []).append(p.value)
    shown = [
        f"{_num(found[0])}{unit} ({when})"
        if len(found) == 1
        else f"between {_num(min(found))} and {_num(max(found))}{unit} ({when})"
        for when, found in by_when.items()
    ]
    if t.baseline is not None and t.baseline_date:
        shown.insert(0, f"baseline {_num(t.baseline)}{unit}")
    words = "Figures: " + (", ".join(shown) if shown else "none dated and exact")
    if t.goal_level is not None:
        words += f"; reaching the target is {_num(t.goal_level)}{unit}"
    if t.due_text:
        words += f", {t.due_text}"
    return words


def _said_html(said: tuple[Said, ...], labels: dict[str, str]) -> str:
    if not said:
        return ""
    items = []
    for s in said:
        against = [labels.get(target, target) for target in s.contradicted_by]
        mark = (
            f' <a class="unsupported" href="#gaps-words-not-supported">not supported by the '
            f"figures of {esc('; '.join(against))}</a>"
            if against
            else ""
        )
        items.append(f'<li>“{esc(s.quote)}” <span class="claim">({esc(s.claim)})</span>{mark}</li>')
    return f'<ul class="said">{"".join(items)}</ul>'


def _status_html(t: TargetProgress) -> str:
    words = esc(t.status.label)
    if t.status == Progress.CANNOT_TELL:
        return (
            f'<span class="progress progress-{esc(t.status.value)}">{words}</span>: '
            f'<span class="why">{esc(t.reason)}</span>'
        )
    return (
        f'<span class="progress progress-{esc(t.status.value)}">{words}</span>'
        f'<details class="arithmetic"><summary>the arithmetic</summary>'
        f'<p class="why">{esc(t.reason)}</p></details>'
    )


def progress_html(analysis: Analysis) -> str:
    """The table: one group of rows per result, in order, one row per target (a rate required
    for a target follows it), and above it what the report says of all results at once."""
    targets = sorted(
        progress(analysis), key=lambda t: (t.result_number or 0, t.result, bool(t.required_for))
    )
    if not targets:
        return '<p class="hint">No target in the graph.</p>'
    said = said_about(analysis)
    labels = {t.target: t.target_label for t in targets}
    results = {t.result for t in targets}
    general = [
        s
        for about, found in sorted(said.items())
        if about not in results and about not in labels
        for s in found
    ]
    parts = []
    if general:
        parts.append(
            '<p class="hint">What the report says of all results at once:</p>'
            + _said_html(tuple(general), labels)
        )
    rows = []
    by_result: dict[str, list[TargetProgress]] = {}
    for t in targets:
        by_result.setdefault(t.result, []).append(t)
    for result, group in by_result.items():
        head = (
            f'<th rowspan="{len(group)}" scope="rowgroup">{esc(group[0].result_label)}'
            f"{_said_html(said.get(result, ()), labels)}</th>"
        )
        for index, t in enumerate(group):
            words = [*said.get(t.target, ())]
            rows.append(
                f'<tr data-target="{esc(t.target)}" data-progress="{esc(t.status.value)}">'
                + (head if index == 0 else "")
                + f'<td class="target">{esc(t.target_label)}{_said_html(tuple(words), labels)}</td>'
                + f'<td class="figures">{progress_svg(t)}<span class="count">'
                f"{esc(_figure_words(t))}</span></td>"
                + f'<td class="computed">{_status_html(t)}</td></tr>'
            )
    parts.append(
        '<table class="progress-table"><thead><tr><th scope="col">Result, and what the report '
        'says of it</th><th scope="col">Target, and what the report says of it</th>'
        '<th scope="col">Figures against the target</th><th scope="col">Progress computed from '
        f"the figures</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return "".join(parts)


__all__ = ["progress_html", "progress_svg"]
