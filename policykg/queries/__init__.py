"""Queries: the canned catalogue (``catalogue/NAME.rq`` + ``NAME.cypher``) and the engines that run it.

Engines (all with ``run(text, params) -> (columns, rows)`` and ``close()``: :class:`~policykg.queries.engines.QueryEngine`;
registered, with what each offers, in :data:`~policykg.queries.engines.ENGINES`):

* ``sparql`` — SPARQL over the RDF of the graph (default), in one of two stores:
  rdflib, or Oxigraph (``oxigraph``, :mod:`policykg.queries.oxigraph`), which answers
  the catalogue and loads much faster on large graphs (``benchmarks/bench_query.py``,
  figures in ``benchmarks/README.md``);
* ``cypher`` — the embedded graph database LadybugDB, loaded from the graph, for Cypher;
* ``neo4j`` — a Neo4j server (``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``), loaded by ``policykg neo4j load``.

Every canned query gives the same normalised rows on every engine and store (tests check it).

The SPARQL store (``store=``, ``--store``): ``rdflib``, ``oxigraph``, or ``auto``
(the default), which picks Oxigraph when the graph has more than
:data:`AUTO_OXIGRAPH_TRIPLES` triples. The count is estimated from the node count
(:data:`TRIPLES_PER_NODE`, measured on the seed and on synthetic graphs) because
counting would mean building the RDF first; at 200,000 triples rdflib already takes
seconds per query while Oxigraph loads in about a second. Below that both answer in
well under a second, and rdflib stays the default there because it runs any SPARQL
as written (Oxigraph binds only projected parameters). An explicit store wins.

>>> import policykg
>>> graph = policykg.build_graph([policykg.load_document(policykg.seed_path())])
>>> columns, records = run_query(graph, "recommendations")
>>> records[12]["number"], records[12]["status"]
(13, 'accepted')
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from policykg.errors import QueryError
from policykg.queries.catalogue import CannedQuery, get_query, load_catalogue
from policykg.queries.engines import (
    ENGINES,
    STORES,
    EngineSpec,
    PersistentEngine,
    QueryEngine,
    engine_choices,
    engine_class,
    engine_spec,
    kept_engine,
    store_engines,
)
from policykg.queries.results import normalise

#: ``auto`` picks Oxigraph above this many triples (estimated)
AUTO_OXIGRAPH_TRIPLES = 200_000
#: triples per node of the RDF mapping: 35 on the seed (411 nodes, 14,391 triples) and on synthetic graphs
TRIPLES_PER_NODE = 35


def estimated_triples(graph: nx.MultiDiGraph) -> int:
    """About how many triples the RDF of ``graph`` has, without building it."""
    return TRIPLES_PER_NODE * graph.number_of_nodes()


def choose_store(graph: nx.MultiDiGraph | None, store: str = "auto") -> str:
    """``rdflib`` or ``oxigraph``: the explicit choice, or by the size of ``graph`` for ``auto``.

    >>> from policykg.graph.model import new_graph
    >>> choose_store(new_graph()), choose_store(new_graph(), "oxigraph")
    ('rdflib', 'oxigraph')
    """
    if store not in STORES:
        raise QueryError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")
    if store != "auto":
        return store
    return "oxigraph" if graph is not None and estimated_triples(graph) > AUTO_OXIGRAPH_TRIPLES else "rdflib"


def open_engine(name: str, graph: nx.MultiDiGraph | None, store: str = "auto") -> QueryEngine:
    """An engine ready to query ``graph`` (an engine that needs no graph queries what its server holds).

    ``store`` chooses among the stores of an engine that has several (the ``sparql`` engine: see
    :func:`choose_store`); other engines ignore it.
    """
    if stores := store_engines(name):
        name = stores[choose_store(graph, store)]
    return engine_spec(name).open(graph)


def language_of(engine: str) -> str:
    """The query language of ``engine``: ``sparql`` or ``cypher``."""
    return engine_spec(engine).language


def run_canned(engine: QueryEngine, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Run one canned query on an open engine; rows normalised to plain Python."""
    text = query.texts.get(engine.language)
    if text is None:
        raise QueryError(f"query {query.name!r} has no {engine.language} version")
    columns, rows = engine.run(text, query.bind(params))
    if columns != query.columns:
        raise QueryError(f"query {query.name!r} returned columns {columns}, its header says {query.columns}")
    return normalise(columns, rows, query.list_columns)


def run_query(graph: nx.MultiDiGraph, name: str, params: dict[str, Any] | None = None, engine: str = "sparql",
              store: str = "auto") -> tuple[list[str], list[dict[str, Any]]]:
    """Run the canned query ``name`` on ``graph`` with the chosen engine (and SPARQL store)."""
    query = get_query(name)
    opened = open_engine(engine, graph, store)
    try:
        return query.columns, run_canned(opened, query, params or {})
    finally:
        opened.close()


__all__ = ["AUTO_OXIGRAPH_TRIPLES", "ENGINES", "STORES", "TRIPLES_PER_NODE", "CannedQuery", "EngineSpec", "PersistentEngine", "QueryEngine",
           "choose_store", "engine_choices", "engine_class", "engine_spec", "estimated_triples", "get_query", "kept_engine", "language_of",
           "load_catalogue", "open_engine", "run_canned", "run_query", "store_engines"]
