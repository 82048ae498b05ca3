"""Visualising the policy graph: an interactive page, static figures and a timeline.

* :func:`write_network_page` — one self-contained, offline HTML page (vis-network inlined)
  with search, type/status filters, focus on a recommendation or body, and tooltips
  quoting the source paragraphs; :func:`show_in_notebook` shows it in Jupyter.
* :func:`write_static_figure` — a PNG or SVG (matplotlib) of recommendations → response
  status → lead bodies, readable at A4 width.
* :func:`write_timeline` — commitments with deadlines on a time axis (HTML or PNG/SVG).
* :func:`write_explore_page` — the researcher's explorer: a recommendation tracker with
  cards, bodies ranked by commitments and a searchable timeline, in one offline page.
"""

from policykg.viz.explore import write_explore_page
from policykg.viz.network import find_node, render_network_page, show_in_notebook, write_network_page
from policykg.viz.static_figure import write_static_figure
from policykg.viz.timeline import write_timeline

__all__ = [
    "find_node", "render_network_page", "show_in_notebook", "write_explore_page", "write_network_page", "write_static_figure", "write_timeline",
]
