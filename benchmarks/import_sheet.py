#!/usr/bin/env python3
"""Benchmark ``ogpgraph import ogp-sheet`` on a synthetic OGP commitments sheet.

The sheet comes from ``benchmarks/synth.py --sheet-rows N`` (or, where that script is missing,
from a small generator here with the same columns). It is imported into a copy of the
repository's project (ontology/ and graph/, previous imports left out), so the importer matches
against the real New Zealand graph as a user's import does.

Each measurement runs in a fresh Python process; peak memory is that process's maximum resident
set size (``resource.getrusage``). The baseline, measured in the same run on the same file, is
what any importer must do at least: read the CSV with the csv module and build the same number
of pyoxigraph quads as the import writes, then serialise them to an N-Quads file. Ratios are
against it. Nothing here reaches the network.

Run::

    python benchmarks/import_sheet.py                # 30,000 rows
    python benchmarks/import_sheet.py --rows 5000 --repeat 3
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

IMPORT = r"""
import json, resource, sys, time
from ogpgraph.sheet.importer import import_sheet
sheet, project, out = sys.argv[1:4]
start = time.perf_counter()
result = import_sheet(sheet, project, output_dir=out)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "rows": result.counts["rows"], "imported": result.counts["imported"],
                  "triples": result.counts["triples"], "written": result.written,
                  "problems": len(result.issues)}))
"""

BASELINE = r"""
import csv, json, resource, sys, time
import pyoxigraph as ox
sheet, out, triples = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = time.perf_counter()
with open(sheet, encoding="utf-8-sig", newline="") as handle:
    rows = list(csv.reader(handle))
header, rows = rows[0], rows[1:]
per_row = -(-triples // max(1, len(rows)))
graph = ox.NamedNode("https://w3id.org/ogpgraph/graph/imports/baseline")
predicates = [ox.NamedNode(f"https://w3id.org/ogpgraph/baseline#p{i}") for i in range(per_row)]
quads = []
for n, row in enumerate(rows):
    subject = ox.NamedNode(f"https://w3id.org/ogpgraph/baseline/{n}")
    for i in range(per_row):
        if len(quads) == triples:
            break
        quads.append(ox.Quad(subject, predicates[i], ox.Literal(row[i % len(row)]), graph))
with open(out, "wb") as handle:
    handle.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "rows": len(rows), "triples": len(quads)}))
"""

CSV_ONLY = r"""
import csv, json, resource, sys, time
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
    rows = sum(1 for _ in csv.reader(handle)) - 1
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "rows": rows}))
"""

COLUMNS = [
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


def fallback_sheet(path: Path, rows: int, seed: int = 42) -> None:
    """A synthetic sheet with the OGP's columns (used only when benchmarks/synth.py is absent)."""
    rng = random.Random(seed)
    areas = ["Health", "Education", "Justice", "Finance", "Environment", "Transport"]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        members = max(1, rows // 400)
        for n in range(rows):
            m = n % members
            code = "".join(chr(65 + (m // 26**k) % 26) for k in (2, 1, 0))
            num = n // members + 1
            area = areas[rng.randrange(len(areas))]
            writer.writerow(
                [
                    f"{code}{num:04d}",
                    f"Member {code}",
                    "Europe",
                    f"Open Data, {area}",
                    2012 + 2 * ((num - 1) // 50),
                    1 + (num - 1) // 50,
                    num,
                    f"Open {area.lower()} data {num}",
                    f"Open {area.lower()} data",
                    f"Publish {area.lower()} data.\nMilestones: one; two.",
                    f"Ministry of {area}",
                    f"{area} Watch; Open Knowledge {code}",
                    f"https://www.opengovpartnership.org/commitments/{code}{num:04d}/",
                    *["Relevant" if rng.random() < p else "" for p in (0.6, 0.5, 0.4, 0.3)],
                    rng.choice(["Low", "Medium", "High"]),
                    rng.choice(["Minor", "Moderate"]),
                    rng.choice(["Not Started", "Limited", "Substantial", "Complete"]),
                    rng.choice(["", "Marginal", "Major"]),
                ]
            )


def make_sheet(work: Path, rows: int) -> tuple[Path, str]:
    synth = REPO / "benchmarks" / "synth.py"
    if synth.is_file():
        done = subprocess.run(
            [
                sys.executable,
                str(synth),
                "--triples",
                "2000",
                "--out",
                str(work / "synth"),
                "--sheet-rows",
                str(rows),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        sheet = work / "synth" / "ogp-sheet.csv"
        if done.returncode == 0 and sheet.is_file():
            return sheet, "benchmarks/synth.py --sheet-rows"
    sheet = work / "ogp-sheet.csv"
    fallback_sheet(sheet, rows)
    return sheet, "fallback generator (benchmarks/synth.py not found)"


def make_project(work: Path) -> Path:
    project = work / "project"
    shutil.copytree(REPO / "ontology", project / "ontology")
    shutil.copytree(REPO / "graph", project / "graph", ignore=shutil.ignore_patterns("imports"))
    return project


def run(code: str, *args: str) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best(code: str, repeat: int, *args: str) -> dict:
    runs = [run(code, *args) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"]) | {"peak_kb": max(r["peak_kb"] for r in runs)}


def peak_mb(kb: int) -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    return kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=30000, help="sheet rows (default 30000)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs of each step; the fastest is reported (default 1)",
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="ogpgraph-bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sheet, origin = make_sheet(work, args.rows)
        project = make_project(work)
        # a first import writes the file (a fresh output folder each time); a re-import of
        # the same file finds the same bytes and leaves it alone
        firsts = [
            run(IMPORT, str(sheet), str(project), str(work / f"out-{i}"))
            for i in range(args.repeat)
        ]
        first = min(firsts, key=lambda r: r["seconds"]) | {
            "peak_kb": max(r["peak_kb"] for r in firsts)
        }
        again = best(IMPORT, args.repeat, str(sheet), str(project), str(work / "out-0"))
        assert first["written"] and not again["written"]
        base = best(
            BASELINE, args.repeat, str(sheet), str(work / "baseline.nq"), str(first["triples"])
        )
        floor = best(CSV_ONLY, args.repeat, str(sheet))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    import pyoxigraph

    rows = [
        ("ogpgraph import ogp-sheet", first, True),
        ("  re-import, same file (unchanged)", again, True),
        ("baseline: csv + pyoxigraph quads", base, False),
        ("  for reference: csv read only", floor, True),
    ]
    print(
        f"Sheet import benchmark: {first['rows']:,} rows ({origin}), "
        f"{first['triples']:,} triples written, {first['problems']} problem(s)"
    )
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs{load}, Python "
        f"{platform.python_version()}, pyoxigraph {pyoxigraph.__version__}"
    )
    print(f"Each step in a fresh process; best of {args.repeat}; ratios against the baseline.\n")
    header = ("step", "seconds", "rows/s", "peak MB", "time ×", "memory ×")
    table = []
    for name, r, ratio in rows:
        table.append(
            (
                name,
                f"{r['seconds']:.2f}",
                f"{r['rows'] / r['seconds']:,.0f}",
                f"{peak_mb(r['peak_kb']):.0f}",
                f"{r['seconds'] / base['seconds']:.2f}" if ratio else "1.00",
                f"{r['peak_kb'] / base['peak_kb']:.2f}" if ratio else "1.00",
            )
        )
    widths = [max(len(str(x)) for x in col) for col in zip(header, *table, strict=True)]
    for line in (header, tuple("-" * w for w in widths), *table):
        print(
            "  ".join(
                str(v).ljust(w) if i == 0 else str(v).rjust(w)
                for i, (v, w) in enumerate(zip(line, widths, strict=True))
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
