"""RDF/XML by pyoxigraph's streaming serialiser, which keeps the input order."""

from __future__ import annotations

from typing import IO

import pyoxigraph as ox

from policykg.export.rdf.streams import GraphNames, Groups, RdfFormat, ntriples_reader, reserialize


def write_rdfxml(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    reserialize(ntriples_reader(groups), ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML, stream)


FORMAT = RdfFormat("rdfxml", ".rdf", "application/rdf+xml", write_rdfxml)
