"""What the OGP commitments sheet is matched against: the dataset without the sheet imports,
and an index of its members, action plans, commitments, organisations and completion levels
(see :mod:`ogpgraph.sheet.rdf` for how rows use it)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import DataError
from ogpgraph.core.queries import internal_query
from ogpgraph.model import Kind
from ogpgraph.sheet.names import name_key

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.project import Project
    from ogpgraph.dataset.store import KnowledgeGraph

IRM_ID = "org-ogp-independent-review-mechanism"
IRM_NAMES = (
    "independent review mechanism",
    "independent reporting mechanism",
    "ogp independent review mechanism",
    "ogp independent reporting mechanism",
    "irm",
)
#: the classes of organisations a sheet's names are matched against (from the model)
ORG_CLASSES: tuple[str, ...] = Kind.ORGANISATION.classes


def value_key(text: str) -> str:
    """A cell value reduced to lower-case letters and digits ('Not Started' -> 'notstarted')."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def existing_graph(project: Project) -> KnowledgeGraph:
    """The dataset the sheet is matched against: everything but the sheet imports (so that an
    import never depends on an earlier import, and re-importing gives the same bytes)."""
    from ogpgraph.dataset.store import KnowledgeGraph, discover

    imports = (project.graph_dir / "imports").resolve()
    files = [
        sf
        for sf in discover_or_empty(project, discover)
        if not (sf.path.resolve().parent == imports and sf.path.name.startswith("ogp-sheet"))
    ]
    return KnowledgeGraph.load_files(project, files)


def discover_or_empty(project: Project, discover: Callable[[Project], list[Any]]) -> list[Any]:
    """The project's files; only the ontology when graph/ holds nothing yet."""
    try:
        return discover(project)
    except DataError:
        from ogpgraph.dataset.store import SourceFile

        return [
            SourceFile(p, "turtle", ns.ONTOLOGY_GRAPH)
            for p in sorted(project.ontology_dir.glob("*.ttl"))
        ]


class Existing:
    """An index of the dataset the sheet is matched against (a few SPARQL queries).

    ``members`` by country code, ``plans`` by (member, number), commitments ``by_ogp_id`` and
    ``by_number`` (plan, number), organisations by scope (a member's code, ``*`` for the
    international ones) and normalised name, the typed ``subjects`` under the project's base,
    completion levels by label, and the IRM.
    """

    def __init__(self, kg: KnowledgeGraph) -> None:
        from ogpgraph.dataset.resolve import identifiers

        self.ids = identifiers(kg)
        self.members: dict[str, tuple[str, str]] = {}
        for r in kg.select(internal_query("sheet-members")):
            self.members.setdefault(r["code"].upper(), (r["m"], r["l"] or ""))
        self.plans: dict[tuple[str, int], tuple[str, str]] = {}
        for r in kg.select(internal_query("sheet-plans")):
            self.plans.setdefault((r["m"], int(r["n"])), (r["p"], r["l"] or ""))
        self.by_ogp_id: dict[str, str] = {}
        self.by_number: dict[tuple[str, int], str] = {}
        self.commitments: dict[str, dict[str, Any]] = {}
        for r in kg.select(internal_query("sheet-commitments")):
            info = self.commitments.setdefault(r["c"], {"oid": r["oid"], "label": r["l"] or ""})
            if r["oid"]:
                self.by_ogp_id.setdefault(r["oid"].upper(), r["c"])
                info["oid"] = info["oid"] or r["oid"]
            if r["p"] and r["n"] is not None:
                self.by_number.setdefault((r["p"], int(r["n"])), r["c"])
        import pyoxigraph as ox

        classes = [ox.NamedNode(c) for c in ORG_CLASSES]
        self.orgs: dict[str, dict[str, str]] = defaultdict(dict)  # scope -> name key -> IRI
        for r in kg.select(internal_query("sheet-organisations", {"t": classes})):
            scope = "*" if r["t"] == ns.OGP + "InternationalOrganisation" else _scope(r["org"])
            self.orgs[scope].setdefault(name_key(r["name"]), r["org"])
        self.subjects = {r["s"] for r in kg.select(internal_query("sheet-subjects"), base=ns.BASE)}
        self.completion: dict[str, str] = {}
        for r in kg.select(internal_query("sheet-completion"), scheme=ns.VOCAB + "completion"):
            self.completion.setdefault(value_key(r["l"]), r["c"])
            self.completion.setdefault(value_key(r["c"].rsplit("/", 1)[-1]), r["c"])
        self.irm = self.ids.get(IRM_ID) or next(
            (self.orgs[s][k] for s in ("*", "nz") for k in IRM_NAMES if k in self.orgs[s]), None
        )

    def org(self, cc: str, name: str) -> str | None:
        """The organisation of member ``cc`` (or an international one) with this name."""
        key = name_key(name)
        return self.orgs[cc].get(key) or self.orgs["*"].get(key)


def _scope(org_iri: str) -> str:
    rest = org_iri[len(ns.BASE) :] if org_iri.startswith(ns.BASE) else ""
    return rest.split("/", 1)[0] if "/org/" in rest else "?"
