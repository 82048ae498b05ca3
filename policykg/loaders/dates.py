"""The date a document states for itself, from the lines near its top.

GOV.UK pages say ``Published 9 April 2025`` or ``Updated 30 September 2025``; Hansard pages
give the sitting's date on a line of its own (``Thursday 23rd January 2025``); written
statements say ``... written statement – made on 20 April 2023``; written answers ``Answered
on 12 March 2025``.  An impossible date ("31 February 2025") is no date.

>>> stated_date(["Tackling child sexual abuse", "Published 9 April 2025"])
(datetime.date(2025, 4, 9), 1)
>>> stated_date(["Schools: Finance", "Friday 23rd January 2026", "Asked by: Jim Shannon"])
(datetime.date(2026, 1, 23), 1)
>>> stated_date(["Home Office written statement – made on 20 April 2023."])
(datetime.date(2023, 4, 20), 0)
>>> stated_date(["(asked on 11th July 2022)", "This question was answered on 14th July 2022"])
(datetime.date(2022, 7, 14), 1)
>>> stated_date(["Infected Blood Inquiry", "Cabinet Office – in the House of Commons at 11:30 am on 18 January 2024."])
(datetime.date(2024, 1, 18), 1)
>>> stated_date(["Published 31 February 2025"])
(None, None)
"""

from __future__ import annotations

import re
from datetime import date

from policykg.legislatures import CHAMBERS

MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
#: How many lines from the top a date line may be.
DATE_LINES = 15
_DAY_MONTH_YEAR = (
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?P<year>\d{4})"
)
# In order of trust: a labelled date, then a line that is only a date.
_DATE_LINE = (
    re.compile(rf"^(?:Published|Updated|Last updated|First published|Date published|Statement made on|Made on|"
               rf"Answered on|Answered|Date)\b\s*:?\s*(?:on\s+)?{_DAY_MONTH_YEAR}\b", re.I),
    re.compile(rf"\b(?:statement|answer|question)\b.{{0,40}}\b(?:made|answered|published) on\s+{_DAY_MONTH_YEAR}\b", re.I),
    # a debate's record: "Cabinet Office – in the House of Commons at 11:30 am on 18 January 2024"
    re.compile(rf"\bin the (?:{'|'.join(CHAMBERS)})\b"
               rf".{{0,30}}\bon\s+{_DAY_MONTH_YEAR}\.?$", re.I),
    re.compile(rf"^{_DAY_MONTH_YEAR}\.?$", re.I),
)


def parse_day(match: re.Match[str]) -> date | None:
    """The date of a match of ``_DAY_MONTH_YEAR``; ``None`` if there is no such day."""
    try:
        return date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    except ValueError:
        return None


# A command paper's cover gives the month only ("December 2023"): the document dates from its first day.
_MONTH_YEAR_LINE = re.compile(
    r"^(?:Published\s+)?(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(?P<year>\d{4})$", re.I)


def stated_date(lines: list[str]) -> tuple[date | None, int | None]:
    """The document's date and the position of the line stating it (among the first
    :data:`DATE_LINES`), or ``(None, None)``; a line of a month alone gives its first day.

    >>> stated_date(["Government Response to the Review", "December 2023", "CP 965"])
    (datetime.date(2023, 12, 1), 1)
    """
    head = lines[:DATE_LINES]
    for pattern in _DATE_LINE:
        for position, line in enumerate(head):
            if (match := pattern.search(line.strip())) and (found := parse_day(match)):
                return found, position
    for position, line in enumerate(head):
        if match := _MONTH_YEAR_LINE.match(line.strip()):
            return date(int(match["year"]), MONTHS[match["month"].lower()], 1), position
    return None, None


def is_date_line(line: str) -> bool:
    """Whether the line only states a date (it is metadata, not text to read)."""
    stripped = line.strip()
    return (any(pattern.search(stripped) for pattern in _DATE_LINE[::2]) or bool(_MONTH_YEAR_LINE.match(stripped))) and len(line) < 60
