"""The recommendation tracker: one row per recommendation, one column per document responding to it.

A *response* counts here when it is stated in a paragraph of a document (paragraph ``part_of``
section ``part_of`` document): the document dates it. Each cell holds the status that document
states (or none, where it reports on the recommendation without stating a position), the
quote it was read from and the paragraph holding that quote. The *current* status of a
recommendation is that of its latest response with a status in a dated document on or before
``as_of`` (all dated documents when ``as_of`` is None). Documents are ordered by date (undated
first), then by IRI, so of two documents of the same date the one with the greater IRI is the
later. These are the definitions of the canned queries ``status-history``,
``recommendations-as-of`` and ``changes`` (tests check that they agree).

The *follow-through* of a recommendation is the outcome of each commitment answering it (a statement of
kind ``commitment``, ``answers`` the recommendation, in a document dated by ``as_of``): that of its latest
``followed_up_by`` in a document published by then (delivered, in progress, re-dated, dropped), else
``silent`` if its deadline has passed (on or before ``as_of``, or today when no ``as_of`` is given), else
``pending`` (not yet due, or no deadline). These are the definitions of the ``follow-through`` query; a
statement that is itself a follow-up of an earlier commitment ("we will now publish it by March") is that
commitment's evidence and is not counted again.

Everything is sorted by keys of the graph's content, never by the order documents were read in:
the same documents give the same bytes in every format, whatever the build order.

>>> import policykg
>>> graph = policykg.build_graph([policykg.load_document(policykg.seed_path())])
>>> matrix = tracker(graph, inquiry="IICSA")
>>> [column.date for column in matrix.columns], len(matrix.rows)
(['2025-04-09'], 20)
>>> matrix.rows[12].number, matrix.rows[12].current
(13, 'accepted')
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from policykg.errors import PolicyKGError
from policykg.export.pages import markdown_text
from policykg.viz._html import content_security_policy

#: Output formats of :func:`render`.
FORMATS = ("table", "csv", "json", "markdown", "html")
#: What a cell says when its document reports on the recommendation without stating a status.
NO_STATUS = "no status stated"
#: The outcomes of a commitment in the follow-through column, in the order they are counted.
FOLLOW_THROUGH_OUTCOMES = ("delivered", "in progress", "re-dated", "dropped", "silent", "pending")


@dataclass(frozen=True)
class Column:
    """A document that responds to at least one tracked recommendation."""

    iri: str
    title: str
    date: str | None  # ISO date, or None for an undated document

    @property
    def key(self) -> tuple[str, str]:
        """The order of documents: by date (undated first), then by IRI."""
        return (self.date or "", self.iri)


@dataclass(frozen=True)
class Cell:
    """What one document states about one recommendation."""

    response: str  # the Response's IRI
    status: str | None
    quote: str | None
    locator: str | None  # the paragraph holding the quote, else the first paragraph of the response


@dataclass(frozen=True)
class FollowThrough:
    """One commitment answering a recommendation, and what became of it by ``as_of``."""

    iri: str
    text: str
    locator: str | None
    document: str  # the title of the document stating it
    date: str | None
    deadline_text: str | None
    deadline_end: str | None  # ISO
    outcome: str  # one of FOLLOW_THROUGH_OUTCOMES
    evidence: str | None = None  # the latest later statement about it, by as_of
    evidence_locator: str | None = None
    evidence_document: str | None = None  # title
    evidence_date: str | None = None
    new_deadline_end: str | None = None  # that of the latest re-dating by as_of

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The order of a row's commitments: by deadline (none last), document date, locator, IRI."""
        return (self.deadline_end or "9999", self.date or "", self.locator or "", self.iri)


@dataclass(frozen=True)
class Row:
    """One recommendation: its cells by document IRI, its current status and the follow-through of its commitments."""

    iri: str
    inquiry: str | None
    number: int | None
    title: str
    cells: dict[str, Cell] = field(default_factory=dict)
    current: str | None = None  # the status of the latest response with one (up to as_of)
    current_date: str | None = None
    current_document: str | None = None  # IRI
    commitments: tuple[FollowThrough, ...] = ()

    @property
    def follow_through(self) -> dict[str, int]:
        """How many of its commitments have each outcome (those with at least one), in the order of :data:`FOLLOW_THROUGH_OUTCOMES`."""
        counts = {outcome: sum(1 for c in self.commitments if c.outcome == outcome) for outcome in FOLLOW_THROUGH_OUTCOMES}
        return {outcome: count for outcome, count in counts.items() if count}


@dataclass(frozen=True)
class Tracker:
    """The tracker matrix: :class:`Column` documents in date order, :class:`Row` recommendations."""

    columns: list[Column]
    rows: list[Row]
    inquiry: str | None = None
    as_of: str | None = None


def _targets(graph: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted(target for _, target, key in graph.out_edges(node, keys=True) if key == relation)


def _sources(graph: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted(source for source, _, key in graph.in_edges(node, keys=True) if key == relation)


def _document_of(graph: nx.MultiDiGraph, paragraph: str) -> str | None:
    """The Document a paragraph is part of (through its section), if any."""
    for section in _targets(graph, paragraph, "part_of"):
        for document in _targets(graph, section, "part_of"):
            if graph.nodes[document]["type"] == "Document":
                return document
    return None


def _inquiry_of(graph: nx.MultiDiGraph, recommendation: str) -> tuple[str | None, set[str]]:
    """The label of the inquiry that made a recommendation, and every name (label, aliases) of its makers, lower-cased."""
    label, names = None, set()
    for maker in _targets(graph, recommendation, "made_by"):
        data = graph.nodes[maker]
        if data["type"] == "Inquiry" and label is None:
            label = data.get("label")
        names.add(str(data.get("label", "")).lower())
        names.update(str(alias).lower() for alias in data.get("aliases") or [])
    return label, names


def response_cells(graph: nx.MultiDiGraph, response: str) -> dict[str, Cell]:
    """The cells a Response fills: by the IRI of each document it is stated in (normally one).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A policy graph.
    response : str
        The IRI of a Response node.

    Returns
    -------
    dict
        Document IRI → :class:`Cell`; empty when no paragraph of a document states the response.
    """
    data = graph.nodes[response]
    quote = data.get("status_quote")
    by_document: dict[str, list[tuple[bool, str]]] = {}
    for paragraph in _targets(graph, response, "stated_in"):
        document = _document_of(graph, paragraph)
        locator = graph.nodes[paragraph].get("locator")
        if document is None or locator is None:
            continue
        holds_quote = bool(quote) and quote in str(graph.nodes[paragraph].get("text") or "")
        by_document.setdefault(document, []).append((not holds_quote, str(locator)))
    return {document: Cell(response, data.get("status"), quote, min(found)[1]) for document, found in by_document.items()}


def _dated_document(graph: nx.MultiDiGraph, statement: str) -> tuple[str, str, str | None] | None:
    """(IRI, title, date) of the document a statement is stated in (the least, by date then IRI), if any."""
    found = []
    for paragraph in _targets(graph, statement, "stated_in"):
        document = _document_of(graph, paragraph)
        if document is not None:
            published = graph.nodes[document].get("published")
            found.append((str(published) if published else "", document))
    if not found:
        return None
    published, document = min(found)
    return document, str(graph.nodes[document].get("title") or ""), published or None


def follow_through(graph: nx.MultiDiGraph, recommendation: str, cutoff: str | None, today: str) -> tuple[FollowThrough, ...]:
    """The commitments answering ``recommendation`` and their outcomes by ``cutoff`` (ISO; None: every document).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A policy graph with its ``followed_up_by`` links (``policykg.graph.follow``).
    recommendation : str
        A Recommendation's IRI.
    cutoff : str or None
        Only commitments and follow-ups in documents published by then; None: all dated ones.
    today : str
        The date deadlines are past by when ``cutoff`` is None (ISO).

    Returns
    -------
    tuple of FollowThrough
        Sorted by :attr:`FollowThrough.key`.
    """
    due_by = cutoff or today
    found = []
    for commitment in _sources(graph, recommendation, "answers"):
        data = graph.nodes[commitment]
        if data["type"] != "Commitment" or (data.get("kind") or "commitment") != "commitment" or not data.get("text"):
            continue
        where = _dated_document(graph, commitment)
        if where is None or (cutoff is not None and (where[2] is None or where[2] > cutoff)):
            continue
        if any(key == "followed_up_by" for _, _, key in graph.in_edges(commitment, keys=True)):
            continue  # a restatement of an earlier commitment: counted as that one's evidence, not again
        later: list[tuple[tuple[str, str, str], str, str, tuple[str, str, str | None]]] = []
        for _, target, key, edge in graph.out_edges(commitment, keys=True, data=True):
            if key != "followed_up_by" or not edge.get("outcome"):
                continue
            place = _dated_document(graph, target)
            if place is None or place[2] is None or (cutoff is not None and place[2] > cutoff):
                continue
            later.append(((place[2], place[0], target), target, str(edge["outcome"]), place))
        later.sort()
        deadline = str(data["deadline_end"]) if data.get("deadline_end") else None
        evidence: dict[str, Any] = {}
        if later:
            _, target, outcome, place = later[-1]
            evidence = {"evidence": str(graph.nodes[target].get("text") or "") or None, "evidence_locator": graph.nodes[target].get("locator"),
                        "evidence_document": place[1], "evidence_date": place[2]}
        elif deadline is not None and deadline <= due_by:
            outcome = "silent"
        else:
            outcome = "pending"
        redated = [graph.nodes[target].get("deadline_end") for _, target, result, _ in later if result == "re-dated"]
        found.append(FollowThrough(commitment, str(data["text"]), data.get("locator"), where[1], where[2],
                                   data.get("deadline_text"), deadline, outcome, **evidence,
                                   new_deadline_end=str(redated[-1]) if redated and redated[-1] else None))
    return tuple(sorted(found, key=lambda c: c.key))


def tracker(graph: nx.MultiDiGraph, *, inquiry: str | None = None, as_of: date | str | None = None,
            today: date | None = None) -> Tracker:
    """The tracker matrix of ``graph``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A policy graph (``policykg.build_graph``).
    inquiry : str, optional
        Keep the recommendations of this inquiry only: its name or one of its aliases, any case.
    as_of : date or str, optional
        Keep the documents published on or before this date (``YYYY-MM-DD``); undated documents are
        left out then. The current status is that of the latest response with a status by then.
    today : date, optional
        When no ``as_of`` is given, the date by which a commitment's deadline has passed (``silent``);
        the current date by default.

    Returns
    -------
    Tracker
        Rows sorted by inquiry, number and title (missing values first); columns by date, then IRI.

    Examples
    --------
    >>> import policykg
    >>> graph = policykg.build_graph([policykg.load_document(policykg.seed_path())])
    >>> tracker(graph, as_of="2025-01-01").columns
    []
    """
    cutoff = _iso(as_of)
    now = (today or date.today()).isoformat()
    wanted = inquiry.lower() if inquiry is not None else None
    columns: dict[str, Column] = {}
    rows = []
    for recommendation, data in graph.nodes(data=True):
        if data["type"] != "Recommendation" or not data.get("title"):
            continue
        label, names = _inquiry_of(graph, recommendation)
        if wanted is not None and wanted not in names:
            continue
        cells: dict[str, Cell] = {}
        for response in _sources(graph, recommendation, "responds_to"):
            for document, cell in response_cells(graph, response).items():
                published = graph.nodes[document].get("published")
                if cutoff is not None and (published is None or str(published) > cutoff):
                    continue
                columns.setdefault(document, Column(document, str(graph.nodes[document].get("title") or ""),
                                                    str(published) if published else None))
                cells[document] = cell
        dated = [(columns[d].key, d) for d, cell in cells.items() if cell.status and columns[d].date]
        latest = max(dated)[1] if dated else None
        rows.append(Row(recommendation, label, data.get("number"), str(data["title"]), cells,
                        cells[latest].status if latest else None, columns[latest].date if latest else None, latest,
                        follow_through(graph, recommendation, cutoff, now)))
    rows.sort(key=lambda row: (row.inquiry is not None, row.inquiry or "", row.number is not None, row.number or 0, row.title, row.iri))
    return Tracker(sorted(columns.values(), key=lambda column: column.key), rows, inquiry, cutoff)


def _iso(value: date | str | None) -> str | None:
    if value is None or isinstance(value, date):
        return value.isoformat() if value else None
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: str) -> str:
    raise PolicyKGError(f"--as-of must be a date (YYYY-MM-DD), not {value!r}")


# ------------------------------------------------------------------------------------------- output
def headers(matrix: Tracker) -> list[str]:
    """Column names for the flat formats: the row's fields, one ``DATE TITLE`` per document, the current status.

    >>> headers(Tracker([Column("https://example.org/d", "Update", "2025-04-09")], []))
    ['inquiry', 'number', 'title', '2025-04-09 Update', 'current_status', 'current_date', 'follow_through']
    """
    names = [f"{column.date or 'undated'} {column.title}" for column in matrix.columns]
    return ["inquiry", "number", "title", *names, "current_status", "current_date", "follow_through"]


def follow_through_text(row: Row) -> str:
    """The follow-through of a row's commitments as text: ``1 delivered, 2 silent`` (empty when it answers none).

    >>> follow_through_text(Row("r", None, 1, "T", commitments=(FollowThrough("c", "We will.", "p1", "D", None, None, None, "silent"),)))
    '1 silent'
    """
    return ", ".join(f"{count} {outcome}" for outcome, count in row.follow_through.items())


def cell_text(cell: Cell | None) -> str:
    """A cell as text: its status, :data:`NO_STATUS`, or empty when the document does not mention the recommendation."""
    if cell is None:
        return ""
    return cell.status or NO_STATUS


def records(matrix: Tracker) -> list[list[Any]]:
    """The rows as lists of plain values, in the order of :func:`headers`."""
    return [[row.inquiry, row.number, row.title, *(cell_text(row.cells.get(c.iri)) for c in matrix.columns),
             row.current, row.current_date, follow_through_text(row)] for row in matrix.rows]


def to_csv(matrix: Tracker) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers(matrix))
    for record in records(matrix):
        writer.writerow(["" if value is None else value for value in record])
    return buffer.getvalue()


def to_json(matrix: Tracker) -> str:
    """Every fact of the matrix: documents, and per recommendation its current status and one cell per document (null where silent)."""
    def cell(value: Cell | None) -> dict[str, Any] | None:
        if value is None:
            return None
        return {"status": value.status, "quote": value.quote, "locator": value.locator, "response": value.response}

    data = {
        "inquiry": matrix.inquiry,
        "as_of": matrix.as_of,
        "documents": [{"iri": c.iri, "title": c.title, "date": c.date} for c in matrix.columns],
        "recommendations": [
            {"iri": row.iri, "inquiry": row.inquiry, "number": row.number, "title": row.title,
             "current": {"status": row.current, "date": row.current_date, "document": row.current_document},
             "cells": [cell(row.cells.get(c.iri)) for c in matrix.columns],
             "follow_through": {"counts": row.follow_through,
                                "commitments": [asdict(c) for c in row.commitments]}}
            for row in matrix.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_table(matrix: Tracker, width: int = 24) -> str:
    """A plain text table (documents as ``D1``, ``D2``, ... with a legend below it)."""
    from policykg.queries.results import to_table as text_table

    names = ["inquiry", "number", "title", *(f"D{i}" for i in range(1, len(matrix.columns) + 1)), "current", "follow-through"]
    rows = [dict(zip(names, [*record[:-3], record[-3], record[-1]], strict=True)) for record in records(matrix)]
    legend = [f"D{i}: {column.date or 'undated'}  {column.title}" for i, column in enumerate(matrix.columns, start=1)]
    return "\n".join([text_table(names, rows, max_width=width), *legend]) + "\n"


def to_markdown(matrix: Tracker) -> str:
    """A Markdown table; every text from documents escaped (:func:`policykg.export.pages.markdown_text`)."""
    names = ["Inquiry", "No.", "Recommendation", *(f"{c.date or 'undated'} {c.title}" for c in matrix.columns), "Current status",
             "Follow-through"]
    lines = ["| " + " | ".join(markdown_text(name) for name in names) + " |", "|" + "---|" * len(names)]
    for record in records(matrix):
        values = [*record[:-3], record[-3], record[-1]]
        lines.append("| " + " | ".join(markdown_text(str(v)) if v not in (None, "") else "" for v in values) + " |")
    return "\n".join(lines) + "\n"


_STYLE = (
    "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}"
    "th{background:#f3f3f3}td.s a{color:inherit}td.none{color:#888}"
    ".accepted{background:#e3f4e6}.not-accepted{background:#f9e0dd}.under-consideration,.noted{background:#fdf3d8}"
    ".accepted-in-part,.accepted-in-principle,.alternative-approach{background:#eaf1fb}"
    "blockquote{margin:.3em 0 1em 1.5em;padding-left:.7em;border-left:3px solid #ccc}dt{font-weight:600;margin-top:.8em}"
)


def to_html(matrix: Tracker, title: str | None = None) -> str:
    """An offline page: the matrix, each cell linking to its quote further down the page.

    No script at all and a Content-Security-Policy that forbids every request; every text from
    documents is escaped, and the page links only to anchors of its own.
    """
    esc = html.escape
    heading = title or "Recommendation tracker" + (f": {matrix.inquiry}" if matrix.inquiry else "")
    quotes: list[tuple[str, Row, Column, Cell]] = []
    out = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy([], [_STYLE])}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f"<title>{esc(heading)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<h1>{esc(heading)}</h1>\n",
    ]
    if matrix.as_of:
        out.append(f"<p>As of {esc(matrix.as_of)}.</p>\n")
    out.append("<table>\n<thead><tr><th>Inquiry</th><th>No.</th><th>Recommendation</th>")
    out += [f"<th>{esc(c.date or 'undated')}<br>{esc(c.title)}</th>" for c in matrix.columns]
    out.append("<th>Current status</th><th>Follow-through</th></tr></thead>\n<tbody>\n")
    followed: list[tuple[str, Row]] = []
    for row in matrix.rows:
        out.append(f"<tr><td>{esc(row.inquiry or '')}</td><td>{'' if row.number is None else row.number}</td><td>{esc(row.title)}</td>")
        for column in matrix.columns:
            cell = row.cells.get(column.iri)
            if cell is None:
                out.append("<td></td>")
                continue
            anchor = f"q{len(quotes) + 1}"
            quotes.append((anchor, row, column, cell))
            css = _css(cell.status) if cell.status else "none"
            out.append(f'<td class="s {css}"><a href="#{anchor}">{esc(cell_text(cell))}</a></td>')
        current = f'<td class="{_css(row.current)}">{esc(row.current)}</td>' if row.current else "<td></td>"
        if row.commitments:
            anchor = f"f{len(followed) + 1}"
            followed.append((anchor, row))
            current += f'<td class="s"><a href="#{anchor}">{esc(follow_through_text(row))}</a></td>'
        else:
            current += "<td></td>"
        out.append(current + "</tr>\n")
    out.append("</tbody>\n</table>\n<h2>Quotes</h2>\n<dl>\n")
    for anchor, row, column, cell in quotes:
        number = f"Recommendation {row.number}" if row.number is not None else "Recommendation"
        where = f", paragraph {cell.locator}" if cell.locator else ""
        out.append(f'<dt id="{anchor}">{esc(number)} ({esc(row.title)}): {esc(cell_text(cell))}</dt>\n'
                   f"<dd>{esc(column.title)}, {esc(column.date or 'undated')}{esc(where)}")
        if cell.quote:
            out.append(f"<blockquote>{esc(cell.quote)}</blockquote>")
        out.append("</dd>\n")
    out.append("</dl>\n")
    if followed:
        out.append("<h2>Follow-through of commitments</h2>\n<dl>\n")
        for anchor, row in followed:
            number = f"Recommendation {row.number}" if row.number is not None else "Recommendation"
            out.append(f'<dt id="{anchor}">{esc(number)} ({esc(row.title)}): {esc(follow_through_text(row))}</dt>\n<dd>')
            for commitment in row.commitments:
                out.append(_commitment_html(commitment))
            out.append("</dd>\n")
        out.append("</dl>\n")
    out.append("</body>\n</html>\n")
    return "".join(out)


def _commitment_html(commitment: FollowThrough) -> str:
    """One commitment of the follow-through section: its outcome, where it is stated, its quote and the latest evidence."""
    esc = html.escape
    where = f", paragraph {commitment.locator}" if commitment.locator else ""
    deadline = f"; deadline {commitment.deadline_text or commitment.deadline_end}" if commitment.deadline_end else ""
    parts = [f"<p>{esc(commitment.outcome)}: {esc(commitment.document)}, {esc(commitment.date or 'undated')}{esc(where)}{esc(deadline)}</p>",
             f"<blockquote>{esc(commitment.text)}</blockquote>"]
    if commitment.evidence is not None:
        later = f", paragraph {commitment.evidence_locator}" if commitment.evidence_locator else ""
        redated = f"; new deadline {commitment.new_deadline_end}" if commitment.new_deadline_end else ""
        parts += [f"<p>Latest: {esc(commitment.evidence_document or '')}, {esc(commitment.evidence_date or '')}{esc(later)}{esc(redated)}</p>",
                  f"<blockquote>{esc(commitment.evidence)}</blockquote>"]
    return "".join(parts)


def _css(status: str) -> str:
    return "-".join(status.split())


def render(matrix: Tracker, format: str = "table") -> str:
    """The matrix in one of :data:`FORMATS`.

    Examples
    --------
    >>> print(render(Tracker([], [Row("https://example.org/r", None, 1, "Act <now>")]), "csv"), end="")
    inquiry,number,title,current_status,current_date,follow_through
    ,1,Act <now>,,,
    """
    writers = {"table": to_table, "csv": to_csv, "json": to_json, "markdown": to_markdown, "html": to_html}
    if format not in writers:
        raise PolicyKGError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    return writers[format](matrix)


__all__ = ["FOLLOW_THROUGH_OUTCOMES", "FORMATS", "NO_STATUS", "Cell", "Column", "FollowThrough", "Row", "Tracker", "cell_text", "follow_through",
           "follow_through_text", "headers", "records", "render", "response_cells", "to_csv", "to_html", "to_json", "to_markdown", "to_table",
           "tracker"]
