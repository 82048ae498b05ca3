"""Neo4j: load the property graph into a server over Bolt, and run Cypher there.

Connection settings come only from arguments or the environment:
``NEO4J_URI`` (default ``bolt://127.0.0.1:7687``, the server ``scripts/neo4j-server``
starts), ``NEO4J_USER`` (default ``neo4j``), ``NEO4J_PASSWORD`` (no default: without
one the driver connects without authentication) and ``NEO4J_DATABASE`` (default:
the server's default database). The password is never printed or logged; every
connection problem (wrong credentials, unreachable server, unknown database, a
``+s`` URI against a server without TLS) is a :class:`PolicyKGError` with one line.

Loading (:func:`load_neo4j`) uses the projection of
:mod:`policykg.graph.property_graph`:

1. constraints and indexes, all ``IF NOT EXISTS``: ``iri`` unique on the marker
   label ``PolicyKG`` (every node we write carries it, so relationships find their
   ends through that one index) and on every node label; indexes on the lookup
   properties ``label``, ``number``, ``kind`` and ``deadline_end`` where a label has them;
2. with ``wipe=True``: ``DETACH DELETE`` of ``(n:PolicyKG)`` nodes, in batches —
   other data in the database is left alone;
3. nodes, per label, in batches of ``batch_size`` rows, one transaction each:
   ``UNWIND $rows AS row MERGE (n:PolicyKG {iri: row.iri}) SET n:Label, n += row.props``;
4. relationships, per type, in batches: ``MATCH (a:PolicyKG {iri: row.source})
   MATCH (b:PolicyKG {iri: row.target}) MERGE (a)-[r:TYPE]->(b) SET r += row.props``.

Every statement is a ``MERGE``, so loading twice gives the same graph, and a load
that stopped part way (a failed batch rolls back alone) is completed by running it
again. Dates are sent as ``datetime.date`` and stored as Neo4j ``DATE`` values.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import PolicyKGError, QueryError
from policykg.graph.property_graph import PGSchema, PropertyGraph, project
from policykg.queries.catalogue import checked_params

# The driver logs connection failures as warnings; without a handler Python would
# print them on stderr next to our one-line error. Applications can still attach
# their own handlers to the "neo4j" logger.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
MARKER = "PolicyKG"
LOOKUP_PROPERTIES = ("label", "number", "kind", "deadline_end")
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str | None
    database: str | None

    def __repr__(self) -> str:  # never show the password
        return f"Neo4jSettings(uri={display_uri(self.uri)!r}, user={self.user!r}, password={'***' if self.password else None}, database={self.database!r})"


def display_uri(uri: str) -> str:
    """``uri`` without any ``user:password@`` part, for messages."""
    return re.sub(r"^([A-Za-z0-9+.-]+://)[^/@]*@", r"\1", uri)


def settings(uri: str | None = None, user: str | None = None, password: str | None = None,
             database: str | None = None) -> Neo4jSettings:
    """Connection settings: arguments first, then ``NEO4J_*`` environment variables, then defaults."""
    return Neo4jSettings(
        uri=uri or os.environ.get("NEO4J_URI") or DEFAULT_URI,
        user=user or os.environ.get("NEO4J_USER") or DEFAULT_USER,
        password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
        database=database or os.environ.get("NEO4J_DATABASE") or None,
    )


#: The password ``scripts/neo4j-server`` gives user ``neo4j`` unless told otherwise (``POLICYKG_NEO4J_PASSWORD``).
SCRIPT_PASSWORD = "policykg-test"


def script_server(home: str | Path | None = None) -> Neo4jSettings | None:
    """The server ``scripts/neo4j-server`` started on this machine, from the state the script keeps in
    its home (``home``, else ``POLICYKG_NEO4J_HOME``, else ``~/.cache/policykg/neo4j``): the port in
    ``neo4j.port`` and the password in ``neo4j.password``.  None if it never started one there.

    Never read from ``NEO4J_URI``/``NEO4J_PASSWORD``: those name the user's own server, which
    the tests and benchmarks that use this must not touch.
    """
    folder = Path(home or os.environ.get("POLICYKG_NEO4J_HOME") or Path.home() / ".cache" / "policykg" / "neo4j")
    try:
        port = int((folder / "neo4j.port").read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    try:
        password = (folder / "neo4j.password").read_text(encoding="utf-8")
    except FileNotFoundError:  # started by a version of the script that kept no password file
        password = SCRIPT_PASSWORD
    return Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", user=DEFAULT_USER, password=password or None, database=None)


def _first_line(exc: BaseException, secret: str | None = None) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    line = str(message).strip().splitlines()[0] if str(message).strip() else type(exc).__name__
    if secret:
        line = line.replace(secret, "***")
    return line


def _reason(exc: BaseException, secret: str | None) -> str:
    """The useful part of a driver connection error, e.g. ``[Errno 111] Connection refused``."""
    text = str(getattr(exc, "message", None) or exc)
    match = re.search(r"(\[Errno -?\d+\][^\n]*?)\)?\s*(?:$|\n)", text)
    return match.group(1).strip() if match else _first_line(exc, secret)


def connection_error(exc: BaseException, config: Neo4jSettings) -> PolicyKGError:
    """A one-line, password-free error for a failure to connect or authenticate."""
    from neo4j import exceptions as neo

    where = f"Neo4j at {display_uri(config.uri)}"
    tls = "+s" in config.uri.split("://")[0]
    if isinstance(exc, neo.AuthError):
        hint = "set NEO4J_PASSWORD" if not config.password else "check NEO4J_USER and NEO4J_PASSWORD"
        return PolicyKGError(f"{where} refused the credentials of user {config.user!r} ({hint})")
    code = getattr(exc, "code", None) or ""
    if code == "Neo.ClientError.Security.AuthenticationRateLimit":
        return PolicyKGError(f"{where} is refusing user {config.user!r} for a few seconds after repeated failed logins "
                             "(check NEO4J_USER and NEO4J_PASSWORD, then retry)")
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return PolicyKGError(f"{where} has no database {config.database!r} (check NEO4J_DATABASE)")
    if isinstance(exc, (neo.ServiceUnavailable, neo.SessionExpired, OSError)):
        if tls:
            return PolicyKGError(f"cannot open a TLS connection to {where}: is TLS enabled on the server? "
                                 "(use bolt:// or neo4j:// for a plain connection)")
        return PolicyKGError(f"cannot reach {where} ({_reason(exc, config.password)}); "
                             "start it with `scripts/neo4j-server start` or set NEO4J_URI")
    return PolicyKGError(f"{where}: {_first_line(exc, config.password)}")


class Connection:
    """A verified driver plus the database name; a context manager."""

    def __init__(self, config: Neo4jSettings) -> None:
        from neo4j import GraphDatabase
        from neo4j import exceptions as neo

        self.config = config
        scheme = config.uri.split("://", 1)[0].lower() if "://" in config.uri else ""
        if scheme not in SCHEMES:
            raise PolicyKGError(f"NEO4J_URI must start with one of {', '.join(s + '://' for s in SCHEMES)}, "
                                f"not {display_uri(config.uri)!r}")
        auth = (config.user, config.password) if config.password else None
        try:
            self.driver = GraphDatabase.driver(config.uri, auth=auth, connection_timeout=10.0,
                                               max_transaction_retry_time=5.0, user_agent="policykg",
                                               notifications_min_severity="OFF")
        except (neo.ConfigurationError, ValueError) as exc:
            raise PolicyKGError(f"bad Neo4j settings for {display_uri(config.uri)}: {_first_line(exc, config.password)}") from None
        try:
            with self.session() as session:
                session.run("RETURN 1").consume()
        except (neo.Neo4jError, neo.DriverError, OSError) as exc:
            self.driver.close()
            raise connection_error(exc, config) from None

    def session(self, **kwargs: Any):
        return self.driver.session(database=self.config.database, **kwargs)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def connect(uri: str | None = None, user: str | None = None, password: str | None = None,
            database: str | None = None) -> Connection:
    """A verified connection (:class:`PolicyKGError` with one line if it cannot be had)."""
    return Connection(settings(uri, user, password, database))


# -- statements (shared with the Cypher script export) -----------------------
def quote_name(name: str) -> str:
    """A label, type or property name as a Cypher identifier."""
    if name.isidentifier() and name.isascii():
        return name
    return "`" + name.replace("`", "``") + "`"


def _index_name(*parts: str) -> str:
    return "policykg_" + "_".join(part.lower() for part in parts)


def schema_statements(schema: PGSchema) -> list[str]:
    """Constraints and indexes (idempotent: ``IF NOT EXISTS``)."""
    statements = [f"CREATE CONSTRAINT {_index_name(MARKER, 'iri')} IF NOT EXISTS FOR (n:{MARKER}) REQUIRE n.iri IS UNIQUE"]
    for label, columns in schema.nodes.items():
        statements.append(f"CREATE CONSTRAINT {_index_name(label, 'iri')} IF NOT EXISTS "
                          f"FOR (n:{quote_name(label)}) REQUIRE n.iri IS UNIQUE")
        names = {name for name, _ in columns}
        for prop in LOOKUP_PROPERTIES:
            if prop in names:
                statements.append(f"CREATE INDEX {_index_name(label, prop)} IF NOT EXISTS "
                                  f"FOR (n:{quote_name(label)}) ON (n.{quote_name(prop)})")
    return statements


def node_statement(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{MARKER} {{iri: row.iri}}) SET n:{quote_name(label)}, n += row.props"


def relationship_statement(type_: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{MARKER} {{iri: row.source}}) MATCH (b:{MARKER} {{iri: row.target}}) "
            f"MERGE (a)-[r:{quote_name(type_)}]->(b) SET r += row.props")


WIPE_STATEMENT = f"MATCH (n:{MARKER}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"


def batches(projection: PropertyGraph, batch_size: int) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """``(kind, statement, rows)`` for every batch: nodes per label, then relationships per type."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for node in projection.nodes:
        by_label.setdefault(node.label, []).append({"iri": node.iri, "props": node.properties})
    for label, rows in by_label.items():
        for start in range(0, len(rows), batch_size):
            yield "nodes", node_statement(label), rows[start:start + batch_size]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for rel in projection.relationships:
        by_type.setdefault(rel.type, []).append({"source": rel.source, "target": rel.target, "props": rel.properties})
    for type_, rows in by_type.items():
        for start in range(0, len(rows), batch_size):
            yield "relationships", relationship_statement(type_), rows[start:start + batch_size]


def server_counts(connection: Connection) -> dict[str, int]:
    """Nodes and relationships of ours now in the database."""
    with connection.session() as session:
        nodes = session.run(f"MATCH (n:{MARKER}) RETURN count(n) AS c").single()["c"]
        rels = session.run(f"MATCH (:{MARKER})-[r]->(:{MARKER}) RETURN count(r) AS c").single()["c"]
    return {"nodes": nodes, "relationships": rels}


def delete_policykg_nodes(connection: Connection, batch_size: int = 10000) -> int:
    """Delete every ``PolicyKG`` node (and its relationships) in batches; the number deleted."""
    total = 0
    with connection.session() as session:
        while True:
            deleted = session.execute_write(lambda tx: tx.run(WIPE_STATEMENT, limit=batch_size).single()["deleted"])
            total += deleted
            if deleted < batch_size:
                return total


def load_neo4j(graph: nx.MultiDiGraph | None, *, uri: str | None = None, user: str | None = None,
               password: str | None = None, database: str | None = None, wipe: bool = False,
               batch_size: int = 1000, progress: Progress | None = None,
               projection: PropertyGraph | None = None) -> dict[str, Any]:
    """Load ``graph`` into Neo4j; the counts of our nodes and relationships now there.

    ``progress(kind, n)`` is called after each committed batch (``kind`` is
    ``"nodes"`` or ``"relationships"``, ``n`` the rows in the batch). The result
    also holds ``seconds`` (the whole load) and ``batches``.
    """
    from neo4j import exceptions as neo

    if batch_size < 1:
        raise PolicyKGError("batch size must be at least 1")
    if projection is None:
        projection = project(graph)
    started = time.perf_counter()
    with connect(uri, user, password, database) as connection:
        try:
            with connection.session() as session:
                for statement in schema_statements(projection.schema):
                    session.run(statement).consume()
            if wipe:
                delete_policykg_nodes(connection)
            count = 0
            with connection.session() as session:
                for kind, statement, rows in batches(projection, batch_size):
                    session.execute_write(lambda tx, s=statement, r=rows: tx.run(s, rows=r).consume())
                    count += 1
                    if progress:
                        progress(kind, len(rows))
            counts = server_counts(connection)
        except (neo.ServiceUnavailable, neo.SessionExpired, neo.AuthError) as exc:
            raise connection_error(exc, connection.config) from None
        except neo.Neo4jError as exc:
            raise PolicyKGError(f"Neo4j refused the load: {_first_line(exc, connection.config.password)}") from None
    return {**counts, "batches": count, "seconds": round(time.perf_counter() - started, 3)}


class Neo4jEngine:
    """Run Cypher on a Neo4j server that holds the graph (see :func:`load_neo4j`).

    Queries run in read transactions, with parameters bound by the driver.
    """

    language = "cypher"
    name = "neo4j"

    def __init__(self, graph: nx.MultiDiGraph | None = None, *, uri: str | None = None, user: str | None = None,
                 password: str | None = None, database: str | None = None) -> None:
        self.connection: Connection | None = connect(uri, user, password, database)

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph, **settings: Any) -> Neo4jEngine:
        """Load ``graph`` (replacing earlier policykg data) and return an engine on it."""
        load_kwargs = {k: v for k, v in settings.items() if k in {"batch_size", "progress"}}
        connect_kwargs = {k: v for k, v in settings.items() if k not in load_kwargs}
        load_neo4j(graph, wipe=True, **connect_kwargs, **load_kwargs)
        return cls(**connect_kwargs)

    def run(self, text: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        params = checked_params(params)  # the same refusal of out-of-range values on every engine
        from neo4j import READ_ACCESS
        from neo4j import exceptions as neo

        if self.connection is None:
            raise QueryError("the Neo4j engine is closed")
        try:
            with self.connection.session(default_access_mode=READ_ACCESS) as session:
                result = session.run(text, params)
                columns = list(result.keys())
                rows = [list(record.values()) for record in result]
        except (neo.ServiceUnavailable, neo.SessionExpired, neo.AuthError) as exc:
            raise connection_error(exc, self.connection.config) from None
        except neo.Neo4jError as exc:
            raise QueryError(f"Neo4j error: {_first_line(exc, self.connection.config.password)}") from None
        return columns, rows

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
