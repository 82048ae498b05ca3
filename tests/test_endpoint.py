"""The SPARQL endpoint (`policykg serve`), tested with a real client (SPARQLWrapper) on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, N3, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from policykg.queries.catalogue import CannedQuery, Parameter, load_catalogue
from policykg.queries.endpoint import SparqlService, escape, make_server, negotiate, render_index

RECOMMENDATIONS = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?number ?title WHERE { ?r a pkg:Recommendation ; pkg:number ?number ; dcterms:title ?title } ORDER BY ?number"""
SLOW = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


def start(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="module")
def endpoint(seed_graph):
    server = start(make_server(seed_graph, "127.0.0.1", 0, quiet=True, timeout=5))
    yield server.url + "sparql"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def strict_endpoint(seed_graph):
    """A server with a 1-second timeout and a 5-row limit."""
    server = start(make_server(seed_graph, "127.0.0.1", 0, quiet=True, timeout=1, max_rows=5, workers=2))
    yield server
    server.shutdown()
    server.server_close()


def client(url: str, query: str, fmt=JSON, *, method: str | None = None, request_method: str | None = None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method:
        sparql.setMethod(method)
    if request_method:
        sparql.setRequestMethod(request_method)
    return sparql


def http(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# ---------------------------------------------------------------------------- results


def test_select_json(endpoint):
    results = client(endpoint, RECOMMENDATIONS).queryAndConvert()
    rows = results["results"]["bindings"]
    assert results["head"]["vars"] == ["number", "title"] and len(rows) == 20
    assert rows[12]["number"]["value"] == "13" and rows[12]["number"]["datatype"].endswith("#integer")


def test_the_datas_prefixes_are_predeclared(endpoint):
    results = client(endpoint, "SELECT ?t WHERE { ?r pkg:number 13 ; dcterms:title ?t }").queryAndConvert()
    assert len(results["results"]["bindings"]) == 1


def test_select_xml(endpoint):
    document = client(endpoint, RECOMMENDATIONS, XML).queryAndConvert()
    results = document.getElementsByTagName("result")
    assert len(results) == 20


def test_select_csv_and_tsv(endpoint):
    rows = list(csv.DictReader(io.StringIO(client(endpoint, RECOMMENDATIONS, CSV).queryAndConvert().decode("utf-8"))))
    assert len(rows) == 20 and rows[12]["number"] == "13"
    tsv = client(endpoint, RECOMMENDATIONS, TSV).queryAndConvert().decode("utf-8").splitlines()
    assert tsv[0] == "?number\t?title" and len(tsv) == 21
    assert tsv[13].startswith('"13"^^<http://www.w3.org/2001/XMLSchema#integer>\t"')


def test_ask(endpoint):
    assert client(endpoint, "PREFIX pkg: <https://w3id.org/policykg/ontology#> ASK { ?r pkg:number 13 }").queryAndConvert()["boolean"] is True
    assert client(endpoint, "ASK { <https://example.org/nothing> ?p ?o }").queryAndConvert()["boolean"] is False
    document = client(endpoint, "ASK { ?s ?p ?o }", XML).queryAndConvert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_construct_as_turtle_and_ntriples(endpoint):
    query = "PREFIX pkg: <https://w3id.org/policykg/ontology#> CONSTRUCT { ?r pkg:number ?n } WHERE { ?r a pkg:Recommendation ; pkg:number ?n }"
    graph = client(endpoint, query, TURTLE).queryAndConvert()
    assert len(Graph().parse(data=graph, format="turtle")) == 20
    status, headers, body = http(endpoint + "?" + urlencode({"query": query}), headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert len(Graph().parse(data=body.decode("utf-8"), format="nt")) == 20
    described = client(endpoint, "DESCRIBE <https://w3id.org/policykg/id/recommendation/iicsa/13>", N3).queryAndConvert()
    assert len(Graph().parse(data=described, format="turtle")) > 3


def test_post_form_and_direct(endpoint):
    form = client(endpoint, RECOMMENDATIONS, method=POST).queryAndConvert()
    direct = client(endpoint, RECOMMENDATIONS, method=POST, request_method=POSTDIRECTLY).queryAndConvert()
    assert form == direct and len(form["results"]["bindings"]) == 20


def test_accept_header_chooses_the_format(endpoint):
    url = endpoint + "?" + urlencode({"query": RECOMMENDATIONS})
    status, headers, body = http(url)  # no Accept: JSON
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json" and json.loads(body)["results"]
    _, headers, _ = http(url, headers={"Accept": "text/csv;q=0.9, application/sparql-results+xml;q=0.5"})
    assert headers["Content-Type"].startswith("text/csv")
    _, headers, _ = http(url, headers={"Accept": "image/png"})  # nothing acceptable: the default
    assert headers["Content-Type"] == "application/sparql-results+json"
    _, headers, _ = http(url + "&format=tsv")
    assert headers["Content-Type"].startswith("text/tab-separated-values")


def test_concurrent_requests_all_succeed(endpoint):
    def ask(i: int) -> int:
        query = RECOMMENDATIONS if i % 2 else "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?c a pkg:Commitment }"
        results = client(endpoint, query, method=POST if i % 3 == 0 else None).queryAndConvert()
        return len(results["results"]["bindings"])

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(ask, range(80)))  # 8 threads x 10 requests
    assert counts == [20 if i % 2 else 1 for i in range(80)]


# ---------------------------------------------------------------------------- refusals


def test_malformed_query_is_400_with_the_parsers_message_and_the_server_stays_up(endpoint):
    with pytest.raises(QueryBadFormed) as error:
        client(endpoint, "SELECT ?x WHERE { ?x ").query()
    assert "malformed query" in str(error.value)
    status, _, body = http(endpoint + "?" + urlencode({"query": "SELEC * WHERE {}"}))
    assert status == 400 and b"malformed query: Expected" in body
    assert len(client(endpoint, RECOMMENDATIONS).queryAndConvert()["results"]["bindings"]) == 20


@pytest.mark.parametrize("how", ["query", "update-param", "update-body"])
def test_updates_are_refused(endpoint, how):
    update = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    if how == "query":
        status, _, body = http(endpoint + "?" + urlencode({"query": update}))
    elif how == "update-param":
        status, _, body = http(endpoint, data=urlencode({"update": update}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = http(endpoint, data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    assert client(endpoint, "ASK { <https://example.org/a> ?p ?o }").queryAndConvert()["boolean"] is False


def test_update_through_sparqlwrapper_is_refused(endpoint):
    sparql = SPARQLWrapper(endpoint)
    sparql.setMethod(POST)
    sparql.setQuery("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(urllib.error.HTTPError) as error:
        sparql.query()
    assert error.value.code == 403
    assert len(client(endpoint, RECOMMENDATIONS).queryAndConvert()["results"]["bindings"]) == 20


@pytest.mark.parametrize("query", ["SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
                                   "SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }"])
def test_queries_reaching_outside_are_refused(endpoint, query):
    status, _, body = http(endpoint + "?" + urlencode({"query": query}))
    assert status == 400 and b"not allowed" in body


def test_other_methods_and_paths(endpoint):
    assert http(endpoint, method="PUT", data=b"x")[0] == 405
    assert http(endpoint.replace("/sparql", "/nothing"))[0] == 404
    assert http(endpoint)[0] == 400  # no query
    assert http(endpoint, data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    status, headers, _ = http(endpoint, method="OPTIONS")
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"


# ---------------------------------------------------------------------------- limits


def test_results_are_truncated_at_the_limit(strict_endpoint):
    url = strict_endpoint.url + "sparql"
    result = client(url, RECOMMENDATIONS).query()
    assert result.response.headers["X-Result-Truncated"] == "true" and result.response.headers["X-Result-Limit"] == "5"
    assert len(result.convert()["results"]["bindings"]) == 5
    small = client(url, RECOMMENDATIONS + " LIMIT 3").query()
    assert small.response.headers.get("X-Result-Truncated") is None


def test_a_slow_query_times_out_with_503_and_is_stopped(strict_endpoint):
    url = strict_endpoint.url + "sparql"
    started = time.monotonic()
    status, _, body = http(url + "?" + urlencode({"query": SLOW}))
    assert status == 503 and b"longer than 1 seconds" in body
    assert time.monotonic() - started < 10
    deadline = time.monotonic() + 10
    while any(t.name == "sparql-query" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(t.name == "sparql-query" for t in threading.enumerate()), "the timed-out query was stopped"
    assert http(url + "?" + urlencode({"query": "ASK { ?s ?p ?o }"}))[0] == 200


# ---------------------------------------------------------------------------- the page


def test_index_page_lists_the_canned_queries(endpoint):
    status, headers, body = http(endpoint.replace("/sparql", "/"))
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    for canned in load_catalogue().values():
        assert escape(canned.title) in page
    assert '<form method="get" action="/sparql">' in page
    section = page.split('<section id="q-recommendations">', 1)[1]
    link = section.split('<a href="', 1)[1].split('"', 1)[0]  # its "Run (JSON)" link
    status, _, body = http(endpoint.replace("/sparql", "") + link.replace("&amp;", "&"))
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 20


def test_index_escapes_hostile_canned_queries():
    hostile = CannedQuery(
        name='x"><script>alert(1)</script>', title="<script>alert('title')</script>", description="<img src=x onerror=alert(1)>",
        parameters=(Parameter("n<b>", "int"),), columns=["x"],
        texts={"sparql": "SELECT ?x WHERE { ?x ?p '</pre><script>alert(2)</script>' }"},
    )
    page = render_index([hostile], query="</textarea><script>alert(3)</script>", files=["<b>.ttl"])
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "&lt;/textarea&gt;" in page


def test_negotiate():
    offered = ["application/sparql-results+json", "text/csv"]
    assert negotiate(None, offered) == "application/sparql-results+json"
    assert negotiate("*/*", offered) == "application/sparql-results+json"
    assert negotiate("text/csv, */*;q=0.1", offered) == "text/csv"
    assert negotiate("text/csv;q=0", offered) is None


def test_service_handles_requests_without_http(seed_graph):
    from policykg.queries.sparql import SparqlEngine

    service = SparqlService(SparqlEngine(seed_graph).rdf)
    response = service.handle({"query": [RECOMMENDATIONS]}, "text/csv")
    assert response.status == 200 and response.body.decode().count("\n") == 21
    assert service.handle({"query": ["ASK {"]}, None).status == 400


# ---------------------------------------------------------------------------- a publication, in a subprocess


def test_serve_a_publication_in_a_subprocess(small_publication_folder):
    process = subprocess.Popen([sys.executable, "-m", "policykg.queries.endpoint", "--port", "0", "--publication", str(small_publication_folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ})
    try:
        assert process.stdout is not None
        url = json.loads(process.stdout.readline())["url"]
        assert url.startswith("http://127.0.0.1:")
        results = client(url + "sparql", RECOMMENDATIONS).queryAndConvert()
        assert len(results["results"]["bindings"]) == 20
        status, _, body = http(url + "files/SHA256SUMS")
        assert status == 200 and b"graph.ttl" in body
        assert http(url + "files/..%2FSHA256SUMS")[0] == 404
        assert b"/files/graph.ttl" in http(url)[2]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def small_publication_folder(seed_graph, tmp_path_factory) -> Path:
    from policykg.export.publish import publish

    keep = [iri for iri, data in seed_graph.nodes(data=True) if data["type"] in ("Document", "Inquiry", "Recommendation", "Theme")]
    return publish(seed_graph.subgraph(keep).copy(), tmp_path_factory.mktemp("served") / "publication")
