"""The query engines: what each one offers (:class:`QueryEngine`) and the registry that names them (:data:`ENGINES`).

An engine is opened over a graph (or, when it does not need one, over what a server holds),
runs queries in its language and is closed.  A persistent engine can also write its database
to disk once (``create``) and open it again, read-only, in milliseconds (``open``): the command
line keeps such a database beside a large graph file.  The registry carries what a caller
needs to know to choose and open an engine, so callers never test an engine's name, and the
command line's choices come from it.

>>> engine_choices(), engine_choices("cypher")
(('sparql', 'cypher', 'neo4j'), ('cypher', 'neo4j'))
>>> STORES
('auto', 'rdflib', 'oxigraph')
>>> kept_engine("sparql"), kept_engine("cypher"), kept_engine("neo4j")
('oxigraph', 'cypher', None)
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, Protocol

import networkx as nx

from policykg.errors import QueryError


class QueryEngine(Protocol):
    """What every engine offers: opened by calling its class (with the graph when :attr:`EngineSpec.needs_graph`)."""

    #: the query language it runs: ``sparql`` or ``cypher``
    language: ClassVar[str]
    #: its name, which also names the database the command line keeps for it (``cache/graph.<name>``)
    name: ClassVar[str]

    def run(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        """The columns and rows of query ``text`` with ``params`` bound (never pasted into the text)."""
        ...

    def close(self) -> None:
        """Let go of the engine's database or connection."""
        ...


class PersistentEngine(QueryEngine, Protocol):
    """An engine whose database can be written to disk and opened again (:attr:`EngineSpec.persistent`)."""

    @classmethod
    def create(cls, graph: nx.MultiDiGraph, path: str | Path) -> None:
        """Write a database holding ``graph`` to the new ``path``."""
        ...

    @classmethod
    def open(cls, path: str | Path) -> PersistentEngine:
        """An engine over the database :meth:`create` wrote, opened read-only."""
        ...


@dataclass(frozen=True)
class EngineSpec:
    """One entry of the registry: where the engine's class lives and what it offers."""

    #: module and class name, imported when first asked for (an engine's library is loaded only if it is used)
    module: str
    cls: str
    #: the query language: ``sparql`` or ``cypher``
    language: str
    #: it can keep its database on disk (``create`` and ``open``, :class:`PersistentEngine`)
    persistent: bool = False
    #: it is opened over a graph; ``False``: it queries what a server already holds
    needs_graph: bool = True
    #: its name under ``--store`` when it is one of the stores of an engine (that engine's or its own)
    store: str | None = None
    #: the engine it is a store of, when it is not an engine of its own to choose
    store_of: str | None = None

    def load(self) -> type[QueryEngine]:
        """The engine's class."""
        engine: type[QueryEngine] = getattr(import_module(self.module), self.cls)
        return engine

    def open(self, graph: nx.MultiDiGraph | None) -> QueryEngine:
        """The engine, opened over ``graph`` (ignored when it needs none)."""
        engine = self.load()
        return engine(graph) if self.needs_graph else engine()  # type: ignore[call-arg]


#: engine name → what it is; ``oxigraph`` is a store of the ``sparql`` engine (``--store``), not an engine to choose
ENGINES: dict[str, EngineSpec] = {
    "sparql": EngineSpec("policykg.queries.sparql", "SparqlEngine", "sparql", store="rdflib"),
    "oxigraph": EngineSpec("policykg.queries.oxigraph", "OxigraphEngine", "sparql", persistent=True, store="oxigraph",
                           store_of="sparql"),
    "cypher": EngineSpec("policykg.queries.ladybug", "LadybugEngine", "cypher", persistent=True),
    "neo4j": EngineSpec("policykg.queries.neo4j", "Neo4jEngine", "cypher", needs_graph=False),
}

#: the stores of an engine that has several (``--store``): ``auto`` picks one by the size of the graph
STORES: tuple[str, ...] = ("auto", *(spec.store for spec in ENGINES.values() if spec.store))


def engine_spec(name: str) -> EngineSpec:
    """The registry's entry for engine ``name``; a :class:`~policykg.errors.QueryError` naming the others if none."""
    if name not in ENGINES:
        raise QueryError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    return ENGINES[name]


def engine_class(name: str) -> Any:
    """The class of engine ``name`` (one of :data:`ENGINES`), imported when first asked for."""
    return engine_spec(name).load()


def engine_choices(language: str | None = None) -> tuple[str, ...]:
    """The engines a user chooses among (not the stores of another), in registry order; only those of ``language`` if given."""
    return tuple(name for name, spec in ENGINES.items() if spec.store_of is None and language in (None, spec.language))


def store_engines(name: str) -> dict[str, str]:
    """Store name → engine, for engine ``name``'s stores (``--store``); empty if it has no choice of store."""
    stores = {spec.store: other for other, spec in ENGINES.items() if spec.store and name in (other, spec.store_of)}
    return stores if len(stores) > 1 else {}


def kept_engine(name: str) -> str | None:
    """The persistent engine whose database stands in for engine ``name`` on a large graph: itself if it is
    persistent, else its persistent store; ``None`` if there is none (it is opened anew each time)."""
    if engine_spec(name).persistent:
        return name
    return next((other for other in store_engines(name).values() if ENGINES[other].persistent), None)


__all__ = ["ENGINES", "STORES", "EngineSpec", "PersistentEngine", "QueryEngine", "engine_choices", "engine_class",
           "engine_spec", "kept_engine", "store_engines"]
