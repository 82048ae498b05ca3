"""Time every export format, the publication and its validation, on the seed and on a synthetic graph.

    .venv/bin/python benchmarks/bench_export.py                      # seed + synthetic (~100k triples)
    .venv/bin/python benchmarks/bench_export.py --nodes 500 --no-publish

For each graph: the RDF mapping (``to_rdf``), then each writer of
``policykg.export.WRITERS`` (seconds, bytes written; the CSV folder's bytes are
summed), then ``publish`` and ``validate_publication`` (with and without SHACL).
The synthetic graph comes from ``policykg.viz.synthetic`` (about 30 triples per
node, so 3,300 nodes give about 100,000 triples).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timing import timed

from policykg.export import WRITERS, export
from policykg.export.publish import publish, validate_publication
from policykg.graph.build import build_graph
from policykg.loaders import load_document, seed_path
from policykg.ontology.rdf import to_rdf
from policykg.viz.synthetic import synthetic_graph


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def bench(name: str, graph, folder: Path, repeat: int, with_publish: bool) -> None:
    seconds, rdf = timed(lambda: to_rdf(graph), repeat)
    print(f"\n== {name}: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges, {len(rdf):,} triples")
    print(f"{'to_rdf':<22}{seconds:>8.2f} s")
    for fmt in WRITERS:
        target = folder / f"{name}-graph.{fmt}"
        seconds, path = timed(lambda fmt=fmt, target=target: export(graph, fmt, target), repeat)
        written = size(path)
        print(f"{'export ' + fmt:<22}{seconds:>8.2f} s {written:>14,} bytes  ({written / max(len(rdf), 1):.0f} bytes/triple)")
    if not with_publish:
        return
    seconds, path = timed(lambda: publish(graph, folder / f"{name}-publication"), repeat)
    print(f"{'publish':<22}{seconds:>8.2f} s {size(path):>14,} bytes  (14 files)")
    seconds, report = timed(lambda: validate_publication(path, shacl=False))
    print(f"{'validate (no SHACL)':<22}{seconds:>8.2f} s  {'ok' if report.ok else f'{len(report.problems)} problem(s)'}")
    seconds, report = timed(lambda: validate_publication(path))
    print(f"{'validate':<22}{seconds:>8.2f} s  {'ok' if report.ok else f'{len(report.problems)} problem(s)'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=3300, help="synthetic graph size in nodes (3,300: about 100k triples)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (the median is shown)")
    parser.add_argument("--no-publish", action="store_true", help="skip publish and validate")
    parser.add_argument("--no-seed", action="store_true", help="skip the seed graph")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if not arguments.no_seed:
            bench("seed", build_graph([load_document(seed_path())]), folder, arguments.repeat, not arguments.no_publish)
        bench("synthetic", synthetic_graph(arguments.nodes), folder, arguments.repeat, not arguments.no_publish)


if __name__ == "__main__":
    main()
