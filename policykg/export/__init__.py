"""Exporters: one module per target, joined by a small registry.

Every writer is byte-identical for the same graph. ``csv`` writes a *folder* (one
file per node type and relation, see :mod:`policykg.export.tabular`); the others
one file. :func:`policykg.export.publish.publish` writes a whole open-data folder.

>>> sorted(WRITERS)
['csv', 'cypher', 'gexf', 'graphml', 'jsonld', 'neo4j-csv', 'nquads', 'ntriples', 'rdfxml', 'trig', 'turtle']
>>> SUFFIXES["nquads"], SUFFIXES["csv"]
('.nq', '-csv')
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import networkx as nx

from policykg.export.gexf import write_gexf
from policykg.export.graphml import write_graphml
from policykg.export.neo4j import write_cypher_script, write_neo4j_csv
from policykg.export.rdf import RDF_FORMATS, write_rdf
from policykg.export.tabular import write_csv

Writer = Callable[[nx.MultiDiGraph, Path], Path]

#: format name → writer(graph, path)
WRITERS: dict[str, Writer] = {name: partial(write_rdf, format=name) for name in RDF_FORMATS}
WRITERS["graphml"] = write_graphml
WRITERS["gexf"] = write_gexf
WRITERS["csv"] = write_csv
WRITERS["cypher"] = write_cypher_script


def _write_neo4j_csv(graph: nx.MultiDiGraph, folder: Path) -> Path:
    write_neo4j_csv(graph, folder)
    return Path(folder)


WRITERS["neo4j-csv"] = _write_neo4j_csv

#: format name → default file suffix (``graph<suffix>``; csv: the folder ``graph-csv``)
SUFFIXES: dict[str, str] = {name: suffix for name, (_, suffix, _) in RDF_FORMATS.items()} | {
    "graphml": ".graphml", "gexf": ".gexf", "csv": "-csv", "cypher": ".cypher", "neo4j-csv": "-neo4j-csv",
}

#: other spellings users type
ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld", "xml": "rdfxml", "rdf": "rdfxml"}

#: formats whose output is a folder, not a file
FOLDER_FORMATS = frozenset({"csv", "neo4j-csv"})

#: every name ``export`` accepts (for ``click.Choice``): formats, then aliases
FORMAT_CHOICES: list[str] = [*WRITERS, *ALIASES]


def export(graph: nx.MultiDiGraph, format: str, path: str | Path) -> Path:
    """Write ``graph`` in ``format`` to ``path`` (a folder for ``csv``)."""
    return WRITERS[ALIASES.get(format, format)](graph, Path(path))
