"""The check of a publication folder (``policykg validate DIR``): every file parses, the checksums and
sizes match SHA256SUMS and the catalogue, the catalogue lists exactly the files present, the data
formats hold the same triples, the data conforms to ``shapes.ttl`` and the catalogue to
``catalogue-shapes.ttl``.

Memory: each file is read once, in pieces, and the data files one at a time, so a large
publication is checked in bounded memory.  Only the SHACL check needs the whole graph in rdflib
(:data:`~policykg.ontology.validate.SHACL_BYTES_PER_TRIPLE`); where that does not fit the memory
available it is skipped, with a note saying why.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlparse

import pyoxigraph as ox
from rdflib import RDF, Graph
from rdflib.namespace import DCAT, VOID

from policykg.export.dcat import SPDX
from policykg.export.layout import ALL_FILES, CATALOG, DATA_FILES, SUMS, ontology_text
from policykg.export.pages import check_html
from policykg.ontology.validate import too_big_for_shacl


@dataclass
class PublicationReport:
    """The outcome of :func:`validate_publication`: ``problems`` (one line each, naming the file) and what passed."""

    folder: Path
    problems: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # checks not run, and why

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        head = f"{self.folder}: " + ("valid publication" if self.ok else f"{len(self.problems)} problem(s)")
        return "\n".join([head, *self.problems])


_PARSERS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}  # rdflib's, for metadata and the SHACL check
_SUM_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _parse_rdf(path: Path, base: str) -> Graph:
    """The file's graph, by rdflib (the metadata files, whose graphs are read further)."""
    return Graph().parse(path, format=_PARSERS[path.suffix], publicID=base + path.name)


#: The data files in the order they are parsed; the first that parses is the reference of the others.
_DATA_ORDER = ["graph.nt", "graph.ttl", "graph.rdf", "graph.jsonld", "graph.nq", "graph.trig"]
assert sorted(_DATA_ORDER) == sorted(DATA_FILES)
_OX_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
               ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.STREAMING_JSON_LD, ".rdf": ox.RdfFormat.RDF_XML}


def _data_triples(path: Path, base: str) -> set[int]:
    """The triples of a data file (for N-Quads and TriG, of all its graphs), by pyoxigraph's parsers,
    as their hashes: 64-bit ints take a tenth of the memory of the triples, and two different
    triples share a hash with odds of about one in 10^7 at 16M triples.  Our JSON-LD is read as
    Streaming JSON-LD, without holding the file."""
    format = _OX_FORMATS[path.suffix]
    try:
        return {hash(quad.triple) for quad in ox.parse(path=path, format=format, base_iri=base + path.name)}
    except SyntaxError:
        if format != ox.RdfFormat.STREAMING_JSON_LD:
            raise
        # keys not in the streaming order (not written by policykg): read it whole
        return {hash(quad.triple) for quad in ox.parse(path=path, format=ox.RdfFormat.JSON_LD, base_iri=base + path.name)}


class _FileFacts(NamedTuple):
    """What the check keeps of a file, read once in pieces: its size, SHA-256, and UTF-8 decoding error if any."""

    size: int
    sha256: str
    not_utf8: str | None


_PIECE = 1 << 20  # bytes read at a time


def _read_facts(path: Path) -> _FileFacts:
    digest, decoder, size, not_utf8 = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")(), 0, None
    with open(path, "rb") as file:
        while chunk := file.read(_PIECE):
            digest.update(chunk)
            size += len(chunk)
            if not_utf8 is None:
                carried = len(decoder.getstate()[0])  # the start of a character cut at the end of the last piece
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    not_utf8 = f"{exc.reason} at byte {size - len(chunk) - carried + exc.start}"
    if not_utf8 is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            not_utf8 = f"{exc.reason} at the end"
    return _FileFacts(size, digest.hexdigest(), not_utf8)


def _jsonld_context(path: Path) -> Any:
    """The ``@context`` of a JSON-LD file: read from its start when it comes first, as in ours
    (a large graph's JSON-LD is not parsed whole for it), else from the whole file."""
    with open(path, encoding="utf-8") as file:
        head = file.read(1 << 20)
    start = re.match(r'\s*\{\s*"@context"\s*:\s*', head)
    if start is not None:
        with contextlib.suppress(ValueError):
            return json.JSONDecoder().raw_decode(head, start.end())[0]
    return json.loads(path.read_text(encoding="utf-8")).get("@context")


def _catalogue_shapes() -> Graph:
    return Graph().parse(data=ontology_text("catalogue-shapes.ttl"), format="turtle")


def validate_catalog(catalog: Graph, *, strip: str = "") -> list[str]:
    """SHACL problems of a DCAT catalogue against ``catalogue-shapes.ttl`` (one line each)."""
    from pyshacl import validate as shacl_validate

    from policykg.ontology.validate import SH

    _, results, _ = shacl_validate(catalog, shacl_graph=_catalogue_shapes(), inference="none", allow_warnings=True)
    assert isinstance(results, Graph)
    lines = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = str(results.value(result, SH.focusNode) or "")
        focus = focus[len(strip):] if strip and focus.startswith(strip) else focus
        message = results.value(result, SH.resultMessage) or "does not satisfy the catalogue shapes"
        lines.add(f"{focus or 'catalogue'}: {message}")
    return sorted(lines)


def _file_name(url: str, folder_uri: str) -> str:
    if url.startswith(folder_uri):
        return unquote(url[len(folder_uri):])
    return unquote(urlparse(url).path.rsplit("/", 1)[-1])


@dataclass
class _Folder:
    """What the checks share: the folder, its files' facts, the metadata graphs parsed so far, and the
    data file whose triples the others are compared with."""

    path: Path
    report: PublicationReport
    shacl: bool
    present: list[str] = field(default_factory=list)
    uri: str = ""
    facts: dict[str, _FileFacts] = field(default_factory=dict)
    graphs: dict[str, Graph] = field(default_factory=dict)
    reference_name: str | None = None
    reference: set[int] | None = None

    def problem(self, line: str) -> None:
        self.report.problems.append(line)

    def ok(self, line: str) -> None:
        self.report.passed.append(line)


def _check_every_file_is_there(folder: _Folder) -> None:
    for name in ALL_FILES:
        if name not in folder.facts:
            folder.problem(f"{name}: missing")


def _check_sums(folder: _Folder) -> None:
    """SHA256SUMS lists every file, with the checksum it has."""
    if SUMS not in folder.facts:
        return
    listed: dict[str, str] = {}
    for number, line in enumerate((folder.path / SUMS).read_bytes().decode("utf-8", "replace").splitlines(), 1):
        match = _SUM_LINE.match(line)
        if not match:
            folder.problem(f"{SUMS}: line {number} is not '<sha256>  <file>'")
            continue
        listed[match.group(2)] = match.group(1).lower()
    for name, digest in sorted(listed.items()):
        if name not in folder.facts:
            if name not in ALL_FILES:
                folder.problem(f"{name}: missing (listed in {SUMS})")
        elif folder.facts[name].sha256 != digest:
            folder.problem(f"{name}: SHA-256 does not match {SUMS} (the file has changed)")
    for name in folder.present:
        if name != SUMS and name not in listed:
            folder.problem(f"{name}: not listed in {SUMS}")
    folder.ok(f"{SUMS}: {len(listed)} files listed")


def _check_other_files_parse(folder: _Folder) -> None:
    """Every file but the data files parses (the RDF ones are kept for the checks after)."""
    for name in folder.present:
        if name not in folder.facts:
            folder.problem(f"{name}: is not a file")
            continue
        if name in DATA_FILES:
            continue  # checked by _check_data_files, one at a time
        if folder.facts[name].not_utf8:
            folder.problem(f"{name}: is not UTF-8 text ({folder.facts[name].not_utf8})")
            continue
        text = (folder.path / name).read_text(encoding="utf-8")
        suffix = Path(name).suffix
        try:
            if name == "context.jsonld":
                context = json.loads(text).get("@context")
                if not isinstance(context, dict):
                    raise ValueError("no @context object")
            elif suffix in _PARSERS:
                folder.graphs[name] = _parse_rdf(folder.path / name, folder.uri)
            elif suffix == ".html":
                html_problems = check_html(text)
                if html_problems:
                    raise ValueError("; ".join(html_problems))
        except Exception as exc:  # every parser has its own exceptions
            folder.problem(f"{name}: does not parse: {_first_line(exc)}")
            continue
        folder.ok(f"{name}: parses" + (f" ({len(folder.graphs[name])} triples)" if name in folder.graphs else ""))


def _check_data_files(folder: _Folder) -> None:
    """The data formats parse and hold the same triples (the first that parses is the reference).

    Parsed by pyoxigraph, one file at a time: rdflib would take minutes and gigabytes per format on a large graph.
    """
    for name in _DATA_ORDER:
        if name not in folder.facts:
            continue
        if folder.facts[name].not_utf8:
            folder.problem(f"{name}: is not UTF-8 text ({folder.facts[name].not_utf8})")
            continue
        try:
            triples = _data_triples(folder.path / name, folder.uri)
        except Exception as exc:  # every parser has its own exceptions
            folder.problem(f"{name}: does not parse: {_first_line(exc)}")
            continue
        folder.ok(f"{name}: parses ({len(triples)} triples)")
        if folder.reference is None:
            folder.reference_name, folder.reference = name, triples
        elif triples != folder.reference:
            folder.problem(f"{name}: holds different triples from {folder.reference_name} "
                           f"({len(folder.reference - triples)} missing, {len(triples - folder.reference)} extra)")


def _check_void_count(folder: _Folder) -> None:
    """void.ttl states as many triples as the data holds."""
    void = folder.graphs.get("void.ttl")
    if folder.reference is None or void is None:
        return
    stated = [int(v) for s, v in void.subject_objects(VOID.triples) if (s, RDF.type, VOID.Dataset) in void]
    if stated and stated[0] != len(folder.reference):
        folder.problem(f"void.ttl: says {stated[0]} triples, {folder.reference_name} has {len(folder.reference)}")


def _check_jsonld_context(folder: _Folder) -> None:
    """graph.jsonld uses the published context.jsonld."""
    if "graph.jsonld" in folder.facts and "context.jsonld" in folder.facts:
        with contextlib.suppress(ValueError, AttributeError):
            if _jsonld_context(folder.path / "graph.jsonld") != _jsonld_context(folder.path / "context.jsonld"):
                folder.problem("graph.jsonld: its @context differs from context.jsonld")


def _check_catalogue(folder: _Folder) -> None:
    """The catalogue satisfies its shapes and lists exactly the files present, with their sizes and checksums."""
    catalog = folder.graphs.get(CATALOG)
    if catalog is None:
        return
    for line in validate_catalog(catalog, strip=folder.uri):
        folder.problem(f"{CATALOG}: {line}")
    described: set[str] = set()
    for distribution in sorted(catalog.subjects(RDF.type, DCAT.Distribution), key=str):
        url = catalog.value(distribution, DCAT.downloadURL)
        if url is None:
            continue  # reported by the shapes
        name = _file_name(str(url), folder.uri)
        described.add(name)
        if name not in folder.facts:
            if name not in ALL_FILES:
                folder.problem(f"{name}: missing (listed in {CATALOG})")
            continue
        size = catalog.value(distribution, DCAT.byteSize)
        if size is not None and str(size) != str(folder.facts[name].size):
            folder.problem(f"{name}: {CATALOG} says {size} bytes, the file has {folder.facts[name].size}")
        checksum = catalog.value(distribution, SPDX.checksum)
        value = catalog.value(checksum, SPDX.checksumValue) if checksum is not None else None
        if value is not None and str(value).lower() != folder.facts[name].sha256:
            folder.problem(f"{name}: SHA-256 does not match {CATALOG} (the file has changed)")
    for name in folder.present:
        if name not in (CATALOG, SUMS) and name not in described:
            folder.problem(f"{name}: not listed in {CATALOG}")
    folder.ok(f"{CATALOG}: {len(described)} distributions")


def _check_shapes(folder: _Folder) -> None:
    """The data conforms to shapes.ttl (skipped, with a note, where it would not fit in memory)."""
    name, graphs = folder.reference_name, folder.graphs
    if not folder.shacl or folder.reference is None or name is None:
        return
    if reason := too_big_for_shacl(len(folder.reference)):
        folder.report.notes.append(f"not checking {name} against shapes.ttl: {reason}")
        return
    if "shapes.ttl" not in graphs or "ontology.ttl" not in graphs:
        return
    from policykg.ontology.validate import validate

    data = _parse_rdf(folder.path / name, folder.uri)
    result = validate(data, shapes=graphs["shapes.ttl"], ontology=graphs["ontology.ttl"], in_place=True)
    for line in result.violations[:20]:
        folder.problem(f"{name}: {line}")
    if len(result.violations) > 20:
        folder.problem(f"{name}: ... and {len(result.violations) - 20} more violations of shapes.ttl")
    if result.conforms:
        folder.ok(f"{name}: conforms to shapes.ttl")


#: The checks, in order: each adds its problems and passes to the report (later ones use what earlier ones parsed).
CHECKS = (_check_every_file_is_there, _check_sums, _check_other_files_parse, _check_data_files, _check_void_count,
          _check_jsonld_context, _check_catalogue, _check_shapes)


def validate_publication(folder: str | Path, *, shacl: bool = True) -> PublicationReport:
    """Check a publication folder written by :func:`~policykg.export.publish.publish` (see the module docstring).

    ``shacl=False`` skips the SHACL validation of the data (the slowest check).
    """
    path = Path(folder)
    report = PublicationReport(path)
    if not path.is_dir():
        report.problems.append(f"{path}: no such folder")
        return report
    present = sorted(entry.name for entry in path.iterdir() if not entry.name.startswith("."))
    # Each file read once, a piece at a time: the data files of a large graph are gigabytes.
    facts = {name: _read_facts(path / name) for name in present if (path / name).is_file()}
    state = _Folder(path, report, shacl, present, path.resolve().as_uri() + "/", facts)
    for check in CHECKS:
        check(state)
    report.problems = list(dict.fromkeys(report.problems))
    return report


__all__ = ["PublicationReport", "validate_catalog", "validate_publication"]
