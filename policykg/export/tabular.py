"""CSV export: a folder with one file per node type and one per relation, for spreadsheets and pandas.

Layout (every file is written, with its header, even when it has no rows, so the
folder looks the same for every graph)::

    nodes-Commitment.csv     id, label, <properties, sorted>, quote, paragraphs, sources
    nodes-Organisation.csv   ...  (one per node type of policykg.graph.model.NODE_TYPES)
    edges-led_by.csv         source, source_label, target, target_label, <properties>, quote, paragraphs, sources
    ...                      (one per relation of EDGE_TYPES)

Values are flattened as in GraphML (:func:`policykg.export.graphml.to_simple_graph`):
lists are joined with ``"; "``; provenance becomes ``quote`` (the first quote),
``paragraphs`` (the paragraph numbers, ``"; "``-joined) and ``sources`` (how many
provenance records; the full provenance is in the RDF). Booleans are ``true`` /
``false``; missing values are empty. Files are UTF-8 (no byte-order mark) in RFC 4180
CSV (comma, double quotes, CRLF line ends), rows sorted by id (nodes) or by
source, target (edges). The folder is written atomically: built beside the target
and renamed into place.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.export.graphml import to_simple_graph
from policykg.graph.model import EDGE_TYPES, NODE_TYPES

_PROVENANCE = ["quote", "paragraphs", "sources"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(header: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: lineterminator "\r\n", minimal quoting
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in header])
    return buffer.getvalue()


def csv_tables(graph: nx.MultiDiGraph) -> dict[str, str]:
    """File name → CSV text, for every node type and relation."""
    simple = to_simple_graph(graph)
    tables: dict[str, str] = {}
    for node_type in NODE_TYPES:
        rows = [dict(data, id=iri) for iri, data in simple.nodes(data=True) if data.get("type") == node_type]
        columns = sorted({key for row in rows for key in row} - {"id", "label", "type", *_PROVENANCE})
        tables[f"nodes-{node_type}.csv"] = _table(["id", "label", *columns, *_PROVENANCE], rows)
    for relation in EDGE_TYPES:
        rows = [
            dict(data, source=source, target=target,
                 source_label=simple.nodes[source].get("label"), target_label=simple.nodes[target].get("label"))
            for source, target, key, data in simple.edges(keys=True, data=True) if key == relation
        ]
        fixed = ["source", "source_label", "target", "target_label"]
        columns = sorted({key for row in rows for key in row} - {*fixed, "relation", *_PROVENANCE})
        tables[f"edges-{relation}.csv"] = _table([*fixed, *columns, *_PROVENANCE], rows)
    return tables


def _is_csv_export(folder: Path) -> bool:
    """Whether an existing folder holds only an earlier CSV export (so it may be replaced)."""
    return all(entry.is_file() and entry.suffix == ".csv" and entry.name.startswith(("nodes-", "edges-")) for entry in folder.iterdir())


def write_csv(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the CSV folder at ``path`` (replacing an earlier CSV export there, atomically)."""
    from policykg.export.folders import atomic_directory

    tables = csv_tables(graph)
    with atomic_directory(Path(path), may_replace=_is_csv_export, what="CSV export") as folder:
        for name, text in tables.items():
            (folder / name).write_bytes(text.encode("utf-8"))
    return Path(path)
