"""Named graphs (N-Quads, TriG): one per source document, named by the document's IRI.

The name (e.g. ``.../id/document/tackling-child-sexual-abuse-progress-update-2025-04-09``) is also
the ``pkg:Document`` node, so ``GRAPH ?g { ... } ?g dcterms:title ?t`` works.  Every triple is in
exactly one graph, chosen by its subject:

* a node, its deadline resources (``<node>/deadline``, ``.../start``, ``.../end``): the document
  the node was *first derived from*: of the documents its provenance quotes, the one published
  earliest (then the smallest IRI; documents without a ``pkg:Document`` node, such as the curated
  facts file, come last);
* a quote (``pkg:Quote``): the document it quotes;
* an edge's reification (``rdf:Statement``): the document the edge was first derived from, by the
  same rule;
* anything that no document states (the SKOS concepts of the response statuses): the default graph.

The union of the graphs is exactly :func:`policykg.ontology.rdf.to_rdf` (a test checks it), so a
store that queries the union sees the same data as the Turtle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from policykg.export.rdf.streams import GraphNames, Groups
from policykg.graph.model import Provenance
from policykg.ontology.rdf import quote_iri, statement_iri

#: (subject term, graph term or None for the default graph, the subject's parts)
QuadGroup = tuple[str, str | None, list[str]]


def _document_order(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """Sort key of each source document: (publication date, IRI); unknown documents last."""
    return {iri: (str(data.get("published") or "9999-12-31"), iri) for iri, data in graph.nodes(data=True) if data.get("type") == "Document"}


def graph_names(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Subject IRI → the named graph (source document IRI) its triples go in; see the module docstring."""
    order = _document_order(graph)

    def first(records: Iterable[Provenance]) -> str | None:
        documents = {record.document for record in records}
        if not documents:
            return None
        return min(documents, key=lambda d: order.get(d, ("9999-12-31~", d)))

    names: dict[str, str] = {}
    for iri, data in graph.nodes(data=True):
        records = data.get("provenance") or ()
        for record in records:
            names[quote_iri(record)] = record.document
        name = first(records)
        if name is None:
            continue
        for subject in (iri, f"{iri}/deadline", f"{iri}/deadline/start", f"{iri}/deadline/end"):
            names[subject] = name
    for source, target, relation, data in graph.edges(keys=True, data=True):
        records = data.get("provenance") or ()
        for record in records:
            names[quote_iri(record)] = record.document
        name = first(records)
        if name is not None:
            names[statement_iri(source, relation, target)] = name
    return names


def quad_groups(groups: Groups, names: GraphNames) -> Iterator[QuadGroup]:
    """``(subject term, graph term or None for the default graph, parts)`` of each group."""
    wrapped = {f"<{subject}>": f"<{name}>" for subject, name in names.items()}
    for subject, parts in groups:
        yield subject, wrapped.get(subject), parts


def by_graph(groups: Iterable[QuadGroup]) -> list[QuadGroup]:
    """The groups with each graph's together, the default graph first, then by name: TriG's order."""
    graphs: dict[str | None, list[QuadGroup]] = {}
    for group in groups:
        graphs.setdefault(group[1], []).append(group)
    return [group for name in sorted(graphs, key=lambda n: "" if n is None else n) for group in graphs[name]]
