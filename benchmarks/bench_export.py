"""Export speed: every RDF format at a million triples, against plain rdflib; then the publication.

    .venv/bin/python benchmarks/bench_export.py                    # synthetic graph of ~1M triples
    .venv/bin/python benchmarks/bench_export.py --triples 100000   # quicker
    .venv/bin/python benchmarks/bench_export.py --publish          # also publish + validate (seed and synthetic)

For each RDF format: our writer (``policykg.export.export``: policy graph → file,
deterministic) in seconds and triples per second, then the baseline — plain rdflib,
``to_rdf(graph).serialize(format=...)`` into a file, not sorted — and the ratio
(baseline seconds / ours). Both include the mapping from the policy graph to RDF,
since both start from the same built graph. ``--baseline-triples N`` times rdflib on
a smaller graph and scales its rate (rdflib is linear; at 1M triples each of its
formats takes minutes).

Target (issue 7): N-Triples and Turtle export of 1M triples in under 10 s.
The synthetic graph comes from ``policykg.viz.synthetic`` (about 35 triples per node).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from timing import timed

from policykg.export import export
from policykg.export.rdf import DATASET_FORMATS, RDF_FORMATS, graph_names
from policykg.ontology.rdf import iter_triples, to_rdf
from policykg.viz.synthetic import synthetic_graph

#: our format name → rdflib serializer name (the baseline)
RDFLIB_SERIALIZERS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "rdfxml": "xml", "jsonld": "json-ld"}
TARGET_SECONDS = {"ntriples": 10.0, "turtle": 10.0}
TRIPLES_PER_NODE = 35  # about, for synthetic_graph


def graph_of(triples: int):
    """A synthetic policy graph of at least ``triples`` triples, and its exact triple count."""
    graph = synthetic_graph(max(20, triples // TRIPLES_PER_NODE))
    count = sum(1 for _ in iter_triples(graph))
    while count < triples:
        graph = synthetic_graph(int(graph.number_of_nodes() * triples / count * 1.02) + 1)
        count = sum(1 for _ in iter_triples(graph))
    return graph, count


def _rdflib_seconds(graph, fmt: str, target: Path) -> float:
    started = time.perf_counter()
    rdf = to_rdf(graph)
    if fmt in DATASET_FORMATS:  # rdflib needs a Dataset for quads: one graph per source document, as ours
        names, dataset = graph_names(graph), Dataset()
        for triple in rdf:
            name = names.get(str(triple[0]))
            dataset.add((*triple, URIRef(name) if name else DATASET_DEFAULT_GRAPH_ID))
        rdf = dataset
    rdf.serialize(destination=str(target), format=RDFLIB_SERIALIZERS[fmt], encoding="utf-8")
    return time.perf_counter() - started


def run_export_benchmark(triples: int = 1_000_000, *, baseline_triples: int | None = None, formats: list[str] | None = None,
                         repeat: int = 1, log=print) -> list[dict[str, Any]]:
    """Time each RDF format on a synthetic graph of ``triples`` triples; one row per format."""
    graph, count = graph_of(triples)
    baseline_graph, baseline_count = (graph, count) if not baseline_triples or baseline_triples >= count else graph_of(baseline_triples)
    log(f"synthetic graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges, {count:,} triples"
        + (f"; rdflib baseline timed on {baseline_count:,} triples and scaled" if baseline_graph is not graph else ""))
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for fmt in formats or list(RDF_FORMATS):
            suffix = RDF_FORMATS[fmt].suffix
            ours, path = timed(lambda fmt=fmt, suffix=suffix: export(graph, fmt, folder / f"ours{suffix}"), repeat)
            size = path.stat().st_size
            path.unlink()
            baseline = _rdflib_seconds(baseline_graph, fmt, folder / f"rdflib{suffix}") * count / baseline_count
            (folder / f"rdflib{suffix}").unlink()
            row = {"format": fmt, "triples": count, "seconds": ours, "triples_per_second": count / ours, "bytes": size,
                   "rdflib_seconds": baseline, "rdflib_triples_per_second": count / baseline, "ratio": baseline / ours,
                   "target_seconds": TARGET_SECONDS.get(fmt)}
            rows.append(row)
            target = row["target_seconds"]
            verdict = "" if target is None else f"  target < {target:.0f} s: {'met' if ours < target else 'NOT met'}"
            log(f"{fmt:<9} ours {ours:7.2f} s {count / ours:>11,.0f} triples/s   rdflib {baseline:8.2f} s {count / baseline:>9,.0f} triples/s"
                f"   ratio {baseline / ours:6.1f}×   {size / 1e6:7.1f} MB{verdict}")
    return rows


def bench_publish(name: str, graph, folder: Path) -> None:
    from policykg.export.publication_check import validate_publication
    from policykg.export.publish import publish

    seconds, path = timed(lambda: publish(graph, folder / f"{name}-publication"))
    print(f"{name}: publish {seconds:.2f} s", end="")
    seconds, report = timed(lambda: validate_publication(path, shacl=False))
    print(f", validate without SHACL {seconds:.2f} s ({'ok' if report.ok else 'problems'})", end="")
    seconds, report = timed(lambda: validate_publication(path))
    print(f", with SHACL {seconds:.2f} s ({'ok' if report.ok else 'problems'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1,000,000)")
    parser.add_argument("--baseline-triples", type=int, default=None, help="time rdflib on a graph this size and scale (default: same graph)")
    parser.add_argument("--formats", default=",".join(RDF_FORMATS), help="comma-separated formats")
    parser.add_argument("--repeat", type=int, default=1, help="runs of our writer per format (median shown)")
    parser.add_argument("--publish", action="store_true", help="also time publish and validate on the seed and a 100k-triple graph")
    arguments = parser.parse_args()
    run_export_benchmark(arguments.triples, baseline_triples=arguments.baseline_triples,
                         formats=arguments.formats.split(","), repeat=arguments.repeat)
    if arguments.publish:
        from policykg.graph.build import build_graph
        from policykg.loaders import load_document, seed_path

        with tempfile.TemporaryDirectory() as temporary:
            bench_publish("seed", build_graph([load_document(seed_path())]), Path(temporary))
            bench_publish("synthetic 100k", graph_of(100_000)[0], Path(temporary))


if __name__ == "__main__":
    from policykg.graph.model import gc_pauses_allowed

    with gc_pauses_allowed():  # a benchmark owns its process, as the command line does
        main()
