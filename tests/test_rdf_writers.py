"""Golden files: each RDF writer of ``policykg/export/rdf/`` gives, for one small hand-made graph, exactly the
bytes kept in ``tests/fixtures/golden/``.

The graph is made with the model's functions, not by extraction, so that only the writers and the graph → RDF
mapping are pinned (extraction changes do not touch these files).  It holds every kind of value the writers
treat apart: dates, integers, decimals, booleans, lists, an interval deadline, two source documents (named
graphs), an edge property on its ``rdf:Statement``, and text with quotes, backslashes, line breaks, ``]]>``,
``<script>`` and characters outside ASCII.

After an intended change of the output, write the files again and review their diff:
``POLICYKG_UPDATE_GOLDEN=1 pytest tests/test_rdf_writers.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from policykg.export.rdf import RDF_FORMATS, jsonld_context, serialize_graph
from policykg.graph.model import Provenance, add_edge, add_node, new_graph
from policykg.ontology.rdf import to_ntriples

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
UPDATE = os.environ.get("POLICYKG_UPDATE_GOLDEN") == "1"
ID = "https://w3id.org/policykg/id/"
TRICKY = 'He said "no" \\ then\nleft: ]]> <script>alert(1)</script> café – £5m'
#: pyoxigraph's parser for each format, to check that the golden files read back as the graph's triples
PARSERS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def golden_graph() -> nx.MultiDiGraph:
    """Two documents: a report's recommendation, a response to it with a dated, funded commitment, and a later
    document following the commitment up."""
    graph = new_graph()
    first, later = ID + "document/response-2025", ID + "document/progress-2026"
    said = Provenance(first, "p3", 3, "Recommendations", 0, 31, "We will legislate by March 2027.")
    again = Provenance(later, "s2.b1", None, "Progress", 4, 40, TRICKY)
    add_node(graph, first, "Document", "Government response", None, title="Government response", published="2025-04-09",
             source_url="https://www.gov.uk/government/publications/response", licence="http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
    add_node(graph, later, "Document", "Progress update", None, title=TRICKY, published="2026-01-15")
    recommendation = ID + "recommendation/iicsa/3"
    add_node(graph, recommendation, "Recommendation", "Recommendation 3", {said}, number=3, title="Mandatory reporting")
    response = ID + "response/iicsa/3"
    add_node(graph, response, "Response", "Response to recommendation 3", {said}, number=3, status="accepted",
             status_quote="The Government accepts this recommendation.", status_source="text", curated=False)
    commitment, follow_up = ID + "commitment/response-2025/p3-1", ID + "commitment/progress-2026/s2-b1-1"
    add_node(graph, commitment, "Commitment", "We will legislate by March 2027.", {said}, text="We will legislate by March 2027.",
             kind="legislate", deadline="2026-04-01/2027-03-31", deadline_start="2026-04-01", deadline_end="2027-03-31",
             deadline_text="by March 2027", conditions="subject to parliamentary time", paragraph=3, section="Recommendations")
    add_node(graph, follow_up, "Commitment", TRICKY, {again}, text=TRICKY, kind="report", planned=True)
    office = ID + "organisation/home-office"
    add_node(graph, office, "Organisation", "Home Office", None, aliases=["HO", "the Home Office"], website="https://www.gov.uk/government/organisations/home-office")
    act = ID + "legislation/crime-and-policing-bill"
    add_node(graph, act, "Legislation", "Crime and Policing Bill", {said}, legislation_gov_uk="https://www.legislation.gov.uk/ukpga/2025/1")
    funding = ID + "funding/response-2025/p3-1"
    add_node(graph, funding, "Funding", "£2.5 million", {said}, amount_gbp=2_500_000, amount_text="£2.5 million", purpose="training", value=2.5)
    add_edge(graph, response, recommendation, "responds_to", {said})
    add_edge(graph, commitment, recommendation, "answers", {said})
    add_edge(graph, commitment, office, "led_by", {said})
    add_edge(graph, commitment, act, "through_legislation", {said})
    add_edge(graph, funding, office, "funds", {said})
    add_edge(graph, commitment, follow_up, "followed_up_by", {again}, outcome="in progress")
    return graph


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return golden_graph()


@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_each_writer_writes_its_golden_file(graph: nx.MultiDiGraph, name: str) -> None:
    golden = GOLDEN / f"graph{RDF_FORMATS[name].suffix}"
    written = serialize_graph(graph, name).encode("utf-8")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(written)
    assert written == golden.read_bytes(), f"{name}: the writer's output changed (see this module's docstring)"


@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_each_golden_file_holds_the_graphs_triples(graph: nx.MultiDiGraph, name: str) -> None:
    """The pinned bytes are right, not only stable: each parses back to the mapping's triples."""
    golden = GOLDEN / f"graph{RDF_FORMATS[name].suffix}"
    expected = set(ox.parse(to_ntriples(graph).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    parsed = {quad.triple for quad in ox.parse(golden.read_bytes(), format=PARSERS[name])}
    assert parsed == {quad.triple for quad in expected}
    assert any(isinstance(triple.object, ox.Literal) and triple.object.value == TRICKY for triple in parsed)


def test_the_golden_graph_uses_named_graphs_and_an_edge_property(graph: nx.MultiDiGraph) -> None:
    quads = list(ox.parse((GOLDEN / "graph.nq").read_bytes(), format=ox.RdfFormat.N_QUADS))
    names = {str(quad.graph_name) for quad in quads}
    assert {f"<{ID}document/response-2025>", f"<{ID}document/progress-2026>"} <= names
    assert any(quad.predicate.value.endswith("#outcome") and quad.object.value == "in progress" for quad in quads)


def test_the_json_ld_context_is_golden() -> None:
    golden = GOLDEN / "context.jsonld"
    written = (json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if UPDATE:
        golden.write_bytes(written)
    assert written == golden.read_bytes()
