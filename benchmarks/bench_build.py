"""Time load + build_graph on 1, 10, 100 (and with --full 1,000) synthetic documents.

    .venv/bin/python benchmarks/bench_build.py              # 1, 10, 100 documents
    .venv/bin/python benchmarks/bench_build.py --full       # ... and 1,000
    .venv/bin/python benchmarks/bench_build.py --sizes 1 10 --json out.json
    .venv/bin/python benchmarks/bench_build.py --sizes 100 --repeat 1 --push http://127.0.0.1:3330/ds

One corpus of the largest size is generated (benchmarks/corpus.py, fixed seed); size N
uses its first N documents.  Each size runs in a fresh Python process (so imports, the
packaged reference list and peak memory are measured per size), which reads the files
with ``policykg.load_document`` and builds one graph with ``policykg.build_graph``; it
reports wall time, CPU time and its peak resident memory (``VmHWM``).

Documents differ in length (20 to 150 fact paragraphs, with prose between them; ``--prose 0``
for the dense corpus), so time is given per document and per
1,000 paragraphs; ``ratio`` is per-document (per-paragraph) time at N over that at N = 1:
flat ratios mean the build is linear in the corpus.  Small sizes run ``--repeat`` times
(median).  ``--gc off`` / ``--gc freeze`` show how much of the time is Python's cyclic
garbage collector rescanning the growing graph.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20250409


def _corpus_module():
    spec = importlib.util.spec_from_file_location("policykg_benchmarks_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def peak_rss_kb() -> int:
    """Peak resident memory of this process in KiB.

    Linux's ``VmHWM`` starts afresh at exec; ``ru_maxrss`` does not (it keeps the peak of the
    process that forked us), so it is only the fallback.
    """
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(folder: str, count: int, gc_mode: str = "default", push_url: str = "") -> None:
    """Run in a fresh process: load and build the first ``count`` documents, print JSON figures."""
    import gc

    started = time.perf_counter()
    import policykg
    from policykg.graph.build import build_graph
    from policykg.loaders import load_document

    imported = time.perf_counter()
    baseline_rss = peak_rss_kb()
    # not the manifest: for 1,000 documents its JSON alone takes ~400 MB; the names sort in corpus order
    files = sorted(Path(folder).glob("doc-*.txt"))[:count]
    if gc_mode == "off":
        gc.disable()
    elif gc_mode == "freeze":
        gc.freeze()  # what is alive after the imports is never scanned again
    c0, t0 = time.process_time(), time.perf_counter()
    documents = [load_document(path) for path in files]
    t1 = time.perf_counter()
    graph = build_graph(documents)
    c2, t2 = time.process_time(), time.perf_counter()
    peak_rss = peak_rss_kb()
    figures: dict = {}
    if push_url:  # after the build: RDF conversion and upload are not part of the build figures
        from policykg.export.push import push_graph_store
        from policykg.ontology.rdf import to_rdf

        t3 = time.perf_counter()
        rdf = to_rdf(graph)
        t4 = time.perf_counter()
        pushed = push_graph_store(rdf, push_url, timeout=600)
        figures = {"to_rdf_s": t4 - t3, "triples": pushed.triples, "serialise_s": pushed.serialise_seconds,
                   "upload_s": pushed.seconds, "requests": pushed.requests}
    print(json.dumps({
        **figures,
        "documents": len(documents),
        "paragraphs": sum(len(d.paragraphs) for d in documents),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "import_s": imported - started,
        "load_s": t1 - t0,
        "build_s": t2 - t1,
        "total_s": t2 - t0,
        "cpu_s": c2 - c0,
        "gc_collections": [s["collections"] for s in gc.get_stats()],
        "baseline_rss_mb": baseline_rss / 1024,
        "peak_rss_mb": peak_rss / 1024,
        "policykg": policykg.__file__,
    }))


def run_size(folder: Path, count: int, gc_mode: str, push_url: str = "") -> dict:
    answer = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), str(count), gc_mode, push_url],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also 1,000 documents")
    parser.add_argument("--sizes", type=int, nargs="+", help="document counts (default 1 10 100, with --full 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size for sizes below 100 (median; default 3)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--prose", type=float, default=None,
                        help="plain-prose paragraphs per fact paragraph in the generated corpus (default: the "
                             "generator's, the seed's density of facts; 0: dense)")
    parser.add_argument("--corpus", type=Path, help="reuse (or write) the generated corpus in this folder")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--gc", choices=["default", "off", "freeze"], default="default",
                        help="Python's cyclic garbage collector during the build: as is, disabled, or gc.freeze() first")
    parser.add_argument("--push", metavar="URL", default="",
                        help="after the largest build, push its RDF to this Graph Store endpoint (e.g. http://127.0.0.1:3330/ds) and time it")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2], args.child[3])
        return 0

    sizes = sorted(args.sizes or ([1, 10, 100, 1000] if args.full else [1, 10, 100]))
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.corpus or Path(scratch) / "corpus"
        manifest_path = folder / "manifest.json"
        existing = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else None
        if existing is None or len(existing["documents"]) < sizes[-1] or existing["seed"] != args.seed:
            started = time.perf_counter()
            _corpus_module().generate_corpus(sizes[-1], args.seed, folder, **({} if args.prose is None else {'prose': args.prose}))
            print(f"generated {sizes[-1]} documents in {time.perf_counter() - started:.1f} s ({folder})", file=sys.stderr)

        rows = []
        for count in sizes:
            push = args.push if count == sizes[-1] else ""
            runs = [run_size(folder, count, args.gc, push) for _ in range(args.repeat if count < 100 else 1)]
            row = dict(min(runs, key=lambda r: r["total_s"]))
            row["total_s"] = statistics.median(r["total_s"] for r in runs)
            row["build_s"] = statistics.median(r["build_s"] for r in runs)
            row["load_s"] = statistics.median(r["load_s"] for r in runs)
            row["cpu_s"] = statistics.median(r["cpu_s"] for r in runs)
            row["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
            row["per_doc_s"] = row["total_s"] / row["documents"]
            row["per_kpara_s"] = 1000 * row["total_s"] / row["paragraphs"]
            row["cpu_per_kpara_s"] = 1000 * row["cpu_s"] / row["paragraphs"]
            rows.append(row)
            print(f"  {count} documents: {row['total_s']:.1f} s", file=sys.stderr)

    first = rows[0]
    print(f"gc: {args.gc}; time is wall-clock (cpu: CPU time of the process, less sensitive to a busy machine)")
    print(f"{'docs':>6} {'paras':>7} {'nodes':>8} {'edges':>9} {'wall s':>8} {'cpu s':>8} {'s/doc':>7} {'s/1k para':>9} "
          f"{'cpu s/1k':>8} {'ratio/doc':>9} {'ratio/para':>10} {'cpu ratio':>9} {'peak MB':>8}")
    for row in rows:
        print(f"{row['documents']:>6} {row['paragraphs']:>7} {row['nodes']:>8} {row['edges']:>9} {row['total_s']:>8.2f} "
              f"{row['cpu_s']:>8.2f} {row['per_doc_s']:>7.3f} {row['per_kpara_s']:>9.2f} {row['cpu_per_kpara_s']:>8.2f} "
              f"{row['per_doc_s'] / first['per_doc_s']:>9.2f} {row['per_kpara_s'] / first['per_kpara_s']:>10.2f} "
              f"{row['cpu_per_kpara_s'] / first['cpu_per_kpara_s']:>9.2f} {row['peak_rss_mb']:>8.0f}")
    print(f"(after imports, before loading: {first['baseline_rss_mb']:.0f} MB resident; imports took {first['import_s']:.1f} s; "
          f"load is {100 * rows[-1]['load_s'] / rows[-1]['total_s']:.0f}% of the largest run)")
    if "upload_s" in rows[-1]:
        last = rows[-1]
        print(f"push of the {last['documents']}-document graph: {last['triples']} triples; to_rdf {last['to_rdf_s']:.1f} s, "
              f"N-Triples {last['serialise_s']:.1f} s, upload {last['upload_s']:.1f} s in {last['requests']} request(s) "
              f"({last['triples'] / max(last['upload_s'], 1e-9):,.0f} triples/s)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    from policykg.graph.model import gc_pauses_allowed

    with gc_pauses_allowed():  # a benchmark owns its process, as the command line does
        sys.exit(main())
