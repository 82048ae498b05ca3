"""Shared fixtures: the seed graph is built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from policykg.graph.build import build_graph
from policykg.loaders import load_document, seed_path

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """The user's NEO4J_* variables (their own server) give way to the test server's for the session."""
    from neo4j_server import shield

    config.stash[_USER_NEO4J] = shield(os.environ)


def pytest_unconfigure(config: pytest.Config) -> None:
    from neo4j_server import restore

    restore(os.environ, config.stash.get(_USER_NEO4J, {}))


_USER_NEO4J = pytest.StashKey[dict]()


def pytest_report_header() -> str:
    from policykg.graph.pipeline import compiled_modules

    return f"policykg: {'extractor compiled with mypyc' if compiled_modules() else 'pure Python'}"


@pytest.fixture(scope="session")
def seed_document():
    return load_document(seed_path())


@pytest.fixture(scope="session")
def seed_graph(seed_document):
    return build_graph([seed_document])


@pytest.fixture(scope="session")
def annotation() -> dict:
    """An independent annotation of the seed, made by reading it (not by running policykg)."""
    return yaml.safe_load((FIXTURES / "seed_annotation.yaml").read_text(encoding="utf-8"))


def nodes(graph, type_: str) -> list[dict]:
    return [dict(data, iri=iri) for iri, data in graph.nodes(data=True) if data["type"] == type_]


def targets(graph, source: str, relation: str) -> list[str]:
    return sorted(t for _, t, key in graph.out_edges(source, keys=True) if key == relation)


def sources(graph, target: str, relation: str) -> list[str]:
    return sorted(s for s, _, key in graph.in_edges(target, keys=True) if key == relation)


#: A value of each string parameter of the catalogue that returns rows on the seed: each hostile-value
#: test first runs its query with it, so that an empty answer to the hostile value means something.
BENIGN_VALUES = {
    "organisation": "Home Office", "name": "Ofsted", "from": "Home Office", "to": "Ofsted", "kind": "inspectorate",
    "iri": "https://w3id.org/policykg/id/recommendation/iicsa/13", "inquiry": "IICSA",
}
