"""The Cypher half of the catalogue on LadybugDB gives the SPARQL answers; parameters are bound, never pasted.

Every canned query runs with its defaults and with the parameter sets below (and
one set per optional parameter, from :data:`SAMPLE`), on rdflib and on LadybugDB;
the normalised rows (same columns, same order, list columns as sorted lists) must
be equal. The Neo4j half of the comparison is in ``test_neo4j.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BENIGN_VALUES

from policykg.errors import QueryError
from policykg.graph.model import Provenance, add_edge, add_node, new_graph
from policykg.graph.property_graph import project
from policykg.queries.catalogue import load_catalogue
from policykg.queries.ladybug import LadybugEngine
from policykg.queries.results import normalise
from policykg.queries.sparql import SparqlEngine

CATALOGUE = load_catalogue()
REC13 = "https://w3id.org/policykg/id/recommendation/iicsa/13"

#: A typical value per parameter name, for required parameters and for the "one optional set" cases.
SAMPLE = {
    "number": 13, "recommendation": 13, "name": "Home Office", "organisation": "Home Office",
    "from": "Home Office", "to": "Ofsted", "iri": REC13, "as_of": "2026-01-01", "within_days": 90,
    "min": 3, "kind": "inspectorate",
}

#: Values for date parameters, by name: ``from`` and ``to`` are names in ``connection`` but dates in ``changes``.
DATE_SAMPLE = {"as_of": "2026-01-01", "from": "2025-01-01", "to": "2026-01-01"}


def sample(parameter, samples: dict | None = None):
    """A typical value for ``parameter``: by name from :data:`DATE_SAMPLE` for dates (and points: a date or a
    document), else from ``samples`` (:data:`SAMPLE`)."""
    if parameter.type in ("date", "point"):
        return DATE_SAMPLE.get(parameter.name, "2026-01-01")
    return (SAMPLE if samples is None else samples)[parameter.name]


#: Parameter sets named in the brief (and a few more), per query.
EXTRA = {
    "recommendation": [{"number": 13}, {"number": 1}, {"number": 99}],
    "organisation": [{"name": "Home Office"}, {"name": "DfE"}, {"name": "ofsted"}, {"name": "Department for Education"}],
    "commitments": [{"organisation": "Home Office"}, {"organisation": "dfe"}, {"recommendation": 13},
                    {"organisation": "Ofsted", "recommendation": 7}],
    "organisations": [{"kind": "inspectorate"}, {"kind": "department"}],
    "due": [{"as_of": "2026-01-01"}, {"as_of": "2026-01-01", "within_days": 90}, {"as_of": "2025-04-09", "within_days": 0}],
    "co-mentions": [{"min": 3}, {"min": 1}],
    "connection": [{"from": "Home Office", "to": "Ofsted"}, {"from": "Home Secretary", "to": "Home Office"},
                   {"from": "https://w3id.org/policykg/id/inquiry/iicsa", "to": "home office"},
                   {"from": "Home Office", "to": "nobody at all"}],
    "provenance": [{"iri": REC13}, {"iri": "https://w3id.org/policykg/id/organisation/home-office"}],
}


def parameter_sets(name: str) -> list[dict]:
    """Defaults (required ones from SAMPLE), one set per optional parameter, and EXTRA; no duplicates."""
    query = CATALOGUE[name]
    required = {p.name: sample(p) for p in query.parameters if p.required}
    sets = [required]
    sets += [{**required, p.name: sample(p)} for p in query.parameters if not p.required and p.name in SAMPLE]
    sets += EXTRA.get(name, [])
    unique = []
    for params in sets:
        if params not in unique:
            unique.append(params)
    return unique


CASES = [pytest.param(name, params, id=f"{name}-{'-'.join(f'{k}={v}' for k, v in params.items()) or 'defaults'}")
         for name in CATALOGUE for params in parameter_sets(name)]


@pytest.fixture(scope="module")
def sparql(seed_graph):
    return SparqlEngine(seed_graph)


@pytest.fixture(scope="module")
def ladybug(seed_graph):
    engine = LadybugEngine(seed_graph)
    yield engine
    engine.close()


def answers(engine, name: str, params: dict) -> list[dict]:
    query = CATALOGUE[name]
    columns, rows = engine.run(query.texts[engine.language], query.bind(params))
    assert columns == query.columns, f"{engine.name}: columns {columns} != header {query.columns}"
    return normalise(columns, rows, query.list_columns)


def test_every_query_has_both_texts():
    assert CATALOGUE, "no canned queries found"
    for name, query in CATALOGUE.items():
        assert set(query.texts) == {"sparql", "cypher"}, f"{name}: has {sorted(query.texts)}"


@pytest.mark.parametrize(("name", "params"), CASES)
def test_ladybug_matches_sparql(sparql, ladybug, name, params):
    expected = answers(sparql, name, params)
    assert answers(ladybug, name, params) == expected


def test_some_answers_are_not_empty(sparql):
    """Guard against comparing nothing with nothing."""
    for name in ("recommendations", "commitments", "organisations", "timeline", "connection", "provenance"):
        assert answers(sparql, name, parameter_sets(name)[0]), name


# -- parameters are bound, never interpolated -------------------------------------------
HOSTILE = ["x' OR 1=1 //", '"}) DETACH DELETE n //', "') MATCH (n) DETACH DELETE n //", "$number", "\\' OR true //"]
STRING_PARAMETERS = [(name, p.name) for name, query in CATALOGUE.items() for p in query.parameters if p.type == "str"]


def counts(engine: LadybugEngine) -> tuple[int, int]:
    nodes = engine.run("MATCH (n) RETURN count(n) AS c", {})[1][0][0]
    rels = engine.run("MATCH ()-[r]->() RETURN count(r) AS c", {})[1][0][0]
    return nodes, rels


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(("name", "parameter"), STRING_PARAMETERS)
def test_hostile_parameter_values_match_nothing(sparql, ladybug, seed_graph, name, parameter, value):
    params = {p.name: sample(p) for p in CATALOGUE[name].parameters if p.required}
    params[parameter] = BENIGN_VALUES[parameter]
    assert answers(ladybug, name, params) and answers(sparql, name, params), (name, parameter)  # the query can return rows
    params[parameter] = value
    before = counts(ladybug)
    assert answers(ladybug, name, params) == []
    assert answers(sparql, name, params) == []
    assert counts(ladybug) == before == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())


def test_null_parameters_leave_strings_and_comments_alone(ladybug):
    text = "RETURN '$x' AS a, \"$x\" AS b, $x AS c // $x\n"
    assert ladybug.run(text, {"x": None}) == (["a", "b", "c"], [["$x", "$x", None]])
    assert ladybug.run(text, {"x": 5}) == (["a", "b", "c"], [["$x", "$x", 5]])


def test_dates_and_nulls_are_bound(ladybug):
    assert ladybug.run("WITH $d AS d RETURN d AS d, $n IS NULL AS missing", {"d": date(2026, 1, 1), "n": None}) == (
        ["d", "missing"], [[date(2026, 1, 1), True]])


def test_errors_are_one_line_query_errors(ladybug):
    for text in ("MATCH (n:NoSuchLabel) RETURN n", "RETURN (", "MATCH (n) RETURN n.no_such_property"):
        with pytest.raises(QueryError) as caught:
            ladybug.run(text, {})
        assert str(caught.value).startswith("LadybugDB error:") and "\n" not in str(caught.value)


# -- the projection ----------------------------------------------------------------------
def test_projection_types_and_provenance(seed_graph):
    pg = project(seed_graph)
    assert [n.iri for n in pg.nodes] == sorted((n.iri for n in pg.nodes), key=lambda i: (seed_graph.nodes[i]["type"], i))
    assert len(pg.nodes) == seed_graph.number_of_nodes() and len(pg.relationships) == seed_graph.number_of_edges()
    types = pg.schema.node_types()
    assert types["deadline_end"] == "DATE" and types["value"] == "DOUBLE" and types["curated"] == "BOOLEAN"
    assert types["aliases"] == "STRING[]" and types["number"] == "INT64" and types["source_paragraphs"] == "INT64[]"
    for item in [*pg.nodes, *pg.relationships]:
        lengths = {len(item.properties[k]) for k in ("source_documents", "source_locators", "source_paragraphs",
                                                       "source_starts", "source_ends", "source_quotes")}
        assert len(lengths) == 1
    assert {r.type for r in pg.relationships} >= {"LED_BY", "ANSWERS", "RESPONDS_TO"}
    assert project(seed_graph) == pg  # deterministic


def test_projection_of_a_small_graph_on_ladybug():
    g = new_graph()
    first = Provenance("https://example.org/doc", "p2", 2, "S", 5, 9, "quote b")
    curated = Provenance("https://example.org/curated", "fact-1", None, "", 0, 3, "quote a")
    add_node(g, "https://example.org/o", "Organisation", "Body", [first, curated], kind="", aliases=["B", "Bo"], curated=True)
    add_node(g, "https://example.org/c", "Commitment", "Do it", first, paragraph=2, deadline_end="2026-03-31", text="Do it")
    add_edge(g, "https://example.org/c", "https://example.org/o", "led_by", first)
    node = next(n for n in project(g).nodes if n.label == "Organisation")
    assert "kind" not in node.properties  # empty strings are left out, as in RDF
    assert node.properties["source_documents"] == ["https://example.org/curated", "https://example.org/doc"]
    assert node.properties["source_paragraphs"] == [-1, 2]
    engine = LadybugEngine(g)
    try:
        rows = engine.run("MATCH (c:Commitment)-[r:LED_BY]->(o:Organisation) "
                          "RETURN c.deadline_end AS d, o.aliases AS a, o.kind AS k, r.source_quotes AS q, type(r) AS t", {})[1]
        assert rows == [[date(2026, 3, 31), ["B", "Bo"], None, ["quote b"], "LED_BY"]]
        # labels the data lacks still bind (the engine widens the schema to the model)
        assert engine.run("MATCH (f:Funding) RETURN f.amount_gbp AS a", {}) == (["a"], [])
    finally:
        engine.close()


def test_empty_graph_runs_every_query():
    """No table, label or property is missing on a graph without data: LadybugDB's schema comes from the model too."""
    engine, reference = LadybugEngine(new_graph()), SparqlEngine(new_graph())
    try:
        for name in CATALOGUE:
            params = parameter_sets(name)[0]
            assert answers(engine, name, params) == answers(reference, name, params), name
    finally:
        engine.close()


# -- awkward text survives every load path ----------------------------------------------
AWKWARD = ["line\nbreak", "crlf\r\nend", "tab\there", "quote ' single", 'quote " double', "back\\slash",
           "back\\' quote \\\"", "comma, [bracket] {brace} (paren)", "unicode é — ‘curly’ 🎉", "$param // not a comment",
           "ends with;", "  spaces  ", "null", "[1,2]"]


def awkward_graph(without: str | None = None):
    g = new_graph()
    doc = "https://example.org/doc"
    for i, text in enumerate(AWKWARD):
        if without and without in text:
            continue
        where = Provenance(doc, f"p{i}", i, text, i, i + 5, text)
        add_node(g, f"https://example.org/o/{i}", "Organisation", text, [where], aliases=[text, f"alias {i}"], kind=text)
        add_node(g, f"https://example.org/c/{i}", "Commitment", text, [where], text=text, paragraph=i, deadline_end="2026-01-31")
        add_edge(g, f"https://example.org/c/{i}", f"https://example.org/o/{i}", "led_by", where)
    return g


def contents(engine) -> tuple[list, list]:
    nodes = engine.run("MATCH (n) RETURN n.iri AS iri, n.label AS label, n.aliases AS aliases, n.kind AS kind, n.text AS text, "
                       "n.source_quotes AS quotes, n.source_paragraphs AS paragraphs ORDER BY iri", {})[1]
    rels = engine.run("MATCH (a)-[r:LED_BY]->(b) RETURN a.iri AS s, b.iri AS t, r.source_quotes AS q ORDER BY s, t", {})[1]
    return nodes, rels


def test_awkward_text_loads_the_same_by_copy_and_by_unwind():
    g = awkward_graph(without='"')  # a '"' sends the whole load to UNWIND (below)
    copy, unwind = LadybugEngine(g), LadybugEngine(g, method="unwind")
    try:
        assert copy.method == "copy"
        assert contents(copy) == contents(unwind)
        nodes, rels = contents(copy)
        labels = {row[0]: row[1] for row in nodes}
        assert labels["https://example.org/o/0"] == "line\nbreak" and labels["https://example.org/o/8"] == "unicode é — ‘curly’ 🎉"
        assert all(row[5] == [row[1]] for row in nodes) and len(rels) == len([t for t in AWKWARD if '"' not in t])
    finally:
        copy.close()
        unwind.close()


def test_lists_of_integers_load_unquoted_by_copy():
    """A node stated twice has two-element INT64[] lists ("[3,4]"): written unquoted to the CSV files of the COPY
    (a quoted one failed to load some way into a long file) and read back as by UNWIND."""
    import csv
    import io

    from policykg.queries import ladybug

    g = awkward_graph(without="\"")
    twice = [Provenance("https://example.org/doc", "p3", 3, "", 0, 5, "one, two"), Provenance("https://example.org/doc", "p4", 4, "", 6, 9, "three")]
    add_node(g, "https://example.org/c/twice", "Commitment", "twice, with a comma", twice, text="twice", paragraph=3)
    row = ladybug._csv_fields({"source_paragraphs": [3, 4], "text": "a, b"}, [("source_paragraphs", "INT64[]"), ("text", "STRING")])
    written = io.StringIO()
    ladybug.csv.writer(written, lineterminator="\n", delimiter=ladybug._DELIMITER).writerow(row)
    assert '"' not in written.getvalue() and next(csv.reader(io.StringIO(written.getvalue()), delimiter=ladybug._DELIMITER)) == row
    copy, unwind = LadybugEngine(g), LadybugEngine(g, method="unwind")
    try:
        assert copy.method == "copy"
        assert contents(copy) == contents(unwind)
        found = copy.run("MATCH (c:Commitment {iri: 'https://example.org/c/twice'}) RETURN c.source_paragraphs AS p, c.source_starts AS s", {})[1]
        assert found == [[[3, 4], [0, 6]]]
    finally:
        copy.close()
        unwind.close()


def test_text_with_a_double_quote_loads_by_unwind_as_written():
    # LadybugDB's CSV reader left a '"'-quoted field quoted some way into the real corpus's long files
    g = awkward_graph()
    engine = LadybugEngine(g)
    try:
        assert engine.method == "unwind"
        labels = {row[0]: row[1] for row in contents(engine)[0]}
        assert labels["https://example.org/o/4"] == 'quote " double'
    finally:
        engine.close()


def test_separator_characters_fall_back_to_unwind():
    g = awkward_graph()
    add_node(g, "https://example.org/odd", "Organisation", "odd", None, aliases=["a\x1fb", "c\x1ed"])
    engine = LadybugEngine(g)
    try:
        assert engine.method == "unwind"
        rows = engine.run("MATCH (o:Organisation {iri: 'https://example.org/odd'}) RETURN o.aliases AS a", {})[1]
        assert rows == [[["a\x1fb", "c\x1ed"]]]
    finally:
        engine.close()


# ------------------------------------------------------------------- a random graph of the same schema


@pytest.fixture(scope="module")
def synthetic_engines():
    """A random policy-shaped graph (every node type and relation of the model), on both engines."""
    from policykg.viz.synthetic import synthetic_graph

    graph = synthetic_graph(400, seed=7)
    sparql, ladybug = SparqlEngine(graph), LadybugEngine(graph)
    yield graph, sparql, ladybug
    ladybug.close()


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_engines_agree_on_a_random_graph(synthetic_engines, name):
    graph, sparql, ladybug = synthetic_engines
    organisation = next(d["label"] for _, d in sorted(graph.nodes(data=True)) if d["type"] == "Organisation")
    samples = {**SAMPLE, "name": organisation, "organisation": organisation, "from": organisation,
               "iri": sorted(graph.nodes)[0], "number": 1, "recommendation": 1}
    query = CATALOGUE[name]
    params = {p.name: sample(p, samples) for p in query.parameters if p.required or p.name in {"min", "as_of"}}
    assert answers(sparql, name, params) == answers(ladybug, name, params)
