"""Checks for values that come from outside (metadata files, HTML heads, query parameters).

Each check gives the reason a value is refused, in words for the user, so that a bad
value is stopped with one line where it enters instead of breaking a writer later.

>>> web_iri_problem("https://www.gov.uk/government/publications/x")
>>> web_iri_problem("https://www.gov.uk/a b")
"not a valid IRI (Invalid IRI code point ' ')"
>>> iso_date("2025-04-09")
datetime.date(2025, 4, 9)
"""

from __future__ import annotations

import re
from datetime import date

#: The schemes a document's source URL may have: the page it was published on.
WEB_SCHEMES = ("http", "https")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def iri_problem(value: object) -> str | None:
    """Why ``value`` is not an absolute IRI that every RDF writer accepts, or ``None`` if it is one.

    The check is pyoxigraph's (RFC 3987), the parser behind the TriG, RDF/XML and JSON-LD writers.
    """
    from pyoxigraph import NamedNode

    if not isinstance(value, str):
        return f"not text but {type(value).__name__}"
    try:
        NamedNode(value)
    except ValueError as exc:
        return f"not a valid IRI ({exc})"
    return None


def web_iri_problem(value: object) -> str | None:
    """Why ``value`` is not a valid absolute ``http(s)`` IRI, or ``None`` if it is one."""
    if problem := iri_problem(value):
        return problem
    scheme = str(value).split(":", 1)[0].lower()
    return None if scheme in WEB_SCHEMES else f"not an http(s) address (scheme {scheme!r})"


def iso_date(text: str) -> date:
    """The calendar date written ``YYYY-MM-DD``; ``ValueError`` with a reason for anything else.

    Stricter than :meth:`date.fromisoformat`, which also takes ``20250101`` and ``2025-W01-1``.

    >>> iso_date("2025-02-31")
    Traceback (most recent call last):
    ...
    ValueError: '2025-02-31' is not a date (day is out of range for month)
    >>> iso_date("20250101")
    Traceback (most recent call last):
    ...
    ValueError: '20250101' is not a date written YYYY-MM-DD
    """
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
    try:
        return date(*map(int, match.groups()))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date ({exc})") from None
