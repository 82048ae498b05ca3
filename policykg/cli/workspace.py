"""Where the command line keeps the built graph, and how a command gets it.

``policykg build`` writes ``policykg-out/graph.json``; every other command reads it
(``--graph FILE`` or ``POLICYKG_GRAPH`` to choose another), and with none builds the
packaged seed in memory, so every command works on a fresh install.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import click
import networkx as nx

from policykg.atomic import atomic_write_text
from policykg.graph.outputs import file_stamp
from policykg.settings import DEFAULT_OUT, current_settings

DEFAULT_GRAPH_FILE = DEFAULT_OUT / "graph.json"

graph_option = click.option(
    "--graph", "graph_path", envvar="POLICYKG_GRAPH", type=click.Path(dir_okay=False),
    help=f"Graph file written by `policykg build` [default: {DEFAULT_GRAPH_FILE}, else the packaged seed].",
)


def note(message: str) -> None:
    """A message for the user on stderr (stdout stays clean for data)."""
    click.echo(message, err=True)


def source_paths(sources: list[str] | list[Path]) -> list[Path]:
    """The document files of ``sources`` (files and folders; none: the packaged seed), in build order."""
    from policykg.loaders import iter_sources, seed_path

    return list(iter_sources(sources)) if sources else [seed_path()]


def open_graph(path: str | None) -> nx.MultiDiGraph:
    """The built graph at ``path``, or at the default place, or the packaged seed built in memory."""
    from policykg.graph.storage import load_graph

    if path:
        return load_graph(path)
    if DEFAULT_GRAPH_FILE.is_file():
        return load_graph(DEFAULT_GRAPH_FILE)
    from policykg.graph.pipeline import build_from_paths

    note(f"policykg: no {DEFAULT_GRAPH_FILE} here; using the packaged seed document (run `policykg build` to save a graph)")
    return build_from_paths(source_paths([]))[0]


def open_query_engine(graph_path: str | None, engine: str, store: str = "auto") -> Any:
    """A query engine over the graph ``open_graph`` would give (the neo4j engine: over the server).

    On a large built graph (more than ``AUTO_OXIGRAPH_TRIPLES``, estimated) the engine's database
    is kept on disk beside the graph file: the Oxigraph store for SPARQL (``cache/<name>.oxigraph``)
    and the LadybugDB database for Cypher (``cache/<name>.ladybug``).  Making one means reading
    the graph and loading it, seconds on a large graph, which every query would repeat; a kept one
    opens, read-only, at once (figures in benchmarks/README.md).  It is made again whenever the graph file or policykg
    changes (see :func:`_kept_database`).
    """
    from policykg.queries import AUTO_OXIGRAPH_TRIPLES, engine_spec, estimated_triples, kept_engine, open_engine, store_engines

    if not engine_spec(engine).needs_graph:  # it queries what its server holds
        return open_engine(engine, None, store)
    file = Path(graph_path) if graph_path else DEFAULT_GRAPH_FILE if DEFAULT_GRAPH_FILE.is_file() else None
    kind = kept_engine(engine)  # the engine whose database is kept on disk for this one
    asked = store_engines(engine).get(store)  # the store asked for by name, if the engine has a choice of stores
    if file is None or kind is None or (asked is not None and asked != kind):
        return open_engine(engine, open_graph(graph_path), store)
    forced = asked == kind  # the kept store asked for: kept whatever the size
    kept = _kept_database(file, kind)
    if kept is not None and (forced or kept[1] > AUTO_OXIGRAPH_TRIPLES):
        return kept[0]
    graph = open_graph(str(file))
    if not forced and estimated_triples(graph) <= AUTO_OXIGRAPH_TRIPLES:
        return open_engine(engine, graph, store)  # a small graph loads in a second: in memory, as always
    try:
        return _keep_database(file, kind, graph)
    except OSError:  # no room, or a folder we may not write to: in memory only
        return open_engine(engine, graph, store)


def kept_oxigraph_store(graph_path: str | None) -> Path | None:
    """The Oxigraph store kept beside the graph file (``cache/graph.oxigraph``), made or made again if
    it is not current; ``None`` when there is no graph file (the packaged seed) or no room to keep one."""
    file = Path(graph_path) if graph_path else DEFAULT_GRAPH_FILE if DEFAULT_GRAPH_FILE.is_file() else None
    if file is None:
        return None
    kept = _kept_database(file, "oxigraph")
    if kept is None:
        try:
            kept = (_keep_database(file, "oxigraph", open_graph(str(file))), 0)
        except OSError:
            return None
    kept[0].close()
    return _kept_paths(file, "oxigraph")[0]


def _kept_paths(file: Path, kind: str) -> tuple[Path, Path]:
    """Where the kept database of graph ``file`` lives, and its stamp (what it was made from):
    ``cache/graph.oxigraph`` (a folder), ``cache/graph.ladybug`` (a file), named by the engine."""
    from policykg.queries import engine_class

    where = file.parent / "cache" / f"{file.stem}.{engine_class(kind).name}"
    return where, where.with_name(where.name + ".json")


def _made_from(file: Path) -> dict[str, Any]:
    from policykg.graph.pipeline import package_fingerprint

    return {"graph": [str(file.resolve()), *(file_stamp(file) or [])], "policykg": package_fingerprint(),
            "settings": current_settings().key()}  # the base names the statements the RDF stores hold


def _kept_database(file: Path, kind: str) -> tuple[Any, int] | None:
    """An engine over the kept database of graph ``file``, and the graph's estimated triples, if it is current."""
    from policykg.queries import engine_class

    where, stamp_file = _kept_paths(file, kind)
    try:
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
        if stamp["made_from"] != _made_from(file) or not where.exists():
            return None
        return engine_class(kind).open(where), int(stamp["estimated_triples"])
    except (OSError, RuntimeError, ValueError, KeyError, TypeError):  # none yet, damaged, or made by another version
        return None


def _keep_database(file: Path, kind: str, graph: nx.MultiDiGraph) -> Any:
    """Make the kept database of graph ``file`` (holding ``graph``); returns an engine over it.

    Made under a temporary name, moved into place, then stamped: an interrupted run leaves no
    database that looks current.
    """
    from policykg.queries import engine_class, estimated_triples

    where, stamp_file = _kept_paths(file, kind)
    where.parent.mkdir(parents=True, exist_ok=True)
    stamp_file.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{kind}-", dir=where.parent) as temporary:
        fresh = Path(temporary) / "kept"
        engine_class(kind).create(graph, fresh)
        if where.is_dir():
            shutil.rmtree(where)
        else:
            where.unlink(missing_ok=True)
        os.replace(fresh, where)
    stamp = {"made_from": _made_from(file), "estimated_triples": estimated_triples(graph)}
    atomic_write_text(stamp_file, json.dumps(stamp, indent=1) + "\n")
    return engine_class(kind).open(where)
