"""RDF writers: Turtle, JSON-LD, N-Triples and RDF/XML, byte-identical for the same graph.

Determinism: triples are added to a fresh rdflib graph in sorted order (rdflib's
memory store iterates in insertion order), N-Triples lines are sorted, and JSON-LD
nodes are sorted by ``@id``; there are no blank nodes.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from rdflib import Graph

from policykg.atomic import atomic_write_text
from policykg.ontology.rdf import PREFIXES, new_rdf_graph, to_rdf

#: format name → (rdflib serializer name, file suffix, media type)
RDF_FORMATS: dict[str, tuple[str, str, str]] = {
    "turtle": ("turtle", ".ttl", "text/turtle"),
    "jsonld": ("json-ld", ".jsonld", "application/ld+json"),
    "ntriples": ("nt", ".nt", "application/n-triples"),
    "rdfxml": ("xml", ".rdf", "application/rdf+xml"),
}


def canonical(rdf: Graph) -> Graph:
    """A copy of ``rdf`` whose triples iterate in sorted order."""
    ordered = new_rdf_graph()
    for triple in sorted(rdf, key=lambda t: tuple(term.n3() for term in t)):
        ordered.add(triple)
    return ordered


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context``: the prefixes, so compact IRIs read plainly."""
    return {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}


def serialize_rdf(rdf: Graph, format: str) -> str:
    """Serialise deterministically in one of :data:`RDF_FORMATS`."""
    serializer = RDF_FORMATS[format][0]
    graph = canonical(rdf)
    if format == "ntriples":
        lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
        return "\n".join(lines) + "\n"
    if format == "jsonld":
        data = json.loads(graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
        nodes = data.get("@graph", [data] if "@id" in data else [])
        for node in nodes:
            for key, value in node.items():
                if isinstance(value, list):
                    node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        nodes.sort(key=lambda node: node.get("@id", ""))
        document = {"@context": jsonld_context(), "@graph": nodes}
        return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    text = graph.serialize(format=serializer)
    if format == "rdfxml":  # rdflib writes subjects in set order: sort the description blocks
        marker = "\n  <rdf:Description"
        head, *blocks = text.split(marker)
        last = blocks[-1].rsplit("\n</rdf:RDF>", 1)
        blocks[-1] = last[0]
        text = head + "".join(marker + block for block in sorted(blocks)) + "\n</rdf:RDF>" + last[1]
    return text


def write_rdf(graph: nx.MultiDiGraph, path: str | Path, format: str) -> Path:
    """Write the policy graph as RDF to ``path`` (atomically)."""
    return atomic_write_text(Path(path), serialize_rdf(to_rdf(graph), format))
