"""The embedded SPARQL engine: rdflib over the RDF of the built graph.

Parameters are passed as ``initBindings`` (bound, never pasted into the text) to
variables named after them with a leading underscore: parameter ``kind`` is
``?_kind``, so a parameter never collides with an output column. An optional
parameter left out stays unbound, so queries test whether it is given with
``COALESCE(sameTerm(?_kind, ?_kind), false)`` (``BOUND(?_kind)`` means the same to
rdflib, but the Oxigraph store folds it to false before it binds parameters).

Result columns whose names start with ``_`` are parameter echoes and are dropped by
every SPARQL engine: the catalogue queries project their parameters so that the
Oxigraph store (:mod:`policykg.queries.oxigraph`), which binds only projected
variables, can bind them too; rdflib's answers are the same with or without them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from rdflib import XSD, Graph, Literal, URIRef, Variable

from policykg.errors import QueryError
from policykg.ontology.rdf import to_rdf
from policykg.queries.catalogue import checked_params


def to_term(value: Any) -> Literal | URIRef:
    """The RDF term for a parameter value: bool, int (xsd:integer), date (xsd:date), else a string.

    The one mapping from Python values to RDF terms; the Oxigraph store converts its result.
    """
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(str(value))


def kept_columns(columns: list[str]) -> list[int]:
    """Indexes of the result columns to keep: all but the parameter echoes (names starting with ``_``).

    >>> kept_columns(["number", "_number", "title"])
    [0, 2]
    """
    return [i for i, column in enumerate(columns) if not column.startswith("_")]


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
        params = checked_params(params)  # the same refusal of out-of-range values on every engine
        bindings = {Variable("_" + name): to_term(value) for name, value in params.items() if value is not None}
        try:
            result = self.rdf.query(text, initBindings=bindings)
        except Exception as exc:  # rdflib raises pyparsing and assorted errors for bad queries
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise QueryError(f"SPARQL error: {message}") from None
        if result.type != "SELECT":
            raise QueryError("only SELECT queries are supported here")
        columns = [str(v) for v in result.vars]
        keep = kept_columns(columns)
        return [columns[i] for i in keep], [[row[i] for i in keep] for row in result]

    def close(self) -> None:
        pass
