"""Where the command line keeps the built graph, and how a command gets it.

``policykg build`` writes ``policykg-out/graph.json``; every other command reads it
(``--graph FILE`` or ``POLICYKG_GRAPH`` to choose another), and with none builds the
packaged seed in memory, so every command works on a fresh install.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
import networkx as nx

DEFAULT_OUT = Path("policykg-out")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.json"

graph_option = click.option(
    "--graph", "graph_path", envvar="POLICYKG_GRAPH", type=click.Path(dir_okay=False),
    help=f"Graph file written by `policykg build` [default: {DEFAULT_GRAPH}, else the packaged seed].",
)


def note(message: str) -> None:
    """A message for the user on stderr (stdout stays clean for data)."""
    click.echo(message, err=True)


def build_sources(sources: list[str], *, jobs: int = 1, cache_dir: Path | None = None,
                  progress: Callable[[Path], None] | None = None) -> nx.MultiDiGraph:
    """The graph of the files and folders in ``sources`` (none: the packaged seed)."""
    from policykg.graph.pipeline import build_from_paths
    from policykg.loaders import iter_sources, seed_path

    paths = list(iter_sources(sources)) if sources else [seed_path()]
    graph, report = build_from_paths(paths, jobs=jobs, cache_dir=cache_dir, progress=progress)
    if cache_dir is not None and report.cached:
        note(f"policykg: {report.cached} of {report.documents} document(s) unchanged, reused from {cache_dir}")
    return graph


def open_graph(path: str | None) -> nx.MultiDiGraph:
    """The built graph at ``path``, or at the default place, or the packaged seed built in memory."""
    from policykg.graph.storage import load_graph

    if path:
        return load_graph(path)
    if DEFAULT_GRAPH.is_file():
        return load_graph(DEFAULT_GRAPH)
    note(f"policykg: no {DEFAULT_GRAPH} here; using the packaged seed document (run `policykg build` to save a graph)")
    return build_sources([])
