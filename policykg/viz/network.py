"""The interactive network page: one self-contained HTML file that works offline.

vis-network (shipped inside the pyvis package) is inlined; the graph is embedded
as JSON made safe for ``<script>``; the page's own script builds every tooltip and
panel as DOM elements with ``textContent``, so no document text is ever parsed as
HTML. A Content-Security-Policy lets only the page's own scripts run and blocks
every network request.

>>> from policykg.graph.model import Provenance, add_edge, add_node, new_graph
>>> g = new_graph()
>>> p = Provenance("https://example.org/doc", "p1", 1, "Intro", 0, 12, "We will act.")
>>> add_node(g, "https://example.org/o", "Organisation", "Home Office", p, aliases=["HO"])
>>> add_node(g, "https://example.org/c", "Commitment", "We will act.", p)
>>> add_edge(g, "https://example.org/c", "https://example.org/o", "led_by", p)
>>> find_node(g, "ho")
'https://example.org/o'
>>> page = render_network_page(g, title="<b>x</b>")
>>> "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page and "<b>x</b>" not in page
True
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.atomic import atomic_write_text
from policykg.errors import PolicyKGError
from policykg.graph.model import EDGE_TYPES, NODE_TYPES, Provenance
from policykg.viz import _html
from policykg.viz.style import NO_STATUS_COLOUR, NO_STATUS_LABEL, PLUMBING_TYPES, STATUS_COLOURS, STATUSES, TYPE_ORDER, TYPE_STYLE

#: Above this many nodes the layout is computed in Python and physics stays off.
BROWSER_LAYOUT_MAX = 500
#: Above this many nodes the command line suggests drawing a part (drawing time: bench_viz.py, benchmarks/README.md).
LARGE_PAGE = 5_000
#: Pixels per unit of the Python layout (its ideal edge length is 1).
LAYOUT_SCALE = 75.0
#: Source passages shown per node or edge (the rest are counted).
MAX_SOURCES = 6
MAX_QUOTE = 700
#: Types offered in the page's focus selector.
FOCUS_TYPES = ("Recommendation", "Organisation", "Post", "Inquiry")

_CURATED_SOURCE = "policykg-curated-facts"


# --------------------------------------------------------------------------- selection


def resolve_types(types: Iterable[str] | str | None) -> set[str]:
    """The node types to show: all but the provenance plumbing by default."""
    if types is None:
        return set(NODE_TYPES) - PLUMBING_TYPES
    if isinstance(types, str):
        types = [t for t in re.split(r"[,\s]+", types) if t]
    chosen: set[str] = set()
    lookup = {name.lower(): name for name in NODE_TYPES}
    for name in types:
        key = name.strip().lower()
        if key in {"all", "*"}:
            chosen |= set(NODE_TYPES)
        elif key in lookup:
            chosen.add(lookup[key])
        elif key.endswith("s") and key[:-1] in lookup:
            chosen.add(lookup[key[:-1]])
        else:
            raise PolicyKGError(f"unknown node type {name!r}; choose from {', '.join(NODE_TYPES)}")
    if not chosen:
        raise PolicyKGError(f"no node types given; choose from {', '.join(NODE_TYPES)}")
    return chosen


def _names(data: dict[str, Any]) -> list[str]:
    return [str(data.get("label", ""))] + [str(a) for a in data.get("aliases") or []]


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The IRI of the node called ``name``: an IRI, a label or an alias (ignoring case),
    else ``recommendation N`` / ``rec N``.

    When several nodes share the name, a label beats an alias, then the node with
    most connections wins (ties by IRI), so the answer is deterministic.
    """
    if name in graph:
        return name
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        raise PolicyKGError("no node name given")
    best: tuple[int, int, str] | None = None
    for iri, data in graph.nodes(data=True):
        names = _names(data)
        if names[0].casefold() == wanted:
            rank = 0
        elif any(alias.casefold() == wanted for alias in names[1:]):
            rank = 1
        else:
            continue
        candidate = (rank, -graph.degree(iri), iri)
        if best is None or candidate < best:
            best = candidate
    if best is None and (number := re.fullmatch(r"(?:recommendation|rec\.?|r)\s*(\d+)", wanted)):
        return recommendation_node(graph, int(number.group(1)))
    if best is None:
        raise PolicyKGError(f"no node named {name!r}; try `policykg query run organisations` (or a recommendation number, e.g. 'recommendation 13')")
    return best[2]


def recommendation_node(graph: nx.MultiDiGraph, number: int) -> str:
    """The IRI of recommendation ``number`` (the lowest IRI if several inquiries have one)."""
    found = sorted(iri for iri, data in graph.nodes(data=True) if data.get("type") == "Recommendation" and data.get("number") == number)
    if not found:
        numbers = sorted({d.get("number") for _, d in graph.nodes(data=True) if d.get("type") == "Recommendation" and d.get("number") is not None})
        have = f"recommendations {numbers[0]}–{numbers[-1]}" if numbers else "no recommendations"
        raise PolicyKGError(f"no recommendation {number}; the graph has {have}")
    return found[0]


def neighbourhood(graph: nx.MultiDiGraph, focus: str, depth: int = 1, allowed: set[str] | None = None) -> set[str]:
    """Nodes within ``depth`` steps of ``focus``, ignoring edge direction (within ``allowed``, if given).

    Around a recommendation, the bodies, bills and programmes of the commitments and
    response that answer it are included too (who does what about it). The page's
    script computes the same set for its focus selector.
    """

    def ok(node: str) -> bool:
        return allowed is None or node in allowed

    seen = {focus}
    frontier = {focus}
    for _ in range(max(0, depth)):
        reached: set[str] = set()
        for node in frontier:
            reached.update(n for n in graph.predecessors(node) if ok(n))
            reached.update(n for n in graph.successors(node) if ok(n))
        frontier = reached - seen
        seen |= reached
    if graph.nodes[focus].get("type") == "Recommendation" and depth >= 1:
        for node in set(graph.predecessors(focus)) | set(graph.successors(focus)):
            if ok(node) and graph.nodes[node].get("type") in ("Commitment", "Response"):
                seen.update(n for n in graph.successors(node) if ok(n))
    return seen


def select_view(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | str | None = None,
    recommendation: int | None = None,
) -> tuple[set[str], str | None]:
    """The IRIs of the nodes to draw, and the focus node's IRI (if any)."""
    if focus is not None and recommendation is not None:
        raise PolicyKGError("give either a focus or a recommendation, not both")
    if depth < 0:
        raise PolicyKGError(f"depth must be 0 or more, not {depth}")
    shown = resolve_types(types)
    focus_iri = None
    if recommendation is not None:
        focus_iri = recommendation_node(graph, int(recommendation))
    elif focus is not None:
        focus_iri = find_node(graph, focus)
    keep = {iri for iri, data in graph.nodes(data=True) if data.get("type") in shown or iri == focus_iri}
    if focus_iri is not None:
        keep = neighbourhood(graph, focus_iri, depth, keep)
    return keep, focus_iri


# --------------------------------------------------------------------------- page data


def _short(text: str, limit: int = 38) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _display_name(data: dict[str, Any]) -> str:
    if data.get("type") == "Commitment" and data.get("text"):
        return str(data["text"])
    return str(data.get("label", ""))


def _canvas_label(data: dict[str, Any]) -> str:
    kind = data.get("type")
    if kind == "Recommendation" and data.get("number") is not None:
        return f"Rec. {data['number']}"
    if kind == "Response" and data.get("number") is not None:
        return f"Resp. {data['number']}"
    return _short(data.get("label", ""), 26 if kind in ("Commitment", "Statistic", "Funding") else 38)


def _money(amount: Any, currency: str = "GBP") -> str:
    try:
        return f"£{int(amount):,}" if currency == "GBP" else f"{int(amount):,} {currency}"
    except (TypeError, ValueError):
        return str(amount)


def _number(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,g}"


def _properties(data: dict[str, Any], statuses: list[str]) -> list[list[str]]:
    """The key facts of a node as (label, text) pairs, most important first."""
    rows: list[list[str]] = []

    def add(label: str, value: Any) -> None:
        if value is not None and value != "" and value != []:
            rows.append([label, str(value)])

    kind = data.get("type")
    if kind in ("Recommendation", "Response"):
        add("Number", data.get("number"))
        add("Title", data.get("title"))
        if statuses:
            add("Status", ", ".join(statuses))
        if data.get("status_source"):
            add("Status from", "the document's wording" if data["status_source"] == "text" else f"{data['status_source']} annotation")
        add("Status based on", data.get("status_quote"))
    elif kind == "Commitment" and statuses:
        add("Answers recommendations with status", ", ".join(statuses))
    if data.get("deadline_end"):
        phrase = data.get("deadline_text") or data.get("deadline")
        if str(data.get("deadline_text", "")).lower().startswith("from"):
            add("Starts", f"{phrase} ({data.get('deadline_start') or data['deadline_end']})")
        else:
            add("Deadline", f"{phrase} (due {data['deadline_end']})")
    add("Conditions", data.get("conditions"))
    amount, currency = (data.get("amount_gbp"), "GBP") if data.get("amount_gbp") is not None else (data.get("amount"), data.get("currency") or "")
    if amount is not None:
        text = data.get("amount_text")
        add("Amount", f"{text} ({_money(amount, currency)})" if text else _money(amount, currency))
    add("Purpose", data.get("purpose"))
    if data.get("value") is not None:
        unit = data.get("unit") or ""
        add("Value", f"{_number(data['value'])}{'%' if unit == 'percent' else (' ' + unit if unit else '')}")
    add("Measure", data.get("measure"))
    add("Period", data.get("period"))
    add("Claim", data.get("claim"))
    add("Kind", str(data["kind"]).replace("_", " ") if data.get("kind") else None)
    add("Also called", ", ".join(str(a) for a in data.get("aliases") or []))
    add("Published", data.get("published"))
    if data.get("paragraph") is not None and kind != "Paragraph":
        add("Paragraph", f"¶{data['paragraph']}")
    if kind == "Paragraph":
        add("Locator", data.get("locator"))
        add("Text", _short(data.get("text", ""), MAX_QUOTE))
    add("Section", data.get("section") if kind in ("Commitment", "Paragraph") else None)
    if data.get("curated") is False:
        add("Found by", "its name in the text (not in the curated reference list)")
    add("Website", data.get("website"))
    return rows


def _where(record: Provenance) -> str:
    if record.document.endswith(_CURATED_SOURCE):
        return f"curated facts ({record.locator})"
    if record.locator == "title":
        return "document title"
    place = f"¶{record.paragraph}" if record.paragraph is not None else f"unnumbered block {record.locator}"
    return f"{place} · {record.section}" if record.section else place


def _sort_key(record: Provenance) -> tuple:
    return (record.document, record.paragraph if record.paragraph is not None else math.inf, record.locator, record.start, record.end, record.quote)


def _sources(records: Iterable[Provenance]) -> tuple[list[list[str]], int]:
    ordered = sorted(set(records), key=_sort_key)
    shown = [[_where(r), _short(r.quote, MAX_QUOTE)] for r in ordered[:MAX_SOURCES]]
    return shown, max(0, len(ordered) - MAX_SOURCES)


def _statuses(graph: nx.MultiDiGraph, iri: str) -> list[str]:
    """Response statuses that apply to a recommendation, response or commitment."""
    data = graph.nodes[iri]
    kind = data.get("type")
    if kind == "Response":
        return [data.get("status") or NO_STATUS_LABEL]
    if kind == "Recommendation":
        found = {graph.nodes[s].get("status") or NO_STATUS_LABEL for s, _, key in graph.in_edges(iri, keys=True) if key == "responds_to"}
        return sorted(found or {NO_STATUS_LABEL}, key=_status_order)
    if kind == "Commitment":
        found: set[str] = set()
        for _, rec, key in graph.out_edges(iri, keys=True):
            if key == "answers":
                found.update(_statuses(graph, rec))
        return sorted(found, key=_status_order)
    return []


def _status_order(status: str) -> tuple[int, str]:
    return (STATUSES.index(status) if status in STATUSES else len(STATUSES), status)


def _default_title(graph: nx.MultiDiGraph) -> str:
    titles = sorted({str(d.get("title") or d.get("label")) for _, d in graph.nodes(data=True) if d.get("type") == "Document"})
    if not titles:
        return "Policy knowledge graph"
    shown = "; ".join(titles[:3]) + (f" and {len(titles) - 3} more" if len(titles) > 3 else "")
    return f"{shown} — policy knowledge graph"


def page_data(
    graph: nx.MultiDiGraph,
    keep: set[str],
    *,
    focus_iri: str | None = None,
    depth: int = 1,
    title: str | None = None,
    layout: str = "auto",
) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-able data."""
    order = sorted(keep)
    index = {iri: i for i, iri in enumerate(order)}
    edge_list = sorted((s, t, k) for s, t, k in graph.edges(keys=True) if s in keep and t in keep)
    degree = {iri: 0 for iri in order}
    for source, target, _ in edge_list:
        degree[source] += 1
        degree[target] += 1
    python_layout = layout == "python" or (layout == "auto" and len(order) > BROWSER_LAYOUT_MAX)
    positions = None
    if order:  # a deterministic start; small graphs are then refined by the browser's physics
        from policykg.viz.layout import force_layout

        positions = force_layout(len(order), [(index[s], index[t]) for s, t, _ in edge_list]) * LAYOUT_SCALE

    nodes = []
    for i, iri in enumerate(order):
        data = graph.nodes[iri]
        statuses = _statuses(graph, iri)
        sources, more = _sources(data.get("provenance") or ())
        node: dict[str, Any] = {
            "id": i,
            "iri": iri,
            "type": data.get("type"),
            "name": _display_name(data),
            "label": _canvas_label(data),
            "aliases": [str(a) for a in data.get("aliases") or []],
            "props": _properties(data, statuses),
            "sources": sources,
            "more": more,
            "degree": degree[iri],
            "statuses": statuses,
        }
        if data.get("type") == "Recommendation" and data.get("number") is not None:
            node["number"] = data["number"]
        if positions is not None:
            node["x"] = round(float(positions[i, 0]), 1)
            node["y"] = round(float(positions[i, 1]), 1)
        nodes.append(node)

    edges = []
    for j, (source, target, relation) in enumerate(edge_list):
        sources, more = _sources(graph.edges[source, target, relation].get("provenance") or ())
        edges.append({
            "id": j,
            "from": index[source],
            "to": index[target],
            "relation": relation,
            "label": EDGE_TYPES.get(relation, (relation.replace("_", " "),))[0],
            "sources": sources,
            "more": more,
        })

    present = {n["type"] for n in nodes}
    counts = {t: sum(1 for n in nodes if n["type"] == t) for t in present}
    types = [
        {"type": t, "color": TYPE_STYLE.get(t, ("#888888", "dot"))[0], "shape": TYPE_STYLE.get(t, ("#888888", "dot"))[1],
         "count": counts[t], "description": NODE_TYPES.get(t, "")}
        for t in [*TYPE_ORDER, *sorted(present - set(TYPE_ORDER))] if t in present
    ]
    status_counts: dict[str, int] = {}
    for n in nodes:
        if n["type"] in ("Recommendation", "Response"):
            for s in n["statuses"]:
                status_counts[s] = status_counts.get(s, 0) + 1
    used_statuses = sorted({s for n in nodes for s in n["statuses"]}, key=_status_order)
    statuses = [{"status": s, "color": STATUS_COLOURS.get(s, NO_STATUS_COLOUR), "count": status_counts.get(s, 0)} for s in used_statuses]
    focusable = [
        {"id": n["id"], "type": n["type"], "name": n["name"]}
        for n in sorted((n for n in nodes if n["type"] in FOCUS_TYPES),
                        key=lambda n: (FOCUS_TYPES.index(n["type"]), n.get("number", 0), n["name"].casefold()))
    ]
    hidden = sorted(PLUMBING_TYPES - present)
    return {
        "title": title if title is not None else _default_title(graph),
        "nodes": nodes,
        "edges": edges,
        "types": types,
        "statuses": statuses,
        "focusable": focusable,
        "focus": index.get(focus_iri) if focus_iri else None,
        "depth": depth,
        "physics": not python_layout,
        "large": len(order) > BROWSER_LAYOUT_MAX,
        "total": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
        "hiddenTypes": hidden,
    }


# --------------------------------------------------------------------------- rendering


def render_network_page(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | str | None = None,
    recommendation: int | None = None,
    title: str | None = None,
    layout: str = "auto",
) -> str:
    """The page's HTML text (see :func:`write_network_page`)."""
    if layout not in ("auto", "python", "browser"):
        raise PolicyKGError(f"layout must be auto, python or browser, not {layout!r}")
    keep, focus_iri = select_view(graph, focus=focus, depth=depth, types=types, recommendation=recommendation)
    data = page_data(graph, keep, focus_iri=focus_iri, depth=depth, title=title, layout=layout)
    vis_js, vis_css = _html.vis_assets()
    page_js = _html.template("page.js")
    data_json = _html.script_json(data)
    policy = _html.content_security_policy([vis_js, page_js])
    return _html.fill(
        _html.template("page.html"),
        CSP=html.escape(policy, quote=True),
        TITLE=html.escape(data["title"], quote=True),
        VIS_CSS=vis_css,
        PAGE_CSS=_html.template("page.css"),
        DATA=data_json,
        VIS_JS=vis_js,
        PAGE_JS=page_js,
    )


def write_network_page(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | str | None = None,
    recommendation: int | None = None,
    title: str | None = None,
    layout: str = "auto",
) -> Path:
    """Write the interactive page to ``path`` (one HTML file, no other files, works offline).

    * ``focus``: a node's name, alias or IRI; only its neighbourhood of ``depth`` steps is drawn.
    * ``recommendation``: a recommendation number; draws that recommendation's neighbourhood.
    * ``types``: node types to draw (default: all but Document, Section and Paragraph).
    * ``title``: the page heading (default: the documents' titles).
    * ``layout``: ``auto`` (browser physics up to :data:`BROWSER_LAYOUT_MAX` nodes, else
      computed in Python), ``python`` or ``browser``.
    """
    text = render_network_page(graph, focus=focus, depth=depth, types=types, recommendation=recommendation, title=title, layout=layout)
    return atomic_write_text(Path(path), text)


class NotebookHTML:
    """Minimal stand-in for ``IPython.display.HTML`` when IPython is not installed."""

    def __init__(self, data: str) -> None:
        self.data = data

    def _repr_html_(self) -> str:
        return self.data


def show_in_notebook(graph: nx.MultiDiGraph, *, height: int = 720, **options: Any) -> Any:
    """The page in an ``<iframe srcdoc>``, for Jupyter (returns ``IPython.display.HTML``).

    Takes the options of :func:`write_network_page`. The iframe is sandboxed (scripts
    only, no same-origin access to the notebook).
    """
    page = render_network_page(graph, **options)
    frame = (
        f'<div class="policykg-graph"><iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ccc" title="policy knowledge graph"></iframe></div>'
    )
    try:
        from IPython.display import HTML
    except ImportError:  # pragma: no cover - IPython comes with pyvis
        return NotebookHTML(frame)
    return HTML(frame)
