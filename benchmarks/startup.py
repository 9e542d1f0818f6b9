#!/usr/bin/env python3
"""CLI start-up time of ogpgraph against ``python -c "import click"``, measured in the same run.

Every ``ogpgraph`` command pays for Python's start-up and its imports before doing any work, so
the commands users type most should cost little more than importing click (the project's
performance design: heavy packages are imported inside the functions that use them). This script runs each command as a fresh subprocess, in N rounds after
one warm-up (a round runs every command once, so a busy moment on the machine hits all alike):

    baseline        python -c "import click"
    --help          ogpgraph --help
    query --list    ogpgraph query --list
    query --name    ogpgraph query --name commitments   (loads the bundled graph, runs one query)

and prints the median and minimum wall-clock time of each, the ratio of its median to the
baseline's median (1.00 = as cheap as importing click), and the same for CPU time (user +
system, from ``getrusage``), which is steadier on a shared machine; ``python -c pass`` is shown
for reference. It then runs each command once under ``python -X importtime`` and splits its
import time by top-level package (standard library apart), marking with * the heavy packages
that must be imported only where needed (rdflib, pyoxigraph, pyshacl, networkx, pyvis, rich,
…), so that a regression (say, pyvis imported by ``--help``) shows up as a new entry.

Run (from anywhere; the bundled graph is the repository's own graph/ and ontology/)::

    python benchmarks/startup.py              # 10 rounds
    python benchmarks/startup.py -n 30 --json

Nothing is written; nothing reaches the network.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: packages kept off the start-up path (imported inside the functions that use them)
HEAVY = (
    "rdflib",
    "pyoxigraph",
    "pyshacl",
    "networkx",
    "pyvis",
    "rich",
    "IPython",
    "jinja2",
    "owlrl",
    "numpy",
    "pandas",
    "scipy",
    "requests",
    "urllib3",
    "html5lib",
    "pygments",
    "markdown_it",
    "isodate",
    "pyparsing",
    "jsonpickle",
    "prettytable",
    "packaging",
)


def ogpgraph_command() -> list[str]:
    """How to run the console script with this interpreter."""
    script = Path(sys.executable).parent / "ogpgraph"
    if script.is_file():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "ogpgraph.cli.main"]


def commands(root: Path) -> list[tuple[str, list[str], bool]]:
    """(name, argv, is_baseline)."""
    og = ogpgraph_command()
    return [
        ('python -c "import click"', [sys.executable, "-c", "import click"], True),
        ("python -c pass (reference)", [sys.executable, "-c", "pass"], False),
        ("ogpgraph --help", [*og, "--help"], False),
        ("ogpgraph query --list", [*og, "query", "--list"], False),
        (
            "ogpgraph query --name commitments",
            [*og, "query", "--name", "commitments", "--root", str(root)],
            False,
        ),
    ]


def run_once(argv: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall-clock and CPU seconds (user + system) of one run of a command, exit code, stderr."""
    env = dict(os.environ)
    env.pop("OGPGRAPH_ROOT", None)
    env.pop("OGPGRAPH_STORE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        argv,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, proc.returncode, proc.stderr.decode("utf-8", "replace")


def import_profile(argv: list[str], cwd: Path) -> dict:
    """Import cost of a command by top-level package (one ``-X importtime`` run).

    Each module's own ("self") import time is attributed to its top-level package, standard
    library modules to ``(stdlib)``, so the parts add up to the total import time.
    """
    full = [argv[0], "-X", "importtime", *argv[1:]]
    proc = subprocess.run(
        full, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    line_re = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s+(\S+)")
    stdlib = set(getattr(sys, "stdlib_module_names", ())) | {
        "encodings",
        "site",
        "sitecustomize",
        "org",
    }  # org.python.core: copy's Jython probe
    packages: dict[str, float] = {}
    total = 0.0
    modules = 0
    for line in proc.stderr.decode("utf-8", "replace").splitlines():
        match = line_re.match(line)
        if not match:
            continue
        own_ms, name = int(match.group(1)) / 1000.0, match.group(3)
        top = name.split(".")[0]
        key = "(stdlib)" if top in stdlib or top.startswith("_") else top
        packages[key] = packages.get(key, 0.0) + own_ms
        total += own_ms
        modules += 1
    return {
        "modules": modules,
        "import_ms": round(total, 1),
        "packages": {k: round(v, 1) for k, v in sorted(packages.items(), key=lambda kv: -kv[1])},
        "heavy": sorted(p for p in packages if p in HEAVY),
    }


def measure(repeat: int, root: Path) -> dict:
    cmds = commands(root)
    for _name, argv, _b in cmds:  # warm-up: file cache, .pyc files
        run_once(argv, root)
    wall: dict[str, list[float]] = {name: [] for name, _a, _b in cmds}
    cpu: dict[str, list[float]] = {name: [] for name, _a, _b in cmds}
    last: dict[str, tuple[int, str]] = {}
    for _ in range(repeat):  # rounds, so that a busy moment hits every command alike
        for name, argv, _b in cmds:
            elapsed, used, code, err = run_once(argv, root)
            wall[name].append(elapsed)
            cpu[name].append(used)
            last[name] = (code, err)
    results = []
    for name, argv, baseline in cmds:
        code, err = last[name]
        results.append(
            {
                "command": name,
                "argv": argv[1:],
                "baseline": baseline,
                "exit_code": code,
                "error": err.strip().splitlines()[-1] if code != 0 and err.strip() else None,
                "median_s": statistics.median(wall[name]),
                "min_s": min(wall[name]),
                "cpu_median_s": statistics.median(cpu[name]),
                "times_s": [round(t, 5) for t in wall[name]],
            }
        )
    base = next(r for r in results if r["baseline"])
    for r in results:
        r["ratio"] = r["median_s"] / base["median_s"]
        r["cpu_ratio"] = r["cpu_median_s"] / base["cpu_median_s"]
    profiles = {
        name: import_profile(argv, root)
        for name, argv, _b in commands(root)
        if name.startswith("ogpgraph")
    }
    return {
        "benchmark": "startup",
        "date": time.strftime("%Y-%m-%d"),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "repeat": repeat,
        "root": str(root),
        "results": results,
        "imports": profiles,
    }


def print_table(report: dict) -> None:
    print(
        f"CLI start-up, {report['repeat']} rounds after one warm-up, Python {report['python']}, "
        f"{report['cpus']} CPUs, {report['date']}"
    )
    print(
        'ratio = median wall-clock time / the baseline\'s (python -c "import click"); cpu ratio = '
        "the same of CPU time\n(user + system), which other processes on the machine disturb less\n"
    )
    head = (
        f"{'command':<36} {'median ms':>10} {'min ms':>8} {'ratio':>7} "
        f"{'cpu ms':>7} {'cpu ratio':>9}"
    )
    print(head)
    print("-" * len(head))
    for r in report["results"]:
        flag = "" if r["exit_code"] == 0 else f"  (exit {r['exit_code']}: {r['error']})"
        tag = "  baseline" if r["baseline"] else ""
        print(
            f"{r['command']:<36} {r['median_s'] * 1000:>10.1f} {r['min_s'] * 1000:>8.1f} "
            f"{r['ratio']:>6.2f}x {r['cpu_median_s'] * 1000:>7.1f} {r['cpu_ratio']:>8.2f}x"
            f"{tag}{flag}"
        )
    print(
        "\nImport time by top-level package (ms of each package's own modules, one -X importtime "
        "run); * = heavy, to be imported only where used"
    )
    for name, prof in report["imports"].items():
        parts = [
            f"{'*' if p in prof['heavy'] else ''}{p} {ms:.0f}" for p, ms in prof["packages"].items()
        ]
        print(f"  {name}: {prof['modules']} modules, {prof['import_ms']:.0f} ms importing")
        print(f"    {', '.join(parts) or '(none)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Start-up time of ogpgraph commands against python -c 'import click'."
    )
    parser.add_argument(
        "-n", "--repeat", type=int, default=10, help="rounds: runs per command (default 10)"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=REPO,
        help="project for `query --name` (default: the repository, the bundled graph)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--render",
        type=Path,
        metavar="FILE",
        help="print the table of a saved --json output, measuring nothing",
    )
    args = parser.parse_args(argv)
    if args.render is not None:
        print_table(json.loads(args.render.read_text(encoding="utf-8")))
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    report = measure(args.repeat, args.root.resolve())
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
