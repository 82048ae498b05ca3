"""Merge graphs built separately (e.g. one per document, in parallel) into one.

Nodes and edges with the same IRI / (source, target, relation) merge: provenance
is unioned, unset properties are filled, list properties unioned — the same rules
as :func:`policykg.graph.model.add_node`. Merging per-document graphs and then adding the
curated relations (:func:`policykg.graph.build.finish_graph` does both) equals a serial build.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from policykg.graph.model import add_edge, add_node, new_graph


def merge_graphs(graphs: Iterable[nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """One graph holding every node and edge of ``graphs``.

    >>> from policykg.graph.model import Provenance
    >>> a, b = new_graph(), new_graph()
    >>> add_node(a, "x", "Organisation", "X", Provenance("d1", "p1", 1, "", 0, 1, "X"))
    >>> add_node(b, "x", "Organisation", "X", Provenance("d2", "p4", 4, "", 0, 1, "X"))
    >>> len(merge_graphs([a, b]).nodes["x"]["provenance"])
    2
    """
    merged = new_graph()
    for graph in graphs:
        merge_into(merged, graph)
    return merged


def merge_items(merged: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict]], edges: Iterable[tuple[str, str, str, dict]]) -> None:
    """Add nodes ``(iri, data)`` and edges ``(source, target, relation, data)`` to ``merged``, as :func:`merge_into` does.

    For lists made to be merged (a graph's items sent from another process): new nodes and edges
    take their ``data`` dicts and provenance sets as they are, without copying them.
    """
    # networkx's private dicts, for speed, as model.add_node and add_edge use them (see "Private
    # attributes" there): most nodes and edges of another document are new, and through networkx's
    # public add_node and add_edge each is a chain of Python calls.
    node_data: dict[str, dict] = merged._node
    successors: dict[str, dict[str, dict[str, dict]]] = merged._succ
    predecessors: dict[str, dict[str, dict[str, dict]]] = merged._pred
    added = False
    for iri, data in nodes:
        if iri in node_data:
            add_node(merged, iri, data.pop("type"), data.pop("label"), data.pop("provenance"), **data)
        else:
            node_data[iri], successors[iri], predecessors[iri] = data, {}, {}
            added = True
    for source, target, key, data in edges:
        targets = successors.get(source)
        keys = targets.get(target) if targets is not None else None
        if keys is None:
            if targets is None or target not in node_data:
                raise KeyError(f"both ends of a {key} edge must be nodes: {source} → {target}")
            keys = targets[target] = predecessors[target][source] = {}
        if key in keys:
            add_edge(merged, source, target, key, data.pop("provenance"), **data)
        else:
            keys[key] = data
            added = True
    if added and (cache := getattr(merged, "__networkx_cache__", None)):  # as networkx's add_node: its cached conversions are stale
        cache.clear()


def merge_into(merged: nx.MultiDiGraph, graph: nx.MultiDiGraph) -> None:
    """Add every node and edge of ``graph`` to ``merged`` (in place; ``graph`` is left as it was)."""
    # Copies of the data dicts and provenance sets, which merge_items takes over or empties (lists
    # need no copy: merging replaces them, never changes them in place).
    merge_items(
        merged,
        ((iri, {**data, "provenance": set(data["provenance"])}) for iri, data in graph.nodes(data=True)),
        ((source, target, key, {**data, "provenance": set(data["provenance"])})
         for source, target, key, data in graph.edges(keys=True, data=True)),
    )
