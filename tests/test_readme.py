"""The README's console examples are true: each ``$ ogpgraph …`` line is run and what the README
shows under it must be what the command prints.

The commands run in a copy of the project (so ``build`` writes there, not into the checkout) with
the CLI in process. ``…`` in the README stands for any text. A command with nothing shown under it
must succeed. ``serve`` runs until stopped and is covered by the server tests instead.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

#: files a README example refers to that a reader would write themselves
EXAMPLE_FILES = {
    "my-links.csv": (
        "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
        "nis-rec-5,comitment-3,adresses,,TINZ's reading of the 2016 self-assessment,,"
        "org-transparency-international-new-zealand,2016\n"
    ),
}
NOT_RUN = ("ogpgraph serve",)


def examples() -> list[tuple[int, str, list[str]]]:
    """(line number, command, expected output lines) for every ``$ ogpgraph`` line."""
    found: list[tuple[int, str, list[str]]] = []
    in_console = False
    current: tuple[int, str, list[str]] | None = None
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```"):
            if current:
                found.append(current)
                current = None
            in_console = line.strip() == "```console" and not in_console
            continue
        if not in_console:
            continue
        if line.startswith("$ "):
            if current:
                found.append(current)
            current = (number, line[2:], [])
        elif current is not None:
            current[2].append(line)
    return [example for example in found if example[1].startswith("ogpgraph ")]


def _pattern(expected: list[str]) -> re.Pattern[str]:
    text = "\n".join(line.rstrip() for line in expected).strip("\n")
    return re.compile(r"\A" + r".*?".join(map(re.escape, text.split("…"))) + r"\Z", re.DOTALL)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("readme") / "ogpgraph"
    for name in ("graph", "ontology"):  # no exports: as after a fresh clone
        shutil.copytree(ROOT / name, copy / name)
    for name, text in EXAMPLE_FILES.items():
        (copy / name).write_text(text, encoding="utf-8")
    return copy


def test_the_readme_has_console_examples() -> None:
    assert len(examples()) >= 8


@pytest.mark.parametrize(
    ("command", "expected"),
    [pytest.param(c, e, id=f"README.md:{n}") for n, c, e in examples()],
)
def test_console_example(
    command: str, expected: list[str], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if command.startswith(NOT_RUN):
        pytest.skip("a server runs until stopped: see tests/test_serve.py")
    from ogpgraph.cli.main import cli

    monkeypatch.chdir(project)
    monkeypatch.delenv("OGPGRAPH_ROOT", raising=False)
    argv = shlex.split(command, comments=True)[1:]
    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    output = result.output.rstrip("\n")
    if not any(line.strip() for line in expected):
        assert result.exit_code == 0, output
        return
    assert result.exit_code in (0, 1), output
    assert _pattern(expected).match(output), (
        "README shows:\n" + "\n".join(expected) + f"\n\nthe command printed:\n{output}"
    )


def test_the_readme_python_examples_run(monkeypatch) -> None:
    """Every ```pycon block of the README runs as a doctest from the repository's root."""
    import doctest

    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", text, flags=re.S)
    assert blocks, "the README shows Python"
    monkeypatch.chdir(README.parent)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(blocks, start=1):
        test = parser.get_doctest(block, {}, f"README pycon block {number}", str(README), 0)
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
