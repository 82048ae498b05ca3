"""The tracker's canned queries (inquiries, status-history, recommendations-as-of, changes, follow-through) on real document
series: hand-checked answers, and the same rows on rdflib, Oxigraph and LadybugDB (Neo4j: test_tracker_neo4j.py)."""

from __future__ import annotations

import pytest
from test_cypher_engines import CATALOGUE, answers
from tracker_corpus import GRENFELL, IICSA, REAL_DOCUMENTS, write_series

from policykg.graph.build import build_graph, document_iri
from policykg.loaders import load_document
from policykg.queries.ladybug import LadybugEngine
from policykg.queries.oxigraph import OxigraphEngine
from policykg.queries.sparql import SparqlEngine

TRACKER_QUERIES = ("inquiries", "status-history", "recommendations-as-of", "changes", "follow-through")

#: The IICSA documents' IRIs, as the build names them: the undated final report, the statement of January 2024, the
#: update of April 2025 (``changes`` takes a document for FROM or TO).
REPORT, STATEMENT, UPDATE = (document_iri(load_document(path)) for path in REAL_DOCUMENTS[:3])

#: Parameter sets compared across engines, per query.
PARAMETER_SETS = {
    "inquiries": [{}],
    "status-history": [{"number": 13}, {"number": 1}, {"number": 1, "inquiry": "grenfell inquiry"}, {"number": 2, "inquiry": "IICSA"},
                       {"number": 19}, {"number": 29}, {"number": 999}, {"number": 13, "inquiry": "nobody"}],
    "recommendations-as-of": [{}, {"as_of": "2024-06-01"}, {"as_of": "2025-04-09"}, {"as_of": "2025-06-01", "inquiry": "IICSA"},
                              {"as_of": "2025-09-01"}, {"as_of": "2020-01-01"}, {"inquiry": "Grenfell Tower Inquiry"}],
    "changes": [{"from": "2024-01-10", "to": "2025-04-09"}, {"from": "2020-01-01", "to": "2030-01-01"},
                {"from": "2025-03-03", "to": "2025-09-01"}, {"from": "2025-01-01", "to": "2025-03-03"},
                {"from": "2025-05-29", "to": "2025-09-30"}, {"from": "2026-01-01", "to": "2025-01-01"},
                {"from": "2024-03-03", "to": "2025-09-01"},  # the follow-up series' re-dated, delivered and dropped (Neo4j test)
                {"from": STATEMENT, "to": UPDATE}, {"from": "2020-01-01", "to": STATEMENT}, {"from": STATEMENT, "to": "2030-01-01"},
                {"from": UPDATE, "to": STATEMENT}, {"from": REPORT, "to": UPDATE}],
    "follow-through": [{"as_of": "2025-06-01"}, {"as_of": "2026-06-01"}, {"as_of": "2030-01-01"}, {"as_of": "2020-01-01"}],
}


def build(paths) -> object:
    return build_graph([load_document(path) for path in paths])


@pytest.fixture(scope="module")
def real_graph():
    return build(REAL_DOCUMENTS)


@pytest.fixture(scope="module")
def series_graph(tmp_path_factory):
    return build(write_series(tmp_path_factory.mktemp("series")))


@pytest.fixture(scope="module")
def real(real_graph):
    engine = SparqlEngine(real_graph)
    return lambda name, **params: answers(engine, name, params)


@pytest.fixture(scope="module")
def series(series_graph):
    engine = SparqlEngine(series_graph)
    return lambda name, **params: answers(engine, name, params)


def test_the_queries_are_in_the_catalogue():
    for name in TRACKER_QUERIES:
        assert set(CATALOGUE[name].texts) == {"sparql", "cypher"}


@pytest.mark.parametrize("corpus", ["real_graph", "series_graph"])
@pytest.mark.parametrize("name", TRACKER_QUERIES)
def test_every_engine_gives_the_same_rows(request, corpus, name):
    graph = request.getfixturevalue(corpus)
    engines = [SparqlEngine(graph), OxigraphEngine(graph), LadybugEngine(graph)]
    try:
        for params in PARAMETER_SETS[name]:
            expected = answers(engines[0], name, params)
            for engine in engines[1:]:
                assert answers(engine, name, params) == expected, (engine.name, params)
    finally:
        for engine in engines:
            engine.close()


# -- hand-checked answers on the real documents ----------------------------------------------------------------
def test_history_of_iicsa_13_is_in_date_order_with_its_statuses(real):
    rows = real("status-history", number=13)
    assert [(r["date"], r["status"]) for r in rows] == [("2024-01-10", None), ("2025-04-09", "accepted")]
    assert [r["document"] for r in rows] == ["Independent Inquiry into Child Sexual Abuse: Update", "Tackling child sexual abuse: progress update"]
    assert {r["inquiry"] for r in rows} == {IICSA}
    assert "already introduced clauses" in rows[1]["status_quote"] and rows[1]["locator"] == "p57"
    assert rows[0]["locator"]  # stated without a status: the locator of its paragraph
    assert rows[1]["response"].endswith("/response/tackling-child-sexual-abuse-progress-update-2025-04-09/13")


def test_history_filters_by_inquiry(real):
    both = real("status-history", number=1)
    assert {r["inquiry"] for r in both} == {IICSA, GRENFELL}
    grenfell = real("status-history", number=1, inquiry="grenfell inquiry")
    assert grenfell and {r["inquiry"] for r in grenfell} == {GRENFELL}
    assert real("status-history", number=1, inquiry="IICSA") == [r for r in both if r["inquiry"] == IICSA]
    assert real("status-history", number=13, inquiry="nobody") == [] and real("status-history", number=999) == []


def test_the_undated_final_report_and_a_heading_without_text_are_no_responses(real):
    """The final report lists the recommendations but responds to none; the 2024 statement's excerpt stops at
    the heading of recommendation 19: neither has a paragraph stating a response."""
    assert [r["date"] for r in real("status-history", number=19)] == ["2025-04-09"]


def test_as_of_gives_the_status_of_the_latest_response_by_then(real):
    before = {r["number"]: r for r in real("recommendations-as-of", as_of="2024-06-01", inquiry="IICSA")}
    assert len(before) == 20 and before[13]["status"] is None  # the 2024 statement states no status
    after = {r["number"]: r for r in real("recommendations-as-of", as_of="2025-04-09", inquiry="IICSA")}
    assert after[13]["status"] == "accepted" and after[13]["date"] == "2025-04-09"
    assert after[19]["status"] == "not accepted" and after[13]["document"] == "Tackling child sexual abuse: progress update"


def test_changes_between_the_2024_statement_and_the_2025_update(real):
    rows = {r["number"]: r for r in real("changes", **{"from": "2024-01-10", "to": "2025-04-09"}) if r["inquiry"] == IICSA}
    assert sorted(rows) == list(range(1, 21))
    assert rows[13]["change"] == "changed" and rows[13]["previous_status"] is None and rows[13]["status"] == "accepted"
    assert all(row["change"] == "new" for number, row in rows.items() if number != 13)
    assert real("changes", **{"from": "2025-04-09", "to": "2025-05-01"}) == []


def test_changes_between_two_documents_are_those_of_the_later_one_and_those_between(real):
    """A document for FROM or TO stands for its place in the order of documents (date, then IRI): the IICSA
    statement (10 January 2024) to the update (9 April 2025) is the update's changes, as between the two dates."""
    between = real("changes", **{"from": STATEMENT, "to": UPDATE})
    assert between == real("changes", **{"from": "2024-01-10", "to": "2025-04-09"})
    assert len({r["number"] for r in between if r["inquiry"] == IICSA}) == 20
    assert {r["date"] for r in between} == {"2025-04-09"}
    assert real("changes", **{"from": "2020-01-01", "to": STATEMENT}) == real("changes", **{"from": "2020-01-01", "to": "2024-01-10"}) != []
    assert real("changes", **{"from": UPDATE, "to": "2030-01-01"}) == real("changes", **{"from": "2025-04-09", "to": "2030-01-01"})
    assert real("changes", **{"from": UPDATE, "to": UPDATE}) == real("changes", **{"from": UPDATE, "to": STATEMENT}) == []
    # the final report states no date: it has no place in the order, so nothing is after or before it
    assert real("changes", **{"from": REPORT, "to": UPDATE}) == real("changes", **{"from": "2020-01-01", "to": REPORT}) == []


def test_a_document_of_the_same_date_counts_by_its_iri(tmp_path):
    """Two documents of one date: FROM the one with the lesser IRI keeps the other's changes, FROM the other drops them."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path, title, status in ((first, "Infected Blood Inquiry: response", "We accept this recommendation."),
                                (second, "Infected Blood Inquiry: update", "We accept this recommendation in part.")):
        path.write_text(f"{title}\nPublished 3 March 2025\nThe Government responds to the recommendations of the Infected Blood Inquiry.\n"
                        f"Recommendation 1: Compensation\n1. {status}\n", encoding="utf-8")
    documents = [load_document(path) for path in (first, second)]
    lesser, greater = sorted(document_iri(document) for document in documents)
    engine = SparqlEngine(build_graph(documents))
    both = answers(engine, "changes", {"from": "2025-03-02", "to": "2025-03-03"})
    assert sorted(row["change"] for row in both) == ["changed", "new"]  # the second says "in part"
    by_iri = {row["response"].split("/")[-2]: row for row in both}
    later = by_iri[greater.split("/")[-1]]
    assert answers(engine, "changes", {"from": lesser, "to": "2025-12-31"}) == [later] and later["change"] == "changed"
    assert answers(engine, "changes", {"from": greater, "to": "2025-12-31"}) == []
    assert answers(engine, "changes", {"from": "2025-03-02", "to": greater}) == both
    assert answers(engine, "changes", {"from": "2025-03-02", "to": lesser}) == [by_iri[lesser.split("/")[-1]]]


def test_inquiries_count_latest_statuses(real):
    rows = {r["inquiry"]: r for r in real("inquiries")}
    iicsa = rows[IICSA]
    assert iicsa["recommendations"] == iicsa["responded"] == 20 and iicsa["no_status"] == 0
    latest = [r["status"] for r in real("recommendations-as-of", as_of="2100-01-01", inquiry="IICSA")]
    for status in ("accepted", "accepted in part", "alternative approach", "under consideration", "not accepted"):
        assert iicsa[status.replace(" ", "_")] == latest.count(status), status
    assert rows[GRENFELL]["recommendations"] >= 2 and rows[GRENFELL]["no_status"] == rows[GRENFELL]["recommendations"]


# -- a series whose statuses change --------------------------------------------------------------------------
def test_as_of_between_two_documents_gives_the_earlier_status(series):
    def statuses(as_of: str) -> dict:
        return {r["number"]: r["status"] for r in series("recommendations-as-of", as_of=as_of)}

    assert statuses("2025-01-01") == {1: None, 2: None, 3: None}
    assert statuses("2025-03-03") == statuses("2025-06-01") == {1: "under consideration", 2: "accepted", 3: None}
    assert statuses("2025-09-01") == {1: "accepted", 2: "accepted", 3: "not accepted"}


def test_history_and_changes_of_the_series(series):
    history = series("status-history", number=1)
    assert [(r["date"], r["status"]) for r in history] == [("2025-03-03", "under consideration"), ("2025-09-01", "accepted")]
    changes = series("changes", **{"from": "2025-03-03", "to": "2025-09-01"})
    assert [(r["number"], r["change"], r["previous_status"], r["previous_date"], r["status"]) for r in changes] == [
        (1, "changed", "under consideration", "2025-03-03", "accepted"), (3, "new", None, None, "not accepted")]
    first = series("changes", **{"from": "2025-01-01", "to": "2025-03-03"})
    assert [(r["number"], r["change"]) for r in first] == [(1, "new"), (2, "new")]
    counts = series("inquiries")
    assert [(r["inquiry"], r["recommendations"], r["accepted"], r["not_accepted"]) for r in counts] == [("Infected Blood Inquiry", 3, 2, 1)]


def untitled(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "title"} for row in rows]


def test_answers_do_not_depend_on_the_order_documents_are_built_in(real):
    """Everything but recommendation titles: those are the first document's (see the next test)."""
    reversed_engine = SparqlEngine(build(list(reversed(REAL_DOCUMENTS))))
    for name in TRACKER_QUERIES:
        for params in PARAMETER_SETS[name]:
            assert untitled(answers(reversed_engine, name, params)) == untitled(real(name, **params)), (name, params)


def test_the_graph_does_not_depend_on_the_build_order(real_graph):
    again = build(list(reversed(REAL_DOCUMENTS)))
    for iri, data in real_graph.nodes(data=True):
        assert {k: v for k, v in data.items() if k != "provenance"} == {k: v for k, v in again.nodes[iri].items() if k != "provenance"}, iri
