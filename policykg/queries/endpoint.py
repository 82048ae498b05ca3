"""``policykg serve``: the Oxigraph SPARQL server behind a small front that bounds every request.

The SPARQL 1.1 Protocol (content negotiation, result formats, parsing, evaluation) is the
Oxigraph server's (``oxigraph serve-read-only`` from the ``oxigraph`` wheel), run over the
project's Oxigraph store by :class:`~policykg.queries.server_pool.WorkerPool`, one query per
worker process. This front, on asyncio, does only what that server does not:

* **Bounded requests.** The request line and headers must arrive within ``read_timeout``
  (408) in at most :data:`MAX_HEAD_BYTES` (431); a body needs a plain ``Content-Length``
  (``-1`` or a chunked body: 400/411) of at most :data:`MAX_BODY_BYTES` (413, nothing read);
  a query longer than :data:`MAX_QUERY_BYTES` gets 413. At most ``max_connections``
  connections are open at once; more get 503 at once. One request per connection.
* **Bounded queries.** Each query must be answered within ``timeout`` seconds of arriving,
  waiting for a free worker included: else **503** and the worker is killed and replaced. A
  worker that grows past its memory limit or dies (a stack overflow) is replaced the same way.
  Answers are held until complete (up to :data:`HOLD_BYTES`) so that a stopped query gives a
  clean 503; a longer answer streams, and is cut (an unterminated chunked body, which clients
  report as incomplete) if its time runs out.
* **Its own data only.** The Oxigraph server sends ``SERVICE`` requests to any IRI; the front
  refuses a query with a ``SERVICE`` clause (400). ``FROM`` names a graph of the store, never a file.
* **Read-only.** ``update`` parameters, ``application/sparql-update`` bodies and ``/update``
  get **403**; the workers run read-only anyway (an update given as ``query`` is a syntax error, 400).
* The data's prefixes (``pkg:``, ``dcterms:``, ``prov:``, ``skos:``, ...) are declared before
  each query; its own ``PREFIX`` lines take precedence. ``format=`` / ``output=`` (``json``,
  ``xml``, ``csv``, ``tsv``, ``turtle``, ``ntriples``, ``rdfxml``) set the ``Accept`` header; others are ignored.
* ``GET /``: a page with a query form and the canned queries of the catalogue; every text is
  HTML-escaped. With a publication folder, its regular files (never a symlink, never a hidden
  file) are streamed at ``/files/<name>``.
* Binds 127.0.0.1 by default; CORS is open (the data is public and the endpoint read-only).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import io
import mimetypes
import os
import re
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http import HTTPStatus
from http.client import HTTPException, parse_headers
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from policykg.ontology.rdf import PREFIXES
from policykg.queries.server_pool import DEFAULT_MEMORY_LIMIT, WorkerPool

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3030
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 4
DEFAULT_MAX_CONNECTIONS = 256
DEFAULT_READ_TIMEOUT = 5.0
#: seconds a client may take to read the next piece of an answer or file (then the connection is dropped)
SEND_TIMEOUT = 10.0
MAX_HEAD_BYTES = 256 * 1024  # a GET carries the query in the URL, percent-encoded
MAX_BODY_BYTES = 256 * 1024
#: longer queries are refused: the Oxigraph parser recurses, and 64 KB of the deepest nesting found
#: ("{{{...}}}") stays well within the workers' stacks (measurements in benchmarks/README.md)
MAX_QUERY_BYTES = 64 * 1024
#: an answer is held back until complete up to this size, so that a query stopped late still gets a clean 503
HOLD_BYTES = 1024 * 1024
CHUNK_BYTES = 256 * 1024

#: prefixes every query may use without declaring them: those of the data (pkg:, dcterms:, prov:, ...)
_PREFIXES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"} | {name: str(ns) for name, ns in PREFIXES.items()}
_PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(_PREFIXES.items()))

#: ``format=`` / ``output=`` values → the Accept header sent to the server
FORMAT_NAMES: dict[str, str] = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle", "nt": "application/n-triples",
    "ntriples": "application/n-triples", "n-triples": "application/n-triples", "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
}
#: Accept sent when the client gives none: SPARQL JSON for SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE
DEFAULT_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"

_CORS = [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
         ("Access-Control-Allow-Headers", "Content-Type, Accept")]


#: the parts of a query where the word SERVICE is no keyword: strings, IRIs, comments (and variables, prefixed names, after it)
_NOT_CODE = re.compile(r"""'{3}.*?'{3}|"{3}.*?"{3}|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*""", re.DOTALL)
_SERVICE = re.compile(r"(?<![\w:?$.-])SERVICE(?![\w:-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether ``query`` has a ``SERVICE`` clause (the Oxigraph server would send that request to the IRI).

    >>> uses_service("SELECT * { SERVICE <http://127.0.0.1/sparql> { ?s ?p ?o } }"), uses_service("select * { service silent ?x {} }")
    (True, True)
    >>> uses_service('SELECT ?service { ?s ex:service "SERVICE" ; <urn:SERVICE> ?o } # SERVICE')
    False
    """
    return _SERVICE.search(_NOT_CODE.sub(" ", query)) is not None


class HttpError(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: int, message: str, headers: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.status = int(status)
        self.message = message
        self.headers = list(headers)


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, list[str]]
    headers: Message
    body: bytes = b""
    arrived: float = field(default_factory=time.monotonic)


def _head(status: int, headers: Iterable[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", *(f"{k}: {v}" for k, v in headers),
             "Connection: close", "Server: policykg", *(f"{k}: {v}" for k, v in _CORS)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _response(status: int, body: bytes, content_type: str = "text/plain; charset=utf-8", headers: Iterable[tuple[str, str]] = (),
              *, head_only: bool = False) -> bytes:
    out = _head(status, [("Content-Type", content_type), ("Content-Length", str(len(body))), ("Cache-Control", "no-store"), *headers])
    return out if head_only else out + body


def _error(error: HttpError) -> bytes:
    return _response(error.status, (error.message.rstrip() + "\n").encode("utf-8"), headers=error.headers)


async def read_request(reader: asyncio.StreamReader) -> Request:
    """One request: its head (at most :data:`MAX_HEAD_BYTES`) and its body (a plain ``Content-Length``, at most :data:`MAX_BODY_BYTES`)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.LimitOverrunError:
        raise HttpError(431, f"the request line and headers are longer than {MAX_HEAD_BYTES} bytes") from None
    line, _, rest = head.partition(b"\r\n")
    parts = line.decode("latin-1").split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise HttpError(400, "not an HTTP/1.x request")
    method, target, _ = parts
    try:
        headers = parse_headers(io.BytesIO(rest))
    except HTTPException:
        raise HttpError(431, "too many headers") from None
    url = urlsplit(target)
    request = Request(method.upper(), unquote(url.path), parse_qs(url.query, keep_blank_values=True), headers)
    if headers.get("Transfer-Encoding"):
        raise HttpError(411, "send the body with a Content-Length (chunked bodies are not accepted)")
    lengths = headers.get_all("Content-Length") or []
    if not lengths:
        return request
    if len(lengths) > 1 or not re.fullmatch(r"[0-9]{1,15}", lengths[0].strip()):
        raise HttpError(400, f"bad Content-Length: {', '.join(lengths)[:40]}")
    length = int(lengths[0])
    if length > MAX_BODY_BYTES:
        raise HttpError(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
    request.body = await reader.readexactly(length)
    return request


class Endpoint:
    """The front: HTTP on ``host:port``, queries answered by a :class:`WorkerPool` over the Oxigraph store ``store``."""

    def __init__(self, store: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, timeout: float = DEFAULT_TIMEOUT,
                 workers: int = DEFAULT_WORKERS, publication: str | Path | None = None, max_connections: int = DEFAULT_MAX_CONNECTIONS,
                 read_timeout: float = DEFAULT_READ_TIMEOUT, memory_limit: int = DEFAULT_MEMORY_LIMIT, quiet: bool = False) -> None:
        self.store = Path(store)
        self.host, self.port = host, port
        self.timeout = timeout
        self.publication = Path(publication) if publication else None
        self.max_connections = max_connections
        self.read_timeout = read_timeout
        self.quiet = quiet
        self.pool = WorkerPool(self.store, size=workers, timeout=timeout, memory_limit=memory_limit)
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._page = b""

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    async def start(self) -> str:
        """Start the workers and listen; returns the URL (``port`` 0: a free port)."""
        self._page = render_index(_catalogue(), files=self.files(), timeout=self.timeout).encode("utf-8")
        await self.pool.start()
        try:
            self._server = await asyncio.start_server(self._connection, self.host, self.port, limit=MAX_HEAD_BYTES)
        except OSError:
            self.pool.close()
            raise
        self.port = self._server.sockets[0].getsockname()[1]
        return self.url

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        self.pool.close()

    # -- connections

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.connections >= self.max_connections:
            writer.write(_error(HttpError(503, f"the server has {self.max_connections} connections open; try again later")))
            await self._close(writer)
            return
        self.connections += 1
        status: int | str = "-"
        request = None
        try:
            try:
                request = await asyncio.wait_for(read_request(reader), self.read_timeout)
                status = await self._route(request, writer)
            except HttpError as error:
                status = error.status
                writer.write(_error(error))
            except TimeoutError:
                status = 408
                writer.write(_error(HttpError(408, f"the request did not arrive within {self.read_timeout:g} seconds")))
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the client left
        finally:
            await self._close(writer)
            self.connections -= 1
            if not self.quiet and request is not None:
                print(f'{request.method} {request.path} {status} {time.monotonic() - request.arrived:.3f}s', file=sys.stderr, flush=True)

    @staticmethod
    async def _close(writer: asyncio.StreamWriter) -> None:
        """Flush what is written (a client that does not read gets :data:`SEND_TIMEOUT` seconds), then close."""
        try:
            await asyncio.wait_for(writer.drain(), SEND_TIMEOUT)
            writer.close()
            await asyncio.wait_for(writer.wait_closed(), 1)
        except Exception:  # the client left, or does not read: drop what it did not take
            writer.transport.abort()

    async def _route(self, request: Request, writer: asyncio.StreamWriter) -> int:
        path, method = request.path, request.method
        if method == "OPTIONS":
            writer.write(_head(204, [("Content-Length", "0")]))
            return 204
        if path in ("/sparql", "/query"):
            if method not in ("GET", "POST"):
                raise HttpError(405, "this endpoint is read-only: use GET or POST", [("Allow", "GET, POST, OPTIONS")])
            return await self._query(request, writer)
        if path == "/update":
            raise HttpError(403, "SPARQL Update is not allowed: this endpoint is read-only")
        if method not in ("GET", "HEAD"):
            raise HttpError(405, "this server is read-only: use GET", [("Allow", "GET, HEAD, OPTIONS")])
        if path in ("/", "/index.html"):
            page = self._page
            if request.params.get("query"):
                page = render_index(_catalogue(), query=request.params["query"][0], files=self.files(), timeout=self.timeout).encode("utf-8")
            writer.write(_response(200, page, "text/html; charset=utf-8", head_only=method == "HEAD"))
            return 200
        if path.startswith("/files/"):
            return await self._file(path[len("/files/"):], writer, head_only=method == "HEAD")
        raise HttpError(404, f"nothing at {path}; the endpoint is /sparql")

    # -- queries

    async def _query(self, request: Request, writer: asyncio.StreamWriter) -> int:
        params = {key: list(values) for key, values in request.params.items()}
        media = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if request.method == "POST":
            if media == "application/x-www-form-urlencoded":
                for key, values in parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            elif media == "application/sparql-query":
                params.setdefault("query", []).append(request.body.decode("utf-8", "replace"))
            elif media == "application/sparql-update":
                raise HttpError(403, "SPARQL Update is not allowed: this endpoint is read-only")
            else:
                raise HttpError(415, "POST a form (application/x-www-form-urlencoded) or a query (application/sparql-query)")
        if "update" in params:
            raise HttpError(403, "SPARQL Update is not allowed: this endpoint is read-only")
        texts = params.pop("query", [])
        if len(texts) != 1 or not texts[0].strip():
            raise HttpError(400, "give exactly one SPARQL query: ?query=... (GET or form POST) or a body of type application/sparql-query")
        text = texts[0]
        if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
            raise HttpError(413, f"the query is longer than {MAX_QUERY_BYTES} bytes")
        if uses_service(text):
            raise HttpError(400, "SERVICE is not allowed here: this endpoint queries only its own data")
        accept = request.headers.get("Accept") or ""
        if accept.strip() in ("", "*/*"):
            accept = DEFAULT_ACCEPT
        for name in ("format", "output"):
            requested = params.pop(name, [None])[0]
            if requested and requested.lower() in FORMAT_NAMES:  # other values (SPARQLWrapper's "rdf+json", ...): the Accept header decides
                accept = FORMAT_NAMES[requested.lower()]
        body = (_PROLOGUE + text).encode("utf-8")
        upstream = "\r\n".join([f"POST /query?{urlencode(params, doseq=True)} HTTP/1.1", "Host: 127.0.0.1",
                                "Content-Type: application/sparql-query; charset=utf-8", f"Content-Length: {len(body)}",
                                f"Accept: {_header_value(accept)}", "Connection: close", "", ""]).encode("latin-1") + body
        return await self._forward(upstream, request.arrived + self.timeout, writer)

    async def _forward(self, upstream: bytes, deadline: float, writer: asyncio.StreamWriter) -> int:
        """Send ``upstream`` to a free worker and pass its answer on, all before ``deadline`` (monotonic)."""
        worker = await self.pool.acquire(deadline - time.monotonic())
        if worker is None:
            raise HttpError(503, f"every query process stayed busy for {self.timeout:g} seconds; try again later")
        watch = asyncio.get_running_loop().create_task(self.pool.watch(worker))
        sent, status, complete = False, 502, False
        held = bytearray()
        try:
            async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                reader, out = await asyncio.open_connection("127.0.0.1", worker.port, limit=CHUNK_BYTES)
                try:
                    out.write(upstream)
                    while True:
                        read = asyncio.ensure_future(reader.read(CHUNK_BYTES))
                        await asyncio.wait({read, watch}, return_when=asyncio.FIRST_COMPLETED)
                        if not read.done():
                            read.cancel()
                            if sent:
                                return status  # cut: the client sees an incomplete answer
                            raise HttpError(503, watch.result())
                        chunk = read.result()
                        if not chunk:
                            break
                        if sent:
                            writer.write(chunk)
                            await writer.drain()
                            continue
                        held += chunk
                        if len(held) > HOLD_BYTES:
                            status = _pass_head(held, writer)
                            sent = True
                            await writer.drain()
                finally:
                    out.close()
                if not sent:
                    status = _pass_head(held, writer)
                complete = True
        except TimeoutError:
            if sent:
                return status  # cut: the client sees an incomplete answer
            raise HttpError(503, f"the query took longer than {self.timeout:g} seconds and was stopped; add a LIMIT or make it "
                                 "more selective") from None
        except OSError:
            if not sent and not watch.done():
                raise HttpError(502, "the query process could not be reached; try again") from None
            raise
        finally:
            watch.cancel()
            if complete:
                self.pool.release(worker)
            else:
                self.pool.discard(worker)
        return status

    # -- files

    def files(self) -> list[str]:
        """The names of the publication's regular files (no symlinks, no hidden files)."""
        if self.publication is None:
            return []
        with os.scandir(self.publication) as entries:
            return sorted(e.name for e in entries if not e.name.startswith(".") and e.is_file(follow_symlinks=False))

    async def _file(self, name: str, writer: asyncio.StreamWriter, *, head_only: bool) -> int:
        """Stream a file of the publication folder, by exact name, a piece at a time."""
        if self.publication is None:
            raise HttpError(404, "no publication folder is served here")
        if "/" in name or name not in self.files():
            raise HttpError(404, f"no file {name!r} in the publication")
        try:
            descriptor = os.open(self.publication / name, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            raise HttpError(404, f"no file {name!r} in the publication") from None
        loop = asyncio.get_running_loop()
        try:
            size = os.fstat(descriptor).st_size
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise HttpError(404, f"no file {name!r} in the publication")
            writer.write(_head(200, [("Content-Type", _file_type(name)), ("Content-Length", str(size))]))
            left = 0 if head_only else size
            while left > 0:
                piece = await loop.run_in_executor(None, os.read, descriptor, min(CHUNK_BYTES, left))
                if not piece:
                    break  # the file shrank: the client sees a short body
                writer.write(piece)
                left -= len(piece)
                await asyncio.wait_for(writer.drain(), SEND_TIMEOUT)
        except TimeoutError:
            pass  # a client that stopped reading
        finally:
            os.close(descriptor)
        return 200


def _pass_head(held: bytearray, writer: asyncio.StreamWriter) -> int:
    """Write the worker's answer held so far, its head rewritten (our Connection and CORS headers); returns its status."""
    head, separator, rest = bytes(held).partition(b"\r\n\r\n")
    if not separator:
        raise HttpError(502, "the query process gave no answer")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    kept = [tuple(line.split(":", 1)) for line in lines[1:] if ":" in line]
    headers = [(k.strip(), v.strip()) for k, v in kept if k.strip().lower() not in ("connection", "server", "access-control-allow-origin")]
    writer.write(_head(status, headers) + rest)
    return status


def _header_value(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f-\uffff]", "", text)[:1000]


def _file_type(name: str) -> str:
    kinds = {".ttl": "text/turtle; charset=utf-8", ".nt": "application/n-triples", ".nq": "application/n-quads", ".trig": "application/trig",
             ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml", ".md": "text/markdown; charset=utf-8",
             ".html": "text/html; charset=utf-8"}
    if name == "SHA256SUMS":
        return "text/plain; charset=utf-8"
    return kinds.get(Path(name).suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _catalogue() -> list[Any]:
    from policykg.queries.catalogue import load_catalogue

    return list(load_catalogue().values())


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


def render_index(queries: Iterable[Any], *, query: str | None = None, files: Iterable[str] = (), timeout: float = DEFAULT_TIMEOUT) -> str:
    """The HTML page at ``/``: a query form and the canned queries (objects with ``name``, ``title``,
    ``description``, ``parameters`` and ``texts["sparql"]``, like :class:`~policykg.queries.catalogue.CannedQuery`).
    Every text from outside is escaped."""
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', "<title>policykg SPARQL endpoint</title>",
           f"<style>{_STYLE}</style>", "</head>", "<body>", "<h1>policykg SPARQL endpoint</h1>",
           "<p>A read-only SPARQL 1.1 endpoint at <code>/sparql</code> (GET <code>?query=</code>, or POST a form or "
           "<code>application/sparql-query</code>), answered by the Oxigraph server. Results as SPARQL JSON (default), XML, CSV "
           f"or TSV; graphs as Turtle, N-Triples or RDF/XML. Queries stop after {escape(f'{timeout:g}')} seconds.</p>",
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


# ---------------------------------------------------------------------------- running it


@contextlib.contextmanager
def temporary_store(graph: Any = None, *, ntriples: str | Path | None = None) -> Iterator[Path]:
    """An Oxigraph store in a temporary folder holding ``graph`` (a policy graph) or the N-Triples file ``ntriples``."""
    import tempfile

    import pyoxigraph as ox

    from policykg.queries.oxigraph import OxigraphEngine

    with tempfile.TemporaryDirectory(prefix="policykg-store-") as folder:
        path = Path(folder) / "store"
        if graph is not None:
            OxigraphEngine.create(graph, path)
        elif ntriples is not None:
            store = ox.Store(str(path))
            store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
            store.flush()
            del store
        else:
            raise ValueError("give a graph or an N-Triples file")
        yield path


@contextlib.contextmanager
def running(store: str | Path, **options: Any) -> Iterator[Endpoint]:
    """An :class:`Endpoint` serving in a background thread (its own event loop) until the block ends; ``.url`` is set."""
    endpoint = Endpoint(store, **{"port": 0, "quiet": True, **options})
    loop = asyncio.new_event_loop()
    started: list[BaseException | None] = []
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(endpoint.start())
            started.append(None)
        except BaseException as error:  # reported in the calling thread
            started.append(error)
            return
        finally:
            ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="policykg-serve", daemon=True)
    thread.start()
    ready.wait()
    if started[0] is not None:
        loop.close()
        raise started[0]
    try:
        yield endpoint
    finally:
        asyncio.run_coroutine_threadsafe(endpoint.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def serve(store: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, ready: Callable[[str], None] | None = None,
          **options: Any) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM). ``ready(url)`` is called once the socket listens."""
    import signal

    async def main() -> None:
        endpoint = Endpoint(store, host, port, **options)
        url = await endpoint.start()
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopped.set)
        try:
            if ready is not None:
                ready(url)
            await stopped.wait()
        finally:
            await endpoint.stop()

    asyncio.run(main())
