"""Catalogue query latency on rdflib and on the Oxigraph store, on a synthetic graph.

    .venv/bin/python benchmarks/bench_query.py                                   # 1,000,000 triples
    .venv/bin/python benchmarks/bench_query.py --triples 100000 --repeat 5 --rdflib-timeout 30
    .venv/bin/python benchmarks/bench_query.py --query commitments --query due

The graph comes from ``policykg.viz.synthetic`` (about 35 triples per node). Each
store is loaded the way ``policykg`` loads it (rdflib: ``to_rdf``; Oxigraph:
``to_ntriples`` then ``bulk_load``) and the load seconds are printed. Every
catalogue query runs with its default parameters (required ones get a value that
exists in the synthetic graph) ``--repeat`` times per store; a run is the query plus
:func:`~policykg.queries.results.normalise`, as ``policykg query run`` does it. The
table gives the median seconds per store, their ratio, and whether the answers are
the same (they must be).

rdflib can take many minutes on some queries at 1M triples, so each rdflib query
has a time budget (``--rdflib-timeout``, all its repeats together): a query still
running at the end of it is stopped (an exception raised in its worker thread,
which rdflib's pure-Python evaluation notices at once), reported as "> N s", and its
ratio counts as a lower bound. Oxigraph queries run to the end (native code cannot
be interrupted from Python).

Import :func:`run_query_benchmark` from another script (this folder on ``sys.path``)
for the rows as dicts.
"""

from __future__ import annotations

import argparse
import ctypes
import math
import statistics
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from timing import timed

from policykg.ontology.rdf import to_ntriples
from policykg.queries import TRIPLES_PER_NODE
from policykg.queries.catalogue import CannedQuery, load_catalogue
from policykg.queries.oxigraph import OxigraphEngine
from policykg.queries.results import normalise
from policykg.queries.sparql import SparqlEngine
from policykg.viz.synthetic import synthetic_graph


class _Stop(BaseException):  # a BaseException, so that no `except Exception` inside rdflib swallows it
    """Raised inside the worker thread of an rdflib query that ran out of time."""


def sample_parameters(graph) -> dict[str, Any]:
    """A value for every parameter name of the catalogue that finds something in ``graph``.

    From one commitment with a lead and an involved body: its lead names the
    organisation and the start of the connection, an involved body its end.
    """
    nodes = graph.nodes
    commitments = sorted(n for n, d in graph.nodes(data=True) if d["type"] == "Commitment")
    chosen, lead, other = commitments[0], None, None
    for commitment in commitments:
        leads = sorted(t for _, t, key in graph.out_edges(commitment, keys=True) if key == "led_by")
        involved = sorted(t for _, t, key in graph.out_edges(commitment, keys=True) if key == "involves")
        if leads and involved and nodes[leads[0]]["type"] == nodes[involved[0]]["type"] == "Organisation":
            chosen, lead, other = commitment, leads[0], involved[0]
            break
    organisation = nodes[lead]["label"] if lead else "Home Office"
    return {"number": 1, "recommendation": 1, "name": organisation, "organisation": organisation, "from": organisation,
            "to": nodes[other]["label"] if other else "Ofsted", "iri": chosen, "kind": "department", "min": 2,
            "as_of": "2026-01-01", "within_days": 90}


#: Values for required date parameters, by name (``from`` and ``to`` name bodies in ``connection``, dates in ``changes``).
DATE_SAMPLES = {"from": "2025-01-01", "to": "2026-01-01"}


def default_parameters(query: CannedQuery, samples: dict[str, Any]) -> dict[str, Any]:
    """The query's defaults, with a sample value for each required parameter (a date for a point: a date or a document)."""
    return query.bind({p.name: DATE_SAMPLES.get(p.name, "2026-01-01") if p.type in ("date", "point") else samples[p.name]
                       for p in query.parameters if p.required})


def _run(engine: Any, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
    columns, rows = engine.run(query.texts["sparql"], params)
    return normalise(columns, rows, query.list_columns)


def _interrupt(thread: threading.Thread) -> None:
    if thread.ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(_Stop))


def time_with_budget(function: Callable[[], Any], repeat: int, budget: float) -> tuple[list[float], Any, bool]:
    """(seconds of each finished run, the last result, whether the budget ran out) for up to ``repeat`` runs.

    Each run happens in a worker thread; when the runs together pass ``budget``
    seconds the running one is stopped and no further run starts.
    """
    times: list[float] = []
    result: Any = None
    deadline = time.perf_counter() + budget
    for _ in range(repeat):
        box: dict[str, Any] = {}

        def work(box: dict[str, Any] = box) -> None:
            try:
                box["result"] = function()
            except _Stop:
                box["stopped"] = True

        worker = threading.Thread(target=work, daemon=True)
        start = time.perf_counter()
        worker.start()
        worker.join(None if math.isinf(budget) else max(0.0, deadline - start))  # join(inf) overflows time_t
        if worker.is_alive():
            while worker.is_alive():  # the exception lands between two bytecodes; repeat it if rdflib was in C code
                _interrupt(worker)
                worker.join(0.5)
            return times, result, True
        times.append(time.perf_counter() - start)
        result = box.get("result")
        if time.perf_counter() >= deadline:
            break
    return times, result, False


def load_oxigraph(graph) -> tuple[float, float, OxigraphEngine]:
    """(seconds for the N-Triples, seconds for the load, the engine): the two halves of OxigraphEngine(graph)."""
    seconds_nt, ntriples = timed(lambda: to_ntriples(graph))
    seconds_load, engine = timed(lambda: OxigraphEngine(ntriples=ntriples))
    return seconds_nt, seconds_load, engine


def run_query_benchmark(triples: int = 1_000_000, repeat: int = 3, rdflib_timeout: float = 60.0, *, queries: list[str] | None = None,
                        seed: int = 1, log: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """Median latency of each catalogue query on rdflib and on Oxigraph, on a synthetic graph of about ``triples`` triples.

    One dict per query: ``query``, ``rows``, ``rdflib_s`` (median of the finished
    runs; the budget when none finished), ``rdflib_timed_out``, ``oxigraph_s``,
    ``ratio`` (rdflib / Oxigraph; a lower bound when rdflib timed out) and ``same``
    (the normalised answers are equal; None when rdflib did not finish).
    """
    catalogue = load_catalogue()
    names = queries or sorted(catalogue)
    graph = synthetic_graph(max(50, round(triples / TRIPLES_PER_NODE)), seed=seed)
    log(f"synthetic graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")

    seconds_nt, seconds_ox, oxigraph = load_oxigraph(graph)
    log(f"{len(oxigraph):,} triples")
    log(f"load oxigraph: {seconds_nt + seconds_ox:.1f} s (to_ntriples {seconds_nt:.1f} s + bulk_load {seconds_ox:.1f} s)")
    seconds_rdflib, rdflib = timed(lambda: SparqlEngine(graph))
    log(f"load rdflib:   {seconds_rdflib:.1f} s (to_rdf, {len(rdflib.rdf):,} triples)")

    samples = sample_parameters(graph)
    results = []
    log("\n" + HEADER)
    for name in names:
        query = catalogue[name]
        params = default_parameters(query, samples)
        ox_times, ox_rows, _ = time_with_budget(lambda query=query, params=params: _run(oxigraph, query, params), repeat, math.inf)
        rd_times, rd_rows, timed_out = time_with_budget(lambda query=query, params=params: _run(rdflib, query, params), repeat, rdflib_timeout)
        oxigraph_s = statistics.median(ox_times)
        rdflib_s = statistics.median(rd_times) if rd_times else rdflib_timeout
        row = {
            "query": name, "rows": len(ox_rows), "rdflib_s": rdflib_s, "rdflib_timed_out": timed_out and not rd_times,
            "oxigraph_s": oxigraph_s, "ratio": rdflib_s / oxigraph_s if oxigraph_s else math.inf,
            "same": (rd_rows == ox_rows) if rd_times else None,
        }
        results.append(row)
        log(format_row(row))
    return results


def format_row(row: dict[str, Any]) -> str:
    rdflib = f"> {row['rdflib_s']:.0f}" if row["rdflib_timed_out"] else f"{row['rdflib_s']:.3f}"
    ratio = f"{'> ' if row['rdflib_timed_out'] else ''}{row['ratio']:.0f}×" if row["ratio"] >= 10 else f"{row['ratio']:.1f}×"
    same = {True: "yes", False: "NO", None: "?"}[row["same"]]
    return f"{row['query']:<16}{row['rows']:>8}{rdflib:>12}{row['oxigraph_s']:>12.3f}{ratio:>10}{same:>6}"


HEADER = f"{'query':<16}{'rows':>8}{'rdflib s':>12}{'oxigraph s':>12}{'ratio':>10}{'same':>6}"


def summary(results: list[dict[str, Any]]) -> str:
    """The median and the geometric mean of the ratios (lower bounds count as they are)."""
    ratios = [r["ratio"] for r in results]
    bounded = sum(r["rdflib_timed_out"] for r in results)
    geometric = math.exp(statistics.fmean(math.log(r) for r in ratios))
    note = f" ({bounded} lower bound{'s' if bounded != 1 else ''}: rdflib stopped at the budget)" if bounded else ""
    return f"ratio rdflib/oxigraph: median {statistics.median(ratios):.1f}×, geometric mean {geometric:.1f}×{note}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="about this many triples (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query and store; the median is reported (default 3)")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per rdflib query, all repeats together (default 60)")
    parser.add_argument("--query", action="append", dest="queries", help="only this catalogue query (repeatable)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic graph (default 1)")
    args = parser.parse_args()
    unknown = sorted(set(args.queries or []) - set(load_catalogue()))
    if unknown:
        sys.exit(f"bench_query: no catalogue query named {unknown[0]!r}")

    def log(line: str) -> None:
        print(line, flush=True)

    results = run_query_benchmark(args.triples, args.repeat, args.rdflib_timeout, queries=args.queries, seed=args.seed, log=log)
    print("\n" + summary(results))
    if any(r["same"] is False for r in results):
        sys.exit("bench_query: the stores gave different answers (see the 'same' column)")


if __name__ == "__main__":
    from policykg.graph.model import gc_pauses_allowed

    with gc_pauses_allowed():  # a benchmark owns its process, as the command line does
        main()
