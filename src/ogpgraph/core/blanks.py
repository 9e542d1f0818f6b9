"""A work budget for blank-node canonicalisation, checked before RDFC-1.0 runs.

The exports are byte-identical from run to run because :func:`ogpgraph.dumps.rdf.canonical_quads`
relabels blank nodes with RDFC-1.0. That algorithm labels a blank node at once when its own
quads (its *first-degree hash*) are unlike any other blank node's. Blank nodes that look alike
go through *Hash N-Degree Quads*, which recursively walks their linked look-alikes and, at each
one, tries every ordering (permutation) of its look-alike neighbours that share a hash. Its
work grows with the cube of a chain's length and factorially with those neighbours: measured
with Oxigraph 0.5 on one core, a list nested 200 deep takes 0.9 s, 500 deep 11 s, 30,000 deep
overflows the stack (a segfault); 8 blank nodes all linked to each other take 2.4 s, 9 about
three minutes.

:func:`estimate` bounds that work without running it, deterministically (no timer): for each
connected group ``C`` of look-alike blank nodes (linked through quads), the recursion runs once
from each member and visits the group, and at each member ``v`` it tries ``perm(v)`` orderings,
the sum over ``v``'s look-alike neighbours sharing a hash (same position, predicate and first-
degree hash) of the factorial of their number::

    work = sum over groups C of |C|² × sum over v in C of max(1, perm(v))

A chain of ``n`` look-alikes (a deep list) costs ``2n³``; ``k`` blank nodes all linked to each
other cost ``2k² · k!``. :data:`BUDGET` (10⁷, about a second) admits lists nested 170 deep and
cliques of 8 and refuses a list nested 175 deep or a clique of 9 before any work is done (the
estimate itself is linear: 0.2 s for a list nested 100,000 deep).
Data without look-alike blank nodes (the bundled graph: the SHACL shapes' property shapes, whose
quads differ) costs one unit per blank node.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ogpgraph.core.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph, SourceFile

#: the most work (see the module docstring) canonicalisation may be given
BUDGET = 10_000_000

_LABEL = re.compile(rb"_:([A-Za-z0-9_][\w.-]*)")


@dataclass(frozen=True)
class Estimate:
    """The estimated work, and the costliest group of look-alike blank nodes."""

    work: int
    group_size: int = 0
    group_work: int = 0
    members: frozenset[str] = frozenset()


def estimate(quads: Iterable[Any], *, stop_at: int = BUDGET) -> Estimate:
    """The work RDFC-1.0 would do on these quads (only those holding a blank node matter);
    counting stops once the work passes ``stop_at``."""
    import pyoxigraph as ox

    blank_node = ox.BlankNode
    # each quad as four strings, a blank node as its label (None elsewhere)
    mentions: dict[str, list[tuple[tuple[str | None, str], ...]]] = defaultdict(list)
    for quad in quads:
        terms: tuple[tuple[str | None, str], ...] = tuple(
            (t.value, "") if isinstance(t, blank_node) else (None, str(t))
            for t in (quad.subject, quad.predicate, quad.object, quad.graph_name)
        )
        for blank in {label for label, _text in terms if label is not None}:
            mentions[blank].append(terms)
    if not mentions:
        return Estimate(0)

    def first_degree(blank: str) -> tuple[str, ...]:
        return tuple(
            sorted(
                " ".join(
                    text if label is None else ("_:a" if label == blank else "_:z")
                    for label, text in terms
                )
                for terms in mentions[blank]
            )
        )

    signature = {blank: first_degree(blank) for blank in mentions}
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    for sig in signature.values():
        counts[sig] += 1
    alike = {blank for blank, sig in signature.items() if counts[sig] > 1}
    # look-alike neighbours sharing a hash, and the groups linked through them (union-find)
    parent = {blank: blank for blank in alike}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    perms: dict[str, int] = {}
    for blank in alike:
        related: dict[tuple[Any, ...], set[str]] = defaultdict(set)
        for mention in mentions[blank]:
            for position, (label, _text) in zip("spog", mention):
                if label is not None and label != blank and label in alike:
                    related[(position, mention[1][1], signature[label])].add(label)
                    parent[find(label)] = find(blank)
        perms[blank] = max(1, sum(math.factorial(min(len(g), 20)) for g in related.values()))
    groups: dict[str, list[str]] = defaultdict(list)
    for blank in alike:
        groups[find(blank)].append(blank)
    total = len(mentions) - len(alike)
    worst: list[str] = []
    worst_work = 0
    for members in groups.values():
        work = len(members) ** 2 * sum(perms[m] for m in members)
        total += work
        if work > worst_work:
            worst, worst_work = members, work
        if total > stop_at:
            break
    return Estimate(total, len(worst), worst_work, frozenset(worst))


def _message(found: Estimate) -> str:
    return (
        f"{found.group_size:,} blank nodes that look alike are linked to one another (a list "
        "or [ ] nested very deep, a long list of equal items, or blank nodes all linked to each "
        f"other): labelling them for the exports (RDFC-1.0) would take at least {found.work:,} "
        f"steps, more than the budget of {BUDGET:,}"
    )


_HINT = (
    "Give these resources IRIs, or nest less deeply; `ogpgraph` refuses such data rather "
    "than stall or crash."
)


def check_graph(kg: KnowledgeGraph) -> None:
    """Check the whole dataset's blank nodes (read in the engine: only quads holding one) and,
    when over budget, name the input file and line where the structure starts.

    Raises:
        DataError: the work is over :data:`BUDGET`.
    """
    import pyoxigraph as ox

    from ogpgraph.core.queries import internal_query

    rows = kg.store.query(internal_query("core-blanks"))
    assert isinstance(rows, ox.QuerySolutions)
    quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
    found = estimate(quads)
    if found.work <= BUDGET:
        return
    for sf in kg.files:
        located = _locate(sf)
        if located is not None:
            line, alone = located
            raise DataError(_message(alone), path=sf.path, line=line, hint=_HINT)
    raise DataError(_message(found) + " (across several input files)", hint=_HINT)


def _parse(sf: SourceFile) -> list[Any]:
    import pyoxigraph as ox

    from ogpgraph.core.formats import rdf_format

    return list(ox.parse(path=str(sf.path), format=rdf_format(sf.format)))


def _locate(sf: SourceFile) -> tuple[int | None, Estimate] | None:
    """(line, estimate) when this input file alone is over budget, else None."""
    if sf.format == "csv":
        return None
    try:
        quads = _parse(sf)
    except (SyntaxError, OSError, MemoryError, ValueError):
        return None
    found = estimate(quads)
    if found.work <= BUDGET:
        return None
    text = sf.path.read_bytes()
    for at in _LABEL.finditer(text):  # the first labelled blank node of the group (_:b0)
        if at.group(1).rstrip(b".").decode("utf-8", "replace") in found.members:
            return text.count(b"\n", 0, at.start()) + 1, found
    return nesting_start(text), found  # anonymous ones: where the deepest ( [ nesting starts


def nesting_start(text: bytes) -> int | None:
    """The line where the most deeply nested ``( … )`` / ``[ … ]`` structure of a Turtle or TriG
    text starts (its outermost bracket); strings, IRIs and comments are skipped."""
    depth = deepest = 0
    start = best = None
    line = 1
    i, n = 0, len(text)
    while i < n:
        c = text[i : i + 1]
        if c == b"\n":
            line += 1
        elif c == b"#":
            end = min((p for p in (text.find(b"\n", i), text.find(b"\r", i)) if p >= 0), default=n)
            i = end
            continue
        elif c == b"<":
            end = text.find(b">", i)
            i = n if end < 0 else end + 1
            continue
        elif c in (b'"', b"'"):
            quote = text[i : i + 3] if text[i : i + 3] == c * 3 else c
            j = i + len(quote)
            while j < n and text[j : j + len(quote)] != quote:
                j += 2 if text[j : j + 1] == b"\\" else 1
            line += text.count(b"\n", i, j)
            i = j + len(quote)
            continue
        elif c in (b"(", b"["):
            if depth == 0:
                start = line
            depth += 1
            if depth > deepest:
                deepest, best = depth, start
        elif c in (b")", b"]"):
            depth = max(0, depth - 1)
        i += 1
    return best
