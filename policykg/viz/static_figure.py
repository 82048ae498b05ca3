"""Static figures (PNG, SVG or PDF) drawn with matplotlib, readable at A4 width.

* ``recommendations``: each recommendation → the status of government's response →
  the bodies leading the commitments that answer it; band widths count commitments.
* ``types``: how many nodes of each type the graph holds.

Output is deterministic: no dates in the metadata, fixed SVG ids (``svg.hashsalt``).
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import PolicyKGError
from policykg.graph.model import count_by_type
from policykg.viz import _mpl
from policykg.viz.style import NO_STATUS_COLOUR, NO_STATUS_LABEL, STATUS_COLOURS, STATUSES, TYPE_ORDER, TYPE_STYLE

NO_COMMITMENT = "no answering commitment"


def _status_of(graph: nx.MultiDiGraph, rec: str) -> str:
    found = sorted(
        (graph.nodes[s].get("status") or NO_STATUS_LABEL for s, _, key in graph.in_edges(rec, keys=True) if key == "responds_to"),
        key=lambda s: (STATUSES.index(s) if s in STATUSES else len(STATUSES), s),
    )
    return found[0] if found else NO_STATUS_LABEL


def _short_name(data: dict[str, Any], limit: int = 34) -> str:
    label = " ".join(str(data.get("label", "")).split())
    if len(label) <= limit:
        return label
    aliases = sorted((a for a in data.get("aliases") or [] if 2 < len(a) <= limit and not a.isupper()), key=len)
    aliases = aliases or sorted((a for a in data.get("aliases") or [] if 1 < len(a) <= limit), key=len)
    return aliases[-1] if aliases else label[: limit - 1] + "…"


def recommendation_flows(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], dict[tuple[str, str], int]]:
    """Recommendations (with status and weight) and (recommendation IRI, lead name) → commitments."""
    recs = sorted(
        (iri for iri, d in graph.nodes(data=True) if d.get("type") == "Recommendation"),
        key=lambda iri: (graph.nodes[iri].get("number") or 0, iri),
    )
    rows = []
    flows: dict[tuple[str, str], int] = defaultdict(int)
    for rec in recs:
        data = graph.nodes[rec]
        commitments = sorted({s for s, _, key in graph.in_edges(rec, keys=True) if key == "answers"})
        for commitment in commitments:
            leads = sorted(_short_name(graph.nodes[t], 26) for _, t, key in graph.out_edges(commitment, keys=True) if key == "led_by")
            for lead in leads or [NO_COMMITMENT]:
                flows[(rec, lead)] += 1
        if not commitments:
            flows[(rec, NO_COMMITMENT)] += 1
        weight = sum(w for (r, _), w in flows.items() if r == rec)
        title = str(data.get("title") or data.get("label"))
        number = data.get("number")
        rows.append({"iri": rec, "number": number, "title": title, "status": _status_of(graph, rec),
                     "commitments": len(commitments), "weight": weight})
    return rows, dict(flows)


def _slots(weights: list[float], unit: float, minimum: float, gap: float, top: float) -> list[tuple[float, float, float]]:
    """(slot top, band top, band height) for each node, stacked downwards from ``top``."""
    out = []
    y = top
    for weight in weights:
        band = weight * unit
        slot = max(band, minimum)
        out.append((y, y - (slot - band) / 2, band))
        y -= slot + gap
    return out


def _fit_unit(weight_lists: list[list[float]], minimum: float, gaps: list[float], height: float) -> float:
    """The largest unit such that every column fits in ``height``."""
    low, high = 0.0, height
    for _ in range(60):
        mid = (low + high) / 2
        fits = all(sum(max(w * mid, minimum) for w in ws) + gap * max(0, len(ws) - 1) <= height for ws, gap in zip(weight_lists, gaps, strict=True))
        low, high = (mid, high) if fits else (low, mid)
    return low


def _ribbon(ax: Any, x0: float, y0: float, x1: float, y1: float, thickness: float, colour: str) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    mid = (x0 + x1) / 2
    vertices = [
        (x0, y0), (mid, y0), (mid, y1), (x1, y1),
        (x1, y1 - thickness), (mid, y1 - thickness), (mid, y0 - thickness), (x0, y0 - thickness),
        (x0, y0),
    ]
    codes = [MplPath.MOVETO, MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4,
             MplPath.LINETO, MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4, MplPath.CLOSEPOLY]
    ax.add_patch(PathPatch(MplPath(vertices, codes), facecolor=colour, edgecolor="none", alpha=0.45))


def _recommendations_figure(graph: nx.MultiDiGraph, title: str | None) -> Any:
    rows, flows = recommendation_flows(graph)
    if not rows:
        raise PolicyKGError("the graph has no recommendations to draw")
    status_order = [s for s in [*STATUSES, NO_STATUS_LABEL] if any(r["status"] == s for r in rows)]
    status_order += sorted({r["status"] for r in rows} - set(status_order))
    rows.sort(key=lambda r: (status_order.index(r["status"]), r["number"] or 0, r["iri"]))
    status_weight = {s: sum(r["weight"] for r in rows if r["status"] == s) for s in status_order}
    status_count = {s: sum(1 for r in rows if r["status"] == s) for s in status_order}
    lead_weight: dict[str, int] = defaultdict(int)
    for (_, lead), weight in flows.items():
        lead_weight[lead] += weight
    leads = sorted(lead_weight, key=lambda lead: (lead == NO_COMMITMENT, -lead_weight[lead], lead.casefold()))

    height = max(8.0, 0.34 * max(len(rows), len(leads)) + 2.6)
    figure = _mpl.new_figure(_mpl.A4_WIDTH, height)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, height)
    ax.axis("off")

    top, bottom = height - 1.35, 0.75
    minimum = 0.24  # inches: room for one line of 7.5 pt text
    gaps = [0.06, 0.22, 0.08]
    unit = _fit_unit([[r["weight"] for r in rows], [status_weight[s] for s in status_order], [lead_weight[lead] for lead in leads]],
                     minimum, gaps, top - bottom)
    left = _slots([r["weight"] for r in rows], unit, minimum, gaps[0], top)
    middle = _slots([status_weight[s] for s in status_order], unit, minimum, gaps[1], top)
    right = _slots([lead_weight[lead] for lead in leads], unit, minimum, gaps[2], top)
    xs = {"left": (0.415, 0.43), "middle": (0.585, 0.60), "right": (0.755, 0.77)}

    def colour(status: str) -> str:
        return STATUS_COLOURS.get(status, NO_STATUS_COLOUR)

    def bar(x: tuple[float, float], band_top: float, band: float, fill: str) -> None:
        from matplotlib.patches import Rectangle

        ax.add_patch(Rectangle((x[0], band_top - band), x[1] - x[0], band, facecolor=fill, edgecolor="#2c3e50", linewidth=0.4))

    # Recommendations → statuses.
    status_cursor = {s: middle[i][1] for i, s in enumerate(status_order)}
    for row, (_, band_top, band) in zip(rows, left, strict=True):
        bar(xs["left"], band_top, band, colour(row["status"]))
        label = f"{row['number']}. " if row["number"] is not None else ""
        label += textwrap.shorten(row["title"], 46, placeholder="…")
        centre = band_top - band / 2
        ax.text(xs["left"][0] - 0.006, centre, label, ha="right", va="center", fontsize=7.5, color="#1d2733")
        _ribbon(ax, xs["left"][1], band_top, xs["middle"][0], status_cursor[row["status"]], band, colour(row["status"]))
        status_cursor[row["status"]] -= band

    # Statuses → lead bodies (bands grouped by status, then by lead).
    lead_cursor = {lead: right[i][1] for i, lead in enumerate(leads)}
    out_cursor = {s: middle[i][1] for i, s in enumerate(status_order)}
    status_lead: dict[tuple[str, str], int] = defaultdict(int)
    status_of = {r["iri"]: r["status"] for r in rows}
    for (rec, lead), weight in flows.items():
        status_lead[(status_of[rec], lead)] += weight
    for status in status_order:
        for lead in leads:
            weight = status_lead.get((status, lead), 0)
            if not weight:
                continue
            band = weight * unit
            _ribbon(ax, xs["middle"][1], out_cursor[status], xs["right"][0], lead_cursor[lead], band, colour(status))
            out_cursor[status] -= band
            lead_cursor[lead] -= band
    for status, (_, band_top, band) in zip(status_order, middle, strict=True):
        bar(xs["middle"], band_top, band, colour(status))
        ax.text((xs["middle"][0] + xs["middle"][1]) / 2, band_top - band / 2,
                f"{status}\n{status_count[status]} rec{'s' if status_count[status] != 1 else ''}",
                ha="center", va="center", fontsize=7.5, color="#1d2733",
                bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": colour(status), "linewidth": 0.8, "alpha": 0.92})
    for lead, (_, band_top, band) in zip(leads, right, strict=True):
        bar(xs["right"], band_top, band, "#5d6d7e" if lead != NO_COMMITMENT else "#d5d8dc")
        ax.text(xs["right"][1] + 0.006, band_top - band / 2, f"{textwrap.shorten(lead, 26, placeholder='…')} ({lead_weight[lead]})",
                ha="left", va="center", fontsize=7.5, color="#1d2733")

    heading_y = top + 0.3
    for x, text in ((xs["left"][0] - 0.006, "Recommendation"), ((xs["middle"][0] + xs["middle"][1]) / 2, "Response status"),
                    (xs["right"][1] + 0.006, "Lead body")):
        ha = "right" if x < 0.5 and text == "Recommendation" else ("center" if text == "Response status" else "left")
        ax.text(x, heading_y, text, ha=ha, va="bottom", fontsize=9, fontweight="bold", color="#1f3a5f")
    documents = sorted({str(d.get("title") or d.get("label")) for _, d in graph.nodes(data=True) if d.get("type") == "Document"})
    ax.text(0.02, height - 0.3, title or "Recommendations → response status → who leads the answering commitments",
            ha="left", va="center", fontsize=11, fontweight="bold", color="#1d2733")
    ax.text(0.02, height - 0.62, "Band width: number of commitments answering the recommendation; right: the body leading each."
            + (f"\nSource: {textwrap.shorten('; '.join(documents), 110, placeholder='…')}." if documents else ""),
            ha="left", va="center", fontsize=7, color="#4d5965")

    from matplotlib.patches import Patch

    handles = [Patch(facecolor=colour(s), edgecolor="#2c3e50", linewidth=0.4, label=f"{s} ({status_count[s]})") for s in status_order]
    figure.legend(handles=handles, loc="lower center", ncol=min(3, len(handles)), fontsize=7.5, frameon=False,
                  title="Response status (recommendations)", title_fontsize=8, bbox_to_anchor=(0.5, 0.0))
    return figure


def _types_figure(graph: nx.MultiDiGraph, title: str | None) -> Any:
    counts = count_by_type(graph)
    if not counts:
        raise PolicyKGError("the graph is empty; nothing to draw")
    order = [t for t in TYPE_ORDER if t in counts] + sorted(set(counts) - set(TYPE_ORDER))
    figure = _mpl.new_figure(_mpl.A4_WIDTH, max(3.5, 0.3 * len(order) + 1.4))
    ax = figure.add_axes((0.2, 0.12, 0.72, 0.76))
    positions = list(range(len(order)))[::-1]
    ax.barh(positions, [counts[t] for t in order], color=[TYPE_STYLE.get(t, ("#888888",))[0] for t in order], edgecolor="#2c3e50", linewidth=0.4)
    ax.set_yticks(positions, order, fontsize=8)
    for y, t in zip(positions, order, strict=True):
        ax.text(counts[t], y, f" {counts[t]}", va="center", fontsize=7.5)
    ax.set_xlabel("nodes")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title or f"Nodes by type ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)", loc="left")
    return figure


FIGURES: dict[str, Callable[[nx.MultiDiGraph, str | None], Any]] = {
    "recommendations": _recommendations_figure,
    "types": _types_figure,
}


def write_static_figure(graph: nx.MultiDiGraph, path: str | Path, *, kind: str = "recommendations", title: str | None = None) -> Path:
    """Write a figure to ``path``; the format (``.png``, ``.svg``, ``.pdf``) comes from its suffix."""
    fmt = _mpl.figure_format(path)
    if kind not in FIGURES:
        raise PolicyKGError(f"unknown figure {kind!r}; choose from {', '.join(FIGURES)}")
    with _mpl.style():
        figure = FIGURES[kind](graph, title)
        return _mpl.save(figure, path, fmt)
