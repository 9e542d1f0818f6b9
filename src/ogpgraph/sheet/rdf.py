"""Rows of the OGP commitments sheet as RDF in the project's ontology (:mod:`ogpgraph.sheet.importer`).

IRIs follow graph/README.md: ``member/<cc>``, ``<cc>/action-plan/<n>``, ``<cc>/commitment/<n>``
(``n`` the number of the OGP identifier, so NZ0003 is ``nz/commitment/3``), ``<cc>/org/<slug>``,
``<cc>/claim/<import>/commitment-<n>/<value>``, ``<cc>/assessment/<import>/commitment-<n>``,
``source/<import>``. Short identifiers: New Zealand's, the dataset's home member, keep the
unprefixed forms of the README (``commitment-5``, ``action-plan-2``, ``org-<slug>``); every other
member's carry its code (``au-commitment-12``, ``au-action-plan-2``, ``au-org-<slug>``).

What is already in the graph is matched, not duplicated: members by ``ogp:countryCode``, plans
by member and number, commitments by ``ogp:ogpIdentifier`` and else by member, plan and
commitment number, organisations by exact normalised label or ``skos:altLabel`` among the
member's own organisations and the international ones. The sheet's statements about a matched
resource attach to its IRI; its titles become ``skos:altLabel`` (a resource has one label).

The IRM's judgements: one assessment per commitment (``ogp:assessmentKind
akind:irm-progress-report``, ``prov:wasAttributedTo`` the IRM), an ``ogp:ProgressAssessment`` with
the completion level where Completion gives a known one, else an ``ogp:CommitmentReview`` (the
class of the IRM's verdicts read from the OGP's commitment pages, graph/later/). The columns that
match a field of the commitment pages land where that field does (:mod:`ogpgraph.sheet.fields`):
Potential Impact as ``ogp:potentialImpactRating``, Did It Open Government as
``ogp:earlyResults``, Lead Institution, Supporting Institution(s) and Theme on the commitment;
every IRM cell (Specificity too, which no page field carries) is also kept as ``ogp:quote``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ogpgraph.core import namespaces as ns
from ogpgraph.core.findings import Finding
from ogpgraph.sheet import fields
from ogpgraph.sheet.match import IRM_ID, Existing, value_key
from ogpgraph.sheet.names import clean, clean_text, name_key, slug
from ogpgraph.sheet.read import COLUMNS, Sheet, sheet_problem

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

HOME_CODE = "NZ"
IRM_IRI = ns.BASE + "nz/org/ogp-independent-review-mechanism"
VALUE_COLUMNS = {
    "value_information": "transparency",
    "value_participation": "participation",
    "value_accountability": "accountability",
    "value_technology": "technology",
}
YES = frozenset({"relevant", "yes", "y", "x", "true", "1", "✓", "✔", "tick"})
NO = frozenset({"not relevant", "no", "n", "false", "0", "not applicable", "n a", "na"})
#: the IRM's scales as the sheet writes them
SCALES = {
    "specificity": ("None", "Low", "Medium", "High"),
    "impact": ("None", "Minor", "Moderate", "Transformative"),
    "opened": ("Worsened", "Did Not Change", "Marginal", "Major", "Outstanding"),
}
_SCALE_KEYS = {k: {value_key(v): v for v in vs} for k, vs in SCALES.items()}
_OGP_ID = re.compile(r"^([A-Z]+)0*([0-9]+)$")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")

RDF_TYPE, LABEL, ALT = f"<{ns.RDF}type>", f"<{ns.RDFS}label>", f"<{ns.SKOS}altLabel>"
SOURCE, IDENT = f"<{ns.DCTERMS}source>", f"<{ns.DCTERMS}identifier>"


def iri(value: str) -> str:
    return f"<{value}>"


def o(local: str) -> str:
    return f"<{ns.OGP}{local}>"


def lit(text: str, lang: str | None = "en", datatype: str | None = None) -> str:
    """An N-Triples literal (escaping by pyoxigraph)."""
    import pyoxigraph as ox

    if datatype:
        return str(ox.Literal(text, datatype=ox.NamedNode(ns.XSD + datatype)))
    return str(ox.Literal(text, language=lang) if lang else ox.Literal(text))


# --------------------------------------------------------------------------- the builder
class SheetGraph:
    """Turns rows into triples of one named graph, collecting problems and counts."""

    def __init__(self, kg: KnowledgeGraph, sheet: Sheet, name: str) -> None:
        self.ex = Existing(kg)
        self.sheet = sheet
        self.name = name
        self.graph = iri(f"{ns.GRAPH}imports/{name}")
        self.source_iri = f"{ns.SOURCE}{name}"
        self.src = iri(self.source_iri)
        self.file = sheet.path.name
        self.triples: set[str] = set()
        self.problems: list[Finding] = []
        self.skipped: set[int] = set()
        self.imported = 0
        self.created: dict[str, set[str]] = defaultdict(set)
        self.matched: dict[str, set[str]] = defaultdict(set)
        self.seen_ids: dict[str, int] = {}
        self.owner: dict[str, tuple[str, int]] = {}  # commitment IRI -> (OGP id, row)
        self.member_names: dict[str, tuple[str, int]] = {}
        self.plan_years: dict[str, tuple[str, int]] = {}
        self.new_orgs: dict[tuple[str, str], str] = {}
        self.org_keys: dict[str, str] = {}  # created organisation IRI -> name key
        self.claims = self.assessments = self.triple_count = 0
        self.cell_orgs: dict[tuple[str, str], list[str]] = {}
        self._source()

    # ------------------------------------------------------------------ helpers
    def add(self, s: str, p: str, obj: str) -> None:
        self.triples.add(f"{s} {p} {obj}")

    def problem(self, row: int, key: str, message: str, severity: str = "warning") -> None:
        self.problems.append(
            sheet_problem(
                row,
                self.sheet.heading(key) if key else "",
                message,
                severity,
                self.sheet.letter(key) if key else "",
            )
        )
        if severity == "error":
            self.skipped.add(row)

    def _source(self) -> None:
        s = self.src
        self.add(s, RDF_TYPE, o("Source"))
        self.add(s, LABEL, lit(f"OGP commitments sheet ({self.file})"))
        self.add(s, f"<{ns.DCTERMS}title>", lit(self.file, None))
        self.add(s, f"<{ns.DCTERMS}extent>", lit(f"{len(self.sheet.rows)} rows", None))
        self.add(s, f"<{ns.DCTERMS}format>", lit("text/csv", None))
        checksum = iri(f"{self.source_iri}/sha256")
        self.add(s, "<http://spdx.org/rdf/terms#checksum>", checksum)
        self.add(
            checksum,
            "<http://spdx.org/rdf/terms#algorithm>",
            "<http://spdx.org/rdf/terms#checksumAlgorithm_sha256>",
        )
        self.add(
            checksum,
            "<http://spdx.org/rdf/terms#checksumValue>",
            lit(self.sheet.digest, datatype="hexBinary"),
        )
        self.add(
            s,
            f"<{ns.SKOS}note>",
            lit(
                "The Open Government Partnership's public commitments sheet, imported with "
                f"`ogpgraph import ogp-sheet {self.file}`; SHA-256 of the file: {self.sheet.digest}."
            ),
        )

    def counts(self) -> dict[str, int]:
        out = {
            "rows": len(self.sheet.rows),
            "imported": self.imported,
            "claims": self.claims,
            "assessments": self.assessments,
            "triples": self.triple_count or len(self.triples),
        }
        for kind in ("members", "action plans", "commitments", "organisations"):
            out[f"{kind} created"] = len(self.created[kind])
            out[f"{kind} matched"] = len(self.matched[kind] - self.created[kind])
        return out

    def nquads(self) -> Iterator[bytes]:
        """Sorted N-Quads lines of the import's named graph (the triples are given up)."""
        g = self.graph
        triples = sorted(self.triples)
        self.triple_count = len(triples)
        self.triples = set()
        for t in triples:
            yield f"{t} {g} .\n".encode()

    def _ident(self, code: str, kind: str, tail: str) -> str:
        return f"{kind}-{tail}" if code == HOME_CODE else f"{code.lower()}-{kind}-{tail}"

    # ------------------------------------------------------------------ one row
    def add_row(self, row: int, values: list[str]) -> None:
        sheet = self.sheet
        cells = sheet.cells(values)
        if len(values) > len(sheet.header) and any(v.strip() for v in values[len(sheet.header) :]):
            self.problem(
                row,
                "",
                "more cells than header columns: the extra cells are ignored "
                "(a comma inside a value needs quotes)",
            )
        raw_id = clean(cells.get("id", ""))
        ogp_id = raw_id.replace(" ", "").upper()
        match = _OGP_ID.match(ogp_id)
        if not raw_id:
            return self.problem(
                row,
                "id",
                "blank: a row needs the commitment's OGP identifier (e.g. NZ0003); row skipped",
                "error",
            )
        if not match:
            return self.problem(
                row,
                "id",
                f"{raw_id!r} is not an OGP identifier (country or "
                "locality code and number, e.g. NZ0003); row skipped",
                "error",
            )
        if ogp_id in self.seen_ids:
            return self.problem(
                row,
                "id",
                f"duplicate identifier {ogp_id}: already on row "
                f"{self.seen_ids[ogp_id]}; row skipped",
                "error",
            )
        self.seen_ids[ogp_id] = row
        code, idnum = match.group(1), int(match.group(2))
        cc = code.lower()
        existing = self.ex.by_ogp_id.get(ogp_id)
        plan_no = self._int(row, cells, "plan", required=existing is None)
        number = self._int(row, cells, "number", required=existing is None)
        member = self._member(
            row,
            code,
            clean(cells.get("member", "")),
            clean(cells.get("region", "")),
            required=existing is None,
        )
        if row in self.skipped:
            return
        plan = None
        if member is not None and plan_no is not None:
            plan = self._plan(row, member, code, plan_no, cells)
        if existing is None and plan is not None and number is not None:
            existing = self.ex.by_number.get((plan, number))
            other = existing and self.ex.commitments[existing]["oid"]
            if other and other.upper() != ogp_id:
                return self.problem(
                    row,
                    "number",
                    f"commitment {number} of action plan "
                    f"{plan_no} is {other} in the graph, not {ogp_id}; row "
                    "skipped",
                    "error",
                )
        commitment = existing or f"{ns.BASE}{cc}/commitment/{idnum}"
        if commitment in self.owner:
            first, at = self.owner[commitment]
            return self.problem(
                row,
                "id",
                f"{ogp_id} is the same commitment as {first} on row "
                f"{at} (<{commitment}>); row skipped",
                "error",
            )
        if existing is None and commitment in self.ex.subjects:
            return self.problem(
                row,
                "id",
                f"<{commitment}> is already another resource of the graph; row skipped",
                "error",
            )
        titles = [
            t for t in (clean(cells.get("short_title", "")), clean(cells.get("title", ""))) if t
        ]
        leads = self._orgs(cc, code, cells.get("lead", ""))
        if existing is None:
            missing = [
                k
                for k, ok in (
                    ("short_title" if "short_title" in self.sheet.positions else "title", titles),
                    ("lead", leads),
                )
                if not ok
            ]
            for key in missing:
                what = (
                    "a title (Short Title or Commitment Title)"
                    if key != "lead"
                    else "a lead institution"
                )
                self.problem(
                    row, key, f"blank: a new commitment needs {what}; row skipped", "error"
                )
            if missing:
                return
            ident = self._ident(code, "commitment", str(idnum))
            if ident in self.ex.ids and self.ex.ids[ident] != commitment:
                return self.problem(
                    row,
                    "id",
                    f"short identifier {ident!r} is already used by "
                    f"<{self.ex.ids[ident]}>; row skipped",
                    "error",
                )
        self.owner[commitment] = (ogp_id, row)
        self._commitment(
            row,
            commitment,
            existing is not None,
            ogp_id,
            idnum,
            code,
            plan,
            number,
            titles,
            leads,
            cells,
        )
        self.imported += 1

    def _int(self, row: int, cells: dict[str, str], key: str, required: bool) -> int | None:
        text = clean(cells.get(key, ""))
        if re.fullmatch(r"[0-9]+(\.0+)?", text) and int(float(text)) >= 1:
            return int(float(text))
        if not text:
            if required:
                self.problem(row, key, "blank: a new commitment needs it; row skipped", "error")
        elif required:
            self.problem(row, key, f"{text!r} is not a whole number from 1; row skipped", "error")
        else:
            self.problem(row, key, f"{text!r} is not a whole number from 1: ignored")
        return None

    def _member(self, row: int, code: str, name: str, region: str, required: bool) -> str | None:
        known = self.ex.members.get(code)
        member = known[0] if known else f"{ns.BASE}member/{code.lower()}"
        if known is None and member in self.ex.subjects:
            known = (member, "")
        if (
            name
            and code in self.member_names
            and name_key(name) != name_key(self.member_names[code][0])
        ):
            first, at = self.member_names[code]
            self.problem(
                row,
                "member",
                f"{name!r} differs from {first!r} (row {at}) for the "
                f"same code {code}: the first is kept",
            )
            name = ""
        if not name and known is None and code not in self.member_names:
            self.problem(
                row,
                "member",
                "blank: a new member needs its name; row skipped",
                "error" if required else "warning",
            )
            return None
        m = iri(member)
        if code not in self.member_names and name:
            self.member_names[code] = (name, row)
            self.add(m, SOURCE, self.src)
            if known is None:
                self.created["members"].add(member)
                self.add(m, RDF_TYPE, o("Member"))
                self.add(m, LABEL, lit(name))
                self.add(m, o("countryCode"), lit(code, None))
            elif name_key(name) != name_key(known[1]):
                self.add(m, ALT, lit(name))
            if region:
                self.add(
                    m, f"<{ns.SKOS}note>", lit(f"OGP region (OGP commitments sheet): {region}")
                )
        self.matched["members"].add(member)
        return member

    def _plan(self, row: int, member: str, code: str, number: int, cells: dict[str, str]) -> str:
        known = self.ex.plans.get((member, number))
        plan = known[0] if known else f"{ns.BASE}{code.lower()}/action-plan/{number}"
        if known is None and plan in self.ex.subjects:
            known = (plan, "")
        p = iri(plan)
        if plan not in self.matched["action plans"]:
            self.matched["action plans"].add(plan)
            self.add(p, SOURCE, self.src)
            if known is None:
                self.created["action plans"].add(plan)
                name = self.member_names.get(code, (code, 0))[0]
                self.add(p, RDF_TYPE, o("ActionPlan"))
                self.add(p, LABEL, lit(f"{name}: OGP action plan {number}"))
                self.add(p, IDENT, lit(self._ident(code, "action-plan", str(number)), None))
                self.add(p, o("member"), iri(member))
                self.add(p, o("actionPlanNumber"), lit(str(number), datatype="integer"))
        year = clean(cells.get("year", ""))
        if year:
            if not re.fullmatch(r"(19|20)[0-9]{2}", year):
                self.problem(row, "year", f"{year!r} is not a year (e.g. 2014): ignored")
            elif plan in self.plan_years and self.plan_years[plan][0] != year:
                first, at = self.plan_years[plan]
                self.problem(
                    row,
                    "year",
                    f"{year} differs from {first} (row {at}) for the same "
                    "action plan: the first is kept",
                )
            elif plan not in self.plan_years:
                self.plan_years[plan] = (year, row)
                self.add(p, f"<{ns.DCTERMS}dateSubmitted>", lit(year, datatype="gYear"))
        return plan

    def _orgs(self, cc: str, code: str, cell: str) -> list[str]:
        """The organisations of a cell: matched, or created as ``<cc>/org/<slug>``."""
        cached = self.cell_orgs.get((cc, cell))
        if cached is None:
            cached = self.cell_orgs[(cc, cell)] = self._resolve_orgs(cc, code, cell)
        return cached

    def _resolve_orgs(self, cc: str, code: str, cell: str) -> list[str]:
        out = []

        def known(name: str) -> bool:
            return self.ex.org(cc, name) is not None

        # a cell of organisations is read as the page field is (bracketed tails dropped)
        for name in fields.page_values(fields.field("Lead Institution"), cell, known):
            key = name_key(name)
            found = self.ex.org(cc, name) or self.new_orgs.get((cc, key))
            if found is None:
                tail = slug(name)
                found = f"{ns.BASE}{cc}/org/{tail}"
                n = 1
                while found in self.org_keys and self.org_keys[found] != key:
                    n += 1  # two names cut to the same slug
                    found = f"{ns.BASE}{cc}/org/{tail}-{n}"
                self.new_orgs[(cc, key)] = found
                if found not in self.ex.subjects:
                    self.org_keys[found] = key
                    self.created["organisations"].add(found)
                    g = iri(found)
                    self.add(g, RDF_TYPE, f"<{ns.ORG}Organization>")
                    self.add(g, LABEL, lit(name))
                    ident = self._ident(code, "org", found.rsplit("/", 1)[-1])
                    if ident not in self.ex.ids:
                        self.add(g, IDENT, lit(ident, None))
                    self.add(g, SOURCE, self.src)
            self.matched["organisations"].add(found)
            if found not in out:
                out.append(found)
        return out

    def _commitment(
        self,
        row: int,
        c_iri: str,
        existing: bool,
        ogp_id: str,
        idnum: int,
        code: str,
        plan: str | None,
        number: int | None,
        titles: list[str],
        leads: list[str],
        cells: dict[str, str],
    ) -> None:
        c = iri(c_iri)
        cc = code.lower()
        self.add(c, SOURCE, self.src)
        if existing:
            self.matched["commitments"].add(c_iri)
            info = self.ex.commitments[c_iri]
            if not info["oid"]:
                self.add(c, o("ogpIdentifier"), lit(ogp_id, None))
            for title in titles:
                if name_key(title) != name_key(info["label"]):
                    self.add(c, ALT, lit(title))
        else:
            self.created["commitments"].add(c_iri)
            self.add(c, RDF_TYPE, o("Commitment"))
            self.add(c, LABEL, lit(titles[0]))
            for title in titles[1:]:
                if name_key(title) != name_key(titles[0]):
                    self.add(c, ALT, lit(title))
            self.add(c, IDENT, lit(self._ident(code, "commitment", str(idnum)), None))
            self.add(c, o("ogpIdentifier"), lit(ogp_id, None))
            self.add(c, o("commitmentNumber"), lit(str(number), datatype="integer"))
            self.add(c, o("inActionPlan"), iri(plan or ""))
        text = clean_text(cells.get("text", ""))
        if text:
            self.add(c, f"<{ns.DCTERMS}description>", lit(text))
        for theme in fields.page_values(fields.field("Policy Areas"), cells.get("theme", "")):
            self.add(c, iri(fields.prop("theme")), lit(theme))
        for lead in leads:
            self.add(c, iri(fields.prop("lead")), iri(lead))
        for org in self._orgs(cc, code, cells.get("support", "")):
            if org not in leads:
                self.add(c, iri(fields.prop("support")), iri(org))
        url = clean(cells.get("url", ""))
        if url:
            if _URL.match(url):
                self.add(c, f"<{ns.RDFS}seeAlso>", iri(url))
            else:
                self.problem(
                    row, "url", f"{url!r} is not a web address (http:// or https://): ignored"
                )
        subject_id = f"commitment-{idnum}"
        for key, concept in VALUE_COLUMNS.items():
            self._claim(row, key, c, cc, subject_id, ogp_id, concept, cells.get(key, ""))
        self._assessment(row, c, cc, subject_id, ogp_id, cells)

    def _claim(
        self,
        row: int,
        key: str,
        c: str,
        cc: str,
        subject_id: str,
        ogp_id: str,
        concept: str,
        cell: str,
    ) -> None:
        text = clean(cell)
        word = " ".join(re.sub(r"[^\w✓✔]+", " ", text.casefold()).split())
        if not word:
            return
        if word not in YES and word not in NO:
            return self.problem(
                row,
                key,
                f"unknown value {text!r} (use Relevant/Yes/X, Not "
                "relevant/No, or leave blank): no claim recorded",
            )
        relevant = word in YES
        claim = iri(f"{ns.BASE}{cc}/claim/{self.name}/{subject_id}/{concept}")
        self.claims += 1
        self.add(claim, RDF_TYPE, o("RelevanceClaim"))
        self.add(
            claim,
            LABEL,
            lit(
                f"{ogp_id} {'relevant' if relevant else 'not relevant'} to "
                f"{COLUMNS[key].replace('OGP Value ', '')} (OGP commitments "
                f"sheet {self.file})"
            ),
        )
        self.add(claim, o("claimant"), c)
        self.add(claim, o("concept"), iri(f"{ns.VOCAB}value/{concept}"))
        self.add(claim, o("isRelevant"), lit("true" if relevant else "false", datatype="boolean"))
        self.add(claim, o("quote"), lit(text))
        self.add(claim, SOURCE, self.src)

    def _assessment(
        self, row: int, c: str, cc: str, subject_id: str, ogp_id: str, cells: dict[str, str]
    ) -> None:
        """The IRM's verdicts of a row, as one assessment: an ``ogp:ProgressAssessment`` where
        the row gives a known completion level, else an ``ogp:CommitmentReview``; the cells of
        page fields (Potential Impact, Did It Open Government) as the fields' properties
        (:data:`ogpgraph.sheet.fields.FIELDS`), every IRM cell also as ``ogp:quote``."""
        quotes: list[str] = []
        verdicts: list[tuple[str, str]] = []
        for key, scale in SCALES.items():
            text = clean(cells.get(key, ""))
            if not text:
                continue
            canonical = _SCALE_KEYS[key].get(value_key(text))
            if canonical is None:
                self.problem(row, key, f"unknown value {text!r} (use: {', '.join(scale)}): ignored")
                continue
            quotes.append(f"{self.sheet.heading(key)}: {text}")
            page_field = fields.for_column(key)
            if page_field is not None and page_field.prop is not None:
                verdicts.append((page_field.prop, canonical))
        completion = clean(cells.get("completion", ""))
        level = self.ex.completion.get(value_key(completion)) if completion else None
        if completion and level is None:
            names = "Not Started, Limited, Substantial, Complete, No Evidence Available"
            self.problem(
                row,
                "completion",
                f"unknown completion level {completion!r} (use: "
                f"{names}): no completion level recorded",
            )
        if level is None and not verdicts:
            return
        a = iri(f"{ns.BASE}{cc}/assessment/{self.name}/{subject_id}")
        self.assessments += 1
        if level is not None:
            self.add(a, RDF_TYPE, o("ProgressAssessment"))
            what = "IRM assessment"
        else:
            self.add(a, RDF_TYPE, o("CommitmentReview"))
            what = "IRM review"
        self.add(a, LABEL, lit(f"{what} of {ogp_id} (OGP commitments sheet {self.file})"))
        self.add(a, o("assessedEntity"), c)
        if level is not None:
            self.add(a, iri(fields.prop("completion")), iri(level))
            quotes.insert(0, f"{self.sheet.heading('completion')}: {completion}")
        for predicate, value in verdicts:
            self.add(a, iri(predicate), lit(value, None))
        self.add(a, o("assessmentKind"), iri(f"{ns.VOCAB}assessment-kind/irm-progress-report"))
        self.add(a, f"<{ns.PROV}wasAttributedTo>", iri(self._irm()))
        for quote in quotes:
            self.add(a, o("quote"), lit(quote))
        self.add(a, SOURCE, self.src)

    def _irm(self) -> str:
        if self.ex.irm is None:  # not in this project: describe it here
            self.ex.irm = IRM_IRI
            g = iri(IRM_IRI)
            self.add(g, RDF_TYPE, o("InternationalOrganisation"))
            self.add(g, LABEL, lit("OGP Independent Reporting Mechanism"))
            if IRM_ID not in self.ex.ids:
                self.add(g, IDENT, lit(IRM_ID, None))
            self.add(g, SOURCE, self.src)
            self.created["organisations"].add(IRM_IRI)
        return self.ex.irm
