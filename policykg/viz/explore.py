"""The researcher's explorer: one offline HTML page with a tracker, a bodies view and a timeline.

``write_explore_page(graph, "explore.html")`` writes a self-contained page (no other file,
no network request) whose default view is the **tracker**: a faceted, sortable table of
recommendations; each row opens the recommendation's card (its responses in date order,
every commitment that answers it with lead, deadline, kind and quote, its bills, bodies and
programmes). The **bodies** view ranks bodies by the commitments they lead or take part
in; the **timeline** lists commitments with a deadline, today marked and past-due ones
flagged. The **network** view draws the same graph with vis-network (inlined from the pyvis
package): it opens on an overview (recommendations and lead bodies, bodies, or documents) in
which commitments are folded into weighted edges, opens a node's neighbours on a click,
re-lays out and fits what is drawn after every change, leaves out labels that would collide,
colours and sizes nodes by an attribute, finds the shortest path between two nodes, and
downloads what it shows as PNG, SVG or CSV. The view, its filters and the selection live
in the URL's hash.

The graph is read through its nodes and edges and embedded as JSON made safe for a
``<script type="application/json">`` block; the page's script sets every text with
``textContent``, and a Content-Security-Policy lets only that script run and blocks every
request.

>>> from policykg.graph.model import Provenance, add_edge, add_node, new_graph
>>> g = new_graph()
>>> p = Provenance("https://example.org/doc", "p1", 1, "Intro", 0, 12, "We will act.")
>>> add_node(g, "https://example.org/id/recommendation/x/1", "Recommendation", "Recommendation 1", p, number=1, title="Act")
>>> add_node(g, "https://example.org/c", "Commitment", "We will act.", p, text="We will act.", kind="commitment")
>>> add_node(g, "https://example.org/o", "Organisation", "<b>Home Office</b>", p)
>>> add_edge(g, "https://example.org/c", "https://example.org/id/recommendation/x/1", "answers", p)
>>> add_edge(g, "https://example.org/c", "https://example.org/o", "led_by", p)
>>> data = explore_data(g, today=date(2025, 1, 1))
>>> data["recs"][0]["key"], data["recs"][0]["cs"], data["bodies"][0]["name"]
('x/1', [0], '<b>Home Office</b>')
>>> page = render_explore_page(g)
>>> "Home Office" in page and "<b>Home Office" not in page
True
"""

from __future__ import annotations

import base64
import gzip
import html
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.atomic import atomic_write_text
from policykg.graph.model import Provenance
from policykg.graph.progress import PROGRESS
from policykg.viz import _html
from policykg.viz.network import _default_title, _sort_key, _status_order, _where
from policykg.viz.style import NO_STATUS_COLOUR, NO_STATUS_LABEL, STATUS_COLOURS, TYPE_STYLE

#: The network view's overview draws this many nodes of its main kind (recommendations, bodies or
#: documents, most commitments first) and of the second kind joined to them; a click opens at most
#: ``EXPAND`` neighbours of a node (most connected first). The rest is reached by search or by clicks.
OVERVIEW_MAIN = 80
OVERVIEW_OTHERS = 30
EXPAND = 40
#: Above this size, or this many commitments (a compressed page is small but as slow to open), the
#: command says the page takes a while to open.
LARGE_PAGE_BYTES = 20_000_000
LARGE_PAGE_COMMITMENTS = 100_000
#: Above this size the page carries its data gzip-compressed (see :func:`data_block`).
COMPRESS_ABOVE_BYTES = 5_000_000

#: A recommendation no response states the progress of.
NO_PROGRESS = "no progress stated"
PROGRESS_COLOURS = {"not started": "#c0392b", "in progress": "#f0a30a", "complete": "#1e8449", NO_PROGRESS: NO_STATUS_COLOUR}

#: Node types listed as bodies (who leads or takes part in a commitment).
BODY_TYPES = ("Organisation", "Post", "Person")
#: Relations from a commitment to what it is delivered through.
THING_RELATIONS = ("through_legislation", "concerns")


def _first_record(data: dict[str, Any], quote: str | None = None) -> Provenance | None:
    """The provenance record to cite: the one quoting ``quote`` if any, else the first in document order."""
    records = sorted(set(data.get("provenance") or ()), key=_sort_key)
    if quote:
        for record in records:
            if record.quote == quote:
                return record
    return records[0] if records else None


def _recommendation_key(iri: str) -> str:
    """``.../id/recommendation/iicsa/13`` → ``iicsa/13`` (the part a link names)."""
    marker = "/recommendation/"
    return iri.split(marker, 1)[1] if marker in iri else iri


class _Index:
    """Assigns list positions to values in first-seen order."""

    def __init__(self) -> None:
        self.position: dict[str, int] = {}
        self.items: list[Any] = []

    def add(self, key: str, item: Any) -> int:
        if key not in self.position:
            self.position[key] = len(self.items)
            self.items.append(item)
        return self.position[key]


def explore_data(graph: nx.MultiDiGraph, *, today: date | None = None, title: str | None = None) -> dict[str, Any]:
    """Everything the explorer's script needs, as JSON-able data.

    * ``docs``: documents (title, published, source URL); ``inquiries``, ``themes``: names;
    * ``bodies``: organisations, posts and people that lead or take part in a commitment;
    * ``things``: bills, programmes and publications commitments are delivered through;
    * ``recs``: recommendations with their inquiry, themes, responses (document, status,
      progress, quote, where; in date order), the latest acceptance and the latest progress
      stated (each from the last response that states it), and the commitments that answer them;
    * ``cs``: every commitment with its text, kind (left out: "commitment"), deadline, document,
      locator, quote, lead and involved bodies, bills and programmes, the recommendations it answers,
      and the later statements that follow it up (``fu``: outcome and position, earliest first);
    * ``sections``: section titles, which locators (``w``) refer to by position (``ws``).

    Lists refer to each other by position. ``today`` is the date past-due items are judged
    against (``None``: the browser's date when the page is opened).
    """
    nodes = graph.nodes
    docs = _Index()
    for iri, data in sorted(graph.nodes(data=True), key=lambda item: (str(item[1].get("published") or ""), item[0])):
        if data.get("type") == "Document":
            docs.add(iri, {"title": str(data.get("title") or data.get("label") or iri), "published": str(data.get("published") or ""),
                           "url": str(data.get("source_url") or "")})

    def doc_of(record: Provenance | None) -> int:
        if record is None:
            return -1
        if record.document not in docs.position:
            if not record.document.endswith("policykg-curated-facts"):
                return docs.add(record.document, {"title": record.document.rsplit("/", 1)[-1], "published": "", "url": ""})
            return -1
        return docs.position[record.document]

    inquiries, themes, bodies, things, sections = _Index(), _Index(), _Index(), _Index(), _Index()

    def where(text: str) -> dict[str, Any]:
        """``¶57 · Section title`` as ``{"w": "¶57", "ws": section's position}``: each section's title is stored once."""
        place, sep, section = text.partition(" · ")
        return {"w": place, "ws": sections.add(section, section)} if sep else {"w": text}
    rec_iris = sorted((iri for iri, data in graph.nodes(data=True) if data.get("type") == "Recommendation"),
                      key=lambda iri: (nodes[iri].get("number") is None, nodes[iri].get("number") or 0, iri))
    rec_index = {iri: i for i, iri in enumerate(rec_iris)}
    commitment_iris = [iri for iri, data in graph.nodes(data=True) if data.get("type") == "Commitment"]
    cited = {iri: _first_record(nodes[iri], str(nodes[iri].get("text") or nodes[iri].get("label") or "")) for iri in commitment_iris}
    # document order: by document, then paragraph
    commitment_iris.sort(key=lambda iri: (doc_of(cited[iri]), nodes[iri].get("paragraph") is None, nodes[iri].get("paragraph") or 0, iri))

    commitments: list[dict[str, Any]] = []
    answered_by: dict[str, list[int]] = defaultdict(list)
    for position, iri in enumerate(commitment_iris):
        data = nodes[iri]
        text = str(data.get("text") or data.get("label") or "")
        record = cited[iri]
        item: dict[str, Any] = {"t": text, "d": doc_of(record)}
        item.update(where(_where(record) if record else (f"¶{data['paragraph']}" if data.get("paragraph") is not None else "")))
        kind = str(data.get("kind") or "commitment").replace("_", " ")
        if kind != "commitment":  # the usual kind is left out (a thousand documents hold some 170,000 commitments)
            item["k"] = kind
        if record is not None and record.quote != text:
            item["q"] = record.quote
        if data.get("deadline_end"):
            phrase = str(data.get("deadline_text") or data.get("deadline") or data["deadline_end"])
            item["dl"] = phrase
            item["e"] = str(data["deadline_end"])[:10]
            if data.get("deadline_start"):
                item["s"] = str(data["deadline_start"])[:10]
            if phrase.strip().lower().startswith("from"):
                item["from"] = 1
        lead: list[int] = []
        involved: list[int] = []
        through: list[int] = []
        recs: list[int] = []
        for _, target, relation in sorted(graph.out_edges(iri, keys=True)):
            kind = nodes[target].get("type")
            if relation in ("led_by", "involves") and kind in BODY_TYPES:
                body = bodies.add(target, {"name": str(nodes[target].get("label") or target), "type": kind})
                (lead if relation == "led_by" else involved).append(body)
            elif relation in THING_RELATIONS:
                through.append(things.add(target, {"name": str(nodes[target].get("label") or target), "type": kind}))
            elif relation == "answers" and target in rec_index:
                recs.append(rec_index[target])
                answered_by[target].append(position)
        for key, values in (("lead", lead), ("inv", [b for b in involved if b not in lead]), ("via", through), ("rec", recs)):
            if values:
                item[key] = values
        commitments.append(item)

    # later statements about the same action (graph/follow.py), earliest first: [outcome, the statement's position]
    at = {iri: position for position, iri in enumerate(commitment_iris)}

    def when(pair: tuple[str, int]) -> tuple[str, int, str]:
        document = commitments[pair[1]]["d"]
        return (docs.items[document]["published"] if document >= 0 else "", pair[1], pair[0])

    for position, iri in enumerate(commitment_iris):
        follow_ups = [(str(data.get("outcome") or ""), at[later]) for _, later, relation, data in graph.out_edges(iri, keys=True, data=True)
                      if relation == "followed_up_by" and later in at]
        if follow_ups:
            commitments[position]["fu"] = [list(pair) for pair in sorted(follow_ups, key=when)]

    recommendations: list[dict[str, Any]] = []
    for iri in rec_iris:
        data = nodes[iri]
        inquiry = -1
        rec_themes: list[int] = []
        for _, target, relation in sorted(graph.out_edges(iri, keys=True)):
            if relation == "made_by" and inquiry < 0:
                inquiry = inquiries.add(target, str(nodes[target].get("label") or target))
            elif relation == "has_theme":
                rec_themes.append(themes.add(target, str(nodes[target].get("label") or target)))
        responses = []
        for source, _, relation in graph.in_edges(iri, keys=True):
            if relation != "responds_to":
                continue
            response = nodes[source]
            record = _first_record(response, response.get("status_quote"))
            item = {"d": doc_of(record), "status": str(response.get("status") or NO_STATUS_LABEL),
                    "q": str(response.get("status_quote") or (record.quote if record else "")),
                    **where(_where(record) if record else "")}
            if response.get("progress"):
                item["p"] = str(response["progress"])
            responses.append(item)
        responses.sort(key=lambda r: (docs.items[r["d"]]["published"] if r["d"] >= 0 else "", r["d"], r["status"]))
        recommendations.append({
            "key": _recommendation_key(iri),
            "n": data.get("number"),
            "title": str(data.get("title") or data.get("label") or ""),
            "inq": inquiry,
            "themes": rec_themes,
            "resp": responses,
            # acceptance and progress apart: a progress report that states no acceptance leaves the last one stated
            "status": next((r["status"] for r in reversed(responses) if r["status"] != NO_STATUS_LABEL), NO_STATUS_LABEL),
            "progress": next((r["p"] for r in reversed(responses) if "p" in r), NO_PROGRESS),
            "cs": answered_by.get(iri, []),
        })

    used = sorted({r["status"] for r in recommendations} | {x["status"] for r in recommendations for x in r["resp"]}, key=_status_order)
    return {
        "title": title if title is not None else _default_title(graph),
        "today": today.isoformat() if today else None,
        "docs": docs.items,
        "inquiries": inquiries.items,
        "themes": themes.items,
        "bodies": bodies.items,
        "things": things.items,
        "sections": sections.items,
        "recs": recommendations,
        "cs": commitments,
        "statusColours": {s: STATUS_COLOURS.get(s, NO_STATUS_COLOUR) for s in used},
        "statusOrder": used,
        "noStatus": NO_STATUS_LABEL,
        "progressColours": dict(PROGRESS_COLOURS),
        "progressOrder": [*PROGRESS, NO_PROGRESS],
        "typeStyle": {name: list(style) for name, style in TYPE_STYLE.items()},
        "limits": {"main": OVERVIEW_MAIN, "others": OVERVIEW_OTHERS, "expand": EXPAND},
    }


def left_out(data: dict[str, Any], page_bytes: int = 0) -> list[str]:
    """What the page leaves out of its first views, one sentence each (empty: everything is drawn).

    Every recommendation, commitment and body is in the page (the tables show 100 rows a page);
    the network view's overviews draw the nodes with most commitments and fold commitments into
    edges, so a large graph is not drawn whole.

    >>> left_out({"recs": [{}] * 100, "bodies": [{}] * 10, "docs": [{}] * 2})
    ['the network overview draws 80 of 100 recommendations (those with most commitments); search or click to reach the other 20']
    """
    notes = []
    for kind, items in (("recommendations", data["recs"]), ("bodies", data["bodies"]), ("documents", data["docs"])):
        if len(items) > OVERVIEW_MAIN:
            notes.append(f"the network overview draws {OVERVIEW_MAIN} of {len(items):,} {kind} (those with most commitments); "
                         f"search or click to reach the other {len(items) - OVERVIEW_MAIN:,}")
    if page_bytes > LARGE_PAGE_BYTES or len(data.get("cs", [])) > LARGE_PAGE_COMMITMENTS:
        notes.append(f"the page is {page_bytes / 1e6:.0f} MB with {len(data.get('cs', [])):,} commitments: a browser takes a few "
                     "seconds to open it and to draw the first network")
    return notes


#: The commitments' fields the page gets as one list each (one value per commitment: every commitment has
#: them, or most do); the others come as maps from a commitment's position to its value (most have none).
_DENSE_FIELDS = ("t", "d", "w", "ws", "lead", "dl", "e")
#: Fields whose values are texts, stored once each in ``strings`` (positions there; 0 is the empty text).
_TEXT_FIELDS = ("t", "w", "k", "q", "dl", "e", "s")


def pack_for_page(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as the page embeds it: a thousand documents hold some 170,000 commitments, and as a list
    of objects each repeats its field names, and texts that recur (dates, deadline phrases, locators,
    a sentence stated in several documents) are written again each time.

    * ``cs`` becomes columns: ``{"t": [...], "d": [...], ...}`` holding one value per commitment for the
      ``_DENSE_FIELDS`` (no section: -1; no lead: []), and ``{"position": value}`` for the others;
    * every text of ``_TEXT_FIELDS`` is a position in ``strings`` (each text once, in first-use order;
      0 is "": none), and a follow-up's outcome too (``fu``: outcome, position, outcome, position, ...);
    * a recommendation's ``cs`` is left out: the page finds it from the commitments' ``rec``.

    The page's script rebuilds the list of objects :func:`explore_data` describes.

    >>> packed = pack_for_page({"recs": [{"key": "x/1", "cs": [0, 1]}], "cs": [{"t": "We will act.", "d": 0, "w": "¶1", "rec": [0]},
    ...                {"t": "We will act.", "d": 0, "w": "¶2", "e": "2026-01-31", "rec": [0]}]})
    >>> packed["strings"], packed["cs"]["t"], packed["cs"]["e"], packed["cs"]["rec"], packed["recs"]
    (['', 'We will act.', '¶1', '¶2', '2026-01-31'], [1, 1], [0, 4], {'0': [0], '1': [0]}, [{'key': 'x/1'}])
    """
    strings = _Index()
    strings.add("", "")
    columns: dict[str, Any] = {field: [] for field in _DENSE_FIELDS}
    empty = {"ws": -1, "lead": [], "d": -1}
    for position, item in enumerate(data["cs"]):
        for field in _DENSE_FIELDS:
            value = item.get(field, "" if field in _TEXT_FIELDS else empty[field])
            columns[field].append(strings.add(value, value) if field in _TEXT_FIELDS else value)
        for field, value in item.items():
            if field in _DENSE_FIELDS:
                continue
            if field in _TEXT_FIELDS:
                value = strings.add(value, value)
            elif field == "fu":
                value = [number for outcome, later in value for number in (strings.add(outcome, outcome), later)]
            columns.setdefault(field, {})[str(position)] = value
    return {**data, "cs": columns, "strings": strings.items, "recs": [{k: v for k, v in r.items() if k != "cs"} for r in data["recs"]]}


def data_block(data: dict[str, Any], compress_above: int | None = None) -> str:
    """The text of the page's JSON block: ``data`` packed (:func:`pack_for_page`) and, when that is larger
    than ``compress_above`` bytes (default :data:`COMPRESS_ABOVE_BYTES`), gzip-compressed and base64-encoded as ``{"gzip": "..."}`` (the texts of
    a thousand documents take about a fifth of the room so; the page inflates them with the browser's
    DecompressionStream). Safe in ``<script>`` either way; the same bytes for the same data.

    >>> data_block({"recs": [], "cs": []}, compress_above=0).startswith('{"gzip":"H4sI')
    True
    """
    text = _html.script_json(pack_for_page(data))
    if len(text.encode("utf-8")) <= (COMPRESS_ABOVE_BYTES if compress_above is None else compress_above):
        return text
    packed = gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)  # mtime 0: the same bytes every time
    return _html.script_json({"gzip": base64.b64encode(packed).decode("ascii")})


def render_explore_page(graph: nx.MultiDiGraph, *, today: date | None = None, title: str | None = None) -> str:
    """The explorer's HTML text (see :func:`write_explore_page`)."""
    return _render(explore_data(graph, today=today, title=title))


def _render(data: dict[str, Any]) -> str:
    vis_js, _ = _html.vis_assets()  # the network view draws with vis-network (its CSS is not needed: no tooltips, no buttons)
    script = _html.template("explore.js")
    style = _html.template("explore.css")
    policy = _html.content_security_policy([vis_js, script], [style])
    return _html.fill(
        _html.template("explore.html"),
        CSP=html.escape(policy, quote=True),
        TITLE=html.escape(data["title"], quote=True),
        CSS=style,
        DATA=data_block(data),
        VIS=vis_js,
        JS=script,
    )


def write_explore_page(graph: nx.MultiDiGraph, path: str | Path, *, today: date | str | None = None, title: str | None = None,
                       notes: list[str] | None = None) -> Path:
    """Write the explorer to ``path``: one HTML file that works offline and asks for nothing.

    * ``today``: the date past-due items are judged against (default: the reader's date
      when the page is opened);
    * ``title``: the page heading (default: the documents' titles);
    * ``notes``: a list to which what the page leaves out is appended (see :func:`left_out`).
    """
    if isinstance(today, str):
        today = date.fromisoformat(today)
    data = explore_data(graph, today=today, title=title)
    text = _render(data)
    if notes is not None:
        notes.extend(left_out(data, len(text.encode("utf-8"))))
    return atomic_write_text(Path(path), text)


__all__ = ["BODY_TYPES", "EXPAND", "OVERVIEW_MAIN", "OVERVIEW_OTHERS", "data_block", "explore_data", "left_out", "pack_for_page",
           "render_explore_page", "write_explore_page"]
