"""The garbage collector is paused only by the command line and the build pipeline, and a host
program's frozen objects (``gc.freeze()``) stay frozen."""

from __future__ import annotations

import gc

import pytest
from click.testing import CliRunner

import policykg
from policykg.cli import cli
from policykg.export import export
from policykg.graph.model import gc_pauses_allowed, paused_gc
from policykg.graph.pipeline import build_from_paths
from policykg.loaders import seed_path


@pytest.fixture()
def frozen_host():
    """Objects a host program froze, as a server does before forking its workers."""
    assert gc.get_freeze_count() == 0
    kept = [[n] for n in range(20_000)]
    gc.freeze()
    assert still_frozen(kept)
    yield kept
    gc.unfreeze()


def still_frozen(objects: list) -> bool:
    """Whether ``objects`` are all in the permanent generation (in none the collector scans)."""
    scanned = {id(thing) for generation in (0, 1, 2) for thing in gc.get_objects(generation=generation)}
    return gc.get_freeze_count() >= len(objects) and not any(id(thing) in scanned for thing in objects)


@pytest.fixture()
def disables(monkeypatch) -> list[int]:
    """Every call of ``gc.disable`` from now on (it still disables)."""
    calls: list[int] = []
    real = gc.disable

    def disable() -> None:
        calls.append(1)
        real()

    monkeypatch.setattr(gc, "disable", disable)
    return calls


def test_pausing_leaves_a_frozen_host_frozen(frozen_host):
    with gc_pauses_allowed(), paused_gc():
        made = [[n] for n in range(1_000)]
        assert not gc.isenabled()
    assert gc.isenabled() and still_frozen(frozen_host)
    build_from_paths([seed_path()])
    assert still_frozen(frozen_host)
    del made


def test_library_functions_leave_the_host_s_collector_alone(tmp_path, disables):
    enabled_during_build: list[bool] = []
    graph = policykg.build_graph([policykg.load_document(seed_path())],
                                 progress=lambda _: enabled_during_build.append(gc.isenabled()))
    assert enabled_during_build == [True]
    policykg.save_graph(graph, tmp_path / "graph.json")
    policykg.load_graph(tmp_path / "graph.json")
    policykg.to_rdf(graph)
    export(graph, "turtle", tmp_path / "graph.ttl")
    export(graph, "jsonld", tmp_path / "graph.jsonld")
    assert disables == [] and gc.isenabled()


def test_the_pipeline_and_the_command_line_pause_it(tmp_path, monkeypatch, disables):
    build_from_paths([seed_path()])
    assert len(disables) >= 1 and gc.isenabled()
    disables.clear()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "-q"])
    assert result.exit_code == 0, result.output
    assert len(disables) >= 1 and gc.isenabled()
