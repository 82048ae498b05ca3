"""Other shapes of GOV.UK responses: recommendations as headings, plain statuses, unnumbered paragraphs."""

from __future__ import annotations

from conftest import nodes, targets

from policykg.graph.build import build_graph
from policykg.loaders.govuk_html import parse_govuk_html
from policykg.loaders.govuk_text import parse_govuk_text
from policykg.ontology.rdf import to_rdf
from policykg.ontology.validate import validate
from policykg.queries.catalogue import load_catalogue
from policykg.queries.ladybug import LadybugEngine
from policykg.queries.results import normalise
from policykg.queries.sparql import SparqlEngine

HTML = """<html><head><meta name="govuk:first-published-at" content="2024-02-01T10:00:00Z"></head><body>
<header><a href="/">GOV.UK</a></header>
<h1>Government response to the Independent Review of Children's Social Care</h1>
<div class="govspeak"><h2>Keeping children safe</h2>
<h3>Recommendation 1</h3><p>The Department for Education should create a new Child Protection Authority.</p>
<p>Government response: we accept this recommendation. The Government will consult on this by December 2024.</p>
<h3>Recommendation 2: Ofsted should inspect children's homes more often</h3>
<p>We do not accept this recommendation. Ofsted will continue to inspect annually.</p>
</div><footer>Open Government Licence</footer></body></html>"""

TEXT = """Response to the Review of Youth Custody
Published 12 June 2024
Summary
Recommendation 1 – Ban the use of pain-inducing restraint
1. The Ministry of Justice (MoJ) will review restraint practice by March 2025.
Recommendation 2 – Register all youth custody staff
2. We reject this recommendation. The Youth Custody Service will instead improve training during 2025.
"""


def test_recommendations_as_html_headings_with_statuses():
    graph = build_graph([parse_govuk_html(HTML)])
    recs = {r["number"]: r for r in nodes(graph, "Recommendation")}
    assert recs[1]["title"] == "The Department for Education should create a new Child Protection Authority"
    assert recs[2]["title"] == "Ofsted should inspect children's homes more often"
    statuses = {r["number"]: r["status"] for r in nodes(graph, "Response")}
    assert statuses == {1: "accepted", 2: "not accepted"}
    themes = [graph.nodes[t]["label"] for t in targets(graph, recs[1]["iri"], "has_theme")]
    assert themes == ["Keeping children safe"]
    consult = next(c for c in nodes(graph, "Commitment") if "consult" in c["text"])
    assert consult["deadline"] == "2024-12-31"
    assert [graph.nodes[r]["number"] for r in targets(graph, consult["iri"], "answers")] == [1]


def test_recommendations_as_dashed_lines_in_text():
    graph = build_graph([parse_govuk_text(TEXT)])
    recs = {r["number"]: r["title"] for r in nodes(graph, "Recommendation")}
    assert recs == {1: "Ban the use of pain-inducing restraint", 2: "Register all youth custody staff"}
    statuses = {r["number"]: r.get("status") for r in nodes(graph, "Response")}
    assert statuses == {1: None, 2: "not accepted"}  # no plain wording for 1, and no curated fallback
    labels = {d["label"] for _, d in graph.nodes(data=True) if d["type"] == "Organisation"}
    assert {"Ministry of Justice", "Youth Custody Service"} <= labels
    review = next(c for c in nodes(graph, "Commitment") if "review restraint" in c["text"])
    assert review["deadline"] == "2025-03-31"
    assert [graph.nodes[t]["label"] for t in targets(graph, review["iri"], "led_by")] == ["Ministry of Justice"]


def test_table_rows_are_data_in_html_and_text():
    """A table row is a paragraph of its cells (never a heading, never dropped), in HTML and in text."""
    html = ('<h1>Funding settlement</h1><div class="govspeak"><h2>Pupil premium</h2><p>The rates will be:</p>'
            '<table><thead><tr><th>Pupils</th><th>Rate</th></tr></thead>'
            '<tbody><tr><td><p>Disadvantaged pupils: primary</p></td><td>£1,320</td></tr></tbody></table></div>')
    rows = [p.text for p in parse_govuk_html(html).paragraphs]
    assert rows == ["The rates will be:", "Pupils | Rate", "Disadvantaged pupils: primary | £1,320"]
    row = parse_govuk_html(html).paragraphs[2]
    assert row.cells == ("Disadvantaged pupils: primary", "£1,320") and row.header == ("Pupils", "Rate")
    graph = build_graph([parse_govuk_html(html)])
    assert [f["amount_gbp"] for f in nodes(graph, "Funding")] == [1320]
    text = "Progress report\nPublished 29 May 2025\nOverview\nTheme | In progress | Complete\nVulnerable people | 2 | 1\n"
    document = parse_govuk_text(text)
    assert [s.heading for s in document.sections] == ["Overview"]
    assert [p.text for p in document.paragraphs] == ["Theme | In progress | Complete", "Vulnerable people | 2 | 1"]
    assert document.paragraphs[1].header == ("Theme", "In progress", "Complete")


def test_a_table_of_recommendations_gives_one_recommendation_per_row_with_its_status():
    html = ('<h1>Government response to the Review of Youth Custody</h1><p>Published 12 June 2024</p>'
            '<div class="govspeak"><h2>Summary of responses</h2>'
            '<table><thead><tr><th>No.</th><th>Recommendation</th><th>Government response</th><th>Lead</th></tr></thead>'
            '<tbody><tr><td>1</td><td>Ban the use of pain-inducing restraint.</td><td>Accepted in full</td><td>Ministry of Justice</td></tr>'
            '<tr><td>2</td><td>Register all youth custody staff.</td><td>In principle</td><td>Youth Custody Service</td></tr>'
            '<tr><td>3</td><td>Close the oldest institutions.</td><td>Not accepted</td><td>HM Prison and Probation Service</td></tr>'
            '</tbody></table></div>')
    graph = build_graph([parse_govuk_html(html)])
    recommendations = {r["number"]: r["title"] for r in nodes(graph, "Recommendation")}
    assert recommendations == {1: "Ban the use of pain-inducing restraint", 2: "Register all youth custody staff",
                               3: "Close the oldest institutions"}
    statuses = {r["number"]: (r["status"], r["status_quote"]) for r in nodes(graph, "Response")}
    assert statuses == {1: ("accepted", "Accepted in full"), 2: ("accepted in principle", "In principle"),
                        3: ("not accepted", "Not accepted")}


def test_a_table_that_is_not_of_recommendations_gives_none():
    text = ("Progress report\nPublished 29 May 2025\nOverview\n"
            "Theme | Number of recommendations | In progress | Complete\nVulnerable people | 3 | 2 | 1\n")
    graph = build_graph([parse_govuk_text(text)])
    assert not nodes(graph, "Recommendation")


def test_recommendations_numbered_by_section_keep_their_notation():
    text = ("Government response to the Grenfell Tower Inquiry\nPublished 26 February 2025\nBuilding safety\n"
            "- Recommendation 33.1: The government should appoint a single construction regulator.\n"
            "- Recommendation 3.1(a) – Review the Approved Documents.\n"
            "- Recommendation 4: Publish the guidance.\n")
    graph = build_graph([parse_govuk_text(text)])
    found = {(r.get("number"), r["notation"], r["title"]) for r in nodes(graph, "Recommendation")}
    assert found == {(None, "33.1", "The government should appoint a single construction regulator"),
                     (None, "3.1(a)", "Review the Approved Documents"), (4, "4", "Publish the guidance")}
    from policykg.queries import run_query
    for engine in ("sparql", "cypher"):
        rows = run_query(graph, "recommendations", engine=engine)[1]
        assert sorted(r["notation"] for r in rows) == ["3.1(a)", "33.1", "4"], engine


def test_responses_carry_the_progress_their_text_or_table_states():
    text = ("Progress report: summary update\nUpdated 30 September 2025\nOverview\n"
            "Since the progress report published in May, we have completed two recommendations related to "
            "evacuation plans (recommendations 59 and 61).\n")
    graph = build_graph([parse_govuk_text(text)])
    assert {r["number"]: r.get("progress") for r in nodes(graph, "Response")} == {59: "complete", 61: "complete"}
    html = ('<h1>Implementation tracker</h1><p>Published 1 May 2025</p><div class="govspeak"><h2>Status</h2>'
            '<table><thead><tr><th>No.</th><th>Recommendation</th><th>Response</th><th>Progress</th></tr></thead>'
            '<tbody><tr><td>7</td><td>Create a register of staff.</td><td>Accepted</td><td>In progress</td></tr>'
            '<tr><td>8</td><td>Publish the data each year.</td><td>Accepted</td><td>Not started</td></tr></tbody></table></div>')
    graph = build_graph([parse_govuk_html(html)])
    assert {r["number"]: (r["status"], r.get("progress")) for r in nodes(graph, "Response")} == {
        7: ("accepted", "in progress"), 8: ("accepted", "not started")}


PLAN = """Single departmental plan
Published 17 January 2016
Employment
We are supporting the ambition to increase the number of workers in employment by 20% by 2020, by:
- identifying and sharing good practice in jobcentres
- working with exemplar employers
Welfare
By May 2017, we will:
- publish the new guidance
- pilot the scheme
Finance
In addition, Annually Managed Expenditure in financial year 2016 to 2017 is £170.5 billion, as forecast by the Office for Budget Responsibility.
Before the end of March, both Houses will have the opportunity to debate the draft regulations for people who are affected including partners, p
"""


def test_a_lead_that_dates_its_own_action_is_the_commitment_and_a_bare_lead_dates_its_bullets():
    commitments = {c["text"]: c.get("deadline") for c in nodes(build_graph([parse_govuk_text(PLAN)]), "Commitment")}
    lead = next(t for t in commitments if t.startswith("We are supporting"))
    assert commitments[lead] == "2020-12-31"  # the lead commits, and its bullets are its means, undated
    assert commitments["identifying and sharing good practice in jobcentres"] is None
    assert commitments["publish the new guidance"] == "2017-05-31"  # "By May 2017, we will:" dates its bullets
    assert not any(t.startswith("By May 2017") for t in commitments)
    assert not any("as forecast by" in t for t in commitments)  # a forecast with an amount is no commitment
    # a long line cut short without its full stop is a sentence, not a heading
    assert commitments[next(t for t in commitments if t.startswith("Before the end of March"))] == "2016-03-31"


def test_recommendations_named_in_a_list_or_by_their_subject_are_read_with_the_position_taken():
    text = ("Update on the national audit\nPublished 2 September 2025\nStatement\n"
            "On 16 June, the Home Secretary made it clear that this Government will accept all 12 of Baroness Casey’s "
            "recommendations, including the establishment of a new statutory national inquiry, and a new national "
            "policing operation to get more perpetrators behind bars.\n"
            "The Bill will also address the Inquiry’s recommendations, including a new mandatory duty to report abuse "
            "and the removal of the three-year limitation period.\n"
            "This delivers against the Inquiry’s recommendation on improving the provision of therapeutic support.\n"
            "Several recommendations, including these, were discussed.\n")  # too short to be one: no recommendation
    graph = build_graph([parse_govuk_text(text)], annotations={})
    titles = {r["title"] for r in nodes(graph, "Recommendation")}
    assert titles == {
        "the establishment of a new statutory national inquiry",
        "a new national policing operation to get more perpetrators behind bars",
        "a new mandatory duty to report abuse", "the removal of the three-year limitation period",
        "improving the provision of therapeutic support",
    }
    statuses = {graph.nodes[targets(graph, r["iri"], "responds_to")[0]]["title"]: r["status"]
                for r in nodes(graph, "Response")}
    assert statuses == {"the establishment of a new statutory national inquiry": "accepted",
                        "a new national policing operation to get more perpetrators behind bars": "accepted"}


def test_money_in_other_currencies_is_kept_as_stated_and_queried_alike():
    # Pounds have amount_gbp; euros and dollars keep their own amount and currency, never converted.
    graph = build_graph([parse_govuk_text("Pledges to the Global Fund\nPublished 3 March 2025\n"
                                          "1. The UK will provide £1 billion to the Global Fund.\n"
                                          "2. The EU pledged €715 million and the United States pledged US$4.68 billion.\n"
                                          "3. Australia pledged A$266 million.\n")])
    funding = sorted(((d.get("amount_gbp"), d.get("amount"), d.get("currency"), d["amount_text"])
                      for _, d in graph.nodes(data=True) if d["type"] == "Funding"), key=lambda row: row[3])
    assert funding == [(None, 4680000000, "USD", "US$4.68 billion"), (1000000000, None, None, "£1 billion"),
                       (None, 715000000, "EUR", "€715 million")]  # not A$: another dollar
    query = load_catalogue()["funding"]
    answers = []
    for engine in (SparqlEngine(graph), LadybugEngine(graph)):
        columns, rows = engine.run(query.texts[engine.language], {})
        answers.append(normalise(columns, rows, query.list_columns))
    assert answers[0] == answers[1]
    assert [(row["amount_gbp"], row["amount"], row["currency"]) for row in answers[0]] == [
        (1000000000, 1000000000, "GBP"), (None, 4680000000, "USD"), (None, 715000000, "EUR")]
    assert validate(to_rdf(graph)).conforms


def _funding(text: str) -> list[tuple[int | None, str, str]]:
    graph = build_graph([parse_govuk_text(text)])
    return sorted((d.get("amount_gbp"), d["amount_text"], d["purpose"]) for _, d in graph.nodes(data=True) if d["type"] == "Funding")


def test_table_cells_under_a_heading_in_pounds_are_amounts():
    # A written answer's table: the column heading states the unit, the cells are bare numbers.
    funding = _funding("Renewable heat: air quality\nAnswered on 28 October 2009\n"
                       "Scenario | Life years lost in 2020 | Annualised health costs (£ million)\n"
                       "1 | 452,554 | 189\n2 | 1,748,651 | 2,803\n")
    assert funding == [(189000000, "189", "Annualised health costs (£ million): 1"),
                       (2803000000, "2,803", "Annualised health costs (£ million): 2")]
    # Its contrary: the same numbers under headings that state no money are counts, not amounts.
    assert _funding("Renewable heat: air quality\nAnswered on 28 October 2009\n"
                    "Scenario | Life years lost in 2020 | Hospital admissions\n"
                    "1 | 452,554 | 189\n2 | 1,748,651 | 2,803\n") == []


def test_a_raised_decimal_point_is_read_as_a_point():
    # Hansard printed "£26·8 million"; a middle dot between words is no decimal point.
    assert _funding("September monitoring\nPublished 13 October 2009\n"
                    "1. The Executive allocated £26·8 million to health.\n") == [(26800000, "£26·8 million", "to health")]
    assert _funding("September monitoring\nPublished 13 October 2009\n"
                    "1. The Executive allocated £26 · health and education.\n") == [(26, "£26", "· health and education")]


def test_a_unit_alone_on_the_line_above_a_table_makes_its_numbers_amounts():
    # Hansard's written answers put "£" on a line of its own above a table of spending.
    answer = ("Departmental Rail Travel\nAnswered on 28 October 2009\n"
              "The expenditure on first class rail travel in each of the last three years is:\n£\n"
              "July 2006 - March 2007 | 817,167\nApril 2007 - March 2008 | 853,334\n")
    assert [amount for amount, _, _ in _funding(answer)] == [817167, 853334]
    # contrary: the same table under a line that states no unit holds counts, not money
    assert _funding(answer.replace("\n£\n", "\nJourneys\n")) == []


def _documents(graph) -> list[str]:
    return sorted(iri for iri, data in graph.nodes(data=True) if data["type"] == "Document")


def test_two_records_of_one_day_titled_by_their_kind_are_two_documents():
    """Each legislature publishes a "Written Answers" of the day: title and date alone would merge two records."""
    lords = parse_govuk_text("Written Answers\nThursday 29 October 2009\nAir Quality\nThe Minister will publish the report.\n")
    holyrood = parse_govuk_text("Written Answers\nThursday 29 October 2009\nBenefits\nThe Scottish Executive has no plans.\n")
    documents = _documents(build_graph([lords, holyrood], annotations={}))
    assert len(documents) == 2 and all("/written-answers-2009-10-29-" in iri for iri in documents)
    # the same record read twice is one document; a titled document stays title and date
    assert len(_documents(build_graph([lords, lords], annotations={}))) == 1
    titled = parse_govuk_text("Air Quality Strategy\nPublished 29 October 2009\nSummary\nWe will act.\n")
    assert _documents(build_graph([titled], annotations={})) == ["https://w3id.org/policykg/id/document/air-quality-strategy-2009-10-29"]
