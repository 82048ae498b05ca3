"""The publication's pages: the ontology as HTML (:func:`ontology_page`, checked by :func:`check_html`),
and the README (:func:`readme_text`), its document text escaped for Markdown (:func:`markdown_text`)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import date
from html.parser import HTMLParser

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from policykg.export import dcat
from policykg.export.dcat import ATTRIBUTION, CC_BY, OGL
from policykg.export.layout import ALL_FILES, CATALOG, DATA_FILES, FILE_INFO, SUMS
from policykg.export.rdf import compact_iri
from policykg.ontology.rdf import PKG


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



# ---------------------------------------------------------------------------- README


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

