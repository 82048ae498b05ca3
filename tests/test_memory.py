"""Extreme input costs bounded memory and time: a graph (with a one-line warning) or a one-line error.

Two adversarial shapes of about 1 MB, each one paragraph: 19,000 committing sentences ("The Home
Office will publish guidance by March 2026."), and one sentence naming bodies 56,000 times.
Before the per-paragraph limits (``policykg.graph.build.MAX_*``) the first took ~200 MB per MB of
text and minutes, scaling to 2.1 GB and 3.7 min for 10 MB.

The bound, 50× the file size, is peak memory traced by tracemalloc while loading and building
(``load_document`` + ``build_graph``), with the packaged reference list already loaded.  A
paragraph within the limits costs about 3 KB per commitment in networkx nodes, edges and
provenance sets, so 500 sentences are ~2 MB; the text itself is held two or three times (file
text, paragraph text, quotes sharing it).  That is ~17× for the 1 MB file; 50× leaves room for
Python versions and allocator differences while still catching a return to per-sentence growth.
"""

from __future__ import annotations

import logging
import time
import tracemalloc
from pathlib import Path

import pytest

from policykg.errors import PolicyKGError
from policykg.graph.build import MAX_ITEMS_PER_PARAGRAPH, MAX_MENTIONS_PER_PARAGRAPH, build_graph, load_annotations
from policykg.graph.mentions import Gazetteer
from policykg.loaders import load_document

SIZE = 1_000_000
BOUND = 50  # × file size
HEADER = "Adversarial input\nPublished 9 April 2025\nSection\n1. "


def committing_sentences(size: int) -> str:
    sentence = "The Home Office will publish guidance by March 2026. "
    return HEADER + sentence * (size // len(sentence)) + "\n"


def many_mentions(size: int) -> str:
    names = ["the Home Office", "Ofsted", "the Care Quality Commission (CQC)", "the Crime and Policing Bill",
             "DHSC", "the Upland Farming Board", "the NSPCC"]
    named, length = [], 0
    while length < size:
        named.append(names[len(named) % len(names)])
        length += len(named[-1]) + 2
    return HEADER + "We will work with " + ", ".join(named) + ".\n"


@pytest.fixture(scope="module")
def curated():
    return Gazetteer.packaged(), load_annotations()


@pytest.mark.parametrize("make", [committing_sentences, many_mentions])
def test_one_huge_paragraph_gives_a_graph_in_bounded_memory(make, curated, tmp_path, caplog):
    path = Path(tmp_path / f"{make.__name__}.txt")
    path.write_text(make(SIZE), encoding="utf-8")
    size = path.stat().st_size
    gazetteer, annotations = curated
    started = time.perf_counter()
    tracemalloc.start()
    try:
        with caplog.at_level(logging.WARNING, logger="policykg"):
            try:
                graph = build_graph([load_document(path)], gazetteer=gazetteer, annotations=annotations)
            except PolicyKGError as error:  # the other acceptable outcome: one line, naming the file
                graph, message = None, str(error)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    seconds = time.perf_counter() - started
    print(f"{make.__name__}: {size / 1e6:.1f} MB, peak {peak / 1e6:.0f} MB ({peak / size:.0f}× the file), {seconds:.1f} s")

    assert peak < BOUND * size, f"peak {peak / 1e6:.0f} MB is {peak / size:.0f}× the file size"
    if graph is None:
        assert "\n" not in message and str(path) in message
        return
    assert graph.number_of_nodes() > 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "\n" not in warnings[0] and str(path) in warnings[0] and "paragraph p1" in warnings[0]
    commitments = [n for n, d in graph.nodes(data=True) if d["type"] == "Commitment"]
    if make is committing_sentences:
        assert len(commitments) == MAX_ITEMS_PER_PARAGRAPH  # the first sentences, analysed as usual
        assert str(MAX_ITEMS_PER_PARAGRAPH) in warnings[0]
    else:
        assert len(commitments) == 1 and f"{MAX_MENTIONS_PER_PARAGRAPH:,}" in warnings[0]


def test_paragraphs_within_the_limits_warn_nothing(curated, caplog):
    from policykg.loaders import seed_path

    gazetteer, annotations = curated
    with caplog.at_level(logging.WARNING, logger="policykg"):
        build_graph([load_document(seed_path())], gazetteer=gazetteer, annotations=annotations)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("format", ["ntriples", "turtle"])
def test_rdf_files_are_written_without_the_whole_document_in_memory(format, tmp_path):
    """Writing N-Triples or Turtle streams from the sorted triples to the file: the peak beyond the
    graph is the triples grouped by subject (about the N-Triples size), not the joined document, its
    bytes and the serialiser's output on top (about 4-5x, which made `policykg build` of 100 documents
    peak at 2 GB)."""
    from policykg.export import export
    from policykg.loaders import seed_path
    from policykg.ontology.rdf import to_ntriples

    graph = build_graph([load_document(seed_path())])
    ntriples_size = len(to_ntriples(graph).encode("utf-8"))
    tracemalloc.start()
    try:
        export(graph, format, tmp_path / "graph.out")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (tmp_path / "graph.out").stat().st_size > 0
    assert peak < 2.5 * ntriples_size, (peak, ntriples_size)
