"""The Neo4j server the tests may use: the one ``scripts/neo4j-server`` started, never the user's.

``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` are what users set for
their own server or Aura (see the README); the tests wipe ``:PolicyKG`` nodes and try wrong
passwords, so they must never reach it.  They take the test server from variables of their own,
``POLICYKG_TEST_NEO4J_URI`` and ``POLICYKG_TEST_NEO4J_PASSWORD`` (``scripts/test`` exports them
with ``eval "$(scripts/neo4j-server env)"``), else from the state the server script keeps in its
home (:func:`policykg.queries.neo4j.script_server`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from policykg.queries.neo4j import DEFAULT_USER, script_server

#: The variables that name a user's own server: hidden from the whole test session (see :func:`shield`).
USER_VARIABLES = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")


def neo4j_test_server(environ: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """Connection settings (``uri``, ``user``, ``password``, ``database``) of the test server, or None if there is none."""
    environ = os.environ if environ is None else environ
    if uri := environ.get("POLICYKG_TEST_NEO4J_URI"):
        return {"uri": uri, "user": environ.get("POLICYKG_TEST_NEO4J_USER") or DEFAULT_USER,
                "password": environ.get("POLICYKG_TEST_NEO4J_PASSWORD") or None, "database": None}
    found = script_server()
    if found is None:
        return None
    return {"uri": found.uri, "user": found.user, "password": found.password, "database": None}


def shield(environ: dict[str, str] | os._Environ) -> dict[str, str]:
    """Replace the user's ``NEO4J_*`` variables in ``environ`` by the test server's (or drop them when
    there is none), so that no code path of the library or of a command run by a test, which fall
    back on these variables, can reach the user's server; returns the user's values for :func:`restore`."""
    saved = {name: environ[name] for name in USER_VARIABLES if name in environ}
    for name in USER_VARIABLES:
        environ.pop(name, None)
    server = neo4j_test_server(environ)
    if server is not None:
        environ["NEO4J_URI"], environ["NEO4J_USER"] = server["uri"], server["user"]
        if server["password"]:
            environ["NEO4J_PASSWORD"] = server["password"]
    return saved


def restore(environ: dict[str, str] | os._Environ, saved: dict[str, str]) -> None:
    """Put back the variables :func:`shield` took away."""
    for name in USER_VARIABLES:
        environ.pop(name, None)
    environ.update(saved)
