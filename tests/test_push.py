"""Pushing the graph to a triple store with the SPARQL 1.1 Graph Store Protocol.

The ``fuseki`` tests need the Apache Jena Fuseki server that ``scripts/fuseki-server
start`` runs (in-memory dataset ``/ds`` on 127.0.0.1, port ``FUSEKI_PORT``, default 3330;
or set ``POLICYKG_FUSEKI_URL`` to another dataset URL).  They fail, rather than skip, when
it is not running.  The retry and error tests at the end use a tiny local HTTP server.
"""

from __future__ import annotations

import base64
import http.server
import os
import threading
from contextlib import contextmanager

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from policykg.errors import PolicyKGError
from policykg.export import push as push_module
from policykg.export.push import (
    DEFAULT_GRAPH,
    dataset_iri,
    graph_lines,
    push_graph_store,
    request,
    sparql_select,
    upload_chunks,
)
from policykg.ontology.rdf import to_rdf
from policykg.queries import load_catalogue, run_query
from policykg.queries.results import normalise

FUSEKI = os.environ.get("POLICYKG_FUSEKI_URL", f"http://127.0.0.1:{os.environ.get('FUSEKI_PORT', '3330')}/ds")
START = "start it with `bash scripts/fuseki-server start` (or set POLICYKG_FUSEKI_URL to a Fuseki dataset URL)"


@pytest.fixture(scope="module")
def fuseki() -> str:
    try:
        sparql_select(FUSEKI, "SELECT (1 AS ?one) WHERE {}", retries=1, backoff=0.5, timeout=10)
    except PolicyKGError as error:
        pytest.fail(f"Fuseki is not reachable at {FUSEKI} ({error}); {START}", pytrace=False)
    return FUSEKI


def count_triples(endpoint: str, graph: str) -> int:
    pattern = "{ ?s ?p ?o }" if graph == DEFAULT_GRAPH else f"{{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    _, rows = sparql_select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {pattern}")
    return int(rows[0][0].toPython())


@pytest.fixture(scope="module")
def seed_rdf(seed_graph) -> Graph:
    return to_rdf(seed_graph)


@pytest.fixture(scope="module")
def pushed(fuseki, seed_rdf):
    return push_graph_store(seed_rdf, fuseki, chunk_triples=5_000)


# --------------------------------------------------------------------------- against Fuseki


@pytest.mark.fuseki
def test_push_puts_the_whole_graph_in_the_dataset_graph(fuseki, pushed, seed_rdf):
    assert pushed.graph == dataset_iri() == "https://w3id.org/policykg/id/dataset"
    assert pushed.triples == len(seed_rdf)
    assert pushed.requests == -(-len(seed_rdf) // 5_000)  # one PUT, then POSTs
    assert count_triples(fuseki, dataset_iri()) == len(seed_rdf)


PARAMETER_FREE = sorted(name for name, query in load_catalogue().items() if not query.parameters and "sparql" in query.texts)


@pytest.mark.fuseki
@pytest.mark.parametrize("name", PARAMETER_FREE)
def test_catalogue_query_on_fuseki_equals_rdflib(fuseki, pushed, seed_graph, name):
    query = load_catalogue()[name]
    columns, rows = sparql_select(fuseki, query.texts["sparql"], default_graph=pushed.graph)
    assert columns == query.columns
    remote = normalise(columns, rows, query.list_columns)
    _, local = run_query(seed_graph, name)
    assert remote and remote == local


@pytest.mark.fuseki
def test_recommendations_query_on_fuseki(fuseki, pushed):
    columns, rows = sparql_select(fuseki, load_catalogue()["recommendations"].texts["sparql"], default_graph=pushed.graph)
    records = normalise(columns, rows)
    assert [r["number"] for r in records] == list(range(1, 21))


@pytest.mark.fuseki
def test_pushing_again_replaces_the_graph(fuseki, pushed, seed_rdf):
    again = push_graph_store(seed_rdf, fuseki, chunk_triples=2_000)  # more chunks this time
    assert again.requests > pushed.requests
    assert count_triples(fuseki, dataset_iri()) == len(seed_rdf)
    smaller = Graph()
    for triple in list(seed_rdf)[:100]:
        smaller.add(triple)
    push_graph_store(smaller, fuseki, graph_iri="https://example.org/policykg-test/replaced")
    push_graph_store(seed_rdf, fuseki, graph_iri="https://example.org/policykg-test/replaced")
    push_graph_store(smaller, fuseki, graph_iri="https://example.org/policykg-test/replaced")
    assert count_triples(fuseki, "https://example.org/policykg-test/replaced") == 100


@pytest.mark.fuseki
def test_policy_graph_and_default_graph(fuseki, seed_graph, seed_rdf):
    result = push_graph_store(seed_graph, fuseki, graph_iri=DEFAULT_GRAPH)  # a networkx policy graph is converted
    try:
        assert result.graph == DEFAULT_GRAPH
        assert count_triples(fuseki, DEFAULT_GRAPH) == len(seed_rdf)
    finally:
        push_graph_store(Graph(), fuseki, graph_iri=DEFAULT_GRAPH)  # leave the default graph empty
    assert count_triples(fuseki, DEFAULT_GRAPH) == 0


@pytest.mark.fuseki
def test_blank_nodes_travel_together(fuseki):
    rdf = Graph()
    rdf.parse(data='_:a <http://x/p> _:b .\n_:b <http://x/q> "v" .\n<http://x/s> <http://x/r> _:a .\n', format="nt")
    for n in range(10):
        rdf.add((URIRef(f"http://x/s{n}"), URIRef("http://x/p"), Literal(n)))
    iri = "https://example.org/policykg-test/blank"
    push_graph_store(rdf, fuseki, graph_iri=iri, chunk_triples=2)
    _, rows = sparql_select(fuseki, f"SELECT ?v WHERE {{ GRAPH <{iri}> {{ <http://x/s> <http://x/r>/<http://x/p>/<http://x/q> ?v }} }}")
    assert [str(r[0]) for r in rows] == ["v"]


@pytest.mark.fuseki
def test_unknown_dataset_is_a_one_line_error(fuseki, seed_rdf):
    url = fuseki.rsplit("/", 1)[0] + "/no-such-dataset"
    with pytest.raises(PolicyKGError) as caught:
        push_graph_store(seed_rdf, url, retries=3, backoff=0.01)
    message = str(caught.value)
    assert "\n" not in message and "HTTP 404" in message and "no-such-dataset" in message


@pytest.mark.fuseki
def test_bad_request_carries_the_servers_message(fuseki):
    with pytest.raises(PolicyKGError) as caught:
        request("PUT", f"{fuseki}?graph=https://example.org/policykg-test/bad", body=b"this is not N-Triples\n",
                headers={"Content-Type": "application/n-triples"}, backoff=0.01)
    message = str(caught.value)
    assert "\n" not in message and "HTTP 400" in message and len(message) > len("PUT x: HTTP 400 Bad Request")


def test_unreachable_store_is_a_one_line_error_after_retries():
    with pytest.raises(PolicyKGError) as caught:
        push_graph_store(Graph(), "http://127.0.0.1:9/ds", retries=2, backoff=0.01, timeout=2)
    message = str(caught.value)
    assert "\n" not in message and "cannot connect" in message and "after 3 attempt(s)" in message


def test_not_an_http_url():
    with pytest.raises(PolicyKGError, match="not an http"):
        push_graph_store(Graph(), "ftp://example.org/ds")


# --------------------------------------------------------------------------- a scripted server: retries


seen_headers: list[dict[str, str]] = []  # the headers of every request a scripted server received, in order


@contextmanager
def scripted_server(statuses: list[int], on_request=None):
    """A local HTTP server answering each request with the next status (then 204); records requests
    (and their headers in ``seen_headers``); ``on_request()`` is called as each one arrives."""
    seen: list[tuple[str, str, bytes]] = []
    seen_headers.clear()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            if on_request:
                on_request()
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append((self.command, self.path, body))
            seen_headers.append(dict(self.headers))
            status = statuses.pop(0) if statuses else 204
            message = b"Error 503: the store is busy\n" if status >= 400 else b""
            self.send_response(status)
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            self.wfile.write(message)

        do_PUT = do_POST = _answer

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/ds", seen
    finally:
        server.shutdown()
        server.server_close()


def test_5xx_is_retried_then_succeeds(seed_rdf):
    with scripted_server([503, 500]) as (url, seen):
        result = push_graph_store(seed_rdf, url, chunk_triples=10_000, backoff=0.01)
    methods = [method for method, _, _ in seen]
    assert methods == ["PUT", "PUT", "PUT", "POST"]  # two failures retried, then the rest
    assert result.requests == 2 and result.triples == len(seed_rdf)
    assert seen[0][1] == "/ds?graph=https%3A%2F%2Fw3id.org%2Fpolicykg%2Fid%2Fdataset"
    assert sum(body.count(b"\n") for _, _, body in seen[2:]) == len(seed_rdf)


def test_5xx_that_persists_is_a_one_line_error(seed_rdf):
    with scripted_server([503] * 10) as (url, seen), pytest.raises(PolicyKGError) as caught:
        push_graph_store(seed_rdf, url, retries=2, backoff=0.01)
    message = str(caught.value)
    assert len(seen) == 3 and "\n" not in message
    assert "HTTP 503" in message and "the store is busy" in message and "after 3 attempt(s)" in message


def test_failure_after_the_first_chunk_says_how_much_was_sent(seed_rdf):
    with scripted_server([204, 400]) as (url, _), pytest.raises(PolicyKGError, match=r"now holds the first 5000 triples; push again"):
        push_graph_store(seed_rdf, url, chunk_triples=5_000, backoff=0.01)


def test_chunks_cover_every_triple_once(seed_rdf):
    lines = list(graph_lines(seed_rdf))
    chunks = list(upload_chunks(lines, 3_000))
    assert sum(c.count for c in chunks) == len(lines) == len(seed_rdf)
    assert b"".join(c.body for c in chunks).decode().splitlines() == lines
    assert isomorphic(Graph().parse(data="\n".join(lines), format="nt"), seed_rdf)


def test_a_policy_graph_gives_the_triples_of_to_rdf_each_once(seed_graph, seed_rdf):
    lines = list(graph_lines(seed_graph))
    assert len(lines) == len(set(lines)) == len(seed_rdf)
    assert isomorphic(Graph().parse(data="\n".join(lines), format="nt"), seed_rdf)


def test_blank_node_triples_all_travel_in_the_first_request():
    rdf = Graph()
    rdf.parse(data='_:a <http://x/p> _:b .\n_:b <http://x/q> "v" .\n<http://x/s> <http://x/r> _:a .\n', format="nt")
    for n in range(10):
        rdf.add((URIRef(f"http://x/s{n}"), URIRef("http://x/p"), Literal(n)))
    chunks = list(upload_chunks(graph_lines(rdf), 2))
    assert chunks[0].count == 4 and chunks[0].body.count(b"_:") == 4  # the three with blank nodes, and one more
    assert all(b"_:" not in chunk.body for chunk in chunks[1:]) and sum(c.count for c in chunks) == 13


# --------------------------------------------------------------------------- streaming, credentials, malformed URLs


def test_push_streams_a_policy_graph_without_an_rdflib_graph(seed_graph, seed_rdf, monkeypatch):
    """The first request leaves before most triples are made, and no rdflib graph or whole text is built."""
    made: list[int] = [0]
    real = push_module.iter_triples

    def counted(graph):
        for triple in real(graph):
            made[0] += 1
            yield triple

    def refuse(*args, **kwargs):
        raise AssertionError("push built an rdflib graph or serialised one")

    monkeypatch.setattr(push_module, "iter_triples", counted)
    monkeypatch.setattr("policykg.ontology.rdf.to_rdf", refuse)
    monkeypatch.setattr(Graph, "serialize", refuse)
    monkeypatch.setattr(Graph, "add", refuse)
    made_at_request: list[int] = []
    with scripted_server([], on_request=lambda: made_at_request.append(made[0])) as (url, seen):
        result = push_graph_store(seed_graph, url, chunk_triples=1_000, backoff=0.01)
    monkeypatch.undo()
    assert result.triples == len(seed_rdf) and result.requests == len(seen) == -(-len(seed_rdf) // 1_000)
    assert made_at_request[0] < made[0] / 4  # the first chunk went out while most of the graph was still to make
    assert all(body.count(b"\n") <= 1_000 for _, _, body in seen)
    received = Graph().parse(data=b"".join(body for _, _, body in seen).decode(), format="nt")
    assert isomorphic(received, seed_rdf)


def test_credentials_in_the_url_become_http_authentication_and_are_never_shown(seed_graph, tmp_path, monkeypatch):
    from policykg.cli import cli
    from policykg.graph.storage import save_graph

    save_graph(seed_graph, tmp_path / "graph.json")
    with scripted_server([]) as (url, seen):
        with_credentials = url.replace("http://", "http://alice:s%40cr%3At@")
        result = CliRunner().invoke(cli, ["push", "--graph", str(tmp_path / "graph.json"), "--sparql-graph-store", with_credentials])
        headers = list(seen_headers)
    assert result.exit_code == 0, result.output
    assert "s%40cr%3At" not in result.output and "s@cr:t" not in result.output
    assert "alice:***@127.0.0.1" in result.output
    expected = "Basic " + base64.b64encode(b"alice:s@cr:t").decode()
    assert headers and all(h.get("Authorization") == expected for h in headers)
    assert all(path.startswith("/ds?graph=") for _, path, _ in seen)


def test_credentials_in_the_url_reach_sparql_queries_too():
    with scripted_server([]) as (url, _):
        with pytest.raises(PolicyKGError) as caught:  # the scripted server answers 204, not SPARQL results
            sparql_select(url.replace("http://", "http://bob:hunter2@"), "SELECT * WHERE {}", retries=0)
        headers = list(seen_headers)
    assert "hunter2" not in str(caught.value)
    assert headers[-1].get("Authorization") == "Basic " + base64.b64encode(b"bob:hunter2").decode()


@pytest.mark.parametrize("url", ["http://user:secret@[::1", "http://user:secret@host:99999/ds", "http://user:secret@host:port/ds",
                                 "ftp://user:secret@host/ds", "http://user:secret@/ds"])
def test_a_malformed_url_is_one_line_without_the_password(seed_graph, tmp_path, url):
    from policykg.cli import cli
    from policykg.graph.storage import save_graph

    save_graph(seed_graph, tmp_path / "graph.json")
    result = CliRunner().invoke(cli, ["push", "--graph", str(tmp_path / "graph.json"), "--sparql-graph-store", url])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output  # not an exception escaping
    assert "Traceback" not in result.output and "secret" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("policykg: error:")
