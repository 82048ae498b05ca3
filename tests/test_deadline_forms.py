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
