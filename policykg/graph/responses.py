"""Response deadlines: when the responses to a report's recommendations are due.

An inquiry or report may set when responses are due; a recommendation with no response by then is an
overdue response (the canned query ``overdue-responses``).  Each recommendation whose report is dated gets

* ``report_date``: the date of the report that made it, from which the period counts;
* ``response_due``: the ISO date by which a response is due: the report's date plus the period;
* ``response_due_basis``: where the period comes from: the sentence that states it, or the convention.

The period is, in this order:

1. **stated** in the report: a sentence of a report document that asks for a response within a period
   ("You are under a duty to respond to this report within 56 days of the date of this report", "the
   Government should respond within six months"): :data:`STATED`;
2. **a coroner's Prevention of Future Deaths report** (a report document whose title or text says
   "Prevention of Future Deaths", "Report to Prevent Future Deaths" or "Regulation 28"): 56 days, the
   time the Coroners (Investigations) Regulations 2013 (regulation 29) give for a response;
3. **a statutory inquiry** (the recommendation is made by an Inquiry of kind ``statutory_inquiry``): six
   months, the convention the Government itself states ("it is conventional that the Government responds to
   statutory inquiries within six months of their final recommendations", written statement of 20 April 2023,
   tests/fixtures/real/iicsa-wms-response-timing-2023-04.txt).

4. **a parliamentary committee's report** (the recommendation's report names a committee of kind
   ``parliamentary_committee`` in its title or the first block before any heading, as does a response to that
   committee's report, or it is made by such a committee): two months, the convention that the Government responds to a
   select committee report within two months of its publication (the Cabinet Office's guidance to civil servants
   on select committees, the "Osmotherly Rules").

Other reports (a non-statutory review) get no deadline unless they state one.

A recommendation's *report date* is the ``published`` date of the Report it was published in (``published_in``,
curated), else the earliest date of a dated *report* stating it: a document whose title says "report" (and not
"response", "progress", "update", "statement", "answer" or "letter"), or which sets a period for the response.
A recommendation known only from responses and progress reports takes its report's date from a response that
states it (:func:`stated_report_date`: "the Committee's report, published on 12 March 2024", "the Committee's report
of 12 March 2024", "The Committee published its Third Report of Session 2023–24 ... on 7 March 2024"; a session alone,
"Fourth Report of Session 2023–24", is no date), the earliest such date not after the stating document's own; else it
gets no deadline.  The period is looked for in
the documents stating it that are undated or of the report date.  A stated period counts only in a sentence
about the report or its answer (naming the report, a recommendation, the inquiry, the Government or a minister).
A response counts for the queries when its document is published after the report date (extraction reads a
report's own text under a recommendation's heading as a response without a status).  A period counted
in months ends on the same day of the month (the month's last day when it has no such day: 31 August plus
six months is 28 or 29 February).

Like :mod:`policykg.graph.follow`, this reads the merged graph and is a pure function of it: any order of
documents gives the same values, and adding them twice changes nothing.

>>> add_months("2022-08-31", 6), add_days("2025-01-02", 56)
('2023-02-28', '2025-02-27')
>>> stated_period("You are under a duty to respond to this report within 56 days of the date of this report.")
(56, 'day', 'You are under a duty to respond to this report within 56 days of the date of this report.')
>>> stated_period("Trusts should respond to complaints within 20 days.") is None
True
>>> stated_report_date("We welcome the Committee's report, published on 12 March 2024, and respond below.")
'2024-03-12'
>>> stated_report_date("Government Response to the Committee's Fourth Report of Session 2023–24") is None
True
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta

import networkx as nx

from policykg.loaders.dates import MONTHS

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-eight": 28, "fifty-six": 56, "ninety": 90}

#: A sentence asking for a response within a period: a word of responding, then (in the same sentence, at most
#: 100 characters on) "within N days / weeks / months".
STATED = re.compile(
    r"\b(?:respond(?:s|ed|ing)?|responses?|repl(?:y|ies|ied)|answer(?:s|ed)?)\b[^.;:!?]{0,100}?\bwithin (?:the next )?"
    r"(?P<number>\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r") (?P<unit>days?|weeks?|months?)\b",
    re.I)
#: A coroner's report to prevent future deaths (Coroners and Justice Act 2009, Schedule 5, paragraph 7; the
#: Coroners (Investigations) Regulations 2013, regulations 28 and 29).
PFD = re.compile(r"\bprevention of future deaths\b|\breport to prevent future deaths\b|\bregulation 28\b", re.I)
PFD_DAYS = 56
PFD_BASIS = "Prevention of Future Deaths report: a response within 56 days (Coroners (Investigations) Regulations 2013, regulation 29)"
STATUTORY_MONTHS = 6
STATUTORY_BASIS = "statutory inquiry: the convention of a government response within six months of the report"
COMMITTEE_MONTHS = 2
COMMITTEE_BASIS = "parliamentary committee report: the convention of a government response within two months of the report"
COMMITTEE_KIND = "parliamentary_committee"
#: Where a document names whose report it is or answers: its title and the first block before any heading.
MASTHEAD = frozenset({"title", "s1.b1"})
#: A report's title: "report", "final report", "Report to Prevent Future Deaths" ...; not "progress report",
#: "response to the report", "update", "statement".
REPORT_TITLE = re.compile(r"\breport\b", re.I)
NOT_REPORT_TITLE = re.compile(r"\b(?:respon[a-z]*|progress|update|statement|answer|letter)\b", re.I)
#: The sentence must be about the report or its answer: it names one of these (so that "trusts should respond to
#: complaints within 20 days", a recommendation's own content, sets no deadline).
_ABOUT = re.compile(r"\b(?:this report|the report|recommendations?|inquiry|government|minister|secretary of state)\b", re.I)


def _day_month_year(n: int) -> str:
    """A date such as "12 March 2024" ("12th March, 2024"), its groups named ``day{n}``, ``month{n}``, ``year{n}``."""
    return (rf"(?P<day{n}>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month{n}>{'|'.join(MONTHS)}),?\s+(?P<year{n}>\d{{4}})\b")


#: A report's date as a response states it: "report, published on 12 March 2024", "Report of Session 2023–24 (published
#: 12 March 2024)", "report of 12 March 2024", "published its Third Report of Session 2023–24 ... on 7 March 2024";
#: within one sentence, the date at most 100 characters after "report" (or "report" after "published its"), in a sentence
#: that names a committee or an inquiry (whose report a response answers; not any report it cites).
REPORT_DATE = re.compile(
    rf"\breport\b[^.;:!?]{{0,100}}?\b(?:published|dated|issued)\s+(?:on\s+)?{_day_month_year(1)}"
    rf"|\breport\s+(?:of|dated)\s+{_day_month_year(2)}"
    rf"|\bpublished\s+(?:its|their|the)\b[^.;!?]{{0,100}}?\breport\b[^.;!?]{{0,100}}?\bon\s+{_day_month_year(3)}",
    re.I)


_WHOSE_REPORT = re.compile(r"\b(?:committee|inquiry)\b", re.I)


def stated_report_date(text: str) -> str | None:
    """The earliest date (ISO) that ``text`` states a report was published on (:data:`REPORT_DATE`), or None; an
    impossible date ("31 February 2024") is none."""
    found = []
    for match in REPORT_DATE.finditer(text):
        start = max(text.rfind(".", 0, match.start()), text.rfind(";", 0, match.start())) + 1
        end = text.find(".", match.end())
        if not _WHOSE_REPORT.search(text[start: len(text) if end < 0 else end]):
            continue
        n = next(i for i in (1, 2, 3) if match[f"day{i}"])
        try:
            found.append(date(int(match[f"year{n}"]), MONTHS[match[f"month{n}"].lower()], int(match[f"day{n}"])).isoformat())
        except ValueError:
            continue
    return min(found, default=None)


def add_months(day: str, months: int) -> str:
    """``day`` (ISO) plus ``months`` months, on the same day of the month or that month's last day."""
    start = date.fromisoformat(day)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    return date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1])).isoformat()


def add_days(day: str, days: int) -> str:
    """``day`` (ISO) plus ``days`` days."""
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def stated_period(text: str) -> tuple[int, str, str] | None:
    """The first period a text asks a response within: (number, unit ``day``/``week``/``month``, the sentence)."""
    for match in STATED.finditer(text):
        start = text.rfind(".", 0, match.start()) + 1
        end = text.find(".", match.end())
        sentence = text[start: len(text) if end < 0 else end + 1].strip()
        if _ABOUT.search(sentence):
            return _period(match, sentence)
    return None


def _period(match: re.Match[str], sentence: str) -> tuple[int, str, str]:
    number = match.group("number").lower()
    count = int(number) if number.isdigit() else _NUMBERS[number]
    return count, match.group("unit").lower().rstrip("s"), sentence


def due_date(report_date: str, count: int, unit: str) -> str:
    """The report's date plus a period."""
    if unit == "month":
        return add_months(report_date, count)
    return add_days(report_date, count * (7 if unit == "week" else 1))


def _targets(graph: nx.MultiDiGraph, node: str, relation: str) -> Iterable[str]:
    return (target for target, relations in graph._succ[node].items() if relation in relations)


def _documents(graph: nx.MultiDiGraph) -> _Texts:
    """Per document, its paragraphs' (locator, text) in locator order."""
    texts: _Texts = {}
    for paragraph, data in graph.nodes(data=True):
        if data["type"] != "Paragraph":
            continue
        for section in _targets(graph, paragraph, "part_of"):
            for document in _targets(graph, section, "part_of"):
                if graph.nodes[document]["type"] == "Document":
                    texts.setdefault(document, []).append((str(data.get("locator") or ""), str(data.get("text") or "")))
    for paragraphs in texts.values():
        paragraphs.sort()
    return texts


_Texts = dict[str, list[tuple[str, str]]]
_NOT_READ: tuple[str, int, str] = ("", 0, "")


def _period_of(graph: nx.MultiDiGraph, document: str, texts: _Texts, read: dict[str, tuple[str, int, str] | None] | None = None
               ) -> tuple[str, int, str] | None:
    """(unit, count, basis) that a report document sets: a stated period, else a Prevention of Future Deaths report's
    (remembered in ``read``, by document)."""
    if read is not None:
        if (found := read.get(document, _NOT_READ)) is _NOT_READ:
            found = read[document] = _period_of(graph, document, texts)
        return found
    for _, text in texts.get(document, []):
        if (stated := stated_period(text)) is not None:
            count, unit, sentence = stated
            return unit, count, sentence
    words = [str(graph.nodes[document].get("title") or ""), *(text for _, text in texts.get(document, []))]
    if any(PFD.search(text) for text in words):
        return "day", PFD_DAYS, PFD_BASIS
    return None


def _is_report(graph: nx.MultiDiGraph, document: str, texts: _Texts, read: dict[str, tuple[str, int, str] | None]) -> bool:
    """Whether a document is a report making recommendations: its title says so (not a response, update or
    statement), or it sets a period for the response."""
    title = str(graph.nodes[document].get("title") or "")
    return bool(REPORT_TITLE.search(title) and not NOT_REPORT_TITLE.search(title)) or _period_of(graph, document, texts, read) is not None


def response_deadline(graph: nx.MultiDiGraph, recommendation: str, texts: _Texts,
                      read: dict[str, tuple[str, int, str] | None] | None = None,
                      known_committees: list[str] | None = None) -> tuple[str, str, str] | None:
    """(report date, due date, basis) of one recommendation, or None (see the module's description).

    ``texts``: per document, its paragraphs' (locator, text); ``read``: the periods of the documents read so far;
    ``known_committees``: the graph's :func:`committees`, when already listed.
    """
    read = {} if read is None else read
    documents = sorted({record.document for record in graph.nodes[recommendation].get("provenance") or ()
                        if record.document in graph and graph.nodes[record.document]["type"] == "Document"})
    published = [str(graph.nodes[r]["published"]) for r in _targets(graph, recommendation, "published_in") if graph.nodes[r].get("published")]
    reports = sorted((str(graph.nodes[d]["published"]), d) for d in documents if graph.nodes[d].get("published") and _is_report(graph, d, texts, read))
    report_date = min(published, default=None) or (reports[0][0] if reports else None)  # the curated date first
    if report_date is None:  # only responses: the report's date where one states it
        report_date = min((day for d in documents for day in _stated_report_dates(graph, d, texts)), default=None)
    if report_date is None:
        return None
    for document in documents:  # the report's own text: a document of that date or undated
        period = _period_of(graph, document, texts, read) if str(graph.nodes[document].get("published") or report_date) == report_date else None
        if period is not None:
            unit, count, basis = period
            return report_date, due_date(report_date, count, unit), basis
    if any(graph.nodes[inquiry].get("kind") == "statutory_inquiry" for inquiry in _targets(graph, recommendation, "made_by")):
        return report_date, add_months(report_date, STATUTORY_MONTHS), STATUTORY_BASIS
    if committee_of(graph, recommendation, known_committees) is not None:
        return report_date, add_months(report_date, COMMITTEE_MONTHS), COMMITTEE_BASIS
    return None


def _stated_report_dates(graph: nx.MultiDiGraph, document: str, texts: _Texts) -> Iterable[str]:
    """The report dates a document states (:func:`stated_report_date`), none after its own date."""
    own = str(graph.nodes[document].get("published") or "9999-12-31")
    for _, text in texts.get(document, []):
        if (day := stated_report_date(text)) is not None and day <= own:
            yield day


def committees(graph: nx.MultiDiGraph) -> list[str]:
    """The graph's parliamentary committees, in IRI order."""
    return sorted(n for n, data in graph.nodes(data=True) if data.get("kind") == COMMITTEE_KIND)


def committee_of(graph: nx.MultiDiGraph, recommendation: str, known: list[str] | None = None) -> str | None:
    """The parliamentary committee whose report made a recommendation, or None: the committee that makes it
    (``made_by``), else one named in the masthead (:data:`MASTHEAD`) of a document stating it (a report's
    masthead; a response "to the ... Committee report"), the least IRI of several.

    Only the masthead counts: a report may cite a committee's work anywhere else.  ``known``: the graph's
    :func:`committees`, when already listed."""
    made_by = sorted(body for body in _targets(graph, recommendation, "made_by") if graph.nodes[body].get("kind") == COMMITTEE_KIND)
    if made_by:
        return made_by[0]
    documents = {record.document for record in graph.nodes[recommendation].get("provenance") or ()}
    for committee in committees(graph) if known is None else known:
        if any(record.document in documents and record.locator in MASTHEAD for record in graph.nodes[committee].get("provenance") or ()):
            return committee
    return None


def add_response_deadlines(graph: nx.MultiDiGraph) -> None:
    """Set ``response_due`` and ``response_due_basis`` on every recommendation with a response deadline.

    Parameters
    ----------
    graph:
        A merged policy graph, changed in place.

    Returns
    -------
    None

    Examples
    --------
    >>> from policykg.graph.model import new_graph
    >>> add_response_deadlines(new_graph())
    """
    texts = _documents(graph)
    read: dict[str, tuple[str, int, str] | None] = {}
    known = committees(graph)
    for recommendation in sorted(n for n, data in graph.nodes(data=True) if data["type"] == "Recommendation"):
        found = response_deadline(graph, recommendation, texts, read, known)
        data = graph.nodes[recommendation]
        for key in ("report_date", "response_due", "response_due_basis"):
            data.pop(key, None)
        if found is not None:
            data["report_date"], data["response_due"], data["response_due_basis"] = found
