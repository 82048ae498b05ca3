"""``policykg viz ...``: the command-line face of :mod:`policykg.viz`.

Registered by :mod:`policykg.cli.main` with ``cli.add_command(viz)``; user errors are
:class:`~policykg.errors.PolicyKGError`, which the main command prints as one line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from policykg.cli.workspace import DEFAULT_OUT, graph_option, note, open_graph


def open_in_browser(path: str | Path) -> None:
    """Open a written page in the user's web browser, or say in one line that none could be opened."""
    import webbrowser

    try:
        opened = webbrowser.open(Path(path).resolve().as_uri())
    except webbrowser.Error:
        opened = False
    if not opened:
        click.echo(f"policykg: note: no web browser could be opened here; open {path} yourself", err=True)


@click.command("viz")
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="The file: .html (the interactive page), .png, .svg or .pdf (a static figure) [default: policykg-out/graph.html].")
@click.option("--format", "format_", type=click.Choice(["html", "png", "svg", "pdf"]), help="Output format [default: from the suffix, else html].")
@click.option("--focus", metavar="NAME", help="Draw only this node's neighbourhood (a name, alias or IRI).")
@click.option("--recommendation", type=int, metavar="N", help="Draw only recommendation N's neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 10), default=1, show_default=True, help="Steps around the focus.")
@click.option("--types", metavar="T1,T2", help="Node types to draw [default: all but Document, Section, Paragraph].")
@click.option("--title", help="Page or figure heading [default: the documents' titles].")
@click.option("--layout", type=click.Choice(["auto", "python", "browser"]), default="auto", show_default=True,
              help="Where the page's layout is computed (auto: in the browser up to 500 nodes).")
@click.option("--figure", "figure_kind", type=click.Choice(["recommendations", "types"]), default="recommendations", show_default=True,
              help="For png/svg/pdf: recommendation → response status → lead body, or nodes per type.")
@click.option("--open", "open_page", is_flag=True, help="Open the result in your web browser once written.")
def viz(graph_path, output, format_, focus, recommendation, depth, types, title, layout, figure_kind, open_page) -> None:
    """Draw the graph: an interactive offline page (search, filters, focus, source quotes), or a static figure.

    \b
    Examples:
      policykg viz --open
      policykg viz --recommendation 13 --depth 2 -o rec13.html
      policykg viz --focus Ofsted --types Organisation,Commitment,Legislation
      policykg viz -o recommendations.svg          # a figure for reports, readable at A4 width
    """
    format_ = format_ or (Path(output).suffix.lstrip(".").lower() if output else "html")
    if format_ not in {"html", "png", "svg", "pdf"}:
        format_ = "html"
    if format_ != "html" and (focus or recommendation is not None or types):
        raise click.UsageError(f"--focus, --recommendation and --types draw part of the page; a {format_} figure "
                               "is always the whole graph: leave them out, or write .html")
    path = Path(output) if output else DEFAULT_OUT / f"{'graph' if format_ == 'html' else 'recommendations'}.{format_}"
    graph = open_graph(graph_path)
    if format_ == "html":
        from policykg.viz.network import LARGE_PAGE, select_view, write_network_page

        drawn, _ = select_view(graph, focus=focus, depth=depth, types=types, recommendation=recommendation)
        if len(drawn) > LARGE_PAGE:
            note(f"policykg: the page draws {len(drawn):,} nodes: a browser takes a while (~2 s per 5,000) and the picture "
                 "is dense; --recommendation N, --focus NAME or --types T1,T2 draw a part")
        written = write_network_page(graph, path, focus=focus, depth=depth, types=types,
                                     recommendation=recommendation, title=title, layout=layout)
    else:
        from policykg.viz.static_figure import write_static_figure

        written = write_static_figure(graph, path.with_suffix(f".{format_}"), kind=figure_kind, title=title)
    click.echo(f"Wrote {written}")
    if open_page:
        open_in_browser(written)


@click.command("timeline")
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=str(DEFAULT_OUT / "timeline.html"), show_default=True,
              help="HTML (self-contained page), PNG, SVG or PDF file.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="The date marked as today [default: today].")
@click.option("--title", help="Heading.")
def timeline(graph_path, output, today, title) -> None:
    """Draw the commitments with deadlines on a time axis, today marked and past-due ones flagged.

    \b
    Example:
      policykg timeline -o timeline.png --today 2026-01-01
    """
    from policykg.viz.timeline import write_timeline

    day: date | None = today.date() if today else None
    click.echo(f"Wrote {write_timeline(open_graph(graph_path), output, today=day, title=title)}")


@click.command("explore")
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=str(DEFAULT_OUT / "explore.html"), show_default=True,
              help="The HTML file to write.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="The date past-due items are judged against [default: the reader's date].")
@click.option("--title", help="Page heading [default: the documents' titles].")
@click.option("--open", "open_page", is_flag=True, help="Open the page in your web browser once written.")
def explore(graph_path, output, today, title, open_page) -> None:
    """Write the researcher's explorer: a recommendation tracker, bodies, a timeline and a network in one offline page.

    \b
    The tracker lists recommendations with facets (inquiry, theme, status, lead body,
    deadline, overdue, commitments); a row opens the recommendation's card: its responses
    in date order and every commitment that answers it, with lead, deadline and quote.
    The network view opens on an overview (commitments folded into edges), opens
    a node's neighbours on a click, colours by acceptance, progress or overdue,
    finds paths between two nodes and downloads the view as PNG or SVG.
    The view, filters and selection are in the page's URL, so a link reproduces them.

    \b
    Examples:
      policykg explore --open
      policykg explore -o explore.html --today 2026-01-01
    """
    from policykg.viz.explore import write_explore_page

    day: date | None = today.date() if today else None
    notes: list[str] = []
    written = write_explore_page(open_graph(graph_path), output, today=day, title=title, notes=notes)
    for line in notes:
        note(f"policykg: note: {line}")
    click.echo(f"Wrote {written}")
    if open_page:
        open_in_browser(written)
