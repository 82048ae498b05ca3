"""``policykg.build_folder``: the whole cached build into a folder, from Python, as a notebook would call it;
the command line calls the same function and writes the same bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import policykg
from policykg.errors import DocumentError, PolicyKGError
from policykg.graph.storage import load_graph
from policykg.loaders import seed_path

DOCUMENT = """Tackling knife crime: progress update
Published 3 March 2026
Introduction
1. The Home Office will publish a knife crime action plan by June 2026.
2. We will work with Ofsted on the Youth Diversion Programme in 2026/27.
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ))


@pytest.fixture()
def documents(tmp_path: Path) -> list[Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "knife.txt").write_text(DOCUMENT, encoding="utf-8")
    (docs / "violence.txt").write_text(DOCUMENT.replace("knife crime", "serious violence"), encoding="utf-8")
    return [seed_path(), docs / "knife.txt", docs / "violence.txt"]


def test_build_folder_writes_what_the_command_writes(tmp_path: Path, documents: list[Path]) -> None:
    seen: list[Path] = []
    lines: list[str] = []
    result = policykg.build_folder(documents, tmp_path / "from-python", jobs=2, progress=seen.append, messages=lines.append)
    cli = run("build", *map(str, documents), "-o", "from-cli", "-j", "1", cwd=tmp_path)
    assert cli.returncode == 0, cli.stderr
    for name in ("graph.json", "graph.ttl"):
        made = (tmp_path / "from-python" / name).read_bytes()
        assert made and made == (tmp_path / "from-cli" / name).read_bytes(), name
    assert result.graph_file == tmp_path / "from-python" / "graph.json" and result.turtle_file.name == "graph.ttl"
    assert result.summary in cli.stdout and result.summary.startswith(f"Graph: {result.graph.number_of_nodes()} nodes")
    assert load_graph(result.graph_file).number_of_edges() == result.graph.number_of_edges()
    assert sorted(seen) == sorted(documents) and not result.unchanged
    assert (result.report.documents, result.report.extracted, result.report.cached) == (3, 3, 0)
    assert [line.split(" (")[0] for line in lines] == [f"Writing {result.graph_file}", f"Writing {result.turtle_file} ..."]


def test_build_folder_again_is_unchanged_and_writes_nothing(tmp_path: Path, documents: list[Path]) -> None:
    out = tmp_path / "out"
    first = policykg.build_folder(documents, out)
    stamp = (out / "graph.json").stat().st_mtime_ns
    starts: list[int] = []
    again = policykg.build_folder(documents, out, started=starts.append)
    assert again.unchanged and again.graph is None and again.summary == first.summary and starts == []
    assert (out / "graph.json").stat().st_mtime_ns == stamp

    (documents[1]).write_text(DOCUMENT.replace("June 2026", "July 2026"), encoding="utf-8")
    lines: list[str] = []
    changed = policykg.build_folder(documents, out, started=starts.append, messages=lines.append)
    assert starts == [3] and not changed.unchanged and (changed.report.cached, changed.report.extracted) == (2, 1)
    assert lines[0] == f"policykg: 2 of 3 document(s) unchanged, reused from {out / 'cache'}"
    assert b"July 2026" in (out / "graph.json").read_bytes()
    assert not policykg.build_folder(documents, out, cache=False).unchanged  # no cache: built anew


def test_build_folder_stops_at_a_bad_document_and_writes_nothing(tmp_path: Path, documents: list[Path]) -> None:
    bad = tmp_path / "docs" / "empty.txt"
    bad.write_text("", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"empty\.txt"):
        policykg.build_folder([*documents, bad], tmp_path / "out")
    assert not (tmp_path / "out" / "graph.json").exists()
    kept = policykg.build_folder([*documents, bad], tmp_path / "out", keep_going=True)
    assert [Path(error.path).name for error in kept.report.failed] == ["empty.txt"] and kept.graph_file.is_file()
    with pytest.raises(PolicyKGError, match="no document could be built"):
        policykg.build_folder([bad], tmp_path / "none", keep_going=True)
