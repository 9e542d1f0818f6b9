"""Nothing lost: every write failure is a clear message naming the path (exit 2), ``build``
replaces exports/ all or nothing, ``-o`` never creates folders, ``--store`` never deletes a
folder it did not make. Faults are real (a file-size limit, a file in the way), never mocks."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA, ROOT

MINIMAL = (DATA / "valid" / "minimal.trig").read_text(encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() if p.is_file() else b"<folder>" for p in sorted(folder.iterdir())
    }


def _built(cli, make_project) -> tuple[Path, Path]:
    proj = make_project({"x/minimal.trig": MINIMAL})
    result = cli("build", "-q", root=proj)
    assert result.exit_code == 0, result.output
    return proj, proj / "exports"


def _run_with_file_size_limit(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process whose files cannot grow past ``limit`` bytes: a write past it
    fails with EFBIG, as on a full disk (SIGXFSZ ignored, so the write returns the error)."""

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(
            [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    )
    return subprocess.run(
        [sys.executable, "-c", "from ogpgraph.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit_file_size,
        timeout=300,
        check=False,
    )


def test_build_on_a_full_disk_leaves_exports_as_they_were(cli, make_project):
    proj, exports = _built(cli, make_project)
    before = _snapshot(exports)
    sizes = sorted(len(data) for data in before.values())
    assert sizes[0] < 200_000 < sizes[-1]  # some files fit under the limit, some do not
    # new data: every dump changes, so the build must replace files it can and cannot write
    (proj / "graph" / "x" / "minimal.trig").write_text(
        MINIMAL.replace('"Test self-assessment report"@en ;', '"A renamed report"@en ;', 1),
        encoding="utf-8",
    )
    done = _run_with_file_size_limit(200_000, "build", "-q", "--root", str(proj))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"cannot write {exports}" in done.stderr
    assert "file-size limit" in done.stderr
    assert _snapshot(exports) == before  # byte-identical, and no temporary file left behind
    # without the limit the same build succeeds and replaces the files
    result = cli("build", "-q", root=proj)
    assert result.exit_code == 0, result.output
    assert _snapshot(exports) != before


def test_build_with_a_file_where_the_exports_folder_should_be(cli, make_project, tmp_path):
    proj = make_project({"x/minimal.trig": MINIMAL})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine\n")
    result = cli("build", "-q", "--exports", str(blocker / "exports"), root=proj)
    assert result.exit_code == 2
    assert f"{blocker} is a file, not a folder" in result.output
    assert blocker.read_text() == "mine\n"


def test_build_with_a_file_in_place_of_an_export(cli, make_project):
    proj, exports = _built(cli, make_project)
    before = _snapshot(exports)
    (exports / "ogpgraph.nt").unlink()
    (exports / "ogpgraph.nt").mkdir()  # a folder where a file goes: os.replace cannot
    (proj / "graph" / "x" / "minimal.trig").write_text(
        MINIMAL.replace('"Test self-assessment report"@en ;', '"A renamed report"@en ;', 1),
        encoding="utf-8",
    )
    result = cli("build", "-q", root=proj)
    assert result.exit_code == 2
    assert f"cannot write {exports / 'ogpgraph.nt'}: it is a folder" in result.output
    after = _snapshot(exports)
    del before["ogpgraph.nt"], after["ogpgraph.nt"]
    assert after == before


def test_build_creates_the_exports_folder_but_not_its_parents(cli, make_project, tmp_path):
    proj = make_project({"x/minimal.trig": MINIMAL})
    result = cli("build", "-q", "--exports", str(tmp_path / "missing" / "out"), root=proj)
    assert result.exit_code == 2
    assert f"the folder {tmp_path / 'missing'} does not exist" in result.output
    assert not (tmp_path / "missing").exists()
    result = cli("build", "-q", "--exports", str(tmp_path / "out"), root=proj)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "ogpgraph.trig").is_file()


def test_build_into_a_read_only_folder(cli, make_project, tmp_path):
    proj = make_project({"x/minimal.trig": MINIMAL})
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        try:
            (folder / "probe").write_text("x")
        except PermissionError:
            pass
        else:  # root ignores permissions: the other tests use faults root cannot bypass
            pytest.skip("this user can write into a 0o555 folder")
        result = cli("build", "-q", "--exports", str(folder), root=proj)
        assert result.exit_code == 2
        assert f"cannot write {folder}" in result.output
        assert "permission denied" in result.output
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_output_never_creates_folders(cli, make_project, tmp_path):
    proj = make_project({"x/minimal.trig": MINIMAL})
    target = tmp_path / "nonexistent" / "sub" / "x.csv"
    result = cli("query", "ASK {}", "-F", "csv", "-o", str(target), root=proj)
    assert result.exit_code == 2
    assert (
        f"cannot write {target}: the folder {tmp_path / 'nonexistent'} does not exist"
        in result.output
    )
    assert not (tmp_path / "nonexistent").exists()


def test_output_under_a_file(cli, make_project, tmp_path):
    proj = make_project({"x/minimal.trig": MINIMAL})
    blocker = tmp_path / "a.csv"
    blocker.write_text("keep\n")
    result = cli("query", "--list", "-o", str(blocker / "x.csv"), root=proj)
    assert result.exit_code == 2
    assert f"{blocker} is a file, not a folder" in result.output
    assert "Traceback" not in result.output
    assert blocker.read_text() == "keep\n"


def test_output_past_the_file_size_limit_keeps_the_old_file(cli, make_project, tmp_path):
    proj = make_project({"x/minimal.trig": MINIMAL})
    target = tmp_path / "all.nt"
    target.write_text("old\n")
    done = _run_with_file_size_limit(
        1_000,
        "query",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "-F",
        "nt",
        "-o",
        str(target),
        "--root",
        str(proj),
    )
    assert done.returncode == 2, done.stderr
    assert f"cannot write {target}: the file is larger than the file-size limit" in done.stderr
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.nt", "proj"]


def test_store_refuses_a_folder_it_did_not_make(cli, make_project, tmp_path):
    proj = make_project({"x/minimal.trig": MINIMAL})
    folder = tmp_path / "mine"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "thesis.txt").write_text("years of work\n")
    result = cli("stats", "--store", str(folder), root=proj)
    assert result.exit_code == 2
    assert (
        f"--store {folder} is not an ogpgraph store: it holds data; nothing was changed"
        in result.output
    )
    assert "Traceback" not in result.output
    assert (folder / "data" / "thesis.txt").read_text() == "years of work\n"
    assert sorted(p.name for p in folder.iterdir()) == ["data"]


def test_store_in_a_new_folder_is_marked_reused_and_rebuilt(cli, make_project, tmp_path):
    proj = make_project({"x/minimal.trig": MINIMAL})
    store = tmp_path / "store"
    first = cli("stats", "-F", "csv", "--store", str(store), root=proj)
    assert first.exit_code == 0, first.output
    assert (store / "ogpgraph-store").is_file()
    assert (store / "ogpgraph-fingerprint").is_file()
    # the graph changes: the store is ogpgraph's own, so it is rebuilt in place
    (proj / "graph" / "x" / "extra.trig").write_text(
        "GRAPH <https://w3id.org/ogpgraph/graph/extra> { <https://e.org/a> "
        '<http://www.w3.org/2000/01/rdf-schema#label> "a"@en . }\n',
        encoding="utf-8",
    )
    second = cli("stats", "-F", "csv", "--store", str(store), root=proj)
    assert second.exit_code == 0, second.output
    assert "graph/extra" in second.output and "graph/extra" not in first.output
