"""Whole workflows as library functions: what a command does, callable from a notebook or a script.

:func:`build_folder` is ``policykg build``: the cached, parallel build of some documents into an
output folder.  It lives above ``graph/`` and ``export/`` because it uses both (writing
``graph.ttl`` needs the RDF mapping, which ``graph/`` must not import).  The command line calls it
and only prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import networkx as nx

from policykg.errors import PolicyKGError
from policykg.graph.outputs import build_generation, build_inputs, record_build, unchanged_build
from policykg.graph.pipeline import BuildReport, build_from_paths
from policykg.settings import Settings, current_settings


@dataclass
class BuildResult:
    """What :func:`build_folder` did."""

    #: ``out/graph.json`` (read by every later command) and ``out/graph.ttl``
    graph_file: Path
    turtle_file: Path
    #: the text ``policykg build`` prints: nodes per type, dated commitments, edges per relation
    summary: str
    #: True when nothing changed since the last build into the folder, and nothing was written
    unchanged: bool = False
    #: the graph built (``None`` when ``unchanged``: it was not built, ``load_graph(graph_file)`` reads it)
    graph: nx.MultiDiGraph | None = None
    #: documents built, extracted, taken from the cache, and left out (``keep_going``)
    report: BuildReport = field(default_factory=BuildReport)


def graph_summary(graph: nx.MultiDiGraph) -> str:
    """Nodes per type, commitments with a deadline, and edges per relation, as ``policykg build`` and ``stats`` print them."""
    from policykg.graph.model import count_by_relation, count_by_type

    nodes, edges = count_by_type(graph), count_by_relation(graph)
    commitments = [d for _, d in graph.nodes(data=True) if d["type"] == "Commitment"]
    dated = sum(1 for d in commitments if d.get("deadline_end"))
    lines = [f"Graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"]
    lines += [f"  {name:<16}{count:>6}" for name, count in nodes.items()]
    lines.append(f"Commitments with a deadline: {dated} of {len(commitments)}")
    lines.append("Relations: " + ", ".join(f"{name} {count}" for name, count in edges.items()))
    return "\n".join(lines)


def build_folder(
    paths: list[Path],
    out: str | Path,
    *,
    settings: Settings | None = None,
    jobs: int = 1,
    cache: bool = True,
    keep_going: bool = False,
    started: Callable[[int], None] | None = None,
    progress: Callable[[Path], None] | None = None,
    messages: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph of the documents ``paths`` into the folder ``out``, as ``policykg build`` does.

    Writes ``out/graph.json`` and ``out/graph.ttl``, switched in together (both from this build, even
    if the process is killed meanwhile; see :func:`~policykg.graph.outputs.build_generation`).  With
    ``cache``, unchanged documents' graphs are reused from ``out/cache`` and, when nothing changed
    since the last build into ``out`` (documents, their order, settings, policykg), nothing is
    built or written at all.

    Parameters
    ----------
    paths : list of Path
        Document files, in build order (``policykg.loaders.iter_sources`` lists a folder's).
    out : str or Path
        The output folder; made if missing.
    settings : Settings, optional
        The base of IRIs and the limits (default: the active settings); its ``out`` is set to ``out``.
    jobs : int
        Processes extracting documents (the result is the same for any number).
    cache : bool
        Reuse cached documents' graphs and skip an unchanged build (``--no-cache`` is ``False``).
    keep_going : bool
        Leave out documents that cannot be read or extracted (listed in ``result.report.failed``)
        instead of stopping at the first; such a build is not recorded as up to date.
    started : callable, optional
        Called with the number of documents when building starts (not for an unchanged build).
    progress : callable, optional
        Called with each document's path once it is in the graph.
    messages : callable, optional
        Called with a line for the user at each step (documents reused from the cache, each file
        being written); the command line prints them on stderr.

    Returns
    -------
    BuildResult
        The files, the summary, the graph and the build report; ``unchanged`` if nothing was done.

    Raises
    ------
    DocumentError
        A document could not be read or extracted (without ``keep_going``); nothing is written.
    PolicyKGError
        With ``keep_going``, no document could be built.

    Examples
    --------
    >>> import tempfile
    >>> from policykg.loaders import seed_path
    >>> with tempfile.TemporaryDirectory() as out:
    ...     result = build_folder([seed_path()], out)
    ...     again = build_folder([seed_path()], out)
    >>> result.graph.number_of_nodes() > 400, result.unchanged, again.unchanged
    (True, False, True)
    >>> print(result.summary.splitlines()[0])  # doctest: +ELLIPSIS
    Graph: ... nodes, ... edges
    """
    out = Path(out)
    settings = replace(settings or current_settings(), out=out)
    graph_file, turtle_file = out / "graph.json", out / "graph.ttl"
    inputs = build_inputs(paths, settings) if cache else []
    if cache and (summary := unchanged_build(inputs, out)) is not None:
        return BuildResult(graph_file, turtle_file, summary, unchanged=True)
    cache_dir = out / "cache" if cache else None
    if started:
        started(len(paths))
    graph, report = build_from_paths(paths, jobs=jobs, cache_dir=cache_dir, progress=progress, keep_going=keep_going,
                                     settings=settings)
    tell = messages or (lambda _: None)
    if cache_dir is not None and report.cached:
        tell(f"policykg: {report.cached} of {report.documents} document(s) unchanged, reused from {cache_dir}")
    if report.failed and len(report.failed) == len(paths):
        raise PolicyKGError(f"no document could be built; the first: {report.failed[0]}")
    summary = graph_summary(graph)
    _write_outputs(graph, out, tell if len(paths) > 1 else lambda _: None)  # a large build spends most of its time writing
    if cache and not report.failed:  # a build that left documents out is done again next time, to say so again
        record_build(inputs, out, summary)
    return BuildResult(graph_file, turtle_file, summary, graph=graph, report=report)


def _write_outputs(graph: nx.MultiDiGraph, out: Path, tell: Callable[[str], None]) -> None:
    """Write ``out/graph.json`` and ``out/graph.ttl``, switched in together: never one new, one old."""
    from policykg.export import export
    from policykg.graph.storage import save_graph

    with build_generation(out) as folder:
        tell(f"Writing {out / 'graph.json'} ({graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges) ...")
        save_graph(graph, folder / "graph.json")
        tell(f"Writing {out / 'graph.ttl'} ...")
        export(graph, "turtle", folder / "graph.ttl")


__all__ = ["BuildResult", "build_folder", "graph_summary"]
