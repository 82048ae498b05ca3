"""The fast SPARQL store (Oxigraph) gives rdflib's answers for every catalogue query, binds parameters, and is chosen by size."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_cypher_engines import CASES, CATALOGUE, STRING_PARAMETERS, answers

from policykg.queries import choose_store, open_engine
from policykg.queries.oxigraph import OxigraphEngine
from policykg.queries.sparql import SparqlEngine
from policykg.viz.synthetic import synthetic_graph


@pytest.fixture(scope="module")
def rdflib_store(seed_graph):
    return SparqlEngine(seed_graph)


@pytest.fixture(scope="module")
def oxigraph_store(seed_graph):
    engine = OxigraphEngine(seed_graph)
    yield engine
    engine.close()


@pytest.mark.parametrize(("name", "params"), CASES)
def test_oxigraph_matches_rdflib_on_the_seed(rdflib_store, oxigraph_store, name, params):
    assert answers(oxigraph_store, name, params) == answers(rdflib_store, name, params)


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_graph(400, seed=3)


def test_oxigraph_matches_rdflib_on_a_synthetic_graph(synthetic):
    """A graph of another shape (random names, many bodies): every query with its defaults, same rows."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_query import default_parameters, sample_parameters  # values that exist in a synthetic graph

    rdflib_engine, oxigraph_engine = SparqlEngine(synthetic), OxigraphEngine(synthetic)
    samples = sample_parameters(synthetic)
    compared = 0
    for name, query in CATALOGUE.items():
        params = default_parameters(query, samples)
        expected = answers(rdflib_engine, name, params)
        assert answers(oxigraph_engine, name, params) == expected, name
        compared += bool(expected)
    assert compared >= len(CATALOGUE) // 2, "most queries should find something in the synthetic graph"


HOSTILE = ["x' } UNION { ?s ?p ?o }", '"""', "a\nb", "\\\" ) } #", "?_name"]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize(("name", "parameter"), STRING_PARAMETERS)
def test_hostile_values_match_nothing(oxigraph_store, name, parameter, hostile):
    query = CATALOGUE[name]
    required = {p.name: "Home Office" for p in query.parameters if p.required and p.type == "str"}
    required.update({p.name: 13 for p in query.parameters if p.required and p.type == "int"})
    rows = answers(oxigraph_store, name, {**required, parameter: hostile})
    unfiltered = answers(oxigraph_store, name, required) if parameter not in required else []
    assert rows == [] or rows == unfiltered  # a value that names nothing filters everything out, or is ignored


def test_auto_store_picks_oxigraph_above_the_threshold(seed_graph, monkeypatch):
    import policykg.queries as queries

    assert choose_store(seed_graph) == "rdflib"
    assert isinstance(open_engine("sparql", seed_graph, "oxigraph"), OxigraphEngine)
    monkeypatch.setattr(queries, "AUTO_OXIGRAPH_TRIPLES", 1000)
    assert choose_store(seed_graph) == "oxigraph"
    assert isinstance(open_engine("sparql", seed_graph), OxigraphEngine)
    assert choose_store(seed_graph, "rdflib") == "rdflib"  # an explicit store wins


def test_unknown_store_is_a_clear_error(seed_graph):
    from policykg.errors import QueryError

    with pytest.raises(QueryError, match="unknown store 'fast'"):
        choose_store(seed_graph, "fast")


def test_cli_store_option_gives_the_same_output(tmp_path):
    from click.testing import CliRunner

    from policykg.cli import cli

    runner = CliRunner()
    for arguments in (["query", "run", "recommendation", "-p", "number=13"], ["query", "run", "due", "-p", "as_of=2026-01-01"]):
        outputs = {store: runner.invoke(cli, [*arguments, "--store", store, "--format", "json"]) for store in ("rdflib", "oxigraph")}
        assert all(result.exit_code == 0 for result in outputs.values()), {s: r.output for s, r in outputs.items()}
        assert outputs["rdflib"].stdout == outputs["oxigraph"].stdout and outputs["rdflib"].stdout.strip() not in ("", "[]")


def test_cli_adhoc_unprojected_parameter_is_a_one_line_error():
    from click.testing import CliRunner

    from policykg.cli import cli

    result = CliRunner().invoke(cli, ["sparql", "SELECT ?x WHERE { BIND(?_n + 1 AS ?x) }", "-p", "n=1", "--store", "oxigraph"])
    assert result.exit_code == 1 and "add ?_n to the SELECT clause" in result.stderr and "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["sparql", "SELECT ?x ?_n WHERE { BIND(?_n + 1 AS ?x) }", "-p", "n=1", "--store", "oxigraph",
                                      "--format", "json"])
    assert result.exit_code == 0 and '"x": 2' in result.stdout
