"""GEXF writer, for Gephi: the scalar copy of the graph that GraphML uses (:func:`to_simple_graph`).

Deterministic: nodes and edges in sorted order, edge ids counted in that order,
and the ``lastmodifieddate`` that networkx takes from the clock replaced by the
publication date of the newest source document (omitted if there is none).
An attribute whose values have mixed types is written as text (or as a float,
for ints mixed with floats), so Gephi and ``networkx.read_gexf`` read every value.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from policykg.atomic import atomic_write_bytes
from policykg.export.dcat import newest_publication
from policykg.export.graphml import to_simple_graph

_LAST_MODIFIED = re.compile(r' lastmodifieddate="[^"]*"')


def _uniform_types(graph: nx.MultiDiGraph) -> None:
    """Make each attribute's values one type, in place."""
    for items in (list(graph.nodes(data=True)), [(key, data) for *key, data in graph.edges(keys=True, data=True)]):
        kinds: dict[str, set[type]] = {}
        for _, data in items:
            for key, value in data.items():
                kinds.setdefault(key, set()).add(type(value))
        for key, types in kinds.items():
            if len(types) < 2:
                continue
            convert = float if types <= {int, float} else str
            for _, data in items:
                if key in data:
                    data[key] = convert(data[key])


def gexf_text(graph: nx.MultiDiGraph) -> str:
    simple = to_simple_graph(graph)
    _uniform_types(simple)
    text = "\n".join(nx.generate_gexf(simple, prettyprint=True)) + "\n"
    newest = newest_publication(graph)
    replacement = f' lastmodifieddate="{newest.isoformat()}"' if newest else ""
    return _LAST_MODIFIED.sub(replacement, text, count=1)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return atomic_write_bytes(Path(path), gexf_text(graph).encode("utf-8"))
