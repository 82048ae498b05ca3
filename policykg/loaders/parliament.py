"""Loader for Parliament's written questions and written statements (the JSON of its API).

``https://questions-statements-api.parliament.uk/api/writtenquestions/questions/<id>`` and
``.../api/writtenstatements/statements/<id>`` answer ``{"value": {...}, "links": [...]}``; their
list endpoints answer ``{"totalResults": N, "results": [{"value": {...}}, ...]}``.  A file holds
one question or one statement: a list file with one item is read as that item, and a list of
several is refused with a one-line error saying to split it (``policykg fetch`` saves each item of
a list answer as a file of its own).  One file, one document: each item has its own date, its own
answering department and its own page, which a list would blur.

The page the extractor reads is laid out so that it finds the right facts:

* the title is the statement's ``title`` or the question's ``heading``;
* the first paragraph names the answering department as the lead body
  ("Written question 7926 in the House of Commons, answered by the Department for Education on
  10 January 2024.");
* a question's own text (and who asked it) is kept in a section headed :data:`QUESTION_SECTION`
  (``"Question"``), never mixed with the answer, which follows under :data:`ANSWER_SECTION`; the
  extractor refuses sentences that open "To ask" or "Asked by" as commitments, and a section of
  that name is the one to skip if a question's text ever reads otherwise;
* the date is the day the statement was made (``dateMade``) or the question answered
  (``dateAnswered``; a question not answered yet is dated the day it was tabled).

The answer and statement text is HTML and goes through the same reader as a saved GOV.UK page.

>>> item = {"value": {"id": 1, "uin": "7926", "house": "Commons", "heading": "Apprentices",
...         "questionText": "To ask the Secretary of State for Education, how many apprentices there are.",
...         "answeringBodyName": "Department for Education", "dateTabled": "2024-01-05T00:00:00",
...         "dateAnswered": "2024-01-10T00:00:00", "answerText": "<p>We will publish the figures by May 2026.</p>"}}
>>> doc = parse_parliament(json.dumps(item))
>>> doc.title, doc.published.isoformat()
('Apprentices', '2024-01-10')
>>> [(s.heading, [p.text for p in s.paragraphs]) for s in doc.sections]  # doctest: +NORMALIZE_WHITESPACE
[('', ['Written question 7926 in the House of Commons, answered by the Department for Education on 10 January 2024.']),
 ('Question', ['To ask the Secretary of State for Education, how many apprentices there are.']),
 ('Answer', ['We will publish the figures by May 2026.'])]
"""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any

from policykg.loaders.document import Document
from policykg.loaders.govuk_html import parse_govuk_html

#: The section that holds a written question's own text: it asks, it commits to nothing.
QUESTION_SECTION = "Question"
#: The section that holds the answer to a written question.
ANSWER_SECTION = "Answer"
OPL = "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/"
#: The public pages of questions and statements (``/<date>/<uin>`` follows).
PAGES = "https://questions-statements.parliament.uk"
_QUESTION_KEYS = ('"questionText"', '"answerText"')
_STATEMENT_KEYS = ('"dateMade"',)


def is_parliament_item(text: str) -> bool:
    """Whether ``text`` looks like the JSON of a written question or statement (or a list of them).

    >>> is_parliament_item('{"value": {"questionText": "To ask ...", "answeringBodyName": "Home Office"}}')
    True
    >>> is_parliament_item('{"title": "A page", "details": {"body": "<p>x</p>"}}')
    False
    """
    if not text.lstrip().startswith("{") or '"answeringBody' not in text:
        return False
    return any(key in text for key in _QUESTION_KEYS + _STATEMENT_KEYS)


def _item(data: Any) -> dict[str, Any]:
    """The one question or statement a file holds, unwrapped from ``value`` or a one-item list."""
    if not isinstance(data, dict):
        raise ValueError("not a written question or statement (a JSON object was expected)")
    if isinstance(data.get("results"), list):
        results = data["results"]
        if len(results) != 1:
            raise ValueError(
                f"a list of {len(results)} written questions or statements: one file must hold one; "
                "split it (policykg fetch saves each item of a list as a file of its own)"
            )
        data = results[0]
    if isinstance(data, dict) and isinstance(data.get("value"), dict):
        data = data["value"]
    if not isinstance(data, dict) or not ("questionText" in data or "dateMade" in data or "text" in data):
        raise ValueError("not a written question or statement of Parliament's API (no questionText, or dateMade and text)")
    return data


def _date(value: Any) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _html(text: str) -> str:
    """Answer or statement text as HTML: list answers carry it as plain text, single items as HTML."""
    return text if text.startswith("<") else f"<p>{html.escape(text)}</p>"


def _spoken(day: date) -> str:
    """``10 January 2024``."""
    return f"{day.day} {day:%B %Y}"


def _body_name(item: dict[str, Any]) -> str:
    """The answering department, with "the" before it where English puts one."""
    name = _text(item.get("answeringBodyName"))
    if not name:
        return ""
    if name.lower().startswith(("the ", "hm ", "his majesty", "her majesty")):
        return name
    return "the " + name


def _member(member: Any) -> str:
    """``Name (Party, Constituency)`` of an expanded member, or ``""``."""
    if not isinstance(member, dict) or not _text(member.get("name")):
        return ""
    details = ", ".join(_text(member.get(key)) for key in ("party", "memberFrom") if _text(member.get(key)))
    return _text(member.get("name")) + (f" ({details})" if details else "")


def _house(item: dict[str, Any]) -> str:
    house = _text(item.get("house"))
    return f"the House of {house.capitalize()}" if house.lower() in {"commons", "lords"} else ""


def _question_page(item: dict[str, Any]) -> tuple[str, date | None, list[str]]:
    """Title, date and HTML blocks of a written question and its answer."""
    uin, house, body = _text(item.get("uin")), _house(item), _body_name(item)
    answered, tabled = _date(item.get("dateAnswered")), _date(item.get("dateTabled"))
    answer = _text(item.get("answerText"))
    lead = "Written question" + (f" {uin}" if uin else "") + (f" in {house}" if house else "")
    if answer and body:
        lead += f", answered by {body}" + (f" on {_spoken(answered)}" if answered else "")
    elif body:
        lead += f", for answer by {body}; not answered yet"
    blocks = [f"<p>{html.escape(lead)}.</p>", f"<h2>{QUESTION_SECTION}</h2>"]
    if asker := _member(item.get("askingMember")):
        blocks.append(f"<p>Asked by {html.escape(asker)}</p>")
    question = _text(item.get("questionText"))
    if not question:
        raise ValueError("the written question has no questionText")
    blocks.append(f"<p>{html.escape(question)}</p>")
    if answer:
        blocks += [f"<h2>{ANSWER_SECTION}</h2>", _html(answer)]
    title = _text(item.get("heading")) or f"Written question {uin}".strip()
    return title, answered or tabled, blocks


def _statement_page(item: dict[str, Any]) -> tuple[str, date | None, list[str]]:
    """Title, date and HTML blocks of a written statement."""
    uin, house, body = _text(item.get("uin")), _house(item), _body_name(item)
    made = _date(item.get("dateMade"))
    text = _text(item.get("text"))
    if not text:
        raise ValueError("the written statement has no text")
    lead = "Written statement" + (f" {uin}" if uin else "") + (f" to {house}" if house else "")
    if body:
        lead += f", made by {body}" + (f" on {_spoken(made)}" if made else "")
    blocks = [f"<p>{html.escape(lead)}.</p>"]
    minister = _member(item.get("member"))
    role = _text(item.get("memberRole"))
    if minister or role:
        blocks.append(f"<p>{html.escape(', '.join(part for part in (minister, role) if part))}</p>")
    blocks.append(_html(text))
    title = _text(item.get("title")) or f"Written statement {uin}".strip()
    return title, made, blocks


def source_url(item: dict[str, Any]) -> str | None:
    """The public page of a question or statement: ``.../written-questions/detail/<tabled>/<uin>``.

    >>> source_url({"uin": "HCWS123", "dateMade": "2024-06-20T00:00:00", "text": "x"})
    'https://questions-statements.parliament.uk/written-statements/detail/2024-06-20/hcws123'
    """
    uin = _text(item.get("uin")).lower()
    if "questionText" in item:
        kind, day = "written-questions", _date(item.get("dateTabled"))
    else:
        kind, day = "written-statements", _date(item.get("dateMade"))
    if not uin or day is None or not uin.isalnum():
        return None
    return f"{PAGES}/{kind}/detail/{day.isoformat()}/{uin}"


def parse_parliament(text: str, *, path: str | None = None) -> Document:
    """Parse one written question (with its answer) or written statement into a :class:`Document`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    item = _item(data)
    title, published, blocks = _question_page(item) if "questionText" in item else _statement_page(item)
    page = f"<html><body><h1>{html.escape(title)}</h1><div class=\"govspeak\">\n" + "\n".join(blocks) + "\n</div></body></html>"
    document = parse_govuk_html(page, path=path)
    document.title = title
    document.published = published
    document.source_url = source_url(item)
    document.licence = OPL
    return document
