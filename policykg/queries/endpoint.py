"""A read-only SPARQL 1.1 Protocol endpoint over the policy graph (``policykg serve``).

Built on the standard library's :class:`http.server.ThreadingHTTPServer` and rdflib
(the graph of :class:`policykg.queries.sparql.SparqlEngine`).

* ``GET /sparql?query=...``, ``POST /sparql`` with ``application/x-www-form-urlencoded``
  (``query=...``) or ``application/sparql-query`` (the query as the body).
* Results by ``Accept`` (or a ``format``/``output`` parameter: ``json``, ``xml``, ``csv``,
  ``tsv``, ``turtle``, ``ntriples``, ``rdfxml``):
  SELECT and ASK as SPARQL JSON (the default), XML, CSV or TSV (ASK: JSON or XML);
  CONSTRUCT and DESCRIBE as Turtle (the default), N-Triples or RDF/XML.
* Read-only: an ``update`` parameter, an ``application/sparql-update`` body or SPARQL
  Update text is refused with **403**. Queries that would read other data are
  refused with **400**: ``FROM``/``FROM NAMED`` (rdflib would load the IRI from the
  web or the disk), ``SERVICE`` (a request to another endpoint), and the protocol's
  ``default-graph-uri``/``named-graph-uri`` (there is one dataset).
* A malformed query gets **400** with the parser's message; the server stays up.
* **Timeout** (default 10 s): each query runs in a worker thread; when it is not done
  in time the client gets **503** and the worker is stopped by raising an exception in
  it (``PyThreadState_SetAsyncExc``; rdflib evaluates in Python, so it stops at once).
  At most ``workers`` queries run at once; a request that finds them all busy for the
  whole timeout also gets 503.
* **Result limit** (default 10,000 rows, or triples for CONSTRUCT/DESCRIBE): larger
  results are *truncated* to the limit, with the response header
  ``X-Result-Truncated: true`` (``X-Result-Limit`` always gives the limit). Truncation
  rather than an error because a partial answer is useful and the client can page
  with LIMIT/OFFSET; 413 would also be wrong (it is about the request's size).
  Queries longer than 100,000 characters get 413.
* The prefixes of the data (``pkg:``, ``dcterms:``, ``prov:``, ``skos:``, ...) are
  predeclared; a query's own ``PREFIX`` lines take precedence.
* Thread safety: rdflib's SPARQL parser (pyparsing) is not thread-safe
  (RDFLib/rdflib#1282), so parsing is serialised by a lock; evaluation only reads the
  in-memory store, which nothing writes while the server runs, so queries evaluate
  in parallel.
* ``GET /``: a page with a query form and the canned queries of the catalogue (their
  SPARQL texts, with links that run them); every text is HTML-escaped.
* With a publication folder (``policykg publish``), its files are served at
  ``/files/<name>`` (only the files in the folder, by exact name).
* Binds 127.0.0.1 by default; CORS is open (``Access-Control-Allow-Origin: *``): the
  data is public and the endpoint read-only.
"""

from __future__ import annotations

import ctypes
import html
import io
import json
import mimetypes
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import networkx as nx
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result
from rdflib.term import BNode

from policykg.ontology.rdf import PREFIXES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3030
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 4
MAX_QUERY_LENGTH = 100_000
MAX_BODY_BYTES = 1_000_000

_PARSE_LOCK = threading.Lock()  # pyparsing is not thread-safe

#: prefixes every query may use without declaring them: those of the data (pkg:, dcterms:, prov:, ...)
_PREFIXES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"} | {name: str(ns) for name, ns in PREFIXES.items()}

#: SELECT/ASK result formats: media type → (format name, Content-Type sent)
RESULT_TYPES: dict[str, tuple[str, str]] = {
    "application/sparql-results+json": ("json", "application/sparql-results+json"),
    "application/json": ("json", "application/sparql-results+json"),
    "application/sparql-results+xml": ("xml", "application/sparql-results+xml"),
    "application/xml": ("xml", "application/sparql-results+xml"),
    "text/xml": ("xml", "application/sparql-results+xml"),
    "text/csv": ("csv", "text/csv; charset=utf-8"),
    "text/tab-separated-values": ("tsv", "text/tab-separated-values; charset=utf-8"),
}
#: CONSTRUCT/DESCRIBE formats: media type → (rdflib format, Content-Type sent)
GRAPH_TYPES: dict[str, tuple[str, str]] = {
    "text/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/x-turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/n-triples": ("nt", "application/n-triples"),
    "text/plain": ("nt", "application/n-triples"),
    "application/rdf+xml": ("xml", "application/rdf+xml"),
}
#: ``format=`` / ``output=`` values → media type
FORMAT_NAMES: dict[str, str] = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
    "nt": "application/n-triples", "ntriples": "application/n-triples", "n-triples": "application/n-triples",
    "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml", "rdf": "application/rdf+xml",
}


class QueryTimeout(BaseException):  # a BaseException, so that no `except Exception` in rdflib swallows it
    """Raised inside a worker thread whose query ran out of time."""


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def _error(status: int, message: str) -> Response:
    return Response(status, (message.rstrip() + "\n").encode("utf-8"))


# ---------------------------------------------------------------------------- content negotiation


def negotiate(accept: str | None, offered: Iterable[str]) -> str | None:
    """The offered media type the ``Accept`` header likes best (ties: the first offered); ``None`` if none.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", ["application/sparql-results+xml", "text/csv", "application/sparql-results+json"])
    'application/sparql-results+json'
    >>> negotiate("text/*", ["application/json", "text/csv"])
    'text/csv'
    >>> negotiate("image/png", ["text/csv"]) is None
    True
    """
    offered = list(offered)
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges: list[tuple[str, str, float]] = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        kind, _, subtype = media.partition("/")
        ranges.append((kind, subtype, quality))
    best, best_quality = None, 0.0
    for media in offered:
        kind, _, subtype = media.partition("/")
        matches = [(3 if k == kind and s == subtype else 2 if k == kind and s == "*" else 1 if k == "*" else 0, q) for k, s, q in ranges]
        specific = [m for m in matches if m[0] > 0]
        if not specific:
            continue
        quality = max(specific)[1]
        if quality > best_quality:
            best, best_quality = media, quality
    return best


# ---------------------------------------------------------------------------- results


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def select_body(variables: list[Variable], rows: list[dict[Variable, Any]], format: str) -> bytes:
    """A SELECT result in ``format`` (json, xml, csv, tsv)."""
    if format == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in variables) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    result = Result("SELECT")
    result.vars = variables
    result.bindings = rows
    return _serialize(result, format)


def _serialize(result: Result, format: str) -> bytes:
    stream = io.BytesIO()
    result.serialize(stream, encoding="utf-8", format=format)
    return stream.getvalue()


# ---------------------------------------------------------------------------- the service


def _walk(node: Any) -> Iterable[CompValue]:
    """Every CompValue inside a query's algebra."""
    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _parse_error(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:500] or type(exc).__name__


class SparqlService:
    """Answers SPARQL protocol requests over one rdflib graph; independent of HTTP (tested directly)."""

    def __init__(self, rdf: Graph, *, timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                 workers: int = DEFAULT_WORKERS, publication: Path | None = None) -> None:
        self.rdf = rdf
        self.timeout = timeout
        self.max_rows = max_rows
        self.workers = workers
        self.publication = publication
        self._running: list[threading.Thread] = []
        self._running_lock = threading.Condition()

    # -- parsing

    def prepare(self, text: str) -> Any:
        """The parsed query; raises :class:`Refused` for updates, bad syntax and queries reaching outside."""
        if len(text) > MAX_QUERY_LENGTH:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the query is longer than {MAX_QUERY_LENGTH} characters")
        with _PARSE_LOCK:
            try:
                query = prepareQuery(text, initNs=_PREFIXES)
            except Exception as exc:  # pyparsing's ParseException, and assorted errors of the algebra translation
                try:
                    parseUpdate(text)
                except Exception:
                    raise Refused(HTTPStatus.BAD_REQUEST, f"malformed query: {_parse_error(exc)}") from None
                raise Refused(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only") from None
        for part in _walk(query.algebra):
            if part.name == "ServiceGraphPattern":
                raise Refused(HTTPStatus.BAD_REQUEST, "SERVICE is not allowed here: this endpoint queries only its own data")
            if dict.get(part, "datasetClause"):  # (CompValue.get returns the key itself when it is missing)
                raise Refused(HTTPStatus.BAD_REQUEST, "FROM and FROM NAMED are not allowed here: this endpoint has one dataset")
        return query

    # -- running

    def _slot(self) -> bool:
        """Wait (up to the timeout) until fewer than ``workers`` queries run."""
        deadline = time.monotonic() + self.timeout
        with self._running_lock:
            while True:
                self._running = [t for t in self._running if t.is_alive()]
                if len(self._running) < self.workers:
                    return True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._running_lock.wait(min(remaining, 0.05))

    def _evaluate(self, query: Any) -> dict[str, Any]:
        result = self.rdf.query(query)
        if result.type == "SELECT":
            rows = []
            for row in result:
                rows.append({Variable(name): value for name, value in row.asdict().items()})  # type: ignore[union-attr]
                if len(rows) > self.max_rows:
                    break
            return {"type": "SELECT", "vars": list(result.vars or []), "rows": rows}
        if result.type == "ASK":
            return {"type": "ASK", "answer": bool(result.askAnswer)}
        triples = []
        for triple in result.graph or ():
            triples.append(triple)
            if len(triples) > self.max_rows:
                break
        return {"type": result.type, "triples": triples}

    def run(self, query: Any) -> dict[str, Any]:
        """Evaluate in a worker thread, within the timeout; raises :class:`Refused` (503) when out of time."""
        if not self._slot():
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, f"the server is busy with {self.workers} queries; try again later")
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["result"] = self._evaluate(query)
            except QueryTimeout:
                box["timeout"] = True
            except Exception as exc:  # evaluation errors: reported to the client
                box["error"] = exc
            finally:
                done.set()
                with self._running_lock:
                    self._running_lock.notify_all()

        worker = threading.Thread(target=work, name="sparql-query", daemon=True)
        with self._running_lock:
            self._running.append(worker)
        worker.start()
        if not done.wait(self.timeout) and "result" not in box:
            _interrupt(worker)
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, f"the query took longer than {self.timeout:g} seconds and was stopped; "
                                                          "add a LIMIT or make it more selective")
        if "error" in box:
            raise Refused(HTTPStatus.BAD_REQUEST, f"query failed: {_parse_error(box['error'])}")
        return box["result"]

    # -- the protocol

    def handle(self, params: dict[str, list[str]], accept: str | None, *, body_query: str | None = None,
               content_type: str | None = None) -> Response:
        """Answer one protocol request: ``params`` from the URL or form, or the query as ``body_query``."""
        try:
            return self._handle(params, accept, body_query, content_type)
        except Refused as refused:
            return _error(refused.status, refused.message)

    def _handle(self, params: dict[str, list[str]], accept: str | None, body_query: str | None, content_type: str | None) -> Response:
        if (content_type or "").split(";")[0].strip().lower() == "application/sparql-update" or "update" in params:
            raise Refused(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            raise Refused(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported: this endpoint has one dataset")
        texts = params.get("query", []) + ([body_query] if body_query is not None else [])
        if len(texts) != 1 or not texts[0].strip():
            raise Refused(HTTPStatus.BAD_REQUEST, "give exactly one SPARQL query: ?query=... (GET or form POST) "
                                                  "or a body of type application/sparql-query")
        query = self.prepare(texts[0])
        result = self.run(query)
        requested = next((params[name][0] for name in ("format", "output") if params.get(name)), None)
        if requested:
            accept = FORMAT_NAMES.get(requested.lower(), requested)
        headers = {"X-Result-Limit": str(self.max_rows), "Vary": "Accept"}
        if result["type"] in ("SELECT", "ASK"):
            offered = list(RESULT_TYPES) if result["type"] == "SELECT" else [m for m in RESULT_TYPES if RESULT_TYPES[m][0] in ("json", "xml")]
            chosen = negotiate(accept, offered) or offered[0]
            format, sent = RESULT_TYPES[chosen]
            if result["type"] == "ASK":
                answer = Result("ASK")
                answer.askAnswer = result["answer"]
                return Response(200, _serialize(answer, format), sent, headers)
            rows = result["rows"]
            if len(rows) > self.max_rows:
                rows = rows[: self.max_rows]
                headers["X-Result-Truncated"] = "true"
            return Response(200, select_body(result["vars"], rows, format), sent, headers)
        chosen = negotiate(accept, list(GRAPH_TYPES)) or "text/turtle"
        format, sent = GRAPH_TYPES[chosen]
        triples = result["triples"]
        if len(triples) > self.max_rows:
            triples = triples[: self.max_rows]
            headers["X-Result-Truncated"] = "true"
        from policykg.ontology.rdf import new_rdf_graph

        graph = new_rdf_graph()
        for triple in triples:
            graph.add(triple)
        return Response(200, graph.serialize(format=format).encode("utf-8"), sent, headers)

    def file(self, name: str) -> Response:
        """A file of the publication folder, by exact name (never a path)."""
        if self.publication is None:
            return _error(404, "no publication folder is served here")
        names = {entry.name for entry in self.publication.iterdir() if entry.is_file() and not entry.name.startswith(".")}
        if name not in names:
            return _error(404, f"no file {name!r} in the publication")
        kind = {".ttl": "text/turtle; charset=utf-8", ".nt": "application/n-triples", ".nq": "application/n-quads",
                ".trig": "application/trig", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
                ".md": "text/markdown; charset=utf-8", ".html": "text/html; charset=utf-8"}.get(Path(name).suffix)
        if name == "SHA256SUMS":
            kind = "text/plain; charset=utf-8"
        return Response(200, (self.publication / name).read_bytes(), kind or mimetypes.guess_type(name)[0] or "application/octet-stream")


class Refused(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = int(status)
        self.message = message


def _interrupt(thread: threading.Thread) -> None:
    """Stop a worker thread by raising :class:`QueryTimeout` in it."""
    if thread.ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(QueryTimeout))


# ---------------------------------------------------------------------------- the page


def escape(text: object) -> str:
    """HTML-escape text for element content and quoted attribute values.

    >>> escape('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape(str(text), quote=True)


EXAMPLE_QUERY = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?number ?title ?status WHERE {
  ?recommendation a pkg:Recommendation ; pkg:number ?number ; dcterms:title ?title .
  OPTIONAL { ?response pkg:respondsTo ?recommendation ; pkg:status/skos:prefLabel ?status }
} ORDER BY ?number"""

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
textarea { width: 100%; font: 14px/1.4 ui-monospace, monospace; } pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; }
section { border-top: 1px solid #ccc; margin-top: 1rem; } .params { color: #555; }
"""


def render_index(queries: Iterable[Any], *, query: str | None = None, files: Iterable[str] = (), max_rows: int = DEFAULT_MAX_ROWS,
                 timeout: float = DEFAULT_TIMEOUT) -> str:
    """The HTML page at ``/``: a query form and the canned queries (objects with ``name``, ``title``,
    ``description``, ``parameters`` and ``texts["sparql"]``, like :class:`~policykg.queries.catalogue.CannedQuery`).
    Every text from outside is escaped."""
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', "<title>policykg SPARQL endpoint</title>",
           f"<style>{_STYLE}</style>", "</head>", "<body>", "<h1>policykg SPARQL endpoint</h1>",
           "<p>A read-only SPARQL 1.1 endpoint at <code>/sparql</code> (GET <code>?query=</code>, or POST a form or "
           "<code>application/sparql-query</code>). Results as SPARQL JSON (default), XML, CSV or TSV; graphs as Turtle, "
           f"N-Triples or RDF/XML. Queries stop after {escape(f'{timeout:g}')} seconds; results are cut at "
           f"{escape(f'{max_rows:,}')} rows (header <code>X-Result-Truncated</code>).</p>",
           '<form method="get" action="/sparql">',
           f'<p><label for="query">Query</label><br><textarea id="query" name="query" rows="12">{escape(query or EXAMPLE_QUERY)}</textarea></p>',
           '<p><label for="format">Results as</label> <select id="format" name="format">'
           + "".join(f'<option value="{v}">{label}</option>' for v, label in [("json", "JSON"), ("xml", "XML"), ("csv", "CSV"), ("tsv", "TSV"),
                                                                              ("turtle", "Turtle (CONSTRUCT)"), ("ntriples", "N-Triples (CONSTRUCT)")])
           + '</select> <button type="submit">Run</button></p>', "</form>"]
    files = sorted(files)
    if files:
        out.append("<h2>Published files</h2><ul>")
        out.extend(f'<li><a href="/files/{escape(name)}">{escape(name)}</a></li>' for name in files)
        out.append("</ul>")
    out.append("<h2>Canned queries</h2>")
    out.append("<p>The catalogue's questions. Parameters are the variables <code>?_name</code>, left unbound here: to set one, "
               "add e.g. <code>VALUES ?_number { 13 }</code> at the start of the <code>WHERE</code> clause.</p>")
    for canned in queries:
        text = canned.texts.get("sparql")
        if not text:
            continue
        run = "/sparql?" + urlencode({"query": text, "format": "json"})
        csv_link = "/sparql?" + urlencode({"query": text, "format": "csv"})
        edit = "/?" + urlencode({"query": text})
        out.append(f'<section id="q-{escape(canned.name)}"><h3>{escape(canned.title)} <small><code>{escape(canned.name)}</code></small></h3>')
        if canned.description:
            out.append(f"<p>{escape(canned.description)}</p>")
        if canned.parameters:
            names = ", ".join(f"?_{p.name}" + (" (required)" if p.required else "") for p in canned.parameters)
            out.append(f'<p class="params">Parameters: {escape(names)}</p>')
        out.append(f'<p><a href="{escape(run)}">Run (JSON)</a> · <a href="{escape(csv_link)}">CSV</a> · <a href="{escape(edit)}">Edit</a></p>')
        out.append(f"<pre>{escape(text.strip())}</pre></section>")
    out.extend(["</body>", "</html>"])
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- HTTP


class _Handler(BaseHTTPRequestHandler):
    server: SparqlHTTPServer
    server_version = "policykg-sparql"

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Result-Truncated, X-Result-Limit")
        self.send_header("Cache-Control", "no-store")
        for key, value in response.headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    def _route(self, params: dict[str, list[str]], *, body_query: str | None = None, content_type: str | None = None) -> None:
        path = urlsplit(self.path).path
        service = self.server.service
        if path == "/sparql":
            self._send(service.handle(params, self.headers.get("Accept"), body_query=body_query, content_type=content_type))
        elif path in ("/", "/index.html") and self.command in ("GET", "HEAD"):
            files = [e.name for e in service.publication.iterdir() if e.is_file() and not e.name.startswith(".")] if service.publication else []
            page = render_index(self.server.catalogue(), query=(params.get("query") or [None])[0], files=files,
                                max_rows=service.max_rows, timeout=service.timeout)
            self._send(Response(200, page.encode("utf-8"), "text/html; charset=utf-8"))
        elif path.startswith("/files/") and self.command in ("GET", "HEAD"):
            self._send(service.file(path[len("/files/"):]))
        else:
            self._send(_error(404, f"nothing at {path}; the endpoint is /sparql"))

    def do_GET(self) -> None:
        self._route(parse_qs(urlsplit(self.path).query, keep_blank_values=True))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        content_type = self.headers.get("Content-Type", "")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._send(_error(400, "bad Content-Length"))
            return
        if length > MAX_BODY_BYTES:
            self._send(_error(413, f"the request body is larger than {MAX_BODY_BYTES} bytes"))
            self.close_connection = True
            return
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        media = content_type.split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            self._route(params, content_type=content_type)
        elif media in ("application/sparql-query", "application/sparql-update"):
            self._route(params, body_query=body, content_type=content_type)
        else:
            self._send(_error(415, "POST a form (application/x-www-form-urlencoded) or a query (application/sparql-query)"))

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_allowed(self) -> None:
        response = _error(405, "this endpoint is read-only: use GET or POST")
        response.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
        self._send(response)

    do_PUT = do_DELETE = do_PATCH = _not_allowed


class SparqlHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], service: SparqlService, *, quiet: bool = False,
                 catalogue: Callable[[], Iterable[Any]] | None = None) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        self.service = service
        self.quiet = quiet
        self.catalogue = catalogue or _catalogue

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"


def _catalogue() -> list[Any]:
    from policykg.queries.catalogue import load_catalogue

    return list(load_catalogue().values())


def load_publication(folder: str | Path) -> Graph:
    """The data of a publication folder (its ``graph.nt``)."""
    from policykg.errors import PolicyKGError

    path = Path(folder) / "graph.nt"
    if not path.is_file():
        raise PolicyKGError(f"{folder}: no graph.nt here; is it a folder written by `policykg publish`?")
    return Graph().parse(path, format="nt")


def make_server(graph: nx.MultiDiGraph | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, rdf: Graph | None = None,
                publication: str | Path | None = None, timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                workers: int = DEFAULT_WORKERS, quiet: bool = False) -> SparqlHTTPServer:
    """A server ready to ``serve_forever()`` (port 0: any free port; see ``.url``).

    The data: ``rdf`` if given, else the graph's RDF (:class:`SparqlEngine`), else the
    publication's ``graph.nt``.
    """
    if rdf is None:
        if graph is not None:
            from policykg.queries.sparql import SparqlEngine

            rdf = SparqlEngine(graph).rdf
        elif publication is not None:
            rdf = load_publication(publication)
        else:
            raise ValueError("give a graph, an rdflib graph or a publication folder")
    service = SparqlService(rdf, timeout=timeout, max_rows=max_rows, workers=workers,
                            publication=Path(publication) if publication else None)
    return SparqlHTTPServer((host, port), service, quiet=quiet)


def serve(graph: nx.MultiDiGraph | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, rdf: Graph | None = None,
          publication: str | Path | None = None, timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
          workers: int = DEFAULT_WORKERS, quiet: bool = False, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C). ``ready(url)`` is called once the socket listens."""
    server = make_server(graph, host, port, rdf=rdf, publication=publication, timeout=timeout, max_rows=max_rows,
                         workers=workers, quiet=quiet)
    try:
        if ready is not None:
            ready(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> None:
    """``python -m policykg.queries.endpoint``: the seed (or a publication) on a port; prints ``{"url": ...}`` when ready."""
    import argparse

    parser = argparse.ArgumentParser(description="Serve the packaged seed graph (or a publication) over SPARQL.")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--publication")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    arguments = parser.parse_args(argv)
    graph = None
    if not arguments.publication:
        from policykg.graph.build import build_graph
        from policykg.loaders import load_document, seed_path

        graph = build_graph([load_document(seed_path())])
    serve(graph, arguments.host, arguments.port, publication=arguments.publication, timeout=arguments.timeout,
          ready=lambda url: print(json.dumps({"url": url}), flush=True, file=sys.stdout))


if __name__ == "__main__":  # pragma: no cover
    main()
