"""Upload the graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

:func:`push_graph_store` sends the RDF of the graph as N-Triples in chunks: the first
chunk is ``PUT`` to ``ENDPOINT?graph=IRI`` (which *replaces* the named graph, so pushing
again gives the same store, not twice the triples), the others are ``POST``-ed to the
same URL (added to it).  Connection errors, time-outs and 5xx answers are retried with
exponential back-off; a 4xx answer, or a store that stays unreachable, raises a one-line
:class:`~policykg.errors.PolicyKGError` carrying the server's own message.

The graph is the dataset IRI (``https://w3id.org/policykg/id/dataset``, under
``POLICYKG_BASE``) unless told otherwise; ``graph_iri="default"`` writes the store's
default graph (``?default``).  Works with any Graph Store Protocol endpoint, e.g. Apache
Jena Fuseki (``scripts/fuseki-server``): ``http://127.0.0.1:3330/ds`` or ``.../ds/data``.

Blank nodes are scoped to one request, so every triple that has one travels in the
first request; policykg's own graphs have none.

:func:`sparql_select` runs a SELECT against a remote SPARQL endpoint and returns rows
of rdflib terms, the shape the embedded engine returns, so
:func:`policykg.queries.results.normalise` gives comparable answers.

>>> chunks = list(ntriples_chunks(["<a> <p> <b> .", "_:x <p> <c> .", "<d> <p> <e> ."], 2))
>>> [c.count for c in chunks], chunks[0].body.decode().splitlines()[0]
([2, 1], '_:x <p> <c> .')
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import PolicyKGError
from policykg.ontology.iris import mint

#: ``graph_iri`` value that addresses the store's default graph (``?default``).
DEFAULT_GRAPH = "default"
NTRIPLES = "application/n-triples"
_MESSAGE_LIMIT = 300

Auth = tuple[str, str] | str | None


def dataset_iri() -> str:
    """The named graph policykg pushes to unless told otherwise."""
    return mint("dataset")


@dataclass(frozen=True)
class Chunk:
    count: int  # triples
    body: bytes  # N-Triples, UTF-8


@dataclass(frozen=True)
class PushResult:
    endpoint: str
    graph: str  # the graph IRI, or "default"
    triples: int
    requests: int
    seconds: float  # upload time (HTTP requests only, serialisation excluded)
    serialise_seconds: float

    def summary(self) -> str:
        where = "the default graph" if self.graph == DEFAULT_GRAPH else f"<{self.graph}>"
        return (f"Pushed {self.triples} triples to {where} at {self.endpoint} "
                f"in {self.requests} request(s), {self.seconds:.1f} s")


def _has_blank_node(line: str) -> bool:
    """Whether an N-Triples line has a blank node (as subject, or as object)."""
    if line.startswith("_:"):
        return True
    parts = line.split(" ", 2)  # subject and predicate never contain spaces
    return len(parts) == 3 and parts[2].startswith("_:")


def ntriples_lines(rdf: Graph) -> list[str]:
    """The graph as sorted N-Triples lines (one triple each, no trailing newline)."""
    text = rdf.serialize(format="nt", encoding="utf-8").decode("utf-8")
    # split on "\n" only: literals may hold U+2028 and the like, which N-Triples leaves as is
    return sorted(line for line in text.split("\n") if line.strip())


def ntriples_chunks(lines: Sequence[str], chunk_triples: int) -> Iterator[Chunk]:
    """Chunks of at most ``chunk_triples`` lines; triples with blank nodes all go first, together."""
    if chunk_triples < 1:
        raise PolicyKGError("chunk size must be at least 1 triple")
    blank = [line for line in lines if _has_blank_node(line)]
    plain = [line for line in lines if not _has_blank_node(line)] if blank else list(lines)
    first = max(chunk_triples - len(blank), 0) if blank else chunk_triples
    groups: list[list[str]] = [blank + plain[:first]]
    groups += [plain[i : i + chunk_triples] for i in range(first, len(plain), chunk_triples)]
    for group in groups:
        yield Chunk(len(group), ("\n".join(group) + "\n" if group else "").encode("utf-8"))


def _with_query(url: str, **params: str | None) -> str:
    """``url`` with query parameters added (``None`` → a bare key, as in ``?default``)."""
    parts = urllib.parse.urlsplit(url)
    extra = "&".join(key if value is None else f"{key}={urllib.parse.quote(value, safe='')}" for key, value in params.items())
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise PolicyKGError(f"{url!r} is not an http(s) URL of a SPARQL endpoint")


def _authorization(auth: Auth) -> dict[str, str]:
    if auth is None:
        return {}
    if isinstance(auth, str):
        return {"Authorization": auth}
    user, password = auth
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def _one_line(text: str) -> str:
    """A server's error body as one short line (HTML tags and blank lines dropped)."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


def _http_error_message(method: str, url: str, error: urllib.error.HTTPError) -> str:
    try:
        body = error.read(4096).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        body = ""
    message = _one_line(body)
    reason = error.reason if isinstance(error.reason, str) else ""
    text = f"{method} {url}: HTTP {error.code}" + (f" {reason}" if reason else "")
    if message and message.lower() not in {reason.lower(), f"error {error.code}: {reason}".lower()}:
        text += f": {message}"  # Fuseki answers a bare 404 with "Error 404: Not Found": no need to repeat it
    return text


_RETRYABLE = (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout, TimeoutError)


def request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
    retries: int = 3,
    backoff: float = 0.5,
    auth: Auth = None,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """One HTTP request with retries on connection errors and 5xx; :class:`PolicyKGError` otherwise."""
    _check_url(url)
    headers = {"User-Agent": "policykg", **_authorization(auth), **(headers or {})}
    attempts = max(retries, 0) + 1
    last = ""
    for attempt in range(attempts):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=body, method=method, headers=headers), timeout=timeout) as answer:
                return answer.read()
        except urllib.error.HTTPError as error:
            last = _http_error_message(method, url, error)
            if error.code < 500:
                raise PolicyKGError(last) from None
        except _RETRYABLE as error:
            reason = getattr(error, "reason", None) or error
            last = f"{method} {url}: cannot connect ({_one_line(str(reason)) or type(error).__name__})"
    raise PolicyKGError(f"{last}; gave up after {attempts} attempt(s)")


def push_graph_store(
    graph: Graph | nx.MultiDiGraph,
    endpoint_url: str,
    *,
    graph_iri: str | None = None,
    chunk_triples: int = 50_000,
    retries: int = 3,
    timeout: float = 60,
    auth: Auth = None,
    backoff: float = 0.5,
    progress: Callable[[int, int], None] | None = None,
) -> PushResult:
    """Replace a graph in a triple store with ``graph`` (an rdflib graph, or a policy graph).

    ``endpoint_url`` is a Graph Store Protocol endpoint (Fuseki: ``http://HOST:3330/ds`` or
    ``.../ds/data``); ``graph_iri`` the named graph to replace (default: the dataset IRI;
    ``"default"``: the default graph); ``auth`` a ``(user, password)`` pair for HTTP Basic,
    or a whole ``Authorization`` header value.  ``progress(triples_sent, total)`` is called
    after each request.
    """
    _check_url(endpoint_url)
    started = time.perf_counter()
    if isinstance(graph, nx.MultiDiGraph):
        from policykg.ontology.rdf import to_rdf

        graph = to_rdf(graph)
    lines = ntriples_lines(graph)
    chunks = list(ntriples_chunks(lines, chunk_triples))
    serialised = time.perf_counter() - started

    target = graph_iri or dataset_iri()
    url = _with_query(endpoint_url, default=None) if target == DEFAULT_GRAPH else _with_query(endpoint_url, graph=target)
    headers = {"Content-Type": f"{NTRIPLES}; charset=utf-8"}
    sent = 0
    upload_started = time.perf_counter()
    for number, chunk in enumerate(chunks):
        method = "PUT" if number == 0 else "POST"
        try:
            request(method, url, body=chunk.body, headers=headers, timeout=timeout, retries=retries, backoff=backoff, auth=auth)
        except PolicyKGError as error:
            if number == 0:
                raise
            raise PolicyKGError(f"{error} (the graph now holds {sent} of {len(lines)} triples; push again)") from None
        sent += chunk.count
        if progress:
            progress(sent, len(lines))
    return PushResult(endpoint_url, target, len(lines), len(chunks), time.perf_counter() - upload_started, serialised)


def _term(binding: dict[str, Any] | None) -> Node | None:
    """An rdflib term from a SPARQL 1.1 JSON results binding."""
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    datatype = binding.get("datatype")
    return Literal(value, lang=binding.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)


def sparql_select(
    endpoint_url: str,
    query: str,
    *,
    default_graph: str | None = None,
    timeout: float = 60,
    retries: int = 3,
    auth: Auth = None,
    backoff: float = 0.5,
) -> tuple[list[str], list[list[Node | None]]]:
    """Run a SELECT at a remote SPARQL endpoint: ``(columns, rows of rdflib terms)``.

    ``default_graph`` asks the endpoint to answer over that named graph as its default
    graph (the protocol's ``default-graph-uri``), e.g. the graph :func:`push_graph_store` wrote.
    """
    form: list[tuple[str, str]] = [("query", query)]
    if default_graph and default_graph != DEFAULT_GRAPH:
        form.append(("default-graph-uri", default_graph))
    body = urllib.parse.urlencode(form).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    raw = request("POST", endpoint_url, body=body, headers=headers, timeout=timeout, retries=retries, backoff=backoff, auth=auth)
    try:
        data = json.loads(raw)
        columns = list(data["head"].get("vars", []))
        bindings: Iterable[dict[str, Any]] = data["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        raise PolicyKGError(f"{endpoint_url}: the answer is not SPARQL JSON results (is it a SPARQL query endpoint?)") from None
    return columns, [[_term(row.get(column)) for column in columns] for row in bindings]
