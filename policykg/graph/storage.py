"""Save and load a built graph as JSON, the file later commands read.

The JSON is deterministic (nodes, edges and provenance sorted; keys sorted), so
the same input gives byte-identical files.

>>> from policykg.graph.model import new_graph, add_node, Provenance
>>> g = new_graph()
>>> add_node(g, "https://example.org/a", "Organisation", "A", Provenance("d", "p1", 1, "", 0, 1, "A"))
>>> loads(dumps(g)).nodes["https://example.org/a"]["label"]
'A'
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.atomic import atomic_write_text
from policykg.errors import PolicyKGError
from policykg.graph.merge import merge_items
from policykg.graph.model import Provenance, new_graph, paused_gc

FORMAT_VERSION = 2  # 2: provenance records in one table, cited by position


def _provenance_key(record: Provenance) -> tuple:
    """Every field, so no two records tie (a tie would leave their order to the set's hash seed)."""
    paragraph = -1 if record.paragraph is None else record.paragraph
    return (record.document, record.locator, record.start, record.end, record.quote, paragraph, record.section)


def to_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """A plain, sorted dict of the graph (for JSON).

    Provenance records sit once in a sorted table; nodes and edges cite them by position.
    A sentence's record supports every node and edge it states (often ten or more), and
    writing it out for each made the file several times larger and slower to write and read.
    """
    node_items = sorted(graph.nodes(data=True), key=itemgetter(0))  # by IRI (unique)
    edge_items = sorted(graph.edges(keys=True, data=True), key=itemgetter(0, 1, 2))  # by (source, target, relation) (unique)
    records = {record for _, data in node_items for record in data.get("provenance", ())}
    records.update(record for *_, data in edge_items for record in data.get("provenance", ()))
    table = sorted(records, key=_provenance_key)
    position = {record: index for index, record in enumerate(table)}.__getitem__

    nodes = []
    for iri, data in node_items:
        node = {"iri": iri, **data}
        node["provenance"] = sorted(map(position, data.get("provenance", ())))
        nodes.append(node)
    edges = []
    for source, target, key, data in edge_items:
        edge = {"source": source, "target": target, "relation": key, **data}
        edge["provenance"] = sorted(map(position, data.get("provenance", ())))
        edges.append(edge)
    return {"policykg_graph": FORMAT_VERSION, "provenance": [record.to_dict() for record in table], "nodes": nodes, "edges": edges}


def from_data(data: dict[str, Any]) -> nx.MultiDiGraph:
    """The graph from :func:`to_data`'s dict."""
    if not isinstance(data, dict) or data.get("policykg_graph") != FORMAT_VERSION:
        raise PolicyKGError("not a policykg graph file (or written by an incompatible version); rebuild it with `policykg build`")
    try:
        # One object per record and one string per quote, shared by every node and edge citing it.
        table = [Provenance(**{**record, "quote": sys.intern(record["quote"]), "document": sys.intern(record["document"])})
                 for record in data["provenance"]]

        def nodes() -> Iterator[tuple[str, dict[str, Any]]]:
            for node in data["nodes"]:
                node = dict(node)
                iri = node.pop("iri")
                node["provenance"] = {table[index] for index in node.get("provenance", ())}
                yield iri, node

        def edges() -> Iterator[tuple[str, str, str, dict[str, Any]]]:
            for edge in data["edges"]:
                edge = dict(edge)
                source, target, relation = edge.pop("source"), edge.pop("target"), edge.pop("relation")
                edge["provenance"] = {table[index] for index in edge.get("provenance", ())}
                yield source, target, relation, edge

        graph = new_graph()
        merge_items(graph, nodes(), edges())  # into networkx's dicts directly: its add_node/add_edge are chains of calls
    except (KeyError, TypeError, IndexError, AttributeError, ValueError) as exc:
        raise PolicyKGError(f"damaged policykg graph file ({type(exc).__name__}: {exc}); rebuild it with `policykg build`") from None
    return graph


#: ``json.dumps(record, ensure_ascii=False, sort_keys=True)`` without making an encoder per call
#: (json.dumps makes one for any non-default option: a third of the time for small records).
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


@paused_gc()  # it makes millions of small objects: see paused_gc
def dumps(graph: nx.MultiDiGraph) -> str:
    """The graph as JSON text: one provenance record, node or edge per line, keys sorted.

    Line per record rather than indented: diffs stay readable, and ``json`` then uses
    its C encoder (indentation switches to the pure-Python one, much slower on big graphs).
    """
    data = to_data(graph)

    def lines(records: list[dict[str, Any]]) -> str:
        return ",\n".join(map(_ENCODE, records))

    return (f'{{"policykg_graph": {data["policykg_graph"]},\n"provenance": [\n{lines(data["provenance"])}\n],\n'
            f'"nodes": [\n{lines(data["nodes"])}\n],\n"edges": [\n{lines(data["edges"])}\n]}}\n')


@paused_gc()  # it makes millions of small objects: see paused_gc
def loads(text: str) -> nx.MultiDiGraph:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyKGError(f"graph file is not valid JSON ({exc.msg} at line {exc.lineno}); rebuild it with `policykg build`") from None
    return from_data(data)


def save_graph(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the graph to ``path`` atomically (a crash never leaves half a file)."""
    return atomic_write_text(Path(path), dumps(graph))


def load_graph(path: str | Path) -> nx.MultiDiGraph:
    path = Path(path)
    if not path.is_file():
        raise PolicyKGError(f"{path}: no graph file; run `policykg build` first")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PolicyKGError(f"{path}: not a policykg graph file (not UTF-8 text)") from None
    return loads(text)
