"""Each statement's document, and each response's place among the responses to its recommendation: what the
tracker's ``changes`` query reads.

Each response and commitment stated in a paragraph of a document (its paragraph part of a section, part of the
document: the path the queries walked) gets ``stated_in_document``, that document's IRI (the least, if several).

Responses to a recommendation are ordered by their document's date, then by the document's IRI (responses in undated
documents have no place in that order), as the tracker's queries order them.  Each response in a dated document gets

* ``first_response``: True when no response to its recommendation is stated in an earlier document (it is new),
  False otherwise;
* ``previous_response``: the IRI of the latest response to its recommendation *with a status* stated in an earlier
  document (of two in that document, the greater status, then the greater IRI), when there is one.

Until these were stored, ``changes`` found them by grouped subqueries over every response of every recommendation
answered in the period, most of its cost on 1,000 documents (benchmarks/README.md, "Session 12").  Like
:mod:`policykg.graph.responses`, this reads the merged graph and is a pure function of it: any order in which the
documents are built or merged gives the same values, and running it twice changes nothing.

>>> from policykg.graph.model import new_graph
>>> link_previous_responses(new_graph())
"""

from __future__ import annotations

from itertools import groupby

import networkx as nx

#: The node properties this module sets (and clears first, so that a graph merged from one that had them is recomputed).
KEYS = ("first_response", "previous_response", "stated_in_document")
#: The node types given ``stated_in_document``.
STATEMENTS = ("Response", "Commitment")


def documents_stating(graph: nx.MultiDiGraph, statement: str) -> list[str]:
    """The IRI of each document stating ``statement``, sorted: a paragraph it is stated in, part of a section, part of
    the document."""
    found: set[str] = set()
    nodes = graph._node
    for paragraph, relations in graph._succ[statement].items():
        if "stated_in" not in relations:
            continue
        for section, up in graph._succ[paragraph].items():
            if "part_of" not in up:
                continue
            found.update(document for document, top in graph._succ[section].items()
                         if "part_of" in top and nodes[document]["type"] == "Document")
    return sorted(found)


def link_previous_responses(graph: nx.MultiDiGraph) -> None:
    """Set ``stated_in_document`` on every response and commitment stated in a document, ``first_response`` and
    ``previous_response`` on every response stated in a dated document.

    Parameters
    ----------
    graph:
        A merged policy graph, changed in place.

    Returns
    -------
    None
    """
    nodes = graph._node
    # recommendation → [(date, document IRI, status or "", response IRI)], one per dated document stating the response
    placed: dict[str, list[tuple[str, str, str, str]]] = {}
    for iri, data in nodes.items():
        if data["type"] not in STATEMENTS:
            continue
        for key in KEYS:
            data.pop(key, None)
        documents = documents_stating(graph, iri)
        if not documents:
            continue
        data["stated_in_document"] = documents[0]
        if data["type"] != "Response" or not (published := nodes[documents[0]].get("published")):
            continue
        for recommendation, relations in graph._succ[iri].items():
            if "responds_to" in relations:
                placed.setdefault(recommendation, []).append((str(published), documents[0], data.get("status") or "", iri))
    for entries in placed.values():
        entries.sort()
        first = entries[0][:2]
        latest: tuple[str, str, str, str] | None = None  # the greatest entry with a status of the earlier documents
        for (day, document), same_document in groupby(entries, key=lambda entry: (entry[0], entry[1])):
            stated = list(same_document)
            for _, _, _, iri in stated:
                data = nodes[iri]
                data["first_response"] = (day, document) == first
                if latest is not None:
                    data["previous_response"] = latest[3]
            latest = next((entry for entry in reversed(stated) if entry[2]), latest)  # sorted: the greatest
