"""Build from files: per-document extraction, cached by content hash, optionally in parallel.

A document's graph depends only on its bytes (and metadata sidecar), the curated
data and the extractor's code, so it is cached under a hash of all of them:
rebuilding after one document changed re-extracts only that document, and gives
the same graph as a clean build.  ``jobs > 1`` extracts documents in worker
processes; merging is order-independent, so the result equals a serial build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx

from policykg.atomic import atomic_write_text
from policykg.graph.build import extract_document, finish_graph, load_annotations
from policykg.graph.mentions import Gazetteer
from policykg.graph.model import paused_gc
from policykg.graph.storage import dumps, loads
from policykg.loaders import load_document


@dataclass
class BuildReport:
    documents: int = 0
    extracted: int = 0
    cached: int = 0


@cache
def extractor_fingerprint() -> str:
    """A hash of everything besides the document that shapes its graph: code and curated data."""
    digest = hashlib.sha256()
    root = resources.files("policykg")
    for folder in ("loaders", "graph", "ontology"):
        for entry in sorted((root / folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                digest.update(entry.name.encode() + entry.read_bytes())
    for name in ("reference.yaml", "annotations.yaml"):
        digest.update((root / "data" / "curated" / name).read_bytes())
    return digest.hexdigest()


def document_key(path: Path) -> str:
    """The cache key of one document: its bytes, its metadata sidecar, and the extractor."""
    digest = hashlib.sha256(extractor_fingerprint().encode())
    digest.update(path.read_bytes())
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if sidecar.is_file():
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()


@cache
def _shared() -> tuple[Gazetteer, dict]:
    return Gazetteer.packaged(), load_annotations()


def extract_path(path: str) -> str:
    """Load and extract one file; the graph as JSON text (picklable across processes)."""
    gazetteer, annotations = _shared()
    return dumps(extract_document(load_document(path), gazetteer, annotations))


def build_from_paths(
    paths: list[Path],
    *,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Callable[[Path], None] | None = None,
) -> tuple[nx.MultiDiGraph, BuildReport]:
    """Build the graph of ``paths``, reusing cached per-document graphs from ``cache_dir``."""
    with paused_gc():
        return _build_from_paths(paths, jobs=jobs, cache_dir=cache_dir, progress=progress)


def _build_from_paths(
    paths: list[Path],
    *,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Callable[[Path], None] | None = None,
) -> tuple[nx.MultiDiGraph, BuildReport]:
    report = BuildReport(documents=len(paths))
    texts: dict[Path, str] = {}
    keys = {path: document_key(path) for path in paths} if cache_dir else {}
    missing = []
    for path in paths:
        cached = cache_dir / f"{keys[path]}.json" if cache_dir else None
        if cached is not None and cached.is_file():
            texts[path] = cached.read_text(encoding="utf-8")
            report.cached += 1
            if progress:
                progress(path)
        else:
            missing.append(path)
    if jobs > 1 and len(missing) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for path, text in zip(missing, pool.map(extract_path, map(str, missing)), strict=True):
                texts[path] = text
                if progress:
                    progress(path)
    else:
        for path in missing:
            texts[path] = extract_path(str(path))
            if progress:
                progress(path)
    report.extracted = len(missing)
    if cache_dir:
        for path in missing:
            atomic_write_text(cache_dir / f"{keys[path]}.json", texts[path])
    graph = finish_graph((loads(texts[path]) for path in paths), _shared()[0])
    return graph, report
