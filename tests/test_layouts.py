"""Layouts and wordings the blind corpus of session 9 showed (excerpts of the real documents in
tests/fixtures/real/, cut short): each reading paired with the one it must not be confused with."""

from __future__ import annotations

from conftest import nodes

from policykg.graph.build import build_graph
from policykg.loaders.govuk_text import parse_govuk_text


def _graph(text: str):
    return build_graph([parse_govuk_text(text)], annotations={})


def _statuses(graph) -> dict[str, str | None]:
    """Recommendation notation (or number) → the status its response states."""
    found = {}
    for response in nodes(graph, "Response"):
        key = response.get("notation") or response.get("number")
        found[str(key)] = response.get("status")
    return found


def _dated(graph) -> dict[str, str]:
    """Commitment text → its deadline, for the commitments (not actions taken) that have one."""
    return {c["text"]: c["deadline"] for c in nodes(graph, "Commitment") if c.get("deadline") and c.get("kind") == "commitment"}


# Women's football review response (CP 965): the summary table as text taken from the PDF, cells run together.
RUN_IN_TABLE = """Government Response to the Independent Review of Women's Football
December 2023
Summary of Women's Football Review Recommendations
| Recommendation | To Action | Government Response |
| --------------- | ---------- | -------------------- |
1. The new entity tasked with running elite FA, NewCo Support - the FA and NewCo women's football should not settle for anything.
2. Government must deliver on recent Government Accept - DfE will continue to drive commitments around equal access to school sport.
Recommendation 1 - The new entity tasked with running elite women's football should not settle
14. We welcome the Review.
Recommendation 2 - Government must deliver on recent commitments around equal access to school sport
20. DfE has published guidance.
"""


def test_a_response_cell_run_into_its_row_states_the_status():
    statuses = _statuses(_graph(RUN_IN_TABLE))
    assert statuses["1"] == "accepted in principle"  # "Support": endorsed, others are to act
    assert statuses["2"] == "accepted"


def test_a_numbered_paragraph_without_a_response_cell_states_no_status():
    text = RUN_IN_TABLE.replace("Support - ", "").replace("Accept - ", "")
    assert _statuses(_graph(text)) == {"1": None, "2": None}


# The same response's body: a recommendation's parts, each answered in its own paragraphs.
PARTS = """Government Response to the Independent Review of Women's Football
Published 4 December 2023
Recommendation 3 - Both leagues should become fully professional environments.
3.1. Addressing the gulf in minimum operating standards between tiers 1 and 2.
31. The Review highlighted the gulf in minimum operating standards.
32. The Government supports the Review's recommendation for phasing in increased contact time.
3.2. Providing gold standard physical and mental health provision.
38. To stimulate work in this space, the Government accepts the Review recommendation and will convene a roundtable.
"""


def test_each_part_of_a_recommendation_gets_the_status_its_own_paragraphs_state():
    statuses = _statuses(_graph(PARTS))
    assert statuses["3.1"] == "accepted in principle"
    assert statuses["3.2"] == "accepted"
    assert statuses["3"] is None  # the parts' statuses are not the whole recommendation's


# Business and Trade Committee special report: the committee's recommendation, then the response.
COMMITTEE = """Post Office and Horizon redress: Government Response to the Committee's Third Report
Date Published: 9 May 2024
Government Response
1. The Government must immediately remove the Post Office from any involvement in delivering redress.
The Government agrees that redress must be swift. We will set out our plans by June 2024.
"""


def test_a_committee_recommendation_under_a_government_response_heading_is_read():
    graph = _graph(COMMITTEE)
    titles = {r["number"]: r["title"] for r in nodes(graph, "Recommendation")}
    assert titles == {1: "The Government must immediately remove the Post Office from any involvement in delivering redress"}


def test_a_government_paragraph_under_the_same_heading_is_not_a_recommendation():
    text = COMMITTEE.replace("1. The Government must immediately", "1. The Government agrees that it must immediately")
    assert nodes(_graph(text), "Recommendation") == []


def test_a_legislature_named_as_the_forum_is_not_a_body():
    graph = _graph("Government Response\nPublished 26 February 2025\n"
                   "Presented to Parliament by the Deputy Prime Minister. I will update the House of Commons in May.\n")
    names = {b["label"] for b in nodes(graph, "Organisation")}
    assert "Parliament of the United Kingdom" not in names and "House of Commons" not in names


def test_a_legislature_that_acts_is_a_body():
    graph = _graph("The Queen's Speech\nPublished 18 May 2016\n"
                   "My ministers will uphold the sovereignty of Parliament and the primacy of the House of Commons.\n")
    names = {b["label"] for b in nodes(graph, "Organisation")}
    assert {"Parliament of the United Kingdom", "House of Commons"} <= names


def test_an_undated_document_keeps_the_deadlines_that_date_themselves():
    graph = _graph("Horizon redress: the response\n"
                   "The Post Office will work to close the Horizon Shortfall Scheme by 31 January 2026.\n"
                   "We will publish the appeals guidance next year.\n")
    dated = _dated(graph)
    assert list(dated.values()) == ["2026-01-31"]  # "next year" has no year to count from


def test_the_date_of_an_action_reported_as_done_is_no_deadline():
    graph = _graph("School sport\nPublished 4 December 2023\n"
                   "In July 2023, DfE published updated guidance for the 2023/24 academic year.\n"
                   "The introduction of equality criteria started in September 2023 and will become mandatory from September 2024.\n")
    assert list(_dated(graph).values()) == ["2024-09-01/2024-09-30"]


def test_a_range_dated_at_both_ends_is_one_period():
    graph = _graph("FGM/C grants round\nPublished 1 June 2015\n"
                   "An anticipated £30m of grants will be awarded to between 10 and 15 organisations from 1 October 2015 to 31 March 2018.\n")
    assert list(_dated(graph).values()) == ["2015-10-01/2018-03-31"]


def test_a_text_table_with_a_heading_row_broken_over_lines_reads_as_one_table():
    document = parse_govuk_text("Progress report: the construction industry\nUpdated 17 December 2025\nRecommendation 1\n"
                                "| Recommendation number |\nInquiry reference | Status | Responsibility | Accepted |\n"
                                "|---|---|---|---|---|\n| 1 | 113.6 | In progress | Government | In principle |\n"
                                "Recommendation\nThat the government draw together under a single regulator all the functions.\n")
    rows = [p for p in document.paragraphs if p.cells]
    assert [p.cells for p in rows] == [("Recommendation number", "Inquiry reference", "Status", "Responsibility", "Accepted"),
                                       ("1", "113.6", "In progress", "Government", "In principle")]
    assert all(not s.heading.startswith("|") for s in document.sections)  # no row is a heading
    response = nodes(build_graph([document], annotations={}), "Response")[0]
    assert (response["status"], response["progress"]) == ("accepted in principle", "in progress")


def test_sentences_under_a_heading_of_accepted_recommendations_are_accepted_recommendations():
    graph = _graph("HC Deb 15 July 1986\nThe Prime Minister\nThe tables below show the main recommendations accepted.\n"
                   "Session, report and date Main recommendations accepted\nAGRICULTURE COMMITTEE\n"
                   "Chief Scientists should have access to the Minister.\nThe Committee met in May 1983.\n")
    recommendations = {r["title"] for r in nodes(graph, "Recommendation")}
    assert recommendations == {"Chief Scientists should have access to the Minister"}
    assert [r["status"] for r in nodes(graph, "Response")] == ["accepted"]


def _dated_texts(*sentences: str) -> set[str]:
    """The sentences that are dated commitments, of a short page dated 22 April 2025."""
    return set(_dated(_graph("A policy paper\nPublished 22 April 2025\n" + "\n".join(sentences) + "\n")))


def test_a_description_or_a_plans_possibilities_commits_to_nothing():
    assert _dated_texts(
        "Women's sport will also be a highlight at the Games in 2026.",  # "will be a ...": a description
        "The roadmap sets out the potential contribution of wind to the target of 15% by 2030.",
        "The Government will also be publishing a plan in 2026.",
        "The roadmap sets out the steps we will take by 2030.",
        "There will be a review of the scheme by 2027.",  # "There will be a ...": something to be done
    ) == {"The Government will also be publishing a plan in 2026.", "The roadmap sets out the steps we will take by 2030.",
          "There will be a review of the scheme by 2027."}


def test_a_committing_verb_in_an_indirect_question_commits_to_nothing():
    assert _dated_texts(
        "I now wish to inform the House of our spending plans for 2026-27, together with information on how we will deploy the funds.",
        "We will set out how we will deploy the funds by 2027.",
        "That is why we will reform the funding formula by 2027.",  # "is why": a main clause
        "I also undertook to inform the House of our spending plans, and how we will deploy them, by 2027.",
        "We commit ourselves and our partners to achieve these aims by 2027.",
    ) == {"We will set out how we will deploy the funds by 2027.", "That is why we will reform the funding formula by 2027.",
          "I also undertook to inform the House of our spending plans, and how we will deploy them, by 2027.",
          "We commit ourselves and our partners to achieve these aims by 2027."}


def test_money_needed_by_a_date_is_no_commitment():
    assert _dated_texts(
        "Supply faces a challenge, with over £100 billion investment needed by 2030.",
        "We are investing over £100 million in new pitches by 2030.",
    ) == {"We are investing over £100 million in new pitches by 2030."}


def test_a_date_in_an_opening_phrase_on_an_earlier_event_is_the_events():
    assert _dated_texts(
        "Following the evacuations of our nationals this year, we will improve cooperation on consular services.",
        "Following the review, we will publish the plan by May 2026.",
    ) == {"Following the review, we will publish the plan by May 2026."}


def test_a_label_of_a_dated_leads_schedule_is_no_commitment():
    graph = _graph("A grants round\nPublished 22 April 2025\n"
                   "Grants of £30m will be awarded from 1 October 2025 to 31 March 2028, in a process of three stages:\n"
                   "- due diligence and contracting August to September 2025\n"
                   "- securing agreements with the grantees by September 2025\n")
    texts = {c["text"] for c in nodes(graph, "Commitment")}
    assert "due diligence and contracting August to September 2025" not in texts
    assert "securing agreements with the grantees by September 2025" in texts


def test_an_ambition_with_a_date_is_a_commitment_and_without_one_is_not():
    graph = _graph("A sport strategy\nPublished 22 April 2025\n"
                   "The sport strategy introduces an ambition to get a million more children active by 2030.\n"
                   "The ambition to create a new limit moved a step closer.\n")
    texts = {c["text"]: c.get("deadline") for c in nodes(graph, "Commitment")}
    assert texts == {"The sport strategy introduces an ambition to get a million more children active by 2030.": "2030-12-31"}


def test_a_decision_to_act_is_a_commitment_and_the_act_done_is_not():
    graph = _graph("Programme spending\nPublished 10 July 2025\n"
                   "For the 2025-26 financial year, I have decided to allocate £57 million to security programmes.\n"
                   "For the 2025-26 financial year, I have allocated £14 million to counter-terrorism.\n")
    kinds = {c["text"].split(",")[1].split(" £")[0].strip(): c["kind"] for c in nodes(graph, "Commitment")}
    assert kinds == {"I have decided to allocate": "commitment", "I have allocated": "action_taken"}


def test_a_sentence_that_names_the_actions_of_the_one_before_is_a_commitment():
    graph = _graph("Prison places\nPublished 14 July 2022\n"
                   "We are investing £3.8 billion in prison places. This includes creating four new prisons over the next six years.\n"
                   "This included building two houseblocks.\n"
                   "This will protect victims over the next six years.\n")
    assert _dated(graph) == {"This includes creating four new prisons over the next six years.": "2022-07-14/2028-07-14"}


def test_after_a_done_action_a_later_future_date_is_the_deadline():
    graph = _graph("Inquiry report\nPublished 20 October 2025\n"
                   "The Chair has announced that the final report has been delayed from autumn 2025 and will now be published in March 2026.\n"
                   "The Chair has announced the delay of the report from autumn 2025.\n"  # a done action's date only
                   "The Minister has announced a new fund of £5 million for 2025-26.\n")  # announced: done, not to come
    assert _dated(graph) == {
        "The Chair has announced that the final report has been delayed from autumn 2025 and will now be published in March 2026.":
            "2026-03-01/2026-03-31"}


def test_a_bullet_of_several_sentences_takes_its_kind_from_the_dated_one():
    graph = _graph("A departmental plan\nPublished 17 January 2016\n"
                   "We are reforming disability benefits:\n"
                   "- Replacing one allowance. We have introduced the new payment. The new payment will be exempt from the freeze until 2020.\n"
                   "- Extending the scheme. We will consult on it. We have extended the scheme until 2020.\n")
    kinds = {c["text"].split(".")[0]: (c["kind"], c.get("deadline")) for c in nodes(graph, "Commitment")}
    assert kinds == {"Replacing one allowance": ("commitment", "2020-12-31"), "Extending the scheme": ("action_taken", "2020-12-31")}
