#!/usr/bin/env python3
"""Synthetic OGP-shaped graph generator: many OGP members, in ogpgraph's own ontology.

Every benchmark under ``benchmarks/`` measures ogpgraph on data this script writes. It writes a
project-shaped folder that ``ogpgraph --root DIR …`` can load::

    DIR/ontology                  symlink to the repository's ontology/ (or a copy: --copy-ontology)
    DIR/graph/synthetic/<cc>.trig one file per synthetic OGP member (or .nq with --format nq)
    DIR/synth.json                what was generated: counts per kind, sample IRIs, the seed
    DIR/ogp-sheet.csv             with --sheet-rows N: a synthetic OGP commitments sheet

The data follows graph/README.md: IRIs under https://w3id.org/ogpgraph/ (``member/<cc>``,
``<cc>/commitment/<n>``, ``<cc>/claim/<source-slug>/<subject-id>/<concept>``, …), a
``dcterms:source`` pointing at a report section on everything a user may question, labels on
everything, short ``dcterms:identifier`` values unique across the dataset (``commitment-ab-3``),
one named graph per member (``graph/synthetic/<cc>``), recommendation links in
``graph/links/government`` and ``graph/links/tinz`` (the graphs the CSV link tables compile to
and the stored link queries compare; here ``tinz`` holds every member's TI chapter's links)
and facts from outside the reports in ``graph/external``.
Per member: report sections, organisations, action plans with their relevance tables, commitments
(milestones, responsible posts, relevance claims, progress assessments over time, sometimes focus
areas, results with targets, case studies and figures), a National Integrity System assessment
with its recommendation scheme, status assessments and recommendation links.

``--triples`` counts the quads written to graph/synthetic/ (the ontology adds about 3,000 more);
the result is within ±5 % of it from 3,000 up (within ±1 % from 10,000 up; the smallest
useful size is about 1,500, one commitment per member). Generation streams: one
member is built in memory, written, and dropped, so 1,000,000 triples take a few seconds and
little memory. The same seed gives byte-identical files. Nothing reaches the network.

Run::

    python benchmarks/synth.py --triples 10000 --out /tmp/ogp-synth
    python benchmarks/synth.py --triples 1000000 --out /tmp/ogp-1m --format nq --sheet-rows 5000
    ogpgraph validate --root /tmp/ogp-synth
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENERATOR_VERSION = 2

BASE = "https://w3id.org/ogpgraph/"
PREFIXES: dict[str, str] = {
    "ogp": BASE + "ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "value": BASE + "vocab/value/",
    "challenge": BASE + "vocab/challenge/",
    "completion": BASE + "vocab/completion/",
    "pillar": BASE + "vocab/pillar/",
    "status": BASE + "vocab/recommendation-status/",
    "relation": BASE + "vocab/link-relation/",
    "akind": BASE + "vocab/assessment-kind/",
    "certainty": BASE + "vocab/certainty/",
}

# Concepts of ontology/vocabularies.ttl used here: local name -> preferred label.
VALUES = [
    ("transparency", "Transparency"),
    ("accountability", "Accountability"),
    ("participation", "Participation"),
    ("technology", "Technology and Innovation"),
]
CHALLENGES = [
    ("improving-public-services", "Improving Public Services"),
    ("increasing-public-integrity", "Increasing Public Integrity"),
    ("managing-public-resources", "More Effectively Managing Public Resources"),
    ("safer-communities", "Creating Safer Communities"),
    ("corporate-accountability", "Increasing Corporate Accountability"),
]
CONCEPT_LABEL = {name: label for name, label in VALUES + CHALLENGES}
COMPLETION = ["not-started", "limited", "substantial", "complete"]
PILLARS = [
    "legislature",
    "executive",
    "judiciary",
    "public-sector",
    "law-enforcement",
    "electoral-management",
    "ombudsman",
    "audit-institution",
    "political-parties",
    "media",
    "civil-society",
    "business",
]
STATUSES = ["met", "progressing", "not-fully-addressed", "not-started", "unknown"]
RELATIONS = ["addresses", "partly-addresses", "does-not-address"]
# Assessments of a commitment over time: kind, report key, label, years after the plan starts.
ASSESSMENT_KINDS = [
    ("mid-term-self-assessment", "sar", "Mid-term self-assessment", 1),
    ("irm-progress-report", "irm", "IRM progress report", 1),
    ("end-of-term-self-assessment", "eot", "End-of-term self-assessment", 2),
    ("irm-end-of-term-report", "irmeot", "IRM end-of-term report", 3),
]

SYLLABLES = [
    "ar",
    "bel",
    "cor",
    "dan",
    "el",
    "fen",
    "gar",
    "hal",
    "is",
    "jor",
    "kal",
    "lun",
    "mor",
    "nav",
    "or",
    "pel",
    "quin",
    "ros",
    "sol",
    "tar",
    "ul",
    "ver",
    "wen",
    "zan",
]
REGIONS = ["Africa and Middle East", "Americas", "Asia and the Pacific", "Europe"]
AREAS = [
    "Finance",
    "Justice",
    "Health",
    "Education",
    "Transport",
    "Environment",
    "Internal Affairs",
    "Economic Development",
    "Public Service",
    "Statistics",
    "Land Information",
    "Social Development",
    "Foreign Affairs",
    "Agriculture",
    "Energy",
    "Housing",
    "Labour",
    "Culture",
    "Digital Government",
    "Local Government",
    "Fisheries",
    "Water",
    "Science",
]
GOV_FORMS = ["Ministry of {}", "Department of {}", "{} Commission", "{} Agency", "Office of {}"]
OFFICES = [
    "the Ombudsman",
    "the Auditor-General",
    "the Privacy Commissioner",
    "the Chief Archivist",
    "the Government Chief Digital Officer",
    "the Electoral Commissioner",
]
CSO_FORMS = [
    "{} Open Data Network",
    "Citizens' Forum on {}",
    "{} Watch",
    "Civic {} Trust",
    "{} Budget Initiative",
    "Open {} Coalition",
]
TOPICS = [
    "open contracting",
    "beneficial ownership transparency",
    "open budgets",
    "freedom of information",
    "open data",
    "public participation in policy making",
    "lobbying transparency",
    "whistleblower protection",
    "open parliament",
    "fiscal transparency",
    "digital public services",
    "access to justice",
    "extractive industries transparency",
    "climate finance transparency",
    "local government openness",
    "civic space",
    "health service data",
    "education data",
    "public procurement",
    "asset declarations",
    "open land registries",
    "participatory budgeting",
    "police accountability",
    "service delivery feedback",
]
VERBS = [
    "Strengthen",
    "Publish",
    "Improve",
    "Develop",
    "Establish",
    "Open up",
    "Co-create",
    "Expand",
    "Review",
    "Institutionalise",
]
SECTORS = [
    "at national level",
    "in local government",
    "for citizens",
    "across the public sector",
    "for civil society",
    "in the health sector",
    "in education",
    "for business",
]
UNITS = ["percent", "datasets", "agencies", "people", "services", "NZD million", "submissions"]
FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn"]
LAST = ["Smith", "Ngata", "Garcia", "Okafor", "Larsen", "Kim", "Silva", "Novak", "Haddad", "Rossi"]
SHEET_COLUMNS = [
    "Commitment Unique Identifier",
    "Country/Locality",
    "Region",
    "Theme",
    "Year Of Submission",
    "Action Plan Number",
    "Commitment Number",
    "Commitment Title",
    "Short Title",
    "Full Text",
    "Lead Institution",
    "Supporting Institution(s)",
    "URL",
    "OGP Value Access To Information",
    "OGP Value Civic Participation",
    "OGP Value Public Accountability",
    "OGP Value Technology",
    "Specificity",
    "Potential Impact",
    "Completion (Progress Report)",
    "Did It Open Government (Overall)",
]
THEMES = [
    "Access to Information",
    "Anti-Corruption",
    "Fiscal Openness",
    "Open Contracting",
    "Beneficial Ownership",
    "Civic Space",
    "Public Service Delivery",
    "Digital Governance",
    "Justice",
    "Open Parliaments",
    "Environment and Climate",
    "Gender and Inclusion",
]


def slug(text: str) -> str:
    """Lower-case letters and digits joined by single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def escape(text: str) -> str:
    """A string literal body for Turtle/TriG/N-Quads."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


class Writer:
    """Collects one member's statements by named graph, then writes them as TriG or N-Quads.

    Terms are given as prefixed names (``ogp:Commitment``), as IRIs relative to the base
    (``node("ab/commitment/3")``) or as literals (``lit``, ``typed``).
    """

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.nq = fmt == "nq"
        self.graphs: dict[str, list[str]] = {}
        self.count = 0
        self._expanded: dict[str, str] = {}

    # terms -----------------------------------------------------------------------------------
    def node(self, path: str) -> str:
        return f"<{BASE}{path}>" if self.nq else f"<{path}>"

    def lit(self, text: str) -> str:
        return f'"{escape(text)}"@en'

    def plain(self, text: str) -> str:
        return f'"{escape(text)}"'

    def typed(self, value: object, datatype: str) -> str:
        if self.nq:
            return f'"{value}"^^<{PREFIXES["xsd"]}{datatype}>'
        return f'"{value}"^^xsd:{datatype}'

    def integer(self, value: int) -> str:
        return self.typed(value, "integer") if self.nq else str(value)

    def boolean(self, value: bool) -> str:
        text = "true" if value else "false"
        return self.typed(text, "boolean") if self.nq else text

    def _x(self, term: str) -> str:
        """Expand a prefixed name for N-Quads (nodes and literals pass through)."""
        if term[0] in '<"':
            return term
        cached = self._expanded.get(term)
        if cached is None:
            if term == "a":
                cached = f"<{PREFIXES['rdf']}type>"
            else:
                prefix, _, local = term.partition(":")
                cached = f"<{PREFIXES[prefix]}{local}>"
            self._expanded[term] = cached
        return cached

    # statements ------------------------------------------------------------------------------
    def add(self, graph: str, subject: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Statements about one subject in one named graph (``graph`` relative to the base)."""
        pairs = list(pairs)
        if not pairs:
            return
        self.count += len(pairs)
        out = self.graphs.setdefault(graph, [])
        if self.nq:
            g = f"<{BASE}{graph}>"
            x = self._x
            s = x(subject)
            out.append("".join(f"{s} {x(p)} {x(o)} {g} .\n" for p, o in pairs))
        else:
            body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
            out.append(f"{subject} {body} .\n")

    def write(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            if self.nq:
                for lines in self.graphs.values():
                    handle.writelines(lines)
            else:
                handle.write(
                    "# Synthetic OGP-shaped data written by benchmarks/synth.py: not real.\n"
                )
                handle.write(f"@base <{BASE}> .\n")
                for prefix, iri in PREFIXES.items():
                    handle.write(f"@prefix {prefix}: <{iri}> .\n")
                for graph, blocks in self.graphs.items():
                    handle.write(f"\nGRAPH <{graph}> {{\n\n")
                    handle.write("\n".join(blocks))
                    handle.write("\n}\n")
        self.graphs = {}


class Member:
    """Generates one synthetic OGP member: its reports, organisations, plans and commitments."""

    def __init__(self, code: str, seed: int, writer: Writer, counts: dict[str, int]) -> None:
        self.code = code  # upper case, e.g. "AB"
        self.cc = code.lower()
        self.rng = random.Random(f"ogpgraph-synth-{seed}-{code}")
        self.w = writer
        self.counts = counts
        self.graph = f"graph/synthetic/{self.cc}"
        self.name = country_name(self.code, seed)
        self.region = REGIONS[self.rng.randrange(len(REGIONS))]
        self.first_year = self.rng.randint(2011, 2016)
        self.nis_year = self.first_year - self.rng.randint(1, 3)
        self.created: set[str] = set()
        self.commitments = 0
        self.results = 0
        self.plan = 0
        self.plan_rows = 0
        self.plan_size = 0
        self.plan_challenges: list[str] = []
        self.orgs: list[tuple[str, str, str]] = []  # (path, label, kind)
        self.gov: list[tuple[str, str, str]] = []
        self.csos: list[tuple[str, str, str]] = []
        self.recs: list[tuple[str, str, str]] = []  # (path, local id, short identifier)
        self.irm = ""

    # helpers ---------------------------------------------------------------------------------
    def rec_ident(self, number: int, part: int | None) -> str:
        """Short identifier of a recommendation: the kind first, as graph/README.md lists them."""
        return f"nis-rec-{self.cc}-{number}" + (f"-{part}" if part else "")

    def n(self, path: str) -> str:
        return self.w.node(path)

    def add(
        self,
        subject: str,
        pairs: list[tuple[str, str]],
        graph: str | None = None,
        kind: str | None = None,
    ) -> None:
        self.w.add(graph or self.graph, subject, pairs)
        if kind:
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def date(self, year: int) -> str:
        return self.w.typed(
            f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}", "date"
        )

    def link_dates(self, year: int) -> list[tuple[str, str]]:
        """When a link was asserted: dcterms:date as precise as given, and
        prov:generatedAtTime as well when the day is known (as links.py compiles the CSVs)."""
        month = self.rng.randint(1, 12)
        if self.rng.random() < 0.3:
            return [("dcterms:date", self.w.typed(f"{year}-{month:02d}", "gYearMonth"))]
        day = self.w.typed(f"{year}-{month:02d}-{self.rng.randint(1, 28):02d}", "date")
        return [("dcterms:date", day), ("prov:generatedAtTime", day)]

    def section_path(self, report: str, section: str) -> str:
        return f"source/{self.cc}-{report}/{section}"

    # member-level resources ------------------------------------------------------------------
    def header(self, budget: int) -> None:
        w, n, rng = self.w, self.n, self.rng
        member = n(f"member/{self.cc}")
        ogp_page = n(f"source/{self.cc}-ogp-page")
        self.add(
            member,
            [
                ("a", "ogp:Member"),
                ("rdfs:label", w.lit(self.name)),
                ("ogp:countryCode", w.plain(self.code)),
                ("dcterms:source", ogp_page),
                ("dcterms:source", n(self.section_path("sar-1", "s1-introduction"))),
            ],
            kind="member",
        )
        # Facts from outside the reports: the member page and the date the member joined.
        self.add(
            ogp_page,
            [
                ("a", "ogp:Source"),
                ("rdfs:label", w.lit(f"OGP member page: {self.name}")),
                ("ogp:address", w.plain(f"opengovpartnership.org/members/{slug(self.name)}/")),
            ],
            graph="graph/external",
            kind="source",
        )
        joined = self.first_year - 1
        pairs = [
            ("a", "ogp:Event"),
            ("rdfs:label", w.lit(f"{self.name} joins the Open Government Partnership")),
            ("ogp:date", w.typed(joined, "gYear")),
            ("ogp:participant", member),
            ("dcterms:source", ogp_page),
        ]
        if rng.random() < 0.3:
            pairs += [
                ("ogp:certainty", "certainty:uncertain"),
                (
                    "skos:note",
                    w.lit("The member page gives the year only; not confirmed elsewhere."),
                ),
            ]
        self.add(n(f"{self.cc}/event/joined-ogp"), pairs, graph="graph/external", kind="event")

        # Organisations: government agencies and civil society, the coordinating agency first.
        n_orgs = max(5, min(60, budget // 180))
        used: set[str] = set()
        areas = AREAS[:]
        rng.shuffle(areas)
        for i in range(n_orgs):
            if i == 0:
                label, kind = "Public Service Commission", "GovernmentAgency"
            elif i == 1:
                label, kind = f"Transparency {self.name}", "CivilSocietyOrganisation"
            elif rng.random() < 0.7:
                area = areas[i % len(areas)]
                form = GOV_FORMS[rng.randrange(len(GOV_FORMS))]
                label = (
                    form.format(area)
                    if form != "Office of {}"
                    else "Office of " + OFFICES[rng.randrange(len(OFFICES))]
                )
                kind = "GovernmentAgency"
            else:
                form = CSO_FORMS[rng.randrange(len(CSO_FORMS))]
                label = form.format(areas[(i * 7) % len(areas)])
                kind = "CivilSocietyOrganisation"
            s = slug(label)
            if s in used:
                label, s = f"{label} ({i})", f"{s}-{i}"
            used.add(s)
            path = f"{self.cc}/org/{s}"
            pairs = [
                ("a", f"ogp:{kind}"),
                ("rdfs:label", w.lit(label)),
                ("dcterms:identifier", w.plain(f"org-{self.cc}-{s}")),
            ]
            words = [x for x in re.findall(r"[A-Z][a-z]+", label) if x not in ("Of", "The")]
            if len(words) > 1 and rng.random() < 0.5:
                pairs.append(("skos:altLabel", w.lit("".join(x[0] for x in words))))
            pairs.append(("dcterms:source", n(self.section_path("sar-1", "s2-process"))))
            if rng.random() < 0.5:
                pairs.append(("dcterms:source", n(self.section_path("sar-1", "s3-reporting"))))
            self.add(n(path), pairs, kind="organisation")
            entry = (path, label, kind)
            self.orgs.append(entry)
            (self.gov if kind == "GovernmentAgency" else self.csos).append(entry)
        self.irm = f"{self.cc}/org/independent-reporting-mechanism"
        self.add(
            n(self.irm),
            [
                ("a", "ogp:InternationalOrganisation"),
                (
                    "rdfs:label",
                    w.lit("Independent Reporting Mechanism of the Open Government Partnership"),
                ),
                ("skos:altLabel", w.lit("IRM")),
                ("dcterms:identifier", w.plain(f"org-{self.cc}-irm")),
                ("dcterms:source", ogp_page),
            ],
            kind="organisation",
        )
        self.ensure_report("sar", 1)

        # The National Integrity System assessment and its recommendations (a SKOS scheme).
        nis = f"{self.cc}/nis-{self.nis_year}"
        nis_src = f"nis-{self.nis_year}"
        self.report_source(
            nis_src,
            f"National Integrity System Assessment {self.name} {self.nis_year}",
            self.nis_year,
            publisher=self.csos[0][0],
        )
        rec_section = self.section(nis_src, "recommendations", "Recommendations", "5", 90, 96, 1)
        pillars = sorted(rng.sample(PILLARS, rng.randint(6, len(PILLARS))), key=PILLARS.index)
        self.add(
            n(nis),
            [
                ("a", "ogp:IntegrityAssessment"),
                (
                    "rdfs:label",
                    w.lit(f"{self.name} National Integrity System Assessment {self.nis_year}"),
                ),
                ("dcterms:identifier", w.plain(f"document-{self.cc}-nis-{self.nis_year}")),
                ("ogp:member", member),
                ("dcterms:creator", n(self.csos[0][0])),
                ("dcterms:issued", w.typed(self.nis_year, "gYear")),
                *[("ogp:assessedPillar", f"pillar:{p}") for p in pillars],
                ("dcterms:source", n(f"source/{self.cc}-{nis_src}")),
            ],
            kind="integrity-assessment",
        )
        scheme = n(f"{nis}/recommendations")
        n_recs = max(3, min(40, budget // 450))
        self.add(
            scheme,
            [
                ("a", "skos:ConceptScheme"),
                (
                    "skos:prefLabel",
                    w.lit(f"Recommendations of the {self.name} NIS assessment {self.nis_year}"),
                ),
                ("dcterms:source", rec_section),
            ],
            kind="concept-scheme",
        )
        for r in range(1, n_recs + 1):
            self.recommendation(nis, scheme, rec_section, r, pillars, None)
            if rng.random() < 0.25:
                self.recommendation(nis, scheme, rec_section, r, pillars, rng.randint(1, 3))

    def recommendation(
        self, nis: str, scheme: str, section: str, number: int, pillars: list[str], part: int | None
    ) -> None:
        w, n, rng = self.w, self.n, self.rng
        rid = f"nis-rec-{number}" + (f"-{part}" if part else "")
        path = f"{nis}/recommendation/{number}" + (f"-{part}" if part else "")
        topic = TOPICS[rng.randrange(len(TOPICS))]
        label = f"Recommendation {number}{'.' + str(part) if part else ''}: strengthen {topic}"
        pairs = [
            ("a", "ogp:Recommendation"),
            *([("a", "ogp:RecommendationPart")] if part else []),
            ("a", "skos:Concept"),
            ("skos:prefLabel", w.lit(label)),
            ("skos:inScheme", scheme),
        ]
        if part:
            pairs.append(("skos:broader", n(f"{nis}/recommendation/{number}")))
        else:
            pairs += [
                ("skos:topConceptOf", scheme),
                ("ogp:recommendationNumber", w.integer(number)),
            ]
        pairs += [
            ("dcterms:identifier", w.plain(self.rec_ident(number, part))),
            ("ogp:recommendedBy", n(nis)),
        ]
        pairs += [
            ("ogp:touchesPillar", f"pillar:{p}") for p in rng.sample(pillars, rng.randint(1, 2))
        ]
        pairs.append(("dcterms:source", section))
        self.add(n(path), pairs, kind="recommendation")
        self.recs.append((path, rid, self.rec_ident(number, part)))
        # What the government's self-assessment and the civil society review say of it.
        for key, kind, assessor in (
            ("sar-1", "mid-term-self-assessment", self.gov[0]),
            ("cso-review", "civil-society-assessment", self.csos[0]),
        ):
            if key == "cso-review" and rng.random() < 0.5:
                continue
            year = self.first_year + 1
            src = self.ensure_section(key, "s3-nis" if key == "sar-1" else "findings")
            status = STATUSES[rng.randrange(len(STATUSES))]
            pairs = [
                ("a", "ogp:StatusAssessment"),
                ("rdfs:label", w.lit(f"{label}: status ({kind.replace('-', ' ')})")),
                ("ogp:assessedEntity", n(path)),
                ("ogp:status", f"status:{status}"),
                ("ogp:assessmentKind", f"akind:{kind}"),
                ("prov:wasAttributedTo", n(assessor[0])),
                ("ogp:date", self.date(year)),
            ]
            if rng.random() < 0.6:
                pairs.append(
                    (
                        "ogp:summary",
                        w.lit(f"The recommendation on {topic} is {status.replace('-', ' ')}."),
                    )
                )
            pairs.append(("dcterms:source", src))
            self.add(
                n(f"{self.cc}/assessment/{self.cc}-{key}/{rid}"), pairs, kind="status-assessment"
            )

    # sources ---------------------------------------------------------------------------------
    def report_source(self, key: str, title: str, year: int, publisher: str | None = None) -> str:
        path = f"source/{self.cc}-{key}"
        if path not in self.created:
            self.created.add(path)
            w = self.w
            pairs = [
                ("a", "ogp:Source"),
                ("rdfs:label", w.lit(title)),
                ("dcterms:title", w.lit(title)),
                ("dcterms:issued", w.typed(year, "gYear")),
                ("ogp:member", self.n(f"member/{self.cc}")),
            ]
            if publisher:
                pairs.append(("dcterms:publisher", self.n(publisher)))
            self.add(self.n(path), pairs, kind="source")
        return self.n(path)

    def section(
        self,
        report_key: str,
        section: str,
        title: str,
        number: str,
        start: int,
        end: int,
        order: int,
        extra: list[tuple[str, str]] | None = None,
        types: tuple[str, ...] = ("ogp:ReportSection",),
    ) -> str:
        path = self.section_path(report_key, section)
        node = self.n(path)
        if path not in self.created:
            self.created.add(path)
            w = self.w
            pairs = (
                [("a", t) for t in types]
                + [
                    ("rdfs:label", w.lit(f"{number} {title}")),
                    ("dcterms:title", w.lit(title)),
                    ("ogp:sectionNumber", w.plain(number)),
                    ("ogp:pageStart", w.integer(start)),
                    ("ogp:pageEnd", w.integer(end)),
                    ("dcterms:isPartOf", self.n(f"source/{self.cc}-{report_key}")),
                    ("ogp:listOrder", w.integer(order)),
                ]
                + (extra or [])
            )
            self.add(node, pairs, kind="report-section")
        return node

    def ensure_report(self, kind: str, plan: int) -> None:
        """The reports of one action plan, created the first time something cites them."""
        key = "cso-review" if kind == "cso" else f"{kind}-{plan}"
        if f"source/{self.cc}-{key}" in self.created:
            return
        year = self.plan_year(plan)
        if kind == "sar":
            self.report_source(
                key,
                f"{self.name} mid-term self-assessment report, action plan {plan}",
                year + 1,
                publisher=self.gov[0][0],
            )
            for order, (sec, title, start, end) in enumerate(
                [
                    ("s1-introduction", "Introduction", 2, 4),
                    ("s2-process", "National Action Plan Process", 4, 6),
                    ("s3-reporting", "Action Plan Reporting", 6, 20),
                    (
                        "s3-case-studies",
                        "OGP values and grand challenges in practice: Case studies",
                        20,
                        24,
                    ),
                    ("s3-nis", "National Integrity System Assessment report", 24, 26),
                    ("annex-1", "Self-assessment template", 30, 48),
                ],
                start=1,
            ):
                number = "Annex 1" if sec == "annex-1" else sec[1]
                self.section(key, sec, title, number, start, end, order)
        elif kind == "cso":
            self.report_source(
                "cso-review",
                f"{self.csos[0][1]}: review of the government's response",
                self.first_year + 1,
                publisher=self.csos[0][0],
            )
            self.section("cso-review", "findings", "Findings", "2", 3, 12, 1)
        else:
            titles = {
                "irm": "IRM progress report",
                "eot": "end-of-term self-assessment report",
                "irmeot": "IRM end-of-term report",
            }
            offset = {"irm": 1, "eot": 2, "irmeot": 3}[kind]
            self.report_source(
                key, f"{self.name} {titles[kind]}, action plan {plan}", year + offset
            )
            self.section(key, "commitments", "Analysis of commitments", "3", 10, 60, 1)

    def ensure_section(self, key: str, section: str) -> str:
        if key == "cso-review":
            self.ensure_report("cso", 0)
        else:
            kind, _, plan = key.rpartition("-")
            self.ensure_report(kind, int(plan))
        return self.n(self.section_path(key, section))

    def plan_year(self, plan: int) -> int:
        return self.first_year + 2 * (plan - 1)

    # action plans ----------------------------------------------------------------------------
    def new_plan(self, per_plan: int) -> None:
        w, n, rng = self.w, self.n, self.rng
        self.plan += 1
        p = self.plan
        self.plan_rows = 0
        self.plan_size = max(3, per_plan + rng.randint(-2, 2))
        self.ensure_report("sar", p)
        year = self.plan_year(p)
        self.plan_challenges = sorted(
            rng.sample([c for c, _ in CHALLENGES], rng.randint(1, 3)),
            key=[c for c, _ in CHALLENGES].index,
        )
        plan_node = n(f"{self.cc}/action-plan/{p}")
        self.add(
            plan_node,
            [
                ("a", "ogp:ActionPlan"),
                ("rdfs:label", w.lit(f"{self.name}'s OGP action plan {p}")),
                ("dcterms:identifier", w.plain(f"action-plan-{self.cc}-{p}")),
                ("ogp:member", n(f"member/{self.cc}")),
                ("ogp:actionPlanNumber", w.integer(p)),
                ("ogp:date", w.typed(f"{year}-{rng.randint(1, 12):02d}", "gYearMonth")),
                *[("ogp:selectedChallenge", f"challenge:{c}") for c in self.plan_challenges],
                ("dcterms:source", n(self.section_path(f"sar-{p}", "s1-introduction"))),
            ],
            kind="action-plan",
        )
        # The relevance table of the plan: a section of the self-assessment, a column per concept.
        key = f"sar-{p}"
        table = self.table_node(p)
        columns = [c for c, _ in VALUES] + self.plan_challenges
        self.section(
            key,
            "action-plan-table",
            "Commitments, lead agencies, OGP values and grand challenges",
            "1",
            2,
            3,
            7,
            extra=[
                ("ogp:hasColumn", n(f"{self.table_path(p)}/column/{i}"))
                for i in range(1, len(columns) + 1)
            ],
            types=("ogp:RelevanceTable", "ogp:ReportSection"),
        )
        for i, concept in enumerate(columns, start=1):
            scheme = "value" if i <= len(VALUES) else "challenge"
            self.add(
                n(f"{self.table_path(p)}/column/{i}"),
                [
                    ("a", "ogp:TableColumn"),
                    ("rdfs:label", w.lit(f"Column {i}: {CONCEPT_LABEL[concept]}")),
                    ("ogp:columnConcept", f"{scheme}:{concept}"),
                    ("ogp:listOrder", w.integer(i)),
                    ("dcterms:source", table),
                ],
                kind="table-column",
            )
        # Lessons and next steps the self-assessment lists.
        sar = n(f"source/{self.cc}-{key}")
        for cls, list_slug, count in (
            ("Lesson", "lessons", rng.randint(1, 3)),
            ("NextStep", "next-steps", rng.randint(1, 2)),
        ):
            for k in range(1, count + 1):
                topic = TOPICS[rng.randrange(len(TOPICS))]
                text = (
                    f"Engage earlier with civil society on {topic}."
                    if cls == "Lesson"
                    else f"Co-create the next action plan's commitments on {topic}."
                )
                self.add(
                    n(f"{self.cc}/statement/{list_slug}-ap{p}/{k}"),
                    [
                        ("a", f"ogp:{cls}"),
                        ("rdfs:label", w.lit(f"{cls} {k} of action plan {p}: {topic}")),
                        ("dcterms:description", w.lit(text)),
                        ("ogp:statementOf", sar),
                        ("ogp:listOrder", w.integer(k)),
                        ("dcterms:source", n(self.section_path(key, "s2-process"))),
                    ],
                    kind="statement",
                )

    def table_path(self, plan: int) -> str:
        return self.section_path(f"sar-{plan}", "action-plan-table")

    def table_node(self, plan: int) -> str:
        return self.n(self.table_path(plan))

    # commitments -----------------------------------------------------------------------------
    def commitment(self, per_plan: int) -> None:
        w, n, rng = self.w, self.n, self.rng
        if self.plan == 0 or self.plan_rows >= self.plan_size:
            self.new_plan(per_plan)
        p = self.plan
        self.commitments += 1
        self.plan_rows += 1
        num = self.commitments
        cid = f"commitment-{num}"
        path = f"{self.cc}/commitment/{num}"
        node = n(path)
        ogp_id = f"{self.code}{num:04d}"
        topic = TOPICS[rng.randrange(len(TOPICS))]
        title = f"{VERBS[rng.randrange(len(VERBS))]} {topic} {SECTORS[rng.randrange(len(SECTORS))]}"
        label = f"Commitment {num}: {title}"
        year = self.plan_year(p)
        sar = f"sar-{p}"
        annex = n(self.section_path(sar, "annex-1"))
        reporting = n(self.section_path(sar, "s3-reporting"))
        lead = self.gov[rng.randrange(len(self.gov))]
        others = [o for o in self.orgs if o is not lead]
        contributing = rng.sample(others, min(len(others), rng.randint(0, 3)))
        n_milestones = rng.randint(1, 4)
        pairs = [
            ("a", "ogp:Commitment"),
            ("rdfs:label", w.lit(label)),
            ("dcterms:identifier", w.plain(f"commitment-{self.cc}-{num}")),
            ("ogp:commitmentNumber", w.integer(num)),
            ("ogp:ogpIdentifier", w.plain(ogp_id)),
            ("ogp:inActionPlan", n(f"{self.cc}/action-plan/{p}")),
            ("ogp:leadAgency", n(lead[0])),
            *[("ogp:contributingAgency", n(o[0])) for o in contributing],
            ("ogp:responsiblePost", n(f"{self.cc}/post/{cid}")),
            *[
                ("ogp:hasMilestone", n(f"{self.cc}/milestone/{cid}-{k}"))
                for k in range(1, n_milestones + 1)
            ],
        ]
        if self.csos and rng.random() < 0.3:
            pairs.append(
                ("ogp:supportingOrganisation", n(self.csos[rng.randrange(len(self.csos))][0]))
            )
        if rng.random() < 0.6:
            pairs.append(
                (
                    "ogp:objective",
                    w.lit(
                        f"To {title[0].lower() + title[1:]}, so that people can "
                        f"see and shape decisions on {topic}."
                    ),
                )
            )
        if rng.random() < 0.4:
            pairs.append(
                (
                    "dcterms:description",
                    w.lit(f"{title}. The commitment builds on existing work of the {lead[1]}."),
                )
            )
        pairs += [("dcterms:source", annex), ("dcterms:source", reporting)]
        self.add(node, pairs, kind="commitment")

        # Responsible post, sometimes with the person who holds it.
        post = [
            ("a", "ogp:Post"),
            ("rdfs:label", w.lit(f"Responsible post for commitment {num}")),
            ("ogp:titleAsPublished", w.lit(f"Manager, {topic.capitalize()}, {lead[1]}")),
            ("org:postIn", n(lead[0])),
        ]
        if rng.random() < 0.5:
            person = f"{self.cc}/person/{cid}-lead"
            name = f"{FIRST[rng.randrange(len(FIRST))]} {LAST[rng.randrange(len(LAST))]}"
            post.append(("org:heldBy", n(person)))
            self.add(
                n(person),
                [
                    ("a", "foaf:Person"),
                    ("rdfs:label", w.lit(name)),
                    ("foaf:name", w.plain(name)),
                    ("dcterms:source", annex),
                ],
                kind="person",
            )
        post.append(("dcterms:source", annex))
        self.add(n(f"{self.cc}/post/{cid}"), post, kind="post")

        # Milestones.
        for k in range(1, n_milestones + 1):
            due_year = year + rng.randint(0, 2)
            due = (
                w.typed(f"{due_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "date")
                if rng.random() < 0.5
                else w.typed(f"{due_year}-{rng.randint(1, 12):02d}", "gYearMonth")
            )
            self.add(
                n(f"{self.cc}/milestone/{cid}-{k}"),
                [
                    ("a", "ogp:Milestone"),
                    (
                        "rdfs:label",
                        w.lit(
                            f"Milestone {k} of commitment {num}: "
                            f"{VERBS[rng.randrange(len(VERBS))].lower()} "
                            f"{TOPICS[rng.randrange(len(TOPICS))]}"
                        ),
                    ),
                    ("ogp:dueDate", due),
                    ("ogp:listOrder", w.integer(k)),
                    ("dcterms:source", annex),
                ],
                kind="milestone",
            )

        # The plan's relevance table: a row, and a claim per column (blank cells included).
        table = self.table_node(p)
        row = n(f"{self.table_path(p)}/row/{self.plan_rows}")
        self.add(table, [("ogp:hasRow", row)])
        self.add(
            row,
            [
                ("a", "ogp:TableRow"),
                ("rdfs:label", w.lit(f"Row {self.plan_rows}: {ogp_id}")),
                ("ogp:rowSubject", node),
                ("ogp:listOrder", w.integer(self.plan_rows)),
                ("dcterms:source", table),
            ],
            kind="table-row",
        )
        columns = [("value", c) for c, _ in VALUES] + [
            ("challenge", c) for c in self.plan_challenges
        ]
        ticked: dict[str, bool] = {}
        for scheme, concept in columns:
            rel = rng.random() < 0.45
            ticked[concept] = rel
            pairs = [
                ("a", "ogp:RelevanceClaim"),
                (
                    "rdfs:label",
                    w.lit(
                        f"Action plan {p} table: commitment {num} – "
                        f"{CONCEPT_LABEL[concept]} ({'✓' if rel else 'blank'})"
                    ),
                ),
                ("ogp:claimant", node),
                ("ogp:concept", f"{scheme}:{concept}"),
                ("ogp:isRelevant", w.boolean(rel)),
                ("ogp:inTable", table),
            ]
            if rel and rng.random() < 0.3:
                pairs.append(
                    (
                        "ogp:quote",
                        w.lit(f"Row {self.plan_rows}, column {CONCEPT_LABEL[concept]}: ✓"),
                    )
                )
            pairs.append(("dcterms:source", table))
            self.add(
                n(f"{self.cc}/claim/{self.cc}-{sar}-table/{cid}/{concept}"), pairs, kind="claim"
            )
        # Annex 1's own relevance rows, which sometimes contradict the table.
        if rng.random() < 0.35:
            for scheme, concept in rng.sample(columns, rng.randint(1, 2)):
                self.claim(node, cid, f"commitment {num}", scheme, concept, sar, annex)

        # Progress assessments over time.
        level = 0
        for kind, report, kind_label, offset in ASSESSMENT_KINDS[
            : rng.randint(1, len(ASSESSMENT_KINDS))
        ]:
            level = min(len(COMPLETION) - 1, level + rng.randint(0, 2))
            key = f"{report}-{p}"
            section = self.ensure_section(key, "annex-1" if report == "sar" else "commitments")
            apairs = [
                ("a", "ogp:ProgressAssessment"),
                ("rdfs:label", w.lit(f"{kind_label} of commitment {num} ({ogp_id})")),
                ("ogp:assessedEntity", node),
                ("ogp:completionLevel", f"completion:{COMPLETION[level]}"),
                ("ogp:assessmentKind", f"akind:{kind}"),
                (
                    "prov:wasAttributedTo",
                    n(self.gov[0][0] if report in ("sar", "eot") else self.irm),
                ),
                ("ogp:date", self.date(year + offset)),
            ]
            if rng.random() < 0.5:
                apairs.append(
                    ("ogp:summary", w.lit(f"Completion is {COMPLETION[level].replace('-', ' ')}."))
                )
            apairs.append(("dcterms:source", section))
            self.add(
                n(f"{self.cc}/assessment/{self.cc}-{key}/{cid}"), apairs, kind="progress-assessment"
            )

        # Sometimes: a results programme (results, targets, a focus area), a case study, a figure.
        if rng.random() < 0.12:
            self.programme(node, num, cid, lead, year, sar, annex)
        if rng.random() < 0.15:
            self.case_study(node, num, topic, ticked, sar)
        if rng.random() < 0.1:
            unit = UNITS[rng.randrange(len(UNITS))]
            fpairs = [
                ("a", "ogp:Figure"),
                ("rdfs:label", w.lit(f"Figure on {topic} (commitment {num})")),
                ("ogp:measure", w.lit(f"{unit} reported for {topic}")),
                ("ogp:value", w.typed(f"{rng.randint(1, 5000)}.{rng.randint(0, 9)}", "decimal")),
                ("ogp:unit", w.plain(unit)),
                ("ogp:asOf", self.date(year + 1)),
                ("ogp:about", node),
            ]
            if rng.random() < 0.4:
                fpairs.append(
                    (
                        "ogp:qualifier",
                        w.plain(["about", "over", "more than", "nearly"][rng.randrange(4)]),
                    )
                )
            fpairs.append(("dcterms:source", reporting))
            self.add(n(f"{self.cc}/figure/{cid}-1"), fpairs, kind="figure")

        # Recommendation links: government or civil society says how a recommendation relates.
        if self.recs and rng.random() < 0.35:
            for rec_path, rid, rec_ident in rng.sample(
                self.recs, min(len(self.recs), rng.randint(1, 2))
            ):
                gov = rng.random() < 0.6
                asserter = "government" if gov else "tinz"
                agent = self.gov[0] if gov else self.csos[0]
                relation = RELATIONS[rng.randrange(len(RELATIONS))]
                src = (
                    self.ensure_section(f"sar-{p}", "s3-nis")
                    if gov
                    else self.ensure_section("cso-review", "findings")
                )
                lpairs = [
                    ("a", "ogp:RecommendationLink"),
                    (
                        "rdfs:label",
                        w.lit(f"{rec_ident} {relation} commitment-{self.cc}-{num} ({asserter})"),
                    ),
                    ("ogp:recommendation", n(rec_path)),
                    ("ogp:linkedTo", node),
                    ("ogp:linkRelation", f"relation:{relation}"),
                    ("prov:wasAttributedTo", n(agent[0])),
                    *self.link_dates(year + 1),
                    (
                        "ogp:rationale",
                        w.lit(
                            f"The commitment on {topic} {relation.replace('-', ' ')} "
                            f"the recommendation."
                        ),
                    ),
                ]
                if rng.random() < 0.5:
                    lpairs.append(
                        ("ogp:assessedStatus", f"status:{STATUSES[rng.randrange(len(STATUSES))]}")
                    )
                lpairs.append(("dcterms:source", src))
                self.add(
                    n(f"{self.cc}/link/{asserter}/{rid}--{cid}"),
                    lpairs,
                    graph=f"graph/links/{asserter}",
                    kind="recommendation-link",
                )
                if gov and relation == "addresses":
                    self.add(node, [("ogp:respondsTo", n(rec_path))])

    def claim(
        self,
        claimant: str,
        subject_id: str,
        subject_label: str,
        scheme: str,
        concept: str,
        sar: str,
        source: str,
    ) -> None:
        w = self.w
        self.add(
            self.n(f"{self.cc}/claim/{self.cc}-{sar}-annex/{subject_id}/{concept}"),
            [
                ("a", "ogp:RelevanceClaim"),
                (
                    "rdfs:label",
                    w.lit(f"Annex 1: {subject_label} – {CONCEPT_LABEL[concept]} (relevant)"),
                ),
                ("ogp:claimant", claimant),
                ("ogp:concept", f"{scheme}:{concept}"),
                ("ogp:isRelevant", w.boolean(True)),
                ("dcterms:source", source),
            ],
            kind="claim",
        )

    def programme(
        self,
        commitment: str,
        num: int,
        cid: str,
        lead: tuple[str, str, str],
        year: int,
        sar: str,
        annex: str,
    ) -> None:
        w, n, rng = self.w, self.n, self.rng
        area_slug = f"{cid}-area"
        area = n(f"{self.cc}/result-area/{area_slug}")
        self.add(
            area,
            [
                ("a", "ogp:ResultArea"),
                ("rdfs:label", w.lit(f"Result area of commitment {num}")),
                ("ogp:partOfProgramme", commitment),
                ("dcterms:source", annex),
            ],
            kind="result-area",
        )
        concepts = [("value", c) for c, _ in VALUES] + [("challenge", c) for c, _ in CHALLENGES]
        for _ in range(rng.randint(2, 5)):
            self.results += 1
            r = self.results
            rnode = n(f"{self.cc}/bps-result/{r}")
            agency = self.gov[rng.randrange(len(self.gov))]
            topic = TOPICS[rng.randrange(len(TOPICS))]
            pairs = [
                ("a", "ogp:Result"),
                ("rdfs:label", w.lit(f"Result {r}: better {topic}")),
                ("dcterms:identifier", w.plain(f"result-{self.cc}-{r}")),
                ("ogp:resultNumber", w.integer(r)),
                ("ogp:resultArea", area),
                ("ogp:partOfProgramme", commitment),
                ("ogp:leadAgency", n(agency[0])),
                ("ogp:objective", w.lit(f"Measurably better {topic} by {year + 4}.")),
            ]
            targets = rng.randint(0, 2)
            pairs += [
                ("ogp:hasTarget", n(f"{self.cc}/target/result-{r}-{t}"))
                for t in range(1, targets + 1)
            ]
            pairs.append(("dcterms:source", annex))
            self.add(rnode, pairs, kind="result")
            for t in range(1, targets + 1):
                unit = UNITS[rng.randrange(len(UNITS))]
                self.add(
                    n(f"{self.cc}/target/result-{r}-{t}"),
                    [
                        ("a", "ogp:Target"),
                        ("rdfs:label", w.lit(f"Target {t} of result {r}")),
                        (
                            "dcterms:description",
                            w.lit(f"Reach {rng.randint(5, 95)} {unit} for {topic}."),
                        ),
                        ("ogp:targetValue", w.typed(f"{rng.randint(5, 95)}.0", "decimal")),
                        ("ogp:unit", w.plain(unit)),
                        ("ogp:dueDate", w.typed(year + rng.randint(2, 5), "gYear")),
                        ("dcterms:source", annex),
                    ],
                    kind="target",
                )
            for scheme, concept in rng.sample(concepts, rng.randint(1, 3)):
                self.claim(rnode, f"result-{r}", f"result {r}", scheme, concept, sar, annex)
            level = COMPLETION[rng.randrange(len(COMPLETION))]
            self.add(
                n(f"{self.cc}/assessment/{self.cc}-{sar}/result-{r}"),
                [
                    ("a", "ogp:ProgressAssessment"),
                    ("rdfs:label", w.lit(f"Mid-term self-assessment of result {r}")),
                    ("ogp:assessedEntity", rnode),
                    ("ogp:completionLevel", f"completion:{level}"),
                    ("ogp:assessmentKind", "akind:mid-term-self-assessment"),
                    ("prov:wasAttributedTo", n(self.gov[0][0])),
                    ("ogp:date", self.date(year + 1)),
                    (
                        "ogp:summary",
                        w.lit(f"Progress towards result {r} is {level.replace('-', ' ')}."),
                    ),
                    ("dcterms:source", annex),
                ],
                kind="progress-assessment",
            )
            if rng.random() < 0.3:
                fa = f"{self.cc}/focus-area/result-{r}"
                fnode = n(fa)
                ms = n(f"{self.cc}/milestone/focus-area-result-{r}")
                self.add(
                    fnode,
                    [
                        ("a", "ogp:FocusArea"),
                        ("rdfs:label", w.lit(f"Focus on result {r}")),
                        ("dcterms:identifier", w.plain(f"focus-area-{self.cc}-result-{r}")),
                        ("ogp:focusOf", commitment),
                        ("ogp:focusesOn", rnode),
                        ("ogp:inActionPlan", n(f"{self.cc}/action-plan/{self.plan}")),
                        ("ogp:leadAgency", n(agency[0])),
                        ("ogp:hasMilestone", ms),
                        ("dcterms:source", annex),
                    ],
                    kind="focus-area",
                )
                self.add(
                    ms,
                    [
                        ("a", "ogp:Milestone"),
                        ("rdfs:label", w.lit(f"Milestone of the focus on result {r}")),
                        ("ogp:dueDate", w.typed(year + 2, "gYear")),
                        ("dcterms:source", annex),
                    ],
                    kind="milestone",
                )
                scheme, concept = concepts[rng.randrange(len(concepts))]
                self.claim(
                    fnode,
                    f"focus-area-result-{r}",
                    f"focus on result {r}",
                    scheme,
                    concept,
                    sar,
                    annex,
                )

    def case_study(
        self, commitment: str, num: int, topic: str, ticked: dict[str, bool], sar: str
    ) -> None:
        w, n, rng = self.w, self.n, self.rng
        s = f"{slug(topic)}-{num}"
        shown = [c for c, t in ticked.items() if t and rng.random() < 0.8]
        if not shown or rng.random() < 0.2:  # evidence the table did not claim
            shown.append(
                [c for c, _ in VALUES + CHALLENGES][rng.randrange(len(VALUES) + len(CHALLENGES))]
            )
        shown = sorted(set(shown), key=[c for c, _ in VALUES + CHALLENGES].index)
        values = {c for c, _ in VALUES}
        participants = rng.sample(self.orgs, min(len(self.orgs), rng.randint(1, 3)))
        self.add(
            n(f"{self.cc}/case-study/{s}"),
            [
                ("a", "ogp:CaseStudy"),
                ("rdfs:label", w.lit(f"Case study: {topic} in practice (commitment {num})")),
                ("dcterms:identifier", w.plain(f"case-study-{self.cc}-{s}")),
                ("ogp:illustrates", commitment),
                ("ogp:tagLine", w.lit(", ".join(CONCEPT_LABEL[c] for c in shown))),
                *[
                    ("ogp:demonstrates", f"{'value' if c in values else 'challenge'}:{c}")
                    for c in shown
                ],
                *[("ogp:participant", n(o[0])) for o in participants],
                ("dcterms:source", n(self.section_path(sar, "s3-case-studies"))),
            ],
            kind="case-study",
        )


def country_name(code: str, seed: int) -> str:
    rng = random.Random(f"ogpgraph-synth-name-{seed}-{code}")
    name = "".join(SYLLABLES[rng.randrange(len(SYLLABLES))] for _ in range(rng.randint(2, 3)))
    return name.capitalize() + ["ia", "land", "ova", "stan", "a", " Republic"][rng.randrange(6)]


def member_codes(seed: int) -> list[str]:
    """Two-letter codes in a seeded order; NZ is left to the real graph."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [a + b for a in letters for b in letters if a + b != "NZ"]
    random.Random(f"ogpgraph-synth-codes-{seed}").shuffle(codes)
    return codes


def plan_members(triples: int) -> int:
    """How many members: ~10 at 10k triples, ~32 at 100k, 100 at 1M."""
    return max(2, min(600, round(math.sqrt(triples) / 10)))


def generate(
    triples: int,
    out: Path,
    seed: int = 42,
    fmt: str = "trig",
    sheet_rows: int = 0,
    copy_ontology: bool = False,
) -> dict:
    """Write the synthetic project to ``out``; return the manifest (also written to synth.json)."""
    if triples < 1000:
        raise ValueError("--triples must be at least 1000")
    out.mkdir(parents=True, exist_ok=True)
    link_ontology(out, copy_ontology)
    folder = out / "graph" / "synthetic"
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(folder.iterdir()):
        if old.is_file() and old.suffix in (".trig", ".nq"):
            old.unlink()

    m = plan_members(triples)
    codes = member_codes(seed)[:m]
    counts: dict[str, int] = {}
    files: list[str] = []
    total = 0
    sample: dict[str, str] = {}
    for i, code in enumerate(codes):
        writer = Writer(fmt)
        member = Member(code, seed, writer, counts)
        goal = round(triples * (i + 1) / m)
        budget = max(500, goal - total)
        member.header(budget)
        per_commitment = 110
        est = max(1, (budget - writer.count) // per_commitment)
        n_plans = max(1, min(8, round(est / 14)))
        per_plan = max(3, math.ceil(est / n_plans))
        while True:
            member.commitment(per_plan)
            if total + writer.count >= goal:
                break
        total += writer.count
        name = f"{member.cc}.{'nq' if fmt == 'nq' else 'trig'}"
        writer.write(folder / name)
        files.append(f"graph/synthetic/{name}")
        if i == 0:
            sample = {
                "member": f"{BASE}member/{member.cc}",
                "commitment": f"{BASE}{member.cc}/commitment/1",
                "commitment_identifier": f"commitment-{member.cc}-1",
                "recommendation": f"{BASE}{member.cc}/nis-{member.nis_year}/recommendation/1",
                "links_graph_government": f"{BASE}graph/links/government",
                "links_graph_tinz": f"{BASE}graph/links/tinz",
            }
    manifest = {
        "generator": "benchmarks/synth.py",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "format": fmt,
        "triples_requested": triples,
        "triples": total,
        "members": m,
        "files": files,
        "resources": dict(sorted(counts.items())),
        "sample": sample,
        "sheet_rows": sheet_rows,
    }
    if sheet_rows:
        write_sheet(out / "ogp-sheet.csv", sheet_rows, codes, seed)
        manifest["sheet"] = "ogp-sheet.csv"
    (out / "synth.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def link_ontology(out: Path, copy: bool) -> None:
    """DIR/ontology: a symlink to the repository's ontology/ (shapes included), or a copy."""
    target = out / "ontology"
    source = REPO / "ontology"
    if target.is_symlink():
        if Path(os.readlink(target)) == source and not copy:
            return
        target.unlink()
    elif target.exists():
        if not copy:
            return  # a folder someone put there on purpose: leave it
        shutil.rmtree(target)
    if copy:
        shutil.copytree(source, target)
    else:
        target.symlink_to(source, target_is_directory=True)


def write_sheet(path: Path, rows: int, codes: list[str], seed: int) -> None:
    """A synthetic OGP commitments sheet (the columns of the OGP's public download)."""
    rng = random.Random(f"ogpgraph-synth-sheet-{seed}")
    per_member = max(1, math.ceil(rows / len(codes)))
    written = 0
    tmp = path.with_suffix(".csv.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(SHEET_COLUMNS)
        for code in codes:
            name = country_name(code, seed)
            region = REGIONS[rng.randrange(len(REGIONS))]
            first = rng.randint(2011, 2016)
            for num in range(1, per_member + 1):
                if written >= rows:
                    break
                plan = 1 + (num - 1) // max(3, per_member // 4 or 1)
                topic = TOPICS[rng.randrange(len(TOPICS))]
                verb = VERBS[rng.randrange(len(VERBS))]
                title = f"{verb} {topic} {SECTORS[rng.randrange(len(SECTORS))]}"
                lead = GOV_FORMS[rng.randrange(4)].format(AREAS[rng.randrange(len(AREAS))])
                supporters = "; ".join(
                    sorted(
                        {
                            CSO_FORMS[rng.randrange(len(CSO_FORMS))].format(
                                AREAS[rng.randrange(len(AREAS))]
                            )
                            for _ in range(rng.randint(0, 3))
                        }
                    )
                )
                text = (
                    f'{title}. The {lead} will publish data on {topic}, consult "civil society", '
                    f"and report every six months."
                )
                if rng.random() < 0.1:
                    text += (
                        "\nMilestones: 1) scoping; 2) pilot, with partners; 3) national roll-out."
                    )
                relevant = [rng.random() < p for p in (0.6, 0.5, 0.4, 0.3)]
                ogp_id = f"{code}{num:04d}"
                writer.writerow(
                    [
                        ogp_id,
                        name,
                        region,
                        ", ".join(sorted(set(rng.sample(THEMES, rng.randint(1, 3))))),
                        first + 2 * (plan - 1),
                        plan,
                        num,
                        title,
                        " ".join(title.split()[:3]),
                        text,
                        lead,
                        supporters,
                        f"https://www.opengovpartnership.org/members/{slug(name)}/commitments/{ogp_id}/",
                        *["Relevant" if r else "" for r in relevant],
                        ["None", "Low", "Medium", "High"][rng.randrange(4)],
                        ["None", "Minor", "Moderate", "Transformative"][rng.randrange(4)],
                        ["Not Started", "Limited", "Substantial", "Complete"][rng.randrange(4)],
                        ["", "Worsened", "Did Not Change", "Marginal", "Major", "Outstanding"][
                            rng.randrange(6)
                        ],
                    ]
                )
                written += 1
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic OGP-shaped ogpgraph project (many members) for benchmarks.",
        epilog="Example: python benchmarks/synth.py --triples 100000 --out /tmp/ogp-100k",
    )
    parser.add_argument(
        "--triples",
        type=int,
        default=10000,
        help="triples to write in graph/synthetic (±5%%; default 10000)",
    )
    parser.add_argument("--out", type=Path, required=True, help="project folder to write")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--format",
        choices=("trig", "nq"),
        default="trig",
        help="trig (default, readable) or nq (N-Quads)",
    )
    parser.add_argument(
        "--sheet-rows",
        type=int,
        default=0,
        metavar="N",
        help="also write ogp-sheet.csv with N synthetic OGP sheet rows",
    )
    parser.add_argument(
        "--copy-ontology", action="store_true", help="copy ontology/ instead of symlinking it"
    )
    parser.add_argument("--json", action="store_true", help="print the manifest as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        manifest = generate(
            args.triples, args.out, args.seed, args.format, args.sheet_rows, args.copy_ontology
        )
    except ValueError as error:
        parser.error(str(error))
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps({**manifest, "seconds": round(elapsed, 3)}, indent=2))
        return 0
    off = 100.0 * (manifest["triples"] - args.triples) / args.triples
    print(
        f"wrote {args.out}: {manifest['triples']:,} triples ({off:+.2f}% of {args.triples:,}), "
        f"{manifest['members']} members, {len(manifest['files'])} files, {elapsed:.2f} s"
    )
    width = max(len(k) for k in manifest["resources"])
    for kind, count in manifest["resources"].items():
        print(f"  {kind:<{width}}  {count:>9,}")
    if args.sheet_rows:
        print(f"  ogp-sheet.csv: {args.sheet_rows:,} rows")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into head
        sys.exit(0)
