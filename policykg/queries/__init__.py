"""Queries: the canned catalogue (``catalogue/NAME.rq`` + ``NAME.cypher``) and the engines that run it.

Engines (all with ``run(text, params) -> (columns, rows)`` and ``close()``):

* ``sparql`` — rdflib over the RDF of the graph (default);
* ``cypher`` — the embedded graph database LadybugDB, loaded from the graph, for Cypher;
* ``neo4j`` — a Neo4j server (``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``), loaded by ``policykg neo4j load``.

Every canned query gives the same normalised rows on every engine (a test checks it).

>>> import policykg
>>> graph = policykg.build_graph([policykg.load_document(policykg.seed_path())])
>>> columns, records = run_query(graph, "recommendations")
>>> records[12]["number"], records[12]["status"]
(13, 'accepted')
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import networkx as nx

from policykg.errors import QueryError
from policykg.queries.catalogue import CannedQuery, get_query, load_catalogue
from policykg.queries.results import normalise

#: engine name → (module, class, query language)
ENGINES: dict[str, tuple[str, str, str]] = {
    "sparql": ("policykg.queries.sparql", "SparqlEngine", "sparql"),
    "cypher": ("policykg.queries.ladybug", "LadybugEngine", "cypher"),
    "neo4j": ("policykg.queries.neo4j", "Neo4jEngine", "cypher"),
}


def open_engine(name: str, graph: nx.MultiDiGraph) -> Any:
    """An engine ready to query ``graph`` (the neo4j engine queries what the server holds)."""
    if name not in ENGINES:
        raise QueryError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    module, cls, _ = ENGINES[name]
    engine_class = getattr(import_module(module), cls)
    return engine_class() if name == "neo4j" else engine_class(graph)


def language_of(engine: str) -> str:
    return ENGINES[engine][2]


def run_canned(engine: Any, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Run one canned query on an open engine; rows normalised to plain Python."""
    text = query.texts.get(engine.language)
    if text is None:
        raise QueryError(f"query {query.name!r} has no {engine.language} version")
    columns, rows = engine.run(text, query.bind(params))
    if columns != query.columns:
        raise QueryError(f"query {query.name!r} returned columns {columns}, its header says {query.columns}")
    return normalise(columns, rows, query.list_columns)


def run_query(graph: nx.MultiDiGraph, name: str, params: dict[str, Any] | None = None, engine: str = "sparql") -> tuple[list[str], list[dict[str, Any]]]:
    """Run the canned query ``name`` on ``graph`` with the chosen engine."""
    query = get_query(name)
    opened = open_engine(engine, graph)
    try:
        return query.columns, run_canned(opened, query, params or {})
    finally:
        opened.close()


__all__ = ["ENGINES", "CannedQuery", "get_query", "language_of", "load_catalogue", "open_engine", "run_canned", "run_query"]
