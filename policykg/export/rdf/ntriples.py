"""N-Triples: the sorted, duplicate-free lines every other writer starts from, as they are."""

from __future__ import annotations

from typing import IO

from policykg.export.rdf.streams import GraphNames, Groups, RdfFormat, ntriples_chunks


def write_ntriples(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    stream.writelines(ntriples_chunks(groups))


FORMAT = RdfFormat("ntriples", ".nt", "application/n-triples", write_ntriples)
