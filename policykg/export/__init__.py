"""Exporters: one module per target, joined by a small registry.

>>> sorted(WRITERS)
['graphml', 'jsonld', 'ntriples', 'rdfxml', 'turtle']
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import networkx as nx

from policykg.export.graphml import write_graphml
from policykg.export.rdf import RDF_FORMATS, write_rdf

Writer = Callable[[nx.MultiDiGraph, Path], Path]

#: format name → writer(graph, path)
WRITERS: dict[str, Writer] = {name: partial(write_rdf, format=name) for name in RDF_FORMATS}
WRITERS["graphml"] = write_graphml

#: format name → default file suffix
SUFFIXES: dict[str, str] = {name: suffix for name, (_, suffix, _) in RDF_FORMATS.items()} | {"graphml": ".graphml"}

#: other spellings users type
ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "xml": "rdfxml", "rdf": "rdfxml"}


def export(graph: nx.MultiDiGraph, format: str, path: str | Path) -> Path:
    """Write ``graph`` in ``format`` to ``path``."""
    return WRITERS[ALIASES.get(format, format)](graph, Path(path))
