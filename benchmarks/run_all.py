"""Run every benchmark and print their tables: the figures in README.md's Performance section.

Each script measures ogpgraph against a baseline measured in the same run (see
benchmarks/README.md). This runner only sequences them — one at a time, so they do not compete
for the two cores — and collects their output into one Markdown report.

Usage::

    python benchmarks/run_all.py                  # the README's table: 10k/100k/1M, 30k sheet rows
    python benchmarks/run_all.py --quick          # smaller sizes, a few minutes
    python benchmarks/run_all.py -o results.md    # also write the report to a file

Bounded: every script has its own time limits; the full run takes about 15–25 minutes on the
2-core machine the README figures come from.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ("Start-up", ["startup.py", "-n", "20"]),
    (
        "Load and stored queries",
        ["load_query.py", "--sizes", "10000,100000,1000000", "--format", "nq"],
    ),
    ("Projection, coverage, gaps, agencies", ["analysis.py", "--sizes", "100000,1000000"]),
    ("HTML views", ["views.py"]),
    ("SPARQL endpoint", ["endpoint.py", "--synth-triples", "1000000"]),
    ("OGP sheet import", ["import_sheet.py", "--rows", "30000"]),
]
QUICK = [
    ("Start-up", ["startup.py", "-n", "5"]),
    ("Load and stored queries", ["load_query.py", "--sizes", "10000,100000"]),
    ("Projection, coverage, gaps, agencies", ["analysis.py", "--sizes", "100000", "--repeat", "1"]),
    ("HTML views", ["views.py", "--sizes", "1000", "--browser-sizes", "1000"]),
    ("SPARQL endpoint", ["endpoint.py", "--rounds", "5"]),
    ("OGP sheet import", ["import_sheet.py", "--rows", "3000"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (minutes, not tens)")
    parser.add_argument("-o", "--output", type=Path, help="also write the Markdown report here")
    parser.add_argument("--only", help="run only the benchmarks whose title contains this text")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    lines = [
        "# ogpgraph benchmarks",
        "",
        f"{datetime.date.today().isoformat()}, {platform.machine()}, "
        f"{_cores()} cores, Python {platform.python_version()}"
        + (" (quick sizes)" if args.quick else ""),
        "",
    ]
    failed = []
    for title, command in plan:
        if args.only and args.only.lower() not in title.lower():
            continue
        print(f"== {title}: {' '.join(command)}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(HERE / command[0]), *command[1:]],
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.perf_counter() - start
        lines += [
            f"## {title}",
            "",
            f"`python benchmarks/{' '.join(command)}` ({took:.0f} s)",
            "",
            "```",
            done.stdout.rstrip(),
            "```",
            "",
        ]
        if done.returncode != 0:
            failed.append(title)
            lines += ["Failed:", "", "```", done.stderr.rstrip()[-2000:], "```", ""]
    report = "\n".join(lines)
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        sys.exit(1)


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
