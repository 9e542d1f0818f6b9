"""Every command has help with examples, and the console script itself runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ogpgraph.cli.main import COMMANDS, SHORT_HELP


def test_top_level_help_lists_every_command(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_examples(cli, name):
    result = cli(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert "Example" in result.output or "example" in result.output
    assert SHORT_HELP.get(name), f"{name} has no short help line"


def test_console_script_runs(tmp_path):
    """Smoke-test the installed entry point (not just the click object)."""
    out = subprocess.run(
        [sys.executable, "-m", "ogpgraph.cli.main", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0
    assert "ogpgraph" in out.stdout


def test_help_does_not_import_heavy_libraries():
    """`ogpgraph --help` must stay instant: no rdflib, pyoxigraph, pyshacl, networkx, pyvis."""
    code = (
        "import sys; from ogpgraph.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rdflib', 'pyoxigraph', 'pyshacl', 'networkx', 'pyvis', 'rich')"
        " if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY=\n" in out.stdout or out.stdout.strip().endswith("HEAVY=")
