"""Settings: one checked value (base of IRIs, limits, output folder) that is part of every cache key."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from policykg.graph import build
from policykg.graph.pipeline import build_from_paths, document_key
from policykg.graph.storage import load_graph
from policykg.iris import mint
from policykg.loaders import seed_path
from policykg.settings import DEFAULT_BASE_IRI, Limits, Settings, SettingsError, current_settings, using

BASE_A = "https://a.example.org/kg/"
BASE_B = "https://b.example.org/other/"


def run(*args: str, cwd: Path, base: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "POLICYKG_BASE": base}
    return subprocess.run([sys.executable, "-m", "policykg.cli", *args], cwd=cwd, capture_output=True, text=True, env=env)


def built(folder: Path) -> tuple[set[str], int, str]:
    """The node IRIs, the number of edges and the text of ``folder``'s graph.json."""
    graph = load_graph(folder / "graph.json")
    return set(graph.nodes), graph.number_of_edges(), (folder / "graph.json").read_text(encoding="utf-8")


def test_changing_the_base_rebuilds_with_new_iris_and_the_same_graph(tmp_path):
    first = run("build", cwd=tmp_path, base=BASE_A)
    assert first.returncode == 0, first.stderr
    iris_a, edges_a, _ = built(tmp_path / "policykg-out")
    assert all(iri.startswith(BASE_A) for iri in iris_a)

    again = run("build", cwd=tmp_path, base=BASE_B)  # same documents, another base: not "no document changed"
    assert again.returncode == 0, again.stderr
    assert "no document changed" not in again.stderr
    iris_b, edges_b, text_b = built(tmp_path / "policykg-out")
    assert all(iri.startswith(BASE_B) for iri in iris_b) and BASE_A not in text_b

    fresh = run("build", "--no-cache", "-o", "fresh", cwd=tmp_path, base=BASE_B)
    assert fresh.returncode == 0, fresh.stderr
    iris_fresh, edges_fresh, text_fresh = built(tmp_path / "fresh")
    assert (iris_b, edges_b) == (iris_fresh, edges_fresh) and edges_b == edges_a
    assert text_b == text_fresh

    # Without the no-op record, the build reads the per-document cache: entries of base B only.
    (tmp_path / "policykg-out" / "cache" / "last-build.json").unlink()
    cached = run("build", cwd=tmp_path, base=BASE_B)
    assert cached.returncode == 0 and "1 of 1 document(s) unchanged, reused" in cached.stderr, cached.stderr
    assert (tmp_path / "policykg-out" / "graph.json").read_text(encoding="utf-8") == text_fresh

    back = run("build", cwd=tmp_path, base=BASE_A)  # back to A: its cache entries are still right
    assert back.returncode == 0, back.stderr
    assert built(tmp_path / "policykg-out")[:2] == (iris_a, edges_a)


def test_the_base_is_in_the_document_key_and_the_library_build_follows_the_settings(tmp_path):
    seed = seed_path()
    a, b = Settings(base=BASE_A), Settings(base=BASE_B)
    assert document_key(seed, a) != document_key(seed, b)
    assert document_key(seed, a) == document_key(seed, Settings(base=BASE_A, out=tmp_path))  # where it is written: no
    graph_a, _ = build_from_paths([seed], cache_dir=tmp_path, settings=a)
    graph_b, report = build_from_paths([seed], cache_dir=tmp_path, settings=b)
    assert report.cached == 0 and graph_a.number_of_edges() == graph_b.number_of_edges()
    assert all(iri.startswith(BASE_B) for iri in graph_b)
    provenance = {record.document for _, data in graph_b.nodes(data=True) for record in data["provenance"]}
    assert provenance and all(document.startswith(BASE_B) for document in provenance)


def test_settings_are_checked_once_when_made():
    assert Settings(base="https://example.org/kg").base == "https://example.org/kg/"
    assert Settings(base="https://example.org/kg#").base == "https://example.org/kg#"
    for bad in ["", "example.org/kg/", "ftp://example.org/", "https://exa mple.org/", "https://example.org/<x>/", "urn:x:"]:
        with pytest.raises(SettingsError):
            Settings(base=bad)
    with pytest.raises(SettingsError):
        Limits(items_per_paragraph=0)
    with pytest.raises(FrozenInstanceError):
        Settings().base = BASE_A  # type: ignore[misc]
    assert Settings(base=BASE_A).key() != Settings(base=BASE_B).key()
    assert Settings(limits=Limits(links_per_paragraph=5)).key() != Settings().key()


def test_limits_default_to_the_extractor_limits():
    assert Limits() == Limits(build.MAX_ITEMS_PER_PARAGRAPH, build.MAX_MENTIONS_PER_PARAGRAPH, build.MAX_LINKS_PER_PARAGRAPH)


def test_mint_follows_the_active_settings_else_the_environment(monkeypatch):
    monkeypatch.delenv("POLICYKG_BASE", raising=False)
    assert mint("organisation", "Home Office") == DEFAULT_BASE_IRI + "id/organisation/home-office"
    with using(Settings(base=BASE_A)):
        assert mint("organisation", "Home Office") == BASE_A + "id/organisation/home-office"
    monkeypatch.setenv("POLICYKG_BASE", BASE_B)
    assert current_settings().base == BASE_B and mint("theme", "x") == BASE_B + "id/theme/x"


def test_a_bad_base_is_one_line(tmp_path):
    result = run("build", cwd=tmp_path, base="not an iri")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "POLICYKG_BASE" in result.stderr
