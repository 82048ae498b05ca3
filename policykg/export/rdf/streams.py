"""What every RDF writer reads and how it registers: sorted N-Triples grouped by subject, as streams.

A writer is a function ``(groups, graph names, binary stream) → None`` writing one format a piece at
a time; each writer's module describes it with an :class:`RdfFormat` (name, suffix, media type),
which :mod:`policykg.export.rdf` gathers into its registry.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, cast

import pyoxigraph as ox
from rdflib import Graph

from policykg.ontology.rdf import PREFIXES, ChunkReader, encoded_chunks

Groups = Iterable[tuple[str, list[str]]]
"""Sorted N-Triples by subject: each subject term (``<...>``) with its sorted ``<predicate> object .``
parts, as :func:`~policykg.ontology.rdf.ntriples_groups` gives them.  Every writer reads them."""

#: subject IRI → name (IRI) of the graph its triples go in; absent: the default graph
GraphNames = Mapping[str, str]

#: One writer per format: (groups, graph names, binary stream) → the format's bytes written to the stream.
StreamWriter = Callable[[Groups, GraphNames, IO[bytes]], None]


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation: its name (``--format``), file suffix, media type and writer."""

    name: str
    suffix: str
    media_type: str
    write: StreamWriter
    #: it carries named graphs (one per source document): the writer is given the graph names
    named_graphs: bool = False


#: prefix → namespace IRI, for the writers that shorten IRIs
PREFIX_IRIS: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def rdflib_ntriples(rdf: Graph) -> str:
    """An rdflib graph as a sorted, duplicate-free N-Triples document (for graphs made elsewhere)."""
    lines = {line for line in rdf.serialize(format="nt").splitlines() if line.strip()}
    return "".join(line + "\n" for line in sorted(lines))


def line_groups(lines: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """Sorted N-Triples lines by subject, as :func:`~policykg.ontology.rdf.ntriples_groups` gives them."""
    for subject, group in itertools.groupby(lines, key=lambda line: line[: line.index(" ")]):
        yield subject, [line[len(subject) + 1 :] for line in group]


def ntriples_chunks(groups: Groups) -> Iterator[bytes]:
    """The N-Triples lines of ``groups`` (:func:`~policykg.ontology.rdf.ntriples_groups`) as UTF-8, ~1,000 lines at a time."""
    return encoded_chunks(f"{subject} {part}\n" for subject, parts in groups for part in parts)


def ntriples_reader(groups: Groups) -> IO[bytes]:
    """The N-Triples of ``groups`` as a binary file to read (for pyoxigraph's streaming parser)."""
    return cast(IO[bytes], ChunkReader(ntriples_chunks(groups)))  # a RawIOBase: a binary file


def reserialize(data: bytes | IO[bytes], source: ox.RdfFormat, target: ox.RdfFormat, output: IO[bytes] | None = None) -> bytes:
    """pyoxigraph's streaming parser into its serialiser: into ``output`` (then ``b""`` is returned), else into bytes."""
    return ox.serialize(ox.parse(data, format=source), output, target, prefixes=PREFIX_IRIS) or b""
