"""Neo4j: loading, the catalogue, the exports and the error messages, against a real server.

The server is started before pytest runs (``scripts/neo4j-server start``); these
tests fail, rather than skip, when it cannot be reached. They reach only that server:
``POLICYKG_TEST_NEO4J_URI``/``_PASSWORD`` (``scripts/test`` sets them), else the state
the script keeps (see ``tests/neo4j_server.py``); never the user's ``NEO4J_URI``.

The tests load the seed graph into the server's default database (replacing
earlier ``PolicyKG`` nodes only) and leave it loaded.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import networkx as nx
import pytest
from conftest import BENIGN_VALUES
from neo4j_server import neo4j_test_server
from test_cypher_engines import AWKWARD, CATALOGUE, HOSTILE, STRING_PARAMETERS, answers, awkward_graph, parameter_sets, sample

from policykg.errors import PolicyKGError
from policykg.export.neo4j import execute_cypher_script, load_csv_statements, write_cypher_script, write_neo4j_csv
from policykg.graph.property_graph import project
from policykg.queries.neo4j import Neo4jEngine, connect, delete_policykg_nodes, load_neo4j, server_counts

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
_FOUND = neo4j_test_server()
SETTINGS = _FOUND or {"uri": "", "user": "neo4j", "password": "", "database": None}
URI, PASSWORD = SETTINGS["uri"], SETTINGS["password"] or ""


@pytest.fixture(scope="module")
def server():
    """Fail (not skip) with instructions when the server is not there."""
    if _FOUND is None:
        pytest.fail("Neo4j is needed for these tests: start it with scripts/neo4j-server start (scripts/test does), "
                    "or set POLICYKG_TEST_NEO4J_URI and POLICYKG_TEST_NEO4J_PASSWORD", pytrace=False)
    try:
        connection = connect(**SETTINGS)
    except PolicyKGError as exc:
        pytest.fail(f"Neo4j is needed for these tests: {exc}. (scripts/test starts it before pytest: "
                    "scripts/neo4j-server start)", pytrace=False)
    yield connection
    connection.close()


def graph_counts(graph) -> dict[str, int]:
    return {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}


def snapshot(connection) -> tuple[list, list]:
    """Every PolicyKG node and relationship with labels, type and properties (comparable across load routes)."""
    def plain(value):
        if hasattr(value, "to_native"):
            return value.to_native()
        return value

    with connection.session() as session:
        nodes = sorted((r["iri"], tuple(sorted(r["labels"])), tuple(sorted((k, repr(plain(v))) for k, v in r["props"].items())))
                       for r in session.run("MATCH (n:PolicyKG) RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props"))
        rels = sorted((r["s"], r["t"], r["o"], tuple(sorted((k, repr(plain(v))) for k, v in r["props"].items())))
                      for r in session.run("MATCH (a:PolicyKG)-[r]->(b:PolicyKG) "
                                           "RETURN a.iri AS s, type(r) AS t, b.iri AS o, properties(r) AS props"))
    return nodes, rels


@pytest.fixture(scope="module")
def reference(server, seed_graph):
    """The snapshot after the Python loader: the other routes must give exactly this."""
    load_neo4j(seed_graph, wipe=True, **SETTINGS)
    return snapshot(server)


# -- loading -------------------------------------------------------------------------------
def test_load_twice_gives_the_graph_counts(server, seed_graph):
    first = load_neo4j(seed_graph, wipe=True, **SETTINGS)
    second = load_neo4j(seed_graph, **SETTINGS)
    expected = graph_counts(seed_graph)
    assert {k: first[k] for k in expected} == expected
    assert {k: second[k] for k in expected} == expected
    assert server_counts(server) == expected
    with server.session() as session:
        labels = session.run("MATCH (n:PolicyKG) UNWIND labels(n) AS l RETURN l, count(*) AS c").data()
        constraints = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
        kinds = session.run("MATCH (c:Commitment) WHERE c.deadline_end IS NOT NULL "
                            "RETURN valueType(c.deadline_end) AS t, valueType(c.source_paragraphs) AS p LIMIT 1").single()
    by_label = {r["l"]: r["c"] for r in labels}
    assert by_label["PolicyKG"] == seed_graph.number_of_nodes()
    assert by_label["Commitment"] == sum(1 for _, d in seed_graph.nodes(data=True) if d["type"] == "Commitment")
    assert {"policykg_policykg_iri", "policykg_commitment_iri"} <= constraints
    assert kinds["t"].startswith("DATE") and kinds["p"].startswith("LIST<INTEGER")


def test_wipe_leaves_other_data_alone(server, seed_graph):
    marker = f"policykg-test-{uuid.uuid4()}"
    with server.session() as session:
        session.run("CREATE (:UserData {marker: $m})-[:KNOWS]->(:UserData:Organisation {marker: $m, iri: $m})", m=marker).consume()
    try:
        load_neo4j(seed_graph, wipe=True, **SETTINGS)
        with server.session() as session:
            left = session.run("MATCH (n:UserData {marker: $m}) RETURN count(n) AS c", m=marker).single()["c"]
            rel = session.run("MATCH (:UserData {marker: $m})-[r:KNOWS]->() RETURN count(r) AS c", m=marker).single()["c"]
        assert (left, rel) == (2, 1)
        assert server_counts(server) == graph_counts(seed_graph)
    finally:
        with server.session() as session:
            session.run("MATCH (n:UserData {marker: $m}) DETACH DELETE n", m=marker).consume()


def test_interrupted_load_can_be_rerun(server, seed_graph):
    class Stop(Exception):
        pass

    def stop_after_first_batch(kind, rows):
        raise Stop(f"interrupted after {rows} {kind}")

    with pytest.raises(Stop):
        load_neo4j(seed_graph, wipe=True, batch_size=50, progress=stop_after_first_batch, **SETTINGS)
    partial = server_counts(server)
    assert partial == {"nodes": 50, "relationships": 0}  # the first batch was committed, nothing more
    done = load_neo4j(seed_graph, batch_size=50, **SETTINGS)
    assert {k: done[k] for k in ("nodes", "relationships")} == graph_counts(seed_graph)


def test_progress_reports_every_row(server, seed_graph):
    seen = {"nodes": 0, "relationships": 0}
    load_neo4j(seed_graph, batch_size=300, progress=lambda kind, n: seen.__setitem__(kind, seen[kind] + n), **SETTINGS)
    assert seen == graph_counts(seed_graph)


# -- the catalogue -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def engines(server, seed_graph):
    from policykg.queries.sparql import SparqlEngine

    neo4j = Neo4jEngine.from_graph(seed_graph, **SETTINGS)
    yield SparqlEngine(seed_graph), neo4j
    neo4j.close()


CASES = [pytest.param(name, params, id=f"{name}-{'-'.join(f'{k}={v}' for k, v in params.items()) or 'defaults'}")
         for name in CATALOGUE for params in parameter_sets(name)]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_neo4j_matches_sparql(engines, name, params):
    sparql, neo4j = engines
    assert answers(neo4j, name, params) == answers(sparql, name, params)


@pytest.mark.parametrize(("name", "parameter"), STRING_PARAMETERS)
def test_hostile_parameter_values_match_nothing_on_neo4j(engines, server, seed_graph, name, parameter):
    _, neo4j = engines
    benign = {p.name: sample(p) for p in CATALOGUE[name].parameters if p.required} | {parameter: BENIGN_VALUES[parameter]}
    assert answers(neo4j, name, benign), (name, parameter)  # the query can return rows
    for value in HOSTILE:
        params = {p.name: sample(p) for p in CATALOGUE[name].parameters if p.required}
        params[parameter] = value
        assert answers(neo4j, name, params) == []
    assert server_counts(server) == graph_counts(seed_graph)


def test_queries_run_read_only(engines):
    from policykg.errors import QueryError

    _, neo4j = engines
    with pytest.raises(QueryError):
        neo4j.run("CREATE (:PolicyKG {iri: 'x'})", {})


# -- exports -------------------------------------------------------------------------------
def test_cypher_script_loads_the_same_graph(server, seed_graph, reference, tmp_path):
    script = write_cypher_script(seed_graph, tmp_path / "graph.cypher")
    again = write_cypher_script(seed_graph, tmp_path / "again.cypher")
    assert script.read_bytes() == again.read_bytes()
    text = script.read_text(encoding="utf-8")
    assert text.index("CREATE CONSTRAINT") < text.index(":param rows =>") < text.index("UNWIND $rows")
    with server.session() as session:
        delete_policykg_nodes(server)
        assert session.run("MATCH (n:PolicyKG) RETURN count(n) AS c").single()["c"] == 0
    execute_cypher_script(script, **SETTINGS)
    assert server_counts(server) == graph_counts(seed_graph)
    assert snapshot(server) == reference
    execute_cypher_script(script, **SETTINGS)  # idempotent
    assert server_counts(server) == graph_counts(seed_graph)


def _server_readable_folder(server) -> tuple[Path, str, Path | None]:
    """A folder the server can read CSV from, and its file:// URL (a temporary folder, else one in the import dir)."""
    folder = Path(tempfile.mkdtemp(prefix="policykg-csv-"))
    (folder / "probe.csv").write_text("a\n1\n", encoding="utf-8")
    with server.session() as session:
        try:
            session.run("LOAD CSV FROM $u AS row RETURN count(*) AS c", u=f"file://{folder}/probe.csv").consume()
            return folder, f"file://{folder}", None
        except Exception:
            import_dir = session.run("CALL dbms.listConfig('server.directories.import') YIELD value RETURN value").single()["value"]
    shutil.rmtree(folder)
    name = f"policykg-csv-{uuid.uuid4().hex}"
    folder = Path(import_dir) / name
    folder.mkdir(parents=True)
    return folder, f"file:///{name}", folder


def test_csv_export_loads_the_same_graph_with_load_csv(server, seed_graph, reference):
    folder, url, cleanup = _server_readable_folder(server)
    try:
        paths = write_neo4j_csv(seed_graph, folder)
        assert {p.name for p in paths} >= {"nodes-Commitment.csv", "relationships-LED_BY.csv", "import-command.txt"}
        header = (folder / "nodes-Commitment.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("iri:ID(PolicyKG),:LABEL,label,") and "deadline_end:date" in header
        assert "source_paragraphs:long[]" in header and "paragraph:long" in header
        delete_policykg_nodes(server)
        with server.session() as session:
            for statement in load_csv_statements(url, project(seed_graph)):
                session.run(statement).consume()
        assert server_counts(server) == graph_counts(seed_graph)
        assert snapshot(server) == reference
    finally:
        shutil.rmtree(cleanup or folder, ignore_errors=True)
        load_neo4j(seed_graph, **SETTINGS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_csv_export_imports_with_neo4j_admin(server, seed_graph, tmp_path):
    """Run import-command.txt with neo4j-admin (from the launcher's Maven classpath) into a
    fresh home, start a second server on it, and compare with the Python loader's graph
    (the seed plus awkward text)."""
    target = ROOT / "scripts" / "neo4j" / "target"
    classpath_file, jar = target / "classpath.txt", target / "policykg-neo4j-launcher-1.0.jar"
    assert classpath_file.is_file() and jar.is_file(), "build the launcher first: scripts/neo4j-server build"
    java = shutil.which("java", path=str(Path(os.environ["JAVA_HOME"]) / "bin")) if os.environ.get("JAVA_HOME") else shutil.which("java")
    assert java, "no java on PATH (or JAVA_HOME)"
    classpath = classpath_file.read_text().strip()
    graph = nx.compose(seed_graph, awkward_graph())
    try:
        load_neo4j(graph, wipe=True, **SETTINGS)
        reference = snapshot(server)
    finally:
        load_neo4j(seed_graph, wipe=True, **SETTINGS)
    folder, home = tmp_path / "csv", tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    write_neo4j_csv(graph, folder)
    command = next(line for line in (folder / "import-command.txt").read_text().splitlines() if line.startswith("neo4j-admin "))
    argv = [java, "-Xmx512m", "-cp", classpath, "org.neo4j.cli.AdminTool", *shlex.split(command)[1:]]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert f"{graph.number_of_nodes()} nodes" in done.stdout, done.stdout[-2000:]

    port = _free_port()
    env = {**os.environ, "POLICYKG_NEO4J_HOME": str(home), "NEO4J_BOLT_PORT": str(port), "NEO4J_PASSWORD": PASSWORD,
           "NEO4J_AUTH": "basic", "NEO4J_PAGECACHE": "64m"}
    flags = ["-Xms128m", "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
             "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true"]
    log = (tmp_path / "second-server.log").open("w")
    process = subprocess.Popen([java, *flags, "-cp", f"{jar}:{classpath}", "org.policykg.neo4j.Launcher"],
                               env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while "POLICYKG_NEO4J_READY" not in (tmp_path / "second-server.log").read_text():
            assert process.poll() is None, (tmp_path / "second-server.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "second Neo4j server did not start"
            time.sleep(0.5)
        with connect(uri=f"bolt://127.0.0.1:{port}", user="neo4j", password=PASSWORD) as second:
            assert server_counts(second) == graph_counts(graph)
            assert snapshot(second) == reference
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_awkward_text_is_the_same_by_every_route(server, seed_graph, tmp_path):
    """Line breaks, quotes, backslashes, astral characters, ``;`` and ``//`` through the driver, the script and LOAD CSV."""
    graph = awkward_graph()
    try:
        load_neo4j(graph, wipe=True, **SETTINGS)
        by_driver = snapshot(server)
        with server.session() as session:
            labels = {r["l"] for r in session.run("MATCH (n:Organisation:PolicyKG) RETURN n.label AS l")}
        assert labels == set(AWKWARD)
        delete_policykg_nodes(server)
        execute_cypher_script(write_cypher_script(graph, tmp_path / "awkward.cypher"), **SETTINGS)
        assert snapshot(server) == by_driver
        # LOAD CSV (legacy quote escaping, the server default) cannot read a backslash before a
        # double quote; neo4j-admin can, see test_csv_export_imports_with_neo4j_admin
        plain = awkward_graph(without='\\"')
        load_neo4j(plain, wipe=True, **SETTINGS)
        expected = snapshot(server)
        folder, url, cleanup = _server_readable_folder(server)
        try:
            write_neo4j_csv(plain, folder)
            delete_policykg_nodes(server)
            with server.session() as session:
                for statement in load_csv_statements(url, project(plain)):
                    session.run(statement).consume()
            assert snapshot(server) == expected
        finally:
            shutil.rmtree(cleanup or folder, ignore_errors=True)
    finally:
        load_neo4j(seed_graph, wipe=True, **SETTINGS)



def test_a_user_s_own_server_variables_are_never_used(server, seed_graph):
    """With NEO4J_URI and NEO4J_PASSWORD naming the user's own server (here one that does not exist),
    the tests still load into, and query, the test server, and never try the user's."""
    env = {**os.environ, "NEO4J_URI": "neo4j+s://users-own.invalid:7687", "NEO4J_USER": "alice",
           "NEO4J_PASSWORD": "users-secret", "NEO4J_DATABASE": "production"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header",
                           f"{__file__}::test_load_twice_gives_the_graph_counts", f"{__file__}::test_queries_run_read_only"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "2 passed" in done.stdout, done.stdout[-3000:] + done.stderr[-2000:]
    assert "users-own.invalid" not in done.stdout + done.stderr
    assert server_counts(server) == graph_counts(seed_graph)

# -- errors --------------------------------------------------------------------------------
def _wait_until_logins_are_accepted() -> None:
    """Neo4j locks a user for a few seconds (dbms.security.auth_lock_time) after 3 failed logins."""
    deadline = time.monotonic() + 30
    while True:
        try:
            connect(**SETTINGS).close()
            return
        except PolicyKGError:
            assert time.monotonic() < deadline, "Neo4j still refuses the right password"
            time.sleep(1)


def _one_line_error(call) -> str:
    with pytest.raises(PolicyKGError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message and message
    return message


def test_wrong_password_is_one_line_and_secret(server, seed_graph):
    _wait_until_logins_are_accepted()
    secret = f"wrong-{uuid.uuid4().hex}"
    message = _one_line_error(lambda: connect(**{**SETTINGS, "password": secret}))
    assert "refused the credentials" in message and secret not in message
    # after 3 failures in a row Neo4j locks the user for a few seconds: that message is one line too
    for call in (lambda: load_neo4j(seed_graph, **{**SETTINGS, "password": secret}),
                 lambda: Neo4jEngine(**{**SETTINGS, "password": secret}),
                 lambda: connect(**{**SETTINGS, "password": secret})):
        message = _one_line_error(call)
        assert "NEO4J_PASSWORD" in message and secret not in message
    _wait_until_logins_are_accepted()
    assert server_counts(server) == graph_counts(seed_graph)


def test_password_from_environment_is_never_shown(server, monkeypatch):
    secret = f"env-secret-{uuid.uuid4().hex}"
    monkeypatch.setenv("NEO4J_PASSWORD", secret)
    monkeypatch.setenv("NEO4J_URI", URI)
    message = _one_line_error(lambda: connect())
    assert secret not in message and "NEO4J_PASSWORD" in message
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{_free_port()}")
    assert secret not in _one_line_error(lambda: connect())
    _wait_until_logins_are_accepted()
    from policykg.queries.neo4j import settings
    assert secret not in repr(settings())


def test_unreachable_server_unknown_database_and_tls_are_one_line(server):
    port = _free_port()
    message = _one_line_error(lambda: connect(**{**SETTINGS, "uri": f"bolt://127.0.0.1:{port}"}))
    assert "cannot reach" in message and "scripts/neo4j-server start" in message
    message = _one_line_error(lambda: connect(**{**SETTINGS, "database": "no-such-database"}))
    assert "no database 'no-such-database'" in message
    for scheme in ("bolt+s", "neo4j+s"):
        message = _one_line_error(lambda s=scheme: connect(**{**SETTINGS, "uri": URI.replace("bolt", s, 1)}))
        assert "TLS" in message and PASSWORD not in message
    message = _one_line_error(lambda: connect(**{**SETTINGS, "uri": "http://127.0.0.1:7474"}))
    assert "NEO4J_URI" in message


# Last in the module: it stops and restarts the server itself.
def test_server_stopped_mid_load_then_rerun_completes(server, seed_graph):
    """The real server goes away during a load: a one-line error; once it is back, a rerun completes."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "neo4j-server"
    status = subprocess.run(["bash", str(script), "status"], capture_output=True, text=True)
    assert status.returncode == 0, "this test stops and restarts the server that scripts/neo4j-server started"
    stopped: list[str] = []

    def stop_server(kind: str, rows: int) -> None:
        if not stopped:
            subprocess.run(["bash", str(script), "stop"], check=True, capture_output=True, timeout=120)
            stopped.append(kind)

    with pytest.raises(PolicyKGError) as error:
        load_neo4j(seed_graph, wipe=True, batch_size=20, progress=stop_server, **SETTINGS)
    message = str(error.value)
    assert stopped and "\n" not in message and PASSWORD not in message
    print(f"\nserver stopped mid-load: {message}")
    subprocess.run(["bash", str(script), "start"], check=True, capture_output=True, timeout=300)
    done = load_neo4j(seed_graph, batch_size=200, **SETTINGS)
    assert {k: done[k] for k in ("nodes", "relationships")} == graph_counts(seed_graph)
