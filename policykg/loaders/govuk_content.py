"""Loader for GOV.UK content items: the JSON that ``https://www.gov.uk/api/content/<path>`` serves.

A content item (the format of GOV.UK's content schemas) carries the page's HTML body in
``details.body``, or in ``details.parts[].body`` for guides with parts, besides its metadata.
The body goes through the same HTML reader as a saved page (:mod:`policykg.loaders.govuk_html`),
under the item's ``title`` and ``description``; the date is the day a statement or speech was
``delivered_on``, else ``first_published_at``, else ``public_updated_at``; the source URL is
GOV.UK's address of the page (``https://www.gov.uk`` + ``base_path``).

>>> item = {"title": "Prison update", "base_path": "/government/speeches/x", "schema_name": "speech",
...         "first_published_at": "2016-12-19T17:45:12.000+00:00",
...         "details": {"body": "<p>We will open a prison by 2020.</p>"}}
>>> doc = parse_govuk_content(json.dumps(item))
>>> doc.title, doc.published.isoformat(), doc.source_url, doc.paragraphs[0].text
('Prison update', '2016-12-19', 'https://www.gov.uk/government/speeches/x', 'We will open a prison by 2020.')
"""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any

from policykg.loaders.document import Document
from policykg.loaders.govuk_html import parse_govuk_html

GOVUK = "https://www.gov.uk"
OGL = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"  # all GOV.UK content, unless stated
#: The metadata keys that date a content item, most telling first.
_DATE_KEYS = (("details", "delivered_on"), ("first_published_at",), ("details", "first_public_at"), ("public_updated_at",))


def is_content_item(text: str) -> bool:
    """Whether ``text`` looks like a GOV.UK content item (a JSON object with a title and details)."""
    head = text.lstrip()[:2000]
    return head.startswith("{") and '"details"' in text and '"title"' in head


def _date(item: dict[str, Any]) -> date | None:
    for keys in _DATE_KEYS:
        value: Any = item
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str) and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue  # an impossible date in one key: try the next
    return None


def _body(details: dict[str, Any]) -> str:
    """The item's body HTML: ``body``, or each part's title as a heading and its body."""
    body = details.get("body")
    if isinstance(body, list):  # some schemas give the body as [{"content_type": "text/html", "content": ...}]
        body = next((b.get("content") for b in body if isinstance(b, dict) and b.get("content_type") == "text/html"), "")
    if isinstance(body, str) and body.strip():
        return body
    parts = details.get("parts")
    if isinstance(parts, list):
        return "\n".join(
            f"<h2>{html.escape(str(part.get('title') or ''))}</h2>\n{part.get('body') or ''}"
            for part in parts if isinstance(part, dict)
        )
    return ""


def parse_govuk_content(text: str, *, path: str | None = None) -> Document:
    """Parse a GOV.UK content item (JSON) into a :class:`Document`."""
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not isinstance(item.get("details"), dict):
        raise ValueError("not a GOV.UK content item (a JSON object with 'title' and 'details')")
    title = item["title"].strip()
    description: str = item["description"] if isinstance(item.get("description"), str) else ""
    body = _body(item["details"])
    if not body.strip() and not description.strip():
        raise ValueError("the content item has no body text")
    page = (
        f"<html><body><h1>{html.escape(title)}</h1><div class=\"govspeak\">"
        f"<p>{html.escape(description)}</p>\n{body}</div></body></html>"
    )
    document = parse_govuk_html(page, path=path)
    document.title = title
    document.published = _date(item)
    base_path = item.get("base_path")
    if isinstance(base_path, str) and base_path.startswith("/"):
        document.source_url = GOVUK + base_path
    document.licence = document.licence or OGL
    return document
