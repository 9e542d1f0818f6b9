"""IRIs of the project: base, named graphs, ontology namespace and the prefixes used everywhere.

Plain strings, so that importing this module costs nothing.
"""

from __future__ import annotations

BASE = "https://w3id.org/ogpgraph/"
OGP = BASE + "ontology#"
SHAPES = BASE + "shapes#"
VOCAB = BASE + "vocab/"
GRAPH = BASE + "graph/"
SOURCE = BASE + "source/"
DATASET = BASE + "dataset"

ONTOLOGY_GRAPH = GRAPH + "ontology"
SEED_GRAPH = GRAPH + "nz-sar-2016"
EXTERNAL_GRAPH = GRAPH + "external"
LINKS_GRAPH_PREFIX = GRAPH + "links/"
#: the named graphs of the sources after the 2016 report (graph/later/: the later plans, the IRM)
LATER_GRAPH_PREFIX = GRAPH + "later/"
SEED_REPORT = SOURCE + "nz-sar-2016"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
SH = "http://www.w3.org/ns/shacl#"

#: Prefixes for serialisation and for ad-hoc queries (stored queries declare their own).
PREFIXES: dict[str, str] = {
    "ogp": OGP,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "foaf": FOAF,
    "dcat": DCAT,
    "void": VOID,
    "sh": SH,
    "sh-ogp": SHAPES,
    "value": VOCAB + "value/",
    "challenge": VOCAB + "challenge/",
    "completion": VOCAB + "completion/",
    "pillar": VOCAB + "pillar/",
    "status": VOCAB + "recommendation-status/",
    "relation": VOCAB + "link-relation/",
    "src": SOURCE,
    "nz": BASE + "nz/",
    "graph": GRAPH,
}

#: Folders of the project's own IRIs that get a prefix of their own, named after the prefix of
#: their parent and the folder (``nz-commitment:`` for ``nz:`` + ``commitment/``), so that their
#: members print as valid prefixed names: ``nz-commitment:3`` where ``nz:commitment/3`` is not
#: SPARQL (a local name may not hold an unescaped ``/``). Deeper IRIs (claims, statements,
#: assessments, link rows) print in full. Entity folders of graph/README.md, the report's
#: sections and the table kinds of graph/links/ and graph/assessments/.
FOLDERS: tuple[tuple[str, str], ...] = (
    *(
        ("nz", folder + "/")
        for folder in (
            "action-plan",
            "bps-result",
            "case-study",
            "channel",
            "commitment",
            "document",
            "event",
            "figure",
            "focus-area",
            "initiative",
            "milestone",
            "nis-2013",
            "nis-2013/recommendation",
            "org",
            "person",
            "post",
            "result-area",
            "target",
        )
    ),
    ("src", "nz-sar-2016/"),
    ("src", "links/"),
    ("src", "assessments/"),
    ("graph", "links/"),
    ("graph", "assessments/"),
)


def folder_prefix(parent: str, folder: str) -> str:
    """The prefix name of a folder of :data:`FOLDERS`: ``nz`` + ``nis-2013/recommendation/`` is
    ``nz-nis-2013-recommendation``."""
    return parent + "-" + folder.strip("/").replace("/", "-")


PREFIXES.update(
    {folder_prefix(parent, folder): PREFIXES[parent] + folder for parent, folder in FOLDERS}
)
