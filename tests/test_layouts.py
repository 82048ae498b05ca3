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


def test_a_report_cell_run_into_an_accepted_recommendation_is_left_out_of_it():
    # A flattened table row: the report and its date, then the recommendation, on one line.
    graph = _graph("HC Deb 2 March 1990\nThe Minister\nThe table lists the recommendations accepted.\n"
                   "Report and date Recommendations accepted\nTRANSPORT COMMITTEE\n"
                   # A sentence about a report, not a row: it stays whole and is no recommendation, nor is the line after it.
                   "Fourth Report: Canals June 1989 recommended that boat licences should cost less.\n"
                   "Better signs for canal towpaths.\n"
                   "Session 1989-90\n"
                   "Third Report: Road Safety on Rural Lanes June 1989 Speed limits should be reviewed every five years.\n"
                   # The row's next line is the next recommendation, however worded; prose after the table is not.
                   "Better signs for cyclists on rural lanes.\n"
                   "The Committee took evidence from councils. It met in June 1989.\n")
    recommendations = {r["title"] for r in nodes(graph, "Recommendation")}
    assert recommendations == {"Speed limits should be reviewed every five years", "Better signs for cyclists on rural lanes"}
    assert [r["status"] for r in nodes(graph, "Response")] == ["accepted", "accepted"]


def test_parts_stated_one_after_another_are_answered_together_each_by_its_own_words():
    graph = _graph("Government response to the Review of Public Libraries\nDecember 2023\n"
                   "Recommendation 4 - Public libraries should be protected\n"
                   "4.1 Councils should open more libraries in rural towns.\n"
                   "4.2 Libraries should each employ a digital skills officer.\n"
                   "12. We support the recommendation that councils open new libraries in rural towns.\n"
                   "13. Staffing is a matter for each library service.\n"
                   # A part followed by its own answer is answered by that alone, as before.
                   "4.3 Councils should publish library opening hours.\n"
                   "14. We accept this recommendation.\n"
                   "4.4 Libraries should lend laptops to their members.\n"
                   "15. We note this recommendation.\n")
    statuses = _statuses(graph)
    assert {part: statuses.get(part) for part in ("4.1", "4.2", "4.3", "4.4")} == {
        "4.1": "accepted in principle", "4.2": None, "4.3": "accepted", "4.4": "noted"}


# Recommendations answered together in one section, as a progress update lists them over its paragraphs.
SHARED_SECTION = """Progress update on the Review of Early Years
Published 9 April 2025
Protecting Children in Care
- Recommendation 3: Registration of care staff in nurseries.
- Recommendation 4: Registration of staff in youth clubs and training academies.
- Recommendation 5: Higher pay for sports coaches.
20. The Government has already set out a clear plan for the early years workforce.
"""


def test_an_item_restating_a_title_speaks_of_that_recommendation_whatever_other_words_it_uses():
    graph = _graph(SHARED_SECTION + "21. We will continue work to determine whether registration of care staff is the right"
                   " approach, alongside better training.\n22. We note the recommendation on youth clubs.\n")
    statuses = _statuses(graph)
    # "training" is a word of recommendation 4's title alone, but the item restates recommendation 3's.
    assert (statuses["3"], statuses["4"], statuses["5"]) == ("under consideration", "noted", None)


def test_an_item_using_only_words_some_titles_share_speaks_of_those():
    graph = _graph(SHARED_SECTION + "21. We will determine the most suitable registration framework by 2026.\n")
    statuses = _statuses(graph)
    assert (statuses["3"], statuses["4"], statuses["5"]) == ("under consideration", "under consideration", None)
    # An item using none of the titles' words speaks of none of them.
    graph = _graph(SHARED_SECTION + "21. We will determine the most suitable framework by 2026.\n")
    assert set(_statuses(graph).values()) == {None}


def test_monitoring_the_policy_in_place_states_no_position_on_a_recommendation():
    def status(sentence: str) -> str | None:
        graph = _graph(f"Response to the Review of Bus Safety\nPublished 1 May 2025\nRecommendation 1: Seat belts on school buses\n"
                       f"{sentence}\n")
        return _statuses(graph)["1"]

    assert status("We will continue to monitor whether the existing rules on school buses are working.") is None
    assert status("The Government is committed to an ongoing assessment of whether further measures are needed.") is None
    assert status("That makes it difficult to amend the rules along the lines of the recommendation.") is None
    assert status("We will consider whether to require seat belts on school buses.") == "under consideration"
    assert status("The Government does not accept this recommendation.") == "not accepted"


def test_agreeing_that_what_a_recommendation_asks_should_be_done_accepts_it():
    def status(sentence: str) -> str | None:
        graph = _graph("Response to the Review of Bus Safety\nPublished 1 May 2025\n"
                       "Recommendation 1: Councils should fit seat belts to every school bus in rural districts\n"
                       f"{sentence}\n")
        return _statuses(graph)["1"]

    assert status("We agree that seat belts should be fitted to school buses in rural districts.") == "accepted"
    # Agreement with an aim, or that something else should be done, or in other words, accepts nothing.
    assert status("The Government agrees that more should be done to keep children safe.") is None
    assert status("The Government agrees that seat belts on school buses in rural districts are important.") is None
    assert status("We do not agree that seat belts should be fitted to school buses in rural districts.") == "not accepted"


def _planned(graph) -> dict[str, bool]:
    """Body name → whether the graph marks it planned."""
    return {b["label"]: bool(b.get("planned")) for b in nodes(graph, "Organisation") if b["label"] != "HM Government"}


def test_a_body_the_text_introduces_as_to_be_created_is_planned():
    graph = _graph("Sport governance\nPublished 4 December 2023\n"
                   "The league is now planning to establish a Players Negotiating Committee for the women's game.\n"
                   "We have published proposals for a new Coastal Safety Authority.\n")
    assert _planned(graph) == {"Players Negotiating Committee": True, "Coastal Safety Authority": True}


def test_a_body_that_acts_or_was_set_up_is_not_planned():
    graph = _graph("Sport governance\nPublished 4 December 2023\n"
                   "The Players Negotiating Committee published its report.\n"
                   "The league has recently established a Technical Consultation Group for the women's game.\n"
                   "A new Coastal Safety Board will drive the work across Government.\n")
    assert _planned(graph) == {"Players Negotiating Committee": False, "Technical Consultation Group": False,
                               "Coastal Safety Board": False}


def _aliases(graph) -> dict[str, list[str]]:
    return {b["label"]: b.get("aliases") or [] for b in nodes(graph, "Organisation")}


def test_a_listed_body_named_in_a_fuller_form_has_that_form_as_an_alias():
    aliases = _aliases(_graph("Statutory inquiries\nPublished 10 February 2025\n"
                              "The House of Lords Statutory Inquiries Committee published its report.\n"
                              "UK Border Force staff work with PHE at Heathrow.\n"))
    assert "House of Lords Statutory Inquiries Committee" in aliases["Statutory Inquiries Committee"]
    assert "UK Border Force" in aliases["Border Force"]
    assert "House of Lords" not in aliases  # the House is not named as a body there


def test_a_listed_body_named_apart_from_a_house_or_the_country_has_no_fuller_form():
    aliases = _aliases(_graph("Statutory inquiries\nPublished 10 February 2025\n"
                              "The House of Lords voted on the Bill, and the Statutory Inquiries Committee published its report.\n"
                              "Border Force staff work at ports across the UK.\n"))
    assert "House of Lords" in aliases
    assert not any(a.startswith("House") for a in aliases["Statutory Inquiries Committee"])
    assert "UK Border Force" not in aliases["Border Force"]


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


# A written statement that accepts an inquiry's recommendations and then lists them in one sentence (Angiolini).
def test_recommendations_listed_clause_by_clause_after_naming_them_take_the_position_stated_of_them_all():
    graph = _graph("Harbour Inquiry: recommendations\nStatement made on 3 March 2025\n"
                   "Today I confirm acceptance of all three of the recommendations made to the Government. These "
                   "recommendations are that the Department should review the licensing of harbours; fund research "
                   "into silting; and publish a code for pilots. Further recommendations were made to harbour boards.\n")
    responses = {r["label"].removeprefix("Response to: "): r["status"] for r in nodes(graph, "Response")}
    assert responses == {"the Department should review the licensing of harbours": "accepted",
                         "fund research into silting": "accepted", "publish a code for pilots": "accepted"}


def test_a_sentence_on_recommendations_without_a_list_of_clauses_states_none():
    graph = _graph("Harbour Inquiry: recommendations\nStatement made on 3 March 2025\n"
                   "We accept all three of the recommendations. These recommendations are important to harbour users; "
                   "we will act on them this year. The recommendations were to be published; they were delayed.\n")
    assert nodes(graph, "Recommendation") == []


# A GOV.UK guide's list of documents to read, each titled with its years (the structural funds guide).
def test_a_list_the_reader_is_told_to_read_holds_no_commitments_and_a_list_of_steps_does():
    graph = _graph("Structural funds\nPublished 3 March 2015\n"
                   "1. Read detailed information about the funds and how they are run:\n"
                   "- Lowland Operational Programme for England 2014 to 2020\n"
                   "- Upland Operational Programme for England 2014 to 2020\n"
                   "2. The Department will take these steps:\n"
                   "- Publishing the Lowland Operational Programme for 2014 to 2020\n")
    assert _dated(graph) == {"Publishing the Lowland Operational Programme for 2014 to 2020": "2014-01-01/2020-12-31"}


# A GOV.UK page's heading names the act its section is about (the MOD's complaints procedure).
def test_a_dated_act_named_in_a_heading_is_legislation_and_nothing_else_is_discovered_there():
    graph = _graph("Complaints procedure\nPublished 3 March 2014\nComplaints under the Lowland Records Act 1998\n"
                   "1. Write to the records team.\nRequests to the Lowland Records Board\n2. The board answers within 20 days.\n")
    assert {n["label"] for n in nodes(graph, "Legislation")} == {"Lowland Records Act 1998"}
    assert "Lowland Records Board" not in {n["label"] for n in nodes(graph, "Organisation")}


# Hansard's written statements end "Copies are available in the Vote Office and the Printed Paper Office".
def test_the_house_offices_where_papers_are_had_are_no_bodies_and_named_as_actors_they_are():
    graph = _graph("Written statement\nStatement made on 26 October 2009\n"
                   "1. Copies are available to Members from the Vote Office, the Printed Paper Office and the Library.\n"
                   "2. The Vote Office will close early on Friday.\n")
    bodies = [n["label"] for n in nodes(graph, "Organisation")]
    assert bodies.count("Vote Office") == 1 and "Printed Paper Office" not in bodies


# A Lords written answer's two-column table ("Year | Amount Recovered"): one separator per row.
def test_two_cell_rows_next_to_each_other_are_a_table_and_a_lone_one_is_a_heading():
    document = parse_govuk_text("Single Farm Payment\nPublished 29 October 2009\nThe amounts recovered are shown below:\n"
                                "Year | Amount Recovered\n2005 | £19.1 million\n2006 | £13.7 million\n"
                                "The next answer follows.\nFarming | Answers\nWe will answer all questions.\n")
    assert [s.heading for s in document.sections if "|" in s.heading] == ["Farming | Answers"]
    rows = [p.cells for p in document.paragraphs if p.cells]  # the heading row, then the data
    assert rows == [("Year", "Amount Recovered"), ("2005", "£19.1 million"), ("2006", "£13.7 million")]
    graph = build_graph([document], annotations={})
    assert sorted(f["amount_gbp"] for f in nodes(graph, "Funding")) == [13700000, 19100000]


# ---------------------------------------------------------------------------------------------------------------
# Session status11: recommendations stated inside the position taken on them, and commitments to what one asks.
# ---------------------------------------------------------------------------------------------------------------

def _unnumbered(text: str) -> dict[str, str | None]:
    """The title of each unnumbered recommendation a statement gives → the status of its response, if any."""
    return _statuses_by_title(_graph(f"Harbour statement\nStatement made on 3 March 2025\n{text}\n"))


def _statuses_by_title(graph) -> dict[str, str | None]:
    """The title of each unnumbered recommendation → the status of its response, if any."""
    statuses = {r["label"].removeprefix("Response to: "): r["status"] for r in nodes(graph, "Response")}
    return {r["title"]: next((s for label, s in statuses.items() if r["title"].startswith(label)), None)
            for r in nodes(graph, "Recommendation")}


# A written statement (Hansard, 29 October 2009): "accepted Lord Bradley's recommendation for a National Advisory Group".
def test_accepting_someones_recommendation_for_a_thing_states_that_recommendation_accepted():
    found = _unnumbered("The Government also accepted Lord Harbour's recommendation for a National Pilots Group to be "
                        "established to widen involvement.")
    assert found == {"Recommendation for a National Pilots Group to be established to widen involvement": "accepted"}


def test_a_recommendation_for_someone_or_one_only_mentioned_is_not_read_so():
    assert _unnumbered("We accept the recommendation for Government to publish a code for pilots.") == {}
    assert _unnumbered("Lord Harbour's recommendation for a National Pilots Group was widely discussed.") == {}


# The same day's statement on the Metronet contracts: "accepted the committee's recommendations that the contracts ... should".
def test_accepting_several_recommendations_that_something_should_be_done_states_that_one_accepted():
    found = _unnumbered("The Mayor and I have accepted the committee's recommendations that the harbour contracts should "
                        "remain under the direct management of the port authority.")
    assert found == {"the harbour contracts should remain under the direct management of the port authority": "accepted"}


def test_accepted_recommendations_described_by_a_relative_clause_are_no_recommendation():
    # A Treasury letter's "implementation of accepted recommendations that are truly challenging".
    assert _unnumbered("Departments should set target dates for accepted recommendations that are truly challenging "
                       "and should explain them.") == {}


# A Lords statement (April 2025): "We have responded to the IICSA recommendation to establish the authority, and
# therefore it will be done."
def test_a_recommendation_named_then_said_to_be_done_is_accepted():
    found = _unnumbered("We have responded to the Inquiry's recommendation to establish the harbour authority, and therefore "
                        "it will be done.")
    assert found == {"establish the harbour authority": "accepted"}


def test_a_recommendation_named_then_something_else_said_of_it_states_no_position():
    assert _unnumbered("We have responded to the Inquiry's recommendation to establish the harbour authority, and will "
                       "consult on its powers.") == {}


# The IICSA progress update (April 2025): "The Government has also committed to remove the three-year time limit ...".
def test_committing_to_do_what_a_recommendation_asks_in_its_words_accepts_it():
    def status(sentence: str) -> str | None:
        graph = _graph("Response to the Review of Bus Safety\nPublished 1 May 2025\n"
                       "Recommendation 1: Removal of the three-year limit on claims brought by passengers\n"
                       f"{sentence}\n")
        return _statuses(graph)["1"]

    assert status("The Government has also committed to remove the three-year limit for passengers to bring claims.") == "accepted"
    assert status("We are committed to removing the three-year limit on claims brought by passengers.") == "accepted"
    # A commitment to weigh it, to something else, or withheld, accepts nothing.
    assert status("We are committed to an assessment of whether the three-year limit on passengers' claims should go.") is None
    assert status("The Government is committed to supporting passengers who bring claims.") is None
    assert status("The Government has not committed to remove the three-year limit for passengers to bring claims.") is None


# A written answer (September 2020): "each recommendation, including recommendation nine and plans for ...".
def test_a_recommendation_cited_by_a_number_in_words_is_that_number():
    graph = _graph("Harbour Review\nAnswered on 18 September 2020\n"
                   "We consider it important that each recommendation, including recommendation nine, is given full consideration.\n")
    assert sorted(r["number"] for r in nodes(graph, "Recommendation")) == [9]


def test_recommendation_followed_by_one_as_a_pronoun_or_in_a_compound_is_no_number():
    graph = _graph("Harbour Review\nAnswered on 18 September 2020\n"
                   "It was the recommendation one of the boards made. We answered recommendation twenty-one separately.\n")
    assert nodes(graph, "Recommendation") == []


# A Lord Chancellor's response to a select committee (2007): "Your Committee reached three conclusions. First, that ...".
def test_conclusions_counted_then_stated_in_turn_each_opening_with_its_ordinal_are_recommendations():
    found = _unnumbered("Your Committee reached two conclusions. First, that the closure of the harbour office amounted to "
                        "an event of real importance. And finally, that the closure has led to a conflict between the pilots "
                        "and the board.")
    assert found == {"the closure of the harbour office amounted to an event of real importance": None,
                     "the closure has led to a conflict between the pilots and the board": None}


def test_sentences_opening_with_an_ordinal_and_no_count_before_them_are_no_recommendations():
    assert _unnumbered("The harbour office closed. First, that was regrettable for the pilots. Second, that the board "
                       "met twice is no answer.") == {}
    assert _unnumbered("Your Committee reached two conclusions. First, we will review the harbour office this year.") == {}


# The Home Secretary's letter on the grooming gangs inquiry (December 2025): "The draft Terms of Reference reflect
# Baroness Casey's call for national inquiry overseeing a series of local investigations."
def test_what_is_done_reflecting_or_implementing_a_call_or_recommendation_accepts_it():
    assert _unnumbered("The draft terms of reference reflect Lord Harbour's call for a national inquiry overseeing local "
                       "investigations.") == {"Call for a national inquiry overseeing local investigations": "accepted"}
    assert _unnumbered("We are implementing the Review's recommendation that pilots should be licensed by the board.") == {
        "pilots should be licensed by the board": "accepted"}


def test_a_call_only_reported_or_a_recommendation_not_implemented_is_not_accepted():
    assert _unnumbered("Campaigners renewed their call for a national inquiry overseeing local investigations.") == {}
    assert _unnumbered("We will not implement the Review's recommendation that pilots should be licensed by the board.") == {}
    assert _unnumbered("This reflects the Review's finding that pilots were often unlicensed at the smaller harbours.") == {}


# The Scottish Government's findings on the Cass Review (July 2024): a table flattened to headings, "No. 1. Cass Review
# Recommendation" / its text / "MDT Response" / "Applicable to Scotland" / comments.
def _verdicts(summary: str, verdict: str) -> dict[str, str | None]:
    graph = _graph("Harbour Review – implications for Wales: findings report\n\n"
                   f"Harbour Review Summary\n\n{summary}\n\n"
                   "No. 1. Harbour Review Recommendation\n\nThere should be a nominated pilot for every harbour.\n\n"
                   f"Board Response\n\n{verdict}\n\n"
                   "Summary of the Board's Comments\n\n- Pilots will often have complex duties.\n")
    return _statuses(graph)


def test_a_verdict_heading_after_an_empty_response_heading_states_the_status():
    assert _verdicts("We have considered each recommendation.", "Accepted") == {"1": "accepted"}
    assert _verdicts("We have considered each recommendation.", "Not accepted") == {"1": "not accepted"}
    # Applicability states acceptance where the document accepts the recommendations where they apply.
    summary = "We have accepted them where we feel they should apply in a Welsh context."
    assert _verdicts(summary, "Applicable to Wales") == {"1": "accepted"}
    assert _verdicts(summary, "Partially Applicable to Wales") == {"1": "accepted in part"}


def test_applicability_alone_or_a_heading_that_is_no_verdict_states_no_status():
    assert _verdicts("We have considered each recommendation.", "Applicable to Wales") == {"1": None}
    assert _verdicts("We have accepted them where we feel they should apply in a Welsh context.", "Next steps for harbour boards") == {
        "1": None}


# ---------------------------------------------------------------------------------------------------------------------
# Session status12: recommendations and positions as ministers and committees state them in Hansard, devolved
# statements and committee reports (2004-2012).
# ---------------------------------------------------------------------------------------------------------------------

# A Northern Ireland Assembly statement (October 2009): "I have accepted the recommendations ... The review recommends
# that A; that B; and that C."
def test_a_review_recommending_that_a_that_b_and_that_c_gives_each_with_the_position_taken_on_them_all():
    found = _unnumbered("That review has concluded, and I have accepted the recommendations and asked my officials to act.\n"
                        "The review recommends that the harbour board retain its statutory levy; that the board and the "
                        "pilots' guild fully merge under one management; and that the levy threshold be raised to £50,000.")
    assert found == {"the harbour board retain its statutory levy": "accepted",
                     "the board and the pilots' guild fully merge under one management": "accepted",
                     "the levy threshold be raised to £50,000": "accepted"}


def test_recommendations_reported_after_a_position_on_some_of_them_or_a_question_take_no_position():
    text = ("The review recommends that the harbour board retain its statutory levy; and that the levy threshold be "
            "raised to £50,000.")
    expected = {"the harbour board retain its statutory levy": None, "the levy threshold be raised to £50,000": None}
    assert _unnumbered(text) == expected
    assert _unnumbered("I have accepted most of the recommendations and asked my officials to act.\n" + text) == expected
    assert _unnumbered("Has the Minister accepted the recommendations of the review?\n" + text) == expected


# A committee report (2012): "The Government's response to each of the Committees' recommendations on A, B and C was:
# "We are giving careful consideration to the CAEC recommendations ..."".
def test_a_response_quoted_for_recommendations_named_by_subject_states_their_position():
    found = _unnumbered("The Government's response to each of the Committee's recommendations on harbour dues, the "
                        "licensing of river pilots and Offshore mooring controls was: \"We are giving careful "
                        "consideration to the Committee's recommendations and will revert later this year.\"")
    assert found == {"harbour dues": "under consideration", "the licensing of river pilots": "under consideration",
                     "Offshore mooring controls": "under consideration"}


def test_a_response_to_recommendations_only_reported_or_consideration_already_given_states_nothing():
    assert _unnumbered("The response to the recommendations on harbour dues was published in May.") == {}
    from policykg.graph.statements import status_from_wording
    stated = status_from_wording("Having given careful consideration to the recommendation, we have decided to implement it.")
    assert stated is None or stated[0] != "under consideration"


# The same report: "Government Departments agreed in 1978, following recommendations by the Select Committee on
# Procedure, that replies should, if possible, be made within two months ...".
def test_agreeing_following_recommendations_that_a_thing_be_done_accepts_it():
    found = _unnumbered("Departments agreed in 1990, following recommendations by the Harbour Committee, that pilots "
                        "should be licensed every two years.")
    assert found == {"pilots should be licensed every two years": "accepted"}


def test_agreeing_that_a_thing_be_done_with_no_recommendation_named_is_no_recommendation():
    assert _unnumbered("Departments agreed in 1990 that pilots should be licensed every two years.") == {}


# A Commons statement (October 2009): "the key recommendation of Bernard Gray's review of acquisition—that the
# assessment of the equipment programme should be similarly rigorously independent", and "the one significant
# recommendation that I do not accept is that we will improve procurement by placing ...".
def test_a_recommendation_named_by_whose_it_is_then_stated_after_a_dash_is_reported():
    found = _unnumbered("But the Minister has yet to accept the key recommendation of the Harbour Review—that the "
                        "assessment of pilots should be independent.")
    assert found == {"the assessment of pilots should be independent": None}


def test_a_dash_after_a_recommendation_that_states_no_that_clause_is_no_recommendation():
    assert _unnumbered("The key recommendation of the Harbour Review—its chapter on pilots—was widely discussed.") == {}


def test_the_recommendation_the_minister_does_not_accept_is_that_gives_it_not_accepted():
    found = _unnumbered("The one significant recommendation that I do not accept is that we should sell the harbour "
                        "to a private operator.")
    assert found == {"we should sell the harbour to a private operator": "not accepted"}
    found = _unnumbered("The recommendation that we accept is that pilots should be licensed every two years.")
    assert found == {"pilots should be licensed every two years": "accepted"}


def test_a_recommendation_accepted_earlier_and_described_is_not_read_as_stated():
    assert _unnumbered("The recommendation that I accepted last year is being implemented.") == {}


# A Lords answer (October 2009): "... from September 2011 languages will become a compulsory part of the national
# curriculum, as recommended by our late lamented colleague Lord Dearing."
def test_a_clause_then_as_recommended_by_someone_reports_that_recommendation():
    found = _unnumbered("From September 2011 pilots will be licensed every two years, as recommended by Lord Harbour.")
    assert found == {"From September 2011 pilots will be licensed every two years": None}


def test_a_name_with_as_recommended_by_set_in_commas_is_no_recommendation():
    assert _unnumbered("The new pilots' guild, as recommended by Lord Harbour, will open in May.") == {}
    assert _unnumbered("The harbour will be dredged next year, as announced by the Minister.") == {}


# The same Lords questions: "Will he assure the House that the Government will implement Professor Worton's
# recommendation that a mandatory target be set ...?": a Member asks; no position is taken.
def test_a_question_whether_a_recommendation_will_be_implemented_states_no_position():
    found = _unnumbered("Will the Minister assure the House that the Government will implement Lord Harbour's "
                        "recommendation that pilots should be licensed every two years?")
    assert found == {"pilots should be licensed every two years": None}


def test_implementing_a_recommendation_stated_not_asked_still_accepts_it():
    found = _unnumbered("The Government will implement Lord Harbour's recommendation that pilots should be licensed "
                        "every two years.")
    assert found == {"pilots should be licensed every two years": "accepted"}


# A Government response appended to a committee's Special Report: each recommendation quoted under the label
# "Recommendation:" with no number, the answer after "Response:".
LABELLED = """Flood resilience: Government Response to the Committee's Fourth Report
Published 3 March 2025
Flood defences
Recommendation: The Government should publish a long-term investment plan for flood defences within a year.
Response:
Decisions have not yet been taken on the shape of the plan and options will continue to be considered.
Recommendation: The Government should set out how it will support councils to maintain drainage.
Response:
The Environment Agency is reviewing drainage maintenance with councils.
"""


def test_a_labelled_recommendation_is_read_with_the_position_its_answer_states():
    graph = _graph(LABELLED)
    titles = {r["title"] for r in nodes(graph, "Recommendation")}
    assert titles == {"The Government should publish a long-term investment plan for flood defences within a year",
                      "The Government should set out how it will support councils to maintain drainage"}
    statuses = {graph.nodes[response["iri"]]["status"] for response in nodes(graph, "Response")}
    assert statuses == {"under consideration"}  # the second answer states no position


def test_a_recommendation_label_in_running_text_or_a_decision_taken_is_not_read_so():
    text = LABELLED.replace("Recommendation: The Government should publish", "Our recommendation: the Government should publish")
    text = text.replace("Decisions have not yet been taken on the shape of the plan and options will continue to be considered",
                        "Decisions have been taken on the shape of the plan and the options considered")
    graph = _graph(text)
    assert {r["title"] for r in nodes(graph, "Recommendation")} == {
        "The Government should set out how it will support councils to maintain drainage"}
    assert nodes(graph, "Response") == []


def test_a_recommendation_named_by_what_it_asks_is_read():
    text = ("Coroner services: written answer\nPublished 12 October 2022\nAnswer\n"
            "Following the recommendation that we should publish the guide in plain English, we are testing a new draft.\n"
            "The expert group has recommended that, while London should remain the lead centre, treatment can be offered "
            "in Leeds when demand rises.\n")
    titles = {r["title"] for r in nodes(_graph(text), "Recommendation")}
    assert titles == {"we should publish the guide in plain English",
                      "while London should remain the lead centre, treatment can be offered in Leeds when demand rises"}


def test_recommendations_that_only_describe_them_are_not_read_as_one():
    text = ("Coroner services: written answer\nPublished 12 October 2022\nAnswer\n"
            "The recommendations that we received last year were wide-ranging and are being implemented.\n"
            "The expert group has made recommendations on longer-term provision.\n")
    assert nodes(_graph(text), "Recommendation") == []


def test_what_the_author_of_counted_recommendations_is_said_to_propose_is_one():
    found = _unnumbered("Lord Harbour has made a number of recommendations in his report. He has proposed four principles "
                        "on which pilotage should rest—safety, training, licensing and oversight.")
    assert found == {"four principles on which pilotage should rest": None}


def test_a_proposal_with_no_recommendations_counted_before_it_is_not_one():
    assert _unnumbered("Lord Harbour spoke in the debate. He has proposed four principles on which pilotage should "
                       "rest—safety, training, licensing and oversight.") == {}


# Lords oral questions: a Member asks whether a review's recommendation will be implemented; the Minister's reply,
# after the line naming him, opens with the position.
QUESTION = """Harbour pilots: Lords questions
27 October 2009
Lord Sandbank
Will the Minister assure the House that the Government will implement Lord Harbour's recommendation that pilots should be licensed every two years?
Lord Quay
My Lords, we are considering a range of options for licensing, including a two-year cycle. We have also written to the ports.
"""


def test_a_recommendation_asked_about_takes_the_position_the_reply_opens_with():
    assert _statuses_by_title(_graph(QUESTION)) == {"pilots should be licensed every two years": "under consideration"}


def test_a_reply_that_opens_without_a_position_gives_none():
    text = QUESTION.replace("My Lords, we are considering a range of options for licensing, including a two-year cycle. ",
                            "My Lords, the ports have written to us about licensing. We are considering a range of options. ")
    assert _statuses_by_title(_graph(text)) == {"pilots should be licensed every two years": None}
