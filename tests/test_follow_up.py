"""Commitments followed across documents (policykg.graph.follow) and the queries that read the links
(follow-through, due): a made-up series of three documents with every outcome, and the real documents of
tests/fixtures/real/ with the seed, where no two commitments about different actions may be linked."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Literal
from test_cypher_engines import answers
from tracker_corpus import REAL, write_follow_up_series

from policykg.graph.build import build_graph, extract_document, finish_graph, load_annotations
from policykg.graph.follow import SIMILARITY, drops, follow_ups, link_follow_ups, outcome
from policykg.graph.mentions import Gazetteer
from policykg.graph.pipeline import build_from_paths
from policykg.loaders import load_document, seed_path
from policykg.ontology.rdf import PKG, to_rdf
from policykg.ontology.validate import validate
from policykg.queries.ladybug import LadybugEngine
from policykg.queries.oxigraph import OxigraphEngine
from policykg.queries.sparql import SparqlEngine

#: Every real document, and the seed.
REAL_CORPUS = [*sorted(p for p in REAL.iterdir() if p.suffix in {".txt", ".json"}), Path(str(seed_path()))]

PARAMETER_SETS = {
    "follow-through": [{"as_of": "2026-06-01"}, {"as_of": "2025-12-01"}, {"as_of": "2025-06-01"}, {"as_of": "2024-01-01"},
                       {"as_of": "2030-01-01"}, {}],
    "due": [{"as_of": "2026-06-01"}, {"as_of": "2025-06-01", "within_days": 400}, {"as_of": "2024-01-01"}],
    "changes": [{"from": "2024-03-03", "to": "2025-09-01"}, {"from": "2025-09-01", "to": "2026-06-01"},
                {"from": "2020-01-01", "to": "2030-01-01"}, {"from": "2026-06-01", "to": "2024-01-01"}],
}


def build(paths) -> object:
    return build_graph([load_document(path) for path in paths])


def tail(iri: str) -> str:
    """``…/infected-blood-inquiry-progress-update-2025-09-01/p5-s1`` → ``2025-09-01/p5``."""
    document, item = iri.split("/")[-2:]
    return f"{document[-10:]}/{item.split('-')[0]}"


@pytest.fixture(scope="module")
def series_paths(tmp_path_factory) -> list[Path]:
    return write_follow_up_series(tmp_path_factory.mktemp("follow"))


@pytest.fixture(scope="module")
def series_graph(series_paths):
    return build(series_paths)


@pytest.fixture(scope="module")
def real_graph():
    return build(REAL_CORPUS)


@pytest.fixture(scope="module")
def series(series_graph):
    engine = SparqlEngine(series_graph)
    return lambda name, **params: answers(engine, name, params)


# -- the links ---------------------------------------------------------------------------------------------
def test_each_later_statement_about_the_same_action_is_linked_with_its_outcome(series_graph):
    links = [(tail(a), tail(b), data["outcome"]) for a, b, key, data in series_graph.edges(keys=True, data=True)
             if key == "followed_up_by"]
    assert sorted(links) == [
        ("2024-03-03/p4", "2025-09-01/p4", "delivered"),  # "has published"
        ("2024-03-03/p5", "2025-09-01/p5", "re-dated"),  # June 2025 → March 2026
        ("2024-03-03/p5", "2026-02-02/p5", "in progress"),
        ("2024-03-03/p7", "2025-09-01/p7", "dropped"),  # "no longer"
        ("2024-03-03/p8", "2025-09-01/p8", "dropped"),  # a refusal
        ("2025-09-01/p5", "2026-02-02/p5", "in progress"),  # the re-dated commitment is followed too
    ]  # recommendation 6 is never mentioned again


def test_a_link_carries_the_later_statement_as_evidence(series_graph):
    for _earlier, later, key, data in series_graph.edges(keys=True, data=True):
        if key == "followed_up_by":
            assert data["provenance"] == series_graph.nodes[later]["provenance"] and data["provenance"]


def test_linking_twice_changes_nothing(series_paths):
    graph = build(series_paths)
    before = sorted((a, b, k, d["outcome"]) for a, b, k, d in graph.edges(keys=True, data=True) if k == "followed_up_by")
    link_follow_ups(graph)
    assert sorted((a, b, k, d["outcome"]) for a, b, k, d in graph.edges(keys=True, data=True) if k == "followed_up_by") == before


def edges(graph) -> list:
    return sorted((a, b, k, sorted((key, v if key != "provenance" else sorted(v)) for key, v in d.items()))
                  for a, b, k, d in graph.edges(keys=True, data=True))


def nodes(graph) -> list:
    return sorted((n, sorted((key, v if key != "provenance" else sorted(v)) for key, v in d.items())) for n, d in graph.nodes(data=True))


@pytest.mark.parametrize("corpus", ["series", "real"])
def test_building_in_any_order_gives_the_same_graph(series_paths, series_graph, real_graph, corpus):
    paths, graph = (series_paths, series_graph) if corpus == "series" else (REAL_CORPUS, real_graph)
    for order in (list(reversed(paths)), paths[1::2] + paths[::2]):
        again = build(order)
        assert edges(again) == edges(graph)
        assert nodes(again) == nodes(graph)


def test_every_way_of_finishing_a_graph_links_follow_ups(series_paths, series_graph, tmp_path):
    gazetteer, annotations = Gazetteer.packaged(), load_annotations()
    merged = finish_graph([extract_document(load_document(path), gazetteer, annotations) for path in series_paths], gazetteer)
    cached, _ = build_from_paths(series_paths, cache_dir=tmp_path / "cache")
    parallel, _ = build_from_paths(series_paths, jobs=2, cache_dir=tmp_path / "cache2")
    for graph in (merged, cached, parallel):
        assert edges(graph) == edges(series_graph)


# -- the outcome's wording -------------------------------------------------------------------------------------
EARLIER = "The Cabinet Office will establish a national register of infected people by September 2024."

#: Each pair: a later statement dropping the earlier commitment, and one with "no longer" (or the same verb) that does not.
DROPPED_PAIRS = [
    ("The Cabinet Office will no longer establish a national register.", "Infected people will no longer have to wait for a national register."),
    ("The national register is no longer being taken forward.", "Infected people are no longer left off the national register."),
    ("The national register has been dropped.", "The national register has been established."),
    ("Plans for a national register have been withdrawn.", "Infected people no longer need to apply to the national register."),
    ("The Cabinet Office has decided not to proceed with a national register.", "Infected people will no longer be placed on waiting lists."),
    ("Work on the national register will no longer proceed.", "The Cabinet Office will no longer charge infected people for the register."),
]


@pytest.mark.parametrize(("dropping", "other"), DROPPED_PAIRS)
def test_dropped_needs_the_action_itself_to_stop(dropping, other):
    assert drops(dropping, EARLIER)
    assert outcome("2024-09-30", "commitment", dropping, None, EARLIER) == "dropped"
    assert not drops(other, EARLIER)
    assert outcome("2024-09-30", "commitment", other, None, EARLIER) != "dropped"


def test_no_longer_delivery_wording_counts_as_delivered_when_reported_done():
    text = "The register has been introduced, so infected people will no longer have to wait."
    assert outcome("2024-09-30", "action_taken", text, None, EARLIER) == "delivered"
    assert outcome("2024-09-30", "commitment", "The Cabinet Office will no longer establish the register.", None, EARLIER) == "dropped"


# -- precision on the real documents ---------------------------------------------------------------------------
#: The pairs of dated commitments in the real corpus that share an anchor (a recommendation answered, or a bill,
#: programme or publication named), read by hand: all about different actions.  Their similarity is 0.08-0.19.
UNRELATED = {
    ("board is now up and running", "above real terms per pupil increase"),  # both name the Spending Review
    ("board is now up and running", "therapeutic support offer"),
    ("board is now up and running", "pay awards over the next three years"),
    ("voices of children and young people are heard", "uplift the value of weekly payments"),  # 10 Year Health Plan
    ("therapeutic support offer", "above real terms per pupil increase"),
    ("therapeutic support offer", "pay awards over the next three years"),
}


def test_no_link_between_commitments_about_different_actions(real_graph):
    assert [(a, b) for a, b, key in real_graph.edges(keys=True) if key == "followed_up_by"] == []
    text = {iri: data.get("text", "") for iri, data in real_graph.nodes(data=True)}
    candidates = follow_ups(real_graph, threshold=0.0)  # the pairs sharing an anchor, however worded
    assert candidates
    for earlier, later, _ in candidates:
        assert any(a in text[earlier] and b in text[later] for a, b in UNRELATED), (text[earlier], text[later])
    assert follow_ups(real_graph, threshold=SIMILARITY) == []


def test_the_iicsa_documents_link_nothing_and_list_their_due_commitments_as_silent(real_graph):
    rows = answers(SparqlEngine(real_graph), "follow-through", {"as_of": "2030-01-01"})
    assert rows and {r["outcome"] for r in rows} == {"silent"}
    assert all(r["evidence"] is None and r["new_deadline_end"] is None for r in rows)


# -- the queries ----------------------------------------------------------------------------------------------
def outcomes(rows: list[dict]) -> dict:
    return {(r["date"], r["locator"]): r["outcome"] for r in rows}


def test_follow_through_gives_each_due_commitment_its_latest_outcome(series):
    assert outcomes(series("follow-through", as_of="2026-06-01")) == {
        ("2024-03-03", "p4"): "delivered", ("2024-03-03", "p5"): "in progress", ("2024-03-03", "p6"): "silent",
        ("2024-03-03", "p7"): "dropped", ("2024-03-03", "p8"): "dropped", ("2025-09-01", "p5"): "in progress"}
    # before the first update: everything past due is silent; only what is due by then is listed
    assert outcomes(series("follow-through", as_of="2025-06-01")) == {
        ("2024-03-03", "p4"): "silent", ("2024-03-03", "p6"): "silent", ("2024-03-03", "p7"): "silent",
        ("2024-03-03", "p8"): "silent"}
    assert series("follow-through", as_of="2024-01-01") == []


def test_a_re_dated_commitment_shows_both_deadlines(series):
    row = next(r for r in series("follow-through", as_of="2025-12-01") if r["locator"] == "p5")
    assert (row["outcome"], row["deadline_text"], row["deadline_end"]) == ("re-dated", "by June 2025", "2025-06-30")
    assert (row["new_deadline_text"], row["new_deadline_end"]) == ("by March 2026", "2026-03-31")
    assert row["evidence"].startswith("NHS England will now publish") and row["evidence_date"] == "2025-09-01"
    # a later statement without a deadline: in progress, and the new deadline stays shown
    later = next(r for r in series("follow-through", as_of="2026-06-01") if r["locator"] == "p5" and r["date"] == "2024-03-03")
    assert (later["outcome"], later["evidence_date"], later["new_deadline_end"]) == ("in progress", "2026-02-02", "2026-03-31")


def test_delivered_and_dropped_cite_the_later_document(series):
    rows = {r["locator"]: r for r in series("follow-through", as_of="2026-06-01") if r["date"] == "2024-03-03"}
    assert rows["p4"]["evidence"] == "The Department of Health and Social Care has published the new guidance on patient safety."
    assert (rows["p4"]["evidence_document"], rows["p4"]["evidence_locator"]) == ("Infected Blood Inquiry: progress update", "p4")
    assert rows["p7"]["evidence"].startswith("The Cabinet Office will no longer")
    assert rows["p8"]["evidence"].startswith("There are no plans")
    assert rows["p6"]["evidence"] is None and rows["p6"]["deadline_end"] == "2024-12-31"


def test_due_says_what_the_latest_document_says_of_each_past_due_commitment(series):
    rows = {(r["locator"], r["deadline_end"]): r for r in series("due", as_of="2026-06-01")}
    assert rows["p6", "2024-12-31"]["outcome"] == "silent" and rows["p6", "2024-12-31"]["latest_evidence"] is None
    assert rows["p4", "2025-05-31"]["outcome"] == "delivered" and rows["p4", "2025-05-31"]["latest_date"] == "2025-09-01"
    assert rows["p5", "2025-06-30"]["outcome"] == "in progress"
    assert rows["p5", "2025-06-30"]["latest_document"] == "Infected Blood Inquiry: second progress update"
    # not yet due and not followed up: no outcome
    ahead = {(r["locator"], r["deadline_end"]): r for r in series("due", as_of="2025-06-01", within_days=400)}
    assert ahead["p5", "2026-03-31"]["days_past"] < 0 and ahead["p5", "2026-03-31"]["outcome"] is None
    assert ahead["p5", "2025-06-30"]["outcome"] is None and ahead["p4", "2025-05-31"]["outcome"] == "silent"


def commitment_changes(rows: list[dict]) -> list[tuple]:
    return [(r["number"], r["change"], r["date"], r["previous_date"], r["deadline_end"], r["new_deadline_end"], r["evidence_locator"])
            for r in rows if r["commitment_iri"]]


def test_changes_lists_the_commitments_re_dated_delivered_and_dropped(series):
    rows = series("changes", **{"from": "2024-03-03", "to": "2025-09-01"})
    assert commitment_changes(rows) == [
        (4, "delivered", "2025-09-01", "2024-03-03", "2025-05-31", None, "p4"),
        (5, "re-dated", "2025-09-01", "2024-03-03", "2025-06-30", "2026-03-31", "p5"),
        (7, "dropped", "2025-09-01", "2024-03-03", "2024-09-30", None, "p7"),
        (8, "dropped", "2025-09-01", "2024-03-03", "2025-04-30", None, "p8"),
    ]  # 6 is never mentioned again: no change
    delivered = next(r for r in rows if r["change"] == "delivered")
    assert delivered["commitment"].startswith("The Department of Health and Social Care will publish new guidance")
    assert delivered["evidence"].startswith("The Department of Health and Social Care has published")
    assert (delivered["document"], delivered["inquiry"], delivered["response"]) == ("Infected Blood Inquiry: progress update", "Infected Blood Inquiry", None)
    # the responses of the same documents are still listed, without commitment columns
    responses = [r for r in rows if r["response"]]
    assert responses and all(r["commitment"] is None and r["change"] in {"new", "changed"} for r in responses)


def test_changes_leaves_out_follow_ups_in_progress_and_outside_the_dates(series):
    # the second update only says that work continues on recommendation 5: in progress is no change
    assert commitment_changes(series("changes", **{"from": "2025-09-01", "to": "2026-06-01"})) == []
    assert commitment_changes(series("changes", **{"from": "2024-03-03", "to": "2025-08-31"})) == []
    assert len(commitment_changes(series("changes", **{"from": "2025-08-31", "to": "2025-09-01"}))) == 4


@pytest.mark.parametrize("corpus", ["series_graph", "real_graph"])
@pytest.mark.parametrize("name", sorted(PARAMETER_SETS))
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


# -- RDF and SHACL --------------------------------------------------------------------------------------------
def test_the_outcome_is_on_the_reified_relation_and_the_graph_validates(series_graph):
    rdf = to_rdf(series_graph)
    outcomes = sorted(str(o) for s in rdf.subjects(RDF.predicate, PKG.followedUpBy) for o in rdf.objects(s, PKG.outcome))
    assert outcomes == ["delivered", "dropped", "dropped", "in progress", "in progress", "re-dated"]
    report = validate(rdf)
    assert report.conforms, str(report)
    statement = next(rdf.subjects(RDF.predicate, PKG.followedUpBy))
    rdf.set((statement, PKG.outcome, Literal("forgotten")))
    assert not validate(rdf).conforms
    rdf.remove((statement, PKG.outcome, None))
    assert not validate(rdf).conforms  # every follow-up states its outcome


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
def test_json_ld_and_csv_carry_the_outcome(series_graph):
    import json

    from rdflib import Graph
    from rdflib.compare import isomorphic

    from policykg.export.rdf import serialize_graph
    from policykg.export.tabular import csv_tables

    document = json.loads(serialize_graph(series_graph, "jsonld"))
    assert sorted(node["outcome"] for node in document["@graph"] if "outcome" in node) == [
        "delivered", "dropped", "dropped", "in progress", "in progress", "re-dated"]
    assert isomorphic(Graph().parse(data=json.dumps(document), format="json-ld"), to_rdf(series_graph))
    table = csv_tables(series_graph)["edges-followed_up_by.csv"]
    assert table.splitlines()[0].split(",")[4] == "outcome" and table.count("re-dated") == 1
