"""The canned query catalogue on the SPARQL engine: hand-checked answers, parameters, errors, injection."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from policykg.errors import QueryError
from policykg.queries import get_query, load_catalogue, open_engine, run_canned

REQUIRED = {
    "recommendations", "recommendation", "commitments", "due", "timeline", "organisations", "organisation", "legislation",
    "inspectorates", "programmes", "funding", "statistics", "unanswered", "co-mentions", "connection", "provenance",
}


@pytest.fixture(scope="module")
def sparql(seed_graph):
    engine = open_engine("sparql", seed_graph)
    yield lambda query_name, **params: run_canned(engine, get_query(query_name), params)
    engine.close()


def test_catalogue_has_every_query_in_both_languages():
    catalogue = load_catalogue()
    assert set(catalogue) >= REQUIRED
    for name, query in catalogue.items():
        assert set(query.texts) == {"sparql", "cypher"}, name
        assert query.title and query.description and query.columns


def test_recommendations(sparql):
    rows = sparql("recommendations")
    assert [r["number"] for r in rows] == list(range(1, 21))
    assert rows[18]["status"] == "not accepted" and rows[18]["commitments"] == 0
    assert all(r["theme"] for r in rows)


def test_recommendation_13_names_the_crime_and_policing_bill(sparql):
    rows = sparql("recommendation", number="13")
    assert {r["number"] for r in rows} == {13} and rows[0]["status"] == "accepted"
    assert any("Crime and Policing Bill" in r["commitment"] for r in rows)
    assert "already introduced clauses" in rows[0]["status_quote"]


def test_due_as_of_2026(sparql):
    rows = sparql("due", as_of="2026-01-01")
    texts = [r["deadline_text"] for r in rows]
    assert "By December 2025" in texts and "in mid/late 2027" not in texts
    december = next(r for r in rows if r["deadline_text"] == "By December 2025")
    assert december["days_past"] == 1 and december["deadline_end"] == "2025-12-31"
    assert all(r["days_past"] >= 0 for r in rows)
    window = sparql("due", as_of="2026-01-01", within_days="100")
    assert len(window) > len(rows) and min(r["days_past"] for r in window) >= -100
    assert any(r["deadline_text"] == "by March 2026" for r in window)


def test_timeline_is_in_deadline_order(sparql):
    rows = sparql("timeline")
    ends = [r["deadline_end"] for r in rows]
    assert ends == sorted(ends) and len(rows) >= 25


def test_commitments_filters_by_alias_and_recommendation(sparql):
    by_alias = sparql("commitments", organisation="CQC")
    by_name = sparql("commitments", organisation="care quality commission")
    assert by_alias == by_name and len(by_alias) >= 2
    assert all(any("Care Quality" in o for o in r["organisations"]) for r in by_alias)
    for_11 = sparql("commitments", recommendation="11")
    assert len(for_11) == 1 and for_11[0]["recommendations"] == ["11"]


def test_organisations_and_kind_filter(sparql):
    everyone = sparql("organisations")
    inspectorates = sparql("organisations", kind="inspectorate")
    assert {r["kind"] for r in inspectorates} == {"inspectorate"} and len(inspectorates) < len(everyone)
    assert "Care Quality Commission" in {r["name"] for r in inspectorates}
    # a body the update announces ("The Government will create a Child Protection Authority") is only planned
    planned = {r["name"]: r["planned"] for r in everyone}
    assert planned["Child Protection Authority"] is True and planned["Home Office"] is False


def test_organisation_roles(sparql):
    rows = sparql("organisation", name="Ofsted")
    assert {r["role"] for r in rows} == {"lead", "involved"}


def test_legislation_programmes_funding_statistics(sparql):
    bills = {r["name"]: r for r in sparql("legislation")}
    assert "13" in bills["Crime and Policing Bill"]["recommendations"] and bills["Crime and Policing Bill"]["kind"] == "bill"
    programmes = {r["name"]: r for r in sparql("programmes")}
    assert programmes["Families First Partnership Programme"]["funding_gbp"] == 500_000_000
    assert sorted(r["amount_gbp"] for r in sparql("funding")) == [5_000_000, 310_000_000, 500_000_000]
    stats = sparql("statistics")
    assert any(r["value"] == 7.5 and r["unit"] == "percent" and r["source"] == "Office for National Statistics" for r in stats)


def test_unanswered_and_co_mentions(sparql):
    rows = sparql("unanswered")
    assert [r["number"] for r in rows if r["kind"] == "recommendation"] == [19]
    assert any(r["kind"] == "commitment" and r["paragraph"] == 13 for r in rows)
    pairs = sparql("co-mentions", min="2")
    assert all(r["commitments"] >= 2 and r["organisation_a"] < r["organisation_b"] for r in pairs)
    assert len(sparql("co-mentions", min="3")) < len(pairs)


def test_connection_and_provenance(sparql):
    rows = sparql("connection", **{"from": "Ofsted", "to": "CQC"})
    assert rows and {r["hops"] for r in rows} == {2}
    assert all(r["path"].startswith("Office for Standards in Education") for r in rows)
    quotes = sparql("provenance", iri="https://w3id.org/policykg/id/recommendation/iicsa/13")
    assert any(r["via"] == "node" and r["quote"].startswith("Recommendation 13") for r in quotes)
    assert any(r["via"] == "^answers" and r["paragraph"] == 57 for r in quotes)


@pytest.mark.parametrize("hostile", ["x' } DROP ALL", '"}) DETACH DELETE n //', "Ofsted\" || true || \"", "?_organisation"])
def test_parameters_are_bound_not_pasted(sparql, seed_graph, hostile):
    before = seed_graph.number_of_nodes()
    assert sparql("commitments", organisation="Home Office") and sparql("organisation", name="Home Office")  # rows for a real name
    assert sparql("commitments", organisation=hostile) == []
    assert sparql("organisation", name=hostile) == []
    assert seed_graph.number_of_nodes() == before


def test_parameter_errors_are_clear(sparql):
    with pytest.raises(QueryError, match="needs -p number"):
        sparql("recommendation")
    with pytest.raises(QueryError, match="must be an int"):
        sparql("recommendation", number="thirteen")
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        sparql("recommendations", colour="red")
    with pytest.raises(QueryError, match="no canned query named 'recomendation'; did you mean"):
        get_query("recomendation")


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_query_run_formats(tmp_path):
    as_json = run("query", "run", "recommendation", "-p", "number=13", "--format", "json", cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    records = json.loads(as_json.stdout)
    assert records[0]["number"] == 13 and isinstance(records[0]["organisations"], list)
    as_csv = run("query", "run", "recommendations", "--format", "csv", cwd=tmp_path)
    assert as_csv.stdout.splitlines()[0] == "number,notation,title,inquiry,theme,status,commitments" and len(as_csv.stdout.splitlines()) == 21
    table = run("query", "run", "funding", "--format", "table", cwd=tmp_path)
    assert "amount_gbp" in table.stdout and "(3 rows)" in table.stdout
    out = tmp_path / "due.jsonl"
    assert run("query", "run", "due", "-p", "as_of=2026-01-01", "--format", "jsonl", "-o", str(out), cwd=tmp_path).returncode == 0
    assert all(json.loads(line)["days_past"] >= 0 for line in out.read_text().splitlines())


def test_cli_adhoc_sparql_and_errors(tmp_path):
    ok = run("sparql", "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?n WHERE { ?r a pkg:Recommendation ; pkg:number ?n FILTER(?n = ?_k) }",
             "-p", "k=7", "--format", "json", cwd=tmp_path)
    assert json.loads(ok.stdout) == [{"n": 7}]
    bad = run("sparql", "SELECT ?x WHERE { ?x ?y }", cwd=tmp_path)
    assert bad.returncode == 1 and "SPARQL error" in bad.stderr and "line:1" in bad.stderr and "Traceback" not in bad.stderr
    unknown = run("query", "run", "nope", cwd=tmp_path)
    assert unknown.returncode == 1 and "no canned query named 'nope'" in unknown.stderr
    listed = run("query", "list", cwd=tmp_path)
    assert all(name in listed.stdout for name in REQUIRED)
    shown = run("query", "show", "due", cwd=tmp_path)
    assert "==> due (sparql)" in shown.stdout and "==> due (cypher)" in shown.stdout
