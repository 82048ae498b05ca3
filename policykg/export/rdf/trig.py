"""TriG: the named graphs (:mod:`~policykg.export.rdf.named_graphs`) by pyoxigraph's streaming serialiser."""

from __future__ import annotations

from typing import IO, cast

import pyoxigraph as ox

from policykg.export.rdf.named_graphs import by_graph, quad_groups
from policykg.export.rdf.nquads import nquads_chunks
from policykg.export.rdf.streams import GraphNames, Groups, RdfFormat, reserialize
from policykg.ontology.rdf import ChunkReader


def write_trig(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    ordered = by_graph(quad_groups(groups, names))  # pyoxigraph's TriG writer keeps the order: each graph's quads together
    reserialize(cast(IO[bytes], ChunkReader(nquads_chunks(ordered))), ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, stream)


FORMAT = RdfFormat("trig", ".trig", "application/trig", write_trig, named_graphs=True)
