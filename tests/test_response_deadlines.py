"""Response deadlines (policykg.graph.responses) and the ``overdue-responses`` query: a made-up series of reports
that set or imply a deadline, and the real IICSA documents, whose deadline the Government's own statement of
20 April 2023 names ("the Inquiry's request that we respond by 20th April 2023")."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from test_cypher_engines import answers
from tracker_corpus import REAL, REAL_DOCUMENTS, write_response_deadline_series

from policykg.errors import QueryError
from policykg.graph.build import build_graph
from policykg.graph.pipeline import build_from_paths
from policykg.graph.responses import COMMITTEE_BASIS, PFD_BASIS, STATUTORY_BASIS, add_months, add_response_deadlines, committee_of, stated_period
from policykg.loaders import load_document
from policykg.ontology.rdf import PKG, to_rdf
from policykg.ontology.validate import validate
from policykg.queries.ladybug import LadybugEngine
from policykg.queries.oxigraph import OxigraphEngine
from policykg.queries.sparql import SparqlEngine

IBI = "https://w3id.org/policykg/id/recommendation/infected-blood-inquiry/"
TIMING = REAL / "iicsa-wms-response-timing-2023-04.txt"
#: The Government's response of 10 February 2025 to the House of Lords Statutory Inquiries Committee's report.
LORDS_RESPONSE = REAL / "statutory-inquiries-committee-government-response-2025-02.txt"

PARAMETER_SETS = [{"as_of": "2025-06-01"}, {"as_of": "2024-12-01"}, {"as_of": "2023-06-01"}, {"as_of": "2022-01-01"},
                  {"as_of": "2023-04-21"}, {}]


@pytest.fixture(scope="module")
def series_paths(tmp_path_factory) -> list[Path]:
    return write_response_deadline_series(tmp_path_factory.mktemp("deadlines"))


@pytest.fixture(scope="module")
def series_graph(series_paths):
    return build_from_paths(series_paths)[0]


@pytest.fixture(scope="module")
def real_graph():
    return build_from_paths([*REAL_DOCUMENTS, TIMING])[0]


def due(graph) -> dict[str, tuple[str, str, str]]:
    return {iri.rsplit("/id/recommendation/", 1)[1]: (data["report_date"], data["response_due"], data["response_due_basis"])
            for iri, data in graph.nodes(data=True) if data["type"] == "Recommendation" and "response_due" in data}


# -- the deadlines ---------------------------------------------------------------------------------------------
def test_months_end_on_the_same_day_or_the_months_last():
    assert [add_months(day, 6) for day in ("2022-10-20", "2022-08-31", "2023-08-31", "2024-12-31")] == [
        "2023-04-20", "2023-02-28", "2024-02-29", "2025-06-30"]


@pytest.mark.parametrize(("stated", "other"), [
    ("You are under a duty to respond to this report within 56 days of the date of this report.",
     "Trusts should respond to complaints within 56 days."),  # a recommendation's content, not the report's answer
    ("The Government should respond to our recommendations within six months.", "The Government should publish a plan within six months."),
    ("We ask the Council to reply to this report within 3 months.", "The report took three months to write."),
])
def test_a_stated_period_is_a_response_asked_for_the_report(stated, other):
    assert stated_period(stated) is not None and stated_period(stated)[2] == stated
    assert stated_period(other) is None


def test_each_recommendation_gets_its_deadline_and_basis(series_graph):
    found = due(series_graph)
    statutory = ("2024-05-20", "2024-11-20", STATUTORY_BASIS)  # six months from the report
    assert {key: found[key] for key in ("infected-blood-inquiry/1", "infected-blood-inquiry/2", "infected-blood-inquiry/3")} == dict.fromkeys(
        ("infected-blood-inquiry/1", "infected-blood-inquiry/2", "infected-blood-inquiry/3"), statutory)
    assert found["iitcse/1"] == ("2022-07-12", "2022-10-12", "We ask the Council and its partners to respond to this report within three months.")
    pfd = {key: value for key, value in found.items() if "prevent" in key}
    assert sorted(pfd.values()) == [
        ("2025-01-02", "2025-02-27", "You are under a duty to respond to this report within 56 days of the date of this report."),
        ("2025-02-06", "2025-04-03", PFD_BASIS),  # not stated: the regulations' 56 days
    ]
    assert len(found) == 7  # every recommendation of a report


def test_no_deadline_without_a_report_or_a_convention(tmp_path):
    """A recommendation known only from a response, and a non-statutory inquiry's report that sets no period."""
    response = tmp_path / "response.txt"
    response.write_text("Infected Blood Inquiry: government response\nPublished 3 March 2025\n"
                        "The Government responds to the recommendations of the Infected Blood Inquiry.\n"
                        "Recommendation 1: Compensation\n1. We accept this recommendation.\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("Independent Inquiry Telford Child Sexual Exploitation: report\nPublished 12 July 2022\n"
                      "The Independent Inquiry Telford Child Sexual Exploitation makes these recommendations.\n"
                      "Recommendation 1: Training\n1. Every taxi driver should be trained.\n", encoding="utf-8")
    assert due(build_from_paths([response])[0]) == {} and due(build_from_paths([report])[0]) == {}
    stated = tmp_path / "stated.txt"  # the same report asking for a response: a deadline
    stated.write_text(report.read_text(encoding="utf-8").replace("makes these recommendations.\n", "makes these recommendations.\n"
                      "We ask the Government to respond to this report within 90 days.\n"), encoding="utf-8")
    assert due(build_from_paths([stated])[0])["iitcse/1"][1] == "2022-10-10"


def committee_report(path: Path, masthead: str) -> Path:
    """A committee's report of 16 September 2024 whose first paragraph is ``masthead``."""
    path.write_text("Public inquiries: enhancing public trust. 1st Report of Session 2024-25\nPublished 16 September 2024\n"
                    f"{masthead}\nRecommendation 1: Monitoring\n1. The Government should publish a report on the "
                    "implementation of inquiry recommendations every year.\n", encoding="utf-8")
    return path


def test_a_parliamentary_committees_report_is_due_an_answer_in_two_months(tmp_path):
    """The convention for select committees: two months from the report, when its masthead names the committee."""
    report = committee_report(tmp_path / "report.txt", "House of Lords Statutory Inquiries Committee.")
    assert list(due(build_from_paths([report])[0]).values()) == [("2024-09-16", "2024-11-16", COMMITTEE_BASIS)]
    cited = committee_report(tmp_path / "cited.txt", "A review of inquiries by independent experts.")
    cited.write_text(cited.read_text(encoding="utf-8") + "The Statutory Inquiries Committee heard evidence in 2024.\n", encoding="utf-8")
    assert due(build_from_paths([cited])[0]) == {}  # a committee cited in the body: not its report


def test_the_real_response_to_the_lords_committee_answers_a_committee_report(tmp_path):
    """The response's title names the committee whose report it answers; its recommendation is that committee's,
    but the report's date is not in the response, so no deadline is made up from the response's own date."""
    graph = build_from_paths([LORDS_RESPONSE])[0]
    recommendations = [n for n, data in graph.nodes(data=True) if data["type"] == "Recommendation"]
    assert recommendations and {committee_of(graph, r) for r in recommendations} == {
        "https://w3id.org/policykg/id/organisation/statutory-inquiries-committee"}
    assert due(graph) == {}
    seed_graph = build_from_paths([REAL_DOCUMENTS[2]])[0]  # a progress update naming no committee in its masthead
    assert {committee_of(seed_graph, n) for n, data in seed_graph.nodes(data=True) if data["type"] == "Recommendation"} == {None}


def committee_response(path: Path, thanks: str) -> Path:
    """The Government's response of 10 February 2025 to a committee's report, thanking the committee with ``thanks``."""
    path.write_text("Government response to the House of Lords Statutory Inquiries Committee report\nPublished 10 February 2025\n"
                    f"{thanks}\nRecommendation 1: Monitoring\n1. We accept this recommendation. The Cabinet Office will "
                    "publish a report on the implementation of inquiry recommendations every year.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("thanks", "expected"), [
    ("The Government thanks the Committee for its report, published on 16 September 2024, and responds below.",
     [("2024-09-16", "2024-11-16", COMMITTEE_BASIS)]),
    ("This responds to the Committee's 1st Report of Session 2024-25 (published 16 September 2024).",
     [("2024-09-16", "2024-11-16", COMMITTEE_BASIS)]),
    ("The Government thanks the Committee for its report of 16th September, 2024.", [("2024-09-16", "2024-11-16", COMMITTEE_BASIS)]),
    ("The Government thanks the Committee for its report and responds below.", []),  # no date: no deadline
    ("This responds to the Committee's 1st Report of Session 2024-25.", []),  # a session is no date
    ("The Government thanks the Committee for its report, published on 16 September 2026.", []),  # after the response
    ("The Government welcomes the report. The statistics were published on 16 September 2024.", []),  # another sentence
])
def test_a_response_that_states_its_committee_reports_date_gives_the_deadline(tmp_path, thanks, expected):
    """Only the response is in the corpus: the committee's report is dated where the response states its date."""
    graph = build_from_paths([committee_response(tmp_path / "response.txt", thanks)])[0]
    assert list(due(graph).values()) == expected


def test_the_real_iicsa_deadline_is_the_one_the_government_named(real_graph):
    assert due(real_graph)["iicsa/13"] == ("2022-10-20", "2023-04-20", STATUTORY_BASIS)
    assert "respond by 20th April 2023" in TIMING.read_text(encoding="utf-8")
    assert not [key for key in due(real_graph) if key.startswith("grenfell")]  # known only from progress reports


@pytest.mark.parametrize("corpus", ["series", "real"])
def test_any_build_order_and_way_gives_the_same_deadlines(series_paths, series_graph, real_graph, tmp_path, corpus):
    paths, graph = (series_paths, series_graph) if corpus == "series" else ([*REAL_DOCUMENTS, TIMING], real_graph)
    expected = due(graph)
    assert expected
    assert due(build_from_paths(list(reversed(paths)))[0]) == expected
    assert due(build_from_paths(paths, cache_dir=tmp_path / "cache")[0]) == expected
    assert due(build_from_paths(paths, jobs=2, cache_dir=tmp_path / "cache2")[0]) == expected
    again = build_graph([load_document(path) for path in paths])
    add_response_deadlines(again)
    add_response_deadlines(again)  # twice changes nothing
    assert due(again) == expected


# -- the query -------------------------------------------------------------------------------------------------
def overdue(engine, **params) -> list[tuple]:
    return [(r["inquiry"], r["number"], r["response_due"], r["days_past"], r["late_response_date"])
            for r in answers(engine, "overdue-responses", params)]


def test_overdue_responses_of_the_series(series_graph):
    engine = SparqlEngine(series_graph)
    ibi, telford = "Infected Blood Inquiry", "Independent Inquiry Telford Child Sexual Exploitation"
    assert overdue(engine, as_of="2025-06-01") == [
        (telford, 2, "2022-10-12", 963, None),  # 1 was answered in time (1 September 2022)
        (ibi, 1, "2024-11-20", 193, "2025-03-03"), (ibi, 2, "2024-11-20", 193, "2025-03-03"),  # answered late
        (ibi, 3, "2024-11-20", 193, None),
        (None, 1, "2025-02-27", 94, None), (None, 1, "2025-04-03", 59, None),  # the coroners' reports
    ]
    # a response after AS_OF is not known yet; a deadline on AS_OF has not passed
    assert overdue(engine, as_of="2024-12-01") == [(telford, 2, "2022-10-12", 781, None)] + [(ibi, n, "2024-11-20", 11, None) for n in (1, 2, 3)]
    assert overdue(engine, as_of="2022-10-12") == [] and overdue(engine, as_of="2022-10-13") == [(telford, 2, "2022-10-12", 1, None)]
    row = answers(engine, "overdue-responses", {"as_of": "2025-06-01"})[1]
    assert (row["late_response_document"], row["basis"], row["report_date"], row["iri"]) == (
        "Infected Blood Inquiry: government response", STATUTORY_BASIS, "2024-05-20", IBI + "1")


def test_the_real_iicsa_recommendations_were_answered_late(real_graph):
    engine = SparqlEngine(real_graph)
    assert overdue(engine, as_of="2023-04-20") == []
    on_the_day_after = overdue(engine, as_of="2023-04-21")
    assert len(on_the_day_after) == 20 and {row[4] for row in on_the_day_after} == {None}
    late = {row[1]: row[4] for row in overdue(engine, as_of="2025-06-01")}
    assert late[13] == "2024-01-10" and late[1] == "2025-04-09"  # the 2024 statement answers 13; the 2025 update all


def test_a_hostile_date_is_refused_and_a_benign_one_answers(series_graph):
    engine = SparqlEngine(series_graph)
    assert overdue(engine, as_of="2025-06-01")
    with pytest.raises(QueryError, match="must be a date"):
        overdue(engine, as_of="2025-06-01\" ) } DELETE WHERE { ?s ?p ?o } #")


@pytest.mark.parametrize("corpus", ["series_graph", "real_graph"])
def test_every_engine_gives_the_same_rows(request, corpus):
    graph = request.getfixturevalue(corpus)
    engines = [SparqlEngine(graph), OxigraphEngine(graph), LadybugEngine(graph)]
    try:
        compared = 0
        for params in PARAMETER_SETS:
            expected = answers(engines[0], "overdue-responses", params)
            compared += len(expected)
            for engine in engines[1:]:
                assert answers(engine, "overdue-responses", params) == expected, (engine.name, params)
        assert compared
    finally:
        for engine in engines:
            engine.close()


# -- RDF and SHACL ---------------------------------------------------------------------------------------------
def test_the_deadline_is_in_rdf_and_validates(series_graph):
    rdf = to_rdf(series_graph)
    recommendation = next(s for s in rdf.subjects(PKG.responseDue, None) if str(s) == IBI + "3")
    assert str(rdf.value(recommendation, PKG.responseDue)) == "2024-11-20" and str(rdf.value(recommendation, PKG.reportDate)) == "2024-05-20"
    report = validate(rdf)
    assert report.conforms, str(report)
    basis = rdf.value(recommendation, PKG.responseDueBasis)
    rdf.remove((recommendation, PKG.responseDueBasis, None))
    assert not validate(rdf).conforms  # a deadline states its basis
    rdf.add((recommendation, PKG.responseDueBasis, basis))
    rdf.set((recommendation, PKG.responseDue, Literal("2024-01-01", datatype=rdf.value(recommendation, PKG.reportDate).datatype)))
    assert not validate(rdf).conforms  # due before the report
    rdf.set((recommendation, PKG.responseDue, Literal("20 November 2024")))
    assert not validate(rdf).conforms  # not a date
