"""Each statement's document and each response's place among its recommendation's responses (policykg.graph.previous):
the values ``changes`` reads, the same whatever order the documents are built or merged in."""

from __future__ import annotations

from pathlib import Path

import pytest
from tracker_corpus import REAL_DOCUMENTS, SERIES, write_follow_up_series, write_texts

from policykg.graph.build import build_graph, extract_document, finish_graph, link_documents, load_annotations
from policykg.graph.mentions import Gazetteer
from policykg.graph.merge import merge_graphs
from policykg.graph.pipeline import build_from_paths
from policykg.graph.previous import KEYS, link_previous_responses
from policykg.loaders import load_document

RESPONSE = "https://w3id.org/policykg/id/response/infected-blood-inquiry-"

#: Two more documents of the made-up series: recommendation 2 answered without a status in October, then accepted in
#: part in November (its previous response is September's, with a status, not October's).
MORE = {
    "ibi-letter.txt": """Infected Blood Inquiry: progress update
Published 1 October 2025
This update reports progress on the recommendations of the Infected Blood Inquiry.
Recommendation 2: Patient safety
2. The Government will say more about patient safety in the new year.
""",
    "ibi-november.txt": """Infected Blood Inquiry: further progress update
Published 3 November 2025
This update reports progress on the recommendations of the Infected Blood Inquiry.
Recommendation 2: Patient safety
2. We accept this recommendation in part.
""",
}


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("previous")
    return write_texts(folder, {**SERIES, **MORE}) + write_follow_up_series(folder)


def placed(graph) -> dict[str, tuple]:
    """Every node's values of policykg.graph.previous."""
    return {iri: tuple(data.get(key) for key in KEYS) for iri, data in graph.nodes(data=True)
            if any(key in data for key in KEYS)}


def build(paths: list[Path]):
    return build_graph([load_document(path) for path in paths])


def test_a_response_follows_the_latest_earlier_one_with_a_status(paths):
    values = placed(build(paths))
    march, september = RESPONSE + "government-response-2025-03-03/", RESPONSE + "progress-update-2025-09-01/"
    october, november = RESPONSE + "progress-update-2025-10-01/2", RESPONSE + "further-progress-update-2025-11-03/2"
    assert values[march + "1"][:2] == (True, None) and values[march + "2"][:2] == (True, None)
    assert values[september + "1"][:2] == (False, march + "1") and values[september + "2"][:2] == (False, march + "2")
    assert values[september + "3"][:2] == (True, None)  # first answered in September
    assert values[october][:2] == (False, september + "2")
    assert values[november][:2] == (False, september + "2")  # October's response states no status
    assert values[november][2] == "https://w3id.org/policykg/id/document/infected-blood-inquiry-further-progress-update-2025-11-03"
    commitments = [value for iri, value in values.items() if "/commitment/" in iri]
    assert commitments and all(value[:2] == (None, None) and value[2] for value in commitments)


@pytest.mark.parametrize("corpus", ["series", "real"])
def test_the_same_whatever_order_documents_are_built_or_merged_in(paths, tmp_path, corpus):
    files = paths if corpus == "series" else REAL_DOCUMENTS
    expected = placed(build(files))
    assert any(value[0] is False for value in expected.values())  # some response follows another
    gazetteer, annotations = Gazetteer.packaged(), load_annotations()
    documents = [load_document(path) for path in files]
    half = len(files) // 2
    # a graph finished from half the documents (its values computed then), merged with the other half's
    partial = finish_graph([extract_document(document, gazetteer, annotations) for document in documents[:half]], gazetteer)
    merged = merge_graphs([*(extract_document(document, gazetteer, annotations) for document in reversed(documents[half:])), partial])
    link_documents(merged, gazetteer)
    graphs = [
        build(list(reversed(files))),
        build(files[1::2] + files[::2]),
        finish_graph([extract_document(document, gazetteer, annotations) for document in reversed(documents)], gazetteer),
        build_from_paths(list(reversed(files)), cache_dir=tmp_path / "cache")[0],
        build_from_paths(files, cache_dir=tmp_path / "cache")[0],  # from the cache
        build_from_paths(files, jobs=2, cache_dir=tmp_path / "cache2")[0],
        merged,
    ]
    for graph in graphs:
        assert placed(graph) == expected


def test_linking_twice_changes_nothing(paths):
    graph = build(paths)
    before = placed(graph)
    link_previous_responses(graph)
    assert placed(graph) == before
