"""Build from files: per-document extraction, cached by content hash, optionally in parallel.

A document's graph depends only on its bytes (and metadata sidecar), the curated
data, the extractor's code and the settings (the base of IRIs, the limits), so it is
cached under a hash of all of them:
rebuilding after one document changed re-extracts only that document, and gives
the same graph as a clean build.  ``jobs > 1`` extracts documents in worker
processes too; documents are merged in the order given, so the result equals a serial build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from tempfile import TemporaryDirectory, gettempdir

import networkx as nx

from policykg.atomic import atomic_write_text, remove_stale
from policykg.errors import DocumentError, LoaderError, PolicyKGError
from policykg.graph.build import build_graph, extract_document, link_documents, load_annotations
from policykg.graph.mentions import Gazetteer
from policykg.graph.merge import merge_into, merge_items
from policykg.graph.model import gc_pauses_allowed, new_graph, paused_gc
from policykg.graph.storage import dumps, loads
from policykg.loaders import load_document
from policykg.loaders.document import Document
from policykg.settings import Settings, current_settings, using

#: Besides extracting, the parent merges the workers' graphs: about 0.15 of the time it takes to
#: extract them (unpickling included), and a worker pickles and writes them: about 0.2 (start-up
#: included); measured on 100 generated documents.  The parent's share of documents balances the
#: two (the build time is flat for merge costs from 0.12 to 0.27: the balance is not delicate).
MERGE_COST = 0.15
SEND_COST = 0.2
#: Documents per chunk a worker extracts into one graph.
CHUNK = 10


@dataclass
class BuildReport:
    documents: int = 0
    extracted: int = 0
    cached: int = 0
    #: documents left out of a ``keep_going`` build, each with why (in path order)
    failed: list[DocumentError] = field(default_factory=list)


_PACKAGE = Path(__file__).resolve().parents[1]  # the policykg folder


def _fingerprint(wanted: Callable[[Path], bool]) -> str:
    """A hash of the files of the package that ``wanted`` picks: their paths and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and wanted(p.relative_to(_PACKAGE))):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def extractor_fingerprint() -> str:
    """A hash of everything besides the document that shapes its graph: code and curated data."""
    return _fingerprint(lambda path: (path.parts[0] in {"loaders", "graph", "ontology"} and path.suffix == ".py")
                        or path.as_posix() in {"iris.py", "values.py"} or path.parts[:2] == ("data", "curated"))


@cache
def package_fingerprint() -> str:
    """A hash of every file of policykg that shapes what its commands write (code, vocabulary, curated data, queries)."""
    return _fingerprint(lambda path: path.suffix in {".py", ".ttl", ".yaml", ".rq", ".cypher"})


def compiled_modules() -> list[str]:
    """The modules of policykg that run compiled (``POLICYKG_COMPILE=1 pip install .``, see setup.py), sorted; [] in pure Python."""
    import policykg.graph.build  # noqa: F401  (it imports every module of the extractor)

    return sorted(name for name, module in list(sys.modules.items())
                  if name.startswith("policykg.") and (getattr(module, "__file__", None) or "").endswith(tuple(EXTENSION_SUFFIXES)))


def document_key(path: Path, settings: Settings | None = None) -> str:
    """The cache key of one document: its bytes, its metadata sidecar, the extractor, and the
    settings that shape its graph (the active ones unless given; see :meth:`Settings.key`)."""
    digest = hashlib.sha256(extractor_fingerprint().encode())
    digest.update((settings or current_settings()).key().encode())
    digest.update(path.read_bytes())
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if sidecar.is_file():
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=4)
def _shared(settings: Settings) -> tuple[Gazetteer, dict]:
    """The curated reference list and annotations, their IRIs minted under ``settings``' base."""
    with using(settings):
        return Gazetteer.packaged(), load_annotations()


def document_error(path: str | Path, exc: Exception) -> DocumentError:
    """``exc``, raised while loading or extracting ``path``, as one line naming the file."""
    if isinstance(exc, DocumentError):
        return exc
    if isinstance(exc, LoaderError):  # its message names the file at fault already
        return DocumentError(str(path), str(exc), named=True)
    else:  # a fault of policykg's extractor on this text: say which document, in one line
        first = str(exc).splitlines()[0] if str(exc) else ""
        reason = f"could not be extracted ({type(exc).__name__}: {first}); please report it with the document"
    return DocumentError(str(path), reason)


def extract_path(path: str, cache_file: str | None = None, settings: Settings | None = None) -> nx.MultiDiGraph:
    """Load and extract one file (under ``settings``, else the active ones), saving its graph to
    ``cache_file`` if given (only once it is whole).

    Raises :class:`DocumentError` naming the file if it cannot be loaded or extracted.
    """
    settings = settings or current_settings()
    gazetteer, annotations = _shared(settings)
    try:
        with using(settings):
            graph = extract_document(load_document(path), gazetteer, annotations)
    except Exception as exc:
        raise document_error(path, exc) from exc
    if cache_file is not None:
        atomic_write_text(Path(cache_file), dumps(graph))
    return graph


def _extract_into(graph: nx.MultiDiGraph, path: str, cache_file: str | None, settings: Settings,
                  keep_going: bool = False) -> DocumentError | None:
    """Add one file's graph, extracted under ``settings``, to ``graph``; with ``cache_file``, its own
    graph is built and saved there first.

    A document that fails raises :class:`DocumentError`; with ``keep_going`` it is returned instead and
    ``graph`` is left as it was (the document is extracted into a graph of its own, merged only if whole).
    """
    if cache_file is None and not keep_going:
        gazetteer, annotations = _shared(settings)
        try:
            with using(settings):
                extract_document(load_document(path), gazetteer, annotations, into=graph)
        except Exception as exc:
            raise document_error(path, exc) from exc
        return None
    try:
        _merge_and_free(graph, extract_path(path, cache_file, settings))
    except DocumentError as exc:
        if not keep_going:
            raise
        return exc
    return None


def _merge_and_free(graph: nx.MultiDiGraph, other: nx.MultiDiGraph) -> None:
    # Emptied once merged: networkx's edge views make a reference cycle (graph ↔ view), so with the
    # garbage collector paused (and in workers forked from a build, it stays paused) it would stay in memory.
    merge_into(graph, other)
    other.clear()


def extract_chunk(paths: list[str], cache_files: list[str | None], out: str, settings: Settings,
                  keep_going: bool = False) -> tuple[str, list[DocumentError]]:
    """Extract several files, in order, under ``settings``, into one graph and pickle its nodes and edges
    to ``out`` (run in a worker: the parent's active settings do not cross into it, so they are passed).

    One graph per chunk, not per document: the parent unpickles and merges far less, as the
    entities every document names ("HM Government") travel once per chunk.  Lists of nodes and
    edges, not the graph: the parent merges them and they are freed at once, whereas an
    unpickled graph is kept alive by networkx's reference cycles (graph ↔ its cached views)
    until the garbage collector, paused during the build, runs; that costs memory and time.
    The lists go through a file, not back through the pool's pipe: the parent's thread that
    reads the pipe gets the GIL only now and then while the parent extracts, and the worker
    would sit blocked on the full pipe meanwhile instead of extracting its next chunk.
    """
    failed: list[DocumentError] = []
    with using(settings), gc_pauses_allowed(), paused_gc():
        graph = new_graph()
        for path, cache_file in zip(paths, cache_files, strict=True):
            if (error := _extract_into(graph, path, cache_file, settings, keep_going)) is not None:
                failed.append(error)
        items = (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))
        with open(out, "wb") as handle:
            pickle.dump(items, handle, protocol=pickle.HIGHEST_PROTOCOL)
        graph.clear()  # see _merge_and_free
    return out, failed


def _merge_chunk(graph: nx.MultiDiGraph, file: str) -> None:
    # A file our own worker wrote, in a folder only this user can write to (mkdtemp), so unpickling it is safe.
    with open(file, "rb") as handle:
        nodes, edges = pickle.load(handle)
    Path(file).unlink()  # the disk space is not needed any more
    merge_items(graph, nodes, edges)


def _read_cached(cache_file: str | None) -> nx.MultiDiGraph | None:
    """The cached graph, or None if there is none or it is damaged (then the document is extracted again)."""
    if cache_file is None or not Path(cache_file).is_file():
        return None
    try:
        return loads(Path(cache_file).read_text(encoding="utf-8"))
    except (PolicyKGError, UnicodeDecodeError, KeyError, TypeError, ValueError):
        return None


def _documents(paths: list[Path], progress: Callable[[Path], None] | None, current: list[Path]) -> Iterator[Document]:
    """Load ``paths`` one at a time, reporting each once its consumer asks for the next (it is done then);
    ``current`` holds the one being loaded or extracted, to name it if that fails."""
    for path in paths:
        current[:] = [path]
        yield load_document(path)
        if progress:
            progress(path)


def build_from_paths(
    paths: list[Path],
    *,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Callable[[Path], None] | None = None,
    keep_going: bool = False,
    settings: Settings | None = None,
) -> tuple[nx.MultiDiGraph, BuildReport]:
    """Build the graph of ``paths``, reusing cached per-document graphs from ``cache_dir``.

    A document that cannot be loaded or extracted stops the build with a :class:`DocumentError`
    naming it; with ``keep_going`` it is left out instead and listed in ``report.failed``.  Only
    whole documents' graphs are ever cached.

    IRIs are minted under ``settings`` (default: the active settings, else the environment's),
    which are part of every document's cache key.  An entry point of the pipeline: the garbage
    collector is paused while it builds (see :func:`~policykg.graph.model.paused_gc`).
    """
    settings = settings or current_settings()
    with using(settings), gc_pauses_allowed(), paused_gc():
        return _build_from_paths(paths, jobs=jobs, cache_dir=cache_dir, progress=progress, keep_going=keep_going,
                                 settings=settings)


def _build_from_paths(
    paths: list[Path],
    *,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Callable[[Path], None] | None,
    keep_going: bool,
    settings: Settings,
) -> tuple[nx.MultiDiGraph, BuildReport]:
    report = BuildReport(documents=len(paths), extracted=len(paths))
    gazetteer, annotations = _shared(settings)
    if cache_dir is None and jobs == 1 and not keep_going:  # nothing to keep per document: straight into one graph
        current: list[Path] = []
        try:
            graph = build_graph(_documents(paths, progress, current), gazetteer=gazetteer, annotations=annotations)
        except Exception as exc:
            if not current:
                raise
            raise document_error(current[0], exc) from exc
        return graph, report
    # Paths key the plan below; a file given twice adds nothing the second time (merging is idempotent).
    paths = list(dict.fromkeys(paths))
    cache_files = {path: str(cache_dir / f"{document_key(path, settings)}.json") for path in paths} if cache_dir else {}
    cached = {}
    for path in paths:
        if (found := _read_cached(cache_files.get(path))) is not None:
            cached[path] = found
    missing = [path for path in paths if path not in cached]
    report.cached, report.extracted = len(cached), len(missing)
    own, chunks = _plan(paths, missing, jobs)
    graph = new_graph()

    def done(*done_paths: Path) -> None:
        if progress:
            for path in done_paths:
                progress(path)

    # Workers extract the chunks meanwhile; the parent adds every document in path order, as a serial
    # build does (merging is "first writer wins" for unset properties, so order matters): first the
    # cached ones and its own share, extracted straight into the graph, then each chunk's graph.
    with ExitStack() as stack:
        futures: dict[Path, Future] = {}  # first path of a chunk → the worker's file of the chunk's graph
        if chunks:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=min(jobs - 1, len(chunks))))
            remove_stale(gettempdir())  # worker files of builds that were killed
            folder = stack.enter_context(TemporaryDirectory(prefix=f"policykg-build-{os.getpid()}-"))
            for number, chunk in enumerate(chunks):
                futures[chunk[0]] = pool.submit(extract_chunk, [str(path) for path in chunk], [cache_files.get(path) for path in chunk],
                                                f"{folder}/chunk-{number}.pickle", settings, keep_going)
        chunk_of = {chunk[0]: chunk for chunk in chunks}
        try:
            for path in paths:
                if path in cached:
                    _merge_and_free(graph, cached.pop(path))
                    done(path)
                elif path in own:
                    if (error := _extract_into(graph, str(path), cache_files.get(path), settings, keep_going)) is not None:
                        report.failed.append(error)
                    done(path)
                    _raise_failure(futures.values())  # a bad document in a chunk stops the build now, not at its turn
                elif path in futures:
                    file, failed = futures.pop(path).result()
                    _merge_chunk(graph, file)
                    report.failed += failed
                    done(*chunk_of[path])
        except BaseException:  # a bad document or Ctrl-C: stop now, not after every other chunk
            if chunks:
                pool.shutdown(wait=True, cancel_futures=True)
            raise
    link_documents(graph, gazetteer)
    report.extracted -= len(report.failed)
    return graph, report


def _plan(paths: list[Path], missing: list[Path], jobs: int) -> tuple[set[Path], list[list[Path]]]:
    """The documents the parent extracts itself, and the chunks for ``jobs - 1`` worker processes.

    The parent takes the first documents to extract; it also merges the chunks' graphs, so its share
    is smaller than a worker's.  A chunk is a run of documents consecutive in ``paths`` (it is merged
    in their place), of at most CHUNK documents so that workers stay evenly busy and progress moves.
    """
    workers = min(jobs, len(missing)) - 1
    if workers < 1:
        return set(missing), []
    # Parent and workers finish together when share + MERGE_COST * rest == rest * (1 + SEND_COST) / workers,
    # rest = 1 - share: about 0.51 of the documents for one worker, 0.31 for two, 0.2 for three.
    per_worker = (1 + SEND_COST) / workers
    share = max(0.0, (per_worker - MERGE_COST) / (1 - MERGE_COST + per_worker))
    own = set(missing[: round(len(missing) * share)])
    chunks: list[list[Path]] = []
    run: list[Path] = []
    rest = set(missing) - own
    for path in paths:
        if path in rest and len(run) < CHUNK:
            run.append(path)
        elif run:
            chunks.append(run)
            run = [path] if path in rest else []
    if run:
        chunks.append(run)
    return own, chunks


def _raise_failure(futures: Iterable[Future]) -> None:
    for future in futures:
        if future.done() and (failure := future.exception()) is not None:
            raise failure
