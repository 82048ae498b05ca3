"""Money amounts and numeric claims (statistics) in text.

>>> [(m.amount_gbp, m.text) for m in find_money("a £5m fund and a further £310 million")]
[(5000000, '£5m'), (310000000, '£310 million')]
>>> [(m.amount, m.currency, m.amount_gbp) for m in find_money("US$2 billion to the Global Fund and €30m to the EIB")]
[(2000000000, 'USD', None), (30000000, 'EUR', None)]
>>> [(s.value, s.unit, s.measure) for s in find_statistics("up to 840,000 offenders and 7.5% of all adults")]
[(840000.0, 'count', 'offenders'), (7.5, 'percent', 'of all adults')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from policykg.graph.deadlines import word_key

_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
#: The currencies read, by the sign or code written before the amount or the word after it (ISO 4217 codes).
#: "$" alone is read as US dollars; after a letter ("A$", "HK$") it is another dollar, not read.
_SIGNS = {"£": "GBP", "GBP": "GBP", "€": "EUR", "EUR": "EUR", "US$": "USD", "$": "USD", "USD": "USD"}
_WORDS = {"pounds": "GBP", "euros": "EUR", "euro": "EUR", "dollars": "USD", "us dollars": "USD"}  # lower case
#: Hansard long printed the decimal point as a raised dot ("£26·8 million"): read it as a point.
_AMOUNT = r"(\d[\d,]*(?:[.·]\d+)?)\s?(bn|billion|million|m|k)?\b"
_MONEY = re.compile(
    rf"(?P<sign>£|€|US\$|(?<![A-Za-z])\$|\b(?:GBP|EUR|USD)\s?(?=\d)){_AMOUNT}"  # £5m, €30 million, US$2bn, EUR 40m
    rf"|\b{_AMOUNT}\s(?P<word>(?:US )?dollars|euros?|pounds)\b",  # 5 million euros, 10 billion US dollars
    re.I)
#: The first characters of every form above: a sentence with none of them holds no amount.
_MONEY_HINT = re.compile(r"[£€$]|GBP|EUR|USD|dollars|euro|pounds", re.I)
#: Amounts and counts beyond these are not read as numbers (they stay in the text): more than
#: any public spending figure, and within every engine's integers (int64) and decimals.
MAX_AMOUNT_GBP = 10**15  # £1,000 trillion
MAX_VALUE = 10**15
_MAX_DIGITS = 20  # a longer run of digits is no amount or count (and Python refuses int() of 4,300 digits)
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)\s?(%|per cent\b)")
_MILLIONS = re.compile(r"\b(\d+(?:\.\d+)?)\s(million|billion)\b")
# A count not inside a word, an amount or a figure: 1,000 or more, with or without commas.  The
# "not inside" check looks back from its first digit, so that the pattern starts with a digit and
# the regex engine skips to the next one (re cannot skip ahead of a pattern that starts with a
# lookbehind, so a check before the digit tries every position).
_COUNT = re.compile(r"(\d(?<![\w£.,/–-]\d)(?:\d{0,2}(?:,\d{3})+|\d{3,}))\b(?![/–-]\d)")
_DIGIT = re.compile(r"\d")
_MEASURE = re.compile(r"^\s*((?:[a-z’'-]+\s?){1,4})")
_MEASURE_STOP = {
    "in", "by", "to", "and", "or", "the", "a", "all", "who", "which", "that", "every", "per", "from", "with",
    "for", "at", "on", "before", "are", "is", "was", "were", "have", "has", "pose", "but",
}


@dataclass(frozen=True)
class Money:
    amount: int  # whole units of ``currency``
    currency: str  # ISO 4217: GBP, EUR, USD
    text: str
    start: int
    end: int

    @property
    def amount_gbp(self) -> int | None:
        """The amount in pounds when it is stated in pounds (other currencies are not converted)."""
        return self.amount if self.currency == "GBP" else None


@dataclass(frozen=True)
class Statistic:
    value: float
    unit: str  # "percent" or "count"
    measure: str  # what is counted, e.g. "offenders" (may be empty)
    text: str
    start: int
    end: int


def _parts(match: re.Match[str]) -> tuple[str, str, str]:
    """The digits, the scale word and the currency code of a :data:`_MONEY` match."""
    if match["sign"] is not None:
        return match.group(2), match.group(3) or "", _SIGNS[match["sign"].strip().upper()]
    return match.group(4), match.group(5) or "", _WORDS[" ".join(match["word"].lower().split())]


def _digits(written: str) -> str:
    """An amount's digits as Decimal reads them: thousands commas dropped, Hansard's raised point a point."""
    return written.replace(",", "").replace("·", ".")


def find_money(text: str) -> list[Money]:
    """Amounts of money as whole units of their currency: pounds sterling, and euros and US dollars
    where the text states them so (never converted).

    >>> [(m.amount, m.currency) for m in find_money("£1.2 billion, 5 million euros and $300,000")]
    [(1200000000, 'GBP'), (5000000, 'EUR'), (300000, 'USD')]
    >>> find_money("in 2025 we will act")
    []
    """
    found: list[Money] = []
    if _MONEY_HINT.search(text) is None:  # most sentences name no money: skip the scan
        return found
    for match in _MONEY.finditer(text):
        digits, scale, currency = _parts(match)
        digits = _digits(digits)
        if len(digits) > _MAX_DIGITS:
            continue  # out of range: kept as text
        number = Decimal(digits)  # exact: "£8.3m" is 8300000, not 8300000.000000001
        amount = int(number * _SCALE[word_key(scale)])
        if amount <= MAX_AMOUNT_GBP:
            found.append(Money(amount, currency, match.group(0).strip(), match.start(), match.end()))
    return found


#: A column heading that states the unit of its cells: "Annualised health costs (£ million)", "£m", "£000",
#: "Amount (£)", "€ thousand".  The sign followed by a digit is an amount ("over £5m"), not a unit.
_UNIT = r"(?P<sign>£|€|US\$|\$)\s?(?P<scale>'?000|thousands?|k|m|million|bn|billion)?"
_COLUMN_UNIT = re.compile(rf"(?:^|[\s(]){_UNIT}(?=\)|\s|$)", re.I)
#: A cell that is a number and nothing else: "2,803", "26·8", "(1,200)".
_NUMBER_CELL = re.compile(r"\(?(\d[\d,]*(?:[.·]\d+)?)\)?")
_UNIT_SCALE = {"'000": 1_000, "000": 1_000, "thousand": 1_000, "thousands": 1_000}


def column_unit(heading: str) -> tuple[str, int] | None:
    """The currency and multiplier a table column's heading states for its cells, or ``None``.

    >>> column_unit("Annualised health costs (£ million)"), column_unit("£000"), column_unit("Spend over £5m")
    (('GBP', 1000000), ('GBP', 1000), None)
    """
    match = _COLUMN_UNIT.search(heading)
    if match is None:
        return None
    scale = word_key(match["scale"] or "")
    return _SIGNS[match["sign"].upper()], _UNIT_SCALE.get(scale) or _SCALE[scale]


#: A line that is only a unit, above a table whose numbers it applies to: "£", "£ million", "(£000)".
_UNIT_LINE = re.compile(rf"\(?{_UNIT}\)?", re.I)


def find_money_in_row(cells: tuple[str, ...], header: tuple[str, ...], caption: str = "") -> list[Money]:
    """The amounts a table row holds as bare numbers in columns whose heading states a currency (:func:`column_unit`),
    or after its first column when the line above the table is a unit alone ("£"); offsets are into the row's text,
    its cells joined with `` | ``.

    Parameters
    ----------
    cells, header:
        The row's cells and its table's column headings.
    caption:
        The line above the table (its section's heading, in the document model).

    Returns
    -------
    list of Money
        One per numeric cell under a heading in money; amounts written with their sign are :func:`find_money`'s.

    Examples
    --------
    >>> [(m.amount, m.text) for m in find_money_in_row(("4", "1,748,651", "732"), ("Scenario", "Life years lost", "Costs (£ million)"))]
    [(732000000, '732')]
    >>> find_money_in_row(("4", "732"), ("Scenario", "Costs"))
    []
    >>> [m.amount for m in find_money_in_row(("April 2007 - March 2008", "853,334"), (), caption="£")]
    [853334]
    """
    found: list[Money] = []
    start = 0
    whole_table = column_unit(caption) if _UNIT_LINE.fullmatch(caption.strip()) else None
    for column, cell in enumerate(cells):
        heading = header[column] if column < len(header) else ""
        match = _NUMBER_CELL.fullmatch(cell)
        unit = column_unit(heading) if match and cell != heading else None
        if match and unit is None and column > 0:
            unit = whole_table  # the first column labels the rows ("2005", "Scenario 1")
        if match and unit is not None and len(digits := _digits(match.group(1))) <= _MAX_DIGITS:
            currency, scale = unit
            amount = int(Decimal(digits) * scale)
            if amount <= MAX_AMOUNT_GBP:
                found.append(Money(amount, currency, cell, start, start + len(cell)))
        start += len(cell) + len(" | ")
    return found


_LONG_NUMBER = re.compile(rf"£?\s?\d[\d,]{{{_MAX_DIGITS},}}")


def out_of_range(text: str) -> list[str]:
    """The numbers of ``text`` too large to read as amounts or counts (they are kept as text).

    >>> out_of_range("a £99999999999999999999999bn fund"), out_of_range("£5m")
    (['£99999999999999999999999'], [])
    """
    if _MONEY_HINT.search(text) is None and not _LONG_NUMBER.search(text):
        return []
    found = [m.group(0) for m in _LONG_NUMBER.finditer(text)]
    for match in _MONEY.finditer(text):
        digits, scale, _ = _parts(match)
        digits = _digits(digits)
        if len(digits) <= _MAX_DIGITS and int(Decimal(digits) * _SCALE[word_key(scale)]) > MAX_AMOUNT_GBP:
            found.append(match.group(0).strip())
    return found


def _measure(rest: str) -> str:
    """The words that say what a number counts: "840,000 offenders who pose" → "offenders"."""
    match = _MEASURE.match(rest)
    if not match:
        return ""
    words: list[str] = []
    for word in match.group(1).split():
        if word in _MEASURE_STOP and words and not (words[0] == "of" and word in {"the", "all"}):
            break
        words.append(word)
    while words and words[-1] in _MEASURE_STOP:
        words.pop()
    return " ".join(words)


def _is_year(digits: str) -> bool:
    return "," not in digits and len(digits) == 4 and 1900 <= int(digits) <= 2100


def find_statistics(text: str) -> list[Statistic]:
    """Percentages, "N million" figures and counts of 1,000 or more (not years, not money)."""
    found: list[Statistic] = []
    if _DIGIT.search(text) is None:  # every figure has a digit; most sentences have none
        return found
    money = [(m.start, m.end) for m in find_money(text)]

    def taken(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in money) or any(s.start < end and start < s.end for s in found)

    # Each scan is skipped without the words its matches hold (the patterns are case-sensitive).
    percents = _PERCENT.finditer(text) if "%" in text or "per cent" in text else ()
    for match in percents:
        if len(match.group(1)) <= _MAX_DIGITS and not taken(match.start(), match.end()):
            measure = _measure(text[match.end():])
            found.append(Statistic(float(match.group(1)), "percent", measure, match.group(0), match.start(), match.end()))
    millions = _MILLIONS.finditer(text) if "illion" in text else ()
    for match in millions:
        if len(match.group(1)) <= _MAX_DIGITS and not taken(match.start(), match.end()):
            value = float(Decimal(match.group(1)) * _SCALE[word_key(match.group(2))])
            if value > MAX_VALUE:
                continue
            found.append(Statistic(value, "count", _measure(text[match.end():]), match.group(0), match.start(), match.end()))
    for match in _COUNT.finditer(text):
        digits = match.group(1)
        if _is_year(digits) or len(digits) > _MAX_DIGITS or taken(match.start(), match.end()):
            continue
        value = float(digits.replace(",", ""))
        if value > MAX_VALUE:
            continue
        found.append(Statistic(value, "count", _measure(text[match.end():]), digits, match.start(), match.end()))
    return sorted(found, key=lambda s: s.start)
