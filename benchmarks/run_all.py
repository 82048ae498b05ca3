"""One table of the scale figures: build, queries, Neo4j load and export, per corpus size.

    benchmarks/run [--full] [--sizes 1 10 100] [--no-neo4j] [--no-queries] [--compiled] [--json FILE]

For each size N, a fresh Python process reads the first N documents of one generated
corpus (benchmarks/corpus.py, fixed seed; by default with the seed's density of facts, ``--prose 0``
for the dense corpus) and measures, in order:

* **build**: ``load_document`` + ``build_graph`` wall seconds, MB of text per second,
  documents per second, and the process's peak resident memory (``VmHWM``) right after;
* **parallel build**: ``build_from_paths`` with one extraction process per CPU core (what
  ``policykg build DIR --no-cache`` does by default), MB of text per second: the median of
  three fresh processes of its own, before the others;
* **queries**: every catalogue query with its default parameters on rdflib and on the
  fast store (Oxigraph), the median over queries of each query's median latency, and
  the ratio (see benchmarks/bench_query.py; rdflib queries over their time budget
  count at the budget, so the ratio is then a lower bound, marked ``>``);
* **Neo4j**: the batched load (``load_neo4j``, 1,000 rows per transaction) in
  elements (nodes + relationships) per second, against the naive load — the same
  statements one element per transaction (``batch_size=1``) on the first
  ``--naive-elements`` elements — and the ratio;
* **export**: N-Triples and Turtle triples per second (our writers, to a file).

With ``--compiled``, the package measured is policykg with its extractor compiled by mypyc
(``POLICYKG_COMPILE=1 pip install .``, see setup.py), installed into a scratch folder first.

Then the seed's ``policykg build`` is timed as a user runs it: a new process, wall
clock including interpreter start (median of 3).

Targets (issue 8) are printed under the table with met / not met.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import SEED, _corpus_module, peak_rss_kb  # noqa: E402  (benchmarks/ is not a package)

#: Fresh processes timing the parallel build per size; the median is shown (one run varies by up to ±15% here).
PARALLEL_RUNS = 3


def parallel_child(folder: str, count: int) -> dict[str, Any]:
    """Run in a fresh process: what ``policykg build DIR --no-cache`` does by default, one extraction process per core.

    A process of its own: after the serial build, whose graph the other measurements use, a
    parallel build in the same process ran 25% slower at 1,000 documents.
    """
    from policykg.graph.pipeline import build_from_paths

    files = sorted(Path(folder).glob("doc-*.txt"))[:count]
    jobs = os.cpu_count() or 1
    t0 = time.perf_counter()
    graph, _ = build_from_paths(files, jobs=jobs)  # kept until timed: freeing a big graph takes 0.1 s per 100 documents
    seconds = time.perf_counter() - t0
    del graph
    return {"parallel_jobs": jobs, "parallel_build_s": seconds, "parallel_mb_per_s": sum(f.stat().st_size for f in files) / 1e6 / seconds}


def child(folder: str, count: int, options: dict[str, Any]) -> dict[str, Any]:
    """Run in a fresh process: every measurement for the first ``count`` documents but the parallel build's."""
    if options.get("parallel"):
        return parallel_child(folder, count)
    started = time.perf_counter()
    from policykg.graph.build import build_graph
    from policykg.loaders import load_document

    imported = time.perf_counter()
    files = sorted(Path(folder).glob("doc-*.txt"))[:count]
    t0 = time.perf_counter()
    graph = build_graph([load_document(path) for path in files])
    build_s = time.perf_counter() - t0
    row: dict[str, Any] = {
        "documents": len(files), "text_mb": sum(f.stat().st_size for f in files) / 1e6, "import_s": imported - started,
        "build_s": build_s, "peak_rss_mb": peak_rss_kb() / 1024, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
    }
    row["mb_per_s"] = row["text_mb"] / build_s
    from policykg.graph.pipeline import compiled_modules

    row["compiled"] = bool(compiled_modules())
    row["docs_per_s"] = len(files) / build_s

    from policykg.export import export

    with tempfile.TemporaryDirectory() as temporary:
        for fmt in ("ntriples", "turtle"):
            t0 = time.perf_counter()
            path = export(graph, fmt, Path(temporary) / f"graph.{fmt}")
            seconds = time.perf_counter() - t0
            if fmt == "ntriples":
                row["triples"] = sum(1 for _ in path.open("rb"))
            row[f"{fmt}_s"] = seconds
            row[f"{fmt}_triples_per_s"] = row["triples"] / seconds
            path.unlink()

    if options["queries"] and row["triples"] <= options["max_query_triples"]:
        queries = compare_stores(graph, repeat=options["repeat"], rdflib_timeout=options["rdflib_timeout"])
        rdflib_medians = [q["rdflib_s"] for q in queries]
        fast_medians = [q["oxigraph_s"] for q in queries]
        row["query_rdflib_s"] = statistics.median(rdflib_medians)
        row["query_fast_s"] = statistics.median(fast_medians)
        row["query_ratio"] = row["query_rdflib_s"] / row["query_fast_s"]
        row["query_ratio_lower_bound"] = any(q.get("rdflib_timed_out") for q in queries)
        row["queries"] = queries

    if options["neo4j"] and row["nodes"] + row["edges"] <= options["max_neo4j_elements"]:
        from bench_neo4j import script_server_arguments

        from policykg.graph.property_graph import project
        from policykg.queries.neo4j import load_neo4j

        server = script_server_arguments()  # the server of scripts/neo4j-server, never NEO4J_URI's (the user's)
        projection = project(graph)
        elements = row["nodes"] + row["edges"]
        load = load_neo4j(graph, wipe=True, batch_size=1000, projection=projection, **server)
        row["neo4j_batched_per_s"] = elements / load["seconds"]
        subgraph = _first_elements(graph, options["naive_elements"])
        small = subgraph.number_of_nodes() + subgraph.number_of_edges()
        load = load_neo4j(subgraph, wipe=True, batch_size=1, **server)
        row["neo4j_naive_per_s"] = small / load["seconds"]
        row["neo4j_naive_elements"] = small
        row["neo4j_ratio"] = row["neo4j_batched_per_s"] / row["neo4j_naive_per_s"]
    return row


def compare_stores(graph, *, repeat: int, rdflib_timeout: float) -> list[dict[str, Any]]:
    """Each catalogue query with default parameters on rdflib and on Oxigraph (benchmarks/bench_query.py's way)."""
    import math

    from bench_query import _run, default_parameters, load_oxigraph, sample_parameters, time_with_budget

    from policykg.queries.catalogue import load_catalogue
    from policykg.queries.sparql import SparqlEngine

    _, _, oxigraph = load_oxigraph(graph)
    rdflib = SparqlEngine(graph)
    samples = sample_parameters(graph)
    rows = []
    for name, query in sorted(load_catalogue().items()):
        params = default_parameters(query, samples)
        fast, _, _ = time_with_budget(lambda query=query, params=params: _run(oxigraph, query, params), repeat, math.inf)
        slow, _, timed_out = time_with_budget(lambda query=query, params=params: _run(rdflib, query, params), repeat, rdflib_timeout)
        rows.append({"query": name, "oxigraph_s": statistics.median(fast),
                     "rdflib_s": statistics.median(slow) if slow else rdflib_timeout, "rdflib_timed_out": timed_out and not slow})
    return rows


def _first_elements(graph, elements: int):
    """The subgraph of the first nodes (in graph order) whose nodes and edges number about ``elements``."""
    nodes: list[str] = []
    for node in graph:
        nodes.append(node)
        if len(nodes) * 3 >= elements:  # ~2 relationships per node survive among the kept nodes
            break
    subgraph = graph.subgraph(nodes).copy()
    return subgraph


def run_child(folder: Path, count: int, options: dict[str, Any], env: dict[str, str] | None) -> dict[str, Any]:
    """The figures of :func:`child` for the first ``count`` documents, measured in a fresh process."""
    answer = subprocess.run([sys.executable, __file__, "--child", str(folder), str(count), json.dumps(options)],
                            check=True, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    return json.loads(answer.stdout.strip().splitlines()[-1])


def compiled_environment(folder: Path) -> dict[str, str]:
    """Install policykg with its extractor compiled by mypyc into ``folder`` (what ``POLICYKG_COMPILE=1 pip install .``
    installs, see setup.py); the environment in which processes import it."""
    print("compiling the extractor with mypyc (about 40 s) ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(folder), str(ROOT)],
                   check=True, env={**os.environ, "POLICYKG_COMPILE": "1"})
    return {**os.environ, "PYTHONPATH": str(folder)}


def seed_cli_seconds(repeat: int = 3, env: dict[str, str] | None = None) -> float:
    """Median wall seconds of ``policykg build`` on the seed in a new process (interpreter start included)."""
    command = [str(Path(sys.executable).with_name("policykg")), "build", "--no-cache", "-o"]
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as temporary:
            started = time.perf_counter()
            subprocess.run([*command, temporary], check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _cell(row: dict[str, Any], key: str, fmt: str) -> str:
    return format(row[key], fmt) if key in row else "—"


def print_table(rows: list[dict[str, Any]], seed_seconds: float) -> None:
    jobs = rows[0].get("parallel_jobs", 1)
    header = (f"{'docs':>5} {'MB':>6} {'triples':>10} {'build s':>8} {'MB/s':>6} {'docs/s':>7} {f'MB/s j{jobs}':>8} {'peak MB':>8} "
              f"{'q rdflib s':>10} {'q fast s':>9} {'q ratio':>8} {'neo4j el/s':>10} {'naive el/s':>10} {'ratio':>6} "
              f"{'NT tr/s':>10} {'TTL tr/s':>10}")
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = ("" if not row.get("query_ratio_lower_bound") else ">") + _cell(row, "query_ratio", ".1f")
        print(f"{row['documents']:>5} {row['text_mb']:>6.2f} {row['triples']:>10,} {row['build_s']:>8.2f} {row['mb_per_s']:>6.2f} "
              f"{row['docs_per_s']:>7.1f} {row['parallel_mb_per_s']:>8.2f} {row['peak_rss_mb']:>8.0f} {_cell(row, 'query_rdflib_s', '.3f'):>10} "
              f"{_cell(row, 'query_fast_s', '.4f'):>9} {ratio:>8} {_cell(row, 'neo4j_batched_per_s', ',.0f'):>10} "
              f"{_cell(row, 'neo4j_naive_per_s', ',.0f'):>10} {_cell(row, 'neo4j_ratio', '.1f'):>6} "
              f"{row['ntriples_triples_per_s']:>10,.0f} {row['turtle_triples_per_s']:>10,.0f}")
    print(f"\nseed: `policykg build` in a new process, wall clock incl. interpreter start: {seed_seconds:.2f} s")
    _targets(rows, seed_seconds)


def _targets(rows: list[dict[str, Any]], seed_seconds: float) -> None:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    print("\ntargets (issue 8, this machine):")
    print(f"  seed builds in < 1 s wall incl. interpreter start: {seed_seconds:.2f} s — {verdict(seed_seconds < 1)}")
    fastest = max(row["mb_per_s"] for row in rows)
    parallel = max(row["parallel_mb_per_s"] for row in rows)
    print(f"  extraction >= 5 MB/s of text: best {fastest:.2f} MB/s in one process, {parallel:.2f} MB/s with "
          f"{rows[0]['parallel_jobs']} jobs — {verdict(max(fastest, parallel) >= 5)}")
    queried = [row for row in rows if "query_ratio" in row and row["triples"] >= 1_000_000]
    if queried:
        row = queried[0]
        print(f"  fast store >= 10x rdflib on the catalogue at 1M triples: {row['query_ratio']:.1f}x at {row['triples']:,} triples — "
              f"{verdict(row['query_ratio'] >= 10)}")
    else:
        print("  fast store >= 10x rdflib at 1M triples: not measured (no size reached 1M triples with queries on)")
    linear = [row for row in rows if row["documents"] >= 10]
    if len(linear) >= 2:
        # Linear means time = fixed + per_document * N.  Time per document (time / N) also falls as
        # the fixed part (the curated list, compiling patterns, the first documents' new names)
        # spreads over more documents, so the verdict compares the *added* time per added
        # document between successive sizes (the slope); time / N is shown beside it.
        base = linear[0]["build_s"] / linear[0]["documents"]
        ratios = [row["build_s"] / row["documents"] / base for row in linear[1:]]
        slopes = [(b["build_s"] - a["build_s"]) / (b["documents"] - a["documents"]) for a, b in itertools.pairwise(linear)]
        slope_ratios = [slope / slopes[0] for slope in slopes]
        shown = ", ".join(f"{row['documents']:,}: {ratio:.2f}" for row, ratio in zip(linear[1:], ratios, strict=True))
        print(f"  time per document, relative to that at 10: {shown}")
        if len(slopes) >= 2:
            shown = ", ".join(f"{b['documents']:,}: {slope * 1000:.1f} ms ({ratio:.2f})"
                              for b, slope, ratio in zip(linear[1:], slopes, slope_ratios, strict=True))
            print(f"  linear growth from 10 to {linear[-1]['documents']:,} documents (time added per document "
                  f"added, within ±30% of that from 10 to {linear[1]['documents']:,}): {shown} — "
                  f"{verdict(all(0.7 <= ratio <= 1.3 for ratio in slope_ratios))}")
        else:
            print("  linear growth: needs three sizes of 10 documents or more (e.g. --sizes 10 100 1000)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also 1,000 documents")
    parser.add_argument("--sizes", type=int, nargs="+", help="document counts (default 1 10 100; --full adds 1000)")
    parser.add_argument("--no-neo4j", dest="neo4j", action="store_false", help="skip the Neo4j columns")
    parser.add_argument("--no-queries", dest="queries", action="store_false", help="skip the query columns")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (median)")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="time budget per rdflib query, seconds")
    parser.add_argument("--max-query-triples", type=int, default=3_000_000, help="skip queries above this many triples")
    parser.add_argument("--max-neo4j-elements", type=int, default=500_000, help="skip Neo4j above this many nodes + relationships")
    parser.add_argument("--naive-elements", type=int, default=3000, help="elements loaded one per transaction for the naive rate")
    parser.add_argument("--prose", type=float, default=None,
                        help="plain-prose paragraphs per fact paragraph in the generated corpus (default: the "
                             "generator's, the seed's density of facts; 0: dense)")
    parser.add_argument("--corpus", type=Path, help="reuse (or write) the generated corpus here")
    parser.add_argument("--compiled", action="store_true", help="measure policykg with its extractor compiled by mypyc (setup.py)")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), json.loads(args.child[2]))))
        return 0

    sizes = sorted(args.sizes or ([1, 10, 100, 1000] if args.full else [1, 10, 100]))
    options = {key: getattr(args, key) for key in ("queries", "neo4j", "repeat", "rdflib_timeout", "max_query_triples",
                                                   "max_neo4j_elements", "naive_elements")}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        env = compiled_environment(Path(scratch) / "compiled") if args.compiled else None
        folder = args.corpus or Path(scratch) / "corpus"
        if len(list(folder.glob("doc-*.txt"))) < sizes[-1]:
            print(f"generating {sizes[-1]} documents ...", file=sys.stderr, flush=True)
            _corpus_module().generate_corpus(sizes[-1], SEED, folder, **({} if args.prose is None else {'prose': args.prose}))
        for count in sizes:
            print(f"{count} documents ...", file=sys.stderr, flush=True)
            parallel = sorted((run_child(folder, count, {**options, "parallel": True}, env) for _ in range(PARALLEL_RUNS)),
                              key=lambda run: run["parallel_build_s"])
            rows.append({**parallel[len(parallel) // 2], **run_child(folder, count, options, env)})
        seed_seconds = seed_cli_seconds(env=env)
    kind = "extractor compiled with mypyc" if rows[0]["compiled"] else "pure Python"
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; policykg: {kind}; time is wall clock")
    print_table(rows, seed_seconds)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "seed_cli_s": seed_seconds}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    from policykg.graph.model import gc_pauses_allowed

    with gc_pauses_allowed():  # a benchmark owns its process, as the command line does
        sys.exit(main())
