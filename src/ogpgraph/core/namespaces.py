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
