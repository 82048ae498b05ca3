"""``policykg viz ...``: the command-line face of :mod:`policykg.viz`.

Registered by ``policykg/cli.py`` with ``cli.add_command(viz)``; user errors are
:class:`~policykg.errors.PolicyKGError`, which the main command prints as one line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from policykg.workspace import DEFAULT_OUT, graph_option, open_graph


@click.group("viz")
def viz() -> None:
    """Draw the graph: an interactive page, static figures, a timeline."""


@viz.command("page")
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=str(DEFAULT_OUT / "graph.html"), show_default=True,
              help="The HTML file (one self-contained file; works offline).")
@click.option("--focus", metavar="NAME", help="Draw only this node's neighbourhood (a name, alias or IRI).")
@click.option("--recommendation", type=int, metavar="N", help="Draw only recommendation N's neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 10), default=1, show_default=True, help="Steps around the focus.")
@click.option("--types", metavar="T1,T2", help="Node types to draw [default: all but Document, Section, Paragraph].")
@click.option("--title", help="Page heading [default: the documents' titles].")
@click.option("--layout", type=click.Choice(["auto", "python", "browser"]), default="auto", show_default=True,
              help="Where the layout is computed (auto: in the browser up to 500 nodes).")
@click.option("--open", "open_page", is_flag=True, help="Open the page in your web browser once written.")
def page_command(graph_path, output, focus, recommendation, depth, types, title, layout, open_page) -> None:
    """Write the interactive network page (search, filters, focus, tooltips with sources).

    \b
    Examples:
      policykg viz page --open
      policykg viz page --recommendation 13 --depth 2 -o rec13.html
      policykg viz page --focus Ofsted --types Organisation,Commitment,Legislation
    """
    import webbrowser

    from policykg.viz.network import write_network_page

    path = write_network_page(open_graph(graph_path), output, focus=focus, depth=depth, types=types,
                              recommendation=recommendation, title=title, layout=layout)
    click.echo(f"Wrote {path}")
    if open_page:
        webbrowser.open(Path(path).resolve().as_uri())


@viz.command("figure")
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=str(DEFAULT_OUT / "recommendations.png"), show_default=True,
              help="PNG, SVG or PDF file (format from the suffix).")
@click.option("--kind", type=click.Choice(["recommendations", "types"]), default="recommendations", show_default=True,
              help="recommendations: recommendation → response status → lead body; types: nodes per type.")
@click.option("--title", help="Figure title.")
def figure_command(graph_path, output, kind, title) -> None:
    """Write a static figure, readable at A4 width."""
    from policykg.viz.figures import write_static_figure

    click.echo(f"Wrote {write_static_figure(open_graph(graph_path), output, kind=kind, title=title)}")


@viz.command("timeline")
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=str(DEFAULT_OUT / "timeline.html"), show_default=True,
              help="HTML (self-contained page), PNG, SVG or PDF file.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="The date marked as today [default: today].")
@click.option("--title", help="Heading.")
def timeline_command(graph_path, output, today, title) -> None:
    """Write the commitments with deadlines on a time axis, past-due ones flagged."""
    from policykg.viz.timeline import write_timeline

    day: date | None = today.date() if today else None
    click.echo(f"Wrote {write_timeline(open_graph(graph_path), output, today=day, title=title)}")
