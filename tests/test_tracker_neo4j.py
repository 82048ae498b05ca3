"""The tracker's canned queries on Neo4j give the SPARQL answers on real document series.

Like ``test_neo4j.py`` (whose catalogue test also runs these queries on the seed), these tests
reach only the server ``scripts/neo4j-server`` started and fail, rather than skip, when it cannot
be reached. They load the tracker corpus (replacing earlier ``PolicyKG`` nodes only) and load the
seed again afterwards, as ``test_neo4j.py`` leaves it.
"""

from __future__ import annotations

import pytest
from neo4j_server import neo4j_test_server
from test_cypher_engines import answers
from test_response_deadlines import PARAMETER_SETS as DEADLINE_PARAMETER_SETS
from test_tracker_queries import PARAMETER_SETS, TRACKER_QUERIES
from tracker_corpus import REAL_DOCUMENTS, write_follow_up_series, write_response_deadline_series, write_series

from policykg.errors import PolicyKGError
from policykg.graph.build import build_graph
from policykg.graph.responses import add_response_deadlines
from policykg.loaders import load_document
from policykg.queries.neo4j import Neo4jEngine, connect, load_neo4j
from policykg.queries.sparql import SparqlEngine

pytestmark = pytest.mark.neo4j

_FOUND = neo4j_test_server()
SETTINGS = _FOUND or {"uri": "", "user": "neo4j", "password": "", "database": None}


@pytest.fixture(scope="module")
def server():
    """Fail (not skip) with instructions when the server is not there."""
    if _FOUND is None:
        pytest.fail("Neo4j is needed for these tests: start it with scripts/neo4j-server start (scripts/test does), "
                    "or set POLICYKG_TEST_NEO4J_URI and POLICYKG_TEST_NEO4J_PASSWORD", pytrace=False)
    try:
        connection = connect(**SETTINGS)
    except PolicyKGError as exc:
        pytest.fail(f"Neo4j is needed for these tests: {exc}. (scripts/test starts it before pytest: "
                    "scripts/neo4j-server start)", pytrace=False)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def engines(server, seed_graph, tmp_path_factory):
    paths = [*REAL_DOCUMENTS, *write_series(tmp_path_factory.mktemp("series")), *write_follow_up_series(tmp_path_factory.mktemp("follow")),
             *write_response_deadline_series(tmp_path_factory.mktemp("deadlines"))]
    graph = build_graph([load_document(path) for path in paths])
    add_response_deadlines(graph)  # as the build pipeline does
    neo4j = Neo4jEngine.from_graph(graph, **SETTINGS)
    try:
        yield SparqlEngine(graph), neo4j
    finally:
        neo4j.close()
        load_neo4j(seed_graph, wipe=True, **SETTINGS)  # as test_neo4j.py leaves the server


@pytest.mark.parametrize("name", TRACKER_QUERIES)
def test_neo4j_matches_sparql_on_the_tracker_corpus(engines, name):
    sparql, neo4j = engines
    found = 0
    for params in PARAMETER_SETS[name]:
        expected = answers(sparql, name, params)
        assert answers(neo4j, name, params) == expected, params
        found += len(expected)
    assert found  # compared something


def test_neo4j_lists_the_commitments_that_changed(engines):
    sparql, neo4j = engines
    params = {"from": "2024-03-03", "to": "2025-09-01"}
    expected = answers(sparql, "changes", params)
    assert sorted(r["change"] for r in expected if r["commitment_iri"]) == ["delivered", "dropped", "dropped", "re-dated"]
    assert answers(neo4j, "changes", params) == expected


def test_neo4j_lists_the_same_overdue_responses(engines):
    sparql, neo4j = engines
    found = 0
    for params in DEADLINE_PARAMETER_SETS:
        expected = answers(sparql, "overdue-responses", params)
        assert answers(neo4j, "overdue-responses", params) == expected, params
        found += len(expected)
    assert found
