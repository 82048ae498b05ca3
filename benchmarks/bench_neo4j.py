"""Load times into Neo4j (and LadybugDB) for the seed graph and a synthetic graph.

    scripts/neo4j-server start
    .venv/bin/python benchmarks/bench_neo4j.py [--nodes 50000] [--batch-size 1000] [--no-neo4j]

For each graph: the projection, LadybugDB's in-memory load, Neo4j's load with
``wipe=True`` (constraints, delete, nodes, relationships) and a second load of the
same graph (every row MERGEd again), the Cypher script and CSV exports; nodes/s
counts nodes only. The synthetic graph is built with ``model.add_node``/``add_edge``
and is shaped like the seed (commitments with provenance, organisations with
aliases, paragraphs, recommendations, funding) at about 2.5 relationships per node.
The server is left holding the seed graph. The server is the one ``scripts/neo4j-server``
started (its address and password from the state the script keeps), never the one
``NEO4J_URI`` names: that is the user's own, and this wipes ``:PolicyKG`` nodes.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from policykg.graph.model import Provenance, add_edge, add_node, new_graph
from policykg.graph.property_graph import project

BASE = "https://example.org/policykg-bench/"


def synthetic_graph(nodes: int, seed: int = 7):
    """About ``nodes`` nodes: 60% commitments, 20% paragraphs, 8% organisations, ..."""
    rng = random.Random(seed)
    g = new_graph()
    doc = BASE + "document/1"
    add_node(g, doc, "Document", "A synthetic document", None, published="2025-04-09")
    n_par, n_org, n_rec, n_fund = int(nodes * 0.2), int(nodes * 0.08), int(nodes * 0.05), int(nodes * 0.05)
    n_com = nodes - 1 - n_par - n_org - n_rec - n_fund

    def where(p: int, start: int = 0) -> Provenance:
        return Provenance(doc, f"p{p}", p, "Section", start, start + 60, f"Quoted sentence {start} of paragraph {p}; with ‘quotes’, commas, and more.")

    for p in range(n_par):
        add_node(g, f"{BASE}paragraph/{p}", "Paragraph", f"Paragraph {p}", where(p), number=p, locator=f"p{p}", text=f"Text of paragraph {p}.")
    for o in range(n_org):
        add_node(g, f"{BASE}organisation/{o}", "Organisation", f"Organisation {o}", where(rng.randrange(n_par)),
                 kind=rng.choice(["department", "inspectorate", "agency", "charity"]), aliases=[f"O{o}", f"Org {o}"], curated=True)
    for r in range(n_rec):
        add_node(g, f"{BASE}recommendation/{r}", "Recommendation", f"Recommendation {r}", where(rng.randrange(n_par)), number=r, title=f"Do thing {r}")
    for c in range(n_com):
        p = rng.randrange(n_par)
        iri = f"{BASE}commitment/{c}"
        add_node(g, iri, "Commitment", f"Commitment {c}", [where(p), where(p, 100)], paragraph=p, text=f"We will do thing {c}.",
                 deadline_end=f"202{rng.randrange(5, 9)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 9)}", deadline_text="by then")
        add_edge(g, iri, f"{BASE}paragraph/{p}", "stated_in", where(p))
        add_edge(g, iri, f"{BASE}organisation/{rng.randrange(n_org)}", "led_by", where(p))
        if rng.random() < 0.5:
            add_edge(g, iri, f"{BASE}organisation/{rng.randrange(n_org)}", "involves", where(p))
        if rng.random() < 0.5:
            add_edge(g, iri, f"{BASE}recommendation/{rng.randrange(n_rec)}", "answers", where(p))
    for f in range(n_fund):
        p = rng.randrange(n_par)
        iri = f"{BASE}funding/{f}"
        add_node(g, iri, "Funding", f"£{f}m", where(p), amount_gbp=f * 1_000_000, paragraph=p)
        add_edge(g, iri, f"{BASE}organisation/{rng.randrange(n_org)}", "funded_by", where(p))
        add_edge(g, f"{BASE}commitment/{rng.randrange(n_com)}", iri, "has_funding", where(p))
    return g


def seed_graph():
    from policykg.graph.build import build_graph
    from policykg.loaders import load_document, seed_path

    return build_graph([load_document(seed_path())])


def timed(label: str, nodes: int, call):
    start = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - start
    rate = f"{nodes / seconds:>10,.0f} nodes/s" if seconds else ""
    print(f"  {label:<34}{seconds:>8.2f} s {rate}", flush=True)
    return result


def bench(name: str, graph, args) -> None:
    from policykg.export.neo4j import write_cypher_script, write_neo4j_csv
    from policykg.queries.ladybug import LadybugEngine

    n, e = graph.number_of_nodes(), graph.number_of_edges()
    print(f"{name}: {n:,} nodes, {e:,} relationships", flush=True)
    projection = timed("projection", n, lambda: project(graph))
    engine = timed("LadybugDB load (in memory)", n, lambda: LadybugEngine(projection=projection))
    print("    " + ", ".join(f"{k} {v:.2f} s" for k, v in engine.timings.items()))
    engine.close()
    with tempfile.TemporaryDirectory() as tmp:
        script = timed("Cypher script export", n, lambda: write_cypher_script(graph, Path(tmp) / "graph.cypher"))
        print(f"    {script.stat().st_size / 1e6:.1f} MB")
        timed("neo4j-admin CSV export", n, lambda: write_neo4j_csv(graph, Path(tmp) / "csv"))
    if args.no_neo4j:
        return
    from policykg.queries.neo4j import load_neo4j

    settings = script_server_arguments()
    counts = timed(f"Neo4j load, wipe (batch {args.batch_size})", n,
                   lambda: load_neo4j(graph, wipe=True, batch_size=args.batch_size, projection=projection, **settings))
    assert (counts["nodes"], counts["relationships"]) == (n, e), counts
    timed("Neo4j load again (all MERGE)", n,
          lambda: load_neo4j(graph, batch_size=args.batch_size, projection=projection, **settings))


def script_server_arguments() -> dict:
    """Connection arguments for the server ``scripts/neo4j-server`` started (never NEO4J_URI's)."""
    from policykg.queries.neo4j import script_server

    server = script_server()
    if server is None:
        raise SystemExit("bench_neo4j: no Neo4j started by scripts/neo4j-server here (scripts/neo4j-server start)")
    return vars(server)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=50_000, help="size of the synthetic graph (default 50000)")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j loads")
    args = parser.parse_args()
    seed = seed_graph()
    bench("Seed", seed, args)
    started = time.perf_counter()
    synthetic = synthetic_graph(args.nodes)
    print(f"(synthetic graph built in {time.perf_counter() - started:.1f} s)")
    bench("Synthetic", synthetic, args)
    if not args.no_neo4j:
        from policykg.queries.neo4j import load_neo4j

        load_neo4j(seed, wipe=True, **script_server_arguments())
        print("(Neo4j holds the seed graph again)")
    return 0


if __name__ == "__main__":
    from policykg.graph.model import gc_pauses_allowed

    with gc_pauses_allowed():  # a benchmark owns its process, as the command line does
        sys.exit(main())
