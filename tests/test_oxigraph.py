"""The fast SPARQL store (Oxigraph) gives rdflib's answers for every catalogue query, binds parameters, and is chosen by size.

Every catalogue query runs on both stores with every parameter set of
``test_cypher_engines.py`` and ``test_queries.py`` on the seed, and with values that
exist in a synthetic graph; the normalised rows (in order) must be equal.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BENIGN_VALUES
from test_cypher_engines import CASES, CATALOGUE, STRING_PARAMETERS, answers, sample

import policykg.queries as queries
from policykg.cli import cli
from policykg.errors import QueryError
from policykg.graph.model import new_graph
from policykg.queries import choose_store, open_engine, run_canned
from policykg.queries.oxigraph import OxigraphEngine, to_oxigraph_term
from policykg.queries.results import normalise
from policykg.queries.sparql import SparqlEngine, to_term
from policykg.viz.synthetic import synthetic_graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_query import default_parameters, sample_parameters  # values that exist in a synthetic graph

REC13 = "https://w3id.org/policykg/id/recommendation/iicsa/13"

#: The parameter sets of test_queries.py (CASES has those of test_cypher_engines.py).
QUERIES_CASES = [
    ("recommendation", {"number": "13"}), ("due", {"as_of": "2026-01-01"}), ("due", {"as_of": "2026-01-01", "within_days": "100"}),
    ("commitments", {"organisation": "CQC"}), ("commitments", {"organisation": "care quality commission"}),
    ("commitments", {"recommendation": "11"}), ("organisations", {"kind": "inspectorate"}), ("organisation", {"name": "Ofsted"}),
    ("co-mentions", {"min": "2"}), ("co-mentions", {"min": "3"}), ("connection", {"from": "Ofsted", "to": "CQC"}),
    ("provenance", {"iri": REC13}),
]
SEED_CASES = [*CASES, *(pytest.param(name, params, id=f"{name}-{json.dumps(params)}") for name, params in QUERIES_CASES)]


@pytest.fixture(scope="module")
def rdflib_store(seed_graph):
    return SparqlEngine(seed_graph)


@pytest.fixture(scope="module")
def oxigraph_store(seed_graph):
    engine = OxigraphEngine(seed_graph)
    yield engine
    engine.close()


@pytest.mark.parametrize(("name", "params"), SEED_CASES)
def test_oxigraph_matches_rdflib_on_the_seed(rdflib_store, oxigraph_store, name, params):
    assert answers(oxigraph_store, name, params) == answers(rdflib_store, name, params)


def test_the_seed_comparison_compares_something(oxigraph_store):
    """Guard against comparing nothing with nothing."""
    for name, params in QUERIES_CASES:
        assert answers(oxigraph_store, name, params), (name, params)


# -- a synthetic graph: another shape, busy nodes, names that exist in it ----------------------------------
@pytest.fixture(scope="module")
def synthetic():
    graph = synthetic_graph(500, seed=3)
    rdflib_engine, oxigraph_engine = SparqlEngine(graph), OxigraphEngine(graph)
    yield graph, rdflib_engine, oxigraph_engine
    oxigraph_engine.close()


def synthetic_sets(graph, name: str) -> list[dict]:
    """The query's defaults (required values from ``sample_parameters``) and sets that filter on things in ``graph``."""
    samples = sample_parameters(graph)
    organisations = sorted(d["label"] for _, d in graph.nodes(data=True) if d["type"] == "Organisation")
    first = {kind: sorted(n for n, d in graph.nodes(data=True) if d["type"] == kind)[0] for kind in ("Organisation", "Recommendation")}
    extra = {
        "commitments": [{"organisation": samples["organisation"]}, {"organisation": "d3"}, {"recommendation": 2},
                        {"organisation": samples["organisation"], "recommendation": 1}],
        "organisation": [{"name": organisations[2].lower()}, {"name": "D3"}],
        "organisations": [{"kind": "agency"}, {"kind": "department"}],
        "connection": [{"from": samples["from"], "to": "Theme 1"}, {"from": organisations[3], "to": organisations[7]},
                       {"from": samples["iri"], "to": samples["from"]}],
        "provenance": [{"iri": first["Organisation"]}, {"iri": first["Recommendation"]}],
        "due": [{"as_of": "2026-01-01", "within_days": 30}],
        "co-mentions": [{"min": 1}],
        "recommendation": [{"number": 2}],
    }
    return [default_parameters(CATALOGUE[name], samples), *extra.get(name, [])]


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_oxigraph_matches_rdflib_on_a_synthetic_graph(synthetic, name):
    graph, rdflib_engine, oxigraph_engine = synthetic
    for params in synthetic_sets(graph, name):
        params = CATALOGUE[name].bind(params)
        assert answers(oxigraph_engine, name, params) == answers(rdflib_engine, name, params), params


def test_the_synthetic_comparison_compares_something(synthetic):
    graph, _, oxigraph_engine = synthetic
    found = [name for name in CATALOGUE if any(answers(oxigraph_engine, name, CATALOGUE[name].bind(p)) for p in synthetic_sets(graph, name))]
    assert {"commitments", "connection", "organisation", "provenance", "due", "co-mentions", "programmes"} <= set(found)


# -- parameters are bound, never pasted ------------------------------------------------------------------
HOSTILE = ["x' } UNION { ?s ?p ?o }", '"""', "a\nb", '\\" ) } #', "} UNION {", 'x"""; DROP ALL; """', "?_name", "\\"]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize(("name", "parameter"), STRING_PARAMETERS)
def test_hostile_values_match_nothing(oxigraph_store, name, parameter, hostile):
    query = CATALOGUE[name]
    params = {p.name: BENIGN_VALUES[p.name] if p.type == "str" else sample(p) for p in query.parameters if p.required}
    params[parameter] = BENIGN_VALUES[parameter]
    assert answers(oxigraph_store, name, params), (name, parameter)  # the query can return rows
    params[parameter] = hostile
    size = len(oxigraph_store)
    assert answers(oxigraph_store, name, params) == []
    assert len(oxigraph_store) == size


@pytest.mark.parametrize("value", [13, -2, 0, True, False, date(2026, 1, 1), "text", "13", "2026-01-01", 'quote " and \\'])
def test_parameter_values_are_rdflibs_terms(rdflib_store, oxigraph_store, value):
    expected = to_term(value)
    term = to_oxigraph_term(value)
    assert (term.value, term.datatype.value) == (str(expected), str(expected.datatype or "http://www.w3.org/2001/XMLSchema#string"))
    text = "SELECT ?datatype ?lexical ?same ?_v WHERE { BIND(DATATYPE(?_v) AS ?datatype) BIND(STR(?_v) AS ?lexical) BIND(?_v = ?_v AS ?same) }"
    rows = normalise(*oxigraph_store.run(text, {"v": value}))
    assert rows == normalise(*rdflib_store.run(text, {"v": value})) and len(rows) == 1


def test_result_values_normalise_as_rdflibs(rdflib_store, oxigraph_store):
    """Numbers, decimals, dates, booleans, IRIs, language-tagged strings, other datatypes, ill-typed literals, unbound."""
    text = """PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    SELECT ?v ?missing WHERE {
      VALUES ?v { 42 -7 "0042"^^xsd:integer 7.50 "7.50"^^xsd:decimal 1.5e0 "2.0"^^xsd:float true false "1"^^xsd:boolean
                  "2025-12-31"^^xsd:date "2025-12-31Z"^^xsd:date "2025-01-01T10:00:00"^^xsd:dateTime "2025-01-01T00:00:00"^^xsd:dateTime
                  "chat"@fr <https://example.org/a> "x" "abc"^^xsd:integer "P1D"^^xsd:duration "2025"^^xsd:gYear "5"^^xsd:int }
      OPTIONAL { ?v <https://example.org/nothing> ?missing }
    }"""
    rows = normalise(*oxigraph_store.run(text, {}))
    assert rows == normalise(*rdflib_store.run(text, {}))
    values = [row["v"] for row in rows]
    assert values[:11] == [42, -7, 42, 7.5, 7.5, 1.5, 2, True, False, True, "2025-12-31"]
    assert {"chat", "https://example.org/a", "abc", "2025"} <= set(values) and all(row["missing"] is None for row in rows)


def test_adhoc_queries_on_oxigraph(oxigraph_store):
    assert oxigraph_store.run("SELECT ?x ?_n WHERE { BIND(?_n + 1 AS ?x) }", {"n": 41}) == (["x"], [[42]])
    given = "SELECT ?given ?_n WHERE { BIND(COALESCE(sameTerm(?_n, ?_n), false) AS ?given) }"
    assert oxigraph_store.run(given, {"n": 1})[1] == [[True]] and oxigraph_store.run(given, {"n": None})[1] == [[False]]
    with pytest.raises(QueryError, match=r"binds only projected variables: add \?_n to the SELECT clause .*--store rdflib"):
        oxigraph_store.run("SELECT ?x WHERE { BIND(?_n + 1 AS ?x) }", {"n": 1})
    with pytest.raises(QueryError, match=r"BOUND\(\?_n\): write COALESCE\(sameTerm\(\?_n, \?_n\), false\)"):
        oxigraph_store.run("SELECT ?x ?_n WHERE { BIND(BOUND(?_n) AS ?x) }", {"n": 1})
    with pytest.raises(QueryError, match=r"\(\?_n AS \.\.\.\)"):
        oxigraph_store.run("SELECT ?x ?_n WHERE { BIND(?_n AS ?x) }", {"n": 1})
    with pytest.raises(QueryError, match=r"^SPARQL error: "):
        oxigraph_store.run("SELECT ?x WHERE { ?x ?y }", {})
    with pytest.raises(QueryError, match="only SELECT"):
        oxigraph_store.run("ASK { ?s ?p ?o }", {})
    # BOUND on a parameter that is not given is fine (Oxigraph is right about that one)
    assert oxigraph_store.run("SELECT ?x ?_n WHERE { BIND(BOUND(?_n) AS ?x) }", {"n": None})[1] == [[False]]


def test_an_empty_graph_runs_every_query():
    engine, reference = OxigraphEngine(new_graph()), SparqlEngine(new_graph())
    for name, query in CATALOGUE.items():
        params = query.bind({p.name: {"str": "x", "date": "2026-01-01", "point": "2026-01-01"}.get(p.type, 1) for p in query.parameters if p.required})
        assert answers(engine, name, params) == answers(reference, name, params) == [], name


# -- choosing the store ----------------------------------------------------------------------------------
def test_auto_store_picks_oxigraph_above_the_threshold(seed_graph, monkeypatch):
    assert choose_store(seed_graph) == "rdflib" and isinstance(open_engine("sparql", seed_graph), SparqlEngine)
    assert isinstance(open_engine("sparql", seed_graph, "oxigraph"), OxigraphEngine)  # an explicit store wins
    monkeypatch.setattr(queries, "AUTO_OXIGRAPH_TRIPLES", 1000)
    assert choose_store(seed_graph) == "oxigraph"
    engine = open_engine("sparql", seed_graph)
    assert isinstance(engine, OxigraphEngine) and run_canned(engine, CATALOGUE["recommendation"], {"number": 13})
    assert choose_store(seed_graph, "rdflib") == "rdflib"  # an explicit store wins
    assert isinstance(open_engine("sparql", seed_graph, "rdflib"), SparqlEngine)


def test_unknown_store_is_a_clear_error(seed_graph):
    with pytest.raises(QueryError, match="unknown store 'fast'"):
        choose_store(seed_graph, "fast")


# -- the command line ------------------------------------------------------------------------------------
@pytest.mark.parametrize("arguments", [
    ["query", "run", "recommendation", "-p", "number=13"],
    ["query", "run", "due", "-p", "as_of=2026-01-01"],
    ["query", "run", "commitments", "-p", "organisation=CQC"],
    ["query", "run", "connection", "-p", "from=Ofsted", "-p", "to=CQC"],
    ["sparql", "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?n ?_k WHERE { ?r a pkg:Recommendation ; pkg:number ?n FILTER(?n > ?_k) } ORDER BY ?n",
     "-p", "k=17"],
])
def test_cli_store_option_gives_the_same_output(arguments):
    runner = CliRunner()
    outputs = {store: runner.invoke(cli, [*arguments, "--store", store, "--format", "json"]) for store in ("rdflib", "oxigraph")}
    assert all(result.exit_code == 0 for result in outputs.values()), {s: r.output for s, r in outputs.items()}
    assert outputs["rdflib"].stdout == outputs["oxigraph"].stdout and json.loads(outputs["rdflib"].stdout)


def test_cli_adhoc_unprojected_parameter_is_a_one_line_error():
    result = CliRunner().invoke(cli, ["sparql", "SELECT ?x WHERE { BIND(?_n + 1 AS ?x) }", "-p", "n=1", "--store", "oxigraph"])
    assert result.exit_code == 1 and "add ?_n to the SELECT clause" in result.stderr and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("policykg: error:")]
    assert len(errors) == 1 and "add ?_n to the SELECT clause" in errors[0]
    result = CliRunner().invoke(cli, ["sparql", "SELECT ?x ?_n WHERE { BIND(?_n + 1 AS ?x) }", "-p", "n=1", "--store", "oxigraph",
                                      "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"x": 2}]


SMALL_RESPONSE = """Tackling knife crime: government response
Published 3 March 2026
Recommendation 1: Fund youth diversion
1. We accept this recommendation. The Home Office will fund the Youth Diversion Programme by June 2026.
"""


def test_the_command_line_keeps_the_oxigraph_store_and_remakes_it_when_the_graph_changes(tmp_path, monkeypatch):
    """Query commands keep the Oxigraph store on disk beside graph.json: the second query opens it
    instead of loading the graph again, with the same answers as rdflib; a new graph.json (or a
    damaged stamp) makes it again."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def query(store: str) -> list[dict]:
        result = runner.invoke(cli, ["query", "run", "recommendations", "--graph", "out/graph.json", "--store", store, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert runner.invoke(cli, ["build", "-q", "-o", "out"]).exit_code == 0
    first = query("oxigraph")
    stamp = tmp_path / "out" / "cache" / "graph.oxigraph.json"
    assert len(first) == 20 and stamp.is_file() and (tmp_path / "out" / "cache" / "graph.oxigraph").is_dir()
    made = stamp.stat().st_mtime_ns
    assert query("oxigraph") == first == query("rdflib") and stamp.stat().st_mtime_ns == made  # opened, not made again

    (tmp_path / "knife.txt").write_text(SMALL_RESPONSE, encoding="utf-8")
    assert runner.invoke(cli, ["build", "-q", "knife.txt", "-o", "out"]).exit_code == 0
    second = query("oxigraph")
    assert second == query("rdflib") and [row["number"] for row in second] == [1] and stamp.stat().st_mtime_ns != made

    stamp.write_text("{", encoding="utf-8")
    assert query("oxigraph") == second and json.loads(stamp.read_text(encoding="utf-8"))["estimated_triples"] > 0

    store = tmp_path / "out" / "cache" / "graph.oxigraph"  # a damaged store behind a current stamp
    shutil.rmtree(store)
    store.write_bytes(b"\x00not a store")
    assert query("oxigraph") == second and store.is_dir()


def test_the_command_line_keeps_the_ladybug_database_of_a_large_graph(tmp_path, monkeypatch):
    """Cypher queries keep LadybugDB on disk too, for graphs above the size threshold (lowered here
    to make the seed "large"); the answers are those of the in-memory database and of SPARQL."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def query(engine: str) -> str:
        result = runner.invoke(cli, ["query", "run", "commitments", "-p", "organisation=CQC", "--graph", "out/graph.json",
                                     "--engine", engine, "--format", "json"])
        assert result.exit_code == 0, result.output
        return result.stdout

    assert runner.invoke(cli, ["build", "-q", "-o", "out"]).exit_code == 0
    in_memory = query("cypher")
    stamp = tmp_path / "out" / "cache" / "graph.ladybug.json"
    assert not stamp.exists()  # a small graph: loaded in memory, nothing kept
    monkeypatch.setattr(queries, "AUTO_OXIGRAPH_TRIPLES", 0)
    assert query("cypher") == in_memory and stamp.is_file() and (tmp_path / "out" / "cache" / "graph.ladybug").is_file()
    made = stamp.stat().st_mtime_ns
    assert query("cypher") == in_memory == query("sparql") and json.loads(in_memory) and stamp.stat().st_mtime_ns == made


def test_the_store_is_loaded_with_exactly_the_graph_s_triples(seed_graph):
    """The store is fed N-Triples straight from the graph, unsorted and with repeats (see
    ntriples_stream): it must hold exactly the triples of the sorted, distinct N-Triples."""
    import pyoxigraph as ox

    from policykg.ontology.rdf import ntriples_stream, to_ntriples

    expected = {quad.triple for quad in ox.parse(to_ntriples(seed_graph).encode(), format=ox.RdfFormat.N_TRIPLES)}
    streamed = list(ox.parse(ntriples_stream(seed_graph), format=ox.RdfFormat.N_TRIPLES))
    assert {quad.triple for quad in streamed} == expected and len(streamed) >= len(expected) > 10_000
    # (a store keeps numbers in canonical form, "20"^^xsd:decimal for "20.0": compare store with store)
    assert set(OxigraphEngine(seed_graph).store) == set(OxigraphEngine(ntriples=to_ntriples(seed_graph)).store)
