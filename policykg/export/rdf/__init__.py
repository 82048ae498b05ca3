"""RDF writers: Turtle, JSON-LD, N-Triples, N-Quads, TriG and RDF/XML, byte-identical for the same graph.

One module per writer (as rdflib has one class per serialiser), each describing itself with an
:class:`~policykg.export.rdf.streams.RdfFormat`, gathered here in :data:`RDF_FORMATS`:
:mod:`~policykg.export.rdf.turtle` (one block per subject), :mod:`~policykg.export.rdf.jsonld`
(nodes sorted by ``id``, its context from the mapping's one table of properties),
:mod:`~policykg.export.rdf.ntriples`, :mod:`~policykg.export.rdf.nquads` and
:mod:`~policykg.export.rdf.trig` (one named graph per source document:
:mod:`~policykg.export.rdf.named_graphs`), :mod:`~policykg.export.rdf.rdfxml`.

Every writer streams, a piece at a time, from the sorted, duplicate-free N-Triples grouped by
subject (:func:`policykg.ontology.rdf.ntriples_groups`, built without an rdflib graph;
:mod:`~policykg.export.rdf.streams`), so the same graph gives the same bytes and the whole document
is never in memory; there are no blank nodes.  rdflib's serialisers are much slower on large
graphs (``benchmarks/bench_export.py`` compares them).

>>> list(RDF_FORMATS)
['turtle', 'jsonld', 'ntriples', 'nquads', 'trig', 'rdfxml']
>>> RDF_FORMATS["nquads"].suffix, RDF_FORMATS["nquads"].media_type, sorted(DATASET_FORMATS)
('.nq', 'application/n-quads', ['nquads', 'trig'])
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

import networkx as nx
from rdflib import Graph

from policykg.atomic import atomic_open
from policykg.export.rdf import jsonld, nquads, ntriples, rdfxml, trig, turtle
from policykg.export.rdf.jsonld import JSONLD_CLASSES, JSONLD_PREFIXES, JSONLD_TERMS, compact_iri, jsonld_context
from policykg.export.rdf.named_graphs import graph_names
from policykg.export.rdf.streams import GraphNames, Groups, RdfFormat, line_groups, ntriples_reader, rdflib_ntriples
from policykg.export.rdf.turtle import turtle_chunks
from policykg.graph.model import paused_gc
from policykg.ontology.rdf import iter_triples, ntriples_groups

#: format name → its writer, suffix and media type: the registry the export formats and ``publish`` read
RDF_FORMATS: dict[str, RdfFormat] = {module.FORMAT.name: module.FORMAT for module in (turtle, jsonld, ntriples, nquads, trig, rdfxml)}

#: formats that carry named graphs (one per source document)
DATASET_FORMATS = frozenset(name for name, spec in RDF_FORMATS.items() if spec.named_graphs)


def write_groups(groups: Groups, format: str, stream: IO[bytes], *, names: GraphNames | None = None) -> None:
    """Write sorted N-Triples ``groups`` (:func:`~policykg.ontology.rdf.ntriples_groups`) to ``stream``
    deterministically in one of :data:`RDF_FORMATS`, a piece at a time.

    ``names`` (from :func:`graph_names`) places triples in named graphs for the
    dataset formats (N-Quads, TriG); without it everything is in the default graph.
    """
    RDF_FORMATS[format].write(groups, names or {}, stream)


def serialize_ntriples(ntriples: str, format: str, *, names: GraphNames | None = None) -> str:
    """Serialise a sorted N-Triples document (:func:`~policykg.ontology.rdf.to_ntriples`) in one of
    :data:`RDF_FORMATS`, as :func:`write_groups` does."""
    stream = io.BytesIO()
    write_groups(line_groups(ntriples.splitlines()), format, stream, names=names)
    return stream.getvalue().decode("utf-8")


def serialize_rdf(rdf: Graph, format: str, *, names: GraphNames | None = None) -> str:
    """An rdflib graph serialised like the policy graph (for RDF made elsewhere, e.g. metadata)."""
    return serialize_ntriples(rdflib_ntriples(rdf), format, names=names)


def serialize_graph(graph: nx.MultiDiGraph, format: str) -> str:
    """The policy graph serialised in ``format``, as one string (:func:`write_rdf` writes it to a file)."""
    stream = io.BytesIO()
    _write_graph(graph, format, stream)
    return stream.getvalue().decode("utf-8")


def write_rdf(graph: nx.MultiDiGraph, path: str | Path, format: str) -> Path:
    """Write the policy graph as RDF to ``path`` (atomically), a piece at a time.

    Every format streams from the sorted triples to the file (:func:`write_groups`): the whole
    document is never one string in memory (joined into one string, its UTF-8 bytes and the
    serialiser's output would all be alive at once: several times the file's size).
    The bytes are the same as :func:`serialize_graph`'s.
    """
    with atomic_open(path, "wb") as stream:
        _write_graph(graph, format, stream)
    return Path(path)


@paused_gc()  # it makes millions of small objects: see paused_gc
def _write_graph(graph: nx.MultiDiGraph, format: str, stream: IO[bytes]) -> None:
    write_groups(ntriples_groups(iter_triples(graph)), format, stream, names=graph_names(graph) if format in DATASET_FORMATS else None)


__all__ = ["DATASET_FORMATS", "JSONLD_CLASSES", "JSONLD_PREFIXES", "JSONLD_TERMS", "RDF_FORMATS", "GraphNames", "Groups", "RdfFormat",
           "compact_iri", "graph_names", "jsonld_context", "ntriples_reader", "rdflib_ntriples", "serialize_graph", "serialize_ntriples",
           "serialize_rdf", "turtle_chunks", "write_groups", "write_rdf"]
