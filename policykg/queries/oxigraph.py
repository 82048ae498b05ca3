"""The fast SPARQL store: Oxigraph (pyoxigraph) over the N-Triples of the built graph.

Same interface and same answers as :class:`policykg.queries.sparql.SparqlEngine`
(rdflib), much faster on large graphs (``benchmarks/bench_query.py``, figures in
``benchmarks/README.md``). The
store is loaded from :func:`policykg.ontology.rdf.ntriples_stream` with Oxigraph's own
parser, without building an rdflib graph on the way.

**Parameters are bound, never pasted into the query text.** Oxigraph's binding
mechanism is ``Store.query(..., substitutions={Variable: term})``, with two
limits that shape the catalogue and this module:

* it binds only variables of the SELECT projection (it refuses the others), so the
  catalogue queries project their parameters (``?_kind``), and group by them in
  aggregate queries (a bound constant, or an unbound variable, does not change the
  groups); every SPARQL engine drops the result columns whose names start with
  ``_``. A variable reaches a subquery only through its projection, so subqueries
  that use a parameter project it too (``connection.rq``).
* its optimiser runs before the values are bound and treats the parameter as never
  bound where it can decide statically: ``BOUND(?_p)`` is false, and an expression
  that is the bare variable (``BIND(?_p AS ?x)``, ``(?_p AS ?x)``, ``FILTER(?_p)``)
  is unbound. Comparisons and functions of ``?_p`` (``?kind = ?_kind``,
  ``STR(?_p)``, ``COALESCE(?_p, 0)``, triple patterns with ``?_p``) see the value.
  So the catalogue writes "is given" as ``COALESCE(sameTerm(?_p, ?_p), false)``,
  which means the same to every SPARQL engine.

Pasting values into the text, or a ``VALUES`` block built from them, would avoid
both limits but breaks the rule; binding the parameters as data (a named graph the
query reads) or through custom functions (``<urn:param>()``) would need every query
rewritten, and plans no better (tried: the optimiser cannot use a value it does not
know either way). Projection keeps the queries plain SPARQL that rdflib answers
identically (a test compares every catalogue query on both stores), so that is the
route taken.

**Writing queries that Oxigraph plans well.** Its optimiser orders joins by
estimates made before the parameters are bound, so a filter on a parameter does
not make a pattern look selective. The catalogue therefore (the reason is repeated
in each ``.rq`` file):

* finds the named node first, in a subquery (a join-order barrier), and walks or
  looks up from it (``organisation``, ``connection``, ``provenance``); the
  ``connection`` chains meet in the middle rather than walk three steps from a
  busy node (11 million chains from one department of the 1M-triple graph);
* uses ``OPTIONAL { ... } FILTER(BOUND(...))`` rather than ``FILTER EXISTS``, which
  Oxigraph evaluates from scratch for every row (hundreds of times slower);
* repeats the patterns that follow a ``UNION`` inside each branch: Oxigraph joins a
  UNION with what follows it slowly.

Each of these gives rdflib the same answers as the plain form (checked against the
earlier texts on the seed and on synthetic graphs when they were rewritten) and
mostly makes rdflib faster too.

For your own queries (``policykg sparql --store oxigraph -p k=v``) the engine
refuses, with one line saying how to fix the query, a parameter that is not
projected and the constructs above that Oxigraph would silently get wrong; it does
not fall back to rdflib, which may take minutes on the graphs this store is for.
``--store rdflib`` runs any query as written.

Result terms become the Python values that rdflib's ``Literal.toPython`` gives
(``int``, ``Decimal``, ``float``, ``bool``, ``date``, ``str``; IRIs as strings), so
:func:`policykg.queries.results.normalise` gives identical rows.

>>> from policykg.graph.model import new_graph
>>> OxigraphEngine(new_graph()).run("SELECT ?x ?_n WHERE { BIND(?_n + 1 AS ?x) }", {"n": 41})
(['x'], [[42]])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Literal, URIRef

from policykg.errors import QueryError
from policykg.ontology.rdf import ntriples_stream
from policykg.queries.catalogue import checked_params
from policykg.queries.sparql import kept_columns, to_term

_XSD = "http://www.w3.org/2001/XMLSchema#"


def to_oxigraph_term(value: Any) -> ox.Literal:
    """The Oxigraph term for a parameter value: exactly the RDF term of :func:`~policykg.queries.sparql.to_term`.

    >>> to_oxigraph_term(13), to_oxigraph_term(date(2026, 1, 1)).datatype.value
    (<Literal value=13 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>, 'http://www.w3.org/2001/XMLSchema#date')
    """
    term = to_term(value)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


# -- result terms → the Python values rdflib's Literal.toPython() gives ----------------------------------
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _via_rdflib(datatype: str) -> Callable[[str], Any]:
    """rdflib's own conversion: exact for every datatype (and ill-typed literals), but slower."""
    iri = URIRef(datatype)

    def convert(lexical: str) -> Any:
        return Literal(lexical, datatype=iri).toPython()

    return convert


def _fast(pattern: re.Pattern[str], parse: Callable[[str], Any], datatype: str) -> Callable[[str], Any]:
    """``parse`` for the well-formed lexical forms (where it agrees with rdflib), rdflib for the rest."""
    slow = _via_rdflib(datatype)

    def convert(lexical: str) -> Any:
        return parse(lexical) if pattern.fullmatch(lexical) else slow(lexical)

    return convert


def _boolean(lexical: str) -> Any:
    if lexical in ("true", "false"):
        return lexical == "true"
    return _via_rdflib(_XSD + "boolean")(lexical)


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    _XSD + "string": str,
    _XSD + "integer": _fast(_INTEGER, int, _XSD + "integer"),
    _XSD + "int": _fast(_INTEGER, int, _XSD + "int"),
    _XSD + "long": _fast(_INTEGER, int, _XSD + "long"),
    _XSD + "decimal": _fast(_DECIMAL, Decimal, _XSD + "decimal"),
    _XSD + "double": _fast(_DOUBLE, float, _XSD + "double"),
    _XSD + "float": _fast(_DOUBLE, float, _XSD + "float"),
    _XSD + "date": _fast(_DATE, date.fromisoformat, _XSD + "date"),
    _XSD + "boolean": _boolean,
}


def to_python(term: Any) -> Any:
    """A result term as the value rdflib gives for the same term (after ``toPython()``; IRIs as strings).

    >>> to_python(ox.Literal("7.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    Decimal('7.50')
    >>> to_python(ox.NamedNode("https://example.org/a")), to_python(ox.Literal("chat", language="fr")), to_python(None)
    ('https://example.org/a', 'chat', None)
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.language is not None:
            return term.value
        datatype = term.datatype.value
        converter = _CONVERTERS.get(datatype)
        if converter is None:
            converter = _CONVERTERS[datatype] = _via_rdflib(datatype)
        return converter(term.value)
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return term.value
    return str(term)  # an RDF-star triple


# -- the constructs Oxigraph gets wrong for bound parameters ---------------------------------------------
def _unsafe_use(text: str, name: str) -> tuple[str, str] | None:
    """(construct, fix) when ``text`` uses the bound parameter ``?name`` where Oxigraph evaluates it as unbound."""
    var = r"[?$]" + re.escape(name) + r"\b"
    if re.search(r"\bBOUND\s*\(\s*" + var + r"\s*\)", text, re.IGNORECASE):
        return f"BOUND(?{name})", f"write COALESCE(sameTerm(?{name}, ?{name}), false)"
    if re.search(r"\(\s*" + var + r"\s+AS\s", text, re.IGNORECASE):
        return f"(?{name} AS ...)", f"use ?{name} inside an expression, e.g. STR(?{name})"
    if re.search(r"\bFILTER\s*\(\s*!?\s*" + var + r"\s*\)", text, re.IGNORECASE):
        return f"FILTER(?{name})", f"compare it, e.g. FILTER(?{name} = true)"
    return None


class OxigraphEngine:
    """Run SPARQL SELECT queries over the policy graph with Oxigraph (in memory).

    ``ntriples`` (the text of :func:`~policykg.ontology.rdf.to_ntriples`) may be given
    instead of ``graph``, to load a graph already serialised, or ``store``, an Oxigraph
    store already holding it (such as the one the command line keeps on disk).
    """

    language = "sparql"
    name = "oxigraph"

    def __init__(self, graph: nx.MultiDiGraph | None = None, *, ntriples: str | None = None, store: ox.Store | None = None) -> None:
        if store is not None:
            self.store = store
            return
        if ntriples is None and graph is None:
            raise ValueError("OxigraphEngine needs a graph, its N-Triples or a store")
        self.store = ox.Store()
        # N-Triples from our own writer: Oxigraph's parser checks it; bulk_load skips the transaction log.
        self.store.bulk_load(ntriples.encode("utf-8") if ntriples is not None else ntriples_stream(graph), format=ox.RdfFormat.N_TRIPLES)

    @classmethod
    def create(cls, graph: nx.MultiDiGraph, path: str | Path) -> None:
        """Write a store holding ``graph`` to the new folder ``path`` (for :meth:`open`)."""
        store = ox.Store(str(path))
        store.bulk_load(ntriples_stream(graph), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        del store  # closes it

    @classmethod
    def open(cls, path: str | Path) -> OxigraphEngine:
        """An engine over a store written by :meth:`create`, opened read-only."""
        return cls(store=ox.Store.read_only(str(path)))

    def __len__(self) -> int:
        return len(self.store)

    def run(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        params = checked_params(params)  # the same refusal of out-of-range values on every engine
        substitutions = {ox.Variable("_" + name): to_oxigraph_term(value) for name, value in params.items() if value is not None}
        for variable in substitutions:
            unsafe = _unsafe_use(text, variable.value)
            if unsafe:
                construct, fix = unsafe
                raise QueryError(f"the oxigraph store treats a bound parameter as unbound in {construct}: {fix}, or use --store rdflib")
        try:
            result = self.store.query(text, substitutions=substitutions)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("only SELECT queries are supported here")
            columns = [variable.value for variable in result.variables]
            keep = kept_columns(columns)
            rows = [[to_python(solution[i]) for i in keep] for solution in result]
        except QueryError:
            raise
        except Exception as exc:  # SyntaxError for bad queries, OSError/RuntimeError from evaluation
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            missing = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", message)
            if missing:
                name = missing.group(1)
                raise QueryError(f"the oxigraph store binds only projected variables: add ?{name} to the SELECT clause "
                                 f"(and to GROUP BY if the query groups; columns starting with _ are left out of the results), "
                                 f"or use --store rdflib") from None
            raise QueryError(f"SPARQL error: {message}") from None
        return [columns[i] for i in keep], rows

    def close(self) -> None:
        self.store = None  # type: ignore[assignment]  # the store is freed (or closed, if on disk) with its last reference
