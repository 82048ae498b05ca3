"""Exporters: one module per target, gathered in one registry (:data:`EXPORT_FORMATS`), from which the
command line's ``export --format`` choices come.

Every writer is byte-identical for the same graph. ``csv`` and ``neo4j-csv`` write a *folder* (one
file per node type and relation, see :mod:`policykg.export.tabular`); the others one file. The RDF
formats come from :data:`policykg.export.rdf.RDF_FORMATS`. :func:`policykg.export.publish.publish`
writes a whole open-data folder.

>>> list(EXPORT_FORMATS)
['turtle', 'jsonld', 'ntriples', 'nquads', 'trig', 'rdfxml', 'graphml', 'gexf', 'csv', 'cypher', 'neo4j-csv']
>>> EXPORT_FORMATS["nquads"].suffix, EXPORT_FORMATS["csv"].suffix, EXPORT_FORMATS["csv"].folder
('.nq', '-csv', True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import networkx as nx

from policykg.export.gexf import write_gexf
from policykg.export.graphml import write_graphml
from policykg.export.neo4j import write_cypher_script, write_neo4j_csv
from policykg.export.rdf import RDF_FORMATS, write_rdf
from policykg.export.tabular import write_csv

#: writes the graph to a path (a file, or a folder for the folder formats) and returns it
GraphWriter = Callable[[nx.MultiDiGraph, Path], Path]


@dataclass(frozen=True)
class ExportFormat:
    """One ``export --format``: its writer and the suffix of its default output (``graph<suffix>``)."""

    name: str
    suffix: str
    write: GraphWriter
    #: it writes a folder, not a file
    folder: bool = False


def _write_neo4j_csv(graph: nx.MultiDiGraph, folder: Path) -> Path:
    write_neo4j_csv(graph, folder)
    return Path(folder)


#: format name → how to export it
EXPORT_FORMATS: dict[str, ExportFormat] = {
    **{name: ExportFormat(name, spec.suffix, partial(write_rdf, format=name)) for name, spec in RDF_FORMATS.items()},
    "graphml": ExportFormat("graphml", ".graphml", write_graphml),
    "gexf": ExportFormat("gexf", ".gexf", write_gexf),
    "csv": ExportFormat("csv", "-csv", write_csv, folder=True),
    "cypher": ExportFormat("cypher", ".cypher", write_cypher_script),
    "neo4j-csv": ExportFormat("neo4j-csv", "-neo4j-csv", _write_neo4j_csv, folder=True),
}

#: other spellings users type
ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld", "xml": "rdfxml", "rdf": "rdfxml"}

#: every name ``export`` accepts (for ``click.Choice``): formats, then aliases
FORMAT_CHOICES: list[str] = [*EXPORT_FORMATS, *ALIASES]


def export_format(name: str) -> ExportFormat:
    """The export format named ``name`` or one of its :data:`ALIASES`."""
    return EXPORT_FORMATS[ALIASES.get(name, name)]


def export(graph: nx.MultiDiGraph, format: str, path: str | Path) -> Path:
    """Write ``graph`` in ``format`` to ``path`` (a folder for ``csv`` and ``neo4j-csv``)."""
    return export_format(format).write(graph, Path(path))
