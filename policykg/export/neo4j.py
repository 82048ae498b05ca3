"""Neo4j files: a ``cypher-shell`` script and ``neo4j-admin`` import CSVs of the property graph.

Both follow :mod:`policykg.graph.property_graph` (labels, types, provenance lists)
and :mod:`policykg.queries.neo4j` (the ``PolicyKG`` marker label, constraints and
indexes), so every route into Neo4j gives the same graph. Both are byte-identical
for the same input.

**Cypher script** (:func:`write_cypher_script`), for ``cypher-shell -f graph.cypher``:
the constraint and index statements first, then for each batch of rows a
``:param rows => [...]`` line (Cypher literals; dates as ``date('YYYY-MM-DD')``)
followed by the same parameterised ``UNWIND $rows AS row MERGE ...`` statement the
Python loader runs. It is idempotent (MERGE), so it can be run again after a failure.
:func:`execute_cypher_script` runs such a script through the Python driver,
reading ``:param`` lines the way cypher-shell does (the right-hand side is
evaluated by the server: ``RETURN <expression>``).

**CSV** (:func:`write_neo4j_csv`), for ``neo4j-admin database import full``:

* ``nodes-<Label>.csv`` per label, header ``iri:ID(PolicyKG),:LABEL,label,...``: the
  ``iri`` is both the import id (id space ``PolicyKG``) and a property; ``:LABEL``
  is ``PolicyKG`` plus the label; typed columns ``name:long`` (INT64; ``long``, not
  ``int``, so amounts above 2^31 survive), ``:double``, ``:boolean``, ``:date``,
  ``:string[]``, ``:long[]``; untyped columns are strings.
* ``relationships-<TYPE>.csv`` per type: ``:START_ID(PolicyKG),:END_ID(PolicyKG),:TYPE``
  and the provenance lists.
* Arrays (and the two labels) are joined with :data:`ARRAY_DELIMITER`, U+001F (the
  ASCII unit separator), because ``;`` and every other printable character occur
  in quoted text; pass it as ``--array-delimiter=U+001F``. A value containing it
  is refused. An empty list is an empty field (the property is then absent).
* Fields are quoted as needed by Python's ``csv`` (``"`` doubled, so
  ``--legacy-style-quoting=false``: a backslash is an ordinary character); text may
  hold newlines, hence ``--multiline-fields=true``.
* ``import-command.txt`` holds the exact command line, to be run from the folder
  (the database must be stopped; ``--overwrite-destination`` replaces it), and
  the constraint statements to run once the database is started.
"""

from __future__ import annotations

import csv
import io
import math
import shlex
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.atomic import atomic_write_text
from policykg.errors import PolicyKGError
from policykg.graph.model import paused_gc
from policykg.graph.property_graph import (
    BOOLEAN,
    DATE,
    DOUBLE,
    INT64,
    INT64_LIST,
    PROVENANCE_NAMES,
    STRING_LIST,
    PropertyGraph,
    project,
)
from policykg.queries.neo4j import MARKER, batches, connect, schema_statements

ARRAY_DELIMITER = "\u001f"
CSV_TYPES = {INT64: "long", DOUBLE: "double", BOOLEAN: "boolean", DATE: "date", STRING_LIST: "string[]", INT64_LIST: "long[]"}


# -- Cypher literals ----------------------------------------------------------
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TRANSLATION = {code: f"\\u{code:04x}" for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]}
_TRANSLATION.update({ord(char): escaped for char, escaped in _ESCAPES.items()})


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal (control characters escaped; other text as is)."""
    return "'" + text.translate(_TRANSLATION) + "'"


def cypher_name(name: str) -> str:
    if name.isidentifier() and name.isascii():
        return name
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """A Cypher expression for a Python value (str, int, float, bool, date, list, dict, None).

    >>> cypher_literal({"iri": "x'y", "n": [1, 2], "d": date(2025, 4, 9), "ok": True, "v": 2.5})
    "{iri: 'x\\\\'y', n: [1, 2], d: date('2025-04-09'), ok: true, v: 2.5}"
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "0.0/0.0"
        if math.isinf(value):
            return "1.0/0.0" if value > 0 else "-1.0/0.0"
        return repr(value)
    if isinstance(value, date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{cypher_name(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


# -- the cypher-shell script ---------------------------------------------------
def cypher_script(graph: nx.MultiDiGraph | None, batch_size: int = 500, projection: PropertyGraph | None = None) -> str:
    """The text of :func:`write_cypher_script`."""
    projection = projection if projection is not None else project(graph)
    with paused_gc():
        return _cypher_script(projection, batch_size)


def _cypher_script(projection: PropertyGraph, batch_size: int) -> str:
    counts = projection.counts()
    lines = [
        "// policykg property graph for Neo4j 5: cypher-shell -a bolt://HOST:7687 -u neo4j -f THIS_FILE",
        f"// {counts['nodes']} nodes (all labelled {MARKER}), {counts['relationships']} relationships.",
        "// Idempotent (MERGE): running it again, e.g. after a failure, completes the load.",
        "",
    ]
    lines += [f"{statement};" for statement in schema_statements(projection.schema)]
    for _, statement, rows in batches(projection, batch_size):
        lines.append("")
        lines.append(f":param rows => {cypher_literal(rows)}")
        lines.append(f"{statement};")
    return "\n".join(lines) + "\n"


def write_cypher_script(graph: nx.MultiDiGraph, path: str | Path, batch_size: int = 500) -> Path:
    """Write the ``cypher-shell -f`` script of ``graph`` to ``path`` (atomically)."""
    return atomic_write_text(Path(path), cypher_script(graph, batch_size))


def parse_cypher_script(text: str) -> list[tuple[str, str]]:
    """``("param", "name => expression")`` and ``("statement", text)`` items, in order.

    Lines starting with ``//`` are comments; a ``:param`` command is one line; a
    statement runs to the ``;`` that ends a line.
    """
    items: list[tuple[str, str]] = []
    pending: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("//")):
            continue
        if not pending and stripped.startswith(":"):
            command, _, rest = stripped.partition(" ")
            if command != ":param":
                raise PolicyKGError(f"unsupported cypher-shell command {command}")
            items.append(("param", rest.strip()))
            continue
        pending.append(line)
        if stripped.endswith(";"):
            items.append(("statement", "\n".join(pending).strip()[:-1]))
            pending = []
    if pending and "".join(pending).strip():
        items.append(("statement", "\n".join(pending).strip()))
    return items


def execute_cypher_script(path: str | Path, *, uri: str | None = None, user: str | None = None,
                          password: str | None = None, database: str | None = None,
                          progress: Callable[[str], None] | None = None) -> int:
    """Run a script written by :func:`write_cypher_script` through the driver; the statements run."""
    from neo4j import exceptions as neo

    items = parse_cypher_script(Path(path).read_text(encoding="utf-8"))
    params: dict[str, Any] = {}
    count = 0
    with connect(uri, user, password, database) as connection, connection.session() as session:
        for kind, text in items:
            try:
                if kind == "param":
                    name, arrow, expression = text.partition("=>")
                    if not arrow or not name.strip().isidentifier():
                        raise PolicyKGError(f"bad :param line: {text[:60]}")
                    params[name.strip()] = session.run(f"RETURN {expression.strip()} AS value").single()["value"]
                else:
                    session.run(text, params).consume()
                    count += 1
                    if progress:
                        progress(text)
            except neo.Neo4jError as exc:
                raise PolicyKGError(f"{path}: Neo4j refused a statement: {exc.message or exc}".splitlines()[0]) from None
    return count


# -- neo4j-admin CSV -----------------------------------------------------------
def _csv_value(value: Any, type_: str) -> str:
    if value is None:
        return ""
    if type_ in (STRING_LIST, INT64_LIST):
        items = [str(v) for v in value]
        for item in items:
            if ARRAY_DELIMITER in item:
                raise PolicyKGError(f"a list value holds the CSV array delimiter U+001F: {item[:60]!r}")
        return ARRAY_DELIMITER.join(items)
    if type_ == BOOLEAN:
        return "true" if value else "false"
    if type_ == DATE:
        return value.isoformat()
    if type_ == DOUBLE:
        return repr(float(value))
    return str(value)


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _column(name: str, type_: str) -> str:
    return f"{name}:{CSV_TYPES[type_]}" if type_ in CSV_TYPES else name


def neo4j_csv_files(graph: nx.MultiDiGraph | None, projection: PropertyGraph | None = None) -> dict[str, str]:
    """File name → text of every file :func:`write_neo4j_csv` writes."""
    projection = projection if projection is not None else project(graph)
    with paused_gc():
        return _neo4j_csv_files(projection)


def _neo4j_csv_files(projection: PropertyGraph) -> dict[str, str]:
    schema = projection.schema
    files: dict[str, str] = {}
    node_files, rel_files = [], []
    by_label: dict[str, list] = {}
    for node in projection.nodes:
        by_label.setdefault(node.label, []).append(node)
    for label, columns in schema.nodes.items():
        header = ["iri:ID(PolicyKG)", ":LABEL"] + [_column(n, t) for n, t in columns if n != "iri"]
        rows = [[node.iri, ARRAY_DELIMITER.join((MARKER, label))]
                + [_csv_value(node.properties.get(n), t) for n, t in columns if n != "iri"]
                for node in by_label.get(label, [])]
        name = f"nodes-{label}.csv"
        files[name] = _csv_text(header, rows)
        node_files.append(name)
    by_type: dict[str, list] = {}
    for rel in projection.relationships:
        by_type.setdefault(rel.type, []).append(rel)
    for type_, columns in schema.relationship_properties.items():
        header = [":START_ID(PolicyKG)", ":END_ID(PolicyKG)", ":TYPE"] + [_column(n, t) for n, t in columns]
        rows = [[rel.source, rel.target, type_] + [_csv_value(rel.properties.get(n), t) for n, t in columns]
                for rel in by_type.get(type_, [])]
        name = f"relationships-{type_}.csv"
        files[name] = _csv_text(header, rows)
        rel_files.append(name)
    files["import-command.txt"] = import_command(node_files, rel_files, schema_statements(schema))
    return files


def import_command(node_files: list[str], relationship_files: list[str], statements: list[str]) -> str:
    arguments = ["neo4j-admin", "database", "import", "full"]
    arguments += [f"--nodes={name}" for name in node_files]
    arguments += [f"--relationships={name}" for name in relationship_files]
    arguments += ["--array-delimiter=U+001F", "--multiline-fields=true", "--legacy-style-quoting=false",
                  "--id-type=string", "--overwrite-destination=true", "neo4j"]
    lines = [
        "# Import the policykg CSV files into the (stopped) Neo4j database 'neo4j', replacing it.",
        "# Run from this folder, with NEO4J_HOME (and NEO4J_CONF if needed) set for the target server:",
        " ".join(shlex.quote(a) for a in arguments),
        "#",
        "# Then start the server and create the constraints and indexes (e.g. with cypher-shell):",
    ]
    lines += [f"#   {statement};" for statement in statements]
    return "\n".join(lines) + "\n"


def write_neo4j_csv(graph: nx.MultiDiGraph, folder: str | Path) -> list[Path]:
    """Write the ``neo4j-admin`` import files of ``graph`` into ``folder``; the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [atomic_write_text(folder / name, text) for name, text in neo4j_csv_files(graph).items()]


def load_csv_statements(folder_url: str, projection: PropertyGraph) -> list[str]:
    """``LOAD CSV`` statements that read the files of :func:`write_neo4j_csv` from ``folder_url``
    (a ``file:///`` URL the server can read) — for servers where ``neo4j-admin`` cannot run.

    Caveat: with the server's default ``db.import.csv.legacy_quote_escaping=true``,
    LOAD CSV reads ``\\"`` inside a quoted field as an escaped quote, so text holding a
    backslash right before a double quote is mangled (or the file refused);
    ``neo4j-admin`` with ``--legacy-style-quoting=false`` reads it correctly.
    """
    schema = projection.schema
    statements = []

    def value(name: str, type_: str) -> str:
        field = f"row.{cypher_name(_column(name, type_))}"
        if type_ == INT64:
            return f"toInteger({field})"
        if type_ == DOUBLE:
            return f"toFloat({field})"
        if type_ == BOOLEAN:
            return f"({field} = 'true')"
        if type_ == DATE:
            return f"date({field})"
        # an empty field is an absent property, except for the provenance lists, which are always there
        empty = "[]" if name in PROVENANCE_NAMES else "null"
        if type_ == STRING_LIST:
            return f"coalesce(split({field}, '\\u001f'), {empty})"
        if type_ == INT64_LIST:
            return f"CASE WHEN {field} IS NULL THEN {empty} ELSE [x IN split({field}, '\\u001f') | toInteger(x)] END"
        return field

    for label, columns in schema.nodes.items():
        props = ", ".join(f"{cypher_name(n)}: {value(n, t)}" for n, t in columns if n != "iri")
        statements.append(
            f"LOAD CSV WITH HEADERS FROM '{folder_url}/nodes-{label}.csv' AS row "
            f"CALL (row) {{ MERGE (n:{MARKER} {{iri: row.`iri:ID(PolicyKG)`}}) SET n:{cypher_name(label)} "
            f"SET n += {{{props}}} }} IN TRANSACTIONS OF 1000 ROWS")
    for type_, columns in schema.relationship_properties.items():
        props = ", ".join(f"{cypher_name(n)}: {value(n, t)}" for n, t in columns)
        statements.append(
            f"LOAD CSV WITH HEADERS FROM '{folder_url}/relationships-{type_}.csv' AS row "
            f"CALL (row) {{ MATCH (a:{MARKER} {{iri: row.`:START_ID(PolicyKG)`}}) "
            f"MATCH (b:{MARKER} {{iri: row.`:END_ID(PolicyKG)`}}) MERGE (a)-[r:{cypher_name(type_)}]->(b) "
            f"SET r += {{{props}}} }} IN TRANSACTIONS OF 1000 ROWS")
    return statements
