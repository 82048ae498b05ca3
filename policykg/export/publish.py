"""Publish the graph as an open-data folder, ready to upload, and check such a folder.

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

:func:`validate_publication` checks a folder: every file parses, the checksums and
sizes match SHA256SUMS and the catalogue, the catalogue lists exactly the files
present, the data formats hold the same triples, the data conforms to
``shapes.ttl`` and the catalogue to ``catalogue-shapes.ttl``.

Memory: the data files are written a piece at a time and checked a file at a time, each
read once in pieces (so 1,000 documents, some 16M triples and 14 GB of files, fit on a
24 GB machine). Only the SHACL check needs the whole graph in rdflib (~2 KB a triple);
where that does not fit the memory available it is skipped, with a note saying why.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import html
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import IO, Any, NamedTuple
from urllib.parse import unquote, urlparse

import networkx as nx
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCAT, DCTERMS, VOID

from policykg.atomic import crash_point, exchange, remove_stale, temporary_prefix, umask
from policykg.errors import PolicyKGError
from policykg.export import dcat
from policykg.export.dcat import ATTRIBUTION, CC_BY, OGL, SPDX, FileInfo
from policykg.export.rdf import RDF_FORMATS, compact_iri, graph_names, jsonld_context, ntriples_reader, write_groups
from policykg.ontology.rdf import PKG, iter_triples, ntriples_groups
from policykg.ontology.validate import too_big_for_shacl

#: data file → export format
DATA_FILES: dict[str, str] = {
    "graph.ttl": "turtle", "graph.nt": "ntriples", "graph.nq": "nquads",
    "graph.trig": "trig", "graph.jsonld": "jsonld", "graph.rdf": "rdfxml",
}
_W3C = "https://www.w3.org/TR/"
_ONTOLOGY = str(dcat.ONTOLOGY)
_DATA_INFO: dict[str, tuple[str, str, str, str]] = {  # format → (title, file type, specification, note)
    "turtle": ("Turtle", "RDF_TURTLE", _W3C + "turtle/", "The most readable RDF format."),
    "ntriples": ("N-Triples", "RDF_N_TRIPLES", _W3C + "n-triples/", "One triple per line, sorted: easy to diff and to stream."),
    "nquads": ("N-Quads", "RDF_N_QUADS", _W3C + "n-quads/",
               "One quad per line: each source document's facts in a named graph named by the document's IRI."),
    "trig": ("TriG", "RDF_TRIG", _W3C + "trig/", "Turtle with named graphs: one per source document, named by its IRI."),
    "jsonld": ("JSON-LD", "JSON_LD", _W3C + "json-ld11/", "Reads as plain JSON: short keys defined by context.jsonld."),
    "rdfxml": ("RDF/XML", "RDF_XML", _W3C + "rdf-syntax-grammar/", "For older RDF tools."),
}
_FORMAT_FEATURES = {"turtle": "Turtle", "ntriples": "N-Triples", "nquads": "N-Quads", "trig": "TriG", "jsonld": "JSON-LD", "rdfxml": "RDF_XML"}

#: every file of a publication, as the catalogue describes it (SHA256SUMS and catalog.ttl are not in the catalogue)
FILE_INFO: dict[str, FileInfo] = {
    **{
        name: FileInfo(name, f"The knowledge graph in {title}", note, RDF_FORMATS[fmt].media_type, file_type, (spec, _ONTOLOGY), OGL, data=True)
        for name, fmt in DATA_FILES.items()
        for title, file_type, spec, note in [_DATA_INFO[fmt]]
    },
    "context.jsonld": FileInfo("context.jsonld", "JSON-LD context", "The @context of graph.jsonld: which JSON key is which RDF property.",
                               "application/ld+json", "JSON_LD", (_W3C + "json-ld11/",), CC_BY),
    "ontology.ttl": FileInfo("ontology.ttl", "The policykg ontology (OWL)", "Classes and properties the data uses, with labels and definitions.",
                             "text/turtle", "RDF_TURTLE", (_W3C + "owl2-overview/",), CC_BY),
    "ontology.html": FileInfo("ontology.html", "The policykg ontology (web page)", "The ontology as a page for people: classes, properties, statuses.",
                              "text/html", "HTML", (), CC_BY),
    "shapes.ttl": FileInfo("shapes.ttl", "SHACL shapes", "The constraints every graph.* file satisfies.",
                           "text/turtle", "RDF_TURTLE", (_W3C + "shacl/",), CC_BY),
    "void.ttl": FileInfo("void.ttl", "VoID description", "Counts of triples, entities, classes and properties; links to the data dumps.",
                         "text/turtle", "RDF_TURTLE", (_W3C + "void/",), OGL),
    "README.md": FileInfo("README.md", "README", "What the data is, its licence and sources, and how to query it.", "text/markdown", None, (), OGL),
}
CATALOG, SUMS = "catalog.ttl", "SHA256SUMS"
ALL_FILES = sorted([*FILE_INFO, CATALOG, SUMS])


# ---------------------------------------------------------------------------- atomic folders


def _fsync_tree(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_file():
            with open(entry, "rb") as stream:
                os.fsync(stream.fileno())


def check_target(path: Path, *, may_replace: Callable[[Path], bool], what: str = "folder") -> None:
    """Refuse (:class:`PolicyKGError`) a target that is a file, or a non-empty folder ``may_replace`` rejects."""
    if path.exists() and not path.is_dir():
        raise PolicyKGError(f"{path}: exists and is not a folder")
    if path.is_dir() and any(path.iterdir()) and not may_replace(path):
        raise PolicyKGError(f"{path}: the folder is not empty and does not hold an earlier {what}; choose another folder or empty it")


@contextlib.contextmanager
def atomic_directory(path: Path, *, may_replace: Callable[[Path], bool], what: str = "folder") -> Iterator[Path]:
    """Yield an empty temporary folder beside ``path``; on success it replaces ``path``.

    An existing ``path`` is replaced only if it is empty or ``may_replace(path)``;
    otherwise :class:`PolicyKGError` (nothing is written). On failure the temporary
    folder is removed and ``path`` is untouched.
    """
    path = Path(path)
    check_target(path, may_replace=may_replace, what=what)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path.parent)  # what killed runs left: a whole publication's worth of files each
    temporary = Path(tempfile.mkdtemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=path.parent))
    try:
        yield temporary
        _fsync_tree(temporary)
        os.chmod(temporary, 0o777 & ~umask())  # mkdtemp made it private; give it the mode of a new folder
        crash_point("publish-written")
        if not path.exists():
            os.replace(temporary, path)
        elif exchange(temporary, path):  # one step: the old folder or the new one is there at every instant
            crash_point("publish-exchanged")
            shutil.rmtree(temporary, ignore_errors=True)
        else:  # no atomic exchange here (not Linux): two renames, the old folder put back on failure
            old = Path(tempfile.mkdtemp(prefix=temporary_prefix(path.name), suffix=".old", dir=path.parent))
            os.rmdir(old)
            os.replace(path, old)
            try:
                crash_point("publish-between-renames")
                os.replace(temporary, path)
            except BaseException:
                os.replace(old, path)
                raise
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)


def _is_publication(folder: Path) -> bool:
    return (folder / SUMS).is_file() or (folder / CATALOG).is_file()


# ---------------------------------------------------------------------------- ontology page


def _ontology_text(name: str) -> str:
    return (resources.files("policykg.ontology") / name).read_text(encoding="utf-8")


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _local(iri: str) -> str | None:
    return iri[len(str(PKG)):] if iri.startswith(str(PKG)) else None


def _term_link(graph: Graph, node: object) -> str:
    """A class or property as HTML: a link inside the page for pkg: terms, else out; unions as ``A or B``."""
    if isinstance(node, BNode):
        members = graph.value(node, OWL.unionOf)
        if members is not None:
            return " or ".join(_term_link(graph, member) for member in Collection(graph, members))
        return "(anonymous)"
    iri = str(node)
    local = _local(iri)
    if local is not None:
        return f'<a href="#{_esc(local)}"><code>pkg:{_esc(local)}</code></a>'
    return f'<a href="{_esc(iri)}"><code>{_esc(compact_iri(iri))}</code></a>'


def _text(graph: Graph, subject: object, predicate: URIRef) -> str:
    values = sorted(str(v) for v in graph.objects(subject, predicate))  # type: ignore[arg-type]
    return " ".join(values)


def _terms(graph: Graph, kind: URIRef) -> list[URIRef]:
    return sorted((s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and _local(str(s)) is not None), key=str)


_PAGE_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1, h2, h3 { line-height: 1.2; } h3 { margin-bottom: .25rem; } code { font-size: .9em; }
section.term { border-top: 1px solid #ccc; padding: .5rem 0; } dl { display: grid; grid-template-columns: 9rem 1fr; gap: .2rem .8rem; }
dt { color: #555; } dd { margin: 0; } nav ul { columns: 3; } .iri { color: #555; font-size: .9em; }
"""


def ontology_page(turtle: str) -> str:
    """A self-contained HTML page documenting the ontology in ``turtle`` (every text escaped)."""
    graph = Graph().parse(data=turtle, format="turtle")
    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    title = _text(graph, ontology, DCTERMS.title) if ontology is not None else "Ontology"
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{_esc(title)}</title>",
           f"<style>{_PAGE_STYLE}</style>", "</head>", "<body>", f"<h1>{_esc(title)}</h1>"]
    if ontology is not None:
        out.append(f"<p>{_esc(_text(graph, ontology, DCTERMS.description))}</p>")
        out.append("<dl>")
        out.append(f'<dt>IRI</dt><dd><code>{_esc(ontology)}</code></dd><dt>Namespace</dt><dd><code>{_esc(PKG)}</code> (prefix <code>pkg:</code>)</dd>')
        for label, predicate in [("Version", OWL.versionInfo), ("Licence", DCTERMS.license)]:
            value = graph.value(ontology, predicate)
            if value is not None:
                shown = f'<a href="{_esc(value)}">{_esc(value)}</a>' if isinstance(value, URIRef) else _esc(value)
                out.append(f"<dt>{label}</dt><dd>{shown}</dd>")
        out.append("</dl>")
        comment = _text(graph, ontology, RDFS.comment)
        if comment:
            out.append(f"<p>{_esc(comment)}</p>")
    sections = [("classes", "Classes", _terms(graph, OWL.Class)),
                ("object-properties", "Relations (object properties)", _terms(graph, OWL.ObjectProperty)),
                ("datatype-properties", "Datatype properties", _terms(graph, OWL.DatatypeProperty)),
                ("statuses", "Response statuses (SKOS concepts)", _terms(graph, SKOS.ConceptScheme) + _terms(graph, SKOS.Concept))]
    out.append("<nav><h2>Contents</h2><ul>")
    out.extend(f'<li><a href="#{anchor}">{_esc(heading)}</a> ({len(terms)})</li>' for anchor, heading, terms in sections)
    out.append("</ul></nav>")
    for anchor, heading, terms in sections:
        out.append(f'<h2 id="{anchor}">{_esc(heading)}</h2>')
        index = (f'<a href="#{_esc(_local(str(t)))}">{_esc(_local(str(t)))}</a>' for t in terms)
        out.append('<p class="index">' + " · ".join(index) + "</p>")
        for term in terms:
            local = _local(str(term)) or ""
            label = _text(graph, term, RDFS.label) or _text(graph, term, SKOS.prefLabel) or local
            out.append(f'<section class="term" id="{_esc(local)}">')
            out.append(f'<h3>{_esc(label)}</h3><p class="iri"><code>pkg:{_esc(local)}</code> — <code>{_esc(term)}</code></p>')
            for text in (_text(graph, term, RDFS.comment), _text(graph, term, SKOS.definition)):
                if text:
                    out.append(f"<p>{_esc(text)}</p>")
            rows = []
            for name, predicate in [("Subclass of", RDFS.subClassOf), ("Subproperty of", RDFS.subPropertyOf), ("Domain", RDFS.domain),
                                    ("Range", RDFS.range), ("In scheme", SKOS.inScheme), ("See also", RDFS.seeAlso)]:
                values = sorted(graph.objects(term, predicate), key=lambda v: (isinstance(v, BNode), str(v)))
                if values:
                    rows.append(f"<dt>{name}</dt><dd>{', '.join(_term_link(graph, v) for v in values)}</dd>")
            kinds = sorted(compact_iri(str(k)) for k in graph.objects(term, RDF.type) if k not in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty))
            if kinds:
                rows.append(f"<dt>Also</dt><dd>{_esc(', '.join(kinds))}</dd>")
            if rows:
                out.append("<dl>" + "".join(rows) + "</dl>")
            out.append("</section>")
    out.extend(["</body>", "</html>"])
    return "\n".join(out) + "\n"


class _TagChecker(HTMLParser):
    VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
    OPTIONAL = frozenset(["p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "colgroup"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while self.stack and self.stack[-1] != tag and self.stack[-1] in self.OPTIONAL:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            line, _ = self.getpos()
            self.problems.append(f"line {line}: </{tag}> does not close <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def check_html(text: str) -> list[str]:
    """Problems that make ``text`` not well-formed enough (unbalanced tags, no html/head/body/title).

    >>> check_html("<!DOCTYPE html><html><head><title>x</title></head><body><p>a<br>b</p></body></html>")
    []
    >>> check_html("<html><head><title>x</title></head><body><div></body></html>")
    ['line 1: </body> does not close <div>']
    """
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    problems = checker.problems[:5]
    unclosed = [tag for tag in checker.stack if tag not in _TagChecker.OPTIONAL]
    if unclosed and not problems:
        problems.append(f"<{unclosed[-1]}> is never closed")
    problems += [f"no <{tag}> element" for tag in ("html", "head", "title", "body") if tag not in checker.tags]
    return problems


# ---------------------------------------------------------------------------- README and sums


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB" if n >= 1e3 else f"{n} bytes"


# Characters that can make Markdown out of text (emphasis, links, raw HTML, entities, code, tables, headings):
# each is backslash-escaped, which CommonMark allows for any ASCII punctuation.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~&])")


def markdown_text(text: str) -> str:
    r"""``text`` as literal Markdown inline text: special characters escaped, on one line.

    >>> print(markdown_text('<img src=x onerror=alert(1)> *bold*\n[a](javascript:x)'))
    \<img src=x onerror=alert\(1\)\> \*bold\* \[a\]\(javascript:x\)
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def markdown_link(text: str, url: object) -> str:
    """A Markdown link to ``url`` if it is a valid http(s) IRI; else the escaped text alone."""
    from policykg.values import web_iri_problem

    if url is None or web_iri_problem(url):
        return markdown_text(text)
    return f"[{markdown_text(text)}](<{url}>)"  # a valid IRI holds no <, > nor space


def readme_text(graph: nx.MultiDiGraph, files: Mapping[str, dcat.Written], *, title: str, issued: date | None, publisher: str | None,
                triples: int) -> str:
    """The publication's README.md; text from documents and options is escaped for Markdown, links are http(s) only."""
    documents = dcat.source_documents(graph)
    sources = "\n".join(
        f"- {markdown_link(d.get('title') or d.get('label'), d.get('source_url') or d['iri'])}, published {d.get('published') or 'undated'}"
        for d in documents
    ) or "- (none)"
    title, publisher = markdown_text(title), publisher and markdown_text(publisher)
    rows = []
    for name in ALL_FILES:
        info = FILE_INFO.get(name)
        what = {CATALOG: "DCAT catalogue: the dataset, one distribution per file with size, SHA-256, media type and licence",
                SUMS: "SHA-256 of every other file: `sha256sum -c SHA256SUMS`"}.get(name) or (f"{info.title}. {info.description}" if info else "")
        size = f" ({_size(files[name].size)})" if name in files and name in DATA_FILES else ""
        rows.append(f"| `{name}` | {what}{size} |")
    example = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?number ?title ?status WHERE {
  ?recommendation a pkg:Recommendation ; pkg:number ?number ; dcterms:title ?title .
  ?response pkg:respondsTo ?recommendation ; pkg:status/skos:prefLabel ?status .
} ORDER BY ?number"""
    return f"""# {title}

{dcat._description(graph, documents, markdown_text)}

- Size: {triples} triples.
- Published: {issued.isoformat() if issued else 'undated'}, by {publisher or 'policykg'} (dates are those of the newest source document).
- Vocabulary: the policykg ontology, `https://w3id.org/policykg/ontology#` (`ontology.ttl`, `ontology.html`).

## Licence and attribution

The data (the `graph.*` files, `void.ttl`, `catalog.ttl` and this README) is licensed under the
[Open Government Licence v3.0]({OGL}). You may copy, publish, adapt and use it,
commercially or not, as long as you acknowledge the source with this statement:

> {ATTRIBUTION}

It is derived from these documents (Crown copyright), whose text it quotes:

{sources}

The vocabulary files (`ontology.ttl`, `ontology.html`, `shapes.ttl`, `context.jsonld`) are licensed under
[Creative Commons Attribution 4.0]({CC_BY}).

## Files

| file | what it is |
|---|---|
{chr(10).join(rows)}

Every fact (node) points with `pkg:evidence` to a `pkg:Quote`: the exact sentence (`oa:exact`), its character
offsets, and the paragraph it comes from; every relation is also an `rdf:Statement` with its own evidence.
In `graph.nq` and `graph.trig` each source document's facts are in a named graph whose name is the
document's IRI; the other formats hold the same triples without graphs.

## How to query it

Load any `graph.*` file into a triple store (Apache Jena Fuseki, GraphDB, Oxigraph, ...), or serve it locally with
policykg (a read-only SPARQL endpoint at <http://127.0.0.1:3030/sparql>):

```bash
policykg serve --publication .
```

or use Python and rdflib:

```python
from rdflib import Graph
graph = Graph().parse("graph.ttl")
for row in graph.query(QUERY):
    print(row)
```

with, for example, every recommendation and the status of its response:

```sparql
{example}
```

`graph.jsonld` reads as plain JSON: `json.load(open("graph.jsonld"))["@graph"]` is a list of objects with keys such as
`id`, `type`, `label`, `number`, `status`, `deadline`, `ledBy` and `evidence` (see `context.jsonld`).

## Checking the files

`sha256sum -c SHA256SUMS` checks that the files arrived intact; `policykg validate-publication .` (policykg installed) also
checks that every file parses, that the catalogue matches the files, and that the data satisfies `shapes.ttl`.
"""


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
    (100 documents, 1.4 GB of files: the peak was 4.1 GB with the files kept, 3.5 GB with each
    file made whole, written, then dropped)."""
    when = _as_date(issued) or dcat.newest_publication(graph)
    written: dict[str, dcat.Written] = {}

    def add(name: str, data: bytes) -> None:
        written[name] = put(name, lambda stream: stream.write(data))

    groups = list(ntriples_groups(iter_triples(graph)))  # sorted once, for every data file and the VoID statistics
    names = graph_names(graph)
    for name, fmt in DATA_FILES.items():
        written[name] = put(name, partial(write_groups, groups, fmt, names=names))
    add("context.jsonld", (json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    ontology = _ontology_text("policykg.ttl")
    add("ontology.ttl", ontology.encode("utf-8"))
    add("shapes.ttl", _ontology_text("shapes.ttl").encode("utf-8"))
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


# ---------------------------------------------------------------------------- validate


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
    as their hashes: 64-bit ints take a tenth of the memory of the triples (1.6M triples: ~80 MB),
    and two different triples share a hash with odds of about one in 10^7 at 16M triples.  Our
    JSON-LD is read as Streaming JSON-LD, without holding the file (1.6M triples: 1.5 GB less)."""
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
    return Graph().parse(data=_ontology_text("catalogue-shapes.ttl"), format="turtle")


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


def validate_publication(folder: str | Path, *, shacl: bool = True) -> PublicationReport:
    """Check a publication folder written by :func:`publish` (see the module docstring).

    ``shacl=False`` skips the SHACL validation of the data (the slowest check).
    """
    folder = Path(folder)
    report = PublicationReport(folder)
    problem, ok = report.problems.append, report.passed.append
    if not folder.is_dir():
        problem(f"{folder}: no such folder")
        return report
    present = sorted(entry.name for entry in folder.iterdir() if not entry.name.startswith("."))
    folder_uri = folder.resolve().as_uri() + "/"
    # Each file read once, a piece at a time: the data files of a large graph are gigabytes.
    facts = {name: _read_facts(folder / name) for name in present if (folder / name).is_file()}

    for name in ALL_FILES:
        if name not in facts:
            problem(f"{name}: missing")

    # SHA256SUMS
    if SUMS in facts:
        listed: dict[str, str] = {}
        for number, line in enumerate((folder / SUMS).read_bytes().decode("utf-8", "replace").splitlines(), 1):
            match = _SUM_LINE.match(line)
            if not match:
                problem(f"{SUMS}: line {number} is not '<sha256>  <file>'")
                continue
            listed[match.group(2)] = match.group(1).lower()
        for name, digest in sorted(listed.items()):
            if name not in facts:
                if name not in ALL_FILES:
                    problem(f"{name}: missing (listed in {SUMS})")
            elif facts[name].sha256 != digest:
                problem(f"{name}: SHA-256 does not match {SUMS} (the file has changed)")
        for name in present:
            if name != SUMS and name not in listed:
                problem(f"{name}: not listed in {SUMS}")
        ok(f"{SUMS}: {len(listed)} files listed")

    # every file parses
    graphs: dict[str, Graph] = {}
    for name in present:
        if name not in facts:
            problem(f"{name}: is not a file")
            continue
        if name in DATA_FILES:
            continue  # checked below, one at a time
        if facts[name].not_utf8:
            problem(f"{name}: is not UTF-8 text ({facts[name].not_utf8})")
            continue
        text = (folder / name).read_text(encoding="utf-8")
        suffix = Path(name).suffix
        try:
            if name == "context.jsonld":
                context = json.loads(text).get("@context")
                if not isinstance(context, dict):
                    raise ValueError("no @context object")
            elif suffix in _PARSERS:
                graphs[name] = _parse_rdf(folder / name, folder_uri)
            elif suffix == ".html":
                html_problems = check_html(text)
                if html_problems:
                    raise ValueError("; ".join(html_problems))
        except Exception as exc:  # every parser has its own exceptions
            problem(f"{name}: does not parse: {_first_line(exc)}")
            continue
        ok(f"{name}: parses" + (f" ({len(graphs[name])} triples)" if name in graphs else ""))

    # the data formats parse and hold the same triples (the first that parses is the reference);
    # the JSON-LD uses the published context.  Parsed by pyoxigraph, one file at a time: rdflib
    # would take minutes and gigabytes per format on a large graph (1.6M triples: ~40 s, ~2.5 GB).
    reference_name, reference = None, None
    for name in _DATA_ORDER:
        if name not in facts:
            continue
        if facts[name].not_utf8:
            problem(f"{name}: is not UTF-8 text ({facts[name].not_utf8})")
            continue
        try:
            triples = _data_triples(folder / name, folder_uri)
        except Exception as exc:  # every parser has its own exceptions
            problem(f"{name}: does not parse: {_first_line(exc)}")
            continue
        ok(f"{name}: parses ({len(triples)} triples)")
        if reference is None:
            reference_name, reference = name, triples
        elif triples != reference:
            problem(f"{name}: holds different triples from {reference_name} "
                    f"({len(reference - triples)} missing, {len(triples - reference)} extra)")
    if reference is not None:
        void = graphs.get("void.ttl")
        if void is not None:
            stated = [int(v) for s, v in void.subject_objects(VOID.triples) if (s, RDF.type, VOID.Dataset) in void]
            if stated and stated[0] != len(reference):
                problem(f"void.ttl: says {stated[0]} triples, {reference_name} has {len(reference)}")
    if "graph.jsonld" in facts and "context.jsonld" in facts:
        with contextlib.suppress(ValueError, AttributeError):
            if _jsonld_context(folder / "graph.jsonld") != _jsonld_context(folder / "context.jsonld"):
                problem("graph.jsonld: its @context differs from context.jsonld")

    # the catalogue: shapes, files, sizes, checksums
    catalog = graphs.get(CATALOG)
    if catalog is not None:
        for line in validate_catalog(catalog, strip=folder_uri):
            problem(f"{CATALOG}: {line}")
        described: set[str] = set()
        for distribution in sorted(catalog.subjects(RDF.type, DCAT.Distribution), key=str):
            url = catalog.value(distribution, DCAT.downloadURL)
            if url is None:
                continue  # reported by the shapes
            name = _file_name(str(url), folder_uri)
            described.add(name)
            if name not in facts:
                if name not in ALL_FILES:
                    problem(f"{name}: missing (listed in {CATALOG})")
                continue
            size = catalog.value(distribution, DCAT.byteSize)
            if size is not None and str(size) != str(facts[name].size):
                problem(f"{name}: {CATALOG} says {size} bytes, the file has {facts[name].size}")
            checksum = catalog.value(distribution, SPDX.checksum)
            value = catalog.value(checksum, SPDX.checksumValue) if checksum is not None else None
            if value is not None and str(value).lower() != facts[name].sha256:
                problem(f"{name}: SHA-256 does not match {CATALOG} (the file has changed)")
        for name in present:
            if name not in (CATALOG, SUMS) and name not in described:
                problem(f"{name}: not listed in {CATALOG}")
        ok(f"{CATALOG}: {len(described)} distributions")

    # the data against the shapes
    if shacl and reference is not None and (reason := too_big_for_shacl(len(reference))):
        report.notes.append(f"not checking {reference_name} against shapes.ttl: {reason}")
    elif shacl and reference_name and "shapes.ttl" in graphs and "ontology.ttl" in graphs:
        from policykg.ontology.validate import validate

        data = _parse_rdf(folder / reference_name, folder_uri)
        result = validate(data, shapes=graphs["shapes.ttl"], ontology=graphs["ontology.ttl"], in_place=True)
        for line in result.violations[:20]:
            problem(f"{reference_name}: {line}")
        if len(result.violations) > 20:
            problem(f"{reference_name}: ... and {len(result.violations) - 20} more violations of shapes.ttl")
        if result.conforms:
            ok(f"{reference_name}: conforms to shapes.ttl")
    report.problems = list(dict.fromkeys(report.problems))
    return report


__all__ = ["ALL_FILES", "DATA_FILES", "FILE_INFO", "PublicationReport", "atomic_directory", "check_html", "ontology_page",
           "publication_files", "publish", "validate_publication"]
