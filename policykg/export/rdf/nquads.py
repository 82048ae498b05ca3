"""N-Quads: each triple with the named graph of its subject (:mod:`~policykg.export.rdf.named_graphs`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from policykg.export.rdf.named_graphs import QuadGroup, quad_groups
from policykg.export.rdf.streams import GraphNames, Groups, RdfFormat
from policykg.ontology.rdf import encoded_chunks


def nquads_chunks(groups: Iterable[QuadGroup]) -> Iterator[bytes]:
    """N-Quads lines, ~1,000 at a time.  In the sorted triples' order, which is also the sorted
    quads' order: an object term is followed by a space in both, so no comparison changes."""
    return encoded_chunks(f"{subject} {part}\n" if name is None else f"{subject} {part[:-2]} {name} .\n"  # part[:-2]: without " ."
                          for subject, name, parts in groups for part in parts)


def write_nquads(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    stream.writelines(nquads_chunks(quad_groups(groups, names)))


FORMAT = RdfFormat("nquads", ".nq", "application/n-quads", write_nquads, named_graphs=True)
