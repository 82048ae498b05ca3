"""Building from files: parallel extraction and the incremental cache give the same graph as a clean serial build."""

from __future__ import annotations

import shutil

import pytest

from policykg.graph.pipeline import build_from_paths
from policykg.graph.storage import dumps
from policykg.loaders import seed_path

SMALL = """Tackling knife crime: progress update
Published 3 March 2026
Introduction
1. The Home Office will publish a knife crime action plan by June 2026.
2. We will work with Ofsted and the National Crime Agency (NCA) on the Youth Diversion Programme in 2026/27.
"""


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(seed_path(), folder / "seed.txt")
    (folder / "knife.txt").write_text(SMALL, encoding="utf-8")
    (folder / "other.txt").write_text(SMALL.replace("knife crime", "serious violence").replace("3 March", "4 March"), encoding="utf-8")
    return folder


def paths(folder):
    return sorted(folder.glob("*.txt"))


def test_parallel_build_equals_serial(corpus):
    serial, _ = build_from_paths(paths(corpus), jobs=1)
    parallel, report = build_from_paths(paths(corpus), jobs=2)
    assert dumps(parallel) == dumps(serial) and report.extracted == 3


def test_order_of_documents_does_not_matter(corpus):
    forward, _ = build_from_paths(paths(corpus))
    backward, _ = build_from_paths(list(reversed(paths(corpus))))
    assert dumps(forward) == dumps(backward)


def test_incremental_rebuild_extracts_only_the_changed_document(corpus, tmp_path):
    cache = tmp_path / "cache"
    first, report = build_from_paths(paths(corpus), cache_dir=cache)
    assert (report.extracted, report.cached) == (3, 0)
    again, report = build_from_paths(paths(corpus), cache_dir=cache)
    assert (report.extracted, report.cached) == (0, 3) and dumps(again) == dumps(first)
    (corpus / "knife.txt").write_text(SMALL.replace("by June 2026", "by July 2026"), encoding="utf-8")
    changed, report = build_from_paths(paths(corpus), cache_dir=cache)
    assert (report.extracted, report.cached) == (1, 2)
    clean, _ = build_from_paths(paths(corpus))
    assert dumps(changed) == dumps(clean)
    knife = {d.get("deadline") for _, d in changed.nodes(data=True) if d["type"] == "Commitment" and "knife" in d["text"]}
    assert knife == {"2026-07-31"}


@pytest.mark.parametrize("damage", [b"{not json", b"\xff\xfe binary", b'{"policykg_graph": 2, "nodes": [{"iri": 1}]}', b""])
def test_a_damaged_cache_file_is_extracted_again(corpus, tmp_path, damage):
    cache = tmp_path / "cache"
    first, _ = build_from_paths(paths(corpus), cache_dir=cache)
    victim = sorted(cache.glob("*.json"))[0]
    victim.write_bytes(damage)
    again, report = build_from_paths(paths(corpus), cache_dir=cache)
    assert (report.extracted, report.cached) == (1, 2) and dumps(again) == dumps(first)
    assert victim.read_bytes() != damage  # rewritten
