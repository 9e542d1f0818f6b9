#!/usr/bin/env python3
"""Stored queries that scale badly, against equivalent rewrites: time and identical results.

``load_query.py`` shows a few stored queries growing much faster than the data (stopped after
60 s at 1,000,000 triples). This script backs the diagnosis: for each of them it runs the
stored text and a rewrite that returns the same rows, on synthetic data from ``synth.py``, and
prints both times, the ratio (stored / rewrite) and whether the rows are the same (as a
multiset; ``same order`` too when the ORDER BY is total).

The rewrites follow three rules that Oxigraph's evaluator rewards:

- ``FILTER NOT EXISTS { … }`` → ``MINUS { … }`` when the inner pattern shares variables with
  the outer one: MINUS is one anti-join, NOT EXISTS re-evaluates its pattern for every row, and
  that pattern starts from an unbound variable (every link, every case study…), so the cost is
  rows × data: quadratic;
- ``BIND(EXISTS { … } AS ?x)`` / ``FILTER EXISTS`` → ``OPTIONAL { SELECT DISTINCT … }`` or a
  ``GROUP BY`` subquery computed once and joined;
- a pattern joined with a ``UNION`` (or a property path such as ``a/rdfs:subClassOf*`` joined
  with one) → the pattern repeated inside each branch, or materialised in a sub-SELECT first.

Each (size, query, variant) runs in a fresh process with a ``--timeout``. Run::

    python benchmarks/query_rewrites.py                     # 10k and 100k (~1 min)
    python benchmarks/query_rewrites.py --sizes 1000000 --timeout 60

This is a diagnostic: the rewrites belong in src/ogpgraph/queries/*.rq. The stored text is read
afresh each run; a rewrite derived from it (NOT EXISTS → MINUS) is skipped once the stored query
no longer needs it, and a full-text rewrite whose rows differ from the stored query's is reported
as DIFFERENT (the stored query changed meaning: update the rewrite or drop it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

PREFIXES = """PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

ASSESSMENTS_COMPARED = PREFIXES + """
SELECT DISTINCT ?item ?id ?kind ?level ?date ?assessor ?agrees
WHERE {
  { SELECT ?item (COUNT(DISTINCT ?lv) AS ?levels) WHERE {
      ?b a ogp:ProgressAssessment ; ogp:assessedEntity ?item .
      OPTIONAL { ?b ogp:completionLevel ?lv } }
    GROUP BY ?item HAVING (COUNT(DISTINCT ?b) > 1) }
  ?a a ogp:ProgressAssessment ; ogp:assessedEntity ?item ; ogp:completionLevel ?l .
  ?l skos:prefLabel ?level .
  OPTIONAL { ?item dcterms:identifier ?id }
  OPTIONAL { ?a ogp:assessmentKind/skos:prefLabel ?kind }
  OPTIONAL { ?a ogp:date ?date } OPTIONAL { ?a prov:wasAttributedTo ?assessor }
  BIND(?levels = 1 AS ?agrees)
}
ORDER BY ?item ?date ?kind
"""

COVERAGE_MATRIX = PREFIXES + """
SELECT ?item ?id ?concept ?conceptLabel ?claimed ?evidenced
WHERE {
  VALUES ?class { ogp:Commitment ogp:FocusArea ogp:Result }
  ?item a ?class ; dcterms:identifier ?id .
  VALUES ?scheme { <https://w3id.org/ogpgraph/vocab/value> <https://w3id.org/ogpgraph/vocab/challenge> }
  ?concept skos:inScheme ?scheme ; skos:prefLabel ?conceptLabel .
  OPTIONAL { SELECT DISTINCT ?item ?concept (true AS ?isClaimed) WHERE {
    { ?x ogp:claimant ?item ; ogp:isRelevant true ; ogp:concept ?concept ; ogp:inTable ?t . }
    UNION
    { VALUES ?plan { ogp:Commitment ogp:FocusArea } ?item a ?plan .
      ?x ogp:claimant ?item ; ogp:isRelevant true ; ogp:concept ?concept .
      MINUS { ?y ogp:claimant ?item ; ogp:inTable ?t2 } }
    UNION
    { ?item a ogp:Result . ?x ogp:claimant ?item ; ogp:isRelevant true ; ogp:concept ?concept . }
    UNION
    { ?item a ogp:Result . ?f ogp:focusesOn ?item .
      ?x ogp:claimant ?f ; ogp:isRelevant true ; ogp:concept ?concept .
      MINUS { ?x ogp:inTable ?t3 } }
  } }
  OPTIONAL { SELECT DISTINCT ?item ?concept (true AS ?isEvidenced) WHERE {
    { ?cs a ogp:CaseStudy ; ogp:demonstrates ?concept ; ogp:illustrates ?item .
      VALUES ?k1 { ogp:Commitment ogp:FocusArea } ?item a ?k1 . }
    UNION
    { ?cs a ogp:CaseStudy ; ogp:demonstrates ?concept ; ogp:illustrates ?part .
      ?part (ogp:focusOf|ogp:partOfProgramme|^ogp:focusesOn)+ ?item .
      VALUES ?k2 { ogp:Commitment ogp:FocusArea } ?item a ?k2 . }
    UNION
    { ?cs a ogp:CaseStudy ; ogp:demonstrates ?concept ; ogp:illustrates ?item . ?item a ogp:Result . }
    UNION
    { ?cs a ogp:CaseStudy ; ogp:demonstrates ?concept ; ogp:illustrates ?part .
      ?part ogp:focusesOn ?item . ?item a ogp:Result . }
  } }
  BIND(BOUND(?isClaimed) AS ?claimed)
  BIND(BOUND(?isEvidenced) AS ?evidenced)
}
ORDER BY ?class ?id ?scheme ?concept
"""

REC_STATUS = PREFIXES + """
SELECT DISTINCT ?id ?recommendation ?status ?assertedBy ?via ?date ?graph
WHERE {
  {
    VALUES ?recommendationType { ogp:Recommendation ogp:RecommendationPart }
    ?recommendation a ?recommendationType ; dcterms:identifier ?id .
    GRAPH ?graph { ?a a ogp:StatusAssessment ; ogp:assessedEntity ?recommendation ; ogp:status ?s . }
    ?s skos:notation ?status .
    OPTIONAL { ?a prov:wasAttributedTo/rdfs:label ?assertedBy }
    OPTIONAL { ?a ogp:date ?date }
    BIND("status assessment" AS ?via)
  } UNION {
    VALUES ?recommendationType { ogp:Recommendation ogp:RecommendationPart }
    ?recommendation a ?recommendationType ; dcterms:identifier ?id .
    GRAPH ?graph { ?link ogp:recommendation ?recommendation ; ogp:assessedStatus ?s ; prov:wasAttributedTo ?who . }
    ?s skos:notation ?status .
    OPTIONAL { ?who rdfs:label ?assertedBy }
    OPTIONAL { ?link dcterms:date ?date }
    BIND("link table" AS ?via)
  }
}
ORDER BY ?id ?graph ?date
"""

def rewrite(name: str, text: str) -> tuple[str | None, str]:
    """(the rewrite of a stored query, or None; why not)."""
    if name in ("recommendations-without-response", "claimed-not-evidenced"):
        if "FILTER NOT EXISTS {" not in text:
            return None, "the stored query has no FILTER NOT EXISTS left (already rewritten)"
        return text.replace("FILTER NOT EXISTS {", "MINUS {"), ""
    if name == "assessments-compared":
        if "FILTER EXISTS" not in text:
            return None, "the stored query has no FILTER EXISTS left (already rewritten)"
        return ASSESSMENTS_COMPARED, ""
    if name == "coverage-matrix":
        return COVERAGE_MATRIX, ""
    if name == "recommendation-status-by-source":
        return REC_STATUS, ""
    return None, "no rewrite"


NAMES = ("coverage-matrix", "claimed-not-evidenced", "recommendations-without-response",
         "assessments-compared", "recommendation-status-by-source")


def worker(root: str, name: str, variant: str) -> None:
    from ogpgraph.queries import stored_queries
    from ogpgraph.store import KnowledgeGraph

    text = stored_queries()[name].text
    if variant == "rewrite":
        text = rewrite(name, text)[0]
    kg = KnowledgeGraph.load(root)
    walls: list[float] = []
    cpus: list[float] = []
    while len(walls) < 5 and sum(walls) < 2.0:  # up to 5 runs, fewer for slow queries
        wall, cpu = time.perf_counter(), time.process_time()
        rows = [tuple(None if v is None else str(v) for v in row)
                for row in kg.store.query(text, use_default_graph_as_union=True)]
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    print(json.dumps({"seconds": statistics.median(walls), "cpu_seconds": statistics.median(cpus),
                      "runs": len(walls), "rows": rows}))


def measure(root: Path, name: str, variant: str, timeout: float) -> dict:
    try:
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(root), name, variant],
            capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if proc.returncode != 0:
        raise RuntimeError(f"{name} ({variant}) failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


def print_table(report: dict) -> None:
    print(f"Stored query vs rewrite, {report['cpus']} CPUs, {report['date']}, seed {report['seed']}: "
          f"median wall-clock ms of up to 5 runs (load excluded);\nratio = stored / rewrite; "
          f"'>T s' = stopped after T s (load included). Same rows = same multiset of rows.\n")
    head = f"{'triples':>9}  {'query':<34} {'stored ms':>10} {'rewrite ms':>10} {'ratio':>7}  rows"
    print(head)
    print("-" * (len(head) + 22))
    for e in report["results"]:
        if "skipped" in e:
            print(f"{e['size']:>9,}  {e['query']:<34} {e['skipped']}")
            continue
        a, b = e["stored"], e["rewrite"]
        sa = f">{a['timeout']:.0f} s" if "timeout" in a else f"{a['seconds'] * 1000:.1f}"
        sb = f">{b['timeout']:.0f} s" if "timeout" in b else f"{b['seconds'] * 1000:.1f}"
        r = (f"{a['seconds'] / b['seconds']:.0f}x" if "seconds" in a and "seconds" in b and b["seconds"]
             else (f">{a['timeout'] / b['seconds']:.0f}x" if "timeout" in a and "seconds" in b else "n/a"))
        if "same_rows" in e:
            same = (f"{b['rows']:,}, same" + (" (same order)" if e["same_order"] else
                                              " (ties ordered differently)")
                    if e["same_rows"] else f"DIFFERENT: {a['rows']:,} vs {b['rows']:,}")
        else:
            same = f"{b.get('rows', 0):,} (stored not finished)"
        print(f"{e['size']:>9,}  {e['query']:<34} {sa:>10} {sb:>10} {r:>7}  {same}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        worker(*argv[1:4])
        return 0
    parser = argparse.ArgumentParser(
        description="Badly scaling stored queries against equivalent rewrites (time, same rows).")
    parser.add_argument("--sizes", default="10000,100000", help="triple counts (default 10000,100000)")
    parser.add_argument("--seed", type=int, default=42, help="generator seed (default 42)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds before a run is stopped (default 60; load included)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--render", type=Path, metavar="FILE",
                        help="print the table of a saved --json output, measuring nothing")
    args = parser.parse_args(argv)
    if args.render is not None:
        print_table(json.loads(args.render.read_text(encoding="utf-8")))
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up the temporary folder
    sys.path.insert(0, str(HERE))
    import synth

    from ogpgraph.queries import stored_queries

    stored = stored_queries()
    report = {"benchmark": "query_rewrites", "date": time.strftime("%Y-%m-%d"),
              "cpus": os.cpu_count(), "seed": args.seed, "timeout_s": args.timeout, "results": []}
    tmp = Path(tempfile.mkdtemp(prefix="ogpgraph-bench-rewrites-"))
    try:
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            root = tmp / f"synth-{size}"
            synth.generate(size, root, seed=args.seed)
            for name in NAMES:
                entry = {"size": size, "query": name}
                why = "no such stored query" if name not in stored else rewrite(name, stored[name].text)[1]
                if why:
                    entry["skipped"] = why
                    report["results"].append(entry)
                    continue
                print(f"{size:,} {name}…", file=sys.stderr, flush=True)
                a = measure(root, name, "stored", args.timeout)
                b = measure(root, name, "rewrite", args.timeout)
                for key, res in (("stored", a), ("rewrite", b)):
                    entry[key] = {k: v for k, v in res.items() if k != "rows"}
                    if "rows" in res:
                        entry[key]["rows"] = len(res["rows"])
                if "rows" in a and "rows" in b:
                    entry["same_rows"] = sorted(a["rows"], key=str) == sorted(b["rows"], key=str)
                    entry["same_order"] = a["rows"] == b["rows"]
                report["results"].append(entry)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
