"""Building from files: parallel extraction and the incremental cache give the same graph as a clean serial build."""

from __future__ import annotations

import shutil

import pytest

from policykg.errors import PolicyKGError
from policykg.graph import pipeline
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


def _topics(folder, count):
    """``count`` small documents with distinct titles, so that each adds its own nodes."""
    topics = ["knife crime", "serious violence", "fraud", "drug misuse", "county lines", "online harms", "retail crime"]
    for number, topic in enumerate(topics[:count], start=1):
        text = SMALL.replace("knife crime", topic).replace("3 March", f"{number} March")
        (folder / f"t{number}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_build_with_chunks_equals_serial_and_reports_each_path_once(corpus, monkeypatch, jobs):
    _topics(corpus, 7)
    monkeypatch.setattr(pipeline, "CHUNK", 2)  # several chunks per worker, merged in their places
    files = paths(corpus)
    own, chunks = pipeline._plan(files, files, jobs)
    assert own and len(chunks) >= 2 and sorted([*own, *(p for c in chunks for p in c)]) == files  # the split is exercised
    serial, _ = build_from_paths(files, jobs=1)
    seen = []
    parallel, report = build_from_paths(files, jobs=jobs, progress=seen.append)
    assert dumps(parallel) == dumps(serial) and report.extracted == len(files)
    assert sorted(seen) == files  # every path exactly once
    twice, _ = build_from_paths([*files, files[-1], files[0]], jobs=jobs)
    assert dumps(twice) == dumps(serial)


def test_parallel_build_keeps_the_first_document_s_properties(corpus, monkeypatch):
    """Two documents of the same title and date share IRIs (document, paragraphs, commitments) but say different
    things: the first in path order sets a node's properties, whichever process extracted it.  Six such pairs,
    in chunks of three, so that pairs sit inside a chunk and across chunks (and across the parent's share)."""
    topics = ["fraud", "drug misuse", "county lines", "online harms", "retail crime", "road safety"]
    for number, topic in enumerate(topics, start=1):
        for version, deadline in (("a", "June 2026"), ("b", "July 2027")):
            text = SMALL.replace("knife crime", topic).replace("June 2026", deadline)
            (corpus / f"p{number}{version}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    files = paths(corpus)
    serial, _ = build_from_paths(files, jobs=1)
    backward, _ = build_from_paths(list(reversed(files)), jobs=1)
    assert dumps(backward) != dumps(serial)  # order matters for this corpus, so the comparisons below can fail
    for jobs in (2, 3):
        parallel, _ = build_from_paths(files, jobs=jobs)
        assert dumps(parallel) == dumps(serial)
    deadlines = {d.get("deadline") for _, d in serial.nodes(data=True) if d["type"] == "Commitment" and "action plan" in d["text"]}
    assert deadlines == {"2026-06-30"}  # each pair's first file (…a.txt) says June 2026


@pytest.mark.parametrize("bad", ["a-first.txt", "z-last.txt"])
def test_parallel_build_stops_at_a_bad_document_in_either_share(corpus, bad):
    _topics(corpus, 5)
    (corpus / bad).write_bytes(bytes(range(256)) * 20)
    with pytest.raises(PolicyKGError, match=bad):
        build_from_paths(paths(corpus), jobs=2)


def test_parallel_build_with_cache_equals_serial(corpus, tmp_path, monkeypatch):
    _topics(corpus, 5)
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    cache = tmp_path / "cache"
    files = paths(corpus)
    first, report = build_from_paths(files, jobs=2, cache_dir=cache)
    assert (report.extracted, report.cached) == (len(files), 0) and len(list(cache.glob("*.json"))) == len(files)
    assert dumps(first) == dumps(build_from_paths(files)[0])
    (corpus / "t4.txt").write_text(SMALL.replace("by June 2026", "by July 2026"), encoding="utf-8")
    seen = []
    changed, report = build_from_paths(files, jobs=2, cache_dir=cache, progress=seen.append)
    assert (report.extracted, report.cached) == (1, len(files) - 1) and sorted(seen) == files
    assert dumps(changed) == dumps(build_from_paths(files)[0])


def test_parallel_build_mints_under_the_settings_passed_in_workers_too(corpus, monkeypatch):
    """Workers get the settings as an argument (the parent's active ones do not cross processes)."""
    from policykg.settings import Settings

    _topics(corpus, 5)
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    monkeypatch.delenv("POLICYKG_BASE", raising=False)
    files = paths(corpus)
    settings = Settings(base="https://elsewhere.example/kg/")
    serial, _ = build_from_paths(files, jobs=1, settings=settings)
    parallel, report = build_from_paths(files, jobs=2, settings=settings)
    assert report.extracted == len(files) and dumps(parallel) == dumps(serial)
    assert all(iri.startswith(settings.base) for iri in parallel)
    assert "https://w3id.org/policykg/id/" not in dumps(parallel)


@pytest.mark.parametrize("cache", [False, True])
def test_keep_going_workers_mint_under_the_settings_passed_and_report_the_bad_document(corpus, monkeypatch, tmp_path, cache):
    """--keep-going and the settings both reach the workers: the bad document is left out wherever it
    was extracted, and every other one is minted under the settings passed in."""
    from policykg.settings import Settings

    _topics(corpus, 5)
    (corpus / "t3.txt").write_bytes(b"\x00\x01 not a document")
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    monkeypatch.delenv("POLICYKG_BASE", raising=False)
    files = paths(corpus)
    settings = Settings(base="https://elsewhere.example/kg/")
    cache_dir = tmp_path / "cache" if cache else None
    serial, serial_report = build_from_paths(files, jobs=1, keep_going=True, settings=settings)
    parallel, report = build_from_paths(files, jobs=2, keep_going=True, settings=settings, cache_dir=cache_dir)
    assert [error.path for error in report.failed] == [error.path for error in serial_report.failed] == [str(corpus / "t3.txt")]
    assert report.extracted == len(files) - 1 and dumps(parallel) == dumps(serial)
    assert all(iri.startswith(settings.base) for iri in parallel)
    assert "https://w3id.org/policykg/id/" not in dumps(parallel)
