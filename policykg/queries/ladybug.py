"""The embedded Cypher engine: LadybugDB (a Kùzu fork), in memory, over the property graph.

The graph is projected by :func:`policykg.graph.property_graph.project`; LadybugDB
needs a schema, so the engine creates a node table per label (keyed by ``iri``)
and a relationship table per type (with its ``FROM … TO …`` pairs). The tables are
*widened* beyond the data (:func:`complete_schema`): every node type of the model,
every property the RDF mapping knows, every relation with the type pairs the model
allows, so a query that names a property or label absent from this graph binds and
finds ``null``/no rows (as it would on Neo4j), instead of failing.

Loading writes one CSV file per label and per (type, from, to) into a temporary
folder and runs ``COPY … FROM`` (see :class:`LadybugEngine` for the list encoding);
the alternative, parameterised ``UNWIND $rows AS row CREATE …`` batches, is kept as
a fallback and is several times slower (most of it LadybugDB binding wide
list-of-struct parameters; figures in ``benchmarks/README.md``). In ``UNWIND``,
relationships must find their ends with ``MATCH (a:From) WHERE a.iri = row.source``:
``MATCH (a:From {iri: row.source})`` scans instead of using the key and is quadratic.

Dialect notes for queries meant to run here *and* on Neo4j (the ``.cypher`` files):

* Neo4j functions LadybugDB lacks are defined as macros: ``toString``,
  ``toInteger``, ``toFloat`` (``CAST``; right for integers, strings and dates, not
  for floats or booleans), ``type(r)`` (``label(r)``), ``head`` and ``last``.
* List comprehensions, ``reduce``, ``split()``, ``CALL {}`` subqueries and
  ``shortestPath()`` do not exist (shortest paths are ``-[* SHORTEST 1..5]-``).
  ``substring`` and list indexes are 1-based here, 0-based in Neo4j; a prefix
  slice ``list[0..k]`` is the first ``k`` elements in both, so element ``i`` is
  ``last(list[0..i + 1])`` in both. ``WITH … ORDER BY`` needs a ``LIMIT``, and
  ``collect`` does not keep the order of an ``ORDER BY`` before it.
* Some words are reserved here but not in Neo4j (``shortest``, ``starts``, ``end``):
  quote them with backticks or choose other names.
* A parameter used inside a quantifier (``any(x IN … WHERE … $p …)``) or a macro
  trips an assertion in LadybugDB 0.22: bind it first (``WITH $p AS p``).
* LadybugDB types a ``null`` parameter as BOOLEAN, so ``$p IS NULL OR toLower($p) = …``
  fails to bind. The engine therefore replaces each reference to a parameter whose
  value is ``None`` by the literal ``NULL`` (outside strings and comments); values
  are otherwise always bound, never pasted into the text.

>>> from policykg.graph.model import new_graph, add_node
>>> g = new_graph()
>>> add_node(g, "https://example.org/o", "Organisation", "Home Office", None, kind="department")
>>> engine = LadybugEngine(g)
>>> engine.run("MATCH (o:Organisation) WHERE o.kind = $kind RETURN o.label AS name", {"kind": "department"})
(['name'], [['Home Office']])
>>> engine.close()
"""

from __future__ import annotations

import csv
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx

from policykg.errors import QueryError
from policykg.graph.model import EDGE_TYPES, NODE_TYPES, paused_gc
from policykg.graph.property_graph import (
    BOOLEAN,
    DATE,
    DOUBLE,
    INT64,
    NAMED_TYPES,
    PROVENANCE_PROPERTIES,
    STRING,
    STRING_LIST,
    PGSchema,
    PropertyGraph,
    project,
    relationship_type,
)
from policykg.queries.catalogue import checked_params

#: Neo4j functions LadybugDB lacks, as macros.
MACROS = (
    "CREATE MACRO toString(x) AS CAST(x AS STRING)",
    "CREATE MACRO toInteger(x) AS CAST(x AS INT64)",
    "CREATE MACRO toFloat(x) AS CAST(x AS DOUBLE)",
    "CREATE MACRO type(x) AS label(x)",
    "CREATE MACRO head(x) AS list_extract(x, 1)",
    "CREATE MACRO last(x) AS list_extract(x, size(x))",
)

_KIND_TYPES = {"int": INT64, "date": DATE, "decimal": DOUBLE, "bool": BOOLEAN, "str": STRING, "iri": STRING}

# a string literal, a comment, a quoted identifier, or a parameter reference
_TOKENS = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/|\$(\w+)""", re.S)


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def known_properties() -> dict[str, str]:
    """Every node property the RDF mapping knows, with its property-graph type."""
    from policykg.ontology.rdf import NODE_PROPERTIES

    known = {name: NAMED_TYPES.get(name, _KIND_TYPES[kind]) for name, (_, kind) in NODE_PROPERTIES.items()}
    known.update({"aliases": STRING_LIST, "status": STRING})
    return known


def known_edge_properties() -> list[tuple[str, str]]:
    """Every edge property the RDF mapping knows (such as a follow-up's ``outcome``), with its property-graph type."""
    from policykg.ontology.rdf import EDGE_PROPERTIES

    return [(name, NAMED_TYPES.get(name, _KIND_TYPES[kind])) for name, (_, kind) in EDGE_PROPERTIES.items()]


def complete_schema(schema: PGSchema) -> PGSchema:
    """``schema`` widened to every node type, known property and allowed relation of the model."""
    types = known_properties() | {name: type_ for columns in schema.nodes.values() for name, type_ in columns}
    head = [("iri", STRING), ("label", STRING)]
    provenance = list(PROVENANCE_PROPERTIES)
    skip = {"iri", "label"} | {name for name, _ in provenance}
    nodes = {}
    for label in sorted(set(NODE_TYPES) | set(schema.nodes)):
        names = sorted(name for name in types if name not in skip)
        nodes[label] = head + [(name, types[name]) for name in names] + provenance
    relationships, properties = {}, {}
    for relation, (_, sources, targets) in EDGE_TYPES.items():
        type_ = relationship_type(relation)
        relationships[type_] = sorted({(s, t) for s in sources for t in targets} | set(schema.relationships.get(type_, [])))
    for type_, pairs in schema.relationships.items():
        relationships.setdefault(type_, list(pairs))
    for type_ in relationships:
        columns = list(schema.relationship_properties.get(type_, provenance))
        properties[type_] = columns + [column for column in known_edge_properties() if column[0] not in {name for name, _ in columns}]
    return PGSchema(nodes=nodes, relationships=dict(sorted(relationships.items())), relationship_properties=properties)


def _staging(columns: list[tuple[str, str]]) -> list[str]:
    return [f"{_quote(_STAGE + name)} STRING" for name, type_ in columns if type_ == STRING_LIST]


def ddl(schema: PGSchema, staging: bool = False) -> list[str]:
    """``CREATE NODE TABLE`` / ``CREATE REL TABLE`` statements for ``schema`` (with ``staging``:
    an extra ``STRING`` column per ``STRING[]`` column, for the CSV load)."""
    statements = []
    for label, columns in schema.nodes.items():
        parts = [f"{_quote(name)} {type_}{' PRIMARY KEY' if name == 'iri' else ''}" for name, type_ in columns]
        parts += _staging(columns) if staging else []
        statements.append(f"CREATE NODE TABLE {_quote(label)}({', '.join(parts)})")
    for type_, pairs in schema.relationships.items():
        columns = schema.relationship_properties.get(type_, [])
        parts = [f"FROM {_quote(a)} TO {_quote(b)}" for a, b in pairs if a in schema.nodes and b in schema.nodes]
        parts += [f"{_quote(name)} {kind}" for name, kind in columns]
        parts += _staging(columns) if staging else []
        statements.append(f"CREATE REL TABLE {_quote(type_)}({', '.join(parts)})")
    return statements


# -- the CSV (COPY FROM) load ----------------------------------------------------
# LadybugDB's CSV reader keeps the quotes of quoted list elements, so a STRING[]
# value travels as one STRING (a "staging" column): two record separators, then the
# items joined by the unit separator ("\x1e" alone is the empty list), and a SET
# splits it after the COPY. INT64[] values use the reader's own "[1,2]" syntax; fields are
# separated by tabs, so that such a value is never quoted: a quoted "[1,2]" field failed to
# load ("[1 is not in INT64[] range") some way into a long file (a commitment stated twice
# in one document, on bench_track.py's 1,000 documents), where the same row alone loaded.
_STAGE = "_staged_"
_EMPTY_LIST = "\x1e"
_ITEM_SEPARATOR = "\x1f"
_DELIMITER = "\t"
# not parallel: quoted fields may hold line breaks
_COPY_OPTIONS = f"(HEADER=false, PARALLEL=false, DELIM='{_DELIMITER}')"


def _copy_safe(projection: PropertyGraph) -> bool:
    """Whether no STRING[] item holds the separators the CSV load uses, and no text a '"' (a field the writer must
    quote): LadybugDB's reader left such a field quoted ('"A ""B"" C"') some way into a long file (the real
    corpus), where the same row alone loaded."""
    def clean(props: dict[str, Any]) -> bool:
        lists = (v for v in props.values() if isinstance(v, list) and v and isinstance(v[0], str))
        if any("\x1e" in item or "\x1f" in item or '"' in item for value in lists for item in value):
            return False
        return not any('"' in value for value in props.values() if isinstance(value, str))

    return all(clean(n.properties) for n in projection.nodes) and all(clean(r.properties) for r in projection.relationships)


def _csv_fields(props: dict[str, Any], columns: list[tuple[str, str]]) -> list[str]:
    fields = []
    for name, type_ in columns:
        value = props.get(name)
        if value is None or type_ == STRING_LIST:
            fields.append("")
        elif type_ == BOOLEAN:
            fields.append("true" if value else "false")
        elif type_ == DATE:
            fields.append(value.isoformat())
        elif type_ == DOUBLE:
            fields.append(repr(float(value)))
        elif type_.endswith("[]"):
            fields.append("[" + ",".join(str(v) for v in value) + "]")
        else:
            fields.append(str(value))
    return fields


def _staged_fields(props: dict[str, Any], columns: list[tuple[str, str]]) -> list[str]:
    fields = []
    for name, type_ in columns:
        if type_ == STRING_LIST:
            value = props.get(name)
            if value is None:
                fields.append("")
            else:
                fields.append(_EMPTY_LIST + _EMPTY_LIST + _ITEM_SEPARATOR.join(value) if value else _EMPTY_LIST)
    return fields


def _write_csv(path: Path, rows: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n", delimiter=_DELIMITER).writerows(rows)


def _csv_path(path: Path) -> str:
    return str(path).replace("\\", "/").replace("'", "\\'")


def _message(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class LadybugEngine:
    """Run Cypher over the policy graph in a LadybugDB database, in memory or, with ``path``, in that file.

    ``method`` is ``"copy"`` (default: CSV files in a temporary folder and ``COPY
    FROM``) or ``"unwind"`` (parameterised ``UNWIND $rows`` batches of
    ``batch_size``); ``copy`` falls back to ``unwind`` when a list value holds the
    control characters it uses as separators. ``timings`` records the seconds spent
    on the schema, nodes and relationships, and ``method`` the method used.
    """

    language = "cypher"
    name = "ladybug"

    def __init__(self, graph: nx.MultiDiGraph | None = None, *, projection: PropertyGraph | None = None,
                 method: str = "copy", batch_size: int = 5000, progress: Callable[[str, int], None] | None = None,
                 path: str | Path | None = None) -> None:
        if method not in ("copy", "unwind"):
            raise ValueError(f"unknown load method {method!r}")
        if projection is None:
            if graph is None:
                raise ValueError("LadybugEngine needs a graph or a projection")
            projection = project(graph)
        self.batch_size = batch_size
        self.timings: dict[str, float] = {}
        self.method = method if method == "unwind" or _copy_safe(projection) else "unwind"
        self.database = ladybug.Database(str(path) if path is not None else ":memory:")
        self.connection = ladybug.Connection(self.database)
        try:
            with paused_gc():
                self._load(projection, progress)
        except Exception:
            self.close()
            raise

    @classmethod
    def create(cls, graph: nx.MultiDiGraph, path: str | Path) -> None:
        """Write a database holding ``graph`` to the new file ``path`` (for :meth:`open`)."""
        cls(graph, path=path).close()

    @classmethod
    def open(cls, path: str | Path) -> LadybugEngine:
        """An engine over a database written by :meth:`create`, opened read-only."""
        engine = cls.__new__(cls)
        engine.batch_size, engine.timings, engine.method = 0, {}, "opened"
        engine.database = ladybug.Database(str(path), read_only=True)
        engine.connection = ladybug.Connection(engine.database)
        return engine

    # -- loading -------------------------------------------------------------
    def _execute(self, text: str, params: dict[str, Any] | None = None) -> Any:
        return self.connection.execute(text, params or {})

    def _load(self, projection: PropertyGraph, progress: Callable[[str, int], None] | None) -> None:
        t0 = time.perf_counter()
        schema = complete_schema(projection.schema)
        copy = self.method == "copy"
        for statement in (*MACROS, *ddl(schema, staging=copy)):
            self._execute(statement)
        t1 = time.perf_counter()
        by_label: dict[str, list[dict[str, Any]]] = {}
        for node in projection.nodes:
            by_label.setdefault(node.label, []).append(node.properties)
        by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for rel in projection.relationships:
            by_type.setdefault((rel.type, rel.source_label, rel.target_label), []).append(
                {"source": rel.source, "target": rel.target, **rel.properties})
        if copy:
            with tempfile.TemporaryDirectory(prefix="policykg-ladybug-") as folder:
                self._copy_nodes(schema, by_label, Path(folder), progress)
                t2 = time.perf_counter()
                self._copy_relationships(schema, by_type, Path(folder), progress)
        else:
            self._unwind_nodes(schema, by_label, progress)
            t2 = time.perf_counter()
            self._unwind_relationships(schema, by_type, progress)
        t3 = time.perf_counter()
        self.timings = {"schema": t1 - t0, "nodes": t2 - t1, "relationships": t3 - t2}

    def _unwind_nodes(self, schema: PGSchema, by_label: dict, progress: Callable | None) -> None:
        for label, rows in by_label.items():
            columns = [name for name, _ in schema.nodes[label]]
            assignments = ", ".join(f"{_quote(c)}: row.{_quote(c)}" for c in columns)
            text = f"UNWIND $rows AS row CREATE (n:{_quote(label)} {{{assignments}}})"
            for start in range(0, len(rows), self.batch_size):
                batch = [{c: row.get(c) for c in columns} for row in rows[start:start + self.batch_size]]
                self._execute(text, {"rows": batch})
                if progress:
                    progress("nodes", len(batch))

    def _unwind_relationships(self, schema: PGSchema, by_type: dict, progress: Callable | None) -> None:
        for (type_, source_label, target_label), rows in by_type.items():
            columns = [name for name, _ in schema.relationship_properties[type_]]
            assignments = ", ".join(f"{_quote(c)}: row.{_quote(c)}" for c in columns)
            text = (f"UNWIND $rows AS row MATCH (a:{_quote(source_label)}) WHERE a.iri = row.source "
                    f"MATCH (b:{_quote(target_label)}) WHERE b.iri = row.target "
                    f"CREATE (a)-[r:{_quote(type_)} {{{assignments}}}]->(b)")
            for start in range(0, len(rows), self.batch_size):
                batch = [{"source": row["source"], "target": row["target"], **{c: row.get(c) for c in columns}}
                         for row in rows[start:start + self.batch_size]]
                self._execute(text, {"rows": batch})
                if progress:
                    progress("relationships", len(batch))

    def _copy_nodes(self, schema: PGSchema, by_label: dict, folder: Path, progress: Callable | None) -> None:
        for label, rows in by_label.items():
            columns = schema.nodes[label]
            path = folder / f"nodes-{len(list(folder.iterdir()))}.csv"
            _write_csv(path, ([*_csv_fields(row, columns), *_staged_fields(row, columns)] for row in rows))
            self._execute(f"COPY {_quote(label)} FROM '{_csv_path(path)}' {_COPY_OPTIONS}")
            self._unstage(f"MATCH (x:{_quote(label)})", label, columns)
            if progress:
                progress("nodes", len(rows))

    def _copy_relationships(self, schema: PGSchema, by_type: dict, folder: Path, progress: Callable | None) -> None:
        for (type_, source_label, target_label), rows in by_type.items():
            columns = schema.relationship_properties[type_]
            path = folder / f"relationships-{len(list(folder.iterdir()))}.csv"
            _write_csv(path, ([row["source"], row["target"], *_csv_fields(row, columns), *_staged_fields(row, columns)]
                              for row in rows))
            self._execute(f"COPY {_quote(type_)} FROM '{_csv_path(path)}' "
                          f"(HEADER=false, PARALLEL=false, from='{source_label}', to='{target_label}')")
            if progress:
                progress("relationships", len(rows))
        for type_, columns in schema.relationship_properties.items():
            self._unstage(f"MATCH ()-[x:{_quote(type_)}]->()", type_, columns)

    def _unstage(self, match: str, table: str, columns: list[tuple[str, str]]) -> None:
        """Turn the staged ``STRING`` columns into the ``STRING[]`` columns, then drop them."""
        lists = [name for name, type_ in columns if type_ == STRING_LIST]
        if not lists:
            return
        sets = ", ".join(
            f"x.{_quote(name)} = CASE WHEN x.{_quote(_STAGE + name)} IS NULL THEN NULL "
            f"WHEN x.{_quote(_STAGE + name)} = $empty THEN CAST([] AS STRING[]) "
            f"ELSE string_split(substring(x.{_quote(_STAGE + name)}, 3, size(x.{_quote(_STAGE + name)})), $separator) END"
            for name in lists)
        self._execute(f"{match} SET {sets}", {"empty": _EMPTY_LIST, "separator": _ITEM_SEPARATOR})
        for name in lists:
            self._execute(f"ALTER TABLE {_quote(table)} DROP {_quote(_STAGE + name)}")

    # -- queries -------------------------------------------------------------
    def run(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        params = checked_params(params)  # the same refusal of out-of-range values on every engine
        nulls = {name for name, value in params.items() if value is None}
        if nulls:
            text = _TOKENS.sub(lambda m: "NULL" if m.group(1) in nulls else m.group(0), text)
        bound = {name: value for name, value in params.items() if value is not None}
        try:
            result = self._execute(text, bound)
            results = result if isinstance(result, list) else [result]
            result = results[-1]
            columns = list(result.get_column_names())
            rows = []
            while result.has_next():
                rows.append(list(result.get_next()))
        except (RuntimeError, ValueError, TypeError) as exc:
            raise QueryError(f"LadybugDB error: {_message(exc)}") from None
        return columns, rows

    def close(self) -> None:
        connection, database = getattr(self, "connection", None), getattr(self, "database", None)
        self.connection = self.database = None
        if connection is not None:
            connection.close()
        if database is not None:
            database.close()
