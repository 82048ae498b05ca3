"""The embedded SPARQL engine: rdflib over the RDF of the built graph.

Parameters are passed as ``initBindings`` (bound, never pasted into the text) to
variables named after them with a leading underscore: parameter ``kind`` is
``?_kind``, so a parameter never collides with an output column. An optional
parameter left out stays unbound, so queries test it with ``BOUND(?_kind)``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from rdflib import XSD, Graph, Literal, URIRef, Variable

from policykg.errors import QueryError
from policykg.ontology.rdf import to_rdf


def to_term(value: Any) -> Literal | URIRef:
    """The RDF term for a parameter value (IRIs stay IRIs when they look like one)."""
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(str(value))


class SparqlEngine:
    """Run SPARQL SELECT queries over the policy graph with rdflib.

    >>> from policykg.graph.model import new_graph
    >>> columns, rows = SparqlEngine(new_graph()).run("SELECT ?x WHERE { BIND(?_n + 1 AS ?x) }", {"n": 41})
    >>> columns, rows[0][0].toPython()
    (['x'], 42)
    """

    language = "sparql"
    name = "sparql"

    def __init__(self, graph: nx.MultiDiGraph | None = None, rdf: Graph | None = None) -> None:
        self.rdf = rdf if rdf is not None else to_rdf(graph)

    def run(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        bindings = {Variable("_" + name): to_term(value) for name, value in params.items() if value is not None}
        try:
            result = self.rdf.query(text, initBindings=bindings)
        except Exception as exc:  # rdflib raises pyparsing and assorted errors for bad queries
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise QueryError(f"SPARQL error: {message}") from None
        if result.type != "SELECT":
            raise QueryError("only SELECT queries are supported here")
        columns = [str(v) for v in result.vars]
        return columns, [list(row) for row in result]

    def close(self) -> None:
        pass
