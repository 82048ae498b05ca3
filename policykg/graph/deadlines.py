"""Find date phrases in commitments and normalise them to ISO 8601.

Conventions (documented in the README, relied on by queries):

* ``end`` is the date by which the action is due; ``start`` is set for periods
  ("in Autumn 2025" → 2025-09-01/2025-11-30) and is ``None`` for "by ..." phrases;
* "by <Month YYYY>" → last day of that month; "by YYYY", "by the end of YYYY" → 31 Dec;
* seasons: Spring Mar–May, Summer Jun–Aug, Autumn Sep–Nov, Winter Dec–Feb;
  early/mid/late YYYY: Jan–Apr / May–Aug / Sep–Dec ("mid/late 2027" → May–Dec);
* UK financial years "2025/26" and "25/26" run 1 April to 31 March;
* "from <period>" → that period: the action is to start within it ("from April 2026" →
  2026-04-01/2026-04-30, due to have started by its end; "from 17 March 2025" → that day);
* "this year", "later this Spring", "later in the year" are relative to the
  document's publication date; so are "today" beside "will" (that day), "this week" / "next
  month" (the calendar week, Monday to Sunday, or month), a length of time that starts now
  ("over a six-month period", "will run for six months") and a meeting named by its month
  ("at the November JHA Council": that month);
* "next October", "in October next year": that month, the next after the document's month or of the next year;
  "in two or three years' time": from the document's date, to the longer; "before Christmas": 24 December;
  "(early) in the new year", said from September to December: 1 January to 31 March of the next year;
* "before the Christmas recess": the day the House of Commons rises for it, from a table of sourced dates (else text);
* "over the next decade": ten years from the document's date ("in a decade" stays text); "by Monday": the first
  Monday after the document's day, "by next Friday" the Friday of next week, "the week after next" that calendar week;
  "on 11 and 12 July": the first day to the last; a day named without a year that fell in the last three months is
  history;
* a phrase that ends before publication (other than "from ...") is history, not a deadline.

>>> from datetime import date
>>> find_deadline("By December 2025, data will be published.", date(2025, 4, 9)).iso
'2025-12-31'
>>> find_deadline("Piloting the survey in Autumn 2025/Spring 2026", date(2025, 4, 9)).iso
'2025-09-01/2026-05-31'
>>> find_deadline("This will include the following steps by 2028/29:", date(2025, 4, 9)).iso
'2029-03-31'
>>> find_deadline("In 25/26 we will give the Panel resources.", date(2025, 4, 9)).iso
'2025-04-01/2026-03-31'
>>> find_deadline("Grants will be awarded from 1 October 2015 to 31 March 2018.", date(2015, 6, 1)).iso
'2015-10-01/2018-03-31'
>>> find_deadline("For the period from April 2015 to March 2018 the project has a budget.", date(2015, 6, 1)).iso
'2015-04-01/2018-03-31'
>>> find_deadline("On 16 June, the Home Secretary made clear that we will act.", date(2025, 9, 2)) is None
True
>>> find_deadline("The final report will be published on 20 May.", date(2024, 1, 18)).iso
'2024-05-20'
>>> find_deadline("Restrictions will apply from 13 July to 6 August (2014).", date(2014, 5, 1)).iso
'2014-07-13/2014-08-06'
>>> find_deadline("BY MAY 2026, THE PANEL WILL REPORT.", date(2025, 4, 9)).text
'BY MAY 2026'
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], start=1)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 14)}  # 14 = Feb next year
PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

# Case.  Rules are written in lower case and searched, case-sensitively, in the lower-cased
# sentence.  That finds what a case-insensitive (re.I) search of the sentence finds, at the
# same offsets, faster: re skips ahead to a pattern's first letter only when it need not
# fold case (benchmarks/README.md).  The two differ only on the letters that re.I folds onto an ASCII
# letter unlike str.lower() ("ſpring" is "spring" to re.I) or that lower-case to two
# characters ("İ", which would shift offsets): a sentence holding one is searched as
# written, with re.I.  Testing every code point finds these four:
_FOLDS_UNLIKE_LOWER = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K (Kelvin sign)


def text_to_search(text: str) -> tuple[str, bool]:
    """The text to search with lower-case patterns, and whether it is ``text`` as written,
    to be searched with the patterns compiled with re.I (see "Case" above).

    >>> text_to_search("By May 2025")
    ('by may 2025', False)
    >>> text_to_search("By ſpring 2025")
    ('By ſpring 2025', True)
    """
    if not text.isascii() and _FOLDS_UNLIKE_LOWER.search(text):  # isascii() reads a flag: no scan
        return text, True
    return text.lower(), False


# After lower(), the letters re.I equates with "s" and "i" but lower() does not: "ſ", "ı", and
# the dot "İ".lower() leaves after its "i".  A phrase matched with re.I ("auguſt 2026") is looked
# up in the tables below through :func:`word_key`.
_AS_RE_I_FOLDS = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0307": None})


def word_key(word: str) -> str:
    """A matched word as the lookup tables spell it (lower case, folded as re.I folds it).

    >>> word_key("August"), word_key("auguſt"), word_key("bıllıon")
    ('august', 'august', 'billion')
    """
    return word.lower().translate(_AS_RE_I_FOLDS)


def _compiled(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A lower-case ``pattern`` for the lower-cased text, and with re.I for the text as written."""
    return re.compile(pattern), re.compile(pattern, re.I)


_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_SEASON = r"(spring|summer|autumn|winter)"
_PREP = r"(?P<prep>by the end of|before the end of|by|in|during|from|until|before|throughout|within|on|through to|up to)"
#: Prepositions after which a period names the date an action is due by: only its end counts.
_BY = {"by", "by the end of", "before the end of", "until", "through to", "up to", "towards the end of"}
_YEAR = r"(20\d\d)"


@dataclass(frozen=True)
class Deadline:
    """A normalised deadline with the phrase it came from."""

    text: str  # the phrase as written, e.g. "By December 2025"
    start: date | None
    end: date

    @property
    def iso(self) -> str:
        """ISO 8601: a date, or ``start/end`` for a period."""
        if self.start is None or self.start == self.end:
            return self.end.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def _month_end(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_start(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, 1)


def _period(prep: str, start: date, end: date) -> tuple[date | None, date]:
    """Apply the preposition: "by" keeps only the end, "before" ends the day before."""
    prep = prep.lower()
    if prep == "before":  # "before June 2026": the day before it starts
        return None, start - timedelta(days=1)
    if prep in _BY:
        return None, end
    return start, end


def _season(name: str, year: int) -> tuple[date, date]:
    first, last = SEASONS[word_key(name)]
    return _month_start(year, first), _month_end(year, last)


def _parts(words: str, year: int) -> tuple[date, date]:
    names = word_key(words).split("/")
    return _month_start(year, PARTS[names[0]][0]), _month_end(year, PARTS[names[-1]][1])


# Gates: cheap tests for words or digits that every match of a rule contains.  Most
# sentences hold no date, and a rule cannot match a sentence that fails one of its gates,
# so it is not run: each rule is a scan of the whole sentence, the gates are a few short
# tests shared by all rules, mostly substring tests (a regex search costs more).  They
# test the lower-cased sentence; a sentence searched as written (see
# "Case") is rare and runs every rule, which only costs time.
_YEAR_NUMBER = re.compile(r"20\d\d")
_DIGIT_SLASH_DIGIT = re.compile(r"\d/\d")
# Searched only in sentences with a year: the rules that need them need one too.  Seasons and
# parts of a year are a few words: substring tests find them in half the time a regex takes.
_MONTH_GATE = re.compile("|".join(MONTHS))
_YEAR_RANGE_GATE = re.compile(r"20\d\d[-–]\d\d")  # "year" alone ran its rule in far more sentences


#: The gates a plain word opens: (gate, the words any of which opens it).
_WORD_GATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("later", ("later",)),
    ("this or next year", ("this year", "next year")),  # "year" alone let many more sentences through
    ("end of the year", ("end of the year",)),
    ("next", ("next",)),
    ("season name", ("spring", "summer", "autumn", "winter")),
    ("years or months", ("years", "months")),
    ("year to year", (" to 20",)),
    ("parliament", ("parliament",)),
    ("academic", ("academic",)),
    ("easter", ("easter",)),
    ("duration", ("month", "week", "year")),
    ("today", ("today",)),
    ("spending review", ("spending review",)),
    ("new year", ("new year",)),
    ("christmas", ("christmas",)),
    ("recess", ("recess",)),
    ("decade", ("decade",)),
    ("weekday", ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")),
)


def _gates_passed(lowered: str) -> frozenset[str]:
    """The gates that the lower-cased sentence passes."""
    passed = []
    if _YEAR_NUMBER.search(lowered):
        passed.append("year")
        if "spring" in lowered or "summer" in lowered or "autumn" in lowered or "winter" in lowered:
            passed.append("season")
        if _MONTH_GATE.search(lowered):
            passed.append("month")
        if "early" in lowered or "mid" in lowered or "late" in lowered:
            passed.append("part")
        if _YEAR_RANGE_GATE.search(lowered):
            passed.append("year range")
    if "/" in lowered and _DIGIT_SLASH_DIGIT.search(lowered):
        passed.append("slash")
    if _MONTH_GATE.search(lowered):
        passed.append("month name")
    passed += [gate for gate, words in _WORD_GATES if any(word in lowered for word in words)]
    return frozenset(passed)


_GATE_NAMES = {"year", "season", "month", "part", "year range", "slash", "later", "this or next year", "next",
               "month name", "season name", "years or months", "year to year", "parliament", "academic", "easter",
               "end of the year", "duration", "today", "spending review",
               "new year", "christmas", "recess", "decade", "weekday"}


class _Rule(NamedTuple):
    patterns: tuple[re.Pattern[str], re.Pattern[str]]  # for the lower-cased sentence, and with re.I
    gates: frozenset[str]  # the gates its matches all pass
    normalise: Callable[[re.Match[str], date], tuple[date | None, date] | None]  # (match, published) → (start, end)


_RULES: list[_Rule] = []


def _rule(pattern: str, *gates: str):
    if not _GATE_NAMES.issuperset(gates):  # a misspelt gate would never pass: its rule would never run
        raise ValueError(f"unknown gates: {set(gates) - _GATE_NAMES}")

    def register(function):
        _RULES.append(_Rule(_compiled(pattern), frozenset(gates), function))
        return function

    return register


# Ranges with both ends dated: first, as the ends alone would be read as two deadlines.
@_rule(rf"\b(?:from|between|the period from)\s+(\d{{1,2}}) {_MONTH} {_YEAR}\s+(?:to|until|and|[-–])\s+(\d{{1,2}}) {_MONTH} {_YEAR}\b",
       "year", "month")
def _day_to_day(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"From 1 October 2015 to 31 March 2018": from the first day to the last."""
    try:
        start = date(int(m.group(3)), MONTHS[word_key(m.group(2))], int(m.group(1)))
        end = date(int(m.group(6)), MONTHS[word_key(m.group(5))], int(m.group(4)))
    except ValueError:  # no such day: no deadline (the phrase stays in the text)
        return None
    return (start, end) if start <= end else None


@_rule(rf"\b(?:from|between)\s+(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}\s+(?:to|until|and|[-–])\s+(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}"
       rf"(?:,?\s+\(?{_YEAR}\)?)?(?![\s,]*\d)", "month name")
def _days_in_a_year(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"From 13 July to 6 August (2014)": in the year written, else the next such days from the document's date."""
    first_month, last_month = MONTHS[word_key(m.group(2))], MONTHS[word_key(m.group(4))]
    years = [int(m.group(5))] if m.group(5) else [published.year, published.year + 1]
    for year in years:
        try:
            start = date(year, first_month, int(m.group(1)))
            end = date(year + (1 if last_month < first_month else 0), last_month, int(m.group(3)))
        except ValueError:
            return None
        if m.group(5) or end >= published:
            return start, end
    return None


@_rule(rf"\b(?:from|between|the period from)\s+{_MONTH} {_YEAR}\s+(?:to|until|and|[-–])\s+{_MONTH} {_YEAR}\b", "year", "month")
def _month_to_month(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"From April 2015 to March 2018": from the first month's start to the last one's end."""
    start = _month_start(int(m.group(2)), MONTHS[word_key(m.group(1))])
    end = _month_end(int(m.group(4)), MONTHS[word_key(m.group(3))])
    return (start, end) if start <= end else None


@_rule(rf"\b(?:{_PREP}\s+)?{_SEASON} {_YEAR}\s*/\s*{_SEASON} {_YEAR}\b", "year", "season")
def _season_span(m: re.Match, published: date) -> tuple[date | None, date]:
    start, _ = _season(m.group(2), int(m.group(3)))
    _, end = _season(m.group(4), int(m.group(5)))
    return _period(m.group("prep") or "in", start, end)


def _academic_year(first: int) -> tuple[date, date]:
    """The academic year starting in September of ``first``: 1 September to 31 August."""
    return date(first, 9, 1), date(first + 1, 8, 31)


def _academic_span(m: re.Match) -> tuple[date | None, date] | None:
    first, last = m.group(2), m.group(3)
    if int(last) != (int(first) + 1) % 100:
        return None
    start, end = _academic_year(int(first))
    prep = (m.group("prep") or "in").lower()
    return (start, _month_end(start.year, 9)) if prep == "from" else _period(prep, start, end)


@_rule(rf"\b(?:{_PREP}\s+)?(?:the\s+)?(20\d\d)(?:/|-|–| to )(?:20)?(\d\d)\s+academic year\b", "academic")
def _named_academic_year(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"During the 2023/24 academic year": September to August; "from" gives its first month
    (the convention for "from April 2026")."""
    return _academic_span(m)


@_rule(rf"\b(?:{_PREP}\s+)?(?:the\s+)?academic year\s+(20\d\d)(?:/|-|–| to )(?:20)?(\d\d)\b", "academic")
def _academic_year_named(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"From the academic year 2024 to 2025": as "the 2024/25 academic year"."""
    return _academic_span(m)


@_rule(r"\b(?:across|over|during|in|within|for)\s+(?:the\s+)?(?:next\s+|coming\s+)?(two|three|four|five|\d)\s+academic years\b",
       "academic")
def _academic_years(m: re.Match, published: date) -> tuple[date | None, date]:
    """"Across the next two academic years": this academic year and the next, to 31 August."""
    count = int(m.group(1)) if m.group(1).isdigit() else _COUNTS[m.group(1).lower()]
    first = published.year if published.month >= 9 else published.year - 1  # the academic year under way
    return published, _academic_year(first + count - 1)[1]


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` (the Gregorian computus, as the Anonymous algorithm gives it).

    >>> easter_sunday(2025), easter_sunday(2026)
    (datetime.date(2025, 4, 20), datetime.date(2026, 4, 5))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own names
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


@_rule(rf"\b(by|before|until|at|over)\s+(?:the\s+)?easter(?:\s+recess)?(?:\s+{_YEAR})?\b", "easter")
def _easter(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"Before Easter": the next Easter from the document's date (Easter Sunday; "before" its eve)."""
    year = int(m.group(2)) if m.group(2) else published.year
    sunday = easter_sunday(year)
    if sunday < published and not m.group(2):
        sunday = easter_sunday(year + 1)
    return _period(m.group(1), sunday, sunday)


@_rule(rf"\b{_PREP}\s+(?:the\s+)?(?:financial year\s+)?(20\d\d|\d\d)/(\d\d)\b", "slash")
def _financial_year(m: re.Match, published: date) -> tuple[date | None, date] | None:
    first = int(m.group(2)) % 100
    if int(m.group(3)) != (first + 1) % 100:
        return None
    year = 2000 + first
    return _period(m.group("prep"), date(year, 4, 1), date(year + 1, 3, 31))


@_rule(r"\blater (?:this|in the) (year|spring|summer|autumn|winter)\b", "later")
def _later_this(m: re.Match, published: date) -> tuple[date | None, date]:
    word = m.group(1).lower()
    if word == "year":
        return published, date(published.year, 12, 31)
    return published, _season(word, published.year)[1]


@_rule(rf"\b(?:{_PREP}\s+)?(early|mid|late)\s+{_SEASON} {_YEAR}\b", "year", "season", "part")
def _part_of_season(m: re.Match, published: date) -> tuple[date | None, date]:
    start, end = _season(m.group(3), int(m.group(4)))
    return _period(m.group("prep") or "in", start, end)


@_rule(rf"\b(?:{_PREP}\s+)?(?:the\s+)?{_SEASON}(?:\s+of)? {_YEAR}\b", "year", "season")
def _season_year(m: re.Match, published: date) -> tuple[date | None, date]:
    start, end = _season(m.group(2), int(m.group(3)))
    return _period(m.group("prep") or "in", start, end)


@_rule(rf"\b{_PREP}\s+((?:early|mid|late)(?:/(?:early|mid|late))?)[ -]{_YEAR}\b", "year", "part")
def _part_of_year(m: re.Match, published: date) -> tuple[date | None, date]:
    start, end = _parts(m.group(2), int(m.group(3)))
    return _period(m.group("prep"), start, end)


_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20}


@_rule(r"\bfor\s+(\d{1,2}|" + "|".join(_COUNTS) + rf")\s+years?\s+from\s+{_MONTH}\s+{_YEAR}\b", "years or months", "year", "month")
def _years_from_month(m: re.Match, published: date) -> tuple[date | None, date]:
    """"Freezing the rates for 4 years from April 2016": from that month, for so many years (to 31 March 2020)."""
    count = int(m.group(1)) if m.group(1).isdigit() else _COUNTS[m.group(1).lower()]
    start = _month_start(int(m.group(3)), MONTHS[word_key(m.group(2))])
    return start, _month_start(start.year + count, start.month) - timedelta(days=1)


@_rule(rf"\b(?:{_PREP}\s+)?(?:the period\s+|between\s+)?{_MONTH}\s+(?:to|and|until|[-–])\s+{_MONTH}\s+{_YEAR}\b", "year", "month")
def _month_range(m: re.Match, published: date) -> tuple[date | None, date]:
    """"For the period April to August 2017": from the first month's start to the last one's end."""
    first, last, year = MONTHS[word_key(m.group(2))], MONTHS[word_key(m.group(3))], int(m.group(4))
    start = _month_start(year - 1 if first > last else year, first)  # "November to February 2026" starts in 2025
    return _period((m.group("prep") or "in").lower(), start, _month_end(year, last))


@_rule(rf"\b{_PREP}\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH} {_YEAR}\b", "year", "month")
def _day(m: re.Match, published: date) -> tuple[date | None, date] | None:
    try:
        day = date(int(m.group(4)), MONTHS[word_key(m.group(3))], int(m.group(2)))
    except ValueError:  # "by 31 February 2025": no such day, so no deadline (the phrase stays in the text)
        return None
    return _period(m.group("prep"), day, day)


@_rule(rf"\b{_PREP}\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}\b(?!,?\s*\d)", "month name")
def _day_without_year(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"The final report will be published on 20 May": the next such day from the document's date,
    in a sentence about the future only (as for a month without a year)."""
    if not _FUTURE.search(m.string) or _DONE_AFTER.match(m.string, m.end()):
        return None  # "on 16 June, the Home Secretary made it clear that ... will": the day something was done
    month, day = MONTHS[word_key(m.group(3))], int(m.group(2))
    found = _nearest_day(published, month, day)
    return None if found is None else _period(m.group("prep"), found, found)


def _nearest_day(published: date, month: int, day: int) -> date | None:
    """The next such day from the document's date; ``None`` for a day of the last three months: "on 22 October"
    said on 29 October, "on 4 December" said in January, is the day just gone (history), as no one names a day
    a year off without its year."""
    try:
        this_year = date(published.year, month, day)
        last = this_year if this_year < published else date(published.year - 1, month, day)
        if published - last <= timedelta(days=92):
            return None
        return this_year if this_year >= published else date(published.year + 1, month, day)
    except ValueError:  # no such day
        return None


# Days of one month: "Sir Robert will give evidence on 11 and 12 July", "runs from 16-22 November": the first to the last.
@_rule(rf"\b(?:on|from|between)\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:and|to|[-–])\s*(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}"
       rf"(?:\s+{_YEAR})?\b(?!,?\s*\d)", "month name")
def _days_of_a_month(m: re.Match, published: date) -> tuple[date | None, date] | None:
    month, first, last = MONTHS[word_key(m.group(3))], int(m.group(1)), int(m.group(2))
    if m.group(4):
        end: date | None = None
        try:
            end = date(int(m.group(4)), month, last)
        except ValueError:
            return None
    else:
        end = _nearest_day(published, month, last)
    if end is None or not first < last:
        return None
    try:
        return end.replace(day=first), end
    except ValueError:
        return None


@_rule(rf"\b{_PREP}\s+{_MONTH} {_YEAR}\b", "year", "month")
def _month(m: re.Match, published: date) -> tuple[date | None, date]:
    year, month = int(m.group(3)), MONTHS[word_key(m.group(2))]
    return _period(m.group("prep"), _month_start(year, month), _month_end(year, month))


# Words that make a sentence about money without an amount ("continued funding for improvements ... in 2019-2024").
_ABOUT_MONEY = re.compile(r"\b(?:funding|funded|budgets?|spending)\b", re.I)


def _span_of_years(first: int, last: int, sentence: str) -> tuple[date, date] | None:
    """Years ``first`` to ``last``: financial years where the sentence is about money (public spending is
    planned so: "£47.9bn ... between 2019 and 2024" ends on 31 March 2024), else calendar years."""
    if not first < last <= first + 20:
        return None
    if "£" in sentence or _ABOUT_MONEY.search(sentence):
        return date(first, 4, 1), date(last, 3, 31)
    return date(first, 1, 1), date(last, 12, 31)


@_rule(rf"\b(?:{_PREP}\s+)?(?:the\s+)?(?:financial year\s+)?(20\d\d) to (20\d\d)\b", "year", "year to year")
def _year_to_year(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """GOV.UK writes financial years "2019 to 2020" (1 April 2019 to 31 March 2020); "2019 to 2024" is a span of years."""
    first, last = int(m.group(2)), int(m.group(3))
    span = (date(first, 4, 1), date(last, 3, 31)) if last == first + 1 else _span_of_years(first, last, m.string)
    return None if span is None else _period((m.group("prep") or "in").lower(), *span)


@_rule(rf"\b(?:(?:{_PREP}\s+)?(?:the\s+)?(20\d\d)\s*[-–]\s*(20\d\d)|between\s+(20\d\d)\s+and\s+(20\d\d))\b", "year")
def _year_span(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"In 2019-2024", "between 2019 and 2024": those years (:func:`_span_of_years`)."""
    first, last = (int(m.group(2)), int(m.group(3))) if m.group(2) else (int(m.group(4)), int(m.group(5)))
    span = _span_of_years(first, last, m.string)
    return None if span is None else _period((m.group("prep") or "in").lower(), *span)


@_rule(rf"\b{_PREP}\s+{_YEAR}(?:\s+and\s+{_YEAR})?\b(?![/-]\d)", "year")
def _year(m: re.Match, published: date) -> tuple[date | None, date]:
    first = int(m.group(2))
    last = int(m.group(3) or first)
    return _period(m.group("prep"), date(first, 1, 1), date(last, 12, 31))


# A month named with "next": "next October", "in October next year" (said in October 2009: October 2010).
@_rule(rf"\b(?:{_PREP}\s+)?(?:(?:the\s+)?next\s+{_MONTH}|{_MONTH}\s+(?:of\s+)?next year)\b(?!\s*\d)", "next")
def _next_month_named(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"Next October": the first October after the document's month; "October next year": October of the next year."""
    if m.group(2):
        month = MONTHS[word_key(m.group(2))]
        year = published.year + (1 if month <= published.month else 0)
    else:
        month, year = MONTHS[word_key(m.group(3))], published.year + 1
    return _period(m.group("prep") or "in", _month_start(year, month), _month_end(year, month))


# Not "next year's money": a thing of that year, not a time of the action.
@_rule(r"(?<!earlier )(?<!the )\b(?:(in|during|by the end of|by|towards the end of)\s+)?(this|next) year\b(?![’']s\b)", "this or next year")
def _this_year(m: re.Match, published: date) -> tuple[date | None, date]:
    year = published.year + (1 if m.group(2).lower() == "next" else 0)
    return _period((m.group(1) or "in").lower(), date(year, 1, 1), date(year, 12, 31))


# "The Government will work to ensure agreement by the end of the year": the year the document is dated in.
@_rule(r"\b(by|before|towards) the end of the (?:calendar )?year\b(?!\s+(?:in|of|after|before)\b)", "end of the year")
def _end_of_the_year(m: re.Match, published: date) -> tuple[date | None, date]:
    return None, date(published.year, 12, 31)  # "by", "before", "towards" the end: that end


@_rule(r"\b(?:throughout|over|within|in) the next (?:year|12 months)\b", "next")
def _next_twelve_months(m: re.Match, published: date) -> tuple[date | None, date]:
    return published, _months_later(published, 12)


# "Over the next decade": ten years from the document's date; "in a decade" has no stated start and stays text.
@_rule(r"\b(?:throughout|over|within|in|during) the (?:next|coming) decade\b", "decade")
def _next_decade(m: re.Match, published: date) -> tuple[date | None, date]:
    return published, _months_later(published, 120)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# A day of the week in a sentence about the future: "By Monday, we will have received ...", "by next Friday".
# "Next Friday" is the Friday of next week (Monday to Sunday, as "next week"); a bare "Monday" the first after
# the document's day.  "On Saturday" alone may be last Saturday's: only "by", "before", "until" or "next" date it.
@_rule(r"\b(?:(by|before|until)\s+(next\s+|this\s+)?|(?:on\s+)?(next)\s+)(" + "|".join(_WEEKDAYS) + r")\b", "weekday")
def _weekday(m: re.Match, published: date) -> tuple[date | None, date] | None:
    done = _DONE_AFTER.match(m.string, m.end())
    if not _FUTURE.search(m.string) or (done and "will" not in done.group(0).lower()):
        return None  # "by Monday, we will have received" is to come; "by Monday, we had received" is not
    weekday = _WEEKDAYS.index(word_key(m.group(4)))
    which = (m.group(2) or m.group(3) or "").strip().lower()
    if which in {"next", "this"}:
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=1 if which == "next" else 0)
        day = monday + timedelta(days=weekday)
    else:
        day = published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    return _period(m.group(1) or "on", day, day)


# The UK Parliaments since the Fixed-term Parliaments Act 2011: the day each was elected and the
# day it ends at the latest as the law stood (the polling day the 2011 Act set for the next general
# election; after the Dissolution and Calling of Parliament Act 2022, the eve of the fifth
# anniversary of its first meeting, when it dissolves).
PARLIAMENTS: tuple[tuple[date, date], ...] = (
    (date(2010, 5, 6), date(2015, 5, 7)),
    (date(2015, 5, 7), date(2020, 5, 7)),
    (date(2017, 6, 8), date(2022, 5, 5)),
    (date(2019, 12, 12), date(2024, 12, 16)),
    (date(2024, 7, 4), date(2029, 7, 8)),
)


@_rule(r"\b(?:(by the end of|over|during|throughout|in|within)\s+)?(?:the (?:life|course|lifetime) of\s+)?(?:this|the) parliament\b",
       "parliament")
def _this_parliament(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"This Parliament", "over the life of the Parliament": to the latest end of the Parliament sitting
    on the document's date ("the Parliament" alone after a preposition: "in the Parliament" is the place)."""
    prep = (m.group(1) or "").lower()
    if m.string[max(0, m.start() - 9) : m.start()].lower().endswith("later in "):
        return None  # "later in the Parliament": vague, kept as text (issue 17)
    if m.group(0).lower().startswith("the parliament") or (prep == "in" and "this" not in m.group(0).lower()):
        return None  # "the Parliament" without a period word: the institution, not a time
    sitting = [(elected, end) for elected, end in PARLIAMENTS if elected <= published <= end]
    if not sitting:
        return None
    elected, end = sitting[-1]
    return (None, end) if prep == "by the end of" else (max(elected, published), end)


# The UK Spending Reviews: the day each was announced and the financial years it set (resource budgets),
# from the first April to the last March: "over the Spending Review period" is the period of the latest
# review announced by the document's date.
SPENDING_REVIEWS: tuple[tuple[date, date, date], ...] = (
    (date(2007, 10, 9), date(2008, 4, 1), date(2011, 3, 31)),  # Comprehensive Spending Review 2007
    (date(2010, 10, 20), date(2011, 4, 1), date(2015, 3, 31)),  # Spending Review 2010
    (date(2013, 6, 26), date(2015, 4, 1), date(2016, 3, 31)),  # Spending Round 2013
    (date(2015, 11, 25), date(2016, 4, 1), date(2020, 3, 31)),  # Spending Review 2015
    (date(2019, 9, 4), date(2020, 4, 1), date(2021, 3, 31)),  # Spending Round 2019
    (date(2020, 11, 25), date(2021, 4, 1), date(2022, 3, 31)),  # Spending Review 2020
    (date(2021, 10, 27), date(2022, 4, 1), date(2025, 3, 31)),  # Spending Review 2021
    (date(2025, 6, 11), date(2026, 4, 1), date(2029, 3, 31)),  # Spending Review 2025
)


@_rule(r"\b(?:(over|during|throughout|in|within|across|by the end of|for)\s+)(?:the|this)\s+(?:current\s+)?spending review period\b",
       "spending review")
def _spending_review_period(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"Over the Spending Review period": the years the latest Spending Review by the document's date set."""
    announced = [(start, end) for day, start, end in SPENDING_REVIEWS if day <= published]
    if not announced:
        return None
    start, end = announced[-1]
    return _period(m.group(1).lower(), start, end)


# A month or season named without a year is a deadline only in a sentence about the future.
_FUTURE = re.compile(r"\b(?:will|shall|would|plans?|intends?|intention is|aims?|expects?|to be|going to|due to|on track|commit|"
                     r"(?:can|pleased to|able to|delighted to) announce\b|look forward to)", re.I)  # "I can announce today that ...": now
# An action under way: "This week we are embarking on the next phase".
_ONGOING = re.compile(r"\b(?:am|is|are)\s+(?:now\s+|today\s+)?\w+ing\b", re.I)
# A past action in the words before a date ("DfE published ... for the 2023/24 academic year").
# Not verbs that hand on a future action ("has asked HMIC to", "has committed funding", "have decided to").
_PAST_ACTION = re.compile(
    r"\b(?:published|announced|launched|started|began|introduced|set out|came into force|issued|laid|received|"
    r"(?:has|have|had)\s+(?:already\s+|now\s+|also\s+|recently\s+)?(?:been\s+)?"
    r"(?!asked|committed|agreed|pledged|promised|decided|undertaken|commissioned|tasked|instructed)"
    r"(?:\w+ed|made|set out|taken|given|begun|laid|held|paid|spent|built|met))\b",
    re.I)


def reported_as_done(before: str) -> bool:
    """Whether the words before a date report an action as done ("In July 2023, DfE published guidance
    for the"), so the date is when it happened, not a deadline.

    >>> reported_as_done("In July 2023, DfE published updated guidance for the")
    True
    >>> reported_as_done("The criteria started in September 2023 and will become mandatory")
    False
    >>> reported_as_done("The Government have today announced they are investing £25 million in")
    False
    """
    done = next(reversed(list(_PAST_ACTION.finditer(before))), None)  # the last action reported
    if done is not None and _RELATIVE.search(before, 0, done.start()) and not _FUTURE.search(before, done.start()):
        return True  # "will be paid to forces who have received allocations in 2024-25": the date is the relative clause's
    if done is None or _FUTURE.search(before) is not None or _ONGOING.search(before, 0, done.start()) is not None:
        return False  # "We are managing expenditure by implementing the measures announced in ...": under way
    # What was announced is a plan under way: "have today announced they are investing £25 million in 2024-25".
    return not (_SAYING.search(done.group(0)) and _PLAN_SAID.match(before, done.end()))


# A relative pronoun right before a verb: "forces who have received", "the guidance that was published".
_RELATIVE = re.compile(r"\b(?:who|which|that)\s+$", re.I)
_SAYING = re.compile(r"(?:announced|set out|confirmed)$", re.I)
_PLAN_SAID = re.compile(r"\s+(?:that\s+)?(?:[\w’'-]+\s+){1,4}?(?:am|is|are)\s+(?:now\s+|also\s+)?\w+ing\b", re.I)
# A past verb in the clause right after a date: ", the Home Secretary made ...", " we published ...".
_DONE_AFTER = re.compile(
    r",?\s+(?:[\w’'-]+\s+){0,4}?(?:made|published|announced|set out|said|confirmed|launched|wrote|met|agreed|"
    r"told|gave|laid|visited|opened|introduced|committed|(?:has|have|had|was|were)\s+\w+)\b", re.I)


# "The new year", spoken of in a year's last months (September to December): the first quarter of the next
# year, to 31 March ("early in the new year", "in the new year"); "by/before the new year": this year's end.
@_rule(r"\b(?:(early in|in|during|after|by|before)\s+)?the new year\b(?![-’'\w]|\s+(?:honours|resolution|message|day|eve)\b)",
       "new year")
def _new_year(m: re.Match, published: date) -> tuple[date | None, date] | None:
    if published.month < 9:
        return None  # "the new year" said in spring or summer: the year under way, or none in particular
    prep = (m.group(1) or "in").lower()
    if prep in {"by", "before"}:
        return None, date(published.year, 12, 31)
    return date(published.year + 1, 1, 1), date(published.year + 1, 3, 31)


@_rule(rf"\b(by|before|until|at|over)\s+christmas(?:\s+{_YEAR})?\b(?!\s+(?:recess|holidays?|break|adjournment|day|eve)\b)",
       "christmas")
def _christmas(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"Before Christmas": the next Christmas Day from the document's date ("before" ends on its eve)."""
    year = int(m.group(2)) if m.group(2) else published.year
    day = date(year, 12, 25)
    return _period(m.group(1), day, day)


# House of Commons recesses: the day the House rises for each (its last sitting day before it), for the sessions whose
# recess dates were announced together and could be sourced whole: those the Leader of the House announced on 19 October
# 2010 (to January 2012) and those of 2017-18.  Days looked up one by one for a document are not added: a table that
# covers only the days our test documents name would measure the table, not the reader.  "Before the summer recess": by
# the day the House rises.  Only recesses listed here are read; another stays text.
COMMONS_RECESSES: tuple[tuple[str, date], ...] = (
    ("christmas", date(2010, 12, 21)),
    ("february", date(2011, 2, 17)),
    ("easter", date(2011, 4, 5)),
    ("whitsun", date(2011, 5, 24)),
    ("summer", date(2011, 7, 19)),
    ("conference", date(2011, 9, 15)),
    ("christmas", date(2011, 12, 20)),
    ("summer", date(2017, 7, 20)),
    ("conference", date(2017, 9, 14)),
    ("november", date(2017, 11, 7)),
    ("christmas", date(2017, 12, 21)),
    ("february", date(2018, 2, 8)),
    ("easter", date(2018, 3, 29)),
    ("whitsun", date(2018, 5, 24)),
)


@_rule(r"\b(by|before|until)\s+the\s+(christmas|summer|whitsun|conference|february|easter|november)\s+recess\b", "recess")
def _commons_recess(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"Before the Christmas recess": the day the House of Commons next rises for it, if listed and within a year."""
    kind = m.group(2).lower()
    rises = [day for name, day in COMMONS_RECESSES if name == kind and published <= day <= published + timedelta(days=366)]
    return (None, rises[0]) if rises else None


# A meeting named by its month: "at the November JHA Council", "by the October European Council".
_MEETING = r"(?:council|meeting|summit|conference|session|sitting|board|committee|forum|plenary|ecofin)"


@_rule(rf"\b(?P<prep>at|by|before|until)\s+the\s+{_MONTH}\s+(?:[\w&’'-]+\s+){{0,3}}?{_MEETING}s?\b", "month name")
def _meeting_of_a_month(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"Adopted at the November JHA Council": in that month, the next such from the document's date."""
    return _month_without_year(m, published)


@_rule(rf"\b{_PREP}\s+(?:the\s+)?{_MONTH}\b(?!\s*\d)(?!\s+(?:be|have|not|also|need|want|wish|well|include)\b)", "month name")
def _month_without_year(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"In April", "by the end of March": the next such month from the document's date (this one included)."""
    month, prep = MONTHS[word_key(m.group(2))], m.group("prep").lower()
    if not _FUTURE.search(m.string):
        return None  # "in April we opened ...": most likely past
    if month < published.month and prep not in _BY and not _FUTURE.search(m.string, 0, m.start()):
        return None  # "published in May", written in September; but "we will meet in February": next year's
    year = published.year + (1 if month < published.month else 0)
    return _period(prep, _month_start(year, month), _month_end(year, month))


@_rule(rf"\b(?:(?P<prep>in|by|during|over|until|before|by the end of)\s+(?:the\s+)?|this\s+){_SEASON}\b(?!\s*\d)", "season name")
def _season_without_year(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"In the spring", "this summer": the season of the document's year, or the next one once it is over."""
    start, end = _season(m.group(2), published.year)
    prep = (m.group("prep") or "in").lower()
    if not _FUTURE.search(m.string):
        return None  # "in the autumn Budget, we set aside ...": a past season, not a deadline
    if end < published and prep in _BY:
        start, end = _season(m.group(2), published.year + 1)  # "by the summer", said in October: next summer
    return _period(prep, start, end)




# "In two or three years' time": that long from the document's date (the longer, for "two or three").
@_rule(r"\bin\s+(?:(\d{1,2}|" + "|".join(_COUNTS) + r")\s+(?:or|to)\s+)?(\d{1,2}|" + "|".join(_COUNTS) +
       r")\s+(years?|months?|weeks?)[’']?\s+time\b", "duration")
def _in_time(m: re.Match, published: date) -> tuple[date | None, date]:
    end = _after(published, _counted(m.group(2)), m.group(3))
    return (_after(published, _counted(m.group(1)), m.group(3)) if m.group(1) else None), end


@_rule(r"\b(?:over|in|within|during|throughout)\s+(?:the\s+)?(?:next\s+|coming\s+)?(\d{1,2}|" + "|".join(_COUNTS) + r")\s+(years?|months?)\b"
       r"(?!\s+(?:from|between)\s+20\d\d)(?!\s+(?:of|after)\b)", "years or months")  # "the five years from 2019 to 2024" are those years
def _years_from_now(m: re.Match, published: date) -> tuple[date | None, date]:
    """"Over the next ten years", "within three years", "in the next 18 months": counted from the document's date;
    not "within three months of the expiry", counted from another event."""
    return published, _after(published, _counted(m.group(1)), m.group(2))


def _months_later(published: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    year, month = divmod(published.month - 1 + months, 12)
    day = min(published.day, calendar.monthrange(published.year + year, month + 1)[1])
    return date(published.year + year, month + 1, day)


_COUNT = r"(\d{1,2}|" + "|".join(_COUNTS) + r")"


def _counted(word: str) -> int:
    return int(word) if word.isdigit() else _COUNTS[word.lower()]


def _after(published: date, count: int, unit: str) -> date:
    """``count`` years, months or weeks after ``published``."""
    unit = unit.lower()
    if unit.startswith("week"):
        return published + timedelta(weeks=count)
    return _months_later(published, count * (12 if unit.startswith("year") else 1))


# A stated length of time, starting now: "phased in over a six-month period", "the adverts will run for
# six months" (after a verb of lasting only: "unemployed for six months" is a condition, not a period).
@_rule(r"\bover an? " + _COUNT + r"[- ](year|month|week)s? period\b|"
       r"(?:(?<=\brun )|(?<=\blast )|(?<=\bcontinue )|(?<=\boperate )|(?<=\bremain open )|(?<=\bbe open )|(?<=\bbe extended ))"
       r"for (?:a further |another )?" + _COUNT + r" (years?|months?|weeks?)\b", "duration")
def _length_from_now(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"Over a six-month period", "will run for six months": from the document's date, for that long."""
    if not _FUTURE.search(m.string, 0, m.start()):
        return None  # "the pilot ran for six months": done
    count, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return published, _after(published, _counted(count), unit)


# The week or month the document is dated in, or the next: "the legislation is published next month".
@_rule(r"(?<!earlier )(?<!last )(?<!the )\b(later |by the end of |before the end of )?(this|next) (week|month)\b", "duration")
def _this_or_next_week_or_month(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"This week", "next month", "later this month": the calendar week (Monday to Sunday) or month."""
    if not _FUTURE.search(m.string) and not _ONGOING.search(m.string):
        return None  # "This week we published ...": done
    nxt = m.group(2).lower() == "next"
    if m.group(3).lower() == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=1 if nxt else 0)
        start, end = monday, monday + timedelta(days=6)
    else:
        start = _month_start(published.year, published.month + (1 if nxt else 0))
        end = _month_end(start.year, start.month)
    if not nxt:
        start = published
    return _period((m.group(1) or "in").strip().lower(), start, end)


# "The Bill will be debated the week after next": the calendar week (or month) after the next one.
@_rule(r"\bthe (week|month) after next\b", "duration")
def _week_or_month_after_next(m: re.Match, published: date) -> tuple[date | None, date] | None:
    if not _FUTURE.search(m.string) and not _ONGOING.search(m.string):
        return None
    if m.group(1).lower() == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=2)
        return monday, monday + timedelta(days=6)
    start = _month_start(published.year, published.month + 2)
    return start, _month_end(start.year, start.month)


# "Today I will be launching a new strategy", "I will today publish": done on the document's day.
@_rule(r"(?:^|(?<=, )|(?<=; )|(?<=\. ))today\b(?=,?\s+(?:(?!that\b)[\w’'-]+\s+){0,3}?will\b)|(?:(?<=\bwill )|(?<=\bwill also ))today\b",
       "today")
def _today(m: re.Match, published: date) -> tuple[date | None, date]:
    return published, published


@_rule(r"\b(20\d\d)[-–](\d\d)\b(?![-–/]\d)", "year", "year range")
def _financial_years(m: re.Match, published: date) -> tuple[date | None, date] | None:
    """"2025-27 Business Plan": financial years 2025/26 to 2026/27."""
    first, last = int(m.group(1)), 2000 + int(m.group(2))
    if not first < last <= first + 5:
        return None
    return date(first, 4, 1), date(last, 3, 31)


_RULES_FOR_GATES: dict[frozenset[str], list[_Rule]] = {}  # the gates a sentence passes → the rules to run, in order


def _rules_for(lowered: str) -> list[_Rule]:
    """The rules whose gates the lower-cased sentence passes, in rule order."""
    passed = _gates_passed(lowered)
    rules = _RULES_FOR_GATES.get(passed)
    if rules is None:
        rules = _RULES_FOR_GATES[passed] = [rule for rule in _RULES if rule.gates <= passed]
    return rules


# After a split year: a sports season ("the 2024-25 season"), which is no financial or academic year.
_SEASON_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?seasons?\b", re.I)
# After a period: no end to it ("throughout the next year and beyond").
_OPEN_ENDED = re.compile(r"\s+and beyond\b", re.I)
# An example's date: "such as the Rugby World Cup in 2025", up to the clause's end or its verb.
_EXAMPLE = re.compile(r"\bsuch as\b(?![^,;:]*\b(?:will|shall|is|are)\b)[^,;:]*$", re.I)


# An opening phrase on an earlier event, up to the date ("Following evacuations of our nationals ... this
# year, we will ..."): the date is the event's; not a date right after the word ("After May 2026, we will").
_EARLIER_EVENT = re.compile(r"(?:building on|following|after)\s+[^\W\d][^,;]*$", re.I)
_TO_MAIN_CLAUSE = re.compile(r"[^,;]*,")


# Before a period: the time after it ("funding for future years beyond 2025-26"), which has no end.
_BEYOND = re.compile(r"\bbeyond\s+$", re.I)


def _not_a_period_of_the_action(searched: str, match: re.Match[str]) -> bool:
    """Whether a date phrase dates something other than the sentence's action: a sports season
    ("from the 2024-25 season"), a period without end ("over the next year and beyond"), an earlier
    event in an opening phrase ("Following the review this year, we will ..."), or an example
    ("events such as the Rugby World Cup in 2025")."""
    end = match.end()
    if searched[end - 1].isdigit() and _SEASON_AFTER.match(searched, end):
        return True
    if _OPEN_ENDED.match(searched, end) or _BEYOND.search(searched, max(0, match.start() - 8), match.start()):
        return True
    if _EARLIER_EVENT.match(searched, 0, match.start()) and (main := _TO_MAIN_CLAUSE.match(searched, end)) \
            and " will " not in main.group(0):
        return True
    return "uch as" in searched and _EXAMPLE.search(searched, 0, match.start()) is not None


def find_deadlines(text: str, published: date) -> list[Deadline]:
    """Every deadline phrase in ``text``, in reading order, without overlaps."""
    searched, as_written = text_to_search(text)
    rules = _RULES if as_written else _rules_for(searched)  # the gates test lower-cased text only
    found: list[tuple[int, int, Deadline]] = []
    for rule in rules:
        for match in rule.patterns[as_written].finditer(searched):
            if found and any(s < match.end() and match.start() < e for s, e, _ in found):
                continue  # an earlier (more specific) rule already read this span
            if _not_a_period_of_the_action(searched, match):
                continue
            period = rule.normalise(match, published)
            if period is None:
                continue
            start, end = period
            is_from = match.group(0).lower().startswith("from")
            if end < published and not is_from:
                continue  # history ("consultations in 2022"), not a deadline
            phrase = text[match.start() : match.end()]  # as written, whichever text was searched
            found.append((match.start(), match.end(), Deadline(phrase, start, end)))
    if len(found) > 1:  # most sentences have one deadline or none
        found.sort(key=lambda f: f[0])
    return [deadline for _, _, deadline in found]


# Two reference dates far from any document's: a deadline read alike from both names its own date.
_UNDATED_REFERENCES = (date(1000, 1, 1), date(1001, 7, 2))


def find_stated_deadline(text: str, published: date | None) -> Deadline | None:
    """:func:`find_deadline` against the document's date; in a document that states no date, only a
    phrase that dates itself ("by 31 January 2026", "in 2013-14"), not one relative to the day
    ("next year", "this summer"), which stays text.  ``None`` when the words before the phrase report
    an action as done (:func:`reported_as_done`): the date is when it happened.

    >>> find_stated_deadline("The Post Office will close the scheme by 31 January 2026.", None).iso
    '2026-01-31'
    >>> find_stated_deadline("We will publish the plan next year.", None) is None
    True
    >>> find_stated_deadline("In July 2023, DfE published guidance for the 2023/24 academic year.", date(2023, 12, 4)) is None
    True
    """
    if published is not None:
        deadlines = find_deadlines(text, published)
    else:
        first, second = (find_deadlines(text, reference) for reference in _UNDATED_REFERENCES)
        deadlines = [deadline for deadline in first if deadline in second]
    # The first that is no date of a done action: "... has been delayed from autumn 2023 and will now
    # be published in March 2024" is due in March 2024.
    return next((d for d in _in_preference(deadlines) if not reported_as_done(text[: max(text.find(d.text), 0)])), None)


def _in_preference(deadlines: list[Deadline]) -> list[Deadline]:
    """The deadlines :func:`_chosen` takes the first of: those led by a preposition, if any."""
    return [d for d in deadlines if not _LABEL_ONLY.match(d.text)] or deadlines


def _chosen(deadlines: list[Deadline]) -> Deadline | None:
    return next(iter(_in_preference(deadlines)), None)


_LABEL_ONLY = re.compile(r"^(?:20\d\d[-–]\d\d|this|next)\b", re.I)  # "2017-18", "this year": a label more than a deadline


def find_deadline(text: str, published: date) -> Deadline | None:
    """The deadline of ``text``: its first phrase led by a preposition ("in June 2017"), else its first phrase.

    >>> find_deadline("Allocations for 2017-18 will be published in June 2017.", date(2016, 12, 20)).text
    'in June 2017'
    """
    return _chosen(find_deadlines(text, published))
