"""The tests find their Neo4j server through variables of their own or the server script's state,
never through the NEO4J_* variables a user sets for their own server (no server needed here)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from neo4j_server import USER_VARIABLES, neo4j_test_server, restore, shield

from policykg.queries.neo4j import script_server

ROOT = Path(__file__).resolve().parents[1]
USERS = {"NEO4J_URI": "neo4j+s://users-own.databases.neo4j.io", "NEO4J_USER": "alice", "NEO4J_PASSWORD": "users-secret",
         "NEO4J_DATABASE": "production"}


@pytest.fixture()
def script_home(tmp_path, monkeypatch) -> Path:
    """A home of scripts/neo4j-server that has started a server on port 7699."""
    (tmp_path / "neo4j.port").write_text("7699\n")
    (tmp_path / "neo4j.password").write_text("script-password")
    monkeypatch.setenv("POLICYKG_NEO4J_HOME", str(tmp_path))
    for name in ("POLICYKG_TEST_NEO4J_URI", "POLICYKG_TEST_NEO4J_PASSWORD", "POLICYKG_TEST_NEO4J_USER"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_the_test_server_comes_from_the_script_s_state_not_the_user_s_variables(script_home):
    environ = {**USERS, "POLICYKG_NEO4J_HOME": str(script_home)}
    assert neo4j_test_server(environ) == {"uri": "bolt://127.0.0.1:7699", "user": "neo4j", "password": "script-password",
                                          "database": None}


def test_the_test_server_variables_come_first(script_home):
    environ = {**USERS, "POLICYKG_TEST_NEO4J_URI": "bolt://127.0.0.1:7700", "POLICYKG_TEST_NEO4J_PASSWORD": "exported"}
    assert neo4j_test_server(environ) == {"uri": "bolt://127.0.0.1:7700", "user": "neo4j", "password": "exported", "database": None}


def test_without_a_test_server_there_is_none_whatever_the_user_set(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_NEO4J_HOME", str(tmp_path / "never-started"))
    assert script_server() is None
    assert neo4j_test_server(dict(USERS)) is None


def test_a_script_that_kept_no_password_file_used_its_default(script_home):
    (script_home / "neo4j.password").unlink()
    assert script_server().password == "policykg-test"
    (script_home / "neo4j.password").write_text("")  # NEO4J_AUTH=none
    assert script_server().password is None


def test_the_session_hides_the_user_s_variables_behind_the_test_server_s(script_home):
    environ = dict(USERS)
    saved = shield(environ)
    assert environ == {"NEO4J_URI": "bolt://127.0.0.1:7699", "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "script-password"}
    restore(environ, saved)
    assert environ == USERS


def test_this_session_never_sees_the_user_s_variables():
    """conftest.py shielded them before any test ran (the library falls back on them)."""
    assert all(os.environ.get(name) != value for name, value in USERS.items())
    from policykg.queries.neo4j import settings

    found = neo4j_test_server()
    assert settings().uri == (found["uri"] if found else "bolt://127.0.0.1:7687")


def test_scripts_pass_their_own_variables_only():
    """The server script sets its password from POLICYKG_NEO4J_PASSWORD, and scripts/test exports the test
    server's variables; neither reads the user's NEO4J_URI or NEO4J_PASSWORD."""
    server = (ROOT / "scripts" / "neo4j-server").read_text()
    assert not any(f"{sign}{name}" in server for sign in ("$", "${") for name in ("NEO4J_PASSWORD", "NEO4J_URI"))
    assert 'eval "$(scripts/neo4j-server env)"' in (ROOT / "scripts" / "test").read_text()
    for name in USER_VARIABLES:
        assert f"os.environ.get(\"{name}\")" not in (ROOT / "tests" / "test_neo4j.py").read_text()
    usage = subprocess.run(["bash", str(ROOT / "scripts" / "neo4j-server"), "no-such-command"], capture_output=True, text=True)
    assert usage.returncode == 2 and "env" in usage.stderr
