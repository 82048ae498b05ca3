"""The policykg command, end to end, in a fresh working folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from policykg.ontology.rdf import to_rdf


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    result = run("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Recommendation\s+20\b", result.stdout)
    return folder


def test_build_writes_graph_and_turtle(workdir):
    assert (workdir / "policykg-out" / "graph.json").is_file()
    Graph().parse(workdir / "policykg-out" / "graph.ttl", format="turtle")


def test_stats_reads_the_built_graph(workdir):
    result = run("stats", "--json", cwd=workdir)
    counts = json.loads(result.stdout)
    assert counts["nodes"]["Recommendation"] == 20 and counts["edges"]["answers"] > 20


def test_commands_work_without_a_build(tmp_path):
    result = run("stats", cwd=tmp_path)
    assert result.returncode == 0 and "Recommendation" in result.stdout
    assert "packaged seed" in result.stderr


def test_validate_conforms(workdir):
    result = run("validate", cwd=workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


@pytest.mark.parametrize(("fmt", "parser"), [("turtle", "turtle"), ("jsonld", "json-ld"), ("ntriples", "nt"), ("rdfxml", "xml")])
def test_rdf_exports_parse_back_isomorphic(workdir, seed_graph, fmt, parser):
    target = workdir / f"out.{fmt}"
    result = run("export", "--format", fmt, "-o", str(target), cwd=workdir)
    assert result.returncode == 0, result.stderr
    parsed = Graph().parse(target, format=parser)
    assert isomorphic(parsed, to_rdf(seed_graph))


def test_graphml_parses_back(workdir, seed_graph):
    target = workdir / "out.graphml"
    assert run("export", "-f", "graphml", "-o", str(target), cwd=workdir).returncode == 0
    parsed = nx.read_graphml(target, force_multigraph=True)
    assert parsed.number_of_nodes() == seed_graph.number_of_nodes()
    assert parsed.number_of_edges() == seed_graph.number_of_edges()


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "ntriples", "rdfxml", "graphml"])
def test_exports_are_byte_identical_across_processes(workdir, fmt):
    first, second = workdir / f"a.{fmt}", workdir / f"b.{fmt}"
    run("export", "-f", fmt, "-o", str(first), cwd=workdir, env={"PYTHONHASHSEED": "1"})
    run("export", "-f", fmt, "-o", str(second), cwd=workdir, env={"PYTHONHASHSEED": "2"})
    assert first.read_bytes() == second.read_bytes()


def test_build_is_deterministic(tmp_path):
    for seed in ("1", "2"):
        assert run("build", "-q", "-o", f"out{seed}", cwd=tmp_path, env={"PYTHONHASHSEED": seed}).returncode == 0
    assert (tmp_path / "out1" / "graph.json").read_bytes() == (tmp_path / "out2" / "graph.json").read_bytes()
    assert (tmp_path / "out1" / "graph.ttl").read_bytes() == (tmp_path / "out2" / "graph.ttl").read_bytes()


SMALL_DOCUMENT = """Tackling knife crime: progress update
Published 3 March 2026
Introduction
1. The Home Office will publish a knife crime action plan by June 2026.
2. We will work with Ofsted on the Youth Diversion Programme in 2026/27.
"""


def _stamps(folder: Path) -> dict[str, int]:
    return {name: (folder / name).stat().st_mtime_ns for name in ("graph.json", "graph.ttl")}


def test_building_again_with_nothing_changed_leaves_the_files_as_they_are(tmp_path):
    """A cached build records its inputs; the same build again writes nothing and says so, and any
    change (a document, a deleted output, --no-cache) builds anew."""
    docs, out = tmp_path / "docs", tmp_path / "out"
    docs.mkdir()
    (docs / "knife.txt").write_text(SMALL_DOCUMENT, encoding="utf-8")
    (docs / "violence.txt").write_text(SMALL_DOCUMENT.replace("knife crime", "serious violence"), encoding="utf-8")
    first = run("build", "docs", "-o", "out", cwd=tmp_path)
    assert first.returncode == 0 and "Writing" in first.stderr and "up to date" not in first.stderr
    stamps, graph = _stamps(out), (out / "graph.json").read_bytes()

    again = run("build", "docs", "-o", "out", cwd=tmp_path)
    assert again.returncode == 0 and "no document changed since the last build" in again.stderr
    assert _stamps(out) == stamps and "Commitments with a deadline" in again.stdout  # the summary, as before
    assert again.stdout.split("Wrote")[0].strip() == first.stdout.split("Wrote")[0].strip()
    assert run("build", "docs", "-o", "out", "-q", cwd=tmp_path).stderr == ""

    (docs / "knife.txt").write_text(SMALL_DOCUMENT.replace("June 2026", "July 2026"), encoding="utf-8")
    changed = run("build", "docs", "-o", "out", cwd=tmp_path)
    assert changed.returncode == 0 and "1 of 2 document(s) unchanged, reused" in changed.stderr
    assert (out / "graph.json").read_bytes() != graph and b"July 2026" in (out / "graph.json").read_bytes()

    stamps = _stamps(out)
    (out / "graph.ttl").unlink()
    assert "no document changed" not in run("build", "docs", "-o", "out", cwd=tmp_path).stderr
    assert (out / "graph.ttl").is_file()
    stamps = _stamps(out)
    run("build", "docs", "-o", "out", "--no-cache", cwd=tmp_path)
    assert all(_stamps(out)[name] > stamps[name] for name in stamps)


def test_a_quiet_cached_build_prints_nothing(tmp_path):
    assert run("build", "-q", "-o", "out", cwd=tmp_path).returncode == 0
    (tmp_path / "out" / "graph.ttl").unlink()  # builds again, from the cache
    result = run("build", "-q", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_user_errors_are_one_line(tmp_path):
    missing = run("build", "nope.txt", cwd=tmp_path)
    assert missing.returncode == 1 and missing.stderr.strip() == "policykg: error: nope.txt: no such file"
    corrupt = tmp_path / "graph.json"
    corrupt.write_text("{not json")
    result = run("stats", "--graph", str(corrupt), cwd=tmp_path)
    assert result.returncode == 1 and "not valid JSON" in result.stderr and "Traceback" not in result.stderr
    older = tmp_path / "old-graph.json"  # format 1 (provenance inline), written before the provenance table
    older.write_text('{"policykg_graph": 1,\n"nodes": [\n],\n"edges": [\n]}\n')
    result = run("stats", "--graph", str(older), cwd=tmp_path)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1 and "rebuild it with `policykg build`" in result.stderr
    unknown = run("export", "-f", "pdf", cwd=tmp_path)
    assert unknown.returncode == 2 and "Invalid value" in unknown.stderr


def test_parallel_build_stops_at_a_bad_document_with_one_line(tmp_path):
    from policykg.loaders import seed_path

    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a.txt", "c.txt"):
        (sources / name).write_bytes(seed_path().read_bytes())
    (sources / "b.txt").write_bytes(bytes(range(256)) * 20)  # binary
    result = run("build", str(sources), "--jobs", "2", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == f"policykg: error: {sources / 'b.txt'}: looks like a binary file, not a text or HTML document"
    assert not (tmp_path / "out" / "graph.json").exists()


def test_help_teaches(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert "policykg build" in result.stdout and "export" in result.stdout


def test_bench_corpus_writes_prose_or_dense_documents(tmp_path):
    """``policykg bench corpus --prose`` sets the share of plain prose; 0 gives dense documents with the same facts."""
    for prose in ("0", "2"):
        result = run("bench", "corpus", "--docs", "2", "--seed", "5", "--prose", prose, "-o", str(tmp_path / prose), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    dense, prosy = (json.loads((tmp_path / p / "manifest.json").read_text(encoding="utf-8")) for p in ("0", "2"))
    assert dense["prose"] == 0 and prosy["prose"] == 2
    assert dense["totals"]["dated_commitments"] == prosy["totals"]["dated_commitments"] > 0
    assert prosy["totals"]["paragraphs"] > dense["totals"]["paragraphs"]
    bad = run("bench", "corpus", "--prose", "-1", "-o", str(tmp_path / "bad"), cwd=tmp_path)
    assert bad.returncode == 2 and "--prose" in bad.stderr and not (tmp_path / "bad").exists()
