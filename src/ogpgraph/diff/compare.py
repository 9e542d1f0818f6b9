"""What changed between two versions of the dataset.

A version is a dump file (``.trig``, ``.nq``, ``.ttl``, ``.nt``, ``.jsonld``; e.g.
``exports/ogpgraph.nq``), a project folder (holding ``ontology/`` and ``graph/``), or a git
revision of the project, whose ``graph/`` and ``ontology/`` are read with ``git archive`` into a
temporary folder — the working tree is never touched (loading: :mod:`ogpgraph.diff.load`).

The report (:class:`DiffReport`, data first) lists:

- added and removed members, action plans, commitments, focus areas, results, recommendations
  and case studies;
- assessments added, removed, or whose completion level (progress) or status (recommendations)
  changed;
- recommendation links (``ogp:RecommendationLink``) added, removed, or with another relation or
  status; ``ogp:respondsTo`` links added or removed;
- changed labels (``rdfs:label``, ``skos:prefLabel``) of resources present in both;
- per named graph: triples in each version, added and removed. Blank nodes (the SHACL shapes
  have many) get new labels at every load, so triples with blank nodes are compared with the
  labels erased, as a multiset.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import OgpgraphError
from ogpgraph.core.output import Table
from ogpgraph.core.queries import internal_query
from ogpgraph.diff.load import Version, load_version
from ogpgraph.model import Kind, Relation

__all__ = [
    "Change",
    "DiffReport",
    "GraphDelta",
    "Version",
    "compare",
    "diff",
    "load_version",
    "render",
    "render_html",
]

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

DEFAULT_GRAPH = "(default graph)"

#: the kinds of node whose instances the report lists as added or removed, in its order
ENTITIES = (
    Kind.ACTION_PLAN,
    Kind.COMMITMENT,
    Kind.FOCUS_AREA,
    Kind.RESULT,
    Kind.RECOMMENDATION,
    Kind.CASE_STUDY,
)
#: class -> kind, in the order the report lists them (OGP members are no node of the view, so
#: their class is named here; the others come from the model)
ENTITY_KINDS: dict[str, str] = {
    ns.OGP + "Member": "member",
    **{cls: kind.value for kind in ENTITIES for cls in kind.classes},
}
KIND_ORDER = (
    "member",
    *(kind.value for kind in ENTITIES),
    "assessment",
    "status-assessment",
    "recommendation-link",
    Relation.RESPONDS_TO.value,
    "label",
)


@dataclass(frozen=True)
class Change:
    """One change: added, removed or changed; what kind of thing; which; what field; old, new."""

    change: str
    kind: str
    subject: str
    name: str
    field: str = ""
    old: str = ""
    new: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "change": self.change,
            "kind": self.kind,
            "subject": self.subject,
            "name": self.name,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class GraphDelta:
    """Triples of one named graph in each version, and how many were added and removed."""

    graph: str
    old: int
    new: int
    added: int
    removed: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "graph": self.graph,
            "old": self.old,
            "new": self.new,
            "added": self.added,
            "removed": self.removed,
        }


@dataclass
class DiffReport:
    """Every change between ``old`` and ``new``, as data."""

    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    graphs: list[GraphDelta] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counter = Counter(f"{c.kind} {c.change}" for c in self.changes)
        return dict(sorted(counter.items()))

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "summary": self.counts(),
            "changes": [c.as_dict() for c in self.changes],
            "graphs": [g.as_dict() for g in self.graphs],
        }

    def tables(self) -> list[Table]:
        """The changes and the per-graph counts as two tables (IRIs shortened)."""
        changes = Table(
            ["change", "kind", "subject", "name", "field", "old", "new"],
            title=f"Changes from {self.old} to {self.new}",
        )
        for c in self.changes:
            changes.rows.append(
                [c.change, c.kind, _short(c.subject), c.name, c.field, c.old, c.new]
            )
        graphs = Table(["graph", "old", "new", "added", "removed"], title="Triples per named graph")
        for g in self.graphs:
            graphs.rows.append([_short(g.graph), g.old, g.new, g.added, g.removed])
        return [changes, graphs]


# --------------------------------------------------------------------------- comparing
def _quad_keys(kg: KnowledgeGraph) -> tuple[dict[str, set[bytes]], dict[str, Counter[bytes]]]:
    """Digests of each graph's quads; those with blank nodes, labels erased, as a multiset."""
    import pyoxigraph as ox

    plain: dict[str, set[bytes]] = defaultdict(set)
    blank: dict[str, Counter[bytes]] = defaultdict(Counter)
    for quad in kg.store:
        name = quad.graph_name
        graph = DEFAULT_GRAPH if isinstance(name, ox.DefaultGraph) else name.value
        terms = (quad.subject, quad.predicate, quad.object)
        if any(isinstance(t, ox.BlankNode) for t in terms):
            text = " ".join("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in terms)
            blank[graph][hashlib.blake2b(text.encode(), digest_size=16).digest()] += 1
        else:
            text = f"{terms[0]} {terms[1]} {terms[2]}"
            plain[graph].add(hashlib.blake2b(text.encode(), digest_size=16).digest())
    return plain, blank


def graph_deltas(old: KnowledgeGraph, new: KnowledgeGraph) -> list[GraphDelta]:
    """Triples added and removed per named graph (only graphs that differ are listed)."""
    old_plain, old_blank = _quad_keys(old)
    new_plain, new_blank = _quad_keys(new)
    out = []
    for graph in sorted(set(old_plain) | set(new_plain) | set(old_blank) | set(new_blank)):
        a, b = old_plain.get(graph, set()), new_plain.get(graph, set())
        ab, bb = old_blank.get(graph, Counter()), new_blank.get(graph, Counter())
        added = len(b - a) + sum((bb - ab).values())
        removed = len(a - b) + sum((ab - bb).values())
        if added or removed:
            out.append(
                GraphDelta(
                    graph, len(a) + sum(ab.values()), len(b) + sum(bb.values()), added, removed
                )
            )
    return out


def _entities(kg: KnowledgeGraph) -> dict[str, str]:
    import pyoxigraph as ox

    classes = [ox.NamedNode(c) for c in ENTITY_KINDS]
    found: dict[str, str] = {}
    for row in kg.select(internal_query("diff-entities", {"class": classes})):
        found.setdefault(row["s"], ENTITY_KINDS[row["class"]])
    return found


#: classes named in a diff besides the entities compared (local names in ogp:)
_NAMED_TOO = ("ProgressAssessment", "StatusAssessment", "RecommendationLink")


class _Names:
    """Short identifiers and labels of the resources of both versions (new first)."""

    def __init__(self, *kgs: KnowledgeGraph) -> None:
        import pyoxigraph as ox

        named = [*ENTITY_KINDS, *(ns.OGP + c for c in _NAMED_TOO)]
        classes = [ox.NamedNode(c) for c in named]
        self.ids: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        for kg in kgs:
            for row in kg.select(internal_query("diff-names", {"class": classes})):
                if row["id"] and row["s"] not in self.ids:
                    self.ids[row["s"]] = str(row["id"])
                if row["label"] and row["s"] not in self.labels:
                    self.labels[row["s"]] = str(row["label"])

    def __call__(self, iri: str | None) -> str:
        if not iri:
            return ""
        return self.ids.get(iri) or self.labels.get(iri) or _short(iri)


def _short(iri: str) -> str:
    """``ogp:Commitment``, ``nz-commitment:3``, ``au/commitment/5`` (the base left out where
    no prefix fits)."""
    from ogpgraph.core.values import short_iri

    short = short_iri(iri)
    if short == f"<{iri}>" and iri.startswith(ns.BASE):
        return iri[len(ns.BASE) :]
    return short


def _grouped(rows: list[dict[str, Any]], key: str, *fields: str) -> dict[str, dict[str, str]]:
    """One record per ``key`` with each field's values joined (several values: sorted)."""
    values: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        record = values.setdefault(row[key], {f: set() for f in fields})
        for f in fields:
            if row.get(f) is not None:
                record[f].add(str(row[f]))
    return {k: {f: ", ".join(sorted(v[f])) for f in fields} for k, v in values.items()}


def compare(old: Version, new: Version) -> DiffReport:
    """The :class:`DiffReport` of two loaded versions."""
    report = DiffReport(old.description, new.description)
    name = _Names(new.kg, old.kg)
    changes = report.changes

    # entities added and removed
    before, after = _entities(old.kg), _entities(new.kg)
    for iri in after.keys() - before.keys():
        changes.append(Change("added", after[iri], iri, name(iri), new=name.labels.get(iri, "")))
    for iri in before.keys() - after.keys():
        changes.append(Change("removed", before[iri], iri, name(iri), old=name.labels.get(iri, "")))

    # assessments: added, removed, level or status changed
    a_old = _grouped(
        old.kg.select(internal_query("diff-assessments")), "a", "type", "entity", "level"
    )
    a_new = _grouped(
        new.kg.select(internal_query("diff-assessments")), "a", "type", "entity", "level"
    )
    for iri in sorted(a_old.keys() | a_new.keys()):
        o, n = a_old.get(iri), a_new.get(iri)
        rec = n or o
        assert rec is not None
        kind = "status-assessment" if rec["type"].endswith("StatusAssessment") else "assessment"
        what = "status" if kind == "status-assessment" else "completion level"
        subject = f"{name(rec['entity'])}: {name.labels.get(iri, _short(iri))}"
        if o is None:
            assert n is not None
            changes.append(Change("added", kind, iri, subject, what, "", _levels(n["level"])))
        elif n is None:
            changes.append(Change("removed", kind, iri, subject, what, _levels(o["level"]), ""))
        elif o["level"] != n["level"]:
            changes.append(
                Change(
                    "changed", kind, iri, subject, what, _levels(o["level"]), _levels(n["level"])
                )
            )
        elif o["entity"] != n["entity"]:
            changes.append(
                Change(
                    "changed",
                    kind,
                    iri,
                    subject,
                    "assessed entity",
                    name(o["entity"]),
                    name(n["entity"]),
                )
            )

    # recommendation links
    fields = ("rec", "target", "relation", "status", "by")
    l_old = _grouped(old.kg.select(internal_query("diff-links")), "l", *fields)
    l_new = _grouped(new.kg.select(internal_query("diff-links")), "l", *fields)
    for iri in sorted(l_old.keys() | l_new.keys()):
        o, n = l_old.get(iri), l_new.get(iri)
        rec = n or o
        assert rec is not None
        subject = f"{name(rec['rec'])} → {name(rec['target'])} ({name(rec['by'])})"
        if o is None or n is None:
            desc = _link_text(rec)
            changes.append(
                Change(
                    "added" if o is None else "removed",
                    "recommendation-link",
                    iri,
                    subject,
                    "link",
                    "" if o is None else desc,
                    desc if o is None else "",
                )
            )
            continue
        for f, label in (
            ("relation", "relation"),
            ("status", "status"),
            ("rec", "recommendation"),
            ("target", "linked to"),
        ):
            if o[f] != n[f]:
                changes.append(
                    Change(
                        "changed",
                        "recommendation-link",
                        iri,
                        subject,
                        label,
                        _levels(o[f]),
                        _levels(n[f]),
                    )
                )
    r_old = {(r["s"], r["o"]) for r in old.kg.select(internal_query("diff-responds"))}
    r_new = {(r["s"], r["o"]) for r in new.kg.select(internal_query("diff-responds"))}
    for s, o in r_new - r_old:
        changes.append(
            Change(
                "added",
                Relation.RESPONDS_TO.value,
                s,
                f"{name(s)} → {name(o)}",
                Relation.RESPONDS_TO.words,
                "",
                _short(o),
            )
        )
    for s, o in r_old - r_new:
        changes.append(
            Change(
                "removed",
                Relation.RESPONDS_TO.value,
                s,
                f"{name(s)} → {name(o)}",
                Relation.RESPONDS_TO.words,
                _short(o),
                "",
            )
        )

    # labels of resources in both versions
    both = {iri for iri in before.keys() & after.keys()} | (a_old.keys() & a_new.keys())
    labels_old, labels_new = _labels(old.kg, both), _labels(new.kg, both)
    for key in sorted(labels_old.keys() | labels_new.keys()):
        o_set, n_set = labels_old.get(key, set()), labels_new.get(key, set())
        if o_set != n_set:
            iri, prop = key
            changes.append(
                Change(
                    "changed",
                    "label",
                    iri,
                    name(iri),
                    prop,
                    " | ".join(sorted(o_set - n_set)),
                    " | ".join(sorted(n_set - o_set)),
                )
            )

    order = {k: i for i, k in enumerate(KIND_ORDER)}
    changes.sort(
        key=lambda c: (
            order.get(c.kind, 99),
            c.change,
            _natural(c.name),
            c.subject,
            c.field,
            c.old,
            c.new,
        )
    )
    report.graphs = graph_deltas(old.kg, new.kg)
    return report


def _natural(text: str) -> tuple[Any, ...]:
    import re

    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text))


def _levels(values: str) -> str:
    return ", ".join(_short(v.strip()) for v in values.split(",") if v.strip())


def _link_text(rec: dict[str, str]) -> str:
    text = _levels(rec["relation"])
    return text + (f", status {_levels(rec['status'])}" if rec["status"] else "")


def _labels(kg: KnowledgeGraph, subjects: set[str]) -> dict[tuple[str, str], set[str]]:
    import pyoxigraph as ox

    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    result = kg.query(internal_query("diff-labels"))
    for row in result:
        s = row["s"].value
        if s not in subjects:
            continue
        label: ox.Literal = row["label"]
        prop = "rdfs:label" if row["p"].value == ns.RDFS + "label" else "skos:prefLabel"
        lang = f"@{label.language}" if label.language else ""
        out[(s, prop + lang)].add(label.value)
    return out


def diff(old: str, new: str, root: str | Path | None = None) -> DiffReport:
    """Load two versions (dump, folder or git revision) and compare them."""
    report = compare(load_version(old, root), load_version(new, root))
    report.old, report.new = old, new
    return report


# --------------------------------------------------------------------------- output
_DIFF_CSS = (
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;"
    "text-align:left;vertical-align:top}th{background:#f3f3f3}.added{color:#11651c}"
    ".removed{color:#a11}.changed{color:#7a5200}code{font-size:90%}"
)


def render_html(report: DiffReport) -> str:
    """A self-contained HTML page (inline style, no script, nothing fetched); every value
    escaped; a Content-Security-Policy that allows its one inline style and nothing else."""
    from ogpgraph.pages.html import csp, esc

    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp([], [_DIFF_CSS])}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>ogpgraph diff: {esc(report.old)} → {esc(report.new)}</title>",
        f"<style>{_DIFF_CSS}</style>",
        "</head><body>",
        f"<h1>What changed</h1><p>From <code>{esc(report.old)}</code> to "
        f"<code>{esc(report.new)}</code>: {len(report.changes)} change(s).</p>",
    ]
    summary = report.counts()
    if summary:
        parts.append("<h2>Summary</h2><table><tr><th>kind and change</th><th>count</th></tr>")
        parts += [f"<tr><td>{esc(k)}</td><td>{v}</td></tr>" for k, v in summary.items()]
        parts.append("</table>")
    for table in report.tables():
        parts.append(f"<h2>{esc(table.title or '')}</h2>")
        if not table.rows:
            parts.append("<p>None.</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{esc(c)}</th>" for c in table.columns) + "</tr>")
        for row in table.rows:
            css = (
                f' class="{esc(str(row[0]))}"' if row[0] in ("added", "removed", "changed") else ""
            )
            parts.append(f"<tr{css}>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def render(report: DiffReport, fmt: str) -> str:
    """``table`` (two aligned tables), ``json`` or ``html``."""
    from ogpgraph.core.output import json_text
    from ogpgraph.core.output import render as render_rows

    if fmt == "json":
        return json_text(report.as_dict())
    if fmt == "html":
        return render_html(report)
    if fmt == "table":
        if not report.changes and not any(g.added or g.removed for g in report.graphs):
            return f"No changes from {report.old} to {report.new}: the datasets are the same.\n"
        return "\n".join(render_rows(t, "table") for t in report.tables())
    raise OgpgraphError(f"unknown format {fmt!r}")
