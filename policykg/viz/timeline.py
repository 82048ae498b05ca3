"""Commitments with deadlines on a time axis, with today marked and past-due items flagged.

``write_timeline(graph, "timeline.html")`` writes a self-contained page (no script at
all; every text escaped; a Content-Security-Policy forbids any request);
``.png``/``.svg``/``.pdf`` write a matplotlib figure.

An item is *past due* when its deadline's end date is before ``today``; items that
only say when something starts ("from April 2025") are *started*, never past due.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.atomic import atomic_write_text
from policykg.viz import _mpl
from policykg.viz.network import _sources

PAST_DUE, DUE, STARTED, STARTS = "past due", "due", "started", "starts"
STATE_COLOURS = {PAST_DUE: "#c0392b", DUE: "#2e86de", STARTED: "#1e8449", STARTS: "#82c341"}


@dataclass(frozen=True)
class TimelineItem:
    iri: str
    text: str
    start: date | None
    end: date
    phrase: str
    state: str
    leads: tuple[str, ...]
    recommendations: tuple[int, ...]
    where: str
    quote: str

    @property
    def is_start(self) -> bool:
        return self.state in (STARTED, STARTS)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def timeline_items(graph: nx.MultiDiGraph, today: date) -> list[TimelineItem]:
    """Commitments that have a deadline, sorted by due date."""
    items = []
    for iri, data in graph.nodes(data=True):
        if data.get("type") != "Commitment":
            continue
        end = _date(data.get("deadline_end"))
        if end is None:
            continue
        start = _date(data.get("deadline_start"))
        phrase = str(data.get("deadline_text") or data.get("deadline") or end.isoformat())
        if phrase.strip().lower().startswith("from"):
            begins = start or end
            state = STARTED if begins <= today else STARTS
            start, end = begins, begins
        else:
            state = PAST_DUE if end < today else DUE
        leads = tuple(sorted(str(graph.nodes[t].get("label")) for _, t, k in graph.out_edges(iri, keys=True) if k == "led_by"))
        recs = tuple(sorted(int(graph.nodes[t]["number"]) for _, t, k in graph.out_edges(iri, keys=True)
                            if k == "answers" and graph.nodes[t].get("number") is not None))
        sources, _ = _sources(data.get("provenance") or ())
        where, quote = sources[0] if sources else ("", "")
        if not sources and data.get("paragraph") is not None:
            where = f"¶{data['paragraph']}"
        items.append(TimelineItem(iri, str(data.get("text") or data.get("label")), start if start != end else None, end,
                                  phrase, state, leads, recs, where, quote))
    return sorted(items, key=lambda i: (i.end, i.start or i.end, i.text, i.iri))


def _range(items: list[TimelineItem], today: date) -> tuple[date, date]:
    dates = [today] + [i.end for i in items] + [i.start for i in items if i.start]
    low, high = min(dates), max(dates)
    low = date(low.year, 1, 1) if low.month < 4 else date(low.year, ((low.month - 1) // 3) * 3 + 1, 1)
    high = date(high.year + 1, 1, 1)
    return low, high


def _years(low: date, high: date) -> list[date]:
    return [date(y, 1, 1) for y in range(low.year if low.month == 1 and low.day == 1 else low.year + 1, high.year + 1)]


# --------------------------------------------------------------------------- HTML

_CSS = """
* { box-sizing: border-box; }
body { font: 14px/1.4 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2733; margin: 0; background: #f6f7f9; }
header { background: #1f3a5f; color: #fff; padding: 10px 18px; }
header h1 { margin: 0; font-size: 19px; }
header p { margin: 3px 0 0; color: #d6e2f0; font-size: 13px; }
main { padding: 12px 18px; }
.key { display: flex; gap: 16px; flex-wrap: wrap; font-size: 13px; margin: 4px 0 10px; }
.key span { display: inline-flex; align-items: center; gap: 5px; }
.chip { width: 22px; height: 10px; border-radius: 3px; display: inline-block; }
.chart { position: relative; background: #fff; border: 1px solid #d5d9de; padding: 0 0 6px; }
.row { display: grid; grid-template-columns: minmax(220px, 36%) 1fr; border-top: 1px solid #eef0f2; min-height: 26px; }
.row:hover { background: #f3f7fc; }
.label { padding: 3px 8px; font-size: 12.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.label .where { color: #5a6672; font-size: 11.5px; }
.track { position: relative; }
.bar { position: absolute; top: 7px; height: 12px; border-radius: 3px; min-width: 4px; }
.point { position: absolute; top: 4px; width: 0; height: 0; border-left: 7px solid transparent; border-right: 7px solid transparent;
         border-top: 16px solid; margin-left: -7px; }
.start { position: absolute; top: 5px; width: 0; height: 0; border-top: 8px solid transparent; border-bottom: 8px solid transparent;
         border-left: 13px solid; }
.tag { position: absolute; top: 5px; font-size: 11px; font-weight: 600; white-space: nowrap; padding-left: 6px; }
.axis { display: grid; grid-template-columns: minmax(220px, 36%) 1fr; height: 46px; }
.axis .ticks { position: relative; }
.tick { position: absolute; bottom: 0; font-size: 12px; color: #5a6672; border-left: 1px solid #c4ccd4; padding-left: 3px; height: 20px; }
.overlay { position: absolute; top: 0; bottom: 0; left: 0; right: 0; display: grid; grid-template-columns: minmax(220px, 36%) 1fr; pointer-events: none; }
.overlay .lines { position: relative; }
.grid { position: absolute; top: 46px; bottom: 0; border-left: 1px dotted #d5d9de; }
.today { position: absolute; top: 0; bottom: 0; border-left: 2px solid #d35400; }
.today span { position: absolute; top: 2px; left: 4px; background: #d35400; color: #fff; font-size: 11.5px; padding: 0 5px;
              border-radius: 3px; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin-top: 18px; background: #fff; font-size: 12.5px; }
th, td { border: 1px solid #d5d9de; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.state { font-weight: 600; white-space: nowrap; }
.quote { font-style: italic; color: #37424d; }
"""


#: No script may run and nothing may be fetched; inline styles only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _pct(day: date, low: date, high: date) -> float:
    return 100.0 * (day - low).days / max(1, (high - low).days)


def _tooltip(item: TimelineItem) -> str:
    lines = [item.text, f"{item.state}: {item.phrase} ({(item.start.isoformat() + ' to ') if item.start else ''}{item.end.isoformat()})"]
    if item.leads:
        lines.append("Led by: " + ", ".join(item.leads))
    if item.recommendations:
        lines.append("Answers recommendation " + ", ".join(map(str, item.recommendations)))
    if item.quote:
        lines.append(f"{item.where}: “{item.quote}”")
    return "\n".join(lines)


def render_timeline_html(graph: nx.MultiDiGraph, *, today: date | None = None, title: str | None = None) -> str:
    today = today or date.today()
    items = timeline_items(graph, today)
    esc = html.escape
    heading = title or "Commitments and their deadlines"
    past = sum(1 for i in items if i.state == PAST_DUE)
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n',
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"policykg\">\n",
        f"<title>{esc(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<header><h1>{esc(heading)}</h1>\n",
        f"<p>{len(items)} commitment{'s' if len(items) != 1 else ''} with a date · {past} past due · today is {today.isoformat()}</p></header>\n<main>\n",
        '<div class="key">',
        *(f'<span><i class="chip" style="background:{colour}"></i>{esc(state)}</span>' for state, colour in STATE_COLOURS.items()),
        '<span><i class="chip" style="background:#d35400;width:3px;height:14px"></i>today</span>',
        "<span>▼ due by a date · ▬ due within a period · ▶ starts on a date</span></div>\n",
    ]
    if not items:
        parts.append("<p>No commitment in this graph has a deadline.</p>\n</main>\n</body>\n</html>\n")
        return "".join(parts)
    low, high = _range(items, today)
    parts.append('<div class="chart" role="table" aria-label="Timeline of commitments">\n<div class="axis"><div></div><div class="ticks">')
    for year in _years(low, high)[:-1]:
        parts.append(f'<span class="tick" style="left:{_pct(year, low, high):.3f}%">{year.year}</span>')
    parts.append("</div></div>\n")
    for item in items:
        colour = STATE_COLOURS[item.state]
        short = textwrap.shorten(item.text, 110, placeholder="…")
        parts.append(f'<div class="row" role="row" title="{esc(_tooltip(item))}" data-state="{esc(item.state)}">')
        parts.append(f'<div class="label" role="cell"><span class="where">{esc(item.where.split(" · ")[0])}</span> {esc(short)}</div>')
        parts.append('<div class="track" role="cell">')
        end = _pct(item.end, low, high)
        if item.is_start:
            parts.append(f'<i class="start" style="left:{end:.3f}%;border-left-color:{colour}"></i>')
        elif item.start:
            begin = _pct(item.start, low, high)
            parts.append(f'<i class="bar" style="left:{begin:.3f}%;width:{max(0.4, end - begin):.3f}%;background:{colour}"></i>')
        else:
            parts.append(f'<i class="point" style="left:{end:.3f}%;border-top-color:{colour}"></i>')
        tag = f"{item.state} · {item.phrase}"
        side = f"left:{end + 0.6:.3f}%" if end < 72 else f"right:{100 - end + 0.8:.3f}%"
        parts.append(f'<span class="tag" style="{side};color:{colour}">{esc(tag)}</span>')
        parts.append("</div></div>\n")
    parts.append('<div class="overlay" aria-hidden="true"><div></div><div class="lines">')
    for year in _years(low, high):
        parts.append(f'<i class="grid" style="left:{_pct(year, low, high):.3f}%"></i>')
    parts.append(f'<div class="today" style="left:{_pct(today, low, high):.3f}%"><span>today {today.isoformat()}</span></div>')
    parts.append("</div></div>\n</div>\n")
    parts.append("<table>\n<thead><tr><th>Due</th><th>State</th><th>Deadline as written</th><th>Commitment</th><th>Led by</th>"
                 "<th>Recommendations</th><th>Source</th></tr></thead>\n<tbody>\n")
    for item in items:
        due = (item.start.isoformat() + " – " if item.start else "") + item.end.isoformat()
        parts.append(
            f'<tr data-state="{esc(item.state)}"><td>{esc(due)}</td><td class="state" style="color:{STATE_COLOURS[item.state]}">{esc(item.state)}</td>'
            f"<td>{esc(item.phrase)}</td><td>{esc(item.text)}</td><td>{esc(', '.join(item.leads))}</td>"
            f"<td>{esc(', '.join(map(str, item.recommendations)))}</td>"
            f'<td>{esc(item.where)}<br><span class="quote">“{esc(item.quote)}”</span></td></tr>\n'
        )
    parts.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n")
    return "".join(parts)


# --------------------------------------------------------------------------- figure


def _timeline_figure(graph: nx.MultiDiGraph, today: date, title: str | None) -> Any:
    from matplotlib.dates import YearLocator, date2num
    from matplotlib.lines import Line2D

    items = timeline_items(graph, today)
    rows = max(1, len(items))
    figure = _mpl.new_figure(_mpl.A4_WIDTH, max(3.0, 0.24 * rows + 1.9))
    ax = figure.add_axes((0.45, 1.05 / figure.get_figheight(), 0.52, 1 - 1.95 / figure.get_figheight()))
    heading = title or "Commitments and their deadlines"
    figure.text(0.02, 1 - 0.3 / figure.get_figheight(), heading, fontsize=11, fontweight="bold", va="center")
    past = sum(1 for i in items if i.state == PAST_DUE)
    figure.text(0.02, 1 - 0.55 / figure.get_figheight(), f"{len(items)} commitments with a date · {past} past due · today is {today.isoformat()}",
                fontsize=7.5, color="#4d5965", va="center")
    if not items:
        ax.axis("off")
        ax.text(0.5, 0.5, "No commitment in this graph has a deadline.", ha="center", va="center", transform=ax.transAxes)
        return figure
    low, high = _range(items, today)
    for y, item in enumerate(items):
        colour = STATE_COLOURS[item.state]
        if item.is_start:
            ax.plot([date2num(item.end)], [y], marker=">", color=colour, markersize=6)
        elif item.start:
            ax.barh(y, date2num(item.end) - date2num(item.start), left=date2num(item.start), height=0.55, color=colour)
        else:
            ax.plot([date2num(item.end)], [y], marker="v", color=colour, markersize=6)
    labels = [textwrap.shorten(i.text, 62, placeholder="…") + (f"  {i.where.split(' · ')[0]}" if i.where else "") for i in items]
    ax.set_yticks(range(len(items)), labels, fontsize=6.5)
    for tick, item in zip(ax.get_yticklabels(), items, strict=True):
        if item.state == PAST_DUE:
            tick.set_color(STATE_COLOURS[PAST_DUE])
    ax.set_ylim(len(items) - 0.5, -0.5)
    ax.set_xlim(date2num(low), date2num(high + timedelta(days=1)))
    ax.xaxis.set_major_locator(YearLocator())
    ax.xaxis_date()
    ax.tick_params(axis="x", labelsize=7.5, labeltop=True, top=True)
    ax.grid(axis="x", color="#d5d9de", linewidth=0.6)
    ax.axvline(date2num(today), color="#d35400", linewidth=1.4)
    ax.spines[["right"]].set_visible(False)
    handles = [
        Line2D([], [], color=STATE_COLOURS[PAST_DUE], marker="v", linestyle="none", label="past due (deadline before today)"),
        Line2D([], [], color=STATE_COLOURS[DUE], marker="v", linestyle="none", label="due by a date"),
        Line2D([], [], color=STATE_COLOURS[DUE], linewidth=5, label="due within a period"),
        Line2D([], [], color=STATE_COLOURS[STARTED], marker=">", linestyle="none", label="starts on a date"),
        Line2D([], [], color="#d35400", linewidth=1.4, label=f"today ({today.isoformat()})"),
    ]
    figure.legend(handles=handles, loc="lower center", ncol=3, fontsize=7, frameon=False, bbox_to_anchor=(0.5, 0.0))
    return figure


def write_timeline(graph: nx.MultiDiGraph, path: str | Path, *, today: date | str | None = None, title: str | None = None) -> Path:
    """Write the timeline: ``.html`` (self-contained page) or ``.png``/``.svg``/``.pdf``."""
    if isinstance(today, str):
        today = date.fromisoformat(today)
    today = today or date.today()
    fmt = _mpl.figure_format(path, ("html", "htm", *_mpl.FIGURE_FORMATS))
    if fmt in ("html", "htm"):
        return atomic_write_text(Path(path), render_timeline_html(graph, today=today, title=title))
    with _mpl.style():
        return _mpl.save(_timeline_figure(graph, today, title), path, fmt)


__all__ = ["TimelineItem", "render_timeline_html", "timeline_items", "write_timeline"]
