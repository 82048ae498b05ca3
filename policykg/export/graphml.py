"""GraphML writer, for Gephi, Cytoscape and yEd users.

GraphML attributes must be scalars: lists become ``; ``-joined strings and
provenance becomes the first quote plus a count (the full provenance is in the RDF).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from policykg.atomic import atomic_write_bytes


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in sorted(data.items()):
        if key == "provenance":
            records = sorted(value, key=lambda p: (p.document, p.locator, p.start))
            flat["quote"] = records[0].quote if records else ""
            flat["paragraphs"] = "; ".join(sorted({str(p.paragraph) for p in records if p.paragraph is not None}))
            flat["sources"] = len(records)
        elif isinstance(value, (list, tuple, set)):
            flat[key] = "; ".join(sorted(map(str, value)))
        elif value is not None:
            flat[key] = value
    return flat


def to_simple_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only, nodes and edges in sorted order."""
    simple = nx.MultiDiGraph()
    for iri in sorted(graph.nodes):
        simple.add_node(iri, **_flat(graph.nodes[iri]))
    for source, target, key in sorted(graph.edges(keys=True)):
        simple.add_edge(source, target, key=key, relation=key, **_flat(graph.edges[source, target, key]))
    return simple


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    data = "\n".join(nx.generate_graphml(to_simple_graph(graph), prettyprint=True)) + "\n"
    return atomic_write_bytes(Path(path), data.encode("utf-8"))
