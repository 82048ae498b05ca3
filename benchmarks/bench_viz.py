"""Time the visualisation on synthetic graphs of 1,000 and 5,000 nodes (issue target: < 5 s to a stable network at 5,000).

    .venv/bin/python benchmarks/bench_viz.py                 # 1,000 and 5,000 nodes, with Chromium
    .venv/bin/python benchmarks/bench_viz.py --sizes 500 --no-browser
    .venv/bin/python benchmarks/bench_viz.py --explore 100 1000   # the explorer page on the seed, 100 and 1,000 documents

For each size: build the synthetic graph (policykg.viz.synthetic), compute the layout,
write the interactive page, the timeline and the "types" figure; then, if
/usr/bin/chromium exists (scripts/install-chromium), open the page in headless
Chromium with every network request refused and time it until the graph is drawn
(the page's ``window.policykg.stable``), then a type filter and a search.

``--explore N...`` times the explorer page (``policykg explore``) instead, on the seed and on N
generated documents: load, filter, search, card and network times and the file size
(benchmarks/bench_explore.py, which this runs).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # tests/browser.py drives Chromium

from timing import timed  # noqa: E402  (benchmarks/timing.py)

from policykg.viz import write_network_page, write_static_figure, write_timeline  # noqa: E402
from policykg.viz.layout import force_layout  # noqa: E402
from policykg.viz.network import page_data  # noqa: E402
from policykg.viz.synthetic import synthetic_graph  # noqa: E402


def browser_figures(path: Path) -> dict[str, float]:
    from browser import chromium_path, open_browser

    chromium_path()
    with open_browser() as browser:
        start = time.perf_counter()
        page = browser.open(path)
        loaded = time.perf_counter() - start
        page.wait_stable(timeout=300_000)
        drawn = time.perf_counter() - start
        in_page = page.evaluate("() => window.policykg.stableAt") / 1000
        filter_time = page.evaluate(
            """() => { const t = performance.now();
                       document.querySelector('#pk-legend input[data-type="Commitment"]').click();
                       return (performance.now() - t) / 1000; }"""
        )
        search_time = page.evaluate(
            """() => { const t = performance.now(); const found = window.policykg.search('Department 1');
                       window.policykg.go(found[0]); return (performance.now() - t) / 1000; }"""
        )
        page.assert_clean()
        memory = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null")
        page.close()
    return {"load event": loaded, "drawn (wall)": drawn, "drawn (in page)": in_page,
            "type filter": filter_time, "search + zoom": search_time, "JS heap MB": memory or float("nan")}


def bench_size(size: int, out: Path, repeat: int, *, browser: bool) -> None:
    seconds, graph = timed(lambda: synthetic_graph(size))
    print(f"\n== {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges (synthetic graph built in {seconds:.2f} s)")
    order = sorted(graph.nodes)
    index = {iri: i for i, iri in enumerate(order)}
    edges = [(index[s], index[t]) for s, t in graph.edges()]
    page_path = out / f"graph-{size}.html"
    rows = [
        ("layout (Python, particle-mesh FR)", timed(lambda: force_layout(len(order), edges), repeat)[0]),
        ("page data (JSON-able dict)", timed(lambda: page_data(graph, set(graph.nodes)), repeat)[0]),
        ("write_network_page", timed(lambda: write_network_page(graph, page_path), repeat)[0]),
        ("write_timeline .html", timed(lambda: write_timeline(graph, out / "t.html", today=date(2026, 1, 1)), repeat)[0]),
        ("write_static_figure types .png", timed(lambda: write_static_figure(graph, out / "types.png", kind="types"), 1)[0]),
    ]
    for name, value in rows:
        print(f"  {name:<34} {value * 1000:9.0f} ms")
    print(f"  {'page size':<34} {page_path.stat().st_size / 1e6:9.2f} MB")
    if not browser:
        return
    try:
        figures = browser_figures(page_path)
    except RuntimeError as error:
        print(f"  (no browser timing: {error})")
        return
    for name, value in figures.items():
        if name == "JS heap MB":
            print(f"  Chromium: {name:<24} {value:9.0f}")
        else:
            print(f"  Chromium: {name:<24} {value * 1000:9.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per Python timing (median reported)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--explore", type=int, nargs="*", metavar="DOCS",
                        help="time the explorer page on the seed and these generated corpus sizes (e.g. 100 1000) instead")
    parser.add_argument("--work", type=Path, help="with --explore: folder keeping the generated corpora [default: a temporary one]")
    args = parser.parse_args()
    if args.explore is not None:
        import bench_explore  # benchmarks/bench_explore.py

        sys.argv = [sys.argv[0], "--docs", *map(str, args.explore), "--repeat", str(args.repeat)] + (["--work", str(args.work)] if args.work else [])
        bench_explore.main()
        return

    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as folder:
        out = Path(folder)
        for size in args.sizes:
            bench_size(size, out, args.repeat, browser=not args.no_browser)


if __name__ == "__main__":
    from policykg.graph.model import gc_pauses_allowed

    with gc_pauses_allowed():  # a benchmark owns its process, as the command line does
        main()
