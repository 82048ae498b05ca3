"""Publish the graph as an open-data folder, ready to upload.

:func:`publish` writes::

    graph.ttl graph.nt graph.nq graph.trig graph.jsonld graph.rdf   the data, in every RDF format
    context.jsonld    the JSON-LD @context of graph.jsonld
    ontology.ttl      the policykg ontology (OWL), ontology.html its human-readable page
    shapes.ttl        the SHACL shapes the data satisfies
    catalog.ttl       DCAT catalogue: dataset, one distribution per file (size, SHA-256, media type, licence)
    void.ttl          VoID description: counts of triples, entities, classes, properties; partitions; dumps
    README.md         what the data is, licence and attribution, files, how to query it
    SHA256SUMS        ``sha256sum -c SHA256SUMS`` checks every other file

N-Quads and TriG put each source document's facts in a named graph (see
:mod:`policykg.export.rdf`). Every file is byte-identical for the same graph and
arguments: nothing is read from the clock (dates come from the source documents,
see :mod:`policykg.export.dcat`, which also explains the IRIs: relative to the folder
unless a ``base_url`` is given).

The folder is written atomically: built in a hidden sibling folder and renamed into
place, so a failure leaves the previous publication (or nothing), never half of one.
An existing folder is replaced only if it is empty or holds an earlier publication.

The publication is made of parts in their own modules: what files it holds and their licences
(:mod:`~policykg.export.layout`), the DCAT catalogue and VoID (:mod:`~policykg.export.dcat`), the
ontology page and README (:mod:`~policykg.export.pages`), the atomic folder
(:mod:`~policykg.export.folders`); :mod:`~policykg.export.publication_check` checks a folder.

Memory: the data files are written a piece at a time, from the graph's sorted triples.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO
from urllib.parse import urlparse

import networkx as nx

from policykg.errors import PolicyKGError
from policykg.export import dcat
from policykg.export.folders import atomic_directory, check_target
from policykg.export.layout import ALL_FILES, CATALOG, DATA_FILES, FILE_INFO, SUMS, ontology_text
from policykg.export.pages import ontology_page, readme_text
from policykg.export.rdf import graph_names, jsonld_context, ntriples_reader, write_groups
from policykg.ontology.rdf import iter_triples, ntriples_groups

_FORMAT_FEATURES = {"turtle": "Turtle", "ntriples": "N-Triples", "nquads": "N-Quads", "trig": "TriG", "jsonld": "JSON-LD", "rdfxml": "RDF_XML"}


def _is_publication(folder: Path) -> bool:
    return (folder / SUMS).is_file() or (folder / CATALOG).is_file()



def sha256sums(files: Mapping[str, dcat.Written]) -> str:
    """``sha256sum`` output for ``files`` (text mode: two spaces), sorted by name."""
    return "".join(f"{files[name].sha256}  {name}\n" for name in sorted(files))



# ---------------------------------------------------------------------------- publish


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PolicyKGError(f"issued date {value!r} is not YYYY-MM-DD") from None


def publication_files(graph: nx.MultiDiGraph, *, base_url: str | None = None, issued: date | str | None = None,
                      publisher: str | None = None, publisher_url: str | None = None) -> dict[str, bytes]:
    """Every file of the publication (name → bytes), in memory; :func:`publish` writes them."""
    _check_base_url(base_url)
    files: dict[str, bytes] = {}

    def keep(name: str, write: Callable[[IO[bytes]], None]) -> dcat.Written:
        stream = _Digesting(io.BytesIO())
        write(stream)
        files[name] = stream.stream.getvalue()
        return stream.written()

    _make_publication(graph, keep, base_url=base_url, issued=issued, publisher=publisher, publisher_url=publisher_url)
    return files


class _Digesting:
    """A binary stream that passes what it is given to ``stream``, keeping its size and SHA-256."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self._digest = hashlib.sha256()
        self._size = 0

    def write(self, data: bytes) -> int:
        self.stream.write(data)
        self._digest.update(data)
        self._size += len(data)
        return len(data)

    def writelines(self, chunks: Iterable[bytes]) -> None:
        for chunk in chunks:
            self.write(chunk)

    def flush(self) -> None:
        self.stream.flush()

    def written(self) -> dcat.Written:
        return dcat.Written(self._size, self._digest.hexdigest())


def _check_base_url(base_url: str | None) -> None:
    if base_url and not urlparse(base_url).scheme:
        raise PolicyKGError(f"base URL {base_url!r} must be absolute, e.g. https://data.example.org/policykg/")


def _make_publication(graph: nx.MultiDiGraph, put: Callable[[str, Callable[[IO[bytes]], None]], dcat.Written], *,
                      base_url: str | None, issued: date | str | None, publisher: str | None, publisher_url: str | None) -> None:
    """Make each file of the publication with ``put(name, write)``, which calls ``write(stream)`` and
    returns the size and SHA-256 of what it wrote, all the catalogue keeps of it.  The data files are
    written a piece at a time: no file, nor the N-Triples of the graph, is ever one string in memory
    (a whole file kept as bytes and text costs several times its size)."""
    when = _as_date(issued) or dcat.newest_publication(graph)
    written: dict[str, dcat.Written] = {}

    def add(name: str, data: bytes) -> None:
        written[name] = put(name, lambda stream: stream.write(data))

    groups = list(ntriples_groups(iter_triples(graph)))  # sorted once, for every data file and the VoID statistics
    names = graph_names(graph)
    for name, fmt in DATA_FILES.items():
        written[name] = put(name, partial(write_groups, groups, fmt, names=names))
    add("context.jsonld", (json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    ontology = ontology_text("policykg.ttl")
    add("ontology.ttl", ontology.encode("utf-8"))
    add("shapes.ttl", ontology_text("shapes.ttl").encode("utf-8"))
    add("ontology.html", ontology_page(ontology).encode("utf-8"))
    title = dcat._title(dcat.source_documents(graph))
    features = {name: f"http://www.w3.org/ns/formats/{_FORMAT_FEATURES[fmt]}" for name, fmt in DATA_FILES.items()}
    void = dcat.void_graph(ntriples_reader(groups), list(DATA_FILES), base_url=base_url, title=title, formats=features)
    add("void.ttl", dcat.to_turtle(void, base_url).encode("utf-8"))
    triples = sum(len(parts) for _, parts in groups)
    add("README.md", readme_text(graph, written, title=title, issued=when, publisher=publisher, triples=triples).encode("utf-8"))
    catalog = dcat.catalog_graph(graph, written, FILE_INFO, base_url=base_url, issued=when, publisher=publisher, publisher_url=publisher_url)
    add(CATALOG, dcat.to_turtle(catalog, base_url).encode("utf-8"))
    add(SUMS, sha256sums(written).encode("utf-8"))
    assert sorted(written) == ALL_FILES


def publish(graph: nx.MultiDiGraph, folder: str | Path, *, base_url: str | None = None, issued: date | str | None = None,
            publisher: str | None = None, publisher_url: str | None = None) -> Path:
    """Write the publication folder (see the module docstring); returns its path.

    ``base_url``: where the folder will be served (``dcat:downloadURL`` and the other
    IRIs of the metadata become absolute under it); without it they are relative to
    the folder. ``issued``: the publication date (default: the newest source
    document's). ``publisher`` / ``publisher_url``: the ``dct:publisher`` agent
    (default: "policykg").
    """
    _check_base_url(base_url)
    _as_date(issued)  # a bad date is an error before anything is written
    check_target(Path(folder), may_replace=_is_publication, what="publication")  # before the work, not after
    with atomic_directory(Path(folder), may_replace=_is_publication, what="publication") as temporary:

        def write(name: str, make: Callable[[IO[bytes]], None]) -> dcat.Written:
            with open(temporary / name, "wb") as file:
                stream = _Digesting(file)
                make(stream)
            return stream.written()

        _make_publication(graph, write, base_url=base_url, issued=issued, publisher=publisher, publisher_url=publisher_url)
    return Path(folder)


__all__ = ["publication_files", "publish", "sha256sums"]
