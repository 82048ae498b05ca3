"""Deadlines in the forms real documents use, resolved against the document's date (issue 17)."""

from __future__ import annotations

from datetime import date

import pytest

from policykg.graph.deadlines import find_deadline

PUBLISHED = date(2025, 4, 22)

CASES = [
    ("We will consult by the end of 2025.", "by the end of 2025", "2025-12-31"),
    ("I will update the House in the spring.", "in the spring", "2025-03-01/2025-05-31"),  # this spring: it runs to 31 May
    ("In June, the new academy will be launched.", "In June", "2025-06-01/2025-06-30"),
    ("Both Houses will debate it before the end of March.", "before the end of March", "2026-03-31"),
    ("We will meet again next year.", "next year", "2026-01-01/2026-12-31"),
    ("Capacity will grow over the next ten years.", "over the next ten years", "2025-04-22/2035-04-22"),
    ("It is expected to conclude within three years.", "within three years", "2025-04-22/2028-04-22"),
    ("We will roll it out through to financial year 2026 to 2027.", "through to financial year 2026 to 2027", "2027-03-31"),
    ("From April 2026, families will receive £4.65 a week.", "From April 2026", "2026-04-01/2026-04-30"),
    ("The grant will be paid for the period April to August 2026.", "the period April to August 2026", "2026-04-01/2026-08-31"),
    ("We will publish allocations for 2026-27 in June 2026.", "in June 2026", "2026-06-01/2026-06-30"),
    # a month earlier in the year than the document, after "will": next year's
    ("We will keep up the pressure at a meeting in February.", "in February", "2026-02-01/2026-02-28"),
    # a Parliament as a period: to the latest end of the Parliament sitting on the document's date
    ("We will spend over £70 million this Parliament.", "this Parliament", "2025-04-22/2029-07-08"),
    ("We will reduce our costs by the end of this Parliament.", "by the end of this Parliament", "2029-07-08"),
    # academic years run from September to August; "from" gives the first month
    ("We will pilot the tool during the 2025/26 academic year.", "during the 2025/26 academic year", "2025-09-01/2026-08-31"),
    ("It will become mandatory from the 2026/27 academic year.", "from the 2026/27 academic year", "2026-09-01/2026-09-30"),
    ("We will invest £600 million across the next two academic years.", "across the next two academic years",
     "2025-04-22/2026-08-31"),
    # Easter moves: Easter Sunday 2026 is 5 April; "before Easter" ends on its eve
    ("The timetable will be set out before Easter.", "before Easter", "2026-04-04"),
    ("The final report will be published on 20 May.", "on 20 May", "2025-05-20"),
    ("In the summer of 2025, the guidance will be updated.", "In the summer of 2025", "2025-06-01/2025-08-31"),
    # a split year is a financial year, unless it names a sports season (see test_not_deadlines)
    ("The league will pay clubs in 2026-27.", "2026-27", "2026-04-01/2027-03-31"),
    # a period with an end; "... and beyond" has none (see test_not_deadlines)
    ("We will run the campaign throughout the next year.", "throughout the next year", "2025-04-22/2026-04-22"),
    # "such as" before the verb names what acts, not an example's date
    ("Events such as the Games will be held by 2027.", "by 2027", "2027-12-31"),
    # a span of years in a sentence about money is financial years, with or without an amount
    ("We will provide continued funding for the network in 2026-2029.", "in 2026-2029", "2026-04-01/2029-03-31"),
    ("We will build new lines in 2026-2029.", "in 2026-2029", "2026-01-01/2029-12-31"),
]


@pytest.mark.parametrize(("text", "phrase", "iso"), CASES)
def test_real_forms(text, phrase, iso):
    found = find_deadline(text, PUBLISHED)
    assert found is not None and (found.text, found.iso) == (phrase, iso)


@pytest.mark.parametrize("text", [
    "In April we opened the new centre.",  # a month without a year, in the past tense: history
    "That is why, in the autumn Budget, we set aside £11.8 billion.",
    "We will publish it by 31 February 2026.",  # no such day
    "Funding was announced earlier this year.",
    "The report, published in February, will inform our work.",  # the month is before the future verb: past
    "Members of the Parliament will vote on it.",  # the institution, not a period
    "The Bill will be debated in the Parliament.",
    "The report was published on 20 May.",  # a day without a year, in the past tense: history
    "We will legislate later in the Parliament.",  # vague: kept as text without a date
    "From the 2026-27 season, clubs will need a licence.",  # a sports season is no financial year
    "We will run the campaign throughout the next year and beyond.",  # no end
    "We will support events such as the World Cup in 2027, and the Games.",  # the example's date, not the support's
])
def test_not_deadlines(text):
    assert find_deadline(text, PUBLISHED) is None


def test_the_end_of_the_year_is_the_end_of_the_year_the_document_is_dated_in():
    from datetime import date

    from policykg.graph.deadlines import find_stated_deadline
    published = date(2009, 10, 28)
    assert find_stated_deadline("The Government will work to ensure agreement by the end of the year.", published).end == date(2009, 12, 31)
    assert find_stated_deadline("We will publish before the end of the year.", published).end == date(2009, 12, 31)
    # the end of another year, or no date to count from: no deadline
    assert find_stated_deadline("We will report by the end of the year in which the Act passes.", published) is None
    assert find_stated_deadline("We will report by the end of the year.", None) is None


# Forms read since the fidelity corpus's Hansard days of October 2009; each with a sentence that must not be read so.
HANSARD_DAY = date(2009, 10, 29)  # a Thursday


@pytest.mark.parametrize(("text", "phrase", "iso"), [
    # a meeting named by its month: that month
    ("The presidency hoped that the framework decision would be formally adopted at the November JHA Council.",
     "at the November JHA Council", "2009-11-01/2009-11-30"),
    # a day written with "the"
    ("The decision will come back to the Council on the 30 November for formal adoption.", "on the 30 November", "2009-11-30"),
    # a length of time from now: "over a six-month period", "will run for six months"
    ("Cash payments will now be phased in over a six-month period through the IOM office in Harare.",
     "over a six-month period", "2009-10-29/2010-04-29"),
    ("The adverts will run for six months on youth channels, starting tonight.", "for six months", "2009-10-29/2010-04-29"),
    # the week or month of the document's date, or the next: a calendar week (to Sunday) or month
    ("The official response will be made clear when the legislation is published next month.", "next month",
     "2009-11-01/2009-11-30"),
    ("This week we are embarking on the next phase of our package to help more lone parents into employment.", "This week",
     "2009-10-29/2009-11-01"),
    # "today" beside "will": the document's day
    ("Today I will be launching a new strategy to transform information, advice and guidance for young people.", "Today",
     "2009-10-29"),
])
def test_forms_of_a_hansard_day(text, phrase, iso):
    found = find_deadline(text, HANSARD_DAY)
    assert found is not None and (found.text, found.iso) == (phrase, iso)


@pytest.mark.parametrize("text", [
    "The Council met at the November session of 2008 and adopted it.",  # a meeting of the past: no future verb
    "The report was published on the 20 May.",  # a day with "the", in the past tense: history
    "The pilot ran for six months in the north-west.",  # a length of time that is over
    "Claimants who have been unemployed for six months will be offered a place.",  # a condition, not a period
    "This week we published the final report.",  # done this week
    "Over the course of the next month, there will be local elections.",  # "the next month": no calendar month
    "The reforms we are setting out today will make sure every young person gets support.",  # "today" of another verb
    "The Minister said today that the Government will publish the plan.",  # "today" of the saying
])
def test_not_forms_of_a_hansard_day(text):
    assert find_deadline(text, HANSARD_DAY) is None


def test_a_plan_announced_is_dated_by_the_plan_not_the_announcement():
    from policykg.graph.deadlines import find_stated_deadline
    published = date(2023, 11, 29)
    announced = "The Government have today announced they are investing £25 million in 2024-25 to create a new fund."
    assert find_stated_deadline(announced, published).end == date(2025, 3, 31)
    # "I can announce today that ...": the announcement is now, the date is the allocation's
    found = find_stated_deadline("In the light of the representations I have received, I can announce today that the "
                                 "confirmed 2010-11 allocation will be £870 million.", date(2009, 10, 29))
    assert found is not None and found.end == date(2011, 3, 31)
    # but an announcement of what was done, then, is history
    assert find_stated_deadline("In July 2023, the Government announced that it had invested £25 million in 2023-24.",
                                published) is None
    assert find_stated_deadline("The Government announced the beginning of a consultation on draft regulations in "
                                "2024-25.", published) is None


def test_plans_by_any_actor_and_reported_plans_are_dated_commitments():
    from policykg.graph.statements import is_commitment

    # "is planning to": a plan of the actor named
    assert is_commitment("The Commission is planning to make proposals by 2012 on a new single market package.", dated=True)
    assert not is_commitment("The Commission was planning to make proposals by 2012, but dropped them.", dated=True)  # a past plan
    # a plan reported in indirect speech, when dated
    assert is_commitment("The Government stated that they would report to Parliament on the progress achieved by the end "
                         "of October 2009.", dated=True)
    assert is_commitment("The presidency welcomed the broad support for the text and concluded that formal agreement "
                         "would be reached in November.", dated=True)
    assert not is_commitment("The Government stated that it would be wrong to act now.", dated=True)  # "it would": no action
    assert not is_commitment("It would be possible to introduce these in 2010.", dated=True)  # no report of a plan
    # a thing named with "This" and dated: "This consultation will last 12 weeks, finishing on 8 January 2010"
    assert is_commitment("This England-only consultation will last 12 weeks, finishing on 8 January 2010.", dated=True)
    assert not is_commitment("This will be discussed by the October European Council.", dated=True)  # a bare "This"
    # a share of spending states a figure, not an action
    assert not is_commitment("In financial year 2016 to 2017, more than a third of spending within the welfare cap will be "
                             "administered by other government departments.", dated=True)
    assert is_commitment("In financial year 2016 to 2017, the department will administer the welfare cap.", dated=True)


def test_a_figure_stated_is_no_money_committed():
    from policykg.graph.statements import states_a_figure

    assert states_a_figure("£6bn Total Departmental Expenditure Limit (DEL) in financial year 2015 to 2016")
    assert states_a_figure("The indicative budget for 2010-11, communicated to probation chiefs in February, 2009 was £844 million.")
    assert not states_a_figure("This programme has over £500m in funding going out to local areas from April 2025.")
    assert not states_a_figure("The budget for 2010-11 was £844 million and will rise to £870 million in 2011-12.")


def test_a_dated_plan_the_speaker_looks_forward_to_is_a_commitment():
    from policykg.graph.deadlines import find_stated_deadline
    from policykg.graph.statements import is_commitment

    visit = "Prince Philip and I look forward to welcoming His Excellency the President of Colombia on a State Visit in November."
    assert is_commitment(visit, dated=True)
    assert find_stated_deadline(visit, date(2016, 5, 18)).end == date(2016, 11, 30)
    # what others are to show or send is no plan of the speaker's
    assert not is_commitment("I look forward to hearing about your plans for the police in November.", dated=True)
    assert not is_commitment("We look forward to receiving the Committee's report in the spring.", dated=True)


def test_the_spending_review_period_is_the_latest_reviews_years():
    from policykg.graph.deadlines import find_stated_deadline

    speech = ("Overall police spending will increase by up to £900 million in cash terms over the Spending Review period.")
    found = find_stated_deadline(speech, date(2016, 5, 24))  # Spending Review 2015: 2016-17 to 2019-20
    assert found is not None and found.iso == "2016-04-01/2020-03-31"
    assert find_stated_deadline(speech, date(2009, 10, 29)).end == date(2011, 3, 31)  # the 2007 review's years
    # the review named as a thing, not as the period of an action; and no review before the date
    assert find_stated_deadline("We will publish the Spending Review period allocations soon.", date(2016, 5, 24)) is None
    assert find_stated_deadline(speech, date(2005, 1, 1)) is None


def test_an_action_under_way_is_dated_though_it_names_something_done():
    from policykg.graph.deadlines import find_stated_deadline

    published = date(2016, 1, 17)
    found = find_stated_deadline("We are managing welfare expenditure by implementing the measures announced in the Budget "
                                 "2015, to reduce the cost of the welfare system by £12 billion by 2019 to 2020.", published)
    assert found is not None and found.end == date(2020, 3, 31)
    # an action done, with no action under way before it: its date is history
    assert find_stated_deadline("The Department published its measures for 2016 to 2017 in the Budget.", published) is None


def test_planning_commits_only_with_to():
    from policykg.graph.statements import is_commitment, subject_of

    assert subject_of("We are planning to consult in the spring.") == "We "
    # "what we are intending" names the plan; the verb that commits is "will be made clear"
    text = ("The full details of what we are intending, and the official response to the consultation will be made clear "
            "when the legislation is published next month.")
    assert subject_of(text).endswith("the official response to the consultation ")
    assert is_commitment(text, dated=True)


# Forms of the Hansard texts of 2009 (oral statements and questions, written answers, devolved statements),
# each with a sentence that must not be read so.
@pytest.mark.parametrize(("text", "phrase", "iso"), [
    # "the new year", said in a year's last months: its first quarter, to 31 March
    ("I hope that we will bring forward some work early in the new year.", "early in the new year", "2010-01-01/2010-03-31"),
    ("Courtauld 2 is due to be launched in the new year.", "in the new year", "2010-01-01/2010-03-31"),
    ("We will settle the terms before the new year.", "before the new year", "2009-12-31"),
    # Christmas Day is fixed: "before Christmas" ends on its eve
    ("I have promised to come back to the House before Christmas, and I will do that.", "before Christmas", "2009-12-24"),
    ("The scheme will be in place by Christmas.", "by Christmas", "2009-12-25"),
    # "in two or three years' time": from the document's date, to the longer
    ("As I said in my statement, we will look at the situation in two or three years’ time to ensure that it is working.",
     "in two or three years’ time", "2011-10-29/2012-10-29"),
    ("We will review the levy in three years' time.", "in three years' time", "2012-10-29"),
    # a month named with "next": the next such month after the document's month, or that month of the next year
    ("We are conducting a survey with COSLA in advance of the first biennial report next October.", "next October",
     "2010-10-01/2010-10-31"),
    ("The first biennial reports, which will be produced in October next year, will provide good information.",
     "in October next year", "2010-10-01/2010-10-31"),
    ("We will publish the guidance next March.", "next March", "2010-03-01/2010-03-31"),
])
def test_forms_of_the_hansard_texts_of_2009(text, phrase, iso):
    found = find_deadline(text, HANSARD_DAY)
    assert found is not None and (found.text, found.iso) == (phrase, iso)


@pytest.mark.parametrize(("text", "published"), [
    ("We will act early in the new year.", date(2024, 1, 18)),  # said in January: no year to come is meant
    ("The New Year Honours list will be published on Saturday.", HANSARD_DAY),  # a name, not a time
    ("We will update the House before the Christmas recess.", date(2015, 10, 28)),  # a recess whose day is not listed
    ("We published the survey in October last year.", HANSARD_DAY),  # a month of the year before: history
    ("The Christmas Day services will be held as usual.", HANSARD_DAY),  # no "before"/"by": no deadline
])
def test_not_forms_of_the_hansard_texts_of_2009(text, published):
    assert find_deadline(text, published) is None


def test_a_hedged_plan_of_the_speaker_is_a_dated_commitment():
    from policykg.graph.statements import is_commitment

    # "we hope to", "we expect to": a plan of the speaker, hedged, when dated
    assert is_commitment("As a result the Cranfield study was set up, and we hope to get the first findings from that next year.",
                         dated=True)
    assert is_commitment("That work is well over half-completed; we expect to get the findings next year.", dated=True)
    assert is_commitment("I hope to be able to share more information with the Parliament about that in the new year.", dated=True)
    # what others are to send or show is no plan of the speaker's; nor an undated hope
    assert not is_commitment("We expect to receive the Commission's proposals next year.", dated=True)
    assert not is_commitment("I hope to see many of you at the conference next year.", dated=True)
    assert not is_commitment("The Government looks forward to seeing the outcome of this work, and we expect to have an update "
                             "on the maternity policy at our first implementation group meeting in March 2024.", dated=True)
    assert not is_commitment("We hope to get the findings soon.")
    # a thing scheduled: "is due to be launched"; not a cause ("is due to the weather")
    assert is_commitment("The next phase of the Courtauld Commitment is due to be launched in the new year.", dated=True)
    assert not is_commitment("The delay in the new year is due to the weather.", dated=True)


def test_work_with_others_under_way_is_a_commitment():
    from policykg.graph.statements import is_commitment

    assert is_commitment("In recognition of the concerns, we are working with the Convention of Scottish Local Authorities "
                         "and stakeholders to draft new guidance, with a view to publication in February 2010.", dated=True)
    # others working together, undated: no action of government's, no date
    assert not is_commitment("Many charities are working with the police.")


def test_a_commons_recess_is_the_day_the_house_rises_for_it():
    from policykg.graph.deadlines import find_stated_deadline

    found = find_stated_deadline("We will consider the report and update the House before the Christmas recess.", date(2017, 10, 30))
    assert found is not None and found.end == date(2017, 12, 21)  # the House rose on Thursday 21 December 2017
    assert find_stated_deadline("We will issue a revised Code before the summer Recess.", date(2011, 6, 24)).end == date(2011, 7, 19)
    # a recess whose date is not listed, or the recess as a time of its own: no deadline
    assert find_stated_deadline("We will report before the summer recess.", date(2015, 6, 24)) is None
    assert find_stated_deadline("Members will meet constituents over the Christmas recess.", date(2011, 6, 24)) is None


@pytest.mark.parametrize(("text", "published", "phrase", "iso"), [
    # ten years from the document's date
    ("The department plans to invest £2 billion in barracks over the next decade.", HANSARD_DAY, "over the next decade",
     "2009-10-29/2019-10-29"),
    # a day of the week: the first after the document's day (a Thursday), or in next week for "next"
    ("By Tuesday, we will have sent the first supplies to every board.", HANSARD_DAY, "By Tuesday", "2009-11-03"),
    ("We will have delivered 200,000 doses by next Thursday.", HANSARD_DAY, "by next Thursday", "2009-11-05"),
    # days of one month: the first to the last
    ("The Chair will give evidence to the committee on 14 and 15 December.", HANSARD_DAY, "on 14 and 15 December",
     "2009-12-14/2009-12-15"),
    ("The festival runs from 9-13 November 2009.", HANSARD_DAY, "from 9-13 November 2009", "2009-11-09/2009-11-13"),
    # the calendar week after the next one
    ("The Bill will have its second reading the week after next.", HANSARD_DAY, "the week after next",
     "2009-11-09/2009-11-15"),
])
def test_days_weeks_and_decades(text, published, phrase, iso):
    found = find_deadline(text, published)
    assert found is not None and (found.text, found.iso) == (phrase, iso)


@pytest.mark.parametrize("text", [
    "We will halve violent crime in a decade.",  # no stated start: no date
    "By Tuesday, we had sent the first supplies to every board, and more will follow.",  # done by that day
    "The Minister will visit the plant on Friday.",  # "on Friday" alone may be last Friday's
    "I will come to the paper published on 20 October by the Department.",  # a day of the last weeks: history
    "The Bill, debated on 3 and 4 September, will now go to the other place.",  # days of the last months: history
    "The trust will take from next year's budget to meet the overspend.",  # a thing of next year, not a time
    "The tenant shall exercise the option within three months of the expiry of the lease.",  # counted from an event
    "Allocations for the years beyond 2010-11 will be set out in the spending review.",  # after it: no end
])
def test_not_days_weeks_and_decades(text):
    assert find_deadline(text, HANSARD_DAY) is None


def test_an_intention_an_aim_or_a_bodys_expectation_is_a_dated_commitment():
    from policykg.graph.statements import is_commitment, is_forecast

    assert is_commitment("The intention is to publish the revised protocol in autumn.", dated=True)
    assert is_commitment("Our aim is to ensure that by March 2013 no home will be below the standard.", dated=True)
    assert is_commitment("From 1 April 2010 our intention is that it will decide applications within a year.", dated=True)
    assert not is_commitment("The intention is to publish the revised protocol.")  # undated, no actor: nothing to date
    # a body's own plan, hedged; not what it expects from others
    assert is_commitment("The Royal Museum expects to be able to announce the loan by the end of this year.", dated=True)
    assert not is_commitment("The Royal Museum expects to receive the paintings by the end of this year.", dated=True)
    # the speaker's confidence in what will happen is a forecast
    assert is_forecast("I am confident that hospitals will continue to cope over the winter.")
    assert not is_commitment("I am confident that hospitals will continue to cope over the winter.", dated=True)
    assert is_commitment("I will make sure that hospitals cope over the winter.", dated=True)


def test_the_dated_outcome_of_an_actors_action_is_a_commitment():
    from policykg.graph.statements import is_commitment

    assert is_commitment("Health ministers agreed to double the unit's capacity, which will be achieved by the end of next week.",
                         dated=True)
    assert is_commitment("The Government introduced the Bill in June, which will put the target in law by 2020.", dated=True)
    # no actor in the main clause: a description of a thing
    assert not is_commitment("The new unit, which will be open by the end of next week, has six beds.", dated=True)
    assert not is_commitment("Health ministers agreed to double the unit's capacity, which will help.")  # undated
    # without the comma
    assert is_commitment("The Government introduced the Bill in June which will put the target in law by 2020.", dated=True)
    assert not is_commitment("The new unit which will be open by the end of next week has six beds.", dated=True)


def test_a_date_in_a_relative_clause_of_a_done_action_is_no_deadline():
    from policykg.graph.deadlines import find_stated_deadline

    published = date(2025, 7, 1)
    # the date is the allocations received, not the payment
    assert find_stated_deadline("£50 million will be paid to councils who have received extra allocations in 2024-25 and "
                                "2025-26.", published) is None
    # a future verb after the relative clause: the date is the payment's
    assert find_stated_deadline("The councils that have applied will be paid £50 million in 2025-26.", published).end == \
        date(2026, 3, 31)


def test_a_sum_stated_is_a_figure():
    from policykg.graph.statements import states_a_figure

    assert states_a_figure("As the Member knows, the savings amount to £500 million over three years.")
    assert not states_a_figure("The savings will amount to £500 million over three years.")  # a sum to come
    assert not states_a_figure("Over the period 2011-2021, the programme has a total budget of £35 million.")  # "total": a noun
