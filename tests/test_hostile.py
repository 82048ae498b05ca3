"""Hostile text carried through build → every export format: it comes out exactly as it went in."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from policykg.export import EXPORT_FORMATS, export
from policykg.graph.build import build_graph
from policykg.loaders import load_document
from policykg.ontology.rdf import to_rdf

HOSTILE_LINES = [
    'The Home Office will ban <script>alert("x")</script> and <img src=x onerror=alert(1)> by June 2026.',
    "We will act on javascript:alert(1) and \"\"\"turtle\"\"\" quotes \\u0000 \\ backslashes in 2026.",
    "The Government will MATCH (n) DETACH DELETE n // and } DROP ALL ; @prefix x: <y> . by May 2026.",
    'We will publish {"@context": "http://evil/", "@id": "_:b0"} by July 2026.',
    "We will create the " + "Very " * 400 + "Long Programme by August 2026.",
]
TEXT = "Hostile <b>title</b> & co\nPublished 1 May 2025\nIntro\n" + "\n".join(f"{n}. {line}" for n, line in enumerate(HOSTILE_LINES, 1))
PARSERS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(TEXT, encoding="utf-8")
    return build_graph([load_document(path)])


def commitment_texts(graph) -> set[str]:
    return {d["text"] for _, d in graph.nodes(data=True) if d["type"] == "Commitment"}


def test_text_is_kept_verbatim(hostile_graph):
    texts = commitment_texts(hostile_graph)
    assert HOSTILE_LINES[0] in texts and HOSTILE_LINES[2] in texts and len(texts) == len(HOSTILE_LINES)


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_rdf_formats_round_trip_hostile_text(hostile_graph, tmp_path, fmt):
    path = export(hostile_graph, fmt, tmp_path / f"out.{fmt}")
    parsed = Graph().parse(path, format=PARSERS[fmt])
    assert isomorphic(parsed, to_rdf(hostile_graph))
    literals = {str(o) for o in parsed.objects()}
    assert set(HOSTILE_LINES) <= literals


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_dataset_formats_round_trip_hostile_text(hostile_graph, tmp_path, fmt):
    path = export(hostile_graph, fmt, tmp_path / f"out.{fmt}")
    dataset = Dataset()
    dataset.parse(path, format=fmt)
    literals = {str(quad[2]) for quad in dataset.quads()}
    assert set(HOSTILE_LINES) <= literals


def test_graphml_gexf_and_csv_keep_hostile_text(hostile_graph, tmp_path):
    assert "gexf" in EXPORT_FORMATS and "csv" in EXPORT_FORMATS
    graphml = nx.read_graphml(export(hostile_graph, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    assert set(HOSTILE_LINES) <= {d.get("text") for _, d in graphml.nodes(data=True)}
    gexf = nx.read_gexf(export(hostile_graph, "gexf", tmp_path / "g.gexf"))
    assert set(HOSTILE_LINES) <= {d.get("text") for _, d in gexf.nodes(data=True)}
    folder = export(hostile_graph, "csv", tmp_path / "csv")
    with open(folder / "nodes-Commitment.csv", newline="", encoding="utf-8") as handle:
        assert set(HOSTILE_LINES) <= {row["text"] for row in csv.DictReader(handle)}


def test_hostile_parameters_change_no_query(hostile_graph):
    from policykg.queries import run_query

    _, rows = run_query(hostile_graph, "commitments", {"organisation": HOSTILE_LINES[2]})
    assert rows == []
    _, rows = run_query(hostile_graph, "commitments")
    assert len(rows) == len(HOSTILE_LINES)


def test_hostile_text_comes_out_of_the_endpoint_verbatim_and_a_load_figure(hostile_graph):
    """Served over SPARQL: the text is returned exactly; a bounded loop of concurrent requests all succeed."""
    import json
    import time
    import urllib.parse
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from policykg.queries.endpoint import running, temporary_store

    query = "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?t WHERE { ?c a pkg:Commitment ; pkg:text ?t }"
    with temporary_store(hostile_graph) as store, running(store, timeout=10) as server:
        url = server.url + "sparql?" + urllib.parse.urlencode({"query": query})

        def fetch(_: int) -> set[str]:
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"}), timeout=30) as reply:
                return {b["t"]["value"] for b in json.load(reply)["results"]["bindings"]}

        assert fetch(0) == set(HOSTILE_LINES)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(fetch, range(80)))
        seconds = time.perf_counter() - started
    assert all(a == set(HOSTILE_LINES) for a in answers)
    print(f"\nendpoint: 80 concurrent requests (8 clients) in {seconds:.2f} s, {80 / seconds:.0f} requests/s, all answered verbatim")


def test_letters_that_fold_unlike_lower_case_are_read_not_crashed_on(tmp_path):
    """re.I reads "ſ" as "s" and "ı" as "i" (str.lower() does not): dates and amounts written with them are
    still understood, where they once raised KeyError from the lookup tables."""
    lines = ["We will publish the plan by 1 auguſt 2026.", "We will act in ſpring 2027.", "We will report in mıd-2028.",
             "The Home Office will provide £5 bıllıon by İune 2026."]
    path = tmp_path / "folds.txt"
    path.write_text("Letters\nPublished 1 May 2025\nIntro\n" + "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1)),
                    encoding="utf-8")
    graph = build_graph([load_document(path)])
    deadlines = {d["text"]: d.get("deadline_end") for _, d in graph.nodes(data=True) if d["type"] == "Commitment"}
    assert deadlines[lines[0]] == "2026-08-01" and deadlines[lines[1]] == "2027-05-31" and deadlines[lines[2]] == "2028-08-31"
    amounts = [d["amount_gbp"] for _, d in graph.nodes(data=True) if d["type"] == "Funding"]
    assert amounts == [5_000_000_000]
