"""Load on `policykg serve`: the canned catalogue under 8 and 16 concurrent clients, on 127.0.0.1.

    .venv/bin/python benchmarks/bench_serve.py                      # the seed, 8 and 16 clients
    .venv/bin/python benchmarks/bench_serve.py --graph policykg-out/graph.json --requests 20 --workers 2

Each client sends ``--requests`` queries (bounded runs), taking the catalogue's SPARQL texts in
turn (parameters left unbound, as the query page runs them), POSTed as
``application/sparql-query`` with ``Accept: application/sparql-results+json``, one connection
per request (urllib). Printed per run: requests/s, latency percentiles (p50, p90, p99, max) and
the answers that were not 200. ``policykg serve`` runs as its own process, as a user runs it;
the same load is sent to a bare ``oxigraph serve-read-only`` on the same store, to show what
the front adds. Then the hostile requests of issue 19 (sent by GET, as a browser would), each
timed with a benign query sent while it is in flight. The clients share the 2 cores with
the servers.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

from policykg.queries.catalogue import load_catalogue
from policykg.queries.endpoint import temporary_store
from policykg.queries.server_pool import Worker

BENIGN = "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?n WHERE { ?r a pkg:Recommendation ; pkg:number ?n }"


def get(url: str, query: str, timeout: float = 60, *, post: bool = True) -> tuple[int, float]:
    """(status, seconds) of one query, POSTed as application/sparql-query (or sent by GET)."""
    started = time.perf_counter()
    accept = {"Accept": "application/sparql-results+json"}
    if post:
        request = urllib.request.Request(url, data=query.encode("utf-8"), headers={**accept, "Content-Type": "application/sparql-query"})
    else:
        request = urllib.request.Request(url + "?" + urlencode({"query": query}), headers=accept)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def load(url: str, clients: int, requests: int, texts: list[str]) -> dict[str, float]:
    """``clients`` threads, ``requests`` queries each; requests/s and latency percentiles (ms)."""

    def client(index: int) -> list[tuple[int, float]]:
        return [get(url, texts[(index + i) % len(texts)]) for i in range(requests)]

    get(url, texts[0])  # warm up
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = [r for rs in pool.map(client, range(clients)) for r in rs]
    seconds = time.perf_counter() - started
    latencies = sorted(s * 1000 for _, s in results)
    centiles = statistics.quantiles(latencies, n=100)
    return {"requests": len(results), "seconds": seconds, "rps": len(results) / seconds, "p50": centiles[49], "p90": centiles[89],
            "p99": centiles[98], "max": latencies[-1], "errors": sum(1 for status, _ in results if status != 200)}


def hostile(url: str) -> list[tuple[str, str, float, float]]:
    """(request, answer, its seconds, a benign query's seconds while it ran) for the hostile requests of issue 19."""
    import socket

    port = int(url.rsplit(":", 1)[1].split("/")[0])

    def raw(data: bytes) -> tuple[str, float]:
        started = time.perf_counter()
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(data)
            answer = sock.recv(100).split(b"\r\n", 1)[0].decode()
        return answer, time.perf_counter() - started

    def query(text: str) -> tuple[str, float]:
        status, seconds = get(url, text, post=False)
        return str(status), seconds

    cases = {
        "REGEX (a+)+$ on 41 characters": lambda: query('SELECT * WHERE { BIND("' + "a" * 40 + '!" AS ?s) FILTER(REGEX(?s, "^(a+)+$")) }'),
        "60 KB of 1+1+...": lambda: query("SELECT (" + "+".join(["1"] * 29_000) + " AS ?x) {}"),
        "60 KB of nested { }": lambda: query("SELECT * " + "{" * 30_000 + "}" * 30_000),
        "COUNT over 3 joined patterns": lambda: query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),
        "ORDER BY over 2 joined patterns": lambda: query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"),
        "Content-Length: -1": lambda: raw(b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: -1\r\n\r\nASK{}"),
        "an idle connection": lambda: raw(b""),
    }
    rows = []
    for name, send in cases.items():
        box: dict[str, tuple[str, float]] = {}
        thread = threading.Thread(target=lambda send=send, box=box: box.update(answer=send()))
        thread.start()
        time.sleep(0.3)
        _, benign = get(url, BENIGN)
        thread.join()
        answer, seconds = box["answer"]
        rows.append((name, answer, seconds, benign))
    return rows


@contextmanager
def serve_process(store: Path, workers: int, timeout: float) -> Iterator[str]:
    """The front in a process of its own (as `policykg serve` runs it) over ``store``; yields its URL."""
    script = ("import sys; from policykg.queries.endpoint import serve; "
              "serve(sys.argv[1], port=0, workers=int(sys.argv[2]), timeout=float(sys.argv[3]), quiet=True, "
              "ready=lambda url: print(url, flush=True))")
    process = subprocess.Popen([sys.executable, "-c", script, str(store), str(workers), str(timeout)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(10)


def bare_server(store: Path) -> Worker:
    worker = Worker(store, Path(store).parent / "bare-oxigraph.log", timeout=60)
    asyncio.run(worker.ready())
    return worker


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", help="a graph.json (default: the packaged seed)")
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 16])
    parser.add_argument("--requests", type=int, default=40, help="queries per client")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--no-hostile", action="store_true")
    arguments = parser.parse_args(argv)

    if arguments.graph:
        from policykg.graph.storage import load_graph

        graph = load_graph(arguments.graph)
    else:
        from policykg.graph.build import build_graph
        from policykg.loaders import load_document, seed_path

        graph = build_graph([load_document(seed_path())])
    texts = [canned.texts["sparql"] for canned in load_catalogue().values()]
    print(f"graph: {graph.number_of_nodes():,} nodes; {len(texts)} catalogue queries; {arguments.workers} workers, "
          f"timeout {arguments.timeout:g} s", flush=True)
    with ExitStack() as stack:
        store = stack.enter_context(temporary_store(graph))
        front_url = stack.enter_context(serve_process(store, arguments.workers, arguments.timeout))
        bare = bare_server(store)
        stack.callback(bare.kill)
        print("\n| server | clients | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | not 200 |")
        print("|---|---|---|---|---|---|---|---|---|")
        for clients in arguments.clients:
            for name, url in [("policykg serve", front_url + "sparql"), ("bare oxigraph", f"http://127.0.0.1:{bare.port}/query")]:
                r = load(url, clients, arguments.requests, texts)
                print(f"| {name} | {clients} | {r['requests']:.0f} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} | {r['p99']:.1f} | "
                      f"{r['max']:.0f} | {r['errors']:.0f} |", flush=True)
        if not arguments.no_hostile:
            print(f"\nhostile requests (policykg serve, timeout {arguments.timeout:g} s, read timeout 5 s)\n")
            print("| request | answer | its seconds | a benign query meanwhile, seconds |")
            print("|---|---|---|---|")
            for name, answer, seconds, benign in hostile(front_url + "sparql"):
                print(f"| {name} | {answer} | {seconds:.2f} | {benign:.3f} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
