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

The triples are streamed: made from the graph a chunk at a time (a policy graph through
:func:`policykg.ontology.rdf.iter_triples`, with no rdflib graph built), each chunk sent
before the next is made, so memory holds one chunk and a 64-bit digest per triple sent (to
send each triple once), never the whole N-Triples text.

Blank nodes are scoped to one request, so every triple that has one travels in the
first request; policykg's own graphs have none.

Credentials in the URL (``http://user:password@host/ds``) become HTTP Basic
authentication: they are taken out of the URL before it is used, and every URL the user
sees (summaries, errors) has them masked (:func:`display_url`).  A malformed URL is one
line (:class:`~policykg.errors.PolicyKGError`).

:func:`sparql_select` runs a SELECT against a remote SPARQL endpoint and returns rows
of rdflib terms, the shape the embedded engine returns, so
:func:`policykg.queries.results.normalise` gives comparable answers.

>>> chunks = list(upload_chunks(["_:x <p> <c> .", "<a> <p> <b> .", "<d> <p> <e> ."], 2))
>>> [c.count for c in chunks], chunks[0].body.decode().splitlines()[0]
([2, 1], '_:x <p> <c> .')
>>> display_url("http://alice:secret@store.example.org/ds")
'http://alice:***@store.example.org/ds'
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import itertools
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import PolicyKGError
from policykg.iris import mint
from policykg.ontology.rdf import Lit, encoded_chunks, iter_triples, nt_term

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
    seconds: float  # upload time (HTTP requests only)
    serialise_seconds: float  # time spent making the triples and chunks sent

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


def _rdflib_term(term: Node) -> str:
    """An rdflib term in N-Triples syntax."""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return nt_term(Lit(str(term), str(term.datatype) if term.datatype else None, term.language))
    return nt_term(str(term))


def _distinct(lines: Iterable[str]) -> Iterator[str]:
    """``lines`` without repeats, remembering a 64-bit digest of each line, not the line."""
    seen: set[bytes] = set()
    for line in lines:
        digest = hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest()
        if digest not in seen:
            seen.add(digest)
            yield line


def graph_lines(graph: Graph | nx.MultiDiGraph) -> Iterator[str]:
    """The N-Triples lines (no line breaks) of ``graph``, each triple once, made as they are read.

    A policy graph goes through :func:`~policykg.ontology.rdf.iter_triples` (the mapping
    :func:`~policykg.ontology.rdf.to_rdf` uses, without building an rdflib graph); an rdflib
    graph is read triple by triple, those with blank nodes first (see :func:`upload_chunks`).
    """
    if isinstance(graph, nx.MultiDiGraph):
        triples = (f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in iter_triples(graph))
        return _distinct(triples)

    def rdflib_lines(blank: bool) -> Iterator[str]:
        for s, p, o in graph:
            if (isinstance(s, BNode) or isinstance(o, BNode)) == blank:
                yield f"{_rdflib_term(s)} {_rdflib_term(p)} {_rdflib_term(o)} ."

    return itertools.chain(rdflib_lines(True), rdflib_lines(False))  # an rdflib graph holds each triple once


def upload_chunks(lines: Iterable[str], chunk_triples: int) -> Iterator[Chunk]:
    """Chunks of at most ``chunk_triples`` lines, made as they are asked for.

    Lines with blank nodes must come first (:func:`graph_lines` puts them there): they all go
    into the first chunk, whatever its size, since a blank node means one thing only within a request.
    """
    if chunk_triples < 1:
        raise PolicyKGError("chunk size must be at least 1 triple")
    lines = iter(lines)
    first: list[str] = []
    for line in lines:
        first.append(line)
        if not _has_blank_node(line) and len(first) >= chunk_triples:
            break
    yield Chunk(len(first), "".join(f"{line}\n" for line in first).encode("utf-8"))
    for body in encoded_chunks((f"{line}\n" for line in lines), chunk_triples):
        yield Chunk(body.count(b"\n"), body)  # a line break inside a literal is escaped: one per triple


def _with_query(url: str, **params: str | None) -> str:
    """``url`` with query parameters added (``None`` → a bare key, as in ``?default``)."""
    parts = urllib.parse.urlsplit(url)
    extra = "&".join(key if value is None else f"{key}={urllib.parse.quote(value, safe='')}" for key, value in params.items())
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


_AUTHORITY = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)")


def display_url(url: str) -> str:
    """``url`` as it may be shown: the password of a ``user:password@`` part masked (a lone
    ``token@`` too); the rest as given, even if the URL is malformed."""
    match = _AUTHORITY.match(url)
    if match is None or "@" not in match.group(2):
        return url
    userinfo, _, host = match.group(2).rpartition("@")
    shown = f"{userinfo.split(':', 1)[0]}:***" if ":" in userinfo else "***"
    return f"{match.group(1)}{shown}@{host}{url[match.end():]}"


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``url`` without its ``user:password@`` part, and those credentials (``None`` if it has none).

    A URL that is not http(s), or that does not parse (``http://user:secret@[::1``), is a
    one-line :class:`PolicyKGError` showing it masked.
    """
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number in range)
    except ValueError as error:
        raise PolicyKGError(f"{display_url(url)!r} is not a valid URL ({error})") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise PolicyKGError(f"{display_url(url)!r} is not an http(s) URL of a SPARQL endpoint")
    if parts.username is None:
        return url, None
    host = parts.netloc.rpartition("@")[2]
    plain = urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return plain, (urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))


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
    """One HTTP request with retries on connection errors and 5xx; :class:`PolicyKGError` otherwise.

    Credentials in ``url`` are sent as HTTP Basic authentication unless ``auth`` is given.
    """
    url, url_auth = split_credentials(url)
    auth = auth if auth is not None else url_auth
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
    progress: Callable[[int], None] | None = None,
) -> PushResult:
    """Replace a graph in a triple store with ``graph`` (a policy graph, or an rdflib graph).

    ``endpoint_url`` is a Graph Store Protocol endpoint (Fuseki: ``http://HOST:3330/ds`` or
    ``.../ds/data``), possibly with ``user:password@`` (sent as HTTP Basic, shown masked);
    ``graph_iri`` the named graph to replace (default: the dataset IRI; ``"default"``: the
    default graph); ``auth`` a ``(user, password)`` pair for HTTP Basic, or a whole
    ``Authorization`` header value (it wins over credentials in the URL).  The triples are
    made and sent a chunk at a time (:func:`graph_lines`); ``progress(triples_sent)`` is
    called after each request.
    """
    endpoint, url_auth = split_credentials(endpoint_url)
    auth = auth if auth is not None else url_auth
    target = graph_iri or dataset_iri()
    url = _with_query(endpoint, default=None) if target == DEFAULT_GRAPH else _with_query(endpoint, graph=target)
    headers = {"Content-Type": f"{NTRIPLES}; charset=utf-8"}
    chunks = upload_chunks(graph_lines(graph), chunk_triples)
    sent = requests = 0
    making = sending = 0.0
    while True:
        started = time.perf_counter()
        chunk = next(chunks, None)
        making += time.perf_counter() - started
        if chunk is None:
            break
        method = "PUT" if requests == 0 else "POST"
        started = time.perf_counter()
        try:
            request(method, url, body=chunk.body, headers=headers, timeout=timeout, retries=retries, backoff=backoff, auth=auth)
        except PolicyKGError as error:
            if requests == 0:
                raise
            raise PolicyKGError(f"{error} (the graph now holds the first {sent} triples; push again)") from None
        sending += time.perf_counter() - started
        sent += chunk.count
        requests += 1
        if progress:
            progress(sent)
    return PushResult(display_url(endpoint_url), target, sent, requests, sending, making)


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
        raise PolicyKGError(f"{display_url(endpoint_url)}: the answer is not SPARQL JSON results (is it a SPARQL query endpoint?)") from None
    return columns, [[_term(row.get(column)) for column in columns] for row in bindings]
