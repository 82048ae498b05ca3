"""The readings of policykg.graph.follow that link a later sentence to an earlier commitment without an anchor: a
paragraph that names the earlier document's day, a report that is no commitment, the sentence after a statement
that says what became of it.  Each reading with its contrary: a like sentence that must not link."""

from __future__ import annotations

import pytest

from policykg.graph.build import build_graph
from policykg.loaders import load_document

#: A made-up written statement of 3 March 2025 with two commitments.
STATEMENT = ("Rural broadband: written statement\nPublished 3 March 2025\n"
             "We will publish a delivery plan for rural broadband vouchers by June 2025. "
             "I also undertook to inform the House of our allocations for rural connectivity in future years.\n")
#: The later statement: its first paragraph names a day ({day}), then {rest}.
LATER = """Rural broadband: further statement
Published 9 October 2025
{day}, I made a statement on rural broadband. {rest}
"""


def links(tmp_path, later: str) -> set[tuple[str, str, str]]:
    """The (earlier words, later words, outcome) of each follow-up of the two statements built together."""
    (tmp_path / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    (tmp_path / "later.txt").write_text(later, encoding="utf-8")
    graph = build_graph([load_document(tmp_path / "statement.txt"), load_document(tmp_path / "later.txt")])
    return {(graph.nodes[a]["text"][:40], graph.nodes[b]["text"][:40], data["outcome"])
            for a, b, key, data in graph.edges(keys=True, data=True) if key == "followed_up_by"}


INFORM = "I now wish to inform the House of our allocations for rural connectivity in 2026-27."


@pytest.mark.parametrize(("day", "expected"), [
    ("On 3 March 2025", {("I also undertook to inform the House of our"[:40], INFORM[:40], "delivered")}),
    ("On 4 April 2025", set()),  # the same words, but the paragraph names another day: no reference to the statement
])
def test_a_document_doing_what_an_earlier_one_promised_is_linked_when_its_paragraph_names_that_day(tmp_path, day, expected):
    assert links(tmp_path, LATER.format(day=day, rest=INFORM)) == expected


def test_a_performative_with_another_verb_delivers_nothing(tmp_path):
    rest = "I now wish to thank the House for its patience on our allocations for rural connectivity."
    assert links(tmp_path, LATER.format(day="On 3 March 2025", rest=rest)) == set()


@pytest.mark.parametrize(("after", "expected"), [
    ("This statement fulfils that commitment.", "delivered"),
    ("Work on the plan continues.", "in progress"),  # the sentence after it says nothing of its outcome
])
def test_the_sentence_after_a_restated_promise_says_what_became_of_it(tmp_path, after, expected):
    rest = f"In it I committed to set out a delivery plan for rural broadband vouchers. {after}"
    found = links(tmp_path, LATER.format(day="On 3 March 2025", rest=rest))
    assert found == {("We will publish a delivery plan for rural"[:40], rest[:40], expected)}


def test_a_sentence_that_only_says_this_fulfils_that_commitment_reports_nothing_itself(tmp_path):
    # "This statement fulfils that commitment ..." goes on about the sentence before it, which restates no promise here
    rest = "This statement fulfils that commitment on rural connectivity."
    assert links(tmp_path, LATER.format(day="On 3 March 2025", rest=rest)) == set()


def test_the_sentence_naming_the_day_recounts_that_document_and_follows_nothing_up(tmp_path):
    # the day is named in the report's own sentence: what the earlier statement did, not what became of its promise
    later = LATER.format(day="On 4 April 2025", rest="") + (
        "In my statement to the House of 3 March 2025, I now wish to inform the House of our allocations for rural connectivity.\n")
    assert links(tmp_path, later) == set()


#: A made-up progress update with a dated promise about a review known by its author's name.
PROMISE = ("River pollution: progress update\nPublished 3 March 2025\n"
           "By June 2025, the Government will set out a timetable to act on Hale's review of river pollution.\n")
REPORT = "River pollution: statement\nPublished 4 September 2025\n{sentence}\n"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("That is why, on 16 June, the Environment Secretary made clear that we will accept all 12 of Hale's recommendations "
     "on river pollution.", ["delivered"]),
    # the same report, but the day is after the deadline: not the act promised in its time
    ("That is why, on 16 July, the Environment Secretary made clear that we will accept all 12 of Hale's recommendations "
     "on river pollution.", []),
    # the day in time, but no name says it is the same review
    ("That is why, on 16 June, the Environment Secretary made clear that we will accept all 12 recommendations "
     "on river pollution.", []),
    # a day to come, not a day something was done
    ("The Environment Secretary will make clear by 16 June that we will accept all 12 of Hale's recommendations "
     "on river pollution.", []),
])
def test_a_report_of_the_act_done_in_time_follows_the_promise_when_both_name_its_object(tmp_path, sentence, expected):
    (tmp_path / "promise.txt").write_text(PROMISE, encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT.format(sentence=sentence), encoding="utf-8")
    graph = build_graph([load_document(tmp_path / "promise.txt"), load_document(tmp_path / "report.txt")])
    assert [data["outcome"] for _, _, key, data in graph.edges(keys=True, data=True) if key == "followed_up_by"] == expected


#: A made-up response reporting a sum committed on a day, and a later statement telling it again.
BUDGET = ("Flood defences: Government response\nPublished 14 May 2025\n"
          "The Government has committed £2.4bn in the Budget, delivered on 30 October 2024, to deliver the Flood Defence Programme.\n")
RETOLD = "Flood defences: written statement\nPublished 9 July 2025\n{sentence} Further work continues across the country.\n"


@pytest.mark.parametrize(("sentence", "expected"), [
    # the act told again on the day the response names: done
    ("The Government committed £2.4 billion in the Budget, delivered on 30 October 2024, for the flood defence programme.",
     ["delivered"]),
    # the same words, but another day: another act
    ("The Government committed £2.4 billion in the Budget, delivered on 27 November 2023, for the flood defence programme.", []),
    # the same day, but another act of it
    ("The Budget, delivered on 30 October 2024, also raised the rate of duty on tobacco products.", []),
])
def test_a_sentence_telling_again_an_act_done_on_the_day_the_earlier_commitment_names_follows_it(tmp_path, sentence, expected):
    (tmp_path / "budget.txt").write_text(BUDGET, encoding="utf-8")
    (tmp_path / "retold.txt").write_text(RETOLD.format(sentence=sentence), encoding="utf-8")
    graph = build_graph([load_document(tmp_path / "budget.txt"), load_document(tmp_path / "retold.txt")])
    assert [data["outcome"] for _, _, key, data in graph.edges(keys=True, data=True) if key == "followed_up_by"] == expected
