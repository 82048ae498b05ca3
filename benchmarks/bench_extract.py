"""Extraction speed: MB of text per second through ``load_document`` and ``extract_document``.

    .venv/bin/python benchmarks/bench_extract.py                 # the seed and 100 synthetic documents, twice
    .venv/bin/python benchmarks/bench_extract.py --docs 30 --seed 7 --repeat 5
    .venv/bin/python benchmarks/bench_extract.py --corpus /tmp/c100 --dense-corpus /tmp/d100   # reuse (or write) corpora there

The synthetic documents come twice: as the generator writes them by default, with the seed's
density of facts (plain prose between the fact paragraphs, ~44 bytes of text per graph node or
edge, as in the seed), and dense (``prose=0``: every paragraph states facts, ~16 bytes per node
or edge).  MB/s falls with density: the work is per fact, not per byte.

Times, separately: reading the curated YAML (``Gazetteer.packaged()`` + ``load_annotations()``,
paid once per process), loading (``load_document``: decode, parse, split sentences) and
extracting (``extract_document`` per document, the gazetteer already built, the garbage
collector paused as every build pauses it).  Each figure is
the median of ``--repeat`` runs in this process, so it is warm: imports and the YAML are paid
before.  MB is 10^6 bytes of the source files.  The speed-up compares extraction MB/s with
:data:`BASELINE_MB_S`, measured on this 2-core machine with the code before the speed work
(see NOTES.md, "Extraction speed and memory"); a busy machine gives lower figures, so compare
runs made close together.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_build import _corpus_module
from timing import timed

ROOT = Path(__file__).resolve().parents[1]

#: Extraction MB/s of the code before the speed work (NOTES.md), same script, same machine; its
#: "corpus" was the dense one (the generator had no prose then).
BASELINE_MB_S = {"seed": 0.52, "dense": 0.07}


def measure(paths: list[Path], repeat: int) -> dict[str, float]:
    """Median seconds to load and to extract ``paths``, and their size in MB."""
    from policykg.graph.build import extract_document, load_annotations
    from policykg.graph.mentions import Gazetteer
    from policykg.graph.model import gc_pauses_allowed, paused_gc
    from policykg.loaders import load_document

    gazetteer, annotations = Gazetteer.packaged(), load_annotations()
    load_times, extract_times = [], []
    for _ in range(repeat):
        gc.collect()
        seconds, documents = timed(lambda: [load_document(path) for path in paths])
        load_times.append(seconds)
        gc.collect()
        start = time.perf_counter()
        with gc_pauses_allowed(), paused_gc():  # as in the command line's and the pipeline's builds
            for document in documents:
                extract_document(document, gazetteer, annotations)  # the graph is dropped: only time matters
        extract_times.append(time.perf_counter() - start)
    megabytes = sum(path.stat().st_size for path in paths) / 1e6
    return {"mb": megabytes, "load_s": statistics.median(load_times), "extract_s": statistics.median(extract_times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100, help="synthetic documents (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per input; the median is shown (default 5; 2 for the corpus)")
    parser.add_argument("--corpus", type=Path, help="folder holding (or to receive) the synthetic corpus")
    parser.add_argument("--dense-corpus", type=Path, help="folder holding (or to receive) the dense synthetic corpus")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    from policykg.graph.build import load_annotations
    from policykg.graph.mentions import Gazetteer
    from policykg.loaders import seed_path

    imported = time.perf_counter()
    yaml_s, _ = timed(lambda: (Gazetteer.packaged(), load_annotations()), repeat=3)
    print(f"imports {imported - started:.2f} s; curated YAML (reference list + annotations) {yaml_s:.3f} s")

    def corpus(folder: Path, prose: float | None) -> list[Path]:
        """The first ``--docs`` documents in ``folder``, written there first if it has fewer."""
        paths = sorted(folder.glob("doc-*.txt"))[: args.docs]
        if len(paths) < args.docs:
            options = {} if prose is None else {"prose": prose}
            _corpus_module().generate_corpus(args.docs, args.seed, folder, **options)
            paths = sorted(folder.glob("doc-*.txt"))[: args.docs]
        return paths

    with tempfile.TemporaryDirectory() as scratch:
        prosy = corpus(args.corpus or Path(scratch) / "corpus", None)
        dense = corpus(args.dense_corpus or Path(scratch) / "dense", 0)
        repeat = max(1, min(args.repeat, 2))
        rows = [
            ("seed", "seed", measure([seed_path()], args.repeat)),
            (f"corpus ({len(prosy)} docs)", "corpus", measure(prosy, repeat)),
            (f"dense ({len(dense)} docs)", "dense", measure(dense, repeat)),
        ]

    print(f"{'input':<20} {'MB':>7} {'load s':>8} {'extract s':>10} {'MB/s':>7} {'MB/s load+extract':>18} {'speed-up':>9}")
    for name, key, row in rows:
        rate = row["mb"] / row["extract_s"]
        both = row["mb"] / (row["load_s"] + row["extract_s"])
        speed_up = f"{rate / BASELINE_MB_S[key]:>8.1f}×" if key in BASELINE_MB_S else f"{'–':>9}"
        print(f"{name:<20} {row['mb']:>7.3f} {row['load_s']:>8.3f} {row['extract_s']:>10.3f} {rate:>7.2f} {both:>18.2f} {speed_up}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
